/**
 * ReaxFF bond orders (van Duin et al., J. Phys. Chem. A 105, 9396 (2001); the corrections as in
 * LAMMPS src/REAXFF/reaxff_bond_orders.cpp and reaxff_forces.cpp Init_Forces_noQEq) and the
 * chain rule from dE/dBO to forces (LAMMPS Add_dBond_to_Forces).
 *
 * Layout. Everything is held per OWNED atom: a bond is (a, c, d) with a, c owned atoms and d the
 * vector from a to the image of c it connects to (a ghost in the engine's list, or c itself).
 * Each physical bond appears once (the half list lists each pair once, see potentials/types.ts),
 * so periodic images never need bond lists of their own and a bond from an atom to its own image
 * (small boxes) is an ordinary bond with a == c. Positions of the atoms of a many-body term are
 * built from the centre by adding bond vectors ("virtual positions"); forces are folded onto
 * owners at once and the virial is tallied as sum r (x) f over those virtual positions.
 *
 * Uncorrected bond order (BO'): sigma (1 + bo_cut) exp(p_bo1 (r/r_s)^p_bo2), pi exp(p_bo3 (r/r_p)^p_bo4),
 * double pi exp(p_bo5 (r/r_pp)^p_bo6), each only when both atoms have the radius (> 0); a bond
 * exists when r <= nbrhood_cutoff and BO' >= bo_cut, and bo_cut is then subtracted from BO' and
 * its sigma part. Corrected BO = BO' f1 f4 f5 (pi parts f1^2 f4 f5) where the pair has
 * ovc >= 0.001 (f1: over-coordination) or v13cor >= 0.001 (f4, f5: 1-3 bond orders); values below
 * 1e-10 are set to 0. Deltas: total BO minus valency / valency_e / valency_boc / valency_val,
 * lone pairs n_lp with LAMMPS's integer truncations.
 */
import type { ReaxffParams } from '../../../io/reaxff-ffield.js';
import type { AtomView, NeighborList } from '../types.js';
import { pow } from '../../kernels/wasm/index.js';

export interface ReaxffCutoffs {
  /** nbrhood_cutoff [distance] */
  bondCut: number;
  /** hbond_cutoff [distance] */
  hbondCut: number;
  /** thb_cutoff */
  thbCut: number;
  /** thb_cutoff_sq */
  thbCutSq: number;
  /** upper taper radius = nonbonded cutoff (general parameter l[12]) [distance] */
  nonbCut: number;
}

function grow(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}
function growI(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, 2 * a.length));
  b.set(a);
  return b;
}

/** Per-bond and per-atom state of one ReaxFF evaluation; buffers are reused between calls. */
export class ReaxffWork {
  n = 0;
  /** ffield element index of each owned atom (-1 = NULL type). */
  elem = new Int32Array(0);
  x = new Float64Array(0);
  // ---- bonds (undirected)
  nb = 0;
  ba = new Int32Array(0);
  bc = new Int32Array(0);
  /** vector a -> image of c, and its length */
  bd = new Float64Array(0);
  br = new Float64Array(0);
  /** dBO'/dx_a = -kBO * d; dBO'_pi/dx_a = -kPi * d; dBO'_pipi/dx_a = -kPi2 * d */
  kBO = new Float64Array(0);
  kPi = new Float64Array(0);
  kPi2 = new Float64Array(0);
  /** corrected bond orders */
  bo = new Float64Array(0);
  boS = new Float64Array(0);
  boPi = new Float64Array(0);
  boPi2 = new Float64Array(0);
  /** dBO = C1 dBO' + C2 dDelta'_a + C3 dDelta'_c; pi: C1 dBO'_pi + C2 dBO' + C3 dDelta'_a + C4 dDelta'_c */
  c1 = new Float64Array(0); c2 = new Float64Array(0); c3 = new Float64Array(0);
  c1pi = new Float64Array(0); c2pi = new Float64Array(0); c3pi = new Float64Array(0); c4pi = new Float64Array(0);
  c1pi2 = new Float64Array(0); c2pi2 = new Float64Array(0); c3pi2 = new Float64Array(0); c4pi2 = new Float64Array(0);
  /** dE/dBO, dE/dBO_pi, dE/dBO_pipi accumulated by the energy terms (LAMMPS Cdbo, Cdbopi, Cdbopi2) */
  cdbo = new Float64Array(0);
  cdpi = new Float64Array(0);
  cdpi2 = new Float64Array(0);
  // ---- adjacency: half-bond h = 2*bond + (0 if the atom is a, 1 if it is c)
  adjStart = new Int32Array(1);
  adj = new Int32Array(0);
  // ---- atoms
  totalBO = new Float64Array(0);
  deltap = new Float64Array(0);
  deltapBoc = new Float64Array(0);
  /** dDelta'_i/dx_i (3 per atom) */
  dDeltapSelf = new Float64Array(0);
  delta = new Float64Array(0);
  deltaE = new Float64Array(0);
  deltaBoc = new Float64Array(0);
  deltaVal = new Float64Array(0);
  vlpex = new Float64Array(0);
  nlp = new Float64Array(0);
  deltaLp = new Float64Array(0);
  dDeltaLp = new Float64Array(0);
  deltaLpTemp = new Float64Array(0);
  /** dE/dDelta_i (LAMMPS CdDelta) */
  cdDelta = new Float64Array(0);
  // ---- hydrogen-bond acceptors of each owned H atom: CSR over owned atoms
  hbStart = new Int32Array(1);
  hbAtom = new Int32Array(0);
  hbD = new Float64Array(0);
  nhb = 0;
  hbCursor = new Int32Array(0);
  // ---- gradient (dE/dx, on owners) and virial sum r (x) f
  g = new Float64Array(0);
  virial = new Float64Array(6);

