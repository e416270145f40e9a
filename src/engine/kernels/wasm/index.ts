/**
 * Loader of the AssemblyScript f64x2 kernels (wasm/assembly/*.ts, compiled by `npm run build` /
 * the vitest globalSetup with asconfig.json to dist/wasm/kernels.wasm), as thi.ng/simd's
 * src/index.ts: one WebAssembly.Memory, typed-array views over it, and a scalar fallback.
 *
 * - `init(memory?)` compiles the module synchronously against `memory` (a new one by default) and
 *   returns the mode: 'wasm' when the module loads (WebAssembly with SIMD), 'scalar' otherwise or
 *   when LMPV_KERNELS=scalar. Without init, the first use initialises lazily. Never throws for a
 *   missing module or missing SIMD: the scalar twins (kernels/scalar/) are used instead.
 * - `kernels()` gives the raw exports (pointer, count, stride arguments; byte addresses into
 *   `memory()`), for callers that keep their arrays in wasm memory (bench, tests).
 * - `pairLjAos(...)` is the engine-facing call with plain typed arrays: it copies them into a
 *   module-owned workspace in wasm memory, runs the kernel and copies forces (and eatom) back; the
 *   neighbour list copy is skipped when the same list buffer has not been rebuilt since
 *   (NeighborListBuffer.builds). In scalar mode it runs the twin on the arrays directly.
 * - `meamScreenAos(...)` is MEAM's screening pass over every owned atom (wasm/assembly/meam-screen.ts);
 *   it returns views of its results in wasm memory, or null in scalar mode, where MEAM runs its
 *   twin (screen() in potentials/meam/evaluate.ts).
 * All are bitwise the same as the plain loops (same operations in the same order), so switching
 * LMPV_KERNELS never changes a number.
 */
import { loadWasm, requestedMode, type KernelMode } from '../../../io/wasm-loader.js';
import { pairLj_aos, PARAM_STRIDE } from '../scalar/pair-lj.js';
import { reaxffNonbonded_aos, reaxffTabulated_aos, qeqH_aos, qeqCg } from '../scalar/reaxff.js';

export interface KernelExports {
  /** See wasm/assembly/pair-lj.ts: returns the pair energy. */
  pairLj_f64x2_aos(f: number, eatom: number, x: number, type: number, offsets: number, neighbors: number, inum: number, params: number, ntp: number): number;
  /** See wasm/assembly/meam-screen.ts: returns the screening entries written, or -1 (grow trCap). */
  meamScreen_f64x2_aos(x: number, elt: number, nlocal: number, fOff: number, fNb: number, hOff: number, hNb: number, nelt: number, ebound: number, cmin: number, cmax: number, rc: number, delr: number, candCut: number, scr: number, dscr: number, fcp: number, trStart: number, trEnd: number, trK: number, trRik2: number, trRjk2: number, trC: number, trDelc: number, trCap: number): number;
  meamScreenScratch(candK: number, candR2: number, candX: number): void;
  /** See wasm/assembly/meam-densities.ts. */
  meamDensities_aos(x: number, elt: number, nlocal: number, nall: number, hOff: number, hNb: number, scr: number, fcp: number, nelt: number, rc: number, ialloy: number, par: number, rho0: number, arho2b: number, arho1: number, arho2: number, arho3: number, arho3b: number, tAve: number, tsqAve: number): void;
  /** x^y by the module's pow (see `pow` below). */
  pow(x: number, y: number): number;
  /** First byte above the module's static data (Math.pow's tables): workspaces start above it. */
  heapBase(): number;
  /** See wasm/assembly/reaxff.ts. */
  reaxffNonbonded_f64_aos(f: number, eatom: number, x: number, elem: number, q: number, offsets: number, neighbors: number, inum: number, pairs: number, nel: number, tap: number, pvdw1: number, vdwType: number, lgvdw: number, swb2: number, energy: number): void;
  /** See wasm/assembly/reaxff.ts: returns -1 or the first element pair without a table. */
  reaxffTabulated_f64_aos(f: number, eatom: number, x: number, elem: number, q: number, offsets: number, neighbors: number, inum: number, tabIndex: number, tab: number, nel: number, len: number, dx: number, invDx: number, swb2: number, energy: number): number;
  /** See wasm/assembly/reaxff.ts: returns the number of values. */
  qeqH_f64_aos(first: number, col: number, val: number, x: number, type: number, owner: number, offsets: number, neighbors: number, n: number, inGroup: number, shld: number, nt: number, tap: number, swb2: number): number;
  /** See wasm/assembly/reaxff.ts: returns the iteration count. */
  qeqCg_f64(first: number, col: number, val: number, eta: number, hdinv: number, b: number, x: number, r: number, d: number, p: number, q: number, inGroup: number, n: number, tol: number, imax: number): number;
}

