/**
 * fix addforce (src/engine/fixes/addforce.ts) against real LAMMPS (fixtures/lammps/engine-addforce,
 * written by Debian's lmp via scripts/make-engine-fixtures.sh), plus what the added force must do
 * to the momentum and the errors a user can cause.
 */
import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../../src/engine/input/interpreter.js';
import { thermoValue } from '../../../src/engine/thermo-values.js';
import { compareLogs, referenceLog, runFixture } from '../helpers.js';
import { runScriptText } from '../helpers.js';

const run = runScriptText;

const BASE = `units lj
lattice fcc 0.8442
region box block 0 4 0 4 0 4
create_box 1 box
create_atoms 1 box
mass 1 1.0
region low block INF INF INF INF INF 2
group lower region low
velocity all create 1.0 4928 loop geom
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0
fix 1 all nve
`;

describe('fix addforce', () => {
  it("engine-addforce: f_ID and f_ID[1..3] of both fixes match LAMMPS's log", () => {
    const r = runFixture('engine-addforce');
    expect(r.error, r.error?.message).toBeUndefined();
    const ref = referenceLog('engine-addforce');
    const cols = ['f_2', 'f_2[1]', 'f_2[2]', 'f_2[3]', 'f_3', 'f_3[1]', 'f_3[2]', 'f_3[3]'];
    expect(r.log.runs[0].columns).toEqual(expect.arrayContaining(cols));
    const c = compareLogs(r.log, ref, 0, 1e-10);
    expect(c.first.err, c.first.where).toBeLessThanOrEqual(1e-10);
    expect(c.all.err, c.all.where).toBeLessThanOrEqual(1e-8);
  });

  it('f_ID = -sum F.x over the atoms it acts on, f_ID[1..3] = their total force before (run 0, by hand)', () => {
    const it = run(BASE + 'fix 2 lower addforce 0.1 0.0 -0.05\nrun 0\n');
    const e = it.e;
    const s = e.sys;
    const bit = e.groupBit('lower');
    let energy = 0;
    const fsum = [0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      energy -= 0.1 * s.x[3 * i] - 0.05 * s.x[3 * i + 2];
      for (let d = 0; d < 3; d++) fsum[d] += s.f[3 * i + d];
    }
    const n = e.groupCount(bit);
    const before = [fsum[0] - n * 0.1, fsum[1], fsum[2] + n * 0.05];
    expect(thermoValue(e, 'f_2')).toEqual({ v: expect.closeTo(energy, 12), extensive: true });
    for (let d = 0; d < 3; d++) expect(thermoValue(e, `f_2[${d + 1}]`).v).toBeCloseTo(before[d], 12);
    expect(() => thermoValue(e, 'f_2[4]')).toThrow('fix 2 (addforce): index [4] out of range 1..3');
  });

  it('adds N_group * F * t to the total momentum (pair forces sum to zero)', () => {
    const it = run(BASE + 'fix 2 lower addforce 0.1 -0.2 0.0\nrun 50\n');
    const s = it.e.sys;
    const bit = it.e.groupBit('lower');
    const n = it.e.groupCount(bit);
    expect(n).toBeGreaterThan(0);
    let px = 0, py = 0, pz = 0;
    for (let i = 0; i < s.nlocal; i++) {
      px += s.v[3 * i] * s.mass[s.type[i]];
      py += s.v[3 * i + 1] * s.mass[s.type[i]];
      pz += s.v[3 * i + 2] * s.mass[s.type[i]];
    }
    const t = 50 * it.e.dt;
    expect(px).toBeCloseTo(n * 0.1 * t, 9);
    expect(py).toBeCloseTo(n * -0.2 * t, 9);
    expect(pz).toBeCloseTo(0, 9);
  });

  it.each([
    ['fix 2 all addforce 1.0 NULL 0.0', "fix addforce y force: expected a number, found 'NULL'"],
    ['fix 2 all addforce 0x1 0 0', "fix addforce x force: expected a number, found '0x1'"],
    ['fix 2 all addforce v_f 0 0', 'variable forces are not supported by lmpv'],
    ['fix 2 all addforce 1 0 0 every 0', 'fix addforce every: N must be > 0'],
    ['fix 2 all addforce 1 0 0 region nowhere', "region ID 'nowhere' for fix addforce does not exist"],
    ['fix 2 all addforce 1 0 0 bogus 1', "fix addforce: keyword 'bogus' is not understood"],
    ['fix 2 all addforce 1 0', 'fix addforce: expected fx fy fz'],
  ])('%s', (line, msg) => {
    expect(() => run(BASE + line + '\n')).toThrow(msg);
  });
});
