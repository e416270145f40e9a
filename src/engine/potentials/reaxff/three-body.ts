/**
 * ReaxFF three-body terms: valence angle (ev), penalty (epen), three-body conjugation (ecoa) and
 * hydrogen bonds (ehb). Equations: van Duin et al., J. Phys. Chem. A 105, 9396 (2001);
 * Chenoweth, van Duin & Goddard, J. Phys. Chem. A 112, 1040 (2008). Cut-offs and guards as LAMMPS
 * src/REAXFF/reaxff_valence_angles.cpp and reaxff_hydrogen_bonds.cpp: an angle j-i-k needs both
 * BO > thb_cutoff and BO_ij BO_jk > thb_cutoff_sq; degrees are converted with LAMMPS's
 * pi = 3.14159265; sin(theta) is kept >= 1e-5 where it divides; an H bond needs BO(donor-H)
 * >= 0.01, r(H-acceptor) <= hbond_cutoff and donor and acceptor with different atom ids.
 */
import type { ReaxffParams } from '../../../io/reaxff-ffield.js';
import type { ReaxffWork } from './bond-order.js';
import { pow } from '../../kernels/wasm/index.js';

/** LAMMPS reaxff_defs.h constPI (used by DEG2RAD). */
export const REAXFF_PI = 3.14159265;
const DEG2RAD = REAXFF_PI / 180.0;

/** cos(theta) of the angle between a and b and its gradients wrt the atoms at a, centre, b. */
export class CosTheta {
  cos = 0;
  theta = 0;
  da = new Float64Array(3);
  dc = new Float64Array(3);
  db = new Float64Array(3);
  /** a, b: vectors from the centre (LAMMPS Calculate_Theta + Calculate_dCos_Theta). */
  set(ax: number, ay: number, az: number, ra: number, bx: number, by: number, bz: number, rb: number): this {
    const dot = ax * bx + ay * by + az * bz;
    let c = dot / (ra * rb);
    if (c > 1) c = 1;
    if (c < -1) c = -1;
    this.cos = c;
    this.theta = Math.acos(c);
    const inv = 1.0 / (ra * rb);
    const inv3 = inv * inv * inv;
    const cdot = dot * inv3;
    const ra2 = ra * ra, rb2 = rb * rb;
    this.da[0] = bx * inv - cdot * rb2 * ax; this.da[1] = by * inv - cdot * rb2 * ay; this.da[2] = bz * inv - cdot * rb2 * az;
    this.db[0] = ax * inv - cdot * ra2 * bx; this.db[1] = ay * inv - cdot * ra2 * by; this.db[2] = az * inv - cdot * ra2 * bz;
    this.dc[0] = -(bx + ax) * inv + cdot * (rb2 * ax + ra2 * bx);
    this.dc[1] = -(by + ay) * inv + cdot * (rb2 * ay + ra2 * by);
    this.dc[2] = -(bz + az) * inv + cdot * (rb2 * az + ra2 * bz);
    return this;
  }
}

const ct = new CosTheta();

export interface ValenceEnergies { ev: number; epen: number; ecoa: number }

