/**
 * ReaxFF test inputs from a LAMMPS case folder: box and masses from the data file, positions,
 * types and charges of the step-0 dump frame (what LAMMPS used at step 0), the ffield and control
 * files named by in.lammps, and the step-0 thermo row of log.lammps.
 */
import { existsSync, readFileSync } from 'node:fs';
import { REFERENCE, FIXTURES } from '../../../helpers/paths.js';
import { join } from 'node:path';
import { readLammpsData } from '../../../../src/io/lammps-data.js';
import { readReaxffFfield, reaxffTypeMap, resolveReaxffParams, type ReaxffFfield, type ReaxffParams } from '../../../../src/io/reaxff-ffield.js';
import { readReaxffControl } from '../../../../src/io/reaxff-control.js';
import { simBoxFromBox, pbc, type SimBox } from '../../../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts } from '../../../../src/engine/space/ghosts.js';
import { NeighborListBuffer, buildNeighborList } from '../../../../src/engine/neighbor/neighbor-list.js';
import type { NeighborList } from '../../../../src/engine/potentials/types.js';
import { readDumpFrame0, readThermo } from '../meam/harness.js';

export const REF = REFERENCE;
export const FIX = FIXTURES;
export const haveRef = existsSync(REFERENCE);

export interface ReaxCase {
  dir: string;
  ff: ReaxffFfield;
  params: ReaxffParams;
  typeEls: string[];
  typeMap: number[];
  tabulate: number;
  lgvdw: boolean;
  /** fix qeq/reaxff words after the style: Nevery cutlo cuthi tol (reaxff|file) ... */
  qeqArgs: string[];
  box: SimBox;
  n: number;
  /** Owned atoms in id order, wrapped into the box. */
  x: Float64Array;
  type: Int32Array;
  q: Float64Array;
  id: Float64Array;
  /** LAMMPS's forces at step 0 (id order; zeros when the dump has none). */
  fref: Float64Array;
  thermo0: Record<string, number>;
  /** neighbor skin of in.lammps */
  skin: number;
}

function commandWords(input: string, cmd: string): string[] | null {
  const joined = input.replace(/&\s*\n/g, ' ');
  for (const line of joined.split('\n')) {
    const w = line.replace(/#.*/, '').trim().split(/\s+/);
    if (w[0] === cmd) return w.slice(1);
  }
  return null;
}

export function fixWords(input: string, style: string): string[] | null {
  const joined = input.replace(/&\s*\n/g, ' ');
  for (const line of joined.split('\n')) {
    const w = line.replace(/#.*/, '').trim().split(/\s+/);
    if (w[0] === 'fix' && w[3] === style) return w.slice(4);
  }
  return null;
}

export function loadReaxCase(dir: string, logName = 'log.lammps', dumpName = 'dump.forces.lammpstrj'): ReaxCase {
  const input = readFileSync(join(dir, 'in.lammps'), 'utf8');
  const ps = commandWords(input, 'pair_style')!;
  const pc = commandWords(input, 'pair_coeff')!;
  const dataName = commandWords(input, 'read_data')![0];
  const lgvdw = ps.includes('lgvdw') && ps[ps.indexOf('lgvdw') + 1] === 'yes';
  const ff = readReaxffFfield(join(dir, pc[2]), { lgvdw });
  const typeEls = pc.slice(3);
  const control = ps[1] === 'NULL' ? null : readReaxffControl(join(dir, ps[1]));
  const data = readLammpsData(join(dir, dataName), { atomStyle: 'charge' });
  const box = simBoxFromBox(data.box);
  const d = readDumpFrame0(join(dir, dumpName));
  const n = d.id.length;
  const x = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) { x[3 * i] = d.x[i]; x[3 * i + 1] = d.y[i]; x[3 * i + 2] = d.z[i]; }
  pbc(box, n, x, new Int32Array(3 * n), new Float64Array(3 * n));
  const fref = new Float64Array(3 * n);
  if (d.fx) for (let i = 0; i < n; i++) { fref[3 * i] = d.fx[i]; fref[3 * i + 1] = d.fy[i]; fref[3 * i + 2] = d.fz[i]; }
  const th = readThermo(join(dir, logName));
  const thermo0 = Object.fromEntries(Object.entries(th).map(([k, v]) => [k, v[0]]));
  const nb = commandWords(input, 'neighbor');
  return {
    dir, ff, params: resolveReaxffParams(ff), typeEls, typeMap: reaxffTypeMap(ff, typeEls), tabulate: control ? control.tabulate : 0, lgvdw,
    qeqArgs: fixWords(input, 'qeq/reaxff') ?? [], box, n, x, type: Int32Array.from(d.type), q: Float64Array.from(d.q), id: Float64Array.from(d.id),
    fref, thermo0, skin: nb ? Number(nb[0]) : 2.0,
  };
}

/**
 * Ghosts (with charges) and a HALF newton-on list within cut for positions x of case c.
 * `engine`: the engine's half list (coordinate tie rule); otherwise (default) the half list is
 * taken from the engine's full list by image offsets (an owned pair once by index, an owned-ghost
 * pair where the ghost's image offset is positive in z, then y, then x), which is exact in
 * triclinic boxes: the engine's coordinate rule is not where triclinic ghosts (made through lamda
 * coordinates) carry round-off (see the `engine half list` test).
 */
export function ghostsAndList(c: ReaxCase, x: Float64Array, q: Float64Array, cut: number, kind: 'half' | 'full' | 'engine' = 'half') {
  const g = buildGhosts(new GhostAtoms(), c.box, c.n, x, c.type, c.id, cut, q);
  const full = buildNeighborList(new NeighborListBuffer(), kind === 'engine' ? 'half' : 'full', g, cut);
  if (kind !== 'half') return { g, list: full as NeighborList };
  const offsets = new Int32Array(g.nlocal + 1);
  const nb: number[] = [];
  for (let i = 0; i < g.nlocal; i++) {
    for (let k = full.offsets[i]; k < full.offsets[i + 1]; k++) {
      const j = full.neighbors[k];
      if (j < g.nlocal) { if (j > i) nb.push(j); continue; }
      const ix = g.image[3 * j], iy = g.image[3 * j + 1], iz = g.image[3 * j + 2];
      if (iz > 0 || (iz === 0 && (iy > 0 || (iy === 0 && ix > 0)))) nb.push(j);
    }
    offsets[i + 1] = nb.length;
  }
  const list: NeighborList = { full: false, inum: g.nlocal, offsets, neighbors: Int32Array.from(nb), cutneigh: cut };
  return { g, list };
}

export { relErr } from '../../../../src/verify/compare.js';
