/**
 * Neighbour search for the structure analyses: k nearest neighbours (adaptive CNA) and all
 * neighbours within a cutoff (conventional CNA, clusters), with periodic images, triclinic boxes
 * and open boundaries.
 *
 * Periodic images are explicit ghost points, as LAMMPS makes them: an atom is first wrapped into
 * the box along its periodic directions (x + n·a), then every image whose fractional coordinate lies
 * within r / w_d of the box (w_d = perpendicular width) becomes a ghost at x + shift, the shift
 * summed in LAMMPS's order (n0·lx + n1·xy + n2·xz, n1·ly + n2·yz, n2·lz). A box narrower than r gets
 * several images per direction, so a 2×2×2 bcc box still yields 14 neighbours, including images of
 * the atom itself. Points (atoms and ghosts) are counting-sorted into a Cartesian grid of cells
 * (memory order = cell order; coordinates interleaved), of edge ≥ r across rows (y, z) and ≥ r/3
 * along them (x) for the k-nearest grid, and a query visits the rows of cells within reach, each row
 * one contiguous range trimmed to the sphere of the current search radius. The k-nearest query
 * first collects, without branching, the points within 1.3× the previous atom's k-th distance
 * (atoms are visited in cell order), then keeps the k smallest (d², slot) of those few: ties in
 * distance go to the lower slot, so the answer does not depend on the order of the scan (the
 * WebAssembly kernel scans merged rows in another order and gives the same neighbours).
 *
 * `NeighborGrid` answers for one radius r; `NearestFinder` falls back to a grid of twice the radius
 * for the rare atom with fewer than k points within r (gas, surfaces), until found or everything is
 * inside the radius (open boundaries).
 */
import { UsageError } from '../io/errors.js';
import type { AtomFrame, Box } from '../io/types.js';
import { periodicAxes } from '../io/boundary.js';

/** Periodic cell: origin, edge vectors a, b, c (LAMMPS restricted triclinic) and periodicity. */
export interface Cell {
  origin: [number, number, number];
  lx: number;
  ly: number;
  lz: number;
  xy: number;
  xz: number;
  yz: number;
  periodic: [boolean, boolean, boolean];
}

export function cellFromBox(box: Box): Cell {
  const [xy, xz, yz] = box.tilt ?? [0, 0, 0];
  return {
    origin: [box.lo[0], box.lo[1], box.lo[2]],
    lx: box.hi[0] - box.lo[0],
    ly: box.hi[1] - box.lo[1],
    lz: box.hi[2] - box.lo[2],
    xy,
    xz,
    yz,
    periodic: periodicAxes(box),
  };
}

/** Perpendicular widths of the cell (distance between opposite faces). */
export function cellWidths(c: Cell): [number, number, number] {
  // a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz); V = lx ly lz
  const vol = c.lx * c.ly * c.lz;
  const bxc = Math.hypot(c.ly * c.lz, -c.xy * c.lz, c.xy * c.yz - c.ly * c.xz);
  const cxa = Math.hypot(0, c.lz * c.lx, -c.yz * c.lx);
  const axb = c.lx * c.ly;
  return [vol / bxc, vol / cxa, vol / axb];
}

/**
 * Cartesian positions (x0 y0 z0 x1 ...) from a frame: x y z, else xu yu zu, else scaled xs ys zs
 * (x = lo + xs·lx + ys·xy + zs·xz, ...). Throws when none of them is complete.
 */
export function framePositions(frame: AtomFrame): Float64Array {
  const n = frame.natoms;
  const col = (name: string): Float64Array | undefined => {
    const c = frame.columns.get(name);
    return c instanceof Float64Array ? c : undefined;
  };
  const out = new Float64Array(3 * n);
  for (const [a, b, c] of [
    ['x', 'y', 'z'],
    ['xu', 'yu', 'zu'],
  ]) {
    const X = col(a), Y = col(b), Z = col(c);
    if (X && Y && Z) {
      for (let i = 0; i < n; i++) {
        out[3 * i] = X[i];
        out[3 * i + 1] = Y[i];
        out[3 * i + 2] = Z[i];
      }
      return out;
    }
  }
  for (const [a, b, c] of [
    ['xs', 'ys', 'zs'],
    ['xsu', 'ysu', 'zsu'],
  ]) {
    const X = col(a), Y = col(b), Z = col(c);
    if (X && Y && Z) {
      const cell = cellFromBox(frame.box);
      const [ox, oy, oz] = cell.origin;
      for (let i = 0; i < n; i++) {
        out[3 * i] = ox + X[i] * cell.lx + Y[i] * cell.xy + Z[i] * cell.xz;
        out[3 * i + 1] = oy + Y[i] * cell.ly + Z[i] * cell.yz;
        out[3 * i + 2] = oz + Z[i] * cell.lz;
      }
      return out;
    }
  }
  throw new UsageError(`frame has no complete position columns (x y z, xu yu zu or xs ys zs); columns: ${[...frame.columns.keys()].join(' ')}`);
}

