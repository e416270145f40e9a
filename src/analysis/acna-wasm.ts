/**
 * Loader of the adaptive-CNA WebAssembly kernel (assembly/acna.ts, compiled by `npm run build` /
 * the vitest globalSetup to dist/wasm/acna.wasm; loaded by io/wasm-loader.ts as engine/kernels/wasm is):
 * one WebAssembly.Memory (grown as needed and kept for the next call, so a trajectory's frames
 * reuse it), the first neighbour grid built there (kernelGridBuilder; a grid built in TypeScript is
 * copied in), one call per chunk of atoms. The kernel is the twin of NearestFinder.query (first
 * grid) + classifyAdaptiveFast: the same k nearest by (d², slot) and the same double operations in
 * the same order, so the same class for every atom (test/analysis/acna-wasm.test.ts). Atoms the first grid cannot answer come back as
 * 255 for the TypeScript path. LMPV_KERNELS=scalar, a missing module or no WebAssembly SIMD: the
 * caller runs the TypeScript path (runAcnaKernel returns -1).
 *
 * Threads (`threads` > 1): the same kernel compiled for a shared memory (acna-shared.wasm), its grid
 * built by this thread and read by workers (acna-threads.ts), each with its own scratch and merge
 * buffers after the grid; the same classes for any thread count.
 */
import { loadWasm, requestedMode, type KernelMode } from '../io/wasm-loader.js';
import { runThreaded, type ThreadPart } from './acna-threads.js';
import { cellWidths, type Cell, type ExternalGrid, type GridFactory, type NearestFinder } from './neighbors.js';

interface AcnaExports {
  SCRATCH: WebAssembly.Global;
  acnaGrid(xyz: number, start: number, rows: number, nrows: number, slotOf: number, nx: number, ny: number, nz: number, lx: number, ly: number, lz: number, sy: number, sz: number, ivx: number, ivy: number, ivz: number, r: number, scratch: number): void;
  acnaBuffers(x: number, y: number, z: number, slot: number, start: number, d2: number, idx: number, f32: number, self: number, raw: number): void;
  acnaPoints(x: number, y: number, z: number, np: number): void;
  acnaPointsShared(x: number, y: number, z: number): void;
  densityBox(pos: number, n: number, box: number): void;
  densityCounts(pos: number, n: number, x0: number, y0: number, z0: number, ix: number, iy: number, iz: number, nx: number, ny: number, nz: number, counts: number): void;
  gridImages(pos: number, n: number, W: number, imgAtom: number, imgRange: number, ox: number, oy: number, oz: number, lx: number, ly: number, lz: number, xy: number, xz: number, yz: number, p0: number, p1: number, p2: number, f0: number, f1: number, f2: number): number;
  gridTotal(): number;
  gridGhosts(W: number, n: number, imgAtom: number, imgRange: number, nimg: number, lx: number, ly: number, lz: number, xy: number, xz: number, yz: number, G: number, gatom: number, bbox: number): number;
  gridSort(W: number, n: number, G: number, gatom: number, ng: number, cellOf: number, start: number, fill: number, xyz: number, atom: number, slotOf: number, minx: number, miny: number, minz: number, ix: number, iy: number, iz: number, ncx: number, ncy: number, ncz: number): number;
  acnaRange(atom: number, slot0: number, slot1: number, out: number, exhaustive: number, fccFactor: number, bccFactor: number): number;
  undecided: WebAssembly.Global;
}

interface State {
  ok: boolean;
  reason: string;
  memory: WebAssembly.Memory | null;
  exports: AcnaExports | null;
  module: WebAssembly.Module | null;
}

/** One loaded kernel (its memory) and the last grid built there. */
interface Ctx {
  state: State | null;
  built: Built | null;
}
/** acna.wasm in its own memory: one thread. */
const single: Ctx = { state: null, built: null };
/** acna-shared.wasm over a shared memory: the calling thread's instance when threads > 1. */
const shared: Ctx = { state: null, built: null };
let sharedMode: KernelMode | null = null;

