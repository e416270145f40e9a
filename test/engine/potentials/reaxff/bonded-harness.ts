/**
 * Bonded-term tests: evaluate ReaxFF on a LAMMPS reference case at step 0: positions and charges from the case's
 * dump.forces.lammpstrj (first frame), pair_style / pair_coeff from its in.lammps, the 14 partial
 * energies from its log.lammps (thermo columns c_reax[1..14]).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReaxffFfield, resolveReaxffParams, reaxffTypeMap, type ReaxffParams } from '../../../../src/io/reaxff-ffield.js';
import { readReaxffControl, defaultReaxffControl } from '../../../../src/io/reaxff-control.js';
import { makeSimBox, pbc, type SimBox } from '../../../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts } from '../../../../src/engine/space/ghosts.js';
import { NeighborListBuffer, buildNeighborList } from '../../../../src/engine/neighbor/neighbor-list.js';
import type { ReaxffCutoffs } from '../../../../src/engine/potentials/reaxff/bond-order.js';

import { REFERENCE as REF, FIXTURES as FIX } from '../../../helpers/paths.js';
export { REF, FIX };

export const PVECTOR = ['eb', 'ea', 'elp', 'emol', 'ev', 'epen', 'ecoa', 'ehb', 'et', 'eco', 'ew', 'ep', 'efi', 'eqeq'] as const;

export interface Frame {
  box: SimBox;
  id: Float64Array;
  type: Int32Array;
  x: Float64Array;
  q: Float64Array;
  f: Float64Array;
}

/** First frame of a LAMMPS text dump with columns id type x y z ... fx fy fz q (sorted by id). */
export function readFrame(path: string, frameIndex = 0): Frame {
  const lines = readFileSync(path, 'utf8').split('\n');
  let at = 0;
  for (let fr = 0; ; fr++) {
    while (!lines[at].startsWith('ITEM: TIMESTEP')) at++;
    const n = Number(lines[at + 3]);
    const bl = lines[at + 4];
    const per = bl.split(/\s+/).slice(-3).map((s) => s === 'pp') as [boolean, boolean, boolean];
    const tri = bl.includes('xy');
    const b = [0, 1, 2].map((d) => lines[at + 5 + d].trim().split(/\s+/).map(Number));
    const cols = lines[at + 8].split(/\s+/).slice(2);
    if (fr < frameIndex) { at += 9 + n; continue; }
    let box: SimBox;
    if (tri) {
      // LAMMPS writes bounding-box bounds and the tilts (dump.cpp header_item_triclinic)
      const [xy, xz, yz] = [b[0][2], b[1][2], b[2][2]];
      const lo = [b[0][0] - Math.min(0, xy, xz, xy + xz), b[1][0] - Math.min(0, yz), b[2][0]];
      const hi = [b[0][1] - Math.max(0, xy, xz, xy + xz), b[1][1] - Math.max(0, yz), b[2][1]];
      box = makeSimBox(lo, hi, true, [xy, xz, yz], per);
    } else box = makeSimBox([b[0][0], b[1][0], b[2][0]], [b[0][1], b[1][1], b[2][1]], false, [0, 0, 0], per);
    const c = (name: string): number => cols.indexOf(name);
    const id = new Float64Array(n), type = new Int32Array(n), x = new Float64Array(3 * n), q = new Float64Array(n), f = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      const w = lines[at + 9 + i].trim().split(/\s+/).map(Number);
      id[i] = w[c('id')]; type[i] = w[c('type')];
      x[3 * i] = w[c('x')]; x[3 * i + 1] = w[c('y')]; x[3 * i + 2] = w[c('z')];
      f[3 * i] = w[c('fx')]; f[3 * i + 1] = w[c('fy')]; f[3 * i + 2] = w[c('fz')];
      q[i] = c('q') >= 0 ? w[c('q')] : 0;
    }
    return { box, id, type, x, q, f };
  }
}

/** Thermo row of `step` (default first) with its column names. */
export function readThermo(path: string, step = 0): Record<string, number> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const h = lines.findIndex((l) => l.trim().startsWith('Step '));
  const names = lines[h].trim().split(/\s+/);
  for (let k = h + 1; k < lines.length; k++) {
    const w = lines[k].trim().split(/\s+/);
    if (Number(w[0]) === step) return Object.fromEntries(names.map((nm, i) => [nm, Number(w[i])]));
  }
  throw new Error(`${path}: no thermo row for step ${step}`);
}

export interface CaseSetup {
  dir: string;
  params: ReaxffParams;
  typeMap: number[];
  cut: ReaxffCutoffs;
  skin: number;
}

/** pair_style / pair_coeff / neighbor of a case's in.lammps. */
export function caseSetup(dir: string): CaseSetup {
  const inp = readFileSync(join(dir, 'in.lammps'), 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim());
  const ps = inp.find((l) => l.startsWith('pair_style'))!.split(/\s+/);
  const pc = inp.find((l) => l.startsWith('pair_coeff'))!.split(/\s+/);
  const nb = inp.find((l) => l.startsWith('neighbor'))!.split(/\s+/);
  const ctl = ps[2] === 'NULL' ? defaultReaxffControl() : readReaxffControl(join(dir, ps[2]));
  const ff = readReaxffFfield(join(dir, pc[3]));
  const params = resolveReaxffParams(ff);
  const typeMap = reaxffTypeMap(ff, pc.slice(4));
  const cut: ReaxffCutoffs = { bondCut: ctl.bond_cut, hbondCut: ctl.hbond_cut, thbCut: ctl.thb_cut, thbCutSq: ctl.thb_cutsq, nonbCut: params.swb };
  return { dir, params, typeMap, cut, skin: Number(nb[1]) };
}

export function caseDir(name: string): string | null {
  const fix = join(FIX, name);
  if (existsSync(join(fix, 'log.lammps'))) return fix;
  const ref = join(REF, name);
  return existsSync(join(ref, 'log.lammps')) ? ref : null;
}

/** Ghosts and a half list for positions x (wrapped into the box first). */
export function atomsAndList(box: SimBox, x0: Float64Array, type: Int32Array, q: Float64Array, id: Float64Array, cutoff: number, kind: 'half' | 'full' = 'half') {
  const n = type.length;
  const x = x0.slice();
  pbc(box, n, x, new Int32Array(3 * n), new Float64Array(3 * n));
  const g = buildGhosts(new GhostAtoms(), box, n, x, type, id, cutoff, q);
  const list = buildNeighborList(new NeighborListBuffer(), kind, g, cutoff);
  return { g, list };
}