/** Shift vector n0·a + n1·b + n2·c summed as LAMMPS sums ghost shifts. */
function shiftX(c: Cell, n0: number, n1: number, n2: number): number {
  return n0 * c.lx + n1 * c.xy + n2 * c.xz;
}
function shiftY(c: Cell, n1: number, n2: number): number {
  return n1 * c.ly + n2 * c.yz;
}

/**
 * Atoms wrapped into the box along periodic directions, and the ranges of their ghost images within
 * `radius`. Points are numbered atoms first (in atom order), then the ghosts of each atom that has
 * any (in atom order; n2, n1, n0 nested, n0 fastest), whose positions ghosts() makes in one pass.
 * assembly/grid.ts is the WebAssembly twin (the same operations, so the same points).
 */
class Images {
  /** Wrapped atom positions, interleaved. */
  readonly w: Float64Array;
  /** Atoms with images and their ranges l0 h0 l1 h1 l2 h2 (6 per atom). */
  readonly imgAtom: Int32Array;
  readonly imgRange: Int32Array;
  readonly nimg: number;
  /** Atoms + ghosts. */
  readonly total: number;
  readonly lx: number;
  readonly ly: number;
  readonly lz: number;
  readonly xy: number;
  readonly xz: number;
  readonly yz: number;

  constructor(pos: Float64Array, n: number, c: Cell, radius: number) {
    const wd = cellWidths(c);
    const f0 = radius / wd[0], f1 = radius / wd[1], f2 = radius / wd[2];
    const p0 = c.periodic[0], p1 = c.periodic[1], p2 = c.periodic[2];
    const ox = c.origin[0], oy = c.origin[1], oz = c.origin[2];
    const lx = (this.lx = c.lx), ly = (this.ly = c.ly), lz = (this.lz = c.lz);
    const xy = (this.xy = c.xy), xz = (this.xz = c.xz), yz = (this.yz = c.yz);
    const w = (this.w = new Float64Array(3 * n));
    let imgAtom = new Int32Array(1024), imgRange = new Int32Array(6 * 1024);
    let nimg = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      let x = pos[3 * i], y = pos[3 * i + 1], z = pos[3 * i + 2];
      // fractional coordinates in the restricted-triclinic cell
      let sz = (z - oz) / lz;
      let sy = (y - oy - yz * sz) / ly;
      let sx = (x - ox - xy * sy - xz * sz) / lx;
      // wrap along periodic directions
      const m0 = p0 ? Math.floor(sx) : 0;
      const m1 = p1 ? Math.floor(sy) : 0;
      const m2 = p2 ? Math.floor(sz) : 0;
      if (m0 !== 0 || m1 !== 0 || m2 !== 0) {
        x = x - shiftX(c, m0, m1, m2);
        y = y - shiftY(c, m1, m2);
        z = z - m2 * lz;
        sx -= m0;
        sy -= m1;
        sz -= m2;
      }
      w[3 * i] = x;
      w[3 * i + 1] = y;
      w[3 * i + 2] = z;
      // images k with s + k in [-f, 1 + f]
      let l0 = 0, h0 = 0, l1 = 0, h1 = 0, l2 = 0, h2 = 0;
      if (p0) {
        l0 = Math.min(Math.ceil(-f0 - sx), 0);
        h0 = Math.max(Math.floor(1 + f0 - sx), 0);
      }
      if (p1) {
        l1 = Math.min(Math.ceil(-f1 - sy), 0);
        h1 = Math.max(Math.floor(1 + f1 - sy), 0);
      }
      if (p2) {
        l2 = Math.min(Math.ceil(-f2 - sz), 0);
        h2 = Math.max(Math.floor(1 + f2 - sz), 0);
      }
      const count = (h0 - l0 + 1) * (h1 - l1 + 1) * (h2 - l2 + 1);
      total += count;
      if (count > 1) {
        if (nimg === imgAtom.length) {
          const a = new Int32Array(2 * nimg), r = new Int32Array(12 * nimg);
          a.set(imgAtom);
          r.set(imgRange);
          imgAtom = a;
          imgRange = r;
        }
        imgAtom[nimg] = i;
        const o = 6 * nimg++;
        imgRange[o] = l0;
        imgRange[o + 1] = h0;
        imgRange[o + 2] = l1;
        imgRange[o + 3] = h1;
        imgRange[o + 4] = l2;
        imgRange[o + 5] = h2;
      }
    }
    this.imgAtom = imgAtom;
    this.imgRange = imgRange;
    this.nimg = nimg;
    this.total = total;
  }

  /**
   * The ghosts in point order: positions (interleaved) and atoms. The shift is summed in LAMMPS's
   * order (n0·lx + n1·xy + n2·xz, n1·ly + n2·yz, n2·lz).
   */
  ghosts(n: number): { g: Float64Array; gatom: Int32Array } {
    const ng = this.total - n;
    const g = new Float64Array(3 * ng), gatom = new Int32Array(ng);
    const w = this.w, R = this.imgRange;
    const lx = this.lx, ly = this.ly, lz = this.lz, xy = this.xy, xz = this.xz, yz = this.yz;
    let k = 0;
    for (let q = 0; q < this.nimg; q++) {
      const i = this.imgAtom[q], o = 6 * q;
      const wx = w[3 * i], wy = w[3 * i + 1], wz = w[3 * i + 2];
      for (let n2 = R[o + 4]; n2 <= R[o + 5]; n2++) {
        for (let n1 = R[o + 2]; n1 <= R[o + 3]; n1++) {
          for (let n0 = R[o]; n0 <= R[o + 1]; n0++) {
            if (n0 === 0 && n1 === 0 && n2 === 0) continue;
            g[3 * k] = wx + (n0 * lx + n1 * xy + n2 * xz);
            g[3 * k + 1] = wy + (n1 * ly + n2 * yz);
            g[3 * k + 2] = wz + n2 * lz;
            gatom[k++] = i;
          }
        }
      }
    }
    return { g, gatom };
  }
}

