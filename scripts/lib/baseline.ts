/**
 * Regression gate of `npm run bench`: `--save FILE` stores the run's ratio figures, `--baseline FILE`
 * compares the run with stored figures and fails (exit 1, naming each figure) when one is worse by
 * more than `--margin` (relative, default 0.25).
 *
 * Only ratios are gated, never seconds: each ratio compares two programs (or two code paths)
 * measured side by side in the same run, so a slower or busier machine moves both sides and the
 * ratio holds where raw times would not. Which result keys are ratios, and which way is better, is
 * the rule table RATIO_KEYS (one place; a new benchmark's ratio keys follow one of its patterns).
 */

export type Better = 'higher' | 'lower';

/** Ratio keys of the benchmark results and their good direction; the first matching rule wins. */
export const RATIO_KEYS: ReadonlyArray<readonly [RegExp, Better]> = [
  // ours / theirs as speeds (x faster): more is better
  [/(^|_)(speedup|speed)_vs_/, 'higher'],
  [/^ratio_(acna|fixed)_vs_/, 'higher'],
  [/^ratio(Simd|EngineWasm)OverLmp$/, 'higher'],
  [/^ratioSimdVsTwin$/, 'higher'],
  // ours / theirs as times (lmpv seconds over LAMMPS seconds, one command over another): less is better
  [/^ratio_(loop|cpu|wall)$/, 'lower'],
  [/^ratioLmpvOverLmp$/, 'lower'],
  [/^ratio_to_naive$/, 'lower'],
  [/^time_ratio_/, 'lower'],
];

export function directionOf(key: string): Better | undefined {
  for (const [re, better] of RATIO_KEYS) if (re.test(key)) return better;
  return undefined;
}

/** Every gated figure of a results tree, by dotted path (`extxyz.write_speedup_vs_ase`). */
export function ratioFigures(results: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (o: unknown, path: string): void => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
      const p = path ? `${path}.${k}` : k;
      if (typeof v === 'number') {
        if (Number.isFinite(v) && v > 0 && directionOf(k)) out[p] = v;
      } else walk(v, p);
    }
  };
  walk(results, '');
  return out;
}

export interface BaselineFile {
  /** When and where the figures were measured (for the reader; not compared). */
  date: string;
  node: string;
  platform: string;
  figures: Record<string, number>;
}

export interface GateResult {
  /** One line per figure compared: name, baseline, now, change, verdict. */
  lines: string[];
  /** Figures worse than the baseline by more than the margin, or not measured in a benchmark that ran. */
  failures: string[];
}

/**
 * Compare figures with a baseline. A figure of a benchmark that did not run this time (not selected)
 * is skipped; one missing from a benchmark that ran (an error, a program not found) fails, since
 * the gate cannot say it holds.
 */
export function compareWithBaseline(now: Record<string, number>, base: BaselineFile, ran: string[], margin: number): GateResult {
  const lines: string[] = [];
  const failures: string[] = [];
  for (const [name, b] of Object.entries(base.figures)) {
    const bench = name.split('.')[0];
    if (!ran.includes(bench)) continue;
    const better = directionOf(name.split('.').pop()!);
    const v = now[name];
    if (v === undefined) {
      failures.push(`${name}: not measured in this run (baseline ${b})`);
      lines.push(`${name}: baseline ${b}, now not measured  FAIL`);
      continue;
    }
    const change = v / b - 1;
    const worse = better === 'lower' ? v > b * (1 + margin) : v < b * (1 - margin);
    const verdict = worse ? 'FAIL' : 'ok';
    const line = `${name}: baseline ${b}, now ${+v.toFixed(3)} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%, ${better} is better)  ${verdict}`;
    lines.push(line);
    if (worse) failures.push(`${name}: ${+v.toFixed(3)} vs baseline ${b} (${better} is better, margin ${margin * 100}%)`);
  }
  return { lines, failures };
}