interface State {
  mode: KernelMode;
  /** Why the mode is scalar (or the module path when wasm). */
  reason: string;
  memory: WebAssembly.Memory | null;
  exports: KernelExports | null;
}

let state: State | null = null;

/**
 * x^y for the engine's hot JavaScript loops (ReaxFF bond orders, bond energy, valence angles): the
 * kernel module's export `pow` (AssemblyScript's Math.pow = musl's pow.c, the algorithm of glibc
 * >= 2.28 that LAMMPS links: measured equal to glibc's pow bit for bit on 99.9% of inputs, V8's
 * Math.pow on 91%) at about half the cost of V8's Math.pow even with the call into wasm; V8's
 * Math.pow in scalar mode. A live binding: set when the module is loaded (first use loads it).
 */
export let pow: (x: number, y: number) => number = (x, y) => {
  current();
  return pow(x, y);
};

/**
 * Load the kernel module (io/wasm-loader.ts: dist/wasm/kernels.wasm, compiled once) against `memory`
 * (default: a new 1-page memory that grows as needed). Returns the mode now in use. Calling init
 * again replaces the previous state. `wasmPath` overrides where the module is read from (tests of
 * the fallback).
 */
export function init(memory?: WebAssembly.Memory, mode: KernelMode = requestedMode(), wasmPath?: string): KernelMode {
  ws = null;
  const r = loadWasm<KernelExports>('kernels', { mode, path: wasmPath, memory, label: 'kernel module' });
  state = { mode: r.ok ? 'wasm' : 'scalar', reason: r.reason, memory: r.memory, exports: r.exports };
  pow = state.exports?.pow ?? Math.pow;
  return state.mode;
}

function current(): State {
  if (!state) init();
  return state!;
}

/** The mode in use ('wasm' or 'scalar') and why. */
export function kernelInfo(): { mode: KernelMode; reason: string } {
  const s = current();
  return { mode: s.mode, reason: s.reason };
}

export function kernelMode(): KernelMode {
  return current().mode;
}

/** Raw kernel exports, or null in scalar mode. */
export function kernels(): KernelExports | null {
  return current().exports;
}

/** The kernels' memory, or null in scalar mode. */
export function memory(): WebAssembly.Memory | null {
  return current().memory;
}

/**
 * Bump allocator over the kernels' memory for callers that keep buffers there (bench, tests):
 * `alloc` returns 16-byte aligned byte addresses from `base`, growing the memory; take views
 * with f64()/i32() AFTER the last alloc (growing detaches earlier views). The engine-facing
 * calls (pairLjAos, meam*Aos, reaxff*Aos) keep their workspace from above the module's static data
 * (heapBase(), a few KiB: the tables of its pow/exp) up: give other arenas a base
 * above what those need (the tests and the bench use 64 MiB).
 */
export class WasmArena {
  private top: number;
  constructor(
    readonly memory: WebAssembly.Memory,
    readonly base = 1024,
  ) {
    this.top = base;
  }
  alloc(bytes: number): number {
    const p = this.top;
    this.top = (p + bytes + 15) & ~15;
    const need = this.top - this.memory.buffer.byteLength;
    if (need > 0) this.memory.grow(Math.ceil(need / 65536));
    return p;
  }
  reset(): void {
    this.top = this.base;
  }
  f64(ptr: number, n: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, n);
  }
  i32(ptr: number, n: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, n);
  }
}

/** A neighbour list as potentials/types.ts NeighborList, plus NeighborListBuffer's build counter when present. */
export interface CsrList {
  inum: number;
  offsets: Int32Array;
  neighbors: Int32Array;
  builds?: number;
}

// engine-facing workspace: named slots laid out in the kernels' memory; when one must grow, all are
// laid out again (generation + 1: whatever a caller cached in a slot is gone)
interface Workspace {
  arena: WasmArena;
  cap: Map<string, number>;
  ptr: Map<string, number>;
  gen: number;
}
let ws: Workspace | null = null;
/** Layout generation, increasing over the life of the process (never reused by a new workspace). */
let generation = 0;
// the LJ call's neighbour-list cache: what its 'nb' slot holds
let ljListKey: { gen: number; list: CsrList | null; neighbors: Int32Array | null; builds: number; size: number } = { gen: -1, list: null, neighbors: null, builds: -1, size: -1 };

