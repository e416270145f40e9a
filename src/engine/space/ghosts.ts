/**
 * Ghost atoms: explicit periodic images of owned atoms within `cutghost` of the box, in LAMMPS's
 * layout (potentials/types.ts AtomView): owned atoms 0..nlocal-1, then ghosts, `owner[g]` the
 * owned atom that ghost g images.
 *
 * Generation follows LAMMPS's single-process Comm::borders: dimension by dimension (x, then y,
 * then z, each time including the ghosts already made), atoms with coordinate <= lo + cutghost
 * are imaged one period up and atoms with coordinate >= hi - cutghost one period down; when the
 * cutoff exceeds the box length the new images are imaged again (LAMMPS's multiple "needs").
 * Triclinic boxes do this in lamda coordinates with the per-dimension cutghost of
 * CommBrick::setup (cut * |row d of h_inv|) and convert back with lamda2x.
 *
 * Between reneighbourings, `updateGhosts` refreshes ghost positions as LAMMPS's forward
 * communication does: ghost = (its source atom) + one cell vector, in creation order.
 * Open (non-periodic) dimensions get no images.
 */
import type { AtomView } from '../potentials/types.js';
import { type SimBox, lamda2x, x2lamda } from './box.js';

export class GhostAtoms implements AtomView {
  nlocal = 0;
  nall = 0;
  x: Float64Array;
  type: Int32Array;
  owner: Int32Array;
  tag: Float64Array;
  q?: Float64Array;
  /** Atom that ghost g was imaged from (may itself be a ghost); src[i] = i for owned atoms. */
  src: Int32Array;
  /** Cell-vector shift of ghost g relative to src: dim*2 + (0 for +1 period, 1 for -1 period). */
  shift: Uint8Array;
  /** Integer image offset of every atom relative to its owner (3 per atom). */
  image: Int32Array;
  /** Work coordinates in lamda space for triclinic boxes (3 per atom). */
  lamda: Float64Array;

  constructor(capacity = 1024) {
    this.x = new Float64Array(3 * capacity);
    this.type = new Int32Array(capacity);
    this.owner = new Int32Array(capacity);
    this.tag = new Float64Array(capacity);
    this.src = new Int32Array(capacity);
    this.shift = new Uint8Array(capacity);
    this.image = new Int32Array(3 * capacity);
    this.lamda = new Float64Array(3 * capacity);
  }

  get capacity(): number {
    return this.type.length;
  }

  /** Grow (keeping the first `keep` atoms) so at least n atoms fit. */
  ensure(n: number, keep = this.nall): void {
    if (n <= this.capacity) return;
    const cap = Math.max(n, Math.ceil(this.capacity * 1.5));
    const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, per: number): T => {
      const b = new (a.constructor as { new (n: number): T })(per * cap);
      b.set(a.subarray(0, per * keep));
      return b;
    };
    this.x = grow(this.x, 3);
    this.type = grow(this.type, 1);
    this.owner = grow(this.owner, 1);
    this.tag = grow(this.tag, 1);
    this.src = grow(this.src, 1);
    this.shift = grow(this.shift, 1);
    this.image = grow(this.image, 3);
    this.lamda = grow(this.lamda, 3);
    if (this.q) this.q = grow(this.q, 1);
  }
}

/**
 * Build ghosts for owned atoms x[0..3*nlocal) (already wrapped into the box on periodic sides,
 * e.g. by box.pbc). Copies the owned atoms into `out`, then appends the ghosts. `type`, `tag`
 * (and `q`) are per owned atom; ghosts copy their owner's. For triclinic boxes, `lamda` may give
 * the owned atoms' lamda coordinates (box.pbc's scratch output) so that no extra x->lamda round
 * trip is made, as in LAMMPS. Returns out.
 */
