/**
 * `compute ID group pressure thermo_temp [ke] [pair] [virial]`: P = (N kB T + virial) / (dim V) and its
 * tensor, keywords selecting the kinetic and/or virial terms (LAMMPS compute_pressure.cpp; default all).
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { element, type Compute } from './compute.js';

export function computePressure(id: string, group: string, args: string[]): Compute<Engine> {
  if (args[0] !== 'thermo_temp') throw new ScriptError('compute pressure: lmpv supports only the thermo_temp temperature compute');
  for (const w of args.slice(1)) if (!['ke', 'pair', 'virial'].includes(w)) throw new ScriptError(`compute pressure: keyword '${w}' is not supported by lmpv (ke, pair, virial)`);
  const kw = args.slice(1);
  const withKe = kw.length === 0 || kw.includes('ke');
  const withVir = kw.length === 0 || kw.includes('pair') || kw.includes('virial');
  return {
    id,
    group,
    style: 'pressure',
    args,
    needsForces: true,
    scalar(e: Engine) {
      e.groupBit(group);
      const dim = e.sys.dimension;
      const inv = e.sys.units.nktv2p / e.volume();
      const v = e.virial;
      const virSum = withVir ? (dim === 3 ? v[0] + v[1] + v[2] : v[0] + v[1]) : 0;
      const keTerm = withKe ? e.tempDof(1) * e.boltz * e.temperature() : 0;
      return ((keTerm + virSum) / dim) * inv;
    },
    vector(e: Engine, i: number) {
      e.groupBit(group);
      const inv = e.sys.units.nktv2p / e.volume();
      const ke = withKe ? e.keTensor() : [0, 0, 0, 0, 0, 0];
      return element(this, [0, 1, 2, 3, 4, 5].map((k) => (ke[k] + (withVir ? e.virial[k] : 0)) * inv), i);
    },
  };
}
