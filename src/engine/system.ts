/**
 * The engine's state: atoms as struct-of-arrays typed arrays (STYLE.md §8), the simulation box
 * (orthogonal or triclinic, LAMMPS's lo/hi + xy xz yz convention) and per-type masses.
 *
 * Arrays hold `nlocal` owned atoms, then ghosts (periodic images, built by the neighbour code)
 * up to `nall`. Capacity grows by doubling; views are replaced on growth, so never cache them
 * across a call that may add atoms.
 */
import { UnitConstants, unitConstants } from '../io/units.js';
import { type SimBox, makeSimBox, setBoxTilt } from './space/box.js';

export type BoundaryKind = 'p' | 'f' | 's' | 'm';

export class System {
  units: UnitConstants;
  unitStyle: string;
  dimension = 3;
  atomStyle = 'atomic';
  newtonPair = true;

  boxExists = false;
  box: SimBox = makeSimBox([0, 0, 0], [1, 1, 1], false, [0, 0, 0], [true, true, true]);
  /** boundary[dim] = [lo, hi] kinds. */
  boundary: [BoundaryKind, BoundaryKind][] = [
    ['p', 'p'],
    ['p', 'p'],
    ['p', 'p'],
  ];

  nlocal = 0;
  nall = 0;
  cap = 0;
  x = new Float64Array(0);
  v = new Float64Array(0);
  f = new Float64Array(0);
  type = new Int32Array(0);
  tag = new Float64Array(0);
  mask = new Int32Array(0);
  image = new Int32Array(0);
  q = new Float64Array(0);
  owner = new Int32Array(0);

  ntypes = 0;
  mass = new Float64Array(1);
  massSet = new Uint8Array(1);
  /**
   * Atom type labels, index t-1 -> label ('' for a type without one), or null with no label map
   * (LAMMPS label_map.cpp: set by `labelmap atom`, read_data's `Atom Type Labels`, written by write_data).
   */
  typeLabels: string[] | null = null;

  /** group name -> bit index; 'all' is bit 0. */
  groups = new Map<string, number>([['all', 0]]);

  constructor(unitStyle = 'lj') {
    this.unitStyle = unitStyle;
    this.units = unitConstants(unitStyle);
  }

  setUnits(style: string): void {
    this.units = unitConstants(style);
    this.unitStyle = style;
  }

  periodic(d: number): boolean {
    return this.boundary[d][0] === 'p';
  }

  /** Set the box (after create_box / read_data / change of tilt). */
  setBox(lo: ArrayLike<number>, hi: ArrayLike<number>, triclinic: boolean, tilt: ArrayLike<number>): void {
    const per: [boolean, boolean, boolean] = [this.periodic(0), this.periodic(1), this.periodic(2)];
    if (triclinic && this.boundary.some((b) => b[0] === 's' || b[0] === 'm' || b[1] === 's' || b[1] === 'm'))
      throw new Error('shrink-wrapped (s, m) boundaries with a triclinic box are not supported by lmpv');
    const l = [lo[0], lo[1], lo[2]];
    const h = [hi[0], hi[1], hi[2]];
    // LAMMPS Domain::set_initial_box(expandflag=1): small = 1e-4 x initial length; shrink-wrapped
    // faces start `small` outside the given box, minimum-wrapped faces remember the given bound
    for (let d = 0; d < 3; d++) {
      this.small[d] = 1.0e-4 * (h[d] - l[d]);
      this.minBound[d] = [l[d], h[d]];
      if (this.boundary[d][0] === 's') l[d] -= this.small[d];
      if (this.boundary[d][1] === 's') h[d] += this.small[d];
    }
    this.box = makeSimBox(l, h, triclinic, tilt, per);
    this.boxExists = true;
  }

  /** Shrink-wrap margin per dimension (LAMMPS Domain::small). */
  small = [0, 0, 0];
  /** Bounds kept by `m` boundaries. */
  minBound: number[][] = [
    [0, 0],
    [0, 0],
    [0, 0],
  ];

  refreshBox(): void {
    setBoxTilt(this.box, this.box.h[5], this.box.h[4], this.box.h[3]);
  }

  prd(d: number): number {
    return this.box.hi[d] - this.box.lo[d];
  }

  volume(): number {
    const v = this.prd(0) * this.prd(1);
    return this.dimension === 3 ? v * this.prd(2) : v;
  }

  setNtypes(n: number): void {
    this.ntypes = n;
    this.mass = new Float64Array(n + 1);
    this.massSet = new Uint8Array(n + 1);
  }

