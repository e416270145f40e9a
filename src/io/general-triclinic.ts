/**
 * General triclinic boxes (LAMMPS >= 2024, doc Howto_triclinic "General triclinic simulation
 * boxes"): edge vectors A, B, C of any orientation and an origin. LAMMPS stores and simulates the
 * same box rotated into its restricted form, A = (ax,0,0), B = (bx,by,0), C = (cx,cy,cz) with
 * ax, by, cz > 0, and rotates coordinates on input and output (read_data, write_data
 * triclinic/general, dump_modify triclinic/general). A, B, C must be right-handed.
 *   ax = |A|, bx = B.Â, by = |Â x B|, cx = C.Â, cy = (B.C - bx cx)/by, cz = sqrt(|C|^2 - cx^2 - cy^2)
 * and the restricted box is lo = origin, hi = origin + (ax, by, cz), tilt (xy, xz, yz) = (bx, cx, cy).
 */
import type { Box, BoundaryPair, Column, GeneralTriclinic, Vec3 } from './types.js';

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];

/** Why A, B, C cannot make a box (zero length, coplanar, left-handed), or null when they can. */
export function generalTriclinicProblem(g: GeneralTriclinic): string | null {
  const all = [...g.avec, ...g.bvec, ...g.cvec, ...g.origin];
  if (!all.every(Number.isFinite)) return 'expected finite numbers';
  const vol = dot(cross(g.avec, g.bvec), g.cvec);
  if (vol === 0) return 'A, B, C are coplanar (zero volume)';
  if (vol < 0) return 'A, B, C are left-handed (LAMMPS requires (A x B) . C > 0)';
  return null;
}

/** The restricted box (lo, hi, tilt) that LAMMPS makes of a general triclinic one. */
export function boxFromGeneral(g: GeneralTriclinic, boundary: [BoundaryPair, BoundaryPair, BoundaryPair] = ['pp', 'pp', 'pp']): Box {
  const A = g.avec, B = g.bvec, C = g.cvec;
  const ax = Math.sqrt(dot(A, A));
  const ahat = scale(A, 1 / ax);
  const bx = dot(B, ahat);
  const axb = cross(ahat, B);
  const by = Math.sqrt(dot(axb, axb));
  const cx = dot(C, ahat);
  const cy = (dot(B, C) - bx * cx) / by;
  const cz = Math.sqrt(Math.max(0, dot(C, C) - cx * cx - cy * cy));
  const o = g.origin;
  return { lo: [o[0], o[1], o[2]], hi: [o[0] + ax, o[1] + by, o[2] + cz], tilt: [bx, cx, cy], boundary, general: g };
}

/** Rows of the rotation R that takes the general frame to the restricted one (R A = (ax,0,0), ...). */
export function generalRotation(g: GeneralTriclinic): [Vec3, Vec3, Vec3] {
  const A = g.avec;
  const ahat = scale(A, 1 / Math.sqrt(dot(A, A)));
  const n = cross(A, g.bvec);
  const zhat = scale(n, 1 / Math.sqrt(dot(n, n)));
  const yhat = cross(zhat, ahat);
  return [ahat, yhat, zhat];
}

/**
 * Points of the general frame in the restricted frame, about the origin:
 * p' = origin + R (p - origin). Returns new arrays.
 */
export function pointsToRestricted(g: GeneralTriclinic, x: Float64Array, y: Float64Array, z: Float64Array): { x: Float64Array; y: Float64Array; z: Float64Array } {
  const [r0, r1, r2] = generalRotation(g);
  const o = g.origin;
  const n = x.length;
  const X = new Float64Array(n), Y = new Float64Array(n), Z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p: Vec3 = [x[i] - o[0], y[i] - o[1], z[i] - o[2]];
    X[i] = o[0] + dot(r0, p);
    Y[i] = o[1] + dot(r1, p);
    Z[i] = o[2] + dot(r2, p);
  }
  return { x: X, y: Y, z: Z };
}

