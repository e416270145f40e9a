/**
 * Force check: per-atom forces of a candidate dump frame against the reference frame, matched by
 * atom id (dumps may be unsorted). Reports the largest absolute difference [force units] and the
 * LAMMPS unit-test relative metric, each naming the worst atom id.
 */
import { ErrorStats, relErr } from '../compare.js';
import type { AtomFrame } from '../../io/types.js';
import type { CheckResult, Histogram } from '../types.js';

/**
 * Histogram of per-atom errors over log10 bins `width` decades wide, from the decade below the
 * smallest non-zero error to the decade above the largest; exact zeros are counted apart.
 */
export function logHistogram(errors: ArrayLike<number>, label: string, width = 0.5): Histogram {
  let lo = Infinity;
  let hi = -Infinity;
  let zeros = 0;
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i];
    if (e === 0) { zeros++; continue; }
    if (!(e > 0)) continue;
    lo = Math.min(lo, Math.log10(e));
    hi = Math.max(hi, Math.log10(e));
  }
  if (!(lo <= hi)) return { label, log10Lo: [], width, counts: [], zeros };
  const start = Math.floor(lo);
  const nb = Math.max(1, Math.ceil((Math.ceil(hi + 1e-12) - start) / width));
  const counts = new Array<number>(nb).fill(0);
  for (let i = 0; i < errors.length; i++) {
    const e = errors[i];
    if (!(e > 0)) continue;
    counts[Math.min(nb - 1, Math.floor((Math.log10(e) - start) / width))]++;
  }
  return { label, log10Lo: counts.map((_, k) => start + k * width), width, counts, zeros };
}

export interface ForceCheckOptions {
  /** Largest allowed |f_ref - f_cand| per component [force units]. */
  tolAbs: number;
  unit?: string;
  columns?: string[];
  label?: string;
  /** Name of the check group in reports (default 'forces'; 'positions', 'velocities' for other columns). */
  check?: string;
}

function numeric(frame: AtomFrame, name: string, which: string): Float64Array {
  const c = frame.columns.get(name);
  if (!(c instanceof Float64Array)) throw new Error(`${which} frame has no numeric '${name}' column`);
  return c;
}

export function checkForces(reference: AtomFrame, candidate: AtomFrame, opts: ForceCheckOptions): CheckResult[] {
  const cols = opts.columns ?? ['fx', 'fy', 'fz'];
  const rid = numeric(reference, 'id', 'reference');
  const cid = numeric(candidate, 'id', 'candidate');
  const prefix = opts.label ? `${opts.label}: ` : '';
  const step = reference.timestep !== undefined ? ` @ step ${reference.timestep}` : '';
  if (rid.length !== cid.length) {
    return [{
      check: opts.check ?? 'forces', name: `${prefix}atom count${step}`, passed: false, metric: 'abs', tolerance: 0,
      stats: { n: 1, avg: Math.abs(rid.length - cid.length), dev: 0, max: Math.abs(rid.length - cid.length), argmax: -1 },
      detail: `reference has ${rid.length} atoms, candidate ${cid.length}`,
    }];
  }
  const where = new Map<number, number>();
  for (let j = 0; j < cid.length; j++) where.set(cid[j], j);
  const abs = new ErrorStats();
  const rel = new ErrorStats();
  let worst = { where: -1, reference: 0, candidate: 0 };
  let missing = 0;
  /** Largest component error of each reference atom (index i). */
  const perAtom = new Float64Array(rid.length);
  for (const name of cols) {
    const a = numeric(reference, name, 'reference');
    const b = numeric(candidate, name, 'candidate');
    for (let i = 0; i < rid.length; i++) {
      const j = where.get(rid[i]);
      if (j === undefined) { missing++; continue; }
      const d = Math.abs(a[i] - b[j]);
      if (d > perAtom[i] || d !== d) perAtom[i] = d;
      const before = abs.max;
      abs.add(d, rid[i]);
      if (abs.max !== before || worst.where < 0) worst = { where: rid[i], reference: a[i], candidate: b[j] };
      rel.add(relErr(a[i], b[j]), rid[i]);
    }
  }
  const results: CheckResult[] = [{
    check: opts.check ?? 'forces',
    name: `${prefix}${cols.join(' ')}${step}`,
    passed: missing === 0 && abs.max <= opts.tolAbs,
    metric: 'abs',
    unit: opts.unit,
    tolerance: opts.tolAbs,
    stats: abs.toJSON(),
    worst: { label: 'atom', ...worst },
    histogram: logHistogram(perAtom, `per atom: max over ${cols.join(' ')} of |reference - candidate|${opts.unit ? ` [${opts.unit}]` : ''}`),
    detail: missing ? `${missing} reference atoms have no candidate atom with the same id` : `relative (LAMMPS unit-test metric): max ${rel.max} at atom ${rel.argmax}, avg ${rel.avg}`,
  }];
  return results;
}
