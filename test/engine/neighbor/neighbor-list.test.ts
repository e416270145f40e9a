import { describe, expect, it } from 'vitest';
import { makeSimBox, lamda2x, type SimBox } from '../../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts } from '../../../src/engine/space/ghosts.js';
import { NeighborListBuffer, buildNeighborList, bruteForceNeighborList } from '../../../src/engine/neighbor/neighbor-list.js';
import { NeighborRebuildPolicy } from '../../../src/engine/neighbor/rebuild-policy.js';
import type { NeighborList } from '../../../src/engine/potentials/types.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

function sortedRows(l: NeighborList): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < l.inum; i++) rows.push(Array.from(l.neighbors.subarray(l.offsets[i], l.offsets[i + 1])).sort((a, b) => a - b));
  return rows;
}

function setup(box: SimBox, n: number, cut: number, seed: number): GhostAtoms {
  const r = rng(seed);
  const l = new Float64Array(3 * n).map(() => r());
  const x = lamda2x(new Float64Array(3 * n), box, l, n);
  return buildGhosts(new GhostAtoms(), box, n, x, new Int32Array(n).fill(1), null, cut);
}

const BOXES: Array<[string, SimBox, number, number]> = [
  ['orthogonal', makeSimBox([0, 0, 0], [12, 10, 11], false, [0, 0, 0], [true, true, true]), 300, 4.5],
  ['triclinic', makeSimBox([1, -2, 0], [10, 8, 9], true, [3, -2, 1.5], [true, true, true]), 200, 4.0],
  ['small box, cut > L', makeSimBox([0, 0, 0], [2.5, 3, 2.2], false, [0, 0, 0], [true, true, true]), 5, 5.5],
  ['open cluster', makeSimBox([0, 0, 0], [9, 9, 9], false, [0, 0, 0], [false, false, false]), 120, 3.2],
];

describe('buildNeighborList', () => {
  for (const [name, box, n, cut] of BOXES) {
    it(`full and half cell lists equal brute force: ${name}`, () => {
      const g = setup(box, n, cut, n);
      const full = buildNeighborList(new NeighborListBuffer(8), 'full', g, cut);
      expect(full.overflow).toBe(true); // capacity 8 was too small: grown and rebuilt
      expect(sortedRows(full)).toEqual(sortedRows(bruteForceNeighborList('full', g, cut)));
      const half = buildNeighborList(new NeighborListBuffer(), 'half', g, cut);
      expect(sortedRows(half)).toEqual(sortedRows(bruteForceNeighborList('half', g, cut)));
      // half list: every owned-owned pair once, and every pair of the full list appears once
      // (as i-j, or as the owner of j with the image of i)
      const key = (i: number, j: number): string => {
        let a = g.owner[i], b = g.owner[j];
        let d = [0, 1, 2].map((k) => Math.round((g.x[3 * j + k] - g.x[3 * i + k]) * 1e6) + 0);
        const neg = d.map((v) => -v + 0);
        const flip = a > b || (a === b && (neg[0] < d[0] || (neg[0] === d[0] && (neg[1] < d[1] || (neg[1] === d[1] && neg[2] < d[2])))));
        if (flip) { [a, b] = [b, a]; d = neg; }
        return `${a}:${b}:${d.join(',')}`;
      };
      const fromFull = new Set<string>();
      for (let i = 0; i < full.inum; i++) for (let p = full.offsets[i]; p < full.offsets[i + 1]; p++) fromFull.add(key(i, full.neighbors[p]));
      const fromHalf: string[] = [];
      for (let i = 0; i < half.inum; i++) for (let p = half.offsets[i]; p < half.offsets[i + 1]; p++) fromHalf.push(key(i, half.neighbors[p]));
      expect(new Set(fromHalf).size).toBe(fromHalf.length);
      expect(new Set(fromHalf)).toEqual(fromFull);
      expect(full.size).toBeGreaterThan(0);
    });
  }
});

/**
 * Atoms in shared planes of a triclinic box (TATB-like layers: a few z planes, each holding many
 * atoms; rows of equal y within them), with Cartesian positions that are NOT the lamda round trip
 * of themselves, so ghosts made through lamda coordinates differ from owner + shift in the last bits.
 */
function layered(box: SimBox, seed: number): { x: Float64Array; n: number } {
  const r = rng(seed);
  const pts: number[] = [];
  const zs = [0.1, 0.35, 0.6, 0.85];
  for (const lc of zs) {
    for (let row = 0; row < 4; row++) {
      const lb = (row + 0.5 * r()) / 4;
      for (let k = 0; k < 5; k++) pts.push((k + r()) / 5, lb, lc);
    }
  }
  const n = pts.length / 3;
  const x = lamda2x(new Float64Array(3 * n), box, Float64Array.from(pts), n);
  // same z within a plane and the same y within a row, exactly (as read from a data file)
  for (let i = 0; i < n; i++) {
    x[3 * i + 2] = Number(x[3 * i + 2].toPrecision(6));
    x[3 * i + 1] = Number(x[3 * i + 1].toPrecision(6));
  }
  return { x, n };
}

