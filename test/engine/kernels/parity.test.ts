/**
 * The f64x2 LJ kernel (kernels/wasm/assembly/pair-lj.ts) against its scalar twin
 * (kernels/scalar/pair-lj.ts) and the engine's lj/cut loop (potentials/lj-cut), on neighbour rows
 * of 1, 2 and 3 blocks plus a remainder, on three types with their own cutoffs and shifts, and on
 * the real LJ liquid of fixtures/lammps/engine-lj-liquid-nve (what real LAMMPS wrote at step 100).
 *
 * All three accumulate in the same order (lane 0 then lane 1 in neighbour order; no FMA in wasm
 * SIMD, IEEE rounding per lane), so they must agree BITWISE (Object.is), not just to 1e-14.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { init, kernels, kernelInfo, memory, pairLjAos, WasmArena } from '../../../src/engine/kernels/wasm/index.js';
import { requestedMode } from '../../../src/io/wasm-loader.js';
import { pairLj_aos, packLjParams, PARAM_STRIDE } from '../../../src/engine/kernels/scalar/pair-lj.js';
import { LjCut } from '../../../src/engine/potentials/lj-cut/index.js';
import type { ForceAccumulator, PairStyleContext } from '../../../src/engine/potentials/types.js';
import { parseLammpsDump, sortFrameById } from '../../../src/io/lammps-dump.js';
import { simBoxFromBox, pbc } from '../../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts, foldGhostForces } from '../../../src/engine/space/ghosts.js';
import { NeighborListBuffer, buildNeighborList } from '../../../src/engine/neighbor/neighbor-list.js';
import { parseLammpsLog } from '../../../src/io/lammps-log.js';
import { relErr } from '../../../src/verify/compare.js';
import { FIXTURES } from '../../helpers/paths.js';
import { mulberry32 } from '../../../scripts/lib/mulberry32.js';

// deterministic generator (mulberry32)
const rng = mulberry32;

const NTYPES = 3;
const NTP = NTYPES + 1;
// eps, sigma, cutoff of i <= j pairs (1-based types), as pair_coeff would set them
const COEFF: Array<[number, number, number, number, number]> = [
  [1, 1, 1.0, 1.0, 2.5],
  [1, 2, 0.7, 1.1, 1.9],
  [1, 3, 1.3, 0.9, 2.2],
  [2, 2, 0.5, 1.2, 3.0],
  [2, 3, 0.9, 1.05, 1.5],
  [3, 3, 1.1, 0.95, 2.7],
];

function ctx(ntypes: number): PairStyleContext {
  return { units: 'lj', ntypes, resolvePotentialFile: (n) => n, where: () => ({ file: 'test', line: 0 }) };
}

function makeLj(ntypes: number, coeff: typeof COEFF, shift: boolean, global = '2.5'): LjCut {
  const lj = new LjCut([global], ctx(ntypes));
  lj.modify({ shift, mix: 'geometric' });
  for (const [i, j, e, s, c] of coeff) lj.coeff([String(i), String(j), String(e), String(s), String(c)]);
  lj.init(ntypes);
  return lj;
}

/** The kernel's params table derived from eps/sigma/cut as lj/cut's init does (independently of its private tables). */
function params(ntp: number, coeff: typeof COEFF, shift: boolean): Float64Array {
  const n = ntp * ntp;
  const t = { cutsq: new Float64Array(n), lj1: new Float64Array(n), lj2: new Float64Array(n), lj3: new Float64Array(n), lj4: new Float64Array(n), off: new Float64Array(n) };
  for (const [i, j, eps, sig, cut] of coeff) {
    for (const k of [i * ntp + j, j * ntp + i]) {
      t.cutsq[k] = cut * cut;
      t.lj1[k] = 48.0 * eps * Math.pow(sig, 12.0);
      t.lj2[k] = 24.0 * eps * Math.pow(sig, 6.0);
      t.lj3[k] = 4.0 * eps * Math.pow(sig, 12.0);
      t.lj4[k] = 4.0 * eps * Math.pow(sig, 6.0);
      t.off[k] = shift ? 4.0 * eps * (Math.pow(sig / cut, 12.0) - Math.pow(sig / cut, 6.0)) : 0;
    }
  }
  return packLjParams(null, ntp, t.cutsq, t.lj1, t.lj2, t.lj3, t.lj4, t.off);
}

