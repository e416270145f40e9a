/**
 * Adaptive CNA of every atom in one call: the k-nearest search of NearestFinder.query on its first
 * grid and classifyAdaptiveFast, over the grid's arrays in the imported memory. Scalar twins:
 * ../neighbors.ts and ../acna.ts. Both select the k smallest keys (d², slot) among every point with
 * d² ≤ lim, so the order in which points are scanned does not matter, and both decide every bond
 * and cutoff with the same double operations on the same numbers: the same class for every atom.
 * Single precision only ever filters or ranks, with proven margins; whatever it cannot decide is
 * decided in double.
 *
 * Per atom, in slot (cell) order:
 * - Search. For each row of cells (cy, cz) the points of the rows within reach (3×3) are merged
 *   once into one x-ordered structure-of-arrays buffer of f32 coordinates (relative to the grid
 *   corner, copied four points at a time from acnaPoints' copy): merged cell c holds the points of
 *   every cell (c, cy+dy, cz+dz). An atom scans the one contiguous range of x-cells within sqrt(lim),
 *   eight points per iteration (f32x4), keeps those within a widened radius, and measures the
 *   survivors again in double (collect).
 * - Selection. Up to 16 candidates are ranked in f32x4 lanes without a branch; ties in single
 *   precision fall back to insertion on the doubles (selectNearest).
 * - Cutoffs (cutoffs), bond matrices in single precision with a band around each cutoff, pairs
 *   inside a band in double (bonds.ts, generated), then OVITO's fcc/hcp/ico test and the bcc test
 *   for all 14 neighbours at once in byte lanes (classify, isBcc).
 * An atom with fewer than k points within the grid radius on a non-exhaustive grid (gas, surfaces)
 * is marked 255 and left to the TypeScript path (wider grids).
 *
 * Layout (byte addresses, set by acna-wasm.ts): xyz f64[3*np] (points interleaved, slot order),
 * atom i32[np], slotOf i32[natoms], start i32[ncell+1], rows i32[2*nrows], out u8[natoms],
 * merged mx/my/mz f32[cap + 8] (NaN-padded), mslot i32[cap + 8], mstart i32[ncx+1], candidates
 * cD2 f64[cap], cIdx i32[cap], cF32 f32[cap + 4], mSelf i32[fullest + 8], raw scan survivors
 * i32[cap + 12], points px/py/pz f32[np + 4] (acnaPoints), scratch (see S_* offsets, 16-byte
 * aligned, SCRATCH bytes).
 */

import { bondMatrices, bondMatricesF32 } from './bonds';
export { gridImages, gridTotal, gridGhosts, gridSort, densityBox, densityCounts } from './grid';

const K: i32 = 14;
/** Scanned range padded by this factor: the cell arithmetic can never drop a point with d² ≤ lim. */
const PAD: f64 = 1.000000001;
// scratch offsets
const S_IDX: usize = 0; // i32[16] merged index of the k nearest
const S_D2: usize = 64; // f64[16]
const S_DX: usize = 192; // f64[16] neighbour - atom, x (SoA: two neighbours per v128 load)
const S_DY: usize = 320; // f64[16]
const S_DZ: usize = 448; // f64[16]
const S_BONDS: usize = 576; // i32[16] bonds under the fcc cutoff
const S_BONDS14: usize = 640; // i32[16] bonds under the bcc cutoff
const S_SLOT: usize = 704; // i32[16] slots of the k nearest (the tie-break key)
const S_RANK: usize = 768; // i32[4] ranks of four candidates
const S_ROWBASE: usize = 784; // i32[64] base cells of the rows merged (at most 49: reach 3)
const S_PACK: usize = 1040; // u8[16][16] swizzles packing the i32 lanes set in a 4-bit mask to the front
const S_VEC: usize = 1296; // v128[6] loop constants of the scan (see collect)
const S_FX: usize = 1392; // f32[16] deltas in single precision (NaN past the neighbours)
const S_FY: usize = 1456; // f32[16]
const S_FZ: usize = 1520; // f32[16]
const S_CV: usize = 1584; // v128[4] the cutoff bands of bondMatricesF32, then v128[5] its accumulators
const S_RANK16: usize = 1728; // i32[16] ranks of up to 16 candidates (selectNearest's short path)
const S_BCC: usize = 1792; // v128[2] isBcc's degree sums and maxima (u8 lanes)
const S_CUT: usize = 1824; // f64[2] the squared local cutoffs (cutoffs())
export const SCRATCH: i32 = 1840;

// grid parameters (set by acnaGrid, read by the queries)
let gXyz: usize = 0;
let gStart: usize = 0;
let gRows: usize = 0;
let gNrows: i32 = 0;
let gSlotOf: usize = 0;
let ncx: i32 = 0;
let ncy: i32 = 0;
let ncz: i32 = 0;
let lox: f64 = 0;
let loy: f64 = 0;
let loz: f64 = 0;
let csy: f64 = 0;
let csz: f64 = 0;
let ix: f64 = 0;
let iy: f64 = 0;
let iz: f64 = 0;
let radius: f64 = 0;
let scr: usize = 0;
// merged rows and candidates
let mX: usize = 0;
let mY: usize = 0;
let mZ: usize = 0;
let mSlot: usize = 0;
let mStart: usize = 0;
let cD2: usize = 0;
let cIdx: usize = 0;
let cF32: usize = 0;
let cRaw: usize = 0;
/** Widening of the single-precision scan radius: covers the rounding of coordinates up to the grid's extent. */
let fErr: f64 = 0;
/** Cell row (cy + ncy·cz) merged into mX..mStart, or -1. */
let mergedRow: i32 = -1;
/** First slot of the merged cell row; mSelf[slot - mergedBase] = where that atom was merged. */
let mergedBase: i32 = 0;
let mSelf: usize = 0;
/** The grid's points in single precision relative to its low corner, SoA (acnaPoints). */
let pX: usize = 0;
let pY: usize = 0;
let pZ: usize = 0;
// cell of the current atom
let cy: i32 = 0;
let cz: i32 = 0;

