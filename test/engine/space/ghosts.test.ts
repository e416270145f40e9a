import { describe, expect, it } from 'vitest';
import { makeSimBox, pbc, x2lamda, lamda2x, minimumImage, type SimBox } from '../../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts, updateGhosts, foldGhostForces } from '../../../src/engine/space/ghosts.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function randomAtoms(box: SimBox, n: number, seed: number): Float64Array {
  const r = rng(seed);
  const l = new Float64Array(3 * n);
  for (let i = 0; i < 3 * n; i++) l[i] = r();
  return lamda2x(new Float64Array(3 * n), box, l, n);
}

/** Sorted distances < cut from each owned atom to every periodic image of every atom (explicit lattice sum). */
function imageDistances(box: SimBox, n: number, x: Float64Array, cut: number): number[][] {
  const h = box.h;
  const reach = [0, 1, 2].map((d) => (box.periodic[d] ? Math.ceil(cut / Math.min(h[0], h[1], h[2])) + 2 : 0));
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const ds: number[] = [];
    for (let j = 0; j < n; j++) {
      for (let a = -reach[0]; a <= reach[0]; a++) for (let b = -reach[1]; b <= reach[1]; b++) for (let c = -reach[2]; c <= reach[2]; c++) {
        if (i === j && a === 0 && b === 0 && c === 0) continue;
        const dx = x[3 * j] + a * h[0] + b * h[5] + c * h[4] - x[3 * i];
        const dy = x[3 * j + 1] + b * h[1] + c * h[3] - x[3 * i + 1];
        const dz = x[3 * j + 2] + c * h[2] - x[3 * i + 2];
        const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (r < cut) ds.push(r);
      }
    }
    out.push(ds.sort((p, q) => p - q));
  }
  return out;
}

function ghostDistances(g: GhostAtoms, cut: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < g.nlocal; i++) {
    const ds: number[] = [];
    for (let j = 0; j < g.nall; j++) {
      if (j === i) continue;
      const dx = g.x[3 * j] - g.x[3 * i], dy = g.x[3 * j + 1] - g.x[3 * i + 1], dz = g.x[3 * j + 2] - g.x[3 * i + 2];
      const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (r < cut) ds.push(r);
    }
    out.push(ds.sort((p, q) => p - q));
  }
  return out;
}

function expectSameDistances(a: number[][], b: number[][]): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    expect(a[i].length, `atom ${i}: neighbour count`).toBe(b[i].length);
    for (let k = 0; k < a[i].length; k++) expect(Math.abs(a[i][k] - b[i][k])).toBeLessThan(1e-9);
  }
}

const CASES: Array<{ name: string; box: SimBox; n: number; cut: number }> = [
  { name: 'orthogonal, cut < L/2', box: makeSimBox([0, 0, 0], [10, 11, 12], false, [0, 0, 0], [true, true, true]), n: 60, cut: 3.5 },
  { name: 'small orthogonal, cut > L (multiple images)', box: makeSimBox([-1, 0, 2], [1.7, 2.1, 4.5], false, [0, 0, 0], [true, true, true]), n: 3, cut: 6.1 },
  { name: 'triclinic', box: makeSimBox([0, 0, 0], [8, 7, 9], true, [2.5, -1.5, 1.0], [true, true, true]), n: 50, cut: 4.2 },
  { name: 'small triclinic, cut > L', box: makeSimBox([0, 1, 0], [3, 3.5, 2.8], true, [1.2, -0.9, 0.7], [true, true, true]), n: 4, cut: 5.3 },
  { name: 'mixed open/periodic (p f p)', box: makeSimBox([0, 0, 0], [6, 6, 6], false, [0, 0, 0], [true, false, true]), n: 30, cut: 4 },
  { name: 'fully open', box: makeSimBox([0, 0, 0], [6, 6, 6], false, [0, 0, 0], [false, false, false]), n: 30, cut: 4 },
];

