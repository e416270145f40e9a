/**
 * ReaxFF MD speed: `lmpv run` vs real LAMMPS with the REAXFF package (serial, one core), on the same
 * inputs in the same run: the reference cases of ../shared/reference (their in.lammps and files):
 * reaxff-li-600 (600 Li, QEq tol 1e-10, Nose-Hoover NVT; run lengthened from 200 to 1000 steps),
 * reaxff-li-bcc (432 Li, NVE, 100 steps) and reaxff-tatb (384 atoms, QEq, NVE, 25 steps, with fix
 * reaxff/bonds and reaxff/species).
 * Figures as the meam benchmark: each program's "Loop time", its wall time and (with /usr/bin/time)
 * user+system CPU time; ratio = lmpv / LAMMPS (< 1: lmpv faster).
 * LAMMPS binary: $LMP_FULL, else ../shared/bin/lmp_full (Debian's lmp has no REAXFF); cases and the
 * binary are skipped with a reason when absent.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lmpFullCommand, REPO_ROOT, SHARED_DIR } from '../../src/io/config.js';
import { lastThermo, loopTime, timedProcess } from '../lib/timed.js';

export const name = 'reaxff';

const CASES: Array<{ name: string; steps: number; edit?: (inp: string) => string }> = [
  { name: 'reaxff-li-600', steps: 1000, edit: (inp) => inp.replace(/^run\s+200\s*$/m, 'run 1000') },
  { name: 'reaxff-li-bcc', steps: 100 },
  { name: 'reaxff-tatb', steps: 25 },
];

export async function run(): Promise<Record<string, unknown>> {
  const lmp = lmpFullCommand() ?? join(SHARED_DIR, 'bin', 'lmp_full');
  if (!existsSync(lmp)) return { skipped: `no LAMMPS with REAXFF at ${lmp}: set LMP_FULL (Debian lmp has no REAXFF)` };
  const ref = join(SHARED_DIR, 'reference');
  const bin = resolve(REPO_ROOT, 'bin', 'lmpv.js');
  const results: Record<string, unknown> = { lammps: lmp };
  for (const c of CASES) {
    const src = join(ref, c.name);
    if (!existsSync(join(src, 'in.lammps'))) { results[c.name] = { skipped: `${src} is absent` }; continue; }
    const dir = mkdtempSync(join(tmpdir(), `lmpv-bench-${c.name}-`));
    try {
      cpSync(src, dir, { recursive: true });
      execFileSync('chmod', ['-R', 'u+w', dir]);
      if (c.edit) writeFileSync(join(dir, 'in.lammps'), c.edit(readFileSync(join(dir, 'in.lammps'), 'utf8')));
      process.stderr.write(`bench reaxff: ${c.name}, LAMMPS ...\n`);
      const L = timedProcess(lmp, ['-in', 'in.lammps', '-log', 'none'], dir);
      process.stderr.write(`bench reaxff: ${c.name}, lmpv ...\n`);
      const O = timedProcess(process.execPath, [bin, 'run', 'in.lammps'], dir);
      const lmpLoop = loopTime(L.out), oursLoop = loopTime(O.out);
      results[c.name] = {
        steps: c.steps,
        lammps_loop_s: lmpLoop,
        lmpv_loop_s: oursLoop,
        ratio_loop: oursLoop / lmpLoop,
        lammps_cpu_s: L.cpu,
        lmpv_cpu_s: O.cpu,
        ratio_cpu: O.cpu / L.cpu,
        lammps_wall_s: L.wall,
        lmpv_wall_s: O.wall,
        ratio_wall: O.wall / L.wall,
        last_thermo_lammps: lastThermo(L.out),
        last_thermo_lmpv: lastThermo(O.out),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
