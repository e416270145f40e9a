#!/bin/sh
# fixtures/lammps/reaxff-tatb-outputs/: the outputs of fix reaxff/bonds and fix reaxff/species.
#  - bonds.reaxff, species.tatb: copied from ../shared/reference/reaxff-tatb (what LAMMPS 29 Sep 2021
#    with REAXFF wrote there; see its CASE.md);
#  - species.pos (+ species.run, log.lammps): the same case rerun with fix reaxff/species's
#    `position` keyword, 10 steps, by a LAMMPS with REAXFF (default ../shared/bin/lmp_full).
# Usage: scripts/make-reaxff-output-fixtures.sh [LMP]   (default: $LMP_FULL or ../shared/bin/lmp_full)
set -eu
cd "$(dirname "$0")/.."
REF=$(pwd)/../shared/reference/reaxff-tatb
LMP=${1:-${LMP_FULL:-$(pwd)/../shared/bin/lmp_full}}
OUT=fixtures/lammps/reaxff-tatb-outputs
cp "$REF/bonds.reaxff" "$REF/species.tatb" "$OUT/"
chmod u+w "$OUT/bonds.reaxff" "$OUT/species.tatb"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$REF/data.tatb" "$REF/ffield.reax" "$REF/control.reax_c.tatb" "$WORK/"
cp "$OUT/in.species" "$WORK/"
# LAMMPS 29 Sep 2021 crashes (segmentation fault) while deleting fix reaxff/species with `position`
# at exit, after the run and every output are complete: accept that, but require the loop to have run
(cd "$WORK" && "$LMP" -in in.species -log log.lammps -screen none) || echo "lmp exited with status $? after the run (known exit-time crash); checking outputs"
grep -q '^Loop time' "$WORK/log.lammps"
test -s "$WORK/species.pos"
cp "$WORK/species.pos" "$WORK/species.run" "$WORK/log.lammps" "$OUT/"
ls -l "$OUT"
