#!/usr/bin/env bash
# Reference logs for `lmpv timestep` (fixtures/lammps/timestep-lj-nve): real LAMMPS (Debian's lmp, or $LMP)
# runs the case's in.lammps at dt = 0.0025, 0.005, 0.01 tau for 1 tau each, through `lmpv timestep
# --engine lammps` (which rewrites the timestep / run / thermo lines of a copy of the script); each
# run's log.lammps is kept as log.dt<dt>. Needs a built checkout (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
LMP="${LMP:-lmp}"
case=fixtures/lammps/timestep-lj-nve
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node bin/lmpv.js timestep "$case/in.lammps" --dt 0.0025,0.005,0.01 --engine lammps --lmp "$LMP" --keep "$tmp" >/dev/null
for dt in 0.0025 0.005 0.01; do cp "$tmp/dt$dt/log.lammps" "$case/log.dt$dt"; done
"$LMP" -h | sed -n 2p
ls -l "$case"
