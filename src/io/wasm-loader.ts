/**
 * The one loader of lmpv's WebAssembly kernel modules (AssemblyScript, built by `npm run build` /
 * the vitest globalSetup into config.ts WASM_DIR as NAME.wasm): find the module, compile it once
 * per path (compiling is the slow part; instances are cheap), instantiate it against a memory it
 * imports as `env.memory`. Callers keep their own typed views, workspaces and scalar twins:
 * engine/kernels/wasm (LJ, MEAM and ReaxFF kernels, `kernels.wasm`) and analysis/acna-wasm
 * (adaptive CNA, `acna.wasm`). A module shipped inside the source as bytes (io's dump-row parser,
 * scripts/build-dump-wasm.sh) is compiled once through the same cache: instantiateEmbedded.
 *
 * It lives in src/io, the lowest layer, because src/analysis (which may import only io) and
 * src/engine both load modules, and reading a module is reading a file. Never throws for a missing
 * module or a WebAssembly without SIMD: the result says why the module is not in use, and the
 * caller runs its TypeScript twin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { kernelsSetting, wasmPath } from './config.js';

export type KernelMode = 'wasm' | 'scalar';

/** LMPV_KERNELS: 'wasm' (default) or 'scalar'; anything else is an error naming the variable. */
export function requestedMode(): KernelMode {
  const raw = kernelsSetting();
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || v === 'wasm') return 'wasm';
  if (v === 'scalar') return 'scalar';
  throw new Error(`LMPV_KERNELS: expected 'wasm' or 'scalar', found '${raw}'`);
}

export interface WasmLoad<E> {
  ok: boolean;
  /** The module's path when loaded, else why not. */
  reason: string;
  memory: WebAssembly.Memory | null;
  exports: E | null;
  /** The compiled module (to instantiate again, e.g. in a worker thread over a shared memory). */
  module: WebAssembly.Module | null;
}

const compiled = new Map<string, WebAssembly.Module>();

export interface LoadOptions {
  /** 'scalar' does not load (LMPV_KERNELS=scalar); default requestedMode(). */
  mode?: KernelMode;
  /** Read the module from here instead of WASM_DIR/NAME.wasm (tests of the fallback). */
  path?: string;
  /** Memory to import (default: a new one-page memory, grown by the caller as needed). */
  memory?: WebAssembly.Memory;
  /** Word for the failure message ("NAME kernel did not load: ..."); default "NAME kernel". */
  label?: string;
}

/** Load module NAME (dist/wasm/NAME.wasm): compiled once per path, a new instance per call. */
export function loadWasm<E>(name: string, opts: LoadOptions = {}): WasmLoad<E> {
  const mode = opts.mode ?? requestedMode();
  const none = (reason: string): WasmLoad<E> => ({ ok: false, reason, memory: null, exports: null, module: null });
  if (mode === 'scalar') return none('LMPV_KERNELS=scalar');
  const path = opts.path ?? wasmPath(name);
  if (!existsSync(path)) return none(`${path} not built (npm run build)`);
  try {
    let mod = compiled.get(path);
    if (!mod) {
      mod = new WebAssembly.Module(readFileSync(path));
      compiled.set(path, mod);
    }
    const memory = opts.memory ?? new WebAssembly.Memory({ initial: 1 });
    const inst = new WebAssembly.Instance(mod, { env: { memory } });
    return { ok: true, reason: path, memory, exports: inst.exports as unknown as E, module: mod };
  } catch (e) {
    // no WebAssembly, or no SIMD (CompileError on the v128 opcodes)
    return none(`${opts.label ?? `${name} kernel`} did not load: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const embedded = new Map<string, WebAssembly.Module | null>();

/**
 * Instantiate a module shipped inside the source (`bytes()` is called once, on first use, and the
 * module compiled once per `key`) against `memory`. Returns null when WebAssembly cannot compile it
 * (remembered: the caller's TypeScript twin does the work).
 */
export function instantiateEmbedded(key: string, bytes: () => Uint8Array<ArrayBuffer>, memory: WebAssembly.Memory): WebAssembly.Exports | null {
  let mod = embedded.get(key);
  if (mod === undefined) {
    try {
      mod = new WebAssembly.Module(bytes());
    } catch {
      mod = null;
    }
    embedded.set(key, mod);
  }
  return mod ? new WebAssembly.Instance(mod, { env: { memory } }).exports : null;
}