/**
 * Load (again) the kernel: `wasmPath` overrides where the module is read from, `mode` 'scalar'
 * disables it. Returns whether the kernel is in use and why not.
 */
export function initAcnaKernel(mode = requestedMode(), wasmPath?: string): { ok: boolean; reason: string } {
  single.state = loadWasm<AcnaExports>('acna', { mode, path: wasmPath, label: 'a-CNA kernel' });
  single.built = null;
  // the threaded kernel follows the mode (a missing single-thread module under test disables both)
  sharedMode = wasmPath ? 'scalar' : mode;
  shared.state = null;
  shared.built = null;
  return { ok: single.state.ok, reason: single.state.reason };
}

function sharedCtx(): Ctx {
  if (!shared.state) {
    const mode = sharedMode ?? requestedMode();
    let memory: WebAssembly.Memory | undefined;
    try {
      if (mode !== 'scalar') memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    } catch {
      memory = undefined; // no shared memory: one thread
    }
    shared.state = memory ? loadWasm<AcnaExports>('acna-shared', { mode, memory, label: 'a-CNA shared-memory kernel' }) : { ok: false, reason: 'no shared WebAssembly memory', memory: null, exports: null, module: null };
  }
  return shared;
}

/** The kernel for `threads` threads: the shared-memory one when more than one and it loads. */
function ctxFor(threads: number): Ctx {
  if (!single.state) initAcnaKernel();
  if (threads > 1 && single.state!.ok && sharedCtx().state!.ok) return shared;
  return single;
}

let lastUndecided = 0;
/**
 * Atoms of the last runAcnaKernel call whose bonds the single-precision pass left to the double
 * one (a pair distance within ~1e-5 of a cutoff: liquids have a few per thousand).
 */
export function lastKernelUndecided(): number {
  return lastUndecided;
}

/** Whether the kernel is in use, and why not. */
export function acnaKernelInfo(): { ok: boolean; reason: string } {
  if (!single.state) initAcnaKernel();
  return { ok: single.state!.ok, reason: single.state!.reason };
}

/** Slots per kernel call after the first (2048). */
const CHUNK = 65536;

const align = (p: number): number => (p + 15) & ~15;

/** Grow the kernel's memory to at least `bytes`; false when it cannot (beyond ~4 GiB). */
function ensure(mem: WebAssembly.Memory, bytes: number): boolean {
  if (bytes <= mem.buffer.byteLength) return true;
  try {
    mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / 65536));
    return true;
  } catch {
    return false;
  }
}

/** The kernel's memory cannot hold this grid (a 32-bit WebAssembly memory ends at 4 GiB). */
export class KernelMemoryError extends Error {}

/** Where the last kernel-built grid lives (byte addresses), and its arrays as handed to NeighborGrid. */
interface Built {
  xyz: Float64Array;
  pXyz: number;
  pAtom: number;
  pSlot: number;
  pStart: number;
  /** First free byte after the grid. */
  end: number;
  fullest: number;
}

/**
 * A builder for NearestFinder's first grid in the kernel's memory (grid.ts, the twin of
 * NeighborGrid's constructor: the same slots), so that the kernel reads it where it is: no copy, and
 * no fresh JavaScript arrays (for a million atoms those cost ~100 ms of page faults and collection
 * per frame). Null when the kernel is not in use or the memory cannot hold the grid. The arrays it
 * returns view the kernel's memory: valid until the next build. A grid the memory cannot hold
 * throws KernelMemoryError (the caller builds it in TypeScript instead).
 */
