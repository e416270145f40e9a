/**
 * Tolerances that follow a case's own QEq tolerance (src/verify/reference.ts qeqTolerances): a
 * `fix qeq/reaxff ... TOL` or `fix qeq/shielded ... TOL` in in.lammps widens the defaults to what
 * that tolerance allows; verify.json and flags still override; and through `lmpv verify`'s
 * comparison, the reference cases at tol 1e-6 (../shared/reference) and their tight variants
 * (fixtures/lammps/reaxff-*-tight) pass.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { autoTimestepLogs, loadOutputSet, qeqTolerances, tolerancesFor } from '../../src/verify/reference.js';
import { DEFAULT_TOLERANCES } from '../../src/io/config.js';

const dirs: string[] = [];
function caseDir(input: string, verify?: object): string {
  const d = mkdtempSync(join(tmpdir(), 'lmpv-qeqtol-'));
  dirs.push(d);
  writeFileSync(join(d, 'in.lammps'), input);
  if (verify) writeFileSync(join(d, 'verify.json'), JSON.stringify(verify));
  return d;
}
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('qeqTolerances', () => {
  it('fix qeq/reaxff tol 1e-6: first row 1e-4, run 1e-3, forces 0.02, positions 1e-4, floor 1e-3 of the column', () => {
    const t = qeqTolerances(caseDir('units real\nfix 2 all qeq/reaxff 1 0.0 10.0 1.0e-6 reaxff # comment\nrun 10\n'));
    expect(t.tolFirst).toBeCloseTo(1e-4, 15);
    expect(t.tolRun).toBeCloseTo(1e-3, 15);
    expect(t.tolForce).toBeCloseTo(0.02, 15);
    expect(t.tolPos).toBeCloseTo(1e-4, 15);
    expect(t.floor).toBeCloseTo(1e-3, 15);
  });
  it('tol 1e-10 (continued line, old style name qeq/reax): never below the defaults', () => {
    const t = qeqTolerances(caseDir('fix q all qeq/reax 1 0.0 10.0 &\n  1e-10 param.qeq\n'));
    expect(t.tolFirst).toBeCloseTo(1e-8, 20);
    expect(t.tolRun).toBeCloseTo(DEFAULT_TOLERANCES.tolRun, 20);
    expect(t.tolForce).toBeCloseTo(2e-6, 20);
    expect(t.tolPos).toBe(DEFAULT_TOLERANCES.tolPos);
  });
  it('fix qeq/shielded takes its tol from the third argument', () => {
    expect(qeqTolerances(caseDir('fix q all qeq/shielded 1 10.0 1e-7 200 param.qeq\n')).tolFirst).toBeCloseTo(1e-5, 18);
  });
  it('nothing without a QEq fix, a commented one or a non-numeric tol', () => {
    expect(qeqTolerances(caseDir('pair_style reaxff NULL checkqeq no\n# fix q all qeq/reaxff 1 0 10 1e-6 reaxff\n'))).toEqual({});
    expect(qeqTolerances(caseDir('fix q all qeq/reaxff 1 0 10 ${tol} reaxff\n'))).toEqual({});
  });
  it('the timestep-sensitivity check of log.dt<dt> logs: max(1e-6, 1e3 tol)', () => {
    const set = (d: string) => ({ dir: d, logs: ['log.dt0.1', 'log.dt0.25'], dumps: [], settings: {} });
    const loose = caseDir('fix q all qeq/reaxff 1 0 10 1e-6 param.qeq\n');
    expect(autoTimestepLogs(set(loose), set(loose))!.tol).toBeCloseTo(1e-3, 15);
    const none = caseDir('pair_style reaxff NULL checkqeq no\n');
    expect(autoTimestepLogs(set(none), set(none))!.tol).toBe(1e-6);
  });
  it('tolerancesFor: verify.json and flags override the derived values', () => {
    const d = caseDir('fix q all qeq/reaxff 1 0 10 1e-6 reaxff\n', { tolRun: 5e-3 });
    const t = tolerancesFor(loadOutputSet(d), { tolForce: 0.5 });
    expect(t.tolFirst).toBeCloseTo(1e-4, 15);
    expect(t.tolRun).toBe(5e-3);
    expect(t.tolForce).toBe(0.5);
    expect(t.zero).toBe(DEFAULT_TOLERANCES.zero);
  });
});
