/** src/io/config.ts: where the repository, the built modules and bin/lmpv.js are, from src/ (vitest) as from dist/. */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_TOLERANCES, LMPV_BIN, REPO_ROOT, SHARED_DIR, WASM_DIR, wasmPath } from '../../src/io/config.js';

// found here independently of config.ts: this file is test/io/config.test.ts
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('config', () => {
  it('finds the repository and the built modules from src/ as from dist/', () => {
    expect(REPO_ROOT).toBe(REPO);
    expect(WASM_DIR).toBe(join(REPO, 'dist', 'wasm'));
    expect(wasmPath('acna')).toBe(join(REPO, 'dist', 'wasm', 'acna.wasm'));
    expect(LMPV_BIN).toBe(join(REPO, 'bin', 'lmpv.js'));
    expect(existsSync(LMPV_BIN)).toBe(true);
  });

  it('gives the same folders from the compiled dist/src/io/config.js (what bin/lmpv.js runs)', async () => {
    const compiled = (await import(pathToFileURL(join(REPO, 'dist', 'src', 'io', 'config.js')).href)) as typeof import('../../src/io/config.js');
    expect(compiled.REPO_ROOT).toBe(REPO);
    expect(compiled.WASM_DIR).toBe(WASM_DIR);
    expect(compiled.LMPV_BIN).toBe(LMPV_BIN);
  });
});

describe('default tolerances', () => {
  it('are the README\'s (1e-10 first row, 1e-7 run, 1e-8 force and position, 1e-10 zero) and cannot be changed in place', () => {
    expect(DEFAULT_TOLERANCES).toEqual({ tolFirst: 1e-10, tolRun: 1e-7, tolForce: 1e-8, tolPos: 1e-8, zero: 1e-10 });
    expect(Object.isFrozen(DEFAULT_TOLERANCES)).toBe(true);
    expect(SHARED_DIR).toBe(join(REPO, '..', 'shared'));
  });
});