/** Byte addresses of slots with at least the given byte sizes (throws if the memory cannot grow). */
function slots(mem: WebAssembly.Memory, need: Record<string, number>): Workspace {
  // a new workspace (after init or a failed grow) starts a new generation too
  if (!ws) {
    // above the module's static data (the lookup tables of its pow and exp)
    const base = Math.max(1024, (state?.exports?.heapBase?.() ?? 0) + 15) & ~15;
    ws = { arena: new WasmArena(mem, base), cap: new Map(), ptr: new Map(), gen: ++generation };
  }
  const w = ws;
  let grow = false;
  for (const [k, bytes] of Object.entries(need)) {
    const have = w.cap.get(k) ?? -1;
    if (have < bytes) {
      w.cap.set(k, Math.max(bytes, Math.ceil(have * 1.25), 64));
      grow = true;
    }
  }
  if (grow) {
    w.gen = ++generation;
    w.arena.reset();
    for (const [k, bytes] of w.cap) w.ptr.set(k, w.arena.alloc(bytes));
  }
  return w;
}

/**
 * LJ energy and forces over a half CSR list (AoS x, see scalar/pair-lj.ts for the formula and the
 * params layout), with the SIMD kernel when available, else the scalar twin. `f` (3*nall) and
 * `eatom` (nall, or null) are accumulated into. Returns the pair energy. Bitwise the same in both
 * modes.
 */
export function pairLjAos(
  f: Float64Array,
  eatom: Float64Array | null,
  x: Float64Array,
  type: Int32Array,
  nall: number,
  list: CsrList,
  params: Float64Array,
  ntp: number,
): number {
  const s = current();
  const inum = list.inum;
  if (s.mode === 'scalar' || !s.exports || !s.memory) return pairLj_aos(f, eatom, x, type, list.offsets, list.neighbors, inum, params, ntp);
  const nnb = list.offsets[inum];
  const nparams = ntp * ntp * PARAM_STRIDE;
  let w: Workspace;
  try {
    w = slots(s.memory, { ljParams: 8 * nparams, ljX: 24 * nall, ljF: 24 * nall, ljEatom: eatom ? 8 * nall : 0, ljType: 4 * nall, ljOff: 4 * (inum + 1), ljNb: 4 * nnb });
  } catch {
    // memory.grow refused (wasm32's 4 GiB, or the host's limit): the twin gives the same numbers
    ws = null;
    return pairLj_aos(f, eatom, x, type, list.offsets, list.neighbors, inum, params, ntp);
  }
  const buf = s.memory.buffer;
  const p = (k: string) => w.ptr.get(k)!;
  new Float64Array(buf, p('ljParams'), nparams).set(params.subarray(0, nparams));
  new Float64Array(buf, p('ljX'), 3 * nall).set(x.subarray(0, 3 * nall));
  const fw = new Float64Array(buf, p('ljF'), 3 * nall);
  fw.set(f.subarray(0, 3 * nall));
  let ew: Float64Array | null = null;
  if (eatom) {
    ew = new Float64Array(buf, p('ljEatom'), nall);
    ew.set(eatom.subarray(0, nall));
  }
  new Int32Array(buf, p('ljType'), nall).set(type.subarray(0, nall));
  new Int32Array(buf, p('ljOff'), inum + 1).set(list.offsets.subarray(0, inum + 1));
  const k = ljListKey;
  const builds = list.builds ?? -1;
  if (!(builds >= 0 && k.gen === w.gen && k.list === list && k.neighbors === list.neighbors && k.builds === builds && k.size === nnb)) {
    new Int32Array(buf, p('ljNb'), nnb).set(list.neighbors.subarray(0, nnb));
    ljListKey = { gen: w.gen, list, neighbors: list.neighbors, builds, size: nnb };
  }
  const e = s.exports.pairLj_f64x2_aos(p('ljF'), ew ? p('ljEatom') : 0, p('ljX'), p('ljType'), p('ljOff'), p('ljNb'), inum, p('ljParams'), ntp);
  f.set(fw);
  if (eatom && ew) eatom.set(ew);
  return e;
}

