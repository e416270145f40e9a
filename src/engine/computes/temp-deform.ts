/**
 * `compute ID group temp/deform` (LAMMPS compute_temp_deform.cpp): the temperature after
 * subtracting the streaming velocity of a deforming box, v_stream = H_rate lamda + H_ratelo (lamda
 * the atom's fractional coordinates, H_rate / H_ratelo the box's rate of change that fix deform sets;
 * engine.hRate / hRateLo). That streaming velocity is its bias. dof as compute temp.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { TempCompute } from './temp-base.js';

export class ComputeTempDeform extends TempCompute {
  readonly style = 'temp/deform';
  private vs = [0, 0, 0];
  constructor(id: string, group: string, args: string[]) {
    super(id, group, args);
    if (args.length) throw new ScriptError(`compute temp/deform: unexpected argument '${args[0]}'`);
    this.tempbias = true;
  }
  override setup(e: Engine): void {
    if (!e.fixes.some((f) => f.style === 'deform')) e.warn('Using compute temp/deform with no fix deform defined');
    super.setup(e);
  }
  /** Streaming velocity of local atom i (Domain::x2lamda, then H_rate lamda + H_ratelo). */
  private stream(e: Engine, i: number): number[] {
    const b = e.sys.box;
    const x = e.sys.x;
    const hi = b.hInv, hr = e.hRate, hl = e.hRateLo;
    const d0 = x[3 * i] - b.lo[0], d1 = x[3 * i + 1] - b.lo[1], d2 = x[3 * i + 2] - b.lo[2];
    const l0 = hi[0] * d0 + hi[5] * d1 + hi[4] * d2;
    const l1 = hi[1] * d1 + hi[3] * d2;
    const l2 = hi[2] * d2;
    const vs = this.vs;
    vs[0] = hr[0] * l0 + hr[5] * l1 + hr[4] * l2 + hl[0];
    vs[1] = hr[1] * l1 + hr[3] * l2 + hl[1];
    vs[2] = hr[2] * l2 + hl[2];
    return vs;
  }
  protected kineticSum(e: Engine): number {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const v = s.v;
    let t = 0;
    for (let i = 0; i < s.nlocal; i++)
      if (s.mask[i] & bit) {
        const vs = this.stream(e, i);
        const w0 = v[3 * i] - vs[0], w1 = v[3 * i + 1] - vs[1], w2 = v[3 * i + 2] - vs[2];
        t += (w0 * w0 + w1 * w1 + w2 * w2) * s.mass[s.type[i]];
      }
    return t;
  }
  protected keTensor(e: Engine): number[] {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const v = s.v;
    const t = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const vs = this.stream(e, i);
      const w0 = v[3 * i] - vs[0], w1 = v[3 * i + 1] - vs[1], w2 = v[3 * i + 2] - vs[2];
      const m = s.mass[s.type[i]];
      t[0] += m * w0 * w0;
      t[1] += m * w1 * w1;
      t[2] += m * w2 * w2;
      t[3] += m * w0 * w1;
      t[4] += m * w0 * w2;
      t[5] += m * w1 * w2;
    }
    return t;
  }
  override removeBias(e: Engine, i: number): void {
    const vs = this.stream(e, i);
    const v = e.sys.v;
    for (let d = 0; d < 3; d++) {
      this.vbias1[d] = vs[d];
      v[3 * i + d] -= vs[d];
    }
  }
  override restoreBias(e: Engine, i: number): void {
    const v = e.sys.v;
    for (let d = 0; d < 3; d++) v[3 * i + d] += this.vbias1[d];
  }
  override removeBiasAll(e: Engine): void {
    const s = e.sys;
    const b = this.biasBuffer(s.nlocal);
    const bit = e.groupBit(this.group);
    for (let i = 0; i < s.nlocal; i++)
      if (s.mask[i] & bit) {
        const vs = this.stream(e, i);
        for (let d = 0; d < 3; d++) {
          b[3 * i + d] = vs[d];
          s.v[3 * i + d] -= vs[d];
        }
      }
  }
  override restoreBiasAll(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) for (let d = 0; d < 3; d++) s.v[3 * i + d] += this.vbias[3 * i + d];
  }
}
