/**
 * `compute ID group temp/ramp vdim vlo vhi dim clo chi [units box|lattice]` (LAMMPS
 * compute_temp_ramp.cpp): the temperature after subtracting a velocity profile that ramps
 * component vdim linearly from vlo to vhi as coordinate dim goes from clo to chi (clamped outside);
 * that profile is its bias. dof as compute temp.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { numeric } from '../input/args.js';
import { TempCompute } from './temp-base.js';

const VDIM: Record<string, number> = { vx: 0, vy: 1, vz: 2 };
const CDIM: Record<string, number> = { x: 0, y: 1, z: 2 };

export class ComputeTempRamp extends TempCompute {
  readonly style = 'temp/ramp';
  private vdim: number;
  private cdim: number;
  private vlo: number;
  private vhi: number;
  private clo: number;
  private chi: number;
  constructor(id: string, group: string, args: string[], e: Engine) {
    super(id, group, args);
    if (args.length < 6) throw new ScriptError('compute temp/ramp: expected vdim vlo vhi dim clo chi [units box|lattice]');
    let lattice = true;
    for (let k = 6; k < args.length; k += 2) {
      if (args[k] !== 'units' || (args[k + 1] !== 'box' && args[k + 1] !== 'lattice'))
        throw new ScriptError(`compute temp/ramp: expected 'units box' or 'units lattice', found '${args.slice(k).join(' ')}'`);
      lattice = args[k + 1] === 'lattice';
    }
    const L = e.lattice;
    const sc = lattice && L ? [L.xlattice, L.ylattice, L.zlattice] : [1, 1, 1];
    const vd = VDIM[args[0]];
    if (vd === undefined) throw new ScriptError(`compute temp/ramp: expected vx, vy or vz, found '${args[0]}'`);
    const cd = CDIM[args[3]];
    if (cd === undefined) throw new ScriptError(`compute temp/ramp: expected x, y or z, found '${args[3]}'`);
    this.vdim = vd;
    this.cdim = cd;
    this.vlo = sc[vd] * numeric(args[1], 'compute temp/ramp vlo');
    this.vhi = sc[vd] * numeric(args[2], 'compute temp/ramp vhi');
    this.clo = sc[cd] * numeric(args[4], 'compute temp/ramp clo');
    this.chi = sc[cd] * numeric(args[5], 'compute temp/ramp chi');
    this.tempbias = true;
  }
  /** The ramp velocity at local atom i. */
  private vramp(e: Engine, i: number): number {
    let fraction = (e.sys.x[3 * i + this.cdim] - this.clo) / (this.chi - this.clo);
    fraction = Math.max(fraction, 0.0);
    fraction = Math.min(fraction, 1.0);
    return this.vlo + fraction * (this.vhi - this.vlo);
  }
  private thermal(e: Engine, i: number, out: number[]): number[] {
    const v = e.sys.v;
    out[0] = v[3 * i];
    out[1] = v[3 * i + 1];
    out[2] = v[3 * i + 2];
    out[this.vdim] -= this.vramp(e, i);
    return out;
  }
  protected kineticSum(e: Engine): number {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const w = [0, 0, 0];
    let t = 0;
    for (let i = 0; i < s.nlocal; i++)
      if (s.mask[i] & bit) {
        this.thermal(e, i, w);
        t += (w[0] * w[0] + w[1] * w[1] + w[2] * w[2]) * s.mass[s.type[i]];
      }
    return t;
  }
  protected keTensor(e: Engine): number[] {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const w = [0, 0, 0];
    const t = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      this.thermal(e, i, w);
      const m = s.mass[s.type[i]];
      t[0] += m * w[0] * w[0];
      t[1] += m * w[1] * w[1];
      t[2] += m * w[2] * w[2];
      t[3] += m * w[0] * w[1];
      t[4] += m * w[0] * w[2];
      t[5] += m * w[1] * w[2];
    }
    return t;
  }
  override removeBias(e: Engine, i: number): void {
    this.vbias1[this.vdim] = this.vramp(e, i);
    e.sys.v[3 * i + this.vdim] -= this.vbias1[this.vdim];
  }
  override restoreBias(e: Engine, i: number): void {
    e.sys.v[3 * i + this.vdim] += this.vbias1[this.vdim];
  }
  override removeBiasAll(e: Engine): void {
    const s = e.sys;
    const b = this.biasBuffer(s.nlocal);
    const bit = e.groupBit(this.group);
    for (let i = 0; i < s.nlocal; i++)
      if (s.mask[i] & bit) {
        b[3 * i + this.vdim] = this.vramp(e, i);
        s.v[3 * i + this.vdim] -= b[3 * i + this.vdim];
      }
  }
  override restoreBiasAll(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) s.v[3 * i + this.vdim] += this.vbias[3 * i + this.vdim];
  }
}
