/**
 * `lmpv timestep IN [--dt 0.1,0.25,0.5] [--time T] [--engine lmpv|lammps] [--np N] [--reference DIR]`:
 * run one input script at several timesteps for the same simulated time and report, per dt, the
 * energy drift and its order in dt, the conserved quantity of thermostats, when each run leaves
 * the smallest-dt run, and the end-of-run observables; against reference logs with --reference.
 * Exit 0 when every check passes, 1 when one fails, 2 on bad input.
 */
import type { Command } from 'commander';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { UsageError } from '../io/errors.js';
import { reportCSV, reportJUnit } from '../verify/report.js';
import { timestepHTML, timestepText } from '../verify/report-timestep.js';
import { runTimestepStudy } from '../verify/timestep-study.js';
import { lmpvCommand, out } from './util.js';

interface TimestepFlags {
  dt?: string;
  time?: string;
  engine: string;
  lmp?: string;
  np?: string;
  reference?: string;
  diverge?: string;
  tol?: string;
  tolOrder?: string;
  keep?: string;
  json?: boolean;
  csv?: string;
  junit?: string;
  html?: string;
}

function positive(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!(x > 0) || v.trim() === '') throw new UsageError(`${flag}: expected a positive number, found '${v}'`);
  return x;
}

export function register(program: Command): void {
  program
    .command('timestep')
    .description('run one input script at several timesteps for the same simulated time: energy drift and its order in dt, thermostat conserved quantity, divergence time, end-of-run observables')
    .argument('<in>', 'LAMMPS input script (one simulation; literal run / thermo / dump step counts)')
    .option('--dt <list>', 'timesteps, comma-separated: fs for units real and metal (default 0.1,0.25,0.5), tau for lj (required)')
    .option('--time <T>', 'simulated time of the whole script (fs, or tau for lj; default: the script\'s run length at its own timestep)')
    .option('--engine <engine>', 'lmpv (default) or lammps', 'lmpv')
    .option('--lmp <path>', 'LAMMPS executable for --engine lammps')
    .option('--np <n>', 'MPI ranks for --engine lammps')
    .option('--reference <dir>', 'folder of reference logs log.dt<dt> (e.g. ../shared/reference/timestep): the same figures from them, compared dt by dt')
    .option('--diverge <rel>', 'relative PotEng difference at which a run has left the smallest-dt run (default 1e-4)')
    .option('--tol <rel>', 'relative tolerance of the figures against the reference\'s (default 1e-6)')
    .option('--tol-order <abs>', 'allowed distance of the NVE drift order from 2 (default 0.3)')
    .option('--keep <dir>', 'keep each run (rewritten script and log.lammps) in DIR/dt<dt>/')
    .option('--json', 'print the study as JSON on stdout (instead of the table)')
    .option('--csv <file>', 'also write the checks as CSV')
    .option('--junit <file>', 'also write JUnit XML (one testcase per check)')
    .option('--html <file>', 'also write a self-contained HTML report with plots')
    .action(async (input: string, flags: TimestepFlags) => {
      if (flags.engine !== 'lmpv' && flags.engine !== 'lammps') throw new UsageError(`--engine: expected lmpv or lammps, found '${flags.engine}'`);
      const dts = flags.dt?.split(',').map((v) => positive('--dt', v.trim()) as number);
      const r = await runTimestepStudy(input, {
        dts, time: positive('--time', flags.time), engine: flags.engine, lmpvCommand: lmpvCommand(), lmp: flags.lmp, np: positive('--np', flags.np), reference: flags.reference,
        diverge: positive('--diverge', flags.diverge), tol: positive('--tol', flags.tol), tolOrder: positive('--tol-order', flags.tolOrder), keep: flags.keep,
        progress: (s) => process.stderr.write(s + '\n'),
      });
      if (flags.csv) writeFileAtomicSync(flags.csv, reportCSV([r.report]));
      if (flags.junit) writeFileAtomicSync(flags.junit, reportJUnit([r.report]));
      if (flags.html) writeFileAtomicSync(flags.html, timestepHTML(r));
      if (flags.json) {
        const { series: _series, ...rest } = r;
        out(JSON.stringify(rest, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2));
      } else out(timestepText(r));
      process.exitCode = r.report.passed ? 0 : 1;
    });
}
