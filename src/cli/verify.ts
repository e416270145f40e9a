/**
 * `lmpv verify CASE...`: run each case's `in.lammps` again (lmpv's engine by default, or real
 * LAMMPS with --engine lammps) in a temporary folder and compare the new log and dumps with what
 * real LAMMPS wrote in the case folder. Exit 0 when every check passes, 1 when one fails, 2 on bad input.
 */
import type { Command } from 'commander';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../io/errors.js';
import { compareOutputSets, loadOutputSet, tolerancesFor } from '../verify/reference.js';
import { runCase } from '../verify/run-case.js';
import { makeReport, type Report } from '../verify/types.js';
import { addReportOptions, emitReports, toleranceOverrides, type ReportFlags } from './report-options.js';

interface VerifyFlags extends ReportFlags {
  engine: string;
  lmp?: string;
  np?: string;
  keep?: boolean;
}

export async function verifyCases(cases: string[], flags: VerifyFlags, progress?: (s: string) => void): Promise<Report[]> {
  if (flags.engine !== 'lmpv' && flags.engine !== 'lammps') throw new UsageError(`--engine: expected lmpv or lammps, found '${flags.engine}'`);
  const reports: Report[] = [];
  for (const c of cases) {
    if (!existsSync(join(c, 'in.lammps'))) throw new UsageError(`${c}: not a case folder (no in.lammps)`);
    const ref = loadOutputSet(c);
    progress?.(`running ${c} with ${flags.engine} ...`);
    const run = await runCase(c, { engine: flags.engine, lmp: flags.lmp, np: flags.np ? Number(flags.np) : undefined });
    let report: Report;
    if (run.exitCode !== 0) {
      const msg = run.stderr.trim().split('\n').pop() ?? '';
      report = makeReport(c, c, `${flags.engine} in ${run.dir}`, [{
        check: 'run', name: 'in.lammps', passed: false, metric: 'abs', tolerance: 0,
        stats: { n: 1, avg: run.exitCode, dev: 0, max: run.exitCode, argmax: -1 }, detail: msg,
      }], [`${flags.engine} exited with code ${run.exitCode}: ${msg}`]);
    } else {
      try {
        report = await compareOutputSets(ref, loadOutputSet(run.dir), tolerancesFor(ref, toleranceOverrides(flags)), c);
        report.candidate = `${flags.engine} (${run.seconds.toFixed(2)} s) in ${flags.keep ? run.dir : 'a temporary folder'}`;
      } catch (e) {
        // one unreadable output fails its case, not the whole verification
        const msg = e instanceof Error ? e.message : String(e);
        report = makeReport(c, c, `${flags.engine} in ${run.dir}`, [{
          check: 'compare', name: 'outputs', passed: false, metric: 'abs', tolerance: 0,
          stats: { n: 1, avg: 1, dev: 0, max: 1, argmax: -1 }, detail: msg,
        }], [`could not compare: ${msg}`]);
      }
    }
    reports.push(report);
    if (!flags.keep && run.exitCode === 0) rmSync(run.dir, { recursive: true, force: true });
  }
  return reports;
}

export function register(program: Command): void {
  addReportOptions(
    program
      .command('verify')
      .description('run case folders again (lmpv engine or real LAMMPS) and compare with what real LAMMPS wrote there')
      .argument('<case...>', 'case folders holding in.lammps and the reference log.lammps / dumps')
      .option('--engine <engine>', 'lmpv (default) or lammps', 'lmpv')
      .option('--lmp <path>', 'LAMMPS executable for --engine lammps')
      .option('--np <n>', 'MPI ranks for --engine lammps')
      .option('--keep', 'keep the run folders'),
  ).action(async (cases: string[], flags: VerifyFlags) => {
    const reports = await verifyCases(cases, flags, (s) => process.stderr.write(s + '\n'));
    process.exitCode = emitReports(reports, flags);
  });
}
