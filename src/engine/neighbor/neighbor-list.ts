/**
 * Binned (cell-list) neighbour lists in the CSR form of potentials/types.ts NeighborList.
 *
 * Atoms (owned + ghosts, AtomView layout) are counting-sorted into cubic-ish bins of about half the
 * neighbour cutoff over their bounding box; each owned atom scans the stencil of bins whose closest
 * point lies within the cutoff. A pair is a neighbour when r^2 <= cutneigh^2 (LAMMPS's test).
 *
 * - 'full': every neighbour j (owned or ghost) of every owned atom i.
 * - 'half' (newton on, LAMMPS half/bin/newton and half/full/newton): each pair with at least one
 *   owned atom once: owned j only when j > i; ghost j only when it lies "above" i, so that of the
 *   two images of a pair across a periodic boundary, (i, o + s) and (o, i - s), exactly one is kept.
 *   LAMMPS (npair_half_bin_newton_tri.cpp, npair_halffull_newton.cpp) decides "above" on the
 *   ghost's coordinates (z, then y, then x). Here, when the atoms carry `owner` and `image` (as
 *   GhostAtoms do), the same order is decided without ghost coordinates (`ghostAbove`): a nonzero
 *   integer image offset along c, then b, then a settles it, and where it is zero the owner's own
 *   coordinate is compared with i's. That is what the coordinate rule decides whenever the ghost's
 *   coordinate equals owner + shift exactly (every orthogonal box: the same list, bit for bit),
 *   and it stays exactly antisymmetric when triclinic ghosts made through lamda coordinates carry
 *   round-off (atoms in one plane), where comparing coordinates keeps both images or neither.
 *
 * Storage has a fixed capacity (jax-md partition.py): a build that would overflow it counts what
 * it needs, sets `overflow`, grows the buffer and builds again, so nothing is ever truncated and
 * steady-state steps allocate nothing.
 */
import type { NeighborList } from '../potentials/types.js';

export type NeighborKind = 'full' | 'half';

export interface NeighborAtoms {
  nlocal: number;
  nall: number;
  x: Float64Array;
  /** Owned atom each atom images (owner[i] = i for owned atoms); with `image`, decides half-list ties. */
  owner?: Int32Array;
  /** Integer image offset of each atom relative to its owner along a, b, c (3 per atom). */
  image?: Int32Array;
}

/**
 * Does ghost j lie "above" owned atom i (z, then y, then x; equal positions by owner index), decided
 * on j's owner and integer image offset rather than on j's rounded coordinates? Exactly one of the
 * two images of a pair, (i, owner(j) + s) and (owner(j), i - s), answers true.
 */
export function ghostAbove(x: Float64Array, owner: Int32Array, image: Int32Array, i: number, j: number): boolean {
  const o = owner[j];
  for (let d = 2; d >= 0; d--) {
    const s = image[3 * j + d];
    if (s !== 0) return s > 0;
    const a = x[3 * o + d], b = x[3 * i + d];
    if (a !== b) return a > b;
  }
  return o > i;
}

export class NeighborListBuffer implements NeighborList {
  full = true;
  inum = 0;
  offsets: Int32Array;
  neighbors: Int32Array;
  cutneigh = 0;
  /** Set when the last build needed more than the capacity it started with (then it was grown and redone). */
  overflow = false;
  /** Number of rebuilds because of overflow, over the buffer's life. */
  regrows = 0;
  /** Number of builds of this buffer (lets users cache what they derive from a list, e.g. MEAM's half list). */
  builds = 0;
  // bins (counting sort), reused between builds
  binHead: Int32Array = new Int32Array(0);
  binAtoms: Int32Array = new Int32Array(0);
  atomBin: Int32Array = new Int32Array(0);
  stencil: Int32Array = new Int32Array(0);

  constructor(capacity = 1 << 16, nlocalCapacity = 1024) {
    this.neighbors = new Int32Array(capacity);
    this.offsets = new Int32Array(nlocalCapacity + 1);
  }

  get capacity(): number {
    return this.neighbors.length;
  }

  /** Number of stored neighbour entries. */
  get size(): number {
    return this.offsets[this.inum];
  }
}

/**
 * Build a `kind` list of the owned atoms of `atoms` within `cutneigh` (potential cutoff + skin)
 * into `out` (grown and rebuilt on overflow) and return out.
 */
