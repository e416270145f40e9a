/** `compute ID group ke/atom`: 1/2 m v^2 per atom (LAMMPS compute_ke_atom.cpp). */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Compute } from './compute.js';

export function computeKeAtom(id: string, group: string, args: string[]): Compute<Engine> {
  if (args.length) throw new ScriptError(`compute ke/atom: unexpected argument '${args[0]}'`);
  return {
    id,
    group,
    style: 'ke/atom',
    args,
    perAtom(e: Engine, i: number) {
      const s = e.sys;
      if (!(s.mask[i] & e.groupBit(group))) return 0;
      const k = 3 * i;
      return 0.5 * s.units.mvv2e * s.mass[s.type[i]] * (s.v[k] * s.v[k] + s.v[k + 1] * s.v[k + 1] + s.v[k + 2] * s.v[k + 2]);
    },
  };
}
