#!/bin/sh
# Regenerate fixtures/lammps/labelmap-2025/ with current LAMMPS (4 Feb 2025): an LJ mixture whose
# script names its atom types by label (labelmap atom 1 A 2 B) in every command lmpv resolves labels
# for, and reads back its own write_data (Atom Type Labels).
# Usage: scripts/make-labelmap-fixture.sh [LMP]   (default: $LMP_2025 or ../shared/bin/lmp_2025)
set -eu
cd "$(dirname "$0")/.."
LMP=${1:-${LMP_2025:-$(pwd)/../shared/bin/lmp_2025}}
cd fixtures/lammps/labelmap-2025
rm -f log.lammps data.labelmap rdf.out
"$LMP" -in in.lammps -log log.lammps -screen none
ls -l log.lammps data.labelmap rdf.out
