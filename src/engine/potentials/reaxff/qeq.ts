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
import { taperCoefficients } from './taper.js';
import { qeqSolveAos, type QeqSolveIO } from '../../kernels/wasm/index.js';

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

/** (gamma_i gamma_j)^-1.5 per type pair (LAMMPS's shld table), index (ti-1)*ntypes + (tj-1). */
function shieldingTable(p: QeqTypeParams): Float64Array {
  const nt = p.gamma.length;
  const t = new Float64Array(nt * nt);
  for (let a = 0; a < nt; a++) for (let b = 0; b < nt; b++) t[a * nt + b] = Math.pow(p.gamma[a] * p.gamma[b], -1.5);
  return t;
}
const SHIELDING = new WeakMap<QeqTypeParams, Float64Array>();

/**
 * Scratch of the solve, grown on demand and kept between calls: per-atom vectors, H in CSR (owned
 * rows, each pair once, column = the owned atom j images; values recomputed every call as the
 * atoms move) and the kernel's argument record (kernels/wasm/index.ts qeqSolveAos).
 */
class Work {
  n = -1;
  inGroup = new Uint8Array(0);
  tapFor: QeqSettings | null = null;
  tapSwa = NaN;
  tapSwb = NaN;
  io: QeqSolveIO = {
    x: new Float64Array(0), type: new Int32Array(0), owner: new Int32Array(0), nall: 0,
    list: { inum: 0, offsets: new Int32Array(1), neighbors: new Int32Array(0) }, n: 0, inGroup: new Uint8Array(0),
    shld: new Float64Array(0), nt: 0, tap: new Float64Array(8), swb2: 0,
    eta: new Float64Array(0), hdinv: new Float64Array(0), bs: new Float64Array(0), bt: new Float64Array(0), s: new Float64Array(0), t: new Float64Array(0),
    tol: 0, imax: 0,
    first: new Int32Array(1), col: new Int32Array(16), val: new Float64Array(16), r: new Float64Array(0), d: new Float64Array(0), p: new Float64Array(0), q: new Float64Array(0),
    listStable: false, iterS: 0, iterT: 0, m: 0,
  };
  ensure(n: number): void {
    if (n <= this.n) return;
    const io = this.io;
    const a = () => new Float64Array(n);
    io.eta = a(); io.hdinv = a(); io.bs = a(); io.bt = a(); io.s = a(); io.t = a();
    io.r = a(); io.d = a(); io.p = a(); io.q = a();
    this.n = n;
  }
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
  listStable = false,
): QeqResult {
  if (list.full) throw new Error('qeq/reaxff: needs a half neighbour list (each pair once)');
  const n = atoms.nlocal;
  const w = WORK;
  w.ensure(n);
  hist.resize(n);
  if (w.inGroup.length < n) w.inGroup = new Uint8Array(n);
  const inGroup = w.inGroup;
  for (let i = 0; i < n; i++) inGroup[i] = !mask || (mask[i] & groupBit) !== 0 ? 1 : 0;
  const io = w.io;
  if (w.tapFor !== settings || w.tapSwa !== settings.swa || w.tapSwb !== settings.swb) {
    io.tap = taperCoefficients(settings.swa, settings.swb);
    w.tapFor = settings; w.tapSwa = settings.swa; w.tapSwb = settings.swb;
  }
  let shld = SHIELDING.get(params);
  if (!shld) { shld = shieldingTable(params); SHIELDING.set(params, shld); }
  const { eta, hdinv, bs, bt, s, t } = io;
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
  // H, then CG on H s = -chi and H t = -1 (kernels/wasm/assembly/reaxff.ts, twin kernels/scalar/reaxff.ts)
  io.x = atoms.x; io.type = atoms.type; io.owner = atoms.owner; io.nall = atoms.nall;
  io.list = list; io.n = n; io.inGroup = inGroup; io.shld = shld; io.nt = params.gamma.length; io.swb2 = settings.swb * settings.swb;
  io.tol = settings.tolerance; io.imax = settings.maxiter; io.listStable = listStable;
  qeqSolveAos(io);
  const iterS = io.iterS, iterT = io.iterT;
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