/**
 * Widen box (minx maxx miny maxy minz maxz) to hold the points P[0..len) (interleaved x y z).
 * Returns false when a coordinate is NaN or infinite.
 */
function growBox(P: Float64Array, len: number, box: Float64Array): boolean {
  let minx = box[0], maxx = box[1], miny = box[2], maxy = box[3], minz = box[4], maxz = box[5];
  let finite = true;
  for (let i = 0; i < len; i += 3) {
    const a = P[i], b = P[i + 1], c = P[i + 2];
    const t = a + b + c;
    if (t - t !== 0) finite = false; // NaN or ±Infinity
    if (a < minx) minx = a;
    if (a > maxx) maxx = a;
    if (b < miny) miny = b;
    if (b > maxy) maxy = b;
    if (c < minz) minz = c;
    if (c > maxz) maxz = c;
  }
  box[0] = minx;
  box[1] = maxx;
  box[2] = miny;
  box[3] = maxy;
  box[4] = minz;
  box[5] = maxz;
  return finite;
}

/**
 * Scanned ranges are padded by this factor (PAD2 = PAD², in squared distances) so that the cell
 * arithmetic, rounded differently from a point's own d², never drops a point with d² ≤ lim: the
 * answer is then a property of the points alone, whatever order and cells they are scanned in.
 */
const PAD = 1.000000001;
const PAD2 = PAD * PAD;

/**
 * Insert (d2, s) into the list outD2/outSlot of n entries sorted by (d², slot), keeping the k
 * smallest: ties in distance (perfect lattices) go to the lower slot, so the k nearest do not depend
 * on the scan order (the WebAssembly kernel scans merged rows). Returns the new count.
 */
function insertByKey(n: number, k: number, d2: number, s: number, outD2: Float64Array, outSlot: Int32Array): number {
  if (n === k) {
    const last = outD2[k - 1];
    if (d2 > last || (d2 === last && s > outSlot[k - 1])) return n;
    n--;
  }
  let j = n - 1;
  while (j >= 0) {
    const dj = outD2[j];
    if (dj < d2 || (dj === d2 && outSlot[j] < s)) break;
    outD2[j + 1] = dj;
    outSlot[j + 1] = outSlot[j];
    j--;
  }
  outD2[j + 1] = d2;
  outSlot[j + 1] = s;
  return n + 1;
}

/** Offsets (dy, dz) of cell rows within reach, nearest first. */
function rowOrder(reach: number): Int32Array {
  const rows: Array<[number, number]> = [];
  for (let dz = -reach; dz <= reach; dz++) for (let dy = -reach; dy <= reach; dy++) rows.push([dy, dz]);
  rows.sort((p, q) => Math.max(Math.abs(p[0]), Math.abs(p[1])) - Math.max(Math.abs(q[0]), Math.abs(q[1])) || Math.abs(p[0]) + Math.abs(p[1]) - (Math.abs(q[0]) + Math.abs(q[1])));
  const out = new Int32Array(2 * rows.length);
  rows.forEach(([dy, dz], i) => {
    out[2 * i] = dy;
    out[2 * i + 1] = dz;
  });
  return out;
}

/** NeighborGrid's cells: CSR starts (ncell + 1), row offsets (dy, dz pairs), sizes, origin, y/z edges, inverse edges. */
export interface GridLayout {
  cellStart: Int32Array;
  rows: Int32Array;
  nc: [number, number, number];
  lo: [number, number, number];
  csy: number;
  csz: number;
  inv: [number, number, number];
}

/**
 * A grid built elsewhere (the a-CNA WebAssembly kernel builds its first grid in its own memory, by
 * the same operations): images() wraps the atoms, makes the ghosts and returns the point count, the
 * bounding box (minx maxx miny maxy minz maxz) and the first atom with a non-finite position (or
 * -1); sort() puts the points into the cells of the geometry NeighborGrid chose from that box.
 */
export interface ExternalGrid {
  images(): { np: number; bbox: ArrayLike<number>; bad: number };
  sort(lo: [number, number, number], inv: [number, number, number], nc: [number, number, number]): { xyz: Float64Array; atom: Int32Array; slotOf: Int32Array; cellStart: Int32Array };
}

/** Who builds a first grid elsewhere, given its radius; with `density`, it also sizes it (densityRadius). */
export type GridFactory = ((radius: number) => ExternalGrid) & { density?: DensityCounter };

