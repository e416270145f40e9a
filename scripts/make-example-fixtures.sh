#!/bin/sh
# fixtures/lammps/example-<name>/: LAMMPS's own example scripts of issue 13 that need the
# temperature-bias machinery, fix temp/rescale, velocity ramp, nvt/sllod + deform (melt, crack,
# friction, shear, shear.void, flow.couette, flow.pois, meam.shear, obstacle, nemd), copied
# unmodified from the LAMMPS source tree (`apt-get source lammps`, folder examples/; `cp -L`, some
# are symlinks) with the files they read that are not on the potentials search path, and the
# log.lammps real LAMMPS writes for them: Debian's lmp (29 Sep 2021) for LJ and EAM, a build with
# MEAM ($LMP_FULL) for meam.shear.
# example-nemd-thermo10 is the one modified copy: in.nemd with `thermo 10` and `run 1000`, because
# in.nemd prints every 1000 steps and its trajectory is chaotic (last-digit differences grow to
# 1e-6) before step 1000; this copy shows the agreement step by step (see its CASE.md).
# Usage: scripts/make-example-fixtures.sh [LAMMPS_SRC]
#   LAMMPS_SRC default: /work/lammps-src/lammps-20220106.git7586adbb6a+ds1
set -eu
SRC=${1:-/work/lammps-src/lammps-20220106.git7586adbb6a+ds1}
LMP=${LMP:-lmp}
LMP_FULL=${LMP_FULL:-$(dirname "$0")/../../shared/bin/lmp_full}
LMP_FULL=$(readlink -f "$LMP_FULL")
cd "$(dirname "$0")/../fixtures/lammps"
# name  folder-in-examples  input  lmp  [extra files]
run() {
  name=$1; dir=$2; input=$3; lmp=$4; shift 4
  out=example-$name
  echo "== $out ($dir/$input with $lmp)"
  rm -rf "$out"; mkdir -p "$out"
  cp -L "$SRC/examples/$dir/$input" "$out/"
  for f in "$@"; do cp -L "$SRC/examples/$dir/$f" "$out/"; done
  (cd "$out" && "$lmp" -in "$input" -log log.lammps -screen none)
}
run melt melt in.melt "$LMP"
run crack crack in.crack "$LMP"
run friction friction in.friction "$LMP"
# Ni_u3.eam: the example folder's own copy (its header differs from lammps-data's)
run shear shear in.shear "$LMP" Ni_u3.eam
run shear-void shear in.shear.void "$LMP" Ni_u3.eam
run flow-couette flow in.flow.couette "$LMP"
run flow-pois flow in.flow.pois "$LMP"
# library.meam and Ni.meam are lammps-data's potentials (on the search path)
export LAMMPS_POTENTIALS=${LAMMPS_POTENTIALS:-/usr/share/lammps/potentials}
run meam-shear meam in.meam.shear "$LMP_FULL"
run obstacle obstacle in.obstacle "$LMP"
run nemd nemd in.nemd "$LMP"
out=example-nemd-thermo10
echo "== $out (nemd/in.nemd with thermo 10, run 1000)"
rm -rf "$out"; mkdir -p "$out"
sed -e 's/^thermo\([[:space:]]\).*/thermo\110/' -e 's/^run\([[:space:]]\).*/run\11000/' "$SRC/examples/nemd/in.nemd" > "$out/in.nemd.thermo10"
(cd "$out" && "$LMP" -in in.nemd.thermo10 -log log.lammps -screen none)
cat > "$out/CASE.md" <<'MD'
# example-nemd-thermo10

`examples/nemd/in.nemd` with two lines changed: `thermo 10` (was 1000) and `run 1000` (was 50000).
The unmodified example (`example-nemd`) prints every 1000 steps, and by step 1000 its trajectory
has already left LAMMPS's at the 1e-6 level (chaotic growth of last-digit differences: thermo rows
are identical in lmpv and LAMMPS up to step 690, differ by 1e-8..1e-7 from step 700, reach 1e-6 at
step 870). This copy shows that agreement row by row; the unmodified example is tested too.
MD
