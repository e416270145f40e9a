#!/bin/sh
# Regenerates fixtures/lammps/cna-*/ with real LAMMPS (Debian's lmp, or $LMP): small configurations
# (noisy bcc/fcc/hcp, a triclinic bcc, a 2x2x2 bcc box, a melted LJ liquid, an LJ gas with clusters)
# and what `compute cna/atom` and `compute cluster/atom` say about every atom, dumped with %.17g so
# that the positions we read are the doubles LAMMPS used.
# Usage: sh scripts/make-cna-fixtures.sh   (from the repository root)
set -eu
LMP=${LMP:-lmp}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

# case NAME: writes fixtures/lammps/NAME/in.lammps from stdin, runs lmp there
case_() {
  dir="$ROOT/fixtures/lammps/$1"
  mkdir -p "$dir"
  cat > "$dir/in.lammps"
  (cd "$dir" && "$LMP" -nocite -log log.lammps -screen none -in in.lammps)
  echo "$1: $(grep -c . "$dir/dump.cna") lines"
}

# common tail: pair style wide enough for the computes' ghost atoms, the computes, one dump, run 0
tail_() {
  cat <<TAIL
mass * 1.0
pair_style lj/cut $2
pair_coeff * * 0.0 1.0
compute cna all cna/atom $1
compute clu all cluster/atom $3
dump d all custom 1 dump.cna id type x y z c_cna c_clu
dump_modify d format float %.17g sort id
run 0
TAIL
}

case_ cna-bcc <<IN
# bcc (a = 2.8665), 6x6x6 cells, uniform random displacements up to 0.25 A per coordinate
units metal
boundary p p p
lattice bcc 2.8665
region box block 0 6 0 6 0 6
create_box 1 box
create_atoms 1 box
displace_atoms all random 0.25 0.25 0.25 4821 units box
$(tail_ 3.4599 7.0 2.6)
IN

case_ cna-fcc <<IN
# fcc (a = 3.615), 5x5x5 cells, random displacements up to 0.32 A
units metal
boundary p p p
lattice fcc 3.615
region box block 0 5 0 5 0 5
create_box 1 box
create_atoms 1 box
displace_atoms all random 0.32 0.32 0.32 1187 units box
$(tail_ 3.0872 7.0 2.3)
IN

case_ cna-hcp <<IN
# hcp (a = 3.21, ideal c/a), 6x4x4 cells of LAMMPS's orthorhombic hcp lattice, displacements up to 0.35 A
units metal
boundary p p p
lattice hcp 3.21
region box block 0 6 0 4 0 4
create_box 1 box
create_atoms 1 box
displace_atoms all random 0.35 0.35 0.35 733 units box
$(tail_ 3.875 8.0 2.9)
IN

case_ cna-bcc-tri <<IN
# bcc in a triclinic box whose edges are lattice vectors (xy = xz = yz = one lattice spacing)
units metal
boundary p p p
lattice bcc 3.3
region box prism 0 5 0 5 0 5 1 1 1
create_box 1 box
create_atoms 1 box
displace_atoms all random 0.35 0.35 0.35 99 units box
$(tail_ 3.9831 8.0 3.0)
IN

case_ cna-bcc-small <<IN
# bcc 2x2x2 cells (box 5.733 A, smaller than twice the CNA cutoff): periodic images of images
units metal
boundary p p p
lattice bcc 2.8665
region box block 0 2 0 2 0 2
create_box 1 box
create_atoms 1 box
displace_atoms all random 0.3 0.3 0.3 17 units box
$(tail_ 3.4599 7.0 2.6)
IN

case_ cna-lj-liquid <<IN
# LJ liquid: fcc at rho* = 0.8442 melted at T* = 3 for 500 steps, then analysed
units lj
boundary p p p
lattice fcc 0.8442
region box block 0 5 0 5 0 5
create_box 1 box
create_atoms 1 box
mass 1 1.0
velocity all create 3.0 87287 loop geom
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0 2.5
fix 1 all nve
thermo 100
run 500
unfix 1
pair_style lj/cut 3.0
pair_coeff 1 1 1.0 1.0 3.0
compute cna all cna/atom 1.45
compute clu all cluster/atom 1.2
dump d all custom 1 dump.cna id type x y z c_cna c_clu
dump_modify d format float %.17g sort id
run 0
IN

case_ cna-lj-gas <<IN
# LJ gas: 300 random points in a 16^3 box with open z (clusters by distance, mostly 'other' CNA)
units lj
boundary p p f
region box block 0 16 0 16 0 16
create_box 1 box
create_atoms 1 random 300 5531 box
$(tail_ 1.45 3.2 1.5)
IN

case_ cna-crowded <<IN
# bcc 4x4x4 with 3 extra atoms crowding one atom's neighbour inside the box and 3 crowding a
# neighbour that is a periodic image: those neighbours have > 16 neighbours (LAMMPS's MAXNEAR), so
# LAMMPS truncates (owned) or empties (ghost) their common-neighbour lists
units metal
boundary p p p
lattice bcc 2.8665
region box block 0 4 0 4 0 4
create_box 1 box
create_atoms 1 box
displace_atoms all random 0.1 0.1 0.1 5 units box
create_atoms 1 single 6.4836 6.4836 6.4836 units box
create_atoms 1 single 6.5313 6.5313 6.2119 units box
create_atoms 1 single 6.2119 6.5313 6.5313 units box
create_atoms 1 single 0.7506 0.7506 0.7506 units box
create_atoms 1 single 0.7983 0.7983 0.4789 units box
create_atoms 1 single 0.4789 0.7983 0.7983 units box
$(tail_ 3.4599 7.0 2.6)
IN
