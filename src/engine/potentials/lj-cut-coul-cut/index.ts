/**
 * `pair_style lj/cut/coul/cut Rlj [Rcoul]`: 12-6 Lennard-Jones (as lj/cut) plus cut Coulomb
 * E = qqrd2e q_i q_j / r for r < Rcoul [energy], qqrd2e = LAMMPS's force->qqrd2e (qqr2e of the
 * unit style, dielectric 1). pair_coeff I J eps sigma [Rlj [Rcoul]]; unset pairs mix as lj/cut
 * (both cutoffs by mix_distance). Energies are reported as evdwl and ecoul. Needs atom charges.
 */
import type { AtomView, ComputeFlags, ForceAccumulator, NeighborList, PairStyle, PairStyleContext, PairStyleFactory } from '../types.js';
import { type PairModify, ljCoefficients, ljDataLines, mixDistance, mixEnergy, typeBounds } from '../lj-cut/index.js';
import { unitConstants } from '../../../io/units.js';
import { numeric } from '../../input/args.js';

export class LjCutCoulCut implements PairStyle {
  readonly name = 'lj/cut/coul/cut';
  readonly neighborKind = 'half' as const;
  cutoff: number;
  private settings: PairModify = { shift: false, mix: 'geometric' };

  modify(settings: PairModify): void {
    this.settings = { ...settings };
  }

  /** `Pair Coeffs` lines of write_data (LAMMPS PairLJCutCoulCut::write_data: i eps sigma). */
  dataLines(): string[] {
    return ljDataLines(this.ntypes, this.eps, this.sig);
  }
  private cutLjGlobal: number;
  private cutCoulGlobal: number;
  private ntypes: number;
  private qqrd2e: number;
  private eps: Float64Array;
  private sig: Float64Array;
  private cutLj: Float64Array;
  private cutCoul: Float64Array;
  private set: Uint8Array;
  private t = {
    cutsq: new Float64Array(0),
    ljsq: new Float64Array(0),
    coulsq: new Float64Array(0),
    lj1: new Float64Array(0),
    lj2: new Float64Array(0),
    lj3: new Float64Array(0),
    lj4: new Float64Array(0),
    offset: new Float64Array(0),
  };

  constructor(args: string[], ctx: PairStyleContext) {
    if (args.length < 1 || args.length > 2) throw new Error(`pair_style lj/cut/coul/cut: expected Rlj [Rcoul], found ${args.length} arguments`);
    this.cutLjGlobal = num(args[0]);
    this.cutCoulGlobal = args.length === 2 ? num(args[1]) : this.cutLjGlobal;
    this.cutoff = Math.max(this.cutLjGlobal, this.cutCoulGlobal);
    this.ntypes = ctx.ntypes;
    this.qqrd2e = unitConstants(ctx.units).qqr2e;
    const n = (ctx.ntypes + 1) * (ctx.ntypes + 1);
    this.eps = new Float64Array(n);
    this.sig = new Float64Array(n);
    this.cutLj = new Float64Array(n);
    this.cutCoul = new Float64Array(n);
    this.set = new Uint8Array(n);
  }

  coeff(args: string[]): void {
    if (args.length < 4 || args.length > 6) throw new Error(`pair_coeff for lj/cut/coul/cut: expected I J epsilon sigma [Rlj [Rcoul]], found ${args.length} words`);
    const [ilo, ihi] = typeBounds(args[0], this.ntypes);
    const [jlo, jhi] = typeBounds(args[1], this.ntypes);
    const eps = num(args[2]), sig = num(args[3]);
    const cutLj = args.length >= 5 ? num(args[4]) : this.cutLjGlobal;
    const cutCoul = args.length === 6 ? num(args[5]) : args.length === 5 ? cutLj : this.cutCoulGlobal;
    const T = this.ntypes + 1;
    let count = 0;
    for (let i = ilo; i <= ihi; i++)
      for (let j = Math.max(jlo, i); j <= jhi; j++) {
        this.eps[i * T + j] = eps;
        this.sig[i * T + j] = sig;
        this.cutLj[i * T + j] = cutLj;
        this.cutCoul[i * T + j] = cutCoul;
        this.set[i * T + j] = 1;
        count++;
      }
    if (count === 0) throw new Error('incorrect args for pair coefficients (no type pair matched)');
  }

