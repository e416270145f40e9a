/**
 * `fix ID group nvt/sllod temp Tstart Tstop Tdamp [tchain N] ...` (LAMMPS fix_nvt_sllod.cpp): Nose-Hoover
 * NVT for a box deformed by fix deform (remap v), with the SLLOD equations of motion (Evans & Morriss,
 * Phys. Rev. A 30, 1528 (1984)): the chain thermostats the thermal velocity (v minus the streaming
 * velocity, the bias of its compute `ID_temp`, style temp/deform) and each half step also subtracts
 * dt/2 (H_rate H^-1) v. tchain defaults to 1.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { FixNVT } from './nvt.js';
import type { TempCompute } from '../computes/temp-base.js';

export class FixNVTSllod extends FixNVT {
  override style = 'nvt/sllod';
  constructor(id: string, group: string, args: string[], e: Engine) {
    super(id, group, args, e, 'temp/deform', 1);
  }
  init(e: Engine): void {
    const t = this.temp.get(e);
    if (!t.tempbias) throw new ScriptError(`fix ${this.id}: temperature for fix nvt/sllod does not have a bias`);
    const d = e.fixes.find((f) => f.style === 'deform') as { remap?: string } | undefined;
    if (!d) throw new ScriptError('using fix nvt/sllod with no fix deform defined');
    if (d.remap !== 'v') throw new ScriptError('using fix nvt/sllod with inconsistent fix deform remap option (needs remap v)');
  }
  /** FixNVTSllod::nh_v_temp: v = v_thermal factor - dt/2 (H_rate H^-1) v, bias restored. */
  protected override scaleVelocities(e: Engine, t: TempCompute, factor: number): void {
    if (t.style !== 'temp/deform') t.scalar(e);
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const one = e.hRate, two = e.sys.box.hInv;
    // MathExtra::multiply_shape_shape(h_rate, h_inv)
    const h0 = one[0] * two[0];
    const h1 = one[1] * two[1];
    const h2 = one[2] * two[2];
    const h3 = one[1] * two[3] + one[3] * two[2];
    const h4 = one[0] * two[4] + one[5] * two[3] + one[4] * two[2];
    const h5 = one[0] * two[5] + one[5] * two[1];
    const dthalf = 0.5 * e.dt;
    const v = s.v;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const k = 3 * i;
      const u0 = h0 * v[k] + h5 * v[k + 1] + h4 * v[k + 2];
      const u1 = h1 * v[k + 1] + h3 * v[k + 2];
      const u2 = h2 * v[k + 2];
      t.removeBias(e, i);
      v[k] = v[k] * factor - dthalf * u0;
      v[k + 1] = v[k + 1] * factor - dthalf * u1;
      v[k + 2] = v[k + 2] * factor - dthalf * u2;
      t.restoreBias(e, i);
    }
  }
}
