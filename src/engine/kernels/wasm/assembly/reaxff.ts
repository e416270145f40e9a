/**
 * ReaxFF's pair loops whose cost is the power function: the van der Waals + shielded Coulomb loop
 * (LAMMPS src/REAXFF/reaxff_nonbonded.cpp vdW_Coulomb_Energy) and the values of the QEq matrix H
 * (fix_qeq_reaxff.cpp compute_H / calculate_H). Scalar twins: kernels/scalar/reaxff.ts (same
 * arguments as typed arrays, same operations in the same order).
 *
 * Why WebAssembly: each listed pair costs three (vdW + Coulomb) or one (H) `pow`, and V8's
 * Math.pow (fdlibm's e_pow.c) takes ~115 ns here against ~20 ns for AssemblyScript's `Math.pow`,
 * which is musl's pow.c, the ARM optimized-routines algorithm that glibc >= 2.28 also uses (the
 * libm LAMMPS links). Both are faithfully rounded (< 1 ulp), so the twin and the kernel agree to
 * the last ulp or two per pair, not bitwise: test/engine/kernels/reaxff-parity.test.ts bounds
 * the difference of every output at 1e-14 relative. Everything else (taper, exp, sums, order of
 * accumulation) is the same operation for operation.
 *
 * Layout (pointer, count, stride; STYLE.md §9), byte addresses in the imported memory:
 *   f        f64[3*nall] out, accumulated into (owned and ghost atoms)
 *   eatom    f64[nall] out, accumulated into (half of each pair's energy to each atom); 0 = none
 *   x        f64[3*nall] positions, AoS stride 3
 *   elem     i32[nall] ffield element index of each atom, -1 = NULL type (skipped)
 *   q        f64[nall] charges
 *   offsets  i32[inum+1], neighbors i32[offsets[inum]]: half CSR list (each pair once)
 *   pairs    f64[nel*nel*NB_STRIDE]: per element pair ti*nel + tj
 *            [D, alpha, r_vdW, (1/gamma_w)^p_vdW1, ecore, acore, rcore, lgcij, lgre^6, gamma_ij]
 *   tap      f64[8] taper coefficients (taper.ts), pvdw1 = p_vdW1, vdwType 1|2|3, lgvdw 0|1
 *   energy   f64[2] out: [ew, ep] (overwritten)
 */

// @ts-ignore: decorator
@inline const NB_STRIDE: usize = 10;
/** reaxff_defs.h C_ele [kcal/mol A / e^2] */
// @ts-ignore: decorator
@inline const C_ELE: f64 = 332.06371;
/** LAMMPS's cube-root exponent of the shielded Coulomb term (reaxff_nonbonded.cpp) */
// @ts-ignore: decorator
@inline const THIRD: f64 = 0.33333333333333;
/** fix_qeq_reaxff.cpp EV_TO_KCAL_PER_MOL */
// @ts-ignore: decorator
@inline const QEQ_COULOMB: f64 = 14.4;