/** What the MEAM screening pass writes (views of the kernels' memory, valid until the next kernel call). */
export interface MeamScreenResult {
  scr: Float64Array;
  dscr: Float64Array;
  fcp: Float64Array;
  trStart: Int32Array;
  trEnd: Int32Array;
  trK: Int32Array;
  trRik2: Float64Array;
  trRjk2: Float64Array;
  trC: Float64Array;
  trDelc: Float64Array;
  ntr: number;
  /** Per-atom densities over nall atoms (meam-densities.ts). */
  rho0: Float64Array;
  arho2b: Float64Array;
  arho1: Float64Array;
  arho2: Float64Array;
  arho3: Float64Array;
  arho3b: Float64Array;
  tAve: Float64Array;
  tsqAve: Float64Array;
}

/** MEAM parameters the screening reads (potentials/meam/params.ts). */
export interface MeamScreenParams {
  nelt: number;
  ebound: Float64Array;
  Cmin: Float64Array;
  Cmax: Float64Array;
  rc: number;
  delr: number;
  ialloy: number;
  re: Float64Array;
  rho0: Float64Array;
  beta0: Float64Array;
  beta1: Float64Array;
  beta2: Float64Array;
  beta3: Float64Array;
  t1: Float64Array;
  t2: Float64Array;
  t3: Float64Array;
}

let meamKey = { gen: -1, full: null as CsrList | null, neighbors: null as Int32Array | null, builds: -1, size: -1, half: -1 };
/** Screening entries the last call needed (the next starts with room for them). */
let meamTrCap = 0;

/**
 * MEAM pass 1 (screening, wasm/assembly/meam-screen.ts, then the densities, meam-densities.ts)
 * over the owned atoms' half list (hOff/hNb, derived from `full`; `halfVersion` changes whenever
 * they are derived again), or null in scalar mode (or when the memory cannot grow): the caller then
 * runs its twins, screen() and densities() in potentials/meam/evaluate.ts. Bitwise the same
 * results. The full and half lists are copied only when rebuilt; positions and elements every call.
 */
