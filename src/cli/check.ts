/**
 * `lmpv check IN... [--checks forces,translation,rotation,permutation,image,energy,virial]`:
 * OpenKIM-style self-consistency of the pair style a script sets up, with no reference: forces
 * against the finite-difference gradient of the energy, invariances (translation, rotation with
 * open boundaries, atom order, periodic images), NVE energy error scaling as dt^2, virial against
 * the strain derivative of the energy. Exit 0 when every check passes, 1 when one fails, 2 on bad input.
 */
import type { Command } from 'commander';
import { UsageError } from '../io/errors.js';
import { checkScript } from '../verify/check-script.js';
import { CONSISTENCY_CHECKS, DEFAULT_CONSISTENCY as D } from '../verify/checks/consistency/index.js';
import { emitReports, type ReportFlags } from './report-options.js';

interface CheckFlags extends ReportFlags {
  checks?: string;
  atoms?: string;
  steps?: string;
  step?: string;
  tolFd?: string;
  tolSym?: string;
  tolOrder?: string;
}

function positive(flag: string, v: string | undefined, integer = false): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!(x > 0) || v.trim() === '' || (integer && !Number.isInteger(x))) throw new UsageError(`${flag}: expected a positive ${integer ? 'integer' : 'number'}, found '${v}'`);
  return x;
}

export function register(program: Command): void {
  program
    .command('check')
    .description('self-consistency of the pair style a script sets up (no reference): forces vs -dE/dr, invariances, NVE dt^2 scaling, virial vs strain derivative')
    .argument('<in...>', 'LAMMPS input scripts (their setup: every command before the first run/minimize)')
    .option('--checks <list>', `comma-separated, of ${[...CONSISTENCY_CHECKS.keys()].join(',')} (default: all)`)
    .option('--atoms <n>', `atoms whose forces are differentiated (default ${D.atoms}; all when fewer)`)
    .option('--steps <n>', `NVE steps at the script's timestep for the energy check (default ${D.steps})`)
    .option('--step <h>', `first finite-difference step in distance units (default ${D.step})`)
    .option('--tol-fd <rel>', `forces and virial vs finite differences, relative to the largest force / force moment (default ${D.tolFd})`)
    .option('--tol-sym <rel>', `invariances: relative energy change and force change relative to the largest force (default ${D.tolSym})`)
    .option('--tol-order <abs>', `allowed distance of the NVE energy-error order from 2 (default ${D.tolOrder})`)
    .option('--json', 'print the report as JSON on stdout (instead of the table)')
    .option('--csv <file>', 'also write the results as CSV')
    .option('--junit <file>', 'also write JUnit XML (one testcase per check)')
    .option('--html <file>', 'also write a self-contained HTML report with plots')
    .action((inputs: string[], flags: CheckFlags) => {
      const checks = flags.checks ? flags.checks.split(',').map((s) => s.trim()).filter(Boolean) : [];
      for (const c of checks) if (!CONSISTENCY_CHECKS.has(c)) throw new UsageError(`--checks: unknown check '${c}', expected some of ${[...CONSISTENCY_CHECKS.keys()].join(',')}`);
      const opts = {
        checks,
        atoms: positive('--atoms', flags.atoms, true),
        steps: positive('--steps', flags.steps, true),
        step: positive('--step', flags.step),
        tolFd: positive('--tol-fd', flags.tolFd),
        tolSym: positive('--tol-sym', flags.tolSym),
        tolOrder: positive('--tol-order', flags.tolOrder),
      };
      const reports = inputs.map((input) => checkScript(input, opts));
      process.exitCode = emitReports(reports, flags);
    });
}
