/**
 * Run a fixture's in.lammps in the lmpv engine (in a temporary folder) and compare what it wrote
 * with what real LAMMPS wrote for the same script (fixtures/lammps/engine-*, made by
 * scripts/make-engine-fixtures.sh), using the io readers for both.
 */
import { copyFileSync, mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Interpreter } from '../../src/engine/input/interpreter.js';
import { parseLammpsLog, type LammpsLog } from '../../src/io/lammps-log.js';
import { parseLammpsDump, sortFrameById, type DumpFrame } from '../../src/io/lammps-dump.js';
import { relErr } from '../../src/verify/compare.js';
import { caseFiles } from '../../src/verify/outputs.js';
import { FIXTURES } from '../helpers/paths.js';

export interface EngineRun {
  dir: string;
  log: LammpsLog;
  logText: string;
  error?: Error;
}

/** Run fixture `name` in lmpv; returns the temp folder and the parsed log. */
export function runFixture(name: string): EngineRun {
  const dir = mkdtempSync(join(tmpdir(), `lmpv-${name}-`));
  copyInputs(name, dir);
  const it = new Interpreter({ cwd: dir, log: join(dir, 'log.lammps') });
  let error: Error | undefined;
  try {
    it.runFile('in.lammps');
  } catch (e) {
    error = e as Error;
  }
  const logText = readFileSync(join(dir, 'log.lammps'), 'utf8');
  return { dir, log: parseLammpsLog(logText, 'lmpv log.lammps'), logText, error };
}

/** Copy a fixture's inputs (in.lammps, included scripts, data files) into dir: the verifier's one rule (src/verify/outputs.ts). */
export function copyInputs(name: string, dir: string): void {
  for (const f of caseFiles(join(FIXTURES, name)).inputs) copyFileSync(join(FIXTURES, name, f), join(dir, f));
}

export function referenceLog(name: string): LammpsLog {
  const p = join(FIXTURES, name, 'log.lammps');
  return parseLammpsLog(readFileSync(p, 'utf8'), p);
}

export async function readDump(path: string): Promise<DumpFrame[]> {
  if (!existsSync(path)) throw new Error(`missing dump ${path}`);
  const raw = readFileSync(path);
  return (await parseLammpsDump(path.endsWith('.gz') ? gunzipSync(raw) : raw)).map((f) => sortFrameById(f));
}

export interface Worst {
  err: number;
  where: string;
}

/**
 * Largest relative error (LAMMPS unit-test metric, verify/compare relErr) between two columns.
 * `floor`: values whose magnitude is below floor x the column's largest magnitude are compared
 * against that floor instead of their own (tiny) size (a shear pressure crossing zero has no
 * meaningful relative error). `zero`: pairs where BOTH values are below it in magnitude count as
 * equal (forces on atoms at perfect lattice sites are 0 in exact arithmetic and round-off noise,
 * ~1e-15, in both engines).
 */
export function worstRel(a: ArrayLike<number>, b: ArrayLike<number>, floor = 0, zero = 0): { err: number; index: number } {
  let big = 0;
  for (let i = 0; i < a.length; i++) big = Math.max(big, Math.abs(a[i]), Math.abs(b[i]));
  const fl = floor * big;
  let err = 0;
  let index = -1;
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i]) < zero && Math.abs(b[i]) < zero) continue;
    let e = relErr(a[i], b[i]);
    const m = Math.min(Math.abs(a[i]), Math.abs(b[i]));
    if (m < fl) e = Math.abs(a[i] - b[i]) / fl;
    if (e > err) {
      err = e;
      index = i;
    }
  }
  return { err, index };
}

/** Compare all thermo columns of matching runs; returns worst error per run at step 0 and overall. */
export function compareLogs(ours: LammpsLog, ref: LammpsLog, floor = 0, zero = 0): { first: Worst; all: Worst } {
  if (ours.runs.length !== ref.runs.length) throw new Error(`lmpv log has ${ours.runs.length} runs, LAMMPS's has ${ref.runs.length}`);
  const first: Worst = { err: 0, where: '' };
  const all: Worst = { err: 0, where: '' };
  ours.runs.forEach((run, r) => {
    const rr = ref.runs[r];
    if (run.columns.join(' ') !== rr.columns.join(' ')) throw new Error(`run ${r + 1}: columns differ: '${run.columns.join(' ')}' vs '${rr.columns.join(' ')}'`);
    if (run.nrows !== rr.nrows) throw new Error(`run ${r + 1}: ${run.nrows} rows vs ${rr.nrows}`);
    for (const c of run.columns) {
      if (c === 'CPU') continue;
      const a = run.data.get(c)!, b = rr.data.get(c)!;
      const w0 = worstRel(a.subarray(0, 1), b.subarray(0, 1), 0, zero);
      if (w0.err > first.err) Object.assign(first, { err: w0.err, where: `run ${r + 1} ${c} step 0: ${a[0]} vs ${b[0]}` });
      const w = worstRel(a, b, floor, zero);
      if (w.err > all.err) Object.assign(all, { err: w.err, where: `run ${r + 1} ${c} row ${w.index}: ${a[w.index]} vs ${b[w.index]}` });
    }
  });
  return { first, all };
}

/** Compare the numeric columns of two dumps frame by frame (frames sorted by id). */
export function compareDumps(ours: DumpFrame[], ref: DumpFrame[], cols: string[], floor = 0, zero = 0): Worst {
  if (ours.length !== ref.length) throw new Error(`lmpv dump has ${ours.length} frames, LAMMPS's has ${ref.length}`);
  const worst: Worst = { err: 0, where: '' };
  ours.forEach((f, k) => {
    const g = ref[k];
    if (f.timestep !== g.timestep) throw new Error(`frame ${k}: timestep ${f.timestep} vs ${g.timestep}`);
    if (f.natoms !== g.natoms) throw new Error(`frame ${k}: ${f.natoms} atoms vs ${g.natoms}`);
    for (const c of cols) {
      const a = f.columns.get(c) as Float64Array, b = g.columns.get(c) as Float64Array;
      if (!a || !b) throw new Error(`frame ${k}: column ${c} missing`);
      const w = worstRel(a, b, floor, zero);
      if (w.err > worst.err) {
        const id = (g.columns.get('id') as Float64Array)[w.index];
        Object.assign(worst, { err: w.err, where: `step ${g.timestep} ${c} atom ${id}: ${a[w.index]} vs ${b[w.index]}` });
      }
    }
  });
  return worst;
}

/** Run script text in a fresh interpreter (no log file), from the current folder; returns it for inspection. */
export function runScriptText(text: string): Interpreter {
  const it = new Interpreter({ cwd: process.cwd(), log: null });
  it.runText(text, 'in.test');
  return it;
}

/** The first thermo block of a log's text: column names and numeric rows (until the first non-row line). */
export function thermoRows(text: string): { names: string[]; rows: number[][] } {
  const lines = text.split('\n');
  const h = lines.findIndex((l) => /^\s*Step\s/.test(l));
  const names = lines[h].trim().split(/\s+/);
  const rows: number[][] = [];
  for (let k = h + 1; k < lines.length; k++) {
    const w = lines[k].trim().split(/\s+/);
    if (w.length !== names.length || !/^\d+$/.test(w[0])) break;
    rows.push(w.map(Number));
  }
  return { names, rows };
}
