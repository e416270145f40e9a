/**
 * The nucleation study's runs: N Li atoms placed at random in a cube whose edge gives the packing
 * density, no two closer than a minimum separation (seeded, reproducible), then ReaxFF NVT in
 * three stages: heat at T_heat, quench T_heat -> T_hold at a constant rate (fix nvt's Tstart ->
 * Tstop ramp over the stage), hold at T_hold. The force field and protocol follow the reaxff-li-600
 * reference case (units real, atom_style charge, pair_style reaxff NULL, fix qeq/reaxff); the
 * density -> box relation uses LAMMPS's mass*mv2d/volume (units real: g/cm3, src/io/units.ts).
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeLammpsData, type LammpsData } from '../../io/lammps-data.js';
import { UNITS } from '../../io/units.js';
import { UsageError } from '../../io/errors.js';
import { RanPark } from '../../engine/random.js';
import { buildScript, type ScriptPlan } from './script.js';
import type { NucleationSpec, RunPlan } from './spec.js';

/** Edge of the cube (Angstrom) holding n atoms of `mass` g/mol at `density` g/cm3. */
export function cubeEdge(n: number, mass: number, density: number): number {
  return Math.cbrt((n * mass * UNITS.real.mv2d) / density);
}

/**
 * n random positions in [0, L)^3, none closer than minSep (minimum image when periodic):
 * random sequential addition with a cell grid, LAMMPS's Park-Miller generator seeded with `seed`.
 */
export function randomPositions(n: number, L: number, minSep: number, seed: number, periodic: boolean): Float64Array {
  const rng = new RanPark(seed);
  const pos = new Float64Array(3 * n);
  const nc = Math.max(1, Math.floor(L / minSep));
  const cw = L / nc;
  const cells = new Map<number, number[]>();
  const key = (a: number, b: number, c: number) => (a * nc + b) * nc + c;
  const d2min = minSep * minSep;
  // open boundaries: keep half a separation from the walls so no atom starts on one
  const lo = periodic ? 0 : 0.5 * minSep, span = periodic ? L : L - minSep;
  const maxTries = 2000 * n;
  let tries = 0;
  for (let i = 0; i < n; ) {
    if (++tries > maxTries)
      throw new UsageError(`cannot place ${n} atoms ${minSep} A apart in a ${L.toFixed(3)} A box (placed ${i}): lower --min-sep or the density`);
    const x = lo + rng.uniform() * span, y = lo + rng.uniform() * span, z = lo + rng.uniform() * span;
    const cx = Math.min(nc - 1, Math.floor(x / cw)), cy = Math.min(nc - 1, Math.floor(y / cw)), cz = Math.min(nc - 1, Math.floor(z / cw));
    let ok = true;
    for (let a = -1; a <= 1 && ok; a++) for (let b = -1; b <= 1 && ok; b++) for (let c = -1; c <= 1 && ok; c++) {
      let ia = cx + a, ib = cy + b, ic = cz + c;
      if (periodic) { ia = (ia + nc) % nc; ib = (ib + nc) % nc; ic = (ic + nc) % nc; }
      else if (ia < 0 || ib < 0 || ic < 0 || ia >= nc || ib >= nc || ic >= nc) continue;
      for (const j of cells.get(key(ia, ib, ic)) ?? []) {
        let dx = x - pos[3 * j], dy = y - pos[3 * j + 1], dz = z - pos[3 * j + 2];
        if (periodic) { dx -= L * Math.round(dx / L); dy -= L * Math.round(dy / L); dz -= L * Math.round(dz / L); }
        if (dx * dx + dy * dy + dz * dz < d2min) { ok = false; break; }
      }
    }
    if (!ok) continue;
    pos[3 * i] = x; pos[3 * i + 1] = y; pos[3 * i + 2] = z;
    const k = key(cx, cy, cz);
    const list = cells.get(k);
    if (list) list.push(i); else cells.set(k, [i]);
    i++;
  }
  return pos;
}

