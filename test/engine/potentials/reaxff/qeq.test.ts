/**
 * fix qeq/reaxff's solver against real LAMMPS (29Sep2021, REAXFF): fixtures/lammps/reaxff-qeq/*
 * (scripts/make-reaxff-fixtures.sh) dump x y z q at every step of a 5-step run with %.17g and print
 * the fix's scalar (matvecs/2). Feeding the solver the positions of each step in turn (its history
 * carried over, as the fix does) must give LAMMPS's charges and iteration counts at every step:
 * the warm start extrapolation, CG and convergence test are LAMMPS's. Also: step-0 charges of the
 * shared reference cases' dumps.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { QeqHistory, qeqReaxff, type QeqTypeParams } from '../../../../src/engine/potentials/reaxff/qeq.js';
import { qeqFromFfield, readQeqParamFile } from '../../../../src/io/reaxff-control.js';
import { FIX, REF, fixWords, ghostsAndList, haveRef, loadReaxCase, type ReaxCase } from './harness.js';

interface Frame { step: number; x: Float64Array; q: Float64Array }

function readFrames(path: string): Frame[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const out: Frame[] = [];
  for (let k = 0; k < lines.length && lines[k].startsWith('ITEM: TIMESTEP'); ) {
    const step = Number(lines[k + 1]);
    const n = Number(lines[k + 3]);
    const cols = lines[k + 8].replace('ITEM: ATOMS', '').trim().split(/\s+/);
    const c = (nm: string) => cols.indexOf(nm);
    const x = new Float64Array(3 * n), q = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const w = lines[k + 9 + i].trim().split(/\s+/).map(Number);
      x[3 * i] = w[c('x')]; x[3 * i + 1] = w[c('y')]; x[3 * i + 2] = w[c('z')];
      q[i] = w[c('q')];
    }
    out.push({ step, x, q });
    k += 9 + n;
  }
  return out;
}

function thermoColumn(log: string, name: string): number[] {
  const lines = readFileSync(log, 'utf8').split('\n');
  const h = lines.findIndex((l) => /^\s*Step\s/.test(l));
  const names = lines[h].trim().split(/\s+/);
  const col = names.indexOf(name);
  const out: number[] = [];
  for (let k = h + 1; k < lines.length; k++) {
    if (lines[k].startsWith('WARNING')) continue;
    const w = lines[k].trim().split(/\s+/);
    if (w.length !== names.length || !/^\d+$/.test(w[0])) break;
    out.push(Number(w[col]));
  }
  return out;
}

/** fix qeq/reaxff arguments of a case: settings and per-type parameters. */
function qeqSetup(c: ReaxCase) {
  const a = c.qeqArgs;
  const maxi = a.indexOf('maxiter');
  const settings = { swa: Number(a[1]), swb: Number(a[2]), tolerance: Number(a[3]), maxiter: maxi >= 0 ? Number(a[maxi + 1]) : 200 };
  const params: QeqTypeParams = a[4] === 'reaxff' ? qeqFromFfield(c.ff, c.typeEls) : readQeqParamFile(join(c.dir, a[4]), c.typeEls.length);
  return { settings, params };
}

function solveAt(c: ReaxCase, x: Float64Array, hist: QeqHistory, setup: ReturnType<typeof qeqSetup>) {
  const q = new Float64Array(c.n);
  const { g, list } = ghostsAndList(c, x, q, c.params.swb + c.skin);
  const r = qeqReaxff(q, g, list, setup.params, setup.settings, hist);
  return { q, r };
}

/**
 * qtol: allowed max |q - q_LAMMPS| [e]; iter: allowed |matvecs - LAMMPS's|. With tol 1e-10 (and
 * with a maxiter cap) the arithmetic is LAMMPS's: charges agree to ~1e-12 e and the counts
 * exactly. With tol 1e-6 the rdx and CHO systems need more CG steps than unknowns, so the stopped
 * iterate depends on the summation order of H x (reversing our neighbour order alone moves rdx's
 * charges by 1.4e-6 e and the count by 1/2); there the bound is what the stated tolerance allows:
 * 100 tol (both are ~2e-5 e from the exact solution) and two iterations (the warm starts of later
 * steps inherit the difference: CHO takes 31 where LAMMPS takes 33 at step 2).
 */
