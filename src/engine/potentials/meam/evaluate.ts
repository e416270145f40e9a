/**
 * MEAM energy and forces (Baskes 1992; Lee & Baskes 2000 2NN-MEAM; Huang et al. 1995 eqn I.x), in
 * the three passes of LAMMPS's implementation so that results agree to the last digits:
 *
 *  1. For each pair of the half list: the many-body screening S_ij = prod_k S_ikj, with
 *     C_ikj = (2(X_ik + X_jk) - (X_ik - X_jk)^2 - 1) / (1 - (X_ik - X_jk)^2), X = r^2 / r_ij^2,
 *     S_ikj = fc((C - Cmin)/(Cmax - Cmin)), candidates k from i's full list inside the ellipse bound;
 *     the radial cutoff fc((rc - r)/delr); dS_ij/dr_ij. Then the partial densities rho0 and the
 *     moments of rho1..3 (with ialloy t-weighting), accumulated on i and j (j may be a ghost).
 *  2. Ghost contributions are summed onto their owners; per owned atom: rho1..3, Gamma =
 *     (t1 rho1^2 + t2 rho2^2 + t3 rho3^2)/rho0^2 (t averaged per ialloy), rhobar = rho0 G(Gamma) /
 *     rho_ref, embedding energy F(rhobar) = A Ec rhobar ln rhobar; the results are copied to ghosts.
 *  3. Forces from d/dr_ij and d/dS_ij of (phi(r_ij) S_ij + F_i + F_j), including the forces on the
 *     screening atoms k.
 * Energies [energy], forces [energy/distance]. The virial is left to the engine (fdotr over all
 * atoms, as LAMMPS does for pair meam).
 *
 * All scratch lives in a caller-owned MeamWork (grown when the atom/pair count grows), so a step
 * allocates nothing.
 */
import type { AtomView, NeighborList } from '../types.js';
import type { MeamParams } from './params.js';
import { Lat, dGGam, dfcut, embedding, fmExp, gGam, iszero, isone, shapeFactors, zij } from './functions.js';
import { ghostAbove } from '../../neighbor/neighbor-list.js';
import { meamScreenAos, type MeamScreenResult } from '../../kernels/wasm/index.js';

/** Voigt-like index of (m,n) and (m,n,p), and the multiplicity of each index. */
const VIND2 = new Int32Array(9);
const VIND3 = new Int32Array(27);
const V2 = new Float64Array([1, 2, 2, 1, 2, 1]);
const V3 = new Float64Array([1, 3, 3, 3, 6, 3, 1, 3, 3, 1]);
{
  let n2 = 0, n3 = 0;
  for (let m = 0; m < 3; m++) {
    for (let n = m; n < 3; n++) {
      VIND2[m * 3 + n] = VIND2[n * 3 + m] = n2++;
      for (let p = n; p < 3; p++) {
        for (const [a, b, c] of [[m, n, p], [m, p, n], [n, m, p], [n, p, m], [p, m, n], [p, n, m]]) VIND3[(a * 3 + b) * 3 + c] = n3;
        n3++;
      }
    }
  }
}

/** Per-atom and per-pair scratch of the MEAM passes. */
export class MeamWork {
  nmax = 0;
  rho0: Float64Array = new Float64Array(0);
  arho2b: Float64Array = new Float64Array(0);
  arho1: Float64Array = new Float64Array(0); // 3 per atom
  arho2: Float64Array = new Float64Array(0); // 6
  arho3: Float64Array = new Float64Array(0); // 10
  arho3b: Float64Array = new Float64Array(0); // 3
  tAve: Float64Array = new Float64Array(0); // 3
  tsqAve: Float64Array = new Float64Array(0); // 3
  rho = new Float64Array(0);
  rho1 = new Float64Array(0);
  rho2 = new Float64Array(0);
  rho3 = new Float64Array(0);
  frhop = new Float64Array(0);
  gamma = new Float64Array(0);
  dgamma1 = new Float64Array(0);
  dgamma2 = new Float64Array(0);
  dgamma3 = new Float64Array(0);
  /** Element of each atom (-1 unmapped). */
  elt = new Int32Array(0);
  npmax = 0;
  scrfcn: Float64Array = new Float64Array(0);
  dscrfcn: Float64Array = new Float64Array(0);
  fcpair: Float64Array = new Float64Array(0);
  // half list derived from the full list (LAMMPS half/full/newton)
  hOffsets = new Int32Array(0);
  hNeighbors = new Int32Array(0);
  halfOf: NeighborList | null = null;
  halfBuilds = -1;
  /** Counts the derivations of the half list (the screening kernel copies it again when it changes). */
  halfVersion = 0;
  /** The pair and screening arrays are views of the kernels' memory (set by the screening kernel). */
  kernelViews = false;
  // screening atoms of every half-list bond (0 < S_ikj < 1), from pass 1 for pass 3:
  // bond jn uses entries [trStart[jn], trEnd[jn])
  trStart: Int32Array = new Int32Array(0);
  trEnd: Int32Array = new Int32Array(0);
  trK: Int32Array = new Int32Array(0);
  trRik2: Float64Array = new Float64Array(0);
  trRjk2: Float64Array = new Float64Array(0);
  trC: Float64Array = new Float64Array(0);
  trDelc: Float64Array = new Float64Array(0);
  ntr = 0;

  /** Pass 1 results of the WebAssembly kernels: their views become the pair and density arrays. */
  useKernelResult(r: MeamScreenResult): void {
    this.kernelViews = true;
    this.rho0 = r.rho0; this.arho2b = r.arho2b; this.arho1 = r.arho1; this.arho2 = r.arho2; this.arho3 = r.arho3; this.arho3b = r.arho3b;
    this.tAve = r.tAve; this.tsqAve = r.tsqAve;
    this.scrfcn = r.scr; this.dscrfcn = r.dscr; this.fcpair = r.fcp; this.trStart = r.trStart; this.trEnd = r.trEnd;
    this.trK = r.trK; this.trRik2 = r.trRik2; this.trRjk2 = r.trRjk2; this.trC = r.trC; this.trDelc = r.trDelc;
    this.ntr = r.ntr;
  }

  /** Arrays of its own again for the TypeScript pass 1 (after kernel views: the kernel mode was switched off). */
  useOwnArrays(): void {
    if (!this.kernelViews) return;
    this.kernelViews = false;
    const m = this.nmax;
    this.rho0 = new Float64Array(m); this.arho2b = new Float64Array(m);
    this.arho1 = new Float64Array(3 * m); this.arho2 = new Float64Array(6 * m); this.arho3 = new Float64Array(10 * m);
    this.arho3b = new Float64Array(3 * m); this.tAve = new Float64Array(3 * m); this.tsqAve = new Float64Array(3 * m);
    const n = this.npmax;
    this.scrfcn = new Float64Array(n); this.dscrfcn = new Float64Array(n); this.fcpair = new Float64Array(n);
    this.trStart = new Int32Array(n); this.trEnd = new Int32Array(n);
    this.trK = new Int32Array(0); this.trRik2 = new Float64Array(0); this.trRjk2 = new Float64Array(0); this.trC = new Float64Array(0); this.trDelc = new Float64Array(0);
    this.ntr = 0;
  }

  /** Make room for `extra` more screening entries. */
  growTriplets(extra: number): void {
    const need = this.ntr + extra;
    if (need <= this.trK.length) return;
    const cap = Math.ceil(need * 1.5) + 1024;
    const g = <T extends Int32Array | Float64Array>(a: T): T => { const b = new (a.constructor as { new (n: number): T })(cap); b.set(a.subarray(0, this.ntr)); return b; };
    this.trK = g(this.trK); this.trRik2 = g(this.trRik2); this.trRjk2 = g(this.trRjk2); this.trC = g(this.trC); this.trDelc = g(this.trDelc);
  }

  // screening candidates of the current atom i: its full-list neighbours k (mapped elements) with
  // r_ik^2 <= max(ebound) rc^2, in full-list order, with r_ik^2 cached
  candK = new Int32Array(0);
  candR2 = new Float64Array(0);
  /** Their coordinates, 3 per candidate (a contiguous copy: better locality than x[k]). */
  candX = new Float64Array(0);
  nCand = 0;
  /** max over element pairs of ebound * rc^2: beyond it no atom can screen any bond. */
  candCut = 0;

