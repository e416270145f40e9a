/**
 * The interface every fix style implements (LAMMPS's Fix: the run loop calls each hook it has,
 * in Verlet order: initial_integrate, post_integrate, post_force, final_integrate, end_of_step).
 */
/**
 * E is the engine type (engine.ts); a type parameter, so this file imports nothing and the engine can
 * hold Fix<Engine>[] without an import cycle.
 */
export interface Fix<E> {
  id: string;
  group: string;
  style: string;
  initialIntegrate?(e: E): void;
  finalIntegrate?(e: E): void;
  postForce?(e: E): void;
  /**
   * After neighbour (re)building or the ghost refresh, before computeForces: in setup (run and
   * minimize), every run step and every minimizer force call (LAMMPS setup_pre_force, pre_force,
   * min_pre_force), e.g. charge equilibration.
   */
  preForce?(e: E): void;
  /** After the initial integrate, before neighbour decisions (LAMMPS post_integrate). */
  postIntegrate?(e: E): void;
  /** After the final integrate of a step (LAMMPS end_of_step), before output. */
  endOfStep?(e: E): void;
  setup?(e: E): void;
  scalar?(e: E): number;
  /** Global vector element i (1-based), for f_ID[i]. */
  vector?(e: E, i: number): number;
  /** During minimization, after forces (LAMMPS min_post_force). */
  minPostForce?(e: E): void;
  /** True for fixes that change the box every step (barostats). */
  changesBox?: boolean;
  /** Is the scalar (i = 0) or vector element i extensive (thermo divides it by N with norm yes)? Default yes. */
  extensive?(i: number): boolean;
  /** Close files (unfix, clear, end of script). */
  close?(): void;
  /**
   * Global state kept in a restart file (LAMMPS Fix::write_restart): write_restart stores it, and
   * after read_restart a fix defined again with the same ID and style gets it back through
   * `restart` (LAMMPS Modify::add_fix -> Fix::restart), e.g. the Nose-Hoover chain of fix nvt.
   */
  writeRestart?(): number[];
  restart?(state: number[]): void;
  /** Reorder per-atom state after a sort: new atom i is old atom perm[i]. */
  permute?(perm: Int32Array): void;
}

/** A fix style's factory: (id, group, args after the style name, engine) -> Fix. */
export type FixFactory<E> = (id: string, group: string, args: string[], e: E) => Fix<E>;
