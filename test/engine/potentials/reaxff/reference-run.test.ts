/**
 * `lmpv run` of the ReaxFF reference cases whose QEq tolerance is 1e-10 (pair reaxff + fix
 * qeq/reaxff + NVT), end to end: every thermo value of every printed step within 1e-7 relative of
 * LAMMPS's log.lammps, with a 1e-6 floor (the rule: the charges of one-element systems are
 * ~1e-14 e, so their Coulomb and polarisation terms are round-off in both codes).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REFERENCE } from '../../../helpers/paths.js';
import { Interpreter } from '../../../../src/engine/input/interpreter.js';
import { relErr } from '../../../../src/verify/compare.js';
import { thermoRows } from '../../helpers.js';


describe('lmpv run on ReaxFF reference cases with QEq tolerance 1e-10', () => {
  for (const name of ['reaxff-lina-gaissmaier', 'reaxff-li-600']) {
    const ref = join(REFERENCE, name);
    it.skipIf(!existsSync(join(ref, 'log.lammps')))(`${name}: whole-run thermo within 1e-7 (1e-6 floor) (skipped when ../shared/reference/${name} is absent)`, () => {
      const dir = mkdtempSync(join(tmpdir(), `lmpv-${name}-`));
      try {
        cpSync(ref, dir, { recursive: true });
        let screen = '';
        new Interpreter({ cwd: dir, log: null, screen: (t) => { screen += t; } }).runFile('in.lammps');
        const ours = thermoRows(screen);
        const lmp = thermoRows(readFileSync(join(ref, 'log.lammps'), 'utf8'));
        expect(ours.names).toEqual(lmp.names);
        expect(ours.rows.length).toBe(lmp.rows.length);
        expect(lmp.rows.length).toBeGreaterThan(5);
        let worst = 0, where = '';
        lmp.rows.forEach((row, s) => row.forEach((v, k) => {
          const a = ours.rows[s][k];
          const e = Math.abs(a - v) <= 1e-6 ? 0 : relErr(a, v);
          if (e > worst) { worst = e; where = `${lmp.names[k]} at step ${row[0]}: ours ${a} LAMMPS ${v}`; }
        }));
        expect(worst, `worst: ${where}`).toBeLessThan(1e-7);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
