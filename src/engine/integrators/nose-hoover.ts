/**
 * Nose-Hoover chain thermostat as LAMMPS `fix nvt` (fix_nh.cpp; Martyna, Tuckerman, Tobias, Klein,
 * Mol. Phys. 87, 1117 (1996); Shinoda, Shiga, Mikami, PRB 69, 134103 (2004)): a chain of `tchain`
 * thermostats, integrated `tloop` times per half step with the Trotter factorisation, masses
 * Q_1 = N_f kB T / w^2, Q_k = kB T / w^2 (w = 1/Tdamp) updated each call from the target T,
 * optional drag, and the target ramped from Tstart to Tstop over the run (`run N start M stop K`).
 *
 * The thermostat is separate from the velocity Verlet moves (STYLE.md §10): the engine calls
 * `thermostatHalfStep` before the first Verlet half step and after the second.
 */
export interface NoseHooverState {
  tchain: number;
  tloop: number;
  drag: number;
  tStart: number;
  tStop: number;
  tPeriod: number;
  eta: Float64Array; // tchain
  etaDot: Float64Array; // tchain + 1 (last is 0)
  etaDotDot: Float64Array;
  etaMass: Float64Array;
  tTarget: number;
  keTarget: number;
  tCurrent: number;
  tdof: number;
}

export function init(opts: { tStart: number; tStop: number; tPeriod: number; tchain?: number; tloop?: number; drag?: number }): NoseHooverState {
  const tchain = opts.tchain ?? 3;
  return {
    tchain,
    tloop: opts.tloop ?? 1,
    drag: opts.drag ?? 0,
    tStart: opts.tStart,
    tStop: opts.tStop,
    tPeriod: opts.tPeriod,
    eta: new Float64Array(tchain),
    etaDot: new Float64Array(tchain + 1),
    etaDotDot: new Float64Array(tchain),
    etaMass: new Float64Array(tchain),
    tTarget: opts.tStart,
    keTarget: 0,
    tCurrent: 0,
    tdof: 0,
  };
}

/** Target temperature at `step` of a run whose ramp spans [begin, end]. */
export function targetTemperature(s: NoseHooverState, step: number, begin: number, end: number, boltz: number): void {
  let delta = step - begin;
  if (delta !== 0) delta /= end - begin;
  s.tTarget = s.tStart + delta * (s.tStop - s.tStart);
  s.keTarget = s.tdof * boltz * s.tTarget;
}

/** Setup at the start of a run: thermostat masses and chain forces. */
export function setup(s: NoseHooverState, tCurrent: number, tdof: number, step: number, begin: number, end: number, boltz: number): void {
  s.tCurrent = tCurrent;
  s.tdof = tdof;
  targetTemperature(s, step, begin, end, boltz);
  const tfreq = 1 / s.tPeriod;
  s.etaMass[0] = (tdof * boltz * s.tTarget) / (tfreq * tfreq);
  for (let k = 1; k < s.tchain; k++) s.etaMass[k] = (boltz * s.tTarget) / (tfreq * tfreq);
  for (let k = 1; k < s.tchain; k++) s.etaDotDot[k] = (s.etaMass[k - 1] * s.etaDot[k - 1] * s.etaDot[k - 1] - boltz * s.tTarget) / s.etaMass[k];
}

/**
 * One thermostat half step (LAMMPS nhc_temp_integrate): updates the chain and calls
 * `scaleVelocities(factor)` (tloop times). `s.tCurrent` must hold the current temperature.
 */
export function thermostatHalfStep(s: NoseHooverState, dt: number, boltz: number, scaleVelocities: (factor: number) => void): void {
  const tfreq = 1 / s.tPeriod;
  const M = s.tchain;
  const eta = s.eta, etaDot = s.etaDot, etaDotDot = s.etaDotDot, etaMass = s.etaMass;
  const dthalf = 0.5 * dt, dt4 = 0.25 * dt, dt8 = 0.125 * dt;
  const tdragFactor = 1.0 - (dt * tfreq * s.drag) / s.tloop;
  let ke = s.tdof * boltz * s.tCurrent;
  etaMass[0] = (s.tdof * boltz * s.tTarget) / (tfreq * tfreq);
  for (let k = 1; k < M; k++) etaMass[k] = (boltz * s.tTarget) / (tfreq * tfreq);
  etaDotDot[0] = etaMass[0] > 0 ? (ke - s.keTarget) / etaMass[0] : 0;
  const ncfac = 1.0 / s.tloop;
  for (let loop = 0; loop < s.tloop; loop++) {
    for (let k = M - 1; k > 0; k--) {
      const e = Math.exp(-ncfac * dt8 * etaDot[k + 1]);
      etaDot[k] *= e;
      etaDot[k] += etaDotDot[k] * ncfac * dt4;
      etaDot[k] *= tdragFactor;
      etaDot[k] *= e;
    }
    let expfac = Math.exp(-ncfac * dt8 * etaDot[1]);
    etaDot[0] *= expfac;
    etaDot[0] += etaDotDot[0] * ncfac * dt4;
    etaDot[0] *= tdragFactor;
    etaDot[0] *= expfac;
    const factor = Math.exp(-ncfac * dthalf * etaDot[0]);
    scaleVelocities(factor);
    s.tCurrent *= factor * factor;
    ke = s.tdof * boltz * s.tCurrent;
    etaDotDot[0] = etaMass[0] > 0 ? (ke - s.keTarget) / etaMass[0] : 0;
    for (let k = 0; k < M; k++) eta[k] += ncfac * dthalf * etaDot[k];
    etaDot[0] *= expfac;
    etaDot[0] += etaDotDot[0] * ncfac * dt4;
    etaDot[0] *= expfac;
    for (let k = 1; k < M; k++) {
      expfac = Math.exp(-ncfac * dt8 * etaDot[k + 1]);
      etaDot[k] *= expfac;
      etaDotDot[k] = (etaMass[k - 1] * etaDot[k - 1] * etaDot[k - 1] - boltz * s.tTarget) / etaMass[k];
      etaDot[k] += etaDotDot[k] * ncfac * dt4;
      etaDot[k] *= expfac;
    }
  }
}

/** Thermostat energy (LAMMPS f_ID of fix nvt); conserved quantity = pe + ke + this [energy]. */
export function conservedEnergy(s: NoseHooverState, boltz: number): number {
  const kt = boltz * s.tTarget;
  let e = s.keTarget * s.eta[0] + 0.5 * s.etaMass[0] * s.etaDot[0] * s.etaDot[0];
  for (let k = 1; k < s.tchain; k++) e += kt * s.eta[k] + 0.5 * s.etaMass[k] * s.etaDot[k] * s.etaDot[k];
  return e;
}