describe('buildGhosts', () => {
  for (const c of CASES) {
    it(`gives every periodic image within the cutoff: ${c.name}`, () => {
      const x = randomAtoms(c.box, c.n, 7 + c.n);
      const g = new GhostAtoms(4);
      buildGhosts(g, c.box, c.n, x, new Int32Array(c.n).fill(1), null, c.cut);
      expectSameDistances(ghostDistances(g, c.cut), imageDistances(c.box, c.n, x, c.cut));
      // every ghost is an integer image of its owner, and carries its tag/type
      for (let j = c.n; j < g.nall; j++) {
        const o = g.owner[j];
        expect(o).toBeGreaterThanOrEqual(0);
        expect(o).toBeLessThan(c.n);
        expect(g.tag[j]).toBe(o + 1);
        const l = x2lamda(new Float64Array(6), c.box, Float64Array.from([...g.x.subarray(3 * j, 3 * j + 3), ...x.subarray(3 * o, 3 * o + 3)]), 2);
        for (let d = 0; d < 3; d++) {
          const s = l[d] - l[3 + d];
          expect(Math.abs(s - Math.round(s))).toBeLessThan(1e-9);
          expect(Math.round(s) + 0).toBe(g.image[3 * j + d]);
          if (!c.box.periodic[d]) expect(Math.round(s)).toBe(0);
        }
      }
    });
  }

  it('updateGhosts moves ghosts with their owners, foldGhostForces sums onto owners', () => {
    const c = CASES[3];
    const x = randomAtoms(c.box, c.n, 3);
    const g = new GhostAtoms();
    buildGhosts(g, c.box, c.n, x, new Int32Array(c.n).fill(1), null, c.cut);
    const x2 = x.map((v, i) => v + 0.01 * ((i % 5) - 2));
    updateGhosts(g, c.box, x2);
    const g2 = new GhostAtoms();
    // same ghost set rebuilt from the moved atoms (moves are tiny, far from slab edges in this seed) differs only in order
    for (let j = c.n; j < g.nall; j++) {
      const o = g.owner[j];
      for (let d = 0; d < 3; d++) {
        const shift = g.x[3 * j + d] - x2[3 * o + d];
        const ref = d === 0 ? g.image[3 * j] * c.box.h[0] + g.image[3 * j + 1] * c.box.h[5] + g.image[3 * j + 2] * c.box.h[4]
          : d === 1 ? g.image[3 * j + 1] * c.box.h[1] + g.image[3 * j + 2] * c.box.h[3] : g.image[3 * j + 2] * c.box.h[2];
        expect(Math.abs(shift - ref)).toBeLessThan(1e-9);
      }
    }
    void g2;
    const f = new Float64Array(3 * g.nall).fill(1);
    foldGhostForces(g, f);
    const count = new Float64Array(c.n);
    for (let j = 0; j < g.nall; j++) count[g.owner[j]]++;
    for (let i = 0; i < c.n; i++) expect(f[3 * i]).toBe(count[i]);
  });
});

describe('box', () => {
  it('pbc wraps into [lo, hi) and counts images; lamda round trip; minimum image', () => {
    const tri = makeSimBox([0, 0, 0], [5, 6, 7], true, [1.5, -2, 0.5], [true, true, true]);
    const orth = makeSimBox([-2, 0, 1], [3, 6, 7], false, [0, 0, 0], [true, true, false]);
    for (const box of [tri, orth]) {
      const n = 40;
      const r = rng(11);
      const l = new Float64Array(3 * n);
      for (let i = 0; i < 3 * n; i++) l[i] = r() * 2.4 - 0.7; // some outside by < 1 period
      const x = lamda2x(new Float64Array(3 * n), box, l, n);
      const x0 = x.slice();
      const image = new Int32Array(3 * n);
      pbc(box, n, x, image, new Float64Array(3 * n));
      const lw = x2lamda(new Float64Array(3 * n), box, x, n);
      for (let i = 0; i < n; i++) {
        for (let d = 0; d < 3; d++) {
          if (box.periodic[d] && l[3 * i + d] > -0.7 + 1e-9 && l[3 * i + d] < 1.7 - 1e-9) {
            // one pbc call moves by at most one period
            const moved = Math.round(l[3 * i + d] - lw[3 * i + d]) + 0;
            expect(moved).toBe(image[3 * i + d]);
          }
          if (!box.periodic[d]) expect(x[3 * i + d]).toBe(x0[3 * i + d]);
        }
      }
      const dvec = Float64Array.from([x0[0] - x0[3], x0[1] - x0[4], x0[2] - x0[5]]);
      minimumImage(box, dvec);
      const dl = x2lamda(new Float64Array(3), { ...box, lo: new Float64Array(3) }, dvec, 1);
      for (let d = 0; d < 3; d++) if (box.periodic[d] && !box.triclinic) expect(Math.abs(dl[d])).toBeLessThanOrEqual(0.5 + 1e-12);
    }
  });
});