describe('half list on triclinic boxes with atoms in shared planes (ghosts through lamda carry round-off)', () => {
  const boxes: Array<[string, SimBox, number]> = [
    ['TATB-like tilt', makeSimBox([0, 0, 0], [9.01, 9.028, 6.812], true, [-1.1, 0.76, 2.3], [true, true, true]), 4.2],
    ['cut > half the box', makeSimBox([-1, 2, 0.5], [6, 8.5, 5.5], true, [2.1, -1.3, 0.9], [true, true, true]), 4.8],
  ];
  for (const [name, box, cut] of boxes) {
    it(`each pair of the full list exactly once in the half list: ${name}`, () => {
      const { x, n } = layered(box, 7);
      const g = buildGhosts(new GhostAtoms(), box, n, x, new Int32Array(n).fill(1), null, cut);
      // the round-off this guards against is there: some in-plane ghost has z != its owner's z
      let offPlane = 0;
      for (let j = g.nlocal; j < g.nall; j++) if (g.image[3 * j + 2] === 0 && g.x[3 * j + 2] !== g.x[3 * g.owner[j] + 2]) offPlane++;
      expect(offPlane).toBeGreaterThan(0);
      // a pair is (owner a, owner b, integer image of b relative to a), canonical up to a swap
      const key = (i: number, j: number): string => {
        let a = i, b = g.owner[j];
        let s = [0, 1, 2].map((k) => g.image[3 * j + k] + 0);
        const neg = s.map((v) => -v + 0);
        if (a > b || (a === b && (neg[2] > s[2] || (neg[2] === s[2] && (neg[1] > s[1] || (neg[1] === s[1] && neg[0] > s[0])))))) { [a, b] = [b, a]; s = neg; }
        return `${a}:${b}:${s.join(',')}`;
      };
      const full = buildNeighborList(new NeighborListBuffer(), 'full', g, cut);
      const fromFull = new Map<string, number>();
      for (let i = 0; i < full.inum; i++) for (let p = full.offsets[i]; p < full.offsets[i + 1]; p++) {
        const k = key(i, full.neighbors[p]);
        fromFull.set(k, (fromFull.get(k) ?? 0) + 1);
      }
      for (const c of fromFull.values()) expect(c).toBe(2); // the full list has each pair from both ends
      for (const half of [buildNeighborList(new NeighborListBuffer(), 'half', g, cut), bruteForceNeighborList('half', g, cut)]) {
        const fromHalf: string[] = [];
        for (let i = 0; i < half.inum; i++) for (let p = half.offsets[i]; p < half.offsets[i + 1]; p++) fromHalf.push(key(i, half.neighbors[p]));
        expect(fromHalf.length).toBe(full.offsets[full.inum] / 2);
        expect(new Set(fromHalf).size).toBe(fromHalf.length);
        expect(new Set(fromHalf)).toEqual(new Set(fromFull.keys()));
      }
    });
  }
});

describe('NeighborRebuildPolicy', () => {
  it('follows neigh_modify every/delay/check', () => {
    const x = new Float64Array([0, 0, 0, 1, 1, 1]);
    const p = new NeighborRebuildPolicy(2.0, { every: 2, delay: 3, check: true });
    p.built(x, 2);
    const moved = x.slice();
    moved[0] = 1.0001; // > skin/2 = 1
    const seq = [1, 2, 3, 4, 5].map(() => p.decide(moved, 2));
    // ago 1,2: before delay; ago 3 and 5: not a multiple of every; ago 4: allowed and moved
    expect(seq).toEqual([false, false, false, true, false]);
    p.built(moved, 2);
    expect(p.ago).toBe(0);
    expect(p.decide(moved, 2)).toBe(false);
    const still = new NeighborRebuildPolicy(2.0, { every: 1, delay: 0, check: true });
    still.built(x, 2);
    const tiny = x.slice();
    tiny[0] = 1.0; // exactly skin/2: not more than the trigger
    expect(still.decide(tiny, 2)).toBe(false);
    // counts as LAMMPS reports them: per run, setup build excluded, dangerous = triggered at the
    // first allowed step
    const c = new NeighborRebuildPolicy(2.0, { every: 1, delay: 2, check: true });
    c.init();
    c.built(x, 2);
    c.setupDone();
    expect(c.ncalls).toBe(0);
    expect([c.decide(moved, 2), c.decide(moved, 2)]).toEqual([false, true]);
    c.built(moved, 2);
    expect([c.ncalls, c.ndanger]).toEqual([1, 1]);
    const nocheck = new NeighborRebuildPolicy(2.0, { every: 5, delay: 0, check: false });
    nocheck.built(x, 2);
    expect([1, 2, 3, 4, 5].map(() => nocheck.decide(x, 2))).toEqual([false, false, false, false, true]);
  });
});
