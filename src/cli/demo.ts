/**
 * `lmpv demo` (what `npm start` runs): the main job on the bundled fixtures.
 * Every bundled case whose input the lmpv engine runs (fixtures/lammps/engine-*, meam-*, eam-*, reaxff-*:
 * each of these passes `lmpv verify` at its default tolerances) and, when
 * ../shared/reference is beside the checkout, the real-LAMMPS MEAM reference cases, are run again in
 * lmpv's engine and compared with what real LAMMPS wrote. The table goes to stdout; HTML, JUnit XML
 * and JSON reports go to ./lmpv-report/ (or --out DIR).
 */
import type { Command } from 'commander';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { REPO_ROOT, SHARED_DIR } from '../io/config.js';
import { reportHTML, reportJSON, reportJUnit, reportText } from '../verify/report.js';
import { verifyCases } from '../verify/verify-cases.js';
import { resolvePotential } from '../io/potentials-path.js';
import { UsageError } from '../io/errors.js';
import { lmpvCommand, out } from './util.js';

/**
 * Cases that use installed potential files instead of carrying them (eam-*: Debian's lammps-data,
 * listed in potentials.txt by scripts/make-eam-fixtures.sh) join only when the files are found.
 */
function potentialsFound(dir: string): boolean {
  const list = join(dir, 'potentials.txt');
  if (!existsSync(list)) return true;
  return readFileSync(list, 'utf8').trim().split('\n').every((l) => {
    try {
      resolvePotential(l.split(' ')[0], { inputDir: dir });
      return true;
    } catch {
      return false;
    }
  });
}

/** Fixture folders (with in.lammps and log.lammps) the demo reruns, by name prefix. */
const DEMO_PREFIXES = ['engine-', 'meam-', 'eam-', 'reaxff-'];

function demoCases(): string[] {
  const cases: string[] = [];
  const fixtures = join(REPO_ROOT, 'fixtures', 'lammps');
  if (existsSync(fixtures)) {
    for (const n of readdirSync(fixtures).sort()) {
      if (!DEMO_PREFIXES.some((p) => n.startsWith(p))) continue;
      if (existsSync(join(fixtures, n, 'in.lammps')) && existsSync(join(fixtures, n, 'log.lammps')) && potentialsFound(join(fixtures, n))) cases.push(join(fixtures, n));
    }
  }
  const shared = join(SHARED_DIR, 'reference');
  for (const n of ['meam-li-bcc', 'meam-li-liquid', 'meam-sic']) if (existsSync(join(shared, n, 'in.lammps'))) cases.push(join(shared, n));
  return cases;
}

export function register(program: Command): void {
  program
    .command('demo')
    .description('run the main job on the bundled fixtures (what `npm start` does): rerun each case in lmpv and verify it against real LAMMPS')
    .option('--out <dir>', 'folder for the HTML, JUnit XML and JSON reports', 'lmpv-report')
    .action(async (opts: { out: string }) => {
      const cases = demoCases();
      // an installed package ships no fixtures (package.json "files"): say so rather than verify nothing
      if (cases.length === 0) throw new UsageError(`no bundled cases found under ${join(REPO_ROOT, 'fixtures', 'lammps')}: lmpv demo runs from a checkout of lammps-verify (git clone, npm ci); elsewhere use lmpv verify CASE...`);
      process.stderr.write(`lmpv demo: verifying ${cases.length} cases against what real LAMMPS wrote\n`);
      const reports = await verifyCases(cases, { engine: 'lmpv', lmpvCommand: lmpvCommand() }, (s) => process.stderr.write(s + '\n'));
      const text = reportText(reports);
      out(text);
      mkdirSync(opts.out, { recursive: true });
      writeFileAtomicSync(join(opts.out, 'report.html'), reportHTML(reports));
      writeFileAtomicSync(join(opts.out, 'junit.xml'), reportJUnit(reports));
      writeFileAtomicSync(join(opts.out, 'report.json'), reportJSON(reports));
      out(`reports: ${join(opts.out, 'report.html')}, ${join(opts.out, 'junit.xml')}, ${join(opts.out, 'report.json')}`);
      process.exitCode = reports.every((r) => r.passed) ? 0 : 1;
    });
}