/** Vectors (velocities, forces) of the general frame in the restricted frame: v' = R v. */
export function vectorsToRestricted(g: GeneralTriclinic, x: Float64Array, y: Float64Array, z: Float64Array): { x: Float64Array; y: Float64Array; z: Float64Array } {
  const [r0, r1, r2] = generalRotation(g);
  const n = x.length;
  const X = new Float64Array(n), Y = new Float64Array(n), Z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p: Vec3 = [x[i], y[i], z[i]];
    X[i] = dot(r0, p); Y[i] = dot(r1, p); Z[i] = dot(r2, p);
  }
  return { x: X, y: Y, z: Z };
}

/** Points about the origin back into the general frame: p = origin + R^T (p' - origin). */
export function pointsToGeneral(g: GeneralTriclinic, x: Float64Array, y: Float64Array, z: Float64Array): { x: Float64Array; y: Float64Array; z: Float64Array } {
  const [r0, r1, r2] = generalRotation(g);
  const o = g.origin;
  const n = x.length;
  const X = new Float64Array(n), Y = new Float64Array(n), Z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = x[i] - o[0], b = y[i] - o[1], c = z[i] - o[2];
    X[i] = o[0] + r0[0] * a + r1[0] * b + r2[0] * c;
    Y[i] = o[1] + r0[1] * a + r1[1] * b + r2[1] * c;
    Z[i] = o[2] + r0[2] * a + r1[2] * b + r2[2] * c;
  }
  return { x: X, y: Y, z: Z };
}

/** Vectors back into the general frame: v = R^T v'. */
export function vectorsToGeneral(g: GeneralTriclinic, x: Float64Array, y: Float64Array, z: Float64Array): { x: Float64Array; y: Float64Array; z: Float64Array } {
  const [r0, r1, r2] = generalRotation(g);
  const n = x.length;
  const X = new Float64Array(n), Y = new Float64Array(n), Z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = x[i], b = y[i], c = z[i];
    X[i] = r0[0] * a + r1[0] * b + r2[0] * c;
    Y[i] = r0[1] * a + r1[1] * b + r2[1] * c;
    Z[i] = r0[2] * a + r1[2] * b + r2[2] * c;
  }
  return { x: X, y: Y, z: Z };
}

/**
 * Per-atom columns that LAMMPS writes in the general orientation (doc dump_modify
 * triclinic/general): positions (rotated about the origin) and vectors. Scaled coordinates and
 * image flags are fractions of A, B, C and the same in both frames.
 */
export const GENERAL_POINT_COLUMNS: readonly (readonly [string, string, string])[] = [['x', 'y', 'z'], ['xu', 'yu', 'zu']];
export const GENERAL_VECTOR_COLUMNS: readonly (readonly [string, string, string])[] = [
  ['vx', 'vy', 'vz'], ['fx', 'fy', 'fz'], ['mux', 'muy', 'muz'], ['omegax', 'omegay', 'omegaz'], ['angmomx', 'angmomy', 'angmomz'], ['tqx', 'tqy', 'tqz'],
];

function rotateColumns(columns: Map<string, Column>, points: typeof pointsToRestricted, vectors: typeof vectorsToRestricted, g: GeneralTriclinic): Map<string, Column> {
  const out = new Map(columns);
  for (const [list, f] of [[GENERAL_POINT_COLUMNS, points], [GENERAL_VECTOR_COLUMNS, vectors]] as const) {
    for (const [a, b, c] of list) {
      const p = columns.get(a), q = columns.get(b), r = columns.get(c);
      if (!(p instanceof Float64Array && q instanceof Float64Array && r instanceof Float64Array)) continue;
      const t = f(g, p, q, r);
      out.set(a, t.x); out.set(b, t.y); out.set(c, t.z);
    }
  }
  return out;
}

/**
 * LAMMPS keeps atoms in the restricted frame and rotates at input and output; so do lmpv's
 * readers (a frame's columns are restricted, box.general remembers the orientation) and writers
 * of general output (columns rotated back). Returns a new Map; other columns are shared.
 */
export function columnsToRestricted(g: GeneralTriclinic, columns: Map<string, Column>): Map<string, Column> {
  return rotateColumns(columns, pointsToRestricted, vectorsToRestricted, g);
}

export function columnsToGeneral(g: GeneralTriclinic, columns: Map<string, Column>): Map<string, Column> {
  return rotateColumns(columns, pointsToGeneral, vectorsToGeneral, g);
}
