/**
 * The f64x2 neighbour-list fill (kernels/wasm/assembly/neighbor-fill.ts) against its scalar twin
 * (kernels/scalar/neighbor-fill.ts): the same entries in the same order (bitwise), full and half
 * lists, orthogonal and triclinic periodic boxes with ghosts, bins with 1, 2, 3 candidate blocks
 * plus a remainder, and a too-small capacity (counted, not stored). The twin's rows equal the
 * engine's brute-force list (as sets).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { init, kernelInfo, neighborFillAos, type Bins } from '../../../src/engine/kernels/wasm/index.js';
import { neighborFill_aos } from '../../../src/engine/kernels/scalar/neighbor-fill.js';
import { makeSimBox, pbc, type SimBox } from '../../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts } from '../../../src/engine/space/ghosts.js';
import { bruteForceNeighborList } from '../../../src/engine/neighbor/neighbor-list.js';
import { mulberry32 } from '../../../scripts/lib/mulberry32.js';

const rng = mulberry32;

/** Bins of edge >= cut/`per` over the bounding box, atoms in ascending index order, full stencil within reach. */
function binAll(x: Float64Array, nall: number, cut: number, per: number): Bins {
  const lo = [Infinity, Infinity, Infinity], hi = [-Infinity, -Infinity, -Infinity];
  for (let i = 0; i < nall; i++)
    for (let d = 0; d < 3; d++) {
      lo[d] = Math.min(lo[d], x[3 * i + d]);
      hi[d] = Math.max(hi[d], x[3 * i + d]);
    }
  const nb = [0, 1, 2].map((d) => Math.max(1, Math.floor((hi[d] - lo[d]) / (cut / per))));
  const size = [0, 1, 2].map((d) => Math.max(hi[d] - lo[d], 1e-12) / nb[d]);
  const nbins = nb[0] * nb[1] * nb[2];
  const atomBin = new Int32Array(nall);
  const binHead = new Int32Array(nbins + 1);
  for (let i = 0; i < nall; i++) {
    const c = [0, 1, 2].map((d) => Math.min(nb[d] - 1, Math.max(0, Math.floor((x[3 * i + d] - lo[d]) / size[d]))));
    atomBin[i] = (c[2] * nb[1] + c[1]) * nb[0] + c[0];
    binHead[atomBin[i] + 1]++;
  }
  for (let b = 0; b < nbins; b++) binHead[b + 1] += binHead[b];
  const fillp = binHead.slice();
  const binAtoms = new Int32Array(nall);
  for (let i = 0; i < nall; i++) binAtoms[fillp[atomBin[i]]++] = i;
  const r = [0, 1, 2].map((d) => Math.ceil(cut / size[d]));
  const st: number[] = [];
  for (let k = -r[2]; k <= r[2]; k++) for (let j = -r[1]; j <= r[1]; j++) for (let i = -r[0]; i <= r[0]; i++) st.push(i, j, k);
  return { binHead, binAtoms, atomBin, stencil: Int32Array.from(st), ns: st.length, nb0: nb[0], nb1: nb[1], nb2: nb[2] };
}

function system(n: number, box: SimBox, cut: number, seed: number): GhostAtoms {
  const r = rng(seed);
  const x = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) x[3 * i + d] = box.lo[d] + r() * box.prd[d];
  // a few exact ties in z and y, which the half rule orders by y then x
  for (let i = 1; i < Math.min(n, 8); i++) {
    x[3 * i + 2] = x[2];
    if (i % 2) x[3 * i + 1] = x[1];
  }
  const lamda = new Float64Array(3 * n);
  pbc(box, n, x, new Int32Array(3 * n), lamda);
  return buildGhosts(new GhostAtoms(), box, n, x, new Int32Array(n).fill(1), null, cut, undefined, box.triclinic ? lamda : undefined);
}

const BOXES: Record<string, SimBox> = {
  orthogonal: makeSimBox([0, 0, 0], [6, 5, 7], false, [0, 0, 0], [true, true, true]),
  triclinic: makeSimBox([0, 0, 0], [6, 5.5, 6.5], true, [1.2, -0.8, 0.7], [true, true, true]),
  'open z': makeSimBox([0, 0, 0], [6, 6, 6], false, [0, 0, 0], [true, true, false]),
};

