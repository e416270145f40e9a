/**
 * MEAM pass 1, densities: for every owned atom i and every screened bond ij of its half list, the
 * partial densities rho_a^(l) = rho0 exp(-beta^(l) (r/re - 1)) S_ij fc_ij (Baskes 1992; LAMMPS
 * src/MEAM/meam_dens_init.cpp calc_rho1) accumulated on i and j: rho0, arho2b, the moments arho1
 * (3), arho2 (6), arho3 (10), arho3b (3) and the t averages tAve, tsqAve (3 each). Scalar twin:
 * densities() in ../../../potentials/meam/evaluate.ts, the same double operations in the same
 * order (and LAMMPS's fm_exp, as functions.ts fmExp), so the same bits.
 *
 * Layout (byte addresses): x f64[3 nall], elt i32[nall], half list hOff i32[nlocal+1] / hNb,
 * scr, fcp f64 per half-list bond (from meamScreen_f64x2_aos); per element: re f64[n n], rho0,
 * beta0..3, t1..3 f64[n] (packed by the caller: see PAR_*); outputs (zeroed here over nall atoms):
 * rho0 f64[nall], arho2b f64[nall], arho1 f64[3 nall], arho2 f64[6 nall], arho3 f64[10 nall],
 * arho3b f64[3 nall], tAve f64[3 nall], tsqAve f64[3 nall].
 */

const LOG2E: f64 = 1.4426950408889634074;
const EXP_LO: f64 = -1022.0 / LOG2E;
const EXP_HI: f64 = 1023.0 / LOG2E;
const P0: f64 = 2.30933477057345225087e-2, P1: f64 = 2.02020656693165307700e1, P2: f64 = 1.51390680115615096133e3;
const Q0: f64 = 2.33184211722314911771e2, Q1: f64 = 4.36821166879210612817e3;

