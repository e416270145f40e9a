/**
 * Charge equilibration as LAMMPS's `fix qeq/reaxff` does it (src/REAXFF/fix_qeq_reaxff.cpp,
 * LAMMPS 2021/2022): electronegativity equalisation (Mortier et al., JACS 108 (1986) 4315) with
 * the shielded, tapered Coulomb kernel of ReaxFF, solved as in Aktulga et al., Parallel Computing
 * 38 (2012) 245 / Nakano, Comput. Phys. Commun. 104 (1997) 59:
 *
 *   H_ii = eta_i,  H_ij = Tap(r_ij) * 14.4 / (r_ij^3 + (gamma_i gamma_j)^-1.5)^(1/3)  [eV/e^2]
 *   H s = -chi,  H t = -1,  q = s - (sum s / sum t) t
 *
 * (chi, eta [eV] per type: `reaxff` takes the ffield's chi and 2*eta, a parameter file its values;
 * 14.4 is LAMMPS's EV_TO_KCAL_PER_MOL there, really e^2/(4 pi eps0) in eV A.) Each system is solved by
 * conjugate gradients with the diagonal (Jacobi) preconditioner, stopping when
 * sqrt(r.M^-1 r) / |b| <= tol or after maxiter - 1 updates, from starting values extrapolated
 * from the previous four solutions of each atom: s cubically, 4(s1 + s3) - (6 s2 + s4), and t
 * quadratically, t3 + 3(t1 - t2) (s1 = last). Pairs: every pair within cuthi once (LAMMPS's
 * compute_H); the fix's own taper (cutlo, cuthi) and gamma.
 *
 * Pure: positions, ghosts, list and parameters in, charges of the owned atoms out; the caller
 * refreshes ghost charges from their owners.
 */
import type { AtomView, NeighborList } from '../types.js';
import { taper, taperCoefficients } from './taper.js';

/** LAMMPS's fix_qeq_reaxff.cpp EV_TO_KCAL_PER_MOL (14.4: Coulomb constant in eV A / e^2, rounded). */
export const QEQ_COULOMB = 14.4;

export interface QeqTypeParams {
  /** Per LAMMPS atom type (index type - 1) [eV]. */
  chi: ArrayLike<number>;
  /** Per type, the hardness as LAMMPS uses it (ffield: 2 * eta) [eV]. */
  eta: ArrayLike<number>;
  /** Per type, the shielding gamma [1/distance]. */
  gamma: ArrayLike<number>;
}

export interface QeqSettings {
  /** Lower and upper taper radius [distance] (fix arguments cutlo, cuthi). */
  swa: number;
  swb: number;
  tolerance: number;
  /** LAMMPS's imax (`maxiter`, default 200): at most maxiter - 1 CG updates per system. */
  maxiter: number;
}

/** Per owned atom history of the last four s and t solutions (LAMMPS s_hist, t_hist; nprev = 4). */
export class QeqHistory {
  s: Float64Array;
  t: Float64Array;
  n: number;
  constructor(n = 0) {
    this.n = n;
    this.s = new Float64Array(4 * n);
    this.t = new Float64Array(4 * n);
  }
  /** Make room for n atoms, keeping the first min(n, old n); new atoms start with zero history. */
  resize(n: number): void {
    if (n === this.n) return;
    const s = new Float64Array(4 * n), t = new Float64Array(4 * n);
    const m = 4 * Math.min(n, this.n);
    s.set(this.s.subarray(0, m));
    t.set(this.t.subarray(0, m));
    this.s = s; this.t = t; this.n = n;
  }
  /** Reorder after an atom sort: new atom i is old atom perm[i]. */
  permute(perm: Int32Array): void {
    const s = new Float64Array(4 * this.n), t = new Float64Array(4 * this.n);
    for (let i = 0; i < perm.length; i++) {
      for (let k = 0; k < 4; k++) { s[4 * i + k] = this.s[4 * perm[i] + k]; t[4 * i + k] = this.t[4 * perm[i] + k]; }
    }
    this.s = s; this.t = t;
  }
}