  /** Collect i's screening candidates from its full list. */
  candidates(x: Float64Array, i: number, full: NeighborList): void {
    const f0 = full.offsets[i], f1 = full.offsets[i + 1], fn = full.neighbors;
    if (this.candK.length < f1 - f0) { this.candK = new Int32Array(f1 - f0 + 64); this.candR2 = new Float64Array(f1 - f0 + 64); this.candX = new Float64Array(3 * (f1 - f0 + 64)); }
    const ck = this.candK, cr = this.candR2, cx = this.candX, elt = this.elt, lim = this.candCut;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    let c = 0;
    for (let kn = f0; kn < f1; kn++) {
      const k = fn[kn];
      if (elt[k] < 0) continue;
      const xk = x[3 * k], yk = x[3 * k + 1], zk = x[3 * k + 2];
      const dxik = xk - xi, dyik = yk - yi, dzik = zk - zi;
      const rik2 = dxik * dxik + dyik * dyik + dzik * dzik;
      if (rik2 > lim) continue;
      ck[c] = k;
      cr[c] = rik2;
      cx[3 * c] = xk; cx[3 * c + 1] = yk; cx[3 * c + 2] = zk;
      c++;
    }
    this.nCand = c;
  }

  ensureAtoms(nall: number): void {
    if (nall <= this.nmax) return;
    const n = Math.ceil(nall * 1.25) + 16;
    this.nmax = n;
    this.rho0 = new Float64Array(n); this.arho2b = new Float64Array(n);
    this.arho1 = new Float64Array(3 * n); this.arho2 = new Float64Array(6 * n); this.arho3 = new Float64Array(10 * n);
    this.arho3b = new Float64Array(3 * n); this.tAve = new Float64Array(3 * n); this.tsqAve = new Float64Array(3 * n);
    this.rho = new Float64Array(n); this.rho1 = new Float64Array(n); this.rho2 = new Float64Array(n); this.rho3 = new Float64Array(n);
    this.frhop = new Float64Array(n); this.gamma = new Float64Array(n);
    this.dgamma1 = new Float64Array(n); this.dgamma2 = new Float64Array(n); this.dgamma3 = new Float64Array(n);
    this.elt = new Int32Array(n);
  }

  ensurePairs(np: number, nlocal: number): void {
    if (this.hOffsets.length < nlocal + 1) this.hOffsets = new Int32Array(Math.ceil(nlocal * 1.25) + 16);
    if (np <= this.npmax) return;
    this.halfOf = null;
    const n = Math.ceil(np * 1.25) + 16;
    this.npmax = n;
    this.scrfcn = new Float64Array(n); this.dscrfcn = new Float64Array(n); this.fcpair = new Float64Array(n);
    this.trStart = new Int32Array(n); this.trEnd = new Int32Array(n);
    this.hNeighbors = new Int32Array(n);
  }
}

/**
 * The half list LAMMPS derives from a full list (half/full/newton): of i's neighbours keep owned
 * j > i, and ghosts j above i (z, then y, then x; decided on the ghost's owner and image offset
 * when the atoms carry them, neighbor-list.ts ghostAbove). Order of the full list is kept.
 */
export function halfFromFull(w: MeamWork, atoms: AtomView, full: NeighborList): void {
  const nlocal = full.inum;
  const x = atoms.x;
  w.ensurePairs(full.offsets[nlocal], nlocal);
  const off = w.hOffsets, nb = w.hNeighbors, fo = full.offsets, fn = full.neighbors;
  const image = atoms.image;
  let c = 0;
  for (let i = 0; i < nlocal; i++) {
    off[i] = c;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    for (let p = fo[i], e = fo[i + 1]; p < e; p++) {
      const j = fn[p];
      if (j < nlocal) {
        if (i > j) continue;
      } else if (image) {
        if (!ghostAbove(x, atoms.owner, image, i, j)) continue;
      } else {
        const zj = x[3 * j + 2];
        if (zj < zi) continue;
        if (zj === zi) {
          const yj = x[3 * j + 1];
          if (yj < yi) continue;
          if (yj === yi && x[3 * j] < xi) continue;
        }
      }
      nb[c++] = j;
    }
  }
  off[nlocal] = c;
}

const DF = new Float64Array(2);
const SHP_I = new Float64Array(3);
const SHP_J = new Float64Array(3);

/**
 * Full MEAM evaluation. `full` must be a full list of the owned atoms (within rc + skin), `f` has
 * 3*nall entries (forces are added, on ghosts too), `eatom` (nall, optional) gets per-atom
 * energies. Returns the potential energy of the owned atoms. Ghost per-atom values are folded
 * with `src` (creation order, as LAMMPS's reverse communication) when the atoms carry it,
 * else with `owner`.
 */
export function meamCompute(p: MeamParams, w: MeamWork, atoms: AtomView, full: NeighborList, f: Float64Array, eatom: Float64Array | null): number {
  const nlocal = atoms.nlocal, nall = atoms.nall;
  w.ensureAtoms(nall);
  let eb = 0;
  for (let q = 0; q < p.ebound.length; q++) if (p.ebound[q] > eb) eb = p.ebound[q];
  w.candCut = eb * p.rc * p.rc;
  // LAMMPS builds the half list from the full one when the lists are built and keeps it until the
  // next build; with a list that counts its builds we do the same, otherwise derive it every call.
  const builds = (full as { builds?: number }).builds;
  if (builds === undefined || full !== w.halfOf || builds !== w.halfBuilds) {
    halfFromFull(w, atoms, full);
    w.halfVersion++;
    w.halfOf = full;
    w.halfBuilds = builds ?? -1;
  }
  const x = atoms.x, type = atoms.type;
  const elt = w.elt;
  const te = p.typeElement;
  for (let i = 0; i < nall; i++) {
    const t = type[i] - 1;
    elt[i] = t >= 0 && t < te.length ? te[t] : -1;
  }
  w.ntr = 0;
  // pass 1: screening and densities (every atom in two WebAssembly calls when the kernels load,
  // bitwise the same as screen() and densities(); the densities of i read only i's bonds)
  const hOff = w.hOffsets, hNb = w.hNeighbors;
  const kr = meamScreenAos(x, elt, nall, full, hOff, hNb, w.halfVersion, p, w.candCut);
  if (kr) {
    w.useKernelResult(kr);
  } else {
    w.useOwnArrays();
    zeroDensities(w, nall);
    for (let i = 0; i < nlocal; i++) {
      if (elt[i] < 0) continue;
      screen(p, w, x, i, hOff[i], hOff[i + 1], full);
      densities(p, w, x, i, hOff[i], hOff[i + 1]);
    }
  }
  // ghosts -> owners
  const src = (atoms as { src?: Int32Array }).src;
  foldDensities(w, nlocal, nall, src ?? atoms.owner);
  // pass 2: per owned atom
  let energy = finalDensities(p, w, nlocal, eatom);
  // owners -> ghosts
  copyToGhosts(w, nlocal, nall, atoms.owner);
  // pass 3: forces
  for (let i = 0; i < nlocal; i++) {
    if (elt[i] < 0) continue;
    energy = forces(p, w, x, i, hOff[i], hOff[i + 1], full, f, eatom, energy);
  }
  return energy;
}

function zeroDensities(w: MeamWork, nall: number): void {
  w.rho0.fill(0, 0, nall);
  w.arho2b.fill(0, 0, nall);
  w.arho1.fill(0, 0, 3 * nall);
  w.arho2.fill(0, 0, 6 * nall);
  w.arho3.fill(0, 0, 10 * nall);
  w.arho3b.fill(0, 0, 3 * nall);
  w.tAve.fill(0, 0, 3 * nall);
  w.tsqAve.fill(0, 0, 3 * nall);
}