  init(ntypes: number): void {
    const T = ntypes + 1;
    const t = this.t;
    for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] = new Float64Array(T * T);
    let cutmax = 0;
    for (let i = 1; i <= ntypes; i++)
      for (let j = i; j <= ntypes; j++) {
        let eps: number, sig: number, cl: number, cc: number;
        if (this.set[i * T + j]) {
          eps = this.eps[i * T + j];
          sig = this.sig[i * T + j];
          cl = this.cutLj[i * T + j];
          cc = this.cutCoul[i * T + j];
        } else {
          if (!this.set[i * T + i] || !this.set[j * T + j]) throw new Error(`all pair coeffs are not set (types ${i} ${j})`);
          eps = mixEnergy(this.eps[i * T + i], this.eps[j * T + j], this.sig[i * T + i], this.sig[j * T + j], this.settings.mix);
          sig = mixDistance(this.sig[i * T + i], this.sig[j * T + j], this.settings.mix);
          cl = mixDistance(this.cutLj[i * T + i], this.cutLj[j * T + j], this.settings.mix);
          cc = mixDistance(this.cutCoul[i * T + i], this.cutCoul[j * T + j], this.settings.mix);
        }
        const cut = Math.max(cl, cc);
        const [lj1, lj2, lj3, lj4, off] = ljCoefficients(eps, sig, cl, this.settings.shift);
        for (const [a, b] of [
          [i, j],
          [j, i],
        ]) {
          const k = a * T + b;
          t.cutsq[k] = cut * cut;
          t.ljsq[k] = cl * cl;
          t.coulsq[k] = cc * cc;
          t.lj1[k] = lj1;
          t.lj2[k] = lj2;
          t.lj3[k] = lj3;
          t.lj4[k] = lj4;
          t.offset[k] = off;
        }
        cutmax = Math.max(cutmax, cut);
      }
    this.cutoff = cutmax;
  }

  compute(atoms: AtomView, list: NeighborList, acc: ForceAccumulator, flags: ComputeFlags): void {
    const q = atoms.q;
    if (!q) throw new Error('pair style lj/cut/coul/cut requires atom attribute q (atom_style charge)');
    const x = atoms.x, type = atoms.type, f = acc.f;
    const T = this.ntypes + 1;
    const { cutsq, ljsq, coulsq, lj1, lj2, lj3, lj4, offset } = this.t;
    const qqrd2e = this.qqrd2e;
    const eatom = flags.wantEatom ? acc.eatom : undefined;
    let evdwl = 0, ecoul = 0;
    for (let i = 0; i < list.inum; i++) {
      const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
      const qi = q[i];
      const ti = type[i] * T;
      let fxi = 0, fyi = 0, fzi = 0;
      for (let jj = list.offsets[i], je = list.offsets[i + 1]; jj < je; jj++) {
        const j = list.neighbors[jj];
        const dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
        const rsq = dx * dx + dy * dy + dz * dz;
        const k = ti + type[j];
        if (rsq >= cutsq[k]) continue;
        const r2inv = 1.0 / rsq;
        const forcecoul = rsq < coulsq[k] ? qqrd2e * qi * q[j] * Math.sqrt(r2inv) : 0;
        let forcelj = 0, r6inv = 0;
        if (rsq < ljsq[k]) {
          r6inv = r2inv * r2inv * r2inv;
          forcelj = r6inv * (lj1[k] * r6inv - lj2[k]);
        }
        const fpair = (forcecoul + forcelj) * r2inv;
        fxi += dx * fpair;
        fyi += dy * fpair;
        fzi += dz * fpair;
        f[3 * j] -= dx * fpair;
        f[3 * j + 1] -= dy * fpair;
        f[3 * j + 2] -= dz * fpair;
        const ec = rsq < coulsq[k] ? qqrd2e * qi * q[j] * Math.sqrt(r2inv) : 0;
        const ev = rsq < ljsq[k] ? r6inv * (lj3[k] * r6inv - lj4[k]) - offset[k] : 0;
        ecoul += ec;
        evdwl += ev;
        if (eatom) {
          eatom[i] += 0.5 * (ec + ev);
          eatom[j] += 0.5 * (ec + ev);
        }
      }
      f[3 * i] += fxi;
      f[3 * i + 1] += fyi;
      f[3 * i + 2] += fzi;
    }
    acc.energy += evdwl + ecoul;
    acc.parts = { evdwl: (acc.parts?.evdwl ?? 0) + evdwl, ecoul: (acc.parts?.ecoul ?? 0) + ecoul };
  }
}

function num(s: string): number {
  return numeric(s, 'lj/cut/coul/cut');
}

export const ljCutCoulCutFactory: PairStyleFactory = {
  create: (args, ctx) => new LjCutCoulCut(args, ctx),
};
