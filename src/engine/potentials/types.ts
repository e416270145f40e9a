/**
 * The contract between the engine and its potentials (STYLE.md §7; HOOMD's evaluator / loop split).
 *
 * Periodic images are explicit GHOST atoms, as in LAMMPS: arrays hold `nlocal` owned atoms first,
 * then `nall - nlocal` ghosts (images of owned atoms within cutoff + skin of the box, or none on
 * non-periodic sides). `owner[g]` maps any atom to its owned atom. Many-body potentials (MEAM,
 * ReaxFF) then never need minimum-image logic and small boxes work.
 *
 * A potential writes forces on local AND ghost atoms into `acc.f` (3*nall); the engine folds ghost
 * forces onto their owners afterwards (LAMMPS's reverse communication) and computes the virial as
 * sum_i x_i (x) f_i over all nall atoms before folding (LAMMPS's virial_fdotr_compute), so
 * potentials need not accumulate the virial themselves unless they set `computesVirial`.
 */

export interface AtomView {
  /** Owned atoms come first: indices 0..nlocal-1. */
  nlocal: number;
  /** Owned plus ghost atoms. */
  nall: number;
  /** Positions, x[3*i..3*i+2], for all nall atoms (ghosts are shifted images). */
  x: Float64Array;
  /** LAMMPS atom types (1-based), nall entries. */
  type: Int32Array;
  /** Charges, nall entries, when the atom style has them. */
  q?: Float64Array;
  /** Index of the owned atom each atom is (an image of); owner[i] = i for i < nlocal. */
  owner: Int32Array;
  /** LAMMPS atom ids, nall entries (ghosts carry their owner's id). */
  tag: Float64Array;
  /** Integer image offset of each atom relative to its owner (3 per atom), when known (GhostAtoms). */
  image?: Int32Array;
}

/**
 * Neighbour list in CSR form over the owned atoms: the neighbours of local atom i are
 * `neighbors[offsets[i] .. offsets[i+1])`, indices into 0..nall-1, within cutoff + skin at build time.
 * `full`: every neighbour of i is listed. Half (newton on, as LAMMPS `half/bin/newton`): every pair of
 * atoms within range that involves at least one owned atom is listed exactly once over the whole list.
 */
export interface NeighborList {
  full: boolean;
  inum: number;
  offsets: Int32Array;
  neighbors: Int32Array;
  /** Cutoff used to build the list (potential cutoff + skin). */
  cutneigh: number;
}

export interface ForceAccumulator {
  /** Forces, 3*nall; the engine zeroes it before `compute`. */
  f: Float64Array;
  /** Total potential energy of the owned atoms [energy]. */
  energy: number;
  /** Named energy parts (e.g. `evdwl`, `ecoul`, ReaxFF's 14 terms), when the potential has them. */
  parts?: Record<string, number>;
  /** Per-atom energy (nall; folded onto owners by the engine), only when `wantEatom`. */
  eatom?: Float64Array;
  /** Virial xx yy zz xy xz yz [energy], only filled by potentials with computesVirial. */
  virial: Float64Array;
}

export interface ComputeFlags {
  wantEatom: boolean;
}

export interface Potential {
  readonly name: string;
  /** Largest interaction distance [distance]; the neighbour list uses cutoff + skin. */
  readonly cutoff: number;
  /** Does compute() need a full list (each neighbour of each i) or a half list? */
  readonly neighborKind: 'full' | 'half';
  /** True if compute() fills acc.virial itself (then the engine does not use fdotr). */
  readonly computesVirial?: boolean;
  /**
   * Names of `acc.parts` in the order of LAMMPS's `compute ID all pair STYLE` vector (c_ID[1],
   * c_ID[2], ...), e.g. ReaxFF's 14 energy terms. Optional.
   */
  readonly pvector?: readonly string[];
  /**
   * Called before each run once the atom types are known (after pair_coeff), to build per-type-pair
   * tables; `fixStyles` are the styles of the defined fixes (LAMMPS's init_style looks some up,
   * e.g. pair reaxff for fix qeq/reaxff).
   */
  init?(ntypes: number, fixStyles?: readonly string[]): void;
  compute(atoms: AtomView, list: NeighborList, acc: ForceAccumulator, flags: ComputeFlags): void;
}

/**
 * A pair_style: parse `pair_style NAME args...` and the `pair_coeff` lines, then create the
 * Potential. Each style registers one row in potentials/registry.ts.
 */
export interface PairStyleFactory {
  /** `args`: the words after the style name in `pair_style`. */
  create(args: string[], ctx: PairStyleContext): PairStyle;
}

export interface PairStyleContext {
  units: string;
  ntypes: number;
  /** Resolve a potential file name through the potentials search path (relative to the input first). */
  resolvePotentialFile(name: string): string;
  /** The input script's file and line, for error messages. */
  where(): { file: string; line: number };
}

/** The generic `pair_modify` settings (LAMMPS Pair::modify_params: shift, mix). */
export interface PairModifySettings {
  shift: boolean;
  mix: 'geometric' | 'arithmetic' | 'sixthpower';
}

export interface PairStyle extends Potential {
  /**
   * Per-type masses a pair style sets at pair_coeff (index type-1; NaN where it sets none), as
   * LAMMPS's MEAM does from the library's atomic weights.
   */
  readonly typeMass?: Float64Array | null;
  /**
   * Per-type parameter arrays by name (index type - 1), as LAMMPS's Pair::extract; null if the
   * style has none. pair reaxff: 'chi', 'eta' (2 * the ffield's eta), 'gamma' for fix qeq/reaxff.
   */
  extract?(name: string): ArrayLike<number> | null;
  /** `pair_coeff` words after the command name (e.g. ['*', '*', 'library.meam', 'Li', 'NULL', 'Li']). */
  coeff(args: string[]): void;
  /** The `pair_modify` settings, given at creation and after each pair_modify (styles that mix or shift read them). */
  modify?(settings: PairModifySettings): void;
  /** `Pair Coeffs` lines of write_data, one per atom type (LAMMPS Pair::write_data); absent: none written. */
  dataLines?(): string[];
}
