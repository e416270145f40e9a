/**
 * ReaxFF's non-bonded terms: van der Waals (ew), shielded Coulomb (ep) and the charge
 * polarisation self energy (eqeq), as LAMMPS 2021/2022 computes them
 * (src/REAXFF/reaxff_nonbonded.cpp vdW_Coulomb_Energy, Tabulated_vdW_Coulomb_Energy,
 * Compute_Polarization_Energy; tables from reaxff_lookup.cpp). Papers: van Duin et al.,
 * J. Phys. Chem. A 105 (2001) 9396 (eqs. 21-23); Chenoweth et al., J. Phys. Chem. A 112 (2008)
 * 1040 (shielding exponent p_vdW1, inner wall); Liu et al., J. Phys. Chem. A 115 (2011) 11016
 * (low-gradient "lg" dispersion).
 *
 * Per pair ij within swb (every pair once), with Tap the 7th-order taper (taper.ts):
 *  vdW, shielding (vdW type 1, 3): f13 = (r^p + (1/gamma_w)^p)^(1/p), p = p_vdW1 (l[28]);
 *      no shielding (type 2): f13 = r;
 *      E = Tap D (exp(alpha (1 - f13/r_vdW)) - 2 exp(alpha/2 (1 - f13/r_vdW)))            [kcal/mol]
 *  inner wall (types 2, 3): + Tap ecore exp(acore (1 - r/rcore));
 *      with `lgvdw yes` also + Tap (-lgcij / (r^6 + lgre^6))  (LAMMPS applies lg only with the wall)
 *  Coulomb: E = Tap C_ele qi qj / (r^3 + gamma_ij)^(1/3), gamma_ij = (gamma_i gamma_j)^-1.5,
 *      C_ele = 332.06371 kcal A / (mol e^2) (reaxff_defs.h)
 * Polarisation, per owned atom: KCALpMOL_to_EV (chi q + eta/2 q^2) with LAMMPS's constant
 *   KCALpMOL_to_EV = 23.02 (eV -> kcal/mol despite its name) and eta = 2 * the file's eta.
 *
 * With `tabulate_long_range N` in the control file LAMMPS replaces the per-pair evaluation by
 * cubic splines on N points over (0, swb] per element pair (vdW and Coulomb energies: "complete"
 * splines with end slopes; their force factors: natural splines), including the quirks of
 * reaxff_lookup.cpp (the Coulomb end slope is the last energy value, and the right-end equation of
 * the complete spline has its parentheses misplaced). `buildReaxffLongRangeTable` builds the same
 * tables; pass one as the last argument to evaluate through it.
 */
import type { ReaxffParams } from '../../../io/reaxff-ffield.js';
import type { AtomView, ForceAccumulator, NeighborList } from '../types.js';
import { taper, taperCoefficients, taperDerivOverR } from './taper.js';
import { pow, reaxffNonbondedAos, reaxffTabulatedAos, type ReaxffFlatTable, type ReaxffNonbondedConsts } from '../../kernels/wasm/index.js';
import { NB_STRIDE } from '../../kernels/scalar/reaxff.js';

/** Coulomb constant of LAMMPS's ReaxFF [kcal/mol A / e^2] (src/REAXFF/reaxff_defs.h C_ele). */
export const C_ELE = 332.06371;
/** LAMMPS's KCALpMOL_to_EV (really eV -> kcal/mol, and 23.02, not 23.06): reaxff_defs.h. */
export const KCALPMOL_TO_EV = 23.02;
/** LAMMPS's cube-root exponent in the shielded Coulomb term (reaxff_nonbonded.cpp). */
const THIRD = 0.33333333333333;

/** Per element pair (ffield indices, symmetric), what the pair term needs. */
interface PairConst {
  D: number; alpha: number; rvdw: number;
  /** (1 / gamma_w)^p_vdW1 */
  powgi: number;
  ecore: number; acore: number; rcore: number;
  lgcij: number; lgre6: number;
  gamma: number;
}

