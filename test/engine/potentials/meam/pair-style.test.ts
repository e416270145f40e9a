/** pair_style meam / pair_coeff handling: file lookup, element mapping, NULL types, errors. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES } from '../../../helpers/paths.js';
import { meamFactory, PairMeam } from '../../../../src/engine/potentials/meam/index.js';
import { makeSimBox } from '../../../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts } from '../../../../src/engine/space/ghosts.js';
import { NeighborListBuffer, buildNeighborList } from '../../../../src/engine/neighbor/neighbor-list.js';
import { UsageError } from '../../../../src/io/errors.js';

const DIR = join(FIXTURES, 'meam-alloys');
const ctx = (ntypes: number) => ({ units: 'metal', ntypes, resolvePotentialFile: (n: string) => join(DIR, n), where: () => ({ file: 'in.test', line: 1 }) });

function energy(pot: PairMeam, x: Float64Array, type: Int32Array): { e: number; f: Float64Array } {
  const box = makeSimBox([0, 0, 0], [7.02, 7.02, 7.02], false, [0, 0, 0], [true, true, true]);
  const n = type.length;
  const g = buildGhosts(new GhostAtoms(), box, n, x, type, null, pot.cutoff + 1);
  const list = buildNeighborList(new NeighborListBuffer(), 'full', g, pot.cutoff + 1);
  const acc = { f: new Float64Array(3 * g.nall), energy: 0, virial: new Float64Array(6) };
  pot.compute(g, list, acc, { wantEatom: false });
  for (let q = g.nall - 1; q >= n; q--) for (let m = 0; m < 3; m++) acc.f[3 * g.src[q] + m] += acc.f[3 * q + m];
  return { e: acc.energy, f: acc.f.subarray(0, 3 * n) };
}

describe('pair_style meam', () => {
  it('reads library + NULL, sets cutoff and per-type masses from atwt', () => {
    const p = meamFactory.create([], ctx(2)) as PairMeam;
    p.coeff(['*', '*', 'library.meam', 'Li', 'Si', 'NULL', 'Si', 'Li']);
    p.init(2);
    expect(p.cutoff).toBe(4.0);
    expect(Array.from(p.typeMass!)).toEqual([28.086, 6.939]);
    expect(p.neighborKind).toBe('full');
  });

  it('a parameter file is found among the arguments (first existing file after the elements)', () => {
    const p = meamFactory.create([], ctx(2)) as PairMeam;
    p.coeff(['*', '*', 'library.meam', 'Si', 'C', 'SiC.meam', 'Si', 'C']);
    expect(p.params!.lattce[1]).toBe(4); // dia
    expect(p.params!.Ec[1]).toBe(6.4325);
  });

  it('atoms of NULL-mapped types do not interact (LAMMPS map[type] = -1)', () => {
    const with2 = meamFactory.create([], ctx(2)) as PairMeam;
    with2.coeff(['*', '*', 'library.meam', 'Li', 'NULL', 'Li', 'NULL']);
    const only = meamFactory.create([], ctx(1)) as PairMeam;
    only.coeff(['*', '*', 'library.meam', 'Li', 'NULL', 'Li']);
    const xs: number[] = [];
    for (let a = 0; a < 2; a++) for (let b = 0; b < 2; b++) for (let c = 0; c < 2; c++) {
      xs.push(a * 3.51 + 0.05 * a, b * 3.51 + 0.03 * c, c * 3.51, a * 3.51 + 1.755, b * 3.51 + 1.755 + 0.04 * a, c * 3.51 + 1.755);
    }
    const x = Float64Array.from(xs);
    const n = x.length / 3;
    const t2 = Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 2 : 1));
    const keep = [...Array(n).keys()].filter((i) => t2[i] === 1);
    const xk = Float64Array.from(keep.flatMap((i) => [x[3 * i], x[3 * i + 1], x[3 * i + 2]]));
    const a = energy(with2, x, t2);
    const b = energy(only, xk, new Int32Array(keep.length).fill(1));
    expect(Math.abs(a.e - b.e)).toBeLessThan(1e-12 * Math.abs(b.e));
    expect(b.e).toBeLessThan(0);
    keep.forEach((i, k) => { for (let m = 0; m < 3; m++) expect(Math.abs(a.f[3 * i + m] - b.f[3 * k + m])).toBeLessThan(1e-12); });
    for (let i = 0; i < n; i++) if (t2[i] === 2) for (let m = 0; m < 3; m++) expect(a.f[3 * i + m]).toBe(0);
  });

  it('errors: arguments, unknown element, type count, missing library', () => {
    expect(() => meamFactory.create(['x'], ctx(1))).toThrow(UsageError);
    const p = meamFactory.create([], ctx(1)) as PairMeam;
    expect(() => p.coeff(['1', '1', 'library.meam', 'Li', 'NULL', 'Li'])).toThrow(/\* \*/);
    expect(() => p.coeff(['*', '*', 'library.meam', 'Li', 'NULL', 'Li', 'Li'])).toThrow(/expected 1 element/);
    expect(() => p.coeff(['*', '*', 'library.meam', 'Li', 'NULL', 'Xx'])).toThrow(/Xx/);
    expect(() => p.coeff(['*', '*', 'nosuch.meam', 'Li', 'NULL', 'Li'])).toThrow(/nosuch\.meam/);
    expect(() => p.coeff(['*', '*', 'library.meam', 'Qq', 'NULL', 'Qq'])).toThrow(/Qq/);
    expect(() => (meamFactory.create([], ctx(1)) as PairMeam).init(1)).toThrow(/pair_coeff/);
  });
});