export function buildNeighborList(out: NeighborListBuffer, kind: NeighborKind, atoms: NeighborAtoms, cutneigh: number): NeighborListBuffer {
  const { nlocal, nall, x } = atoms;
  out.full = kind === 'full';
  out.inum = nlocal;
  out.cutneigh = cutneigh;
  out.overflow = false;
  out.builds++;
  if (out.offsets.length < nlocal + 1) out.offsets = new Int32Array(nlocal + 1);
  if (nall === 0) { out.offsets[0] = 0; return out; }
  binAtoms(out, nall, x, cutneigh);
  for (;;) {
    const need = fill(out, kind, nlocal, x, cutneigh * cutneigh, atoms.owner, atoms.image);
    if (need <= out.neighbors.length) return out;
    out.overflow = true;
    out.regrows++;
    out.neighbors = new Int32Array(Math.ceil(need * 1.2) + 16);
  }
}

// bin geometry of the last binning
let bLo0 = 0, bLo1 = 0, bLo2 = 0;
let bInv0 = 0, bInv1 = 0, bInv2 = 0;
let nb0 = 1, nb1 = 1, nb2 = 1;
let ns = 0;

function binAtoms(out: NeighborListBuffer, nall: number, x: Float64Array, cutneigh: number): void {
  let mn0 = Infinity, mn1 = Infinity, mn2 = Infinity, mx0 = -Infinity, mx1 = -Infinity, mx2 = -Infinity;
  for (let i = 0; i < nall; i++) {
    const a = x[3 * i], b = x[3 * i + 1], c = x[3 * i + 2];
    if (a < mn0) mn0 = a; if (a > mx0) mx0 = a;
    if (b < mn1) mn1 = b; if (b > mx1) mx1 = b;
    if (c < mn2) mn2 = c; if (c > mx2) mx2 = c;
  }
  if (!(mx0 - mn0 < Infinity && mx1 - mn1 < Infinity && mx2 - mn2 < Infinity)) throw new Error('neighbor list: non-finite atom coordinates');
  const target = cutneigh > 0 ? 0.5 * cutneigh : 1;
  // at most ~ 2*nall bins in total so huge empty regions do not explode memory
  const ext0 = Math.max(mx0 - mn0, 1e-12), ext1 = Math.max(mx1 - mn1, 1e-12), ext2 = Math.max(mx2 - mn2, 1e-12);
  let bs = target;
  const maxBins = Math.max(27, 2 * nall);
  while (Math.floor(ext0 / bs + 1) * Math.floor(ext1 / bs + 1) * Math.floor(ext2 / bs + 1) > maxBins) bs *= 1.26;
  nb0 = Math.max(1, Math.floor(ext0 / bs)); nb1 = Math.max(1, Math.floor(ext1 / bs)); nb2 = Math.max(1, Math.floor(ext2 / bs));
  bLo0 = mn0; bLo1 = mn1; bLo2 = mn2;
  const s0 = ext0 / nb0, s1 = ext1 / nb1, s2 = ext2 / nb2;
  bInv0 = 1 / s0; bInv1 = 1 / s1; bInv2 = 1 / s2;
  const nbins = nb0 * nb1 * nb2;
  if (out.binHead.length < nbins + 1) out.binHead = new Int32Array(nbins + 1);
  if (out.binAtoms.length < nall) { out.binAtoms = new Int32Array(Math.ceil(nall * 1.3)); out.atomBin = new Int32Array(out.binAtoms.length); }
  const head = out.binHead, ab = out.atomBin, list = out.binAtoms;
  head.fill(0, 0, nbins + 1);
  for (let i = 0; i < nall; i++) {
    const b = binOf(x[3 * i], x[3 * i + 1], x[3 * i + 2]);
    ab[i] = b;
    head[b + 1]++;
  }
  for (let b = 0; b < nbins; b++) head[b + 1] += head[b];
  // place atoms in ascending index order within each bin
  for (let i = 0; i < nall; i++) list[head[ab[i]]++] = i;
  for (let b = nbins; b > 0; b--) head[b] = head[b - 1];
  head[0] = 0;
  // stencil: bin offsets whose nearest points can be within cutneigh
  const r0 = Math.ceil(cutneigh * bInv0), r1 = Math.ceil(cutneigh * bInv1), r2 = Math.ceil(cutneigh * bInv2);
  const maxSt = (2 * r0 + 1) * (2 * r1 + 1) * (2 * r2 + 1) * 3;
  if (out.stencil.length < maxSt) out.stencil = new Int32Array(maxSt);
  ns = 0;
  const cs = cutneigh * cutneigh;
  for (let k = -r2; k <= r2; k++) {
    for (let j = -r1; j <= r1; j++) {
      for (let i = -r0; i <= r0; i++) {
        const d0 = Math.max(0, Math.abs(i) - 1) * s0, d1 = Math.max(0, Math.abs(j) - 1) * s1, d2 = Math.max(0, Math.abs(k) - 1) * s2;
        if (d0 * d0 + d1 * d1 + d2 * d2 > cs) continue;
        out.stencil[ns++] = i; out.stencil[ns++] = j; out.stencil[ns++] = k;
      }
    }
  }
}

