/**
 * Running a study's runs: one folder per run (runs/<name>/) holding the run's inputs, run.json
 * (what to run: the script plan, engine, LAMMPS binary, ranks) and status.json (what happened).
 * `runOne` starts or resumes one run in a child process (the lmpv engine through `lmpv run`, or
 * real LAMMPS, serial or under mpirun / srun); `runLocal` keeps `jobs` runs going at once, each in
 * its own `lmpv study run-one` process, so a run that fails is recorded and the others go on.
 *
 * Resuming: a run starts again from its last complete restart (script.ts): for the lmpv engine one
 * whose sidecar exists (written last, atomically), for LAMMPS one whose `write_restart` the log
 * shows finished (a later line follows its echo). Nothing is trusted after that step: the
 * invocation from step K writes its own log.K.lammps and dump.K.lammpstrj.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync, openSync, readSync, closeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../io/atomic-write.js';
import { RESTART_SIDECAR } from '../../engine/commands/restart.js';
import { FINAL_DATA, buildScript, logName, restartName, totalSteps, type ScriptPlan } from './script.js';
import type { Engine, RunPlan } from './spec.js';

export interface RunFile {
  run: RunPlan;
  plan: ScriptPlan;
  /** Name of the fresh-start script (in.nucleation, in.deposition). */
  input: string;
  engine: Engine;
  lmp?: string;
  np?: number;
}

export type RunState = 'pending' | 'running' | 'done' | 'failed';

export interface RunStatus {
  state: RunState;
  /** Step this invocation started from (0 fresh, K resumed from restart.K). */
  from: number;
  total: number;
  error?: string;
  host?: string;
  seconds?: number;
}

export const RUN_FILE = 'run.json';
export const STATUS_FILE = 'status.json';

export function readRunFile(dir: string): RunFile {
  return JSON.parse(readFileSync(join(dir, RUN_FILE), 'utf8')) as RunFile;
}

export function readStatus(dir: string): RunStatus | null {
  const p = join(dir, STATUS_FILE);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as RunStatus) : null;
}

function writeStatus(dir: string, s: RunStatus): void {
  writeFileAtomicSync(join(dir, STATUS_FILE), JSON.stringify(s, null, 1) + '\n');
}

/** Steps of the complete restarts in a run folder, ascending. */
export function completeRestarts(dir: string, engine: Engine): number[] {
  const names = readdirSync(dir);
  const steps = names.map((n) => /^restart\.(\d+)$/.exec(n)).filter((m) => m !== null).map((m) => Number(m![1]));
  let ok: (k: number) => boolean;
  if (engine === 'lmpv') ok = (k) => names.includes(restartName(k) + RESTART_SIDECAR);
  else {
    const logs = names.filter((n) => /^log\.\d+\.lammps$/.test(n)).map((n) => readFileSync(join(dir, n), 'utf8'));
    ok = (k) => logs.some((t) => new RegExp(`^write_restart\\s+${restartName(k).replace('.', '\\.')}\\s*\\n[^\\n]*\\S`, 'm').test(t));
  }
  return steps.filter(ok).sort((a, b) => a - b);
}

/** Last thermo step written to a log (progress): the last line that starts with an integer followed by numbers. */
export function lastLogStep(path: string): number | null {
  if (!existsSync(path)) return null;
  const size = statSync(path).size;
  const n = Math.min(size, 8192);
  const buf = Buffer.alloc(n);
  const fd = openSync(path, 'r');
  try { readSync(fd, buf, 0, n, size - n); } finally { closeSync(fd); }
  const lines = buf.toString('utf8').split('\n').reverse();
  for (const l of lines) {
    const m = /^\s*(\d+)(\s+[-+0-9.eE]+)+\s*$/.exec(l);
    if (m) return Number(m[1]);
  }
  return null;
}

/** Current step of a run from its status and newest log (for progress and `study status`). */
export function runProgress(dir: string): { state: RunState; step: number; total: number; error?: string } {
  const st = readStatus(dir);
  const rf = readRunFile(dir);
  const total = totalSteps(rf.plan);
  if (!st) return { state: 'pending', step: 0, total };
  if (st.state === 'done') return { state: 'done', step: total, total };
  const step = lastLogStep(join(dir, logName(st.from))) ?? st.from;
  return { state: st.state, step, total, error: st.error };
}

/** Children started here (runs and run-one jobs), so a stop signal reaches them (stopChildren). */
const live = new Set<ChildProcess>();
function track<C extends ChildProcess>(c: C): C {
  live.add(c);
  c.on('close', () => live.delete(c));
  return c;
}

/**
 * Pass a stop signal on to the runs started here: a job scheduler's or `timeout`'s SIGTERM goes to
 * this process only, and the runs would otherwise go on as orphans. Their status stays 'running',
 * which the next start resumes from the last restart. The CLI installs it.
 */
export function stopChildrenOnSignal(): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const c of live) c.kill(sig);
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

export interface RunOneOptions {
  /** How to start lmpv's `run` (node + bin/lmpv.js). */
  lmpvCommand: string[];
  /** Starts MPI ranks for LAMMPS when np > 1 (default mpirun; srun inside a Slurm job). */
  launcher?: 'mpirun' | 'srun';
}

