/**
 * Time a child process as a user runs it: wall seconds, user+system CPU seconds and peak RSS
 * (GNU time's %U %S %M; without /usr/bin/time the CPU and RSS figures are NaN). Benchmarks compare
 * two programs through such figures taken side by side in one run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Timed {
  wall: number;
  cpu: number;
  maxrssMB: number;
  out: string;
}

export function timedProcess(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Timed {
  const t0 = performance.now();
  if (!existsSync('/usr/bin/time')) {
    const out = execFileSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });
    return { out, wall: (performance.now() - t0) / 1000, cpu: NaN, maxrssMB: NaN };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-timed-'));
  try {
    const tf = join(dir, 'time.txt');
    const out = execFileSync('/usr/bin/time', ['-o', tf, '-f', '%U %S %M', cmd, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
    const wall = (performance.now() - t0) / 1000;
    const [u, s, m] = readFileSync(tf, 'utf8').trim().split('\n').pop()!.split(/\s+/).map(Number);
    return { out, wall, cpu: u + s, maxrssMB: m / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The run with the least CPU time of k (its wall time beside it). */
export function bestOf(k: number, f: () => Timed): Timed {
  let best: Timed | undefined;
  for (let i = 0; i < k; i++) {
    const t = f();
    if (!best || (Number.isNaN(best.cpu) ? t.wall < best.wall : t.cpu < best.cpu)) best = t;
  }
  return best!;
}

export const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** LAMMPS's (and lmpv's) `Loop time of T on ...` from a run's screen output, NaN if absent. */
export function loopTime(out: string): number {
  const m = /Loop time of ([0-9.eE+-]+) on/.exec(out);
  return m ? Number(m[1]) : NaN;
}

/** The last thermo row before the first `Loop time` line (to check two programs ended alike). */
export function lastThermo(out: string): string {
  const lines = out.split('\n');
  const k = lines.findIndex((l) => /^\s*Loop time/.test(l));
  return k > 0 ? lines[k - 1].trim() : '';
}
