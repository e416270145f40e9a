/**
 * A study folder: study.json (the spec, engine and run list), runs/<name>/ (one folder per run:
 * inputs, run.json, status.json, logs, dumps, restarts, analysis.json) and report.html /
 * summary.json. Creating a study again in the same folder with the same spec continues it (runs
 * that are done are kept, the others resume from their last restart); another spec is an error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../io/errors.js';
import { writeFileAtomicSync } from '../../io/atomic-write.js';
import { resolvePotential } from '../../io/potentials-path.js';
import { writeNucleationRun } from './nucleation.js';
import { writeDepositionRun } from './deposition.js';
import { RUN_FILE, readStatus, type RunFile, type RunStatus } from './runner.js';
import { analyseRun, type RunAnalysis } from './analysis.js';
import { studyHTML, summarise, type StudySummary } from './report.js';
import { planRuns, type Engine, type StudyFile, type StudySpec } from './spec.js';

export const STUDY_FILE = 'study.json';

export function readStudy(dir: string): StudyFile {
  const p = join(dir, STUDY_FILE);
  if (!existsSync(p)) throw new UsageError(`${dir}: not a study folder (no ${STUDY_FILE}; create one with lmpv study nucleation|deposition --out ${dir})`);
  return JSON.parse(readFileSync(p, 'utf8')) as StudyFile;
}

export function writeStudy(dir: string, s: StudyFile): void {
  writeFileAtomicSync(join(dir, STUDY_FILE), JSON.stringify(s, null, 1) + '\n');
}

export interface CreateOptions {
  engine: Engine;
  lmp?: string;
  np?: number;
}

/** Create (or reopen) the study folder: the spec, one folder per run with its inputs. */
export function createStudy(dir: string, spec: StudySpec, opts: CreateOptions): StudyFile {
  dir = resolve(dir);
  mkdirSync(join(dir, 'runs'), { recursive: true });
  const runs = planRuns(spec);
  const study: StudyFile = { format: 'lmpv-study 1', spec, engine: opts.engine, lmp: opts.lmp, np: opts.np, runs };
  if (existsSync(join(dir, STUDY_FILE))) {
    const old = readStudy(dir);
    if (JSON.stringify(old.spec) !== JSON.stringify(spec) || old.engine !== opts.engine)
      throw new UsageError(`${dir}/${STUDY_FILE}: this folder holds another study (different options or engine); use another --out or the same options to continue it`);
    study.slurmJob = old.slurmJob;
    study.slurmRuns = old.slurmRuns;
  }
  const pot = (name: string) => resolvePotential(name, { inputDir: process.cwd() });
  const ffield = spec.kind === 'nucleation' ? pot(spec.ffield) : null;
  const library = spec.kind === 'deposition' ? pot(spec.library) : null;
  const param = spec.kind === 'deposition' && spec.param ? pot(spec.param) : null;
  for (const run of runs) {
    const rdir = join(dir, 'runs', run.name);
    if (existsSync(join(rdir, RUN_FILE))) continue;
    mkdirSync(rdir, { recursive: true });
    const plan = spec.kind === 'nucleation' ? writeNucleationRun(rdir, spec, run, ffield!) : writeDepositionRun(rdir, spec, run, library!, param);
    const rf: RunFile = { run, plan, input: spec.kind === 'nucleation' ? 'in.nucleation' : 'in.deposition', engine: opts.engine, lmp: opts.lmp, np: opts.np };
    writeFileSync(join(rdir, RUN_FILE), JSON.stringify(rf, null, 1) + '\n');
  }
  writeStudy(dir, study);
  return study;
}

/** Analyse every finished run and write report.html and summary.json into the study folder. */
export async function reportStudy(dir: string): Promise<{ summary: StudySummary; html: string }> {
  dir = resolve(dir);
  const study = readStudy(dir);
  const analyses = new Map<string, RunAnalysis>();
  const statuses = new Map<string, RunStatus | null>();
  for (const r of study.runs) {
    const rdir = join(dir, 'runs', r.name);
    const st = existsSync(join(rdir, RUN_FILE)) ? readStatus(rdir) : null;
    statuses.set(r.name, st);
    if (st?.state === 'done') analyses.set(r.name, await analyseRun(rdir, study.spec));
  }
  const summary = summarise(study, analyses, statuses);
  const html = studyHTML(study, summary);
  writeFileAtomicSync(join(dir, 'report.html'), html);
  writeFileAtomicSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
  return { summary, html };
}
