/**
 * The LJ pair kernel three ways on a 32,000-atom LJ liquid (the step-100 configuration real LAMMPS
 * wrote for fixtures/lammps/engine-lj-liquid-nve, 256 atoms, tiled 5x5x5; rho* = 0.8442,
 * lj/cut 2.5, skin 0.3, half list with ghosts built by the engine), measured in the same run:
 *
 * - engine:   potentials/lj-cut LjCut.compute with LMPV_KERNELS=scalar (its plain TS loop)
 * - twin:     kernels/scalar/pair-lj.ts pairLj_aos (plain TS, the kernel's arguments)
 * - simd:     kernels/wasm pairLj_f64x2_aos with all arrays already in wasm memory (kernel only)
 * - simdCopy: kernels/wasm pairLjAos, the engine-facing call (copies x, f, type, offsets in and
 *             f out each call; the neighbour list only when it was rebuilt)
 * - engineWasm: LjCut.compute in the default mode (uses the kernel when LMPV_KERNELS != scalar)
 *
 * Figures: listed pairs evaluated per second (every listed pair costs a distance; ~70% are inside
 * rc and get the force) from the median call over interleaved rounds (the machine is shared;
 * the fastest calls beside); ratios are vs engine.
 * Results are checked bitwise equal (energy and every force) before timing.

 *
 * Beside them, real LAMMPS (`lmp`, serial) on the same 32,000 positions (data file in /tmp):
 * `run 50` without integrator, the list built once (neigh_modify every 1000 check no), and its
 * own timing breakdown's Pair time / 50 steps against its "Total # of neighbors" (its half list:
 * the same pairs) -> LAMMPS's pairs/s in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { init, kernelInfo, kernels, memory, pairLjAos, WasmArena } from '../../src/engine/kernels/wasm/index.js';
import { pairLj_aos, packLjParams } from '../../src/engine/kernels/scalar/pair-lj.js';
import { LjCut } from '../../src/engine/potentials/lj-cut/index.js';
import type { ForceAccumulator } from '../../src/engine/potentials/types.js';
import { parseLammpsDump, sortFrameById } from '../../src/io/lammps-dump.js';
import { makeSimBox, pbc } from '../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts } from '../../src/engine/space/ghosts.js';
import { NeighborListBuffer, buildNeighborList } from '../../src/engine/neighbor/neighbor-list.js';
import { lmpCommand } from '../../src/io/config.js';

export const name = 'kernels';

const TILE = 5;
const RC = 2.5;
const SKIN = 0.3;
const ROUNDS = 6;

function repoRoot(): string {
  // scripts/bench/kernels.ts (vitest) or dist/scripts/bench/kernels.js
  const here = fileURLToPath(new URL('.', import.meta.url));
  return here.includes('/dist/scripts/') ? join(here, '..', '..', '..') : join(here, '..', '..');
}

async function liquid(): Promise<{ n: number; x: Float64Array; L: number }> {
  const path = join(repoRoot(), 'fixtures', 'lammps', 'engine-lj-liquid-nve', 'dump.lammpstrj');
  const frames = await parseLammpsDump(readFileSync(path), { file: path });
  const fr = sortFrameById(frames.find((f) => f.timestep === 100)!);
  const n0 = fr.natoms;
  const l0 = fr.box.hi[0] - fr.box.lo[0];
  const c = (k: string) => fr.columns.get(k) as Float64Array;
  const n = n0 * TILE ** 3;
  const x = new Float64Array(3 * n);
  let k = 0;
  for (let a = 0; a < TILE; a++)
    for (let b = 0; b < TILE; b++)
      for (let d = 0; d < TILE; d++)
        for (let i = 0; i < n0; i++) {
          x[k++] = c('x')[i] - fr.box.lo[0] + a * l0;
          x[k++] = c('y')[i] - fr.box.lo[1] + b * l0;
          x[k++] = c('z')[i] - fr.box.lo[2] + d * l0;
        }
  return { n, x, L: TILE * l0 };
}

function median(a: number[]): number {
  const s = a.slice().sort((p, q) => p - q);
  return s[s.length >> 1];
}

/** Seconds per call of each of `reps` calls after `warm` warm-ups. */
function time(fn: () => void, warm = 2, reps = 10): number[] {
  for (let r = 0; r < warm; r++) fn();
  const t: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return t;
}