export function meamScreenAos(x: Float64Array, elt: Int32Array, nall: number, full: CsrList, hOff: Int32Array, hNb: Int32Array, halfVersion: number, p: MeamScreenParams, candCut: number): MeamScreenResult | null {
  const s = current();
  if (s.mode === 'scalar' || !s.exports || !s.memory) return null;
  const nlocal = full.inum;
  const nfull = full.offsets[nlocal], nhalf = hOff[nlocal];
  let widest = 0;
  for (let i = 0; i < nlocal; i++) widest = Math.max(widest, full.offsets[i + 1] - full.offsets[i]);
  const n = p.nelt;
  for (let attempt = 0; attempt < 8; attempt++) {
    const trCap = Math.max(meamTrCap, 1024);
    let w: Workspace;
    try {
      w = slots(s.memory, {
        msX: 24 * nall, msElt: 4 * nall, msFOff: 4 * (nlocal + 1), msFNb: 4 * nfull + 4, msHOff: 4 * (nlocal + 1), msHNb: 4 * nhalf + 4,
        msEb: 8 * n * n, msCmin: 8 * n * n * n, msCmax: 8 * n * n * n,
        msScr: 8 * nhalf + 8, msDscr: 8 * nhalf + 8, msFcp: 8 * nhalf + 8, msTrS: 4 * nhalf + 4, msTrE: 4 * nhalf + 4,
        msTrK: 4 * trCap, msTrRik: 8 * trCap, msTrRjk: 8 * trCap, msTrC: 8 * trCap, msTrD: 8 * trCap,
        msCK: 4 * (widest + 2), msCR: 8 * (widest + 2), msCX: 24 * (widest + 2),
        msPar: 8 * (n * n + 8 * n), msRho0: 8 * nall, msA2b: 8 * nall, msA1: 24 * nall, msA2: 48 * nall, msA3: 80 * nall, msA3b: 24 * nall, msTA: 24 * nall, msTS: 24 * nall,
      });
    } catch {
      ws = null;
      return null;
    }
    const buf = s.memory.buffer;
    const ptr = (k: string) => w.ptr.get(k)!;
    new Float64Array(buf, ptr('msX'), 3 * nall).set(x.subarray(0, 3 * nall));
    new Int32Array(buf, ptr('msElt'), nall).set(elt.subarray(0, nall));
    new Float64Array(buf, ptr('msEb'), n * n).set(p.ebound.subarray(0, n * n));
    new Float64Array(buf, ptr('msCmin'), n * n * n).set(p.Cmin.subarray(0, n * n * n));
    new Float64Array(buf, ptr('msCmax'), n * n * n).set(p.Cmax.subarray(0, n * n * n));
    const k = meamKey;
    const builds = full.builds ?? -1;
    if (!(builds >= 0 && k.gen === w.gen && k.full === full && k.neighbors === full.neighbors && k.builds === builds && k.size === nfull)) {
      new Int32Array(buf, ptr('msFOff'), nlocal + 1).set(full.offsets.subarray(0, nlocal + 1));
      new Int32Array(buf, ptr('msFNb'), nfull).set(full.neighbors.subarray(0, nfull));
      k.half = -1;
    }
    if (!(k.half === halfVersion && k.gen === w.gen)) {
      new Int32Array(buf, ptr('msHOff'), nlocal + 1).set(hOff.subarray(0, nlocal + 1));
      new Int32Array(buf, ptr('msHNb'), nhalf).set(hNb.subarray(0, nhalf));
    }
    meamKey = { gen: w.gen, full, neighbors: full.neighbors, builds, size: nfull, half: halfVersion };
    const ex = s.exports;
    ex.meamScreenScratch(ptr('msCK'), ptr('msCR'), ptr('msCX'));
    const ntr = ex.meamScreen_f64x2_aos(
      ptr('msX'), ptr('msElt'), nlocal, ptr('msFOff'), ptr('msFNb'), ptr('msHOff'), ptr('msHNb'),
      n, ptr('msEb'), ptr('msCmin'), ptr('msCmax'), p.rc, p.delr, candCut,
      ptr('msScr'), ptr('msDscr'), ptr('msFcp'), ptr('msTrS'), ptr('msTrE'),
      ptr('msTrK'), ptr('msTrRik'), ptr('msTrRjk'), ptr('msTrC'), ptr('msTrD'), trCap,
    );
    if (ntr < 0) {
      meamTrCap = 2 * trCap;
      continue;
    }
    const par = new Float64Array(s.memory.buffer, ptr('msPar'), n * n + 8 * n);
    par.set(p.re.subarray(0, n * n));
    [p.rho0, p.beta0, p.beta1, p.beta2, p.beta3, p.t1, p.t2, p.t3].forEach((a, q) => par.set(a.subarray(0, n), n * n + q * n));
    ex.meamDensities_aos(ptr('msX'), ptr('msElt'), nlocal, nall, ptr('msHOff'), ptr('msHNb'), ptr('msScr'), ptr('msFcp'), n, p.rc, p.ialloy, ptr('msPar'),
      ptr('msRho0'), ptr('msA2b'), ptr('msA1'), ptr('msA2'), ptr('msA3'), ptr('msA3b'), ptr('msTA'), ptr('msTS'));
    const b = s.memory.buffer;
    return {
      rho0: new Float64Array(b, ptr('msRho0'), nall),
      arho2b: new Float64Array(b, ptr('msA2b'), nall),
      arho1: new Float64Array(b, ptr('msA1'), 3 * nall),
      arho2: new Float64Array(b, ptr('msA2'), 6 * nall),
      arho3: new Float64Array(b, ptr('msA3'), 10 * nall),
      arho3b: new Float64Array(b, ptr('msA3b'), 3 * nall),
      tAve: new Float64Array(b, ptr('msTA'), 3 * nall),
      tsqAve: new Float64Array(b, ptr('msTS'), 3 * nall),
      scr: new Float64Array(b, ptr('msScr'), nhalf),
      dscr: new Float64Array(b, ptr('msDscr'), nhalf),
      fcp: new Float64Array(b, ptr('msFcp'), nhalf),
      trStart: new Int32Array(b, ptr('msTrS'), nhalf),
      trEnd: new Int32Array(b, ptr('msTrE'), nhalf),
      trK: new Int32Array(b, ptr('msTrK'), ntr),
      trRik2: new Float64Array(b, ptr('msTrRik'), ntr),
      trRjk2: new Float64Array(b, ptr('msTrRjk'), ntr),
      trC: new Float64Array(b, ptr('msTrC'), ntr),
      trDelc: new Float64Array(b, ptr('msTrD'), ntr),
      ntr,
    };
  }
  return null;
}

// the ReaxFF calls' neighbour-list caches: which list (object and size) their slot holds
const rxListKey = { nb: { gen: -1, list: null as CsrList | null, size: -1 }, h: { gen: -1, list: null as CsrList | null, size: -1 } };

