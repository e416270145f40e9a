#!/bin/sh
# Regenerate fixtures/lammps/data-styles/ with real LAMMPS (Debian's lmp, 29 Sep 2021 - Update 2):
# write_data in atom styles bond and angle (pair ij), and molecular with class2 bonds, angles,
# dihedrals and impropers (every cross-term section: BondBond, BondAngle, MiddleBondTorsion,
# EndBondTorsion, AngleTorsion, AngleAngleTorsion, BondBond13, AngleAngle Coeffs).
# Inputs data.in.* are hand-written (they also test the reader: extra ... per atom, mass comments).
# Usage: scripts/make-data-fixtures.sh [LMP]   (default: $LMP or lmp)
set -eu
LMP=${1:-${LMP:-lmp}}
cd "$(dirname "$0")/../fixtures/lammps/data-styles"
rm -f data.bond data.angle data.class2 log.lammps
"$LMP" -in in.lammps -log log.lammps -screen none
ls -l data.bond data.angle data.class2
