/**
 * Timestep sensitivity: the same system run at several timesteps (e.g. 0.1, 0.25, 0.5 fs) for the
 * same simulated time. For each timestep we measure, at the simulated times all runs share,
 * how far each thermo quantity strays from the run with the smallest timestep (max |X_dt - X_min|),
 * and the drift of the total energy over the run. The check passes when the candidate's
 * sensitivities equal the reference's within a relative tolerance: a ported force field or
 * integrator that is right at one timestep but reacts differently to dt is caught here.
 */
import { ErrorStats, relErr } from '../compare.js';
import type { CheckResult } from '../types.js';
import type { ThermoTable } from './energy.js';

export interface TimestepRun {
  /** Timestep [time units]. */
  dt: number;
  thermo: ThermoTable;
}

export interface Sensitivity {
  dt: number;
  /** column -> max |X_dt(t) - X_dtmin(t)| over shared times. */
  deviation: Record<string, number>;
  /** TotEng(last) - TotEng(first), if TotEng is present. */
  drift?: number;
  /** Number of shared times. */
  shared: number;
}

function times(run: TimestepRun): number[] {
  const t = run.thermo.get('Time');
  const s = run.thermo.get('Step');
  if (t) return Array.from(t);
  if (!s) throw new Error(`timestep check: run at dt=${run.dt} has neither Time nor Step`);
  return Array.from(s, (v) => v * run.dt);
}

/** Round simulated times to a grid so 0.1*10 and 0.25*4 meet. */
const key = (t: number): string => t.toFixed(9);

export function timestepSensitivity(runs: TimestepRun[], columns: string[]): Sensitivity[] {
  if (runs.length < 2) throw new Error('timestep check: need at least two timesteps');
  const sorted = [...runs].sort((a, b) => a.dt - b.dt);
  const base = sorted[0];
  const bt = times(base);
  const baseAt = new Map<string, number>(bt.map((t, i) => [key(t), i]));
  return sorted.map((run) => {
    const rt = times(run);
    const dev: Record<string, number> = {};
    let shared = 0;
    for (const c of columns) {
      const a = base.thermo.get(c);
      const b = run.thermo.get(c);
      if (!a || !b) continue;
      let m = 0;
      shared = 0;
      rt.forEach((t, i) => {
        const j = baseAt.get(key(t));
        if (j === undefined) return;
        shared++;
        m = Math.max(m, Math.abs(b[i] - a[j]));
      });
      dev[c] = m;
    }
    const e = run.thermo.get('TotEng');
    return { dt: run.dt, deviation: dev, drift: e && e.length > 1 ? e[e.length - 1] - e[0] : undefined, shared };
  });
}

export interface TimestepCheckOptions {
  columns: string[];
  /** Relative tolerance between reference and candidate sensitivities. */
  tol: number;
}