interface Case {
  /** ntypes + 1 */
  ntp: number;
  nall: number;
  inum: number;
  x: Float64Array;
  type: Int32Array;
  offsets: Int32Array;
  neighbors: Int32Array;
}

/** inum owned atoms whose rows have the given lengths, neighbours drawn from nall atoms in a 3.4^3 box (pairs within and beyond their cutoff). */
function makeCase(rowLengths: number[], seed: number, ntypes = NTYPES, nall = 48): Case {
  const r = rng(seed);
  const inum = rowLengths.length;
  const x = new Float64Array(3 * nall);
  for (let k = 0; k < 3 * nall; k++) x[k] = 3.4 * r();
  const type = new Int32Array(nall);
  for (let k = 0; k < nall; k++) type[k] = 1 + Math.floor(r() * ntypes);
  const offsets = new Int32Array(inum + 1);
  const nb: number[] = [];
  for (let i = 0; i < inum; i++) {
    const used = new Set<number>([i]);
    for (let k = 0; k < rowLengths[i]; k++) {
      let j: number;
      do j = Math.floor(r() * nall);
      while (used.has(j));
      used.add(j);
      nb.push(j);
    }
    offsets[i + 1] = nb.length;
  }
  return { ntp: ntypes + 1, nall, inum, x, type, offsets, neighbors: Int32Array.from(nb) };
}

/** Run the raw wasm kernel on a copy of c in the kernels' memory. */
function runWasm(c: Case, p: Float64Array, withEatom: boolean): { f: Float64Array; eatom: Float64Array | null; e: number } {
  const k = kernels()!;
  const arena = new WasmArena(memory()!, 1 << 26);
  const pp = arena.alloc(8 * p.length), px = arena.alloc(24 * c.nall), pf = arena.alloc(24 * c.nall), pe = arena.alloc(8 * c.nall);
  const pt = arena.alloc(4 * c.nall), po = arena.alloc(4 * (c.inum + 1)), pn = arena.alloc(4 * c.neighbors.length + 4);
  arena.f64(pp, p.length).set(p);
  arena.f64(px, 3 * c.nall).set(c.x);
  arena.f64(pf, 3 * c.nall).fill(0);
  arena.f64(pe, c.nall).fill(0);
  arena.i32(pt, c.nall).set(c.type);
  arena.i32(po, c.inum + 1).set(c.offsets);
  arena.i32(pn, c.neighbors.length).set(c.neighbors);
  const e = k.pairLj_f64x2_aos(pf, withEatom ? pe : 0, px, pt, po, pn, c.inum, pp, c.ntp);
  return { f: arena.f64(pf, 3 * c.nall).slice(), eatom: withEatom ? arena.f64(pe, c.nall).slice() : null, e };
}

function runTwin(c: Case, p: Float64Array, withEatom: boolean): { f: Float64Array; eatom: Float64Array | null; e: number } {
  const f = new Float64Array(3 * c.nall);
  const eatom = withEatom ? new Float64Array(c.nall) : null;
  const e = pairLj_aos(f, eatom, c.x, c.type, c.offsets, c.neighbors, c.inum, p, c.ntp);
  return { f, eatom, e };
}

/** Number of entries of a and b that are not the same double (Object.is). */
function bitDiffs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
  return n;
}

function countPairs(c: Case, p: Float64Array): { inside: number; beyond: number } {
  let inside = 0, beyond = 0;
  for (let i = 0; i < c.inum; i++) {
    for (let jj = c.offsets[i]; jj < c.offsets[i + 1]; jj++) {
      const j = c.neighbors[jj];
      let rsq = 0;
      for (let m = 0; m < 3; m++) rsq += (c.x[3 * i + m] - c.x[3 * j + m]) ** 2;
      if (rsq < p[(c.type[i] * c.ntp + c.type[j]) * PARAM_STRIDE]) inside++;
      else beyond++;
    }
  }
  return { inside, beyond };
}

