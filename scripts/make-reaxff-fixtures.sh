#!/usr/bin/env bash
# Regenerate the ReaxFF fixtures under fixtures/lammps/reaxff-*/ with a real LAMMPS that has the
# REAXFF and QEQ packages (Debian's lmp has neither): $LMP_FULL, by default
# ../shared/bin/lmp_full (29 Sep 2021 update 2, the build that wrote ../shared/reference).
#
#   reaxff-rdx/   the RDX molecule of LAMMPS examples/reaxff (21 atoms, tabulate_long_range 10000,
#                 fix qeq/reaxff tol 1e-6), inputs copied from ../shared/reference/reaxff-rdx;
#                 100 NVE steps: log.lammps (thermo with the 14 c_reax terms, %.15g) and
#                 dump.forces.lammpstrj (steps 0 and 100, with q).
set -euo pipefail
cd "$(dirname "$0")/.."
LMP=${LMP_FULL:-../shared/bin/lmp_full}
[ -x "$LMP" ] || { echo "make-reaxff-fixtures: no LAMMPS with REAXFF (set LMP_FULL)" >&2; exit 1; }
SRC=${REFERENCE:-../shared/reference}
OUT=fixtures/lammps

mkdir -p "$OUT/reaxff-rdx"
cp "$SRC/reaxff-rdx/"{in.lammps,data.rdx,ffield.reax,control.reax_c.rdx,CASE.md} "$OUT/reaxff-rdx/"
(cd "$OUT/reaxff-rdx" && "$LMP" -in in.lammps -screen none -log log.lammps)

# reaxff-qeq/<case>/: fix qeq/reaxff on reference inputs, 5 NVE steps, every step dumped
# (id type x y z q, %.17g) with the fix's scalar (matvecs/2 = mean CG iterations of s and t)
# in the thermo output: charges and iteration counts step by step, warm starts included.
qeq_case() { # name source-case data pair_style-arg pair_coeff-words qeq-tail [extra files...]
  local name=$1 src=$2 data=$3 control=$4 coeff=$5 qeq=$6; shift 6
  local d="$OUT/reaxff-qeq/$name"
  mkdir -p "$d"
  cp "$SRC/$src/$data" "$d/"
  for f in "$@"; do cp "$SRC/$src/$f" "$d/"; done
  cat > "$d/in.lammps" <<EOT
# fix qeq/reaxff step by step (made by scripts/make-reaxff-fixtures.sh from ../shared/reference/$src)
units           real
atom_style      charge
read_data       $data
pair_style      reaxff $control
pair_coeff      $coeff
fix             qeq all qeq/reaxff $qeq
neighbor        2.0 bin
neigh_modify    every 1 delay 0 check yes
compute         reax all pair reaxff
fix             1 all nve
timestep        0.25
thermo          1
thermo_style    custom step pe f_qeq c_reax[12] c_reax[14]
thermo_modify   format float %.17g norm no
dump            q all custom 1 dump.q.lammpstrj id type x y z q
dump_modify     q sort id format float %.17g
run             5
EOT
  (cd "$d" && "$LMP" -in in.lammps -screen none -log log.lammps)
}
qeq_case rdx reaxff-rdx data.rdx control.reax_c.rdx '* * ffield.reax C H O N' '1 0.0 10.0 1.0e-6 reaxff' ffield.reax control.reax_c.rdx
qeq_case rdx-tol1e-10 reaxff-rdx data.rdx control.reax_c.rdx '* * ffield.reax C H O N' '1 0.0 10.0 1.0e-10 reaxff' ffield.reax control.reax_c.rdx
qeq_case cho-paramfile reaxff-cho data.CHO lmp_control '* * ffield.reax.cho H C O' '1 0.0 10.0 1e-6 param.qeq' ffield.reax.cho lmp_control param.qeq
qeq_case lina-maxiter reaxff-lina-gaissmaier data.reaxff-lina-gaissmaier NULL '* * ffield.reax.LiNaMg_Gaissmaier2022 Li Na' '1 0.0 10.0 1.0e-10 reaxff maxiter 6' ffield.reax.LiNaMg_Gaissmaier2022
qeq_case lina reaxff-lina-gaissmaier data.reaxff-lina-gaissmaier NULL '* * ffield.reax.LiNaMg_Gaissmaier2022 Li Na' '1 0.0 10.0 1.0e-10 reaxff' ffield.reax.LiNaMg_Gaissmaier2022

