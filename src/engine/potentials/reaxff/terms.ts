/**
 * ReaxFF two-body and atom terms on the bond orders of bond-order.ts: bond energy with the
 * triple-bond stabilisation (eb), lone pair with the C2 correction (elp), over- and
 * under-coordination (ea). Equations: van Duin et al., J. Phys. Chem. A 105, 9396 (2001) and its
 * supporting information; details (which bonds count, integer truncations, the `enobonds` flag,
 * dfvl for atoms heavier than 21) as LAMMPS src/REAXFF/reaxff_bonds.cpp and reaxff_multi_body.cpp.
 * Each term adds its dE/dBO to the bond accumulators (cdbo, cdpi, cdpi2) and dE/dDelta to cdDelta.
 */
import type { ReaxffParams } from '../../../io/reaxff-ffield.js';
import type { ReaxffWork } from './bond-order.js';
import { pow } from '../../kernels/wasm/index.js';

/** Bond energy, once per bond (eb). */
export function bondEnergy(w: ReaxffWork, p: ReaxffParams, eatom: Float64Array | null): number {
  const gp3 = p.gp[3], gp4 = p.gp[4], gp7 = p.gp[7], gp10 = p.gp[10];
  const gp37 = Math.trunc(p.gp[37]);
  let e = 0;
  for (let b = 0; b < w.nb; b++) {
    const i = w.ba[b], j = w.bc[b];
    const ti = w.elem[i], tj = w.elem[j];
    const tw = p.tbp[ti][tj];
    const bos = w.boS[b];
    const pw = bos === 0 ? 0 : pow(bos, tw.p_be2);
    const ex = Math.exp(tw.p_be1 * (1.0 - pw));
    const ce = -tw.De_s * ex * (1.0 - tw.p_be1 * tw.p_be2 * pw);
    let eb = -tw.De_s * bos * ex - tw.De_p * w.boPi[b] - tw.De_pp * w.boPi2[b];
    w.cdbo[b] += ce;
    w.cdpi[b] -= ce + tw.De_p;
    w.cdpi2[b] -= ce + tw.De_pp;
    const bo = w.bo[b];
    if (bo >= 1.0) {
      const mi = p.sbp[ti].mass, mj = p.sbp[tj].mass;
      if (gp37 === 2 || (mi === 12.0 && mj === 15.999) || (mj === 12.0 && mi === 15.999)) {
        const exphu = Math.exp(-gp7 * (bo - 2.5) * (bo - 2.5));
        const ea1 = Math.exp(-gp3 * (w.totalBO[i] - bo));
        const eb1 = Math.exp(-gp3 * (w.totalBO[j] - bo));
        const exov = Math.exp(gp4 * (w.delta[i] + w.delta[j]));
        const hulpov = 1.0 / (1.0 + 25.0 * exov);
        const es = gp10 * exphu * hulpov * (ea1 + eb1);
        eb += es;
        w.cdbo[b] += gp10 * exphu * hulpov * (ea1 + eb1) * (gp3 - 2.0 * gp7 * (bo - 2.5));
        w.cdDelta[i] += -gp10 * exphu * hulpov * (gp3 * ea1 + 25.0 * gp4 * exov * hulpov * (ea1 + eb1));
        w.cdDelta[j] += -gp10 * exphu * hulpov * (gp3 * eb1 + 25.0 * gp4 * exov * hulpov * (ea1 + eb1));
      }
    }
    e += eb;
    if (eatom) { eatom[i] += 0.5 * eb; eatom[j] += 0.5 * eb; }
  }
  return e;
}

