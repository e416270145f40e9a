/**
 * fix qeq/reaxff in the engine against real LAMMPS (29Sep2021) on the same script
 * (fixtures/lammps/reaxff-qeq/engine-zero: parameter file, pair_style zero, NVE, Nevery 1 then 2,
 * a new fix resetting the history): the fix's scalar at every thermo row and every atom's charge
 * at every step, and the input errors users can make.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { copyInputs, readDump } from '../helpers.js';
import { FIXTURES } from '../../helpers/paths.js';
import { parseLammpsLog } from '../../../src/io/lammps-log.js';
import { Interpreter } from '../../../src/engine/input/interpreter.js';

describe('fix qeq/reaxff in a script (fixtures/lammps/reaxff-qeq/engine-zero)', () => {
  it('f_qeq at every row equals LAMMPS; charges at every step within 1e-9 e', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-qeq-engine-zero-'));
    copyInputs('reaxff-qeq/engine-zero', dir);
    const it = new Interpreter({ cwd: dir, log: join(dir, 'log.lammps') });
    it.runFile('in.lammps');
    const run = { dir, log: parseLammpsLog(readFileSync(join(dir, 'log.lammps'), 'utf8')) };
    const ref = parseLammpsLog(readFileSync(join(FIXTURES, 'reaxff-qeq/engine-zero/log.lammps'), 'utf8'));
    expect(run.log.runs.length).toBe(2);
    for (let r = 0; r < 2; r++) {
      const a = run.log.runs[r], b = ref.runs[r];
      const fa = a.data.get('f_qeq')!, fb = b.data.get('f_qeq')!;
      expect(a.nrows).toBe(b.nrows);
      for (let k = 0; k < b.nrows; k++) expect(fa[k], `run ${r} row ${k}`).toBe(fb[k]);
    }
    const ours = await readDump(join(run.dir, 'dump.q.lammpstrj'));
    const theirs = await readDump(join(FIXTURES, 'reaxff-qeq/engine-zero/dump.q.lammpstrj'));
    expect(ours.length).toBe(theirs.length);
    for (let f = 0; f < theirs.length; f++) {
      const qa = ours[f].columns.get('q') as Float64Array, qb = theirs[f].columns.get('q') as Float64Array;
      let worst = 0;
      for (let i = 0; i < qb.length; i++) worst = Math.max(worst, Math.abs(qa[i] - qb[i]));
      expect(worst, `frame ${f} (step ${theirs[f].timestep})`).toBeLessThan(1e-9);
    }
  });
});

describe('fix qeq/reaxff with pair reaxff in a triclinic box (fixtures/lammps/reaxff-qeq/tatb-engine)', () => {
  it('TATB, tol 1e-10: charges within 1e-7 e, ep and eqeq within 1e-8 relative, f_qeq within 1 at steps 0..2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-qeq-tatb-'));
    copyInputs('reaxff-qeq/tatb-engine', dir);
    new Interpreter({ cwd: dir, log: join(dir, 'log.lammps') }).runFile('in.lammps');
    const ours = parseLammpsLog(readFileSync(join(dir, 'log.lammps'), 'utf8')).runs[0];
    const ref = parseLammpsLog(readFileSync(join(FIXTURES, 'reaxff-qeq/tatb-engine/log.lammps'), 'utf8')).runs[0];
    expect(ours.nrows).toBe(3);
    for (let k = 0; k < 3; k++) {
      // the CG stops at a relative residual of 1e-10 after ~55 iterations; the last one may fall either side
      expect(Math.abs(ours.data.get('f_qeq')![k] - ref.data.get('f_qeq')![k]), `f_qeq step ${k}`).toBeLessThanOrEqual(1);
      for (const c of ['c_reax[12]', 'c_reax[14]']) {
        const a = ours.data.get(c)![k], b = ref.data.get(c)![k];
        expect(Math.abs(a - b) / Math.abs(b), `${c} step ${k}: ${a} vs ${b}`).toBeLessThan(1e-8);
      }
    }
    const qa = await readDump(join(dir, 'dump.q.lammpstrj'));
    const qb = await readDump(join(FIXTURES, 'reaxff-qeq/tatb-engine/dump.q.lammpstrj'));
    for (let f = 0; f < qb.length; f++) {
      const a = qa[f].columns.get('q') as Float64Array, b = qb[f].columns.get('q') as Float64Array;
      let worst = 0;
      for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
      expect(worst, `frame ${f}`).toBeLessThan(1e-7);
    }
  });
});

/** Run fixture reaxff-qeq/NAME in lmpv; its first thermo block and dump frames, and LAMMPS's. */
async function runQeqFixture(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `lmpv-qeq-${name}-`));
  copyInputs(`reaxff-qeq/${name}`, dir);
  new Interpreter({ cwd: dir, log: join(dir, 'log.lammps') }).runFile('in.lammps');
  return {
    ours: parseLammpsLog(readFileSync(join(dir, 'log.lammps'), 'utf8')).runs[0],
    ref: parseLammpsLog(readFileSync(join(FIXTURES, `reaxff-qeq/${name}/log.lammps`), 'utf8')).runs[0],
    qa: await readDump(join(dir, 'dump.q.lammpstrj')),
    qb: await readDump(join(FIXTURES, `reaxff-qeq/${name}/dump.q.lammpstrj`)),
  };
}