  ensureAtoms(n: number): void {
    this.n = n;
    if (this.elem.length < n) {
      const m = Math.max(n, 2 * this.elem.length);
      this.elem = new Int32Array(m);
      for (const k of ['totalBO', 'deltap', 'deltapBoc', 'delta', 'deltaE', 'deltaBoc', 'deltaVal', 'vlpex', 'nlp', 'deltaLp', 'dDeltaLp', 'deltaLpTemp', 'cdDelta'] as const) {
        this[k] = new Float64Array(m);
      }
      this.dDeltapSelf = new Float64Array(3 * m);
      this.g = new Float64Array(3 * m);
      this.x = new Float64Array(3 * m);
      this.adjStart = new Int32Array(m + 1);
      this.hbStart = new Int32Array(m + 1);
    }
  }

  ensureBonds(nb: number): void {
    if (this.ba.length >= nb) return;
    const m = Math.max(nb, 2 * this.ba.length, 64);
    this.ba = growI(this.ba, m); this.bc = growI(this.bc, m);
    this.bd = grow(this.bd, 3 * m); this.br = grow(this.br, m);
    for (const k of ['kBO', 'kPi', 'kPi2', 'bo', 'boS', 'boPi', 'boPi2', 'c1', 'c2', 'c3', 'c1pi', 'c2pi', 'c3pi', 'c4pi', 'c1pi2', 'c2pi2', 'c3pi2', 'c4pi2', 'cdbo', 'cdpi', 'cdpi2'] as const) {
      this[k] = grow(this[k], m);
    }
  }

  /** Neighbour (owned atom) of half-bond h. */
  nbr(h: number): number {
    return (h & 1) === 0 ? this.bc[h >> 1] : this.ba[h >> 1];
  }
  /** Sign of the bond vector seen from the atom of half-bond h. */
  sgn(h: number): number {
    return (h & 1) === 0 ? 1 : -1;
  }

  /** Add gradient g (dE/dx) to owner o at virtual position p (virial uses f = -g). */
  tally(o: number, px: number, py: number, pz: number, gx: number, gy: number, gz: number): void {
    const g = this.g;
    g[3 * o] += gx; g[3 * o + 1] += gy; g[3 * o + 2] += gz;
    const v = this.virial;
    v[0] -= px * gx; v[1] -= py * gy; v[2] -= pz * gz;
    v[3] -= px * gy; v[4] -= px * gz; v[5] -= py * gz;
  }
}

/**
 * Find the bonds and hydrogen-bond acceptors from the pair style's half list, and compute the
 * uncorrected and corrected bond orders, Deltas and lone pairs (LAMMPS BOp + BO).
 */
