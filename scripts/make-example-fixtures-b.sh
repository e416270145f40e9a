#!/bin/sh
# fixtures/lammps/example-<name>/: LAMMPS's own example scripts (issue 13), copied unmodified from
# the LAMMPS source tree (with the files they read), and the log.lammps real LAMMPS writes for them.
# Debian's lmp (29 Sep 2021) runs the LJ examples; meam needs a build with MEAM ($LMP_FULL).
# Usage: scripts/make-example-fixtures-b.sh [LAMMPS_SRC]
#   LAMMPS_SRC default: /work/lammps-src/lammps-20220106.git7586adbb6a+ds1 (apt-get source lammps)
set -eu
SRC=${1:-/work/lammps-src/lammps-20220106.git7586adbb6a+ds1}
LMP=${LMP:-lmp}
LMP_FULL=${LMP_FULL:-$(dirname "$0")/../../shared/bin/lmp_full}
LMP_FULL=$(readlink -f "$LMP_FULL")
cd "$(dirname "$0")/../fixtures/lammps"
# name  folder-in-examples  input  extra files  lmp
run() {
  name=$1; dir=$2; input=$3; lmp=$4; shift 4
  out=example-$name
  echo "== $out ($dir/$input with $lmp)"
  rm -rf "$out"; mkdir -p "$out"
  cp -L "$SRC/examples/$dir/$input" "$out/"
  for f in "$@"; do cp -L "$SRC/examples/$dir/$f" "$out/"; done
  (cd "$out" && "$lmp" -in "$input" -log log.lammps -screen none)
}
run min min in.min "$LMP"
run min-box min in.min.box "$LMP"
run indent indent in.indent "$LMP"
run indent-min indent in.indent.min "$LMP"
run deposit-atom deposit in.deposit.atom "$LMP"
run meam meam in.meam "$LMP_FULL" data.meam library.meam SiC.meam
