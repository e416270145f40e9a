/**
 * Shared by `compute cna/atom` and `compute cluster/atom`: the owned atoms, their group flags and the
 * box as the structure-analysis layer takes them, and a once-per-step cache of the result.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { isNumeric } from '../input/args.js';
import type { Cell } from '../../analysis/neighbors.js';

export interface StructureInput {
  pos: Float64Array;
  n: number;
  cell: Cell;
  group: Uint8Array;
}

/** `values(input)` evaluated at most once per timestep (and atom count). */
export function perStepStructure(group: string, values: (e: Engine, input: StructureInput) => Float64Array): (e: Engine) => Float64Array {
  let cache: { step: number; n: number; values: Float64Array } | null = null;
  return (e) => {
    const s = e.sys;
    if (cache && cache.step === e.ntimestep && cache.n === s.nlocal) return cache.values;
    const b = s.box;
    const cell: Cell = {
      origin: [b.lo[0], b.lo[1], b.lo[2]],
      lx: b.prd[0],
      ly: b.prd[1],
      lz: b.prd[2],
      xy: b.h[5],
      xz: b.h[4],
      yz: b.h[3],
      periodic: [s.periodic(0), s.periodic(1), s.periodic(2)],
    };
    const bit = e.groupBit(group);
    const g = new Uint8Array(s.nlocal);
    for (let i = 0; i < s.nlocal; i++) g[i] = s.mask[i] & bit ? 1 : 0;
    const v = values(e, { pos: s.x.slice(0, 3 * s.nlocal), n: s.nlocal, cell, group: g });
    cache = { step: e.ntimestep, n: s.nlocal, values: v };
    return v;
  };
}

/** The one argument of cna/atom and cluster/atom: a cutoff > 0. */
export function cutoffArg(style: string, args: string[]): number {
  const rc = isNumeric(args[0]) ? Number(args[0]) : NaN;
  if (args.length !== 1 || !(rc > 0)) throw new ScriptError(`compute ${style}: expected one cutoff > 0`);
  return rc;
}