/**
 * Points within `radius` of any atom, in a cell grid. Slots are indices into the cell-sorted point
 * arrays `x y z`; `atom[slot]` is the atom a point is (an image of); `slotOf[i]` is atom i's own slot.
 */
export class NeighborGrid {
  readonly natoms: number;
  readonly radius: number;
  /** Points interleaved (x0 y0 z0 x1 ...), in slot order: one memory stream for the scans. */
  readonly xyz: Float64Array;
  readonly atom: Int32Array;
  readonly slotOf: Int32Array;
  /** True when every point of the (open) system lies within `radius` of every atom: queries are exhaustive. */
  readonly exhaustive: boolean;
  private readonly cellStart: Int32Array;
  private readonly nc: [number, number, number];
  private readonly lo: [number, number, number];
  private readonly cs: [number, number, number];
  private readonly inv: [number, number, number];
  // the same as scalars, for the query loops
  private readonly ncx: number;
  private readonly ncy: number;
  private readonly ncz: number;
  private readonly lox: number;
  private readonly loy: number;
  private readonly loz: number;
  private readonly csy: number;
  private readonly csz: number;
  private readonly ix: number;
  private readonly iy: number;
  private readonly iz: number;
  private readonly rows: Int32Array;
  private readonly reach: number;

  constructor(pos: Float64Array, natoms: number, cell: Cell, radius: number, cellsPerRadius = 1, xCellsPerRadius = cellsPerRadius, external?: ExternalGrid) {
    if (!(radius > 0) || !Number.isFinite(radius)) throw new Error(`neighbour search radius must be positive and finite, got ${radius}`);
    this.natoms = natoms;
    this.radius = radius;
    let np: number, minx: number, miny: number, minz: number, maxx: number, maxy: number, maxz: number;
    let built: { W: Float64Array; G: Float64Array; gatom: Int32Array } | null = null;
    if (external) {
      const r = external.images();
      if (r.bad >= 0) throw new Error(`atom ${r.bad + 1} (index ${r.bad}) has a non-finite position`);
      np = r.np;
      [minx, maxx, miny, maxy, minz, maxz] = [r.bbox[0], r.bbox[1], r.bbox[2], r.bbox[3], r.bbox[4], r.bbox[5]];
    } else {
      const b = this.imagesAndBox(pos, natoms, cell);
      built = b;
      ({ np, minx, miny, minz, maxx, maxy, maxz } = b);
    }
    if (np === 0) minx = miny = minz = maxx = maxy = maxz = 0;
    const ext = [maxx - minx, maxy - miny, maxz - minz];
    this.exhaustive = !cell.periodic[0] && !cell.periodic[1] && !cell.periodic[2] && Math.hypot(ext[0], ext[1], ext[2]) <= radius;
    // cells of edge >= radius / cellsPerRadius across rows (y, z: 1 measured fastest for 14
    // neighbours; every row costs) and radius / xCellsPerRadius along them (x: finer cells only trim
    // a row's contiguous range closer to the sphere); at most ~2 cells per point
    const edges = [radius / xCellsPerRadius, radius / cellsPerRadius, radius / cellsPerRadius];
    const maxCells = Math.max(64, 2 * np);
    const count = (): number => ext.reduce((p, v, d) => p * Math.max(1, Math.floor(v / edges[d])), 1);
    while (count() > maxCells) for (let d = 0; d < 3; d++) edges[d] *= 1.26;
    const nc: [number, number, number] = [0, 0, 0];
    const cs: [number, number, number] = [0, 0, 0];
    for (let d = 0; d < 3; d++) {
      nc[d] = Math.max(1, Math.floor(ext[d] / edges[d]));
      cs[d] = nc[d] === 1 ? Math.max(ext[d], edges[d]) : ext[d] / nc[d];
    }
    this.nc = nc;
    this.cs = cs;
    this.lo = [minx, miny, minz];
    this.inv = [1 / cs[0], 1 / cs[1], 1 / cs[2]];
    [this.ncx, this.ncy, this.ncz] = nc;
    [this.lox, this.loy, this.loz] = this.lo;
    this.csy = cs[1];
    this.csz = cs[2];
    [this.ix, this.iy, this.iz] = this.inv;
    // rows (dy, dz) within reach; along x a query takes the cells its sphere spans, clamped to the grid
    this.reach = Math.ceil(radius / Math.min(cs[1], cs[2]) - 1e-12);
    this.rows = rowOrder(this.reach);
    if (!built) {
      const a = external!.sort(this.lo, this.inv, nc);
      this.xyz = a.xyz;
      this.atom = a.atom;
      this.slotOf = a.slotOf;
      this.cellStart = a.cellStart;
      return;
    }
    const { W, G, gatom } = built;
    const ng = np - natoms;
    const ncell = nc[0] * nc[1] * nc[2];
    const cellOf = new Int32Array(np);
    const start = new Int32Array(ncell + 1);
    const [ncx, ncy, ncz] = nc;
    const [ix, iy, iz] = this.inv;
    const mnx = minx, mny = miny, mnz = minz;
    // cells of the atoms (points 0..natoms-1), then of the ghosts (natoms..np-1)
    const cellIndex = (a: number, b: number, c: number): number => {
      let cx = Math.floor((a - mnx) * ix), cy = Math.floor((b - mny) * iy), cz = Math.floor((c - mnz) * iz);
      if (cx >= ncx) cx = ncx - 1;
      if (cy >= ncy) cy = ncy - 1;
      if (cz >= ncz) cz = ncz - 1;
      if (cx < 0) cx = 0;
      if (cy < 0) cy = 0;
      if (cz < 0) cz = 0;
      return cx + ncx * (cy + ncy * cz);
    };
    for (let k = 0; k < natoms; k++) {
      const c = cellIndex(W[3 * k], W[3 * k + 1], W[3 * k + 2]);
      cellOf[k] = c;
      start[c + 1]++;
    }
    for (let q = 0; q < ng; q++) {
      const c = cellIndex(G[3 * q], G[3 * q + 1], G[3 * q + 2]);
      cellOf[natoms + q] = c;
      start[c + 1]++;
    }
    for (let c = 0; c < ncell; c++) start[c + 1] += start[c];
    // stable counting sort into cell order: atoms first, then ghosts, as numbered
    const fill = start.slice(0, ncell);
    const xyz = (this.xyz = new Float64Array(3 * np));
    const atom = (this.atom = new Int32Array(np));
    const slotOf = (this.slotOf = new Int32Array(natoms));
    for (let i = 0; i < natoms; i++) {
      const s = fill[cellOf[i]]++;
      xyz[3 * s] = W[3 * i];
      xyz[3 * s + 1] = W[3 * i + 1];
      xyz[3 * s + 2] = W[3 * i + 2];
      atom[s] = i;
      slotOf[i] = s;
    }
    for (let q = 0; q < ng; q++) {
      const s = fill[cellOf[natoms + q]]++;
      xyz[3 * s] = G[3 * q];
      xyz[3 * s + 1] = G[3 * q + 1];
      xyz[3 * s + 2] = G[3 * q + 2];
      atom[s] = gatom[q];
    }
    this.cellStart = start;
  }