/**
 * Screening S_ij, its derivative and the radial cutoff for i's half-list pairs [p0, p1).
 * Atoms k are tested against the ellipse bound r_ik^2, r_jk^2 <= ebound r_ij^2 first (k outside it
 * cannot screen), then S_ikj = fc((C_ikj - Cmin)/(Cmax - Cmin)); S_ij = prod_k S_ikj, 0 as soon as
 * some C_ikj <= Cmin. dscrfcn = d(S_ij fc_ij)/dr_ij / r_ij-style factor as LAMMPS stores it.
 */
function screen(p: MeamParams, w: MeamWork, x: Float64Array, i: number, p0: number, p1: number, full: NeighborList): void {
  const n = p.nelt;
  const elt = w.elt;
  const nb = w.hNeighbors;
  const scr = w.scrfcn, dscr = w.dscrfcn, fcp = w.fcpair;
  const cut = p.rc, cutsq = cut * cut;
  const drinv = 1.0 / p.delr;
  const elti = elt[i];
  const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
  w.candidates(x, i, full);
  const ck = w.candK, cr = w.candR2, cx = w.candX, nc = w.nCand;
  const trStart = w.trStart, trEnd = w.trEnd;
  for (let jn = p0; jn < p1; jn++) {
    const j = nb[jn];
    const eltj = elt[j];
    trStart[jn] = trEnd[jn] = w.ntr;
    // unmapped (NULL) neighbours and pairs beyond rc: S = 0, so later passes skip them
    if (eltj < 0) { dscr[jn] = 0.0; scr[jn] = 0.0; fcp[jn] = 0.0; continue; }
    const xj = x[3 * j], yj = x[3 * j + 1], zj = x[3 * j + 2];
    const dxij = xj - xi, dyij = yj - yi, dzij = zj - zi;
    const rij2 = dxij * dxij + dyij * dyij + dzij * dzij;
    if (rij2 > cutsq) { dscr[jn] = 0.0; scr[jn] = 0.0; fcp[jn] = 0.0; continue; }
    const rbound = p.ebound[elti * n + eltj] * rij2;
    const rij = Math.sqrt(rij2);
    const rnorm = (cut - rij) * drinv;
    const cbase = (elti * n + eltj) * n;
    let sij = 1.0;
    // the partially screening atoms are remembered for the derivative loop and for the forces on
    // them in pass 3 (same k, same order as LAMMPS's loops over the full list)
    w.growTriplets(nc);
    const t0 = w.ntr;
    const trK = w.trK, trRik2 = w.trRik2, trRjk2 = w.trRjk2, trC = w.trC, trDelc = w.trDelc;
    let ns = t0;
    for (let c = 0; c < nc; c++) {
      const rik2 = cr[c];
      if (rik2 > rbound) continue;
      const k = ck[c];
      if (k === j) continue;
      const dxjk = cx[3 * c] - xj, dyjk = cx[3 * c + 1] - yj, dzjk = cx[3 * c + 2] - zj;
      const rjk2 = dxjk * dxjk + dyjk * dyjk + dzjk * dzjk;
      if (rjk2 > rbound) continue;
      const xik = rik2 / rij2;
      const xjk = rjk2 / rij2;
      const a = 1 - (xik - xjk) * (xik - xjk);
      if (a <= 0.0) continue;
      let cikj = (2.0 * (xik + xjk) + a - 2.0) / a;
      const eltk = elt[k];
      const Cmax = p.Cmax[cbase + eltk], Cmin = p.Cmin[cbase + eltk];
      if (cikj >= Cmax) continue;
      if (cikj <= Cmin) { sij = 0.0; break; }
      const delc = Cmax - Cmin;
      cikj = (cikj - Cmin) / delc;
      // fc(cikj) inline (0 < cikj < 1 here), as functions.ts fcut
      let fa = 1.0 - cikj;
      fa *= fa;
      fa *= fa;
      fa = 1.0 - fa;
      sij *= fa * fa;
      trK[ns] = k; trRik2[ns] = rik2; trRjk2[ns] = rjk2; trC[ns] = cikj; trDelc[ns] = delc;
      ns++;
    }
    if (sij === 0.0) ns = t0;
    const fc = dfcut(rnorm, DF);
    const fcij = fc;
    const dfcij = DF[0] * drinv;
    let d = 0.0;
    const sfcij = sij * fcij;
    if (!iszero(sfcij) && !isone(sfcij)) {
      const rij4 = rij2 * rij2;
      for (let q = t0; q < ns; q++) {
        const delc = trDelc[q];
        // dfcut and dCfunc of functions.ts, inline (0 < C < 1 here)
        const ca = 1.0 - trC[q];
        const ca3 = ca * ca * ca;
        const ca4 = ca * ca3;
        const a1m4 = 1.0 - ca4;
        const dfc = 8 * a1m4 * ca3;
        const sikj = a1m4 * a1m4;
        const coef1 = dfc / (delc * sikj);
        const rik2 = trRik2[q], rjk2 = trRjk2[q];
        const am = rik2 - rjk2;
        const bp = rik2 + rjk2;
        const asq = am * am;
        let denom = rij4 - asq;
        denom = denom * denom;
        d = d + coef1 * ((-4 * (-2 * rij2 * asq + rij4 * bp + asq * bp)) / denom);
      }
      d = d * sfcij - (sij * dfcij) / rij;
    }
    dscr[jn] = d;
    scr[jn] = sij;
    fcp[jn] = fcij;
    trEnd[jn] = ns;
    w.ntr = ns;
  }
}