function errorOf(dir: string, from: number, stderr: string, code: number | null): string {
  const log = join(dir, logName(from));
  if (existsSync(log)) {
    const m = /^ERROR[^\n]*/m.exec(readFileSync(log, 'utf8'));
    if (m) return m[0];
  }
  const tail = stderr.trim().split('\n').filter(Boolean).pop();
  return `exit code ${code}${tail ? ': ' + tail : ''}`;
}

/** Start or resume the run in `dir`; resolves to its final status (never throws for a failing run). */
export async function runOne(dir: string, opts: RunOneOptions): Promise<RunStatus> {
  const rf = readRunFile(dir);
  const total = totalSteps(rf.plan);
  const prev = readStatus(dir);
  if (prev?.state === 'done' && existsSync(join(dir, FINAL_DATA))) return prev;
  const restarts = completeRestarts(dir, rf.engine);
  const from = restarts.length ? restarts[restarts.length - 1] : 0;
  let input = rf.input;
  if (from > 0) {
    input = `in.resume.${from}`;
    writeFileSync(join(dir, input), buildScript(rf.plan, from));
  }
  const log = logName(from);
  for (const stale of [log, `dump.${from}.lammpstrj`, FINAL_DATA, 'analysis.json']) if (existsSync(join(dir, stale))) unlinkSync(join(dir, stale));
  let program: string, args: string[];
  if (rf.engine === 'lmpv') {
    [program, ...args] = opts.lmpvCommand;
    args.push('run', input, '--log', log, '--no-screen');
  } else {
    const lmp = rf.lmp ?? process.env.LMP ?? 'lmp';
    const lmpArgs = ['-in', input, '-log', log, '-screen', 'none'];
    if (rf.np && rf.np > 1) {
      program = opts.launcher ?? 'mpirun';
      args = program === 'srun' ? ['-n', String(rf.np), lmp, ...lmpArgs] : ['--allow-run-as-root', '--oversubscribe', '-np', String(rf.np), lmp, ...lmpArgs];
    } else {
      program = lmp;
      args = lmpArgs;
    }
  }
  const host = hostname();
  writeStatus(dir, { state: 'running', from, total, host });
  const t0 = Date.now();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((res) => {
    const child = track(spawn(program, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] }));
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
    child.on('error', (e) => res({ code: null, stderr: `cannot start ${program}: ${e.message}` }));
    child.on('close', (c) => res({ code: c, stderr }));
  });
  const seconds = (Date.now() - t0) / 1000;
  let ok = code === 0 && existsSync(join(dir, FINAL_DATA));
  if (ok && rf.engine === 'lammps' && rf.np && rf.np > 1) {
    // a LAMMPS built without MPI runs np independent serial copies over the same files
    const m = /^Loop time of \S+ on (\d+) procs/m.exec(readFileSync(join(dir, log), 'utf8'));
    if (m && Number(m[1]) !== rf.np) {
      writeStatus(dir, { state: 'failed', from, total, host, seconds, error: `LAMMPS ran on ${m[1]} procs, not the ${rf.np} asked for: ${rf.lmp ?? 'lmp'} is not built with MPI (or ${opts.launcher ?? 'mpirun'} does not match its MPI)` });
      return readStatus(dir)!;
    }
  }
  const st: RunStatus = ok
    ? { state: 'done', from, total, host, seconds }
    : { state: 'failed', from, total, host, seconds, error: code === 0 ? `no ${FINAL_DATA} written` : errorOf(dir, from, stderr, code) };
  writeStatus(dir, st);
  return st;
}

export interface LocalEvents {
  start?(name: string): void;
  end?(name: string, st: RunStatus): void;
}

/**
 * Run the runs of `runsDir` that are not done, `jobs` at a time, each in its own
 * `lmpv study run-one` process. Resolves when all have ended; failures are in their status.
 */
export async function runLocal(runsDir: string, names: string[], jobs: number, lmpvCommand: string[], events: LocalEvents = {}): Promise<Map<string, RunStatus>> {
  const results = new Map<string, RunStatus>();
  const queue = names.filter((n) => readStatus(join(runsDir, n))?.state !== 'done');
  for (const n of names) if (!queue.includes(n)) results.set(n, readStatus(join(runsDir, n))!);
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const dir = join(runsDir, name);
      events.start?.(name);
      const [program, ...lead] = lmpvCommand;
      await new Promise<void>((res) => {
        const child = track(spawn(program, [...lead, 'study', 'run-one', dir], { stdio: ['ignore', 'ignore', 'pipe'] }));
        let err = '';
        child.stderr.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-2000); });
        child.on('error', (e) => { err += e.message; });
        child.on('close', (code) => {
          let st = readStatus(dir);
          if (!st || st.state === 'running') {
            // the runner itself died: record it, so the run is not left 'running'
            st = { state: 'failed', from: st?.from ?? 0, total: st?.total ?? 0, error: `lmpv study run-one exited with code ${code}: ${err.trim().split('\n').pop() ?? ''}` };
            writeStatus(dir, st);
          }
          results.set(name, st);
          events.end?.(name, st);
          res();
        });
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, jobs) }, worker));
  return results;
}