function sameBits(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

const LMP_STEPS = 50;

/** LAMMPS's pair evaluations per second on the same atoms, from its log (see the header). */
function lmpPairRate(n: number, x: Float64Array, L: number): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-bench-kernels-'));
  try {
    const lines = [`bench kernels: LJ liquid tiled ${TILE}^3\n`, `${n} atoms`, '1 atom types', `0 ${L} xlo xhi`, `0 ${L} ylo yhi`, `0 ${L} zlo zhi`, '', 'Masses', '', '1 1.0', '', 'Atoms # atomic', ''];
    for (let i = 0; i < n; i++) lines.push(`${i + 1} 1 ${x[3 * i]} ${x[3 * i + 1]} ${x[3 * i + 2]}`);
    writeFileSync(join(dir, 'data.lj'), lines.join('\n') + '\n');
    writeFileSync(
      join(dir, 'in.lammps'),
      `units lj\natom_style atomic\nread_data data.lj\npair_style lj/cut ${RC}\npair_coeff 1 1 1.0 1.0 ${RC}\nneighbor ${SKIN} bin\nneigh_modify every 1000 delay 0 check no\nthermo ${LMP_STEPS}\nrun ${LMP_STEPS}\n`,
    );
    execFileSync(lmpCommand(), ['-in', 'in.lammps', '-log', 'log.lmp', '-screen', 'none'], { cwd: dir, timeout: 300_000 });
    const log = readFileSync(join(dir, 'log.lmp'), 'utf8');
    const pair = /^Pair\s*\|\s*([\d.eE+-]+)/m.exec(log);
    const neigh = /^Total # of neighbors = (\d+)/m.exec(log);
    if (!pair || !neigh) throw new Error('no Pair time or neighbour count in the lmp log');
    const seconds = Number(pair[1]) / LMP_STEPS;
    return { lmpNeighbors: Number(neigh[1]), lmpPairSecondsPerStep: seconds, lmpPairsPerSecond: Math.round(Number(neigh[1]) / seconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const mode = init();
  if (mode !== 'wasm') throw new Error(`kernel module not available: ${kernelInfo().reason}`);
  const { n, x: x0, L } = await liquid();
  const box = makeSimBox([0, 0, 0], [L, L, L], false, [0, 0, 0], [true, true, true]);
  const x = x0.slice();
  pbc(box, n, x, new Int32Array(3 * n));
  const type = new Int32Array(n).fill(1);
  const g = buildGhosts(new GhostAtoms(), box, n, x, type, null, RC + SKIN);
  const list = buildNeighborList(new NeighborListBuffer(), 'half', g, RC + SKIN);
  const nall = g.nall, nnb = list.size;
  const lj = new LjCut([String(RC)], { units: 'lj', ntypes: 1, resolvePotentialFile: (s) => s, where: () => ({ file: 'bench', line: 0 }) });
  lj.coeff(['1', '1', '1.0', '1.0', String(RC)]);
  lj.init(1);
  const T = 2;
  const sig = 1, eps = 1;
  const one = (v: number) => Float64Array.of(0, 0, 0, v);
  const params = packLjParams(null, T, one(RC * RC), one(48 * eps * Math.pow(sig, 12)), one(24 * eps * Math.pow(sig, 6)), one(4 * eps * Math.pow(sig, 12)), one(4 * eps * Math.pow(sig, 6)), one(0));

  const acc: ForceAccumulator = { f: new Float64Array(3 * nall), energy: 0, virial: new Float64Array(6) };
  const engineCall = (): number => {
    acc.f.fill(0);
    acc.energy = 0;
    lj.compute(g, list, acc, { wantEatom: false });
    return acc.energy;
  };
  const fTwin = new Float64Array(3 * nall);
  const twinCall = (): number => {
    fTwin.fill(0);
    return pairLj_aos(fTwin, null, g.x, g.type, list.offsets, list.neighbors, n, params, T);
  };
  const fCopy = new Float64Array(3 * nall);
  const copyCall = (): number => {
    fCopy.fill(0);
    return pairLjAos(fCopy, null, g.x, g.type, nall, list, params, T);
  };
  // kernel only: our own arrays in wasm memory (after the wrapper's workspace)
  const arena = new WasmArena(memory()!, 1 << 26);
  const p = { params: arena.alloc(8 * params.length), x: arena.alloc(24 * nall), f: arena.alloc(24 * nall), type: arena.alloc(4 * nall), off: arena.alloc(4 * (n + 1)), nb: arena.alloc(4 * nnb) };
  arena.f64(p.params, params.length).set(params);
  arena.f64(p.x, 3 * nall).set(g.x.subarray(0, 3 * nall));
  arena.i32(p.type, nall).set(g.type.subarray(0, nall));
  arena.i32(p.off, n + 1).set(list.offsets.subarray(0, n + 1));
  arena.i32(p.nb, nnb).set(list.neighbors.subarray(0, nnb));
  const k = kernels()!;
  const simdCall = (): number => {
    arena.f64(p.f, 3 * nall).fill(0);
    return k.pairLj_f64x2_aos(p.f, 0, p.x, p.type, p.off, p.nb, n, p.params, T);
  };

  // correctness first: all bitwise equal
  init(undefined, 'scalar');
  const eEngine = engineCall();
  const fEngine = acc.f.slice();
  init(undefined, 'wasm');
  const eTwin = twinCall(), eCopy = copyCall(), eSimd = simdCall();
  const fSimd = arena.f64(p.f, 3 * nall);
  const bitwise = Object.is(eEngine, eTwin) && Object.is(eEngine, eCopy) && Object.is(eEngine, eSimd) && sameBits(fEngine, fTwin, 3 * nall) && sameBits(fEngine, fCopy, 3 * nall) && sameBits(fEngine, fSimd, 3 * nall);
  const eEngineWasm = engineCall();
  const bitwiseEngineWasm = Object.is(eEngine, eEngineWasm) && sameBits(fEngine, acc.f, 3 * nall);

  let inside = 0;
  for (let i = 0; i < n; i++)
    for (let jj = list.offsets[i]; jj < list.offsets[i + 1]; jj++) {
      const j = list.neighbors[jj];
      const dx = g.x[3 * i] - g.x[3 * j], dy = g.x[3 * i + 1] - g.x[3 * j + 1], dz = g.x[3 * i + 2] - g.x[3 * j + 2];
      if (dx * dx + dy * dy + dz * dz < RC * RC) inside++;
    }

  // timing, interleaved rounds so that load from other processes hits all variants alike
  const t: Record<string, number[]> = { engine: [], twin: [], simd: [], simdCopy: [], engineWasm: [] };
  for (let round = 0; round < ROUNDS; round++) {
    init(undefined, 'scalar');
    t.engine.push(...time(engineCall));
    init(undefined, 'wasm');
    t.twin.push(...time(twinCall));
    t.simd.push(...time(simdCall));
    t.simdCopy.push(...time(copyCall));
    t.engineWasm.push(...time(engineCall));
  }
  init();
  // the machine is shared: medians over all rounds are the headline, the fastest calls beside
  const best = Object.fromEntries(Object.entries(t).map(([key, v]) => [key, Math.min(...v)]));
  const med = Object.fromEntries(Object.entries(t).map(([key, v]) => [key, median(v)]));
  const rate = (s: number) => Math.round(nnb / s);
  let lmp: Record<string, unknown>;
  try {
    lmp = lmpPairRate(n, x, L);
    lmp.ratioSimdOverLmp = Number((rate(med.simd) / (lmp.lmpPairsPerSecond as number)).toFixed(3));
    lmp.ratioEngineWasmOverLmp = Number((rate(med.engineWasm) / (lmp.lmpPairsPerSecond as number)).toFixed(3));
  } catch (e) {
    lmp = { lmp: `not run: ${(e as Error).message.split('\n')[0]}` };
  }
  return {
    atoms: n,
    ghosts: nall - n,
    listedPairs: nnb,
    pairsInsideCutoff: inside,
    bitwiseEqual: bitwise,
    bitwiseEqualEngineWasm: bitwiseEngineWasm,
    medianSecondsPerCall: med,
    fastestSecondsPerCall: best,
    pairsPerSecond: Object.fromEntries(Object.entries(med).map(([key, s]) => [key, rate(s)])),
    ratioVsEngine: Object.fromEntries(Object.entries(med).map(([key, s]) => [key, Number((med.engine / s).toFixed(3))])),
    ratioSimdVsTwin: Number((med.twin / med.simd).toFixed(3)),
    ratioVsEngineFastest: Object.fromEntries(Object.entries(best).map(([key, s]) => [key, Number((best.engine / s).toFixed(3))])),
    lammps: lmp,
    method: `median (and fastest) of ${ROUNDS} interleaved rounds x 10 calls (2 warm-ups each); pairsPerSecond = listed pairs / median s`,
  };
}