/** Accumulate i's half-list pair contributions to the density moments of i and j. */
function densities(p: MeamParams, w: MeamWork, x: Float64Array, i: number, p0: number, p1: number): void {
  const n = p.nelt;
  const elt = w.elt, nb = w.hNeighbors, scr = w.scrfcn, fcp = w.fcpair;
  const rho0 = w.rho0, arho2b = w.arho2b, arho1 = w.arho1, arho2 = w.arho2, arho3 = w.arho3, arho3b = w.arho3b;
  const tAve = w.tAve, tsqAve = w.tsqAve;
  const cutsq = p.rc * p.rc;
  const elti = elt[i];
  const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
  const rei = p.re[elti * n + elti], ro0i = p.rho0[elti];
  const b0i = p.beta0[elti], b1i = p.beta1[elti], b2i = p.beta2[elti], b3i = p.beta3[elti];
  const t1i = p.t1[elti], t2i = p.t2[elti], t3i = p.t3[elti];
  const ialloy = p.ialloy;
  const d = DELIJ;
  for (let jn = p0; jn < p1; jn++) {
    if (iszero(scr[jn])) continue;
    const j = nb[jn];
    const sij = scr[jn] * fcp[jn];
    d[0] = x[3 * j] - xi; d[1] = x[3 * j + 1] - yi; d[2] = x[3 * j + 2] - zi;
    const rij2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    if (!(rij2 < cutsq)) continue;
    const eltj = elt[j];
    const rij = Math.sqrt(rij2);
    const ai = rij / rei - 1.0;
    const rhoa0i = ro0i * fmExp(-b0i * ai) * sij;
    let rhoa1i = ro0i * fmExp(-b1i * ai) * sij;
    let rhoa2i = ro0i * fmExp(-b2i * ai) * sij;
    let rhoa3i = ro0i * fmExp(-b3i * ai) * sij;
    let rhoa0j: number, rhoa1j: number, rhoa2j: number, rhoa3j: number;
    if (eltj === elti) {
      // same element: the same numbers (same operands, same operations)
      rhoa0j = rhoa0i; rhoa1j = rhoa1i; rhoa2j = rhoa2i; rhoa3j = rhoa3i;
    } else {
      const aj = rij / p.re[eltj * n + eltj] - 1.0;
      const ro0j = p.rho0[eltj];
      rhoa0j = ro0j * fmExp(-p.beta0[eltj] * aj) * sij;
      rhoa1j = ro0j * fmExp(-p.beta1[eltj] * aj) * sij;
      rhoa2j = ro0j * fmExp(-p.beta2[eltj] * aj) * sij;
      rhoa3j = ro0j * fmExp(-p.beta3[eltj] * aj) * sij;
    }
    const t1j = p.t1[eltj], t2j = p.t2[eltj], t3j = p.t3[eltj];
    if (ialloy === 1) {
      rhoa1j = rhoa1j * t1j; rhoa2j = rhoa2j * t2j; rhoa3j = rhoa3j * t3j;
      rhoa1i = rhoa1i * t1i; rhoa2i = rhoa2i * t2i; rhoa3i = rhoa3i * t3i;
    }
    rho0[i] = rho0[i] + rhoa0j;
    rho0[j] = rho0[j] + rhoa0i;
    if (ialloy !== 2) {
      tAve[3 * i] = tAve[3 * i] + t1j * rhoa0j;
      tAve[3 * i + 1] = tAve[3 * i + 1] + t2j * rhoa0j;
      tAve[3 * i + 2] = tAve[3 * i + 2] + t3j * rhoa0j;
      tAve[3 * j] = tAve[3 * j] + t1i * rhoa0i;
      tAve[3 * j + 1] = tAve[3 * j + 1] + t2i * rhoa0i;
      tAve[3 * j + 2] = tAve[3 * j + 2] + t3i * rhoa0i;
    }
    if (ialloy === 1) {
      tsqAve[3 * i] = tsqAve[3 * i] + t1j * t1j * rhoa0j;
      tsqAve[3 * i + 1] = tsqAve[3 * i + 1] + t2j * t2j * rhoa0j;
      tsqAve[3 * i + 2] = tsqAve[3 * i + 2] + t3j * t3j * rhoa0j;
      tsqAve[3 * j] = tsqAve[3 * j] + t1i * t1i * rhoa0i;
      tsqAve[3 * j + 1] = tsqAve[3 * j + 1] + t2i * t2i * rhoa0i;
      tsqAve[3 * j + 2] = tsqAve[3 * j + 2] + t3i * t3i * rhoa0i;
    }
    arho2b[i] = arho2b[i] + rhoa2j;
    arho2b[j] = arho2b[j] + rhoa2i;
    const A1j = rhoa1j / rij, A2j = rhoa2j / rij2, A3j = rhoa3j / (rij2 * rij);
    const A1i = rhoa1i / rij, A2i = rhoa2i / rij2, A3i = rhoa3i / (rij2 * rij);
    // moment accumulation, LAMMPS's loops unrolled (each entry gets one addition per pair, products
    // grouped as (A d_m) d_n and ((A d_m) d_n) d_p as there)
    const d0 = d[0], d1 = d[1], d2 = d[2];
    const i1 = 3 * i, j1 = 3 * j, i2 = 6 * i, j2 = 6 * j, i3 = 10 * i, j3 = 10 * j;
    arho1[i1 + 0] = arho1[i1 + 0] + A1j * d0;
    arho1[j1 + 0] = arho1[j1 + 0] - A1i * d0;
    arho3b[i1 + 0] = arho3b[i1 + 0] + (rhoa3j * d0) / rij;
    arho3b[j1 + 0] = arho3b[j1 + 0] - (rhoa3i * d0) / rij;
    arho1[i1 + 1] = arho1[i1 + 1] + A1j * d1;
    arho1[j1 + 1] = arho1[j1 + 1] - A1i * d1;
    arho3b[i1 + 1] = arho3b[i1 + 1] + (rhoa3j * d1) / rij;
    arho3b[j1 + 1] = arho3b[j1 + 1] - (rhoa3i * d1) / rij;
    arho1[i1 + 2] = arho1[i1 + 2] + A1j * d2;
    arho1[j1 + 2] = arho1[j1 + 2] - A1i * d2;
    arho3b[i1 + 2] = arho3b[i1 + 2] + (rhoa3j * d2) / rij;
    arho3b[j1 + 2] = arho3b[j1 + 2] - (rhoa3i * d2) / rij;
    const a2j0 = A2j * d0, a2i0 = A2i * d0, a3j0 = A3j * d0, a3i0 = A3i * d0;
    const a2j1 = A2j * d1, a2i1 = A2i * d1, a3j1 = A3j * d1, a3i1 = A3i * d1;
    const a2j2 = A2j * d2, a2i2 = A2i * d2, a3j2 = A3j * d2, a3i2 = A3i * d2;
    arho2[i2 + 0] = arho2[i2 + 0] + a2j0 * d0;
    arho2[j2 + 0] = arho2[j2 + 0] + a2i0 * d0;
    arho2[i2 + 1] = arho2[i2 + 1] + a2j0 * d1;
    arho2[j2 + 1] = arho2[j2 + 1] + a2i0 * d1;
    arho2[i2 + 2] = arho2[i2 + 2] + a2j0 * d2;
    arho2[j2 + 2] = arho2[j2 + 2] + a2i0 * d2;
    arho2[i2 + 3] = arho2[i2 + 3] + a2j1 * d1;
    arho2[j2 + 3] = arho2[j2 + 3] + a2i1 * d1;
    arho2[i2 + 4] = arho2[i2 + 4] + a2j1 * d2;
    arho2[j2 + 4] = arho2[j2 + 4] + a2i1 * d2;
    arho2[i2 + 5] = arho2[i2 + 5] + a2j2 * d2;
    arho2[j2 + 5] = arho2[j2 + 5] + a2i2 * d2;
    arho3[i3 + 0] = arho3[i3 + 0] + a3j0 * d0 * d0;
    arho3[j3 + 0] = arho3[j3 + 0] - a3i0 * d0 * d0;
    arho3[i3 + 1] = arho3[i3 + 1] + a3j0 * d0 * d1;
    arho3[j3 + 1] = arho3[j3 + 1] - a3i0 * d0 * d1;
    arho3[i3 + 2] = arho3[i3 + 2] + a3j0 * d0 * d2;
    arho3[j3 + 2] = arho3[j3 + 2] - a3i0 * d0 * d2;
    arho3[i3 + 3] = arho3[i3 + 3] + a3j0 * d1 * d1;
    arho3[j3 + 3] = arho3[j3 + 3] - a3i0 * d1 * d1;
    arho3[i3 + 4] = arho3[i3 + 4] + a3j0 * d1 * d2;
    arho3[j3 + 4] = arho3[j3 + 4] - a3i0 * d1 * d2;
    arho3[i3 + 5] = arho3[i3 + 5] + a3j0 * d2 * d2;
    arho3[j3 + 5] = arho3[j3 + 5] - a3i0 * d2 * d2;
    arho3[i3 + 6] = arho3[i3 + 6] + a3j1 * d1 * d1;
    arho3[j3 + 6] = arho3[j3 + 6] - a3i1 * d1 * d1;
    arho3[i3 + 7] = arho3[i3 + 7] + a3j1 * d1 * d2;
    arho3[j3 + 7] = arho3[j3 + 7] - a3i1 * d1 * d2;
    arho3[i3 + 8] = arho3[i3 + 8] + a3j1 * d2 * d2;
    arho3[j3 + 8] = arho3[j3 + 8] - a3i1 * d2 * d2;
    arho3[i3 + 9] = arho3[i3 + 9] + a3j2 * d2 * d2;
    arho3[j3 + 9] = arho3[j3 + 9] - a3i2 * d2 * d2;
  }
}

const DELIJ = new Float64Array(3);

function foldDensities(w: MeamWork, nlocal: number, nall: number, to: Int32Array): void {
  const rho0 = w.rho0, arho2b = w.arho2b, arho1 = w.arho1, arho2 = w.arho2, arho3 = w.arho3, arho3b = w.arho3b;
  const tAve = w.tAve, tsqAve = w.tsqAve;
  for (let g = nall - 1; g >= nlocal; g--) {
    const o = to[g];
    rho0[o] += rho0[g];
    arho2b[o] += arho2b[g];
    for (let m = 0; m < 3; m++) arho1[3 * o + m] += arho1[3 * g + m];
    for (let m = 0; m < 6; m++) arho2[6 * o + m] += arho2[6 * g + m];
    for (let m = 0; m < 10; m++) arho3[10 * o + m] += arho3[10 * g + m];
    for (let m = 0; m < 3; m++) arho3b[3 * o + m] += arho3b[3 * g + m];
    for (let m = 0; m < 3; m++) tAve[3 * o + m] += tAve[3 * g + m];
    for (let m = 0; m < 3; m++) tsqAve[3 * o + m] += tsqAve[3 * g + m];
  }
}

