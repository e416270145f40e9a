#!/usr/bin/env bash
# Fixtures for `lmpv run` with pair_style reaxff and no charge equilibration (charges fixed:
# `checkqeq no`), made with a real LAMMPS built with REAXFF: $LMP_FULL, by default
# ../shared/bin/lmp_full (29 Sep 2021 update 2, the build that wrote ../shared/reference).
# Every case: thermo every step (step temp pe ke etotal press c_reax[1..14], %.15g, norm no) and a
# force dump (id type x y z vx vy vz fx fy fz q, %.15g) at the first and last step; RDX and fcc
# Li also dump c_pe of compute pe/atom.
#
#   reaxff-rdx-fixedq/      RDX (LAMMPS examples/reaxff): charges of a QEq at tolerance 1e-10 written
#                           once into data.rdx-q by in.prep, then 40 NVE steps from 300 K, dt 0.25 fs;
#                           also fix reaxff/bonds every 10 steps (bonds.reaxff).
#   reaxff-li-cluster-<ff>/ a Li cluster (bcc a = 3.51 A sphere r = 5 A, 15 atoms, displaced 0.1 A),
#                           boundary f f f, q = 0, 600 K, 30 NVE steps, dt 0.5 fs, for each Li force
#                           field of ../shared/potentials (Aryanfar with its glued `!` comments split,
#                           as SOURCES.md says LAMMPS needs).
#   reaxff-li-fcc-tri/      fcc Li (a = 4.40 A) in a triclinic periodic box (xy 1.1, xz -0.7, yz 0.5),
#                           108 atoms displaced 0.1 A, q = 0, Gaissmaier 2022, 400 K, 20 NVE steps.
#   reaxff-li-bcc-small/    bcc Li 2x2x2 (box 7.02 A: atoms bond to their own periodic images), Islam.
#   reaxff-li-hcp/          hcp Li 3x2x2, Han 2014.
#   reaxff-li2/, reaxff-li4/  a Li dimer (Gaissmaier) and a Li4 tetrahedron (Aryanfar), boundary f f f.
#   reaxff-o2-nobond-enobonds-{yes,no}/  two O (RDX ffield) 6 A apart (no bond), enobonds yes|no.
#   reaxff-cho-species/     CHO mixture (charges of a 1e-10 QEq in data.CHO-q), 1000 K, 60 NVE steps, with
#                           fix reaxff/species (species.out) and fix reaxff/bonds (bonds.reaxff).
set -euo pipefail
cd "$(dirname "$0")/.."
LMP=${LMP_FULL:-../shared/bin/lmp_full}
LMP=$(realpath "$LMP" 2>/dev/null || echo "$LMP")
[ -x "$LMP" ] || { echo "make-reaxff-run-fixtures: no LAMMPS with REAXFF (set LMP_FULL)" >&2; exit 1; }
SRC=${REFERENCE:-../shared/reference}
POT=${POTENTIALS:-../shared/potentials}
OUT=fixtures/lammps

run_case() { # dir [input]
  (cd "$1" && "$LMP" -in "${2:-in.lammps}" -log "${3:-log.lammps}" -screen none) || return 1
  sed -i -E '/CPU = [0-9.]+ seconds$|^  CPU time|^Total wall time|^Loop time|^Performance|^[0-9.]*% CPU use|^(Pair|Neigh|Comm|Output|Modify|Other) +\|/d' "$1/${3:-log.lammps}"
}

THERMO='thermo          1
thermo_style    custom step temp pe ke etotal press &
                c_reax[1] c_reax[2] c_reax[3] c_reax[4] c_reax[5] c_reax[6] c_reax[7] &
                c_reax[8] c_reax[9] c_reax[10] c_reax[11] c_reax[12] c_reax[13] c_reax[14]
thermo_modify   format float %.15g norm no'

