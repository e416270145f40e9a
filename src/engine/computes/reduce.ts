/**
 * `compute ID group reduce MODE input...`: sum, min, max, ave, sumsq, avesq, sumabs or aveabs of
 * per-atom inputs (x y z vx vy vz fx fy fz, c_ID per-atom computes, v_name atom-style variables) over
 * the group's atoms (LAMMPS compute_reduce.cpp): a scalar for one input, a vector for several.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { element, REDUCE_EXTENSIVE, type Compute } from './compute.js';
import { perAtomValue } from './lookup.js';
import { atomAttribute } from '../atom-attributes.js';

const MODES = ['sum', 'min', 'max', 'ave', 'sumsq', 'avesq', 'sumabs', 'aveabs'];

export function computeReduce(id: string, group: string, args: string[]): Compute<Engine> {
  if (!MODES.includes(args[0]) || args.length < 2) throw new ScriptError(`compute reduce: expected MODE (${MODES.join(', ')}) and inputs, found '${args.join(' ')}'`);
  const mode = args[0];
  const inputs = args.slice(1);
  const ext = REDUCE_EXTENSIVE.has(mode);
  return {
    id,
    group,
    style: 'reduce',
    args,
    extscalar: ext,
    extvector: ext,
    scalar(e: Engine) {
      const r = reduce(e, this);
      if (r.length !== 1) throw new ScriptError(`compute ${id} (reduce) has ${r.length} values; use c_${id}[i]`);
      return r[0];
    },
    vector(e: Engine, i: number) {
      return element(this, reduce(e, this), i);
    },
  };

  function reduce(e: Engine, c: Compute<Engine>): number[] {
    const s = e.sys;
    const bit = e.groupBit(group);
    let n = 0;
    for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) n++;
    return inputs.map((w) => {
      // an atom-style variable: all atoms of the group at once (its formula compiled once)
      const vm = /^v_(.+)$/.exec(w);
      const varValues = vm ? e.vars.atom(vm[1], bit) : null;
      const get = (i: number): number => {
        const a = atomAttribute(w);
        if (a?.reduce) return a.value(s, i);
        const m = /^c_(.+)$/.exec(w);
        if (m) return perAtomValue(e, m[1], i);
        if (varValues) return varValues[i];
        throw new ScriptError(`compute ${c.id} (reduce): input '${w}' is not supported by lmpv (x y z vx vy vz fx fy fz c_ID v_name)`);
      };
      let acc = mode === 'min' ? Infinity : mode === 'max' ? -Infinity : 0;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        const v = get(i);
        if (mode === 'sum' || mode === 'ave') acc += v;
        else if (mode === 'sumsq' || mode === 'avesq') acc += v * v;
        else if (mode === 'sumabs' || mode === 'aveabs') acc += Math.abs(v);
        else if (mode === 'min') acc = Math.min(acc, v);
        else if (mode === 'max') acc = Math.max(acc, v);
      }
      if (mode === 'ave' || mode === 'avesq' || mode === 'aveabs') acc = n > 0 ? acc / n : 0;
      return acc;
    });
  }
}