/** LAMMPS MathSpecial::fm_exp (functions.ts fmExp): 2^i exactly (exponent bits) times a Pade exp2. */
// @ts-ignore: decorator
@inline function fmExp(x: f64): f64 {
  if (x < EXP_LO) return 0;
  if (x > EXP_HI) return Infinity;
  const y = LOG2E * x;
  const ipart = Math.floor(y + 0.5);
  const fpart = y - ipart;
  const xx = fpart * fpart;
  let px = P0;
  px = px * xx + P1;
  let qx = xx + Q0;
  px = px * xx + P2;
  qx = qx * xx + Q1;
  px = px * fpart;
  const pow2 = reinterpret<f64>((<i64>(<i32>ipart + 1023)) << 52);
  return pow2 * (1.0 + 2.0 * (px / (qx - px)));
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
@inline function add(p: usize, k: i32, v: f64): void {
  const a = p + (<usize>k << 3);
  store<f64>(a, load<f64>(a) + v);
}
// @ts-ignore: decorator
@inline function sub(p: usize, k: i32, v: f64): void {
  const a = p + (<usize>k << 3);
  store<f64>(a, load<f64>(a) - v);
}

/** Densities of every owned atom's half-list bonds into the (zeroed) outputs; see the header. */
export function meamDensities_aos(
  x: usize, elt: usize, nlocal: i32, nall: i32, hOff: usize, hNb: usize, scr: usize, fcp: usize,
  nelt: i32, rc: f64, ialloy: i32, par: usize,
  rho0: usize, arho2b: usize, arho1: usize, arho2: usize, arho3: usize, arho3b: usize, tAve: usize, tsqAve: usize,
): void {
  const n = nelt;
  // packed parameters: re[n n], rho0[n], beta0[n], beta1[n], beta2[n], beta3[n], t1[n], t2[n], t3[n]
  const pRe = par, pRho0 = par + (<usize>(n * n) << 3);
  const pB0 = pRho0 + (<usize>n << 3), pB1 = pB0 + (<usize>n << 3), pB2 = pB1 + (<usize>n << 3), pB3 = pB2 + (<usize>n << 3);
  const pT1 = pB3 + (<usize>n << 3), pT2 = pT1 + (<usize>n << 3), pT3 = pT2 + (<usize>n << 3);
  memory.fill(rho0, 0, <usize>nall << 3);
  memory.fill(arho2b, 0, <usize>nall << 3);
  memory.fill(arho1, 0, <usize>(3 * nall) << 3);
  memory.fill(arho2, 0, <usize>(6 * nall) << 3);
  memory.fill(arho3, 0, <usize>(10 * nall) << 3);
  memory.fill(arho3b, 0, <usize>(3 * nall) << 3);
  memory.fill(tAve, 0, <usize>(3 * nall) << 3);
  memory.fill(tsqAve, 0, <usize>(3 * nall) << 3);
  const cutsq = rc * rc;
  for (let i: i32 = 0; i < nlocal; i++) {
    const elti = ldi(elt, i);
    if (elti < 0) continue;
    const xi = ldf(x, 3 * i), yi = ldf(x, 3 * i + 1), zi = ldf(x, 3 * i + 2);
    const rei = ldf(pRe, elti * n + elti), ro0i = ldf(pRho0, elti);
    const b0i = ldf(pB0, elti), b1i = ldf(pB1, elti), b2i = ldf(pB2, elti), b3i = ldf(pB3, elti);
    const t1i = ldf(pT1, elti), t2i = ldf(pT2, elti), t3i = ldf(pT3, elti);
    for (let jn = ldi(hOff, i), je = ldi(hOff, i + 1); jn < je; jn++) {
      const s = ldf(scr, jn);
      if (Math.abs(s) < 1e-20) continue;
      const j = ldi(hNb, jn);
      const sij = s * ldf(fcp, jn);
      const d0 = ldf(x, 3 * j) - xi, d1 = ldf(x, 3 * j + 1) - yi, d2 = ldf(x, 3 * j + 2) - zi;
      const rij2 = d0 * d0 + d1 * d1 + d2 * d2;
      if (!(rij2 < cutsq)) continue;
      const eltj = ldi(elt, j);
      const rij = Math.sqrt(rij2);
      const ai = rij / rei - 1.0;
      const rhoa0i = ro0i * fmExp(-b0i * ai) * sij;
      let rhoa1i = ro0i * fmExp(-b1i * ai) * sij;
      let rhoa2i = ro0i * fmExp(-b2i * ai) * sij;
      let rhoa3i = ro0i * fmExp(-b3i * ai) * sij;
      let rhoa0j: f64, rhoa1j: f64, rhoa2j: f64, rhoa3j: f64;
      if (eltj == elti) {
        rhoa0j = rhoa0i;
        rhoa1j = rhoa1i;
        rhoa2j = rhoa2i;
        rhoa3j = rhoa3i;
      } else {
        const aj = rij / ldf(pRe, eltj * n + eltj) - 1.0;
        const ro0j = ldf(pRho0, eltj);
        rhoa0j = ro0j * fmExp(-ldf(pB0, eltj) * aj) * sij;
        rhoa1j = ro0j * fmExp(-ldf(pB1, eltj) * aj) * sij;
        rhoa2j = ro0j * fmExp(-ldf(pB2, eltj) * aj) * sij;
        rhoa3j = ro0j * fmExp(-ldf(pB3, eltj) * aj) * sij;
      }
      const t1j = ldf(pT1, eltj), t2j = ldf(pT2, eltj), t3j = ldf(pT3, eltj);
      if (ialloy == 1) {
        rhoa1j = rhoa1j * t1j;
        rhoa2j = rhoa2j * t2j;
        rhoa3j = rhoa3j * t3j;
        rhoa1i = rhoa1i * t1i;
        rhoa2i = rhoa2i * t2i;
        rhoa3i = rhoa3i * t3i;
      }
      add(rho0, i, rhoa0j);
      add(rho0, j, rhoa0i);
      if (ialloy != 2) {
        add(tAve, 3 * i, t1j * rhoa0j);
        add(tAve, 3 * i + 1, t2j * rhoa0j);
        add(tAve, 3 * i + 2, t3j * rhoa0j);
        add(tAve, 3 * j, t1i * rhoa0i);
        add(tAve, 3 * j + 1, t2i * rhoa0i);
        add(tAve, 3 * j + 2, t3i * rhoa0i);
      }
      if (ialloy == 1) {
        add(tsqAve, 3 * i, t1j * t1j * rhoa0j);
        add(tsqAve, 3 * i + 1, t2j * t2j * rhoa0j);
        add(tsqAve, 3 * i + 2, t3j * t3j * rhoa0j);
        add(tsqAve, 3 * j, t1i * t1i * rhoa0i);
        add(tsqAve, 3 * j + 1, t2i * t2i * rhoa0i);
        add(tsqAve, 3 * j + 2, t3i * t3i * rhoa0i);
      }
      add(arho2b, i, rhoa2j);
      add(arho2b, j, rhoa2i);
      const A1j = rhoa1j / rij, A2j = rhoa2j / rij2, A3j = rhoa3j / (rij2 * rij);
      const A1i = rhoa1i / rij, A2i = rhoa2i / rij2, A3i = rhoa3i / (rij2 * rij);
      const i1 = 3 * i, j1 = 3 * j, i2 = 6 * i, j2 = 6 * j, i3 = 10 * i, j3 = 10 * j;
      add(arho1, i1, A1j * d0);
      sub(arho1, j1, A1i * d0);
      add(arho3b, i1, (rhoa3j * d0) / rij);
      sub(arho3b, j1, (rhoa3i * d0) / rij);
      add(arho1, i1 + 1, A1j * d1);
      sub(arho1, j1 + 1, A1i * d1);
      add(arho3b, i1 + 1, (rhoa3j * d1) / rij);
      sub(arho3b, j1 + 1, (rhoa3i * d1) / rij);
      add(arho1, i1 + 2, A1j * d2);
      sub(arho1, j1 + 2, A1i * d2);
      add(arho3b, i1 + 2, (rhoa3j * d2) / rij);
      sub(arho3b, j1 + 2, (rhoa3i * d2) / rij);
      const a2j0 = A2j * d0, a2i0 = A2i * d0, a3j0 = A3j * d0, a3i0 = A3i * d0;
      const a2j1 = A2j * d1, a2i1 = A2i * d1, a3j1 = A3j * d1, a3i1 = A3i * d1;
      const a2j2 = A2j * d2, a2i2 = A2i * d2, a3j2 = A3j * d2, a3i2 = A3i * d2;
      add(arho2, i2, a2j0 * d0);
      add(arho2, j2, a2i0 * d0);
      add(arho2, i2 + 1, a2j0 * d1);
      add(arho2, j2 + 1, a2i0 * d1);
      add(arho2, i2 + 2, a2j0 * d2);
      add(arho2, j2 + 2, a2i0 * d2);
      add(arho2, i2 + 3, a2j1 * d1);
      add(arho2, j2 + 3, a2i1 * d1);
      add(arho2, i2 + 4, a2j1 * d2);
      add(arho2, j2 + 4, a2i1 * d2);
      add(arho2, i2 + 5, a2j2 * d2);
      add(arho2, j2 + 5, a2i2 * d2);
      add(arho3, i3, a3j0 * d0 * d0);
      sub(arho3, j3, a3i0 * d0 * d0);
      add(arho3, i3 + 1, a3j0 * d0 * d1);
      sub(arho3, j3 + 1, a3i0 * d0 * d1);
      add(arho3, i3 + 2, a3j0 * d0 * d2);
      sub(arho3, j3 + 2, a3i0 * d0 * d2);
      add(arho3, i3 + 3, a3j0 * d1 * d1);
      sub(arho3, j3 + 3, a3i0 * d1 * d1);
      add(arho3, i3 + 4, a3j0 * d1 * d2);
      sub(arho3, j3 + 4, a3i0 * d1 * d2);
      add(arho3, i3 + 5, a3j0 * d2 * d2);
      sub(arho3, j3 + 5, a3i0 * d2 * d2);
      add(arho3, i3 + 6, a3j1 * d1 * d1);
      sub(arho3, j3 + 6, a3i1 * d1 * d1);
      add(arho3, i3 + 7, a3j1 * d1 * d2);
      sub(arho3, j3 + 7, a3i1 * d1 * d2);
      add(arho3, i3 + 8, a3j1 * d2 * d2);
      sub(arho3, j3 + 8, a3i1 * d2 * d2);
      add(arho3, i3 + 9, a3j2 * d2 * d2);
      sub(arho3, j3 + 9, a3i2 * d2 * d2);
    }
  }
}