# reaxff-qeq/engine-zero/: the fix alone in a whole script (no ReaxFF pair: pair_style zero 10.0,
# a parameter file with the Gaissmaier 2022 Li/Na chi, 2*eta, gamma), 80 Li + 40 Na moving
# ballistically under NVE for 4 steps, then 3 steps with Nevery 2 (charges kept in between);
# lmpv runs the same in.lammps (test/engine/fixes/qeq-reaxff.test.ts).
d="$OUT/reaxff-qeq/engine-zero"
mkdir -p "$d"
cp "$SRC/reaxff-lina-gaissmaier/data.reaxff-lina-gaissmaier" "$d/"
cat > "$d/param.qeq" <<'EOT'
1 -3.0000 20.0482 0.9521
2 -3.8501 11.8918 0.9776
EOT
cat > "$d/in.lammps" <<'EOT'
# fix qeq/reaxff with a parameter file and no ReaxFF pair (made by scripts/make-reaxff-fixtures.sh)
units           real
atom_style      charge
boundary        p p p
read_data       data.reaxff-lina-gaissmaier
pair_style      zero 10.0
pair_coeff      * *
neighbor        2.0 bin
neigh_modify    every 1 delay 0 check yes
fix             qeq all qeq/reaxff 1 0.0 10.0 1.0e-10 param.qeq
fix             1 all nve
timestep        2.0
thermo          1
thermo_style    custom step pe f_qeq
thermo_modify   format float %.17g norm no
dump            q all custom 1 dump.q.lammpstrj id type x y z q
dump_modify     q sort id format float %.17g
run             4
unfix           qeq
fix             qeq all qeq/reaxff 2 0.0 10.0 1.0e-10 param.qeq
run             3
EOT
(cd "$d" && "$LMP" -in in.lammps -screen none -log log.lammps)

# reaxff-qeq/tatb-engine/: TATB (triclinic, flat molecules: the case where choosing periodic
# images by coordinates fails) with pair reaxff and fix qeq/reaxff tol 1e-10, 2 NVE steps:
# charges at every step and f_qeq, for lmpv's engine (test/engine/fixes/qeq-reaxff.test.ts).
d="$OUT/reaxff-qeq/tatb-engine"
mkdir -p "$d"
cp "$SRC/reaxff-tatb/"{data.tatb,ffield.reax,control.reax_c.tatb} "$d/"
cat > "$d/in.lammps" <<'EOT'
# TATB with fix qeq/reaxff tol 1e-10 (made by scripts/make-reaxff-fixtures.sh from ../shared/reference/reaxff-tatb)
units           real
atom_style      charge
read_data       data.tatb
pair_style      reaxff control.reax_c.tatb
pair_coeff      * * ffield.reax C H O N
neighbor        2.5 bin
neigh_modify    delay 0 every 1 check yes
compute         reax all pair reaxff
fix             qeq all qeq/reaxff 1 0.0 10.0 1.0e-10 reaxff
fix             1 all nve
timestep        0.0625
thermo          1
thermo_style    custom step pe f_qeq c_reax[11] c_reax[12] c_reax[14]
thermo_modify   format float %.17g norm no
dump            q all custom 1 dump.q.lammpstrj id type x y z q
dump_modify     q sort id format float %.17g
run             2
EOT
(cd "$d" && "$LMP" -in in.lammps -screen none -log log.lammps)