export function acnaGrid(xyz: usize, start: usize, rows: usize, nrows: i32, slotOf: usize, nx: i32, ny: i32, nz: i32, lx: f64, ly: f64, lz: f64, sy: f64, sz: f64, ivx: f64, ivy: f64, ivz: f64, r: f64, scratch: usize): void {
  gXyz = xyz;
  gStart = start;
  gRows = rows;
  gNrows = nrows;
  gSlotOf = slotOf;
  ncx = nx;
  ncy = ny;
  ncz = nz;
  lox = lx;
  loy = ly;
  loz = lz;
  csy = sy;
  csz = sz;
  ix = ivx;
  iy = ivy;
  iz = ivz;
  radius = r;
  scr = scratch;
  // merged coordinates are single precision, relative to the grid's low corner (0 ≤ v ≤ extent):
  // each is off by at most 2⁻²⁴·extent, a difference by twice that plus its own rounding
  const ext = Math.max(<f64>nx / ivx, Math.max(<f64>ny / ivy, <f64>nz / ivz));
  fErr = 8 * ext * 5.960464477539063e-8 + 1e-30;
  for (let mask: i32 = 0; mask < 16; mask++) {
    let at: i32 = 0;
    for (let lane: i32 = 0; lane < 4; lane++) {
      if ((mask >> lane) & 1) {
        for (let b: i32 = 0; b < 4; b++) store<u8>(scratch + S_PACK + <usize>(16 * mask + 4 * at + b), <u8>(4 * lane + b));
        at++;
      }
    }
    for (let b = 4 * at; b < 16; b++) store<u8>(scratch + S_PACK + <usize>(16 * mask + b), 0xff);
  }
  guess2 = Infinity;
  undecided = 0;
  missed = 0;
  hit = 0;
  mergedRow = -1;
}

/** Where the merged rows and the candidate list live (cap points each; mstart has ncx + 1 entries). */
export function acnaBuffers(x: usize, y: usize, z: usize, slot: usize, start: usize, d2: usize, idx: usize, f32: usize, self: usize, raw: usize): void {
  cRaw = raw;
  mX = x;
  mY = y;
  mZ = z;
  mSlot = slot;
  mStart = start;
  cD2 = d2;
  cIdx = idx;
  cF32 = f32;
  mSelf = self;
  mergedRow = -1;
}

/**
 * The grid's np points in single precision relative to its low corner, SoA at x, y, z (f32[np + 4]
 * each, the 4 past the end NaN): what the merge copies, four at a time. Call after acnaGrid.
 */
export function acnaPoints(x: usize, y: usize, z: usize, np: i32): void {
  pX = x;
  pY = y;
  pZ = z;
  const xyz = gXyz, x0 = lox, y0 = loy, z0 = loz;
  for (let s: i32 = 0; s < np; s++) {
    const src = xyz + <usize>(24 * s), o = <usize>s << 2;
    store<f32>(x + o, <f32>(load<f64>(src) - x0));
    store<f32>(y + o, <f32>(load<f64>(src, 8) - y0));
    store<f32>(z + o, <f32>(load<f64>(src, 16) - z0));
  }
  for (let s = np; s < np + 4; s++) {
    const o = <usize>s << 2;
    store<f32>(x + o, NaN);
    store<f32>(y + o, NaN);
    store<f32>(z + o, NaN);
  }
}

/**
 * Point this instance at the single-precision copy another instance made with acnaPoints (threads:
 * every worker's instance shares the memory, the copy is made once).
 */
export function acnaPointsShared(x: usize, y: usize, z: usize): void {
  pX = x;
  pY = y;
  pZ = z;
}

// @ts-ignore: decorator
@inline function px(s: i32, d: i32): f64 {
  return load<f64>(gXyz + ((<usize>(3 * s + d)) << 3));
}

// @ts-ignore: decorator
@inline function startAt(c: i32): i32 {
  return load<i32>(gStart + (<usize>c << 2));
}

// @ts-ignore: decorator
@inline function ldI(p: usize, k: i32): i32 {
  return load<i32>(p + (<usize>k << 2));
}

// @ts-ignore: decorator
@inline function ldF(p: usize, k: i32): f64 {
  return load<f64>(p + (<usize>k << 3));
}

/**
 * Insert (d2, key) into the sorted k-list (oD2, oKey, with oPay carried along) of n entries, keeping
 * the k smallest by (d2, key). Returns the new count.
 */
// @ts-ignore: decorator
@inline function insertKey(n: i32, d2: f64, key: i32, pay: i32, oD2: usize, oKey: usize, oPay: usize): i32 {
  if (n == K) {
    const lastD = ldF(oD2, K - 1);
    if (d2 > lastD || (d2 == lastD && key > ldI(oKey, K - 1))) return n;
    n--;
  }
  let j = n - 1;
  while (j >= 0) {
    const dj = ldF(oD2, j);
    if (dj < d2 || (dj == d2 && ldI(oKey, j) < key)) break;
    store<f64>(oD2 + (<usize>(j + 1) << 3), dj);
    store<i32>(oKey + (<usize>(j + 1) << 2), ldI(oKey, j));
    store<i32>(oPay + (<usize>(j + 1) << 2), ldI(oPay, j));
    j--;
  }
  store<f64>(oD2 + (<usize>(j + 1) << 3), d2);
  store<i32>(oKey + (<usize>(j + 1) << 2), key);
  store<i32>(oPay + (<usize>(j + 1) << 2), pay);
  return n + 1;
}