export function initialData(spec: NucleationSpec, run: RunPlan): LammpsData {
  const n = run.size;
  const L = cubeEdge(n, spec.mass, run.density!);
  const pos = randomPositions(n, L, spec.minSep, run.seed, spec.boundary === 'p');
  const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const b = spec.boundary === 'p' ? 'pp' : 'ff';
  return {
    title: `lmpv study nucleation: ${n} ${spec.element} at ${run.density} g/cm3, seed ${run.seed}`,
    counts: { atoms: n, bonds: 0, angles: 0, dihedrals: 0, impropers: 0, atomTypes: 1, bondTypes: 0, angleTypes: 0, dihedralTypes: 0, improperTypes: 0 },
    extra: {},
    box: { lo: [0, 0, 0], hi: [L, L, L], tilt: null, boundary: [b, b, b] },
    masses: Float64Array.of(spec.mass),
    massLabels: [spec.element],
    atomStyle: 'charge',
    atoms: { id: col((i) => i + 1), type: col(() => 1), mol: null, q: col(() => 0), x: col((i) => pos[3 * i]), y: col((i) => pos[3 * i + 1]), z: col((i) => pos[3 * i + 2]), ix: null, iy: null, iz: null },
    velocities: null, bonds: null, angles: null, dihedrals: null, impropers: null, coeffs: [], warnings: [],
  } as LammpsData;
}

/** Steps of each stage at timestep dt (fs), after --scale. */
export function stageSteps(spec: NucleationSpec, dt: number): { heat: number; quench: number; hold: number } {
  const steps = (fs: number) => Math.max(1, Math.round((fs * spec.scale) / dt));
  const quenchTime = Math.abs(spec.heat.T - spec.hold.T) / spec.quench;
  return { heat: steps(spec.heat.time), quench: steps(quenchTime), hold: steps(spec.hold.time) };
}

export function nucleationPlan(spec: NucleationSpec, run: RunPlan): ScriptPlan {
  const st = stageSteps(spec, run.dt);
  const total = st.heat + st.quench + st.hold;
  const dumpEvery = Math.max(1, Math.round(total / spec.frames));
  const ff = basename(spec.ffield);
  const walls = spec.boundary === 'f' ? ['fix             walls all wall/reflect xlo EDGE xhi EDGE ylo EDGE yhi EDGE zlo EDGE zhi EDGE'] : [];
  const nvt = (id: string, t0: number, t1: number) => `fix             ${id} all nvt temp ${t0} ${t1} ${spec.tdamp}`;
  return {
    title: `# lmpv study nucleation: ${run.size} ${spec.element}, ${run.density} g/cm3, boundary ${spec.boundary}, dt ${run.dt} fs, seed ${run.seed}, scale ${spec.scale}`,
    fresh: [
      'units           real',
      'atom_style      charge',
      `boundary        ${spec.boundary} ${spec.boundary} ${spec.boundary}`,
      'read_data       data.initial',
      `velocity        all create ${spec.heat.T} ${run.seed} mom yes rot no dist gaussian loop geom`,
    ],
    common: [
      'pair_style      reaxff NULL',
      `pair_coeff      * * ${ff} ${spec.element}`,
      'fix             qeq all qeq/reaxff 1 0.0 10.0 1.0e-8 reaxff',
      ...walls,
      'neighbor        2.0 bin',
      'neigh_modify    every 1 delay 0 check yes',
      `timestep        ${run.dt}`,
      'thermo_style    custom step time temp pe ke etotal press',
      'thermo_modify   format float %.15g',
      `thermo          ${dumpEvery}`,
    ],
    dumpEvery,
    chunk: dumpEvery * spec.checkpointFrames,
    stages: [
      { label: `heat at ${spec.heat.T} K`, fixes: [nvt('heat', spec.heat.T, spec.heat.T)], steps: st.heat },
      { label: `quench ${spec.heat.T} -> ${spec.hold.T} K`, fixes: [nvt('quench', spec.heat.T, spec.hold.T)], steps: st.quench },
      { label: `hold at ${spec.hold.T} K`, fixes: [nvt('hold', spec.hold.T, spec.hold.T)], steps: st.hold },
    ],
  };
}

/** Write a run's inputs into `dir`: data.initial, the ffield, in.nucleation. Returns the plan. */
export function writeNucleationRun(dir: string, spec: NucleationSpec, run: RunPlan, ffieldPath: string): ScriptPlan {
  writeLammpsData(join(dir, 'data.initial'), initialData(spec, run));
  copyFileSync(ffieldPath, join(dir, basename(spec.ffield)));
  const plan = nucleationPlan(spec, run);
  writeFileSync(join(dir, 'in.nucleation'), buildScript(plan, 0));
  return plan;
}
