#!/usr/bin/env bash
# Tight-QEq variants of the ReaxFF reference cases of ../shared/reference, made with a real LAMMPS
# built with REAXFF: $LMP_FULL, by default ../shared/bin/lmp_full (29 Sep 2021 update 2, the build
# that wrote ../shared/reference). The reference cases solve QEq to tolerance 1e-6, so charges can
# only be compared to ~1e-6 e; each variant is its case with `fix qeq/reaxff ... 1e-10` and
# everything else the same (inputs copied, the tolerance word replaced, the log written to
# log.lammps with timings removed).
#
#   reaxff-rdx-tight/  RDX molecule (21 atoms), 100 NVE steps, dt 1 fs, tabulate_long_range
#   reaxff-cho-tight/  CHO mixture (105 atoms), 100 steps NVE + temp/berendsen, dt 0.25 fs, param.qeq
# Not made: reaxff-auo (960 atoms) and reaxff-tatb (its bonds file): outputs over ~300 KB.
set -euo pipefail
cd "$(dirname "$0")/.."
LMP=${LMP_FULL:-../shared/bin/lmp_full}
LMP=$(realpath "$LMP" 2>/dev/null || echo "$LMP")
[ -x "$LMP" ] || { echo "make-reaxff-tight-qeq-fixtures: no LAMMPS with REAXFF (set LMP_FULL)" >&2; exit 1; }
SRC=${REFERENCE:-../shared/reference}
OUT=fixtures/lammps

for c in rdx cho; do
  d=$OUT/reaxff-$c-tight
  rm -rf "$d"; mkdir -p "$d"
  # inputs only (the reference's outputs and CASE.md stay behind)
  for f in "$SRC/reaxff-$c"/*; do
    case "$(basename "$f")" in log.lammps|dump.*|CASE.md) ;; *) cp "$f" "$d/" ;; esac
  done
  chmod u+w "$d"/*
  # the QEq tolerance (4th argument after the style) 1e-6 -> 1e-10; fail if the line is not there
  grep -Eq '^fix +[^ ]+ +[^ ]+ +qeq/reaxff +[^ ]+ +[^ ]+ +[^ ]+ +1(\.0)?e-6 ' "$d/in.lammps"
  sed -i -E 's/^(fix +[^ ]+ +[^ ]+ +qeq\/reaxff +[^ ]+ +[^ ]+ +[^ ]+ +)1(\.0)?e-6 /\11.0e-10 /' "$d/in.lammps"
  sed -i "1i # Tight-QEq variant of ../shared/reference/reaxff-$c (scripts/make-reaxff-tight-qeq-fixtures.sh): QEq tolerance 1e-10, all else the same" "$d/in.lammps"
  (cd "$d" && "$LMP" -in in.lammps -log log.lammps -screen none)
  sed -i -E '/CPU = [0-9.]+ seconds$|^  CPU time|^Total wall time|^Loop time|^Performance|^[0-9.]*% CPU use|^(Pair|Neigh|Comm|Output|Modify|Other) +\|/d' "$d/log.lammps"
done
