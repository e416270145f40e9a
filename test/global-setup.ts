/**
 * Build dist/ once before any test file runs: the CLI tests spawn `node bin/lmpv.js`, which runs the
 * compiled output. Building per test file would race (parallel workers rewriting dist/ while another
 * worker's child process reads it).
 * Tests (and the lmp / lmpv processes they start) put their scratch folders under one TMPDIR made
 * here and removed afterwards, so a test run leaves nothing behind in the system temp folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  // the AssemblyScript kernel modules (scripts/build-wasm.mjs: one recipe per module -> dist/wasm/NAME.wasm),
  // as `npm run build` does before tsc
  execFileSync(process.execPath, [resolve(repo, 'scripts', 'build-wasm.mjs')], { cwd: repo, stdio: 'inherit' });
  execFileSync(process.execPath, [resolve(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: repo, stdio: 'inherit' });
  const scratch = mkdtempSync(resolve(tmpdir(), 'lmpv-tests-'));
  process.env.TMPDIR = scratch;
  return () => rmSync(scratch, { recursive: true, force: true });
}