  /** Wrapped atoms, ghosts and the bounding box of both (the TypeScript build). */
  private imagesAndBox(pos: Float64Array, natoms: number, cell: Cell): { W: Float64Array; G: Float64Array; gatom: Int32Array; np: number; minx: number; miny: number; minz: number; maxx: number; maxy: number; maxz: number } {
    const img = new Images(pos, natoms, cell, this.radius);
    const np = img.total;
    const W = img.w;
    const { g: G, gatom } = img.ghosts(natoms);
    const ng = np - natoms;
    const box = new Float64Array([Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity]);
    if (!growBox(W, 3 * natoms, box)) {
      for (let i = 0; i < natoms; i++) {
        if (!(Number.isFinite(W[3 * i]) && Number.isFinite(W[3 * i + 1]) && Number.isFinite(W[3 * i + 2]))) throw new Error(`atom ${i + 1} (index ${i}) has a non-finite position`);
      }
    }
    growBox(G, 3 * ng, box);
    const [minx, maxx, miny, maxy, minz, maxz] = box;
    return { W, G, gatom, np, minx, miny, minz, maxx, maxy, maxz };
  }

  /** The cell layout the queries read (for the WebAssembly twin of the k-nearest search, acna-wasm.ts). */
  layout(): GridLayout {
    return {
      cellStart: this.cellStart,
      rows: this.rows,
      nc: [this.ncx, this.ncy, this.ncz],
      lo: [this.lox, this.loy, this.loz],
      csy: this.csy,
      csz: this.csz,
      inv: [this.ix, this.iy, this.iz],
    };
  }