beforeAll(() => {
  expect(init(undefined, 'wasm'), `kernel module must load (${kernelInfo().reason})`).toBe('wasm');
});

describe('neighborFill_f64x2_aos vs scalar twin (bitwise) and brute force (sets)', () => {
  for (const [label, box] of Object.entries(BOXES)) {
    for (const half of [true, false]) {
      // per = bins per cutoff: 1 gives ~10 candidates per bin, 4 gives 0-3 (blocks of 1, 2, 3 + remainders)
      for (const per of [1, 2, 4]) {
        it(`${label}, ${half ? 'half' : 'full'}, ${per} bins per cutoff`, () => {
          const cut = 2.1;
          for (let seed = 1; seed <= 3; seed++) {
            const g = system(120, box, cut, seed * 31 + per);
            const bins = binAll(g.x, g.nall, cut, per);
            const cap = 200000;
            const nw = new Int32Array(cap), ow = new Int32Array(g.nlocal + 1);
            const ns = new Int32Array(cap), os = new Int32Array(g.nlocal + 1);
            const a = neighborFillAos(nw, ow, g.x, g.nlocal, g.nall, half, cut * cut, bins);
            const b = neighborFill_aos(ns, os, g.x, g.nlocal, half, cut * cut, bins.binHead, bins.binAtoms, bins.atomBin, bins.stencil, bins.ns, bins.nb0, bins.nb1, bins.nb2);
            expect(a).toBe(b);
            expect(b).toBeGreaterThan(100);
            expect(Array.from(ow)).toEqual(Array.from(os));
            expect(Array.from(nw.subarray(0, a))).toEqual(Array.from(ns.subarray(0, b)));
            // the same pairs as the engine's O(N^2) reference, row by row
            const ref = bruteForceNeighborList(half ? 'half' : 'full', g, cut);
            expect(ref.offsets[g.nlocal]).toBe(b);
            for (let i = 0; i < g.nlocal; i++) {
              const mine = Array.from(ns.subarray(os[i], os[i + 1])).sort((p, q) => p - q);
              expect(mine).toEqual(Array.from(ref.neighbors.subarray(ref.offsets[i], ref.offsets[i + 1])));
            }
          }
        });
      }
    }
  }

  it('a capacity too small is counted, not overrun; the stored prefix is the same', () => {
    const g = system(150, BOXES.orthogonal, 2.1, 5);
    const bins = binAll(g.x, g.nall, 2.1, 2);
    const full = neighborFill_aos(new Int32Array(1 << 16), new Int32Array(g.nlocal + 1), g.x, g.nlocal, true, 2.1 * 2.1, bins.binHead, bins.binAtoms, bins.atomBin, bins.stencil, bins.ns, bins.nb0, bins.nb1, bins.nb2);
    const cap = Math.floor(full / 3);
    // guard words after the capacity must stay untouched
    const backing = new Int32Array(cap + 8).fill(-7);
    const nw = backing.subarray(0, cap);
    const ns = new Int32Array(cap);
    const ow = new Int32Array(g.nlocal + 1), os = new Int32Array(g.nlocal + 1);
    const a = neighborFillAos(nw, ow, g.x, g.nlocal, g.nall, true, 2.1 * 2.1, bins);
    const b = neighborFill_aos(ns, os, g.x, g.nlocal, true, 2.1 * 2.1, bins.binHead, bins.binAtoms, bins.atomBin, bins.stencil, bins.ns, bins.nb0, bins.nb1, bins.nb2);
    expect(a).toBe(full);
    expect(b).toBe(full);
    expect(Array.from(nw)).toEqual(Array.from(ns));
    expect(Array.from(backing.subarray(cap))).toEqual(new Array(8).fill(-7));
    expect(Array.from(ow)).toEqual(Array.from(os));
  });

  it('scalar mode returns -1 (the caller runs its own loop)', () => {
    init(undefined, 'scalar');
    const g = system(20, BOXES.orthogonal, 2.1, 9);
    expect(neighborFillAos(new Int32Array(100), new Int32Array(21), g.x, g.nlocal, g.nall, true, 4.41, binAll(g.x, g.nall, 2.1, 2))).toBe(-1);
    init(undefined, 'wasm');
  });
});
