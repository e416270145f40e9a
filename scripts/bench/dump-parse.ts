/**
 * Streaming parse speed of LAMMPS text dumps, side by side with ASE on the same file in the same run.
 *
 * Input: a 256,000-atom x 5-frame `dump custom id type x y z vx vy vz` that real LAMMPS writes
 * (scripts/make-large-dump.sh, into /tmp/lmpv-bench, reused when present), three times: LAMMPS's
 * default %g floats, `format float %.15g` and `%.17g` (16-17 digit numbers are off the exact fast
 * path and go through Number(), so that file shows the slow case).
 * Figures per file: lmpv MB/s (best of 3, wall and CPU time), ASE's MB/s
 * (`ase.io.read(path, index=':', format='lammps-dump-text')`, best of 2), the ratios (wall and CPU:
 * on a machine shared with other jobs the CPU-time ratio is the steadier one), index and
 * random-access times, and peak RSS of a child process that only streams the file (to show memory
 * bounded by one frame: compare with the file size and the one-frame array size).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpParserStats, indexLammpsDump, readLammpsDumpFrame, readLammpsDumpFrames } from '../../src/io/lammps-dump.js';

export const name = 'dump-parse';

const OUT = process.env.LMPV_BENCH_DIR ?? '/tmp/lmpv-bench';
const PYTHON = '/usr/bin/python3';

function repoRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json')) || !existsSync(join(d, 'scripts', 'make-large-dump.sh'))) {
    const up = resolve(d, '..');
    if (up === d) throw new Error('dump-parse: cannot find the repository root (scripts/make-large-dump.sh)');
    d = up;
  }
  return d;
}

const mb = (bytes: number, seconds: number): number => Math.round((bytes / 1e6 / seconds) * 10) / 10;

async function streamOnce(path: string): Promise<{ wall: number; cpu: number; frames: number; atoms: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let frames = 0;
  let atoms = 0;
  for await (const f of readLammpsDumpFrames(path)) {
    frames++;
    atoms += f.natoms;
  }
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1e6, frames, atoms };
}

/**
 * Peak RSS (VmHWM of /proc/self/status, in MB) of a fresh node process that streams the file, or
 * does nothing when path is null. (getrusage's maxrss is no good here: Linux carries the parent's
 * high-water mark over fork+exec.)
 */
function childRss(path: string | null): number {
  const mod = new URL('../../src/io/lammps-dump.js', import.meta.url).href;
  const hwm = `Number(/VmHWM:\\s*(\\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1])`;
  const code = path === null
    ? `process.stdout.write(String(${hwm}))`
    : `const m = await import(${JSON.stringify(mod)}); let n = 0; for await (const f of m.readLammpsDumpFrames(${JSON.stringify(path)})) n += f.natoms; process.stdout.write(String(${hwm}));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return Math.round(Number(out) / 1024); // kB -> MB
}

const ASE_SCRIPT = `
import json, re, sys, time
import ase.io
path, reps = sys.argv[1], int(sys.argv[2])
best = bestcpu = None
for _ in range(reps):
    t, c = time.perf_counter(), time.process_time()
    frames = ase.io.read(path, index=':', format='lammps-dump-text')
    dt, dc = time.perf_counter() - t, time.process_time() - c
    best = dt if best is None else min(best, dt)
    bestcpu = dc if bestcpu is None else min(bestcpu, dc)
    nframes, n = len(frames), sum(len(a) for a in frames)
    del frames
hwm = int(re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read()).group(1))
print(json.dumps({"seconds": best, "cpu_seconds": bestcpu, "frames": nframes, "atoms": n, "maxrss_mb": hwm / 1024}))
`;

function ase(path: string, reps: number): { seconds: number; cpu_seconds: number; atoms: number; maxrss_mb: number } | { error: string } {
  try {
    const out = execFileSync(PYTHON, ['-c', ASE_SCRIPT, path, String(reps)], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim().split('\n').pop()!) as { seconds: number; cpu_seconds: number; atoms: number; maxrss_mb: number };
  } catch (e) {
    return { error: `ASE (${PYTHON}) failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const root = repoRoot();
  process.stderr.write(`dump-parse: making/reusing the benchmark dumps in ${OUT} with real lmp\n`);
  execFileSync('bash', [join(root, 'scripts', 'make-large-dump.sh'), OUT], { stdio: ['ignore', 'ignore', 'inherit'] });
  const results: Record<string, unknown> = {};
  for (const variant of ['default', 'p15', 'p17']) {
    const path = join(OUT, `dump.lj256k.${variant}.lammpstrj`);
    const size = statSync(path).size;
    process.stderr.write(`dump-parse: ${path} (${(size / 1e6).toFixed(1)} MB)\n`);
    const runs = [];
    const stats0 = { ...dumpParserStats };
    for (let k = 0; k < 3; k++) runs.push(await streamOnce(path));
    const kernelRows = dumpParserStats.kernelRows - stats0.kernelRows;
    const twinRows = dumpParserStats.twinRows - stats0.twinRows;
    const bestWall = Math.min(...runs.map((r) => r.wall));
    const bestCpu = Math.min(...runs.map((r) => r.cpu));
    const t0 = performance.now();
    const index = await indexLammpsDump(path);
    const tIndex = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const last = await readLammpsDumpFrame(path, -1, index);
    const tLast = (performance.now() - t1) / 1000;
    const natoms = last.natoms;
    const ncol = last.columns.size;
    const rssStream = childRss(path);
    const rssIdle = childRss(null);
    process.stderr.write('dump-parse: ASE ...\n');
    const a = ase(path, 2);
    const lmpvMBs = mb(size, bestWall);
    const entry: Record<string, unknown> = {
      file: path,
      megabytes: Math.round(size / 1e5) / 10,
      frames: runs[0].frames,
      atoms_per_frame: natoms,
      lmpv_MB_per_s: lmpvMBs,
      lmpv_MB_per_s_cpu: mb(size, bestCpu),
      lmpv_seconds: Math.round(bestWall * 1000) / 1000,
      // share of atom lines parsed by the WebAssembly kernel (the rest: its TypeScript twin)
      lmpv_kernel_line_share: Math.round((kernelRows / Math.max(1, kernelRows + twinRows)) * 1e4) / 1e4,
      lmpv_index_MB_per_s: mb(size, tIndex),
      lmpv_last_frame_seconds: Math.round(tLast * 1000) / 1000,
      lmpv_peak_rss_MB: rssStream,
      node_idle_rss_MB: rssIdle,
      one_frame_arrays_MB: Math.round((natoms * ncol * 8) / 1e5) / 10,
    };
    if ('error' in a) entry.ase = a.error;
    else {
      const aseMBs = mb(size, a.seconds);
      entry.ase_MB_per_s = aseMBs;
      entry.ase_seconds = Math.round(a.seconds * 1000) / 1000;
      entry.ase_peak_rss_MB = Math.round(a.maxrss_mb);
      entry.ase_MB_per_s_cpu = mb(size, a.cpu_seconds);
      entry.speedup_vs_ase = Math.round((lmpvMBs / aseMBs) * 10) / 10;
      entry.speedup_vs_ase_cpu = Math.round((bestCpu > 0 ? a.cpu_seconds / bestCpu : NaN) * 10) / 10;
      if (a.atoms !== runs[0].atoms) entry.warning = `ASE read ${a.atoms} atoms, lmpv ${runs[0].atoms}`;
    }
    results[variant] = entry;
  }
  return results;
}