  /**
   * The k nearest points to atom i within `radius` (itself excluded, its images included), sorted
   * by (distance, slot): ties go to the lower slot. Fills outSlot/outD2; returns how many were found (< k when
   * fewer points lie within the radius, or within sqrt(guess2) when that is smaller).
   */
  nearest(i: number, k: number, outSlot: Int32Array, outD2: Float64Array, guess2 = Infinity): number {
    const self = this.slotOf[i];
    const P = this.xyz, start = this.cellStart;
    const xi = P[3 * self], yi = P[3 * self + 1], zi = P[3 * self + 2];
    const ncx = this.ncx, ncy = this.ncy, ncz = this.ncz;
    const lox = this.lox, loy = this.loy, loz = this.loz;
    const csy = this.csy, csz = this.csz;
    const ix = this.ix, iy = this.iy, iz = this.iz;
    let cx = Math.floor((xi - lox) * ix), cy = Math.floor((yi - loy) * iy), cz = Math.floor((zi - loz) * iz);
    if (cx >= ncx) cx = ncx - 1;
    if (cy >= ncy) cy = ncy - 1;
    if (cz >= ncz) cz = ncz - 1;
    if (cx < 0) cx = 0;
    if (cy < 0) cy = 0;
    if (cz < 0) cz = 0;
    const r2 = this.radius * this.radius;
    // search first within the guess (when smaller than the radius); the caller retries without it
    // when fewer than k points lie inside
    let lim = guess2 < r2 ? guess2 : r2;
    let n = 0;
    const rows = this.rows;
    const nrows = rows.length >> 1;
    for (let r = 0; r < nrows; r++) {
      const yy = cy + rows[2 * r], zz = cz + rows[2 * r + 1];
      if (yy < 0 || yy >= ncy || zz < 0 || zz >= ncz) continue;
      let dyMin = 0, dzMin = 0;
      if (yy < cy) dyMin = yi - (loy + (yy + 1) * csy);
      else if (yy > cy) dyMin = loy + yy * csy - yi;
      if (zz < cz) dzMin = zi - (loz + (zz + 1) * csz);
      else if (zz > cz) dzMin = loz + zz * csz - zi;
      const rowD2 = dyMin * dyMin + dzMin * dzMin;
      const limPad = lim * PAD2;
      if (rowD2 > limPad) continue;
      const rem = Math.sqrt(limPad - rowD2) * PAD;
      let xa = Math.floor((xi - rem - lox) * ix), xb = Math.floor((xi + rem - lox) * ix);
      if (xa < 0) xa = 0;
      if (xb >= ncx) xb = ncx - 1;
      const base = ncx * (yy + ncy * zz);
      const end = start[base + xb + 1];
      for (let s = start[base + xa]; s < end; s++) {
        const dx = P[3 * s] - xi, dy = P[3 * s + 1] - yi, dz = P[3 * s + 2] - zi;
        const d2 = dx * dx + dy * dy + dz * dz;
        if (d2 > lim || s === self) continue;
        n = insertByKey(n, k, d2, s, outD2, outSlot);
        if (n === k) lim = outD2[k - 1];
      }
    }
    return n;
  }

  /**
   * The same answer as nearest(i, k, ..., lim2) when at least k points lie within sqrt(lim2), found
   * in two passes: every point with d2 ≤ lim2 is appended to bufSlot/bufD2 in scan order without a
   * branch (the append index advances by the comparison), then the k smallest (d², slot) are kept
   * from those few. Returns the count (< k: fewer inside, ask nearest instead)
   * or -1 when more than `cap` points would be collected.
   */
  nearestCollect(i: number, k: number, lim2: number, outSlot: Int32Array, outD2: Float64Array, bufSlot: Int32Array, bufD2: Float64Array, cap: number): number {
    const self = this.slotOf[i];
    const P = this.xyz, start = this.cellStart;
    const xi = P[3 * self], yi = P[3 * self + 1], zi = P[3 * self + 2];
    const ncx = this.ncx, ncy = this.ncy, ncz = this.ncz;
    const lox = this.lox, loy = this.loy, loz = this.loz;
    const csy = this.csy, csz = this.csz;
    const ix = this.ix, iy = this.iy, iz = this.iz;
    let cx = Math.floor((xi - lox) * ix), cy = Math.floor((yi - loy) * iy), cz = Math.floor((zi - loz) * iz);
    if (cx >= ncx) cx = ncx - 1;
    if (cy >= ncy) cy = ncy - 1;
    if (cz >= ncz) cz = ncz - 1;
    if (cx < 0) cx = 0;
    if (cy < 0) cy = 0;
    if (cz < 0) cz = 0;
    const r2 = this.radius * this.radius;
    const lim = lim2 < r2 ? lim2 : r2;
    const limPad = lim * PAD2;
    let m = 0;
    const rows = this.rows;
    const nrows = rows.length >> 1;
    for (let r = 0; r < nrows; r++) {
      const yy = cy + rows[2 * r], zz = cz + rows[2 * r + 1];
      if (yy < 0 || yy >= ncy || zz < 0 || zz >= ncz) continue;
      let dyMin = 0, dzMin = 0;
      if (yy < cy) dyMin = yi - (loy + (yy + 1) * csy);
      else if (yy > cy) dyMin = loy + yy * csy - yi;
      if (zz < cz) dzMin = zi - (loz + (zz + 1) * csz);
      else if (zz > cz) dzMin = loz + zz * csz - zi;
      const rowD2 = dyMin * dyMin + dzMin * dzMin;
      if (rowD2 > limPad) continue;
      const rem = Math.sqrt(limPad - rowD2) * PAD;
      let xa = Math.floor((xi - rem - lox) * ix), xb = Math.floor((xi + rem - lox) * ix);
      if (xa < 0) xa = 0;
      if (xb >= ncx) xb = ncx - 1;
      const base = ncx * (yy + ncy * zz);
      const end = start[base + xb + 1];
      const s0 = start[base + xa];
      if (m + (end - s0) > cap) return -1;
      for (let s = s0; s < end; s++) {
        const dx = P[3 * s] - xi, dy = P[3 * s + 1] - yi, dz = P[3 * s + 2] - zi;
        const d2 = dx * dx + dy * dy + dz * dz;
        bufSlot[m] = s;
        bufD2[m] = d2;
        m += Number(d2 <= lim);
      }
    }
    // the k smallest (d², slot) of the collected points
    let n = 0;
    for (let q = 0; q < m; q++) {
      const s = bufSlot[q];
      if (s !== self) n = insertByKey(n, k, bufD2[q], s, outD2, outSlot);
    }
    return n;
  }