  /** Ensure capacity for n atoms (local + ghost), keeping contents. */
  grow(n: number): void {
    if (n <= this.cap) return;
    let cap = Math.max(16, this.cap);
    while (cap < n) cap *= 2;
    const g64 = (a: Float64Array, k: number) => {
      const b = new Float64Array(cap * k);
      b.set(a);
      return b;
    };
    const g32 = (a: Int32Array, k: number) => {
      const b = new Int32Array(cap * k);
      b.set(a);
      return b;
    };
    this.x = g64(this.x, 3);
    this.v = g64(this.v, 3);
    this.f = g64(this.f, 3);
    this.q = g64(this.q, 1);
    this.tag = g64(this.tag, 1);
    this.type = g32(this.type, 1);
    this.mask = g32(this.mask, 1);
    this.image = g32(this.image, 3);
    this.owner = g32(this.owner, 1);
    this.cap = cap;
  }

  /** Append an owned atom (ghosts must be cleared first). Returns its index. */
  addAtom(type: number, x: number, y: number, z: number, tag = 0): number {
    if (this.nall !== this.nlocal) this.nall = this.nlocal;
    const i = this.nlocal;
    this.grow(i + 1);
    this.x[3 * i] = x;
    this.x[3 * i + 1] = y;
    this.x[3 * i + 2] = z;
    this.v[3 * i] = this.v[3 * i + 1] = this.v[3 * i + 2] = 0;
    this.image[3 * i] = this.image[3 * i + 1] = this.image[3 * i + 2] = 0;
    this.type[i] = type;
    this.tag[i] = tag;
    this.mask[i] = 1;
    this.q[i] = 0;
    this.owner[i] = i;
    this.nlocal = this.nall = i + 1;
    return i;
  }

  /** Remove owned atoms for which keep[i] is false, preserving order. */
  compact(keep: (i: number) => boolean): number {
    let j = 0;
    const n = this.nlocal;
    for (let i = 0; i < n; i++) {
      if (!keep(i)) continue;
      if (i !== j) {
        for (let k = 0; k < 3; k++) {
          this.x[3 * j + k] = this.x[3 * i + k];
          this.v[3 * j + k] = this.v[3 * i + k];
          this.f[3 * j + k] = this.f[3 * i + k];
          this.image[3 * j + k] = this.image[3 * i + k];
        }
        this.type[j] = this.type[i];
        this.tag[j] = this.tag[i];
        this.mask[j] = this.mask[i];
        this.q[j] = this.q[i];
      }
      this.owner[j] = j;
      j++;
    }
    this.nlocal = this.nall = j;
    return n - j;
  }

  maxTag(): number {
    let m = 0;
    for (let i = 0; i < this.nlocal; i++) if (this.tag[i] > m) m = this.tag[i];
    return m;
  }

  /** Give ids to atoms with tag 0, continuing after the largest id (LAMMPS tag_extend). */
  tagExtend(): void {
    let next = this.maxTag();
    for (let i = 0; i < this.nlocal; i++) if (this.tag[i] === 0) this.tag[i] = ++next;
  }

  massOf(i: number): number {
    return this.mass[this.type[i]];
  }

  /** Sum over group `bit` of m (v.v), as LAMMPS's ComputeTemp::compute_scalar adds it (before mvv2e). */
  sumMvv(bit: number): number {
    const v = this.v, mask = this.mask, type = this.type, mass = this.mass;
    let t = 0;
    for (let i = 0; i < this.nlocal; i++)
      if (mask[i] & bit) t += (v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2]) * mass[type[i]];
    return t;
  }

  /** Sums of m v_a v_b (xx yy zz xy xz yz) over group `bit`, before mvv2e (ComputeTemp::compute_vector). */
  sumMvvTensor(bit: number): number[] {
    const t = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < this.nlocal; i++) {
      if (!(this.mask[i] & bit)) continue;
      const m = this.mass[this.type[i]];
      const vx = this.v[3 * i], vy = this.v[3 * i + 1], vz = this.v[3 * i + 2];
      t[0] += m * vx * vx;
      t[1] += m * vy * vy;
      t[2] += m * vz * vz;
      t[3] += m * vx * vy;
      t[4] += m * vx * vz;
      t[5] += m * vy * vz;
    }
    return t;
  }

  groupBit(name: string): number {
    const b = this.groups.get(name);
    if (b === undefined) return -1;
    return 1 << b;
  }

  /** Box coordinates -> fractional (lamda) coordinates of one point. */
  x2lamda(x: number, y: number, z: number, out: Float64Array): Float64Array {
    const b = this.box;
    const hi = b.hInv;
    const d0 = x - b.lo[0], d1 = y - b.lo[1], d2 = z - b.lo[2];
    out[0] = hi[0] * d0 + hi[5] * d1 + hi[4] * d2;
    out[1] = hi[1] * d1 + hi[3] * d2;
    out[2] = hi[2] * d2;
    return out;
  }
}
