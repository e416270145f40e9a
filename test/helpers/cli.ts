/**
 * Spawn the built CLI (`node bin/lmpv.js ...`) as a user would. dist/ is built once by
 * test/global-setup.ts before any test file runs.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { expect } from 'vitest';
import { LMPV_BIN } from '../../src/io/config.js';

export { LMPV_BIN };

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runLmpv(args: string[], opts: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [LMPV_BIN, ...args], { encoding: 'utf8', timeout: 120_000, ...opts });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** A user error: exactly one line on stderr (warnings aside), exit code 2, no stack trace. */
export function expectCleanError(r: CliResult, re: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split('\n').filter((l) => !/: warning: /.test(l))).toHaveLength(1);
  expect(r.stderr).toMatch(re);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