# reaxff-qeq/shielded-*: fix qeq/shielded (QEQ package; the same shielded, tapered kernel and CG as
# qeq/reaxff, but its s/t history starts from the atoms' charges and its scalar is an integer):
#   shielded-zero/    RDX with the charges of a converged QEq in the data file, pair_style zero 10.0,
#                     a QEQ-package parameter file (type ranges, 6 columns), tol 1e-6, 3 NVE steps
#   shielded-reaxff/  the same with pair reaxff and the `reaxff` keyword, tol 1e-10
shielded_case() { # name pair-lines qeq-args
  local d="$OUT/reaxff-qeq/$1"
  mkdir -p "$d"
  cp "$OUT/reaxff-rdx-fixedq/data.rdx-q" "$OUT/reaxff-rdx-fixedq/ffield.reax" "$OUT/reaxff-rdx-fixedq/control.reax_c.rdx" "$d/"
  cat > "$d/param.qeq1" <<'EOT'
# itype chi eta gamma zeta qcore (C H O N from ffield.reax, eta doubled as pair reaxff exports it)
* 8.5000 14.2824 0.8712 0.0 0.0
1 5.7254 13.8470 0.8712 0.0 0.0
2 3.8446 20.1678 0.8910 0.0 0.0

4 6.7768 13.6070 1.0512 0.0 0.0
EOT
  cat > "$d/in.lammps" <<EOT
# fix qeq/shielded (made by scripts/make-reaxff-fixtures.sh)
units           real
atom_style      charge
read_data       data.rdx-q
$2
neighbor        2.5 bin
neigh_modify    every 1 delay 0 check yes
velocity        all create 300.0 4928459 mom yes rot yes dist gaussian loop geom
fix             qeq all qeq/shielded $3
fix             1 all nve
timestep        0.25
thermo          1
thermo_style    custom step pe f_qeq
thermo_modify   format float %.17g norm no
dump            q all custom 1 dump.q.lammpstrj id type x y z q
dump_modify     q sort id format float %.17g
run             3
EOT
  (cd "$d" && "$LMP" -in in.lammps -screen none -log log.lammps)
}
shielded_case shielded-zero $'pair_style      zero 10.0\npair_coeff      * *' '1 10.0 1.0e-6 200 param.qeq1'
shielded_case shielded-reaxff $'pair_style      reaxff control.reax_c.rdx\npair_coeff      * * ffield.reax C H O N' '1 10.0 1.0e-10 200 reaxff'

# reaxff-qeq/rdx-minimize/: fix qeq/reaxff during a minimization (LAMMPS min_setup_pre_force and
# min_pre_force): RDX, tol 1e-10, 5 CG iterations; thermo with f_qeq and the Coulomb terms.
d="$OUT/reaxff-qeq/rdx-minimize"
mkdir -p "$d"
cp "$SRC/reaxff-rdx/"{data.rdx,ffield.reax,control.reax_c.rdx} "$d/"
cat > "$d/in.lammps" <<'EOT'
# fix qeq/reaxff in a minimization (made by scripts/make-reaxff-fixtures.sh from ../shared/reference/reaxff-rdx)
units           real
atom_style      charge
read_data       data.rdx
pair_style      reaxff control.reax_c.rdx
pair_coeff      * * ffield.reax C H O N
neighbor        2.5 bin
neigh_modify    every 1 delay 0 check yes
compute         reax all pair reaxff
fix             qeq all qeq/reaxff 1 0.0 10.0 1.0e-10 reaxff
thermo          1
thermo_style    custom step pe f_qeq c_reax[12] c_reax[14]
thermo_modify   format float %.17g norm no
dump            q all custom 1 dump.q.lammpstrj id type x y z q
dump_modify     q sort id format float %.17g
minimize        0.0 1.0e-8 5 100
EOT
(cd "$d" && "$LMP" -in in.lammps -screen none -log log.lammps)