function copyToGhosts(w: MeamWork, nlocal: number, nall: number, owner: Int32Array): void {
  const rho0 = w.rho0, rho1 = w.rho1, rho2 = w.rho2, rho3 = w.rho3, frhop = w.frhop, gamma = w.gamma;
  const dg1 = w.dgamma1, dg2 = w.dgamma2, dg3 = w.dgamma3, arho2b = w.arho2b;
  for (let g = nlocal; g < nall; g++) {
    const o = owner[g];
    rho0[g] = rho0[o]; rho1[g] = rho1[o]; rho2[g] = rho2[o]; rho3[g] = rho3[o]; frhop[g] = frhop[o];
    gamma[g] = gamma[o]; dg1[g] = dg1[o]; dg2[g] = dg2[o]; dg3[g] = dg3[o]; arho2b[g] = arho2b[o];
    for (let m = 0; m < 3; m++) {
      w.arho1[3 * g + m] = w.arho1[3 * o + m];
      w.arho3b[3 * g + m] = w.arho3b[3 * o + m];
      w.tAve[3 * g + m] = w.tAve[3 * o + m];
      w.tsqAve[3 * g + m] = w.tsqAve[3 * o + m];
    }
    for (let m = 0; m < 6; m++) w.arho2[6 * g + m] = w.arho2[6 * o + m];
    for (let m = 0; m < 10; m++) w.arho3[10 * g + m] = w.arho3[10 * o + m];
  }
}

/** Pass 2: rho1..3, Gamma, rhobar, F and its derivative terms for owned atoms; returns sum of F. */
function finalDensities(p: MeamParams, w: MeamWork, nlocal: number, eatom: Float64Array | null): number {
  const n = p.nelt;
  const elt = w.elt;
  let energy = 0;
  for (let i = 0; i < nlocal; i++) {
    const e = elt[i];
    if (e < 0) continue;
    const ee = e * n + e;
    let r1 = 0.0;
    let r2 = (-1.0 / 3.0) * w.arho2b[i] * w.arho2b[i];
    let r3 = 0.0;
    for (let m = 0; m < 3; m++) {
      r1 = r1 + w.arho1[3 * i + m] * w.arho1[3 * i + m];
      r3 = r3 - (3.0 / 5.0) * w.arho3b[3 * i + m] * w.arho3b[3 * i + m];
    }
    for (let m = 0; m < 6; m++) r2 = r2 + V2[m] * w.arho2[6 * i + m] * w.arho2[6 * i + m];
    for (let m = 0; m < 10; m++) r3 = r3 + V3[m] * w.arho3[10 * i + m] * w.arho3[10 * i + m];
    w.rho1[i] = r1; w.rho2[i] = r2; w.rho3[i] = r3;
    const rho0 = w.rho0[i];
    const t = w.tAve;
    if (rho0 > 0.0) {
      if (p.ialloy === 1) {
        for (let m = 0; m < 3; m++) t[3 * i + m] = iszero(w.tsqAve[3 * i + m]) ? 0.0 : t[3 * i + m] / w.tsqAve[3 * i + m];
      } else if (p.ialloy === 2) {
        t[3 * i] = p.t1[e]; t[3 * i + 1] = p.t2[e]; t[3 * i + 2] = p.t3[e];
      } else {
        t[3 * i] = t[3 * i] / rho0; t[3 * i + 1] = t[3 * i + 1] / rho0; t[3 * i + 2] = t[3 * i + 2] / rho0;
      }
    }
    let gamma = t[3 * i] * r1 + t[3 * i + 1] * r2 + t[3 * i + 2] * r3;
    if (rho0 > 0.0) gamma = gamma / (rho0 * rho0);
    w.gamma[i] = gamma;
    const lat = p.lattce[ee] as Lat;
    const Z = zij(lat);
    let G = gGam(gamma, p.ibar[e], p.gsmooth);
    shapeFactors(lat, p.stheta[ee], p.ctheta[ee], SHP_I);
    let Gbar = 1.0, dGbar = 0.0;
    if (p.ibar[e] > 0) {
      const gam = p.mixRefT === 1
        ? (t[3 * i] * SHP_I[0] + t[3 * i + 1] * SHP_I[1] + t[3 * i + 2] * SHP_I[2]) / (Z * Z)
        : (p.t1[e] * SHP_I[0] + p.t2[e] * SHP_I[1] + p.t3[e] * SHP_I[2]) / (Z * Z);
      Gbar = gGam(gam, p.ibar[e], p.gsmooth);
    }
    w.rho[i] = rho0 * G;
    let rhoBkgd: number;
    if (p.mixRefT === 1) {
      if (p.ibar[e] <= 0) { Gbar = 1.0; dGbar = 0.0; } else {
        const gam = (t[3 * i] * SHP_I[0] + t[3 * i + 1] * SHP_I[1] + t[3 * i + 2] * SHP_I[2]) / (Z * Z);
        Gbar = dGGam(gam, p.ibar[e], p.gsmooth, DF);
        dGbar = DF[0];
      }
      rhoBkgd = p.rho0[e] * Z * Gbar;
    } else if (p.bkgdDyn === 1) rhoBkgd = p.rho0[e] * Z;
    else rhoBkgd = p.rhoRef[e];
    const rhob = w.rho[i] / rhoBkgd;
    const denom = 1.0 / rhoBkgd;
    G = dGGam(gamma, p.ibar[e], p.gsmooth, DF);
    const dG = DF[0];
    w.dgamma1[i] = (G - 2 * dG * gamma) * denom;
    w.dgamma2[i] = !iszero(rho0) ? (dG / rho0) * denom : 0.0;
    w.dgamma3[i] = p.mixRefT === 1 ? ((rho0 * G * dGbar) / (Gbar * Z * Z)) * denom : 0.0;
    const Fl = embedding(p.A[e], p.Ec[ee], rhob, p.embLinNeg, DF);
    w.frhop[i] = DF[0];
    energy = energy + Fl;
    if (eatom) eatom[i] += Fl;
  }
  return energy;
}

const DRHO1M1 = new Float64Array(3), DRHO1M2 = new Float64Array(3);
const DRHO2M1 = new Float64Array(3), DRHO2M2 = new Float64Array(3);
const DRHO3M1 = new Float64Array(3), DRHO3M2 = new Float64Array(3);

