/**
 * MEAM parameters as one frozen struct of typed arrays (STYLE.md §7), built from the resolved
 * library + parameter file (src/io/meam-library.ts `resolveMeamSetup`, which applies LAMMPS's
 * defaults and `alloyparams`), plus what LAMMPS derives in `meam_setup_done`:
 *  - t1 augmented by augt1 * 3/5 * t3;
 *  - the background density of each element's reference structure, rho_ref (with 2NN terms);
 *  - the pair potential phi_ab(r) of every element pair from the reference structure
 *    (Baskes 1992 / Lee-Baskes 2000 eqn 21 2NN series, b1/b2/l12/dia/c11/zig/tri/ch4 variants,
 *    ZBL blending for a* < -1), TABULATED on nr = 1000 points with dr = 1.1 rc / nr and
 *    interpolated by LAMMPS's cubic spline (5-point derivative estimates), exactly as LAMMPS
 *    evaluates it; phi(r) [energy], r [distance].
 * Element-pair arrays are n*n row-major ([a*n + b]); triplets n*n*n ([(a*n + b)*n + k]).
 */
import type { MeamSetup } from '../../../io/meam-library.js';
import { MEAM_LATTICES } from '../../../io/meam-library.js';
import { Lat, dGGam, embedding, erose, fcut, gGam, iszero, powint, shapeFactors, zbl, zij, zij2, zij2b2nn } from './functions.js';

export interface MeamParams {
  readonly nelt: number;
  readonly elements: readonly string[];
  /** Element index of each LAMMPS atom type (index 0 = type 1), -1 for NULL. */
  readonly typeElement: Int32Array;
  readonly mass: Float64Array;
  // per element
  readonly ielt: Int32Array;
  readonly ibar: Int32Array;
  readonly A: Float64Array;
  readonly rho0: Float64Array;
  readonly beta0: Float64Array;
  readonly beta1: Float64Array;
  readonly beta2: Float64Array;
  readonly beta3: Float64Array;
  /** t1 after augt1 augmentation (what LAMMPS uses everywhere). */
  readonly t1: Float64Array;
  readonly t2: Float64Array;
  readonly t3: Float64Array;
  /** Background density of the reference structure (bkgd_dyn = 0, mixture_ref_t = 0). */
  readonly rhoRef: Float64Array;
  // per element pair
  readonly lattce: Int32Array;
  readonly Ec: Float64Array;
  readonly re: Float64Array;
  readonly alpha: Float64Array;
  readonly attrac: Float64Array;
  readonly repuls: Float64Array;
  readonly nn2: Int32Array;
  readonly zbl: Int32Array;
  readonly stheta: Float64Array;
  readonly ctheta: Float64Array;
  readonly ebound: Float64Array;
  /** Index of the (unordered) pair in the phi tables. */
  readonly eltind: Int32Array;
  // per triplet
  readonly Cmin: Float64Array;
  readonly Cmax: Float64Array;
  // globals
  readonly rc: number;
  readonly delr: number;
  readonly ialloy: number;
  readonly mixRefT: number;
  readonly eroseForm: number;
  readonly embLinNeg: number;
  readonly bkgdDyn: number;
  readonly gsmooth: number;
  readonly augt1: number;
  // phi spline tables: for pair p and grid point k, PHI[(p*nr + k)*7 + 0..6] =
  // phirar, phirar1..3 (value polynomial), phirar4..6 (derivative polynomial)
  readonly nr: number;
  readonly dr: number;
  readonly rdr: number;
  readonly phiTable: Float64Array;
  /** Unsplined phi_ab on the grid (for tests/inspection): phir[p*nr + k]. */
  readonly phir: Float64Array;
}

function latIndex(s: string): Lat {
  const k = (MEAM_LATTICES as readonly string[]).indexOf(s);
  if (k < 0) throw new Error(`MEAM: unknown lattice '${s}'`);
  return k as Lat;
}

