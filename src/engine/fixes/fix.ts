/**
 * The interface every fix style implements (LAMMPS's Fix: the run loop calls each hook it has,
 * in Verlet order: initial_integrate, post_integrate, post_force, final_integrate, end_of_step).
 */
import type { Engine } from '../engine.js';

export interface Fix {
  id: string;
  group: string;
  style: string;
  initialIntegrate?(e: Engine): void;
  finalIntegrate?(e: Engine): void;
  postForce?(e: Engine): void;
  /** After the initial integrate, before neighbour decisions (LAMMPS post_integrate). */
  postIntegrate?(e: Engine): void;
  /** After the final integrate of a step (LAMMPS end_of_step), before output. */
  endOfStep?(e: Engine): void;
  setup?(e: Engine): void;
  scalar?(e: Engine): number;
  /** Global vector element i (1-based), for f_ID[i]. */
  vector?(e: Engine, i: number): number;
  /** During minimization, after forces (LAMMPS min_post_force). */
  minPostForce?(e: Engine): void;
  /** True for fixes that change the box every step (barostats). */
  changesBox?: boolean;
  /** Is the scalar (i = 0) or vector element i extensive (thermo divides it by N with norm yes)? Default yes. */
  extensive?(i: number): boolean;
  /** Close files (unfix, clear, end of script). */
  close?(): void;
  /** Reorder per-atom state after a sort: new atom i is old atom perm[i]. */
  permute?(perm: Int32Array): void;
}

/** A fix style's factory: (id, group, args after the style name, engine) -> Fix. */
export type FixFactory = (id: string, group: string, args: string[], e: Engine) => Fix;
