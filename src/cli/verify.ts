/**
 * `lmpv verify CASE...`: run each case's `in.lammps` again (lmpv's engine by default, or real
 * LAMMPS with --engine lammps) in a temporary folder and compare the new log and dumps with what
 * real LAMMPS wrote in the case folder. Exit 0 when every check passes, 1 when one fails, 2 on bad input.
 */
import type { Command } from 'commander';
import { verifyCases } from '../verify/verify-cases.js';
import { addReportOptions, emitReports, toleranceOverrides, type ReportFlags } from './report-options.js';
import { lmpvCommand } from './util.js';

interface VerifyFlags extends ReportFlags {
  engine: string;
  lmp?: string;
  np?: string;
  keep?: boolean;
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
    const opts = { engine: flags.engine, lmpvCommand: lmpvCommand(), lmp: flags.lmp, np: flags.np ? Number(flags.np) : undefined, keep: flags.keep, tolerances: toleranceOverrides(flags) };
    const reports = await verifyCases(cases, opts, (s) => process.stderr.write(s + '\n'));
    process.exitCode = emitReports(reports, flags);
  });
}
