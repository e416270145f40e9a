/**
 * `compute ID group pressure TEMP-ID [ke] [pair] [virial]`: P = (dof kB T + virial) / (dim V) and its
 * tensor (KE tensor of the temperature compute + virial) / V, keywords selecting the kinetic and/or
 * virial terms (LAMMPS compute_pressure.cpp; default all). T and dof are those of compute TEMP-ID,
 * so a biased temperature (temp/partial, thermo_modify temp) gives the pressure of the thermal motion.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { element, type Compute } from './compute.js';
import { isTemp, type TempCompute } from './temp-base.js';
import { thermoTemp } from './temp.js';

export function computePressure(id: string, group: string, args: string[], e?: Engine): Compute<Engine> {
  if (args.length === 0) throw new ScriptError('compute pressure: expected a temperature compute ID (or NULL)');
  let tempId = args[0];
  for (const w of args.slice(1)) if (!['ke', 'pair', 'virial'].includes(w)) throw new ScriptError(`compute pressure: keyword '${w}' is not supported by lmpv (ke, pair, virial)`);
  const kw = args.slice(1);
  const withKe = kw.length === 0 || kw.includes('ke');
  const withVir = kw.length === 0 || kw.includes('pair') || kw.includes('virial');
  if (withKe && tempId === 'NULL') throw new ScriptError('compute pressure: the kinetic term needs a temperature compute ID, found NULL');
  const temperature = (en: Engine): TempCompute => {
    const c = en.computes.get(tempId) ?? (tempId === 'thermo_temp' ? thermoTemp(en) : undefined);
    if (!c) throw new ScriptError(`could not find compute pressure temperature ID '${tempId}'`);
    if (!isTemp(c)) throw new ScriptError(`compute pressure temperature ID '${tempId}' does not compute temperature`);
    return c;
  };
  if (withKe && e && tempId !== 'thermo_temp') temperature(e);
  return {
    id,
    group,
    style: 'pressure',
    args,
    needsForces: true,
    scalar(en: Engine) {
      en.groupBit(group);
      const dim = en.sys.dimension;
      const p = en.sys.box.prd;
      const v = en.virial;
      const nktv2p = en.sys.units.nktv2p;
      const t = withKe ? temperature(en) : null;
      const keTerm = t ? t.dof * en.boltz * t.scalar(en) : 0;
      if (dim === 3) {
        const inv = 1.0 / (p[0] * p[1] * p[2]);
        const vir = withVir ? v[0] + v[1] + v[2] : 0;
        return t ? ((keTerm + vir) / 3.0) * inv * nktv2p : (vir / 3.0) * inv * nktv2p;
      }
      const inv = 1.0 / (p[0] * p[1]);
      const vir = withVir ? v[0] + v[1] : 0;
      return t ? ((keTerm + vir) / 2.0) * inv * nktv2p : (vir / 2.0) * inv * nktv2p;
    },
    vector(en: Engine, i: number) {
      en.groupBit(group);
      const dim = en.sys.dimension;
      const p = en.sys.box.prd;
      const inv = dim === 3 ? 1.0 / (p[0] * p[1] * p[2]) : 1.0 / (p[0] * p[1]);
      const t = withKe ? temperature(en) : null;
      const ke = t ? [1, 2, 3, 4, 5, 6].map((k) => t.vector(en, k)) : [0, 0, 0, 0, 0, 0];
      const vir = withVir ? en.virial : [0, 0, 0, 0, 0, 0];
      const out = [0, 1, 2, 3, 4, 5].map((k) => (t ? (ke[k] + vir[k]) * inv * en.sys.units.nktv2p : vir[k] * inv * en.sys.units.nktv2p));
      if (dim === 2) out[2] = out[4] = out[5] = 0;
      return element(this, out, i);
    },
    resetTempId(newId: string) {
      tempId = newId;
    },
  };
}