const QEQ_CASES: Array<{ name: string; qtol: number; iter: number }> = [
  { name: 'rdx', qtol: 1e-4, iter: 2 },
  { name: 'rdx-tol1e-10', qtol: 1e-9, iter: 0 },
  { name: 'cho-paramfile', qtol: 1e-4, iter: 2 },
  { name: 'lina', qtol: 1e-9, iter: 0 },
  { name: 'lina-maxiter', qtol: 1e-9, iter: 0 },
];

describe('qeq/reaxff solver step by step vs LAMMPS (fixtures/lammps/reaxff-qeq)', () => {
  for (const { name, qtol, iter } of QEQ_CASES) {
    it(`${name}: charges within ${qtol} e and iteration counts within ${iter} of LAMMPS's at steps 0..5`, () => {
      const dir = join(FIX, 'reaxff-qeq', name);
      const c = loadReaxCase(dir, 'log.lammps', 'dump.q.lammpstrj');
      const setup = qeqSetup(c);
      const frames = readFrames(join(dir, 'dump.q.lammpstrj'));
      const matvecs = thermoColumn(join(dir, 'log.lammps'), 'f_qeq');
      expect(frames.length).toBe(6);
      const hist = new QeqHistory(c.n);
      for (let k = 0; k < frames.length; k++) {
        const x = frames[k].x.slice();
        const { q, r } = solveAt(c, x, hist, setup);
        let worst = 0;
        for (let i = 0; i < c.n; i++) worst = Math.max(worst, Math.abs(q[i] - frames[k].q[i]));
        if (process.env.QEQ_DEBUG) console.log(name, k, r, matvecs[k], worst);
        expect(worst, `${name} step ${k}: max |dq|`).toBeLessThan(qtol);
        expect(Math.abs(r.matvecs - matvecs[k]), `${name} step ${k}: (iter s + iter t)/2 ${r.matvecs} vs LAMMPS ${matvecs[k]}`).toBeLessThanOrEqual(iter);
        let sum = 0;
        for (let i = 0; i < c.n; i++) sum += q[i];
        expect(Math.abs(sum)).toBeLessThan(1e-10);
      }
    });
  }
});

describe.skipIf(!haveRef && !process.env.CI)('qeq/reaxff step-0 charges of the shared reference cases (skipped only when ../shared is absent)', () => {
  for (const name of ['reaxff-rdx', 'reaxff-cho', 'reaxff-auo', 'reaxff-tatb', 'reaxff-li-600', 'reaxff-li-bcc', 'reaxff-lina-gaissmaier']) {
    it(`${name}: step-0 charges (dump q, %.15g) within 1e-7 e where tol <= 1e-10, else 100 tol`, () => {
      const c = loadReaxCase(join(REF, name));
      const setup = qeqSetup(c);
      const { q } = solveAt(c, c.x, new QeqHistory(c.n), setup);
      const tol = setup.settings.tolerance <= 1e-10 ? 1e-7 : 100 * setup.settings.tolerance;
      let worst = 0;
      for (let i = 0; i < c.n; i++) worst = Math.max(worst, Math.abs(q[i] - c.q[i]));
      expect(worst).toBeLessThan(tol);
    });
  }
});

describe('qeq/reaxff input handling', () => {
  it('fixWords finds the fix arguments', () => {
    expect(fixWords('fix 2 all qeq/reaxff 1 0.0 10.0 1e-6 param.qeq\n', 'qeq/reaxff')).toEqual(['1', '0.0', '10.0', '1e-6', 'param.qeq']);
    expect(existsSync(join(FIX, 'reaxff-qeq', 'cho-paramfile', 'param.qeq'))).toBe(true);
  });
});
