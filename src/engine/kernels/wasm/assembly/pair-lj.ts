/**
 * 12-6 Lennard-Jones pair kernel, f64x2 SIMD, over a half (newton on) CSR neighbour list with AoS
 * positions, as the engine stores them (potentials/types.ts: x[3i..3i+2] for nall = owned + ghost
 * atoms). Scalar twin: kernels/scalar/pair-lj.ts (same arguments as typed arrays).
 *
 * E_ij = r^-6 (lj3 r^-6 - lj4) - offset, F_ij = r^-6 (lj1 r^-6 - lj2) / r^2 * d_ij  (r < rc_ij)
 * with lj1 = 48 eps sig^12, lj2 = 24 eps sig^6, lj3 = 4 eps sig^12, lj4 = 4 eps sig^6 and
 * offset = E(rc) (pair_modify shift yes) or 0 [energy, force = energy/distance].
 *
 * Layout (pointer, count, stride; STYLE.md §9), byte addresses in the imported memory:
 *   f        f64[3*nall] out, accumulated into (forces on owned AND ghost atoms)
 *   eatom    f64[nall] out, accumulated into; 0 = no per-atom energy
 *   x        f64[3*nall] positions, AoS stride 3
 *   type     i32[nall] 1-based types
 *   offsets  i32[inum+1], neighbors i32[offsets[inum]]: CSR half list of the owned atoms
 *   params   f64[ntp*ntp*PARAM_STRIDE]: row t = ti*ntp + tj holds
 *            [cutsq, lj1, lj2, lj3, lj4, offset] (ntp = ntypes + 1, row 0 unused)
 * Returns the pair energy sum.
 *
 * One atom type (ntp = 2) takes a loop with the coefficients splatted once (no type loads).
 * Two neighbours j are evaluated per f64x2 (the distances, 1/r^2, r^-6, the force and the energy
 * of both lanes at once); a row with an odd count finishes with one scalar pair inside the
 * kernel. The accumulation into fxi, f[j], the energy and eatom is done lane 0 then lane 1, in the
 * neighbour order, exactly as the plain loop does it: the results are bitwise the same as the
 * scalar twin and as potentials/lj-cut (no fused multiply-add in wasm SIMD, IEEE per lane).
 * Blocks are branch-free: a lane with r^2 >= cutsq gets force and energy +0 by masking (v128.andnot),
 * and adding +0 changes nothing bitwise, because these sums start at +0 and so can never be -0
 * (x + (+0) = x unless x = -0; f[j] - (+0) = f[j] always). A NaN r^2 is not >= cutsq, so, as in
 * the plain loop, it is evaluated and its NaN propagates. Per-atom energies keep a per-lane test
 * (an eatom handed in as -0 stays -0, as in the loop). Dropping the per-pair cutoff branch, which
 * mispredicts often in a liquid (~70% of listed pairs are inside rc), is most of the speed-up.
 */

// @ts-ignore: decorator
@inline const PARAM_STRIDE: usize = 6;