  /**
   * All points with squared distance < cut2 from atom i (strict, as LAMMPS), cut2 ≤ radius².
   * Writes at most `cap` slots (in memory order); returns the total count (may exceed cap).
   */
  within(i: number, cut2: number, outSlot: Int32Array, cap: number): number {
    const self = this.slotOf[i];
    const P = this.xyz, start = this.cellStart;
    const xi = P[3 * self], yi = P[3 * self + 1], zi = P[3 * self + 2];
    const ncx = this.ncx, ncy = this.ncy, ncz = this.ncz;
    const lox = this.lox, loy = this.loy, loz = this.loz;
    const csy = this.csy, csz = this.csz;
    const ix = this.ix, iy = this.iy, iz = this.iz;
    let cx = Math.floor((xi - lox) * ix), cy = Math.floor((yi - loy) * iy), cz = Math.floor((zi - loz) * iz);
    if (cx >= ncx) cx = ncx - 1;
    if (cy >= ncy) cy = ncy - 1;
    if (cz >= ncz) cz = ncz - 1;
    if (cx < 0) cx = 0;
    if (cy < 0) cy = 0;
    if (cz < 0) cz = 0;
    let n = 0;
    const rows = this.rows;
    const nrows = rows.length >> 1;
    for (let r = 0; r < nrows; r++) {
      const yy = cy + rows[2 * r], zz = cz + rows[2 * r + 1];
      if (yy < 0 || yy >= ncy || zz < 0 || zz >= ncz) continue;
      let dyMin = 0, dzMin = 0;
      if (yy < cy) dyMin = yi - (loy + (yy + 1) * csy);
      else if (yy > cy) dyMin = loy + yy * csy - yi;
      if (zz < cz) dzMin = zi - (loz + (zz + 1) * csz);
      else if (zz > cz) dzMin = loz + zz * csz - zi;
      const rowD2 = dyMin * dyMin + dzMin * dzMin;
      if (rowD2 >= cut2) continue;
      const rem = Math.sqrt(cut2 - rowD2);
      let xa = Math.floor((xi - rem - lox) * ix), xb = Math.floor((xi + rem - lox) * ix);
      if (xa < 0) xa = 0;
      if (xb >= ncx) xb = ncx - 1;
      const base = ncx * (yy + ncy * zz);
      const end = start[base + xb + 1];
      for (let s = start[base + xa]; s < end; s++) {
        const dx = xi - P[3 * s], dy = yi - P[3 * s + 1], dz = zi - P[3 * s + 2];
        const d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < cut2 && s !== self) {
          if (n < cap) outSlot[n] = s;
          n++;
        }
      }
    }
    return n;
  }
}

/**
 * densityRadius's passes over the atoms, done elsewhere (the a-CNA kernel, over its copy of the
 * positions, by the same operations): the bounding box (min max per axis, as growBox) and the
 * atoms per coarse cell (as cellCounts). The counts are read at once (they may view kernel memory).
 */
export interface DensityCounter {
  box(): ArrayLike<number>;
  counts(lo: [number, number, number], inv: [number, number, number], n: [number, number, number]): Int32Array;
}

/** Atoms per coarse cell: floor((p − lo)·inv) per axis, clamped to n − 1. */
function cellCounts(pos: Float64Array, n: number, lo: [number, number, number], inv: [number, number, number], nc: [number, number, number]): Int32Array {
  const [x0, y0, z0] = lo;
  const [ix, iy, iz] = inv;
  const [nx, ny, nz] = nc;
  const counts = new Int32Array(nx * ny * nz);
  for (let i = 0; i < 3 * n; i += 3) {
    let a = Math.floor((pos[i] - x0) * ix), b = Math.floor((pos[i + 1] - y0) * iy), c = Math.floor((pos[i + 2] - z0) * iz);
    if (a >= nx) a = nx - 1;
    if (b >= ny) b = ny - 1;
    if (c >= nz) c = nz - 1;
    counts[a + nx * (b + ny * c)]++;
  }
  return counts;
}

/**
 * First search radius: the sphere that holds ~k+8 atoms at the density a typical atom sees. That
 * density is the atom-weighted median over coarse cells (~16 atoms each on average) of the atoms'
 * bounding region, so a crystal cluster in a large empty box or beside a vapour gets the crystal's
 * radius; atoms in sparser regions fall back to wider grids.
 */
