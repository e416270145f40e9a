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
 */
import { loadWasm, requestedMode } from '../io/wasm-loader.js';
import { cellWidths, type Cell, type ExternalGrid, type GridFactory, type NearestFinder } from './neighbors.js';

interface AcnaExports {
  SCRATCH: WebAssembly.Global;
  acnaGrid(xyz: number, start: number, rows: number, nrows: number, slotOf: number, nx: number, ny: number, nz: number, lx: number, ly: number, lz: number, sy: number, sz: number, ivx: number, ivy: number, ivz: number, r: number, scratch: number): void;
  acnaBuffers(x: number, y: number, z: number, slot: number, start: number, d2: number, idx: number, f32: number, self: number, raw: number): void;
  acnaPoints(x: number, y: number, z: number, np: number): void;
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
}
let state: State | null = null;

/**
 * Load (again) the kernel: `wasmPath` overrides where the module is read from, `mode` 'scalar'
 * disables it. Returns whether the kernel is in use and why not.
 */
export function initAcnaKernel(mode = requestedMode(), wasmPath?: string): { ok: boolean; reason: string } {
  state = loadWasm<AcnaExports>('acna', { mode, path: wasmPath, label: 'a-CNA kernel' });
  return { ok: state.ok, reason: state.reason };
}

/**
 * Atoms of the last runAcnaKernel call whose bonds the single-precision pass left to the double
 * one (a pair distance within ~1e-5 of a cutoff: liquids have a few per thousand).
 */
export function lastKernelUndecided(): number {
  return state?.exports ? (state.exports.undecided.value as number) : 0;
}

