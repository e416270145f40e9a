/**
 * Neighbour-list fill over binned atoms, f64x2 SIMD distances, AoS positions (x[3i..3i+2] for
 * nall = owned + ghost atoms). Scalar twin: kernels/scalar/neighbor-fill.ts. The inclusion rules and
 * the order are those of engine/neighbor/neighbor-list.ts (LAMMPS half/bin/newton, or full):
 * for owned atom i, the stencil's bins in stencil order, each bin's atoms in bin order; j != i and
 * r^2 <= cutsq; 'half': owned j only when j > i, ghost j only when it lies "above" i (z_j > z_i,
 * or equal z and y_j > y_i, or equal z and y and x_j >= x_i).
 *
 * Layout (pointer, count, stride; STYLE.md §9), byte addresses in the imported memory:
 *   neighbors i32[cap] out (entries beyond cap are counted, not stored), offsets i32[nlocal+1] out
 *   x f64[3*nall]; binHead i32[nbins+1] (CSR of bins over binAtoms i32[nall]); atomBin i32[nall];
 *   stencil i32[ns] (bin offsets di, dj, dk, ...); bins nb0 x nb1 x nb2, bin b = (k*nb1 + j)*nb0 + i
 * Returns the number of entries needed.
 *
 * Candidates are taken two per f64x2 (distances of both at once); a bin with an odd count ends
 * with one scalar candidate. Appending is branch-free (store, then advance by the keep flag), so
 * the in/out decision, which mispredicts often, costs no branch. Bins hold their atoms in
 * ascending index order (as neighbor-list.ts bins them), which a half list uses to skip the
 * owned j <= i on indices alone; the entries and their order do not depend on it.
 */

// @ts-ignore: decorator
@inline function keep(j: i32, i: i32, nlocal: i32, half: i32, xi: f64, yi: f64, zi: f64, xj: f64, yj: f64, zj: f64): i32 {
  // ghost j "below" i: skipped in a half list
  const below = <i32>(zj < zi) | (<i32>(zj == zi) & (<i32>(yj < yi) | (<i32>(yj == yi) & <i32>(xj < xi))));
  const halfOk = select<i32>(<i32>(j > i), below ^ 1, j < nlocal);
  return <i32>(j != i) & (<i32>(half == 0) | halfOk);
}

export function neighborFill_f64x2_aos(
  neighbors: usize,
  offsets: usize,
  cap: i32,
  x: usize,
  nlocal: i32,
  half: i32,
  cutsq: f64,
  binHead: usize,
  binAtoms: usize,
  atomBin: usize,
  stencil: usize,
  ns: i32,
  nb0: i32,
  nb1: i32,
  nb2: i32,
): i32 {
  let n: i32 = 0;
  const cutv = f64x2.splat(cutsq);
  for (let i: i32 = 0; i < nlocal; i++) {
    store<i32>(offsets + (<usize>i << 2), n);
    const pi = x + <usize>i * 24;
    const xi = load<f64>(pi), yi = load<f64>(pi, 8), zi = load<f64>(pi, 16);
    const xv = f64x2.splat(xi), yv = f64x2.splat(yi), zv = f64x2.splat(zi);
    const b = load<i32>(atomBin + (<usize>i << 2));
    const bi = b % nb0, bj = (b / nb0) % nb1, bk = b / (nb0 * nb1);
    for (let s: i32 = 0; s < ns; s += 3) {
      const ii = bi + load<i32>(stencil + (<usize>s << 2));
      const jj = bj + load<i32>(stencil + (<usize>s << 2), 4);
      const kk = bk + load<i32>(stencil + (<usize>s << 2), 8);
      if (ii < 0 || ii >= nb0 || jj < 0 || jj >= nb1 || kk < 0 || kk >= nb2) continue;
      const bb = (kk * nb1 + jj) * nb0 + ii;
      let p = load<i32>(binHead + (<usize>bb << 2));
      const e = load<i32>(binHead + (<usize>bb << 2), 4);
      // a bin lists its atoms in ascending index order, so in a half list the owned j <= i (never
      // kept) are a prefix: skip it on indices alone (a predictable branch, no coordinate loads)
      if (half) while (p < e && load<i32>(binAtoms + (<usize>p << 2)) <= i) p++;
      for (; p + 1 < e; p += 2) {
        const j0 = load<i32>(binAtoms + (<usize>p << 2));
        const j1 = load<i32>(binAtoms + (<usize>p << 2), 4);
        const p0 = x + <usize>j0 * 24, p1 = x + <usize>j1 * 24;
        const x0 = load<f64>(p0), y0 = load<f64>(p0, 8), z0 = load<f64>(p0, 16);
        const x1 = load<f64>(p1), y1 = load<f64>(p1, 8), z1 = load<f64>(p1, 16);
        const dx = f64x2.sub(xv, f64x2.replace_lane(f64x2.splat(x0), 1, x1));
        const dy = f64x2.sub(yv, f64x2.replace_lane(f64x2.splat(y0), 1, y1));
        const dz = f64x2.sub(zv, f64x2.replace_lane(f64x2.splat(z0), 1, z1));
        const rsq = f64x2.add(f64x2.add(f64x2.mul(dx, dx), f64x2.mul(dy, dy)), f64x2.mul(dz, dz));
        const inside = f64x2.le(rsq, cutv);
        const k0 = <i32>(i64x2.extract_lane(inside, 0) != 0) & keep(j0, i, nlocal, half, xi, yi, zi, x0, y0, z0);
        const k1 = <i32>(i64x2.extract_lane(inside, 1) != 0) & keep(j1, i, nlocal, half, xi, yi, zi, x1, y1, z1);
        if (n < cap) store<i32>(neighbors + (<usize>n << 2), j0);
        n += k0;
        if (n < cap) store<i32>(neighbors + (<usize>n << 2), j1);
        n += k1;
      }
      if (p < e) {
        const j = load<i32>(binAtoms + (<usize>p << 2));
        const pj = x + <usize>j * 24;
        const xj = load<f64>(pj), yj = load<f64>(pj, 8), zj = load<f64>(pj, 16);
        const dx = xi - xj, dy = yi - yj, dz = zi - zj;
        const k = <i32>(dx * dx + dy * dy + dz * dz <= cutsq) & keep(j, i, nlocal, half, xi, yi, zi, xj, yj, zj);
        if (n < cap) store<i32>(neighbors + (<usize>n << 2), j);
        n += k;
      }
    }
  }
  store<i32>(offsets + (<usize>nlocal << 2), n);
  return n;
}
