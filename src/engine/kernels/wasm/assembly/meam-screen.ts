/**
 * MEAM pass 1, screening: for every owned atom i and every bond ij of its half list, the many-body
 * screening S_ij = prod_k S_ikj (Baskes 1997; LAMMPS src/MEAM/meam_dens_init.cpp getscreen), the
 * radial cutoff fc((rc - r_ij)/delr) and dS_ij/dr_ij as LAMMPS stores it (dscrfcn), plus the
 * partially screening atoms k (0 < S_ikj < 1) of each bond for pass 3. Scalar twin: screen() in
 * ../../../potentials/meam/evaluate.ts; the same double operations in the same order on the same
 * candidates, so the same bits (test/engine/kernels/meam-screen.test.ts). The candidate test
 * r_jk^2 <= ebound r_ij^2 is computed for two candidates at once (f64x2: lane for lane the scalar
 * operations); everything after it runs candidate by candidate in list order, because S_ij is a
 * product taken in that order.
 *
 * Layout (byte addresses): x f64[3 nall] (AoS), elt i32[nall] (-1 unmapped), full list offsets
 * i32[nlocal+1] / neighbours, half list offsets i32[nlocal+1] / neighbours; params: ebound
 * f64[n n], Cmin, Cmax f64[n n n]; outputs per half-list bond scr, dscr, fcp f64, trStart, trEnd
 * i32; screening entries trK i32, trRik2, trRjk2, trC, trDelc f64 (capacity trCap); scratch for
 * one atom's candidates: candK i32[cmax], candR2 f64[cmax], candX f64[3 cmax + 6].
 */

let cK: usize = 0;
let cR: usize = 0;
let cX: usize = 0;

/** Configure the candidate scratch (capacity: the longest full-list row). */
export function meamScreenScratch(candK: usize, candR2: usize, candX: usize): void {
  cK = candK;
  cR = candR2;
  cX = candX;
}

// @ts-ignore: decorator
@inline function ldf(p: usize, k: i32): f64 {
  return load<f64>(p + (<usize>k << 3));
}
// @ts-ignore: decorator
@inline function ldi(p: usize, k: i32): i32 {
  return load<i32>(p + (<usize>k << 2));
}
// @ts-ignore: decorator
@inline function stf(p: usize, k: i32, v: f64): void {
  store<f64>(p + (<usize>k << 3), v);
}
// @ts-ignore: decorator
@inline function sti(p: usize, k: i32, v: i32): void {
  store<i32>(p + (<usize>k << 2), v);
}

/**
 * Screening of every half-list bond of owned atoms 0..nlocal-1 with elt >= 0 (see the header).
 * Returns the number of screening entries written, or -1 when they would exceed trCap (nothing
 * past trCap is written; the caller grows the buffers and calls again).
 */
