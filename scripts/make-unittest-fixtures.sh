#!/usr/bin/env bash
# fixtures/lammps/unittest-meam: LAMMPS's force-style unit test manybody-pair-meam.yaml (copied from
# unittest/force-styles/tests/ of the LAMMPS source, stable 29Sep2021 update 2, with its data.manybody)
# and the same setup as test_pair_style.cpp runs it (in.manybody, then pair_style/pair_coeff from the
# YAML, fix nve, run 4) as in.lammps; in.stress adds the pair virial (compute pressure NULL pair), which
# only real LAMMPS runs. A LAMMPS with MEAM ($LMP_FULL, default ../shared/bin/lmp_full) writes
# lammps-29Sep2021/log.lammps and dump.forces from in.stress.
# Usage: scripts/make-unittest-fixtures.sh [LAMMPS_SOURCE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
SRC="${1:-$(ls -d /work/lammps-src/lammps-*/ | head -1)}"
LMP="${LMP_FULL:-../shared/bin/lmp_full}"
case=fixtures/lammps/unittest-meam
mkdir -p "$case/lammps-29Sep2021"
cp "$SRC/unittest/force-styles/tests/manybody-pair-meam.yaml" "$SRC/unittest/force-styles/tests/data.manybody" "$case/"
cp "$SRC/potentials/library.meam" "$SRC/potentials/SiC.meam" "$case/"
common='units            metal
atom_style       atomic
atom_modify      map array
neigh_modify     delay 2 every 2 check no
timestep         0.0001
newton           on on
pair_style       zero 8.0
read_data        data.manybody
pair_style       meam
pair_coeff       * * library.meam Si C SiC.meam C C C C Si Si Si Si'
tail='thermo           4
dump             f all custom 4 dump.forces id fx fy fz
dump_modify      f sort id format float %.17g
fix              1 all nve
run              4 post no'
printf '# unit-test setup of manybody-pair-meam.yaml (test_pair_style.cpp: in.manybody, pair_style, pair_coeff, fix nve, run 4)\n%s\nthermo_style     custom step evdwl ecoul vol\nthermo_modify    format float %%.17g\n%s\n' "$common" "$tail" > "$case/in.lammps"
printf '# in.lammps plus the pair virial: compute pressure NULL pair (P = virial * nktv2p / V)\n%s\ncompute          p all pressure NULL pair\nthermo_style     custom step evdwl ecoul vol c_p[1] c_p[2] c_p[3] c_p[4] c_p[5] c_p[6]\nthermo_modify    format float %%.17g\n%s\n' "$common" "$tail" > "$case/in.stress"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$case"/in.stress "$case"/data.manybody "$case"/library.meam "$case"/SiC.meam "$tmp/"
(cd "$tmp" && "$OLDPWD/$LMP" -in in.stress -log log.lammps -screen none)
cp "$tmp/log.lammps" "$tmp/dump.forces" "$case/lammps-29Sep2021/"
"$LMP" -h | sed -n 2p
