import { describe, expect, it } from 'vitest';
import { isPeriodicBoundary, periodicAxes } from '../../src/io/boundary.js';
import { simBoxFromBox } from '../../src/engine/space/box.js';
import { cellFromBox } from '../../src/analysis/neighbors.js';
import type { Box } from '../../src/io/types.js';

describe('boundary: one periodicity rule', () => {
  it('p and pp are periodic; f, s, m and their mixes are open; one periodic end is refused', () => {
    expect(['p', 'pp'].map(isPeriodicBoundary)).toEqual([true, true]);
    expect(['f', 's', 'm', 'ff', 'fs', 'sm', 'mf'].map(isPeriodicBoundary)).toEqual(new Array(7).fill(false));
    expect(() => isPeriodicBoundary('pf')).toThrow(/periodic on both ends/);
    expect(() => isPeriodicBoundary('fp')).toThrow(/periodic on both ends/);
  });

  it('the engine box and the analysis cell decide periodicity the same way (single-letter words included)', () => {
    for (const boundary of [['p', 'pp', 'f'], ['pp', 'fs', 'p'], ['ss', 'p', 'pp']] as Box['boundary'][]) {
      const box: Box = { lo: [0, 0, 0], hi: [1, 2, 3], tilt: null, boundary };
      expect(simBoxFromBox(box).periodic).toEqual(periodicAxes(box));
      expect(cellFromBox(box).periodic).toEqual(periodicAxes(box));
    }
  });
});