export function meamScreen_f64x2_aos(
  x: usize, elt: usize, nlocal: i32,
  fOff: usize, fNb: usize, hOff: usize, hNb: usize,
  nelt: i32, ebound: usize, cmin: usize, cmax: usize, rc: f64, delr: f64, candCut: f64,
  scr: usize, dscr: usize, fcp: usize, trStart: usize, trEnd: usize,
  trK: usize, trRik2: usize, trRjk2: usize, trC: usize, trDelc: usize, trCap: i32,
): i32 {
  const cutsq = rc * rc;
  const drinv = 1.0 / delr;
  let ntr: i32 = 0;
  for (let i: i32 = 0; i < nlocal; i++) {
    const elti = ldi(elt, i);
    if (elti < 0) continue;
    const xi = ldf(x, 3 * i), yi = ldf(x, 3 * i + 1), zi = ldf(x, 3 * i + 2);
    // candidates: i's full-list neighbours with a mapped element within candCut (MeamWork.candidates)
    let nc: i32 = 0;
    for (let kn = ldi(fOff, i), ke = ldi(fOff, i + 1); kn < ke; kn++) {
      const k = ldi(fNb, kn);
      if (ldi(elt, k) < 0) continue;
      const xk = ldf(x, 3 * k), yk = ldf(x, 3 * k + 1), zk = ldf(x, 3 * k + 2);
      const dxik = xk - xi, dyik = yk - yi, dzik = zk - zi;
      const rik2 = dxik * dxik + dyik * dyik + dzik * dzik;
      if (rik2 > candCut) continue;
      sti(cK, nc, k);
      stf(cR, nc, rik2);
      stf(cX, 3 * nc, xk);
      stf(cX, 3 * nc + 1, yk);
      stf(cX, 3 * nc + 2, zk);
      nc++;
    }
    // a padding candidate (never within any bound) so that pairs of candidates need no tail
    sti(cK, nc, -1);
    stf(cR, nc, Infinity);
    stf(cX, 3 * nc, Infinity);
    stf(cX, 3 * nc + 1, Infinity);
    stf(cX, 3 * nc + 2, Infinity);
    for (let jn = ldi(hOff, i), je = ldi(hOff, i + 1); jn < je; jn++) {
      const j = ldi(hNb, jn);
      const eltj = ldi(elt, j);
      sti(trStart, jn, ntr);
      sti(trEnd, jn, ntr);
      if (eltj < 0) {
        stf(dscr, jn, 0.0);
        stf(scr, jn, 0.0);
        stf(fcp, jn, 0.0);
        continue;
      }
      const xj = ldf(x, 3 * j), yj = ldf(x, 3 * j + 1), zj = ldf(x, 3 * j + 2);
      const dxij = xj - xi, dyij = yj - yi, dzij = zj - zi;
      const rij2 = dxij * dxij + dyij * dyij + dzij * dzij;
      if (rij2 > cutsq) {
        stf(dscr, jn, 0.0);
        stf(scr, jn, 0.0);
        stf(fcp, jn, 0.0);
        continue;
      }
      const rbound = ldf(ebound, elti * nelt + eltj) * rij2;
      const rij = Math.sqrt(rij2);
      const rnorm = (rc - rij) * drinv;
      const cbase = (elti * nelt + eltj) * nelt;
      let sij: f64 = 1.0;
      const t0 = ntr;
      let ns = t0;
      const vxj = f64x2.splat(xj), vyj = f64x2.splat(yj), vzj = f64x2.splat(zj), vb = f64x2.splat(rbound);
      let stop = false;
      for (let c: i32 = 0; c < nc && !stop; c += 2) {
        // r_jk^2 of candidates c and c+1 (the padding one when c+1 == nc)
        const p = cX + (<usize>(3 * c) << 3);
        const a0 = v128.load(p), a1 = v128.load(p, 16), a2 = v128.load(p, 32);
        // x y | z x' | y' z'  ->  lanes (c, c+1)
        const vx = f64x2.sub(v128.shuffle<f64>(a0, a1, 0, 3), vxj);
        const vy = f64x2.sub(v128.shuffle<f64>(a0, a2, 1, 2), vyj);
        const vz = f64x2.sub(v128.shuffle<f64>(a1, a2, 0, 3), vzj);
        const r2 = f64x2.add(f64x2.add(f64x2.mul(vx, vx), f64x2.mul(vy, vy)), f64x2.mul(vz, vz));
        const rik2v = v128.load(cR + (<usize>c << 3));
        // both beyond the ellipse bound (the scalar tests r > bound, so a NaN is not skipped here either)
        if (i64x2.all_true(v128.or(f64x2.gt(rik2v, vb), f64x2.gt(r2, vb)))) continue;
        for (let h: i32 = 0; h < 2; h++) {
          const cc = c + h;
          if (cc >= nc) break;
          const rik2 = ldf(cR, cc);
          if (rik2 > rbound) continue;
          const k = ldi(cK, cc);
          if (k == j) continue;
          const rjk2 = h == 0 ? f64x2.extract_lane(r2, 0) : f64x2.extract_lane(r2, 1);
          if (rjk2 > rbound) continue;
          const xik = rik2 / rij2;
          const xjk = rjk2 / rij2;
          const a = 1 - (xik - xjk) * (xik - xjk);
          if (a <= 0.0) continue;
          let cikj = (2.0 * (xik + xjk) + a - 2.0) / a;
          const eltk = ldi(elt, k);
          const Cmax = ldf(cmax, cbase + eltk), Cmin = ldf(cmin, cbase + eltk);
          if (cikj >= Cmax) continue;
          if (cikj <= Cmin) {
            sij = 0.0;
            stop = true;
            break;
          }
          const delc = Cmax - Cmin;
          cikj = (cikj - Cmin) / delc;
          let fa = 1.0 - cikj;
          fa *= fa;
          fa *= fa;
          fa = 1.0 - fa;
          sij *= fa * fa;
          if (ns >= trCap) return -1;
          sti(trK, ns, k);
          stf(trRik2, ns, rik2);
          stf(trRjk2, ns, rjk2);
          stf(trC, ns, cikj);
          stf(trDelc, ns, delc);
          ns++;
        }
      }
      if (sij == 0.0) ns = t0;
      // dfcut (functions.ts) inline
      let fcij: f64, dfc0: f64;
      if (rnorm >= 1.0) {
        fcij = 1.0;
        dfc0 = 0.0;
      } else if (rnorm <= 0.0) {
        fcij = 0.0;
        dfc0 = 0.0;
      } else {
        const a = 1.0 - rnorm;
        const a3 = a * a * a;
        const a4 = a * a3;
        const a1m4 = 1.0 - a4;
        dfc0 = 8 * a1m4 * a3;
        fcij = a1m4 * a1m4;
      }
      const dfcij = dfc0 * drinv;
      let d: f64 = 0.0;
      const sfcij = sij * fcij;
      if (!(Math.abs(sfcij) < 1e-20) && !(Math.abs(sfcij - 1.0) < 1e-20)) {
        const rij4 = rij2 * rij2;
        for (let q = t0; q < ns; q++) {
          const delc = ldf(trDelc, q);
          const ca = 1.0 - ldf(trC, q);
          const ca3 = ca * ca * ca;
          const ca4 = ca * ca3;
          const a1m4 = 1.0 - ca4;
          const dfc = 8 * a1m4 * ca3;
          const sikj = a1m4 * a1m4;
          const coef1 = dfc / (delc * sikj);
          const rik2 = ldf(trRik2, q), rjk2 = ldf(trRjk2, q);
          const am = rik2 - rjk2;
          const bp = rik2 + rjk2;
          const asq = am * am;
          let denom = rij4 - asq;
          denom = denom * denom;
          d = d + coef1 * ((-4 * (-2 * rij2 * asq + rij4 * bp + asq * bp)) / denom);
        }
        d = d * sfcij - (sij * dfcij) / rij;
      }
      stf(dscr, jn, d);
      stf(scr, jn, sij);
      stf(fcp, jn, fcij);
      sti(trEnd, jn, ns);
      ntr = ns;
    }
  }
  return ntr;
}