function binOf(a: number, b: number, c: number): number {
  let i = Math.floor((a - bLo0) * bInv0); if (i >= nb0) i = nb0 - 1; else if (i < 0) i = 0;
  let j = Math.floor((b - bLo1) * bInv1); if (j >= nb1) j = nb1 - 1; else if (j < 0) j = 0;
  let k = Math.floor((c - bLo2) * bInv2); if (k >= nb2) k = nb2 - 1; else if (k < 0) k = 0;
  return (k * nb1 + j) * nb0 + i;
}

/** Fill the CSR list; returns the number of entries needed (stores only what fits). */
function fill(out: NeighborListBuffer, kind: NeighborKind, nlocal: number, x: Float64Array, cutsq: number, owner?: Int32Array, image?: Int32Array): number {
  const half = kind === 'half';
  const byImage = owner !== undefined && image !== undefined;
  const head = out.binHead, list = out.binAtoms, ab = out.atomBin, st = out.stencil;
  const nb = out.neighbors, cap = nb.length, off = out.offsets;
  let n = 0;
  for (let i = 0; i < nlocal; i++) {
    off[i] = n;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const b = ab[i];
    const bi = b % nb0, bj = Math.floor(b / nb0) % nb1, bk = Math.floor(b / (nb0 * nb1));
    for (let s = 0; s < ns; s += 3) {
      const ii = bi + st[s], jj = bj + st[s + 1], kk = bk + st[s + 2];
      if (ii < 0 || ii >= nb0 || jj < 0 || jj >= nb1 || kk < 0 || kk >= nb2) continue;
      const bb = (kk * nb1 + jj) * nb0 + ii;
      for (let p = head[bb], e = head[bb + 1]; p < e; p++) {
        const j = list[p];
        if (j === i) continue;
        const xj = x[3 * j], yj = x[3 * j + 1], zj = x[3 * j + 2];
        if (half) {
          if (j < nlocal) {
            if (j < i) continue;
          } else if (byImage) {
            if (!ghostAbove(x, owner!, image!, i, j)) continue;
          } else if (zj < zi || (zj === zi && (yj < yi || (yj === yi && xj < xi)))) continue;
        }
        const dx = xi - xj, dy = yi - yj, dz = zi - zj;
        if (dx * dx + dy * dy + dz * dz <= cutsq) {
          if (n < cap) nb[n] = j;
          n++;
        }
      }
    }
  }
  off[nlocal] = n;
  return n;
}

/** Reference O(N^2) list with the same inclusion rules, for tests. Neighbours of each i in ascending index order. */
export function bruteForceNeighborList(kind: NeighborKind, atoms: NeighborAtoms, cutneigh: number): NeighborList {
  const { nlocal, nall, x, owner, image } = atoms;
  const cutsq = cutneigh * cutneigh;
  const offsets = new Int32Array(nlocal + 1);
  const nbr: number[] = [];
  for (let i = 0; i < nlocal; i++) {
    offsets[i] = nbr.length;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    for (let j = 0; j < nall; j++) {
      if (j === i) continue;
      const xj = x[3 * j], yj = x[3 * j + 1], zj = x[3 * j + 2];
      if (kind === 'half') {
        if (j < nlocal) { if (j < i) continue; } else if (owner && image) { if (!ghostAbove(x, owner, image, i, j)) continue; } else if (zj < zi || (zj === zi && (yj < yi || (yj === yi && xj < xi)))) continue;
      }
      const dx = xi - xj, dy = yi - yj, dz = zi - zj;
      if (dx * dx + dy * dy + dz * dz <= cutsq) nbr.push(j);
    }
  }
  offsets[nlocal] = nbr.length;
  return { full: kind === 'full', inum: nlocal, offsets, neighbors: Int32Array.from(nbr), cutneigh };
}
