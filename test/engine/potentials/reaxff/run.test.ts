/**
 * `lmpv run in.lammps` (the engine's interpreter) with pair_style reaxff and fixed charges
 * (`checkqeq no`, no fix qeq) on fixtures made by scripts/make-reaxff-run-fixtures.sh with real
 * LAMMPS: RDX (charges of a tight QEq in the data file), Li clusters in open boundaries for the
 * four Li force fields, fcc Li in a triclinic box, bcc Li in a 7 A box (bonds to own images), hcp
 * Li, a Li dimer and a Li4 tetrahedron, two unbonded O atoms with enobonds yes and no. Every thermo value of every step (step temp pe
 * ke etotal press c_reax[1..14]) within 1e-7 relative of log.lammps (absolute where LAMMPS printed
 * 0), and the force dumps at the first and last step within 1e-6 kcal/mol/A (pe/atom within 1e-6
 * kcal/mol where dumped).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from '../../../helpers/paths.js';
import { Interpreter } from '../../../../src/engine/input/interpreter.js';
import { relErr } from '../../../../src/verify/compare.js';
import { thermoRows } from '../../helpers.js';


function dumpFrames(text: string): Array<{ step: number; rows: Map<number, number[]>; cols: string[] }> {
  const L = text.split('\n');
  const out: Array<{ step: number; rows: Map<number, number[]>; cols: string[] }> = [];
  for (let i = 0; i < L.length; i++) {
    if (!L[i].startsWith('ITEM: TIMESTEP')) continue;
    const n = Number(L[i + 3]);
    const cols = L[i + 8].trim().split(/\s+/).slice(2);
    const rows = new Map<number, number[]>();
    for (let k = 0; k < n; k++) { const w = L[i + 9 + k].trim().split(/\s+/).map(Number); rows.set(w[0], w); }
    out.push({ step: Number(L[i + 1]), rows, cols });
    i += 8 + n;
  }
  return out;
}

const CASES: Array<{ name: string; steps: number }> = [
  { name: 'reaxff-rdx-fixedq', steps: 41 },
  { name: 'reaxff-li-cluster-linamg-gaissmaier2022', steps: 31 },
  { name: 'reaxff-li-cluster-lis-islam2015', steps: 31 },
  { name: 'reaxff-li-cluster-lisi-han2014', steps: 31 },
  { name: 'reaxff-li-cluster-li-aryanfar2015', steps: 31 },
  { name: 'reaxff-li-fcc-tri', steps: 21 },
  { name: 'reaxff-li-bcc-small', steps: 21 },
  { name: 'reaxff-li-hcp', steps: 21 },
  { name: 'reaxff-li2', steps: 21 },
  { name: 'reaxff-li4', steps: 21 },
  { name: 'reaxff-o2-nobond-enobonds-yes', steps: 11 },
  { name: 'reaxff-o2-nobond-enobonds-no', steps: 11 },
  { name: 'reaxff-cho-species', steps: 61 },
];

describe('lmpv run with pair_style reaxff (fixed charges) equals LAMMPS', () => {
  for (const c of CASES) {
    const ref = join(FIXTURES, c.name);
    it.skipIf(!existsSync(join(ref, 'log.lammps')))(`${c.name}: ${c.steps - 1}-step thermo within 1e-7, forces within 1e-6 (skipped when the fixture is absent)`, () => {
      const dir = mkdtempSync(join(tmpdir(), `lmpv-${c.name}-`));
      try {
        cpSync(ref, dir, { recursive: true });
        rmSync(join(dir, 'dump.forces.lammpstrj'));
        let screen = '';
        const interp = new Interpreter({ cwd: dir, log: null, screen: (t) => { screen += t; } });
        interp.runFile('in.lammps');
        const ours = thermoRows(screen);
        const lmp = thermoRows(readFileSync(join(ref, 'log.lammps'), 'utf8'));
        expect(ours.names).toEqual(lmp.names);
        expect(lmp.rows.length).toBe(c.steps);
        expect(ours.rows.length).toBe(lmp.rows.length);
        let worst = 0, where = '';
        lmp.rows.forEach((row, s) => row.forEach((v, k) => {
          const e = relErr(ours.rows[s][k], v);
          if (e > worst) { worst = e; where = `${lmp.names[k]} at step ${row[0]}: ours ${ours.rows[s][k]} LAMMPS ${v}`; }
        }));
        expect(worst, `worst: ${where}`).toBeLessThan(1e-7);
        const a = dumpFrames(readFileSync(join(dir, 'dump.forces.lammpstrj'), 'utf8'));
        const b = dumpFrames(readFileSync(join(ref, 'dump.forces.lammpstrj'), 'utf8'));
        expect(a.map((f) => f.step)).toEqual(b.map((f) => f.step));
        let fw = 0;
        b.forEach((fr, k) => {
          const fx = fr.cols.indexOf('fx');
          for (const [id, row] of fr.rows) for (let d = 0; d < 3; d++) fw = Math.max(fw, Math.abs(a[k].rows.get(id)![fx + d] - row[fx + d]));
        });
        expect(fw, 'largest force difference [kcal/mol/A]').toBeLessThan(1e-6);
        // per-atom energy (compute pe/atom) where the fixture dumps it
        const pe = b[0].cols.indexOf('c_pe');
        if (pe >= 0) {
          let pw = 0;
          b.forEach((fr, k) => { for (const [id, row] of fr.rows) pw = Math.max(pw, Math.abs(a[k].rows.get(id)![pe] - row[pe])); });
          expect(pw, 'largest pe/atom difference [kcal/mol]').toBeLessThan(1e-6);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