export function computeBondOrders(w: ReaxffWork, p: ReaxffParams, typeMap: ArrayLike<number>, atoms: AtomView, list: NeighborList, cut: ReaxffCutoffs): void {
  const n = atoms.nlocal;
  w.ensureAtoms(n);
  const x = atoms.x;
  const elem = w.elem;
  for (let i = 0; i < n; i++) {
    elem[i] = typeMap[atoms.type[i] - 1];
    w.x[3 * i] = x[3 * i]; w.x[3 * i + 1] = x[3 * i + 1]; w.x[3 * i + 2] = x[3 * i + 2];
  }
  const owner = atoms.owner;
  const boCut = p.boCut;
  const bondCut2 = cut.bondCut * cut.bondCut;
  const hbCut = Math.min(cut.hbondCut, cut.nonbCut);
  const hbCut2 = hbCut * hbCut;
  const sbp = p.sbp;
  w.nb = 0;
  w.totalBO.fill(0, 0, n);
  w.dDeltapSelf.fill(0, 0, 3 * n);
  const hbCount = w.hbStart;
  hbCount.fill(0, 0, n + 1);
  // pass 1: bonds; count H-bond acceptors
  const nbrs = list.neighbors, off = list.offsets;
  for (let ii = 0; ii < list.inum; ii++) {
    const i = ii;
    const ti = elem[i];
    if (ti < 0) continue;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    for (let q = off[ii]; q < off[ii + 1]; q++) {
      const j = nbrs[q];
      const oj = owner[j];
      const tj = elem[oj];
      if (tj < 0) continue;
      const dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
      const r2 = dx * dx + dy * dy + dz * dz;
      if (cut.hbondCut > 0 && r2 <= hbCut2) {
        const hi = sbp[ti].p_hbond, hj = sbp[tj].p_hbond;
        if (hi === 1 && hj === 2) hbCount[i]++;
        else if (hi === 2 && hj === 1) hbCount[oj]++;
      }
      if (r2 > bondCut2) continue;
      const r = Math.sqrt(r2);
      const si = sbp[ti], sj = sbp[tj];
      const tw = p.tbp[ti][tj];
      let c12 = 0, bs = 0, c34 = 0, bpi = 0, c56 = 0, bpi2 = 0;
      if (si.r_s > 0 && sj.r_s > 0) {
        c12 = tw.p_bo1 * pow(r / tw.r_s, tw.p_bo2);
        bs = (1.0 + boCut) * Math.exp(c12);
      }
      if (si.r_pi > 0 && sj.r_pi > 0) {
        c34 = tw.p_bo3 * pow(r / tw.r_p, tw.p_bo4);
        bpi = Math.exp(c34);
      }
      if (si.r_pi_pi > 0 && sj.r_pi_pi > 0) {
        c56 = tw.p_bo5 * pow(r / tw.r_pp, tw.p_bo6);
        bpi2 = Math.exp(c56);
      }
      const bot = bs + bpi + bpi2;
      if (!(bot >= boCut)) continue;
      const b = w.nb++;
      w.ensureBonds(w.nb);
      w.ba[b] = i; w.bc[b] = oj;
      w.bd[3 * b] = dx; w.bd[3 * b + 1] = dy; w.bd[3 * b + 2] = dz;
      w.br[b] = r;
      const rr2 = 1.0 / (r * r);
      const ks = bs * tw.p_bo2 * c12 * rr2;
      const kp = bpi * tw.p_bo4 * c34 * rr2;
      const kp2 = bpi2 * tw.p_bo6 * c56 * rr2;
      w.kPi[b] = kp; w.kPi2[b] = kp2;
      const k = ks + kp + kp2;
      w.kBO[b] = k;
      w.dDeltapSelf[3 * i] -= k * dx; w.dDeltapSelf[3 * i + 1] -= k * dy; w.dDeltapSelf[3 * i + 2] -= k * dz;
      w.dDeltapSelf[3 * oj] += k * dx; w.dDeltapSelf[3 * oj + 1] += k * dy; w.dDeltapSelf[3 * oj + 2] += k * dz;
      // uncorrected values, bo_cut removed from sigma and total
      w.bo[b] = bot - boCut;
      w.boS[b] = bs - boCut;
      w.boPi[b] = bpi;
      w.boPi2[b] = bpi2;
      w.totalBO[i] += bot - boCut;
      w.totalBO[oj] += bot - boCut;
    }
  }
  // adjacency (CSR of half-bonds)
  const st = w.adjStart;
  st.fill(0, 0, n + 1);
  for (let b = 0; b < w.nb; b++) { st[w.ba[b] + 1]++; st[w.bc[b] + 1]++; }
  for (let i = 0; i < n; i++) st[i + 1] += st[i];
  if (w.adj.length < 2 * w.nb) w.adj = new Int32Array(Math.max(2 * w.nb, 2 * w.adj.length));
  // fill with st[i] as the cursor of atom i, then shift back to start offsets
  for (let b = 0; b < w.nb; b++) {
    w.adj[st[w.ba[b]]++] = 2 * b;
    w.adj[st[w.bc[b]]++] = 2 * b + 1;
  }
  for (let i = n; i > 0; i--) st[i] = st[i - 1];
  st[0] = 0;
  // hydrogen-bond acceptor lists (pass 2)
  buildHbondLists(w, p, atoms, list, hbCut2, cut.hbondCut > 0);

  // Deltas of the uncorrected bond orders
  for (let i = 0; i < n; i++) {
    const t = elem[i];
    if (t < 0) continue;
    w.deltap[i] = w.totalBO[i] - sbp[t].valency;
    w.deltapBoc[i] = w.totalBO[i] - sbp[t].valency_val;
    w.totalBO[i] = 0;
  }
  // corrections
  const pBoc1 = p.gp[0], pBoc2 = p.gp[1];
  for (let b = 0; b < w.nb; b++) {
    const i = w.ba[b], j = w.bc[b];
    const ti = elem[i], tj = elem[j];
    const tw = p.tbp[ti][tj];
    if (tw.ovc < 0.001 && tw.v13cor < 0.001) {
      w.c1[b] = 1; w.c2[b] = 0; w.c3[b] = 0;
      w.c1pi[b] = 1; w.c2pi[b] = 0; w.c3pi[b] = 0; w.c4pi[b] = 0;
      w.c1pi2[b] = 1; w.c2pi2[b] = 0; w.c3pi2[b] = 0; w.c4pi2[b] = 0;
    } else {
      const valI = sbp[ti].valency, valJ = sbp[tj].valency;
      const dpi = w.deltap[i], dpj = w.deltap[j];
      let f1 = 1, cf1ij = 0, cf1ji = 0;
      if (tw.ovc >= 0.001) {
        const e1i = Math.exp(-pBoc1 * dpi), e2i = Math.exp(-pBoc2 * dpi);
        const e1j = Math.exp(-pBoc1 * dpj), e2j = Math.exp(-pBoc2 * dpj);
        const f2 = e1i + e1j;
        const f3 = (-1.0 / pBoc2) * Math.log(0.5 * (e2i + e2j));
        f1 = 0.5 * ((valI + f2) / (valI + f2 + f3) + (valJ + f2) / (valJ + f2 + f3));
        const u1ij = valI + f2 + f3, u1ji = valJ + f2 + f3;
        const cf1a = 0.5 * f3 * (1.0 / (u1ij * u1ij) + 1.0 / (u1ji * u1ji));
        const cf1b = -0.5 * ((u1ij - f3) / (u1ij * u1ij) + (u1ji - f3) / (u1ji * u1ji));
        const s2 = e2i / (e2i + e2j);
        // dF1/dDelta'_i (LAMMPS's expression, both halves with exp_p1i)
        cf1ij = 0.5 * (-pBoc1 * e1i / u1ij - ((valI + f2) / (u1ij * u1ij)) * (-pBoc1 * e1i + s2)
          + -pBoc1 * e1i / u1ji - ((valJ + f2) / (u1ji * u1ji)) * (-pBoc1 * e1i + s2));
        cf1ji = -cf1a * pBoc1 * e1j + cf1b * e2j / (e2i + e2j);
      }
      let f4 = 1, f5 = 1, cf45ij = 0, cf45ji = 0;
      const bo0 = w.bo[b];
      if (tw.v13cor >= 0.001) {
        const ef4 = Math.exp(-(tw.p_boc4 * bo0 * bo0 - w.deltapBoc[i]) * tw.p_boc3 + tw.p_boc5);
        const ef5 = Math.exp(-(tw.p_boc4 * bo0 * bo0 - w.deltapBoc[j]) * tw.p_boc3 + tw.p_boc5);
        f4 = 1.0 / (1.0 + ef4);
        f5 = 1.0 / (1.0 + ef5);
        cf45ij = -f4 * ef4;
        cf45ji = -f5 * ef5;
      }
      const f4f5 = f4 * f5;
      const a0 = f1 * f4f5;
      const a1 = -2 * tw.p_boc3 * tw.p_boc4 * bo0 * (cf45ij + cf45ji);
      const a2ij = cf1ij / f1 + tw.p_boc3 * cf45ij;
      const a2ji = cf1ji / f1 + tw.p_boc3 * cf45ji;
      const a3ij = a2ij + cf1ij / f1;
      const a3ji = a2ji + cf1ji / f1;
      const bo = bo0 * a0;
      const pi = w.boPi[b] * a0 * f1;
      const pi2 = w.boPi2[b] * a0 * f1;
      w.bo[b] = bo; w.boPi[b] = pi; w.boPi2[b] = pi2;
      w.boS[b] = bo - (pi + pi2);
      w.c1[b] = a0 + bo * a1;
      w.c2[b] = bo * a2ij;
      w.c3[b] = bo * a2ji;
      const ff = f1 * f1 * f4 * f5;
      w.c1pi[b] = ff; w.c2pi[b] = pi * a1; w.c3pi[b] = pi * a3ij; w.c4pi[b] = pi * a3ji;
      w.c1pi2[b] = ff; w.c2pi2[b] = pi2 * a1; w.c3pi2[b] = pi2 * a3ij; w.c4pi2[b] = pi2 * a3ji;
    }
    if (w.bo[b] < 1e-10) w.bo[b] = 0;
    if (w.boS[b] < 1e-10) w.boS[b] = 0;
    if (w.boPi[b] < 1e-10) w.boPi[b] = 0;
    if (w.boPi2[b] < 1e-10) w.boPi2[b] = 0;
    w.totalBO[i] += w.bo[b];
    w.totalBO[j] += w.bo[b];
    w.cdbo[b] = 0; w.cdpi[b] = 0; w.cdpi2[b] = 0;
  }
  // Deltas and lone pairs
  const pLp1 = p.gp[15];
  for (let j = 0; j < n; j++) {
    const t = elem[j];
    w.cdDelta[j] = 0;
    if (t < 0) continue;
    const s = sbp[t];
    const tot = w.totalBO[j];
    w.delta[j] = tot - s.valency;
    const de = tot - s.valency_e;
    w.deltaE[j] = de;
    w.deltaBoc[j] = tot - s.valency_boc;
    w.deltaVal[j] = tot - s.valency_val;
    const half = Math.trunc(de / 2.0);
    const vlpex = de - 2.0 * half;
    w.vlpex[j] = vlpex;
    const explp1 = Math.exp(-pLp1 * (2.0 + vlpex) * (2.0 + vlpex));
    w.nlp[j] = explp1 - half;
    w.deltaLp[j] = s.nlp_opt - w.nlp[j];
    w.dDeltaLp[j] = 2.0 * pLp1 * explp1 * (2.0 + vlpex);
    w.deltaLpTemp[j] = s.mass > 21.0 ? s.nlp_opt - 0.5 * (s.valency_e - s.valency) : s.nlp_opt - w.nlp[j];
  }
}

