/**
 * Verify case folders: run each case's `in.lammps` again (lmpv's engine or real LAMMPS, run-case.ts)
 * in a temporary folder and compare the new log and dumps with what real LAMMPS wrote in the case
 * folder (reference.ts). One report per case; a run that fails or outputs that cannot be read fail
 * their case, not the whole verification. Used by `lmpv verify` and `lmpv demo`.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../io/errors.js';
import { compareOutputSets, loadOutputSet, tolerancesFor, type Tolerances } from './reference.js';
import { runCase } from './run-case.js';
import { makeReport, type Report } from './types.js';

export interface VerifyOptions {
  engine: string;
  /** How to start lmpv's `run` command: program and leading arguments (the CLI passes node + bin/lmpv.js). */
  lmpvCommand: string[];
  /** LAMMPS executable for engine 'lammps'. */
  lmp?: string;
  /** MPI ranks for engine 'lammps'. */
  np?: number;
  /** Keep the run folders. */
  keep?: boolean;
  /** Tolerances given by the user; each case's verify.json and the defaults fill the rest. */
  tolerances?: Partial<Tolerances>;
}

export async function verifyCases(cases: string[], opts: VerifyOptions, progress?: (s: string) => void): Promise<Report[]> {
  const engine = opts.engine;
  if (engine !== 'lmpv' && engine !== 'lammps') throw new UsageError(`--engine: expected lmpv or lammps, found '${engine}'`);
  const reports: Report[] = [];
  for (const c of cases) {
    if (!existsSync(join(c, 'in.lammps'))) throw new UsageError(`${c}: not a case folder (no in.lammps)`);
    const ref = loadOutputSet(c);
    progress?.(`running ${c} with ${engine} ...`);
    const run = await runCase(c, { engine, command: opts.lmpvCommand, lmp: opts.lmp, np: opts.np });
    let report: Report;
    if (run.exitCode !== 0) {
      const msg = run.stderr.trim().split('\n').pop() ?? '';
      report = makeReport(c, c, `${engine} in ${run.dir}`, [{
        check: 'run', name: 'in.lammps', passed: false, metric: 'abs', tolerance: 0,
        stats: { n: 1, avg: run.exitCode, dev: 0, max: run.exitCode, argmax: -1 }, detail: msg,
      }], [`${engine} exited with code ${run.exitCode}: ${msg}`]);
    } else {
      try {
        report = await compareOutputSets(ref, loadOutputSet(run.dir), tolerancesFor(ref, opts.tolerances ?? {}), c);
        report.candidate = `${engine} (${run.seconds.toFixed(2)} s) in ${opts.keep ? run.dir : 'a temporary folder'}`;
      } catch (e) {
        // one unreadable output fails its case, not the whole verification
        const msg = e instanceof Error ? e.message : String(e);
        report = makeReport(c, c, `${engine} in ${run.dir}`, [{
          check: 'compare', name: 'outputs', passed: false, metric: 'abs', tolerance: 0,
          stats: { n: 1, avg: 1, dev: 0, max: 1, argmax: -1 }, detail: msg,
        }], [`could not compare: ${msg}`]);
      }
    }
    reports.push(report);
    if (!opts.keep && run.exitCode === 0) rmSync(run.dir, { recursive: true, force: true });
  }
  return reports;
}
