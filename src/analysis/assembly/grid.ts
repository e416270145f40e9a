/**
 * The first neighbour grid of the a-CNA, built in the kernel's memory: the twin of NeighborGrid's
 * constructor in ../neighbors.ts (class Images: wrap and ghost images; the bounding box; the stable
 * counting sort into cells), the same double operations in the same order, so the same points in
 * the same slots. The grid's geometry (cell counts and edges) is chosen in TypeScript between
 * gridGhosts and gridSort, by the same function as for a grid built there.
 *
 * Layout (byte addresses chosen by ../acna-wasm.ts): pos/W f64[3n], imgAtom i32[n], imgRange
 * i32[6n], G f64[3ng], gatom i32[ng], bbox f64[6]; then xyz f64[3np], atom i32[np], slotOf i32[n],
 * cellOf i32[np], start i32[ncell+1], fill i32[ncell].
 */

let total: i32 = 0;

/** Points (atoms + ghosts) counted by the last gridImages. */
export function gridTotal(): i32 {
  return total;
}

/**
 * Atoms wrapped into the box along periodic directions (into W) and the image ranges of those with
 * ghosts within f_d (radius over the perpendicular width) of the box. (Comparisons, not f64.min/max:
 * V8 spends a dozen instructions on their NaN and signed-zero rules; a NaN position is refused by
 * gridGhosts either way.) Returns how many atoms have
 * ghosts; gridTotal() gives atoms + ghosts.
 */
export function gridImages(pos: usize, n: i32, W: usize, imgAtom: usize, imgRange: usize, ox: f64, oy: f64, oz: f64, lx: f64, ly: f64, lz: f64, xy: f64, xz: f64, yz: f64, p0: i32, p1: i32, p2: i32, f0: f64, f1: f64, f2: f64): i32 {
  let nimg: i32 = 0;
  let tot: i32 = 0;
  // an atom whose fractional coordinates lie inside (f, 1 − f) by a margin far above rounding along
  // every periodic direction is not wrapped and has no ghost: the floors and ceilings below would
  // all give 0 (most atoms of a large box; a plain copy)
  const D: f64 = 1e-9;
  const lo0: f64 = p0 ? f0 + D : -Infinity, hi0: f64 = p0 ? 1 - f0 - D : Infinity;
  const lo1: f64 = p1 ? f1 + D : -Infinity, hi1: f64 = p1 ? 1 - f1 - D : Infinity;
  const lo2: f64 = p2 ? f2 + D : -Infinity, hi2: f64 = p2 ? 1 - f2 - D : Infinity;
  // (the test uses reciprocals: a few ulps from the quotients, far inside the margin)
  const ilx = 1 / lx, ily = 1 / ly, ilz = 1 / lz;
  for (let i: i32 = 0; i < n; i++) {
    const src = pos + <usize>(24 * i);
    let x = load<f64>(src), y = load<f64>(src, 8), z = load<f64>(src, 16);
    const tz = (z - oz) * ilz;
    const ty = (y - oy - yz * tz) * ily;
    const tx = (x - ox - xy * ty - xz * tz) * ilx;
    if (<i32>(tx > lo0) & <i32>(tx < hi0) & <i32>(ty > lo1) & <i32>(ty < hi1) & <i32>(tz > lo2) & <i32>(tz < hi2)) {
      const dst = W + <usize>(24 * i);
      store<f64>(dst, x);
      store<f64>(dst, y, 8);
      store<f64>(dst, z, 16);
      tot++;
      continue;
    }
    let sz = (z - oz) / lz;
    let sy = (y - oy - yz * sz) / ly;
    let sx = (x - ox - xy * sy - xz * sz) / lx;
    const m0: f64 = p0 ? Math.floor(sx) : 0;
    const m1: f64 = p1 ? Math.floor(sy) : 0;
    const m2: f64 = p2 ? Math.floor(sz) : 0;
    if (m0 != 0 || m1 != 0 || m2 != 0) {
      x = x - (m0 * lx + m1 * xy + m2 * xz);
      y = y - (m1 * ly + m2 * yz);
      z = z - m2 * lz;
      sx -= m0;
      sy -= m1;
      sz -= m2;
    }
    const dst = W + <usize>(24 * i);
    store<f64>(dst, x);
    store<f64>(dst, y, 8);
    store<f64>(dst, z, 16);
    let l0: i32 = 0, h0: i32 = 0, l1: i32 = 0, h1: i32 = 0, l2: i32 = 0, h2: i32 = 0;
    if (p0) {
      const a0 = Math.ceil(-f0 - sx), b0 = Math.floor(1 + f0 - sx);
      l0 = a0 < 0 ? <i32>a0 : 0;
      h0 = b0 > 0 ? <i32>b0 : 0;
    }
    if (p1) {
      const a1 = Math.ceil(-f1 - sy), b1 = Math.floor(1 + f1 - sy);
      l1 = a1 < 0 ? <i32>a1 : 0;
      h1 = b1 > 0 ? <i32>b1 : 0;
    }
    if (p2) {
      const a2 = Math.ceil(-f2 - sz), b2 = Math.floor(1 + f2 - sz);
      l2 = a2 < 0 ? <i32>a2 : 0;
      h2 = b2 > 0 ? <i32>b2 : 0;
    }
    const count = (h0 - l0 + 1) * (h1 - l1 + 1) * (h2 - l2 + 1);
    tot += count;
    if (count > 1) {
      store<i32>(imgAtom + (<usize>nimg << 2), i);
      const r = imgRange + <usize>(24 * nimg);
      store<i32>(r, l0);
      store<i32>(r, h0, 4);
      store<i32>(r, l1, 8);
      store<i32>(r, h1, 12);
      store<i32>(r, l2, 16);
      store<i32>(r, h2, 20);
      nimg++;
    }
  }
  total = tot;
  return nimg;
}