/** Copy a CSR list into slots `off`/`nb` unless the same list object of the same size is there already. */
function copyList(w: Workspace, buf: ArrayBuffer, key: { gen: number; list: CsrList | null; size: number }, list: CsrList, off: string, nb: string, stable: boolean): void {
  const n = list.inum, m = list.offsets[n];
  if (stable && key.gen === w.gen && key.list === list && key.size === m) return;
  new Int32Array(buf, w.ptr.get(off)!, n + 1).set(list.offsets.subarray(0, n + 1));
  new Int32Array(buf, w.ptr.get(nb)!, m).set(list.neighbors.subarray(0, m));
  key.gen = w.gen; key.list = list; key.size = m;
}

/** What the ReaxFF non-bonded loop reads besides the atoms (see scalar/reaxff.ts). */
export interface ReaxffNonbondedConsts {
  pairs: Float64Array;
  nel: number;
  tap: Float64Array;
  pvdw1: number;
  vdwType: number;
  lgvdw: boolean;
  swb2: number;
}

/**
 * ReaxFF vdW + Coulomb over a half CSR list (wasm/assembly/reaxff.ts; scalar twin in scalar mode).
 * `f` (3*nall) and `eatom` (nall or null) are accumulated into; energy[0..1] = ew, ep.
 * `listStable`: the caller replaces the list object whenever its content changes (halfFromFull
 * does), so an unchanged object need not be copied again.
 */
export function reaxffNonbondedAos(f: Float64Array, eatom: Float64Array | null, x: Float64Array, elem: Int32Array, q: Float64Array, nall: number, list: CsrList, c: ReaxffNonbondedConsts, energy: Float64Array, listStable = false): void {
  const s = current();
  const inum = list.inum;
  const scalar = () => reaxffNonbonded_aos(f, eatom, x, elem, q, list.offsets, list.neighbors, inum, c.pairs, c.nel, c.tap, c.pvdw1, c.vdwType, c.lgvdw, c.swb2, energy);
  if (s.mode === 'scalar' || !s.exports || !s.memory) return scalar();
  let w: Workspace;
  try {
    w = slots(s.memory, { rxPairs: 8 * c.pairs.length, rxTap: 64, rxE: 16, rxX: 24 * nall, rxF: 24 * nall, rxEatom: eatom ? 8 * nall : 0, rxElem: 4 * nall, rxQ: 8 * nall, rxOff: 4 * (inum + 1), rxNb: 4 * list.offsets[inum] });
  } catch {
    ws = null;
    return scalar();
  }
  const buf = s.memory.buffer;
  const p = (k: string) => w.ptr.get(k)!;
  new Float64Array(buf, p('rxPairs'), c.pairs.length).set(c.pairs);
  new Float64Array(buf, p('rxTap'), 8).set(c.tap.subarray(0, 8));
  new Float64Array(buf, p('rxX'), 3 * nall).set(x.subarray(0, 3 * nall));
  const fw = new Float64Array(buf, p('rxF'), 3 * nall);
  fw.set(f.subarray(0, 3 * nall));
  let ew: Float64Array | null = null;
  if (eatom) {
    ew = new Float64Array(buf, p('rxEatom'), nall);
    ew.set(eatom.subarray(0, nall));
  }
  new Int32Array(buf, p('rxElem'), nall).set(elem.subarray(0, nall));
  new Float64Array(buf, p('rxQ'), nall).set(q.subarray(0, nall));
  copyList(w, buf, rxListKey.nb, list, 'rxOff', 'rxNb', listStable);
  s.exports.reaxffNonbonded_f64_aos(p('rxF'), ew ? p('rxEatom') : 0, p('rxX'), p('rxElem'), p('rxQ'), p('rxOff'), p('rxNb'), inum, p('rxPairs'), c.nel, p('rxTap'), c.pvdw1, c.vdwType, c.lgvdw ? 1 : 0, c.swb2, p('rxE'));
  f.set(fw);
  if (eatom && ew) eatom.set(ew);
  const e = new Float64Array(buf, p('rxE'), 2);
  energy[0] = e[0];
  energy[1] = e[1];
}

/** tabulate_long_range tables flat, as reaxffTabulated_f64_aos reads them (potentials/reaxff/nonbonded.ts builds it once per table). */
export interface ReaxffFlatTable {
  /** First double of each element pair's block in `tab`, -1 without a table (nel*nel). */
  index: Int32Array;
  tab: Float64Array;
  nel: number;
  /** Doubles per cubic table: 4*(N+2). */
  len: number;
  dx: number;
  invDx: number;
}
// which flat table the rxTab slot holds
const rxTabKey = { gen: -1, tab: null as ReaxffFlatTable | null };

