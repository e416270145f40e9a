/**
 * What a verification produces. A Check compares one aspect of a candidate run (lmpv's engine, or
 * another LAMMPS build) with a reference that real LAMMPS wrote, and returns CheckResults.
 */
import type { ErrorStats } from './compare.js';

export interface Series {
  /** x axis label, e.g. 'Step'. */
  xLabel: string;
  x: number[];
  reference: number[];
  candidate: number[];
}

/** Counts of per-atom errors in bins of log10(error) (decimal exponents). */
export interface Histogram {
  /** What was binned, e.g. 'max |f_ref - f_cand| per atom [eV/Angstrom]'. */
  label: string;
  /** Lower edge of each bin as log10(error); bins are `width` wide. */
  log10Lo: number[];
  width: number;
  counts: number[];
  /** Atoms whose error is exactly 0 (not on a log axis). */
  zeros: number;
}

export interface CheckResult {
  /** Group, e.g. 'energy', 'forces', 'structure'. */
  check: string;
  /** What was compared, e.g. 'pe', 'c_reax[1] (eb)', 'fx fy fz @ step 0'. */
  name: string;
  passed: boolean;
  /** 'rel' is LAMMPS's unit-test metric (compare.ts relErr); 'abs' is an absolute difference in `unit`. */
  metric: 'rel' | 'abs';
  tolerance: number;
  unit?: string;
  stats: ReturnType<ErrorStats['toJSON']>;
  /** The worst place: atom id or step, with both values. */
  worst?: { label: string; where: number; reference: number; candidate: number };
  detail?: string;
  series?: Series;
  /** Per-atom error distribution (force checks). */
  histogram?: Histogram;
  /** Supporting numbers, one row per atom or case (e.g. `lmpv check`'s per-atom forces, steps and error estimates). */
  table?: { columns: string[]; rows: (number | string)[][] };
}

export interface Report {
  title: string;
  reference: string;
  candidate: string;
  results: CheckResult[];
  passed: boolean;
  /** Anything that was not compared and why. */
  notes: string[];
}

export function makeReport(title: string, reference: string, candidate: string, results: CheckResult[], notes: string[] = []): Report {
  return { title, reference, candidate, results, passed: results.every((r) => r.passed) && results.length > 0, notes };
}
