/**
 * `neigh_modify exclude type I J`: pairs of those types are left out of the neighbour list, so
 * they never interact (LAMMPS NeighRequest exclusion, npair.cpp `exclusion()`). Applied to a built
 * list in place, keeping the order of the pairs that stay (LAMMPS skips them while building, which
 * leaves the same order).
 */
import type { NeighborList } from '../potentials/types.js';

/** Remove from `list` the pairs whose types (1-based) are excluded in `ex` (ex[ti * (ntypes+1) + tj]). */
export function excludePairs(list: NeighborList, type: Int32Array, ex: Uint8Array, ntypes: number): void {
  const off = list.offsets, nb = list.neighbors;
  const stride = ntypes + 1;
  let w = 0;
  let start = off[0];
  for (let i = 0; i < list.inum; i++) {
    const end = off[i + 1];
    const ti = type[i] * stride;
    off[i] = w;
    for (let k = start; k < end; k++) {
      const j = nb[k];
      if (!ex[ti + type[j]]) nb[w++] = j;
    }
    start = end;
  }
  off[list.inum] = w;
}

/**
 * Apply `neigh_modify exclude type` pairs (Engine.neighExclude) to a built list: every list LAMMPS
 * requests carries the exclusions, the pair style's and an occasional one such as compute rdf's.
 */
export function applyTypeExclusions(list: NeighborList, type: Int32Array, pairs: readonly [number, number][], ntypes: number): void {
  if (pairs.length === 0) return;
  const ex = new Uint8Array((ntypes + 1) * (ntypes + 1));
  for (const [a, b] of pairs) ex[a * (ntypes + 1) + b] = ex[b * (ntypes + 1) + a] = 1;
  excludePairs(list, type, ex, ntypes);
}
