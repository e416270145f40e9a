/**
 * Scalar twins of wasm/assembly/reaxff.ts: ReaxFF's van der Waals + shielded Coulomb pair loop
 * (LAMMPS src/REAXFF/reaxff_nonbonded.cpp vdW_Coulomb_Energy) and the values of the QEq matrix H
 * (fix_qeq_reaxff.cpp compute_H), with the kernels' arguments as typed arrays. The formulas are
 * documented in potentials/reaxff/nonbonded.ts and potentials/reaxff/qeq.ts.
 * Same operations in the same order as the kernels; the only difference is the power function
 * (V8's Math.pow here, musl's pow.c in the kernel; both < 1 ulp), so results agree to ~1e-15
 * relative, not bitwise (test/engine/kernels/reaxff-parity.test.ts).
 */

/** Values per element pair in `pairs`: D, alpha, r_vdW, (1/gamma_w)^p_vdW1, ecore, acore, rcore, lgcij, lgre^6, gamma_ij. */
export const NB_STRIDE = 10;
/** reaxff_defs.h C_ele [kcal/mol A / e^2] */
const C_ELE = 332.06371;
/** LAMMPS's cube-root exponent of the shielded Coulomb term (reaxff_nonbonded.cpp) */
const THIRD = 0.33333333333333;
/** fix_qeq_reaxff.cpp EV_TO_KCAL_PER_MOL */
const QEQ_COULOMB = 14.4;

/** See wasm/assembly/reaxff.ts reaxffNonbonded_f64_aos; energy[0] = ew, energy[1] = ep. */
export function reaxffNonbonded_aos(
  f: Float64Array,
  eatom: Float64Array | null,
  x: Float64Array,
  elem: Int32Array,
  q: Float64Array,
  offsets: Int32Array,
  neighbors: Int32Array,
  inum: number,
  pairs: Float64Array,
  nel: number,
  tap: Float64Array,
  pvdw1: number,
  vdwType: number,
  lgvdw: boolean,
  swb2: number,
  energy: Float64Array,
): void {
  const t0 = tap[0], t1 = tap[1], t2 = tap[2], t3 = tap[3], t4 = tap[4], t5 = tap[5], t6 = tap[6], t7 = tap[7];
  const shield = vdwType === 1 || vdwType === 3;
  const wall = vdwType === 2 || vdwType === 3;
  const invp = 1.0 / pvdw1;
  let ew = 0, ep = 0;
  for (let i = 0; i < inum; i++) {
    const ti = elem[i];
    if (ti < 0) continue;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const qi = q[i];
    for (let k = offsets[i], je = offsets[i + 1]; k < je; k++) {
      const j = neighbors[k];
      const tj = elem[j];
      if (tj < 0) continue;
      const dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
      const r2 = dx * dx + dy * dy + dz * dz;
      if (r2 > swb2) continue;
      const r = Math.sqrt(r2);
      const qq = qi * q[j];
      const c = (ti * nel + tj) * NB_STRIDE;
      let Tap = t7 * r + t6;
      Tap = Tap * r + t5;
      Tap = Tap * r + t4;
      Tap = Tap * r + t3;
      Tap = Tap * r + t2;
      Tap = Tap * r + t1;
      Tap = Tap * r + t0;
      let dTap = 7 * t7 * r + 6 * t6;
      dTap = dTap * r + 5 * t5;
      dTap = dTap * r + 4 * t4;
      dTap = dTap * r + 3 * t3;
      dTap = dTap * r + 2 * t2;
      dTap = dTap + t1 / r;
      const D = pairs[c], alpha = pairs[c + 1], rvdw = pairs[c + 2];
      let evdw: number, ce: number;
      if (shield) {
        const powr = Math.pow(r, pvdw1);
        const sum = powr + pairs[c + 3];
        const fn13 = Math.pow(sum, invp);
        const exp2 = Math.exp(0.5 * alpha * (1.0 - fn13 / rvdw));
        const exp1 = exp2 * exp2;
        const e = D * (exp1 - 2.0 * exp2);
        evdw = Tap * e;
        const dfn13 = (fn13 / sum) * (powr / (r * r));
        ce = dTap * e - Tap * D * (alpha / rvdw) * (exp1 - exp2) * dfn13;
      } else {
        const exp2 = Math.exp(0.5 * alpha * (1.0 - r / rvdw));
        const exp1 = exp2 * exp2;
        const e = D * (exp1 - 2.0 * exp2);
        evdw = Tap * e;
        ce = dTap * e - (Tap * D * (alpha / rvdw) * (exp1 - exp2)) / r;
      }
      if (wall) {
        const acore = pairs[c + 5], rcore = pairs[c + 6];
        const ecore = pairs[c + 4] * Math.exp(acore * (1.0 - r / rcore));
        evdw += Tap * ecore;
        ce += dTap * ecore + (Tap * (-(acore / rcore) * ecore)) / r;
        if (lgvdw) {
          const lgcij = pairs[c + 7], lgre6 = pairs[c + 8];
          const r5 = Math.pow(r, 5.0), r6 = Math.pow(r, 6.0);
          const elg = -(lgcij / (r6 + lgre6));
          evdw += Tap * elg;
          ce += dTap * elg + (Tap * ((-6.0 * elg * r5) / (r6 + lgre6))) / r;
        }
      }
      const g1 = r * r * r + pairs[c + 9];
      const g3 = Math.pow(g1, THIRD);
      const eele = ((C_ELE * Tap) / g3) * qq;
      ce = ce + ((C_ELE * (dTap - (Tap * r) / g1)) / g3) * qq;
      ew += evdw;
      ep += eele;
      if (eatom) {
        const h = 0.5 * (evdw + eele);
        eatom[i] += h;
        eatom[j] += h;
      }
      f[3 * i] += ce * dx; f[3 * i + 1] += ce * dy; f[3 * i + 2] += ce * dz;
      f[3 * j] -= ce * dx; f[3 * j + 1] -= ce * dy; f[3 * j + 2] -= ce * dz;
    }
  }
  energy[0] = ew;
  energy[1] = ep;
}

