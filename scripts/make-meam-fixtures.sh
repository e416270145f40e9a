#!/usr/bin/env bash
# Regenerate the MEAM fixtures under fixtures/lammps/meam-*/ with a real LAMMPS that has the MEAM
# package (Debian's lmp has none): by default the source build of the same LAMMPS version
# (29 Sep 2021 update 2) at /opt/lmpsrc/lammps-*/build/lmp; override with LMP_MEAM=/path/to/lmp.
#
#   meam-elements/<El>/   every element record of library.meam that LAMMPS accepts with a NULL
#                         parameter file, in its reference lattice at alat, atoms displaced
#                         randomly by up to 0.1 A; run 0: log (pe, pressure tensor, %.17g) and a
#                         dump (x y z fx fy fz c_pe, %.17g). Rejected records are listed in
#                         meam-elements/REJECTED.txt with LAMMPS's error.
#   meam-alloys/<case>/   parameter files: AlSiMgCuFe (5 elements, ialloy 1, emb_lin_neg,
#                         bkgd_dyn, b1), Li_Cui2012, Li_KimJungLee2012, Ni, WL, a triclinic SiC box,
#                         and variants that exercise the alloy reference lattices and flags
#                         (l12 b2 b1 c11 ch4 zig tri lin; erose_form, mixture_ref_t, zbl, augt1).
#   meam-cluster/         an open-boundary (f f f) Li cluster, velocities at 600 K, 20 NVE steps.
set -euo pipefail
cd "$(dirname "$0")/.."
LMP=${LMP_MEAM:-$(ls /opt/lmpsrc/lammps-*/build/lmp 2>/dev/null | head -1)}
[ -x "$LMP" ] || { echo "make-meam-fixtures: no LAMMPS with MEAM (set LMP_MEAM)" >&2; exit 1; }
POT=${POTENTIALS:-/usr/share/lammps/potentials}
OUT=fixtures/lammps

common_out() { # thermo + dump for step 0
  cat <<'EOT'
neighbor        2.0 bin
compute         pe all pe/atom
thermo_style    custom step pe press pxx pyy pzz pxy pxz pyz
thermo_modify   format float %.17g norm no
dump            d all custom 1 dump.lammpstrj id type x y z fx fy fz c_pe
dump_modify     d sort id format float %.17g
run             0
EOT
}

run_case() { # dir
  (cd "$1" && "$LMP" -in in.lammps -log log.lammps -screen none) || return 1
  sed -i -E '/^  CPU time|^Total wall time|^Loop time|^Performance|^[0-9.]*% CPU use|^(Pair|Neigh|Comm|Output|Modify|Other) +\|/d' "$1/log.lammps"
}

# ---------------------------------------------------------------- elements
E=$OUT/meam-elements
rm -rf "$E"; mkdir -p "$E"
cp "$POT/library.meam" "$E/library.meam"
: > "$E/REJECTED.txt"
# name lattice alat of the first record of each element name
awk "/^'/ { gsub(/'/, \"\"); name=\$1; lat=\$2; getline; alat=\$6; if (!(name in seen)) { seen[name]=1; print name, lat, alat } }" "$E/library.meam" |
while read -r el lat alat; do
  d=$E/$el; mkdir -p "$d"
  case $lat in
    fcc) latcmd="lattice fcc $alat"; n=2 ;;
    bcc) latcmd="lattice bcc $alat"; n=3 ;;
    dia|dia3) latcmd="lattice diamond $alat"; n=2 ;;
    hcp) latcmd="lattice hcp $alat"; n=2 ;;
    dim) latcmd="lattice custom 3.0 a1 1 0 0 a2 0 1 0 a3 0 0 1 basis 0 0 0 basis $(awk "BEGIN{print $alat/3.0}") 0 0"; n=2 ;;
    *) latcmd="lattice fcc 4.0"; n=2 ;;  # unknown lattice: let LAMMPS reject it at pair_coeff
  esac
  {
    echo "# MEAM element '$el' of library.meam (NULL parameter file) in its reference lattice $lat, alat $alat, displaced randomly by <= 0.1 A"
    echo "units           metal"
    echo "boundary        p p p"
    echo "atom_style      atomic"
    echo "$latcmd"
    echo "region          box block 0 $n 0 $n 0 $n"
    echo "create_box      1 box"
    echo "create_atoms    1 box"
    echo "displace_atoms  all random 0.1 0.1 0.1 87287 units box"
    echo "pair_style      meam"
    echo "pair_coeff      * * ../library.meam $el NULL $el"
    common_out
  } > "$d/in.lammps"
  if ! run_case "$d"; then
    echo "$el $lat: $(grep -m1 ERROR "$d/log.lammps" || echo 'LAMMPS failed')" >> "$E/REJECTED.txt"
    rm -rf "$d"
  fi