export function pairLj_f64x2_aos(
  f: usize,
  eatom: usize,
  x: usize,
  type: usize,
  offsets: usize,
  neighbors: usize,
  inum: i32,
  params: usize,
  ntp: i32,
): f64 {
  if (ntp == 2) return pairLjOneType(f, eatom, x, offsets, neighbors, inum, params + PARAM_STRIDE * 3 * 8);
  let evdwl: f64 = 0;
  const one = f64x2.splat(1.0);
  for (let i: i32 = 0; i < inum; i++) {
    const pi = x + <usize>i * 24;
    const xi = load<f64>(pi), yi = load<f64>(pi, 8), zi = load<f64>(pi, 16);
    const xv = f64x2.splat(xi), yv = f64x2.splat(yi), zv = f64x2.splat(zi);
    const ti = load<i32>(type + (<usize>i << 2)) * ntp;
    let fxi: f64 = 0, fyi: f64 = 0, fzi: f64 = 0;
    let jj = load<i32>(offsets + (<usize>i << 2));
    const je = load<i32>(offsets + (<usize>i << 2), 4);
    // blocks of two neighbours
    for (; jj + 1 < je; jj += 2) {
      const j0 = load<i32>(neighbors + (<usize>jj << 2));
      const j1 = load<i32>(neighbors + (<usize>jj << 2), 4);
      const p0 = x + <usize>j0 * 24, p1 = x + <usize>j1 * 24;
      const dx = f64x2.sub(xv, f64x2.replace_lane(f64x2.splat(load<f64>(p0)), 1, load<f64>(p1)));
      const dy = f64x2.sub(yv, f64x2.replace_lane(f64x2.splat(load<f64>(p0, 8)), 1, load<f64>(p1, 8)));
      const dz = f64x2.sub(zv, f64x2.replace_lane(f64x2.splat(load<f64>(p0, 16)), 1, load<f64>(p1, 16)));
      const rsq = f64x2.add(f64x2.add(f64x2.mul(dx, dx), f64x2.mul(dy, dy)), f64x2.mul(dz, dz));
      const q0 = params + <usize>(ti + load<i32>(type + (<usize>j0 << 2))) * (PARAM_STRIDE << 3);
      const q1 = params + <usize>(ti + load<i32>(type + (<usize>j1 << 2))) * (PARAM_STRIDE << 3);
      const cutv = f64x2.replace_lane(f64x2.splat(load<f64>(q0)), 1, load<f64>(q1));
      const lj1 = f64x2.replace_lane(f64x2.splat(load<f64>(q0, 8)), 1, load<f64>(q1, 8));
      const lj2 = f64x2.replace_lane(f64x2.splat(load<f64>(q0, 16)), 1, load<f64>(q1, 16));
      const lj3 = f64x2.replace_lane(f64x2.splat(load<f64>(q0, 24)), 1, load<f64>(q1, 24));
      const lj4 = f64x2.replace_lane(f64x2.splat(load<f64>(q0, 32)), 1, load<f64>(q1, 32));
      const off = f64x2.replace_lane(f64x2.splat(load<f64>(q0, 40)), 1, load<f64>(q1, 40));
      // branch-free (see the header): lanes with r^2 >= cutsq (not NaN) contribute exactly +0
      const out = f64x2.ge(rsq, cutv);
      const r2inv = f64x2.div(one, rsq);
      const r6inv = f64x2.mul(f64x2.mul(r2inv, r2inv), r2inv);
      const forcelj = f64x2.mul(r6inv, f64x2.sub(f64x2.mul(lj1, r6inv), lj2));
      const fpair = f64x2.mul(forcelj, r2inv);
      // mask the products, not fpair: dx * (+0) is -0 for dx < 0
      const fx = v128.andnot(f64x2.mul(dx, fpair), out), fy = v128.andnot(f64x2.mul(dy, fpair), out), fz = v128.andnot(f64x2.mul(dz, fpair), out);
      const e = v128.andnot(f64x2.sub(f64x2.mul(r6inv, f64x2.sub(f64x2.mul(lj3, r6inv), lj4)), off), out);
      const a0 = f64x2.extract_lane(fx, 0), b0 = f64x2.extract_lane(fy, 0), c0 = f64x2.extract_lane(fz, 0);
      const a1 = f64x2.extract_lane(fx, 1), b1 = f64x2.extract_lane(fy, 1), c1 = f64x2.extract_lane(fz, 1);
      fxi += a0; fyi += b0; fzi += c0;
      fxi += a1; fyi += b1; fzi += c1;
      const fj0 = f + <usize>j0 * 24;
      store<f64>(fj0, load<f64>(fj0) - a0);
      store<f64>(fj0, load<f64>(fj0, 8) - b0, 8);
      store<f64>(fj0, load<f64>(fj0, 16) - c0, 16);
      const fj1 = f + <usize>j1 * 24;
      store<f64>(fj1, load<f64>(fj1) - a1);
      store<f64>(fj1, load<f64>(fj1, 8) - b1, 8);
      store<f64>(fj1, load<f64>(fj1, 16) - c1, 16);
      const e0 = f64x2.extract_lane(e, 0), e1 = f64x2.extract_lane(e, 1);
      evdwl += e0;
      evdwl += e1;
      if (eatom) {
        const ei = eatom + (<usize>i << 3);
        if (!i64x2.extract_lane(out, 0)) {
          const ej = eatom + (<usize>j0 << 3);
          store<f64>(ei, load<f64>(ei) + 0.5 * e0);
          store<f64>(ej, load<f64>(ej) + 0.5 * e0);
        }
        if (!i64x2.extract_lane(out, 1)) {
          const ej = eatom + (<usize>j1 << 3);
          store<f64>(ei, load<f64>(ei) + 0.5 * e1);
          store<f64>(ej, load<f64>(ej) + 0.5 * e1);
        }
      }
    }
    // remainder: one neighbour
    if (jj < je) {
      const j = load<i32>(neighbors + (<usize>jj << 2));
      const pj = x + <usize>j * 24;
      const dx = xi - load<f64>(pj), dy = yi - load<f64>(pj, 8), dz = zi - load<f64>(pj, 16);
      const rsq = dx * dx + dy * dy + dz * dz;
      const q = params + <usize>(ti + load<i32>(type + (<usize>j << 2))) * (PARAM_STRIDE << 3);
      if (!(rsq >= load<f64>(q))) {
        const r2inv = 1.0 / rsq;
        const r6inv = r2inv * r2inv * r2inv;
        const forcelj = r6inv * (load<f64>(q, 8) * r6inv - load<f64>(q, 16));
        const fpair = forcelj * r2inv;
        const a = dx * fpair, b = dy * fpair, c = dz * fpair;
        fxi += a; fyi += b; fzi += c;
        const fj = f + <usize>j * 24;
        store<f64>(fj, load<f64>(fj) - a);
        store<f64>(fj, load<f64>(fj, 8) - b, 8);
        store<f64>(fj, load<f64>(fj, 16) - c, 16);
        const e = r6inv * (load<f64>(q, 24) * r6inv - load<f64>(q, 32)) - load<f64>(q, 40);
        evdwl += e;
        if (eatom) {
          const h = 0.5 * e;
          const ei = eatom + (<usize>i << 3), ej = eatom + (<usize>j << 3);
          store<f64>(ei, load<f64>(ei) + h);
          store<f64>(ej, load<f64>(ej) + h);
        }
      }
    }
    const fi = f + <usize>i * 24;
    store<f64>(fi, load<f64>(fi) + fxi);
    store<f64>(fi, load<f64>(fi, 8) + fyi, 8);
    store<f64>(fi, load<f64>(fi, 16) + fzi, 16);
  }
  return evdwl;
}