/** Build the evaluation parameters from a resolved MEAM setup (LAMMPS meam_setup_done). */
export function meamParamsFromSetup(s: MeamSetup): MeamParams {
  const n = s.elements.length;
  const f64 = (a: number[]): Float64Array => Float64Array.from(a);
  const pairF = (m: number[][]): Float64Array => { const o = new Float64Array(n * n); for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) o[i * n + j] = m[i][j]; return o; };
  const pairI = (m: number[][]): Int32Array => { const o = new Int32Array(n * n); for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) o[i * n + j] = m[i][j]; return o; };
  const trip = (m: number[][][]): Float64Array => { const o = new Float64Array(n * n * n); for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) o[(i * n + j) * n + k] = m[i][j][k]; return o; };
  for (const ib of s.ibar) if (![0, 1, 3, 4, -5].includes(ib)) throw new Error(`MEAM: ibar = ${ib} is not supported (LAMMPS: 0, 1, 3, 4, -5)`);
  const t3 = f64(s.t3);
  const t1 = f64(s.t1).map((v, i) => v + (s.augt1 * 3.0) / 5.0 * t3[i]);
  const lattce = new Int32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lattce[i * n + j] = latIndex(s.lattce[i][j]);
  const eltind = new Int32Array(n * n);
  let nv2 = 0;
  for (let m = 0; m < n; m++) for (let k = m; k < n; k++) { eltind[m * n + k] = nv2; eltind[k * n + m] = nv2; nv2++; }
  const nr = 1000;
  const dr = (1.1 * s.rc) / nr;
  const b: Mutable<MeamParams> = {
    nelt: n,
    elements: Object.freeze([...s.elements]),
    typeElement: Int32Array.from(s.typeElement),
    mass: f64(s.mass),
    ielt: Int32Array.from(s.ielement),
    ibar: Int32Array.from(s.ibar),
    A: f64(s.A),
    rho0: f64(s.rho0),
    beta0: f64(s.beta0), beta1: f64(s.beta1), beta2: f64(s.beta2), beta3: f64(s.beta3),
    t1, t2: f64(s.t2), t3,
    rhoRef: new Float64Array(n),
    lattce,
    Ec: pairF(s.Ec), re: pairF(s.re), alpha: pairF(s.alpha), attrac: pairF(s.attrac), repuls: pairF(s.repuls),
    nn2: pairI(s.nn2), zbl: pairI(s.zbl), stheta: pairF(s.stheta), ctheta: pairF(s.ctheta), ebound: pairF(s.ebound),
    eltind,
    Cmin: trip(s.Cmin), Cmax: trip(s.Cmax),
    rc: s.rc, delr: s.delr, ialloy: s.ialloy, mixRefT: s.mixture_ref_t, eroseForm: s.erose_form,
    embLinNeg: s.emb_lin_neg, bkgdDyn: s.bkgd_dyn, gsmooth: s.gsmooth_factor, augt1: s.augt1,
    nr, dr, rdr: 1.0 / dr,
    phiTable: new Float64Array((nv2 * nr) * 7),
    phir: new Float64Array(nv2 * nr),
  };
  if (!(s.rc > 0) || !(s.delr > 0)) throw new Error(`MEAM: rc = ${s.rc} and delr = ${s.delr} must be positive`);
  referenceDensities(b);
  pairTables(b);
  for (const v of Object.values(b)) if (ArrayBuffer.isView(v)) Object.freeze(v.buffer);
  return Object.freeze(b);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const scratch3 = new Float64Array(3);
const scratch2 = new Float64Array(2);
const dscr = new Float64Array(1);

/** rho_ref of each element: rho0 Z G(Gamma_ref) plus unscreened 2NN (LAMMPS compute_reference_density). */
function referenceDensities(p: Mutable<MeamParams>): void {
  const n = p.nelt;
  for (let a = 0; a < n; a++) {
    const aa = a * n + a;
    const lat = p.lattce[aa] as Lat;
    const Z = zij(lat);
    let Gbar = 1.0;
    if (p.ibar[a] > 0) {
      const shp = shapeFactors(lat, p.stheta[aa], p.ctheta[aa], scratch3.fill(0));
      const gam = (p.t1[a] * shp[0] + p.t2[a] * shp[1] + p.t3[a] * shp[2]) / (Z * Z);
      Gbar = gGam(gam, p.ibar[a], p.gsmooth);
    }
    let rho0 = p.rho0[a] * Z;
    if (p.nn2[aa] === 1) {
      const c = (aa) * n + a;
      const Z2 = zij2(lat, p.Cmin[c], p.Cmax[c], p.stheta[aa], scratch2);
      const arat = scratch2[0], scrn = scratch2[1];
      const rho0_2nn = p.rho0[a] * fmExpLocal(-p.beta0[a] * (arat - 1));
      rho0 = rho0 + Z2 * rho0_2nn * scrn;
    }
    p.rhoRef[a] = rho0 * Gbar;
  }
}

