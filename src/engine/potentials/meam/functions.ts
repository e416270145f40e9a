/**
 * Scalar MEAM functions (Baskes, PRB 46, 2727 (1992); Lee & Baskes, PRB 62, 8564 (2000); Huang et al.,
 * MSMSE 3, 615 (1995), "eqn I.x" below), written with the numerical choices of LAMMPS's MEAM package
 * (29Sep2021) so that energies agree to the last digits: its fast exponential `fm_exp`, the
 * cutoff polynomial fc(x) = (1 - (1-x)^4)^2, the G(Gamma) smoothing below -gsmooth/(gsmooth+1),
 * and the Rose/ZBL forms.
 */

/** Reference lattices, in LAMMPS's enum order (meam.h lattice_t). */
export const enum Lat { FCC = 0, BCC, HCP, DIM, DIA, DIA3, B1, C11, L12, B2, CH4, LIN, ZIG, TRI }

// ---------------------------------------------------------------- fm_exp
// LAMMPS MathSpecial::fm_exp: exp(x) = 2^i * exp2(f) with exp2(f) from a Pade approximant on
// [-0.5, 0.5) (Cephes coefficients). It differs from libm exp by a few ulp; we reproduce it.
const LOG2E = 1.4426950408889634074;
const EXP_LO = -1022.0 / LOG2E;
const EXP_HI = 1023.0 / LOG2E;
const P0 = 2.30933477057345225087e-2, P1 = 2.02020656693165307700e1, P2 = 1.51390680115615096133e3;
const Q0 = 2.33184211722314911771e2, Q1 = 4.36821166879210612817e3;
/** POW2[k + 1022] = 2^k exactly, k = -1022..1023. */
const POW2 = (() => {
  const t = new Float64Array(2046);
  t[1022] = 1;
  for (let k = 1; k <= 1023; k++) t[1022 + k] = t[1021 + k] * 2;
  for (let k = 1; k <= 1022; k++) t[1022 - k] = t[1023 - k] / 2;
  return t;
})();

export function fmExp(x: number): number {
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
  return POW2[ipart + 1022] * (1.0 + 2.0 * (px / (qx - px)));
}

export const iszero = (f: number): boolean => Math.abs(f) < 1e-20;
export const isone = (f: number): boolean => Math.abs(f - 1.0) < 1e-20;

/** x^n for integer n by binary powering (LAMMPS MathSpecial::powint). */
export function powint(x: number, n: number): number {
  if (x === 0.0) return 0.0;
  let nn = n > 0 ? n : -n;
  let ww = x;
  let yy = 1.0;
  for (; nn !== 0; nn >>= 1, ww *= ww) if (nn & 1) yy *= ww;
  return n > 0 ? yy : 1.0 / yy;
}

/** Radial/screening cutoff fc(x) = [1 - (1 - x)^4]^2 on 0 < x < 1, 0 below, 1 above. */
export function fcut(xi: number): number {
  if (xi >= 1.0) return 1.0;
  if (xi <= 0.0) return 0.0;
  let a = 1.0 - xi;
  a *= a;
  a *= a;
  a = 1.0 - a;
  return a * a;
}

/** fc(x) and its derivative; the derivative goes to out[0]. */
export function dfcut(xi: number, out: Float64Array): number {
  if (xi >= 1.0) { out[0] = 0.0; return 1.0; }
  if (xi <= 0.0) { out[0] = 0.0; return 0.0; }
  const a = 1.0 - xi;
  const a3 = a * a * a;
  const a4 = a * a3;
  const a1m4 = 1.0 - a4;
  out[0] = 8 * a1m4 * a3;
  return a1m4 * a1m4;
}

/** dC_ikj/d(r_ij^2)-type derivative used for the screening derivative w.r.t. r_ij (per unit r_ij^2 scaling as LAMMPS). */
export function dCfunc(rij2: number, rik2: number, rjk2: number): number {
  const rij4 = rij2 * rij2;
  const a = rik2 - rjk2;
  const b = rik2 + rjk2;
  const asq = a * a;
  let denom = rij4 - asq;
  denom = denom * denom;
  return (-4 * (-2 * rij2 * asq + rij4 * b + asq * b)) / denom;
}

/** Derivatives of C_ikj w.r.t. r_ik and r_jk (scaled as LAMMPS's dCfunc2): out[0], out[1]. */
export function dCfunc2(rij2: number, rik2: number, rjk2: number, out: Float64Array): void {
  const rij4 = rij2 * rij2;
  const rik4 = rik2 * rik2;
  const rjk4 = rjk2 * rjk2;
  const a = rik2 - rjk2;
  let denom = rij4 - a * a;
  denom = denom * denom;
  out[0] = (4 * rij2 * (rij4 + rik4 + 2 * rik2 * rjk2 - 3 * rjk4 - 2 * rij2 * a)) / denom;
  out[1] = (4 * rij2 * (rij4 - 3 * rik4 + 2 * rik2 * rjk2 + rjk4 + 2 * rij2 * a)) / denom;
}

