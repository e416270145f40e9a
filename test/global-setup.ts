/**
 * Build dist/ once before any test file runs: the CLI tests spawn `node bin/lmpv.js`, which runs the
 * compiled output. Building per test file would race (parallel workers rewriting dist/ while another
 * worker's child process reads it).
 * Tests (and the lmp / lmpv processes they start) put their scratch folders under one TMPDIR made
 * here and removed afterwards, so a test run leaves nothing behind in the system temp folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  // AssemblyScript kernels (asconfig.json -> dist/wasm/kernels.wasm), as `npm run build` does before tsc;
  // temp file + rename, so that a test process of a concurrent run never reads a half-written module
  const wasm = resolve(repo, 'dist', 'wasm', 'kernels.wasm');
  execFileSync(process.execPath, [resolve(repo, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), '--config', 'asconfig.json', '--target', 'release', '--outFile', `${wasm}.${process.pid}.tmp`], { cwd: repo, stdio: 'inherit' });
  renameSync(`${wasm}.${process.pid}.tmp`, wasm);
  // the adaptive-CNA kernel (src/analysis/assembly/asconfig.json -> dist/wasm/acna.wasm), as package.json build:wasm
  const acna = resolve(repo, 'dist', 'wasm', 'acna.wasm');
  execFileSync(process.execPath, [resolve(repo, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), '--config', 'src/analysis/assembly/asconfig.json', '--target', 'release', '--outFile', `${acna}.${process.pid}.tmp`], { cwd: repo, stdio: 'inherit' });
  renameSync(`${acna}.${process.pid}.tmp`, acna);
  execFileSync(process.execPath, [resolve(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: repo, stdio: 'inherit' });
  const scratch = mkdtempSync(resolve(tmpdir(), 'lmpv-tests-'));
  process.env.TMPDIR = scratch;
  return () => rmSync(scratch, { recursive: true, force: true });
}
