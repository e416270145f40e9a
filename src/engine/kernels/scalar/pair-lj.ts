/**
 * Scalar twin of the f64x2 kernel wasm/assembly/pair-lj.ts `pairLj_f64x2_aos`: 12-6 Lennard-Jones
 * energy and forces over a half (newton on) CSR neighbour list, AoS positions x[3i..3i+2].
 *
 * E_ij = r^-6 (lj3 r^-6 - lj4) - offset [energy], F_ij = r^-6 (lj1 r^-6 - lj2) / r^2 * d_ij, for
 * r^2 < cutsq of the type pair; lj1 = 48 eps sig^12, lj2 = 24 eps sig^6, lj3 = 4 eps sig^12,
 * lj4 = 4 eps sig^6, offset = E(rc) with pair_modify shift yes.
 *
 * Same arguments as the kernel, as typed arrays: `f` (3*nall) and `eatom` (nall, or null) are
 * accumulated into; `params` holds per type pair row t = ti*ntp + tj (ntp = ntypes + 1) the
 * PARAM_STRIDE values [cutsq, lj1, lj2, lj3, lj4, offset]. Returns the pair energy sum.
 * Accumulation order (fxi, f[j], energy, eatom in neighbour order) is the kernel's, so both give
 * bitwise the same numbers.
 */
export const PARAM_STRIDE = 6;

export function pairLj_aos(
  f: Float64Array,
  eatom: Float64Array | null,
  x: Float64Array,
  type: Int32Array,
  offsets: Int32Array,
  neighbors: Int32Array,
  inum: number,
  params: Float64Array,
  ntp: number,
): number {
  let evdwl = 0;
  for (let i = 0; i < inum; i++) {
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const ti = type[i] * ntp;
    let fxi = 0, fyi = 0, fzi = 0;
    for (let jj = offsets[i], je = offsets[i + 1]; jj < je; jj++) {
      const j = neighbors[jj];
      const dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
      const rsq = dx * dx + dy * dy + dz * dz;
      const q = (ti + type[j]) * PARAM_STRIDE;
      if (rsq >= params[q]) continue;
      const r2inv = 1.0 / rsq;
      const r6inv = r2inv * r2inv * r2inv;
      const forcelj = r6inv * (params[q + 1] * r6inv - params[q + 2]);
      const fpair = forcelj * r2inv;
      const a = dx * fpair, b = dy * fpair, c = dz * fpair;
      fxi += a;
      fyi += b;
      fzi += c;
      f[3 * j] -= a;
      f[3 * j + 1] -= b;
      f[3 * j + 2] -= c;
      const e = r6inv * (params[q + 3] * r6inv - params[q + 4]) - params[q + 5];
      evdwl += e;
      if (eatom) {
        eatom[i] += 0.5 * e;
        eatom[j] += 0.5 * e;
      }
    }
    f[3 * i] += fxi;
    f[3 * i + 1] += fyi;
    f[3 * i + 2] += fzi;
  }
  return evdwl;
}

/**
 * Pack per-type-pair tables ((ntypes+1)^2 entries each, index ti*ntp + tj) into the kernel's
 * params layout; reuses `out` when it is large enough. Returns the packed array.
 */
export function packLjParams(
  out: Float64Array | null,
  ntp: number,
  cutsq: Float64Array,
  lj1: Float64Array,
  lj2: Float64Array,
  lj3: Float64Array,
  lj4: Float64Array,
  offset: Float64Array,
): Float64Array {
  const n = ntp * ntp;
  const p = out && out.length >= n * PARAM_STRIDE ? out : new Float64Array(n * PARAM_STRIDE);
  for (let t = 0; t < n; t++) {
    const q = t * PARAM_STRIDE;
    p[q] = cutsq[t];
    p[q + 1] = lj1[t];
    p[q + 2] = lj2[t];
    p[q + 3] = lj3[t];
    p[q + 4] = lj4[t];
    p[q + 5] = offset[t];
  }
  return p;
}
