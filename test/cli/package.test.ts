/**
 * The package as a user's CI installs it: `npm pack` (its `prepack` script builds dist/ and the
 * .wasm kernels), then `npm install ./lammps-verify-*.tgz` in another folder and `npx lmpv`, and
 * `npm install -g` (into a scratch prefix) puts `lmpv` on PATH.
 *
 * `npm pack` runs in a copy of the checkout (sources + a link to node_modules), so that its
 * prepack rebuild does not rewrite the dist/ that the other test files' child processes are running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, REPO } from '../helpers/paths.js';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
const DATA = join(FIXTURES, 'engine-read-data', 'data.atomic');

let dir: string;
let tarball: string;
let packedFiles: string[];

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 400_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** npm install from the local cache (`npm ci` put the runtime dependencies there); --prefer-offline if the cache misses. */
function npmInstall(args: string[], cwd: string): void {
  const base = ['install', '--no-audit', '--no-fund', ...args];
  const r = spawnSync(NPM, [...base, '--offline'], { cwd, encoding: 'utf8', timeout: 400_000 });
  if (r.status === 0) return;
  run(NPM, [...base, '--prefer-offline'], cwd);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lmpv-pack-'));
  const src = join(dir, 'checkout');
  mkdirSync(src);
  for (const f of ['package.json', 'package-lock.json', 'README.md', 'tsconfig.json', 'asconfig.json', 'bin', 'src', 'scripts']) {
    cpSync(join(REPO, f), join(src, f), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(src, 'node_modules'), 'dir');
  const packDir = join(dir, 'pack');
  mkdirSync(packDir);
  const out = run(NPM, ['pack', '--json', '--pack-destination', packDir], src);
  const info = JSON.parse(out.substring(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = join(packDir, info[0]!.filename);
  packedFiles = info[0]!.files.map((f) => f.path);
}, 600_000);

afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('npm pack', () => {
  it('ships the compiled CLI and both .wasm kernels, not sources, tests, scripts or source maps', () => {
    expect(packedFiles).toContain('bin/lmpv.js');
    expect(packedFiles).toContain('dist/src/cli/main.js');
    expect(packedFiles).toContain('dist/wasm/kernels.wasm');
    expect(packedFiles).toContain('dist/wasm/acna.wasm');
    expect(packedFiles).toContain('README.md');
    expect(packedFiles).toContain('package.json');
    const stray = packedFiles.filter((f) => !/^(bin\/|dist\/src\/.*\.js$|dist\/wasm\/.*\.wasm$|README\.md$|package\.json$)/.test(f));
    expect(stray).toEqual([]);
  });

  it('installs from the tarball and `npx lmpv` runs: --version and info on a bundled data file', () => {
    const app = join(dir, 'app');
    mkdirSync(app);
    npmInstall([tarball], app);
    expect(run(NPX, ['--no', '--', 'lmpv', '--version'], app).trim()).toBe(VERSION);
    const info = run(NPX, ['--no', '--', 'lmpv', 'info', DATA], app);
    expect(info).toMatch(/^format\s+lammps-data$/m);
    expect(info).toMatch(/^atoms\s+256$/m);
    expect(info).toMatch(/^types\s+1$/m);
    // the package carries no fixtures: demo says so (exit 2) instead of verifying nothing
    const demo = spawnSync(NPX, ['--no', '--', 'lmpv', 'demo'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(demo.status).toBe(2);
    expect(demo.stderr).toMatch(/^lmpv: error: no bundled cases found under .*: lmpv demo runs from a checkout/m);
  }, 600_000);

  it('`npm install -g` puts lmpv on PATH', () => {
    const prefix = join(dir, 'global');
    npmInstall(['-g', '--prefix', prefix, tarball], dir);
    const bin = process.platform === 'win32' ? prefix : join(prefix, 'bin');
    expect(readdirSync(bin)).toContain('lmpv');
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
    const r = spawnSync('lmpv', ['--version'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(VERSION);
  }, 600_000);
});
