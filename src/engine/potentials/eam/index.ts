/**
 * `pair_style eam`, `eam/alloy` and `eam/fs` (embedded-atom method; LAMMPS src/MANYBODY/pair_eam.cpp,
 * pair_eam_alloy.cpp, pair_eam_fs.cpp and the `pair_style eam` doc page). Files tagged `UNITS: metal`
 * (all of LAMMPS's) are converted to `units real` when in use, refused under other unit styles;
 * untagged files are taken as they are (LAMMPS's PotentialFileReader rule, io/potentials-path.ts).
 *
 * - `pair_style eam` + `pair_coeff I J FILE` per type (I = J, ranges allowed): DYNAMO funcfl files,
 *   one element each; a file named twice is read once; unlike pairs mix z2 = 27.2*0.529 Z_i Z_j;
 *   pair_coeff sets the mass of each type I = J to the file's mass.
 * - `pair_style eam/alloy` / `eam/fs` + `pair_coeff * * FILE El1|NULL ... (one per type)`: setfl /
 *   Finnis-Sinclair files; pair_coeff sets each mapped type's mass to its element's mass.
 *
 * The files are read by src/io/eam-potential.ts, found on the potentials search path
 * (src/io/potentials-path.ts); tables and splines are params.ts, the passes evaluate.ts.
 * Half neighbour list (newton on), cutoff = the file cutoff (largest of the funcfl files);
 * virial: fdotr by the engine.
 */
import type { AtomView, ComputeFlags, ForceAccumulator, NeighborList, PairStyle, PairStyleContext, PairStyleFactory } from '../types.js';
import { UsageError } from '../../../io/errors.js';
import { readEamFuncfl, readEamSetfl, type EamFuncfl, type EamSetfl } from '../../../io/eam-potential.js';
import { typeBounds } from '../lj-cut/index.js';
import { type EamTables, eamTablesFromFuncfl, eamTablesFromSetfl } from './params.js';
import { EamWork, eamCompute } from './evaluate.js';

export type EamStyle = 'eam' | 'eam/alloy' | 'eam/fs';

export class PairEam implements PairStyle {
  readonly neighborKind = 'half' as const;
  cutoff = 0;
  /** Mass of each type (index type-1) set by pair_coeff; NaN where none was set. */
  typeMass: Float64Array;
  tables: EamTables | null = null;
  /** eam: funcfl files in order of first use, the name each was given as, and type -> file (-1 unset). */
  private funcfl: EamFuncfl[] = [];
  private funcflNames: string[] = [];
  /** eam/alloy, eam/fs: the file and type -> element (-1 NULL). */
  private setfl: EamSetfl | null = null;
  /** 1-based: map[type]. */
  private map: Int32Array;
  private work = new EamWork();
  private ctx: PairStyleContext;

  constructor(readonly name: EamStyle, args: string[], ctx: PairStyleContext) {
    if (args.length !== 0) throw new UsageError(`pair_style ${name}: expected no arguments, found '${args.join(' ')}'`);
    this.ctx = ctx;
    this.map = new Int32Array(ctx.ntypes + 1).fill(-1);
    this.typeMass = new Float64Array(ctx.ntypes).fill(NaN);
  }

  coeff(args: string[]): void {
    this.tables = null;
    if (this.name === 'eam') this.coeffFuncfl(args);
    else this.coeffSetfl(args);
  }

