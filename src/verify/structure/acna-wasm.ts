/**
 * Loader of the adaptive-CNA WebAssembly kernel (assembly/acna.ts, compiled by `npm run build` /
 * the vitest globalSetup to dist/wasm/acna.wasm), in the pattern of engine/kernels/wasm/index.ts:
 * one WebAssembly.Memory (grown as needed and kept for the next call), the grid's arrays copied in,
 * one call for all atoms. The kernel is the twin of NearestFinder.query (first grid) +
 * classifyAdaptiveFast: the same double operations in the same order, so the same class for every
 * atom (test/verify/structure/acna-wasm.test.ts). Atoms the first grid cannot answer come back as
 * 255 for the TypeScript path. LMPV_KERNELS=scalar, a missing module or no WebAssembly SIMD: the
 * caller runs the TypeScript path (runAcnaKernel returns -1).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requestedMode } from '../../engine/kernels/wasm/index.js';
import type { NearestFinder } from './neighbors.js';

interface AcnaExports {
  SCRATCH: WebAssembly.Global;
  acnaGrid(xyz: number, start: number, rows: number, nrows: number, slotOf: number, nx: number, ny: number, nz: number, lx: number, ly: number, lz: number, sy: number, sz: number, ivx: number, ivy: number, ivz: number, r: number, scratch: number): void;
  acnaBuffers(x: number, y: number, z: number, slot: number, start: number, d2: number, idx: number, f32: number): void;
  acnaRange(atom: number, slot0: number, slot1: number, out: number, exhaustive: number, fccFactor: number, bccFactor: number): number;
}

interface State {
  ok: boolean;
  reason: string;
  memory: WebAssembly.Memory | null;
  exports: AcnaExports | null;
}
let state: State | null = null;

/** Where the build puts the module, seen from src/ (vitest) or dist/src/ (bin/lmpv.js). */
function modulePath(): string | null {
  for (const rel of ['../../../dist/wasm/acna.wasm', '../../../wasm/acna.wasm']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * Load (again) the kernel: `wasmPath` overrides where the module is read from, `mode` 'scalar'
 * disables it. Returns whether the kernel is in use and why not.
 */
export function initAcnaKernel(mode = requestedMode(), wasmPath?: string): { ok: boolean; reason: string } {
  if (mode === 'scalar') state = { ok: false, reason: 'LMPV_KERNELS=scalar', memory: null, exports: null };
  else {
    const path = wasmPath ?? modulePath();
    if (!path || !existsSync(path)) state = { ok: false, reason: `${path ?? 'dist/wasm/acna.wasm'} not built (npm run build)`, memory: null, exports: null };
    else {
      try {
        const memory = new WebAssembly.Memory({ initial: 1 });
        const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), { env: { memory } });
        state = { ok: true, reason: path, memory, exports: inst.exports as unknown as AcnaExports };
      } catch (e) {
        state = { ok: false, reason: `a-CNA kernel did not load: ${e instanceof Error ? e.message : String(e)}`, memory: null, exports: null };
      }
    }
  }
  return { ok: state.ok, reason: state.reason };
}

/** Whether the kernel is in use, and why not. */
export function acnaKernelInfo(): { ok: boolean; reason: string } {
  if (!state) initAcnaKernel();
  return { ok: state!.ok, reason: state!.reason };
}

/** Slots per kernel call after the first (2048). */
const CHUNK = 65536;

const align = (p: number): number => (p + 15) & ~15;

/**
 * Classes of every atom of `finder`'s first grid into out (255: not answered, the caller asks
 * finder.query). Returns how many are 255, or -1 when the kernel is not in use.
 */
export function runAcnaKernel(finder: NearestFinder, natoms: number, out: Uint8Array, fccFactor: number, bccFactor: number): number {
  if (!state) initAcnaKernel();
  const st = state!;
  if (!st.ok) return -1;
  const ex = st.exports!, mem = st.memory!;
  const g = finder.grid;
  const L = g.layout();
  const np = g.atom.length;
  if (L.rows.length >> 1 > 49) return -1; // the kernel merges at most 7 x 7 rows (reach 3)
  // merged rows: at most (rows within reach) x (points of the fullest cell row)
  const ncx = L.nc[0], nrowCells = L.nc[1] * L.nc[2];
  let fullest = 0;
  for (let r = 0; r < nrowCells; r++) fullest = Math.max(fullest, L.cellStart[(r + 1) * ncx] - L.cellStart[r * ncx]);
  const cap = (L.rows.length >> 1) * fullest + 2;
  // layout: scratch, xyz, atom, slotOf, start, rows, out, merged x y z slot start, candidates d2 idx f32
  const pScr = 1024;
  const pXyz = align(pScr + (ex.SCRATCH.value as number));
  const pAtom = align(pXyz + 8 * g.xyz.length);
  const pSlot = align(pAtom + 4 * np);
  const pStart = align(pSlot + 4 * natoms);
  const pRows = align(pStart + 4 * L.cellStart.length);
  const pOut = align(pRows + 4 * L.rows.length);
  const pMx = align(pOut + natoms);
  const pMy = align(pMx + 8 * cap);
  const pMz = align(pMy + 8 * cap);
  const pMslot = align(pMz + 8 * cap);
  const pMstart = align(pMslot + 4 * cap);
  const pCd2 = align(pMstart + 4 * (ncx + 1));
  const pCidx = align(pCd2 + 8 * cap);
  const pCf32 = align(pCidx + 4 * cap);
  const top = pCf32 + 4 * (cap + 4);
  if (top > mem.buffer.byteLength) {
    try {
      mem.grow(Math.ceil((top - mem.buffer.byteLength) / 65536));
    } catch {
      return -1; // beyond what a 32-bit WebAssembly memory holds (~4 GiB): the TypeScript path
    }
  }
  const buf = mem.buffer;
  new Float64Array(buf, pXyz, g.xyz.length).set(g.xyz);
  new Int32Array(buf, pAtom, np).set(g.atom);
  new Int32Array(buf, pSlot, natoms).set(g.slotOf);
  new Int32Array(buf, pStart, L.cellStart.length).set(L.cellStart);
  new Int32Array(buf, pRows, L.rows.length).set(L.rows);
  ex.acnaGrid(pXyz, pStart, pRows, L.rows.length >> 1, pSlot, L.nc[0], L.nc[1], L.nc[2], L.lo[0], L.lo[1], L.lo[2], L.csy, L.csz, L.inv[0], L.inv[1], L.inv[2], g.radius, pScr);
  ex.acnaBuffers(pMx, pMy, pMz, pMslot, pMstart, pCd2, pCidx, pCf32);
  // chunks: V8 compiles a module first with its baseline compiler and uses the optimised code
  // from the next call on (no on-stack replacement in WebAssembly); the first chunk is small
  let left = 0;
  for (let s0 = 0, step = 2048; s0 < np; s0 += step, step = CHUNK) left += ex.acnaRange(pAtom, s0, Math.min(np, s0 + step), pOut, g.exhaustive ? 1 : 0, fccFactor, bccFactor);
  out.set(new Uint8Array(buf, pOut, natoms));
  return left;
}
