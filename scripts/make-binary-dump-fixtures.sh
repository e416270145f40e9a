#!/bin/sh
# Regenerate fixtures/lammps/binary-dumps/ with Debian's lmp (29 Sep 2021): binary dumps (dump atom
# and dump custom with .bin names) and text dumps of the same run with the same columns.
# Usage: scripts/make-binary-dump-fixtures.sh [LMP]   (default: $LMP or lmp)
set -eu
LMP=${1:-${LMP:-lmp}}
cd "$(dirname "$0")/../fixtures/lammps/binary-dumps"
rm -f dump.* log.lammps
"$LMP" -in in.lammps -log log.lammps -screen none
ls -l dump.*
