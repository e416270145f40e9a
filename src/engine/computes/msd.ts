/**
 * `compute ID group msd [com yes|no]`: [<dx^2>, <dy^2>, <dz^2>, <dr^2>] of unwrapped displacements from
 * the positions when the compute was defined, optionally relative to the group's centre of mass
 * (LAMMPS compute_msd.cpp).
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { element, type Compute } from './compute.js';

export function computeMsd(id: string, group: string, args: string[], e: Engine): Compute<Engine> {
  if (!(args.length === 0 || (args.length === 2 && args[0] === 'com' && (args[1] === 'yes' || args[1] === 'no')))) throw new ScriptError('compute msd: lmpv supports only [com yes|no]');
  const com = args[0] === 'com' && args[1] === 'yes';
  // reference positions by atom id, stored now (LAMMPS stores them in a fix STORE at definition)
  const bit0 = e.groupBit(group);
  const cm0 = com ? e.groupXcm(bit0) : [0, 0, 0];
  const ref = new Map<number, [number, number, number]>();
  const u0 = new Float64Array(3);
  for (let i = 0; i < e.sys.nlocal; i++) {
    if (!(e.sys.mask[i] & bit0)) continue;
    e.unwrapped(i, u0);
    ref.set(e.sys.tag[i], [u0[0] - cm0[0], u0[1] - cm0[1], u0[2] - cm0[2]]);
  }
  const n = ref.size;
  const msd = (e: Engine): number[] => {
    const bit = e.groupBit(group);
    const cm = com ? e.groupXcm(bit) : [0, 0, 0];
    const s = e.sys;
    const u = new Float64Array(3);
    const m = [0, 0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const r = ref.get(s.tag[i]);
      if (!r) continue;
      e.unwrapped(i, u);
      const dx = u[0] - cm[0] - r[0], dy = u[1] - cm[1] - r[1], dz = u[2] - cm[2] - r[2];
      m[0] += dx * dx;
      m[1] += dy * dy;
      m[2] += dz * dz;
      m[3] += dx * dx + dy * dy + dz * dz;
    }
    return n ? m.map((v) => v / n) : m;
  };
  return {
    id,
    group,
    style: 'msd',
    args,
    vector(e: Engine, i: number) {
      return element(this, msd(e), i);
    },
  };
}