function runEngine(lj: LjCut, c: Case, withEatom: boolean): { f: Float64Array; eatom: Float64Array | null; e: number } {
  const acc: ForceAccumulator = { f: new Float64Array(3 * c.nall), energy: 0, virial: new Float64Array(6) };
  if (withEatom) acc.eatom = new Float64Array(c.nall);
  const atoms = { nlocal: c.inum, nall: c.nall, x: c.x, type: c.type, owner: new Int32Array(c.nall), tag: new Float64Array(c.nall) };
  lj.compute(atoms, { full: false, inum: c.inum, offsets: c.offsets, neighbors: c.neighbors, cutneigh: 3.3 }, acc, { wantEatom: withEatom });
  return { f: acc.f, eatom: acc.eatom ?? null, e: acc.energy };
}

// rows: empty, remainder only, 1/2/3 blocks of two, 1/2/3 blocks + remainder, and a long row
const ROWS: Record<string, number[]> = {
  '1 block': [2],
  '2 blocks': [4],
  '3 blocks': [6],
  '1 block + remainder': [3],
  '2 blocks + remainder': [5],
  '3 blocks + remainder': [7],
  'remainder only, empty rows': [1, 0, 1, 0],
  'mixed rows': [0, 1, 2, 3, 4, 5, 6, 7, 13, 0, 8, 1],
  'long rows': [31, 40, 17, 2, 29],
};

beforeAll(() => {
  expect(init(undefined, 'wasm'), `kernel module must load (${kernelInfo().reason}); vitest globalSetup builds it`).toBe('wasm');
});
afterAll(() => {
  init();
});

// three types (the gathered-coefficient loop) and one type (the kernel's splatted-coefficient loop)
const SETUPS = [
  { label: '3 types', ntypes: NTYPES, coeff: COEFF },
  { label: '1 type', ntypes: 1, coeff: [[1, 1, 0.8, 1.1, 2.2]] as typeof COEFF },
];

