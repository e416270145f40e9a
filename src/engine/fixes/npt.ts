import * as nh from '../integrators/nose-hoover.js';
import * as nve from '../integrators/velocity-verlet.js';
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { numeric, yesno } from '../input/args.js';

/**
 * `fix ID group npt temp Tstart Tstop Tdamp iso|aniso Pstart Pstop Pdamp [tchain N] [pchain N]
 * [tloop N] [ploop N] [drag D] [mtk yes]` on an orthogonal box: LAMMPS fix nh's Nose-Hoover
 * thermostat chain plus the MTK barostat (Martyna, Tobias, Klein, J. Chem. Phys. 101, 4177 (1994);
 * Shinoda et al., PRB 69, 134103 (2004)) with a barostat thermostat chain, in fix_nh.cpp's order
 * of half steps: box scaled about its centre by exp(dt/2 omega_dot) twice per step around the
 * position update, atoms moved with it (x -> lamda -> x).
 */
export class FixNPT implements Fix<Engine> {
  style = 'npt';
  changesBox = true;
  /** false for fix nph (no thermostat; barostat masses use t0 = ptemp or the temperature at setup). */
  private tstat = true;
  private pTemp: number | null = null;
  private t0 = 0;
  private nh: nh.NoseHooverState;
  private pStart = [0, 0, 0];
  private pStop = [0, 0, 0];
  private pFreq = [0, 0, 0];
  private pFlag = [false, false, false];
  private iso = true;
  private mpchain = 3;
  private ploop = 1;
  private drag = 0;
  private mtk = true;
  private omega = [0, 0, 0];
  private omegaDot = [0, 0, 0];
  private omegaMass = [0, 0, 0];
  private etap: Float64Array;
  private etapDot: Float64Array;
  private etapDotDot: Float64Array;
  private etapMass: Float64Array;
  private pTarget = [0, 0, 0];
  private pHydro = 0;
  private pCurrent = [0, 0, 0];
  private mtk1 = 0;
  private mtk2 = 0;
  private vol0 = 0;
  private fixedpoint: number[] | null = null;

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    nph = false,
  ) {
    this.tstat = !nph;
    if (nph) this.style = 'nph';
    let tStart = NaN, tStop = NaN, tPeriod = NaN;
    let tchain = 3, tloop = 1;
    let pset = false;
    const num = (w: string | undefined, what: string) => numeric(w, `fix npt ${what}`);
    for (let i = 0; i < args.length; ) {
      const k = args[i];
      if (k === 'temp') {
        tStart = num(args[i + 1], 'temp');
        tStop = num(args[i + 2], 'temp');
        tPeriod = num(args[i + 3], 'temp');
        i += 4;
      } else if (k === 'iso' || k === 'aniso') {
        const a = num(args[i + 1], k), b = num(args[i + 2], k), c = num(args[i + 3], k);
        this.pStart = [a, a, a];
        this.pStop = [b, b, b];
        this.pFreq = [1 / c, 1 / c, 1 / c];
        this.pFlag = [true, true, true];
        this.iso = k === 'iso';
        pset = true;
        i += 4;
      } else if (k === 'x' || k === 'y' || k === 'z') {
        const d = { x: 0, y: 1, z: 2 }[k];
        this.pStart[d] = num(args[i + 1], k);
        this.pStop[d] = num(args[i + 2], k);
        this.pFreq[d] = 1 / num(args[i + 3], k);
        this.pFlag[d] = true;
        this.iso = false;
        pset = true;
        i += 4;
      } else if (k === 'tchain' || k === 'pchain' || k === 'tloop' || k === 'ploop') {
        const v = num(args[i + 1], k);
        if (!(Number.isInteger(v) && v >= (k === 'pchain' ? 0 : 1))) throw new ScriptError(`fix npt ${k}: expected an integer`);
        if (k === 'tchain') tchain = v;
        else if (k === 'pchain') this.mpchain = v;
        else if (k === 'tloop') tloop = v;
        else this.ploop = v;
        i += 2;
      } else if (k === 'ptemp') {
        this.pTemp = num(args[i + 1], 'ptemp');
        if (!(this.pTemp > 0)) throw new ScriptError('fix npt/nph ptemp must be > 0');
        i += 2;
      } else if (k === 'drag') {
        this.drag = num(args[i + 1], 'drag');
        i += 2;
      } else if (k === 'mtk') {
        this.mtk = yesno(args[i + 1], 'fix npt mtk');
        i += 2;
      } else if (k === 'couple') {
        if (args[i + 1] !== 'none' && !(args[i + 1] === 'xyz' && this.iso)) throw new ScriptError(`fix npt couple ${args[i + 1]} is not supported by lmpv`);
        i += 2;
      } else if (k === 'dilate') {
        if (args[i + 1] !== 'all') throw new ScriptError('fix npt dilate: lmpv supports only all');
        i += 2;
      } else throw new ScriptError(`fix npt: keyword '${k}' is not supported by lmpv`);
    }
    if (nph && Number.isFinite(tStart)) throw new ScriptError('fix nph: temperature control (temp) cannot be used');
    if (!nph && !Number.isFinite(tStart)) throw new ScriptError('fix npt: temperature control (temp Tstart Tstop Tdamp) must be used');
    if (!pset) throw new ScriptError(`fix ${this.style}: pressure control (iso, aniso, x, y, z) must be used`);
    this.nh = nh.init(nph ? { tStart: 1, tStop: 1, tPeriod: 1, tchain, tloop, drag: this.drag } : { tStart, tStop, tPeriod, tchain, tloop, drag: this.drag });
    const m = Math.max(this.mpchain, 1);
    this.etap = new Float64Array(m);
    this.etapDot = new Float64Array(m + 1);
    this.etapDotDot = new Float64Array(m);
    this.etapMass = new Float64Array(m);
  }

  private get pdim(): number {
    return this.pFlag.filter(Boolean).length;
  }

  private pFreqMax(): number {
    return Math.max(...this.pFreq.map((f, d) => (this.pFlag[d] ? f : 0)));
  }

  private computePressTarget(e: Engine): void {
    let delta = e.ntimestep - e.beginstep;
    if (delta !== 0) delta /= e.endstep - e.beginstep;
    this.pHydro = 0;
    for (let d = 0; d < 3; d++)
      if (this.pFlag[d]) {
        this.pTarget[d] = this.pStart[d] + delta * (this.pStop[d] - this.pStart[d]);
        this.pHydro += this.pTarget[d];
      }
    if (this.pdim > 0) this.pHydro /= this.pdim;
  }

  /** Current pressure (scalar for iso, else the diagonal) from a fresh temperature and the last virial. */
  private couple(e: Engine): void {
    if (this.iso) {
      const p = e.pressure();
      this.pCurrent = [p, p, p];
    } else {
      const t = e.pressureTensor();
      this.pCurrent = [t[0], t[1], t[2]];
    }
    if (!this.pCurrent.every(Number.isFinite)) throw new ScriptError('non-numeric pressure - simulation unstable');
  }

  setup(e: Engine): void {
    if (e.sys.box.triclinic) throw new ScriptError('fix npt on a triclinic box is not supported by lmpv');
    const b = e.sys.box;
    if (!this.fixedpoint) this.fixedpoint = [0, 1, 2].map((d) => 0.5 * (b.lo[d] + b.hi[d]));
    if (this.vol0 === 0) this.vol0 = e.volume();
    if (this.tstat) nh.setup(this.nh, e.temperature(1), e.tempDof(1), e.ntimestep, e.beginstep, e.endstep, e.boltz);
    else {
      this.nh.tCurrent = e.temperature(1);
      this.nh.tdof = e.tempDof(1);
      if (this.t0 === 0) {
        this.t0 = this.pTemp ?? this.nh.tCurrent;
        if (this.t0 < 1e-6) throw new ScriptError('current temperature too close to zero, consider using ptemp setting');
      }
      this.nh.tTarget = this.t0;
    }
    this.computePressTarget(e);
    this.couple(e);
    const kt = e.boltz * this.nh.tTarget;
    const nkt = (e.sys.nlocal + 1) * kt;
    for (let d = 0; d < 3; d++) if (this.pFlag[d]) this.omegaMass[d] = nkt / (this.pFreq[d] * this.pFreq[d]);
    if (this.mpchain) {
      const pfm = this.pFreqMax();
      for (let k = 0; k < this.mpchain; k++) this.etapMass[k] = kt / (pfm * pfm);
      for (let k = 1; k < this.mpchain; k++) this.etapDotDot[k] = (this.etapMass[k - 1] * this.etapDot[k - 1] * this.etapDot[k - 1] - kt) / this.etapMass[k];
    }
  }

  private thermostat(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    nh.thermostatHalfStep(this.nh, e.dt, e.boltz, (factor) => {
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        s.v[3 * i] *= factor;
        s.v[3 * i + 1] *= factor;
        s.v[3 * i + 2] *= factor;
      }
    });
  }

  private omegaDotStep(e: Engine): void {
    const dthalf = 0.5 * e.dt;
    const pdragFactor = 1.0 - (e.dt * this.pFreqMax() * this.drag) / this.ploop;
    const volume = e.volume();
    const n = e.sys.nlocal;
    const nktv2p = e.sys.units.nktv2p;
    this.mtk1 = 0;
    if (this.mtk) {
      if (this.iso) this.mtk1 = (this.nh.tdof * e.boltz * this.nh.tCurrent) / (this.pdim * n);
      else {
        const mvv = e.keTensor(1);
        for (let d = 0; d < 3; d++) if (this.pFlag[d]) this.mtk1 += mvv[d];
        this.mtk1 /= this.pdim * n;
      }
    }
    for (let d = 0; d < 3; d++)
      if (this.pFlag[d]) {
        const f = ((this.pCurrent[d] - this.pHydro) * volume) / (this.omegaMass[d] * nktv2p) + this.mtk1 / this.omegaMass[d];
        this.omegaDot[d] += f * dthalf;
        this.omegaDot[d] *= pdragFactor;
      }
    this.mtk2 = 0;
    if (this.mtk) {
      for (let d = 0; d < 3; d++) if (this.pFlag[d]) this.mtk2 += this.omegaDot[d];
      if (this.pdim > 0) this.mtk2 /= this.pdim * n;
    }
  }

  private vPress(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const dt4 = 0.25 * e.dt;
    const f = [0, 1, 2].map((d) => Math.exp(-dt4 * (this.omegaDot[d] + this.mtk2)));
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      for (let d = 0; d < 3; d++) s.v[3 * i + d] *= f[d];
      for (let d = 0; d < 3; d++) s.v[3 * i + d] *= f[d];
    }
  }

  /** Scale the box about the fixed point by exp(dt/2 omega_dot), carrying all atoms (x -> lamda -> x). */
  private remap(e: Engine): void {
    const s = e.sys;
    const b = s.box;
    const dto = 0.5 * e.dt;
    for (let d = 0; d < 3; d++) this.omega[d] += dto * this.omegaDot[d];
    const n = s.nlocal;
    const hi = b.hInv;
    const lam = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) lam[3 * i + d] = hi[d] * (s.x[3 * i + d] - b.lo[d]);
    for (let d = 0; d < 3; d++) {
      if (!this.pFlag[d]) continue;
      const fp = this.fixedpoint![d];
      const expfac = Math.exp(dto * this.omegaDot[d]);
      b.lo[d] = (b.lo[d] - fp) * expfac + fp;
      b.hi[d] = (b.hi[d] - fp) * expfac + fp;
    }
    s.refreshBox();
    for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) s.x[3 * i + d] = b.h[d] * lam[3 * i + d] + b.lo[d];
  }

  private pressChain(e: Engine): void {
    if (!this.mpchain) return;
    const kt = e.boltz * this.nh.tTarget;
    const dt = e.dt, dthalf = 0.5 * dt, dt4 = 0.25 * dt, dt8 = 0.125 * dt;
    const pdragFactor = 1.0 - (dt * this.pFreqMax() * this.drag) / this.ploop;
    const M = this.mpchain;
    const ed = this.etapDot, edd = this.etapDotDot, em = this.etapMass;
    let ke = 0;
    let pdof = 0;
    for (let d = 0; d < 3; d++)
      if (this.pFlag[d]) {
        ke += this.omegaMass[d] * this.omegaDot[d] * this.omegaDot[d];
        pdof++;
      }
    const lkt = this.iso ? kt : pdof * kt;
    edd[0] = (ke - lkt) / em[0];
    const ncfac = 1.0 / this.ploop;
    for (let loop = 0; loop < this.ploop; loop++) {
      for (let k = M - 1; k > 0; k--) {
        const x = Math.exp(-ncfac * dt8 * ed[k + 1]);
        ed[k] *= x;
        ed[k] += edd[k] * ncfac * dt4;
        ed[k] *= pdragFactor;
        ed[k] *= x;
      }
      let expfac = Math.exp(-ncfac * dt8 * ed[1]);
      ed[0] *= expfac;
      ed[0] += edd[0] * ncfac * dt4;
      ed[0] *= pdragFactor;
      ed[0] *= expfac;
      for (let k = 0; k < M; k++) this.etap[k] += ncfac * dthalf * ed[k];
      const factor = Math.exp(-ncfac * dthalf * ed[0]);
      for (let d = 0; d < 3; d++) if (this.pFlag[d]) this.omegaDot[d] *= factor;
      ke = 0;
      for (let d = 0; d < 3; d++) if (this.pFlag[d]) ke += this.omegaMass[d] * this.omegaDot[d] * this.omegaDot[d];
      edd[0] = (ke - lkt) / em[0];
      ed[0] *= expfac;
      ed[0] += edd[0] * ncfac * dt4;
      ed[0] *= expfac;
      for (let k = 1; k < M; k++) {
        expfac = Math.exp(-ncfac * dt8 * ed[k + 1]);
        ed[k] *= expfac;
        edd[k] = (em[k - 1] * ed[k - 1] * ed[k - 1] - kt) / em[k];
        ed[k] += edd[k] * ncfac * dt4;
        ed[k] *= expfac;
      }
    }
  }

  initialIntegrate(e: Engine): void {
    const s = e.sys;
    this.pressChain(e);
    if (this.tstat) {
      nh.targetTemperature(this.nh, e.ntimestep, e.beginstep, e.endstep, e.boltz);
      this.thermostat(e);
    }
    this.couple(e);
    this.computePressTarget(e);
    this.omegaDotStep(e);
    this.vPress(e);
    const st = { n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask };
    const bit = e.groupBit(this.group);
    // nve_v, remap, nve_x, remap (LAMMPS FixNH::initial_integrate)
    const dtf = 0.5 * e.dt * s.units.ftm2v;
    for (let i = 0; i < st.n; i++) {
      if (!(s.mask[i] & bit)) continue;
      const dtfm = dtf / s.mass[s.type[i]];
      for (let d = 0; d < 3; d++) s.v[3 * i + d] += dtfm * s.f[3 * i + d];
    }
    this.remap(e);
    for (let i = 0; i < st.n; i++) {
      if (!(s.mask[i] & bit)) continue;
      for (let d = 0; d < 3; d++) s.x[3 * i + d] += e.dt * s.v[3 * i + d];
    }
    this.remap(e);
  }

  finalIntegrate(e: Engine): void {
    const s = e.sys;
    nve.finalIntegrate({ n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask }, e.groupBit(this.group), e.dt, s.units.ftm2v);
    this.vPress(e);
    this.nh.tCurrent = e.temperature(1);
    this.nh.tdof = e.tempDof(1);
    this.couple(e);
    this.omegaDotStep(e);
    if (this.tstat) this.thermostat(e);
    this.pressChain(e);
  }

  /** Thermostat + barostat energy (LAMMPS FixNH::compute_scalar); conserved = pe + ke + this. */
  scalar(e: Engine): number {
    let energy = this.tstat ? nh.conservedEnergy(this.nh, e.boltz) : 0;
    const kt = e.boltz * this.nh.tTarget;
    const volume = e.volume();
    let lkt = 0;
    for (let d = 0; d < 3; d++)
      if (this.pFlag[d]) {
        energy += 0.5 * this.omegaDot[d] * this.omegaDot[d] * this.omegaMass[d] + (this.pHydro * (volume - this.vol0)) / (this.pdim * e.sys.units.nktv2p);
        lkt += kt;
      }
    if (this.mpchain) {
      energy += lkt * this.etap[0] + 0.5 * this.etapMass[0] * this.etapDot[0] * this.etapDot[0];
      for (let k = 1; k < this.mpchain; k++) energy += kt * this.etap[k] + 0.5 * this.etapMass[k] * this.etapDot[k] * this.etapDot[k];
    }
    return energy;
  }
}
