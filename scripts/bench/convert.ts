/**
 * Conversions as a user runs them, whole processes side by side in one run, on the 256,000-atom x
 * 5-frame `dump custom id type x y z vx vy vz` that real LAMMPS writes with its default %g
 * (scripts/make-large-dump.sh, /tmp/lmpv-bench or $LMPV_BENCH_DIR, reused when present):
 *   - `lmpv convert DUMP out.xyz` and `lmpv convert DUMP out.lammpstrj` against ASE reading the
 *     dump (ase.io.read, index=':') and writing it (ase.io.write, extxyz / lammps-dump-text is not
 *     writable in ASE, so extxyz for both): speedup_vs_ase (wall) and speedup_vs_ase_cpu;
 *   - `lmpv acna DUMP --out out.lammpstrj` against `lmpv acna DUMP`: time_ratio_out_vs_plain.
 * Each lmpv figure is the best of 2 by CPU time; ASE runs once (it takes ~10 s of CPU). Peak RSS of
 * every process is given (streaming commands hold one frame).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/io/config.js';
import { bestOf, r3, timedProcess, type Timed } from '../lib/timed.js';

export const name = 'convert';

const OUT = process.env.LMPV_BENCH_DIR ?? '/tmp/lmpv-bench';
const PYTHON = '/usr/bin/python3';

const fig = (t: Timed): Record<string, number> => ({ wall_s: r3(t.wall), cpu_s: r3(t.cpu), peak_rss_MB: Math.round(t.maxrssMB) });

export async function run(): Promise<Record<string, unknown>> {
  execFileSync('bash', [join(REPO_ROOT, 'scripts', 'make-large-dump.sh'), OUT], { stdio: ['ignore', 'ignore', 'inherit'] });
  const dump = join(OUT, 'dump.lj256k.default.lammpstrj');
  const bin = join(REPO_ROOT, 'bin', 'lmpv.js');
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-bench-convert-'));
  try {
    const lmpv = (...args: string[]): Timed => bestOf(2, () => timedProcess(process.execPath, [bin, ...args], dir));
    process.stderr.write('bench convert: lmpv convert -> extxyz, -> dump ...\n');
    const toXyz = lmpv('convert', dump, join(dir, 'out.xyz'));
    const toDump = lmpv('convert', dump, join(dir, 'out.lammpstrj'));
    process.stderr.write('bench convert: lmpv acna, acna --out ...\n');
    const acna = lmpv('acna', dump);
    const acnaOut = lmpv('acna', dump, '--out', join(dir, 'acna.lammpstrj'));
    const res: Record<string, unknown> = {
      input: { file: dump, megabytes: Math.round(statSync(dump).size / 1e5) / 10, frames: 5, atoms_per_frame: 256000 },
      to_extxyz: fig(toXyz),
      to_dump: fig(toDump),
      acna: {
        plain: fig(acna),
        out: fig(acnaOut),
        time_ratio_out_vs_plain: r3(acnaOut.wall / acna.wall),
        time_ratio_out_vs_plain_cpu: r3(acnaOut.cpu / acna.cpu),
      },
    };
    if (!existsSync(PYTHON)) {
      res.ase = `not measured: ${PYTHON} not found`;
      return res;
    }
    process.stderr.write('bench convert: ASE read + write extxyz (about 10 s of CPU) ...\n');
    try {
      const py = "import sys, ase.io\nframes = ase.io.read(sys.argv[1], index=':', format='lammps-dump-text')\nase.io.write(sys.argv[2], frames, format='extxyz')\n";
      const ase = timedProcess(PYTHON, ['-c', py, dump, join(dir, 'ase.xyz')], dir);
      res.ase = fig(ase);
      (res.to_extxyz as Record<string, number>).speedup_vs_ase = r3(ase.wall / toXyz.wall);
      (res.to_extxyz as Record<string, number>).speedup_vs_ase_cpu = r3(ase.cpu / toXyz.cpu);
      (res.to_dump as Record<string, number>).speedup_vs_ase = r3(ase.wall / toDump.wall);
      (res.to_dump as Record<string, number>).speedup_vs_ase_cpu = r3(ase.cpu / toDump.cpu);
    } catch (e) {
      res.ase = `not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