describe('pairLj_f64x2_aos vs scalar twin vs engine lj/cut (bitwise)', () => {
  const p = params(NTP, COEFF, true);
  const lj = makeLj(NTYPES, COEFF, true);
  for (const setup of SETUPS) {
    for (const [name, rows] of Object.entries(ROWS)) {
      for (const withEatom of [false, true]) {
        it(`${setup.label}: ${name}${withEatom ? ', eatom' : ''}`, () => {
          const p = params(setup.ntypes + 1, setup.coeff, true);
          const lj = makeLj(setup.ntypes, setup.coeff, true);
          let inside = 0, beyond = 0;
          for (let seed = 1; seed <= 5; seed++) {
            const c = makeCase(rows, seed * 7919 + rows.length, setup.ntypes);
            const w = runWasm(c, p, withEatom);
            const s = runTwin(c, p, withEatom);
            init(undefined, 'scalar');
            const g = runEngine(lj, c, withEatom);
            init(undefined, 'wasm');
            const cnt = countPairs(c, p);
            inside += cnt.inside;
            beyond += cnt.beyond;
            expect(Object.is(w.e, s.e), `energy wasm ${w.e} twin ${s.e}`).toBe(true);
            expect(Object.is(g.e, s.e), `energy engine ${g.e} twin ${s.e}`).toBe(true);
            expect(bitDiffs(w.f, s.f)).toBe(0);
            expect(bitDiffs(g.f, s.f)).toBe(0);
            if (withEatom) {
              expect(bitDiffs(w.eatom!, s.eatom!)).toBe(0);
              expect(bitDiffs(g.eatom!, s.eatom!)).toBe(0);
            }
          }
          // the cases exercise both sides of the per-pair cutoffs
          expect(inside).toBeGreaterThan(0);
          expect(beyond).toBeGreaterThan(0);
        });
      }
    }
  }

  it('pairs beyond the cutoff of their type pair contribute nothing; NaN distances propagate as in lj/cut', () => {
    const c = makeCase([7, 7, 7], 42);
    // pull atom 0's neighbours far away: only the owned atoms' own pair terms remain
    const far = { ...c, x: c.x.slice() };
    for (let jj = c.offsets[0]; jj < c.offsets[1]; jj++) {
      const j = c.neighbors[jj];
      far.x[3 * j] += 100;
    }
    const w = runWasm(far, p, false);
    for (let m = 0; m < 3; m++) expect(w.f[m]).toBe(0);
    const nan = { ...c, x: c.x.slice() };
    nan.x[3 * c.neighbors[1]] = NaN;
    const wn = runWasm(nan, p, true), sn = runTwin(nan, p, true);
    init(undefined, 'scalar');
    const gn = runEngine(lj, nan, true);
    init(undefined, 'wasm');
    expect(Number.isNaN(wn.e)).toBe(true);
    expect(bitDiffs(wn.f, sn.f) + bitDiffs(gn.f, sn.f) + bitDiffs(wn.eatom!, sn.eatom!)).toBe(0);
  });

  it('pairs beyond the cutoff leave -0 forces and per-atom energies handed in as -0 (the masked lanes add exactly nothing)', () => {
    for (const setup of SETUPS) {
      const pp = params(setup.ntypes + 1, setup.coeff, true);
      const c = makeCase(ROWS['long rows'], 3, setup.ntypes);
      const list = { inum: c.inum, offsets: c.offsets, neighbors: c.neighbors };
      const fw = new Float64Array(3 * c.nall).fill(-0), fs = fw.slice();
      const ew = new Float64Array(c.nall).fill(-0), es = ew.slice();
      const a = pairLjAos(fw, ew, c.x, c.type, c.nall, list, pp, c.ntp);
      const b = pairLj_aos(fs, es, c.x, c.type, c.offsets, c.neighbors, c.inum, pp, c.ntp);
      expect(Object.is(a, b)).toBe(true);
      expect(bitDiffs(fw, fs) + bitDiffs(ew, es)).toBe(0);
      // some -0 survived (atoms only ever beyond the cutoff of their pairs), so the check saw them
      expect(Array.from(fs).some((v) => Object.is(v, -0))).toBe(true);
    }
  });

  it('pairLjAos (copying wrapper) equals the twin, accumulates into f, and recopies a rebuilt list', () => {
    const c = makeCase(ROWS['mixed rows'], 99);
    const list = { inum: c.inum, offsets: c.offsets, neighbors: c.neighbors, builds: 1 };
    const f0 = new Float64Array(3 * c.nall).map((_, k) => k * 0.25);
    const fw = f0.slice(), fs = f0.slice();
    const ew = new Float64Array(c.nall).fill(1), es = new Float64Array(c.nall).fill(1);
    const a = pairLjAos(fw, ew, c.x, c.type, c.nall, list, p, NTP);
    const b = pairLj_aos(fs, es, c.x, c.type, c.offsets, c.neighbors, c.inum, p, NTP);
    expect(Object.is(a, b)).toBe(true);
    expect(bitDiffs(fw, fs) + bitDiffs(ew, es)).toBe(0);
    // same list object rebuilt in place with other neighbours
    const d = makeCase(ROWS['mixed rows'], 100);
    list.neighbors.set(d.neighbors.subarray(0, Math.min(d.neighbors.length, list.neighbors.length)));
    list.builds++;
    const fw2 = new Float64Array(3 * c.nall), fs2 = new Float64Array(3 * c.nall);
    const a2 = pairLjAos(fw2, null, c.x, c.type, c.nall, list, p, NTP);
    const b2 = pairLj_aos(fs2, null, c.x, c.type, list.offsets, list.neighbors, c.inum, p, NTP);
    expect(Object.is(a2, b2)).toBe(true);
    expect(bitDiffs(fw2, fs2)).toBe(0);
  });
});