/** Lone-pair (elp) and over/under-coordination (ea) energies of the owned atoms. */
export function atomEnergy(w: ReaxffWork, p: ReaxffParams, enobonds: boolean, eatom: Float64Array | null, lonePair = true, overUnder = true): { elp: number; ea: number } {
  const pLp3 = p.gp[5];
  const pOvun3 = p.gp[32], pOvun4 = p.gp[31], pOvun6 = p.gp[6], pOvun7 = p.gp[8], pOvun8 = p.gp[9];
  const n = w.n, elem = w.elem, st = w.adjStart, adj = w.adj;
  let elpSum = 0, eaSum = 0;
  // lone pairs
  for (let i = 0; i < n && lonePair; i++) {
    const ti = elem[i];
    if (ti < 0) continue;
    const s = p.sbp[ti];
    const pLp2 = s.p_lp2;
    const dlp = w.deltaLp[i];
    const expvd2 = Math.exp(-75 * dlp);
    const inv = 1.0 / (1.0 + expvd2);
    const has = st[i + 1] > st[i] || enobonds;
    let ei = 0;
    if (has) {
      ei = pLp2 * dlp * inv;
      const dElp = pLp2 * inv + 75 * pLp2 * dlp * expvd2 * inv * inv;
      w.cdDelta[i] += dElp * w.dDeltaLp[i];
    }
    // C2 correction (carbon-carbon)
    if (pLp3 > 0.001 && p.names[ti] === 'C') {
      for (let q = st[i]; q < st[i + 1]; q++) {
        const h = adj[q];
        const j = w.nbr(h);
        if (elem[j] < 0 || p.names[elem[j]] !== 'C') continue;
        const b = h >> 1;
        const di = w.delta[i];
        const vov3 = w.bo[b] - di - 0.040 * Math.pow(di, 4.0);
        if (vov3 > 3.0) {
          const eh = pLp3 * (vov3 - 3.0) * (vov3 - 3.0);
          elpSum += eh;
          if (eatom) { eatom[i] += 0.5 * eh; eatom[j] += 0.5 * eh; } // LAMMPS ev_tally(i, j)
          w.cdbo[b] += 2.0 * pLp3 * (vov3 - 3.0);
          w.cdDelta[i] += 2.0 * pLp3 * (vov3 - 3.0) * (-1.0 - 0.16 * Math.pow(di, 3.0));
        }
      }
    }
    elpSum += ei;
    if (eatom) eatom[i] += ei;
  }
  // over- and under-coordination
  for (let i = 0; i < n && overUnder; i++) {
    const ti = elem[i];
    if (ti < 0) continue;
    const s = p.sbp[ti];
    const dfvl = s.mass > 21.0 ? 0.0 : 1.0;
    const pOvun2 = s.p_ovun2;
    let sum1 = 0, sum2 = 0;
    for (let q = st[i]; q < st[i + 1]; q++) {
      const h = adj[q];
      const j = w.nbr(h);
      if (elem[j] < 0) continue;
      const b = h >> 1;
      const tw = p.tbp[ti][elem[j]];
      sum1 += tw.p_ovun1 * tw.De_s * w.bo[b];
      sum2 += (w.delta[j] - dfvl * w.deltaLpTemp[j]) * (w.boPi[b] + w.boPi2[b]);
    }
    const eo1 = pOvun3 * Math.exp(pOvun4 * sum2);
    const ieo1 = 1.0 / (1 + eo1);
    const dlpc = w.delta[i] - dfvl * w.deltaLpTemp[i] * ieo1;
    const eo2 = Math.exp(pOvun2 * dlpc);
    const ieo2 = 1.0 / (1.0 + eo2);
    const dlpvi = 1.0 / (dlpc + s.valency + 1e-8);
    const ceo1 = dlpc * dlpvi * ieo2;
    const eov = sum1 * ceo1;
    const ceo2 = sum1 * dlpvi * ieo2 * (1.0 - dlpc * (dlpvi + pOvun2 * eo2 * ieo2));
    const ceo3 = ceo2 * (1.0 - dfvl * w.dDeltaLp[i] * ieo1);
    const ceo4 = ceo2 * (dfvl * w.deltaLpTemp[i]) * pOvun4 * eo1 * ieo1 * ieo1;
    const pOvun5 = s.p_ovun5;
    const eo2n = 1.0 / eo2;
    const eo6 = Math.exp(pOvun6 * dlpc);
    const eo8 = pOvun7 * Math.exp(pOvun8 * sum2);
    const ieo2n = 1.0 / (1.0 + eo2n);
    const ieo8 = 1.0 / (1.0 + eo8);
    const has = st[i + 1] > st[i] || enobonds;
    const eun = has ? -pOvun5 * (1.0 - eo6) * ieo2n * ieo8 : 0;
    const ceu1 = ieo2n * (pOvun5 * pOvun6 * eo6 * ieo8 + pOvun2 * eun * eo2n);
    const ceu2 = -eun * pOvun8 * eo8 * ieo8;
    const ceu3 = ceu1 * (1.0 - dfvl * w.dDeltaLp[i] * ieo1);
    const ceu4 = ceu1 * (dfvl * w.deltaLpTemp[i]) * pOvun4 * eo1 * ieo1 * ieo1 + ceu2;
    eaSum += eov + eun;
    if (eatom) eatom[i] += eov + eun;
    w.cdDelta[i] += ceo3;
    if (has) w.cdDelta[i] += ceu3;
    for (let q = st[i]; q < st[i + 1]; q++) {
      const h = adj[q];
      const j = w.nbr(h);
      const b = h >> 1;
      const tw = p.tbp[ti][elem[j]];
      const pipi = w.boPi[b] + w.boPi2[b];
      const dj = w.delta[j] - dfvl * w.deltaLpTemp[j];
      w.cdbo[b] += ceo1 * tw.p_ovun1 * tw.De_s;
      w.cdDelta[j] += (ceo4 + ceu4) * (1.0 - dfvl * w.dDeltaLp[j]) * pipi;
      w.cdpi[b] += (ceo4 + ceu4) * dj;
      w.cdpi2[b] += (ceo4 + ceu4) * dj;
    }
  }
  return { elp: elpSum, ea: eaSum };
}
