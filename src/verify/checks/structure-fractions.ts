/**
 * a-CNA structure fractions frame by frame against a reference table: OVITO's "Table of global
 * attributes" export (io/ovito-attributes.ts; the Common neighbor analysis modifier's attributes
 * `CommonNeighborAnalysis.counts.OTHER|FCC|HCP|BCC|ICO`, OVITO manual, "Common neighbor analysis",
 * Output global attributes), or a previous `lmpv acna --csv` / `--json` output. Frames are matched
 * by timestep when both sides have one, else by frame index; each structure the reference names
 * is one CheckResult (absolute difference of fractions, the worst frame named).
 */
import { readFileSync } from 'node:fs';
import { adaptiveCnaFrame, countTypes, STRUCTURE_NAMES } from '../../analysis/acna.js';
import { ParseError } from '../../io/errors.js';
import { detectFormat, frameReader } from '../../io/formats.js';
import { parseOvitoAttributesTable } from '../../io/ovito-attributes.js';
import { ErrorStats } from '../compare.js';
import type { CheckResult } from '../types.js';

/** Per-frame structure counts (OVITO's structure names: other fcc hcp bcc ico). */
export interface FrameCounts {
  frame: number;
  timestep: number | null;
  /** Atoms in the frame, when known. */
  natoms: number | null;
  /** Counts of the structures the source gives (a reference may give only some). */
  counts: Record<string, number>;
}

/** OVITO's attribute of a structure's count: CommonNeighborAnalysis.counts.FCC etc. */
export const ovitoCountAttribute = (structure: string): string => `CommonNeighborAnalysis.counts.${structure.toUpperCase()}`;

/** Adaptive CNA of every frame of a dump (any registry format with positions). */
export async function acnaCounts(path: string): Promise<FrameCounts[]> {
  const read = await frameReader(detectFormat(path));
  const out: FrameCounts[] = [];
  let k = 0;
  for await (const frame of read(path, { warnings: [] })) {
    const c = countTypes(adaptiveCnaFrame(frame));
    out.push({ frame: k++, timestep: frame.timestep ?? null, natoms: frame.natoms, counts: Object.fromEntries(STRUCTURE_NAMES.map((s, i) => [s, c[i]])) });
  }
  return out;
}

function num(v: unknown, file: string, line: number, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParseError(file, line, `${what}: expected a number, found '${String(v)}'`);
  return v;
}

async function fromOvito(text: string, file: string): Promise<FrameCounts[]> {
  const t = await parseOvitoAttributesTable(text, file);
  const col = (name: string) => t.names.indexOf(name);
  const present = STRUCTURE_NAMES.filter((s) => col(ovitoCountAttribute(s)) >= 0);
  if (!present.length) throw new ParseError(file, 1, `expected at least one of the attributes ${STRUCTURE_NAMES.map(ovitoCountAttribute).join(', ')} in the header, found ${t.names.join(', ')}`);
  const fcol = col('Frame'), tcol = col('Timestep');
  // rows start on line 2 (after the header); blank lines are not counted here
  return t.rows.map((r, i) => ({
    frame: fcol >= 0 ? num(r[fcol], file, i + 2, 'Frame') : i,
    timestep: tcol >= 0 ? num(r[tcol], file, i + 2, 'Timestep') : null,
    natoms: null,
    counts: Object.fromEntries(present.map((s) => [s, num(r[col(ovitoCountAttribute(s))], file, i + 2, ovitoCountAttribute(s))])),
  }));
}

function fromCsv(text: string, file: string): FrameCounts[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines[0].split(',');
  const at = (n: string) => head.indexOf(n);
  if (at('frame') < 0 || at('natoms') < 0) throw new ParseError(file, 1, `expected the header of lmpv acna --csv (frame,timestep,natoms,n_other,...), found '${lines[0].slice(0, 60)}'`);
  const present = STRUCTURE_NAMES.filter((s) => at(`n_${s}`) >= 0);
  return lines.slice(1).map((l, i) => {
    const f = l.split(',');
    const v = (n: string, what = n) => {
      const x = Number(f[at(n)]);
      if (f[at(n)] === undefined || f[at(n)] === '' || !Number.isFinite(x)) throw new ParseError(file, i + 2, `${what}: expected a number, found '${f[at(n)] ?? ''}'`);
      return x;
    };
    return { frame: v('frame'), timestep: at('timestep') >= 0 && f[at('timestep')] !== '' ? v('timestep') : null, natoms: v('natoms'), counts: Object.fromEntries(present.map((s) => [s, v(`n_${s}`)])) };
  });
}

