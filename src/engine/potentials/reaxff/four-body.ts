/**
 * ReaxFF torsion (et) and four-body conjugation (eco) energies over i-j-k-l with central bond
 * j-k (each bond once). Equations: van Duin et al., J. Phys. Chem. A 105, 9396 (2001); the
 * dihedral omega and its cosine derivative in the paper's form, with LAMMPS's guards
 * (src/REAXFF/reaxff_torsion_angles.cpp): sin(theta) held at +-1e-10 where it divides, the
 * cos(omega) argument clamped to [-1, 1] and its denominator kept >= 1e-20; every bond > thb_cutoff
 * and BO_ij BO_jk BO_kl > thb_cutoff; i and l must be distinct atoms (images count as distinct).
 */
import type { ReaxffParams } from '../../../io/reaxff-ffield.js';
import type { ReaxffWork } from './bond-order.js';
import { CosTheta } from './three-body.js';

const MIN_SINE = 1e-10;
const tIJK = new CosTheta();
const tJKL = new CosTheta();
const dOi = new Float64Array(3), dOj = new Float64Array(3), dOk = new Float64Array(3), dOl = new Float64Array(3);

function guardSin(s: number): number {
  if (s >= 0 && s <= MIN_SINE) return MIN_SINE;
  if (s <= 0 && s >= -MIN_SINE) return -MIN_SINE;
  return s;
}

/** central[tj * n + tk] = 1 when some torsion row i-tj-tk-l exists (else the bond is skipped). */
const CENTRAL = new WeakMap<ReaxffParams, Uint8Array>();
function centralPairs(p: ReaxffParams): Uint8Array {
  let c = CENTRAL.get(p);
  if (c) return c;
  const n = p.n;
  c = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) for (let l = 0; l < n; l++) {
    if (p.fbp[i][j][k][l]) c[j * n + k] = 1;
  }
  CENTRAL.set(p, c);
  return c;
}

