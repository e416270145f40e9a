import { describe, expect, it } from 'vitest';
import { NearestFinder, NeighborGrid, cellWidths, framePositions } from '../../src/analysis/neighbors.js';
import { BCC_BASIS, cubic, gas, orthoCell, perturb, toFrame, triclinicCubic, type Config } from './lattices.js';
import { bruteNeighbors } from './brute.js';

/** k nearest via the finder, as sorted squared distances. */
function finderD2(c: Config, k: number, i: number, f: NearestFinder): number[] {
  const d = new Float64Array(3 * k), d2 = new Float64Array(k), s = new Int32Array(k);
  const n = f.query(i, d, d2, s);
  for (let j = 0; j < n; j++) expect(d[3 * j] ** 2 + d[3 * j + 1] ** 2 + d[3 * j + 2] ** 2).toBeCloseTo(d2[j], 9);
  return [...d2.subarray(0, n)];
}

describe('NearestFinder equals brute force over images', () => {
  // [name, config, periodic images needed by the brute force]
  const cases: Array<[string, Config, number]> = [
    ['noisy bcc 3x3x3', perturb(cubic(BCC_BASIS, 2.87, 3, 3, 3), 0.1, 1), 1],
    ['noisy bcc 1x1x1 (box < neighbour shell)', perturb(cubic(BCC_BASIS, 2.87, 1, 1, 1), 0.1, 2), 3],
    ['noisy triclinic bcc', perturb(triclinicCubic(BCC_BASIS, 3.0, 3, 1), 0.1, 3), 2],
    ['gas (wider grids needed)', gas(60, 12, 4), 1],
    ['open-boundary block', { ...perturb(cubic(BCC_BASIS, 2.87, 3, 3, 3), 0.1, 5), cell: orthoCell([8.61, 8.61, 8.61], false) }, 0],
    ['open z only', { ...perturb(cubic(BCC_BASIS, 2.87, 3, 3, 3), 0.1, 6), cell: orthoCell([8.61, 8.61, 8.61], [true, true, false]) }, 1],
  ];
  for (const [name, c, images] of cases) {
    it(name, () => {
      const f = new NearestFinder(c.pos, c.n, c.cell, 14);
      for (let i = 0; i < c.n; i++) {
        const ref = bruteNeighbors(c.pos, c.n, c.cell, i, 1e9, images).slice(0, 14).map((x) => x.r2);
        const got = finderD2(c, 14, i, f);
        expect(got.length).toBe(ref.length);
        for (let j = 0; j < ref.length; j++) expect(got[j]).toBeCloseTo(ref[j], 9);
      }
    });
  }
  it('a crystal cluster in a large box with a thin vapour: radius from the crystal, vapour atoms widened', () => {
    // 10x10x10 bcc block (2000 atoms) in a 100 A periodic box plus 100 vapour atoms: the mean
    // density would give a first radius of ~16 A
    const block = perturb(cubic(BCC_BASIS, 2.87, 10, 10, 10), 0.05, 9);
    const vap = gas(100, 100, 10);
    const n = block.n + vap.n;
    const pos = new Float64Array(3 * n);
    for (let i = 0; i < 3 * block.n; i++) pos[i] = block.pos[i] + 30;
    pos.set(vap.pos, 3 * block.n);
    const c: Config = { pos, n, cell: orthoCell([100, 100, 100]) };
    const f = new NearestFinder(c.pos, c.n, c.cell, 14);
    expect(f.grid.radius).toBeLessThan(2.5 * 2.87);
    for (let i = 0; i < c.n; i += i < block.n ? 37 : 1) {
      // vapour: ~100 atoms per 10^6 A^3, 14 neighbours within ~33 A
      const ref = bruteNeighbors(c.pos, c.n, c.cell, i, 45, 1).slice(0, 14).map((x) => x.r2);
      expect(ref).toHaveLength(14);
      const got = finderD2(c, 14, i, f);
      for (let j = 0; j < 14; j++) expect(got[j]).toBeCloseTo(ref[j], 9);
    }
    // the vapour atoms far from the block needed wider grids
    expect(f.widened).toBeGreaterThan(20);
  });
  it('takes the nearest image of itself in a one-atom box', () => {
    const c: Config = { pos: Float64Array.of(0.3, 0.2, 0.1), n: 1, cell: orthoCell([2, 3, 4]) };
    const got = finderD2(c, 14, 0, new NearestFinder(c.pos, 1, c.cell, 14));
    [4, 4, 9, 9, 13, 13].forEach((v, j) => expect(got[j]).toBeCloseTo(v, 12));
  });
  it('returns every atom of a small open system, no more', () => {
    const c: Config = { pos: Float64Array.of(0, 0, 0, 1, 0, 0, 0, 2, 0), n: 3, cell: orthoCell([1, 1, 1], false) };
    expect(finderD2(c, 14, 0, new NearestFinder(c.pos, 3, c.cell, 14))).toEqual([1, 4]);
  });
});

describe('NeighborGrid.within equals brute force (strict cutoff)', () => {
  it('counts and identities on a noisy triclinic crystal and a gas', () => {
    for (const c of [perturb(triclinicCubic(BCC_BASIS, 3.0, 2, -1), 0.15, 7), gas(200, 10, 8)]) {
      const rc = 3.3;
      const g = new NeighborGrid(c.pos, c.n, c.cell, rc);
      const slots = new Int32Array(256);
      for (let i = 0; i < c.n; i++) {
        const ref = bruteNeighbors(c.pos, c.n, c.cell, i, rc, 3).filter((x) => x.r2 < rc * rc);
        const n = g.within(i, rc * rc, slots, 256);
        expect(n).toBe(ref.length);
        const got = [...slots.subarray(0, n)].map((s) => g.atom[s]).sort((a, b) => a - b);
        expect(got).toEqual(ref.map((x) => x.j).sort((a, b) => a - b));
      }
    }
  });
});

describe('cell geometry and positions', () => {
  it('perpendicular widths of a tilted cell', () => {
    const w = cellWidths({ origin: [0, 0, 0], lx: 2, ly: 3, lz: 4, xy: 1, xz: 0, yz: 0, periodic: [true, true, true] });
    // a=(2,0,0), b=(1,3,0): width along x = area/|b| = 6/sqrt(10)
    expect(w[0]).toBeCloseTo(6 / Math.sqrt(10), 14);
    expect(w[1]).toBeCloseTo(3, 14);
    expect(w[2]).toBeCloseTo(4, 14);
  });
  it('reads scaled coordinates through the triclinic box', () => {
    const f = toFrame(triclinicCubic(BCC_BASIS, 3.0, 2, 1));
    const x = framePositions(f);
    const xs = new Float64Array(f.natoms), ys = new Float64Array(f.natoms), zs = new Float64Array(f.natoms);
    for (let i = 0; i < f.natoms; i++) {
      zs[i] = x[3 * i + 2] / 6;
      ys[i] = (x[3 * i + 1] - 3 * zs[i]) / 6;
      xs[i] = (x[3 * i] - 3 * ys[i] - 3 * zs[i]) / 6;
    }
    const g = framePositions({ ...f, columns: new Map([['xs', xs], ['ys', ys], ['zs', zs]]) });
    for (let i = 0; i < x.length; i++) expect(g[i]).toBeCloseTo(x[i], 12);
    expect(() => framePositions({ ...f, columns: new Map([['xs', xs]]) })).toThrow(/no complete position columns/);
  });
});
