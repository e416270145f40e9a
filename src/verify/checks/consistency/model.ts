/**
 * The potential energy surface of a script's setup, as a function of positions, atom order and
 * box: what the self-consistency checks differentiate and transform. It drives the engine the way
 * a run's setup does (wrap, ghosts, neighbour list, forces; engine.ts `reneighbor` +
 * `computeForces`) but never integrates, sorts atoms or calls fixes: the energy is the pair
 * style's alone, with the atoms' charges held fixed.
 */
import type { Engine } from '../../../engine/engine.js';
import { setBoxTilt } from '../../../engine/space/box.js';
import { UNIT_NAMES, type UnitStyle } from '../../../io/units.js';

/** A box as LAMMPS holds it: lo, hi and tilt [xy, xz, yz] (tilt only used when triclinic). */
export interface BoxState {
  lo: number[];
  hi: number[];
  tilt: [number, number, number];
  triclinic: boolean;
}

export interface Evaluation {
  energy: number;
  /** Forces in the model's atom order (3n). */
  f: Float64Array;
  /** Virial xx yy zz xy xz yz [energy] (LAMMPS's sum of r (x) f, before the 1/V and nktv2p of a pressure). */
  virial: Float64Array;
}

export class ForceModel {
  readonly n: number;
  readonly dimension: number;
  /** Positions of the setup, in the engine's atom order at setup. */
  readonly x0: Float64Array;
  readonly v0: Float64Array;
  readonly tag: Float64Array;
  readonly type: Int32Array;
  readonly mass: Float64Array;
  readonly box0: BoxState;
  /** Boundary kind per dimension and side ('p', 'f', 's', 'm'). */
  readonly boundary: string[][];
  readonly unitStyle: string;
  readonly units: Engine['sys']['units'];
  readonly pairStyle: string;
  /** Energy evaluations so far (each one a full neighbour build and force call). */
  evaluations = 0;
  private image0: Int32Array;
  private mask0: Int32Array;
  private q0: Float64Array;

  constructor(readonly e: Engine) {
    const s = e.sys;
    e.sortFreq = 0; // the checks address atoms by index: no spatial sort may reorder them
    e.initRun();
    e.policy.init();
    const n = (this.n = s.nlocal);
    this.dimension = s.dimension;
    this.x0 = s.x.slice(0, 3 * n);
    this.v0 = s.v.slice(0, 3 * n);
    this.tag = s.tag.slice(0, n);
    this.type = s.type.slice(0, n);
    this.mask0 = s.mask.slice(0, n);
    this.q0 = s.q.slice(0, n);
    this.image0 = s.image.slice(0, 3 * n);
    this.mass = Float64Array.from({ length: n }, (_, i) => s.massOf(i));
    const b = s.box;
    this.box0 = { lo: [...b.lo], hi: [...b.hi], tilt: [b.h[5], b.h[4], b.h[3]], triclinic: b.triclinic };
    this.boundary = s.boundary.map((d) => [...d]);
    this.unitStyle = s.unitStyle;
    this.units = s.units;
    this.pairStyle = e.pairStyle;
  }

  periodic(d: number): boolean {
    return this.boundary[d][0] === 'p';
  }

  /** The three edge vectors of a box (LAMMPS h: a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz)). */
  static edges(b: BoxState): number[][] {
    const [xy, xz, yz] = b.triclinic ? b.tilt : [0, 0, 0];
    return [
      [b.hi[0] - b.lo[0], 0, 0],
      [xy, b.hi[1] - b.lo[1], 0],
      [xz, yz, b.hi[2] - b.lo[2]],
    ];
  }

  /**
   * Energy, forces and virial for positions `x` (3n, model order) in `box`. `order[k]` is the
   * model atom placed in the engine's slot k (an atom-order permutation); results come back in
   * model order whatever the order.
   */
  evaluate(x: Float64Array, box: BoxState = this.box0, order?: Int32Array): Evaluation {
    const e = this.e;
    const s = e.sys;
    const n = this.n;
    if (s.nlocal !== n) throw new Error(`atom count changed from ${n} to ${s.nlocal} during the checks (an atom left the box)`);
    for (let k = 0; k < n; k++) {
      const i = order ? order[k] : k;
      for (let d = 0; d < 3; d++) {
        s.x[3 * k + d] = x[3 * i + d];
        s.image[3 * k + d] = this.image0[3 * i + d];
      }
      s.tag[k] = this.tag[i];
      s.type[k] = this.type[i];
      s.mask[k] = this.mask0[i];
      s.q[k] = this.q0[i];
    }
    const sb = s.box;
    for (let d = 0; d < 3; d++) {
      sb.lo[d] = box.lo[d];
      sb.hi[d] = box.hi[d];
    }
    sb.triclinic = box.triclinic;
    setBoxTilt(sb, box.triclinic ? box.tilt[0] : 0, box.triclinic ? box.tilt[1] : 0, box.triclinic ? box.tilt[2] : 0);
    e.reneighbor(false);
    if (s.nlocal !== n) throw new Error(`atom count changed from ${n} to ${s.nlocal} during the checks (an atom left a fixed boundary)`);
    e.computeForces();
    this.evaluations++;
    const f = new Float64Array(3 * n);
    for (let k = 0; k < n; k++) {
      const i = order ? order[k] : k;
      for (let d = 0; d < 3; d++) f[3 * i + d] = s.f[3 * k + d];
    }
    const out = { energy: e.energy, f, virial: e.virial.slice() };
    if (order) this.evaluate(this.x0); // leave the engine in model order
    return out;
  }

  energy(x: Float64Array, box?: BoxState): number {
    return this.evaluate(x, box).energy;
  }

  /**
   * Positions and box under the homogeneous deformation F = I + gamma e_a e_b^T (a <= b: upper
   * triangular, so the box stays in LAMMPS's restricted form): x' = F x, edges' = F edges.
   */
  strained(gamma: number, a: number, b: number, x: Float64Array = this.x0, box: BoxState = this.box0): { x: Float64Array; box: BoxState } {
    const apply = (v: number[]) => {
      const w = [...v];
      w[a] += gamma * v[b];
      return w;
    };
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i += 3) {
      const w = apply([x[i], x[i + 1], x[i + 2]]);
      out[i] = w[0];
      out[i + 1] = w[1];
      out[i + 2] = w[2];
    }
    const [ea, eb, ec] = ForceModel.edges(box).map(apply);
    const lo = apply(box.lo);
    const triclinic = box.triclinic || a !== b;
    return { x: out, box: { lo, hi: [lo[0] + ea[0], lo[1] + eb[1], lo[2] + ec[2]], tilt: [eb[0], ec[0], ec[1]], triclinic } };
  }

  /** Largest force component magnitude of an evaluation (the scale force tolerances are relative to). */
  static maxForce(f: Float64Array): number {
    let m = 0;
    for (let k = 0; k < f.length; k++) m = Math.max(m, Math.abs(f[k]));
    return m;
  }

  /**
   * The force scale tolerances are relative to: the largest force component, or (a crystal at
   * equilibrium has none) the energy per atom over one distance unit, whichever is larger; 1 when
   * both are 0 (pair_style zero).
   */
  forceScale(ev: Evaluation): number {
    return Math.max(ForceModel.maxForce(ev.f), Math.abs(ev.energy) / this.n) || 1;
  }

  /** Names of the model's units (io/units.ts). */
  unitNames(): { energy: string; time: string; distance: string; force: string } {
    return UNIT_NAMES[this.unitStyle as UnitStyle] ?? { energy: 'energy', time: 'time', distance: 'distance', force: 'force' };
  }
}
