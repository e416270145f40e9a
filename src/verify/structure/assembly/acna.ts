/**
 * Adaptive CNA of every atom in one call: the k-nearest search of NearestFinder.query on its first
 * grid (NeighborGrid.nearestCollect / nearest, the same guess) and classifyAdaptiveFast, over the
 * grid's arrays copied into the imported memory. Scalar twins: ../neighbors.ts and ../acna.ts; the
 * same operations in the same order on the same doubles (IEEE f64 in both), so the same class for
 * every atom. An atom with fewer than k points within the grid radius on a non-exhaustive grid
 * (gas, surfaces) is marked 255 and left to the TypeScript path (wider grids).
 *
 * Layout (byte addresses): xyz f64[3*np] (points interleaved, slot order), atom i32[np],
 * slotOf i32[natoms], start i32[ncell+1], rows i32[2*nrows], out u8[natoms],
 * scratch (see S_* offsets, 16-byte aligned, SCRATCH bytes).
 */

const K: i32 = 14;
const BUF: i32 = 256;
// scratch offsets
const S_SLOT: usize = 0; // i32[16]
const S_D2: usize = 64; // f64[16]
const S_DX: usize = 192; // f64[16] neighbour - atom, x (SoA: two neighbours per v128 load)
const S_DY: usize = 320; // f64[16]
const S_DZ: usize = 448; // f64[16]
const S_BONDS: usize = 576; // i32[16]
const S_BONDS14: usize = 640; // i32[16]
const S_BUFSLOT: usize = 704; // i32[BUF]
const S_BUFD2: usize = 704 + 1024; // f64[BUF]
export const SCRATCH: i32 = 704 + 1024 + 2048;

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
// cell of the current atom
let cx: i32 = 0;
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
  guess2 = Infinity;
  missed = 0;
  hit = 0;
}

// @ts-ignore: decorator
@inline function clampCell(f: f64, n: i32): i32 {
  let v = f;
  if (v >= <f64>n) v = <f64>(n - 1);
  if (v < 0) v = 0;
  return <i32>v;
}

// @ts-ignore: decorator
@inline function px(s: i32, d: i32): f64 {
  return load<f64>(gXyz + ((<usize>(3 * s + d)) << 3));
}

// @ts-ignore: decorator
@inline function startAt(c: i32): i32 {
  return load<i32>(gStart + (<usize>c << 2));
}

function setCell(xi: f64, yi: f64, zi: f64): void {
  cx = clampCell(Math.floor((xi - lox) * ix), ncx);
  cy = clampCell(Math.floor((yi - loy) * iy), ncy);
  cz = clampCell(Math.floor((zi - loz) * iz), ncz);
}

/** NeighborGrid.nearest (itself excluded), into scratch slot/d2. */
function nearest(self: i32, xi: f64, yi: f64, zi: f64, guess2: f64): i32 {
  const r2 = radius * radius;
  let lim = guess2 < r2 ? guess2 : r2;
  let n: i32 = 0;
  const oSlot = scr + S_SLOT, oD2 = scr + S_D2;
  for (let r: i32 = 0; r < gNrows; r++) {
    const yy = cy + load<i32>(gRows + (<usize>(2 * r) << 2)), zz = cz + load<i32>(gRows + (<usize>(2 * r + 1) << 2));
    if (yy < 0 || yy >= ncy || zz < 0 || zz >= ncz) continue;
    let dyMin: f64 = 0, dzMin: f64 = 0;
    if (yy < cy) dyMin = yi - (loy + <f64>(yy + 1) * csy);
    else if (yy > cy) dyMin = loy + <f64>yy * csy - yi;
    if (zz < cz) dzMin = zi - (loz + <f64>(zz + 1) * csz);
    else if (zz > cz) dzMin = loz + <f64>zz * csz - zi;
    const rowD2 = dyMin * dyMin + dzMin * dzMin;
    if (rowD2 > lim) continue;
    const rem = Math.sqrt(lim - rowD2);
    const fa = Math.floor((xi - rem - lox) * ix), fb = Math.floor((xi + rem - lox) * ix);
    const xb = fb >= <f64>ncx ? ncx - 1 : <i32>fb;
    const xa = fa < 0 ? 0 : fa > <f64>xb ? xb + 1 : <i32>fa;
    if (xa > xb) continue;
    const base = ncx * (yy + ncy * zz);
    const end = startAt(base + xb + 1);
    for (let s = startAt(base + xa); s < end; s++) {
      const dx = px(s, 0) - xi, dy = px(s, 1) - yi, dz = px(s, 2) - zi;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 > lim || s == self) continue;
      if (n == K) {
        if (d2 == lim) continue;
        n--;
      }
      let j = n - 1;
      while (j >= 0 && load<f64>(oD2 + (<usize>j << 3)) > d2) {
        store<f64>(oD2 + (<usize>(j + 1) << 3), load<f64>(oD2 + (<usize>j << 3)));
        store<i32>(oSlot + (<usize>(j + 1) << 2), load<i32>(oSlot + (<usize>j << 2)));
        j--;
      }
      store<f64>(oD2 + (<usize>(j + 1) << 3), d2);
      store<i32>(oSlot + (<usize>(j + 1) << 2), s);
      n++;
      if (n == K) lim = load<f64>(oD2 + (<usize>(K - 1) << 3));
    }
  }
  return n;
}

