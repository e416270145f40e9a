/**
 * Simulation-box geometry as LAMMPS's Domain does it: orthogonal or restricted-triclinic boxes,
 * lamda (fractional) <-> Cartesian conversion, minimum image, and `pbc` wrapping with image flags.
 *
 * LAMMPS stores the box as h = [xprd, yprd, zprd, yz, xz, xy] (upper-triangular cell matrix with
 * rows a = (xprd,0,0), b = (xy,yprd,0), c = (xz,yz,zprd)) and its inverse h_inv in the same layout.
 * The formulas below are LAMMPS's `Domain::x2lamda` / `lamda2x` term for term so that round trips
 * round the same way LAMMPS's do (triclinic runs convert to lamda and back at every reneighbouring).
 */
import type { Box } from '../../io/types.js';
import { periodicAxes } from '../../io/boundary.js';

export interface SimBox {
  lo: Float64Array; // [3] xlo ylo zlo
  hi: Float64Array; // [3]
  /** prd = hi - lo per dimension. */
  prd: Float64Array; // [3]
  /** LAMMPS h = [xprd, yprd, zprd, yz, xz, xy]. */
  h: Float64Array; // [6]
  /** LAMMPS h_inv, same layout. */
  hInv: Float64Array; // [6]
  triclinic: boolean;
  /** Periodic in x, y, z? (boundary 'p'); other boundaries are open ('f', 's', 'm'). */
  periodic: [boolean, boolean, boolean];
}

/** A SimBox from the io-layer Box (tilt [xy, xz, yz] or null; boundary 'pp', 'ff', 'fs', ...). */
export function simBoxFromBox(box: Box): SimBox {
  const [xy, xz, yz] = box.tilt ?? [0, 0, 0];
  const periodic = periodicAxes(box);
  return makeSimBox(box.lo, box.hi, box.tilt !== null, [xy, xz, yz], periodic);
}

/** A SimBox from lo/hi, triclinic flag, tilt = [xy, xz, yz] and per-dimension periodicity. */
export function makeSimBox(
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  triclinic: boolean,
  tilt: ArrayLike<number>,
  periodic: [boolean, boolean, boolean],
): SimBox {
  const b: SimBox = {
    lo: Float64Array.from([lo[0], lo[1], lo[2]]),
    hi: Float64Array.from([hi[0], hi[1], hi[2]]),
    prd: new Float64Array(3),
    h: new Float64Array(6),
    hInv: new Float64Array(6),
    triclinic,
    periodic: [periodic[0], periodic[1], periodic[2]],
  };
  setBoxTilt(b, triclinic ? tilt[0] : 0, triclinic ? tilt[1] : 0, triclinic ? tilt[2] : 0);
  return b;
}

/** Recompute prd, h and h_inv after lo/hi/tilt changed (LAMMPS Domain::set_global_box). */
export function setBoxTilt(b: SimBox, xy: number, xz: number, yz: number): SimBox {
  const h = b.h;
  const hi = b.hInv;
  b.prd[0] = h[0] = b.hi[0] - b.lo[0];
  b.prd[1] = h[1] = b.hi[1] - b.lo[1];
  b.prd[2] = h[2] = b.hi[2] - b.lo[2];
  h[3] = yz;
  h[4] = xz;
  h[5] = xy;
  hi[0] = 1.0 / h[0];
  hi[1] = 1.0 / h[1];
  hi[2] = 1.0 / h[2];
  hi[3] = -h[3] / (h[1] * h[2]);
  hi[4] = (h[3] * h[5] - h[1] * h[4]) / (h[0] * h[1] * h[2]);
  hi[5] = -h[5] / (h[0] * h[1]);
  return b;
}

export function boxVolume(b: SimBox): number {
  return b.prd[0] * b.prd[1] * b.prd[2];
}

/** Cartesian -> lamda for atoms [0, n) in place-capable form (out may be x). LAMMPS Domain::x2lamda. */
export function x2lamda(out: Float64Array, b: SimBox, x: Float64Array, n: number): Float64Array {
  const hi = b.hInv;
  const lo0 = b.lo[0], lo1 = b.lo[1], lo2 = b.lo[2];
  for (let i = 0; i < n; i++) {
    const d0 = x[3 * i] - lo0;
    const d1 = x[3 * i + 1] - lo1;
    const d2 = x[3 * i + 2] - lo2;
    out[3 * i] = hi[0] * d0 + hi[5] * d1 + hi[4] * d2;
    out[3 * i + 1] = hi[1] * d1 + hi[3] * d2;
    out[3 * i + 2] = hi[2] * d2;
  }
  return out;
}

