/**
 * `pair_style lj/cut Rc` (12-6 Lennard-Jones, Jones, Proc. R. Soc. A 106, 463 (1924)):
 * E = 4 eps [(sigma/r)^12 - (sigma/r)^6] - offset for r < rc [energy], offset = E(rc) with
 * `pair_modify shift yes`. Unset i != j pairs mix eps/sigma/rc (geometric default, arithmetic,
 * sixthpower) as LAMMPS's Pair::mix_energy / mix_distance. Half neighbour list, newton on; the
 * engine computes the virial from forces (fdotr).
 */
import type { AtomView, ForceAccumulator, NeighborList, PairModifySettings, PairStyle, PairStyleContext, PairStyleFactory, ComputeFlags } from '../types.js';
import { sprintf } from '../../../io/text/printf.js';
import { kernelMode, pairLjAos } from '../../kernels/wasm/index.js';
import { packLjParams } from '../../kernels/scalar/pair-lj.js';
import { bounds, numeric } from '../../input/args.js';

export type PairModify = PairModifySettings;

export class LjCut implements PairStyle {
  readonly name = 'lj/cut';
  readonly neighborKind = 'half' as const;
  cutoff: number;
  private cutGlobal: number;
  private ntypes: number;
  private eps: Float64Array;
  private sig: Float64Array;
  private cut: Float64Array;
  private set: Uint8Array;
  // per pair tables (ntypes+1)^2
  private cutsq = new Float64Array(0);
  private lj1 = new Float64Array(0);
  private lj2 = new Float64Array(0);
  private lj3 = new Float64Array(0);
  private lj4 = new Float64Array(0);
  private offset = new Float64Array(0);
  private kparams: Float64Array | null = null;
  private settings: PairModify = { shift: false, mix: 'geometric' };

  constructor(args: string[], ctx: PairStyleContext) {
    if (args.length !== 1) throw new Error(`pair_style lj/cut: expected 1 argument (global cutoff), found ${args.length}`);
    this.cutGlobal = num(args[0]);
    this.cutoff = this.cutGlobal;
    this.ntypes = ctx.ntypes;
    const n = (ctx.ntypes + 1) * (ctx.ntypes + 1);
    this.eps = new Float64Array(n);
    this.sig = new Float64Array(n);
    this.cut = new Float64Array(n);
    this.set = new Uint8Array(n);
  }

  coeff(args: string[]): void {
    if (args.length < 4 || args.length > 5) throw new Error(`pair_coeff for lj/cut: expected I J epsilon sigma [cutoff], found ${args.length} words`);
    const [ilo, ihi] = typeBounds(args[0], this.ntypes);
    const [jlo, jhi] = typeBounds(args[1], this.ntypes);
    const eps = num(args[2]);
    const sig = num(args[3]);
    const cut = args.length === 5 ? num(args[4]) : this.cutGlobal;
    let count = 0;
    const T = this.ntypes + 1;
    for (let i = ilo; i <= ihi; i++) {
      for (let j = Math.max(jlo, i); j <= jhi; j++) {
        this.eps[i * T + j] = eps;
        this.sig[i * T + j] = sig;
        this.cut[i * T + j] = cut;
        this.set[i * T + j] = 1;
        count++;
      }
    }
    if (count === 0) throw new Error('incorrect args for pair coefficients (no type pair matched)');
  }

  modify(settings: PairModifySettings): void {
    this.settings = { ...settings };
  }

  /** `Pair Coeffs` lines of write_data: `%d %g %g` = i eps sigma per type (LAMMPS PairLJCut::write_data). */
  dataLines(): string[] {
    return ljDataLines(this.ntypes, this.eps, this.sig);
  }