/** NeighborGrid.nearestCollect with cap BUF: the count, or -1 when more than BUF would be collected. */
function nearestCollect(self: i32, xi: f64, yi: f64, zi: f64, lim2: f64): i32 {
  const r2 = radius * radius;
  const lim = lim2 < r2 ? lim2 : r2;
  let m: i32 = 0;
  const bSlot = scr + S_BUFSLOT, bD2 = scr + S_BUFD2;
  for (let r: i32 = 0; r < gNrows; r++) {
    const yy = cy + load<i32>(gRows + (<usize>(2 * r) << 2)), zz = cz + load<i32>(gRows + (<usize>(2 * r + 1) << 2));
    if (yy < 0 || yy >= ncy || zz < 0 || zz >= ncz) continue;
    let dyMin: f64 = 0, dzMin: f64 = 0;
    if (yy < cy) dyMin = yi - (loy + <f64>(yy + 1) * csy);
    else if (yy > cy) dyMin = loy + <f64>yy * csy - yi;
    if (zz < cz) dzMin = zi - (loz + <f64>(zz + 1) * csz);
    else if (zz > cz) dzMin = loz + <f64>zz * csz - zi;
    const rowD2 = dyMin * dyMin + dzMin * dzMin;
    if (rowD2 > lim) continue;
    const rem = Math.sqrt(lim - rowD2);
    const fa = Math.floor((xi - rem - lox) * ix), fb = Math.floor((xi + rem - lox) * ix);
    const xb = fb >= <f64>ncx ? ncx - 1 : <i32>fb;
    const xa = fa < 0 ? 0 : fa > <f64>xb ? xb + 1 : <i32>fa;
    if (xa > xb) continue;
    const base = ncx * (yy + ncy * zz);
    const end = startAt(base + xb + 1);
    const s0 = startAt(base + xa);
    if (m + (end - s0) > BUF) return -1;
    const limv = f64x2.splat(lim);
    const xv = f64x2.splat(xi), yv = f64x2.splat(yi), zv = f64x2.splat(zi);
    let s = s0;
    for (; s + 1 < end; s += 2) {
      const p = gXyz + (<usize>(3 * s) << 3);
      // points s (x y z) and s+1 (x y z): 6 consecutive doubles
      const a = v128.load(p), b = v128.load(p, 16), c = v128.load(p, 32);
      // a = (x0, y0), b = (z0, x1), c = (y1, z1)
      const X = f64x2.sub(v128.shuffle<f64>(a, b, 0, 3), xv);
      const Y = f64x2.sub(v128.shuffle<f64>(a, c, 1, 2), yv);
      const Z = f64x2.sub(v128.shuffle<f64>(b, c, 0, 3), zv);
      const d2 = f64x2.add(f64x2.add(f64x2.mul(X, X), f64x2.mul(Y, Y)), f64x2.mul(Z, Z));
      const inside = i64x2.bitmask(f64x2.le(d2, limv));
      store<i32>(bSlot + (<usize>m << 2), s);
      store<f64>(bD2 + (<usize>m << 3), f64x2.extract_lane(d2, 0));
      m += inside & 1;
      store<i32>(bSlot + (<usize>m << 2), s + 1);
      store<f64>(bD2 + (<usize>m << 3), f64x2.extract_lane(d2, 1));
      m += inside >> 1;
    }
    if (s < end) {
      const dx = px(s, 0) - xi, dy = px(s, 1) - yi, dz = px(s, 2) - zi;
      const d2 = dx * dx + dy * dy + dz * dz;
      store<i32>(bSlot + (<usize>m << 2), s);
      store<f64>(bD2 + (<usize>m << 3), d2);
      m += <i32>(d2 <= lim);
    }
  }
  let n: i32 = 0;
  let cur = lim;
  const oSlot = scr + S_SLOT, oD2 = scr + S_D2;
  for (let q: i32 = 0; q < m; q++) {
    const s = load<i32>(bSlot + (<usize>q << 2)), d2 = load<f64>(bD2 + (<usize>q << 3));
    if (d2 > cur || s == self) continue;
    if (n == K) {
      if (d2 == cur) continue;
      n--;
    }
    let j = n - 1;
    while (j >= 0 && load<f64>(oD2 + (<usize>j << 3)) > d2) {
      store<f64>(oD2 + (<usize>(j + 1) << 3), load<f64>(oD2 + (<usize>j << 3)));
      store<i32>(oSlot + (<usize>(j + 1) << 2), load<i32>(oSlot + (<usize>j << 2)));
      j--;
    }
    store<f64>(oD2 + (<usize>(j + 1) << 3), d2);
    store<i32>(oSlot + (<usize>(j + 1) << 2), s);
    n++;
    if (n == K) cur = load<f64>(oD2 + (<usize>(K - 1) << 3));
  }
  return n;
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

function hasTriangle(bonds: usize, common: i32): bool {
  const a = ctz(common);
  const nb = bondAt(bonds, a) & common;
  const p = ctz(nb);
  const q = ctz(nb & (nb - 1));
  return (bondAt(bonds, p) & (1 << q)) != 0;
}

/**
 * Bits a < b of bond row b (|d_a − d_b|² ≤ cut2), two neighbours a per f64x2: the same
 * subtraction, products and sum order as acna.ts, so the same comparisons.
 */
// @ts-ignore: decorator
@inline function lowRow(b: i32, cutv: v128, cut2: f64): i32 {
  const dx = scr + S_DX, dy = scr + S_DY, dz = scr + S_DZ;
  const bx = load<f64>(dx + (<usize>b << 3)), by = load<f64>(dy + (<usize>b << 3)), bz = load<f64>(dz + (<usize>b << 3));
  const bxv = f64x2.splat(bx), byv = f64x2.splat(by), bzv = f64x2.splat(bz);
  let m: i32 = 0;
  let a: i32 = 0;
  for (; a + 1 < b; a += 2) {
    const o = <usize>a << 3;
    const X = f64x2.sub(v128.load(dx + o), bxv), Y = f64x2.sub(v128.load(dy + o), byv), Z = f64x2.sub(v128.load(dz + o), bzv);
    const r2 = f64x2.add(f64x2.add(f64x2.mul(X, X), f64x2.mul(Y, Y)), f64x2.mul(Z, Z));
    m |= i64x2.bitmask(f64x2.le(r2, cutv)) << a;
  }
  if (a < b) {
    const o = <usize>a << 3;
    const X = load<f64>(dx + o) - bx, Y = load<f64>(dy + o) - by, Z = load<f64>(dz + o) - bz;
    m |= <i32>(X * X + Y * Y + Z * Z <= cut2) << a;
  }
  return m;
}

/** acna.ts classifyAdaptiveFast on the scratch deltas (SoA) and d2. */
function classify(nn: i32, fccFactor: f64, bccFactor: f64): i32 {
  if (nn < 12) return 0;
  const d2 = scr + S_D2, bonds = scr + S_BONDS, bonds14 = scr + S_BONDS14;
  let sum: f64 = 0;
  for (let j = 0; j < 12; j++) sum += Math.sqrt(load<f64>(d2 + (<usize>j << 3)));
  const cut12 = (sum / 12) * fccFactor * 0.5;
  const c12 = cut12 * cut12;
  let c14: f64 = -1;
  if (nn >= 14) {
    sum = 0;
    for (let j = 0; j < 8; j++) sum += Math.sqrt(load<f64>(d2 + (<usize>j << 3)) / 0.75);
    for (let j = 8; j < 14; j++) sum += Math.sqrt(load<f64>(d2 + (<usize>j << 3)));
    const cut = (sum / 14) * bccFactor;
    c14 = cut * cut;
  }
  const c12v = f64x2.splat(c12), c14v = f64x2.splat(c14);
  // lower triangle rows first, then each bond a < b mirrored into row a
  for (let b = 0; b < 12; b++) {
    store<i32>(bonds + (<usize>b << 2), lowRow(b, c12v, c12));
    store<i32>(bonds14 + (<usize>b << 2), lowRow(b, c14v, c14));
  }
  for (let b = 1; b < 12; b++) {
    let m = bondAt(bonds, b);
    while (m != 0) {
      const a = ctz(m);
      m &= m - 1;
      store<i32>(bonds + (<usize>a << 2), bondAt(bonds, a) | (1 << b));
    }
    m = bondAt(bonds14, b);
    while (m != 0) {
      const a = ctz(m);
      m &= m - 1;
      store<i32>(bonds14 + (<usize>a << 2), bondAt(bonds14, a) | (1 << b));
    }
  }
  const nc0 = popcnt(bondAt(bonds, 0));
  if (nc0 == 4 || nc0 == 5) {
    let n421: i32 = 0, n422: i32 = 0, n555: i32 = 0;
    for (let j = 0; j < 12; j++) {
      const common = bondAt(bonds, j);
      const nc = popcnt(common);
      if (nc == 4) {
        const bd = bondsAndMaxDegree(bonds, common);
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
  if (nn < 14) return 0;
  for (let b = 12; b < 14; b++) {
    let m = lowRow(b, c14v, c14);
    store<i32>(bonds14 + (<usize>b << 2), m);
    while (m != 0) {
      const a = ctz(m);
      m &= m - 1;
      store<i32>(bonds14 + (<usize>a << 2), bondAt(bonds14, a) | (1 << b));
    }
  }
  let n444: i32 = 0, n666: i32 = 0;
  for (let j = 0; j < 14; j++) {
    const common = bondAt(bonds14, j);
    const nc = popcnt(common);
    if (nc == 4) {
      if (bondsAndMaxDegree(bonds14, common) >> 8 != 4) break;
      n444++;
    } else if (nc == 6) {
      const bd = bondsAndMaxDegree(bonds14, common);
      if (bd >> 8 != 6) break;
      if ((bd & 0xff) == 2 ? hasTriangle(bonds14, common) : bondsAndChain(bonds14, common) != ((6 << 8) | 6)) break;
      n666++;
    } else break;
  }
  if (n666 == 8 && n444 == 6) return 3;
  return 0;
}

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
  const oSlot = scr + S_SLOT, oD2 = scr + S_D2, dx = scr + S_DX, dy = scr + S_DY, dz = scr + S_DZ;
  for (let slot: i32 = slot0; slot < slot1; slot++) {
    const i = load<i32>(atom + (<usize>slot << 2));
    if (load<i32>(gSlotOf + (<usize>i << 2)) != slot) continue;
    const xi = px(slot, 0), yi = px(slot, 1), zi = px(slot, 2);
    setCell(xi, yi, zi);
    let n: i32 = guess2 < Infinity ? nearestCollect(slot, xi, yi, zi, guess2) : -1;
    if (n < 0) n = nearest(slot, xi, yi, zi, guess2);
    if (n < K && guess2 < r2) {
      missed++;
      n = nearest(slot, xi, yi, zi, Infinity);
    }
    guess2 = n == K ? load<f64>(oD2 + (<usize>(n - 1) << 3)) * (missed > hit >> 4 ? 1.6 : 1.3) : Infinity;
    if (n == K) hit++;
    if (n < K && !exhaustive) {
      store<u8>(out + <usize>i, 255);
      left++;
      continue;
    }
    for (let j: i32 = 0; j < n; j++) {
      const s = load<i32>(oSlot + (<usize>j << 2));
      const o = <usize>j << 3;
      store<f64>(dx + o, px(s, 0) - xi);
      store<f64>(dy + o, px(s, 1) - yi);
      store<f64>(dz + o, px(s, 2) - zi);
    }
    store<u8>(out + <usize>i, <u8>classify(n, fccFactor, bccFactor));
  }
  return left;
}