describe('real LJ liquid (fixtures/lammps/engine-lj-liquid-nve, step 100 of real LAMMPS)', () => {
  const dir = join(FIXTURES, 'engine-lj-liquid-nve');
  it('kernel = twin = engine lj/cut bitwise, and matches LAMMPS forces and pe', async () => {
    const frames = await parseLammpsDump(readFileSync(join(dir, 'dump.lammpstrj')), { file: 'dump.lammpstrj' });
    const fr = sortFrameById(frames.find((f) => f.timestep === 100)!);
    const n = fr.natoms;
    const col = (k: string) => fr.columns.get(k) as Float64Array;
    const x = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) {
      x[3 * i] = col('x')[i];
      x[3 * i + 1] = col('y')[i];
      x[3 * i + 2] = col('z')[i];
    }
    const box = simBoxFromBox(fr.box);
    pbc(box, n, x, new Int32Array(3 * n));
    const type = new Int32Array(n).fill(1);
    const g = buildGhosts(new GhostAtoms(), box, n, x, type, null, 2.8);
    const list = buildNeighborList(new NeighborListBuffer(), 'half', g, 2.8);
    const c: Case = { ntp: 2, nall: g.nall, inum: n, x: g.x, type: g.type, offsets: list.offsets, neighbors: list.neighbors };
    const coeff: typeof COEFF = [[1, 1, 1.0, 1.0, 2.5]];
    const p1 = params(2, coeff, false);
    const lj = makeLj(1, coeff, false);
    const k = kernels()!;
    const arena = new WasmArena(memory()!, 1 << 26);
    const sz = { x: 3 * c.nall, nb: list.size };
    const pp = arena.alloc(8 * p1.length), px = arena.alloc(8 * sz.x), pf = arena.alloc(8 * sz.x), pt = arena.alloc(4 * c.nall);
    const po = arena.alloc(4 * (n + 1)), pn = arena.alloc(4 * sz.nb);
    arena.f64(pp, p1.length).set(p1);
    arena.f64(px, sz.x).set(c.x.subarray(0, sz.x));
    arena.i32(pt, c.nall).set(c.type.subarray(0, c.nall));
    arena.i32(po, n + 1).set(c.offsets.subarray(0, n + 1));
    arena.i32(pn, sz.nb).set(c.neighbors.subarray(0, sz.nb));
    const ew = k.pairLj_f64x2_aos(pf, 0, px, pt, po, pn, n, pp, 2);
    const fw = arena.f64(pf, sz.x).slice();
    const fs = new Float64Array(sz.x);
    const es = pairLj_aos(fs, null, c.x, c.type, c.offsets, c.neighbors, n, p1, 2);
    init(undefined, 'scalar');
    const eng = runEngine(lj, c, false);
    init(undefined, 'wasm');
    expect(Object.is(ew, es) && Object.is(eng.e, es)).toBe(true);
    expect(bitDiffs(fw, fs)).toBe(0);
    expect(bitDiffs(eng.f, fs)).toBe(0);
    // the physics: LAMMPS's forces and energy (positions are the dump's %.15g text, so ~1e-13, not bitwise)
    foldGhostForces(g, fw);
    const log = parseLammpsLog(readFileSync(join(dir, 'log.lammps'), 'utf8'), 'log.lammps');
    const run = log.runs[0];
    const pe = run.data.get('PotEng')![Array.from(run.data.get('Step')!).indexOf(100)];
    expect(relErr(ew / n, pe)).toBeLessThan(1e-12);
    let fmax = 0, dmax = 0;
    for (let i = 0; i < n; i++) {
      for (const [m, name] of [[0, 'fx'], [1, 'fy'], [2, 'fz']] as const) {
        fmax = Math.max(fmax, Math.abs(col(name)[i]));
        dmax = Math.max(dmax, Math.abs(fw[3 * i + m] - col(name)[i]));
      }
    }
    expect(fmax).toBeGreaterThan(1);
    expect(dmax / fmax).toBeLessThan(1e-11);
  });
});

