/**
 * `compute ID group pair STYLE [evdwl|ecoul|epair]`: scalar = that energy of the pair style, vector =
 * the style's named energy parts (its pvector), as LAMMPS compute_pair.cpp.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Compute } from './compute.js';

export function computePair(id: string, group: string, args: string[]): Compute<Engine> {
  if (args.length < 1 || args.length > 2 || (args[1] !== undefined && !['evdwl', 'ecoul', 'epair'].includes(args[1]))) throw new ScriptError('compute pair: expected STYLE [evdwl|ecoul|epair]');
  const check = (e: Engine) => {
    e.groupBit(group);
    if (args[0] !== e.pairStyle) throw new ScriptError(`compute ${id}: unrecognized pair style '${args[0]}' (the pair style is '${e.pairStyle}')`);
  };
  return {
    id,
    group,
    style: 'pair',
    args,
    needsForces: true,
    extscalar: true,
    extvector: true,
    scalar(e: Engine) {
      check(e);
      const which = args[1] ?? 'epair';
      return which === 'evdwl' ? e.evdwl : which === 'ecoul' ? e.ecoul : e.evdwl + e.ecoul;
    },
    vector(e: Engine, i: number) {
      check(e);
      const names = e.pair?.pvector ?? [];
      if (i < 1 || i > names.length) throw new ScriptError(`compute ${id}: pair style ${e.pairStyle} has ${names.length} vector values, [${i}] requested`);
      return e.parts[names[i - 1]] ?? 0;
    },
  };
}