/** Everything that depends only on the parameters: taper coefficients and per-pair constants. */
interface Prepared {
  tap: Float64Array;
  pairs: PairConst[];
  n: number;
  pvdw1: number;
  /** The same per-pair constants flat, NB_STRIDE per element pair, for the pair-loop kernel. */
  flat: Float64Array;
}

const PREPARED = new WeakMap<ReaxffParams, Prepared>();

function prepare(p: ReaxffParams): Prepared {
  let pr = PREPARED.get(p);
  if (pr) return pr;
  const pvdw1 = p.gp[28];
  const pairs: PairConst[] = [];
  for (let i = 0; i < p.n; i++) {
    for (let j = 0; j < p.n; j++) {
      const t = p.tbp[i][j];
      pairs.push({
        D: t.D, alpha: t.alpha, rvdw: t.r_vdW, powgi: Math.pow(1.0 / t.gamma_w, pvdw1),
        ecore: t.ecore, acore: t.acore, rcore: t.rcore, lgcij: t.lgcij, lgre6: Math.pow(t.lgre, 6.0), gamma: t.gamma,
      });
    }
  }
  const flat = new Float64Array(NB_STRIDE * pairs.length);
  pairs.forEach((c, k) => flat.set([c.D, c.alpha, c.rvdw, c.powgi, c.ecore, c.acore, c.rcore, c.lgcij, c.lgre6, c.gamma], NB_STRIDE * k));
  pr = { tap: taperCoefficients(p.swa, p.swb), pairs, n: p.n, pvdw1, flat };
  PREPARED.set(p, pr);
  return pr;
}

/**
 * One pair at distance r, unit charges: out[0] = tapered vdW energy (with wall and lg),
 * out[1] = its dE/dr / r, out[2] = tapered Coulomb energy per qi qj, out[3] = its dE/dr / r.
 */
function pairTerms(out: Float64Array, pr: Prepared, c: PairConst, vdwType: number, lgvdw: boolean, r: number): void {
  const Tap = taper(pr.tap, r);
  const dTap = taperDerivOverR(pr.tap, r);
  let ev: number, ce: number;
  if (vdwType === 1 || vdwType === 3) {
    const p = pr.pvdw1;
    const powr = pow(r, p);
    const sum = powr + c.powgi;
    const fn13 = pow(sum, 1.0 / p);
    // exp2 = sqrt(exp1) and (d fn13/dr)/r = sum^(1/p - 1) r^(p-2) = (fn13 / sum) (powr / r^2):
    // the same values as LAMMPS's separate exp/pow calls to round-off, at two fewer pows and one exp
    const exp2 = Math.exp(0.5 * c.alpha * (1.0 - fn13 / c.rvdw));
    const exp1 = exp2 * exp2;
    const e = c.D * (exp1 - 2.0 * exp2);
    ev = Tap * e;
    const dfn13 = (fn13 / sum) * (powr / (r * r));
    ce = dTap * e - Tap * c.D * (c.alpha / c.rvdw) * (exp1 - exp2) * dfn13;
  } else {
    const exp2 = Math.exp(0.5 * c.alpha * (1.0 - r / c.rvdw));
    const exp1 = exp2 * exp2;
    const e = c.D * (exp1 - 2.0 * exp2);
    ev = Tap * e;
    ce = dTap * e - (Tap * c.D * (c.alpha / c.rvdw) * (exp1 - exp2)) / r;
  }
  if (vdwType === 2 || vdwType === 3) {
    const ecore = c.ecore * Math.exp(c.acore * (1.0 - r / c.rcore));
    ev += Tap * ecore;
    ce += dTap * ecore + (Tap * (-(c.acore / c.rcore) * ecore)) / r;
    if (lgvdw) {
      const r5 = pow(r, 5.0), r6 = pow(r, 6.0);
      const elg = -(c.lgcij / (r6 + c.lgre6));
      ev += Tap * elg;
      ce += dTap * elg + (Tap * ((-6.0 * elg * r5) / (r6 + c.lgre6))) / r;
    }
  }
  const g1 = r * r * r + c.gamma;
  const g3 = pow(g1, THIRD);
  out[0] = ev;
  out[1] = ce;
  out[2] = (C_ELE * Tap) / g3;
  out[3] = (C_ELE * (dTap - (Tap * r) / g1)) / g3;
}