  private coeffFuncfl(args: string[]): void {
    if (args.length !== 3) throw new UsageError(`pair_coeff for eam: expected I J FILE, found '${args.join(' ')}'`);
    const n = this.ctx.ntypes;
    const [ilo, ihi] = typeBounds(args[0], n);
    const [jlo, jhi] = typeBounds(args[1], n);
    let k = this.funcflNames.indexOf(args[2]);
    if (k < 0) {
      const file = readEamFuncfl(this.ctx.resolvePotentialFile(args[2]), { units: this.ctx.units });
      k = this.funcfl.length;
      this.funcfl.push(file);
      this.funcflNames.push(args[2]);
    }
    // LAMMPS PairEAM::coeff: only I = J pairs map a type; unlike pairs always mix
    let count = 0;
    for (let i = ilo; i <= ihi; i++) {
      if (jlo <= i && i <= jhi) {
        this.map[i] = k;
        this.typeMass[i - 1] = this.funcfl[k].mass;
        count++;
      }
    }
    if (count === 0) throw new UsageError(`pair_coeff for eam: '${args[0]} ${args[1]}' names no type pair I I (pair eam takes a file per type; unlike pairs are mixed)`);
    // LAMMPS PairEAM::init_one: the cutoff is the largest of all funcfl files read
    this.cutoff = Math.max(...this.funcfl.map((f) => f.cut));
  }

  private coeffSetfl(args: string[]): void {
    const n = this.ctx.ntypes;
    if (args.length !== 3 + n) throw new UsageError(`pair_coeff for ${this.name}: expected * * FILE and ${n} element name(s) or NULL (one per atom type), found '${args.join(' ')}'`);
    if (args[0] !== '*' || args[1] !== '*') throw new UsageError(`pair_coeff for ${this.name}: the first two arguments must be * *, found '${args[0]} ${args[1]}'`);
    const file = readEamSetfl(this.ctx.resolvePotentialFile(args[2]), this.name === 'eam/fs' ? 'fs' : 'setfl', { units: this.ctx.units });
    this.setfl = file;
    this.map.fill(-1);
    this.typeMass.fill(NaN);
    for (let t = 1; t <= n; t++) {
      const el = args[2 + t];
      if (el === 'NULL') continue;
      const e = file.elements.indexOf(el);
      if (e < 0) throw new UsageError(`pair_coeff for ${this.name}: element '${el}' is not in ${args[2]} (elements: ${file.elements.join(' ')})`);
      this.map[t] = e;
      this.typeMass[t - 1] = file.mass[e];
    }
    if (!this.map.some((m) => m >= 0)) throw new UsageError(`pair_coeff for ${this.name}: every type is NULL`);
    this.cutoff = file.cut;
  }

  init(ntypes: number): void {
    if (ntypes !== this.ctx.ntypes) throw new UsageError(`pair style ${this.name}: made for ${this.ctx.ntypes} atom types, the system has ${ntypes}`);
    for (let t = 1; t <= ntypes; t++) {
      // LAMMPS Pair::init: "All pair coeffs are not set" (NULL types need pair hybrid, which lmpv lacks)
      if (this.map[t] < 0) throw new UsageError(`pair style ${this.name}: no potential for atom type ${t} (all pair coeffs are not set)`);
    }
    this.tables = this.setfl ? eamTablesFromSetfl(this.setfl, this.map, ntypes) : eamTablesFromFuncfl(this.funcfl, this.map, ntypes);
    this.cutoff = this.tables.cut;
  }

  compute(atoms: AtomView, list: NeighborList, acc: ForceAccumulator, flags: ComputeFlags): void {
    if (!this.tables) this.init(this.ctx.ntypes);
    if (list.full) throw new Error(`pair style ${this.name} needs a half neighbour list`);
    const e = eamCompute(this.tables!, this.work, atoms, list, acc.f, flags.wantEatom && acc.eatom ? acc.eatom : null);
    acc.energy += e;
    if (acc.parts) acc.parts.evdwl = (acc.parts.evdwl ?? 0) + e;
  }
}

/** The three style rows, registered by potentials/registry.ts. */
export const EAM_PAIR_STYLES: ReadonlyArray<[EamStyle, PairStyleFactory]> = (['eam', 'eam/alloy', 'eam/fs'] as const).map((s) => [
  s,
  { create: (args: string[], ctx: PairStyleContext): PairStyle => new PairEam(s, args, ctx) },
]);
