#!/usr/bin/env bash
# Benchmark input for scripts/bench/dump-parse.ts, written by real LAMMPS (never into the repo).
# LJ fcc crystal (256,000 atoms, 40x40x40 unit cells) melting from T=1.44: `dump custom id type
# x y z vx vy vz` every 5 steps for 20 steps = 5 frames, twice in the same run:
#   dump.lj256k.default.lammpstrj  LAMMPS's default %g floats (what most users have)
#   dump.lj256k.p15.lammpstrj      dump_modify format float %.15g (LAMMPS's usual full precision)
#   dump.lj256k.p17.lammpstrj      dump_modify format float %.17g (every double exact: 16-17 digits)
# Usage: scripts/make-large-dump.sh [OUTDIR]   (default /tmp/lmpv-bench; reused when present)
set -euo pipefail
OUT=${1:-/tmp/lmpv-bench}
LMP=${LMP:-lmp}
mkdir -p "$OUT"
cd "$OUT"
if [[ -s dump.lj256k.default.lammpstrj && -s dump.lj256k.p15.lammpstrj && -s dump.lj256k.p17.lammpstrj && -f done.stamp ]]; then
  echo "make-large-dump: reusing $OUT" >&2
  exit 0
fi
rm -f done.stamp
cat > in.bench <<'LMPIN'
units           lj
atom_style      atomic
lattice         fcc 0.8442
region          box block 0 40 0 40 0 40
create_box      1 box
create_atoms    1 box
mass            1 1.0
velocity        all create 1.44 87287 loop geom
pair_style      lj/cut 2.5
pair_coeff      1 1 1.0 1.0 2.5
neighbor        0.3 bin
neigh_modify    delay 0 every 20 check no
fix             1 all nve
dump            d1 all custom 5 dump.lj256k.default.lammpstrj id type x y z vx vy vz
dump_modify     d1 sort id
dump            d2 all custom 5 dump.lj256k.p15.lammpstrj id type x y z vx vy vz
dump_modify     d2 sort id format float %.15g
dump            d3 all custom 5 dump.lj256k.p17.lammpstrj id type x y z vx vy vz
dump_modify     d3 sort id format float %.17g
thermo          10
run             20
LMPIN
"$LMP" -in in.bench -log log.bench -screen none
touch done.stamp
ls -l "$OUT"/dump.*.lammpstrj >&2
