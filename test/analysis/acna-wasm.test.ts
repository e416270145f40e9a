/**
 * The WebAssembly a-CNA kernel (src/analysis/assembly/acna.ts, via acna-wasm.ts) against the
 * TypeScript path (adaptiveCna with kernel: 'scalar'), atom by atom, on configurations that reach
 * every branch: noisy crystals, liquid, free surfaces (atoms the first grid leaves to TypeScript),
 * icosahedra, small periodic and triclinic boxes, gas; and the fallback when the module is missing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { initAcnaKernel, kernelGridBuilder, lastKernelUndecided, runAcnaKernel } from '../../src/analysis/acna-wasm.js';
import { adaptiveCna, countTypes } from '../../src/analysis/acna.js';
import { NearestFinder, densityRadius } from '../../src/analysis/neighbors.js';
import { BCC_BASIS, cubic, perturb } from './lattices.js';
import { kernelCases, sweepCases } from './acna-cases.js';

describe('a-CNA WebAssembly kernel equals the TypeScript path atom by atom', () => {
  const info = initAcnaKernel('wasm');
  it('loads (dist/wasm/acna.wasm, built by the test globalSetup)', () => {
    expect(info.reason).toMatch(/acna\.wasm$/);
    expect(info.ok).toBe(true);
  });
  const cases = kernelCases();
  const seen = new Set<number>();
  for (const [name, c] of cases) {
    it(name, () => {
      const ts = adaptiveCna(c.pos, c.n, c.cell, { kernel: 'scalar' });
      const wasm = adaptiveCna(c.pos, c.n, c.cell);
      let diff = 0;
      for (let i = 0; i < c.n; i++) if (ts[i] !== wasm[i]) diff++;
      expect(diff).toBe(0);
      expect(Array.from(wasm)).toEqual(Array.from(ts));
      countTypes(wasm).forEach((v, t) => v > 0 && seen.add(t));
    });
  }
  it('bonds the single-precision pass cannot decide (pairs within ~1e-5 of a cutoff) go to the double pass: a liquid has some, same classes', () => {
    const c = perturb(cubic(BCC_BASIS, 2.8665, 12, 12, 12), 1.0, 89);
    const ts = adaptiveCna(c.pos, c.n, c.cell, { kernel: 'scalar' });
    const wasm = adaptiveCna(c.pos, c.n, c.cell);
    expect(lastKernelUndecided()).toBeGreaterThan(0);
    expect(Array.from(wasm)).toEqual(Array.from(ts));
  });
  it('atoms the first grid cannot answer (surfaces, gas) are left to the TypeScript path (255), the rest classified', () => {
    for (const c of [cases[6][1], cases[13][1]]) {
      const f = new NearestFinder(c.pos, c.n, c.cell, 14);
      const out = new Uint8Array(c.n);
      const left = runAcnaKernel(f, c.n, out, 1, 1);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThan(c.n);
      expect(out.filter((v) => v === 255).length).toBe(left);
    }
  });
  it('the first search radius from the kernel\'s density passes is the TypeScript one, to the last bit', () => {
    let checked = 0;
    for (const [name, c] of cases) {
      const ts = densityRadius(c.cell, c.pos, c.n, 14);
      const b = kernelGridBuilder(c.pos, c.n, c.cell);
      expect(b?.density, name).toBeDefined();
      expect(densityRadius(c.cell, c.pos, c.n, 14, b!.density), name).toBe(ts);
      checked++;
    }
    expect(checked).toBe(cases.length);
  });
  it('the grid built in the kernel memory is the TypeScript grid, slot for slot', () => {
    for (const [, c] of cases) {
      const ts = new NearestFinder(c.pos, c.n, c.cell, 14).grid;
      const wasm = new NearestFinder(c.pos, c.n, c.cell, 14, undefined, kernelGridBuilder(c.pos, c.n, c.cell)!).grid;
      expect(wasm.xyz.buffer).not.toBe(ts.xyz.buffer);
      expect(Array.from(wasm.xyz)).toEqual(Array.from(ts.xyz));
      expect(Array.from(wasm.atom)).toEqual(Array.from(ts.atom));
      expect(Array.from(wasm.slotOf)).toEqual(Array.from(ts.slotOf));
      expect(Array.from(wasm.layout().cellStart)).toEqual(Array.from(ts.layout().cellStart));
      expect(wasm.layout().nc).toEqual(ts.layout().nc);
      expect(wasm.exhaustive).toBe(ts.exhaustive);
    }
  });
  it('a kernel-built grid replaced by a later build is refused, not read', () => {
    const c = perturb(cubic(BCC_BASIS, 2.8665, 3, 3, 3), 0.1, 92);
    const first = new NearestFinder(c.pos, c.n, c.cell, 14, undefined, kernelGridBuilder(c.pos, c.n, c.cell)!);
    new NearestFinder(c.pos, c.n, c.cell, 14, undefined, kernelGridBuilder(c.pos, c.n, c.cell)!);
    expect(() => runAcnaKernel(first, c.n, new Uint8Array(c.n), 1, 1)).toThrow(/later frame replaced it/);
  });
  it('a non-finite position is named the same way by both builds', () => {
    const c = perturb(cubic(BCC_BASIS, 2.8665, 3, 3, 3), 0.1, 91);
    c.pos[3 * 7 + 1] = NaN;
    expect(() => new NearestFinder(c.pos, c.n, c.cell, 14, 4)).toThrow('atom 8 (index 7) has a non-finite position');
    expect(() => new NearestFinder(c.pos, c.n, c.cell, 14, 4, kernelGridBuilder(c.pos, c.n, c.cell)!)).toThrow('atom 8 (index 7) has a non-finite position');
  });
  it('the cases reach every structure type', () => {
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
  afterAll(() => {
    initAcnaKernel();
  });
});

describe('a-CNA kernel equals the TypeScript path on a seeded sweep of random configurations', () => {
  // 60 configurations drawn from one seed: lattice (bcc, fcc, hcp, simple cubic, gas), size, noise
  // from none (exact ties) to liquid-like, boundaries periodic / open / mixed, atoms shifted out of
  // the box, orthogonal or tilted cells; each atom's class must be the same on both paths
  const sweepSeen = new Set<number>();
  for (const { label, c } of sweepCases()) {
    it(label, () => {
      const ts = adaptiveCna(c.pos, c.n, c.cell, { kernel: 'scalar' });
      const wasm = adaptiveCna(c.pos, c.n, c.cell);
      expect(Array.from(wasm)).toEqual(Array.from(ts));
      countTypes(wasm).forEach((v, t) => v > 0 && sweepSeen.add(t));
    });
  }
  it('the sweep reaches other, fcc, hcp and bcc', () => {
    expect([...sweepSeen].sort()).toEqual(expect.arrayContaining([0, 1, 2, 3]));
  });
});

describe('a-CNA kernel fallback', () => {
  it('a missing module or LMPV_KERNELS=scalar: the TypeScript path, same classes', () => {
    const c = perturb(cubic(BCC_BASIS, 2.8665, 4, 4, 4), 0.1, 90);
    const ref = adaptiveCna(c.pos, c.n, c.cell, { kernel: 'scalar' });
    const missing = initAcnaKernel('wasm', '/nonexistent/acna.wasm');
    expect(missing.ok).toBe(false);
    expect(missing.reason).toMatch(/not built/);
    expect(Array.from(adaptiveCna(c.pos, c.n, c.cell))).toEqual(Array.from(ref));
    expect(initAcnaKernel('scalar')).toEqual({ ok: false, reason: 'LMPV_KERNELS=scalar' });
    expect(countTypes(adaptiveCna(c.pos, c.n, c.cell))[3]).toBe(c.n);
    initAcnaKernel();
  });
});
