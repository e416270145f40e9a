#!/bin/sh
# fixtures/lammps/reaxff-tatb-outputs/: the outputs of fix reaxff/bonds and fix reaxff/species.
#  - bonds.reaxff, species.tatb: copied from ../shared/reference/reaxff-tatb (what LAMMPS 29 Sep 2021
#    with REAXFF wrote there; see its CASE.md);
#  - species.pos (+ species.run, log.lammps): the same case rerun with fix reaxff/species's
#    `position` keyword, 10 steps, by a LAMMPS with REAXFF (default ../shared/bin/lmp_full);
#  - bonds.2025, species.2025.run, species.2025.pos (+ log.2025.lammps): the same by LAMMPS 4 Feb 2025
#    (in.species2025; default ../shared/bin/lmp_2025).
# Usage: scripts/make-reaxff-output-fixtures.sh [LMP [LMP_2025]]   (default: $LMP_FULL or ../shared/bin/lmp_full, $LMP_2025 or ../shared/bin/lmp_2025)
set -eu
cd "$(dirname "$0")/.."
REF=$(pwd)/../shared/reference/reaxff-tatb
LMP=${1:-${LMP_FULL:-$(pwd)/../shared/bin/lmp_full}}
LMP25=${2:-${LMP_2025:-$(pwd)/../shared/bin/lmp_2025}}
OUT=fixtures/lammps/reaxff-tatb-outputs
cp "$REF/bonds.reaxff" "$REF/species.tatb" "$OUT/"
chmod u+w "$OUT/bonds.reaxff" "$OUT/species.tatb"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$REF/data.tatb" "$REF/ffield.reax" "$REF/control.reax_c.tatb" "$WORK/"
cp "$OUT/in.species" "$OUT/in.species2025" "$WORK/"
# LAMMPS 29 Sep 2021 crashes (segmentation fault) while deleting fix reaxff/species with `position`
# at exit, after the run and every output are complete: accept that, but require the loop to have run
(cd "$WORK" && "$LMP" -in in.species -log log.lammps -screen none) || echo "lmp exited with status $? after the run (known exit-time crash); checking outputs"
grep -q '^Loop time' "$WORK/log.lammps"
test -s "$WORK/species.pos"
cp "$WORK/species.pos" "$WORK/species.run" "$WORK/log.lammps" "$OUT/"
(cd "$WORK" && "$LMP25" -in in.species2025 -log log.2025.lammps -screen none)
cp "$WORK/bonds.2025" "$WORK/species.2025.run" "$WORK/species.2025.pos" "$WORK/log.2025.lammps" "$OUT/"
ls -l "$OUT"
