/**
 * `compute ID group temp/region REGION` (LAMMPS compute_temp_region.cpp): the temperature of the
 * group's atoms inside the region at the moment it is computed; dof = dim * count - extra_dof,
 * recounted at every evaluation, T = mvv2e sum m v^2 / (dof kB). Its bias is the whole velocity of
 * atoms outside the region (removing it zeroes them), so thermostats act on the atoms inside only.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Region } from '../regions/region.js';
import { TempCompute } from './temp-base.js';

export class ComputeTempRegion extends TempCompute {
  readonly style = 'temp/region';
  private regionId: string;
  constructor(id: string, group: string, args: string[], e: Engine) {
    super(id, group, args);
    if (args.length !== 1) throw new ScriptError('compute temp/region: expected a region ID');
    this.regionId = args[0];
    this.region(e);
    this.tempbias = true;
  }
  private region(e: Engine): Region {
    const r = e.regions.get(this.regionId);
    if (!r) throw new ScriptError(`region ID '${this.regionId}' for compute temp/region does not exist`);
    return r;
  }
  override setup(e: Engine): void {
    this.region(e);
    this.dynamic = this.dynamicUser;
    this.dof = 0;
  }
  override dofCompute(): void {}
  private inside(e: Engine, r: Region, i: number): boolean {
    const x = e.sys.x;
    return r.match(x[3 * i], x[3 * i + 1], x[3 * i + 2]);
  }
  protected kineticSum(): number {
    return 0; // scalar() is overridden: the count and sum come together
  }
  override scalar(e: Engine): number {
    const s = e.sys;
    const r = this.region(e);
    const bit = e.groupBit(this.group);
    const v = s.v;
    let count = 0, t = 0;
    for (let i = 0; i < s.nlocal; i++)
      if (s.mask[i] & bit && this.inside(e, r, i)) {
        count++;
        t += (v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]) * s.mass[s.type[i]];
      }
    this.natomsTemp = count;
    this.dof = e.sys.dimension * count - this.extra(e);
    if (this.dof < 0 && count > 0) throw new ScriptError(`compute ${this.id}: temperature compute degrees of freedom < 0`);
    return this.dof > 0 ? (e.sys.units.mvv2e * t) / (this.dof * e.boltz) : 0.0;
  }
  protected keTensor(e: Engine): number[] {
    const s = e.sys;
    const r = this.region(e);
    const bit = e.groupBit(this.group);
    const t = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit) || !this.inside(e, r, i)) continue;
      const m = s.mass[s.type[i]];
      const vx = s.v[3 * i], vy = s.v[3 * i + 1], vz = s.v[3 * i + 2];
      t[0] += m * vx * vx;
      t[1] += m * vy * vy;
      t[2] += m * vz * vz;
      t[3] += m * vx * vy;
      t[4] += m * vx * vz;
      t[5] += m * vy * vz;
    }
    return t;
  }
  override removeBias(e: Engine, i: number): void {
    const b = this.vbias1;
    const v = e.sys.v;
    if (this.inside(e, this.region(e), i)) b[0] = b[1] = b[2] = 0.0;
    else {
      for (let d = 0; d < 3; d++) b[d] = v[3 * i + d];
      v[3 * i] = v[3 * i + 1] = v[3 * i + 2] = 0.0;
    }
  }
  override restoreBias(e: Engine, i: number): void {
    const v = e.sys.v;
    for (let d = 0; d < 3; d++) v[3 * i + d] += this.vbias1[d];
  }
  override removeBiasAll(e: Engine): void {
    const s = e.sys;
    const b = this.biasBuffer(s.nlocal);
    const r = this.region(e);
    const bit = e.groupBit(this.group);
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      if (this.inside(e, r, i)) b[3 * i] = b[3 * i + 1] = b[3 * i + 2] = 0.0;
      else {
        for (let d = 0; d < 3; d++) b[3 * i + d] = s.v[3 * i + d];
        s.v[3 * i] = s.v[3 * i + 1] = s.v[3 * i + 2] = 0.0;
      }
    }
  }
  override restoreBiasAll(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) for (let d = 0; d < 3; d++) s.v[3 * i + d] += this.vbias[3 * i + d];
  }
}