function fromJson(text: string, file: string): FrameCounts[] {
  let doc: { frames?: Array<{ frame: number; timestep: number | null; natoms: number; counts: Record<string, number> }> };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ParseError(file, 1, `not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(doc.frames)) throw new ParseError(file, 1, 'expected the JSON of lmpv acna --json: an object with a "frames" array');
  return doc.frames.map((f, i) => {
    if (typeof f.natoms !== 'number' || typeof f.counts !== 'object') throw new ParseError(file, 1, `frames[${i}]: expected natoms and counts`);
    return { frame: f.frame ?? i, timestep: f.timestep ?? null, natoms: f.natoms, counts: f.counts };
  });
}

/** Read a reference table: OVITO attributes, lmpv acna --csv or --json (by content). */
export async function readStructureTable(path: string): Promise<FrameCounts[]> {
  const text = readFileSync(path, 'utf8');
  const head = text.trimStart();
  const rows = head.startsWith('{') ? fromJson(text, path) : head.startsWith('#') ? await fromOvito(text, path) : /^frame,/.test(head) ? fromCsv(text, path) : undefined;
  if (!rows) throw new ParseError(path, 1, `expected an OVITO attribute table ('# "Timestep" "CommonNeighborAnalysis.counts.FCC" ...'), lmpv acna --csv or --json output, found '${head.slice(0, 40)}'`);
  if (!rows.length) throw new ParseError(path, 1, 'no frames in the table');
  return rows;
}

export interface StructureCheckOptions {
  /** Largest allowed |fraction_ref - fraction_ours| (0: counts must be equal). */
  tol: number;
  /** Prefix of result names, e.g. the dump's name. */
  label?: string;
}

/** Fractions of `candidate` against `reference`, per structure the reference gives. */
export function checkStructureFractions(reference: FrameCounts[], candidate: FrameCounts[], opts: StructureCheckOptions): CheckResult[] {
  const byStep = reference.every((r) => r.timestep !== null) && candidate.every((c) => c.timestep !== null);
  const keyOf = (f: FrameCounts) => (byStep ? (f.timestep as number) : f.frame);
  const where = byStep ? 'timestep' : 'frame';
  const ours = new Map(candidate.map((c) => [keyOf(c), c]));
  const prefix = opts.label ? `${opts.label}: ` : '';
  const results: CheckResult[] = [];
  const structures = STRUCTURE_NAMES.filter((s) => reference.some((r) => s in r.counts));
  const complete = structures.length === STRUCTURE_NAMES.length;
  const matched: Array<[FrameCounts, FrameCounts]> = [];
  for (const r of reference) {
    const c = ours.get(keyOf(r));
    if (!c) {
      results.push({ check: 'structure', name: `${prefix}frame at ${where} ${keyOf(r)}`, passed: false, metric: 'abs', tolerance: 0, stats: { n: 1, avg: 1, dev: 0, max: 1, argmax: keyOf(r) }, detail: `the reference has a frame at ${where} ${keyOf(r)}; the analysed dump has none` });
      continue;
    }
    const total = c.natoms ?? STRUCTURE_NAMES.reduce((s, k) => s + (c.counts[k] ?? 0), 0);
    const refTotal = r.natoms ?? (complete ? STRUCTURE_NAMES.reduce((s, k) => s + r.counts[k], 0) : total);
    if (refTotal !== total) {
      results.push({ check: 'structure', name: `${prefix}atoms at ${where} ${keyOf(r)}`, passed: false, metric: 'abs', tolerance: 0, stats: { n: 1, avg: Math.abs(refTotal - total), dev: 0, max: Math.abs(refTotal - total), argmax: keyOf(r) }, worst: { label: where, where: keyOf(r), reference: refTotal, candidate: total }, detail: `the reference counts ${refTotal} atoms, the dump has ${total}` });
      continue;
    }
    matched.push([r, c]);
  }
  for (const s of structures) {
    const stats = new ErrorStats();
    const x: number[] = [], ref: number[] = [], cand: number[] = [];
    let worst = { where: -1, reference: 0, candidate: 0 };
    for (const [r, c] of matched) {
      if (!(s in r.counts)) continue;
      const n = c.natoms ?? STRUCTURE_NAMES.reduce((t, k) => t + (c.counts[k] ?? 0), 0);
      const a = n ? r.counts[s] / n : 0, b = n ? (c.counts[s] ?? 0) / n : 0;
      const before = stats.max;
      stats.add(Math.abs(a - b), keyOf(r));
      if (stats.max !== before || worst.where < 0) worst = { where: keyOf(r), reference: a, candidate: b };
      x.push(keyOf(r)); ref.push(a); cand.push(b);
    }
    if (!stats.n) continue;
    results.push({
      check: 'structure',
      name: `${prefix}${s} fraction`,
      passed: stats.max <= opts.tol,
      metric: 'abs',
      tolerance: opts.tol,
      stats: stats.toJSON(),
      worst: { label: where, ...worst },
      detail: `worst at ${where} ${worst.where}: reference ${worst.reference}, a-CNA ${worst.candidate} (${stats.n} frames)`,
      series: { xLabel: byStep ? 'Timestep' : 'Frame', x, reference: ref, candidate: cand },
    });
  }
  return results;
}