// ---------------------------------------------------------------- tabulation (tabulate_long_range)

/** Cubic pieces a + b x + c x^2 + d x^3 (x = r - (k+1) dx) stored as [a, b, c, d] * (N+2). */
export interface ReaxffLongRangeTable {
  tabulate: number;
  dx: number;
  invDx: number;
  /** Per element pair (i*n + j, both orders point to the same object), null if not built. */
  pairs: ({ vdw: Float64Array; cevd: Float64Array; ele: Float64Array; ceclmb: Float64Array } | null)[];
}

/** Thomas algorithm on n unknowns: a sub-, b main, c super-diagonal, d right side (c, d overwritten). */
function tridiagonal(a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array, x: Float64Array, n: number): void {
  c[0] /= b[0];
  d[0] /= b[0];
  for (let i = 1; i < n; i++) {
    const id = b[i] - c[i - 1] * a[i];
    c[i] /= id;
    d[i] = (d[i] - d[i - 1] * a[i]) / id;
  }
  x[n - 1] = d[n - 1];
  for (let i = n - 2; i >= 0; i--) x[i] = d[i] - c[i] * x[i + 1];
}

/** Coefficients from second derivatives v at n knots into out[4*(k+1)..] for k = 0..n-2. */
function splineCoefficients(out: Float64Array, h: Float64Array, f: Float64Array, v: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const o = 4 * i; // LAMMPS stores piece i-1 of the knots 1.. at table index i
    out[o + 3] = (v[i] - v[i - 1]) / (6 * h[i - 1]);
    out[o + 2] = v[i] / 2;
    out[o + 1] = (f[i] - f[i - 1]) / h[i - 1] + (h[i - 1] * (2 * v[i] + v[i - 1])) / 6;
    out[o] = f[i];
  }
}

/** Natural spline (zero second derivative at both ends) through n knots (reaxff_lookup.cpp). */
function naturalSpline(out: Float64Array, h: Float64Array, f: Float64Array, n: number): void {
  const a = new Float64Array(n), b = new Float64Array(n), c = new Float64Array(n), d = new Float64Array(n), v = new Float64Array(n);
  for (let i = 2; i < n - 1; i++) a[i] = h[i - 1];
  for (let i = 1; i < n - 1; i++) b[i] = 2 * (h[i - 1] + h[i]);
  for (let i = 1; i < n - 2; i++) c[i] = h[i];
  for (let i = 1; i < n - 1; i++) d[i] = 6 * ((f[i + 1] - f[i]) / h[i] - (f[i] - f[i - 1]) / h[i - 1]);
  tridiagonal(a.subarray(1), b.subarray(1), c.subarray(1), d.subarray(1), v.subarray(1), n - 2);
  v[0] = 0;
  v[n - 1] = 0;
  splineCoefficients(out, h, f, v, n);
}

/** "Complete" spline with end slopes v0, vlast, including LAMMPS's right-end equation as written. */
function completeSpline(out: Float64Array, h: Float64Array, f: Float64Array, v0: number, vlast: number, n: number): void {
  const a = new Float64Array(n), b = new Float64Array(n), c = new Float64Array(n), d = new Float64Array(n), v = new Float64Array(n);
  for (let i = 1; i < n; i++) a[i] = h[i - 1];
  b[0] = 2 * h[0];
  for (let i = 1; i < n; i++) b[i] = 2 * (h[i - 1] + h[i]);
  for (let i = 0; i < n - 1; i++) c[i] = h[i];
  d[0] = (6 * (f[1] - f[0])) / h[0] - 6 * v0;
  d[n - 1] = 6 * vlast - 6 * (f[n - 1] - f[n - 2] / h[n - 2]);
  for (let i = 1; i < n - 1; i++) d[i] = 6 * ((f[i + 1] - f[i]) / h[i] - (f[i] - f[i - 1]) / h[i - 1]);
  tridiagonal(a, b, c, d, v, n);
  splineCoefficients(out, h, f, v, n);
}

