/**
 * LAMMPS's own example scripts (issue 13), run unmodified in lmpv and compared with the log real
 * LAMMPS wrote for them (fixtures/lammps/example-<name>/, made by scripts/make-example-fixtures-b.sh
 * from the examples/ folder of Debian's lammps source package: Debian's lmp, or lmp_full with MEAM).
 *
 * Thermo is printed with 8 significant digits, so rows agree when every column is within 1e-6
 * relative (LAMMPS's unit-test metric, verify/compare relErr; a value below 1e-6 of its column's
 * largest magnitude is compared against that floor). Trajectories are chaotic: last-digit
 * differences grow, so each example states how many leading thermo rows must agree (all of them
 * where the run is short or a minimization), and the test reports the rows and the worst error.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interpreter } from '../../src/engine/input/interpreter.js';
import { parseLammpsLog, type LammpsLog } from '../../src/io/lammps-log.js';
import { relErr } from '../../src/verify/compare.js';
import { FIXTURES } from '../helpers/paths.js';

const RTOL = 1e-6;

export interface Agreement {
  /** Thermo rows compared (over all blocks) before the first row that differs (or all). */
  rows: number;
  /** Rows in LAMMPS's log. */
  total: number;
  /** Last step of the agreeing rows (of the block where agreement ended, or the last). */
  lastStep: number;
  /** Worst relative error over the agreeing rows. */
  worst: number;
  where: string;
  /** The first row that differs, if any. */
  firstDiff?: string;
}

/** Leading thermo rows (block by block) where every column is within rtol. */
export function agreement(ours: LammpsLog, ref: LammpsLog, rtol = RTOL): Agreement {
  const a: Agreement = { rows: 0, total: ref.runs.reduce((s, r) => s + r.nrows, 0), lastStep: 0, worst: 0, where: '' };
  for (let r = 0; r < ref.runs.length; r++) {
    const rr = ref.runs[r], run = ours.runs[r];
    if (!run) { a.firstDiff = `block ${r + 1}: missing in lmpv's log`; return a; }
    if (run.columns.join(' ') !== rr.columns.join(' ')) { a.firstDiff = `block ${r + 1}: columns '${run.columns.join(' ')}' vs '${rr.columns.join(' ')}'`; return a; }
    const big = new Map<string, number>();
    for (const c of rr.columns) big.set(c, rr.data.get(c)!.reduce((m, v) => Math.max(m, Math.abs(v)), 0));
    for (let k = 0; k < rr.nrows; k++) {
      if (k >= run.nrows) { a.firstDiff = `block ${r + 1} row ${k}: missing in lmpv's log`; return a; }
      let rowWorst = 0, rowWhere = '';
      for (const c of rr.columns) {
        if (c === 'CPU') continue;
        const x = run.data.get(c)![k], y = rr.data.get(c)![k];
        const fl = 1e-6 * big.get(c)!;
        const e = Math.min(Math.abs(x), Math.abs(y)) < fl ? Math.abs(x - y) / fl : relErr(x, y);
        if (!(e <= rowWorst)) { rowWorst = e; rowWhere = `block ${r + 1} step ${rr.data.get('Step')![k]} ${c}: ${x} vs ${y}`; }
      }
      if (!(rowWorst <= rtol)) { a.firstDiff = rowWhere; return a; }
      a.rows++;
      a.lastStep = rr.data.get('Step')![k];
      if (rowWorst > a.worst) { a.worst = rowWorst; a.where = rowWhere; }
    }
  }
  return a;
}

/** Run example `name`'s unmodified input in lmpv in a temporary folder; returns its log. */
export function runExample(name: string): { log: LammpsLog; ref: LammpsLog; error?: Error } {
  const src = join(FIXTURES, `example-${name}`);
  const dir = mkdtempSync(join(tmpdir(), `lmpv-example-${name}-`));
  const files = readdirSync(src).filter((f) => f !== 'log.lammps');
  for (const f of files) copyFileSync(join(src, f), join(dir, f));
  const input = files.find((f) => f.startsWith('in.'))!;
  const it = new Interpreter({ cwd: dir, log: join(dir, 'log.lammps') });
  let error: Error | undefined;
  try {
    it.runFile(input);
  } catch (e) {
    error = e as Error;
  }
  const log = parseLammpsLog(readFileSync(join(dir, 'log.lammps'), 'utf8'), `lmpv ${name}`);
  const ref = parseLammpsLog(readFileSync(join(src, 'log.lammps'), 'utf8'), join(src, 'log.lammps'));
  return { log, ref, error };
}

/**
 * example, thermo rows that must agree at RTOL (Infinity: all of LAMMPS's rows), and what the
 * example needs beyond this branch (styles of the temperature-bias work, branch examples-a): the
 * test is skipped, saying so, until they are in.
 */
const EXAMPLES: Array<[string, number]> = [
  // 2d LJ liquid at T = 5: bitwise-equal thermo to step 500, then last digits grow tenfold per 100
  // steps (step 600: 5e-8, 700: 3e-7, 800: 3e-5), so the minimization after it starts elsewhere
  ['min', 7],
  // in.min's melt, then atom and box relaxations (fix box/relax iso, aniso, x/y with nreset) from
  // the melt's end state: only the melt's rows before chaotic growth can agree
  ['min-box', 7],
  ['meam', Infinity],
  // seven minimizations pressing a sphere into a 2d LJ solid (fix indent, fix_modify energy yes):
  // the first three agree row for row (last printed digit of Press at most), the fourth ends after
  // a plastic event at a different step
  ['indent-min', 26],
  // 2d indenter, 60000 steps at dt 0.003 with fix temp/rescale and thermo_modify temp: exact to
  // step 13000, last digits from 14000, > 1e-6 from 17000 
  ['indent', 17],
  // deposition onto a Langevin substrate (fix deposit, compute_modify dynamic/dof): exact to step
  // 2000, last digits from 2100, > 1e-6 from 2800 
  ['deposit-atom', 28],
];

describe('LAMMPS example scripts run unmodified in lmpv and match real LAMMPS', () => {
  for (const [name, need] of EXAMPLES) {
    const title = `${name}: ${need === Infinity ? 'every' : need} thermo row(s) within ${RTOL} of LAMMPS's`;
    it(title, { timeout: 600_000 }, () => {
      const { log, ref, error } = runExample(name);
      expect(error, error?.message).toBeUndefined();
      const a = agreement(log, ref);
      console.log(`example ${name}: ${a.rows}/${a.total} rows agree (to step ${a.lastStep}), worst ${a.worst.toExponential(2)} at ${a.where}${a.firstDiff ? `; first difference: ${a.firstDiff}` : ''}`);
      expect(a.rows, a.firstDiff).toBeGreaterThanOrEqual(Math.min(need, a.total));
    });
  }
});