/** Merge the rows within reach of cell row (cy, cz) into the x-ordered SoA buffer. */
function mergeRow(): void {
  // base cells of the rows within reach that exist (S_ROWBASE), then x-cell by x-cell
  const rowBase = scr + S_ROWBASE;
  let nv: i32 = 0;
  for (let r: i32 = 0; r < gNrows; r++) {
    const yy = cy + ldI(gRows, 2 * r), zz = cz + ldI(gRows, 2 * r + 1);
    if (yy < 0 || yy >= ncy || zz < 0 || zz >= ncz) continue;
    store<i32>(rowBase + (<usize>nv << 2), ncx * (yy + ncy * zz));
    nv++;
  }
  const start = gStart, mx = mX, my = mY, mz = mZ, ms = mSlot, mst = mStart, nx = ncx;
  const px = pX, py = pY, pz = pZ;
  const iota = i32x4(0, 1, 2, 3);
  let m: i32 = 0;
  // the row's own points (rows[0] is the centre row, dy = dz = 0): where each one is merged
  const own = mSelf, ownBase = ldI(start, ldI(rowBase, 0));
  // Cells hold ~2 points: each is copied four points at a time from the single-precision copy of
  // the grid (acnaPoints), without a per-point loop whose exit would mispredict; the lanes past a
  // cell's end are overwritten by the next copy (or by the NaN end), more than four points loop.
  for (let c: i32 = 0; c < nx; c++) {
    store<i32>(mst + (<usize>c << 2), m);
    for (let r: i32 = 0; r < nv; r++) {
      const cell = c + ldI(rowBase, r);
      let s = ldI(start, cell);
      const s1 = ldI(start, cell + 1);
      let q = m;
      if (r == 0) {
        for (let t = s, u = q; t < s1; t += 4, u += 4) v128.store(own + (<usize>(t - ownBase) << 2), i32x4.add(i32x4.splat(u), iota));
      }
      m += s1 - s;
      for (; s < s1; s += 4, q += 4) {
        const o = <usize>q << 2, src = <usize>s << 2;
        v128.store(mx + o, v128.load(px + src));
        v128.store(my + o, v128.load(py + src));
        v128.store(mz + o, v128.load(pz + src));
        v128.store(ms + o, i32x4.add(i32x4.splat(s), iota));
      }
    }
  }
  store<i32>(mst + (<usize>nx << 2), m);
  // the scan reads up to 7 points past a range: NaN (never within reach) past the last
  for (let q = m; q < m + 8; q++) {
    store<f32>(mx + (<usize>q << 2), NaN);
    store<f32>(my + (<usize>q << 2), NaN);
    store<f32>(mz + (<usize>q << 2), NaN);
    store<i32>(ms + (<usize>q << 2), 0);
  }
  mergedRow = cy + ncy * cz;
  mergedBase = ownBase;
}

/**
 * The k smallest (d², slot) among the points with d² ≤ lim, from the merged rows of the atom's cell
 * row (the caller hides the atom itself). Slots into S_IDX, d² into S_D2.
 * A single-precision pass (four points per f32x4) keeps every point that can be within sqrt(lim):
 * its radius is widened by fErr, which bounds the rounding of the coordinates and of the
 * difference, and its squared limit by 1e-5 (products, sums, demotion). The survivors are measured
 * again in double precision, from the grid's own coordinates, and kept when d² ≤ lim: the same
 * numbers as NearestFinder's scan.
 */