# ---------------------------------------------------------------- RDX, fixed charges
d=$OUT/reaxff-rdx-fixedq
rm -rf "$d"; mkdir -p "$d"
cp "$SRC/reaxff-rdx/"{data.rdx,ffield.reax,control.reax_c.rdx} "$d/"
chmod u+w "$d"/*
cat > "$d/in.prep" <<'EOT'
# QEq charges of the RDX molecule (tolerance 1e-10), written into data.rdx-q for in.lammps
units           real
atom_style      charge
read_data       data.rdx
pair_style      reaxff control.reax_c.rdx
pair_coeff      * * ffield.reax C H O N
fix             q all qeq/reaxff 1 0.0 10.0 1.0e-10 reaxff
run             0
write_data      data.rdx-q
EOT
run_case "$d" in.prep log.prep
cat > "$d/in.lammps" <<EOT
# RDX with fixed charges (checkqeq no; charges from in.prep), 40 NVE steps from 300 K, dt 0.25 fs
units           real
atom_style      charge
read_data       data.rdx-q
pair_style      reaxff control.reax_c.rdx checkqeq no
pair_coeff      * * ffield.reax C H O N
compute         reax all pair reaxff
neighbor        2.5 bin
neigh_modify    every 1 delay 0 check yes
velocity        all create 300.0 4928459 mom yes rot yes dist gaussian loop geom
fix             1 all nve
timestep        0.25
$THERMO
compute         pe all pe/atom
dump            f all custom 40 dump.forces.lammpstrj id type x y z vx vy vz fx fy fz q c_pe
fix             b all reaxff/bonds 10 bonds.reaxff
dump_modify     f sort id format float %.15g
run             40
EOT
run_case "$d"

# ---------------------------------------------------------------- Li clusters, open boundaries
for ff in LiNaMg_Gaissmaier2022 LiS_Islam2015 LiSi_Han2014 Li_Aryanfar2015; do
  d=$OUT/reaxff-li-cluster-${ff%%_*}
  d=$OUT/reaxff-li-cluster-$(echo "$ff" | tr 'A-Z_' 'a-z-')
  rm -rf "$d"; mkdir -p "$d"
  sed 's/\([0-9]\)!/\1 !/g' "$POT/ffield.reax.$ff" > "$d/ffield.reax.$ff"
  cat > "$d/in.lammps" <<EOT
# Li cluster (bcc a = 3.51 A, sphere r = 5 A, displaced <= 0.1 A), boundary f f f, q = 0 (checkqeq no),
# ReaxFF $ff, 600 K, 30 NVE steps, dt 0.5 fs
units           real
boundary        f f f
atom_style      charge
lattice         bcc 3.51
region          box block -4 4 -4 4 -4 4
create_box      1 box
region          ball sphere 0 0 0 5.0 units box
create_atoms    1 region ball
displace_atoms  all random 0.1 0.1 0.1 9127 units box
mass            1 6.94
pair_style      reaxff NULL checkqeq no
pair_coeff      * * ffield.reax.$ff Li
compute         reax all pair reaxff
neighbor        2.0 bin
neigh_modify    every 1 delay 0 check yes
velocity        all create 600.0 4928459 mom yes rot yes dist gaussian loop geom
fix             1 all nve
timestep        0.5
$THERMO
dump            f all custom 30 dump.forces.lammpstrj id type x y z vx vy vz fx fy fz q
dump_modify     f sort id format float %.15g
run             30
EOT
  run_case "$d"
done

# ---------------------------------------------------------------- fcc Li, triclinic
d=$OUT/reaxff-li-fcc-tri
rm -rf "$d"; mkdir -p "$d"
cp "$POT/ffield.reax.LiNaMg_Gaissmaier2022" "$d/"
cat > "$d/in.lammps" <<EOT
# fcc Li (a = 4.40 A) 3x3x3 in a triclinic periodic box, displaced <= 0.1 A, q = 0 (checkqeq no),
# ReaxFF Gaissmaier 2022, 400 K, 20 NVE steps, dt 0.5 fs
units           real
boundary        p p p
atom_style      charge
lattice         fcc 4.40
region          box prism 0 3 0 3 0 3 0.25 -0.16 0.11
create_box      1 box
create_atoms    1 box
displace_atoms  all random 0.1 0.1 0.1 4711 units box
mass            1 6.94
pair_style      reaxff NULL checkqeq no
pair_coeff      * * ffield.reax.LiNaMg_Gaissmaier2022 Li
compute         reax all pair reaxff
neighbor        2.0 bin
neigh_modify    every 1 delay 0 check yes
velocity        all create 400.0 87287 mom yes rot no dist gaussian loop geom
fix             1 all nve
timestep        0.5
$THERMO
compute         pe all pe/atom
dump            f all custom 20 dump.forces.lammpstrj id type x y z vx vy vz fx fy fz q c_pe
dump_modify     f sort id format float %.15g
run             20
EOT
run_case "$d"

# ---------------------------------------------------------------- small periodic boxes and small clusters
# name | ffield | boundary | lattice + region + create | extra
small_case() { # dir ffield boundary T steps body...
  local d=$OUT/$1 ff=$2 bnd=$3 temp=$4 steps=$5; shift 5
  rm -rf "$d"; mkdir -p "$d"
  sed 's/\([0-9]\)!/\1 !/g' "$POT/ffield.reax.$ff" > "$d/ffield.reax.$ff"
  {
    echo "# $1: ReaxFF $ff, boundary $bnd, q = 0 (checkqeq no), $temp K, $steps NVE steps, dt 0.5 fs"
    echo "units           real"
    echo "boundary        $bnd"
    echo "atom_style      charge"
    printf '%s\n' "$@"
    echo "mass            1 6.94"
    echo "pair_style      reaxff NULL checkqeq no${PS_EXTRA:-}"
    echo "pair_coeff      * * ffield.reax.$ff Li"
    echo "compute         reax all pair reaxff"
    echo "neighbor        2.0 bin"
    echo "neigh_modify    every 1 delay 0 check yes"
    echo "velocity        all create $temp 5511 mom yes rot no dist gaussian loop geom"
    echo "fix             1 all nve"
    echo "timestep        0.5"
    echo "$THERMO"
    echo "compute         pe all pe/atom"
    echo "dump            f all custom $steps dump.forces.lammpstrj id type x y z vx vy vz fx fy fz q c_pe"
    echo "dump_modify     f sort id format float %.15g"
    echo "run             $steps"
  } > "$d/in.lammps"
  run_case "$d"
}
# bcc 2x2x2 (box 7.02 A < 2 x nbrhood_cutoff and < swb): atoms bond to their own images
small_case reaxff-li-bcc-small LiS_Islam2015 "p p p" 300 20 \
  "lattice         bcc 3.51" "region          box block 0 2 0 2 0 2" "create_box      1 box" "create_atoms    1 box" \
  "displace_atoms  all random 0.1 0.1 0.1 3141 units box"
# hcp (a = 3.11 A) 3x2x2 orthogonal cells
small_case reaxff-li-hcp LiSi_Han2014 "p p p" 300 20 \
  "lattice         hcp 3.11" "region          box block 0 3 0 2 0 2" "create_box      1 box" "create_atoms    1 box" \
  "displace_atoms  all random 0.1 0.1 0.1 2718 units box"
# Li2 dimer and a Li4 tetrahedron in open boundaries
small_case reaxff-li2 LiNaMg_Gaissmaier2022 "f f f" 300 20 \
  "region          box block -10 10 -10 10 -10 10 units box" "create_box      1 box" \
  "create_atoms    1 single 0 0 0 units box" "create_atoms    1 single 2.7 0.1 -0.05 units box"
small_case reaxff-li4 Li_Aryanfar2015 "f f f" 300 20 \
  "region          box block -10 10 -10 10 -10 10 units box" "create_box      1 box" \
  "create_atoms    1 single 0 0 0 units box" "create_atoms    1 single 3.0 0 0 units box" \
  "create_atoms    1 single 1.5 2.6 0 units box" "create_atoms    1 single 1.5 0.87 2.45 units box"
# two O atoms 6 A apart (no bond: nbrhood_cutoff 5 A), RDX ffield (O has lone-pair and
# under-coordination parameters), enobonds yes (default) and no: the lone-pair and
# under-coordination energies of atoms without bonds are counted only with yes
for eno in yes no; do
  d=$OUT/reaxff-o2-nobond-enobonds-$eno
  rm -rf "$d"; mkdir -p "$d"
  cp "$SRC/reaxff-rdx/ffield.reax" "$d/"; chmod u+w "$d"/*
  cat > "$d/in.lammps" <<EOT
# two O atoms 6 A apart (no bond), boundary f f f, q = 0 (checkqeq no), enobonds $eno, 100 K, 10 NVE steps
units           real
boundary        f f f
atom_style      charge
region          box block -10 10 -10 10 -10 10 units box
create_box      1 box
create_atoms    1 single 0 0 0 units box
create_atoms    1 single 6.0 0.2 -0.1 units box
mass            1 15.999
pair_style      reaxff NULL checkqeq no enobonds $eno
pair_coeff      * * ffield.reax O
compute         reax all pair reaxff
neighbor        2.0 bin
neigh_modify    every 1 delay 0 check yes
velocity        all create 100.0 5511 mom yes rot no dist gaussian loop geom
fix             1 all nve
timestep        0.5
$THERMO
dump            f all custom 10 dump.forces.lammpstrj id type x y z vx vy vz fx fy fz q
dump_modify     f sort id format float %.15g
run             10
EOT
  run_case "$d"
done

# ---------------------------------------------------------------- CHO mixture, fixed charges, species
d=$OUT/reaxff-cho-species
rm -rf "$d"; mkdir -p "$d"
cp "$SRC/reaxff-cho/"{data.CHO,ffield.reax.cho,lmp_control,param.qeq} "$d/"
chmod u+w "$d"/*
cat > "$d/in.prep" <<'EOT'
# QEq charges of the CHO mixture (tolerance 1e-10), written into data.CHO-q for in.lammps
units           real
atom_style      charge
read_data       data.CHO
pair_style      reaxff lmp_control
pair_coeff      * * ffield.reax.cho H C O
fix             q all qeq/reaxff 1 0.0 10.0 1.0e-10 param.qeq
run             0
write_data      data.CHO-q
EOT
run_case "$d" in.prep log.prep
cat > "$d/in.lammps" <<EOT
# CHO mixture with fixed charges (checkqeq no), NVE from 1000 K, dt 0.25 fs, 60 steps; fix reaxff/species
# (Nevery 2, Nrepeat 5, Nfreq 10, element names, one cutoff changed) and fix reaxff/bonds every 20 steps
units           real
atom_style      charge
read_data       data.CHO-q
pair_style      reaxff lmp_control checkqeq no
pair_coeff      * * ffield.reax.cho H C O
compute         reax all pair reaxff
neighbor        2 bin
neigh_modify    every 10 delay 0 check no
velocity        all create 1000.0 1234 mom yes rot yes dist gaussian loop geom
fix             1 all nve
timestep        0.25
$THERMO
fix             b all reaxff/bonds 20 bonds.reaxff
fix             s all reaxff/species 2 5 10 species.out element H C O cutoff 1 3 0.35
dump            f all custom 60 dump.forces.lammpstrj id type x y z vx vy vz fx fy fz q
dump_modify     f sort id format float %.15g
run             60
EOT
run_case "$d"
echo "make-reaxff-run-fixtures: done"
