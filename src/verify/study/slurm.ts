/**
 * Slurm: one `sbatch` job array per study, one array task per run (Slurm docs, sbatch --array;
 * SLURM_ARRAY_TASK_ID picks the run). Each task runs `lmpv study run-one` on its run folder, which
 * starts LAMMPS under `srun` when the run has more than one rank (or lmpv's engine), and resumes
 * from the run's last restart when the task is submitted again. Runs already done are left out of
 * the array. `lmpv study status` asks squeue / sacct about the job and reads each run's status.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../io/atomic-write.js';
import { UsageError } from '../../io/errors.js';

export interface SlurmOptions {
  partition?: string;
  nodesPerRun?: number;
  /** Tasks (MPI ranks) per run. */
  np?: number;
  /** Wall-time limit per run (Slurm --time), e.g. 2-00:00:00. */
  time?: string;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function sbatchScript(studyDir: string, names: string[], lmpvCommand: string[], opts: SlurmOptions): string {
  const lines = [
    '#!/bin/bash',
    '# lmpv study: one array task per run (written by lmpv study --scheduler slurm)',
    '#SBATCH --job-name=lmpv-study',
    `#SBATCH --array=0-${names.length - 1}`,
    `#SBATCH --output=${join(studyDir, 'slurm', '%A_%a.out')}`,
    `#SBATCH --nodes=${opts.nodesPerRun ?? 1}`,
    `#SBATCH --ntasks=${opts.np ?? 1}`,
  ];
  if (opts.partition) lines.push(`#SBATCH --partition=${opts.partition}`);
  if (opts.time) lines.push(`#SBATCH --time=${opts.time}`);
  lines.push(
    'set -eu',
    `RUNS=(${names.map(q).join(' ')})`,
    `exec ${lmpvCommand.map(q).join(' ')} study run-one ${q(join(studyDir, 'runs'))}/"\${RUNS[$SLURM_ARRAY_TASK_ID]}" --launcher srun`,
    '',
  );
  return lines.join('\n');
}

function run(cmd: string, args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new UsageError(`${cmd}: cannot start (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}); is Slurm installed and on PATH?`);
  return { code: r.status ?? 1, out: r.stdout ?? '', err: r.stderr ?? '' };
}

/** Write slurm/study.sbatch and submit it; returns the job id. */
export function submitArray(studyDir: string, names: string[], lmpvCommand: string[], opts: SlurmOptions): string {
  if (!names.length) throw new UsageError(`${studyDir}: every run is done; nothing to submit`);
  mkdirSync(join(studyDir, 'slurm'), { recursive: true });
  const file = join(studyDir, 'slurm', 'study.sbatch');
  writeFileAtomicSync(file, sbatchScript(studyDir, names, lmpvCommand, opts));
  const r = run('sbatch', ['--parsable', file]);
  if (r.code !== 0) throw new UsageError(`sbatch ${file}: ${r.err.trim() || `exit code ${r.code}`}`);
  return r.out.trim().split(';')[0];
}

/** Array tasks of a job still known to squeue (pending or running), by task index. */
export function queuedTasks(job: string): Map<number, string> {
  const r = run('squeue', ['-h', '-r', '-j', job, '-o', '%K %T']);
  const out = new Map<number, string>();
  if (r.code !== 0) return out; // the job has left the queue
  for (const l of r.out.split('\n')) {
    const m = /^(\d+)\s+(\S+)/.exec(l.trim());
    if (m) out.set(Number(m[1]), m[2]);
  }
  return out;
}
