/**
 * `fix ID group temp/rescale N Tstart Tstop window fraction` (LAMMPS fix_temp_rescale.cpp): every N
 * steps, at the end of the step, if |T - T_target| > window the group's velocities are scaled so T
 * moves `fraction` of the way to the target (T_target ramps from Tstart to Tstop over the run). T is
 * that of the fix's temperature compute (its own `ID_temp`, or `fix_modify ID temp TEMP-ID`); with a
 * biased compute only the thermal velocity is scaled. The scalar is the cumulative energy removed.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { inumeric, numeric } from '../input/args.js';
import { FixTemperature } from './fix-temperature.js';

export class FixTempRescale implements Fix<Engine> {
  style = 'temp/rescale';
  private nevery: number;
  private tStart: number;
  private tStop: number;
  private window: number;
  private fraction: number;
  private temp: FixTemperature;
  energy = 0;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
  ) {
    if (args.length < 5) throw new ScriptError('fix temp/rescale: expected N Tstart Tstop window fraction');
    if (args[1].startsWith('v_')) throw new ScriptError('fix temp/rescale: a variable Tstart is not supported by lmpv');
    this.nevery = inumeric(args[0], 'fix temp/rescale N');
    if (this.nevery <= 0) throw new ScriptError('fix temp/rescale: N must be > 0');
    this.tStart = numeric(args[1], 'fix temp/rescale Tstart');
    this.tStop = numeric(args[2], 'fix temp/rescale Tstop');
    this.window = numeric(args[3], 'fix temp/rescale window');
    this.fraction = numeric(args[4], 'fix temp/rescale fraction');
    if (args.length > 5) throw new ScriptError(`fix temp/rescale: unexpected argument '${args[5]}'`);
    this.temp = new FixTemperature(id, group, e);
  }
  endOfStep(e: Engine): void {
    if (e.ntimestep % this.nevery !== 0) return;
    const temperature = this.temp.get(e);
    const tCurrent = temperature.scalar(e);
    if (temperature.dof < 1) return;
    if (tCurrent === 0.0) throw new ScriptError('computed temperature for fix temp/rescale cannot be 0.0');
    let delta = e.ntimestep - e.beginstep;
    if (delta !== 0.0) delta /= e.endstep - e.beginstep;
    let tTarget = this.tStart + delta * (this.tStop - this.tStart);
    if (Math.abs(tCurrent - tTarget) > this.window) {
      tTarget = tCurrent - this.fraction * (tCurrent - tTarget);
      const factor = Math.sqrt(tTarget / tCurrent);
      const efactor = 0.5 * e.boltz * temperature.dof;
      this.energy += (tCurrent - tTarget) * efactor;
      const s = e.sys;
      const bit = e.groupBit(this.group);
      const v = s.v;
      const bias = temperature.tempbias;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        if (bias) temperature.removeBias(e, i);
        v[3 * i] *= factor;
        v[3 * i + 1] *= factor;
        v[3 * i + 2] *= factor;
        if (bias) temperature.restoreBias(e, i);
      }
    }
  }
  modifyParam(e: Engine, args: string[]): number {
    return this.temp.modify(e, args);
  }
  destroy(e: Engine): void {
    this.temp.destroy(e);
  }
  scalar(): number {
    return this.energy;
  }
}