export function reaxffNonbonded_f64_aos(
  f: usize,
  eatom: usize,
  x: usize,
  elem: usize,
  q: usize,
  offsets: usize,
  neighbors: usize,
  inum: i32,
  pairs: usize,
  nel: i32,
  tap: usize,
  pvdw1: f64,
  vdwType: i32,
  lgvdw: i32,
  swb2: f64,
  energy: usize,
): void {
  const t0 = load<f64>(tap), t1 = load<f64>(tap, 8), t2 = load<f64>(tap, 16), t3 = load<f64>(tap, 24);
  const t4 = load<f64>(tap, 32), t5 = load<f64>(tap, 40), t6 = load<f64>(tap, 48), t7 = load<f64>(tap, 56);
  const shield = vdwType == 1 || vdwType == 3;
  const wall = vdwType == 2 || vdwType == 3;
  const invp = 1.0 / pvdw1;
  let ew: f64 = 0, ep: f64 = 0;
  for (let i: i32 = 0; i < inum; i++) {
    const ti = load<i32>(elem + (<usize>i << 2));
    if (ti < 0) continue;
    const pi = x + <usize>i * 24;
    const xi = load<f64>(pi), yi = load<f64>(pi, 8), zi = load<f64>(pi, 16);
    const qi = load<f64>(q + (<usize>i << 3));
    const je = load<i32>(offsets + (<usize>i << 2), 4);
    for (let k = load<i32>(offsets + (<usize>i << 2)); k < je; k++) {
      const j = load<i32>(neighbors + (<usize>k << 2));
      const tj = load<i32>(elem + (<usize>j << 2));
      if (tj < 0) continue;
      const pj = x + <usize>j * 24;
      const dx = load<f64>(pj) - xi, dy = load<f64>(pj, 8) - yi, dz = load<f64>(pj, 16) - zi;
      const r2 = dx * dx + dy * dy + dz * dz;
      if (r2 > swb2) continue;
      const r = Math.sqrt(r2);
      const qq = qi * load<f64>(q + (<usize>j << 3));
      const c = pairs + <usize>(ti * nel + tj) * (NB_STRIDE << 3);
      // taper and (dTap/dr)/r by Horner's rule, as taper.ts
      let Tap = t7 * r + t6;
      Tap = Tap * r + t5;
      Tap = Tap * r + t4;
      Tap = Tap * r + t3;
      Tap = Tap * r + t2;
      Tap = Tap * r + t1;
      Tap = Tap * r + t0;
      let dTap = 7 * t7 * r + 6 * t6;
      dTap = dTap * r + 5 * t5;
      dTap = dTap * r + 4 * t4;
      dTap = dTap * r + 3 * t3;
      dTap = dTap * r + 2 * t2;
      dTap = dTap + t1 / r;
      const D = load<f64>(c), alpha = load<f64>(c, 8), rvdw = load<f64>(c, 16);
      let evdw: f64, ce: f64;
      if (shield) {
        const powr = Math.pow(r, pvdw1);
        const sum = powr + load<f64>(c, 24);
        const fn13 = Math.pow(sum, invp);
        const exp2 = Math.exp(0.5 * alpha * (1.0 - fn13 / rvdw));
        const exp1 = exp2 * exp2;
        const e = D * (exp1 - 2.0 * exp2);
        evdw = Tap * e;
        const dfn13 = (fn13 / sum) * (powr / (r * r));
        ce = dTap * e - Tap * D * (alpha / rvdw) * (exp1 - exp2) * dfn13;
      } else {
        const exp2 = Math.exp(0.5 * alpha * (1.0 - r / rvdw));
        const exp1 = exp2 * exp2;
        const e = D * (exp1 - 2.0 * exp2);
        evdw = Tap * e;
        ce = dTap * e - (Tap * D * (alpha / rvdw) * (exp1 - exp2)) / r;
      }
      if (wall) {
        const ecoreP = load<f64>(c, 32), acore = load<f64>(c, 40), rcore = load<f64>(c, 48);
        const ecore = ecoreP * Math.exp(acore * (1.0 - r / rcore));
        evdw += Tap * ecore;
        ce += dTap * ecore + (Tap * (-(acore / rcore) * ecore)) / r;
        if (lgvdw) {
          const lgcij = load<f64>(c, 56), lgre6 = load<f64>(c, 64);
          const r5 = Math.pow(r, 5.0), r6 = Math.pow(r, 6.0);
          const elg = -(lgcij / (r6 + lgre6));
          evdw += Tap * elg;
          ce += dTap * elg + (Tap * ((-6.0 * elg * r5) / (r6 + lgre6))) / r;
        }
      }
      const g1 = r * r * r + load<f64>(c, 72);
      const g3 = Math.pow(g1, THIRD);
      const eele = ((C_ELE * Tap) / g3) * qq;
      ce = ce + ((C_ELE * (dTap - (Tap * r) / g1)) / g3) * qq;
      ew += evdw;
      ep += eele;
      if (eatom) {
        const h = 0.5 * (evdw + eele);
        const ai = eatom + (<usize>i << 3), aj = eatom + (<usize>j << 3);
        store<f64>(ai, load<f64>(ai) + h);
        store<f64>(aj, load<f64>(aj) + h);
      }
      const fi = f + <usize>i * 24, fj = f + <usize>j * 24;
      store<f64>(fi, load<f64>(fi) + ce * dx);
      store<f64>(fi, load<f64>(fi, 8) + ce * dy, 8);
      store<f64>(fi, load<f64>(fi, 16) + ce * dz, 16);
      store<f64>(fj, load<f64>(fj) - ce * dx);
      store<f64>(fj, load<f64>(fj, 8) - ce * dy, 8);
      store<f64>(fj, load<f64>(fj, 16) - ce * dz, 16);
    }
  }
  store<f64>(energy, ew);
  store<f64>(energy, ep, 8);
}

