#!/usr/bin/env bash
# Regenerate the ReaxFF fixtures under fixtures/lammps/reaxff-*/ with a real LAMMPS that has the
# REAXFF and QEQ packages (Debian's lmp has neither): $LMP_FULL, by default
# ../shared/bin/lmp_full (29 Sep 2021 update 2, the build that wrote ../shared/reference).
#
#   reaxff-rdx/   the RDX molecule of LAMMPS examples/reaxff (21 atoms, tabulate_long_range 10000,
#                 fix qeq/reaxff tol 1e-6), inputs copied from ../shared/reference/reaxff-rdx;
#                 100 NVE steps: log.lammps (thermo with the 14 c_reax terms, %.15g) and
#                 dump.forces.lammpstrj (steps 0 and 100, with q).
set -euo pipefail
cd "$(dirname "$0")/.."
LMP=${LMP_FULL:-../shared/bin/lmp_full}
[ -x "$LMP" ] || { echo "make-reaxff-fixtures: no LAMMPS with REAXFF (set LMP_FULL)" >&2; exit 1; }
SRC=${REFERENCE:-../shared/reference}
OUT=fixtures/lammps

mkdir -p "$OUT/reaxff-rdx"
cp "$SRC/reaxff-rdx/"{in.lammps,data.rdx,ffield.reax,control.reax_c.rdx,CASE.md} "$OUT/reaxff-rdx/"
(cd "$OUT/reaxff-rdx" && "$LMP" -in in.lammps -screen none -log log.lammps)