function collect(xi: f64, yi: f64, zi: f64, lim: f64): i32 {
  const R = Math.sqrt(lim) * PAD;
  const fa = Math.floor((xi - R - lox) * ix), fb = Math.floor((xi + R - lox) * ix);
  const xb = fb >= <f64>ncx ? ncx - 1 : <i32>fb;
  const xa = fa < 0 ? 0 : fa > <f64>xb ? xb + 1 : <i32>fa;
  if (xa > xb) return 0;
  const p1 = ldI(mStart, xb + 1);
  let p = ldI(mStart, xa);
  const Rf = R + fErr;
  // loop constants go through memory: TurboFan otherwise recomputes a splat at every iteration
  // (it schedules pure nodes next to their use); a load folds into the arithmetic instead
  const cv = scr + S_VEC;
  v128.store(cv, f32x4.splat(<f32>(xi - lox)));
  v128.store(cv, f32x4.splat(<f32>(yi - loy)), 16);
  v128.store(cv, f32x4.splat(<f32>(zi - loz)), 32);
  v128.store(cv, f32x4.splat(<f32>(Rf * Rf * 1.00001)), 48);
  v128.store(cv, i32x4.splat(4), 64);
  v128.store(cv, i32x4.splat(8), 80);
  // globals into locals: V8 reloads a global at every use inside a loop
  const mx = mX, my = mY, mz = mZ, raw = cRaw, pack = scr + S_PACK;
  let idx = i32x4.add(i32x4.splat(p), i32x4(0, 1, 2, 3));
  let m: i32 = 0;
  // eight points per iteration (the merged rows end in 8 NaN): half the loop overhead
  for (; p < p1; p += 8) {
    const o = <usize>p << 2;
    const X = f32x4.sub(v128.load(mx + o), v128.load(cv));
    const Y = f32x4.sub(v128.load(my + o), v128.load(cv, 16));
    const Z = f32x4.sub(v128.load(mz + o), v128.load(cv, 32));
    const X2 = f32x4.sub(v128.load(mx + o, 16), v128.load(cv));
    const Y2 = f32x4.sub(v128.load(my + o, 16), v128.load(cv, 16));
    const Z2 = f32x4.sub(v128.load(mz + o, 16), v128.load(cv, 32));
    const d2 = f32x4.add(f32x4.add(f32x4.mul(X, X), f32x4.mul(Y, Y)), f32x4.mul(Z, Z));
    const e2 = f32x4.add(f32x4.add(f32x4.mul(X2, X2), f32x4.mul(Y2, Y2)), f32x4.mul(Z2, Z2));
    const inside = i32x4.bitmask(f32x4.le(d2, v128.load(cv, 48)));
    const inside2 = i32x4.bitmask(f32x4.le(e2, v128.load(cv, 48)));
    v128.store(raw + (<usize>m << 2), i8x16.swizzle(idx, v128.load(pack + (<usize>inside << 4))));
    m += popcnt(inside);
    v128.store(raw + (<usize>m << 2), i8x16.swizzle(i32x4.add(idx, v128.load(cv, 64)), v128.load(pack + (<usize>inside2 << 4))));
    m += popcnt(inside2);
    idx = i32x4.add(idx, v128.load(cv, 80));
  }
  // the survivors in double precision
  const ms = mSlot, xyz = gXyz, ci = cIdx, cd = cD2;
  let n: i32 = 0;
  for (let q: i32 = 0; q < m; q++) {
    const s = ldI(ms, ldI(raw, q));
    const o = xyz + <usize>(24 * s);
    const dx = load<f64>(o) - xi, dy = load<f64>(o, 8) - yi, dz = load<f64>(o, 16) - zi;
    const d2 = dx * dx + dy * dy + dz * dz;
    store<i32>(ci + (<usize>n << 2), s);
    store<f64>(cd + (<usize>n << 3), d2);
    n += <i32>(d2 <= lim);
  }
  return selectNearest(n);
}

/**
 * The k smallest (d², slot) of the m candidates into S_D2 / S_IDX (S_SLOT on the fallback);
 * returns how many (m when fewer than k). Each candidate's place is its rank, the number of
 * candidates nearer than it, counted for four candidates at a time (f32x4 lanes) against every
 * candidate without a branch. The ranks use the distances rounded to single precision, which
 * keeps their order (rounding is monotonic) but can make two of them equal; the padding entries
 * are NaN (never smaller, never placed). Equal ranks (ties in single precision,
 * or in double: perfect lattices) leave a place below k empty or make more than k candidates claim
 * one; then the k are chosen again by insertion on the double (d², slot).
 */
function selectNearest(m: i32): i32 {
  const oIdx = scr + S_IDX, oD2 = scr + S_D2;
  const cd = cD2, cf = cF32, ci = cIdx;
  if (m <= 16) {
    // Short path (the usual m ≈ k): the ranks of all 16 lanes against all 16 candidates, no
    // branch. The candidates ranked below top are a prefix of the sorted order, and the sorted
    // ranks never exceed their places; so when exactly top of them rank below top and their ranks
    // sum to 0 + 1 + … + (top − 1), every rank is its place (no single-precision ties among them).
    // fixed trip counts throughout (m varies from atom to atom: loop exits would mispredict);
    // lanes past m hold stale numbers, made NaN here and sent to the spare entry K below
    const mv = i32x4.splat(m);
    const ok0 = i32x4.lt_s(i32x4(0, 1, 2, 3), mv), ok1 = i32x4.lt_s(i32x4(4, 5, 6, 7), mv);
    const ok2 = i32x4.lt_s(i32x4(8, 9, 10, 11), mv), ok3 = i32x4.lt_s(i32x4(12, 13, 14, 15), mv);
    const nan = f32x4.splat(NaN);
    const v0 = v128.bitselect(f32pair(cd, 0), nan, ok0), v1 = v128.bitselect(f32pair(cd, 4), nan, ok1);
    const v2 = v128.bitselect(f32pair(cd, 8), nan, ok2), v3 = v128.bitselect(f32pair(cd, 12), nan, ok3);
    v128.store(cf, v0);
    v128.store(cf, v1, 16);
    v128.store(cf, v2, 32);
    v128.store(cf, v3, 48);
    // rank of each lane: how many of the 16 compare below it (unrolled: no loop exit to mispredict)
    const r0 = ranks(cf, v0), r1 = ranks(cf, v1), r2 = ranks(cf, v2), r3 = ranks(cf, v3);
    const top = m < K ? m : K;
    const tv = i32x4.splat(top);
    // lanes past m (NaN: rank 0, nothing compares below NaN) never count
    const b0 = v128.and(i32x4.lt_s(r0, tv), ok0), b1 = v128.and(i32x4.lt_s(r1, tv), ok1);
    const b2 = v128.and(i32x4.lt_s(r2, tv), ok2), b3 = v128.and(i32x4.lt_s(r3, tv), ok3);
    const count = popcnt(i32x4.bitmask(b0) | (i32x4.bitmask(b1) << 4) | (i32x4.bitmask(b2) << 8) | (i32x4.bitmask(b3) << 12));
    const sv = i32x4.add(i32x4.add(v128.and(r0, b0), v128.and(r1, b1)), i32x4.add(v128.and(r2, b2), v128.and(r3, b3)));
    const sum = i32x4.extract_lane(sv, 0) + i32x4.extract_lane(sv, 1) + i32x4.extract_lane(sv, 2) + i32x4.extract_lane(sv, 3);
    if (count == top && sum == (top * (top - 1)) >> 1) {
      // place of each lane: its rank when below top, else K (a spare entry of the scratch lists)
      const r = scr + S_RANK16, kv = i32x4.splat(K);
      v128.store(r, v128.bitselect(r0, kv, b0));
      v128.store(r, v128.bitselect(r1, kv, b1), 16);
      v128.store(r, v128.bitselect(r2, kv, b2), 32);
      v128.store(r, v128.bitselect(r3, kv, b3), 48);
      place(r, cd, ci, oD2, oIdx, 0);
      place(r, cd, ci, oD2, oIdx, 4);
      place(r, cd, ci, oD2, oIdx, 8);
      place(r, cd, ci, oD2, oIdx, 12);
      return top;
    }
    return selectByInsertion(m);
  }
  return selectGeneral(m);
}

