/**
 * `fix ID group reaxff/species Nevery Nrepeat Nfreq FILE [cutoff I J BO]... [element E1 .. En]`
 * (LAMMPS src/REAXFF/fix_reaxff_species.cpp, docs fix_reaxff_species.html): molecules from
 * time-averaged bond orders, counted by formula.
 *
 * As LAMMPS: at post-integrate time of steps nvalid - (Nrepeat-1) Nevery, ..., nvalid (the
 * schedule of its internal fix ave/atom) the bond orders of pair reaxff's last force call are
 * sampled: per owned atom its bonds with BO >= 0.10 (PairReaxFF::FindBond) to atoms of higher index,
 * i.e. to owned atoms after it and to every periodic image. Their average over the Nrepeat samples
 * (absent = 0) joins two atoms of the group into one molecule when it exceeds the pair's cutoff
 * (0.30 unless `cutoff`); a molecule's id is its smallest atom id, molecules are numbered in that
 * order and species (formulas: per type the count) in order of first appearance. Every Nfreq steps
 * from the run start FILE gets
 *   `# Timestep     No_Moles     No_Specs     ` + per species its formula and a tab,
 *   the step, `%11d%11d\t` Nmole Nspec, and per species ` %d\t` its number of molecules.
 * Formula letters are C H O N for types 1..4 (LAMMPS's default) unless `element` names them.
 * The vector (f_ID[1], f_ID[2]) is Nmole, Nspec. As LAMMPS, the neighbour settings become
 * `delay 0 every M check no` when averaging needs it (with its warning). `position` and .gz files
 * are refused. Averages are kept per bonded pair; LAMMPS keeps them per slot of an atom's bond list,
 * which is the same while the bonds do not change within an averaging window.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Engine } from '../engine.js';
import type { Fix } from './fix.js';
import { PairReaxff } from '../potentials/reaxff/index.js';
import { inumeric, numeric } from '../input/args.js';

function int(word: string | undefined, what: string): number {
  return inumeric(word, `fix reaxff/species ${what}`);
}

export class FixReaxffSpecies implements Fix<Engine> {
  readonly style = 'reaxff/species';
  readonly nevery: number;
  readonly nrepeat: number;
  readonly nfreq: number;
  private fd: number | null;
  /** BO cutoff per type pair, (ntypes+1)^2, 1-based types. */
  private boCut: Float64Array;
  private ntypes: number;
  private names: string[];
  private nvalid = -1;
  private aveValid = -1;
  private irepeat = 0;
  /** Sum of sampled bond orders per bonded pair, key `i j sx sy sz` (owned indices, image shift). */
  private sums = new Map<string, { i: number; j: number; sum: number }>();
  private ave: { i: number; j: number; bo: number }[] = [];
  private nmole = 0;
  private nspec = 0;
  /** Molecule id of each owned atom at the last output (0 outside the group). */
  clusterID = new Float64Array(0);

  constructor(readonly id: string, readonly group: string, args: string[], e: Engine) {
    if (args.length < 4) throw new Error(`fix reaxff/species: expected 'Nevery Nrepeat Nfreq FILE [keywords]', found ${args.length} arguments`);
    this.nevery = int(args[0], 'Nevery');
    this.nrepeat = int(args[1], 'Nrepeat');
    this.nfreq = int(args[2], 'Nfreq');
    if (this.nevery <= 0 || this.nrepeat <= 0 || this.nfreq <= 0) throw new Error('fix reaxff/species: Nevery, Nrepeat and Nfreq must be > 0');
    if (this.nfreq % this.nevery !== 0 || this.nrepeat * this.nevery > this.nfreq) {
      throw new Error(`fix reaxff/species: Nfreq must be a multiple of Nevery and Nrepeat*Nevery <= Nfreq (found ${this.nevery} ${this.nrepeat} ${this.nfreq})`);
    }
    const nt = e.sys.ntypes;
    this.ntypes = nt;
    this.boCut = new Float64Array((nt + 1) * (nt + 1)).fill(0.3);
    this.names = ['C', 'H', 'O', 'N'].slice(0, Math.min(4, nt));
    for (let k = 4; k < args.length;) {
      const kw = args[k];
      if (kw === 'cutoff') {
        const i = int(args[k + 1], 'cutoff type I'), j = int(args[k + 2], 'cutoff type J');
        const bo = numeric(args[k + 3], 'fix reaxff/species cutoff bond order');
        if (i <= 0 || j <= 0 || i > nt || j > nt) throw new Error(`fix reaxff/species cutoff: atom types must be 1..${nt}, found ${i} ${j}`);
        if (!(bo >= 0 && bo <= 1)) throw new Error(`fix reaxff/species cutoff: bond order cutoff must be in [0, 1], found '${args[k + 3] ?? ''}'`);
        this.boCut[i * (nt + 1) + j] = this.boCut[j * (nt + 1) + i] = bo;
        k += 4;
      } else if (kw === 'element') {
        if (k + nt >= args.length) throw new Error(`fix reaxff/species element: expected ${nt} element names`);
        this.names = args.slice(k + 1, k + 1 + nt);
        k += nt + 1;
      } else if (kw === 'position') {
        throw new Error('fix reaxff/species: the position keyword is not supported by lmpv');
      } else throw new Error(`fix reaxff/species: unknown keyword '${kw}' (expected cutoff, element or position)`);
    }
    if (args[3].endsWith('.gz')) throw new Error('fix reaxff/species: gzipped output (.gz) is not supported by lmpv');
    // LAMMPS: reneighbouring must not happen inside an averaging window
    const n = e.neighOpts;
    let reset = false;
    if (this.nevery * this.nrepeat !== 1 && (this.nfreq % n.every !== 0 || n.every < this.nevery * this.nrepeat)) {
      let every = this.nevery * this.nrepeat;
      while (this.nfreq % every !== 0 && every <= this.nfreq / 2) every++;
      if (this.nfreq % every !== 0) every = this.nfreq;
      n.every = every;
      reset = true;
    }
    if (this.nevery * this.nrepeat !== 1 && (n.delay !== 0 || n.check)) {
      n.delay = 0;
      n.check = false;
      reset = true;
    }
    if (reset) e.warn(`Resetting reneighboring criteria to 'delay ${n.delay} every ${n.every} check no' for fix reaxff/species`);
    this.fd = openSync(e.resolvePath(args[3]), 'w');
  }

  private pair(e: Engine): PairReaxff {
    if (!(e.pair instanceof PairReaxff)) throw new Error('Cannot use fix reaxff/species without pair_style reaxff (LAMMPS: "Cannot use fix reaxff/species without pair_style reaxff, reaxff/kk, or reaxff/omp")');
    return e.pair;
  }

  setup(e: Engine): void {
    this.pair(e);
    if (this.nvalid !== e.ntimestep) this.nvalid = e.ntimestep + this.nfreq;
    // the internal fix ave/atom's first sampling step (FixAveAtom::nextvalid)
    const step = e.ntimestep;
    let v = Math.floor(step / this.nfreq) * this.nfreq + this.nfreq;
    if (v - this.nfreq === step && this.nrepeat === 1) v = step;
    else v -= (this.nrepeat - 1) * this.nevery;
    if (v < step) v += this.nfreq;
    this.aveValid = v;
    this.irepeat = 0;
    this.postIntegrate(e);
  }

  postIntegrate(e: Engine): void {
    this.sample(e);
    if (e.ntimestep !== this.nvalid) return;
    this.findMolecules(e);
    this.write(e.ntimestep);
    this.nvalid += this.nfreq;
  }

  /** Accumulate the bond orders (LAMMPS fix ave/atom over compute SPEC/ATOM abo01..abo24). */
  private sample(e: Engine): void {
    const step = e.ntimestep;
    if (step !== this.aveValid) return;
    if (this.irepeat === 0) this.sums.clear();
    const w = this.pair(e).work;
    for (let i = 0; i < w.n; i++) {
      for (let q = w.adjStart[i]; q < w.adjStart[i + 1]; q++) {
        const h = w.adj[q];
        const b = h >> 1;
        const bo = w.bo[b];
        if (!(bo >= 0.10)) continue;
        const j = w.nbr(h);
        const sg = (h & 1) === 0 ? 1 : -1;
        // image shift of the partner relative to its owner: bond vector minus the owned-atom difference
        const sx = sg * w.bd[3 * b] - (w.x[3 * j] - w.x[3 * i]);
        const sy = sg * w.bd[3 * b + 1] - (w.x[3 * j + 1] - w.x[3 * i + 1]);
        const sz = sg * w.bd[3 * b + 2] - (w.x[3 * j + 2] - w.x[3 * i + 2]);
        const image = Math.abs(sx) + Math.abs(sy) + Math.abs(sz) > 1e-6;
        if (!image && j <= i) continue; // LAMMPS keeps partners of higher index only
        const key = `${i} ${j} ${Math.round(sx * 1e4)} ${Math.round(sy * 1e4)} ${Math.round(sz * 1e4)}`;
        const s = this.sums.get(key);
        if (s) s.sum += bo;
        else this.sums.set(key, { i, j, sum: bo });
      }
    }
    this.irepeat++;
    if (this.irepeat < this.nrepeat) {
      this.aveValid += this.nevery;
      return;
    }
    this.ave = [...this.sums.values()].map((s) => ({ i: s.i, j: s.j, bo: s.sum / this.nrepeat }));
    this.irepeat = 0;
    this.aveValid = step + this.nfreq - (this.nrepeat - 1) * this.nevery;
  }

  /** Molecules: connected atoms of the group (union by smallest atom id), then species by formula. */
  private findMolecules(e: Engine): void {
    const s = e.sys;
    const n = s.nlocal;
    const bit = e.groupBit(this.group);
    const parent = Int32Array.from({ length: n }, (_, k) => k);
    const find = (a: number): number => { while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; } return a; };
    const nt1 = this.ntypes + 1;
    for (const { i, j, bo } of this.ave) {
      if (i >= n || j >= n || (s.mask[i] & bit) === 0 || (s.mask[j] & bit) === 0) continue;
      if (bo > this.boCut[s.type[i] * nt1 + s.type[j]]) {
        const a = find(i), b = find(j);
        if (a !== b) parent[a] = b;
      }
    }
    // molecule id = smallest atom id of the component, numbered in increasing order
    const minTag = new Map<number, number>();
    for (let k = 0; k < n; k++) {
      if ((s.mask[k] & bit) === 0) continue;
      const r = find(k);
      const t = s.tag[k];
      const m = minTag.get(r);
      if (m === undefined || t < m) minTag.set(r, t);
    }
    const order = [...new Set(minTag.values())].sort((a, b) => a - b);
    const molOf = new Map(order.map((t, k) => [t, k + 1]));
    if (this.clusterID.length < n) this.clusterID = new Float64Array(n);
    const counts: number[][] = order.map(() => new Array(this.ntypes).fill(0));
    for (let k = 0; k < n; k++) {
      if ((s.mask[k] & bit) === 0) { this.clusterID[k] = 0; continue; }
      const m = molOf.get(minTag.get(find(k))!)!;
      this.clusterID[k] = m;
      counts[m - 1][s.type[k] - 1]++;
    }
    this.nmole = order.length;
    const species: { name: number[]; count: number }[] = [];
    for (const c of counts) {
      const sp = species.find((x) => x.name.every((v, t) => v === c[t]));
      if (sp) sp.count++;
      else species.push({ name: c, count: 1 });
    }
    this.nspec = species.length;
    this.species = species;
  }

  private species: { name: number[]; count: number }[] = [];

  private write(step: number): void {
    if (this.fd === null) return;
    let head = '# Timestep     No_Moles     No_Specs     ';
    for (const sp of this.species) {
      sp.name.forEach((c, t) => { if (c !== 0) head += (this.names[t] ?? '') + (c !== 1 ? String(c) : ''); });
      head += '\t';
    }
    let row = `${step}${String(this.nmole).padStart(11)}${String(this.nspec).padStart(11)}\t`;
    for (const sp of this.species) row += ` ${sp.count}\t`;
    writeSync(this.fd, `${head}\n${row}\n`);
  }

  vector(_e: Engine, i: number): number {
    if (i === 1) return this.nmole;
    if (i === 2) return this.nspec;
    throw new Error(`fix reaxff/species vector has 2 elements, asked for ${i}`);
  }

  extensive(): boolean {
    return false;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