/** lamda -> Cartesian for atoms [0, n) (out may be lamda). LAMMPS Domain::lamda2x. */
export function lamda2x(out: Float64Array, b: SimBox, lamda: Float64Array, n: number): Float64Array {
  const h = b.h;
  for (let i = 0; i < n; i++) {
    const l0 = lamda[3 * i], l1 = lamda[3 * i + 1], l2 = lamda[3 * i + 2];
    out[3 * i] = h[0] * l0 + h[5] * l1 + h[4] * l2 + b.lo[0];
    out[3 * i + 1] = h[1] * l1 + h[3] * l2 + b.lo[1];
    out[3 * i + 2] = h[2] * l2 + b.lo[2];
  }
  return out;
}

/**
 * Minimum-image convention on one displacement d[off..off+2] in place (LAMMPS Domain::minimum_image:
 * a single shift by one period when |d| > half the period, only on periodic dimensions).
 */
export function minimumImage(b: SimBox, d: Float64Array, off = 0): void {
  const h = b.h;
  if (!b.triclinic) {
    for (let k = 0; k < 3; k++) {
      if (!b.periodic[k]) continue;
      const p = h[k];
      const v = d[off + k];
      if (Math.abs(v) > 0.5 * p) d[off + k] = v < 0 ? v + p : v - p;
    }
    return;
  }
  if (b.periodic[2] && Math.abs(d[off + 2]) > 0.5 * h[2]) {
    if (d[off + 2] < 0) { d[off + 2] += h[2]; d[off + 1] += h[3]; d[off] += h[4]; } else { d[off + 2] -= h[2]; d[off + 1] -= h[3]; d[off] -= h[4]; }
  }
  if (b.periodic[1] && Math.abs(d[off + 1]) > 0.5 * h[1]) {
    if (d[off + 1] < 0) { d[off + 1] += h[1]; d[off] += h[5]; } else { d[off + 1] -= h[1]; d[off] -= h[5]; }
  }
  if (b.periodic[0] && Math.abs(d[off]) > 0.5 * h[0]) {
    d[off] = d[off] < 0 ? d[off] + h[0] : d[off] - h[0];
  }
}

/**
 * Wrap owned atoms back into a periodic box and update image flags (LAMMPS Domain::pbc: one period
 * per call per dimension; coordinates at hi come back to lo, and never below lo after the shift).
 * `image` holds 3 ints per atom (ix, iy, iz). For a triclinic box the wrap is done in lamda space
 * and positions are converted back, as LAMMPS does at every reneighbouring (x -> lamda -> x).
 * `lamdaScratch` (3*n) is needed for triclinic boxes; it holds the wrapped lamda coordinates after.
 */
export function pbc(b: SimBox, n: number, x: Float64Array, image: Int32Array, lamdaScratch?: Float64Array): void {
  if (!b.triclinic) {
    wrapCoords(n, x, image, b.lo, b.hi, b.prd, b.periodic);
    return;
  }
  if (!lamdaScratch || lamdaScratch.length < 3 * n) throw new Error('pbc: triclinic box needs a lamda scratch buffer of 3*n');
  x2lamda(lamdaScratch, b, x, n);
  wrapCoords(n, lamdaScratch, image, LAMDA_LO, LAMDA_HI, LAMDA_PRD, b.periodic);
  lamda2x(x, b, lamdaScratch, n);
}

const LAMDA_LO = new Float64Array([0, 0, 0]);
const LAMDA_HI = new Float64Array([1, 1, 1]);
const LAMDA_PRD = new Float64Array([1, 1, 1]);

function wrapCoords(n: number, c: Float64Array, image: Int32Array, lo: Float64Array, hi: Float64Array, prd: Float64Array, periodic: boolean[]): void {
  for (let k = 0; k < 3; k++) {
    if (!periodic[k]) continue;
    const l = lo[k], h = hi[k], p = prd[k];
    for (let i = 0; i < n; i++) {
      const j = 3 * i + k;
      if (c[j] < l) {
        c[j] += p;
        image[j]--;
      }
      if (c[j] >= h) {
        c[j] -= p;
        if (c[j] < l) c[j] = l;
        image[j]++;
      }
    }
  }
}

/** Unwrapped position of atom i (x + image . cell vectors), LAMMPS Domain::unmap. */
export function unmap(out: Float64Array, b: SimBox, x: Float64Array, image: Int32Array, i: number): Float64Array {
  const h = b.h;
  const ix = image[3 * i], iy = image[3 * i + 1], iz = image[3 * i + 2];
  if (!b.triclinic) {
    out[0] = x[3 * i] + ix * h[0];
    out[1] = x[3 * i + 1] + iy * h[1];
    out[2] = x[3 * i + 2] + iz * h[2];
  } else {
    out[0] = x[3 * i] + h[0] * ix + h[5] * iy + h[4] * iz;
    out[1] = x[3 * i + 1] + h[1] * iy + h[3] * iz;
    out[2] = x[3 * i + 2] + h[2] * iz;
  }
  return out;
}
