/**
 * Distance clusters as LAMMPS `compute cluster/atom rc`: two atoms of the group are connected when
 * r² < rc² (strict, periodic images included); a cluster is a connected component and its id is the
 * smallest atom id in it. Atoms outside the group get cluster id 0. Union–find with path halving over
 * the pairs of one cell-list sweep.
 *
 * Also the cluster size distribution and, per cluster size, the fraction of atoms of a given structure
 * class (the crystallinity-versus-size relation of nucleation studies).
 */
import type { AtomFrame } from '../io/types.js';
import { NeighborGrid, cellFromBox, framePositions, type Cell } from './neighbors.js';

export interface ClusterOptions {
  /** Atom ids (default index + 1). */
  ids?: ArrayLike<number>;
  /** Group mask: atoms with 0 take no part and get cluster id 0. */
  group?: ArrayLike<number>;
}

function find(parent: Int32Array, a: number): number {
  while (parent[a] !== a) {
    parent[a] = parent[parent[a]];
    a = parent[a];
  }
  return a;
}

/** Cluster id of every atom (smallest atom id of its cluster; 0 outside the group). */
export function clusterAtoms(pos: Float64Array, natoms: number, cell: Cell, rc: number, opts: ClusterOptions = {}): Float64Array {
  if (!(rc > 0) || !Number.isFinite(rc)) throw new Error(`cluster cutoff must be positive, got ${rc}`);
  const out = new Float64Array(natoms);
  if (natoms === 0) return out;
  const ids = opts.ids;
  const group = opts.group;
  const grid = new NeighborGrid(pos, natoms, cell, rc);
  const parent = new Int32Array(natoms);
  for (let i = 0; i < natoms; i++) parent[i] = i;
  let cap = 64;
  let slots = new Int32Array(cap);
  const cut2 = rc * rc;
  for (let i = 0; i < natoms; i++) {
    if (group && !group[i]) continue;
    let n = grid.within(i, cut2, slots, cap);
    if (n > cap) {
      cap = 2 * n;
      slots = new Int32Array(cap);
      n = grid.within(i, cut2, slots, cap);
    }
    for (let m = 0; m < n; m++) {
      const j = grid.atom[slots[m]];
      if (group && !group[j]) continue;
      const ri = find(parent, i), rj = find(parent, j);
      if (ri !== rj) {
        if (ri < rj) parent[rj] = ri;
        else parent[ri] = rj;
      }
    }
  }
  // smallest id per root
  const minId = new Float64Array(natoms).fill(Infinity);
  for (let i = 0; i < natoms; i++) {
    if (group && !group[i]) continue;
    const r = find(parent, i);
    const id = ids ? ids[i] : i + 1;
    if (id < minId[r]) minId[r] = id;
  }
  for (let i = 0; i < natoms; i++) out[i] = group && !group[i] ? 0 : minId[find(parent, i)];
  return out;
}

/** Cluster ids of a frame; ids from its `id` column when present. */
export function clusterAtomsFrame(frame: AtomFrame, rc: number, opts: ClusterOptions = {}): Float64Array {
  const id = frame.columns.get('id');
  return clusterAtoms(framePositions(frame), frame.natoms, cellFromBox(frame.box), rc, { ids: id instanceof Float64Array ? id : undefined, ...opts });
}

/** Size of each cluster, keyed by cluster id (id 0 = outside the group, skipped). */
export function clusterSizes(clusterIds: ArrayLike<number>): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < clusterIds.length; i++) {
    const c = clusterIds[i];
    if (c === 0) continue;
    m.set(c, (m.get(c) ?? 0) + 1);
  }
  return m;
}

export interface SizeRow {
  /** Cluster size (atoms). */
  size: number;
  /** Number of clusters of this size. */
  clusters: number;
  /** Atoms in clusters of this size. */
  atoms: number;
  /** Of those, atoms of the selected class (when a classification was given). */
  selected: number;
  /** selected / atoms. */
  fraction: number;
}

/**
 * Cluster size distribution, one row per size (ascending); with `types` and `cls`, the number and
 * fraction of atoms of class `cls` (e.g. bcc = 3) among the atoms in clusters of each size.
 */
export function sizeDistribution(clusterIds: ArrayLike<number>, types?: ArrayLike<number>, cls?: number): SizeRow[] {
  const size = clusterSizes(clusterIds);
  const selectedIn = new Map<number, number>();
  if (types && cls !== undefined) {
    for (let i = 0; i < clusterIds.length; i++) {
      const c = clusterIds[i];
      if (c !== 0 && types[i] === cls) selectedIn.set(c, (selectedIn.get(c) ?? 0) + 1);
    }
  }
  const rows = new Map<number, SizeRow>();
  for (const [c, s] of size) {
    let r = rows.get(s);
    if (!r) rows.set(s, (r = { size: s, clusters: 0, atoms: 0, selected: 0, fraction: 0 }));
    r.clusters++;
    r.atoms += s;
    r.selected += selectedIn.get(c) ?? 0;
  }
  const out = [...rows.values()].sort((a, b) => a.size - b.size);
  for (const r of out) r.fraction = r.atoms > 0 ? r.selected / r.atoms : 0;
  return out;
}

/**
 * Do two clusterings agree up to relabelling? Returns the number of atoms whose cluster, mapped by
 * the first-seen correspondence a→b (required to be one-to-one), disagrees; 0 means identical partitions.
 */
export function clusterMismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`clusterings differ in length: ${a.length} vs ${b.length}`);
  const ab = new Map<number, number>(), ba = new Map<number, number>();
  let bad = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    const mx = ab.get(x), my = ba.get(y);
    if (mx === undefined && my === undefined) {
      ab.set(x, y);
      ba.set(y, x);
    } else if (mx !== y || my !== x) bad++;
  }
  return bad;
}