done

# ---------------------------------------------------------------- alloys
A=$OUT/meam-alloys
rm -rf "$A"; mkdir -p "$A"
cp "$POT/library.meam" "$A/library.meam"

alloy() { # name, lattice cmd, n, ntypes, pair_coeff args, extra commands
  local name=$1 latcmd=$2 n=$3 nt=$4 coeff=$5 extra=${6:-}
  local d=$A/$name; mkdir -p "$d"
  {
    echo "# MEAM alloy case '$name'"
    echo "units           metal"
    echo "boundary        p p p"
    echo "atom_style      atomic"
    echo "$latcmd"
    echo "region          box block 0 $n 0 $n 0 $n"
    echo "create_box      $nt box"
    echo "create_atoms    1 box"
    for t in $(seq 2 "$nt"); do echo "set             type 1 type/fraction $t $(awk "BEGIN{print 1.0/($nt+1)}") $((4321 + t))"; done
    [ -n "$extra" ] && echo "$extra"
    echo "displace_atoms  all random 0.15 0.15 0.15 5531 units box"
    echo "pair_style      meam"
    echo "pair_coeff      * * $coeff"
    common_out
  } > "$d/in.lammps"
  run_case "$d"
}

cp "$POT/AlSiMgCuFe.meam" "$A/AlSiMgCuFe.meam"
alloy AlSiMgCuFe "lattice fcc 4.05" 3 5 "../library.meam AlS SiS MgS CuS FeS ../AlSiMgCuFe.meam AlS SiS MgS CuS FeS"
for li in Li_Cui2012 Li_KimJungLee2012; do
  cp "$POT/library.$li.meam" "$POT/$li.meam" "$A/" 2>/dev/null || cp /work/shared/potentials/library.$li.meam /work/shared/potentials/$li.meam "$A/"
  alloy "$li" "lattice bcc 3.44" 3 1 "../library.$li.meam Li ../$li.meam Li"
done
cp "$POT/Ni.meam" "$A/Ni.meam"
alloy Ni "lattice fcc 3.52" 3 1 "../library.meam Ni ../Ni.meam Ni"
cp "$POT/WL.meam" "$A/WL.meam"
alloy WL "lattice bcc 3.16" 3 1 "../library.meam WL ../WL.meam WL"
cp "$POT/SiC.meam" "$A/SiC.meam"
alloy SiC-triclinic "lattice diamond 4.36" 2 2 "../library.meam Si C ../SiC.meam Si C" \
  "change_box      all triclinic
change_box      all xy final 1.3 xz final -0.9 yz final 0.7 remap units box"

