/**
 * The deposition study's runs: Li atoms deposited with LAMMPS `fix deposit` (fix_deposit.cpp docs:
 * one atom every M steps into a slab region above the surface, `near` keeping them apart, a
 * downward velocity) onto a bcc Li substrate, MEAM Li (2NN MEAM, Cui et al. 2012, as
 * ../shared/potentials/SOURCES.md recommends for deposition work), units metal.
 * The substrate's bottom layer is held (not integrated), the rest of it is thermostatted with
 * fix langevin at T; deposited atoms (type 2, also Li, group addatoms) move with fix nve.
 * The rate is kept whatever --scale: --scale shortens the time, so fewer atoms are deposited.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEPOSITION_LATTICE } from './analysis.js';
import { buildScript, type ScriptPlan } from './script.js';
import type { DepositionSpec, RunPlan } from './spec.js';

const f = (v: number) => Number(v.toPrecision(12)).toString();

export function depositionPlan(spec: DepositionSpec, run: RunPlan): ScriptPlan {
  const a = DEPOSITION_LATTICE;
  const [X, Y, Z] = spec.box;
  const dtPs = run.dt / 1000;
  const steps = Math.max(1, Math.round((spec.time * spec.scale) / run.dt));
  // one atom every M steps: rate (Li/ps) * M * dt (ps) = 1
  const every = Math.max(1, Math.round(1 / (run.rate! * dtPs)));
  const nDeposit = Math.max(1, Math.floor(steps / every));
  const dumpEvery = Math.max(1, Math.round(steps / spec.frames));
  const zSub = spec.substrate * a, zHi = Z * a;
  const lib = basename(spec.library);
  const param = spec.param ? basename(spec.param) : 'NULL';
  return {
    title: `# lmpv study deposition: MEAM Li at ${run.rate} Li/ps onto a ${X}x${Y}x${spec.substrate} bcc Li substrate, ${spec.T} K, dt ${run.dt} fs, seed ${run.seed}, scale ${spec.scale}`,
    fresh: [
      'units           metal',
      'atom_style      atomic',
      'boundary        p p f',
      `lattice         bcc ${a}`,
      `region          box block 0 ${X} 0 ${Y} 0 ${Z}`,
      'create_box      2 box',
      `region          substrate block INF INF INF INF 0 ${spec.substrate}`,
      'create_atoms    1 region substrate',
      'mass            * 6.94',
      'region          bottom block INF INF INF INF 0 1.01',
      'group           bottom region bottom',
      'group           mobile subtract all bottom',
      'group           addatoms type 2',
      `velocity        mobile create ${spec.T} ${run.seed} mom yes rot no dist gaussian loop geom`,
    ],
    common: [
      'pair_style      meam',
      `pair_coeff      * * ${lib} Li ${param} Li Li`,
      'neighbor        1.0 bin',
      'neigh_modify    every 1 delay 0 check yes',
      `region          slab block 0 ${f(X * a)} 0 ${f(Y * a)} ${f(zSub + 2 * a)} ${f(Math.min(zHi - a, zSub + 6 * a))} units box`,
      `fix             dep addatoms deposit ${nDeposit} 2 ${every} ${run.seed + 1000} region slab near 2.0 vz -5.0 -5.0 units box`,
      'fix             top all wall/reflect zhi EDGE',
      `timestep        ${f(dtPs)}`,
      'thermo_style    custom step time temp pe ke etotal atoms',
      'thermo_modify   format float %.15g',
      `thermo          ${dumpEvery}`,
    ],
    dumpEvery,
    chunk: dumpEvery * spec.checkpointFrames,
    stages: [{
      label: `deposit at ${run.rate} Li/ps (one atom every ${every} steps, ${nDeposit} atoms)`,
      fixes: [
        'fix             sub mobile nve',
        'fix             ad addatoms nve',
        `fix             lgv mobile langevin ${spec.T} ${spec.T} 0.1 ${run.seed + 2000}`,
      ],
      steps,
    }],
  };
}

export function writeDepositionRun(dir: string, spec: DepositionSpec, run: RunPlan, library: string, param: string | null): ScriptPlan {
  copyFileSync(library, join(dir, basename(spec.library)));
  if (param && spec.param) copyFileSync(param, join(dir, basename(spec.param)));
  const plan = depositionPlan(spec, run);
  writeFileSync(join(dir, 'in.deposition'), buildScript(plan, 0));
  return plan;
}
