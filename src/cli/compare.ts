/**
 * `lmpv compare REFERENCE CANDIDATE`: compare what two runs wrote (case folders, or one log / dump
 * file each): thermo columns by step, forces by atom id, timestep sensitivity when verify.json
 * names the logs. Exit code 0 when every check passes, 1 when one fails, 2 on bad input.
 */
import type { Command } from 'commander';
import { compareOutputSets, loadOutputSet, tolerancesFor } from '../verify/reference.js';
import { isLammpsUnitTest, readLammpsUnitTest } from '../io/lammps-unittest-yaml.js';
import { fileHead } from '../verify/outputs.js';
import { compareWithUnitTest } from '../verify/unittest-reference.js';
import { statSync } from 'node:fs';
import { addReportOptions, emitReports, toleranceOverrides, type ReportFlags } from './report-options.js';

export function register(program: Command): void {
  addReportOptions(
    program
      .command('compare')
      .description('compare a candidate run\'s log and dumps with a reference that real LAMMPS wrote')
      .argument('<reference>', 'reference case folder, log or dump file (what real LAMMPS wrote), or a LAMMPS force-style unit-test YAML (unittest/force-styles/tests/*.yaml; default tolerance its epsilon, --tol-first overrides)')
      .argument('<candidate>', 'candidate case folder, log or dump file'),
  ).action(async (reference: string, candidate: string, flags: ReportFlags) => {
    if (statSync(reference).isFile() && (/\.ya?ml$/.test(reference) || isLammpsUnitTest(fileHead(reference)))) {
      const yaml = readLammpsUnitTest(reference);
      const report = await compareWithUnitTest(yaml, loadOutputSet(candidate), toleranceOverrides(flags).tolFirst);
      report.candidate = candidate;
      process.exitCode = emitReports([report], flags);
      return;
    }
    const ref = loadOutputSet(reference);
    const cand = loadOutputSet(candidate);
    const report = await compareOutputSets(ref, cand, tolerancesFor(ref, toleranceOverrides(flags)), reference);
    report.reference = reference;
    report.candidate = candidate;
    process.exitCode = emitReports([report], flags);
  });
}