  init(ntypes: number): void {
    const T = ntypes + 1;
    this.cutsq = new Float64Array(T * T);
    this.lj1 = new Float64Array(T * T);
    this.lj2 = new Float64Array(T * T);
    this.lj3 = new Float64Array(T * T);
    this.lj4 = new Float64Array(T * T);
    this.offset = new Float64Array(T * T);
    let cutmax = 0;
    for (let i = 1; i <= ntypes; i++) {
      for (let j = i; j <= ntypes; j++) {
        let eps: number, sig: number, cut: number;
        if (this.set[i * T + j]) {
          eps = this.eps[i * T + j];
          sig = this.sig[i * T + j];
          cut = this.cut[i * T + j];
        } else {
          if (!this.set[i * T + i] || !this.set[j * T + j]) throw new Error(`all pair coeffs are not set (types ${i} ${j})`);
          const ei = this.eps[i * T + i], ej = this.eps[j * T + j];
          const si = this.sig[i * T + i], sj = this.sig[j * T + j];
          const ci = this.cut[i * T + i], cj = this.cut[j * T + j];
          eps = mixEnergy(ei, ej, si, sj, this.settings.mix);
          sig = mixDistance(si, sj, this.settings.mix);
          cut = mixDistance(ci, cj, this.settings.mix);
        }
        const [lj1, lj2, lj3, lj4, off] = ljCoefficients(eps, sig, cut, this.settings.shift);
        for (const [a, b] of [
          [i, j],
          [j, i],
        ]) {
          this.cutsq[a * T + b] = cut * cut;
          this.lj1[a * T + b] = lj1;
          this.lj2[a * T + b] = lj2;
          this.lj3[a * T + b] = lj3;
          this.lj4[a * T + b] = lj4;
          this.offset[a * T + b] = off;
        }
        cutmax = Math.max(cutmax, cut);
      }
    }
    this.cutoff = cutmax;
  }

  private computeOneType(x: Float64Array, f: Float64Array, off: Int32Array, nb: Int32Array, inum: number): number {
    const t = this.ntypes + 2; // index of (1,1) in the (ntypes+1)^2 tables
    return oneTypeLoop(x, f, off, nb, inum, this.cutsq[t], this.lj1[t], this.lj2[t], this.lj3[t], this.lj4[t], this.offset[t]);
  }

  compute(atoms: AtomView, list: NeighborList, acc: ForceAccumulator, flags: ComputeFlags): void {
    const x = atoms.x, type = atoms.type, f = acc.f;
    const T = this.ntypes + 1;
    const { cutsq, lj1, lj2, lj3, lj4, offset } = this;
    const off = list.offsets, nb = list.neighbors;
    const eatom = flags.wantEatom ? acc.eatom : undefined;
    let evdwl = 0;
    if (kernelMode() === 'wasm') {
      // LMPV_KERNELS=wasm (the default when WebAssembly SIMD loads; else or with LMPV_KERNELS=scalar the loops
      // below): the f64x2 kernel kernels/wasm/assembly/pair-lj.ts sums in the loops' order, so energies and
      // forces are bitwise the same (test/kernels/parity.test.ts)
      this.kparams = packLjParams(this.kparams, T, cutsq, lj1, lj2, lj3, lj4, offset);
      evdwl = pairLjAos(f, eatom ?? null, x, type, atoms.nall, list, this.kparams, T);
      acc.energy += evdwl;
      acc.parts = { evdwl: (acc.parts?.evdwl ?? 0) + evdwl, ecoul: acc.parts?.ecoul ?? 0 };
      return;
    }
    if (this.ntypes === 1 && !eatom) {
      evdwl = this.computeOneType(x, f, off, nb, list.inum);
      acc.energy += evdwl;
      acc.parts = { evdwl: (acc.parts?.evdwl ?? 0) + evdwl, ecoul: acc.parts?.ecoul ?? 0 };
      return;
    }
    for (let i = 0; i < list.inum; i++) {
      const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
      const ti = type[i] * T;
      let fxi = 0, fyi = 0, fzi = 0;
      for (let jj = off[i], je = off[i + 1]; jj < je; jj++) {
        const j = nb[jj];
        const dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
        const rsq = dx * dx + dy * dy + dz * dz;
        const t = ti + type[j];
        if (rsq >= cutsq[t]) continue;
        const r2inv = 1.0 / rsq;
        const r6inv = r2inv * r2inv * r2inv;
        const forcelj = r6inv * (lj1[t] * r6inv - lj2[t]);
        const fpair = forcelj * r2inv;
        fxi += dx * fpair;
        fyi += dy * fpair;
        fzi += dz * fpair;
        f[3 * j] -= dx * fpair;
        f[3 * j + 1] -= dy * fpair;
        f[3 * j + 2] -= dz * fpair;
        const e = r6inv * (lj3[t] * r6inv - lj4[t]) - offset[t];
        evdwl += e;
        if (eatom) {
          eatom[i] += 0.5 * e;
          eatom[j] += 0.5 * e;
        }
      }
      f[3 * i] += fxi;
      f[3 * i + 1] += fyi;
      f[3 * i + 2] += fzi;
    }
    acc.energy += evdwl;
    acc.parts = { evdwl: (acc.parts?.evdwl ?? 0) + evdwl, ecoul: acc.parts?.ecoul ?? 0 };
  }
}

