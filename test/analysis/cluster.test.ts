import { describe, expect, it } from 'vitest';
import { clusterAtoms, clusterMismatches, clusterSizes, sizeDistribution } from '../../src/analysis/cluster.js';
import { orthoCell } from './lattices.js';

describe('clusterAtoms (compute cluster/atom)', () => {
  // a chain across the periodic x boundary, a pair, a lone atom
  const pos = Float64Array.of(
    0.2, 5, 5, // 0: joined to 1 through the boundary
    9.5, 5, 5, // 1
    8.5, 5, 5, // 2: exactly 1 from 1
    3, 3, 3, // 3
    3, 3, 3.99, // 4: 0.99 from 3
    6, 1, 8, // 5: alone
  );
  const cell = orthoCell([10, 10, 10]);
  it('cluster id = smallest atom id, connections through periodic images, strict cutoff', () => {
    expect([...clusterAtoms(pos, 6, cell, 1.01)]).toEqual([1, 1, 1, 4, 4, 6]);
    // exactly 1 apart is not < 1
    expect([...clusterAtoms(pos, 6, cell, 1.0)]).toEqual([1, 1, 3, 4, 4, 6]);
    // with ids given, the smallest id wins
    expect([...clusterAtoms(pos, 6, cell, 1.0, { ids: [60, 50, 40, 30, 20, 10] })]).toEqual([50, 50, 40, 20, 20, 10]);
    // open x: the boundary no longer joins 0 and 1
    expect([...clusterAtoms(pos, 6, orthoCell([10, 10, 10], [false, true, true]), 1.01)]).toEqual([1, 2, 2, 4, 4, 6]);
  });
  it('atoms outside the group get 0 and do not bridge', () => {
    expect([...clusterAtoms(pos, 6, cell, 1.01, { group: [1, 0, 1, 1, 1, 1] })]).toEqual([1, 0, 3, 4, 4, 6]);
  });
});

describe('size distribution and class fraction per size', () => {
  it('counts clusters, atoms and the selected class per size', () => {
    const ids = [1, 1, 1, 4, 4, 6, 7, 7, 0];
    const types = [3, 3, 0, 3, 0, 3, 0, 0, 3];
    expect([...clusterSizes(ids)]).toEqual([
      [1, 3],
      [4, 2],
      [6, 1],
      [7, 2],
    ]);
    expect(sizeDistribution(ids, types, 3)).toEqual([
      { size: 1, clusters: 1, atoms: 1, selected: 1, fraction: 1 },
      { size: 2, clusters: 2, atoms: 4, selected: 1, fraction: 0.25 },
      { size: 3, clusters: 1, atoms: 3, selected: 2, fraction: 2 / 3 },
    ]);
  });
  it('clusterMismatches is 0 exactly for equal partitions', () => {
    expect(clusterMismatches([1, 1, 3, 4], [7, 7, 2, 9])).toBe(0);
    expect(clusterMismatches([1, 1, 3, 4], [7, 7, 7, 9])).toBe(1);
    expect(clusterMismatches([1, 2, 3], [5, 5, 6])).toBe(1);
  });
});