export interface QeqResult {
  /** CG iterations of the s and t systems as LAMMPS counts them (the loop counter at exit, >= 1). */
  iterS: number;
  iterT: number;
  /** LAMMPS's fix scalar: (iterS + iterT) / 2. */
  matvecs: number;
  /** True when a system hit maxiter before converging (LAMMPS warns). */
  failed: boolean;
}

/** The sparse H of one step: owned rows, each pair once, column = the owned atom j images. */
interface Hmat { first: Int32Array; col: Int32Array; val: Float64Array; m: number }

/** (gamma_i gamma_j)^-1.5 per type pair (LAMMPS's shld table), index (ti-1)*ntypes + (tj-1). */
function shieldingTable(p: QeqTypeParams): Float64Array {
  const nt = p.gamma.length;
  const t = new Float64Array(nt * nt);
  for (let a = 0; a < nt; a++) for (let b = 0; b < nt; b++) t[a * nt + b] = Math.pow(p.gamma[a] * p.gamma[b], -1.5);
  return t;
}

function buildH(h: Hmat | null, atoms: AtomView, list: NeighborList, p: QeqTypeParams, tap: Float64Array, swb: number, inGroup: Uint8Array): Hmat {
  const n = atoms.nlocal;
  let cap = list.offsets[list.inum];
  if (!h || h.first.length < n + 1 || h.col.length < cap) h = { first: new Int32Array(n + 1), col: new Int32Array(Math.max(cap, 16)), val: new Float64Array(Math.max(cap, 16)), m: 0 };
  cap = h.col.length;
  const { x, type, owner } = atoms;
  const swb2 = swb * swb;
  const nt = p.gamma.length;
  const shldT = shieldingTable(p);
  let m = 0;
  for (let i = 0; i < n; i++) {
    h.first[i] = m;
    if (!inGroup[i]) continue;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const row = (type[i] - 1) * nt;
    for (let k = list.offsets[i]; k < list.offsets[i + 1]; k++) {
      const j = list.neighbors[k];
      const dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
      const r2 = dx * dx + dy * dy + dz * dz;
      if (r2 > swb2) continue;
      const r = Math.sqrt(r2);
      const shld = shldT[row + type[j] - 1];
      h.col[m] = owner[j];
      h.val[m] = (taper(tap, r) * QEQ_COULOMB) / Math.pow(r * r * r + shld, 1.0 / 3.0);
      m++;
    }
  }
  h.first[n] = m;
  h.m = m;
  return h;
}

/** out = H v over the owned atoms (symmetric: each stored pair adds to both rows). */
function matvec(out: Float64Array, h: Hmat, eta: Float64Array, v: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = eta[i] * v[i];
  for (let i = 0; i < n; i++) {
    const vi = v[i];
    for (let k = h.first[i]; k < h.first[i + 1]; k++) {
      const j = h.col[k];
      const a = h.val[k];
      out[i] += a * v[j];
      out[j] += a * vi;
    }
  }
}

/** Scratch vectors, grown on demand. */
class Work {
  n = -1;
  eta!: Float64Array; hdinv!: Float64Array; bs!: Float64Array; bt!: Float64Array;
  s!: Float64Array; t!: Float64Array; r!: Float64Array; d!: Float64Array; p!: Float64Array; q!: Float64Array;
  h: Hmat | null = null;
  inGroup = new Uint8Array(0);
  ensure(n: number): void {
    if (n <= this.n) return;
    const a = () => new Float64Array(n);
    this.eta = a(); this.hdinv = a(); this.bs = a(); this.bt = a();
    this.s = a(); this.t = a(); this.r = a(); this.d = a(); this.p = a(); this.q = a();
    this.n = n;
  }
}

/**
 * Preconditioned CG on H x = b (LAMMPS FixQEqReaxFF::CG), x holds the start and receives the
 * solution; returns LAMMPS's iteration count.
 */
