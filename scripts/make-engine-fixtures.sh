#!/bin/sh
# Regenerate fixtures/lammps/engine-*/ with real LAMMPS (Debian's lmp, 29 Sep 2021 - Update 2):
# runs each case's in.lammps in its folder and keeps what LAMMPS wrote (log.lammps, dump*).
# Usage: scripts/make-engine-fixtures.sh [LMP]   (default: $LMP or lmp)
set -eu
LMP=${1:-${LMP:-lmp}}
cd "$(dirname "$0")/../fixtures/lammps"
# glibc printf reference table for src/io/text/printf.ts
cc -O0 -o /tmp/printf-cases ../../scripts/printf-cases.c && /tmp/printf-cases > engine-printf/cases.tsv
for d in engine-*/; do
  d=${d%/}
  [ -f "$d/in.lammps" ] || continue
  echo "== $d"
  (cd "$d" && rm -f log.lammps dump*.lammpstrj && "$LMP" -in in.lammps -log log.lammps -screen none) || echo "   (lmp exited with an error: expected for failure cases)"
done