/**
 * One atom type (row (1,1) of the table at q): the same arithmetic with the coefficients splatted
 * once instead of gathered per pair, and no type loads.
 */
function pairLjOneType(f: usize, eatom: usize, x: usize, offsets: usize, neighbors: usize, inum: i32, q: usize): f64 {
  let evdwl: f64 = 0;
  const one = f64x2.splat(1.0);
  const cutsq = load<f64>(q);
  const c1 = load<f64>(q, 8), c2 = load<f64>(q, 16), c3 = load<f64>(q, 24), c4 = load<f64>(q, 32), c5 = load<f64>(q, 40);
  const cutv = f64x2.splat(cutsq);
  const lj1 = f64x2.splat(c1), lj2 = f64x2.splat(c2), lj3 = f64x2.splat(c3), lj4 = f64x2.splat(c4), off = f64x2.splat(c5);
  for (let i: i32 = 0; i < inum; i++) {
    const pi = x + <usize>i * 24;
    const xi = load<f64>(pi), yi = load<f64>(pi, 8), zi = load<f64>(pi, 16);
    const xv = f64x2.splat(xi), yv = f64x2.splat(yi), zv = f64x2.splat(zi);
    let fxi: f64 = 0, fyi: f64 = 0, fzi: f64 = 0;
    let jj = load<i32>(offsets + (<usize>i << 2));
    const je = load<i32>(offsets + (<usize>i << 2), 4);
    for (; jj + 1 < je; jj += 2) {
      const j0 = load<i32>(neighbors + (<usize>jj << 2));
      const j1 = load<i32>(neighbors + (<usize>jj << 2), 4);
      const p0 = x + <usize>j0 * 24, p1 = x + <usize>j1 * 24;
      const dx = f64x2.sub(xv, f64x2.replace_lane(f64x2.splat(load<f64>(p0)), 1, load<f64>(p1)));
      const dy = f64x2.sub(yv, f64x2.replace_lane(f64x2.splat(load<f64>(p0, 8)), 1, load<f64>(p1, 8)));
      const dz = f64x2.sub(zv, f64x2.replace_lane(f64x2.splat(load<f64>(p0, 16)), 1, load<f64>(p1, 16)));
      const rsq = f64x2.add(f64x2.add(f64x2.mul(dx, dx), f64x2.mul(dy, dy)), f64x2.mul(dz, dz));
      // branch-free: lanes with r^2 >= cutsq (not NaN) contribute +0, which leaves every sum
      // bitwise unchanged (the sums start at +0 and so are never -0; f[j] - (+0) = f[j])
      const out = f64x2.ge(rsq, cutv);
      const r2inv = f64x2.div(one, rsq);
      const r6inv = f64x2.mul(f64x2.mul(r2inv, r2inv), r2inv);
      const fpair = f64x2.mul(f64x2.mul(r6inv, f64x2.sub(f64x2.mul(lj1, r6inv), lj2)), r2inv);
      const fx = v128.andnot(f64x2.mul(dx, fpair), out), fy = v128.andnot(f64x2.mul(dy, fpair), out), fz = v128.andnot(f64x2.mul(dz, fpair), out);
      const e = v128.andnot(f64x2.sub(f64x2.mul(r6inv, f64x2.sub(f64x2.mul(lj3, r6inv), lj4)), off), out);
      const a0 = f64x2.extract_lane(fx, 0), b0 = f64x2.extract_lane(fy, 0), c0 = f64x2.extract_lane(fz, 0);
      const a1 = f64x2.extract_lane(fx, 1), b1 = f64x2.extract_lane(fy, 1), c1 = f64x2.extract_lane(fz, 1);
      fxi += a0; fyi += b0; fzi += c0;
      fxi += a1; fyi += b1; fzi += c1;
      const fj0 = f + <usize>j0 * 24;
      store<f64>(fj0, load<f64>(fj0) - a0);
      store<f64>(fj0, load<f64>(fj0, 8) - b0, 8);
      store<f64>(fj0, load<f64>(fj0, 16) - c0, 16);
      const fj1 = f + <usize>j1 * 24;
      store<f64>(fj1, load<f64>(fj1) - a1);
      store<f64>(fj1, load<f64>(fj1, 8) - b1, 8);
      store<f64>(fj1, load<f64>(fj1, 16) - c1, 16);
      const e0 = f64x2.extract_lane(e, 0), e1 = f64x2.extract_lane(e, 1);
      evdwl += e0;
      evdwl += e1;
      if (eatom) {
        // per-atom energies only for pairs inside (an eatom handed in as -0 stays -0, as in the loop)
        const ei = eatom + (<usize>i << 3);
        if (!i64x2.extract_lane(out, 0)) {
          const ej = eatom + (<usize>j0 << 3);
          store<f64>(ei, load<f64>(ei) + 0.5 * e0);
          store<f64>(ej, load<f64>(ej) + 0.5 * e0);
        }
        if (!i64x2.extract_lane(out, 1)) {
          const ej = eatom + (<usize>j1 << 3);
          store<f64>(ei, load<f64>(ei) + 0.5 * e1);
          store<f64>(ej, load<f64>(ej) + 0.5 * e1);
        }
      }
    }
    if (jj < je) {
      const j = load<i32>(neighbors + (<usize>jj << 2));
      const pj = x + <usize>j * 24;
      const dx = xi - load<f64>(pj), dy = yi - load<f64>(pj, 8), dz = zi - load<f64>(pj, 16);
      const rsq = dx * dx + dy * dy + dz * dz;
      if (!(rsq >= cutsq)) {
        const r2inv = 1.0 / rsq;
        const r6inv = r2inv * r2inv * r2inv;
        const fpair = r6inv * (c1 * r6inv - c2) * r2inv;
        const a = dx * fpair, b = dy * fpair, c = dz * fpair;
        fxi += a; fyi += b; fzi += c;
        const fj = f + <usize>j * 24;
        store<f64>(fj, load<f64>(fj) - a);
        store<f64>(fj, load<f64>(fj, 8) - b, 8);
        store<f64>(fj, load<f64>(fj, 16) - c, 16);
        const e = r6inv * (c3 * r6inv - c4) - c5;
        evdwl += e;
        if (eatom) {
          const h = 0.5 * e;
          const ei = eatom + (<usize>i << 3), ej = eatom + (<usize>j << 3);
          store<f64>(ei, load<f64>(ei) + h);
          store<f64>(ej, load<f64>(ej) + h);
        }
      }
    }
    const fi = f + <usize>i * 24;
    store<f64>(fi, load<f64>(fi) + fxi);
    store<f64>(fi, load<f64>(fi, 8) + fyi, 8);
    store<f64>(fi, load<f64>(fi, 16) + fzi, 16);
  }
  return evdwl;
}