export function kernelGridBuilder(pos: Float64Array, natoms: number, cell: Cell, threads = 1): GridFactory | null {
  const ctx = ctxFor(threads);
  const st = ctx.state!;
  if (!st.ok) return null;
  const ex = st.exports!, mem = st.memory!;
  const n = natoms;
  const pPos = align(1024 + (ex.SCRATCH.value as number));
  const pW = align(pPos + 24 * n);
  const pImgAtom = align(pW + 24 * n);
  const pImgRange = align(pImgAtom + 4 * n);
  const pBbox = align(pImgRange + 24 * n);
  const pG = align(pBbox + 48);
  if (!ensure(mem, pG)) return null;
  ctx.built = null;
  // the positions are copied once: the density passes and images() read them
  new Float64Array(mem.buffer, pPos, 3 * n).set(pos.subarray(0, 3 * n));
  const factory: GridFactory = (radius: number): ExternalGrid => {
    let np = 0, nimg = 0, pGatom = 0;
    return {
      images() {
        const w = cellWidths(cell);
        nimg = ex.gridImages(pPos, n, pW, pImgAtom, pImgRange, cell.origin[0], cell.origin[1], cell.origin[2], cell.lx, cell.ly, cell.lz, cell.xy, cell.xz, cell.yz, cell.periodic[0] ? 1 : 0, cell.periodic[1] ? 1 : 0, cell.periodic[2] ? 1 : 0, radius / w[0], radius / w[1], radius / w[2]);
        np = ex.gridTotal();
        pGatom = align(pG + 24 * (np - n));
        if (!ensure(mem, pGatom + 4 * (np - n))) throw new KernelMemoryError(`a-CNA: ${np} points do not fit in WebAssembly memory`);
        const bad = ex.gridGhosts(pW, n, pImgAtom, pImgRange, nimg, cell.lx, cell.ly, cell.lz, cell.xy, cell.xz, cell.yz, pG, pGatom, pBbox);
        return { np, bbox: new Float64Array(mem.buffer, pBbox, 6).slice(), bad };
      },
      sort(lo, inv, nc) {
        const ncell = nc[0] * nc[1] * nc[2];
        const pXyz = align(pGatom + 4 * (np - n));
        const pAtom = align(pXyz + 24 * np);
        const pSlot = align(pAtom + 4 * np);
        const pCellOf = align(pSlot + 4 * n);
        const pStart = align(pCellOf + 4 * np);
        const pFill = align(pStart + 4 * (ncell + 1));
        const end = align(pFill + 4 * ncell);
        if (!ensure(mem, end)) throw new KernelMemoryError(`a-CNA: ${np} points do not fit in WebAssembly memory`);
        new Int32Array(mem.buffer, pStart, ncell + 1).fill(0);
        const fullest = ex.gridSort(pW, n, pG, pGatom, np - n, pCellOf, pStart, pFill, pXyz, pAtom, pSlot, lo[0], lo[1], lo[2], inv[0], inv[1], inv[2], nc[0], nc[1], nc[2]);
        // the kernel's own buffers go after the grid: grow now, so that the views below stay valid
        if (!ensure(mem, end + kernelBytes(n, np, nc[0], fullest, 49, ctx === shared ? threads : 1, ex.SCRATCH.value as number))) throw new KernelMemoryError(`a-CNA: ${np} points do not fit in WebAssembly memory`);
        const buf = mem.buffer;
        const xyz = new Float64Array(buf, pXyz, 3 * np);
        ctx.built = { xyz, pXyz, pAtom, pSlot, pStart, end, fullest };
        return { xyz, atom: new Int32Array(buf, pAtom, np), slotOf: new Int32Array(buf, pSlot, n), cellStart: new Int32Array(buf, pStart, ncell + 1) };
      },
    };
  };
  // densityRadius's two passes over the copy (the ghosts' place holds the counts until images())
  factory.density = {
    box() {
      ex.densityBox(pPos, n, pBbox);
      return new Float64Array(mem.buffer, pBbox, 6).slice();
    },
    counts(lo, inv, nc) {
      const ncell = nc[0] * nc[1] * nc[2];
      if (!ensure(mem, pG + 4 * ncell)) throw new KernelMemoryError(`a-CNA: ${ncell} density cells do not fit in WebAssembly memory`);
      ex.densityCounts(pPos, n, lo[0], lo[1], lo[2], inv[0], inv[1], inv[2], nc[0], nc[1], nc[2], pG);
      return new Int32Array(mem.buffer, pG, ncell);
    },
  };
  return factory;
}

