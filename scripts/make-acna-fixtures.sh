#!/usr/bin/env bash
# Fixtures for a-CNA against a reference table (`lmpv acna --reference`, verify.json "acna"):
# - fixtures/lammps/acna-verify: real LAMMPS (Debian's lmp, or $LMP) runs in.lammps (an LJ fcc
#   crystal at T 0.05, 108 atoms, dump every 25 steps); acna.ovito.txt is written by hand in OVITO's
#   Table of global attributes layout (108 fcc atoms at each timestep: the crystal stays fcc) and is
#   not regenerated here; verify.json names it.
# - fixtures/lammps/acna-reference: lmpv's own --csv and --json output for the LAMMPS dump
#   fixtures/lammps/binary-dumps/dump.custom.lammpstrj (a melting LJ crystal): a regression reference.
# Needs a build (npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
LMP="${LMP:-lmp}"
(cd fixtures/lammps/acna-verify && "$LMP" -in in.lammps -screen none >/dev/null && rm -f log.cite)
dump=fixtures/lammps/binary-dumps/dump.custom.lammpstrj
out=fixtures/lammps/acna-reference
node bin/lmpv.js acna "$dump" --csv "$out/acna.lmpv.csv" >/dev/null
node bin/lmpv.js acna "$dump" --json > "$out/acna.lmpv.json"
"$LMP" -h | sed -n 2p
ls -l fixtures/lammps/acna-verify "$out"
