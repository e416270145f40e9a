/**
 * `lmpv log FILE [--csv OUT | --json]`: thermo data of a LAMMPS log.
 *
 * Default: a short table per thermo block (columns, rows, first/last values, loop time, warnings).
 * --csv OUT: all blocks as one CSV with a `run` column, streamed atomically (numbers read back exactly;
 *   OUT ending in .gz is compressed).
 * --json: the whole log as JSON on stdout (non-finite values as the strings NaN/Infinity/-Infinity).
 * Reader warnings (truncated log, nan values) go to stderr.
 */
import type { Command } from 'commander';
import { UsageError, warningText } from '../io/errors.js';
import { writeStreamAtomic } from '../io/atomic-write.js';
import { logToCsvChunks, logToJSON, readLammpsLog, type LammpsLog, type ThermoRun } from '../io/lammps-log.js';
import { formatFloat } from '../io/text/numbers.js';
import { out } from './util.js';

interface LogOptions {
  csv?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('log')
    .description('thermo output of a LAMMPS log (log.lammps or screen output): summary, CSV or JSON')
    .argument('<file>', 'LAMMPS log file (.gz accepted)')
    .option('--csv <out>', 'write every thermo block to one CSV file (column `run` = block number)')
    .option('--json', 'print the parsed log as JSON on stdout')
    .action(async (file: string, opts: LogOptions) => {
      if (opts.csv !== undefined && opts.json) throw new UsageError('--csv and --json cannot be combined');
      const log = await readLammpsLog(file);
      if (log.runs.length === 0 && log.version === undefined && log.commands.length === 0 && log.errors.length === 0) {
        throw new UsageError(`${file}: not a LAMMPS log (no LAMMPS banner, input commands or thermo output found)`);
      }
      for (const w of log.readerWarnings) process.stderr.write(warningText(w) + '\n');
      if (opts.json) {
        out(logToJSON(log, 1));
        return;
      }
      if (opts.csv !== undefined) {
        if (log.runs.length === 0) throw new UsageError(`${file}: no thermo output to write`);
        try {
          await writeStreamAtomic(opts.csv, logToCsvChunks(log));
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          throw new UsageError(`${opts.csv}: cannot write the CSV (${code === 'ENOENT' ? 'no such directory' : code ?? String(e)})`);
        }
        const rows = log.runs.reduce((s, r) => s + r.nrows, 0);
        out(`wrote ${rows} rows of ${log.runs.length} thermo block${log.runs.length === 1 ? '' : 's'} to ${opts.csv}`);
        return;
      }
      out(summary(log));
    });
}

function wall(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** LAMMPS warnings printed while this block was set up or ran (from its command to its Loop line). */
function warningsIn(log: LammpsLog, r: ThermoRun): number {
  const from = r.commandLine ?? r.firstLine;
  const to = r.loopLine ?? r.lastLine;
  return log.warnings.filter((w) => w.line >= from && w.line <= to).length;
}

function pad(rows: string[][]): string[] {
  const w = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join('  ').trimEnd());
}

export function summary(log: LammpsLog): string {
  const lines: string[] = [];
  const head = [
    log.file + ':',
    log.version ? `LAMMPS ${log.version},` : '',
    `${log.runs.length} thermo block${log.runs.length === 1 ? '' : 's'},`,
    `${log.warnings.length} warning${log.warnings.length === 1 ? '' : 's'},`,
    `${log.errors.length} error${log.errors.length === 1 ? '' : 's'}`,
  ].filter((s) => s !== '');
  let h = head.join(' ');
  if (log.totalWallTime !== undefined) h += `, total wall time ${wall(log.totalWallTime)}`;
  lines.push(h);
  for (const r of log.runs) {
    lines.push('');
    const what = [r.kind, r.style, r.command ? `'${r.command.replace(/\s+/g, ' ')}'` : '', `lines ${r.firstLine}-${r.lastLine}`].filter((s) => s).join(', ');
    lines.push(`block ${r.number} (${what}): ${r.nrows} rows x ${r.columns.length} columns${r.complete ? '' : ' (INCOMPLETE: no Loop time line)'}`);
    const loop: string[] = [];
    if (r.loopTime !== undefined) loop.push(`loop time ${formatFloat(r.loopTime)} s on ${r.nprocs} procs for ${r.nsteps} steps with ${r.natoms} atoms`);
    if (r.performance?.timestepsPerSecond !== undefined) loop.push(`${formatFloat(r.performance.timestepsPerSecond)} timesteps/s`);
    if (r.performance?.nsPerDay !== undefined) loop.push(`${formatFloat(r.performance.nsPerDay)} ns/day`);
    const nw = warningsIn(log, r);
    loop.push(`${nw} warning${nw === 1 ? '' : 's'}`);
    lines.push('  ' + loop.join(', '));
    if (r.minimize?.stoppingCriterion) lines.push(`  minimization stopped on ${r.minimize.stoppingCriterion} after ${r.minimize.iterations} iterations`);
    const table: string[][] = [['column', 'first', 'last']];
    for (const c of r.columns) {
      const d = r.data.get(c)!;
      table.push([c, d.length ? formatFloat(d[0]) : '-', d.length ? formatFloat(d[d.length - 1]) : '-']);
    }
    for (const l of pad(table)) lines.push('  ' + l);
  }
  for (const e of log.errors) lines.push(`ERROR at line ${e.line}: ${e.message}`);
  return lines.join('\n');
}
