/**
 * Energy check: thermo columns of a candidate run against the reference log, step by step.
 * Rows are matched by `Step`; every column present in both (except Step and timing columns) is
 * compared with LAMMPS's unit-test metric. Step 0 and the rest of the trajectory get separate
 * tolerances (a trajectory amplifies round-off: chaos grows differences exponentially in time).
 */
import { ErrorStats, relErr } from '../compare.js';
import type { CheckResult } from '../types.js';

/** Names of the 14 ReaxFF partial energies that `compute pair reaxff` returns, in order. */
export const REAXFF_TERMS = ['eb', 'ea', 'elp', 'emol', 'ev', 'epen', 'ecoa', 'ehb', 'et', 'eco', 'ew', 'ep', 'efi', 'eqeq'] as const;

/** A thermo block: column name -> values (one per row). */
export type ThermoTable = Map<string, ArrayLike<number>>;

export interface EnergyCheckOptions {
  /** Tolerance at the first common step (relative). */
  tolFirst: number;
  /** Tolerance over all common steps (relative). */
  tolRun: number;
  /** Only these columns (default: every common column). */
  columns?: string[];
  /** Label for results, e.g. 'run 1'. */
  label?: string;
  /**
   * Values whose magnitudes are both at most `zero` count as equal (default 0: pure LAMMPS metric).
   * Quantities that are zero in exact arithmetic (a net force, an MSD at step 0) are round-off
   * noise, ~1e-17, whose relative error means nothing.
   */
  zero?: number;
  /**
   * Relative errors use max(min(|a|,|b|), floor * max|column|) as denominator (default 0). For
   * minimizations, whose final Fnorm/Fmax are round-off noise of the converged state.
   */
  floor?: number;
}

const SKIP = new Set(['Step', 'CPU', 'CPULeft', 'Time', 'Elapsed', 'Elaplong', 'Dt', 'SLeft', 'TLeft', 'T/CPU', 'S/CPU', 'Cpu', 'Cpuleft']);

/** `c_reax[3]` -> `c_reax[3] (elp)` when the compute is `pair reaxff`-like (14 indexed terms). */
export function describeColumn(name: string, reaxffCompute?: string): string {
  const m = /^c_([A-Za-z0-9_]+)\[(\d+)\]$/.exec(name);
  if (m && reaxffCompute && m[1] === reaxffCompute) {
    const k = Number(m[2]);
    if (k >= 1 && k <= 14) return `${name} (${REAXFF_TERMS[k - 1]})`;
  }
  return name;
}

/** Thermo columns that hold a total of which the ReaxFF terms are parts. */
const TOTALS = new Set(['PotEng', 'TotEng', 'E_pair', 'E_vdwl', 'E_coul', 'Press', 'Pxx', 'Pyy', 'Pzz', 'Pxy', 'Pxz', 'Pyz']);

/**
 * With a ReaxFF compute, a failed total (PotEng, TotEng, E_pair, E_vdwl, E_coul, pressures) gets a
 * `detail` naming the terms (c_ID[k] columns) that fail the same comparison (step 0 or over the
 * run), worst first, or saying that all 14 agree (the difference is then outside ReaxFF: kinetic
 * energy, another pair style, a fix).
 */
