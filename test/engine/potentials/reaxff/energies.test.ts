/**
 * The nine bonded ReaxFF energies (eb ea elp ev epen ecoa ehb et eco = c_reax[1,2,3,5..10]) at
 * step 0 of each LAMMPS reference case, from the positions and charges of its dump, equal to the
 * values LAMMPS printed (%.15g) within 1e-10 relative (absolute where LAMMPS printed 0).
 * fixtures/lammps/reaxff-rdx is a copy made by scripts/make-reaxff-fixtures.sh (runs without ../shared).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { caseSetup, readFrame, readThermo, atomsAndList, REF, FIX } from './bonded-harness.js';
import { ReaxffWork, reaxffBonded, type ReaxffBondedEnergies } from '../../../../src/engine/potentials/reaxff/bonded.js';

const TERMS: [keyof ReaxffBondedEnergies, number][] = [
  ['eb', 1], ['ea', 2], ['elp', 3], ['ev', 5], ['epen', 6], ['ecoa', 7], ['ehb', 8], ['et', 9], ['eco', 10],
];

function relErr(a: number, b: number): number {
  const m = Math.min(Math.abs(a), Math.abs(b));
  return m === 0 ? Math.abs(a - b) : Math.abs(a - b) / m;
}

export function bondedAtStep0(dir: string, dump = 'dump.forces.lammpstrj') {
  const s = caseSetup(dir);
  const fr = readFrame(join(dir, dump));
  const cutoff = Math.max(s.cut.nonbCut, s.cut.hbondCut, s.cut.bondCut) + s.skin;
  const { g, list } = atomsAndList(fr.box, fr.x, fr.type, fr.q, fr.id, cutoff);
  const w = new ReaxffWork();
  const e = reaxffBonded(w, s.params, s.typeMap, g, list, s.cut, { enobonds: true });
  return { e, w };
}

function check(dir: string, dump = 'dump.forces.lammpstrj', log = 'log.lammps'): void {
  const { e, w } = bondedAtStep0(dir, dump);
  const th = readThermo(join(dir, log));
  expect(w.nb).toBeGreaterThan(0);
  let nonzero = 0;
  for (const [name, col] of TERMS) {
    const ref = th[`c_reax[${col}]`];
    expect(ref, `log column c_reax[${col}]`).toBeTypeOf('number');
    if (ref !== 0) nonzero++;
    expect(relErr(e[name], ref), `${name}: ours ${e[name]} LAMMPS ${ref}`).toBeLessThan(1e-10);
  }
  expect(nonzero).toBeGreaterThanOrEqual(2);
}

describe('ReaxFF bonded energies at step 0 equal LAMMPS c_reax[i]', () => {
  it('reaxff-rdx (fixture copy)', () => check(join(FIX, 'reaxff-rdx')));
  for (const name of ['reaxff-rdx', 'reaxff-tatb', 'reaxff-cho', 'reaxff-auo', 'reaxff-li-600', 'reaxff-li-bcc', 'reaxff-lina-gaissmaier']) {
    const dir = join(REF, name);
    it.skipIf(!existsSync(join(dir, 'log.lammps')))(`${name} (skipped when ../shared/reference/${name} is absent)`, () => check(dir));
  }
  const ts = join(REF, 'timestep');
  for (const dt of ['0.1', '0.25', '0.5']) {
    it.skipIf(!existsSync(join(ts, `log.dt${dt}`)))(`timestep dt ${dt} (skipped when ../shared/reference/timestep is absent)`, () =>
      check(ts, `dump.forces.dt${dt}.lammpstrj`, `log.dt${dt}`));
  }
});
