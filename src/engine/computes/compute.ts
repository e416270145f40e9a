/**
 * The interface every compute style implements, after LAMMPS's Compute: a global scalar, a global
 * vector (1-based index, as c_ID[i]), a global array (rows x cols, row-major) and/or per-atom values,
 * each present only when the style computes it, with LAMMPS's extensive flags (thermo divides
 * extensive values by N when `thermo_modify norm yes`).
 */
import { ScriptError } from '../errors.js';

export interface ComputeArray {
  rows: number;
  cols: number;
  data: Float64Array;
}

/**
 * E is the engine type (engine.ts); a type parameter, so this file imports nothing and the engine can
 * hold Compute<Engine> without an import cycle.
 */
export interface Compute<E> {
  id: string;
  group: string;
  style: string;
  args: string[];
  /** Needs the energies/virial of the current configuration (LAMMPS: "Energy was not tallied on needed timestep"). */
  needsForces?: boolean;
  /** Asks the pair style for per-atom energies (LAMMPS's eflag_atom). */
  peratomEnergy?: boolean;
  scalar?(e: E): number;
  /** Is the scalar extensive? Default no (LAMMPS extscalar). */
  extscalar?: boolean;
  /** Global vector element i, 1-based. */
  vector?(e: E, i: number): number;
  /** Are the vector's elements extensive? Default no (LAMMPS extvector). */
  extvector?: boolean;
  array?(e: E): ComputeArray;
  /** Per-atom value of local atom i (0 outside the group). */
  perAtom?(e: E, i: number): number;
  /** Run setup, before the first force call of a run or minimization (LAMMPS Compute::setup). */
  setup?(e: E): void;
  /** `compute_modify ID ...` (LAMMPS Compute::modify_params); absent: the style takes none. */
  modifyParams?(args: string[]): void;
  /** thermo_modify temp: the pressure's temperature compute becomes `id` (LAMMPS reset_extra_compute_fix). */
  resetTempId?(id: string): void;
}

/** A compute style's factory: (id, group, args after the style name, engine) -> Compute. Validates the args. */
export type ComputeFactory<E> = (id: string, group: string, args: string[], e: E) => Compute<E>;

/** Element i (1-based) of a global vector, with a clear error out of range. */
export function element(c: { id: string }, arr: ArrayLike<number>, i: number): number {
  if (i < 1 || i > arr.length) throw new ScriptError(`compute ${c.id}: index [${i}] out of range 1..${arr.length}`);
  return arr[i - 1];
}

export const REDUCE_EXTENSIVE = new Set(['sum', 'sumsq', 'sumabs']);