/**
 * Bytes of the kernel's buffers after the grid, and where: shared by the threads (rows, out, the
 * single-precision points), then per extra thread its scratch and the buffers below (privateLayout).
 */
function kernelLayout(base: number, natoms: number, np: number, ncx: number, fullest: number, nrows: number, threads = 1, scratchBytes = 0) {
  const pRows = align(base);
  const pOut = align(pRows + 8 * nrows);
  const pPx = align(pOut + natoms);
  const pPy = align(pPx + 4 * (np + 4));
  const pPz = align(pPy + 4 * (np + 4));
  const own = privateLayout(pPz + 4 * (np + 4), ncx, fullest, nrows);
  const parts: ThreadPart[] = [];
  let top = own.top;
  for (let t = 1; t < threads; t++) {
    const scratch = align(top);
    const p = privateLayout(scratch + scratchBytes, ncx, fullest, nrows);
    parts.push({ scratch, buffers: [p.pMx, p.pMy, p.pMz, p.pMslot, p.pMstart, p.pCd2, p.pCidx, p.pCf32, p.pSelf, p.pRaw] });
    top = p.top;
  }
  return { pRows, pOut, pPx, pPy, pPz, ...own, parts, top };
}

/** One thread's merged rows and candidates (acnaBuffers). */
function privateLayout(base: number, ncx: number, fullest: number, nrows: number) {
  // the candidate lists are read 16 entries at a time (selectNearest)
  const cap = Math.max(nrows * fullest + 2, 16);
  const pMx = align(base);
  const pMy = align(pMx + 4 * (cap + 8));
  const pMz = align(pMy + 4 * (cap + 8));
  const pMslot = align(pMz + 4 * (cap + 8));
  const pMstart = align(pMslot + 4 * (cap + 8));
  const pCd2 = align(pMstart + 4 * (ncx + 1));
  const pCidx = align(pCd2 + 8 * cap);
  const pCf32 = align(pCidx + 4 * cap);
  const pSelf = align(pCf32 + 4 * (cap + 4));
  const pRaw = align(pSelf + 4 * (fullest + 8));
  const top = pRaw + 4 * (cap + 12);
  return { pMx, pMy, pMz, pMslot, pMstart, pCd2, pCidx, pCf32, pSelf, pRaw, top };
}

function kernelBytes(natoms: number, np: number, ncx: number, fullest: number, nrows: number, threads: number, scratchBytes: number): number {
  return kernelLayout(0, natoms, np, ncx, fullest, nrows, threads, scratchBytes).top + 64;
}

/**
 * Classes of every atom of `finder`'s first grid into out (255: not answered, the caller asks
 * finder.query). Returns how many are 255, or -1 when the kernel is not in use. A grid built by
 * kernelGridBuilder (with the same `threads`) is read where it lies; any other is copied into the
 * kernel's memory. With `threads` > 1 (and the shared-memory kernel loaded) the slots are shared
 * out among worker threads: the same classes.
 */
