/**
 * A timestep study: one input script run at several timesteps for the same simulated time (the
 * copies rewritten by timestep-script.ts, each run in its own folder by run-case.ts with the lmpv
 * engine or real LAMMPS), the per-dt figures of checks/timestep.ts, and, when a folder of
 * reference logs (`log.dt<dt>`, as ../shared/reference/timestep) is given, the same figures
 * computed from those logs and compared dt by dt.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../io/errors.js';
import { readLammpsLog } from '../io/lammps-log.js';
import { FEMTOSECONDS_PER_TIME_UNIT, UNIT_NAMES, femtosecondsToTimeUnit, type UnitStyle } from '../io/units.js';
import { checkStudy, compareStudies, timestepStudy, type StudyFigures, type StudyOptions, type StudyRun } from './checks/timestep.js';
import type { ThermoTable } from './checks/energy.js';
import { runCase } from './run-case.js';
import { analyseScript, rewriteScript, type ScriptInfo } from './timestep-script.js';
import { makeReport, type Report } from './types.js';
import { dumpFiles, endFractions, fractionSpread, type DtFractions, type StudyFractions } from './timestep-acna.js';

export interface TimestepStudyOptions {
  /** Timesteps as the user gave them: fs for real and metal (default 0.1, 0.25, 0.5 fs), tau for lj (required). */
  dts?: number[];
  /** Simulated time, same unit as `dts` (default: the script's own). */
  time?: number;
  engine: 'lmpv' | 'lammps';
  /** How to start lmpv's `run` command: program and leading arguments (the CLI passes node + bin/lmpv.js). */
  lmpvCommand: string[];
  lmp?: string;
  np?: number;
  /** Folder of reference logs log.dt<dt>. */
  reference?: string;
  /** Relative PotEng difference at which a run has left the smallest-dt run (default 1e-4). */
  diverge?: number;
  /** Relative tolerance of the figures against the reference's (default 1e-6). */
  tol?: number;
  /** Tolerance of the fitted NVE drift order around 2 (default 0.3). */
  tolOrder?: number;
  /** Keep each run's folder here (dt<dt>/: the rewritten script and log.lammps); default: temporary, removed. */
  keep?: string;
  progress?: (s: string) => void;
}

export interface TimestepStudyResult {
  script: string;
  units: UnitStyle;
  /** Unit of the user's dt values ('fs' or 'tau') and of the script's time. */
  dtUnit: string;
  timeUnit: string;
  energyUnit: string;
  /** Unit of the drift figures, e.g. 'kcal/mol/atom/ps'. */
  driftUnit: string;
  /** dt as given -> dt in the script's time unit. */
  dts: Array<{ given: number; dt: number }>;
  ensemble: ScriptInfo['ensemble'];
  thermostats: string[];
  study: StudyFigures;
  reference?: StudyFigures;
  /** End-of-run a-CNA fractions per dt and their spread, when the script dumps positions. */
  acna?: StudyFractions;
  /** Per-dt thermo tables (time in the script's unit) for plots. */
  series: Array<{ dt: number; time: number[]; columns: Record<string, number[]> }>;
  report: Report;
}

/** Every thermo block of a log, in order, as one table (blocks with the last block's columns). */
async function logTable(path: string): Promise<{ thermo: ThermoTable; natoms: number }> {
  const log = await readLammpsLog(path);
  if (log.errors.length) throw new UsageError(`${path}: ERROR ${log.errors[0].message}`);
  const blocks = log.runs.filter((r) => r.nrows > 0);
  if (!blocks.length) throw new UsageError(`${path}: no thermo output`);
  const cols = blocks[blocks.length - 1].columns;
  const out = new Map<string, number[]>(cols.map((c) => [c, []]));
  let lastStep = -Infinity;
  for (const b of blocks) {
    if (!cols.every((c) => b.data.has(c))) continue;
    const step = b.data.get('Step')!;
    for (let i = 0; i < b.nrows; i++) {
      if (step[i] <= lastStep) continue; // a run repeats the previous run's last step
      lastStep = step[i];
      for (const c of cols) out.get(c)!.push(b.data.get(c)![i]);
    }
  }
  const natoms = blocks[blocks.length - 1].natoms;
  if (!natoms) throw new UsageError(`${path}: no 'Loop time ... with N atoms' line: the run did not finish`);
  return { thermo: out, natoms };
}

/** Reference logs of a folder: `log.dt<X>` matched to each dt by the number as given or in script units. */
function referenceLogs(dir: string, dts: Array<{ given: number; dt: number }>): string[] {
  const names = readdirSync(dir);
  return dts.map(({ given, dt }) => {
    const n = names.find((f) => {
      const m = /^log\.dt([0-9.eE+-]+)$/.exec(f);
      if (!m) return false;
      const v = Number(m[1]);
      return Math.abs(v - given) <= 1e-9 * given || Math.abs(v - dt) <= 1e-9 * dt;
    });
    if (!n) throw new UsageError(`${dir}: no reference log log.dt${given} for dt = ${given}`);
    return join(dir, n);
  });
}