/**
 * G(Gamma) by `ibar`: 0 and 4: sqrt(1+Gamma) (smoothed below -gsmooth/(gsmooth+1)); 1: exp(Gamma/2);
 * 3: 2/(1+exp(-Gamma)); -5: +-sqrt(|1+Gamma|). Other ibar values are an error (NaN returned).
 */
export function gGam(gamma: number, ibar: number, gsmooth: number): number {
  switch (ibar) {
    case 0:
    case 4: {
      const sw = -gsmooth / (gsmooth + 1);
      if (gamma < sw) return Math.sqrt((1 / (gsmooth + 1)) * Math.pow(sw / gamma, gsmooth));
      return Math.sqrt(1.0 + gamma);
    }
    case 1:
      return fmExp(gamma / 2.0);
    case 3:
      return 2.0 / (1.0 + fmExp(-gamma));
    case -5:
      return 1.0 + gamma >= 0 ? Math.sqrt(1.0 + gamma) : -Math.sqrt(-1.0 - gamma);
  }
  return NaN;
}

/** G(Gamma) and dG/dGamma (to out[0]) as gGam. */
export function dGGam(gamma: number, ibar: number, gsmooth: number, out: Float64Array): number {
  let G: number;
  switch (ibar) {
    case 0:
    case 4: {
      const sw = -gsmooth / (gsmooth + 1);
      if (gamma < sw) {
        G = Math.sqrt((1 / (gsmooth + 1)) * Math.pow(sw / gamma, gsmooth));
        out[0] = (-gsmooth * G) / (2.0 * gamma);
        return G;
      }
      G = Math.sqrt(1.0 + gamma);
      out[0] = 1.0 / (2.0 * G);
      return G;
    }
    case 1:
      G = fmExp(gamma / 2.0);
      out[0] = G / 2.0;
      return G;
    case 3:
      G = 2.0 / (1.0 + fmExp(-gamma));
      out[0] = (G * (2.0 - G)) / 2;
      return G;
    case -5:
      if (1.0 + gamma >= 0) {
        G = Math.sqrt(1.0 + gamma);
        out[0] = 1.0 / (2.0 * G);
      } else {
        G = -Math.sqrt(-1.0 - gamma);
        out[0] = -1.0 / (2.0 * G);
      }
      return G;
  }
  out[0] = 1.0;
  return 0.0;
}

/** Embedding F(rhobar) = A Ec rhobar ln(rhobar) [energy], dF to out[0]; rhobar <= 0: 0, or -A Ec rhobar with emb_lin_neg. */
export function embedding(A: number, Ec: number, rhobar: number, embLinNeg: number, out: Float64Array): number {
  const AEc = A * Ec;
  if (rhobar > 0.0) {
    const lrb = Math.log(rhobar);
    out[0] = AEc * (1.0 + lrb);
    return AEc * rhobar * lrb;
  }
  if (embLinNeg === 0) { out[0] = 0.0; return 0.0; }
  out[0] = -AEc;
  return -AEc * rhobar;
}

/**
 * Rose universal energy E(r) = -Ec (1 + a* + d a*^3 [...]) exp(-a*), a* = alpha (r/re - 1) (eqn I.16);
 * erose_form 0: d a*^3 / (r/re), 1: (-attrac + repuls/r) a*^3, 2: d a*^3; d = attrac (a* >= 0) or repuls.
 */
export function erose(r: number, re: number, alpha: number, Ec: number, repuls: number, attrac: number, form: number): number {
  if (!(r > 0.0)) return 0.0;
  const astar = alpha * (r / re - 1.0);
  let a3 = 0.0;
  if (astar >= 0) a3 = attrac;
  else if (astar < 0) a3 = repuls;
  const c3 = astar * astar * astar;
  if (form === 1) return -Ec * (1 + astar + (-attrac + repuls / r) * c3) * fmExp(-astar);
  if (form === 2) return -Ec * (1 + astar + a3 * c3) * fmExp(-astar);
  return -Ec * (1 + astar + (a3 * c3) / (r / re)) * fmExp(-astar);
}

/** Ziegler-Biersack-Littmark universal screened nuclear repulsion [eV] for atomic numbers z1, z2 at r [A]. */
export function zbl(r: number, z1: number, z2: number): number {
  const a = 0.4685 / (Math.pow(z1, 0.23) + Math.pow(z2, 0.23));
  const x = r / a;
  let result = 0.0;
  result = result + 0.028171 * fmExp(-0.20162 * x);
  result = result + 0.28022 * fmExp(-0.4029 * x);
  result = result + 0.50986 * fmExp(-0.94229 * x);
  result = result + 0.18175 * fmExp(-3.1998 * x);
  if (r > 0.0) result = ((result * z1 * z2) / r) * 14.3997;
  return result;
}

