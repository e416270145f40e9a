/**
 * a-CNA with worker threads (src/analysis/acna-threads.ts over the shared-memory kernel
 * acna-shared.wasm): the same class for every atom as one thread, on the configurations of the
 * kernel parity tests (acna-cases.ts) and on a large noisy crystal where the work is shared out in
 * many chunks. Every thread takes at least one chunk whenever there are as many chunks as threads,
 * so the workers' path is exercised even on small systems (checked with lastThreadStats).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { acnaKernelInfo, initAcnaKernel, lastKernelUndecided } from '../../src/analysis/acna-wasm.js';
import { chunkSlots, closeAcnaThreads, lastThreadStats } from '../../src/analysis/acna-threads.js';
import { adaptiveCna, countTypes } from '../../src/analysis/acna.js';
import { kernelCases, sweepCases } from './acna-cases.js';
import { BCC_BASIS, FCC_BASIS, cubic, perturb } from './lattices.js';

const kernelOk = acnaKernelInfo().ok;

describe.skipIf(!kernelOk)('a-CNA with 2 and 3 threads equals one thread atom by atom (skipped: no WebAssembly kernel)', () => {
  afterAll(async () => {
    await closeAcnaThreads();
  });
  for (const [name, c] of kernelCases()) {
    it(name, () => {
      const one = adaptiveCna(c.pos, c.n, c.cell, { threads: 1 });
      const two = adaptiveCna(c.pos, c.n, c.cell, { threads: 2 });
      const three = adaptiveCna(c.pos, c.n, c.cell, { threads: 3 });
      expect(Array.from(two)).toEqual(Array.from(one));
      expect(Array.from(three)).toEqual(Array.from(one));
    });
  }
  for (const { label, c } of sweepCases()) {
    it(`sweep ${label}`, () => {
      const one = adaptiveCna(c.pos, c.n, c.cell);
      const two = adaptiveCna(c.pos, c.n, c.cell, { threads: 2 });
      expect(Array.from(two)).toEqual(Array.from(one));
    });
  }
  it('every thread classifies atoms (chunks claimed per thread), and the undecided counts add up', () => {
    // a liquid (undecided bonds) beside a crystal, 31,250 + 16,000 atoms: dozens of chunks
    const liquid = perturb(cubic(BCC_BASIS, 2.8665, 25, 25, 25), 1.0, 91);
    const one = adaptiveCna(liquid.pos, liquid.n, liquid.cell);
    const undecidedOne = lastKernelUndecided();
    expect(undecidedOne).toBeGreaterThan(0);
    const two = adaptiveCna(liquid.pos, liquid.n, liquid.cell, { threads: 2 });
    expect(lastKernelUndecided()).toBe(undecidedOne);
    expect(Array.from(two)).toEqual(Array.from(one));
    const st = lastThreadStats();
    expect(st.chunks.length).toBe(2);
    expect(st.chunks[0]).toBeGreaterThan(0);
    expect(st.chunks[1]).toBeGreaterThan(0);
    const np = liquid.n * 1.2; // atoms and ghosts, roughly
    expect(st.chunks[0] + st.chunks[1]).toBeGreaterThanOrEqual(Math.floor(np / chunkSlots(np, 2)) - 2);
    const fcc = perturb(cubic(FCC_BASIS, 3.615, 16, 16, 16), 0.1, 92);
    const a = adaptiveCna(fcc.pos, fcc.n, fcc.cell);
    const b = adaptiveCna(fcc.pos, fcc.n, fcc.cell, { threads: 4 });
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(countTypes(b)[1]).toBeGreaterThan(0.9 * fcc.n);
    expect(lastThreadStats().chunks.every((k) => k > 0)).toBe(true);
  });
  it('frames of a trajectory reuse the workers; threads and one thread interleave', () => {
    for (let f = 0; f < 3; f++) {
      const c = perturb(cubic(BCC_BASIS, 2.8665, 10 + f, 10, 10), 0.15, 93 + f);
      const two = adaptiveCna(c.pos, c.n, c.cell, { threads: 2 });
      const one = adaptiveCna(c.pos, c.n, c.cell);
      expect(Array.from(two)).toEqual(Array.from(one));
    }
  });
  it('a thread count that is not a positive integer is refused', () => {
    const c = cubic(BCC_BASIS, 2.8665, 2, 2, 2);
    expect(() => adaptiveCna(c.pos, c.n, c.cell, { threads: 0 })).toThrow(/positive integer, found 0/);
    expect(() => adaptiveCna(c.pos, c.n, c.cell, { threads: 1.5 })).toThrow(/positive integer/);
  });
  it('LMPV_KERNELS=scalar with threads: the TypeScript path on one thread, same classes', () => {
    const c = perturb(cubic(BCC_BASIS, 2.8665, 5, 5, 5), 0.1, 96);
    const ref = adaptiveCna(c.pos, c.n, c.cell);
    initAcnaKernel('scalar');
    try {
      expect(Array.from(adaptiveCna(c.pos, c.n, c.cell, { threads: 2 }))).toEqual(Array.from(ref));
    } finally {
      initAcnaKernel();
    }
  });
});