/**
 * The long-range tables of LAMMPS's `tabulate_long_range N` (reaxff_lookup.cpp Init_Lookup_Tables)
 * for the element pairs among `elements` (ffield indices present in the system; LAMMPS builds
 * them for the types of the atoms present at setup).
 */
export function buildReaxffLongRangeTable(p: ReaxffParams, tabulate: number, lgvdw: boolean, elements: ArrayLike<number>): ReaxffLongRangeTable {
  const pr = prepare(p);
  const swb = p.swb;
  const dx = swb / tabulate;
  const present = new Uint8Array(p.n);
  for (let k = 0; k < elements.length; k++) if (elements[k] >= 0) present[elements[k]] = 1;
  const N = tabulate;
  // knots 1..N+1 (the last repeats the value at N), shifted to 0-based for the splines
  const h = new Float64Array(N + 1).fill(dx);
  const fvdw = new Float64Array(N + 1), fcevd = new Float64Array(N + 1), fele = new Float64Array(N + 1), fceclmb = new Float64Array(N + 1);
  const tmp = new Float64Array(4);
  const pairs: ReaxffLongRangeTable['pairs'] = new Array(p.n * p.n).fill(null);
  for (let i = 0; i < p.n; i++) {
    if (!present[i]) continue;
    for (let j = i; j < p.n; j++) {
      if (!present[j]) continue;
      const c = pr.pairs[i * p.n + j];
      for (let r = 1; r <= N; r++) {
        pairTerms(tmp, pr, c, p.vdwType, lgvdw, r * dx);
        fvdw[r - 1] = tmp[0]; fcevd[r - 1] = tmp[1]; fele[r - 1] = tmp[2]; fceclmb[r - 1] = tmp[3];
      }
      fvdw[N] = fvdw[N - 1]; fcevd[N] = fcevd[N - 1]; fele[N] = fele[N - 1]; fceclmb[N] = fceclmb[N - 1];
      const t = { vdw: new Float64Array(4 * (N + 2)), cevd: new Float64Array(4 * (N + 2)), ele: new Float64Array(4 * (N + 2)), ceclmb: new Float64Array(4 * (N + 2)) };
      // end slopes as reaxff_lookup.cpp sets them: first force factors; last vdW force factor and last Coulomb ENERGY
      completeSpline(t.vdw, h, fvdw, fcevd[0], fcevd[N - 1], N + 1);
      naturalSpline(t.cevd, h, fcevd, N + 1);
      completeSpline(t.ele, h, fele, fceclmb[0], fele[N - 1], N + 1);
      naturalSpline(t.ceclmb, h, fceclmb, N + 1);
      pairs[i * p.n + j] = pairs[j * p.n + i] = t;
    }
  }
  return { tabulate, dx, invDx: tabulate / swb, pairs };
}

// ---------------------------------------------------------------- the terms

/** Reused between calls: element index and charge per atom, the kernel's constants, its energies. */
const SCR = {
  elem: new Int32Array(0),
  q: new Float64Array(0),
  energy: new Float64Array(2),
  consts: { pairs: new Float64Array(0), nel: 0, tap: new Float64Array(8), pvdw1: 0, vdwType: 0, lgvdw: false, swb2: 0 } as ReaxffNonbondedConsts,
};

const FLAT = new WeakMap<ReaxffLongRangeTable, ReaxffFlatTable>();