variant() { # name, elements, param text, lattice cmd
  local name=$1 els=$2 text=$3 latcmd=$4
  printf '%b' "$text" > "$A/$name.meam"
  local nt; nt=$(echo "$els" | wc -w)
  alloy "$name" "$latcmd" 3 "$nt" "../library.meam $els ../$name.meam $els"
}
variant CuNi-l12-ialloy1 "Cu Ni" "lattce(1,2) = 'l12'\nnn2(1,1) = 1\nnn2(1,2) = 1\nnn2(2,2) = 1\nialloy = 1\nemb_lin_neg = 1\nbkgd_dyn = 1\nCmin(1,2,1) = 0.8\nCmin(1,1,2) = 1.2\ndelta(1,2) = 0.1\nrc = 4.5\ndelr = 0.3\n" "lattice fcc 3.58"
variant CuNi-b2-erose1-mixref "Cu Ni" "lattce(1,2) = 'b2'\nnn2(1,2) = 1\nnn2(1,1) = 1\nerose_form = 1\nattrac(1,2) = 0.05\nrepuls(1,2) = 0.1\nmixture_ref_t = 1\nrc = 4.2\n" "lattice fcc 3.58"
variant CuNi-b1-zbl0-augt0 "Cu Ni" "lattce(1,2) = 'b1'\nnn2(1,2) = 1\nzbl(1,2) = 0\naugt1 = 0\nre(1,2) = 2.5\nialloy = 2\n" "lattice fcc 3.58"
variant SiC-c11 "Si C" "lattce(1,2) = 'c11'\nre(1,2) = 2.3\n" "lattice diamond 4.9"
variant CH-ch4 "C H" "lattce(1,2) = 'ch4'\nre(1,2) = 1.09\nrc = 3.5\n" "lattice diamond 4.2"
variant CuNi-zig "Cu Ni" "lattce(1,2) = 'zig'\ntheta(1,2) = 100\nialloy = 1\nre(1,2) = 2.5\n" "lattice fcc 3.58"
variant CuNi-tri "Cu Ni" "lattce(1,2) = 'tri'\ntheta(1,2) = 104.5\nre(1,2) = 2.5\n" "lattice fcc 3.58"
variant LiMg-lin "Li Mg" "lattce(1,2) = 'lin'\nre(1,2) = 3.0\n" "lattice bcc 3.45"
# ibar 4 (no record of library.meam has it): Cu's record with ibar 4, in a library of its own
awk "/^'Cu'/ { print; getline; print; getline; \$NF = 4; print; exit }" "$A/library.meam" > "$A/library-ibar4.meam"
alloy Cu-ibar4 "lattice fcc 3.62" 2 1 "../library-ibar4.meam Cu NULL Cu"

# ---------------------------------------------------------------- open cluster
C=$OUT/meam-cluster
rm -rf "$C"; mkdir -p "$C"
cp "$POT/library.meam" "$C/library.meam"
cat > "$C/in.lammps" <<'EOT'
# Open-boundary Li cluster (bcc sphere r = 6.5 A cut from a = 3.51 A), boundary f f f, MEAM (library Li, NULL),
# velocities at 600 K, 20 NVE steps, thermo and forces every step at full precision.
units           metal
boundary        f f f
atom_style      atomic
lattice         bcc 3.51
region          box block -4 4 -4 4 -4 4
create_box      1 box
region          ball sphere 0 0 0 6.5 units box
create_atoms    1 region ball
displace_atoms  all random 0.1 0.1 0.1 9127 units box
pair_style      meam
pair_coeff      * * library.meam Li NULL Li
neighbor        2.0 bin
neigh_modify    delay 0 every 1 check yes
velocity        all create 600.0 4928459 mom yes rot yes dist gaussian loop geom
fix             1 all nve
timestep        0.002
compute         pe all pe/atom
thermo          1
thermo_style    custom step temp pe ke etotal press pxx pyy pzz pxy pxz pyz
thermo_modify   format float %.15g norm no
dump            d all custom 20 dump.lammpstrj id type x y z vx vy vz fx fy fz c_pe
dump_modify     d sort id format float %.17g
run             20
EOT
run_case "$C"
echo "make-meam-fixtures: done ($(ls -d "$E"/*/ | wc -l) elements, $(ls -d "$A"/*/ | wc -l) alloy cases, cluster)"
