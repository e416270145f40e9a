/** `compute ID group pe [pair]`: the potential energy of the last force call, with fix energies unless `pair` is named (LAMMPS compute_pe.cpp; whole system). */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Compute } from './compute.js';

export function computePe(id: string, group: string, args: string[]): Compute<Engine> {
  const bad = args.find((w) => w !== 'pair');
  if (bad !== undefined) throw new ScriptError(`compute pe: keyword '${bad}' is not supported by lmpv`);
  return {
    id,
    group,
    style: 'pe',
    args,
    needsForces: true,
    extscalar: true,
    scalar(e: Engine) {
      e.groupBit(group);
      return args.includes('pair') ? e.energy : e.potentialEnergy();
    },
  };
}