function cg(w: Work, h: Hmat, b: Float64Array, xv: Float64Array, n: number, tol: number, imax: number, inGroup: Uint8Array): number {
  const { r, d, p, q, hdinv, eta } = w;
  matvec(q, h, eta, xv, n);
  let bnorm2 = 0, sigNew = 0;
  for (let i = 0; i < n; i++) {
    if (!inGroup[i]) continue;
    r[i] = b[i] - q[i];
    d[i] = r[i] * hdinv[i];
  }
  for (let i = 0; i < n; i++) if (inGroup[i]) bnorm2 += b[i] * b[i];
  for (let i = 0; i < n; i++) if (inGroup[i]) sigNew += r[i] * d[i];
  const bnorm = Math.sqrt(bnorm2);
  let it = 1;
  for (; it < imax && Math.sqrt(sigNew) / bnorm > tol; ++it) {
    matvec(q, h, eta, d, n);
    let tmp = 0;
    for (let i = 0; i < n; i++) if (inGroup[i]) tmp += d[i] * q[i];
    const alpha = sigNew / tmp;
    for (let i = 0; i < n; i++) {
      if (!inGroup[i]) continue;
      xv[i] += alpha * d[i];
      r[i] += -alpha * q[i];
      p[i] = r[i] * hdinv[i];
    }
    const sigOld = sigNew;
    sigNew = 0;
    for (let i = 0; i < n; i++) if (inGroup[i]) sigNew += r[i] * p[i];
    const beta = sigNew / sigOld;
    for (let i = 0; i < n; i++) if (inGroup[i]) d[i] = p[i] + beta * d[i];
  }
  return it;
}

const WORK = new Work();

/**
 * Equilibrate the charges of the owned atoms of `atoms` (positions of owned and ghost atoms,
 * types, owner map) over `list` (HALF, each pair once; neighbours within at least swb) and write
 * them into q[0..nlocal). `hist` carries the s/t history between calls (resized to nlocal).
 * `mask`/`groupBit`: only atoms with mask & groupBit take part (others keep their charge).
 */
export function qeqReaxff(
  q: Float64Array,
  atoms: AtomView,
  list: NeighborList,
  params: QeqTypeParams,
  settings: QeqSettings,
  hist: QeqHistory,
  mask?: Int32Array,
  groupBit = 1,
): QeqResult {
  if (list.full) throw new Error('qeq/reaxff: needs a half neighbour list (each pair once)');
  const n = atoms.nlocal;
  const w = WORK;
  w.ensure(n);
  hist.resize(n);
  if (w.inGroup.length < n) w.inGroup = new Uint8Array(n);
  const inGroup = w.inGroup;
  for (let i = 0; i < n; i++) inGroup[i] = !mask || (mask[i] & groupBit) !== 0 ? 1 : 0;
  const tap = taperCoefficients(settings.swa, settings.swb);
  w.h = buildH(w.h, atoms, list, params, tap, settings.swb, inGroup);
  const { eta, hdinv, bs, bt, s, t } = w;
  const hs = hist.s, ht = hist.t;
  for (let i = 0; i < n; i++) {
    const ty = atoms.type[i] - 1;
    eta[i] = params.eta[ty];
    if (!inGroup[i]) { s[i] = t[i] = 0; continue; }
    hdinv[i] = 1.0 / params.eta[ty];
    bs[i] = -params.chi[ty];
    bt[i] = -1.0;
    const o = 4 * i;
    t[i] = ht[o + 2] + 3 * (ht[o] - ht[o + 1]);
    s[i] = 4 * (hs[o] + hs[o + 2]) - (6 * hs[o + 1] + hs[o + 3]);
  }
  const iterS = cg(w, w.h, bs, s, n, settings.tolerance, settings.maxiter, inGroup);
  const iterT = cg(w, w.h, bt, t, n, settings.tolerance, settings.maxiter, inGroup);
  let sSum = 0, tSum = 0;
  for (let i = 0; i < n; i++) if (inGroup[i]) sSum += s[i];
  for (let i = 0; i < n; i++) if (inGroup[i]) tSum += t[i];
  const u = sSum / tSum;
  for (let i = 0; i < n; i++) {
    if (!inGroup[i]) continue;
    q[i] = s[i] - u * t[i];
    const o = 4 * i;
    for (let k = 3; k > 0; k--) { hs[o + k] = hs[o + k - 1]; ht[o + k] = ht[o + k - 1]; }
    hs[o] = s[i];
    ht[o] = t[i];
  }
  return { iterS, iterT, matvecs: (iterS + iterT) / 2, failed: iterS >= settings.maxiter || iterT >= settings.maxiter };
}
