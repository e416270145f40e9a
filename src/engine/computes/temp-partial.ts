/**
 * `compute ID group temp/partial xflag yflag zflag` (LAMMPS compute_temp_partial.cpp): the
 * temperature of the velocity components whose flag is 1; dof = nper N - (nper/dim) extra_dof. Its
 * bias is the excluded components: removing it zeroes them, restoring puts them back.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { inumeric } from '../input/args.js';
import { TempCompute } from './temp-base.js';

export class ComputeTempPartial extends TempCompute {
  readonly style = 'temp/partial';
  private flag: [number, number, number];
  constructor(id: string, group: string, args: string[], e: Engine) {
    super(id, group, args);
    if (args.length !== 3) throw new ScriptError('compute temp/partial: expected xflag yflag zflag');
    this.flag = args.map((w) => {
      const f = inumeric(w, 'compute temp/partial flag');
      if (f !== 0 && f !== 1) throw new ScriptError(`compute temp/partial: a flag must be 0 or 1, found '${w}'`);
      return f;
    }) as [number, number, number];
    if (this.flag[2] && e.sys.dimension === 2) throw new ScriptError('compute temp/partial cannot use vz for 2d systems');
    this.tempbias = true;
  }
  override dofCompute(e: Engine): void {
    this.natomsTemp = e.groupCount(e.groupBit(this.group));
    const nper = this.flag[0] + this.flag[1] + this.flag[2];
    this.dof = nper * this.natomsTemp;
    // extra dofs spread evenly over the active dimensions
    this.dof -= ((1.0 * nper) / e.sys.dimension) * this.extra(e);
    this.setTfactor(e);
  }
  protected kineticSum(e: Engine): number {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const [xf, yf, zf] = this.flag;
    const v = s.v;
    let t = 0;
    for (let i = 0; i < s.nlocal; i++)
      if (s.mask[i] & bit) t += (xf * v[3 * i] * v[3 * i] + yf * v[3 * i + 1] * v[3 * i + 1] + zf * v[3 * i + 2] * v[3 * i + 2]) * s.mass[s.type[i]];
    return t;
  }
  protected keTensor(e: Engine): number[] {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const [xf, yf, zf] = this.flag;
    const t = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const m = s.mass[s.type[i]];
      const vx = s.v[3 * i], vy = s.v[3 * i + 1], vz = s.v[3 * i + 2];
      t[0] += m * xf * vx * vx;
      t[1] += m * yf * vy * vy;
      t[2] += m * zf * vz * vz;
      t[3] += m * xf * yf * vx * vy;
      t[4] += m * xf * zf * vx * vz;
      t[5] += m * yf * zf * vy * vz;
    }
    return t;
  }
  override removeBias(e: Engine, i: number): void {
    const b = this.vbias1;
    const v = e.sys.v;
    for (let d = 0; d < 3; d++)
      if (!this.flag[d]) {
        b[d] = v[3 * i + d];
        v[3 * i + d] = 0.0;
      }
  }
  override restoreBias(e: Engine, i: number): void {
    const b = this.vbias1;
    const v = e.sys.v;
    for (let d = 0; d < 3; d++) if (!this.flag[d]) v[3 * i + d] += b[d];
  }
  override removeBiasAll(e: Engine): void {
    const s = e.sys;
    const b = this.biasBuffer(s.nlocal);
    const bit = e.groupBit(this.group);
    for (let d = 0; d < 3; d++) {
      if (this.flag[d]) continue;
      for (let i = 0; i < s.nlocal; i++)
        if (s.mask[i] & bit) {
          b[3 * i + d] = s.v[3 * i + d];
          s.v[3 * i + d] = 0.0;
        }
    }
  }
  override reapplyBiasAll(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    for (let d = 0; d < 3; d++) {
      if (this.flag[d]) continue;
      for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) s.v[3 * i + d] = 0.0;
    }
  }
  override restoreBiasAll(e: Engine): void {
    const s = e.sys;
    const b = this.vbias;
    const bit = e.groupBit(this.group);
    for (let d = 0; d < 3; d++) {
      if (this.flag[d]) continue;
      for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) s.v[3 * i + d] += b[3 * i + d];
    }
  }
}