import { fmExp as fmExpLocal } from './functions.js';

/** Partial densities of the two atoms of an a-b reference structure at distance r. */
interface DensRef { r01: number; r11: number; r21: number; r31: number; r02: number; r12: number; r22: number; r32: number }

function densRef(p: MeamParams, r: number, a: number, b: number, o: DensRef): void {
  const n = p.nelt;
  const ab = a * n + b;
  let a1 = r / p.re[a * n + a] - 1.0;
  let a2 = r / p.re[b * n + b] - 1.0;
  const rhoa01 = p.rho0[a] * fmExpLocal(-p.beta0[a] * a1);
  const rhoa11 = p.rho0[a] * fmExpLocal(-p.beta1[a] * a1);
  const rhoa21 = p.rho0[a] * fmExpLocal(-p.beta2[a] * a1);
  const rhoa31 = p.rho0[a] * fmExpLocal(-p.beta3[a] * a1);
  const rhoa02 = p.rho0[b] * fmExpLocal(-p.beta0[b] * a2);
  const rhoa12 = p.rho0[b] * fmExpLocal(-p.beta1[b] * a2);
  const rhoa22 = p.rho0[b] * fmExpLocal(-p.beta2[b] * a2);
  const rhoa32 = p.rho0[b] * fmExpLocal(-p.beta3[b] * a2);
  const lat = p.lattce[ab] as Lat;
  const Zij = zij(lat);
  o.r11 = o.r21 = o.r31 = o.r12 = o.r22 = o.r32 = 0.0;
  const s = scratch3;
  switch (lat) {
    case Lat.FCC: o.r01 = 12.0 * rhoa02; o.r02 = 12.0 * rhoa01; break;
    case Lat.BCC: o.r01 = 8.0 * rhoa02; o.r02 = 8.0 * rhoa01; break;
    case Lat.B1: o.r01 = 6.0 * rhoa02; o.r02 = 6.0 * rhoa01; break;
    case Lat.DIA: case Lat.DIA3:
      o.r01 = 4.0 * rhoa02; o.r02 = 4.0 * rhoa01;
      o.r31 = (32.0 / 9.0) * rhoa32 * rhoa32; o.r32 = (32.0 / 9.0) * rhoa31 * rhoa31; break;
    case Lat.HCP:
      o.r01 = 12 * rhoa02; o.r02 = 12 * rhoa01;
      o.r31 = (1.0 / 3.0) * rhoa32 * rhoa32; o.r32 = (1.0 / 3.0) * rhoa31 * rhoa31; break;
    case Lat.DIM:
      shapeFactors(Lat.DIM, 0, 0, s);
      o.r01 = rhoa02; o.r02 = rhoa01;
      o.r11 = s[0] * rhoa12 * rhoa12; o.r12 = s[0] * rhoa11 * rhoa11;
      o.r21 = s[1] * rhoa22 * rhoa22; o.r22 = s[1] * rhoa21 * rhoa21;
      o.r31 = s[2] * rhoa32 * rhoa32; o.r32 = s[2] * rhoa31 * rhoa31; break;
    case Lat.C11:
      o.r01 = rhoa01; o.r02 = rhoa02; o.r11 = rhoa11; o.r12 = rhoa12;
      o.r21 = rhoa21; o.r22 = rhoa22; o.r31 = rhoa31; o.r32 = rhoa32; break;
    case Lat.L12:
      o.r01 = 8 * rhoa01 + 4 * rhoa02; o.r02 = 12 * rhoa01;
      if (p.ialloy === 1) {
        const t2a = p.t2[a], t2b = p.t2[b];
        const d = rhoa21 * t2a - rhoa22 * t2b;
        o.r21 = (8 / 3) * (d * d);
        const denom = 8 * rhoa01 * (t2a * t2a) + 4 * rhoa02 * (t2b * t2b);
        if (denom > 0) o.r21 = (o.r21 / denom) * o.r01;
      } else o.r21 = (8 / 3) * (rhoa21 - rhoa22) * (rhoa21 - rhoa22);
      break;
    case Lat.B2: o.r01 = 8.0 * rhoa02; o.r02 = 8.0 * rhoa01; break;
    case Lat.CH4:
      o.r01 = 4.0 * rhoa02; o.r02 = rhoa01;
      shapeFactors(Lat.DIM, 0, 0, s);
      o.r12 = s[0] * rhoa11 * rhoa11; o.r22 = s[1] * rhoa21 * rhoa21; o.r32 = s[2] * rhoa31 * rhoa31;
      shapeFactors(Lat.CH4, 0, 0, s);
      o.r11 = s[0] * rhoa12 * rhoa12; o.r21 = s[1] * rhoa22 * rhoa22; o.r31 = s[2] * rhoa32 * rhoa32; break;
    case Lat.LIN: case Lat.ZIG:
      o.r01 = rhoa02 * Zij; o.r02 = rhoa01 * Zij;
      shapeFactors(lat, p.stheta[ab], p.ctheta[ab], s);
      o.r12 = s[0] * rhoa11 * rhoa11; o.r22 = s[1] * rhoa21 * rhoa21; o.r32 = s[2] * rhoa31 * rhoa31;
      o.r11 = s[0] * rhoa12 * rhoa12; o.r21 = s[1] * rhoa22 * rhoa22; o.r31 = s[2] * rhoa32 * rhoa32; break;
    case Lat.TRI:
      o.r01 = rhoa02; o.r02 = rhoa01 * Zij;
      shapeFactors(Lat.TRI, p.stheta[ab], p.ctheta[ab], s);
      o.r12 = s[0] * rhoa11 * rhoa11; o.r22 = s[1] * rhoa21 * rhoa21; o.r32 = s[2] * rhoa31 * rhoa31;
      s[0] = 1.0; s[1] = 2.0 / 3.0; s[2] = 1.0 - 0.6 * s[0];
      o.r11 = s[0] * rhoa12 * rhoa12; o.r21 = s[1] * rhoa22 * rhoa22; o.r31 = s[2] * rhoa32 * rhoa32; break;
  }
  if (p.nn2[ab] === 1) {
    const cab = (a * n + a) * n + b;
    let Z2nn = zij2(lat, p.Cmin[cab], p.Cmax[cab], p.stheta[ab], scratch2);
    const arat = scratch2[0];
    a1 = (arat * r) / p.re[a * n + a] - 1.0;
    a2 = (arat * r) / p.re[b * n + b] - 1.0;
    const rhoa01nn = p.rho0[a] * fmExpLocal(-p.beta0[a] * a1);
    const rhoa02nn = p.rho0[b] * fmExpLocal(-p.beta0[b] * a2);
    if (lat === Lat.L12) {
      const s111 = sijk(p, 1.0, a, a, a), s112 = sijk(p, 1.0, a, a, b), s221 = sijk(p, 1.0, b, b, a);
      const S11 = s111 * s111 * s112 * s112;
      const S22 = s221 * s221 * s221 * s221;
      o.r01 = o.r01 + 6 * S11 * rhoa01nn;
      o.r02 = o.r02 + 6 * S22 * rhoa02nn;
    } else {
      o.r01 = o.r01 + Z2nn * scratch2[1] * rhoa01nn;
      const cba = (b * n + b) * n + a;
      Z2nn = zij2(lat, p.Cmin[cba], p.Cmax[cba], p.stheta[ab], scratch2);
      o.r02 = o.r02 + Z2nn * scratch2[1] * rhoa02nn;
    }
  }
}