function buildHbondLists(w: ReaxffWork, p: ReaxffParams, atoms: AtomView, list: NeighborList, hbCut2: number, on: boolean): void {
  const n = w.n;
  const st = w.hbStart; // holds counts at [i]
  let tot = 0;
  for (let i = 0; i < n; i++) { const c = st[i]; st[i] = tot; tot += c; }
  st[n] = tot;
  w.nhb = tot;
  if (!on || tot === 0) return;
  if (w.hbAtom.length < tot) { w.hbAtom = new Int32Array(2 * tot); w.hbD = new Float64Array(6 * tot); }
  if (w.hbCursor.length < n) w.hbCursor = new Int32Array(n);
  const cur = w.hbCursor;
  cur.fill(0, 0, n);
  const x = atoms.x, owner = atoms.owner, elem = w.elem, sbp = p.sbp;
  const nbrs = list.neighbors, off = list.offsets;
  for (let i = 0; i < list.inum; i++) {
    const ti = elem[i];
    if (ti < 0) continue;
    const hi = sbp[ti].p_hbond;
    if (hi !== 1 && hi !== 2) continue;
    for (let q = off[i]; q < off[i + 1]; q++) {
      const j = nbrs[q];
      const oj = owner[j];
      const tj = elem[oj];
      if (tj < 0) continue;
      const dx = x[3 * j] - x[3 * i], dy = x[3 * j + 1] - x[3 * i + 1], dz = x[3 * j + 2] - x[3 * i + 2];
      if (dx * dx + dy * dy + dz * dz > hbCut2) continue;
      const hj = sbp[tj].p_hbond;
      if (hi === 1 && hj === 2) {
        const k = st[i] + cur[i]++;
        w.hbAtom[k] = oj; w.hbD[3 * k] = dx; w.hbD[3 * k + 1] = dy; w.hbD[3 * k + 2] = dz;
      } else if (hi === 2 && hj === 1) {
        const k = st[oj] + cur[oj]++;
        w.hbAtom[k] = i; w.hbD[3 * k] = -dx; w.hbD[3 * k + 1] = -dy; w.hbD[3 * k + 2] = -dz;
      }
    }
  }
}

