/** The report flags shared by `lmpv compare` and `lmpv verify`, and writing the reports. */
import type { Command } from 'commander';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { DEFAULT_TOLERANCES as D } from '../io/config.js';
import { UsageError } from '../io/errors.js';
import { reportCSV, reportHTML, reportJSON, reportJUnit, reportText } from '../verify/report.js';
import type { Report } from '../verify/types.js';
import type { Tolerances } from '../verify/reference.js';
import { out } from './util.js';

export interface ReportFlags {
  json?: boolean;
  csv?: string;
  junit?: string;
  html?: string;
  tolFirst?: string;
  tolRun?: string;
  tolForce?: string;
  tolPos?: string;
  zero?: string;
}

export function addReportOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print the report as JSON on stdout (instead of the table)')
    .option('--csv <file>', 'also write the results as CSV')
    .option('--junit <file>', 'also write JUnit XML (one testcase per compared quantity)')
    .option('--html <file>', 'also write a self-contained HTML report with plots')
    .option('--tol-first <rel>', `relative tolerance for the first common thermo row (default ${D.tolFirst})`)
    .option('--tol-run <rel>', `relative tolerance for every common thermo row (default ${D.tolRun})`)
    .option('--tol-force <abs>', `absolute tolerance per force component (default ${D.tolForce})`)
    .option('--tol-pos <abs>', `absolute tolerance per position and velocity component in dumps (default ${D.tolPos})`)
    .option('--zero <abs>', `thermo values both at most this in magnitude count as equal (default ${D.zero}; 0 for the pure LAMMPS metric)`);
}

function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!(x >= 0) || v.trim() === '') throw new UsageError(`${flag}: expected a non-negative number, found '${v}'`);
  return x;
}

export function toleranceOverrides(f: ReportFlags): Partial<Tolerances> {
  return { tolFirst: num('--tol-first', f.tolFirst), tolRun: num('--tol-run', f.tolRun), tolForce: num('--tol-force', f.tolForce), tolPos: num('--tol-pos', f.tolPos), zero: num('--zero', f.zero) };
}

/** Print and write the reports; returns the exit code (0 all passed, 1 a check failed). */
export function emitReports(reports: Report[], f: ReportFlags): number {
  if (f.csv) writeFileAtomicSync(f.csv, reportCSV(reports));
  if (f.junit) writeFileAtomicSync(f.junit, reportJUnit(reports));
  if (f.html) writeFileAtomicSync(f.html, reportHTML(reports));
  out(f.json ? reportJSON(reports) : reportText(reports));
  return reports.every((r) => r.passed) ? 0 : 1;
}