export async function runTimestepStudy(scriptPath: string, opts: TimestepStudyOptions): Promise<TimestepStudyResult> {
  const text = readFileSync(scriptPath, 'utf8');
  const info = analyseScript(text, scriptPath);
  const fs = FEMTOSECONDS_PER_TIME_UNIT[info.units];
  const toScript = (v: number) => (fs === undefined ? v : femtosecondsToTimeUnit(info.units, v));
  if (!opts.dts && fs === undefined) throw new UsageError(`${scriptPath}: units lj: give the timesteps in tau with --dt (the default 0.1,0.25,0.5 is in fs)`);
  const given = opts.dts ?? [0.1, 0.25, 0.5];
  if (given.length < 2) throw new UsageError('--dt: a study needs at least two timesteps');
  const dts = [...given].sort((a, b) => a - b).map((given) => ({ given, dt: toScript(given) }));
  const time = opts.time !== undefined ? toScript(opts.time) : info.time0;
  const names = UNIT_NAMES[info.units];
  const psPer = fs === undefined ? undefined : fs / 1000;
  const studyOpts: StudyOptions = { psPerTimeUnit: psPer, norm: info.norm, ensemble: info.ensemble, thermostats: info.thermostats, diverge: opts.diverge ?? 1e-4 };

  const runs: StudyRun[] = [];
  const series: TimestepStudyResult['series'] = [];
  const dumps = dumpFiles(info.lines);
  const fractions: DtFractions[] = [];
  let fractionsDump: string | undefined;
  for (const { given, dt } of dts) {
    const script = rewriteScript(info, dt, time);
    const dir = opts.keep ? resolve(opts.keep, `dt${given}`) : mkdtempSync(join(tmpdir(), 'lmpv-timestep-'));
    mkdirSync(dir, { recursive: true });
    const input = 'in.lmpv-timestep';
    writeFileSync(join(dir, input), script);
    opts.progress?.(`running ${basename(scriptPath)} at dt = ${given} ${fs === undefined ? names.time : 'fs'} with ${opts.engine} ...`);
    const run = await runCase(dirname(resolve(scriptPath)), { engine: opts.engine, command: opts.lmpvCommand, lmp: opts.lmp, np: opts.np, input, workDir: dir });
    if (run.exitCode !== 0) {
      const msg = run.stderr.trim().split('\n').pop() ?? '';
      throw new UsageError(`${scriptPath} at dt = ${given}: ${opts.engine} exited with code ${run.exitCode}: ${msg}${opts.keep ? '' : ` (run folder ${dir} kept)`}`);
    }
    const { thermo, natoms } = await logTable(join(dir, 'log.lammps'));
    runs.push({ dt, thermo, natoms });
    const step = thermo.get('Step')!;
    series.push({ dt, time: Array.from(step, (s) => (s - step[0]) * dt), columns: Object.fromEntries([...thermo].map(([k, v]) => [k, Array.from(v)])) });
    const fr = dumps.length ? await endFractions(dir, dumps, dt) : undefined;
    if (fr) {
      const { dump, ...rest } = fr;
      fractionsDump ??= dump;
      fractions.push(rest);
    }
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
  const study = timestepStudy(runs, studyOpts);
  const results = checkStudy(study, info.ensemble, opts.tolOrder ?? 0.3);
  let reference: StudyFigures | undefined;
  if (opts.reference) {
    const logs = referenceLogs(opts.reference, dts);
    const refRuns: StudyRun[] = [];
    for (let k = 0; k < dts.length; k++) refRuns.push({ dt: dts[k].dt, ...(await logTable(logs[k])) });
    reference = timestepStudy(refRuns, studyOpts);
    results.push(...compareStudies(reference, study, opts.tol ?? 1e-6));
  }
  const notes: string[] = [];
  const acna = fractionsDump && fractions.length === dts.length ? fractionSpread(fractionsDump, fractions) : undefined;
  if (dumps.length && !acna) notes.push(`no a-CNA fractions: ${fractions.length ? 'not every run' : 'no run'} left a dump with positions (${dumps.join(', ')})`);
  if (!results.length) notes.push(`nothing to check: not an NVE run (${info.ensemble}) and no --reference; the figures are reported`);
  const report = makeReport(scriptPath, opts.reference ?? '(no reference)', `${opts.engine}, dt = ${dts.map((d) => d.given).join(', ')} ${fs === undefined ? names.time : 'fs'}`, results, notes);
  if (!results.length) report.passed = true;
  return {
    script: scriptPath, units: info.units, dtUnit: fs === undefined ? names.time : 'fs', timeUnit: names.time, energyUnit: names.energy,
    driftUnit: `${names.energy}/atom/${fs === undefined ? names.time : 'ps'}`, dts, ensemble: info.ensemble, thermostats: info.thermostats,
    study, reference, acna, series, report,
  };
}
