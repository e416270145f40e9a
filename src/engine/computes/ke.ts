/** `compute ID group ke`: sum 1/2 m v^2 over the group (LAMMPS compute_ke.cpp). */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Compute } from './compute.js';

export function computeKe(id: string, group: string, args: string[]): Compute<Engine> {
  if (args.length) throw new ScriptError(`compute ke: unexpected argument '${args[0]}'`);
  return {
    id,
    group,
    style: 'ke',
    args,
    extscalar: true,
    scalar: (e: Engine) => 0.5 * e.kineticSum(e.groupBit(group)) * e.sys.units.mvv2e,
  };
}