/**
 * The off-diagonal values of QEq's H over a half CSR list (each pair once), for the owned atoms
 * i < n with inGroup[i]: for each listed j with r^2 <= swb2, in list order,
 *   col[m] = owner[j], val[m] = Tap(r) * 14.4 / (r^3 + shld[(type_i-1)*nt + type_j-1])^(1/3)
 * and first[i] = the first m of row i, first[n] = the count (returned).
 *   first i32[n+1], col i32[cap], val f64[cap] out; x f64[3*nall]; type, owner i32[nall];
 *   inGroup u8[n]; shld f64[nt*nt]; tap f64[8]. cap must be at least offsets[n].
 */
export function qeqH_f64_aos(
  first: usize,
  col: usize,
  val: usize,
  x: usize,
  type: usize,
  owner: usize,
  offsets: usize,
  neighbors: usize,
  n: i32,
  inGroup: usize,
  shld: usize,
  nt: i32,
  tap: usize,
  swb2: f64,
): i32 {
  const t0 = load<f64>(tap), t1 = load<f64>(tap, 8), t2 = load<f64>(tap, 16), t3 = load<f64>(tap, 24);
  const t4 = load<f64>(tap, 32), t5 = load<f64>(tap, 40), t6 = load<f64>(tap, 48), t7 = load<f64>(tap, 56);
  const third: f64 = 1.0 / 3.0;
  let m: i32 = 0;
  for (let i: i32 = 0; i < n; i++) {
    store<i32>(first + (<usize>i << 2), m);
    if (load<u8>(inGroup + <usize>i) == 0) continue;
    const pi = x + <usize>i * 24;
    const xi = load<f64>(pi), yi = load<f64>(pi, 8), zi = load<f64>(pi, 16);
    const row = (load<i32>(type + (<usize>i << 2)) - 1) * nt;
    const ke = load<i32>(offsets + (<usize>i << 2), 4);
    for (let k = load<i32>(offsets + (<usize>i << 2)); k < ke; k++) {
      const j = load<i32>(neighbors + (<usize>k << 2));
      const pj = x + <usize>j * 24;
      const dx = load<f64>(pj) - xi, dy = load<f64>(pj, 8) - yi, dz = load<f64>(pj, 16) - zi;
      const r2 = dx * dx + dy * dy + dz * dz;
      if (r2 > swb2) continue;
      const r = Math.sqrt(r2);
      const s = load<f64>(shld + (<usize>(row + load<i32>(type + (<usize>j << 2)) - 1) << 3));
      let Tap = t7 * r + t6;
      Tap = Tap * r + t5;
      Tap = Tap * r + t4;
      Tap = Tap * r + t3;
      Tap = Tap * r + t2;
      Tap = Tap * r + t1;
      Tap = Tap * r + t0;
      store<i32>(col + (<usize>m << 2), load<i32>(owner + (<usize>j << 2)));
      store<f64>(val + (<usize>m << 3), (Tap * QEQ_COULOMB) / Math.pow(r * r * r + s, third));
      m++;
    }
  }
  store<i32>(first + (<usize>n << 2), m);
  return m;
}

/** out = H v over the owned atoms, as qeqCg_f64 uses it (row i summed in a local, see scalar/reaxff.ts). */
function matvec(out: usize, first: usize, col: usize, val: usize, eta: usize, v: usize, n: i32): void {
  for (let i: i32 = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(out + o, load<f64>(eta + o) * load<f64>(v + o));
  }
  for (let i: i32 = 0; i < n; i++) {
    const o = <usize>i << 3;
    const vi = load<f64>(v + o);
    let oi = load<f64>(out + o);
    const ke = load<i32>(first + (<usize>i << 2), 4);
    for (let k = load<i32>(first + (<usize>i << 2)); k < ke; k++) {
      const j = load<i32>(col + (<usize>k << 2));
      const a = load<f64>(val + (<usize>k << 3));
      const oj = <usize>j << 3;
      oi += a * load<f64>(v + oj);
      if (j == i) oi += a * vi;
      else store<f64>(out + oj, load<f64>(out + oj) + a * vi);
    }
    store<f64>(out + o, oi);
  }
}

