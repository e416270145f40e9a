/**
 * When to rebuild neighbour lists: LAMMPS's `neigh_modify every N delay M check yes|no`
 * (Neighbor::decide / check_distance). Defaults are LAMMPS's: every 1, delay 10, check yes.
 *
 * Each step the engine calls `decide(x, nlocal)`: `ago` counts steps since the last build; a
 * rebuild is considered when ago >= delay and ago % every == 0, and with `check yes` happens only
 * if some owned atom moved more than skin/2 since the last build (|dx|^2 > (skin/2)^2).
 * After building, the engine calls `built(x, nlocal)` (at setup too). As LAMMPS reports them, the
 * counts `ncalls` ("Neighbor list builds") and `ndanger` ("Dangerous builds") are per run: call
 * `init()` when a run starts and `setupDone()` after its setup build.
 * The box-change shrink of the trigger distance (changing boxes) is not modelled: constant box.
 */
export class NeighborRebuildPolicy {
  every = 1;
  delay = 10;
  check = true;
  skin: number;
  /** Steps since the last build. */
  ago = 0;
  /** Number of builds (LAMMPS "Neighbor list builds"). */
  ncalls = 0;
  /** LAMMPS "Dangerous builds": builds at ago == max(every, delay) with check yes (atoms may have moved too far before). */
  ndanger = 0;
  private xhold = new Float64Array(0);

  constructor(skin: number, opts: { every?: number; delay?: number; check?: boolean } = {}) {
    this.skin = skin;
    this.set(opts);
  }

  /** Apply `neigh_modify` keywords. */
  set(opts: { every?: number; delay?: number; check?: boolean }): void {
    if (opts.every !== undefined) {
      if (!(Number.isInteger(opts.every) && opts.every > 0)) throw new Error(`neigh_modify every: expected a positive integer, got ${opts.every}`);
      this.every = opts.every;
    }
    if (opts.delay !== undefined) {
      if (!(Number.isInteger(opts.delay) && opts.delay >= 0)) throw new Error(`neigh_modify delay: expected an integer >= 0, got ${opts.delay}`);
      this.delay = opts.delay;
    }
    if (opts.check !== undefined) this.check = opts.check;
  }

  /** Should the lists be rebuilt this step? Advances `ago` (call exactly once per step). */
  decide(x: Float64Array, nlocal: number): boolean {
    this.ago++;
    if (this.ago >= this.delay && this.ago % this.every === 0) {
      if (!this.check) return true;
      const m = this.moved(x, nlocal);
      // LAMMPS Neighbor::check_distance: a trigger at the first step allowed to rebuild was
      // possibly too late ("Dangerous builds")
      if (m && this.ago === Math.max(this.every, this.delay)) this.ndanger++;
      return m;
    }
    return false;
  }

  /** At the start of a run (LAMMPS Neighbor::init): zero the build and dangerous-build counts. */
  init(): void {
    this.ncalls = 0;
    this.ndanger = 0;
  }

  /** After the setup build of a run (LAMMPS Verlet::setup): builds are counted from here. */
  setupDone(): void {
    this.ncalls = 0;
  }

  /** Did any owned atom move more than skin/2 since the last build? */
  moved(x: Float64Array, nlocal: number): boolean {
    const trig = 0.5 * this.skin;
    const triggersq = trig * trig;
    const h = this.xhold;
    const n = Math.min(nlocal, h.length / 3);
    if (n !== nlocal) return true;
    for (let i = 0; i < n; i++) {
      const dx = x[3 * i] - h[3 * i], dy = x[3 * i + 1] - h[3 * i + 1], dz = x[3 * i + 2] - h[3 * i + 2];
      if (dx * dx + dy * dy + dz * dz > triggersq) return true;
    }
    return false;
  }

  /** Record a build: positions (after wrapping) become the reference for the distance check. */
  built(x: Float64Array, nlocal: number): void {
    this.ago = 0;
    this.ncalls++;
    if (this.xhold.length < 3 * nlocal) this.xhold = new Float64Array(3 * nlocal);
    this.xhold.set(x.subarray(0, 3 * nlocal));
  }
}
