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