function sijk(p: MeamParams, C: number, i: number, j: number, k: number): number {
  const c = (i * p.nelt + j) * p.nelt + k;
  return fcut((C - p.Cmin[c]) / (p.Cmax[c] - p.Cmin[c]));
}

const T = new Float64Array(6); // t11av t21av t31av t12av t22av t32av

/** Average t weights of the a-b reference structure (eqn I.8; LAMMPS get_tavref). */
function tavRef(p: MeamParams, r: number, a: number, b: number, lat: Lat): void {
  const n = p.nelt;
  const t11 = p.t1[a], t21 = p.t2[a], t31 = p.t3[a], t12 = p.t1[b], t22 = p.t2[b], t32 = p.t3[b];
  if (p.ialloy === 2) { T[0] = t11; T[1] = t21; T[2] = t31; T[3] = t12; T[4] = t22; T[5] = t32; return; }
  switch (lat) {
    case Lat.FCC: case Lat.BCC: case Lat.DIA: case Lat.DIA3: case Lat.HCP: case Lat.B1: case Lat.DIM:
    case Lat.B2: case Lat.CH4: case Lat.LIN: case Lat.ZIG: case Lat.TRI:
      T[0] = t12; T[1] = t22; T[2] = t32; T[3] = t11; T[4] = t21; T[5] = t31; return;
    default: {
      const a1 = r / p.re[a * n + a] - 1.0;
      const a2 = r / p.re[b * n + b] - 1.0;
      const rhoa01 = p.rho0[a] * fmExpLocal(-p.beta0[a] * a1);
      const rhoa02 = p.rho0[b] * fmExpLocal(-p.beta0[b] * a2);
      if (lat === Lat.L12) {
        const rho01 = 8 * rhoa01 + 4 * rhoa02;
        T[0] = (8 * t11 * rhoa01 + 4 * t12 * rhoa02) / rho01; T[3] = t11;
        T[1] = (8 * t21 * rhoa01 + 4 * t22 * rhoa02) / rho01; T[4] = t21;
        T[2] = (8 * t31 * rhoa01 + 4 * t32 * rhoa02) / rho01; T[5] = t31;
      }
    }
  }
}

