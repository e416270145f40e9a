#!/bin/sh
# fixtures/lammps/ovito-attributes/acna.attributes.txt: per-frame a-CNA counts in OVITO's "Table of
# global attributes" layout, written by lmpv itself (`lmpv acna --attributes`) from the LAMMPS dump
# fixtures/lammps/binary-dumps/dump.custom.lammpstrj. A seed for the reader's fuzz test; not an
# OVITO output. Needs a build (npm run build).
set -eu
cd "$(dirname "$0")/.."
node bin/lmpv.js acna fixtures/lammps/binary-dumps/dump.custom.lammpstrj --attributes fixtures/lammps/ovito-attributes/acna.attributes.txt
