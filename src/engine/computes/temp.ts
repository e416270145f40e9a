/** `compute ID group temp`: T = sum m v^2 / (dof kB), dof = dim N - dim; vector = the KE tensor (LAMMPS compute_temp.cpp). */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { element, type Compute } from './compute.js';

export function computeTemp(id: string, group: string, args: string[]): Compute<Engine> {
  if (args.length) throw new ScriptError(`compute temp: unexpected argument '${args[0]}'`);
  return {
    id,
    group,
    style: 'temp',
    args,
    scalar: (e: Engine) => e.temperature(e.groupBit(group)),
    vector(e: Engine, i: number) {
      return element(this, e.keTensor(e.groupBit(group)), i);
    },
  };
}