/** The same loop for one atom type: per-pair table lookups become constants (the common case). */
function oneTypeLoop(x: Float64Array, f: Float64Array, off: Int32Array, nb: Int32Array, inum: number, cutsq: number, lj1: number, lj2: number, lj3: number, lj4: number, offset: number): number {
  let evdwl = 0;
  for (let i = 0; i < inum; i++) {
    const i3 = 3 * i;
    const xi = x[i3], yi = x[i3 + 1], zi = x[i3 + 2];
    let fxi = 0, fyi = 0, fzi = 0;
    const je = off[i + 1];
    for (let jj = off[i]; jj < je; jj++) {
      const j3 = 3 * nb[jj];
      const dx = xi - x[j3], dy = yi - x[j3 + 1], dz = zi - x[j3 + 2];
      const rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= cutsq) continue;
      const r2inv = 1.0 / rsq;
      const r6inv = r2inv * r2inv * r2inv;
      const fpair = r6inv * (lj1 * r6inv - lj2) * r2inv;
      fxi += dx * fpair;
      fyi += dy * fpair;
      fzi += dz * fpair;
      f[j3] -= dx * fpair;
      f[j3 + 1] -= dy * fpair;
      f[j3 + 2] -= dz * fpair;
      evdwl += r6inv * (lj3 * r6inv - lj4) - offset;
    }
    f[i3] += fxi;
    f[i3 + 1] += fyi;
    f[i3 + 2] += fzi;
  }
  return evdwl;
}

/**
 * LAMMPS PairLJCut::init_one: force and energy prefactors lj1 = 48 eps sig^12, lj2 = 24 eps sig^6,
 * lj3 = 4 eps sig^12, lj4 = 4 eps sig^6 and, with `pair_modify shift yes`, the energy offset at the cutoff.
 */
export function ljCoefficients(eps: number, sig: number, cut: number, shift: boolean): [number, number, number, number, number] {
  let off = 0;
  if (shift && cut > 0) {
    const ratio = sig / cut;
    off = 4.0 * eps * (Math.pow(ratio, 12.0) - Math.pow(ratio, 6.0));
  }
  return [48.0 * eps * Math.pow(sig, 12.0), 24.0 * eps * Math.pow(sig, 6.0), 4.0 * eps * Math.pow(sig, 12.0), 4.0 * eps * Math.pow(sig, 6.0), off];
}

export function mixEnergy(ei: number, ej: number, si: number, sj: number, mix: PairModify['mix']): number {
  if (mix === 'sixthpower') return (2.0 * Math.sqrt(ei * ej) * Math.pow(si, 3.0) * Math.pow(sj, 3.0)) / (Math.pow(si, 6.0) + Math.pow(sj, 6.0));
  return Math.sqrt(ei * ej);
}

export function mixDistance(si: number, sj: number, mix: PairModify['mix']): number {
  if (mix === 'arithmetic') return 0.5 * (si + sj);
  if (mix === 'sixthpower') return Math.pow(0.5 * (Math.pow(si, 6.0) + Math.pow(sj, 6.0)), 1.0 / 6.0);
  return Math.sqrt(si * sj);
}

/** `I`, `*`, `I*`, `*J`, `I*J` -> inclusive bounds (LAMMPS utils::bounds). */
/** I or J of pair_coeff: an atom type or range (N, *, N*, *M, N*M) within 1..n. */
export function typeBounds(s: string, n: number): [number, number] {
  return bounds(s, 1, n, 'pair_coeff atom type');
}

function num(s: string): number {
  return numeric(s, 'lj/cut');
}

export const ljCutFactory: PairStyleFactory = {
  create: (args, ctx) => new LjCut(args, ctx),
};

/** write_data's `Pair Coeffs` of the lj styles: `%d %g %g` = type, epsilon_ii, sigma_ii (pair_lj_cut.cpp, pair_lj_cut_coul_cut.cpp). */
export function ljDataLines(ntypes: number, eps: Float64Array, sig: Float64Array): string[] {
  const T = ntypes + 1;
  const out: string[] = [];
  for (let i = 1; i <= ntypes; i++) out.push(sprintf('%d %g %g', i, eps[i * T + i], sig[i * T + i]));
  return out;
}