describe('fix qeq/shielded (fixtures/lammps/reaxff-qeq/shielded-*)', () => {
  // shielded-zero: history from the data file's charges, QEQ-package parameter file with type
  // ranges, tol 1e-6 (RDX: iterates depend on summation order, so 100 tol and +-1 iteration);
  // shielded-reaxff: pair reaxff's parameters, tol 1e-10.
  for (const [name, qtol, itol] of [['shielded-zero', 1e-4, 1], ['shielded-reaxff', 1e-9, 1]] as const) {
    it(`${name}: integer f_qeq within ${itol} and charges within ${qtol} e of LAMMPS at steps 0..3`, async () => {
      const { ours, ref, qa, qb } = await runQeqFixture(name);
      expect(ours.nrows).toBe(4);
      for (let k = 0; k < 4; k++) {
        const a = ours.data.get('f_qeq')![k], b = ref.data.get('f_qeq')![k];
        expect(Number.isInteger(a)).toBe(true);
        expect(Math.abs(a - b), `f_qeq step ${k}: ${a} vs ${b}`).toBeLessThanOrEqual(itol);
      }
      expect(qa.length).toBe(4);
      for (let f = 0; f < qb.length; f++) {
        const a = qa[f].columns.get('q') as Float64Array, b = qb[f].columns.get('q') as Float64Array;
        let worst = 0;
        for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        expect(worst, `frame ${f}`).toBeLessThan(qtol);
      }
    });
  }
});

describe('fix qeq/reaxff in a minimization (fixtures/lammps/reaxff-qeq/rdx-minimize)', () => {
  it('RDX, tol 1e-10, 5 CG iterations: pe within 1e-8, charges within 1e-7 e, f_qeq within 1 at every iteration', async () => {
    const { ours, ref, qa, qb } = await runQeqFixture('rdx-minimize');
    expect(ours.nrows).toBe(ref.nrows);
    for (let k = 0; k < ref.nrows; k++) {
      const a = ours.data.get('PotEng')![k], b = ref.data.get('PotEng')![k];
      expect(Math.abs(a - b) / Math.abs(b), `PotEng row ${k}: ${a} vs ${b}`).toBeLessThan(1e-8);
      expect(Math.abs(ours.data.get('f_qeq')![k] - ref.data.get('f_qeq')![k]), `f_qeq row ${k}`).toBeLessThanOrEqual(1);
    }
    expect(qa.length).toBe(qb.length);
    for (let f = 0; f < qb.length; f++) {
      const a = qa[f].columns.get('q') as Float64Array, b = qb[f].columns.get('q') as Float64Array;
      let worst = 0;
      for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
      expect(worst, `frame ${f}`).toBeLessThan(1e-7);
    }
  });
});

function scriptError(lines: string): string {
  const it = new Interpreter({ cwd: join(FIXTURES, 'reaxff-qeq/engine-zero'), log: null });
  try {
    it.runText(lines.trim() + '\n', 'in.test');
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

const SETUP = `units real
atom_style charge
read_data data.reaxff-lina-gaissmaier
pair_style zero 10.0
pair_coeff * *`;

describe('fix qeq/reaxff input errors', () => {
  it('names what was expected', () => {
    expect(scriptError(`${SETUP}\nfix q all qeq/reaxff 1 0.0 10.0 1e-10`)).toMatch(/expected 'Nevery cutlo cuthi tol reaxff\|PARAMFILE/);
    expect(scriptError(`${SETUP}\nfix q all qeq/reaxff 0 0.0 10.0 1e-10 param.qeq`)).toMatch(/Nevery must be a positive integer/);
    expect(scriptError(`${SETUP}\nfix q all qeq/reaxff 1 0.0 10.0 1e-10 param.qeq dual`)).toMatch(/qeq\/reaxff\/omp/);
    expect(scriptError(`${SETUP}\nfix q all qeq/reaxff 1 0.0 10.0 1e-10 param.qeq maxiter`)).toMatch(/maxiter: expected a number/);
    expect(scriptError(`${SETUP}\nfix q all qeq/reaxff 1 0.0 10.0 1e-10 reaxff\nrun 0`)).toMatch(/needs pair_style reaxff/);
    expect(scriptError(`${SETUP}\nfix q all qeq/reaxff 1 0.0 10.0 1e-10 no-such-file.qeq`)).toMatch(/no-such-file/);
    expect(scriptError(`${SETUP}\nfix q all qeq/shielded 1 10.0 1e-6 param.qeq`)).toMatch(/expected 'Nevery cutoff tol maxiter QFILE\|reaxff/);
    expect(scriptError(`${SETUP}\nfix q all qeq/shielded 1 10.0 1e-6 200 param.qeq`)).toMatch(/param.qeq:1.*expected 'itype chi eta gamma zeta qcore' \(6 words\), found 4/);
    expect(scriptError(`units real\natom_style atomic\nregion b block 0 10 0 10 0 10\ncreate_box 2 b\npair_style zero 10.0\npair_coeff * *\nfix q all qeq/reaxff 1 0.0 10.0 1e-10 param.qeq`)).toMatch(/requires atom attribute q/);
  });
});