/**
 * Jacobi-preconditioned CG on H x = b (LAMMPS FixQEqReaxFF::CG) over the owned atoms with
 * inGroup[i], H = diag(eta) + the symmetric off-diagonal values of qeqH_f64_aos (first, col, val).
 * x (f64[n]) holds the start and receives the solution; r, d, p, q are f64[n] scratch. Stops when
 * sqrt(r.M^-1 r) / |b| <= tol or at imax; returns LAMMPS's iteration count. Only +, *, /, sqrt
 * (IEEE, no FMA in wasm): bitwise the same as the twin scalar/reaxff.ts qeqCg. d is set to 0 for
 * atoms outside the group (they may be columns of H; LAMMPS leaves their d as allocated).
 */
export function qeqCg_f64(first: usize, col: usize, val: usize, eta: usize, hdinv: usize, b: usize, x: usize,
  r: usize, d: usize, p: usize, q: usize, inGroup: usize, n: i32, tol: f64, imax: i32): i32 {
  matvec(q, first, col, val, eta, x, n);
  let bnorm2: f64 = 0, sigNew: f64 = 0;
  for (let i: i32 = 0; i < n; i++) {
    const o = <usize>i << 3;
    // atoms outside the group: d = 0, so that they add nothing to H d as columns
    if (load<u8>(inGroup + <usize>i) == 0) { store<f64>(d + o, 0); continue; }
    const bi = load<f64>(b + o);
    const ri = bi - load<f64>(q + o);
    const di = ri * load<f64>(hdinv + o);
    store<f64>(r + o, ri);
    store<f64>(d + o, di);
    bnorm2 += bi * bi;
    sigNew += ri * di;
  }
  const bnorm = Math.sqrt(bnorm2);
  let it: i32 = 1;
  for (; it < imax && Math.sqrt(sigNew) / bnorm > tol; ++it) {
    matvec(q, first, col, val, eta, d, n);
    let tmp: f64 = 0;
    for (let i: i32 = 0; i < n; i++) {
      if (load<u8>(inGroup + <usize>i) == 0) continue;
      const o = <usize>i << 3;
      tmp += load<f64>(d + o) * load<f64>(q + o);
    }
    const alpha = sigNew / tmp;
    const sigOld = sigNew;
    sigNew = 0;
    for (let i: i32 = 0; i < n; i++) {
      if (load<u8>(inGroup + <usize>i) == 0) continue;
      const o = <usize>i << 3;
      store<f64>(x + o, load<f64>(x + o) + alpha * load<f64>(d + o));
      const ri = load<f64>(r + o) + -alpha * load<f64>(q + o);
      const pi = ri * load<f64>(hdinv + o);
      store<f64>(r + o, ri);
      store<f64>(p + o, pi);
      sigNew += ri * pi;
    }
    const beta = sigNew / sigOld;
    for (let i: i32 = 0; i < n; i++) {
      if (load<u8>(inGroup + <usize>i) == 0) continue;
      const o = <usize>i << 3;
      store<f64>(d + o, load<f64>(p + o) + beta * load<f64>(d + o));
    }
  }
  return it;
}

/**
 * The pair loop through LAMMPS's tabulate_long_range splines (reaxff_nonbonded.cpp
 * Tabulated_vdW_Coulomb_Energy): same arguments as reaxffNonbonded_f64_aos but, instead of the pair
 * constants, `tabIndex` i32[nel*nel] (first double of each element pair's block in `tab`, -1 when
 * the pair has no table) and `tab`: per pair four cubic tables of len = 4*(N+2) doubles, one after
 * the other (vdW energy, its force factor, Coulomb energy per qi qj, its force factor), piece m at
 * 4m as [a, b, c, d] of a + b x + c x^2 + d x^3 with x = r - (m+1) dx, m = trunc(r / dx) (1 when 0).
 * Returns -1, or ti*nel + tj of the first pair met without a table (nothing is added for it).
 * Only +, *, trunc: bitwise the same as the twin scalar/reaxff.ts reaxffTabulated_aos.
 */