/** Valence-angle, penalty and coalition energies with centre on each owned atom. */
export function valenceAngles(w: ReaxffWork, p: ReaxffParams, thbCut: number, thbCutSq: number, eatom: Float64Array | null): ValenceEnergies {
  const gp = p.gp;
  const pVal6 = gp[14], pVal8 = gp[33], pVal9 = gp[16], pVal10 = gp[17];
  const pPen2 = gp[19], pPen3 = gp[20], pPen4 = gp[21];
  const pCoa2 = gp[2], pCoa3 = gp[38], pCoa4 = gp[30];
  const st = w.adjStart, adj = w.adj, bd = w.bd, br = w.br, X = w.x;
  let ev = 0, epen = 0, ecoa = 0;
  for (let j = 0; j < w.n; j++) {
    const tj = w.elem[j];
    if (tj < 0) continue;
    const s = p.sbp[tj];
    const pVal3 = s.p_val3, pVal5 = s.p_val5;
    let sbop = 0, prod = 1;
    for (let q = st[j]; q < st[j + 1]; q++) {
      const b = adj[q] >> 1;
      sbop += w.boPi[b] + w.boPi2[b];
      let t = w.bo[b] * w.bo[b];
      t *= t; t *= t;
      prod *= Math.exp(-t);
    }
    let vlpadj: number, dSBO2: number;
    if (w.vlpex[j] >= 0) { vlpadj = 0; dSBO2 = prod - 1; }
    else { vlpadj = w.nlp[j]; dSBO2 = (prod - 1) * (1 - pVal8 * w.dDeltaLp[j]); }
    const sbo = sbop + (1 - prod) * (-w.deltaBoc[j] - pVal8 * vlpadj);
    const dSBO1 = -8 * prod * (w.deltaBoc[j] + pVal8 * vlpadj);
    let sbo2: number, csbo2: number;
    if (sbo <= 0) { sbo2 = 0; csbo2 = 0; }
    else if (sbo <= 1) { sbo2 = pow(sbo, pVal9); csbo2 = pVal9 * pow(sbo, pVal9 - 1); }
    else if (sbo < 2) { sbo2 = 2 - pow(2 - sbo, pVal9); csbo2 = pVal9 * pow(2 - sbo, pVal9 - 1); }
    else { sbo2 = 2; csbo2 = 0; }
    const expval6 = Math.exp(pVal6 * w.deltaBoc[j]);
    const jx = X[3 * j], jy = X[3 * j + 1], jz = X[3 * j + 2];
    for (let q1 = st[j]; q1 < st[j + 1]; q1++) {
      const h1 = adj[q1];
      const b1 = h1 >> 1;
      const boij = w.bo[b1];
      const boaij = boij - thbCut;
      if (!(boaij > 0)) continue;
      const i = w.nbr(h1);
      const ti = w.elem[i];
      const s1 = (h1 & 1) === 0 ? 1 : -1;
      const ax = s1 * bd[3 * b1], ay = s1 * bd[3 * b1 + 1], az = s1 * bd[3 * b1 + 2];
      for (let q2 = q1 + 1; q2 < st[j + 1]; q2++) {
        const h2 = adj[q2];
        const b2 = h2 >> 1;
        const bojk = w.bo[b2];
        const boajk = bojk - thbCut;
        if (!(boajk > 0 && boij > thbCut && bojk > thbCut && boij * bojk > thbCutSq)) continue;
        const k = w.nbr(h2);
        const tk = w.elem[k];
        const rows = p.thbp[ti][tj][tk];
        if (rows.length === 0) continue;
        const s2 = (h2 & 1) === 0 ? 1 : -1;
        const bx = s2 * bd[3 * b2], by = s2 * bd[3 * b2 + 1], bz = s2 * bd[3 * b2 + 2];
        ct.set(ax, ay, az, br[b1], bx, by, bz, br[b2]);
        const theta = ct.theta;
        let sinT = Math.sin(theta);
        if (sinT < 1.0e-5) sinT = 1.0e-5;
        for (const th of rows) {
          if (!(Math.abs(th.p_val1) > 0.001)) continue;
          const pVal1 = th.p_val1, pVal2 = th.p_val2, pVal4 = th.p_val4, pVal7 = th.p_val7;
          const exp3ij = Math.exp(-pVal3 * pow(boaij, pVal4));
          const f7ij = 1.0 - exp3ij;
          const cf7ij = pVal3 * pVal4 * pow(boaij, pVal4 - 1.0) * exp3ij;
          const exp3jk = Math.exp(-pVal3 * pow(boajk, pVal4));
          const f7jk = 1.0 - exp3jk;
          const cf7jk = pVal3 * pVal4 * pow(boajk, pVal4 - 1.0) * exp3jk;
          const expval7 = Math.exp(-pVal7 * w.deltaBoc[j]);
          const trm8 = 1.0 + expval6 + expval7;
          const f8 = pVal5 - ((pVal5 - 1.0) * (2.0 + expval6)) / trm8;
          const cf8 = ((1.0 - pVal5) / (trm8 * trm8)) * (pVal6 * expval6 * trm8 - (2.0 + expval6) * (pVal6 * expval6 - pVal7 * expval7));
          const theta0 = (180.0 - th.theta_00 * (1.0 - Math.exp(-pVal10 * (2.0 - sbo2)))) * DEG2RAD;
          const e2t = Math.exp(-pVal2 * (theta0 - theta) * (theta0 - theta));
          const e12t = pVal1 >= 0 ? pVal1 * (1.0 - e2t) : pVal1 * -e2t;
          const ce1 = cf7ij * f7jk * f8 * e12t;
          const ce2 = cf7jk * f7ij * f8 * e12t;
          const ce3 = cf8 * f7ij * f7jk * e12t;
          const ce4 = -2.0 * pVal1 * pVal2 * f7ij * f7jk * f8 * e2t * (theta0 - theta);
          const cth0 = pVal10 * (th.theta_00 * DEG2RAD) * Math.exp(-pVal10 * (2.0 - sbo2));
          const ce5 = -ce4 * cth0 * csbo2;
          const ce6 = ce5 * dSBO1;
          const ce7 = ce5 * dSBO2;
          const ce8 = -ce4 / sinT;
          const eAng = f7ij * f7jk * f8 * e12t;
          // penalty
          const ep2ij = Math.exp(-pPen2 * (boaij - 2.0) * (boaij - 2.0));
          const ep2jk = Math.exp(-pPen2 * (boajk - 2.0) * (boajk - 2.0));
          const ep3 = Math.exp(-pPen3 * w.delta[j]);
          const ep4 = Math.exp(pPen4 * w.delta[j]);
          const trm34 = 1.0 + ep3 + ep4;
          const f9 = (2.0 + ep3) / trm34;
          const cf9 = (-pPen3 * ep3 * trm34 - (2.0 + ep3) * (-pPen3 * ep3 + pPen4 * ep4)) / (trm34 * trm34);
          const ePen = th.p_pen1 * f9 * ep2ij * ep2jk;
          const cp1 = (ePen * cf9) / f9;
          const cp2 = -2.0 * pPen2 * ePen * (boaij - 2.0);
          const cp3 = -2.0 * pPen2 * ePen * (boajk - 2.0);
          // coalition
          const ec2 = Math.exp(pCoa2 * w.deltaVal[j]);
          const tbi = w.totalBO[i] - boaij, tbk = w.totalBO[k] - boajk;
          const eCoa = (th.p_coa1 / (1 + ec2)) * Math.exp(-pCoa3 * tbi * tbi) * Math.exp(-pCoa3 * tbk * tbk)
            * Math.exp(-pCoa4 * (boaij - 1.5) * (boaij - 1.5)) * Math.exp(-pCoa4 * (boajk - 1.5) * (boajk - 1.5));
          const cc1 = -2 * pCoa4 * (boaij - 1.5) * eCoa;
          const cc2 = -2 * pCoa4 * (boajk - 1.5) * eCoa;
          const cc3 = (-pCoa2 * ec2 * eCoa) / (1 + ec2);
          const cc4 = -2 * pCoa3 * tbi * eCoa;
          const cc5 = -2 * pCoa3 * tbk * eCoa;
          ev += eAng; epen += ePen; ecoa += eCoa;
          if (eatom) eatom[j] += eAng + ePen + eCoa;
          w.cdbo[b1] += ce1 + cp2 + (cc1 - cc4);
          w.cdbo[b2] += ce2 + cp3 + (cc2 - cc5);
          w.cdDelta[j] += ce3 + ce7 + cp1 + cc3;
          w.cdDelta[i] += cc4;
          w.cdDelta[k] += cc5;
          for (let q = st[j]; q < st[j + 1]; q++) {
            const b = adj[q] >> 1;
            const bt = w.bo[b];
            const t3 = bt * bt * bt;
            w.cdbo[b] += ce6 * (t3 * t3 * bt);
            w.cdpi[b] += ce5;
            w.cdpi2[b] += ce5;
          }
          w.tally(i, jx + ax, jy + ay, jz + az, ce8 * ct.da[0], ce8 * ct.da[1], ce8 * ct.da[2]);
          w.tally(j, jx, jy, jz, ce8 * ct.dc[0], ce8 * ct.dc[1], ce8 * ct.dc[2]);
          w.tally(k, jx + bx, jy + by, jz + bz, ce8 * ct.db[0], ce8 * ct.db[1], ce8 * ct.db[2]);
        }
      }
    }
  }
  return { ev, epen, ecoa };
}