/** Pass 3: forces of i's half-list pairs (and on the screening atoms); returns e0 plus the pair energy. */
function forces(p: MeamParams, w: MeamWork, x: Float64Array, i: number, p0: number, p1: number, full: NeighborList, f: Float64Array, eatom: Float64Array | null, e0: number): number {
  const n = p.nelt;
  const elt = w.elt, nb = w.hNeighbors, scr = w.scrfcn, dscr = w.dscrfcn, fcp = w.fcpair;
  const arho1 = w.arho1, arho2 = w.arho2, arho3 = w.arho3, arho3b = w.arho3b, arho2b = w.arho2b;
  const tAve = w.tAve, tsqAve = w.tsqAve, rho0 = w.rho0;
  const cutsq = p.rc * p.rc;
  const tab = p.phiTable, nr = p.nr, rdr = p.rdr;
  const elti = elt[i];
  const ii = elti * n + elti;
  const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
  const d = DELIJ;
  const ialloy = p.ialloy;
  const trK = w.trK, trRik2 = w.trRik2, trRjk2 = w.trRjk2, trC = w.trC, trDelc = w.trDelc;
  let energy = e0;
  shapeFactors(p.lattce[ii] as Lat, p.stheta[ii], p.ctheta[ii], SHP_I);
  for (let jn = p0; jn < p1; jn++) {
    // most entries are beyond rc (S = 0): test the sequential array before touching atom j
    if (iszero(scr[jn])) continue;
    const j = nb[jn];
    const eltj = elt[j];
    if (eltj < 0) continue;
    let sij = scr[jn] * fcp[jn];
    d[0] = x[3 * j] - xi; d[1] = x[3 * j + 1] - yi; d[2] = x[3 * j + 2] - zi;
    const rij2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
    if (!(rij2 < cutsq)) continue;
    const rij = Math.sqrt(rij2);
    const recip = 1.0 / rij;
    // phi and phi' from the spline table
    const ind = p.eltind[elti * n + eltj];
    let pp = rij * rdr;
    let kk = Math.trunc(pp);
    if (kk > nr - 2) kk = nr - 2;
    pp = pp - kk;
    if (pp > 1.0) pp = 1.0;
    const tb = (ind * nr + kk) * 7;
    const phi = ((tab[tb + 3] * pp + tab[tb + 2]) * pp + tab[tb + 1]) * pp + tab[tb];
    const phip = (tab[tb + 6] * pp + tab[tb + 5]) * pp + tab[tb + 4];
    energy = energy + phi * sij;
    if (eatom) { eatom[i] += 0.5 * phi * sij; eatom[j] += 0.5 * phi * sij; }
    // atomic densities and derivatives
    const invrei = 1.0 / p.re[ii];
    const ai = rij * invrei - 1.0;
    const ro0i = p.rho0[elti];
    let rhoa0i = ro0i * fmExp(-p.beta0[elti] * ai);
    let drhoa0i = -p.beta0[elti] * invrei * rhoa0i;
    let rhoa1i = ro0i * fmExp(-p.beta1[elti] * ai);
    let drhoa1i = -p.beta1[elti] * invrei * rhoa1i;
    let rhoa2i = ro0i * fmExp(-p.beta2[elti] * ai);
    let drhoa2i = -p.beta2[elti] * invrei * rhoa2i;
    let rhoa3i = ro0i * fmExp(-p.beta3[elti] * ai);
    let drhoa3i = -p.beta3[elti] * invrei * rhoa3i;
    let rhoa0j: number, drhoa0j: number, rhoa1j: number, drhoa1j: number, rhoa2j: number, drhoa2j: number, rhoa3j: number, drhoa3j: number;
    if (elti !== eltj) {
      const invrej = 1.0 / p.re[eltj * n + eltj];
      const aj = rij * invrej - 1.0;
      const ro0j = p.rho0[eltj];
      rhoa0j = ro0j * fmExp(-p.beta0[eltj] * aj);
      drhoa0j = -p.beta0[eltj] * invrej * rhoa0j;
      rhoa1j = ro0j * fmExp(-p.beta1[eltj] * aj);
      drhoa1j = -p.beta1[eltj] * invrej * rhoa1j;
      rhoa2j = ro0j * fmExp(-p.beta2[eltj] * aj);
      drhoa2j = -p.beta2[eltj] * invrej * rhoa2j;
      rhoa3j = ro0j * fmExp(-p.beta3[eltj] * aj);
      drhoa3j = -p.beta3[eltj] * invrej * rhoa3j;
    } else {
      rhoa0j = rhoa0i; drhoa0j = drhoa0i; rhoa1j = rhoa1i; drhoa1j = drhoa1i;
      rhoa2j = rhoa2i; drhoa2j = drhoa2i; rhoa3j = rhoa3i; drhoa3j = drhoa3i;
    }
    const t1mi = p.t1[elti], t2mi = p.t2[elti], t3mi = p.t3[elti];
    const t1mj = p.t1[eltj], t2mj = p.t2[eltj], t3mj = p.t3[eltj];
    if (ialloy === 1) {
      rhoa1j *= t1mj; rhoa2j *= t2mj; rhoa3j *= t3mj;
      rhoa1i *= t1mi; rhoa2i *= t2mi; rhoa3i *= t3mi;
      drhoa1j *= t1mj; drhoa2j *= t2mj; drhoa3j *= t3mj;
      drhoa1i *= t1mi; drhoa2i *= t2mi; drhoa3i *= t3mi;
    }
    void rhoa0i;
    // moments contracted with r_ij (LAMMPS's loops unrolled, same operation order)
    const d0 = d[0], d1 = d[1], d2 = d[2];
    const g0 = d0 * d0 * 1;
    const g1 = d0 * d1 * 2;
    const g2 = d0 * d2 * 2;
    const g3 = d1 * d1 * 1;
    const g4 = d1 * d2 * 2;
    const g5 = d2 * d2 * 1;
    const h0 = d0 * d0 * d0 * 1;
    const h1 = d0 * d0 * d1 * 3;
    const h2 = d0 * d0 * d2 * 3;
    const h3 = d0 * d1 * d1 * 3;
    const h4 = d0 * d1 * d2 * 6;
    const h5 = d0 * d2 * d2 * 3;
    const h6 = d1 * d1 * d1 * 1;
    const h7 = d1 * d1 * d2 * 3;
    const h8 = d1 * d2 * d2 * 3;
    const h9 = d2 * d2 * d2 * 1;
    const i1 = 3 * i, j1 = 3 * j, i2 = 6 * i, j2 = 6 * j, i3 = 10 * i, j3 = 10 * j;
    let arg1i3 = arho3[i3] * h0;
    arg1i3 = arg1i3 + arho3[i3 + 1] * h1;
    arg1i3 = arg1i3 + arho3[i3 + 2] * h2;
    arg1i3 = arg1i3 + arho3[i3 + 3] * h3;
    arg1i3 = arg1i3 + arho3[i3 + 4] * h4;
    arg1i3 = arg1i3 + arho3[i3 + 5] * h5;
    arg1i3 = arg1i3 + arho3[i3 + 6] * h6;
    arg1i3 = arg1i3 + arho3[i3 + 7] * h7;
    arg1i3 = arg1i3 + arho3[i3 + 8] * h8;
    arg1i3 = arg1i3 + arho3[i3 + 9] * h9;
    let arg1j3 = -(arho3[j3] * h0);
    arg1j3 = arg1j3 - arho3[j3 + 1] * h1;
    arg1j3 = arg1j3 - arho3[j3 + 2] * h2;
    arg1j3 = arg1j3 - arho3[j3 + 3] * h3;
    arg1j3 = arg1j3 - arho3[j3 + 4] * h4;
    arg1j3 = arg1j3 - arho3[j3 + 5] * h5;
    arg1j3 = arg1j3 - arho3[j3 + 6] * h6;
    arg1j3 = arg1j3 - arho3[j3 + 7] * h7;
    arg1j3 = arg1j3 - arho3[j3 + 8] * h8;
    arg1j3 = arg1j3 - arho3[j3 + 9] * h9;
    let arg1i2 = arho2[i2] * g0;
    arg1i2 = arg1i2 + arho2[i2 + 1] * g1;
    arg1i2 = arg1i2 + arho2[i2 + 2] * g2;
    arg1i2 = arg1i2 + arho2[i2 + 3] * g3;
    arg1i2 = arg1i2 + arho2[i2 + 4] * g4;
    arg1i2 = arg1i2 + arho2[i2 + 5] * g5;
    let arg1j2 = arho2[j2] * g0;
    arg1j2 = arg1j2 + arho2[j2 + 1] * g1;
    arg1j2 = arg1j2 + arho2[j2 + 2] * g2;
    arg1j2 = arg1j2 + arho2[j2 + 3] * g3;
    arg1j2 = arg1j2 + arho2[j2 + 4] * g4;
    arg1j2 = arg1j2 + arho2[j2 + 5] * g5;
    let arg1i1 = arho1[i1] * d0;
    arg1i1 = arg1i1 + arho1[i1 + 1] * d1;
    arg1i1 = arg1i1 + arho1[i1 + 2] * d2;
    let arg1j1 = -(arho1[j1] * d0);
    arg1j1 = arg1j1 - arho1[j1 + 1] * d1;
    arg1j1 = arg1j1 - arho1[j1 + 2] * d2;
    let arg3i3 = arho3b[i1] * d0;
    arg3i3 = arg3i3 + arho3b[i1 + 1] * d1;
    arg3i3 = arg3i3 + arho3b[i1 + 2] * d2;
    let arg3j3 = -(arho3b[j1] * d0);
    arg3j3 = arg3j3 - arho3b[j1 + 1] * d1;
    arg3j3 = arg3j3 - arho3b[j1 + 2] * d2;
    // rho0 terms
    const drho0dr1 = drhoa0j * sij;
    const drho0dr2 = drhoa0i * sij;
    // rho1 terms
    let a1 = (2 * sij) / rij;
    const drho1dr1 = a1 * (drhoa1j - rhoa1j / rij) * arg1i1;
    const drho1dr2 = a1 * (drhoa1i - rhoa1i / rij) * arg1j1;
    a1 = (2.0 * sij) / rij;
    for (let m = 0; m < 3; m++) {
      DRHO1M1[m] = a1 * rhoa1j * arho1[3 * i + m];
      DRHO1M2[m] = -a1 * rhoa1i * arho1[3 * j + m];
    }
    // rho2 terms
    let a2 = (2 * sij) / rij2;
    const drho2dr1 = a2 * (drhoa2j - (2 * rhoa2j) / rij) * arg1i2 - (2.0 / 3.0) * arho2b[i] * drhoa2j * sij;
    const drho2dr2 = a2 * (drhoa2i - (2 * rhoa2i) / rij) * arg1j2 - (2.0 / 3.0) * arho2b[j] * drhoa2i * sij;
    a2 = (4 * sij) / rij2;
    DRHO2M1[0] = a2 * rhoa2j * (arho2[i2 + 0] * d0 + arho2[i2 + 1] * d1 + arho2[i2 + 2] * d2);
    DRHO2M2[0] = -a2 * rhoa2i * (-(arho2[j2 + 0] * d0) - arho2[j2 + 1] * d1 - arho2[j2 + 2] * d2);
    DRHO2M1[1] = a2 * rhoa2j * (arho2[i2 + 1] * d0 + arho2[i2 + 3] * d1 + arho2[i2 + 4] * d2);
    DRHO2M2[1] = -a2 * rhoa2i * (-(arho2[j2 + 1] * d0) - arho2[j2 + 3] * d1 - arho2[j2 + 4] * d2);
    DRHO2M1[2] = a2 * rhoa2j * (arho2[i2 + 2] * d0 + arho2[i2 + 4] * d1 + arho2[i2 + 5] * d2);
    DRHO2M2[2] = -a2 * rhoa2i * (-(arho2[j2 + 2] * d0) - arho2[j2 + 4] * d1 - arho2[j2 + 5] * d2);
    // rho3 terms
    const rij3 = rij * rij2;
    let a3 = (2 * sij) / rij3;
    let a3a = ((6.0 / 5.0) * sij) / rij;
    const drho3dr1 = a3 * (drhoa3j - (3 * rhoa3j) / rij) * arg1i3 - a3a * (drhoa3j - rhoa3j / rij) * arg3i3;
    const drho3dr2 = a3 * (drhoa3i - (3 * rhoa3i) / rij) * arg1j3 - a3a * (drhoa3i - rhoa3i / rij) * arg3j3;
    a3 = (6 * sij) / rij3;
    a3a = (6 * sij) / (5 * rij);
    DRHO3M1[0] = (a3 * (arho3[i3 + 0] * g0 + arho3[i3 + 1] * g1 + arho3[i3 + 2] * g2 + arho3[i3 + 3] * g3 + arho3[i3 + 4] * g4 + arho3[i3 + 5] * g5) - a3a * arho3b[i1 + 0]) * rhoa3j;
    DRHO3M2[0] = (-a3 * (arho3[j3 + 0] * g0 + arho3[j3 + 1] * g1 + arho3[j3 + 2] * g2 + arho3[j3 + 3] * g3 + arho3[j3 + 4] * g4 + arho3[j3 + 5] * g5) + a3a * arho3b[j1 + 0]) * rhoa3i;
    DRHO3M1[1] = (a3 * (arho3[i3 + 1] * g0 + arho3[i3 + 3] * g1 + arho3[i3 + 4] * g2 + arho3[i3 + 6] * g3 + arho3[i3 + 7] * g4 + arho3[i3 + 8] * g5) - a3a * arho3b[i1 + 1]) * rhoa3j;
    DRHO3M2[1] = (-a3 * (arho3[j3 + 1] * g0 + arho3[j3 + 3] * g1 + arho3[j3 + 4] * g2 + arho3[j3 + 6] * g3 + arho3[j3 + 7] * g4 + arho3[j3 + 8] * g5) + a3a * arho3b[j1 + 1]) * rhoa3i;
    DRHO3M1[2] = (a3 * (arho3[i3 + 2] * g0 + arho3[i3 + 4] * g1 + arho3[i3 + 5] * g2 + arho3[i3 + 7] * g3 + arho3[i3 + 8] * g4 + arho3[i3 + 9] * g5) - a3a * arho3b[i1 + 2]) * rhoa3j;
    DRHO3M2[2] = (-a3 * (arho3[j3 + 2] * g0 + arho3[j3 + 4] * g1 + arho3[j3 + 5] * g2 + arho3[j3 + 7] * g3 + arho3[j3 + 8] * g4 + arho3[j3 + 9] * g5) + a3a * arho3b[j1 + 2]) * rhoa3i;
    // t weights and their derivatives
    const t1i = tAve[3 * i], t2i = tAve[3 * i + 1], t3i = tAve[3 * i + 2];
    const t1j = tAve[3 * j], t2j = tAve[3 * j + 1], t3j = tAve[3 * j + 2];
    let dt1dr1: number, dt1dr2: number, dt2dr1: number, dt2dr2: number, dt3dr1: number, dt3dr2: number;
    if (ialloy === 1) {
      const a1i = fdivZero(drhoa0j * sij, tsqAve[3 * i]);
      const a1j = fdivZero(drhoa0i * sij, tsqAve[3 * j]);
      const a2i = fdivZero(drhoa0j * sij, tsqAve[3 * i + 1]);
      const a2j = fdivZero(drhoa0i * sij, tsqAve[3 * j + 1]);
      const a3i = fdivZero(drhoa0j * sij, tsqAve[3 * i + 2]);
      const a3j = fdivZero(drhoa0i * sij, tsqAve[3 * j + 2]);
      dt1dr1 = a1i * (t1mj - t1i * (t1mj * t1mj));
      dt1dr2 = a1j * (t1mi - t1j * (t1mi * t1mi));
      dt2dr1 = a2i * (t2mj - t2i * (t2mj * t2mj));
      dt2dr2 = a2j * (t2mi - t2j * (t2mi * t2mi));
      dt3dr1 = a3i * (t3mj - t3i * (t3mj * t3mj));
      dt3dr2 = a3j * (t3mi - t3j * (t3mi * t3mi));
    } else if (ialloy === 2) {
      dt1dr1 = dt1dr2 = dt2dr1 = dt2dr2 = dt3dr1 = dt3dr2 = 0.0;
    } else {
      const ai2 = !iszero(rho0[i]) ? (drhoa0j * sij) / rho0[i] : 0.0;
      const aj2 = !iszero(rho0[j]) ? (drhoa0i * sij) / rho0[j] : 0.0;
      dt1dr1 = ai2 * (t1mj - t1i); dt1dr2 = aj2 * (t1mi - t1j);
      dt2dr1 = ai2 * (t2mj - t2i); dt2dr2 = aj2 * (t2mi - t2j);
      dt3dr1 = ai2 * (t3mj - t3i); dt3dr2 = aj2 * (t3mi - t3j);
    }
    // LAMMPS evaluates j's shape factors with i's theta (matters only for zig/tri with mixture_ref_t)
    shapeFactors(p.lattce[eltj * n + eltj] as Lat, p.stheta[ii], p.ctheta[ii], SHP_J);
    const dg1i = w.dgamma1[i], dg2i = w.dgamma2[i], dg3i = w.dgamma3[i];
    const dg1j = w.dgamma1[j], dg2j = w.dgamma2[j], dg3j = w.dgamma3[j];
    const rho1i = w.rho1[i], rho2i = w.rho2[i], rho3i = w.rho3[i];
    const rho1j = w.rho1[j], rho2j = w.rho2[j], rho3j = w.rho3[j];
    const drhodr1 = dg1i * drho0dr1 + dg2i * (dt1dr1 * rho1i + t1i * drho1dr1 + dt2dr1 * rho2i + t2i * drho2dr1 + dt3dr1 * rho3i + t3i * drho3dr1) - dg3i * (SHP_I[0] * dt1dr1 + SHP_I[1] * dt2dr1 + SHP_I[2] * dt3dr1);
    const drhodr2 = dg1j * drho0dr2 + dg2j * (dt1dr2 * rho1j + t1j * drho1dr2 + dt2dr2 * rho2j + t2j * drho2dr2 + dt3dr2 * rho3j + t3j * drho3dr2) - dg3j * (SHP_J[0] * dt1dr2 + SHP_J[1] * dt2dr2 + SHP_J[2] * dt3dr2);
    const frhopi = w.frhop[i], frhopj = w.frhop[j];
    const dscrij = dscr[jn];
    let dUdsij = 0.0;
    if (!iszero(dscrij)) {
      const drho0ds1 = rhoa0j;
      const drho0ds2 = rhoa0i;
      a1 = 2.0 / rij;
      const drho1ds1 = a1 * rhoa1j * arg1i1;
      const drho1ds2 = a1 * rhoa1i * arg1j1;
      a2 = 2.0 / rij2;
      const drho2ds1 = a2 * rhoa2j * arg1i2 - (2.0 / 3.0) * arho2b[i] * rhoa2j;
      const drho2ds2 = a2 * rhoa2i * arg1j2 - (2.0 / 3.0) * arho2b[j] * rhoa2i;
      a3 = 2.0 / rij3;
      a3a = 6.0 / (5.0 * rij);
      const drho3ds1 = a3 * rhoa3j * arg1i3 - a3a * rhoa3j * arg3i3;
      const drho3ds2 = a3 * rhoa3i * arg1j3 - a3a * rhoa3i * arg3j3;
      let dt1ds1: number, dt1ds2: number, dt2ds1: number, dt2ds2: number, dt3ds1: number, dt3ds2: number;
      if (ialloy === 1) {
        const a1i = fdivZero(rhoa0j, tsqAve[3 * i]);
        const a1j = fdivZero(rhoa0i, tsqAve[3 * j]);
        const a2i = fdivZero(rhoa0j, tsqAve[3 * i + 1]);
        const a2j = fdivZero(rhoa0i, tsqAve[3 * j + 1]);
        const a3i = fdivZero(rhoa0j, tsqAve[3 * i + 2]);
        const a3j = fdivZero(rhoa0i, tsqAve[3 * j + 2]);
        dt1ds1 = a1i * (t1mj - t1i * (t1mj * t1mj));
        dt1ds2 = a1j * (t1mi - t1j * (t1mi * t1mi));
        dt2ds1 = a2i * (t2mj - t2i * (t2mj * t2mj));
        dt2ds2 = a2j * (t2mi - t2j * (t2mi * t2mi));
        dt3ds1 = a3i * (t3mj - t3i * (t3mj * t3mj));
        dt3ds2 = a3j * (t3mi - t3j * (t3mi * t3mi));
      } else if (ialloy === 2) {
        dt1ds1 = dt1ds2 = dt2ds1 = dt2ds2 = dt3ds1 = dt3ds2 = 0.0;
      } else {
        const ai2 = !iszero(rho0[i]) ? rhoa0j / rho0[i] : 0.0;
        const aj2 = !iszero(rho0[j]) ? rhoa0i / rho0[j] : 0.0;
        dt1ds1 = ai2 * (t1mj - t1i); dt1ds2 = aj2 * (t1mi - t1j);
        dt2ds1 = ai2 * (t2mj - t2i); dt2ds2 = aj2 * (t2mi - t2j);
        dt3ds1 = ai2 * (t3mj - t3i); dt3ds2 = aj2 * (t3mi - t3j);
      }
      const drhods1 = dg1i * drho0ds1 + dg2i * (dt1ds1 * rho1i + t1i * drho1ds1 + dt2ds1 * rho2i + t2i * drho2ds1 + dt3ds1 * rho3i + t3i * drho3ds1) - dg3i * (SHP_I[0] * dt1ds1 + SHP_I[1] * dt2ds1 + SHP_I[2] * dt3ds1);
      const drhods2 = dg1j * drho0ds2 + dg2j * (dt1ds2 * rho1j + t1j * drho1ds2 + dt2ds2 * rho2j + t2j * drho2ds2 + dt3ds2 * rho3j + t3j * drho3ds2) - dg3j * (SHP_J[0] * dt1ds2 + SHP_J[1] * dt2ds2 + SHP_J[2] * dt3ds2);
      dUdsij = phi + frhopi * drhods1 + frhopj * drhods2;
    }
    const dUdrij = phip * sij + frhopi * drhodr1 + frhopj * drhodr2;
    const force = dUdrij * recip + dUdsij * dscrij;
    for (let m = 0; m < 3; m++) {
      const drhodrm1 = dg2i * (t1i * DRHO1M1[m] + t2i * DRHO2M1[m] + t3i * DRHO3M1[m]);
      const drhodrm2 = dg2j * (t1j * DRHO1M2[m] + t2j * DRHO2M2[m] + t3j * DRHO3M2[m]);
      const dUdrijm = frhopi * drhodrm1 + frhopj * drhodrm2;
      const forcem = d[m] * force + dUdrijm;
      f[3 * i + m] = f[3 * i + m] + forcem;
      f[3 * j + m] = f[3 * j + m] - forcem;
    }
    // forces on the atoms k that screen the i-j bond
    if (iszero(sij) || isone(sij)) continue;
    sij = scr[jn] * fcp[jn];
    for (let q = w.trStart[jn], qe = w.trEnd[jn]; q < qe; q++) {
      // the atoms k with Cmin < C_ikj < Cmax found in pass 1 (LAMMPS re-tests every neighbour;
      // the others give dS_ij/dr = 0)
      const k = trK[q];
      const rik2 = trRik2[q], rjk2 = trRjk2[q];
      const delc = trDelc[q];
      const cikj = trC[q];
      const dxjk = x[3 * k] - x[3 * j], dyjk = x[3 * k + 1] - x[3 * j + 1], dzjk = x[3 * k + 2] - x[3 * j + 2];
      const dxik = x[3 * k] - xi, dyik = x[3 * k + 1] - yi, dzik = x[3 * k + 2] - zi;
      // dfcut and dCfunc2 of functions.ts, inline (0 < C < 1 here)
      const ca = 1.0 - cikj;
      const ca3 = ca * ca * ca;
      const ca4 = ca * ca3;
      const a1m4 = 1.0 - ca4;
      const dfc = 8 * a1m4 * ca3;
      const sikj = a1m4 * a1m4;
      const rij4 = rij2 * rij2, rik4 = rik2 * rik2, rjk4 = rjk2 * rjk2;
      const am = rik2 - rjk2;
      let denom = rij4 - am * am;
      denom = denom * denom;
      const dC1 = (4 * rij2 * (rij4 + rik4 + 2 * rik2 * rjk2 - 3 * rjk4 - 2 * rij2 * am)) / denom;
      const dC2 = (4 * rij2 * (rij4 - 3 * rik4 + 2 * rik2 * rjk2 + rjk4 + 2 * rij2 * am)) / denom;
      const aa = ((sij / delc) * dfc) / sikj;
      const dsij1 = aa * dC1;
      const dsij2 = aa * dC2;
      if (iszero(dsij1) && iszero(dsij2)) continue;
      const force1 = dUdsij * dsij1;
      const force2 = dUdsij * dsij2;
      f[3 * i] += force1 * dxik;
      f[3 * i + 1] += force1 * dyik;
      f[3 * i + 2] += force1 * dzik;
      f[3 * j] += force2 * dxjk;
      f[3 * j + 1] += force2 * dyjk;
      f[3 * j + 2] += force2 * dzjk;
      f[3 * k] -= force1 * dxik + force2 * dxjk;
      f[3 * k + 1] -= force1 * dyik + force2 * dyjk;
      f[3 * k + 2] -= force1 * dzik + force2 * dzjk;
    }
  }
  return energy;
}

function fdivZero(a: number, b: number): number {
  return iszero(b) ? 0.0 : a / b;
}

