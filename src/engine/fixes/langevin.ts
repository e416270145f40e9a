import { RanMars } from '../random.js';
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { numeric, yesno } from '../input/args.js';
import { findTempCompute } from '../computes/lookup.js';

/**
 * `fix ID group langevin Tstart Tstop damp seed [zero yes|no] [scale type ratio]...`
 * (Schneider & Stoll, PRB 17, 1302 (1978); LAMMPS fix_langevin.cpp without gjf/tally/angmom):
 * F += -m/damp v + sqrt(24 kB T m / (damp dt)) (u - 1/2) per component, u from RanMars(seed),
 * drawn in local atom order (hence the exact atom sort above); applied at setup too.
 * `fix_modify ID temp TEMP-ID` with a biased compute: drag and noise act on the thermal velocity,
 * and a component the bias zeroes gets no noise (FixLangevin Tp_BIAS).
 */
export class FixLangevin implements Fix<Engine> {
  style = 'langevin';
  private rng: RanMars;
  private tStart: number;
  private tStop: number;
  private damp: number;
  private zero = false;
  private ratio = new Map<number, number>();
  /** fix_modify temp: the temperature compute whose bias is removed (none by default). */
  private tempId: string | null = null;

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    if (args.length < 4) throw new ScriptError('fix langevin: expected Tstart Tstop damp seed');
    const num = (w: string, what: string) => numeric(w, `fix langevin ${what}`);
    if (args[0].startsWith('v_')) throw new ScriptError('fix langevin: variable temperatures are not supported by lmpv');
    this.tStart = num(args[0], 'Tstart');
    this.tStop = num(args[1], 'Tstop');
    this.damp = num(args[2], 'damp');
    const seed = num(args[3], 'seed');
    if (!(this.damp > 0)) throw new ScriptError('fix langevin: damp must be > 0');
    if (!(Number.isInteger(seed) && seed > 0)) throw new ScriptError('fix langevin: seed must be a positive integer');
    this.rng = new RanMars(seed);
    for (let i = 4; i < args.length; ) {
      const k = args[i];
      if (k === 'zero') {
        this.zero = yesno(args[i + 1], 'fix langevin zero');
        i += 2;
      } else if (k === 'scale') {
        this.ratio.set(num(args[i + 1], 'scale type'), num(args[i + 2], 'scale ratio'));
        i += 3;
      } else if (k === 'tally' || k === 'gjf' || k === 'angmom' || k === 'omega') {
        if (args[i + 1] !== 'no') throw new ScriptError(`fix langevin: keyword '${k} ${args[i + 1]}' is not supported by lmpv`);
        i += 2;
      } else throw new ScriptError(`fix langevin: keyword '${k}' is not understood`);
    }
  }

  setup(e: Engine): void {
    this.postForce(e);
  }

  modifyParam(e: Engine, args: string[]): number {
    if (args[0] !== 'temp') return 0;
    if (args[1] === undefined) throw new ScriptError('fix_modify temp: expected a compute ID');
    const c = findTempCompute(e, args[1], 'fix_modify temp');
    if (c.group !== this.group) e.warn('Group for fix_modify temp != fix group');
    this.tempId = args[1];
    return 2;
  }

  postForce(e: Engine): void {
    const s = e.sys;
    const u = s.units;
    const bit = e.groupBit(this.group);
    let delta = e.ntimestep - e.beginstep;
    if (delta !== 0) delta /= e.endstep - e.beginstep;
    const tTarget = this.tStart + delta * (this.tStop - this.tStart);
    const tsqrt = Math.sqrt(tTarget);
    const g1 = new Float64Array(s.ntypes + 1);
    const g2 = new Float64Array(s.ntypes + 1);
    for (let t = 1; t <= s.ntypes; t++) {
      const ratio = this.ratio.get(t) ?? 1;
      g1[t] = (-s.mass[t] / this.damp / u.ftm2v) * (1.0 / ratio);
      g2[t] = ((Math.sqrt(s.mass[t]) * Math.sqrt((24.0 * u.boltz) / this.damp / e.dt / u.mvv2e)) / u.ftm2v) * (1.0 / Math.sqrt(ratio));
    }
    let sx = 0, sy = 0, sz = 0, count = 0;
    const f = s.f, v = s.v;
    const temp = this.tempId !== null ? findTempCompute(e, this.tempId, `fix ${this.id}`) : null;
    const bias = temp !== null && temp.tempbias;
    if (bias) temp.scalar(e);
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const t = s.type[i];
      const gamma1 = g1[t];
      const gamma2 = g2[t] * tsqrt;
      let fx = gamma2 * (this.rng.uniform() - 0.5);
      let fy = gamma2 * (this.rng.uniform() - 0.5);
      let fz = gamma2 * (this.rng.uniform() - 0.5);
      let dx: number, dy: number, dz: number;
      if (bias) {
        temp.removeBias(e, i);
        dx = gamma1 * v[3 * i];
        dy = gamma1 * v[3 * i + 1];
        dz = gamma1 * v[3 * i + 2];
        if (v[3 * i] === 0.0) fx = 0.0;
        if (v[3 * i + 1] === 0.0) fy = 0.0;
        if (v[3 * i + 2] === 0.0) fz = 0.0;
        temp.restoreBias(e, i);
      } else {
        dx = gamma1 * v[3 * i];
        dy = gamma1 * v[3 * i + 1];
        dz = gamma1 * v[3 * i + 2];
      }
      f[3 * i] += dx + fx;
      f[3 * i + 1] += dy + fy;
      f[3 * i + 2] += dz + fz;
      sx += fx;
      sy += fy;
      sz += fz;
      count++;
    }
    if (this.zero && count > 0) {
      sx /= count;
      sy /= count;
      sz /= count;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        f[3 * i] -= sx;
        f[3 * i + 1] -= sy;
        f[3 * i + 2] -= sz;
      }
    }
  }
}