/** For each lane of v, how many of the 16 f32 at cf are smaller. */
// @ts-ignore: decorator
@inline function ranks(cf: usize, v: v128): v128 {
  let r = i32x4.splat(0);
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 4), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 8), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 12), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 16), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 20), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 24), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 28), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 32), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 36), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 40), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 44), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 48), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 52), v));
  r = i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 56), v));
  return i32x4.sub(r, f32x4.lt(v128.load32_splat(cf, 60), v));
}

/** Candidates q..q+3 to their places (i32 at r + 4q): d² and index. */
// @ts-ignore: decorator
@inline function place(r: usize, cd: usize, ci: usize, oD2: usize, oIdx: usize, q: i32): void {
  for (let l: i32 = 0; l < 4; l++) {
    const at = ldI(r, q + l);
    store<f64>(oD2 + (<usize>at << 3), ldF(cd, q + l));
    store<i32>(oIdx + (<usize>at << 2), ldI(ci, q + l));
  }
}

/** Candidates q..q+3 (d², f64) as f32x4. */
// @ts-ignore: decorator
@inline function f32pair(cd: usize, q: i32): v128 {
  const a = f32x4.demote_f64x2_zero(v128.load(cd + (<usize>q << 3)));
  const b = f32x4.demote_f64x2_zero(v128.load(cd + (<usize>(q + 2) << 3)));
  return i8x16.shuffle(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
}

/** selectNearest for more than 16 candidates: ranks four at a time against all (m4²/4 compares). */
function selectGeneral(m: i32): i32 {
  const oIdx = scr + S_IDX, oD2 = scr + S_D2, rk = scr + S_RANK;
  const cd = cD2, cf = cF32, ci = cIdx;
  // single-precision copy, padded with NaN to a multiple of 4
  const m4 = (m + 3) & ~3;
  for (let q: i32 = 0; q < m; q += 2) v128.store64_lane(cf + (<usize>q << 2), f32x4.demote_f64x2_zero(v128.load(cd + (<usize>q << 3))), 0);
  for (let q = m; q < m4; q++) store<f32>(cf + (<usize>q << 2), NaN);
  const top = m < K ? m : K;
  for (let j: i32 = 0; j < K; j += 2) v128.store(oD2 + (<usize>j << 3), f64x2.splat(-1));
  let claimed: i32 = 0;
  for (let q: i32 = 0; q < m4; q += 4) {
    const dq = v128.load(cf + (<usize>q << 2));
    let rank = i32x4.splat(0);
    for (let p: i32 = 0; p < m4; p += 4) {
      const o = cf + (<usize>p << 2);
      rank = i32x4.sub(rank, f32x4.lt(v128.load32_splat(o), dq));
      rank = i32x4.sub(rank, f32x4.lt(v128.load32_splat(o, 4), dq));
      rank = i32x4.sub(rank, f32x4.lt(v128.load32_splat(o, 8), dq));
      rank = i32x4.sub(rank, f32x4.lt(v128.load32_splat(o, 12), dq));
    }
    v128.store(rk, rank);
    const lanes = m - q < 4 ? m - q : 4;
    for (let l: i32 = 0; l < lanes; l++) {
      const r = load<i32>(rk + (<usize>l << 2));
      const below = <i32>(r < top);
      claimed += below;
      const at = below ? r : K; // K: a spare entry of the scratch lists
      store<f64>(oD2 + (<usize>at << 3), ldF(cd, q + l));
      store<i32>(oIdx + (<usize>at << 2), ldI(ci, q + l));
    }
  }
  let empty: i32 = 0;
  for (let j: i32 = 0; j < top; j++) empty |= <i32>(ldF(oD2, j) < 0);
  if (claimed == top && empty == 0) return top;
  return selectByInsertion(m);
}

/** The k smallest (d², slot) of the m candidates by insertion on the doubles (ties). */
function selectByInsertion(m: i32): i32 {
  const oSlot = scr + S_SLOT, oIdx = scr + S_IDX, oD2 = scr + S_D2;
  const cd = cD2, ci = cIdx;
  let k: i32 = 0;
  for (let q: i32 = 0; q < m; q++) {
    const s = ldI(ci, q);
    k = insertKey(k, ldF(cd, q), s, s, oD2, oSlot, oIdx);
  }
  return k;
}

// @ts-ignore: decorator
@inline function bondAt(p: usize, a: i32): i32 {
  return load<i32>(p + (<usize>a << 2));
}

/** Bonds among `common` and the largest degree, (bonds << 8) | maxDegree (signature.ts bondsAndMaxDegree). */
function bondsAndMaxDegree(bonds: usize, common: i32): i32 {
  let rest = common;
  let twice: i32 = 0, maxd: i32 = 0;
  while (rest != 0) {
    const a = ctz(rest);
    rest &= rest - 1;
    const d = popcnt(bondAt(bonds, a) & common & 0x3fff);
    twice += d;
    if (d > maxd) maxd = d;
  }
  return ((twice >> 1) << 8) | maxd;
}

// @ts-ignore: decorator
@inline function maxI(a: i32, b: i32): i32 {
  return select<i32>(a, b, a > b);
}

/** bondsAndMaxDegree for a `common` of exactly 4 atoms, unrolled (no loop exit to mispredict). */
// @ts-ignore: decorator
@inline function bondsAndMaxDegree4(bonds: usize, common: i32): i32 {
  let c = common;
  const a0 = ctz(c);
  c &= c - 1;
  const a1 = ctz(c);
  c &= c - 1;
  const a2 = ctz(c);
  c &= c - 1;
  const a3 = ctz(c);
  const d0 = popcnt(bondAt(bonds, a0) & common), d1 = popcnt(bondAt(bonds, a1) & common);
  const d2 = popcnt(bondAt(bonds, a2) & common), d3 = popcnt(bondAt(bonds, a3) & common);
  return (((d0 + d1 + d2 + d3) >> 1) << 8) | maxI(maxI(d0, d1), maxI(d2, d3));
}

/** signature.ts bondsAndChain. */
function bondsAndChain(bonds: usize, common: i32): i32 {
  let rest = common;
  let total: i32 = 0, best: i32 = 0;
  while (rest != 0) {
    let comp = rest & -rest;
    let frontier = comp;
    while (frontier != 0) {
      const a = ctz(frontier);
      frontier &= frontier - 1;
      const nbrs = bondAt(bonds, a) & common & ~comp;
      comp |= nbrs;
      frontier |= nbrs;
    }
    rest &= ~comp;
    let nb: i32 = 0;
    let c = comp;
    while (c != 0) {
      const a = ctz(c);
      c &= c - 1;
      nb += popcnt(bondAt(bonds, a) & comp);
    }
    nb >>= 1;
    total += nb;
    if (nb > best) best = nb;
  }
  return (total << 8) | best;
}

// @ts-ignore: decorator
@inline function hasTriangle(bonds: usize, common: i32): bool {
  const a = ctz(common);
  const nb = bondAt(bonds, a) & common;
  const p = ctz(nb);
  const q = ctz(nb & (nb - 1));
  return (bondAt(bonds, p) & (1 << q)) != 0;
}

/**
 * Both local cutoffs (squared) of the atom whose sorted d² are at S_D2, into S_CUT, and the bands
 * of bondMatricesF32 into S_CV. Called before the deltas are written: the serial sums of square
 * roots then overlap that work instead of stalling the bond matrices.
 */
function cutoffs(nn: i32, fccFactor: f64, bccFactor: f64): void {
  const d2 = scr + S_D2;
  // square roots two at a time, summed in order (the same sum as the scalar loop)
  let sum: f64 = 0;
  for (let j: i32 = 0; j < 12; j += 2) {
    const s = f64x2.sqrt(v128.load(d2 + (<usize>j << 3)));
    sum += f64x2.extract_lane(s, 0);
    sum += f64x2.extract_lane(s, 1);
  }
  const cut12 = (sum / 12) * fccFactor * 0.5;
  const c12 = cut12 * cut12;
  let c14: f64 = -1;
  const rows = nn >= 14 ? 14 : 12;
  if (nn >= 14) {
    sum = 0;
    const q = f64x2.splat(0.75);
    for (let j: i32 = 0; j < 8; j += 2) {
      const s = f64x2.sqrt(f64x2.div(v128.load(d2 + (<usize>j << 3)), q));
      sum += f64x2.extract_lane(s, 0);
      sum += f64x2.extract_lane(s, 1);
    }
    for (let j: i32 = 8; j < 14; j += 2) {
      const s = f64x2.sqrt(v128.load(d2 + (<usize>j << 3)));
      sum += f64x2.extract_lane(s, 0);
      sum += f64x2.extract_lane(s, 1);
    }
    const cut = (sum / 14) * bccFactor;
    c14 = cut * cut;
  }
  store<f64>(scr + S_CUT, c12);
  store<f64>(scr + S_CUT, c14, 8);
  // Bonds in single precision first. A squared pair distance computed there from the deltas
  // rounded to f32 is within 40·2⁻²⁴·M² of the double one (M² the largest neighbour d²: each
  // rounded component is off by ≤ 4·2⁻²⁴·M, a pair is ≤ 2M long, and products and sums add 3·2⁻²⁴
  // relative); the band ±(64·2⁻²⁴·M² + 4·2⁻²⁴·cut²) also covers rounding the band to f32. A pair
  // inside a band: the double computation decides, as in the TypeScript path.
  const M2 = ldF(d2, rows - 1);
  const U: f64 = 5.960464477539063e-8;
  const t12 = 64 * U * M2 + 4 * U * c12, t14 = 64 * U * M2 + 4 * U * Math.abs(c14);
  const cv = scr + S_CV;
  v128.store(cv, f32x4.splat(<f32>(c12 - t12)));
  v128.store(cv, f32x4.splat(<f32>(c12 + t12)), 16);
  v128.store(cv, f32x4.splat(c14 < 0 ? <f32>-1 : <f32>(c14 - t14)), 32);
  v128.store(cv, f32x4.splat(c14 < 0 ? <f32>-1 : <f32>(c14 + t14)), 48);
}

/**
 * acna.ts classifyAdaptiveFast on the scratch deltas (SoA) with the cutoffs of cutoffs(): both full
 * bond matrices in one pass over the pairs (bonds.ts, generated), then OVITO's two tests.
 */
function classify(nn: i32): i32 {
  if (nn < 12) return 0;
  const bonds = scr + S_BONDS, bonds14 = scr + S_BONDS14;
  const rows = nn >= 14 ? 14 : 12;
  const c12 = load<f64>(scr + S_CUT), c14 = load<f64>(scr + S_CUT, 8);
  const cv = scr + S_CV;
  if (!bondMatricesF32(scr + S_FX, scr + S_FY, scr + S_FZ, bonds, bonds14, rows, cv)) {
    undecided++;
    bondMatrices(scr + S_DX, scr + S_DY, scr + S_DZ, bonds, bonds14, rows, c12, c14);
  }
  // ---- 12 neighbours: fcc, hcp, ico; neighbour 0 first, as OVITO stops at the first bad pair
  const nc0 = popcnt(bondAt(bonds, 0));
  if (nc0 == 4 || nc0 == 5) {
    let n421: i32 = 0, n422: i32 = 0, n555: i32 = 0;
    for (let j = 0; j < 12; j++) {
      const common = bondAt(bonds, j);
      const nc = popcnt(common);
      if (nc == 4) {
        const bd = bondsAndMaxDegree4(bonds, common);
        if (bd >> 8 != 2) break;
        if ((bd & 0xff) == 1) n421++;
        else n422++;
      } else if (nc == 5) {
        if (bondsAndMaxDegree(bonds, common) >> 8 != 5 || bondsAndChain(bonds, common) != ((5 << 8) | 5)) break;
        n555++;
      } else break;
    }
    if (n421 == 12) return 1;
    if (n421 == 6 && n422 == 6) return 2;
    if (n555 == 12) return 4;
  }
  // ---- 14 neighbours: bcc
  if (nn < 14) return 0;
  return isBcc(bonds14) ? 3 : 0;
}

/**
 * OVITO's bcc test on the 14-neighbour bond matrix: 6 neighbours with signature 444 and 8 with 666.
 * (OVITO stops at the first neighbour that fails; counting all of them gives the same answer, as
 * all 14 must pass.) For all rows j at once, one byte lane each (a row's 14 bits as a low and a
 * high byte, L and H): nc = |C_j| (C_j = row j, the common neighbours), and over every neighbour a
 * the degree of a inside C_j, |row a ∩ C_j| when a ∈ C_j: their sum is twice the bonds among C_j
 * (at most 14·13 < 256), their maximum the largest degree. Then 444: nc 4 with 4 bonds (four bonds
 * on four atoms always form one chain of 4); 666: nc 6 with 6 bonds and a chain of 6 (all degrees
 * 2: a hexagon unless two triangles; otherwise bondsAndChain). Branch-free up to the last step,
 * unlike the loop over neighbours it replaces (whose branches on nc mispredict).
 */
// @ts-ignore: decorator
@inline function degreeStep(bonds14: usize, L: v128, H: v128, acc: usize, a: i32): void {
  const ra = load<i32>(bonds14 + (<usize>a << 2));
  const cnt = i8x16.add(i8x16.popcnt(v128.and(L, i8x16.splat(<i8>ra))), i8x16.popcnt(v128.and(H, i8x16.splat(<i8>(ra >> 8)))));
  // lanes j with a ∈ C_j keep |row a ∩ C_j|, the others 0
  const outside = a < 8 ? i8x16.eq(v128.and(L, i8x16.splat(<i8>(<i32>1 << a))), i8x16.splat(0)) : i8x16.eq(v128.and(H, i8x16.splat(<i8>(<i32>1 << (a - 8)))), i8x16.splat(0));
  const c = v128.andnot(cnt, outside);
  v128.store(acc, i8x16.add(v128.load(acc), c));
  v128.store(acc, i8x16.max_u(v128.load(acc, 16), c), 16);
}

function isBcc(bonds14: usize): bool {
  const r0 = i16x8.narrow_i32x4_u(v128.load(bonds14), v128.load(bonds14, 16));
  const r1 = i16x8.narrow_i32x4_u(v128.load(bonds14, 32), v128.load(bonds14, 48));
  const lowByte = i16x8.splat(0xff);
  const L = i8x16.narrow_i16x8_u(v128.and(r0, lowByte), v128.and(r1, lowByte));
  const H = i8x16.narrow_i16x8_u(i16x8.shr_u(r0, 8), i16x8.shr_u(r1, 8));
  const nc = i8x16.add(i8x16.popcnt(L), i8x16.popcnt(H));
  const is4 = i8x16.bitmask(i8x16.eq(nc, i8x16.splat(4)));
  const is6 = i8x16.bitmask(i8x16.eq(nc, i8x16.splat(6)));
  if (popcnt(is4) != 6 || popcnt(is6) != 8) return false;
  // sums (t) and maxima (m) of the degrees; unrolled over a
  const acc = scr + S_BCC;
  v128.store(acc, i8x16.splat(0));
  v128.store(acc, i8x16.splat(0), 16);
  degreeStep(bonds14, L, H, acc, 0);
  degreeStep(bonds14, L, H, acc, 1);
  degreeStep(bonds14, L, H, acc, 2);
  degreeStep(bonds14, L, H, acc, 3);
  degreeStep(bonds14, L, H, acc, 4);
  degreeStep(bonds14, L, H, acc, 5);
  degreeStep(bonds14, L, H, acc, 6);
  degreeStep(bonds14, L, H, acc, 7);
  degreeStep(bonds14, L, H, acc, 8);
  degreeStep(bonds14, L, H, acc, 9);
  degreeStep(bonds14, L, H, acc, 10);
  degreeStep(bonds14, L, H, acc, 11);
  degreeStep(bonds14, L, H, acc, 12);
  degreeStep(bonds14, L, H, acc, 13);
  const t = v128.load(acc), m = v128.load(acc, 16);
  const ok4 = i8x16.bitmask(i8x16.eq(t, i8x16.splat(8)));
  const ok6 = i8x16.bitmask(i8x16.eq(t, i8x16.splat(12)));
  const deg2 = i8x16.bitmask(i8x16.eq(m, i8x16.splat(2)));
  if ((is4 & ~ok4) != 0 || (is6 & ~ok6) != 0) return false;
  let rest = is6;
  while (rest != 0) {
    const j = ctz(rest);
    rest &= rest - 1;
    const common = bondAt(bonds14, j);
    if ((deg2 >> j) & 1 ? hasTriangle(bonds14, common) : bondsAndChain(bonds14, common) != ((6 << 8) | 6)) return false;
  }
  return true;
}

/** Atoms whose bonds the single-precision pass could not decide (statistics, reset by acnaGrid). */
export let undecided: i32 = 0;

// NearestFinder.query's state, carried from atom to atom and from call to call
let guess2: f64 = Infinity;
let missed: i32 = 0;
let hit: i32 = 0;

/**
 * Atoms of the grid set by acnaGrid whose own slots lie in [slot0, slot1), in slot order
 * (NearestFinder's guess carried from atom to atom as adaptiveCna does; acnaGrid resets it).
 * out[i] = class, or 255 when the first grid cannot answer. Returns how many were left (255).
 * The caller splits the slots into chunks: V8 runs a long first call in its baseline compiler and
 * swaps in the optimised code only for later calls.
 */
export function acnaRange(atom: usize, slot0: i32, slot1: i32, out: usize, exhaustive: i32, fccFactor: f64, bccFactor: f64): i32 {
  let left: i32 = 0;
  const r2 = radius * radius;
  const oD2 = scr + S_D2, oIdx = scr + S_IDX, dx = scr + S_DX, dy = scr + S_DY, dz = scr + S_DZ;
  const fx = scr + S_FX, fy = scr + S_FY, fz = scr + S_FZ;
  // the cell row of a slot from the grid's own cell starts (slots are in cell order, a row of ncx
  // cells after another): no floors per atom
  let row: i32 = -1, rowEnd: i32 = 0;
  const nrow = ncy * ncz;
  for (let slot: i32 = slot0; slot < slot1; slot++) {
    const i = load<i32>(atom + (<usize>slot << 2));
    if (load<i32>(gSlotOf + (<usize>i << 2)) != slot) continue;
    while (slot >= rowEnd && row < nrow - 1) {
      row++;
      rowEnd = startAt((row + 1) * ncx);
    }
    const xi = px(slot, 0), yi = px(slot, 1), zi = px(slot, 2);
    if (row != mergedRow) {
      cy = row % ncy;
      cz = row / ncy;
      mergeRow();
    }
    // the atom itself is hidden from its own scan: a NaN coordinate is never within lim
    const own = mX + (<usize>ldI(mSelf, slot - mergedBase) << 2);
    const ownX = load<f32>(own);
    store<f32>(own, NaN);
    let n = collect(xi, yi, zi, guess2 < r2 ? guess2 : r2);
    if (n < K && guess2 < r2) {
      missed++;
      n = collect(xi, yi, zi, r2);
    }
    store<f32>(own, ownX);
    guess2 = n == K ? ldF(oD2, n - 1) * (missed > hit >> 4 ? 1.6 : 1.3) : Infinity;
    if (n == K) hit++;
    if (n < K && !exhaustive) {
      store<u8>(out + <usize>i, 255);
      left++;
      continue;
    }
    if (n >= 12) cutoffs(n, fccFactor, bccFactor);
    const xyz = gXyz;
    for (let j: i32 = 0; j < n; j++) {
      const q = xyz + <usize>(24 * ldI(oIdx, j));
      const o = <usize>j << 3;
      const ddx = load<f64>(q) - xi, ddy = load<f64>(q, 8) - yi, ddz = load<f64>(q, 16) - zi;
      store<f64>(dx + o, ddx);
      store<f64>(dy + o, ddy);
      store<f64>(dz + o, ddz);
      const o4 = <usize>j << 2;
      store<f32>(fx + o4, <f32>ddx);
      store<f32>(fy + o4, <f32>ddy);
      store<f32>(fz + o4, <f32>ddz);
    }
    for (let j = n; j < 16; j++) {
      const o4 = <usize>j << 2;
      store<f32>(fx + o4, NaN);
      store<f32>(fy + o4, NaN);
      store<f32>(fz + o4, NaN);
    }
    store<u8>(out + <usize>i, <u8>classify(n));
  }
  return left;
}