export function reaxffTabulated_f64_aos(
  f: usize,
  eatom: usize,
  x: usize,
  elem: usize,
  q: usize,
  offsets: usize,
  neighbors: usize,
  inum: i32,
  tabIndex: usize,
  tab: usize,
  nel: i32,
  len: i32,
  dx: f64,
  invDx: f64,
  swb2: f64,
  energy: usize,
): i32 {
  let ew: f64 = 0, ep: f64 = 0;
  let missing: i32 = -1;
  for (let i: i32 = 0; i < inum; i++) {
    const ti = load<i32>(elem + (<usize>i << 2));
    if (ti < 0) continue;
    const pi = x + <usize>i * 24;
    const xi = load<f64>(pi), yi = load<f64>(pi, 8), zi = load<f64>(pi, 16);
    const qi = load<f64>(q + (<usize>i << 3));
    const je = load<i32>(offsets + (<usize>i << 2), 4);
    for (let k = load<i32>(offsets + (<usize>i << 2)); k < je; k++) {
      const j = load<i32>(neighbors + (<usize>k << 2));
      const tj = load<i32>(elem + (<usize>j << 2));
      if (tj < 0) continue;
      const pj = x + <usize>j * 24;
      const ddx = load<f64>(pj) - xi, ddy = load<f64>(pj, 8) - yi, ddz = load<f64>(pj, 16) - zi;
      const r2 = ddx * ddx + ddy * ddy + ddz * ddz;
      if (r2 > swb2) continue;
      const r = Math.sqrt(r2);
      const qq = qi * load<f64>(q + (<usize>j << 3));
      const start = load<i32>(tabIndex + (<usize>(ti * nel + tj) << 2));
      if (start < 0) { if (missing < 0) missing = ti * nel + tj; continue; }
      let m = <i32>Math.trunc(r * invDx);
      if (m == 0) m = 1;
      const dif = r - <f64>(m + 1) * dx;
      const o = tab + ((<usize>start + (<usize>m << 2)) << 3);
      const L = <usize>len << 3;
      const evdw = ((load<f64>(o, 24) * dif + load<f64>(o, 16)) * dif + load<f64>(o, 8)) * dif + load<f64>(o);
      const o1 = o + L, o2 = o + 2 * L, o3 = o + 3 * L;
      const cevd = ((load<f64>(o1, 24) * dif + load<f64>(o1, 16)) * dif + load<f64>(o1, 8)) * dif + load<f64>(o1);
      const eele = (((load<f64>(o2, 24) * dif + load<f64>(o2, 16)) * dif + load<f64>(o2, 8)) * dif + load<f64>(o2)) * qq;
      const cecl = (((load<f64>(o3, 24) * dif + load<f64>(o3, 16)) * dif + load<f64>(o3, 8)) * dif + load<f64>(o3)) * qq;
      const ce = cevd + cecl;
      ew += evdw;
      ep += eele;
      if (eatom) {
        const h = 0.5 * (evdw + eele);
        const ai = eatom + (<usize>i << 3), aj = eatom + (<usize>j << 3);
        store<f64>(ai, load<f64>(ai) + h);
        store<f64>(aj, load<f64>(aj) + h);
      }
      const fi = f + <usize>i * 24, fj = f + <usize>j * 24;
      store<f64>(fi, load<f64>(fi) + ce * ddx);
      store<f64>(fi, load<f64>(fi, 8) + ce * ddy, 8);
      store<f64>(fi, load<f64>(fi, 16) + ce * ddz, 16);
      store<f64>(fj, load<f64>(fj) - ce * ddx);
      store<f64>(fj, load<f64>(fj, 8) - ce * ddy, 8);
      store<f64>(fj, load<f64>(fj, 16) - ce * ddz, 16);
    }
  }
  store<f64>(energy, ew);
  store<f64>(energy, ep, 8);
  return missing;
}
