/**
 * The temperature computes with a velocity bias (src/engine/computes/temp-partial.ts, temp-region.ts,
 * temp-ramp.ts, temp-deform.ts on temp-base.ts) and compute_modify: values by hand from the
 * velocities, dof rules of LAMMPS's compute_temp_*.cpp, bias removal that restores bit for bit, and
 * the errors a user can cause. Agreement with real LAMMPS over runs: fixtures/lammps/engine-temp-bias
 * and engine-deform (test/engine/lammps-parity.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../../src/engine/input/interpreter.js';
import { findTempCompute } from '../../../src/engine/computes/lookup.js';
import { runScriptText } from '../helpers.js';

const run = runScriptText;

const BASE = `units lj
lattice fcc 0.8442
region box block 0 3 0 3 0 3
create_box 1 box
create_atoms 1 box
mass 1 2.0
velocity all create 1.3 4928 loop geom
region slab block INF INF INF INF 0 1.5
`;

/** sum m (v_d^2 over the dims in `dims`) and the atom count, over atoms passing `keep`. */
function mvv(it: Interpreter, dims: number[], keep: (i: number) => boolean = () => true): { sum: number; n: number } {
  const s = it.e.sys;
  let sum = 0, n = 0;
  for (let i = 0; i < s.nlocal; i++) {
    if (!keep(i)) continue;
    n++;
    for (const d of dims) sum += s.mass[s.type[i]] * s.v[3 * i + d] ** 2;
  }
  return { sum, n };
}

