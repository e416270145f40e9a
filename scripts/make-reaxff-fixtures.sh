#!/usr/bin/env bash
# Regenerate the ReaxFF fixtures under fixtures/lammps/reaxff-*/ with a real LAMMPS built with
# REAXFF and QEQ (Debian's lmp has neither): by default /work/shared/bin/lmp_full (29 Sep 2021
# update 2, the build that wrote ../shared/reference); override with LMP_REAXFF=/path/to/lmp.
#
#   reaxff-rdx/   LAMMPS examples/reaxff RDX molecule (21 atoms), the inputs of
#                 ../shared/reference/reaxff-rdx, run again here: log.lammps with the 14 partial
#                 energies (c_reax[1..14], %.15g) and dump.forces.lammpstrj (x v f q at steps 0, 100).
set -euo pipefail
cd "$(dirname "$0")/.."
LMP=${LMP_REAXFF:-/work/shared/bin/lmp_full}
[ -x "$LMP" ] || { echo "make-reaxff-fixtures: no LAMMPS with REAXFF (set LMP_REAXFF)" >&2; exit 1; }
REF=${REFERENCE:-../shared/reference}
OUT=fixtures/lammps

run_case() { # dir
  (cd "$1" && "$LMP" -in in.lammps -log log.lammps -screen none) || return 1
  sed -i -E '/^  CPU time|^Total wall time|^Loop time|^Performance|^[0-9.]*% CPU use|^(Pair|Neigh|Comm|Output|Modify|Other) +\|/d' "$1/log.lammps"
}

# ---------------------------------------------------------------- rdx
d=$OUT/reaxff-rdx
rm -rf "$d"; mkdir -p "$d"
cp "$REF/reaxff-rdx/in.lammps" "$REF/reaxff-rdx/data.rdx" "$REF/reaxff-rdx/ffield.reax" "$REF/reaxff-rdx/control.reax_c.rdx" "$d/"
chmod u+w "$d"/*
run_case "$d"
