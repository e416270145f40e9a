/**
 * Start-up as a user sees it, whole processes side by side in one run (best of 5 by CPU time):
 * `node bin/lmpv.js --help`, `node -e 0` (Node.js itself), and `lmpv run` of the 128-atom MEAM SiC
 * case (../shared/reference/meam-sic, 100 steps) beside real LAMMPS with MEAM ($LMP_FULL) on the
 * same input: time_ratio_* = lmpv / LAMMPS (less is better).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lmpFullCommand, REPO_ROOT, SHARED_DIR } from '../../src/io/config.js';
import { bestOf, r3, timedProcess } from '../lib/timed.js';

export const name = 'startup';

export async function run(): Promise<Record<string, unknown>> {
  const bin = join(REPO_ROOT, 'bin', 'lmpv.js');
  const cwd = REPO_ROOT;
  const help = bestOf(5, () => timedProcess(process.execPath, [bin, '--help'], cwd));
  const node = bestOf(5, () => timedProcess(process.execPath, ['-e', '0'], cwd));
  const res: Record<string, unknown> = {
    help: { wall_s: r3(help.wall), cpu_s: r3(help.cpu) },
    node_alone: { wall_s: r3(node.wall), cpu_s: r3(node.cpu) },
  };
  const ref = join(SHARED_DIR, 'reference', 'meam-sic');
  const lmp = lmpFullCommand();
  if (!existsSync(join(ref, 'in.lammps')) || !lmp) {
    res.meam_sic = `not measured: ${!lmp ? 'no LAMMPS with MEAM ($LMP_FULL)' : `${ref} not found`}`;
    return res;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-bench-startup-'));
  try {
    for (const f of ['in.lammps', 'data.meam', 'library.meam', 'SiC.meam']) copyFileSync(join(ref, f), join(dir, f));
    const ours = bestOf(5, () => timedProcess(process.execPath, [bin, 'run', 'in.lammps', '--log', 'none'], dir));
    const theirs = bestOf(5, () => timedProcess(lmp, ['-in', 'in.lammps', '-log', 'none', '-screen', 'none'], dir));
    res.meam_sic = {
      lmpv: { wall_s: r3(ours.wall), cpu_s: r3(ours.cpu) },
      lammps: { wall_s: r3(theirs.wall), cpu_s: r3(theirs.cpu) },
      time_ratio_wall: r3(ours.wall / theirs.wall),
      time_ratio_cpu: r3(ours.cpu / theirs.cpu),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return res;
}