const sq = (x: number): number => x * x;

/** Pair potential of the a-b reference structure at r, before 2NN series and ZBL (LAMMPS phi_meam). */
export function phiMeam(p: MeamParams, r: number, a: number, b: number): number {
  const n = p.nelt;
  const aa = a * n + a, bb = b * n + b, ab = a * n + b;
  const latab = p.lattce[ab] as Lat;
  let Z1 = zij(p.lattce[aa] as Lat);
  let Z2 = zij(p.lattce[bb] as Lat);
  const Z12 = zij(latab);
  const d: DensRef = { r01: 0, r11: 0, r21: 0, r31: 0, r02: 0, r12: 0, r22: 0, r32: 0 };
  densRef(p, r, a, b, d);
  const { r01: rho01, r11: rho11, r21: rho21, r31: rho31, r02: rho02, r12: rho12, r22: rho22, r32: rho32 } = d;
  if (rho01 <= 1e-14 && rho02 <= 1e-14) return 0.0;
  let t11av: number, t21av: number, t31av: number, t12av: number, t22av: number, t32av: number;
  if (latab === Lat.C11) {
    if (p.ialloy === 2) {
      t11av = p.t1[a]; t12av = p.t1[b]; t21av = p.t2[a]; t22av = p.t2[b]; t31av = p.t3[a]; t32av = p.t3[b];
    } else {
      const scalfac = 1.0 / (rho01 + rho02);
      t11av = scalfac * (p.t1[a] * rho01 + p.t1[b] * rho02); t12av = t11av;
      t21av = scalfac * (p.t2[a] * rho01 + p.t2[b] * rho02); t22av = t21av;
      t31av = scalfac * (p.t3[a] * rho01 + p.t3[b] * rho02); t32av = t31av;
    }
  } else {
    tavRef(p, r, a, b, latab);
    t11av = T[0]; t21av = T[1]; t31av = T[2]; t12av = T[3]; t22av = T[4]; t32av = T[5];
  }
  let rhobar1: number, rhobar2: number;
  const half = Math.trunc(Z12 / 2);
  if (latab === Lat.C11) {
    if ((p.lattce[aa] as Lat) === Lat.DIA) {
      rhobar1 = sq(half * (rho02 + rho01)) + t11av * sq(rho12 - rho11) + (t21av / 6.0) * sq(rho22 + rho21) + (121.0 / 40.0) * t31av * sq(rho32 - rho31);
      rhobar1 = Math.sqrt(rhobar1);
      rhobar2 = sq(Z12 * rho01) + (2.0 / 3.0) * t21av * sq(rho21);
      rhobar2 = Math.sqrt(rhobar2);
    } else {
      rhobar2 = sq(half * (rho01 + rho02)) + t12av * sq(rho11 - rho12) + (t22av / 6.0) * sq(rho21 + rho22) + (121.0 / 40.0) * t32av * sq(rho31 - rho32);
      rhobar2 = Math.sqrt(rhobar2);
      rhobar1 = sq(Z12 * rho02) + (2.0 / 3.0) * t22av * sq(rho22);
      rhobar1 = Math.sqrt(rhobar1);
    }
  } else {
    let rho0_1 = 0, rho0_2 = 0;
    let G1: number, G2: number;
    if (p.mixRefT === 1) {
      if (p.ibar[a] <= 0) G1 = 1.0;
      else {
        const s1 = shapeFactors(p.lattce[aa] as Lat, p.stheta[aa], p.ctheta[aa], new Float64Array(3));
        G1 = gGam((s1[0] * t11av + s1[1] * t21av + s1[2] * t31av) / (Z1 * Z1), p.ibar[a], p.gsmooth);
      }
      if (p.ibar[b] <= 0) G2 = 1.0;
      else {
        const s2 = shapeFactors(p.lattce[bb] as Lat, p.stheta[bb], p.ctheta[bb], new Float64Array(3));
        G2 = gGam((s2[0] * t12av + s2[1] * t22av + s2[2] * t32av) / (Z2 * Z2), p.ibar[b], p.gsmooth);
      }
      rho0_1 = p.rho0[a] * Z1 * G1;
      rho0_2 = p.rho0[b] * Z2 * G2;
    }
    let Gam1 = t11av * rho11 + t21av * rho21 + t31av * rho31;
    Gam1 = rho01 < 1.0e-14 ? 0.0 : Gam1 / (rho01 * rho01);
    let Gam2 = t12av * rho12 + t22av * rho22 + t32av * rho32;
    Gam2 = rho02 < 1.0e-14 ? 0.0 : Gam2 / (rho02 * rho02);
    G1 = gGam(Gam1, p.ibar[a], p.gsmooth);
    G2 = gGam(Gam2, p.ibar[b], p.gsmooth);
    let bk1: number, bk2: number;
    if (p.mixRefT === 1) { bk1 = rho0_1; bk2 = rho0_2; }
    else if (p.bkgdDyn === 1) { bk1 = p.rho0[a] * Z1; bk2 = p.rho0[b] * Z2; }
    else { bk1 = p.rhoRef[a]; bk2 = p.rhoRef[b]; }
    rhobar1 = (rho01 / bk1) * G1;
    rhobar2 = (rho02 / bk2) * G2;
  }
  const F1 = embedding(p.A[a], p.Ec[aa], rhobar1, p.embLinNeg, dscr);
  const F2 = embedding(p.A[b], p.Ec[bb], rhobar2, p.embLinNeg, dscr);
  const Eu = erose(r, p.re[ab], p.alpha[ab], p.Ec[ab], p.repuls[ab], p.attrac[ab], p.eroseForm);
  let phi: number;
  const s2 = new Float64Array(2);
  if (latab === Lat.C11) {
    if ((p.lattce[aa] as Lat) === Lat.DIA) phi = (3 * Eu - F2 - 2 * F1 - 5 * phiMeam(p, r, a, a)) / Z12;
    else phi = (3 * Eu - F1 - 2 * F2 - 5 * phiMeam(p, r, b, b)) / Z12;
  } else if (latab === Lat.L12) {
    let phiaa = phiMeam(p, r, a, a);
    const caa = (aa) * n + a;
    const Z1nn = zij(p.lattce[aa] as Lat);
    const Z2nn = zij2(p.lattce[aa] as Lat, p.Cmin[caa], p.Cmax[caa], p.stheta[ab], s2);
    phiaa += phiSeries(p, s2[1], Z1nn, Z2nn, a, a, r, s2[0]);
    phi = Eu / 3.0 - F1 / 4.0 - F2 / 12.0 - phiaa;
  } else if (latab === Lat.CH4) {
    phi = (5 * Eu - F1 - 4 * F2) / 4;
  } else if (latab === Lat.ZIG || latab === Lat.TRI) {
    const tri = latab === Lat.TRI;
    if (a === b) phi = tri ? (3.0 * Eu - 2.0 * F1 - F2) / Z12 : (2 * Eu - F1 - F2) / Z12;
    else {
      Z1 = zij(latab);
      const caab = (aa) * n + b, cbba = (bb) * n + a;
      Z2 = zij2b2nn(latab, p.Cmin[caab], p.Cmax[caab], s2);
      const b11s = (-Z2 / Z1) * s2[1];
      const phiaa = phiMeam(p, 2.0 * p.stheta[ab] * r, a, a);
      if (tri) phi = (3.0 * Eu - 2.0 * F1 - F2 + phiaa * b11s) / Z12;
      else {
        Z2 = zij2b2nn(latab, p.Cmin[cbba], p.Cmax[cbba], s2);
        const b22s = (-Z2 / Z1) * s2[1];
        const phibb = phiMeam(p, 2.0 * p.stheta[ab] * r, b, b);
        phi = (2.0 * Eu - F1 - F2 + phiaa * b11s + phibb * b22s) / Z12;
      }
    }
  } else {
    phi = (2 * Eu - F1 - F2) / Z12;
  }
  if (iszero(r)) phi = 0.0;
  return phi;
}

