/**
 * NeighborGrid.nearestCollect (branch-free collection within a guess, then nearest's insertion)
 * returns exactly what nearest returns with the same guess — the same slots in the same order,
 * ties included (perfect lattices are all ties) — whenever it finds k points, and never claims k
 * when nearest finds fewer.
 */
import { describe, expect, it } from 'vitest';
import { NeighborGrid } from '../../src/analysis/neighbors.js';
import { BCC_BASIS, FCC_BASIS, cubic, gas, hcp, orthoCell, perturb, triclinicCubic, type Config } from './lattices.js';

function compare(c: Config, radius: number, k: number, guesses: number[], cellsPerRadius = 1, xCells = 3): number {
  const g = new NeighborGrid(c.pos, c.n, c.cell, radius, cellsPerRadius, xCells);
  const s1 = new Int32Array(k), d1 = new Float64Array(k), s2 = new Int32Array(k), d2 = new Float64Array(k);
  const bs = new Int32Array(256), bd = new Float64Array(256);
  let full = 0;
  for (const guess2 of guesses) {
    for (let i = 0; i < c.n; i++) {
      const n1 = g.nearest(i, k, s1, d1, guess2);
      const n2 = g.nearestCollect(i, k, guess2, s2, d2, bs, bd, 256);
      if (n2 < 0) continue; // more than the buffer: the caller asks nearest
      if (n1 === k) {
        full++;
        expect(n2).toBe(k);
        expect([...s2]).toEqual([...s1]);
        expect([...d2]).toEqual([...d1]);
      } else expect(n2).toBeLessThan(k);
    }
  }
  return full;
}

describe('nearestCollect equals nearest', () => {
  const cases: Array<[string, Config, number]> = [
    ['perfect bcc (ties at every shell)', cubic(BCC_BASIS, 2.8665, 5, 5, 5), 4.2],
    ['perfect fcc (the 13th and 14th are 2 of 6 tied)', cubic(FCC_BASIS, 3.615, 4, 4, 4), 4.4],
    ['perfect hcp', hcp(3.21, 4, 3, 3), 4.8],
    ['noisy bcc', perturb(cubic(BCC_BASIS, 2.8665, 6, 6, 6), 0.1, 71), 4.0],
    ['noisy triclinic bcc, small box', perturb(triclinicCubic(BCC_BASIS, 3.0, 2, 1), 0.15, 72), 4.0],
    ['free noisy fcc block (open boundaries)', { ...perturb(cubic(FCC_BASIS, 3.615, 4, 4, 4), 0.1, 73), cell: orthoCell([14.5, 14.5, 14.5], false) }, 4.4],
    ['gas', gas(500, 25, 74), 6],
  ];
  for (const [name, c, r] of cases) {
    it(name, () => {
      const guesses = [2.6 ** 2, 3.0 ** 2, 3.5 ** 2, r * r, Infinity];
      const full = compare(c, r, 14, guesses) + compare(c, r, 12, guesses, 2, 5);
      expect(full).toBeGreaterThan(0);
    });
  }
});