/** See wasm/assembly/reaxff.ts qeqH_f64_aos: fills first/col/val, returns the count. */
export function qeqH_aos(
  first: Int32Array,
  col: Int32Array,
  val: Float64Array,
  x: Float64Array,
  type: Int32Array,
  owner: Int32Array,
  offsets: Int32Array,
  neighbors: Int32Array,
  n: number,
  inGroup: Uint8Array,
  shld: Float64Array,
  nt: number,
  tap: Float64Array,
  swb2: number,
): number {
  const t0 = tap[0], t1 = tap[1], t2 = tap[2], t3 = tap[3], t4 = tap[4], t5 = tap[5], t6 = tap[6], t7 = tap[7];
  const third = 1.0 / 3.0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    first[i] = m;
    if (inGroup[i] === 0) continue;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const row = (type[i] - 1) * nt;
    for (let k = offsets[i], ke = offsets[i + 1]; k < ke; k++) {
      const j = neighbors[k];
      const dx = x[3 * j] - xi, dy = x[3 * j + 1] - yi, dz = x[3 * j + 2] - zi;
      const r2 = dx * dx + dy * dy + dz * dz;
      if (r2 > swb2) continue;
      const r = Math.sqrt(r2);
      const s = shld[row + type[j] - 1];
      let Tap = t7 * r + t6;
      Tap = Tap * r + t5;
      Tap = Tap * r + t4;
      Tap = Tap * r + t3;
      Tap = Tap * r + t2;
      Tap = Tap * r + t1;
      Tap = Tap * r + t0;
      col[m] = owner[j];
      val[m] = (Tap * QEQ_COULOMB) / Math.pow(r * r * r + s, third);
      m++;
    }
  }
  first[n] = m;
  return m;
}

/**
 * out = H v over the owned atoms, H = diag(eta) + the symmetric off-diagonal values (each stored
 * pair adds to both rows). Row i is summed in a local from the value out[i] holds when its turn
 * comes: the same additions in the same order as adding to out[i] in place (an entry with j = i,
 * an atom's own image, adds both halves in that order too).
 */
function qeqMatvec(out: Float64Array, first: Int32Array, col: Int32Array, val: Float64Array, eta: Float64Array, v: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) out[i] = eta[i] * v[i];
  for (let i = 0; i < n; i++) {
    const vi = v[i];
    let oi = out[i];
    for (let k = first[i], ke = first[i + 1]; k < ke; k++) {
      const j = col[k];
      const a = val[k];
      oi += a * v[j];
      if (j === i) oi += a * vi;
      else out[j] += a * vi;
    }
    out[i] = oi;
  }
}

/**
 * Jacobi-preconditioned CG on H x = b (LAMMPS FixQEqReaxFF::CG); twin of wasm/assembly/reaxff.ts
 * qeqCg_f64 (bitwise the same: only +, *, /, sqrt). x holds the start and receives the solution;
 * r, d, p, q are scratch; returns LAMMPS's iteration count. Each sum is accumulated in atom order.
 */
