import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { isNumeric } from '../input/args.js';

/**
 * `fix ID group nve/limit xmax`: velocity Verlet with each atom's displacement per step capped at
 * xmax (velocity rescaled to xmax/dt), as LAMMPS fix_nve_limit.cpp; f_ID = number of capped moves.
 */
export class FixNVELimit implements Fix<Engine> {
  style = 'nve/limit';
  private xlimit: number;
  private ncount = 0;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    const v = isNumeric(args[0]) ? Number(args[0]) : NaN;
    if (args.length !== 1 || !(v > 0)) throw new ScriptError('fix nve/limit: expected one positive distance');
    this.xlimit = v;
  }
  setup(): void {
    this.ncount = 0;
  }
  private kick(e: Engine, move: boolean): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const dtv = e.dt;
    const dtf = 0.5 * e.dt * s.units.ftm2v;
    const vlimitsq = (this.xlimit / dtv) * (this.xlimit / dtv);
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const dtfm = dtf / s.mass[s.type[i]];
      const k = 3 * i;
      s.v[k] += dtfm * s.f[k];
      s.v[k + 1] += dtfm * s.f[k + 1];
      s.v[k + 2] += dtfm * s.f[k + 2];
      const vsq = s.v[k] * s.v[k] + s.v[k + 1] * s.v[k + 1] + s.v[k + 2] * s.v[k + 2];
      if (vsq > vlimitsq) {
        this.ncount++;
        const scale = Math.sqrt(vlimitsq / vsq);
        s.v[k] *= scale;
        s.v[k + 1] *= scale;
        s.v[k + 2] *= scale;
      }
      if (move) {
        s.x[k] += dtv * s.v[k];
        s.x[k + 1] += dtv * s.v[k + 1];
        s.x[k + 2] += dtv * s.v[k + 2];
      }
    }
  }
  initialIntegrate(e: Engine): void {
    this.kick(e, true);
  }
  finalIntegrate(e: Engine): void {
    this.kick(e, false);
  }
  scalar(): number {
    return this.ncount;
  }
}