/** 2NN series sum_{n=1..10} b2nn^n phi(r arat^n), b2nn = -Z2 S / Z1, stopping at the first zero term. */
function phiSeries(p: MeamParams, scrn: number, Z1: number, Z2: number, a: number, b: number, r: number, arat: number): number {
  let sum = 0.0;
  if (scrn > 0.0) {
    const b2nn = (-Z2 * scrn) / Z1;
    for (let k = 1; k <= 10; k++) {
      const v = powint(b2nn, k) * phiMeam(p, r * powint(arat, k), a, b);
      if (iszero(v)) break;
      sum += v;
    }
  }
  return sum;
}

/** Tabulate phi for every element pair and build the spline coefficients (LAMMPS compute_pair_meam + interpolate_meam). */
function pairTables(p: Mutable<MeamParams>): void {
  const n = p.nelt, nr = p.nr, dr = p.dr;
  const s2 = new Float64Array(2);
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      const ab = a * n + b;
      const ind = p.eltind[ab];
      const lat = p.lattce[ab] as Lat;
      const base = ind * nr;
      for (let j = 0; j < nr; j++) {
        const r = j * dr;
        let phi = phiMeam(p, r, a, b);
        if (p.nn2[ab] === 1) {
          const caab = (a * n + a) * n + b;
          const Z1 = zij(lat);
          s2[0] = 0; s2[1] = 0;
          const Z2 = zij2(lat, p.Cmin[caab], p.Cmax[caab], p.stheta[ab], s2);
          if (lat === Lat.B1 || lat === Lat.B2 || lat === Lat.L12 || lat === Lat.DIA) {
            const arat0 = s2[0];
            const rarat = r * arat0;
            const latA = p.lattce[a * n + a] as Lat, latB = p.lattce[b * n + b] as Lat;
            const caaa = (a * n + a) * n + a, cbbb = (b * n + b) * n + b;
            let phiaa = phiMeam(p, rarat, a, a);
            let Za1 = zij(latA);
            let Za2 = zij2(latA, p.Cmin[caaa], p.Cmax[caaa], p.stheta[a * n + a], s2);
            phiaa += phiSeries(p, s2[1], Za1, Za2, a, a, rarat, s2[0]);
            let phibb = phiMeam(p, rarat, b, b);
            Za1 = zij(latB);
            Za2 = zij2(latB, p.Cmin[cbbb], p.Cmax[cbbb], p.stheta[b * n + b], s2);
            phibb += phiSeries(p, s2[1], Za1, Za2, b, b, rarat, s2[0]);
            if (lat === Lat.B1 || lat === Lat.B2 || lat === Lat.DIA) {
              const Zab1 = zij(lat);
              let Zab2 = zij2(lat, p.Cmin[caab], p.Cmax[caab], p.stheta[ab], s2);
              phi = phi - ((Zab2 * s2[1]) / (2 * Zab1)) * phiaa;
              const cbba = (b * n + b) * n + a;
              Zab2 = zij2(lat, p.Cmin[cbba], p.Cmax[cbba], p.stheta[ab], s2);
              phi = phi - ((Zab2 * s2[1]) / (2 * Zab1)) * phibb;
            } else {
              const s111 = sijk(p, 1.0, a, a, a), s112 = sijk(p, 1.0, a, a, b), s221 = sijk(p, 1.0, b, b, a);
              const S11 = s111 * s111 * s112 * s112;
              const S22 = Math.pow(s221, 4);
              phi = phi - 0.75 * S11 * phiaa - 0.25 * S22 * phibb;
            }
          } else {
            phi += phiSeries(p, s2[1], Z1, Z2, a, b, r, s2[0]);
          }
        }
        if (p.zbl[ab] === 1) {
          const astar = p.alpha[ab] * (r / p.re[ab] - 1.0);
          if (astar <= -3.0) phi = zbl(r, p.ielt[a], p.ielt[b]);
          else if (astar > -3.0 && astar < -1.0) {
            const frac = fcut(1 - (astar + 1.0) / (-3.0 + 1.0));
            const phizbl = zbl(r, p.ielt[a], p.ielt[b]);
            phi = frac * phi + (1 - frac) * phizbl;
          }
        }
        p.phir[base + j] = phi;
      }
      splineTable(p.phir.subarray(base, base + nr), p.phiTable.subarray(base * 7, (base + nr) * 7), dr);
    }
  }
}