/**
 * Forces from the accumulated dE/dBO (cdbo, cdpi, cdpi2 per bond) and dE/dDelta (cdDelta per
 * atom) through the bond-order derivatives (LAMMPS Add_dBond_to_Forces, one call per bond).
 */
export function bondOrderForces(w: ReaxffWork): void {
  const dds = w.dDeltapSelf, X = w.x, bd = w.bd;
  for (let b = 0; b < w.nb; b++) {
    const a = w.ba[b], c = w.bc[b];
    const cb = w.cdbo[b], cp = w.cdpi[b], cp2 = w.cdpi2[b];
    const cd = w.cdDelta[a] + w.cdDelta[c];
    const c1 = w.c1[b], c2 = w.c2[b], c3 = w.c3[b];
    const coA = c1 * cb + c1 * cd + w.c2pi[b] * cp + w.c2pi2[b] * cp2; // times dBO'/dx_a
    const coSa = c2 * cb + c2 * cd + w.c3pi[b] * cp + w.c3pi2[b] * cp2; // times dDelta'_a/dx
    const coSc = c3 * cb + c3 * cd + w.c4pi[b] * cp + w.c4pi2[b] * cp2; // times dDelta'_c/dx
    const cPi = w.c1pi[b] * cp, cPi2 = w.c1pi2[b] * cp2;
    const dx = bd[3 * b], dy = bd[3 * b + 1], dz = bd[3 * b + 2];
    // d(BO')/dx_a = -k d ; d(BO'_pi)/dx_a = -kPi d
    const s = -(coA * w.kBO[b] + cPi * w.kPi[b] + cPi2 * w.kPi2[b]);
    const ax = X[3 * a], ay = X[3 * a + 1], az = X[3 * a + 2];
    const cx = ax + dx, cy = ay + dy, cz = az + dz;
    w.tally(a, ax, ay, az, s * dx + coSa * dds[3 * a], s * dy + coSa * dds[3 * a + 1], s * dz + coSa * dds[3 * a + 2]);
    w.tally(c, cx, cy, cz, -s * dx + coSc * dds[3 * c], -s * dy + coSc * dds[3 * c + 1], -s * dz + coSc * dds[3 * c + 2]);
    // neighbours k of a and of c: dDelta'/dx_k = dBO'_ak/dx_k = +k_ak d_ak
    if (coSa !== 0) neighbourTerms(w, a, ax, ay, az, coSa);
    if (coSc !== 0) neighbourTerms(w, c, cx, cy, cz, coSc);
  }
}

function neighbourTerms(w: ReaxffWork, a: number, ax: number, ay: number, az: number, co: number): void {
  const bd = w.bd;
  for (let q = w.adjStart[a]; q < w.adjStart[a + 1]; q++) {
    const h = w.adj[q];
    const b = h >> 1;
    const sg = (h & 1) === 0 ? 1 : -1;
    const k = w.nbr(h);
    const dx = sg * bd[3 * b], dy = sg * bd[3 * b + 1], dz = sg * bd[3 * b + 2];
    const s = co * w.kBO[b];
    w.tally(k, ax + dx, ay + dy, az + dz, s * dx, s * dy, s * dz);
  }
}
