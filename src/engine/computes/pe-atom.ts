/** `compute ID group pe/atom [pair]`: per-atom potential energy tallied by the pair style (LAMMPS compute_pe_atom.cpp). */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Compute } from './compute.js';

export function computePeAtom(id: string, group: string, args: string[]): Compute<Engine> {
  const bad = args.find((w) => w !== 'pair');
  if (bad !== undefined) throw new ScriptError(`compute pe/atom: keyword '${bad}' is not supported by lmpv`);
  return {
    id,
    group,
    style: 'pe/atom',
    args,
    peratomEnergy: true,
    perAtom(e: Engine, i: number) {
      if (!(e.sys.mask[i] & e.groupBit(group))) return 0;
      if (!e.forcesValid) throw new ScriptError(`compute ${id} (pe/atom) is not current (LAMMPS: "Compute used in dump between runs is not current")`);
      return e.eatom[i] ?? 0;
    },
  };
}
