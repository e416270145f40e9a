import * as nh from '../integrators/nose-hoover.js';
import * as nve from '../integrators/velocity-verlet.js';
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { numeric } from '../input/args.js';
import { FixTemperature } from './fix-temperature.js';
import type { TempCompute } from '../computes/temp-base.js';

/**
 * `fix ID group nvt temp Tstart Tstop Tdamp [tchain N] [tloop N] [drag D]` (LAMMPS fix_nh.cpp, NVT
 * part): Nose-Hoover chain half steps around velocity Verlet, T from the fix's compute `ID_temp`
 * (style temp on the fix group) or the one `fix_modify ID temp` names; a biased compute makes the
 * chain scale thermal velocities only (FixNH::nh_v_temp).
 */
export class FixNVT implements Fix<Engine> {
  style = 'nvt';
  state: nh.NoseHooverState;
  protected temp: FixTemperature;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
    tempStyle = 'temp',
    defaultTchain = 3,
  ) {
    let tStart = NaN, tStop = NaN, tPeriod = NaN;
    let tchain = defaultTchain, tloop = 1, drag = 0;
    let i = 0;
    const num = (w: string | undefined, what: string) => numeric(w, `fix nvt ${what}`);
    while (i < args.length) {
      const k = args[i];
      if (k === 'temp') {
        tStart = num(args[i + 1], 'temp');
        tStop = num(args[i + 2], 'temp');
        tPeriod = num(args[i + 3], 'temp');
        i += 4;
      } else if (k === 'tchain') {
        tchain = num(args[i + 1], 'tchain');
        if (!(Number.isInteger(tchain) && tchain >= 1)) throw new ScriptError('fix nvt tchain: expected an integer >= 1');
        i += 2;
      } else if (k === 'tloop') {
        tloop = num(args[i + 1], 'tloop');
        if (!(Number.isInteger(tloop) && tloop >= 1)) throw new ScriptError('fix nvt tloop: expected an integer >= 1');
        i += 2;
      } else if (k === 'drag') {
        drag = num(args[i + 1], 'drag');
        i += 2;
      } else if (k === 'mtk' || k === 'ptemp' || k === 'fixedpoint' || k === 'update' || k === 'dilate' || k === 'flip') {
        i += k === 'fixedpoint' ? 4 : 2;
      } else throw new ScriptError(`fix nvt: keyword '${k}' is not understood`);
    }
    if (!Number.isFinite(tStart)) throw new ScriptError('fix nvt: temperature control (temp Tstart Tstop Tdamp) must be used');
    if (tStart <= 0 || tStop <= 0) throw new ScriptError('fix nvt: target temperature must be > 0');
    if (tPeriod <= 0) throw new ScriptError('fix nvt: Tdamp must be > 0');
    this.state = nh.init({ tStart, tStop, tPeriod, tchain, tloop, drag });
    this.temp = new FixTemperature(id, group, e, tempStyle);
  }
  modifyParam(e: Engine, args: string[]): number {
    return this.temp.modify(e, args);
  }
  destroy(e: Engine): void {
    this.temp.destroy(e);
  }
  setup(e: Engine): void {
    const t = this.temp.get(e);
    nh.setup(this.state, t.scalar(e), t.dof, e.ntimestep, e.beginstep, e.endstep, e.boltz);
  }
  /** Scale the group's velocities by the chain's factor (FixNH::nh_v_temp). */
  protected scaleVelocities(e: Engine, t: TempCompute, factor: number): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const bias = t.tempbias;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      if (bias) t.removeBias(e, i);
      s.v[3 * i] *= factor;
      s.v[3 * i + 1] *= factor;
      s.v[3 * i + 2] *= factor;
      if (bias) t.restoreBias(e, i);
    }
  }
  private thermostat(e: Engine): void {
    const t = this.temp.get(e);
    nh.thermostatHalfStep(this.state, e.dt, e.boltz, (factor) => this.scaleVelocities(e, t, factor));
  }
  initialIntegrate(e: Engine): void {
    nh.targetTemperature(this.state, e.ntimestep, e.beginstep, e.endstep, e.boltz);
    this.thermostat(e);
    const s = e.sys;
    nve.initialIntegrate({ n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask }, e.groupBit(this.group), e.dt, s.units.ftm2v);
  }
  finalIntegrate(e: Engine): void {
    const s = e.sys;
    nve.finalIntegrate({ n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask }, e.groupBit(this.group), e.dt, s.units.ftm2v);
    const t = this.temp.get(e);
    this.state.tCurrent = t.scalar(e);
    this.state.tdof = t.dof;
    this.thermostat(e);
  }
  /** The chain positions and velocities (eta, eta_dot), as LAMMPS FixNH::pack_restart_data stores them for a thermostat. */
  writeRestart(): number[] {
    return [this.state.tchain, ...this.state.eta, ...this.state.etaDot.subarray(0, this.state.tchain)];
  }
  restart(state: number[]): void {
    const m = state[0];
    if (m !== this.state.tchain) return; // LAMMPS FixNH::restart skips a chain of another length
    this.state.eta.set(state.slice(1, 1 + m));
    this.state.etaDot.set(state.slice(1 + m, 1 + 2 * m));
  }
  scalar(e: Engine): number {
    return nh.conservedEnergy(this.state, e.boltz);
  }
}
