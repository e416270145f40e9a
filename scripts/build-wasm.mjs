#!/usr/bin/env node
/**
 * The build recipes of lmpv's AssemblyScript kernel modules, in one place: each row is one module,
 * NAME -> dist/wasm/NAME.wasm (where src/io/config.ts WASM_DIR and src/io/wasm-loader.ts find it),
 * compiled with the asconfig.json named (release target). Run by `npm run build:wasm` and by the
 * vitest globalSetup. Each module is written to a temporary file and renamed, so that a test process
 * of a concurrent run never reads a half-written module.
 * (The dump-row parser of src/io is embedded in the source instead: scripts/build-dump-wasm.sh.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WASM_MODULES = [
  // engine: LJ pair, MEAM and ReaxFF kernels (src/engine/kernels/wasm/assembly)
  { name: 'kernels', config: 'asconfig.json' },
  // analysis: adaptive CNA (src/analysis/assembly)
  { name: 'acna', config: 'src/analysis/assembly/asconfig.json' },
  // the same a-CNA kernel over a shared memory (4 GiB maximum, as the 32-bit memory of 'acna'), for
  // worker threads (src/analysis/acna-threads.ts): instances in several threads read one grid
  { name: 'acna-shared', config: 'src/analysis/assembly/asconfig.json', args: ['--enable', 'threads', '--sharedMemory', '--maximumMemory', '65536'] },
];

export function buildWasm(repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')) {
  const asc = join(repo, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
  const dir = join(repo, 'dist', 'wasm');
  mkdirSync(dir, { recursive: true });
  for (const m of WASM_MODULES) {
    const out = join(dir, `${m.name}.wasm`);
    const tmp = `${out}.${process.pid}.tmp`;
    execFileSync(process.execPath, [asc, '--config', m.config, '--target', 'release', '--outFile', tmp, ...(m.args ?? [])], { cwd: repo, stdio: 'inherit' });
    renameSync(tmp, out);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) buildWasm();
