/**
 * Build dist/ once before any test file runs: the CLI tests spawn `node bin/lmpv.js`, which runs the
 * compiled output. Building per test file would race (parallel workers rewriting dist/ while another
 * worker's child process reads it).
 */
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  // AssemblyScript kernels (asconfig.json -> dist/wasm/kernels.wasm), as `npm run build` does before tsc
  execFileSync(process.execPath, [resolve(repo, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), '--config', 'asconfig.json', '--target', 'release'], { cwd: repo, stdio: 'inherit' });
  execFileSync(process.execPath, [resolve(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: repo, stdio: 'inherit' });
}