export function qeqCg(first: Int32Array, col: Int32Array, val: Float64Array, eta: Float64Array, hdinv: Float64Array, b: Float64Array, x: Float64Array,
  r: Float64Array, d: Float64Array, p: Float64Array, q: Float64Array, inGroup: Uint8Array, n: number, tol: number, imax: number): number {
  qeqMatvec(q, first, col, val, eta, x, n);
  let bnorm2 = 0, sigNew = 0;
  for (let i = 0; i < n; i++) {
    // atoms outside the group: d = 0, so that they add nothing to H d as columns
    if (inGroup[i] === 0) { d[i] = 0; continue; }
    const ri = b[i] - q[i];
    const di = ri * hdinv[i];
    r[i] = ri;
    d[i] = di;
    bnorm2 += b[i] * b[i];
    sigNew += ri * di;
  }
  const bnorm = Math.sqrt(bnorm2);
  let it = 1;
  for (; it < imax && Math.sqrt(sigNew) / bnorm > tol; ++it) {
    qeqMatvec(q, first, col, val, eta, d, n);
    let tmp = 0;
    for (let i = 0; i < n; i++) if (inGroup[i] !== 0) tmp += d[i] * q[i];
    const alpha = sigNew / tmp;
    const sigOld = sigNew;
    sigNew = 0;
    for (let i = 0; i < n; i++) {
      if (inGroup[i] === 0) continue;
      x[i] += alpha * d[i];
      const ri = r[i] + -alpha * q[i];
      const pi = ri * hdinv[i];
      r[i] = ri;
      p[i] = pi;
      sigNew += ri * pi;
    }
    const beta = sigNew / sigOld;
    for (let i = 0; i < n; i++) if (inGroup[i] !== 0) d[i] = p[i] + beta * d[i];
  }
  return it;
}

/** See wasm/assembly/reaxff.ts reaxffTabulated_f64_aos (same layout; returns -1 or the first pair without a table). */
export function reaxffTabulated_aos(
  f: Float64Array,
  eatom: Float64Array | null,
  x: Float64Array,
  elem: Int32Array,
  q: Float64Array,
  offsets: Int32Array,
  neighbors: Int32Array,
  inum: number,
  tabIndex: Int32Array,
  tab: Float64Array,
  nel: number,
  len: number,
  dx: number,
  invDx: number,
  swb2: number,
  energy: Float64Array,
): number {
  let ew = 0, ep = 0;
  let missing = -1;
  for (let i = 0; i < inum; i++) {
    const ti = elem[i];
    if (ti < 0) continue;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const qi = q[i];
    for (let k = offsets[i], je = offsets[i + 1]; k < je; k++) {
      const j = neighbors[k];
      const tj = elem[j];
      if (tj < 0) continue;
      const ddx = x[3 * j] - xi, ddy = x[3 * j + 1] - yi, ddz = x[3 * j + 2] - zi;
      const r2 = ddx * ddx + ddy * ddy + ddz * ddz;
      if (r2 > swb2) continue;
      const r = Math.sqrt(r2);
      const qq = qi * q[j];
      const start = tabIndex[ti * nel + tj];
      if (start < 0) { if (missing < 0) missing = ti * nel + tj; continue; }
      let m = Math.trunc(r * invDx);
      if (m === 0) m = 1;
      const dif = r - (m + 1) * dx;
      const o = start + 4 * m, o1 = o + len, o2 = o + 2 * len, o3 = o + 3 * len;
      const evdw = ((tab[o + 3] * dif + tab[o + 2]) * dif + tab[o + 1]) * dif + tab[o];
      const cevd = ((tab[o1 + 3] * dif + tab[o1 + 2]) * dif + tab[o1 + 1]) * dif + tab[o1];
      const eele = (((tab[o2 + 3] * dif + tab[o2 + 2]) * dif + tab[o2 + 1]) * dif + tab[o2]) * qq;
      const cecl = (((tab[o3 + 3] * dif + tab[o3 + 2]) * dif + tab[o3 + 1]) * dif + tab[o3]) * qq;
      const ce = cevd + cecl;
      ew += evdw;
      ep += eele;
      if (eatom) {
        const h = 0.5 * (evdw + eele);
        eatom[i] += h;
        eatom[j] += h;
      }
      f[3 * i] += ce * ddx; f[3 * i + 1] += ce * ddy; f[3 * i + 2] += ce * ddz;
      f[3 * j] -= ce * ddx; f[3 * j + 1] -= ce * ddy; f[3 * j + 2] -= ce * ddz;
    }
  }
  energy[0] = ew;
  energy[1] = ep;
  return missing;
}