describe('temperature computes with a bias', () => {
  it('temp/partial 1 1 0: T = sum m (vx^2 + vy^2) / (2N - 2); its KE tensor keeps only x, y', () => {
    const it = run(BASE + 'compute tp all temp/partial 1 1 0\n');
    const c = findTempCompute(it.e, 'tp', 'test');
    c.setup(it.e);
    const { sum, n } = mvv(it, [0, 1]);
    expect(c.dof).toBe(2 * n - 2);
    expect(c.scalar(it.e)).toBeCloseTo(sum / (2 * n - 2), 12);
    expect(c.vector(it.e, 3)).toBe(0);
    expect(c.vector(it.e, 5)).toBe(0);
  });

  it('removing then restoring a bias gives back the velocities (bit for bit where the bias is a zeroed part)', () => {
    const it = run(BASE + 'compute tp all temp/partial 0 1 1\ncompute tr all temp/region slab\ncompute tramp all temp/ramp vx 0 1 z 0 3\n');
    const e = it.e;
    const v0 = e.sys.v.slice();
    for (const id of ['tp', 'tr', 'tramp']) {
      const c = findTempCompute(e, id, 'test');
      c.removeBiasAll(e);
      c.restoreBiasAll(e);
      for (let i = 0; i < e.sys.nlocal; i++) {
        c.removeBias(e, i);
        c.restoreBias(e, i);
      }
      // temp/ramp subtracts and adds the ramp: (v - r) + r rounds, as in LAMMPS
      if (id === 'tramp') for (let k = 0; k < v0.length; k++) expect(e.sys.v[k]).toBeCloseTo(v0[k], 14);
      else expect(Array.from(e.sys.v)).toEqual(Array.from(v0));
    }
  });

  it('temp/partial removes the excluded components, temp/region the velocity of atoms outside', () => {
    const it = run(BASE + 'compute tp all temp/partial 0 1 1\ncompute tr all temp/region slab\n');
    const e = it.e;
    const tp = findTempCompute(e, 'tp', 'test');
    tp.removeBiasAll(e);
    for (let i = 0; i < e.sys.nlocal; i++) expect(e.sys.v[3 * i]).toBe(0);
    tp.restoreBiasAll(e);
    const tr = findTempCompute(e, 'tr', 'test');
    const slab = e.regions.get('slab')!;
    const inside = (i: number) => slab.match(e.sys.x[3 * i], e.sys.x[3 * i + 1], e.sys.x[3 * i + 2]);
    const { sum, n } = mvv(it, [0, 1, 2], inside);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(e.sys.nlocal);
    expect(tr.scalar(e)).toBeCloseTo(sum / (3 * n - 3), 12);
    expect(tr.dof).toBe(3 * n - 3);
    tr.removeBiasAll(e);
    for (let i = 0; i < e.sys.nlocal; i++) if (!inside(i)) expect([e.sys.v[3 * i], e.sys.v[3 * i + 1], e.sys.v[3 * i + 2]]).toEqual([0, 0, 0]);
  });

  it('temp/ramp: atoms moving exactly on the ramp have T = 0; temp/deform with a still box equals temp', () => {
    const it = run(BASE + 'velocity all set 0 0 0\nvelocity all ramp vx 0.0 2.0 z 0 3\ncompute tramp all temp/ramp vx 0.0 2.0 z 0 3\ncompute td all temp/deform\ncompute t all temp\n');
    const e = it.e;
    for (const c of e.computes.values()) c.setup?.(e);
    expect(findTempCompute(e, 'tramp', 'test').scalar(e)).toBe(0);
    expect(findTempCompute(e, 't', 'test').scalar(e)).toBeGreaterThan(0);
    const it2 = run(BASE + 'compute td all temp/deform\ncompute t all temp\n');
    const [td, t] = [findTempCompute(it2.e, 'td', 'test'), findTempCompute(it2.e, 't', 'test')];
    td.setup(it2.e);
    t.setup(it2.e);
    expect(td.scalar(it2.e)).toBe(t.scalar(it2.e));
  });

  it('compute_modify extra/dof and dynamic/dof change the dof LAMMPS uses', () => {
    const it = run(BASE + 'compute t all temp\ncompute_modify t extra/dof 10 dynamic/dof yes\n');
    const e = it.e;
    const c = findTempCompute(e, 't', 'test');
    c.setup(e);
    const n = e.sys.nlocal;
    expect(c.dof).toBe(3 * n - 10);
    expect(c.scalar(e)).toBeCloseTo(mvv(it, [0, 1, 2]).sum / (3 * n - 10), 12);
    // dynamic: dof recounted when the group changes
    it.runText('delete_atoms region slab\n', 'in.more');
    c.scalar(e);
    expect(c.dof).toBe(3 * e.sys.nlocal - 10);
  });

  it('errors name what was expected', () => {
    expect(() => run(BASE + 'compute tp all temp/partial 1 2 0\n')).toThrow('a flag must be 0 or 1');
    expect(() => run('dimension 2\n' + BASE.replace('fcc', 'sq').replace('0 3 0 3 0 3', '0 3 0 3 -0.5 0.5') + 'compute tp all temp/partial 1 1 1\n')).toThrow('cannot use vz for 2d');
    expect(() => run(BASE + 'compute tr all temp/region nowhere\n')).toThrow("region ID 'nowhere'");
    expect(() => run(BASE + 'compute t all temp\ncompute_modify t extra/dof\n')).toThrow('expected a value');
    expect(() => run(BASE + 'compute t all temp\ncompute_modify t dynamic/dof maybe\n')).toThrow("expected yes or no, found 'maybe'");
    expect(() => run(BASE + 'compute p all pe\ncompute_modify p extra/dof 1\n')).toThrow('takes no compute_modify keywords');
    expect(() => run(BASE + 'compute p all pe\nthermo_modify temp p\n')).toThrow("compute 'p' (pe) does not compute temperature");
    expect(() => run(BASE + 'velocity all create 1.0 1 temp nope\n')).toThrow("could not find temperature compute ID 'nope'");
    expect(() => run(BASE + 'velocity all ramp vq 0 1 z 0 1\n')).toThrow("expected vx, vy or vz, found 'vq'");
  });
});
