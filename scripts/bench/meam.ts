/**
 * MEAM MD speed: `lmpv run` vs real LAMMPS with the MEAM package (serial, one core), same input,
 * measured in the same run: bcc Li (a = 3.51 A, library.meam 'Li', NULL parameter file), 2000 and
 * 16000 atoms, velocities at 300 K, NVE, 200 steps of 1 fs, thermo every 50 steps, neighbor 2.0 bin
 * (LAMMPS defaults: every 1 delay 10 check yes).
 * Figures: LAMMPS's and lmpv's own "Loop time" (the run loop only), each process's wall time and
 * (with /usr/bin/time) its user+system CPU time, which is the fair figure on a loaded machine
 * (whole process: includes lmpv's Node start-up and setup); ratio = lmpv / LAMMPS (< 1: lmpv faster).
 * lmpv also runs with LMPV_KERNELS=scalar (the TypeScript twins of the WebAssembly kernels: MEAM's
 * screening pass) in the same run: loop time ratio wasm / scalar, and the same last thermo row.
 * LAMMPS binary: $LMP_FULL (as the README and the fixture scripts name it), else the source build /opt/lmpsrc/lammps-* /build/lmp (Debian's lmp has no
 * MEAM); skipped with a reason when absent.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lmpFullCommand, REPO_ROOT } from '../../src/io/config.js';
import { readMeamLibrary, resolveMeamSetup } from '../../src/io/meam-library.js';
import { init as initKernels, kernelMode } from '../../src/engine/kernels/wasm/index.js';
import { makeSimBox } from '../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts } from '../../src/engine/space/ghosts.js';
import { NeighborListBuffer, buildNeighborList } from '../../src/engine/neighbor/neighbor-list.js';
import { meamFromSetup } from '../../src/engine/potentials/meam/index.js';
import { threadCpuNs } from '../../src/analysis/acna-threads.js';
import { mulberry32 } from '../lib/mulberry32.js';
import { lastThermo, loopTime, timedProcess } from '../lib/timed.js';

export const name = 'meam';

function lammpsWithMeam(): string | null {
  const full = lmpFullCommand();
  if (full) return full;
  if (!existsSync('/opt/lmpsrc')) return null;
  for (const d of readdirSync('/opt/lmpsrc')) {
    const p = join('/opt/lmpsrc', d, 'build', 'lmp');
    if (d.startsWith('lammps-') && existsSync(p)) return p;
  }
  return null;
}

function libraryMeam(): string | null {
  for (const p of [join(REPO_ROOT, 'fixtures/lammps/meam-elements/library.meam'), '/usr/share/lammps/potentials/library.meam']) if (existsSync(p)) return p;
  return null;
}

function input(ncell: number): string {
  return `units metal
atom_style atomic
boundary p p p
lattice bcc 3.51
region box block 0 ${ncell} 0 ${ncell} 0 ${ncell}
create_box 1 box
create_atoms 1 box
pair_style meam
pair_coeff * * library.meam Li NULL Li
mass 1 6.939
velocity all create 300.0 4928459 mom yes rot no dist gaussian loop geom
neighbor 2.0 bin
fix 1 all nve
timestep 0.001
thermo 50
thermo_style custom step temp pe ke etotal press
thermo_modify format float %.15g norm no
run 200
`;
}

/** Run a command, returning its output and, when /usr/bin/time exists, its user+system CPU seconds. */
/**
 * One MEAM evaluation (energy and forces) of 2000 bcc Li atoms (noise 0.05 A) in this process, with
 * the kernels (MEAM screening in WebAssembly) and with LMPV_KERNELS=scalar, alternated 6 times x 10
 * evaluations after a warm-up: this thread's own CPU time per evaluation (Linux schedstat; on a
 * loaded machine wall time is mostly waiting). Same energy in both modes is checked.
 */
