/** Evaluate MEAM on a LAMMPS case's initial state (data file) and read what LAMMPS wrote at step 0. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLammpsData } from '../../../../src/io/lammps-data.js';
import { readMeamLibrary, readMeamParamFile, resolveMeamSetup } from '../../../../src/io/meam-library.js';
import { simBoxFromBox, pbc, boxVolume, type SimBox } from '../../../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts } from '../../../../src/engine/space/ghosts.js';
import { NeighborListBuffer, buildNeighborList } from '../../../../src/engine/neighbor/neighbor-list.js';
import { meamFromSetup } from '../../../../src/engine/potentials/meam/index.js';
import { unitConstants } from '../../../../src/io/units.js';

export interface MeamResult {
  nlocal: number;
  ids: Float64Array;
  pe: number;
  /** Folded forces on owned atoms, 3 per atom, data-file order. */
  f: Float64Array;
  /** fdotr virial xx yy zz xy xz yz over all atoms before folding. */
  virial: Float64Array;
  eatom: Float64Array;
  box: SimBox;
  mass: Float64Array;
  v: Float64Array | null;
}

export function meamSetupFor(dir: string, lib: string, libEls: string[], param: string | null, typeEls: string[]) {
  return resolveMeamSetup(readMeamLibrary(join(dir, lib)), libEls, param ? readMeamParamFile(join(dir, param)) : null, typeEls);
}

/** Energy, forces and virial of positions x (nlocal) in box, with LAMMPS-style ghosts and lists (cut = rc + skin). */
const POTS = new WeakMap<object, ReturnType<typeof meamFromSetup>>();

export function evaluateMeam(setup: ReturnType<typeof meamSetupFor>, box: SimBox, x0: Float64Array, type: Int32Array, skin: number) {
  let pot = POTS.get(setup);
  if (!pot) { pot = meamFromSetup(setup); POTS.set(setup, pot); }
  const n = type.length;
  const x = x0.slice();
  const image = new Int32Array(3 * n);
  pbc(box, n, x, image, new Float64Array(3 * n));
  const cut = pot.params.rc + skin;
  const g = buildGhosts(new GhostAtoms(), box, n, x, type, null, cut);
  const list = buildNeighborList(new NeighborListBuffer(), 'full', g, cut);
  const f = new Float64Array(3 * g.nall);
  const eatom = new Float64Array(g.nall);
  const pe = pot.compute(g, list, f, eatom);
  const virial = new Float64Array(6);
  for (let i = 0; i < g.nall; i++) {
    const xi = g.x[3 * i], yi = g.x[3 * i + 1], zi = g.x[3 * i + 2];
    const fx = f[3 * i], fy = f[3 * i + 1], fz = f[3 * i + 2];
    virial[0] += xi * fx; virial[1] += yi * fy; virial[2] += zi * fz;
    virial[3] += yi * fx; virial[4] += zi * fx; virial[5] += zi * fy;
  }
  for (let gi = g.nall - 1; gi >= n; gi--) {
    const o = g.src[gi];
    for (let m = 0; m < 3; m++) f[3 * o + m] += f[3 * gi + m];
    eatom[o] += eatom[gi];
  }
  return { pe, f: f.subarray(0, 3 * n), virial, eatom: eatom.subarray(0, n), x, pot };
}

export function evaluateCase(dir: string, dataFile: string, lib: string, libEls: string[], param: string | null, typeEls: string[], skin: number): MeamResult {
  const data = readLammpsData(join(dir, dataFile), { atomStyle: 'atomic' });
  const setup = meamSetupFor(dir, lib, libEls, param, typeEls);
  const box = simBoxFromBox(data.box);
  const n = data.counts.atoms;
  const x = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) { x[3 * i] = data.atoms.x[i]; x[3 * i + 1] = data.atoms.y[i]; x[3 * i + 2] = data.atoms.z[i]; }
  const type = Int32Array.from(data.atoms.type);
  const r = evaluateMeam(setup, box, x, type, skin);
  const mass = Float64Array.from(type, (t) => (data.masses && !Number.isNaN(data.masses[t - 1]) ? data.masses[t - 1] : setup.mass[setup.typeElement[t - 1]]));
  let v: Float64Array | null = null;
  if (data.velocities) {
    v = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) { v[3 * i] = data.velocities.vx[i]; v[3 * i + 1] = data.velocities.vy[i]; v[3 * i + 2] = data.velocities.vz[i]; }
  }
  return { nlocal: n, ids: data.atoms.id, pe: r.pe, f: r.f, virial: r.virial, eatom: r.eatom, box, mass, v };
}

/** Pressure tensor [pxx pyy pzz pxy pxz pyz] and scalar like LAMMPS compute pressure (temp from velocities, dof 3N-3). */
export function pressure(r: MeamResult, units = 'metal'): { press: number; p: number[]; temp: number } {
  const u = unitConstants(units);
  const V = boxVolume(r.box);
  const ke = [0, 0, 0, 0, 0, 0];
  if (r.v) {
    for (let i = 0; i < r.nlocal; i++) {
      const m = r.mass[i], vx = r.v[3 * i], vy = r.v[3 * i + 1], vz = r.v[3 * i + 2];
      ke[0] += m * vx * vx; ke[1] += m * vy * vy; ke[2] += m * vz * vz;
      ke[3] += m * vx * vy; ke[4] += m * vx * vz; ke[5] += m * vy * vz;
    }
  }
  for (let k = 0; k < 6; k++) ke[k] *= u.mvv2e;
  const dof = 3 * r.nlocal - 3;
  const temp = dof > 0 ? (ke[0] + ke[1] + ke[2]) / (dof * u.boltz) : 0;
  const p = [0, 1, 2, 3, 4, 5].map((k) => ((ke[k] + r.virial[k]) / V) * u.nktv2p);
  const press = ((dof * u.boltz * temp + r.virial[0] + r.virial[1] + r.virial[2]) / 3.0 / V) * u.nktv2p;
  return { press, p, temp };
}

/** Thermo rows of the first run in a log (header 'Step ...'): name -> values. */
export function readThermo(logPath: string): Record<string, number[]> {
  const lines = readFileSync(logPath, 'utf8').split('\n');
  const h = lines.findIndex((l) => /^\s*Step\s/.test(l));
  const names = lines[h].trim().split(/\s+/);
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  for (let k = h + 1; k < lines.length; k++) {
    const w = lines[k].trim().split(/\s+/);
    if (w.length !== names.length || !/^\d+$/.test(w[0])) break;
    names.forEach((n, c) => out[n].push(Number(w[c])));
  }
  return out;
}

/** First frame of a dump custom file: column name -> values, sorted by id. */
export function readDumpFrame0(path: string): Record<string, Float64Array> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const n = Number(lines[3]);
  const cols = lines[8].replace('ITEM: ATOMS', '').trim().split(/\s+/);
  const out: Record<string, Float64Array> = Object.fromEntries(cols.map((c) => [c, new Float64Array(n)]));
  for (let i = 0; i < n; i++) {
    const w = lines[9 + i].trim().split(/\s+/);
    cols.forEach((c, k) => { out[c][i] = Number(w[k]); });
  }
  return out;
}
