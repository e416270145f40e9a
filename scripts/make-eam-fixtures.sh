#!/bin/sh
# Regenerate fixtures/lammps/eam-*/ with real LAMMPS (Debian's lmp, 29 Sep 2021 - Update 2, which
# has MANYBODY): writes each case's in.lammps, runs it in its folder with LAMMPS_POTENTIALS set to
# Debian's potentials folder, and keeps what LAMMPS wrote (log.lammps, dump.lammpstrj).
# Potential files are NOT copied: each case names them by base name (found on the search path,
# /usr/share/lammps/potentials from Debian's lammps-data), and potentials.txt records the file
# used and its sha256, so tests can tell whether they see the same file.
#
#   eam-funcfl-cu        pair eam, Cu_u3.eam, fcc, displaced (run 0: pe, pressure tensor, forces, pe/atom)
#   eam-funcfl-mix       pair eam, 3 types from Cu_u3/Ni_u3/Ag_u3 (different dr: regridding, Z_i Z_j
#                        mixing) after an overridden Pt_u3 (read, inactive, still sets the cutoff)
#   eam-funcfl-compress  pair eam, Cu_u3.eam compressed to a = 2.5 A (rho > rhomax: linear F extension)
#   eam-alloy-cuni       eam/alloy, CuNi.eam.alloy, random 50% alloy, displaced
#   eam-alloy-tri        eam/alloy, AlCu.eam.alloy, triclinic cell, random 30% Cu
#   eam-alloy-nialh      eam/alloy, NiAlH_jea.eam.alloy mapped 'Al Ni Ni' (two types, one element)
#   eam-fs-fe            eam/fs, Fe_mm.eam.fs, bcc, displaced
#   eam-fs-alfe          eam/fs, AlFe_mm.eam.fs, random alloy (per-pair densities)
#   eam-fs-cuzr-tri      eam/fs, CuZr_mm.eam.fs, triclinic cell, random alloy
#   eam-fs-nialh         eam/fs, NiAlH_jea.eam.fs (rho_ij != rho_ji, unlike the *_mm files), Ni Al H
#   eam-real-funcfl      units real: Cu_u3.eam (UNITS: metal) converted as LAMMPS does (F x 23.06, Z x sqrt)
#   eam-real-alloy       units real: CuNi.eam.alloy (LAMMPS's setfl conversion skips each table's last point)
#   eam-real-fs          units real: Fe_mm.eam.fs
#   eam-nve-shear        LAMMPS's examples/shear/in.shear set-up (pair eam Ni_u3.eam, s s p, 3 types),
#                        velocity create, fix nve + setforce, 100 steps, thermo every 10
# Usage: scripts/make-eam-fixtures.sh [LMP]   (default: $LMP or lmp)
set -eu
LMP=${1:-${LMP:-lmp}}
POT=${LAMMPS_POTENTIALS:-/usr/share/lammps/potentials}
export LAMMPS_POTENTIALS="$POT"
cd "$(dirname "$0")/../fixtures/lammps"

OUT0='neighbor        2.0 bin
compute         pe all pe/atom
thermo_style    custom step pe press pxx pyy pzz pxy pxz pyz
thermo_modify   format float %.17g norm no
dump            d all custom 1 dump.lammpstrj id type x y z fx fy fz c_pe
dump_modify     d sort id format float %.17g
run             0'

# case NAME "POTENTIAL FILES" then the input on stdin
case_() {
  d=$1; files=$2
  rm -rf "$d"; mkdir -p "$d"
  cat > "$d/in.lammps"
  : > "$d/potentials.txt"
  for f in $files; do
    [ -f "$POT/$f" ] || { echo "make-eam-fixtures: $POT/$f missing" >&2; exit 1; }
    echo "$f $(sha256sum "$POT/$f" | cut -d' ' -f1) $POT/$f" >> "$d/potentials.txt"
  done
  echo "== $d"
  (cd "$d" && "$LMP" -in in.lammps -log log.lammps -screen none)
}

case_ eam-funcfl-cu "Cu_u3.eam" <<EOF
# pair eam (funcfl) Cu_u3.eam: fcc Cu, 256 atoms displaced randomly by <= 0.1 A
units           metal
atom_style      atomic
boundary        p p p
lattice         fcc 3.615
region          box block 0 4 0 4 0 4
create_box      1 box
create_atoms    1 box
displace_atoms  all random 0.1 0.1 0.1 4821 units box
pair_style      eam
pair_coeff      1 1 Cu_u3.eam
$OUT0
EOF