function evalCpu(lib: string): Record<string, unknown> {
  const setup = resolveMeamSetup(readMeamLibrary(lib), ['Li'], null, ['Li']);
  const a = 3.51, n = 10, N = 2 * n ** 3;
  const rnd = mulberry32(2026);
  const x = new Float64Array(3 * N);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) for (const b of [0, 0.5]) {
    x[k++] = (i + b) * a + 0.1 * (rnd() - 0.5);
    x[k++] = (j + b) * a + 0.1 * (rnd() - 0.5);
    x[k++] = (l + b) * a + 0.1 * (rnd() - 0.5);
  }
  const type = new Int32Array(N).fill(1);
  const box = makeSimBox([0, 0, 0], [n * a, n * a, n * a], false, [0, 0, 0], [true, true, true]);
  const pot = meamFromSetup(setup);
  const cut = pot.params.rc + 2.0;
  const g = buildGhosts(new GhostAtoms(), box, N, x, type, null, cut);
  const list = buildNeighborList(new NeighborListBuffer(), 'full', g, cut);
  const f = new Float64Array(3 * g.nall);
  const ms: Record<string, number[]> = { wasm: [], scalar: [] };
  const pe: Record<string, number> = {};
  for (let rep = 0; rep < 6; rep++) {
    for (const m of ['wasm', 'scalar'] as const) {
      initKernels(undefined, m);
      if (kernelMode() !== m) return { skipped: `kernels not in ${m} mode` };
      for (let q = 0; q < 3; q++) pe[m] = pot.compute(g, list, f, null);
      const c0 = threadCpuNs();
      for (let q = 0; q < 10; q++) pot.compute(g, list, f, null);
      ms[m].push((threadCpuNs() - c0) / 1e7);
    }
  }
  initKernels();
  const med = (v: number[]) => v.sort((p, q) => p - q)[v.length >> 1];
  return {
    atoms: N,
    wasm_ms_per_eval_min: +Math.min(...ms.wasm).toFixed(3),
    wasm_ms_per_eval_median: +med(ms.wasm).toFixed(3),
    scalar_ms_per_eval_min: +Math.min(...ms.scalar).toFixed(3),
    scalar_ms_per_eval_median: +med(ms.scalar).toFixed(3),
    ratio_wasm_vs_scalar_median: +(med(ms.wasm) / med(ms.scalar)).toFixed(3),
    same_energy: Object.is(pe.wasm, pe.scalar),
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const lmp = lammpsWithMeam();
  const lib = libraryMeam();
  const inProcess = lib ? evalCpu(lib) : null;
  if (!lmp) return { skipped: 'no LAMMPS with the MEAM package: set LMP_FULL or build /opt/lmpsrc/lammps-*/build/lmp (Debian lmp has no MEAM)', evaluation_cpu_2000: inProcess };
  if (!lib) return { skipped: 'library.meam not found' };
  const bin = resolve(REPO_ROOT, 'bin', 'lmpv.js');
  const results: Record<string, unknown> = { lammps: lmp, evaluation_cpu_2000: inProcess };
  for (const [ncell, natoms] of [[10, 2000], [20, 16000]] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-bench-meam-'));
    try {
      copyFileSync(lib, join(dir, 'library.meam'));
      writeFileSync(join(dir, 'in.lammps'), input(ncell));
      process.stderr.write(`bench meam: ${natoms} atoms, LAMMPS ...\n`);
      const L = timedProcess(lmp, ['-in', 'in.lammps', '-log', 'none'], dir);
      process.stderr.write(`bench meam: ${natoms} atoms, lmpv ...\n`);
      const O = timedProcess(process.execPath, [bin, 'run', 'in.lammps'], dir);
      // the same run with the scalar twins of the kernels (the MEAM screening in TypeScript)
      process.stderr.write(`bench meam: ${natoms} atoms, lmpv LMPV_KERNELS=scalar ...\n`);
      const S = timedProcess(process.execPath, [bin, 'run', 'in.lammps'], dir, { ...process.env, LMPV_KERNELS: 'scalar' });
      const scalarLoop = loopTime(S.out);
      const lo = L.out, oo = O.out, lmpWall = L.wall, oursWall = O.wall;
      const lmpLoop = loopTime(lo), oursLoop = loopTime(oo);
      results[`bcc_li_${natoms}`] = {
        steps: 200,
        lammps_loop_s: lmpLoop,
        lmpv_loop_s: oursLoop,
        ratio_loop: oursLoop / lmpLoop,
        lammps_cpu_s: L.cpu,
        lmpv_cpu_s: O.cpu,
        ratio_cpu: O.cpu / L.cpu,
        lammps_wall_s: lmpWall,
        lmpv_wall_s: oursWall,
        ratio_wall: oursWall / lmpWall,
        lmpv_atom_steps_per_s: (natoms * 200) / oursLoop,
        lmpv_scalar_loop_s: scalarLoop,
        lmpv_scalar_cpu_s: S.cpu,
        ratio_loop_scalar_vs_lammps: scalarLoop / lmpLoop,
        ratio_loop_wasm_vs_scalar: oursLoop / scalarLoop,
        scalar_same_thermo: lastThermo(S.out) === lastThermo(oo),
        last_thermo_lammps: lastThermo(lo),
        last_thermo_lmpv: lastThermo(oo),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