/**
 * The ghosts in point order (G, gatom) and the bounding box of atoms and ghosts into bbox
 * (minx maxx miny maxy minz maxz). Returns the first atom with a non-finite position, or -1.
 */
export function gridGhosts(W: usize, n: i32, imgAtom: usize, imgRange: usize, nimg: i32, lx: f64, ly: f64, lz: f64, xy: f64, xz: f64, yz: f64, G: usize, gatom: usize, bbox: usize): i32 {
  let k: i32 = 0;
  for (let q: i32 = 0; q < nimg; q++) {
    const i = load<i32>(imgAtom + (<usize>q << 2));
    const r = imgRange + <usize>(24 * q);
    const w = W + <usize>(24 * i);
    const wx = load<f64>(w), wy = load<f64>(w, 8), wz = load<f64>(w, 16);
    const l0 = load<i32>(r), h0 = load<i32>(r, 4), l1 = load<i32>(r, 8), h1 = load<i32>(r, 12), l2 = load<i32>(r, 16), h2 = load<i32>(r, 20);
    for (let n2 = l2; n2 <= h2; n2++) {
      for (let n1 = l1; n1 <= h1; n1++) {
        for (let n0 = l0; n0 <= h0; n0++) {
          if (n0 == 0 && n1 == 0 && n2 == 0) continue;
          const g = G + <usize>(24 * k);
          store<f64>(g, wx + (<f64>n0 * lx + <f64>n1 * xy + <f64>n2 * xz));
          store<f64>(g, wy + (<f64>n1 * ly + <f64>n2 * yz), 8);
          store<f64>(g, wz + <f64>n2 * lz, 16);
          store<i32>(gatom + (<usize>k << 2), i);
          k++;
        }
      }
    }
  }
  emptyBox(bbox);
  const bad = widenBox(W, n, bbox);
  widenBox(G, k, bbox);
  return bad;
}

/** box (minx maxx miny maxy minz maxz) = empty: every point widens it. */
function emptyBox(box: usize): void {
  store<f64>(box, Infinity);
  store<f64>(box, -Infinity, 8);
  store<f64>(box, Infinity, 16);
  store<f64>(box, -Infinity, 24);
  store<f64>(box, Infinity, 32);
  store<f64>(box, -Infinity, 40);
}

/**
 * Widen box (minx maxx miny maxy minz maxz) to hold the count points at P (interleaved x y z), as
 * ../neighbors.ts growBox (comparisons: a NaN coordinate never widens it). Returns the first point
 * with a non-finite coordinate, or -1.
 */
function widenBox(P: usize, count: i32, box: usize): i32 {
  let minx = load<f64>(box), maxx = load<f64>(box, 8), miny = load<f64>(box, 16), maxy = load<f64>(box, 24), minz = load<f64>(box, 32), maxz = load<f64>(box, 40);
  let bad: i32 = -1;
  for (let i: i32 = 0; i < count; i++) {
    const w = P + <usize>(24 * i);
    const a = load<f64>(w), b = load<f64>(w, 8), c = load<f64>(w, 16);
    const t = a + b + c;
    if (t - t != 0 && bad < 0) bad = i;
    if (a < minx) minx = a;
    if (a > maxx) maxx = a;
    if (b < miny) miny = b;
    if (b > maxy) maxy = b;
    if (c < minz) minz = c;
    if (c > maxz) maxz = c;
  }
  store<f64>(box, minx);
  store<f64>(box, maxx, 8);
  store<f64>(box, miny, 16);
  store<f64>(box, maxy, 24);
  store<f64>(box, minz, 32);
  store<f64>(box, maxz, 40);
  return bad;
}

// @ts-ignore: decorator
@inline function cellOfPoint(a: f64, b: f64, c: f64, minx: f64, miny: f64, minz: f64, ix: f64, iy: f64, iz: f64, ncx: i32, ncy: i32, ncz: i32): i32 {
  let cx = Math.floor((a - minx) * ix), cy = Math.floor((b - miny) * iy), cz = Math.floor((c - minz) * iz);
  if (cx >= <f64>ncx) cx = <f64>(ncx - 1);
  if (cy >= <f64>ncy) cy = <f64>(ncy - 1);
  if (cz >= <f64>ncz) cz = <f64>(ncz - 1);
  if (cx < 0) cx = 0;
  if (cy < 0) cy = 0;
  if (cz < 0) cz = 0;
  return <i32>cx + ncx * (<i32>cy + ncy * <i32>cz);
}