/**
 * Cubic spline of LAMMPS interpolate_meam: slopes from 5-point differences (one-sided at the ends,
 * 0 at the last point), per interval value coefficients c0..c3 and derivative coefficients
 * c1/dr, 2 c2/dr, 3 c3/dr. out[k*7 + m].
 */
function splineTable(phi: Float64Array, out: Float64Array, dr: number): void {
  const nr = phi.length;
  const c1 = new Float64Array(nr), c2 = new Float64Array(nr), c3 = new Float64Array(nr);
  c1[0] = phi[1] - phi[0];
  c1[1] = 0.5 * (phi[2] - phi[0]);
  c1[nr - 2] = 0.5 * (phi[nr - 1] - phi[nr - 3]);
  c1[nr - 1] = 0.0;
  for (let j = 2; j < nr - 2; j++) c1[j] = (phi[j - 2] - phi[j + 2] + 8.0 * (phi[j + 1] - phi[j - 1])) / 12;
  for (let j = 0; j < nr - 1; j++) {
    c2[j] = 3.0 * (phi[j + 1] - phi[j]) - 2.0 * c1[j] - c1[j + 1];
    c3[j] = c1[j] + c1[j + 1] - 2.0 * (phi[j + 1] - phi[j]);
  }
  for (let j = 0; j < nr; j++) {
    out[7 * j] = phi[j];
    out[7 * j + 1] = c1[j];
    out[7 * j + 2] = c2[j];
    out[7 * j + 3] = c3[j];
    out[7 * j + 4] = c1[j] / dr;
    out[7 * j + 5] = (2.0 * c2[j]) / dr;
    out[7 * j + 6] = (3.0 * c3[j]) / dr;
  }
}

export { dGGam };
