#!/usr/bin/env bash
# Fixtures for `lmpv check` (fixtures/lammps/check-*): each in.lammps is run once by real LAMMPS
# (Debian's lmp, or $LMP) from inside its folder, so the folder holds what LAMMPS wrote for the same
# script (log.lammps, dumps): proof that LAMMPS accepts the script, and a case `lmpv verify` can rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
LMP="${LMP:-lmp}"
for case in fixtures/lammps/check-*/; do
  (cd "$case" && "$LMP" -in in.lammps -screen none >/dev/null && rm -f log.cite)
done
"$LMP" -h | sed -n 2p
ls -l fixtures/lammps/check-*
