/**
 * `pair_style meam` (modified embedded-atom method: Baskes, PRB 46, 2727 (1992); 2NN: Lee & Baskes,
 * PRB 62, 8564 (2000)) with `pair_coeff * * LIBRARY El... PARAM|NULL T1 T2 ...` as in LAMMPS:
 * the library and parameter files are read by src/io/meam-library.ts, the evaluation is
 * evaluate.ts. Needs a full neighbour list (cutoff rc + skin); the half list LAMMPS also uses is
 * derived from it (half/full/newton) each time the full list is rebuilt. Virial: fdotr by the engine.
 * pair_coeff also sets the mass of every mapped type to the element's atwt (`typeMass`).
 */
import { existsSync } from 'node:fs';
import type { AtomView, ComputeFlags, ForceAccumulator, NeighborList, PairStyle, PairStyleContext, PairStyleFactory } from '../types.js';
import { readMeamLibrary, readMeamParamFile, resolveMeamSetup, splitMeamPairCoeff, type MeamSetup } from '../../../io/meam-library.js';
import { UsageError } from '../../../io/errors.js';
import { looksLikeFileName } from '../../../io/potentials-path.js';
import { type MeamParams, meamParamsFromSetup } from './params.js';
import { MeamWork, meamCompute } from './evaluate.js';

export class PairMeam implements PairStyle {
  readonly name = 'meam';
  readonly neighborKind = 'full' as const;
  cutoff = 0;
  params: MeamParams | null = null;
  setup: MeamSetup | null = null;
  /** Mass of each atom type (index type-1) set by pair_coeff, NaN for NULL types. */
  typeMass: Float64Array | null = null;
  private work = new MeamWork();
  private ctx: PairStyleContext;

  constructor(args: string[], ctx: PairStyleContext) {
    if (args.length !== 0) throw new UsageError(`pair_style meam: expected no arguments, found '${args.join(' ')}'`);
    this.ctx = ctx;
  }

  coeff(args: string[]): void {
    if (args.length < 6) throw new UsageError(`pair_coeff for meam: expected * * LIBRARY El... PARAM|NULL El..., found '${args.join(' ')}'`);
    if (args[0] !== '*' || args[1] !== '*') throw new UsageError(`pair_coeff for meam: the first two arguments must be * *, found '${args[0]} ${args[1]}'`);
    const resolve = (name: string): string | null => {
      try {
        const p = this.ctx.resolvePotentialFile(name);
        return existsSync(p) ? p : null;
      } catch {
        return null;
      }
    };
    // LAMMPS: the parameter file is the first word from the 5th on that is NULL or an existing file
    const rest = args.slice(2);
    const libPath = this.ctx.resolvePotentialFile(rest[0]); // not found: names the places searched
    let split: ReturnType<typeof splitMeamPairCoeff>;
    try {
      split = splitMeamPairCoeff(rest, (w) => resolve(w) !== null);
    } catch (e) {
      // no NULL and no existing file after the library elements: a word that looks like a file
      // name is the parameter file that is missing; say so, with the places searched
      const missing = rest.slice(2).find(looksLikeFileName);
      if (missing !== undefined) this.ctx.resolvePotentialFile(missing);
      throw e;
    }
    if (split.typeElements.length !== this.ctx.ntypes) {
      throw new UsageError(`pair_coeff for meam: expected ${this.ctx.ntypes} element names (one per atom type) after the parameter file, found ${split.typeElements.length}`);
    }
    const lib = readMeamLibrary(libPath);
    const param = split.param === null ? null : readMeamParamFile(resolve(split.param)!);
    const setup = resolveMeamSetup(lib, split.libElements, param, split.typeElements);
    this.setup = setup;
    this.params = meamParamsFromSetup(setup);
    this.cutoff = this.params.rc;
    this.typeMass = Float64Array.from(setup.typeElement, (e) => (e >= 0 ? setup.mass[e] : NaN));
  }

  init(ntypes: number): void {
    if (!this.params) throw new UsageError('pair style meam: pair_coeff * * ... was not given');
    if (this.params.typeElement.length !== ntypes) throw new UsageError(`pair style meam: pair_coeff mapped ${this.params.typeElement.length} atom types, the system has ${ntypes}`);
  }

  compute(atoms: AtomView, list: NeighborList, acc: ForceAccumulator, flags: ComputeFlags): void {
    if (!this.params) throw new UsageError('pair style meam: pair_coeff * * ... was not given');
    if (!list.full) throw new Error('pair style meam needs a full neighbour list');
    const e = meamCompute(this.params, this.work, atoms, list, acc.f, flags.wantEatom && acc.eatom ? acc.eatom : null);
    acc.energy += e;
    if (acc.parts) acc.parts.evdwl = (acc.parts.evdwl ?? 0) + e;
  }
}

/** Build a MEAM potential directly from a resolved setup (tests, tools). */
export function meamFromSetup(setup: MeamSetup): { params: MeamParams; compute(atoms: AtomView, full: NeighborList, f: Float64Array, eatom?: Float64Array | null): number } {
  const params = meamParamsFromSetup(setup);
  const work = new MeamWork();
  return { params, compute: (atoms, full, f, eatom = null) => meamCompute(params, work, atoms, full, f, eatom) };
}

export const meamFactory: PairStyleFactory = {
  create(args: string[], ctx: PairStyleContext): PairStyle {
    return new PairMeam(args, ctx);
  },
};
