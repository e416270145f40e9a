import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { numeric } from '../input/args.js';
import { FixTemperature } from './fix-temperature.js';

/**
 * `fix ID group temp/berendsen Tstart Tstop Tdamp` (Berendsen et al., J. Chem. Phys. 81, 3684
 * (1984)): at the end of each step v *= sqrt(1 + dt/Tdamp (T_target/T - 1)), as LAMMPS's
 * fix_temp_berendsen.cpp (temperature of the fix's compute `ID_temp` on its group, or the one
 * `fix_modify ID temp` names, thermal velocities only for a biased compute; ramped target).
 */
export class FixTempBerendsen implements Fix<Engine> {
  style = 'temp/berendsen';
  private tStart: number;
  private tStop: number;
  private tPeriod: number;
  energy = 0;
  private temp: FixTemperature;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
  ) {
    if (args.length !== 3) throw new ScriptError('fix temp/berendsen: expected Tstart Tstop Tdamp');
    const [a, b, c] = args.map((w) => numeric(w, 'fix temp/berendsen'));
    if (!(c > 0)) throw new ScriptError('fix temp/berendsen period must be > 0.0');
    this.tStart = a;
    this.tStop = b;
    this.tPeriod = c;
    this.temp = new FixTemperature(id, group, e);
  }
  modifyParam(e: Engine, args: string[]): number {
    return this.temp.modify(e, args);
  }
  destroy(e: Engine): void {
    this.temp.destroy(e);
  }
  endOfStep(e: Engine): void {
    const bit = e.groupBit(this.group);
    const temperature = this.temp.get(e);
    const t = temperature.scalar(e);
    const dof = temperature.dof;
    if (dof < 1) return;
    if (t === 0) throw new ScriptError('computed temperature for fix temp/berendsen cannot be 0.0');
    let delta = e.ntimestep - e.beginstep;
    if (delta !== 0) delta /= e.endstep - e.beginstep;
    const target = this.tStart + delta * (this.tStop - this.tStart);
    const lamda = Math.sqrt(1.0 + (e.dt / this.tPeriod) * (target / t - 1.0));
    const efactor = 0.5 * e.boltz * dof;
    this.energy += t * (1.0 - lamda * lamda) * efactor;
    const s = e.sys;
    const bias = temperature.tempbias;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      if (bias) temperature.removeBias(e, i);
      s.v[3 * i] *= lamda;
      s.v[3 * i + 1] *= lamda;
      s.v[3 * i + 2] *= lamda;
      if (bias) temperature.restoreBias(e, i);
    }
  }
  scalar(): number {
    return this.energy;
  }
}