export function runAcnaKernel(finder: NearestFinder, natoms: number, out: Uint8Array, fccFactor: number, bccFactor: number, threads = 1): number {
  const ctx = ctxFor(threads);
  const st = ctx.state!;
  if (!st.ok) return -1;
  const nthreads = ctx === shared ? Math.max(1, Math.floor(threads)) : 1;
  const ex = st.exports!, mem = st.memory!;
  const scratchBytes = ex.SCRATCH.value as number;
  const g = finder.grid;
  const L = g.layout();
  const np = g.atom.length;
  const nrows = L.rows.length >> 1;
  if (nrows > 49) return -1; // the kernel merges at most 7 x 7 rows (reach 3)
  const ncx = L.nc[0];
  const pScr = 1024;
  let pXyz: number, pAtom: number, pSlot: number, pStart: number, K: ReturnType<typeof kernelLayout>;
  const b = ctx.built;
  if (b && b.xyz === g.xyz && b.xyz.buffer === mem.buffer) {
    ({ pXyz, pAtom, pSlot, pStart } = b);
    K = kernelLayout(b.end, natoms, np, ncx, b.fullest, nrows, nthreads, scratchBytes);
    // sort() grew the memory for it (a shared memory may grow more: its views stay valid)
    if (ctx === single ? K.top > mem.buffer.byteLength : !ensure(mem, K.top)) return -1;
  } else {
    // a grid in the kernel's memory that is not the last one built has been overwritten
    if (g.xyz.buffer === mem.buffer || (g.xyz.length === 0 && np > 0)) throw new Error('a-CNA: this neighbour grid lived in the kernel memory and a later frame replaced it; build the finder again');
    // merged rows: at most (rows within reach) x (points of the fullest cell row)
    const nrowCells = L.nc[1] * L.nc[2];
    let fullest = 0;
    for (let r = 0; r < nrowCells; r++) fullest = Math.max(fullest, L.cellStart[(r + 1) * ncx] - L.cellStart[r * ncx]);
    // layout: scratch, xyz, atom, slotOf, start, then the kernel's buffers
    pXyz = align(pScr + scratchBytes);
    pAtom = align(pXyz + 8 * g.xyz.length);
    pSlot = align(pAtom + 4 * np);
    pStart = align(pSlot + 4 * natoms);
    K = kernelLayout(pStart + 4 * L.cellStart.length, natoms, np, ncx, fullest, nrows, nthreads, scratchBytes);
    if (!ensure(mem, K.top)) return -1; // beyond what a 32-bit WebAssembly memory holds (~4 GiB): the TypeScript path
    ctx.built = null; // the copy below overwrites any kernel-built grid
    const buf = mem.buffer;
    new Float64Array(buf, pXyz, g.xyz.length).set(g.xyz);
    new Int32Array(buf, pAtom, np).set(g.atom);
    new Int32Array(buf, pSlot, natoms).set(g.slotOf);
    new Int32Array(buf, pStart, L.cellStart.length).set(L.cellStart);
  }
  const buf = mem.buffer;
  new Int32Array(buf, K.pRows, L.rows.length).set(L.rows);
  const grid = [pXyz, pStart, K.pRows, nrows, pSlot, L.nc[0], L.nc[1], L.nc[2], L.lo[0], L.lo[1], L.lo[2], L.csy, L.csz, L.inv[0], L.inv[1], L.inv[2], g.radius];
  ex.acnaGrid(pXyz, pStart, K.pRows, nrows, pSlot, L.nc[0], L.nc[1], L.nc[2], L.lo[0], L.lo[1], L.lo[2], L.csy, L.csz, L.inv[0], L.inv[1], L.inv[2], g.radius, pScr);
  ex.acnaBuffers(K.pMx, K.pMy, K.pMz, K.pMslot, K.pMstart, K.pCd2, K.pCidx, K.pCf32, K.pSelf, K.pRaw);
  ex.acnaPoints(K.pPx, K.pPy, K.pPz, np);
  let left = 0;
  const exhaustive = g.exhaustive ? 1 : 0;
  if (nthreads > 1) {
    const r = runThreaded(st.module!, mem, ex, { grid, points: [K.pPx, K.pPy, K.pPz], atom: pAtom, out: K.pOut, np, exhaustive, fcc: fccFactor, bcc: bccFactor }, K.parts);
    left = r.left;
    lastUndecided = r.undecided;
  } else {
    // chunks: V8 compiles a module first with its baseline compiler and uses the optimised code
    // from the next call on (no on-stack replacement in WebAssembly); the first chunk is small
    for (let s0 = 0, step = 2048; s0 < np; s0 += step, step = CHUNK) left += ex.acnaRange(pAtom, s0, Math.min(np, s0 + step), K.pOut, exhaustive, fccFactor, bccFactor);
    lastUndecided = ex.undecided.value as number;
  }
  out.set(new Uint8Array(mem.buffer, K.pOut, natoms));
  return left;
}