case_ eam-funcfl-mix "Pt_u3.eam Cu_u3.eam Ni_u3.eam Ag_u3.eam" <<EOF
# pair eam (funcfl): types Cu Ni Ag from three files with different dr (regridded onto the largest),
# unlike pairs mixed from Z_i Z_j; Pt_u3.eam is read first for all types, then overridden
units           metal
atom_style      atomic
boundary        p p p
lattice         fcc 3.7
region          box block 0 4 0 4 0 4
create_box      3 box
create_atoms    1 box
set             type 1 type/fraction 2 0.35 9283
set             type 1 type/fraction 3 0.3 1177
displace_atoms  all random 0.12 0.12 0.12 665 units box
pair_style      eam
pair_coeff      * * Pt_u3.eam
pair_coeff      1 1 Cu_u3.eam
pair_coeff      2 2 Ni_u3.eam
pair_coeff      3*3 3 Ag_u3.eam
$OUT0
EOF

case_ eam-funcfl-compress "Cu_u3.eam" <<EOF
# pair eam (funcfl) Cu_u3.eam compressed to a = 2.5 A: the density exceeds rhomax of the F table
units           metal
atom_style      atomic
boundary        p p p
lattice         fcc 2.5
region          box block 0 3 0 3 0 3
create_box      1 box
create_atoms    1 box
displace_atoms  all random 0.05 0.05 0.05 31 units box
pair_style      eam
pair_coeff      * * Cu_u3.eam
$OUT0
EOF

case_ eam-alloy-cuni "CuNi.eam.alloy" <<EOF
# pair eam/alloy CuNi.eam.alloy (elements Ni Cu): random 50% alloy on fcc, displaced
units           metal
atom_style      atomic
boundary        p p p
lattice         fcc 3.56
region          box block 0 4 0 4 0 4
create_box      2 box
create_atoms    1 box
set             type 1 type/fraction 2 0.5 4412
displace_atoms  all random 0.1 0.1 0.1 777 units box
pair_style      eam/alloy
pair_coeff      * * CuNi.eam.alloy Cu Ni
$OUT0
EOF

case_ eam-alloy-tri "AlCu.eam.alloy" <<EOF
# pair eam/alloy AlCu.eam.alloy in a triclinic cell (tilts xy xz yz), random 30% Cu, displaced
units           metal
atom_style      atomic
boundary        p p p
lattice         fcc 4.05
region          box prism 0 3 0 3 0 3 0.7 -0.4 0.5
create_box      2 box
create_atoms    1 box
set             type 1 type/fraction 2 0.3 5150
displace_atoms  all random 0.15 0.15 0.15 2301 units box
pair_style      eam/alloy
pair_coeff      * * AlCu.eam.alloy Al Cu
$OUT0
EOF

case_ eam-alloy-nialh "NiAlH_jea.eam.alloy" <<EOF
# pair eam/alloy NiAlH_jea.eam.alloy (Ni Al H) mapped Al Ni Ni: two types of one element
units           metal
atom_style      atomic
boundary        p p p
lattice         fcc 3.6
region          box block 0 4 0 4 0 4
create_box      3 box
create_atoms    1 box
set             type 1 type/fraction 2 0.5 612
set             type 2 type/fraction 3 0.5 613
displace_atoms  all random 0.1 0.1 0.1 614 units box
pair_style      eam/alloy
pair_coeff      * * NiAlH_jea.eam.alloy Al Ni Ni
$OUT0
EOF

case_ eam-fs-fe "Fe_mm.eam.fs" <<EOF
# pair eam/fs Fe_mm.eam.fs: bcc Fe, 250 atoms displaced
units           metal
atom_style      atomic
boundary        p p p
lattice         bcc 2.855
region          box block 0 5 0 5 0 5
create_box      1 box
create_atoms    1 box
displace_atoms  all random 0.1 0.1 0.1 3345 units box
pair_style      eam/fs
pair_coeff      * * Fe_mm.eam.fs Fe
$OUT0
EOF

case_ eam-fs-alfe "AlFe_mm.eam.fs" <<EOF
# pair eam/fs AlFe_mm.eam.fs: random Al-Fe on bcc, displaced (per-pair densities rho_ij)
units           metal
atom_style      atomic
boundary        p p p
lattice         bcc 2.9
region          box block 0 5 0 5 0 5
create_box      2 box
create_atoms    1 box
set             type 1 type/fraction 2 0.4 8080
displace_atoms  all random 0.12 0.12 0.12 8081 units box
pair_style      eam/fs
pair_coeff      * * AlFe_mm.eam.fs Fe Al
$OUT0
EOF

