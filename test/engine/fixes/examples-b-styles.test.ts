/**
 * The styles LAMMPS's examples need (fix indent, aveforce, deposit, box/relax; region intersect /
 * union; pair_modify table; fix_modify energy): what each must do by construction and the errors a
 * user can cause (file, line, what was expected). Their agreement with real LAMMPS is checked by
 * the fixtures engine-indent, engine-aveforce, engine-deposit, engine-box-relax and engine-regions
 * (test/engine/lammps-parity.test.ts) and by test/engine/examples-b.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../../src/engine/input/interpreter.js';
import { thermoValue } from '../../../src/engine/thermo-values.js';
import { runScriptText } from '../helpers.js';

const run = runScriptText;

const BASE = `units lj
lattice fcc 0.8442
region box block 0 4 0 4 0 4
create_box 2 box
create_atoms 1 box
mass * 1.0
velocity all create 1.0 4928 loop geom
pair_style lj/cut 2.5
pair_coeff * * 1.0 1.0
fix 1 all nve
`;

describe('fix indent', () => {
  it('sphere: F = -K (r - R)^2 along r for atoms within R, E = K/3 (R - r)^3, f_ID[1..3] = -(sum of those forces)', () => {
    const it = run(BASE + 'fix 2 all indent 10.0 sphere 2.1 2.2 2.3 1.2 units lattice\nrun 0\n');
    const e = it.e, s = e.sys;
    const a = e.lattice!.xlattice;
    let E = 0;
    const F = [0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      const d = [0, 1, 2].map((k) => s.x[3 * i + k] - [2.1, 2.2, 2.3][k] * a);
      const r = Math.hypot(d[0], d[1], d[2]);
      const dr = r - 1.2 * a;
      if (dr >= 0) continue;
      E += (10 / 3) * -dr * dr * dr;
      for (let k = 0; k < 3; k++) F[k] += (d[k] * 10 * dr * dr) / r;
    }
    expect(E).toBeGreaterThan(0);
    expect(thermoValue(e, 'f_2').v).toBeCloseTo(E, 10);
    for (let k = 0; k < 3; k++) expect(thermoValue(e, `f_2[${k + 1}]`).v).toBeCloseTo(-F[k], 10);
    // the energy is not part of pe until fix_modify energy yes
    const pe = thermoValue(e, 'pe').v;
    it.runText('fix_modify 2 energy yes\nrun 0\n', 'in.test2');
    expect(thermoValue(e, 'pe').v).toBeCloseTo(pe + E, 10);
  });

  it.each([
    ['fix 2 all indent 10.0', 'fix indent: expected a geometry'],
    ['fix 2 all indent 10.0 sphere 1 1 1', 'fix indent: expected sphere R'],
    ['fix 2 all indent 10.0 cylinder w 1 1 2', "fix indent cylinder: expected x, y or z, found 'w'"],
    ['fix 2 all indent 10.0 plane z 1 up', "fix indent plane: expected lo or hi, found 'up'"],
    ['fix 2 all indent 10.0 sphere 1 1 1 2 side both', "fix indent side: expected in or out, found 'both'"],
    ['fix 2 all indent 10.0 sphere 1 1 1 2 wiggle 1', "fix indent: keyword 'wiggle' is not understood"],
    ['fix 2 all indent 10.0 sphere 1 1 1 2\nfix_modify 2 energy maybe', "fix_modify 2 energy: expected yes or no, found 'maybe'"],
  ])('%s', (line, msg) => {
    expect(() => run(BASE + line + '\n')).toThrow(msg);
  });

  it('names the file and line of the bad command', () => {
    expect(() => run(BASE + 'fix 2 all indent 10.0 plane q 1 lo\n')).toThrow(/in\.test:11/);
  });
});

describe('fix aveforce', () => {
  it('every group atom gets the group average force (+ the added value); NULL components are left alone', () => {
    const it = run(BASE + 'region low block INF INF INF INF INF 2\ngroup low region low\nfix 2 low aveforce 0.1 NULL 0.0\nrun 0\n');
    const e = it.e, s = e.sys, bit = e.groupBit('low');
    const fx: number[] = [], fy: number[] = [];
    for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) { fx.push(s.f[3 * i]); fy.push(s.f[3 * i + 1]); }
    expect(fx.length).toBeGreaterThan(1);
    const sumBefore = thermoValue(e, 'f_2[1]').v;
    for (const v of fx) expect(v).toBeCloseTo(sumBefore / fx.length + 0.1, 12);
    expect(new Set(fy).size).toBeGreaterThan(1); // y untouched: per-atom forces still differ
  });
  it.each([
    ['fix 2 all aveforce 0 0', 'fix aveforce: expected fx fy fz'],
    ['fix 2 all aveforce 0 0 0 region nowhere', "region ID 'nowhere' for fix aveforce does not exist"],
    ['fix 2 all aveforce 0 0 0 every 2', "fix aveforce: keyword 'every' is not understood"],
  ])('%s', (line, msg) => {
    expect(() => run(BASE + line + '\n')).toThrow(msg);
  });
});

describe('fix deposit', () => {
  const SLAB = 'region slab block 0 4 0 4 3 3.9\n';
  it('inserts N atoms M steps apart, inside the region, with ids after the largest', () => {
    const it = run(BASE.replace('create_atoms 1 box', 'region sub block INF INF INF INF INF 2\ncreate_atoms 1 region sub') + SLAB + 'fix 2 all deposit 3 2 10 4711 region slab near 0.5 vz -0.5 -0.5\nrun 45\n');
    const s = it.e.sys;
    const added = [...Array(s.nlocal).keys()].filter((i) => s.type[i] === 2);
    expect(added.length).toBe(3);
    const base = s.nlocal - 3;
    expect(added.map((i) => s.tag[i]).sort((a, b) => a - b)).toEqual([base + 1, base + 2, base + 3]);
  });
  it.each([
    ['fix 2 all deposit 3 2 10 4711', 'fix deposit: the region keyword is required'],
    ['fix 2 all deposit 3 5 10 4711 region box', 'fix deposit type: invalid atom type 5 (expected 1..2)'],
    ['fix 2 all deposit 3 2 10 0 region box', 'fix deposit: seed must be > 0'],
    ['fix 2 all deposit 3 2 10 4711 region box mol dimer', 'molecule deposition is not supported by lmpv'],
    ['region big block -1 5 0 4 0 4\nfix 2 all deposit 3 2 10 4711 region big', 'deposition region extends outside simulation box'],
    ['fix 2 all deposit 3 2 10 4711 region box near', "fix deposit near: expected 1 value(s)"],
  ])('%s', (line, msg) => {
    expect(() => run(BASE + line + '\n')).toThrow(msg);
  });
});

describe('fix box/relax', () => {
  it.each([
    ['fix 2 all box/relax tri 0.0', 'tilt relaxation is not supported by lmpv'],
    ['fix 2 all box/relax x 1.0 couple xy', 'coupled dimensions must both be relaxed'],
    ['fix 2 all box/relax x 1.0 y 2.0 couple xy', 'coupled targets differ'],
    ['fix 2 all box/relax iso 0.0 vmax', 'fix box/relax vmax: expected a value'],
    ['fix 2 all box/relax iso 0.0 dilate some', "fix box/relax dilate: expected all or partial, found 'some'"],
  ])('%s', (line, msg) => {
    expect(() => run(BASE + line + '\n')).toThrow(msg);
  });
  it('iso relaxation to P = 0 reaches the zero-pressure box of the crystal (virial pressure below ftol-level)', () => {
    const it = run(BASE.replace('velocity all create 1.0 4928 loop geom\n', '') + 'pair_modify shift yes\nunfix 1\nfix 2 all box/relax iso 0.0 vmax 1.0e-3\nminimize 0.0 1.0e-10 1000 10000\n');
    const e = it.e;
    const v = e.virial;
    const p = ((v[0] + v[1] + v[2]) / 3 / e.volume()) * e.sys.units.nktv2p;
    expect(Math.abs(p)).toBeLessThan(1e-8);
  });
});

describe('region intersect / union and pair_modify table', () => {
  it('intersect needs every sub-region, union any; side out inverts', () => {
    const it = run(BASE + 'region a sphere 2 2 2 1.0\nregion b block 0 2 INF INF INF INF\nregion i intersect 2 a b\nregion u union 2 a b\nregion n union 2 a b side out\n');
    const r = (id: string) => it.e.regions.get(id)!;
    const a = it.e.lattice!.xlattice;
    const pts: Array<[number, number, number]> = [[1.5 * a, 2 * a, 2 * a], [2.5 * a, 2 * a, 2 * a], [0.5 * a, 0.2 * a, 0.2 * a], [3.5 * a, 0.2 * a, 0.2 * a]];
    for (const [x, y, z] of pts) {
      const inA = r('a').match(x, y, z), inB = r('b').match(x, y, z);
      expect(r('i').match(x, y, z)).toBe(inA && inB);
      expect(r('u').match(x, y, z)).toBe(inA || inB);
      expect(r('n').match(x, y, z)).toBe(!(inA || inB));
    }
  });
  it.each([
    ['region i intersect 2 box nowhere', "region intersect: region ID 'nowhere' does not exist"],
    ['region i union 1 box', 'region union: expected a count N >= 2 of regions'],
    ['pair_modify table 40', 'pair_modify table: expected an integer number of bits 0..32'],
  ])('%s', (line, msg) => {
    expect(() => run(BASE + line + '\n')).toThrow(msg);
  });
});