/** A table's four splines per element pair in one array, as the tabulated kernel reads them (made once per table). */
function flatTable(t: ReaxffLongRangeTable, nel: number): ReaxffFlatTable {
  let ft = FLAT.get(t);
  if (ft) return ft;
  const len = 4 * (t.tabulate + 2);
  const index = new Int32Array(nel * nel).fill(-1);
  const blocks = new Map<object, number>();
  for (let k = 0; k < nel * nel; k++) {
    const b = t.pairs[k];
    if (!b) continue;
    if (!blocks.has(b)) blocks.set(b, 4 * len * blocks.size);
    index[k] = blocks.get(b)!;
  }
  const tab = new Float64Array(4 * len * blocks.size);
  for (const [b, o] of blocks as Map<NonNullable<ReaxffLongRangeTable['pairs'][number]>, number>) {
    tab.set(b.vdw, o); tab.set(b.cevd, o + len); tab.set(b.ele, o + 2 * len); tab.set(b.ceclmb, o + 3 * len);
  }
  ft = { index, tab, nel, len, dx: t.dx, invDx: t.invDx };
  FLAT.set(t, ft);
  return ft;
}

/**
 * van der Waals, Coulomb and polarisation energies [kcal/mol] of the atoms in `atoms` (AtomView:
 * owned then ghost atoms; charges from atoms.q, zero if absent) over a HALF list with newton-on
 * semantics (each pair once). typeMap[t-1] is the ffield element index of LAMMPS type t (-1:
 * NULL, skipped). Adds the forces into acc.f (3*nall, ghosts included; the caller folds them and
 * takes the virial from f.r) and, when `eatom` is given (nall), each pair's energy half to each
 * atom and each polarisation energy to its atom (LAMMPS ev_tally). Does NOT add to acc.energy:
 * the caller sums the returned terms. `table`: evaluate through LAMMPS's tabulate_long_range splines.
 * Returns { ew, ep, eqeq } = c_reax[11], c_reax[12], c_reax[14] of `compute pair reaxff`.
 */
export function reaxffNonbonded(
  p: ReaxffParams,
  typeMap: ArrayLike<number>,
  atoms: AtomView,
  list: NeighborList,
  acc: ForceAccumulator,
  eatom: Float64Array | undefined,
  lgvdw: boolean,
  table?: ReaxffLongRangeTable | null,
  listStable = false,
): { ew: number; ep: number; eqeq: number } {
  const pr = prepare(p);
  const { x, type, q } = atoms;
  const f = acc.f;
  const swb = p.swb;
  const swb2 = swb * swb;
  const nall = atoms.nall;
  let ew = 0, ep = 0;
  // the pair loop in a kernel (kernels/wasm/assembly/reaxff.ts; its twins kernels/scalar/reaxff.ts)
  if (SCR.elem.length < nall) { SCR.elem = new Int32Array(2 * nall); SCR.q = new Float64Array(2 * nall); }
  const elem = SCR.elem;
  for (let k = 0; k < nall; k++) elem[k] = typeMap[type[k] - 1];
  const qv = q ?? SCR.q.fill(0, 0, nall);
  if (table) {
    const missing = reaxffTabulatedAos(f, eatom ?? null, x, elem, qv, nall, list, flatTable(table, pr.n), swb2, SCR.energy, listStable);
    if (missing >= 0) {
      const ti = Math.trunc(missing / pr.n), tj = missing % pr.n;
      throw new Error(`pair reaxff: no tabulate_long_range table for ${p.names[ti]}-${p.names[tj]} (tables are built for the elements present when the run is set up)`);
    }
  } else {
    const c = SCR.consts;
    c.pairs = pr.flat; c.nel = pr.n; c.tap = pr.tap; c.pvdw1 = pr.pvdw1; c.vdwType = p.vdwType; c.lgvdw = lgvdw; c.swb2 = swb2;
    reaxffNonbondedAos(f, eatom ?? null, x, elem, qv, nall, list, c, SCR.energy, listStable);
  }
  ew = SCR.energy[0];
  ep = SCR.energy[1];
  let eqeq = 0;
  if (q) {
    for (let i = 0; i < atoms.nlocal; i++) {
      const ti = typeMap[type[i] - 1];
      if (ti < 0) continue;
      const s = p.sbp[ti];
      const qi = q[i];
      const e = KCALPMOL_TO_EV * (s.chi * qi + (s.eta / 2) * (qi * qi));
      eqeq += e;
      if (eatom) eatom[i] += e;
    }
  }
  return { ew, ep, eqeq };
}
