#!/bin/sh
# Regenerate fixtures/lammps/lammps-2025/ with current LAMMPS (4 Feb 2025): type labels in a
# molecular data file (in.labels), a general triclinic data file and dump (in.gtri), and
# dump yaml beside a text dump of the same run (in.yaml).
# Usage: scripts/make-lammps2025-fixtures.sh [LMP]   (default: $LMP_2025 or ../shared/bin/lmp_2025)
set -eu
cd "$(dirname "$0")/.."
LMP=${1:-${LMP_2025:-$(pwd)/../shared/bin/lmp_2025}}
cd fixtures/lammps/lammps-2025
rm -f dump.labels data.labels data.gtri data.rtri dump.gtri dump.rtri dump.run.yaml dump.run.lammpstrj log.*.lammps
for c in labels gtri yaml; do
  "$LMP" -in in.$c -log log.$c.lammps -screen none
done
ls -l data.* dump.*