describe('loader: modes and fallback', () => {
  const coeff: typeof COEFF = [[1, 1, 1.0, 1.0, 2.5]];
  const c = makeCase(ROWS['mixed rows'], 5, 1);
  const lj = makeLj(1, coeff, true);

  it('engine lj/cut gives bitwise the same result through the kernel (wasm) and its own loop (scalar)', () => {
    const lj3 = makeLj(NTYPES, COEFF, true);
    const c3 = makeCase(ROWS['long rows'], 11);
    for (const [pot, cc] of [[lj, c], [lj3, c3]] as const) {
      for (const withEatom of [false, true]) {
        expect(init(undefined, 'wasm')).toBe('wasm');
        const w = runEngine(pot, cc, withEatom);
        init(undefined, 'scalar');
        const s = runEngine(pot, cc, withEatom);
        expect(Object.is(w.e, s.e)).toBe(true);
        expect(bitDiffs(w.f, s.f)).toBe(0);
        if (withEatom) expect(bitDiffs(w.eatom!, s.eatom!)).toBe(0);
      }
    }
    init(undefined, 'wasm');
  });

  it('falls back to the scalar path without error when the module is missing or does not compile (no SIMD)', () => {
    const ref = runEngine(lj, c, true);
    expect(init(undefined, 'wasm', '/nonexistent/kernels.wasm')).toBe('scalar');
    expect(kernelInfo().reason).toMatch(/not built/);
    const a = runEngine(lj, c, true);
    // a module the engine cannot compile stands for a WebAssembly without SIMD
    const bad = join(mkdtempSync(join(tmpdir(), 'lmpv-kernels-')), 'kernels.wasm');
    writeFileSync(bad, Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0xff));
    expect(init(undefined, 'wasm', bad)).toBe('scalar');
    expect(kernelInfo().reason).toMatch(/did not load/);
    const b = runEngine(lj, c, true);
    for (const r of [a, b]) {
      expect(Object.is(r.e, ref.e)).toBe(true);
      expect(bitDiffs(r.f, ref.f) + bitDiffs(r.eatom!, ref.eatom!)).toBe(0);
    }
    init(undefined, 'wasm');
  });

  it('a memory that cannot grow enough falls back to the twin for that call, with the same numbers', () => {
    expect(init(new WebAssembly.Memory({ initial: 1, maximum: 2 }), 'wasm')).toBe('wasm');
    const big = makeCase(ROWS['long rows'], 8, 1, 20000); // x alone is 480 kB > 2 pages
    const list = { inum: big.inum, offsets: big.offsets, neighbors: big.neighbors };
    const p1 = params(2, coeff, true);
    const fw = new Float64Array(3 * big.nall), fs = new Float64Array(3 * big.nall);
    const a = pairLjAos(fw, null, big.x, big.type, big.nall, list, p1, 2);
    const b = pairLj_aos(fs, null, big.x, big.type, big.offsets, big.neighbors, big.inum, p1, 2);
    expect(Object.is(a, b)).toBe(true);
    expect(bitDiffs(fw, fs)).toBe(0);
    init(undefined, 'wasm');
  });

  it('LMPV_KERNELS selects the mode; other values are an error naming the variable', () => {
    const old = process.env.LMPV_KERNELS;
    try {
      process.env.LMPV_KERNELS = 'scalar';
      expect(requestedMode()).toBe('scalar');
      expect(init()).toBe('scalar');
      process.env.LMPV_KERNELS = 'WASM';
      expect(init()).toBe('wasm');
      delete process.env.LMPV_KERNELS;
      expect(requestedMode()).toBe('wasm');
      process.env.LMPV_KERNELS = 'gpu';
      expect(() => requestedMode()).toThrow(/LMPV_KERNELS: expected 'wasm' or 'scalar', found 'gpu'/);
    } finally {
      if (old === undefined) delete process.env.LMPV_KERNELS;
      else process.env.LMPV_KERNELS = old;
      init(undefined, 'wasm');
    }
  });
});