/** Number of first neighbours in the reference structure. */
export function zij(lat: Lat): number {
  switch (lat) {
    case Lat.FCC: case Lat.HCP: case Lat.L12: return 12;
    case Lat.BCC: case Lat.B2: return 8;
    case Lat.DIA: case Lat.DIA3: case Lat.CH4: return 4;
    case Lat.DIM: return 1;
    case Lat.B1: return 6;
    case Lat.C11: return 10;
    case Lat.LIN: case Lat.ZIG: case Lat.TRI: return 2;
  }
  return 0;
}

/**
 * Second-neighbour data of a reference structure: returns Z2 (count) and writes
 * out[0] = arat = R2/R1 and out[1] = S = screening of a 2NN bond by its numscr first neighbours,
 * S = fc((C - Cmin)/(Cmax - Cmin))^numscr with C = 4/arat^2 - 1 (C = 1 for dia3).
 */
export function zij2(lat: Lat, cmin: number, cmax: number, stheta: number, out: Float64Array): number {
  let Z2 = 0, numscr = 0, a = 0;
  switch (lat) {
    case Lat.FCC: case Lat.HCP: case Lat.L12: Z2 = 6; a = Math.sqrt(2.0); numscr = 4; break;
    case Lat.BCC: case Lat.B2: Z2 = 6; a = 2.0 / Math.sqrt(3.0); numscr = 4; break;
    case Lat.B1: Z2 = 12; a = Math.sqrt(2.0); numscr = 2; break;
    case Lat.DIA: Z2 = 12; a = Math.sqrt(8.0 / 3.0); numscr = 1; break;
    case Lat.DIA3: Z2 = 12; a = Math.sqrt(11.0 / 3.0); numscr = 4; break;
    case Lat.CH4: case Lat.LIN: case Lat.DIM:
      out[0] = 1.0; out[1] = 0.0; return 0;
    case Lat.TRI: Z2 = 1; a = 2.0 * stheta; numscr = 2; break;
    case Lat.ZIG: Z2 = 2; a = 2.0 * stheta; numscr = 1; break;
    default: a = out[0]; break; // c11: LAMMPS leaves arat unchanged
  }
  const C = lat === Lat.DIA3 ? 1.0 : 4.0 / (a * a) - 1.0;
  const sijk = fcut((C - cmin) / (cmax - cmin));
  out[0] = a;
  out[1] = powint(sijk, numscr);
  return Z2;
}

/** 2NN count and screening of b11s/b22s terms of zig/tri alloy references (C = 1). */
export function zij2b2nn(lat: Lat, cmin: number, cmax: number, out: Float64Array): number {
  let Z2 = 0, numscr = 0;
  if (lat === Lat.ZIG || lat === Lat.TRI) { Z2 = 2; numscr = 1; }
  const sijk = fcut((1.0 - cmin) / (cmax - cmin));
  out[1] = powint(sijk, numscr);
  return Z2;
}

/** Shape factors s1, s2, s3 of the reference structure (out[0..2]). */
export function shapeFactors(lat: Lat, sthe: number, cthe: number, s: Float64Array): Float64Array {
  switch (lat) {
    case Lat.FCC: case Lat.BCC: case Lat.B1: case Lat.B2:
      s[0] = 0.0; s[1] = 0.0; s[2] = 0.0; break;
    case Lat.HCP:
      s[0] = 0.0; s[1] = 0.0; s[2] = 1.0 / 3.0; break;
    case Lat.CH4: case Lat.DIA: case Lat.DIA3:
      s[0] = 0.0; s[1] = 0.0; s[2] = 32.0 / 9.0; break;
    case Lat.DIM:
      s[0] = 1.0; s[1] = 2.0 / 3.0; s[2] = 0.40; break;
    case Lat.LIN:
      s[0] = 0.0; s[1] = 8.0 / 3.0; s[2] = 0.0; break;
    case Lat.ZIG: case Lat.TRI:
      s[0] = 4.0 * Math.pow(cthe, 2);
      s[1] = 4.0 * (Math.pow(cthe, 4) + Math.pow(sthe, 4) - 1.0 / 3.0);
      s[2] = 4.0 * (Math.pow(cthe, 2) * (3 * Math.pow(sthe, 4) + Math.pow(cthe, 4)));
      s[2] = s[2] - 0.6 * s[0];
      break;
    default:
      s[0] = 0.0; // c11, l12: LAMMPS leaves s[1], s[2] as they were
  }
  return s;
}