/** Hydrogen-bond energy (ehb), H atom owned: donor i bonded to H j, acceptor k within hbond_cutoff. */
export function hydrogenBonds(w: ReaxffWork, p: ReaxffParams, eatom: Float64Array | null): number {
  const st = w.adjStart, adj = w.adj, bd = w.bd, br = w.br, X = w.x;
  let ehb = 0;
  for (let j = 0; j < w.n; j++) {
    const tj = w.elem[j];
    if (tj < 0 || p.sbp[tj].p_hbond !== 1) continue;
    const k0 = w.hbStart[j], k1 = w.hbStart[j + 1];
    if (k0 === k1) continue;
    const jx = X[3 * j], jy = X[3 * j + 1], jz = X[3 * j + 2];
    for (let kk = k0; kk < k1; kk++) {
      const k = w.hbAtom[kk];
      const tk = w.elem[k];
      const dx = w.hbD[3 * kk], dy = w.hbD[3 * kk + 1], dz = w.hbD[3 * kk + 2];
      const rjk = Math.sqrt(dx * dx + dy * dy + dz * dz);
      for (let q = st[j]; q < st[j + 1]; q++) {
        const h = adj[q];
        const b = h >> 1;
        const i = w.nbr(h);
        const ti = w.elem[i];
        if (ti < 0 || p.sbp[ti].p_hbond !== 2 || !(w.bo[b] >= 0.01)) continue;
        if (i === k) continue; // same atom id (any image)
        const hb = p.hbp[ti][tj][tk];
        if (!hb || hb.r0_hb <= 0.0) continue;
        const sg = (h & 1) === 0 ? 1 : -1;
        const ax = sg * bd[3 * b], ay = sg * bd[3 * b + 1], az = sg * bd[3 * b + 2];
        ct.set(ax, ay, az, br[b], dx, dy, dz, rjk);
        const s2 = Math.sin(ct.theta / 2.0);
        let sx4 = s2 * s2;
        sx4 *= sx4;
        const cx1 = 1.0 - ct.cos;
        const eh2 = Math.exp(-hb.p_hb2 * w.bo[b]);
        const eh3 = Math.exp(-hb.p_hb3 * (hb.r0_hb / rjk + rjk / hb.r0_hb - 2.0));
        const e = hb.p_hb1 * (1.0 - eh2) * eh3 * sx4;
        ehb += e;
        if (eatom) { eatom[i] += e / 3; eatom[j] += e / 3; eatom[k] += e / 3; }
        const c1 = hb.p_hb1 * hb.p_hb2 * eh2 * eh3 * sx4;
        const c2 = (-hb.p_hb1 / 2.0) * (1.0 - eh2) * eh3 * cx1;
        const c3 = -hb.p_hb3 * (-hb.r0_hb / (rjk * rjk) + 1.0 / hb.r0_hb) * e;
        w.cdbo[b] += c1;
        const c3r = c3 / rjk;
        w.tally(i, jx + ax, jy + ay, jz + az, c2 * ct.da[0], c2 * ct.da[1], c2 * ct.da[2]);
        w.tally(j, jx, jy, jz, c2 * ct.dc[0] - c3r * dx, c2 * ct.dc[1] - c3r * dy, c2 * ct.dc[2] - c3r * dz);
        w.tally(k, jx + dx, jy + dy, jz + dz, c2 * ct.db[0] + c3r * dx, c2 * ct.db[1] + c3r * dy, c2 * ct.db[2] + c3r * dz);
      }
    }
  }
  return ehb;
}