/**
 * Stable counting sort of atoms (W) then ghosts (G) into cells: xyz interleaved in slot order,
 * atom[slot], slotOf[atom], start[cell] (ncell + 1 entries; must be zero on entry). Returns the
 * number of points in the fullest row of cells (for the kernel's merged-row buffers).
 */
export function gridSort(W: usize, n: i32, G: usize, gatom: usize, ng: i32, cellOf: usize, start: usize, fill: usize, xyz: usize, atom: usize, slotOf: usize, minx: f64, miny: f64, minz: f64, ix: f64, iy: f64, iz: f64, ncx: i32, ncy: i32, ncz: i32): i32 {
  const ncell = ncx * ncy * ncz;
  for (let k: i32 = 0; k < n; k++) {
    const w = W + <usize>(24 * k);
    const c = cellOfPoint(load<f64>(w), load<f64>(w, 8), load<f64>(w, 16), minx, miny, minz, ix, iy, iz, ncx, ncy, ncz);
    store<i32>(cellOf + (<usize>k << 2), c);
    const p = start + (<usize>(c + 1) << 2);
    store<i32>(p, load<i32>(p) + 1);
  }
  for (let q: i32 = 0; q < ng; q++) {
    const g = G + <usize>(24 * q);
    const c = cellOfPoint(load<f64>(g), load<f64>(g, 8), load<f64>(g, 16), minx, miny, minz, ix, iy, iz, ncx, ncy, ncz);
    store<i32>(cellOf + (<usize>(n + q) << 2), c);
    const p = start + (<usize>(c + 1) << 2);
    store<i32>(p, load<i32>(p) + 1);
  }
  for (let c: i32 = 0; c < ncell; c++) {
    const p = start + (<usize>(c + 1) << 2);
    store<i32>(p, load<i32>(p) + load<i32>(p - 4));
  }
  memory.copy(fill, start, <usize>ncell << 2);
  for (let k: i32 = 0; k < n; k++) {
    const f = fill + (<usize>load<i32>(cellOf + (<usize>k << 2)) << 2);
    const s = load<i32>(f);
    store<i32>(f, s + 1);
    const w = W + <usize>(24 * k), d = xyz + <usize>(24 * s);
    store<f64>(d, load<f64>(w));
    store<f64>(d, load<f64>(w, 8), 8);
    store<f64>(d, load<f64>(w, 16), 16);
    store<i32>(atom + (<usize>s << 2), k);
    store<i32>(slotOf + (<usize>k << 2), s);
  }
  for (let q: i32 = 0; q < ng; q++) {
    const f = fill + (<usize>load<i32>(cellOf + (<usize>(n + q) << 2)) << 2);
    const s = load<i32>(f);
    store<i32>(f, s + 1);
    const g = G + <usize>(24 * q), d = xyz + <usize>(24 * s);
    store<f64>(d, load<f64>(g));
    store<f64>(d, load<f64>(g, 8), 8);
    store<f64>(d, load<f64>(g, 16), 16);
    store<i32>(atom + (<usize>s << 2), load<i32>(gatom + (<usize>q << 2)));
  }
  let fullest: i32 = 0;
  const nrow = ncy * ncz;
  for (let r: i32 = 0; r < nrow; r++) {
    const cnt = load<i32>(start + (<usize>((r + 1) * ncx) << 2)) - load<i32>(start + (<usize>(r * ncx) << 2));
    if (cnt > fullest) fullest = cnt;
  }
  return fullest;
}

/** densityRadius's first pass (../neighbors.ts growBox): the atoms' bounding box into box (min max per axis). */
export function densityBox(pos: usize, n: i32, box: usize): void {
  emptyBox(box);
  widenBox(pos, n, box);
}

/**
 * densityRadius's second pass (../neighbors.ts cellCounts): atoms per coarse cell into counts
 * (i32[nx·ny·nz], zeroed here), the cell floor((p − lo)·inv) clamped to n − 1 per axis. A point
 * with a NaN coordinate is not counted (in TypeScript its cell index is NaN: the increment is lost).
 */
export function densityCounts(pos: usize, n: i32, x0: f64, y0: f64, z0: f64, ix: f64, iy: f64, iz: f64, nx: i32, ny: i32, nz: i32, counts: usize): void {
  memory.fill(counts, 0, <usize>(nx * ny * nz) << 2);
  for (let i: i32 = 0; i < n; i++) {
    const p = pos + <usize>(24 * i);
    let a = Math.floor((load<f64>(p) - x0) * ix), b = Math.floor((load<f64>(p, 8) - y0) * iy), c = Math.floor((load<f64>(p, 16) - z0) * iz);
    if (a != a || b != b || c != c) continue;
    if (a >= <f64>nx) a = <f64>(nx - 1);
    if (b >= <f64>ny) b = <f64>(ny - 1);
    if (c >= <f64>nz) c = <f64>(nz - 1);
    const at = counts + (<usize>(<i32>a + nx * (<i32>b + ny * <i32>c)) << 2);
    store<i32>(at, load<i32>(at) + 1);
  }
}