export function checkTimestep(reference: TimestepRun[], candidate: TimestepRun[], opts: TimestepCheckOptions): CheckResult[] {
  const rs = timestepSensitivity(reference, opts.columns);
  const cs = timestepSensitivity(candidate, opts.columns);
  const out: CheckResult[] = [];
  for (const r of rs) {
    const c = cs.find((x) => Math.abs(x.dt - r.dt) < 1e-12);
    if (!c) {
      out.push({ check: 'timestep', name: `dt=${r.dt}`, passed: false, metric: 'rel', tolerance: opts.tol, stats: { n: 0, avg: 0, dev: 0, max: Infinity, argmax: -1 }, detail: 'candidate has no run at this timestep' });
      continue;
    }
    const quantities: Array<[string, number, number]> = Object.keys(r.deviation).map((k) => [`max |${k}(dt) - ${k}(dt_min)|`, r.deviation[k], c.deviation[k] ?? NaN]);
    if (r.drift !== undefined && c.drift !== undefined) quantities.push(['TotEng drift', r.drift, c.drift]);
    if (r === rs[0]) {
      // the smallest dt is the baseline: only its drift is informative
      quantities.splice(0, quantities.length - (r.drift !== undefined && c.drift !== undefined ? 1 : 0));
    }
    for (const [name, a, b] of quantities) {
      const s = new ErrorStats();
      s.add(relErr(a, b), r.dt);
      out.push({ check: 'timestep', name: `dt=${r.dt}: ${name}`, passed: s.max <= opts.tol, metric: 'rel', tolerance: opts.tol, stats: s.toJSON(), worst: { label: 'dt', where: r.dt, reference: a, candidate: b } });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Timestep study (`lmpv timestep`): per-dt figures of one script run at several timesteps.

export interface StudyRun {
  /** Timestep [time units of the script]. */
  dt: number;
  /** Thermo rows of the whole run (every block, in order). */
  thermo: ThermoTable;
  natoms: number;
}

export interface StudyOptions {
  /** ps per time unit (real 1e-3, metal 1); undefined for lj (drift per tau). */
  psPerTimeUnit?: number;
  /** Thermo energies are already per atom (thermo_modify norm yes). */
  norm: boolean;
  /** 'nve': TotEng is conserved; its drift order is checked. */
  ensemble: 'nve' | 'thermostat' | 'other';
  /** IDs of thermostat fixes: TotEng + f_ID is conserved. */
  thermostats: string[];
  /** Relative PotEng difference beyond which a run has left the smallest-dt run. */
  diverge: number;
}

export interface DtFigures {
  dt: number;
  rows: number;
  natoms: number;
  /** Simulated time of the last row [time units]. */
  tEnd: number;
  /** (TotEng(end) - TotEng(0)) per atom per ps (per tau for lj). */
  drift?: number;
  /** RMS of TotEng about its mean, per atom [energy]. */
  fluctuation?: number;
  /** f_ID -> drift of TotEng + f_ID per atom per ps (per tau). */
  conserved: Record<string, number>;
  /** First shared time [time units] at which PotEng differs from the smallest-dt run by more than `diverge` (relative); null: never. */
  leaves?: number | null;
  /** Temp and PotEng (and TotEng) at the last shared time. */
  end: Record<string, number>;
}

export interface StudyFigures {
  runs: DtFigures[];
  /** Slope of log|drift| against log dt (2 for velocity Verlet). */
  driftOrder?: number;
  fluctuationOrder?: number;
  conservedOrder: Record<string, number>;
  /** End-of-run observables over the timesteps: min, max and spread (max - min). */
  endSpread: Record<string, { min: number; max: number; spread: number }>;
  /** Simulated times every run printed [time units]. */
  sharedTimes: number[];
}

/** Least-squares slope of log|y| against log x (points with y = 0 left out); undefined with fewer than two. */
export function fitOrder(x: number[], y: Array<number | undefined>): number | undefined {
  const p = x.map((v, i) => [Math.log(v), y[i] !== undefined && y[i] !== 0 ? Math.log(Math.abs(y[i] as number)) : NaN]).filter(([, v]) => Number.isFinite(v));
  if (p.length < 2) return undefined;
  const mx = p.reduce((s, [a]) => s + a, 0) / p.length;
  const my = p.reduce((s, [, b]) => s + b, 0) / p.length;
  let sxy = 0;
  let sxx = 0;
  for (const [a, b] of p) { sxy += (a - mx) * (b - my); sxx += (a - mx) ** 2; }
  return sxx > 0 ? sxy / sxx : undefined;
}

function studyTimes(run: StudyRun): number[] {
  const s = run.thermo.get('Step');
  if (!s || !s.length) throw new Error(`timestep study: run at dt=${run.dt} has no Step column`);
  return Array.from(s, (v) => (v - s[0]) * run.dt);
}

export function timestepStudy(runs: StudyRun[], opts: StudyOptions): StudyFigures {
  if (runs.length < 2) throw new Error('timestep study: need at least two timesteps');
  const sorted = [...runs].sort((a, b) => a.dt - b.dt);
  const times = sorted.map(studyTimes);
  const index = times.map((ts) => new Map(ts.map((t, i) => [key(t), i])));
  const sharedTimes = times[0].filter((t) => index.every((m) => m.has(key(t))));
  const last = sharedTimes.length ? key(sharedTimes[sharedTimes.length - 1]) : undefined;
  const perTime = opts.psPerTimeUnit ?? 1;
  const base = sorted[0];
  const figures = sorted.map((run, r): DtFigures => {
    const ts = times[r];
    const n = opts.norm ? 1 : run.natoms;
    const tEnd = ts[ts.length - 1];
    const col = (c: string) => run.thermo.get(c);
    const driftOf = (v: ArrayLike<number>) => (tEnd > 0 ? (v[v.length - 1] - v[0]) / n / (tEnd * perTime) : undefined);
    const e = col('TotEng');
    const f: DtFigures = { dt: run.dt, rows: ts.length, natoms: run.natoms, tEnd, conserved: {}, end: {} };
    if (e && e.length > 1) {
      f.drift = driftOf(e);
      let mean = 0;
      for (let i = 0; i < e.length; i++) mean += e[i];
      mean /= e.length;
      let ss = 0;
      for (let i = 0; i < e.length; i++) ss += (e[i] - mean) ** 2;
      f.fluctuation = Math.sqrt(ss / e.length) / n;
    }
    for (const id of opts.thermostats) {
      const fx = col(`f_${id}`);
      if (e && fx && e.length > 1) f.conserved[id] = driftOf(Array.from(e, (v, i) => v + fx[i])) as number;
    }
    if (last !== undefined) {
      const i = index[r].get(last)!;
      for (const c of ['Temp', 'PotEng', 'TotEng']) { const v = col(c); if (v) f.end[c] = v[i]; }
    }
    if (r > 0) {
      const a = base.thermo.get('PotEng');
      const b = col('PotEng');
      if (a && b) {
        f.leaves = null;
        for (const t of sharedTimes) {
          if (relErr(a[index[0].get(key(t))!], b[index[r].get(key(t))!]) > opts.diverge) { f.leaves = t; break; }
        }
      }
    }
    return f;
  });
  const dts = figures.map((f) => f.dt);
  const conservedOrder: Record<string, number> = {};
  for (const id of opts.thermostats) {
    const o = fitOrder(dts, figures.map((f) => f.conserved[id]));
    if (o !== undefined) conservedOrder[id] = o;
  }
  const endSpread: StudyFigures['endSpread'] = {};
  for (const c of ['Temp', 'PotEng', 'TotEng']) {
    const v = figures.map((f) => f.end[c]).filter((x) => x !== undefined);
    if (v.length === figures.length) endSpread[c] = { min: Math.min(...v), max: Math.max(...v), spread: Math.max(...v) - Math.min(...v) };
  }
  return {
    runs: figures,
    driftOrder: fitOrder(dts, figures.map((f) => f.drift)),
    fluctuationOrder: fitOrder(dts, figures.map((f) => f.fluctuation)),
    conservedOrder,
    endSpread,
    sharedTimes,
  };
}

/** Velocity Verlet's global error order, the expected slope of the NVE energy drift against dt. */
export const VERLET_ORDER = 2;

/** Checks of a study on its own: the NVE drift order is velocity Verlet's within `tolOrder`. */
export function checkStudy(s: StudyFigures, ensemble: StudyOptions['ensemble'], tolOrder = 0.3): CheckResult[] {
  if (ensemble !== 'nve' || s.driftOrder === undefined) return [];
  const d = Math.abs(s.driftOrder - VERLET_ORDER);
  return [{
    check: 'timestep', name: `NVE energy drift order in dt (velocity Verlet: ${VERLET_ORDER})`, passed: d <= tolOrder, metric: 'abs', tolerance: tolOrder,
    stats: { n: s.runs.length, avg: d, dev: 0, max: d, argmax: -1 },
    worst: { label: 'order', where: s.driftOrder, reference: VERLET_ORDER, candidate: s.driftOrder },
    detail: `fitted order ${s.driftOrder} over dt = ${s.runs.map((r) => r.dt).join(', ')}`,
  }];
}

/** The figures of a candidate study against those of a reference (LAMMPS's logs), dt by dt. */
export function compareStudies(reference: StudyFigures, candidate: StudyFigures, tol: number): CheckResult[] {
  const out: CheckResult[] = [];
  const one = (name: string, dt: number, a: number | null | undefined, b: number | null | undefined) => {
    if (a === undefined || b === undefined) return;
    const s = new ErrorStats();
    const e = a === null || b === null ? (a === b ? 0 : Infinity) : relErr(a, b);
    s.add(e, dt);
    out.push({ check: 'timestep', name: `dt=${dt}: ${name}`, passed: e <= tol, metric: 'rel', tolerance: tol, stats: s.toJSON(), worst: { label: 'dt', where: dt, reference: a ?? NaN, candidate: b ?? NaN } });
  };
  for (const r of reference.runs) {
    const c = candidate.runs.find((x) => Math.abs(x.dt - r.dt) <= 1e-12 * r.dt);
    if (!c) {
      out.push({ check: 'timestep', name: `dt=${r.dt}`, passed: false, metric: 'rel', tolerance: tol, stats: { n: 0, avg: 0, dev: 0, max: Infinity, argmax: -1 }, detail: 'candidate has no run at this timestep' });
      continue;
    }
    one('energy drift per atom', r.dt, r.drift, c.drift);
    one('energy fluctuation per atom', r.dt, r.fluctuation, c.fluctuation);
    for (const k of Object.keys(r.end)) one(`${k} at the end`, r.dt, r.end[k], c.end[k]);
    if (r.leaves !== undefined && c.leaves !== undefined) one('time PotEng leaves the smallest-dt run', r.dt, r.leaves, c.leaves);
    for (const id of Object.keys(r.conserved)) one(`TotEng + f_${id} drift per atom`, r.dt, r.conserved[id], c.conserved[id]);
  }
  return out;
}