export function densityRadius(cell: Cell, pos: Float64Array, n: number, k: number, counter?: DensityCounter): number {
  // the atoms' bounding box
  const box = new Float64Array([Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity]);
  if (counter) box.set(counter.box());
  else growBox(pos, 3 * n, box);
  const [x0, x1, y0, y1, z0, z1] = box;
  const ext = [Math.max(0, x1 - x0), Math.max(0, y1 - y0), Math.max(0, z1 - z0)];
  const big = Math.max(ext[0], ext[1], ext[2]);
  if (!(big > 0) || !Number.isFinite(big)) {
    const L = Math.max(cell.lx, cell.ly, cell.lz);
    return L > 0 && Number.isFinite(L) ? L : 1;
  }
  // coarse cubic cells over the atoms' bounding box (a flat system gets a thin layer, not zero volume)
  const floor = big * 1e-3;
  const e3 = ext.map((v) => Math.max(v, floor));
  const target = Math.max(1, Math.floor(n / 16));
  const edge = Math.cbrt((e3[0] * e3[1] * e3[2]) / target);
  const nx = Math.max(1, Math.min(1024, Math.floor(e3[0] / edge)));
  const ny = Math.max(1, Math.min(1024, Math.floor(e3[1] / edge)));
  const nz = Math.max(1, Math.min(1024, Math.floor(e3[2] / edge)));
  const ix = nx / e3[0], iy = ny / e3[1], iz = nz / e3[2];
  const counts = counter ? counter.counts([x0, y0, z0], [ix, iy, iz], [nx, ny, nz]) : cellCounts(pos, n, [x0, y0, z0], [ix, iy, iz], [nx, ny, nz]);
  // atom-weighted median of the cell occupancy: a cell holding c atoms counts c times
  let maxc = 0;
  for (let c = 0; c < counts.length; c++) if (counts[c] > maxc) maxc = counts[c];
  const hist = new Float64Array(maxc + 1);
  for (let c = 0; c < counts.length; c++) hist[counts[c]] += counts[c];
  let seen = 0, median = 1;
  for (let c = 1; c <= maxc; c++) {
    seen += hist[c];
    if (2 * seen >= n) {
      median = c;
      break;
    }
  }
  const rho = median / ((e3[0] / nx) * (e3[1] / ny) * (e3[2] / nz));
  const r = Math.cbrt((3 * (k + 8)) / (4 * Math.PI * rho));
  return Number.isFinite(r) && r > 0 ? r : big;
}

/**
 * Exact k nearest neighbours of every atom (as OVITO's NearestNeighborFinder): the first grid is
 * sized from the density; atoms short of k points within its radius are asked again on grids of
 * doubling radius (built on first need), until found or the grid is exhaustive.
 */
/** Capacity of the collecting k-nearest pass (more points within the guess: the plain search). */
const BUF = 256;
export class NearestFinder {
  readonly k: number;
  readonly grid: NeighborGrid;
  private readonly pos: Float64Array;
  private readonly cell: Cell;
  private readonly fallback: NeighborGrid[] = [];
  /** Number of queries that needed a wider grid (statistics). */
  widened = 0;
  private guess2 = Infinity;
  private readonly bufSlot = new Int32Array(BUF);
  private readonly bufD2 = new Float64Array(BUF);
  private missed = 0;
  private hit = 0;

  /** `external`: who builds the first grid (the a-CNA kernel, in its memory), given its radius, and may size it. */
  constructor(pos: Float64Array, natoms: number, cell: Cell, k: number, radius?: number, external?: GridFactory) {
    this.k = k;
    this.pos = pos;
    this.cell = cell;
    const r = radius ?? densityRadius(cell, pos, natoms, k, external?.density);
    this.grid = new NeighborGrid(pos, natoms, cell, r, 1, 3, external?.(r));
  }

  /**
   * Neighbours of atom i: writes deltas (neighbour − atom, k×3) and squared distances, sorted by
   * distance; returns how many (k unless the whole system holds fewer). `outSlot` is scratch.
   */
  query(i: number, outDelta: Float64Array, outD2: Float64Array, outSlot: Int32Array): number {
    let g = this.grid;
    // neighbouring atoms (queried in cell order) have similar k-th distances: search first within
    // 1.3 x the last one (squared), which prunes most cells, and again within the radius if short
    let n = this.guess2 < Infinity ? g.nearestCollect(i, this.k, this.guess2, outSlot, outD2, this.bufSlot, this.bufD2, BUF) : -1;
    if (n < 0) n = g.nearest(i, this.k, outSlot, outD2, this.guess2);
    if (n < this.k && this.guess2 < g.radius * g.radius) {
      this.missed++;
      n = g.nearest(i, this.k, outSlot, outD2);
    }
    this.guess2 = n === this.k ? outD2[n - 1] * (this.missed > this.hit >> 4 ? 1.6 : 1.3) : Infinity;
    if (n === this.k) this.hit++;
    let level = 0;
    while (n < this.k && !g.exhaustive) {
      if (level === 0) this.widened++;
      if (level === this.fallback.length) {
        if (this.fallback.length >= 60) break;
        this.fallback.push(new NeighborGrid(this.pos, g.natoms, this.cell, g.radius * 2));
      }
      g = this.fallback[level++];
      n = g.nearest(i, this.k, outSlot, outD2);
    }
    const self = g.slotOf[i];
    const P = g.xyz;
    const xi = P[3 * self], yi = P[3 * self + 1], zi = P[3 * self + 2];
    for (let j = 0; j < n; j++) {
      const s = 3 * outSlot[j];
      outDelta[3 * j] = P[s] - xi;
      outDelta[3 * j + 1] = P[s + 1] - yi;
      outDelta[3 * j + 2] = P[s + 2] - zi;
    }
    return n;
  }
}
