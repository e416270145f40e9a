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
  /** Run init, before setup and before any fix's setup (LAMMPS Fix::init). */
  init?(e: E): void;
  /** On reneighbouring steps, before atoms are wrapped into the box (LAMMPS pre_exchange). */
  preExchange?(e: E): void;
  /** A step on which this fix forces the neighbour lists to be rebuilt (LAMMPS next_reneighbor), -1 none. */
  nextReneighbor?: number;
  /** At the setup of a run or minimization, before its first build (LAMMPS setup_pre_exchange), e.g. fix deposit's next step. */
  setupPreExchange?(e: E): void;
  scalar?(e: E): number;
  /** Global vector element i (1-based), for f_ID[i]. */
  vector?(e: E, i: number): number;
  /** During minimization, after forces (LAMMPS min_post_force). */
  minPostForce?(e: E): void;
  /** Extra global degrees of freedom this fix adds to minimization (LAMMPS min_dof; fix box/relax). */
  minDof?(e: E): number;
  /** Energy of the extra dof; writes minus its gradient into fextra (LAMMPS min_energy). */
  minEnergy?(e: E, fextra: Float64Array): number;
  /** Store the extra dof at the start of a line search (LAMMPS min_store). */
  minStore?(e: E): void;
  /** Set the extra dof to the stored values + alpha * hextra (LAMMPS min_step). */
  minStep?(e: E, alpha: number, hextra: Float64Array): void;
  /** Largest line-search alpha the extra dof allow along hextra (LAMMPS max_alpha). */
  maxAlpha?(e: E, hextra: Float64Array): number;
  /** After a successful line search: reset the reference state? true = energy and forces must be recomputed (LAMMPS min_reset_ref). */
  minResetRef?(e: E): boolean;
  /** True for fixes that change the box every step (barostats). */
  changesBox?: boolean;
  /** Is the scalar (i = 0) or vector element i extensive (thermo divides it by N with norm yes)? Default yes. */
  extensive?(i: number): boolean;
  /** Close files (unfix, clear, end of script). */
  close?(): void;
  /**
   * `fix_modify ID keyword ...` style keywords (LAMMPS Fix::modify_param): the number of words used
   * from args[0], 0 if args[0] is not this style's keyword.
   */
  modifyParam?(e: E, args: string[]): number;
  /** The fix is deleted (unfix, or replaced by a fix of the same ID): drop what it created (its computes). */
  destroy?(e: E): void;
  /**
   * The fix's global energy that is part of the potential energy (LAMMPS energy_global_flag with
   * `fix_modify ID energy yes`; 0 otherwise): thermo pe, compute pe and the minimizer's energy.
   */
  energyGlobal?(e: E): number;
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