function nameDifferingTerms(results: CheckResult[], reaxffCompute: string): void {
  const termOf = (r: CheckResult): number => {
    const m = /c_([A-Za-z0-9_]+)\[(\d+)\] \(/.exec(r.name);
    return m && m[1] === reaxffCompute ? Number(m[2]) : 0;
  };
  const phase = (r: CheckResult) => r.name.replace(/^.*?(@ step \S+|over \d+ rows)$/, '$1').replace(/\d+/g, '#');
  const prefix = (r: CheckResult) => r.name.substring(0, r.name.indexOf(': ') + 1);
  const terms = results.filter((r) => termOf(r) > 0);
  if (terms.length === 0) return;
  for (const r of results) {
    if (r.passed || termOf(r) > 0) continue;
    const col = r.name.substring(prefix(r).length).trim().split(' ')[0];
    if (!TOTALS.has(col)) continue;
    const same = terms.filter((t) => phase(t) === phase(r) && prefix(t) === prefix(r));
    const bad = same.filter((t) => !t.passed).sort((a, b) => b.stats.max - a.stats.max);
    r.detail = bad.length
      ? `ReaxFF terms that differ: ${bad.map((t) => `${REAXFF_TERMS[termOf(t) - 1]} (c_${reaxffCompute}[${termOf(t)}], max rel ${t.stats.max.toExponential(2)})`).join(', ')}`
      : `all ${same.length} ReaxFF terms c_${reaxffCompute}[k] in the log agree; the difference is outside the ReaxFF energy`;
  }
}

export function checkThermo(reference: ThermoTable, candidate: ThermoTable, opts: EnergyCheckOptions, reaxffCompute?: string): CheckResult[] {
  const rs = reference.get('Step');
  const cs = candidate.get('Step');
  if (!rs || !cs) throw new Error('thermo check: both runs need a Step column');
  const cIndex = new Map<number, number>();
  for (let i = 0; i < cs.length; i++) cIndex.set(cs[i], i);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < rs.length; i++) {
    const j = cIndex.get(rs[i]);
    if (j !== undefined) pairs.push([i, j]);
  }
  const names = (opts.columns ?? [...reference.keys()]).filter((n) => !SKIP.has(n) && candidate.has(n) && reference.has(n));
  const out: CheckResult[] = [];
  const prefix = opts.label ? `${opts.label}: ` : '';
  for (const name of names) {
    const a = reference.get(name)!;
    const b = candidate.get(name)!;
    const first = new ErrorStats();
    const all = new ErrorStats();
    let worst = -1;
    const series = { xLabel: 'Step', x: [] as number[], reference: [] as number[], candidate: [] as number[] };
    const zero = opts.zero ?? 0;
    let scale = 0;
    if (opts.floor) for (const [i] of pairs) scale = Math.max(scale, Math.abs(a[i]));
    const floor = (opts.floor ?? 0) * scale;
    pairs.forEach(([i, j], k) => {
      const x = a[i];
      const y = b[j];
      let e: number;
      if (Math.abs(x) <= zero && Math.abs(y) <= zero) e = 0;
      else if (floor > 0 && Math.min(Math.abs(x), Math.abs(y)) < floor) e = Math.abs(x - y) / floor;
      else e = relErr(x, y);
      if (k === 0) first.add(e, rs[i]);
      const before = all.max;
      all.add(e, rs[i]);
      if (all.max !== before || worst < 0) worst = k;
      series.x.push(rs[i]);
      series.reference.push(a[i]);
      series.candidate.push(b[j]);
    });
    if (pairs.length === 0) continue;
    const label = describeColumn(name, reaxffCompute);
    const [wi, wj] = pairs[Math.max(worst, 0)];
    out.push({
      check: 'energy',
      name: `${prefix}${label} @ step ${rs[pairs[0][0]]}`,
      passed: first.max <= opts.tolFirst,
      metric: 'rel',
      tolerance: opts.tolFirst,
      stats: first.toJSON(),
      worst: { label: 'step', where: rs[pairs[0][0]], reference: a[pairs[0][0]], candidate: b[pairs[0][1]] },
    });
    if (pairs.length > 1) {
      out.push({
        check: 'energy',
        name: `${prefix}${label} over ${pairs.length} rows`,
        passed: all.max <= opts.tolRun,
        metric: 'rel',
        tolerance: opts.tolRun,
        stats: all.toJSON(),
        worst: { label: 'step', where: rs[wi], reference: a[wi], candidate: b[wj] },
        series,
      });
    }
  }
  if (reaxffCompute) nameDifferingTerms(out, reaxffCompute);
  return out;
}