export function torsions(w: ReaxffWork, p: ReaxffParams, thbCut: number, eatom: Float64Array | null): { et: number; eco: number } {
  const central = centralPairs(p);
  const gp = p.gp;
  const pTor2 = gp[23], pTor3 = gp[24], pTor4 = gp[25], pCot2 = gp[27];
  const st = w.adjStart, adj = w.adj, bd = w.bd, br = w.br, X = w.x;
  let et = 0, eco = 0;
  for (let bjk = 0; bjk < w.nb; bjk++) {
    const bojk = w.bo[bjk];
    if (!(bojk > thbCut)) continue;
    const j = w.ba[bjk], k = w.bc[bjk];
    const tj = w.elem[j], tk = w.elem[k];
    if (central[tj * p.n + tk] === 0) continue;
    const hjk = 2 * bjk, hkj = 2 * bjk + 1;
    const boajk = bojk - thbCut;
    const rjk = br[bjk];
    const vx = bd[3 * bjk], vy = bd[3 * bjk + 1], vz = bd[3 * bjk + 2]; // j -> k
    const dj = w.deltaBoc[j], dk = w.deltaBoc[k];
    const et2jk = Math.exp(-pTor2 * boajk);
    const ec2jk = Math.exp(-pCot2 * (boajk - 1.5) * (boajk - 1.5));
    const et3 = Math.exp(-pTor3 * (dj + dk));
    const et4 = Math.exp(pTor4 * (dj + dk));
    const et34inv = 1.0 / (1.0 + et3 + et4);
    const f11 = (2.0 + et3) * et34inv;
    const jx = X[3 * j], jy = X[3 * j + 1], jz = X[3 * j + 2];
    const kx = jx + vx, ky = jy + vy, kz = jz + vz;
    for (let qi = st[j]; qi < st[j + 1]; qi++) {
      const hij = adj[qi];
      if (hij === hjk) continue;
      const bij = hij >> 1;
      const boij = w.bo[bij];
      if (!(boij > thbCut)) continue;
      const i = w.nbr(hij);
      const ti = w.elem[i];
      const si = (hij & 1) === 0 ? 1 : -1;
      const ax = si * bd[3 * bij], ay = si * bd[3 * bij + 1], az = si * bd[3 * bij + 2]; // j -> i
      const rij = br[bij];
      const boaij = boij - thbCut;
      tIJK.set(vx, vy, vz, rjk, ax, ay, az, rij); // da: wrt k, db: wrt i
      const sinIJK0 = Math.sin(tIJK.theta), cosIJK = Math.cos(tIJK.theta);
      const tanIJKi = cosIJK / guardSin(sinIJK0);
      const et2ij = Math.exp(-pTor2 * boaij);
      const ec2ij = Math.exp(-pCot2 * (boaij - 1.5) * (boaij - 1.5));
      for (let ql = st[k]; ql < st[k + 1]; ql++) {
        const hkl = adj[ql];
        if (hkl === hkj) continue;
        const bkl = hkl >> 1;
        const bokl = w.bo[bkl];
        const l = w.nbr(hkl);
        const tl = w.elem[l];
        const fb = p.fbp[ti][tj][tk][tl];
        if (!fb || !(bokl > thbCut) || !(boij * bojk * bokl > thbCut)) continue;
        const sl = (hkl & 1) === 0 ? 1 : -1;
        const cx = sl * bd[3 * bkl], cy = sl * bd[3 * bkl + 1], cz = sl * bd[3 * bkl + 2]; // k -> l
        // i and l the same atom (same owner at the same place)?
        const lix = ax - vx - cx, liy = ay - vy - cy, liz = az - vz - cz; // x_i - x_l
        const rli = Math.sqrt(lix * lix + liy * liy + liz * liz);
        if (i === l && rli < 1e-6) continue;
        const rkl = br[bkl];
        const boakl = bokl - thbCut;
        tJKL.set(-vx, -vy, -vz, rjk, cx, cy, cz, rkl); // da: wrt j, dc: wrt k, db: wrt l
        const sinJKL0 = Math.sin(tJKL.theta), cosJKL = Math.cos(tJKL.theta);
        const tanJKLi = cosJKL / guardSin(sinJKL0);
        // omega (dvec_ij = j->i, dvec_jk = j->k, dvec_kl = k->l)
        const dij_jk = ax * vx + ay * vy + az * vz;
        const djk_kl = vx * cx + vy * cy + vz * cz;
        const dij_kl = ax * cx + ay * cy + az * cz;
        const uc = -dij_jk * djk_kl + rjk * rjk * dij_kl;
        const crx = vy * cz - vz * cy, cry = vz * cx - vx * cz, crz = vx * cy - vy * cx;
        const us = -rjk * (ax * crx + ay * cry + az * crz);
        const omega = Math.atan2(us, uc);
        let sIJK = sinIJK0, sJKL = sinJKL0;
        const cIJK = cosIJK, cJKL = cosJKL;
        const htra = rij + cIJK * (rkl * cJKL - rjk);
        const htrb = rjk - rij * cIJK - rkl * cJKL;
        const htrc = rkl + cJKL * (rij * cIJK - rjk);
        const hthd = rij * sIJK * (rjk - rkl * cJKL);
        const hthe = rkl * sJKL * (rjk - rij * cIJK);
        const hnra = rkl * sIJK * sJKL;
        const hnrc = rij * sIJK * sJKL;
        const hnhd = rij * rkl * cIJK * sJKL;
        const hnhe = rij * rkl * sIJK * cJKL;
        let poem = 2.0 * rij * rkl * sIJK * sJKL;
        if (poem < 1e-20) poem = 1e-20;
        const tel = rij * rij + rjk * rjk + rkl * rkl - rli * rli
          - 2.0 * (rij * rjk * cIJK - rij * rkl * cIJK * cJKL + rjk * rkl * cJKL);
        let arg = tel / poem;
        if (arg > 1.0) arg = 1.0;
        if (arg < -1.0) arg = -1.0;
        sIJK = guardSin(sIJK);
        sJKL = guardSin(sJKL);
        const p2 = 2.0 / poem;
        const A = (htra - arg * hnra) / rij;
        const B = htrb / rjk;
        const C = (htrc - arg * hnrc) / rkl;
        const D = (hthd - arg * hnhd) / sIJK;
        const E = (hthe - arg * hnhe) / sJKL;
        // derivatives of cos(omega): wrt i, j, k, l
        for (let m = 0; m < 3; m++) {
          const a = m === 0 ? ax : m === 1 ? ay : az;
          const v = m === 0 ? vx : m === 1 ? vy : vz;
          const c = m === 0 ? cx : m === 1 ? cy : cz;
          const li = m === 0 ? lix : m === 1 ? liy : liz;
          dOi[m] = p2 * (A * a - li - D * tIJK.db[m]);
          dOj[m] = p2 * (-A * a - B * v - D * tIJK.dc[m] - E * tJKL.da[m]);
          dOk[m] = p2 * (-C * c + B * v - D * tIJK.da[m] - E * tJKL.dc[m]);
          dOl[m] = p2 * (C * c + li - E * tJKL.db[m]);
        }
        const cosw = Math.cos(omega), cos2w = Math.cos(2.0 * omega), cos3w = Math.cos(3.0 * omega);
        const bpi = w.boPi[bjk];
        const etor1 = Math.exp(fb.p_tor1 * (2.0 - bpi - f11) * (2.0 - bpi - f11));
        const et2kl = Math.exp(-pTor2 * boakl);
        const ec2kl = Math.exp(-pCot2 * (boakl - 1.5) * (boakl - 1.5));
        const fn10 = (1.0 - et2ij) * (1.0 - et2jk) * (1.0 - et2kl);
        const cv = 0.5 * (fb.V1 * (1.0 + cosw) + fb.V2 * etor1 * (1.0 - cos2w) + fb.V3 * (1.0 + cos3w));
        const eTor = fn10 * sinIJK0 * sinJKL0 * cv;
        const dfn11 = (-pTor3 * et3 + (pTor3 * et3 - pTor4 * et4) * (2.0 + et3) * et34inv) * et34inv;
        const ct1 = sinIJK0 * sinJKL0 * cv;
        const ct2 = -fn10 * 2.0 * fb.p_tor1 * fb.V2 * etor1 * (2.0 - bpi - f11) * (1.0 - cosw * cosw) * sinIJK0 * sinJKL0;
        const ct3 = ct2 * dfn11;
        const ct4 = ct1 * pTor2 * et2ij * (1.0 - et2jk) * (1.0 - et2kl);
        const ct5 = ct1 * pTor2 * (1.0 - et2ij) * et2jk * (1.0 - et2kl);
        const ct6 = ct1 * pTor2 * (1.0 - et2ij) * (1.0 - et2jk) * et2kl;
        const cmn = -fn10 * cv;
        const ct7 = cmn * sinJKL0 * tanIJKi;
        const ct8 = cmn * sinIJK0 * tanJKLi;
        const ct9 = fn10 * sinIJK0 * sinJKL0 * (0.5 * fb.V1 - 2.0 * fb.V2 * etor1 * cosw + 1.5 * fb.V3 * (cos2w + 2.0 * cosw * cosw));
        const fn12 = ec2ij * ec2jk * ec2kl;
        const cw2 = cosw * cosw - 1.0;
        const eCon = fb.p_cot1 * fn12 * (1.0 + cw2 * sinIJK0 * sinJKL0);
        const cconj = -2.0 * fn12 * fb.p_cot1 * pCot2 * (1.0 + cw2 * sinIJK0 * sinJKL0);
        const cc1 = cconj * (boaij - 1.5);
        const cc2 = cconj * (boajk - 1.5);
        const cc3 = cconj * (boakl - 1.5);
        const cc4 = -fb.p_cot1 * fn12 * cw2 * sinJKL0 * tanIJKi;
        const cc5 = -fb.p_cot1 * fn12 * cw2 * sinIJK0 * tanJKLi;
        const cc6 = 2.0 * fb.p_cot1 * fn12 * cosw * sinIJK0 * sinJKL0;
        et += eTor; eco += eCon;
        if (eatom) { eatom[j] += 0.5 * (eTor + eCon); eatom[k] += 0.5 * (eTor + eCon); }
        w.cdpi[bjk] += ct2;
        w.cdDelta[j] += ct3;
        w.cdDelta[k] += ct3;
        w.cdbo[bij] += ct4 + cc1;
        w.cdbo[bjk] += ct5 + cc2;
        w.cdbo[bkl] += ct6 + cc3;
        const q7 = ct7 + cc4, q8 = ct8 + cc5, q9 = ct9 + cc6;
        w.tally(i, jx + ax, jy + ay, jz + az, q7 * tIJK.db[0] + q9 * dOi[0], q7 * tIJK.db[1] + q9 * dOi[1], q7 * tIJK.db[2] + q9 * dOi[2]);
        w.tally(j, jx, jy, jz,
          q7 * tIJK.dc[0] + q8 * tJKL.da[0] + q9 * dOj[0], q7 * tIJK.dc[1] + q8 * tJKL.da[1] + q9 * dOj[1], q7 * tIJK.dc[2] + q8 * tJKL.da[2] + q9 * dOj[2]);
        w.tally(k, kx, ky, kz,
          q7 * tIJK.da[0] + q8 * tJKL.dc[0] + q9 * dOk[0], q7 * tIJK.da[1] + q8 * tJKL.dc[1] + q9 * dOk[1], q7 * tIJK.da[2] + q8 * tJKL.dc[2] + q9 * dOk[2]);
        w.tally(l, kx + cx, ky + cy, kz + cz, q8 * tJKL.db[0] + q9 * dOl[0], q8 * tJKL.db[1] + q9 * dOl[1], q8 * tJKL.db[2] + q9 * dOl[2]);
      }
    }
  }
  return { et, eco };
}