export function buildGhosts(
  out: GhostAtoms,
  box: SimBox,
  nlocal: number,
  x: Float64Array,
  type: Int32Array,
  tag: Float64Array | null,
  cutghost: number,
  q?: Float64Array,
  lamda?: Float64Array,
): GhostAtoms {
  out.nall = 0;
  out.ensure(nlocal, 0);
  out.nlocal = nlocal;
  if (q && (!out.q || out.q.length < out.capacity)) out.q = new Float64Array(out.capacity);
  if (!q) out.q = undefined;
  const tri = box.triclinic;
  // work coordinates: x (orthogonal) or lamda (triclinic)
  let c: Float64Array = out.x;
  if (tri) {
    c = out.lamda;
    if (lamda) c.set(lamda.subarray(0, 3 * nlocal));
    else x2lamda(c, box, x, nlocal);
  }
  if (out.x !== x) out.x.set(x.subarray(0, 3 * nlocal));
  for (let i = 0; i < nlocal; i++) {
    out.type[i] = type[i];
    out.tag[i] = tag ? tag[i] : i + 1;
    out.owner[i] = i;
    out.src[i] = i;
    out.shift[i] = 0;
    out.image[3 * i] = out.image[3 * i + 1] = out.image[3 * i + 2] = 0;
    if (q) out.q![i] = q[i];
  }
  let nall = nlocal;
  const hInv = box.hInv;
  for (let d = 0; d < 3; d++) {
    if (!box.periodic[d]) continue;
    let lo: number, hi: number, period: number, cut: number;
    if (tri) {
      lo = 0; hi = 1; period = 1;
      const len = d === 0 ? Math.sqrt(hInv[0] * hInv[0] + hInv[5] * hInv[5] + hInv[4] * hInv[4])
        : d === 1 ? Math.sqrt(hInv[1] * hInv[1] + hInv[3] * hInv[3]) : hInv[2];
      cut = cutghost * len;
    } else {
      lo = box.lo[d]; hi = box.hi[d]; period = box.prd[d]; cut = cutghost;
    }
    const upLimit = lo + cut;
    const downLimit = hi - cut;
    let p0 = 0, p1 = nall, m0 = 0, m1 = nall;
    while (p1 > p0 || m1 > m0) {
      // one period up from atoms in [p0, p1), then one period down from [m0, m1)
      const start = nall;
      for (let i = p0; i < p1; i++) {
        if (c[3 * i + d] <= upLimit) {
          if (nall >= out.capacity) { out.ensure(nall + 1, nall); c = tri ? out.lamda : out.x; }
          nall = addImage(out, c, i, nall, d, 0, period, q !== undefined);
        }
      }
      const pEnd = nall;
      for (let i = m0; i < m1; i++) {
        if (c[3 * i + d] >= downLimit) {
          if (nall >= out.capacity) { out.ensure(nall + 1, nall); c = tri ? out.lamda : out.x; }
          nall = addImage(out, c, i, nall, d, 1, -period, q !== undefined);
        }
      }
      p0 = start; p1 = pEnd; m0 = pEnd; m1 = nall;
    }
  }
  out.nall = nall;
  if (tri) lamda2x(out.x.subarray(3 * nlocal), box, c.subarray(3 * nlocal), nall - nlocal);
  return out;
}

function addImage(out: GhostAtoms, c: Float64Array, i: number, g: number, d: number, side: number, delta: number, hasQ: boolean): number {
  c[3 * g] = c[3 * i];
  c[3 * g + 1] = c[3 * i + 1];
  c[3 * g + 2] = c[3 * i + 2];
  c[3 * g + d] += delta;
  const o = out.owner[i];
  out.owner[g] = o;
  out.type[g] = out.type[o];
  out.tag[g] = out.tag[o];
  if (hasQ) out.q![g] = out.q![o];
  out.src[g] = i;
  out.shift[g] = 2 * d + side;
  out.image[3 * g] = out.image[3 * i];
  out.image[3 * g + 1] = out.image[3 * i + 1];
  out.image[3 * g + 2] = out.image[3 * i + 2];
  out.image[3 * g + d] += side === 0 ? 1 : -1;
  return g + 1;
}

/**
 * Refresh ghost positions from the owned atoms (LAMMPS forward communication): copies x (owned
 * positions, 3*nlocal; skipped when x is out.x) and sets each ghost to its source atom plus one
 * cell vector (x: a = (xprd,0,0); y: b = (xy,yprd,0); z: c = (xz,yz,zprd)), in creation order.
 */
export function updateGhosts(out: GhostAtoms, box: SimBox, x?: Float64Array): GhostAtoms {
  const ox = out.x;
  if (x && x !== ox) ox.set(x.subarray(0, 3 * out.nlocal));
  const h = box.h;
  const src = out.src, shift = out.shift;
  for (let g = out.nlocal; g < out.nall; g++) {
    const s = src[g];
    const code = shift[g];
    const sign = (code & 1) === 0 ? 1 : -1;
    const d = code >> 1;
    let dx = 0, dy = 0, dz = 0;
    if (d === 0) dx = sign * h[0];
    else if (d === 1) { dx = sign * h[5]; dy = sign * h[1]; }
    else { dx = sign * h[4]; dy = sign * h[3]; dz = sign * h[2]; }
    ox[3 * g] = ox[3 * s] + dx;
    ox[3 * g + 1] = ox[3 * s + 1] + dy;
    ox[3 * g + 2] = ox[3 * s + 2] + dz;
  }
  return out;
}

/** Fold forces (3 per atom) on ghosts onto their owners (LAMMPS reverse communication), in place. */
export function foldGhostForces(out: GhostAtoms, f: Float64Array): void {
  for (let g = out.nall - 1; g >= out.nlocal; g--) {
    const o = out.src[g];
    f[3 * o] += f[3 * g];
    f[3 * o + 1] += f[3 * g + 1];
    f[3 * o + 2] += f[3 * g + 2];
  }
}

/** Fold a per-atom scalar (e.g. eatom) on ghosts onto their owners, in place. */
export function foldGhostScalar(out: GhostAtoms, a: Float64Array): void {
  for (let g = out.nall - 1; g >= out.nlocal; g--) a[out.src[g]] += a[g];
}
