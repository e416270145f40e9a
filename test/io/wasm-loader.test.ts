/**
 * The shared WebAssembly loader (src/io/wasm-loader.ts): the two modules `npm run build` makes load
 * from dist/wasm, and each way a module can be unavailable gives the reason the callers (engine
 * kernels, a-CNA) report.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wasmPath } from '../../src/io/config.js';
import { instantiateEmbedded, loadWasm } from '../../src/io/wasm-loader.js';

// the smallest valid module: magic + version, no sections
const EMPTY_MODULE = Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);

describe('loadWasm', () => {
  it('loads both modules npm run build makes (the test globalSetup built them)', () => {
    for (const name of ['kernels', 'acna']) {
      const r = loadWasm<Record<string, unknown>>(name, { mode: 'wasm' });
      expect(r.ok, r.reason).toBe(true);
      expect(r.reason).toBe(wasmPath(name));
      expect(r.memory).toBeInstanceOf(WebAssembly.Memory);
      expect(Object.keys(r.exports!).length).toBeGreaterThan(1);
    }
  });

  it('instantiates against the memory it is given, a new instance per call', () => {
    const memory = new WebAssembly.Memory({ initial: 2 });
    const a = loadWasm<Record<string, unknown>>('kernels', { mode: 'wasm', memory });
    const b = loadWasm<Record<string, unknown>>('kernels', { mode: 'wasm' });
    expect(a.memory).toBe(memory);
    expect(b.memory).not.toBe(memory);
    expect(a.exports).not.toBe(b.exports);
  });

  it('loads acna-shared (the a-CNA kernel for worker threads) only against a shared memory, and returns the compiled module', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    const r = loadWasm<Record<string, unknown>>('acna-shared', { mode: 'wasm', memory });
    expect(r.ok, r.reason).toBe(true);
    expect(r.module).toBeInstanceOf(WebAssembly.Module);
    expect(r.memory!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(typeof r.exports!.acnaPointsShared).toBe('function');
    const unshared = loadWasm('acna-shared', { mode: 'wasm', memory: new WebAssembly.Memory({ initial: 1 }), label: 'a-CNA shared-memory kernel' });
    expect(unshared.ok).toBe(false);
    expect(unshared.reason).toMatch(/^a-CNA shared-memory kernel did not load: /);
  });
  it('says why a module is not in use: scalar mode, not built, does not compile', () => {
    expect(loadWasm('acna', { mode: 'scalar' })).toEqual({ ok: false, reason: 'LMPV_KERNELS=scalar', memory: null, exports: null, module: null });
    const missing = loadWasm('acna', { mode: 'wasm', path: '/nonexistent/acna.wasm' });
    expect(missing.ok).toBe(false);
    expect(missing.reason).toBe('/nonexistent/acna.wasm not built (npm run build)');
    const bad = join(mkdtempSync(join(tmpdir(), 'lmpv-loader-')), 'bad.wasm');
    writeFileSync(bad, Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0xff));
    const r = loadWasm('bad', { mode: 'wasm', path: bad, label: 'test kernel' });
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/^test kernel did not load: /);
  });
});

describe('instantiateEmbedded', () => {
  it('compiles embedded bytes once per key and remembers a module that does not compile', () => {
    let calls = 0;
    const mem = new WebAssembly.Memory({ initial: 1 });
    const bytes = () => { calls++; return EMPTY_MODULE.slice(); };
    expect(instantiateEmbedded('test-empty', bytes, mem)).not.toBeNull();
    expect(instantiateEmbedded('test-empty', bytes, mem)).not.toBeNull();
    expect(calls).toBe(1);
    let badCalls = 0;
    const badBytes = () => { badCalls++; return Uint8Array.of(1, 2, 3); };
    expect(instantiateEmbedded('test-bad', badBytes, mem)).toBeNull();
    expect(instantiateEmbedded('test-bad', badBytes, mem)).toBeNull();
    expect(badCalls).toBe(1);
  });
});
