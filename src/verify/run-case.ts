/**
 * Run a reference case again, in a fresh temporary folder, with the lmpv engine or with real LAMMPS:
 * the case's inputs are copied (not its logs and dumps), `in.lammps` is run there, and the folder
 * is returned for comparison. The engine runs in a child process (`lmpv run`, started with the
 * command the caller gives: the CLI knows where bin/lmpv.js is), so a failing script cannot take the
 * verifier down and its exit code and stderr are kept.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseFiles } from './outputs.js';


export interface CaseRun {
  dir: string;
  exitCode: number;
  stderr: string;
  seconds: number;
}

export interface RunCaseOptions {
  engine: 'lmpv' | 'lammps';
  /** How to start lmpv: program and leading arguments, e.g. [process.execPath, '/path/to/bin/lmpv.js']; `run IN ...` is appended. */
  command: string[];
  lmp?: string;
  np?: number;
  input?: string;
  /** Where to run (default: a new folder under the system temp dir). */
  workDir?: string;
}

export function prepareCaseDir(caseDir: string, workDir?: string): string {
  const dir = workDir ?? mkdtempSync(join(tmpdir(), 'lmpv-verify-'));
  // outputs.ts is the one rule: what the reference run wrote is never an input of the rerun
  for (const n of caseFiles(caseDir).inputs) copyFileSync(join(caseDir, n), join(dir, n));
  return dir;
}

export async function runCase(caseDir: string, opts: RunCaseOptions): Promise<CaseRun> {
  const dir = prepareCaseDir(caseDir, opts.workDir);
  const input = opts.input ?? 'in.lammps';
  if (opts.command.length === 0) throw new Error('runCase: empty command');
  const [program, ...lead] = opts.command;
  const args = [...lead, 'run', input, '--no-screen', '--engine', opts.engine];
  if (opts.lmp) args.push('--lmp', opts.lmp);
  if (opts.np && opts.np > 1) args.push('--np', String(opts.np));
  const t0 = process.hrtime.bigint();
  return new Promise((res, rej) => {
    const child = spawn(program, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', rej);
    child.on('close', (code) => res({ dir, exitCode: code ?? 1, stderr, seconds: Number(process.hrtime.bigint() - t0) / 1e9 }));
  });
}