/** Whether the kernel is in use, and why not. */
export function acnaKernelInfo(): { ok: boolean; reason: string } {
  if (!state) initAcnaKernel();
  return { ok: state!.ok, reason: state!.reason };
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
let built: Built | null = null;

/**
 * A builder for NearestFinder's first grid in the kernel's memory (grid.ts, the twin of
 * NeighborGrid's constructor: the same slots), so that the kernel reads it where it is: no copy, and
 * no fresh JavaScript arrays (for a million atoms those cost ~100 ms of page faults and collection
 * per frame). Null when the kernel is not in use or the memory cannot hold the grid. The arrays it
 * returns view the kernel's memory: valid until the next build. A grid the memory cannot hold
 * throws KernelMemoryError (the caller builds it in TypeScript instead).
 */
export function kernelGridBuilder(pos: Float64Array, natoms: number, cell: Cell): GridFactory | null {
  if (!state) initAcnaKernel();
  const st = state!;
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
  built = null;
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
        if (!ensure(mem, end + kernelBytes(n, np, nc[0], fullest, 49))) throw new KernelMemoryError(`a-CNA: ${np} points do not fit in WebAssembly memory`);
        const buf = mem.buffer;
        const xyz = new Float64Array(buf, pXyz, 3 * np);
        built = { xyz, pXyz, pAtom, pSlot, pStart, end, fullest };
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

/** Bytes of the kernel's buffers after the grid (rows, out, merged rows, candidates), and where. */
function kernelLayout(base: number, natoms: number, np: number, ncx: number, fullest: number, nrows: number) {
  // the candidate lists are read 16 entries at a time (selectNearest)
  const cap = Math.max(nrows * fullest + 2, 16);
  const pRows = align(base);
  const pOut = align(pRows + 8 * nrows);
  const pMx = align(pOut + natoms);
  const pMy = align(pMx + 4 * (cap + 8));
  const pMz = align(pMy + 4 * (cap + 8));
  const pMslot = align(pMz + 4 * (cap + 8));
  const pMstart = align(pMslot + 4 * (cap + 8));
  const pCd2 = align(pMstart + 4 * (ncx + 1));
  const pCidx = align(pCd2 + 8 * cap);
  const pCf32 = align(pCidx + 4 * cap);
  const pSelf = align(pCf32 + 4 * (cap + 4));
  const pRaw = align(pSelf + 4 * (fullest + 8));
  const pPx = align(pRaw + 4 * (cap + 12));
  const pPy = align(pPx + 4 * (np + 4));
  const pPz = align(pPy + 4 * (np + 4));
  const top = pPz + 4 * (np + 4);
  return { pRows, pOut, pMx, pMy, pMz, pMslot, pMstart, pCd2, pCidx, pCf32, pSelf, pRaw, pPx, pPy, pPz, top };
}

function kernelBytes(natoms: number, np: number, ncx: number, fullest: number, nrows: number): number {
  return kernelLayout(0, natoms, np, ncx, fullest, nrows).top + 64;
}

/**
 * Classes of every atom of `finder`'s first grid into out (255: not answered, the caller asks
 * finder.query). Returns how many are 255, or -1 when the kernel is not in use. A grid built by
 * kernelGridBuilder is read where it lies; any other is copied into the kernel's memory.
 */
export function runAcnaKernel(finder: NearestFinder, natoms: number, out: Uint8Array, fccFactor: number, bccFactor: number): number {
  if (!state) initAcnaKernel();
  const st = state!;
  if (!st.ok) return -1;
  const ex = st.exports!, mem = st.memory!;
  const g = finder.grid;
  const L = g.layout();
  const np = g.atom.length;
  const nrows = L.rows.length >> 1;
  if (nrows > 49) return -1; // the kernel merges at most 7 x 7 rows (reach 3)
  const ncx = L.nc[0];
  const pScr = 1024;
  let pXyz: number, pAtom: number, pSlot: number, pStart: number, K: ReturnType<typeof kernelLayout>;
  const b = built;
  if (b && b.xyz === g.xyz && b.xyz.buffer === mem.buffer) {
    ({ pXyz, pAtom, pSlot, pStart } = b);
    K = kernelLayout(b.end, natoms, np, ncx, b.fullest, nrows);
    if (K.top > mem.buffer.byteLength) return -1; // cannot happen: sort() grew the memory for it
  } else {
    // a grid in the kernel's memory that is not the last one built has been overwritten
    if (g.xyz.buffer === mem.buffer || (g.xyz.length === 0 && np > 0)) throw new Error('a-CNA: this neighbour grid lived in the kernel memory and a later frame replaced it; build the finder again');
    // merged rows: at most (rows within reach) x (points of the fullest cell row)
    const nrowCells = L.nc[1] * L.nc[2];
    let fullest = 0;
    for (let r = 0; r < nrowCells; r++) fullest = Math.max(fullest, L.cellStart[(r + 1) * ncx] - L.cellStart[r * ncx]);
    // layout: scratch, xyz, atom, slotOf, start, then the kernel's buffers
    pXyz = align(pScr + (ex.SCRATCH.value as number));
    pAtom = align(pXyz + 8 * g.xyz.length);
    pSlot = align(pAtom + 4 * np);
    pStart = align(pSlot + 4 * natoms);
    K = kernelLayout(pStart + 4 * L.cellStart.length, natoms, np, ncx, fullest, nrows);
    if (!ensure(mem, K.top)) return -1; // beyond what a 32-bit WebAssembly memory holds (~4 GiB): the TypeScript path
    built = null; // the copy below overwrites any kernel-built grid
    const buf = mem.buffer;
    new Float64Array(buf, pXyz, g.xyz.length).set(g.xyz);
    new Int32Array(buf, pAtom, np).set(g.atom);
    new Int32Array(buf, pSlot, natoms).set(g.slotOf);
    new Int32Array(buf, pStart, L.cellStart.length).set(L.cellStart);
  }
  const buf = mem.buffer;
  new Int32Array(buf, K.pRows, L.rows.length).set(L.rows);
  ex.acnaGrid(pXyz, pStart, K.pRows, nrows, pSlot, L.nc[0], L.nc[1], L.nc[2], L.lo[0], L.lo[1], L.lo[2], L.csy, L.csz, L.inv[0], L.inv[1], L.inv[2], g.radius, pScr);
  ex.acnaBuffers(K.pMx, K.pMy, K.pMz, K.pMslot, K.pMstart, K.pCd2, K.pCidx, K.pCf32, K.pSelf, K.pRaw);
  ex.acnaPoints(K.pPx, K.pPy, K.pPz, np);
  // chunks: V8 compiles a module first with its baseline compiler and uses the optimised code
  // from the next call on (no on-stack replacement in WebAssembly); the first chunk is small
  let left = 0;
  for (let s0 = 0, step = 2048; s0 < np; s0 += step, step = CHUNK) left += ex.acnaRange(pAtom, s0, Math.min(np, s0 + step), K.pOut, g.exhaustive ? 1 : 0, fccFactor, bccFactor);
  out.set(new Uint8Array(buf, K.pOut, natoms));
  return left;
}
