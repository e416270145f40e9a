/**
 * MEAM against what real LAMMPS (29Sep2021, MEAM package) wrote for the shared reference cases:
 * step-0 potential energy (log, %.15g), every step-0 force (dump, %.15g) and the pressure tensor
 * (kinetic part from the data file's velocities, virial by fdotr over owned + ghost atoms).
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REFERENCE } from '../../../helpers/paths.js';
import { evaluateCase, pressure, readDumpFrame0, readThermo } from './harness.js';
import { relErr } from '../../../../src/verify/compare.js';

const CASES: Array<{ name: string; data: string; lib: string; libEls: string[]; param: string | null; typeEls: string[]; skin: number }> = [
  { name: 'meam-li-bcc', data: 'data.li-bcc', lib: 'library.meam', libEls: ['Li'], param: null, typeEls: ['Li'], skin: 2.0 },
  { name: 'meam-li-liquid', data: 'data.li-liquid', lib: 'library.meam', libEls: ['Li'], param: null, typeEls: ['Li'], skin: 2.0 },
  { name: 'meam-sic', data: 'data.meam', lib: 'library.meam', libEls: ['Si', 'C'], param: 'SiC.meam', typeEls: ['Si', 'C'], skin: 0.3 },
];

const haveRef = existsSync(REFERENCE);

describe.skipIf(!haveRef && !process.env.CI)('MEAM vs LAMMPS step 0 (shared reference cases; skipped only when ../shared is absent)', () => {
  for (const c of CASES) {
    it(`${c.name}: pe within 1e-10 rel, forces within 1e-8 eV/A, pressure within 1e-8 rel`, () => {
      const dir = join(REFERENCE, c.name);
      const r = evaluateCase(dir, c.data, c.lib, c.libEls, c.param, c.typeEls, c.skin);
      const th = readThermo(join(dir, 'log.lammps'));
      expect(relErr(r.pe, th.PotEng[0])).toBeLessThan(1e-10);
      // per-atom energies add up to the total
      let se = 0;
      for (let i = 0; i < r.nlocal; i++) se += r.eatom[i];
      expect(relErr(se, r.pe)).toBeLessThan(1e-12);
      const d = readDumpFrame0(join(dir, 'dump.forces.lammpstrj'));
      expect(d.id.length).toBe(r.nlocal);
      const idx = new Map<number, number>();
      r.ids.forEach((id, i) => idx.set(id, i));
      let worst = 0, worstId = -1;
      for (let k = 0; k < d.id.length; k++) {
        const i = idx.get(d.id[k])!;
        for (const [m, col] of [[0, 'fx'], [1, 'fy'], [2, 'fz']] as const) {
          const e = Math.abs(r.f[3 * i + m] - d[col][k]);
          if (e > worst) { worst = e; worstId = d.id[k]; }
        }
      }
      expect(worst, `worst force error at atom id ${worstId}`).toBeLessThan(1e-8);
      const P = pressure(r);
      expect(relErr(P.press, th.Press[0])).toBeLessThan(1e-8);
      ['Pxx', 'Pyy', 'Pzz', 'Pxy', 'Pxz', 'Pyz'].forEach((k, m) => expect(relErr(P.p[m], th[k][0]), k).toBeLessThan(1e-8));
    });
  }
});