/**
 * ReaxFF vdW + Coulomb through tabulate_long_range splines (wasm/assembly/reaxff.ts
 * reaxffTabulated_f64_aos; the scalar twin in scalar mode; bitwise the same). Accumulates into f
 * and eatom as reaxffNonbondedAos; energy[0..1] = ew, ep. Returns -1 or the first element pair
 * ti*nel + tj met without a table. The table is copied into wasm memory once.
 */
export function reaxffTabulatedAos(f: Float64Array, eatom: Float64Array | null, x: Float64Array, elem: Int32Array, q: Float64Array, nall: number, list: CsrList, t: ReaxffFlatTable, swb2: number, energy: Float64Array, listStable = false): number {
  const s = current();
  const inum = list.inum;
  const scalar = () => reaxffTabulated_aos(f, eatom, x, elem, q, list.offsets, list.neighbors, inum, t.index, t.tab, t.nel, t.len, t.dx, t.invDx, swb2, energy);
  if (s.mode === 'scalar' || !s.exports || !s.memory) return scalar();
  let w: Workspace;
  try {
    w = slots(s.memory, { rxTab: 8 * t.tab.length, rxTabIdx: 4 * t.index.length, rxE: 16, rxX: 24 * nall, rxF: 24 * nall, rxEatom: eatom ? 8 * nall : 0, rxElem: 4 * nall, rxQ: 8 * nall, rxOff: 4 * (inum + 1), rxNb: 4 * list.offsets[inum] });
  } catch {
    ws = null;
    return scalar();
  }
  const buf = s.memory.buffer;
  const p = (k: string) => w.ptr.get(k)!;
  if (rxTabKey.gen !== w.gen || rxTabKey.tab !== t) {
    new Float64Array(buf, p('rxTab'), t.tab.length).set(t.tab);
    rxTabKey.gen = w.gen; rxTabKey.tab = t;
  }
  new Int32Array(buf, p('rxTabIdx'), t.index.length).set(t.index);
  new Float64Array(buf, p('rxX'), 3 * nall).set(x.subarray(0, 3 * nall));
  const fw = new Float64Array(buf, p('rxF'), 3 * nall);
  fw.set(f.subarray(0, 3 * nall));
  let ew: Float64Array | null = null;
  if (eatom) {
    ew = new Float64Array(buf, p('rxEatom'), nall);
    ew.set(eatom.subarray(0, nall));
  }
  new Int32Array(buf, p('rxElem'), nall).set(elem.subarray(0, nall));
  new Float64Array(buf, p('rxQ'), nall).set(q.subarray(0, nall));
  copyList(w, buf, rxListKey.nb, list, 'rxOff', 'rxNb', listStable);
  const missing = s.exports.reaxffTabulated_f64_aos(p('rxF'), ew ? p('rxEatom') : 0, p('rxX'), p('rxElem'), p('rxQ'), p('rxOff'), p('rxNb'), inum, p('rxTabIdx'), p('rxTab'), t.nel, t.len, t.dx, t.invDx, swb2, p('rxE'));
  f.set(fw);
  if (eatom && ew) eatom.set(ew);
  const e = new Float64Array(buf, p('rxE'), 2);
  energy[0] = e[0];
  energy[1] = e[1];
  return missing;
}

/** What one QEq solve reads and writes (potentials/reaxff/qeq.ts fills it; see qeqSolveAos). */
export interface QeqSolveIO {
  x: Float64Array; type: Int32Array; owner: Int32Array; nall: number;
  /** Half CSR list over the owned atoms (each pair once). */
  list: CsrList;
  /** Owned atoms. */
  n: number;
  inGroup: Uint8Array;
  /** (gamma_i gamma_j)^-1.5 per type pair, nt x nt; taper coefficients (8); cutoff squared. */
  shld: Float64Array; nt: number; tap: Float64Array; swb2: number;
  /** Per owned atom: diagonal eta, 1/eta, right sides -chi and -1, starts/solutions s and t. */
  eta: Float64Array; hdinv: Float64Array; bs: Float64Array; bt: Float64Array; s: Float64Array; t: Float64Array;
  tol: number; imax: number;
  /** H and CG scratch of the scalar path (grown here). */
  first: Int32Array; col: Int32Array; val: Float64Array; r: Float64Array; d: Float64Array; p: Float64Array; q: Float64Array;
  /** The list object is replaced whenever its content changes (halfFromFull): skip copying an unchanged one. */
  listStable: boolean;
  /** out: CG iteration counts of the s and t systems, and H's off-diagonal count. */
  iterS: number; iterT: number; m: number;
}