case_ eam-fs-cuzr-tri "CuZr_mm.eam.fs" <<EOF
# pair eam/fs CuZr_mm.eam.fs in a triclinic cell, random 40% Zr, displaced
units           metal
atom_style      atomic
boundary        p p p
lattice         fcc 3.9
region          box prism 0 3 0 3 0 3 -0.6 0.8 0.3
create_box      2 box
create_atoms    1 box
set             type 1 type/fraction 2 0.4 2024
displace_atoms  all random 0.12 0.12 0.12 2025 units box
pair_style      eam/fs
pair_coeff      * * CuZr_mm.eam.fs Cu Zr
$OUT0
EOF

case_ eam-fs-nialh "NiAlH_jea.eam.fs" <<EOF
# pair eam/fs NiAlH_jea.eam.fs: Ni-Al with 15% H on fcc sites, displaced; its cross densities are
# not symmetric (rho_NiAl != rho_AlNi), which fixes which index is the source atom's element
units           metal
atom_style      atomic
boundary        p p p
lattice         fcc 3.6
region          box block 0 4 0 4 0 4
create_box      3 box
create_atoms    1 box
set             type 1 type/fraction 2 0.4 3131
set             type 1 type/fraction 3 0.15 3132
displace_atoms  all random 0.1 0.1 0.1 3133 units box
pair_style      eam/fs
pair_coeff      * * NiAlH_jea.eam.fs Ni Al H
$OUT0
EOF

case_ eam-real-funcfl "Cu_u3.eam" <<EOF
# pair eam Cu_u3.eam (UNITS: metal) under units real: LAMMPS converts the energies to kcal/mol
units           real
atom_style      atomic
boundary        p p p
lattice         fcc 3.615
region          box block 0 3 0 3 0 3
create_box      1 box
create_atoms    1 box
displace_atoms  all random 0.1 0.1 0.1 4822 units box
pair_style      eam
pair_coeff      1 1 Cu_u3.eam
$OUT0
EOF

case_ eam-real-alloy "CuNi.eam.alloy" <<EOF
# pair eam/alloy CuNi.eam.alloy under units real (LAMMPS converts all but the last table point)
units           real
atom_style      atomic
boundary        p p p
lattice         fcc 3.56
region          box block 0 3 0 3 0 3
create_box      2 box
create_atoms    1 box
set             type 1 type/fraction 2 0.5 4413
displace_atoms  all random 0.2 0.2 0.2 778 units box
pair_style      eam/alloy
pair_coeff      * * CuNi.eam.alloy Cu Ni
$OUT0
EOF

case_ eam-real-fs "Fe_mm.eam.fs" <<EOF
# pair eam/fs Fe_mm.eam.fs under units real
units           real
atom_style      atomic
boundary        p p p
lattice         bcc 2.855
region          box block 0 4 0 4 0 4
create_box      1 box
create_atoms    1 box
displace_atoms  all random 0.1 0.1 0.1 3346 units box
pair_style      eam/fs
pair_coeff      * * Fe_mm.eam.fs Fe
$OUT0
EOF

case_ eam-nve-shear "Ni_u3.eam" <<EOF
# the set-up of LAMMPS's examples/shear/in.shear (pair eam Ni_u3.eam, s s p, 3 types), then
# 100 NVE steps with the boundary layers held (its temp/rescale and shear stages left out)
units		metal
boundary	s s p
atom_style	atomic
lattice		fcc 3.52
region		box block 0 16.0 0 10.0 0 2.828427
create_box	3 box
lattice		fcc 3.52 orient	x 1 0 0 orient y 0 1 1 orient z 0 -1 1 &
		origin 0.5 0 0
create_atoms	1 box
pair_style	eam
pair_coeff	* * Ni_u3.eam
neighbor	0.3 bin
neigh_modify	delay 5
region		lower block INF INF INF 0.9 INF INF
region		upper block INF INF 6.1 INF INF INF
group		lower region lower
group		upper region upper
group		boundary union lower upper
group		mobile subtract all boundary
set		group lower type 2
set		group upper type 3
compute		new3d mobile temp
velocity	mobile create 300.0 5812775 temp new3d
fix		1 all nve
fix		2 boundary setforce 0.0 0.0 0.0
thermo		10
thermo_style	custom step temp c_new3d pe ke etotal press pxx pyy pxy vol
thermo_modify	format float %.17g
timestep	0.001
dump		d all custom 100 dump.lammpstrj id type x y z vx vy vz fx fy fz
dump_modify	d sort id format float %.17g
run		100
EOF