/**
 * One QEq solve: H's off-diagonal values for the pairs within swb (qeqH_f64_aos), then CG on
 * H s = bs and H t = bt (qeqCg_f64), all in wasm memory; scalar twins (scalar/reaxff.ts) in scalar
 * mode. H values differ from the twin's by the pow ulp (see wasm/assembly/reaxff.ts); the CG is the
 * same operation for operation.
 */
export function qeqSolveAos(io: QeqSolveIO): void {
  const s = current();
  const { list, n, nall } = io;
  const cap = list.offsets[list.inum];
  const scalar = () => {
    if (io.first.length < n + 1) io.first = new Int32Array(n + 1);
    if (io.col.length < cap) { io.col = new Int32Array(Math.max(cap, 2 * io.col.length)); io.val = new Float64Array(io.col.length); }
    io.m = qeqH_aos(io.first, io.col, io.val, io.x, io.type, io.owner, list.offsets, list.neighbors, n, io.inGroup, io.shld, io.nt, io.tap, io.swb2);
    io.iterS = qeqCg(io.first, io.col, io.val, io.eta, io.hdinv, io.bs, io.s, io.r, io.d, io.p, io.q, io.inGroup, n, io.tol, io.imax);
    io.iterT = qeqCg(io.first, io.col, io.val, io.eta, io.hdinv, io.bt, io.t, io.r, io.d, io.p, io.q, io.inGroup, n, io.tol, io.imax);
  };
  if (s.mode === 'scalar' || !s.exports || !s.memory) return scalar();
  let w: Workspace;
  const v = 8 * n;
  try {
    w = slots(s.memory, {
      qhFirst: 4 * (n + 1), qhCol: 4 * cap, qhVal: 8 * cap, qhX: 24 * nall, qhType: 4 * nall, qhOwner: 4 * nall, qhOff: 4 * (list.inum + 1), qhNb: 4 * cap,
      qhIn: n, qhShld: 8 * io.shld.length, qhTap: 64,
      qcEta: v, qcHd: v, qcBs: v, qcBt: v, qcS: v, qcT: v, qcR: v, qcD: v, qcP: v, qcQ: v,
    });
  } catch {
    ws = null;
    return scalar();
  }
  const buf = s.memory.buffer;
  const p = (k: string) => w.ptr.get(k)!;
  const put = (k: string, a: Float64Array, m: number) => new Float64Array(buf, p(k), m).set(a.subarray(0, m));
  put('qhX', io.x, 3 * nall);
  new Int32Array(buf, p('qhType'), nall).set(io.type.subarray(0, nall));
  new Int32Array(buf, p('qhOwner'), nall).set(io.owner.subarray(0, nall));
  new Uint8Array(buf, p('qhIn'), n).set(io.inGroup.subarray(0, n));
  put('qhShld', io.shld, io.shld.length);
  put('qhTap', io.tap, 8);
  put('qcEta', io.eta, n); put('qcHd', io.hdinv, n); put('qcBs', io.bs, n); put('qcBt', io.bt, n); put('qcS', io.s, n); put('qcT', io.t, n);
  copyList(w, buf, rxListKey.h, list, 'qhOff', 'qhNb', io.listStable);
  const k = s.exports;
  io.m = k.qeqH_f64_aos(p('qhFirst'), p('qhCol'), p('qhVal'), p('qhX'), p('qhType'), p('qhOwner'), p('qhOff'), p('qhNb'), n, p('qhIn'), p('qhShld'), io.nt, p('qhTap'), io.swb2);
  io.iterS = k.qeqCg_f64(p('qhFirst'), p('qhCol'), p('qhVal'), p('qcEta'), p('qcHd'), p('qcBs'), p('qcS'), p('qcR'), p('qcD'), p('qcP'), p('qcQ'), p('qhIn'), n, io.tol, io.imax);
  io.iterT = k.qeqCg_f64(p('qhFirst'), p('qhCol'), p('qhVal'), p('qcEta'), p('qcHd'), p('qcBt'), p('qcT'), p('qcR'), p('qcD'), p('qcP'), p('qcQ'), p('qhIn'), n, io.tol, io.imax);
  io.s.set(new Float64Array(buf, p('qcS'), n));
  io.t.set(new Float64Array(buf, p('qcT'), n));
}
