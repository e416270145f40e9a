/**
 * The ReaxFF kernels of kernels/wasm/assembly/reaxff.ts against their scalar twins
 * (kernels/scalar/reaxff.ts), through the engine-facing calls (potentials/reaxff/nonbonded.ts,
 * qeq.ts) in both kernel modes, on real systems: the RDX fixture (C, H, N, O; all three vdW
 * types; NULL-type atoms; eatom), TATB's triclinic box, and 600 Li of ../shared/reference.
 *
 * The kernels use AssemblyScript's Math.pow (musl's pow.c, glibc's algorithm), the twins V8's; both
 * are within 1 ulp, so the pair loop and H agree to ~1e-15 relative, not bitwise: bounds below are
 * 1e-14 relative for energies, 1e-14 of the largest component for forces, 1e-12 of the largest
 * charge for charges (CG to tol 1e-10 amplifies the ulp of H a little). The CG
 * (+, *, /, sqrt only) is checked BITWISE on the same H, and `pow` of the kernel module against
 * glibc's algorithm on exact cases.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { init, kernels, memory, pow, WasmArena } from '../../../src/engine/kernels/wasm/index.js';
import { qeqCg, qeqH_aos } from '../../../src/engine/kernels/scalar/reaxff.js';
import { buildReaxffLongRangeTable, reaxffNonbonded, type ReaxffLongRangeTable } from '../../../src/engine/potentials/reaxff/nonbonded.js';
import { QeqHistory, qeqReaxff, type QeqTypeParams } from '../../../src/engine/potentials/reaxff/qeq.js';
import { taperCoefficients } from '../../../src/engine/potentials/reaxff/taper.js';
import { FIX, REF, ghostsAndList, loadReaxCase, relErr, type ReaxCase } from '../potentials/reaxff/harness.js';
import { mulberry32 } from '../../../scripts/lib/mulberry32.js';

afterAll(() => {
  init();
});

function evalNb(c: ReaxCase, q: Float64Array, vdwType: number, lgvdw: boolean, typeMap = c.typeMap, table: ReaxffLongRangeTable | null = null) {
  const { g, list } = ghostsAndList(c, c.x, q, c.params.swb + c.skin);
  const f = new Float64Array(3 * g.nall);
  const eatom = new Float64Array(g.nall);
  const p = { ...c.params, vdwType };
  const e = reaxffNonbonded(p, typeMap, g, list, { f, energy: 0, virial: new Float64Array(6) }, eatom, lgvdw, table);
  return { e, f, eatom };
}

function both<T>(fn: () => T): { scalar: T; wasm: T } {
  expect(init(undefined, 'scalar')).toBe('scalar');
  const scalar = fn();
  expect(init(undefined, 'wasm'), 'kernel module must load (vitest globalSetup builds it)').toBe('wasm');
  const wasm = fn();
  return { scalar, wasm };
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  let scale = 0;
  for (let k = 0; k < a.length; k++) scale = Math.max(scale, Math.abs(a[k]));
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k] - b[k]) / scale);
  expect(worst, `${what}: max |wasm - scalar| / max |scalar|`).toBeLessThan(1e-14);
}

function randomCharges(n: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length: n }, () => 0.8 * (r() - 0.5));
}

const cases: Array<[string, string]> = [
  ['rdx (fixture)', join(FIX, 'reaxff-rdx')],
  ['tatb (triclinic, reference)', join(REF, 'reaxff-tatb')],
  ['li-600 (reference)', join(REF, 'reaxff-li-600')],
];

describe('reaxffNonbonded_f64_aos vs its scalar twin', () => {
  for (const [name, dir] of cases) {
    it.skipIf(!existsSync(join(dir, 'in.lammps')))(`${name}: ew, ep within 1e-14 relative; forces and eatom within 1e-14 of the largest (skipped when ../shared/reference is absent)`, () => {
      const c = loadReaxCase(dir);
      const q = randomCharges(c.n, 7);
      for (const vdwType of [1, 2, 3]) {
        for (const lgvdw of vdwType === 3 ? [false, true] : [false]) {
          const r = both(() => evalNb(c, q, vdwType, lgvdw));
          // an ffield made for one vdW type may lack the parameters of another (0 -> NaN): both modes agree on it
          if (!Number.isFinite(r.scalar.e.ew)) { expect(Number.isFinite(r.wasm.e.ew)).toBe(false); continue; }
          const what = `${name} vdW type ${vdwType}${lgvdw ? ' lg' : ''}`;
          expect(relErr(r.wasm.e.ew, r.scalar.e.ew), `${what} ew`).toBeLessThan(1e-14);
          expect(relErr(r.wasm.e.ep, r.scalar.e.ep), `${what} ep`).toBeLessThan(1e-14);
          expect(r.wasm.e.eqeq).toBe(r.scalar.e.eqeq);
          expectClose(r.scalar.f, r.wasm.f, `${what} forces`);
          expectClose(r.scalar.eatom, r.wasm.eatom, `${what} eatom`);
        }
      }
    });
  }

  it('atoms of a NULL type take no part in either', () => {
    const c = loadReaxCase(join(FIX, 'reaxff-rdx'));
    const q = randomCharges(c.n, 11);
    const typeMap = c.typeMap.slice();
    typeMap[0] = -1; // the first type (C in RDX) becomes NULL
    const r = both(() => evalNb(c, q, 1, false, typeMap));
    expect(relErr(r.wasm.e.ew, r.scalar.e.ew)).toBeLessThan(1e-14);
    expectClose(r.scalar.f, r.wasm.f, 'forces');
    for (let i = 0; i < c.n; i++) if (c.type[i] === 1) expect(r.wasm.f[3 * i]).toBe(0);
  });
});

describe('reaxffTabulated_f64_aos (tabulate_long_range) vs its scalar twin', () => {
  for (const [name, dir] of cases.slice(0, 2)) {
    it.skipIf(!existsSync(join(dir, 'in.lammps')))(`${name}, tabulate_long_range 10000: ew, ep, forces, eatom bit for bit (skipped when ../shared/reference is absent)`, () => {
      const c = loadReaxCase(dir);
      const q = randomCharges(c.n, 9);
      const table = buildReaxffLongRangeTable(c.params, 10000, c.lgvdw, c.typeMap);
      const r = both(() => evalNb(c, q, c.params.vdwType, c.lgvdw, c.typeMap, table));
      expect(Object.is(r.wasm.e.ew, r.scalar.e.ew)).toBe(true);
      expect(Object.is(r.wasm.e.ep, r.scalar.e.ep)).toBe(true);
      for (let k = 0; k < r.scalar.f.length; k++) expect(Object.is(r.wasm.f[k], r.scalar.f[k]), `f[${k}]`).toBe(true);
      for (let k = 0; k < r.scalar.eatom.length; k++) expect(Object.is(r.wasm.eatom[k], r.scalar.eatom[k]), `eatom[${k}]`).toBe(true);
    });
  }

  it('an element pair without a table: the same error in both modes', () => {
    const c = loadReaxCase(join(FIX, 'reaxff-rdx'));
    const table = buildReaxffLongRangeTable(c.params, 100, false, [c.typeMap[0]]); // only C-C tabulated
    for (const mode of ['scalar', 'wasm'] as const) {
      init(undefined, mode);
      expect(() => evalNb(c, randomCharges(c.n, 1), c.params.vdwType, false, c.typeMap, table)).toThrow(/no tabulate_long_range table for C-H|no tabulate_long_range table for [CHON]-[CHON]/);
    }
  });
});

describe('QEq kernels vs their scalar twins', () => {
  for (const [name, dir] of cases) {
    it.skipIf(!existsSync(join(dir, 'in.lammps')))(`${name}: charges within 1e-12 of the largest (+1e-15 e), same iteration counts (skipped when ../shared/reference is absent)`, () => {
      const c = loadReaxCase(dir);
      const params: QeqTypeParams = {
        chi: c.typeMap.map((e) => c.params.sbp[e].chi),
        eta: c.typeMap.map((e) => 2 * c.params.sbp[e].eta),
        gamma: c.typeMap.map((e) => c.params.sbp[e].gamma),
      };
      const settings = { swa: 0, swb: 10, tolerance: 1e-10, maxiter: 200 };
      const r = both(() => {
        const q = new Float64Array(c.n);
        const { g, list } = ghostsAndList(c, c.x, q, c.params.swb + c.skin);
        const res = qeqReaxff(q, g, list, params, settings, new QeqHistory(0));
        return { q, res };
      });
      expect(r.wasm.res.iterS).toBe(r.scalar.res.iterS);
      expect(r.wasm.res.iterT).toBe(r.scalar.res.iterT);
      let worst = 0;
      for (let i = 0; i < c.n; i++) worst = Math.max(worst, Math.abs(r.wasm.q[i] - r.scalar.q[i]));
      let qmax = 0;
      for (let i = 0; i < c.n; i++) qmax = Math.max(qmax, Math.abs(r.scalar.q[i]));
      // H differs by the pow ulp; CG to tol 1e-10 carries that into the charges a little amplified
      expect(worst).toBeLessThan(1e-12 * qmax + 1e-15);
    });
  }

  it('qeqCg_f64 equals the twin bit for bit on the same H (RDX, and with atoms outside the group)', () => {
    expect(init(undefined, 'wasm')).toBe('wasm');
    const c = loadReaxCase(join(FIX, 'reaxff-rdx'));
    const q0 = new Float64Array(c.n);
    const { g, list } = ghostsAndList(c, c.x, q0, c.params.swb + c.skin);
    const n = c.n;
    const gamma = c.typeMap.map((e) => c.params.sbp[e].gamma);
    const nt = gamma.length;
    const shld = new Float64Array(nt * nt);
    for (let a = 0; a < nt; a++) for (let b = 0; b < nt; b++) shld[a * nt + b] = Math.pow(gamma[a] * gamma[b], -1.5);
    const tap = taperCoefficients(0, 10);
    for (const outside of [[], [0, 5, 20]]) {
      const inGroup = new Uint8Array(n).fill(1);
      for (const i of outside) inGroup[i] = 0;
      const cap = list.offsets[n];
      const first = new Int32Array(n + 1), col = new Int32Array(cap), val = new Float64Array(cap);
      const m = qeqH_aos(first, col, val, g.x, g.type, g.owner, list.offsets, list.neighbors, n, inGroup, shld, nt, tap, 100);
      const eta = Float64Array.from(c.type, (t) => 2 * c.params.sbp[c.typeMap[t - 1]].eta);
      const hdinv = eta.map((v) => 1 / v);
      const b = Float64Array.from(c.type, (t) => -c.params.sbp[c.typeMap[t - 1]].chi);
      const x0 = randomCharges(n, 3);
      const sc = { r: new Float64Array(n), d: new Float64Array(n), p: new Float64Array(n), q: new Float64Array(n) };
      const xs = x0.slice();
      const itS = qeqCg(first, col, val, eta, hdinv, b, xs, sc.r, sc.d, sc.p, sc.q, inGroup, n, 1e-12, 200);
      const k = kernels()!;
      const A = new WasmArena(memory()!, 1 << 26);
      const pF = A.alloc(4 * (n + 1)), pC = A.alloc(4 * m), pV = A.alloc(8 * m), pE = A.alloc(8 * n), pH = A.alloc(8 * n), pB = A.alloc(8 * n), pX = A.alloc(8 * n);
      const pR = A.alloc(8 * n), pD = A.alloc(8 * n), pP = A.alloc(8 * n), pQ = A.alloc(8 * n), pI = A.alloc(n);
      A.i32(pF, n + 1).set(first); A.i32(pC, m).set(col.subarray(0, m)); A.f64(pV, m).set(val.subarray(0, m));
      A.f64(pE, n).set(eta); A.f64(pH, n).set(hdinv); A.f64(pB, n).set(b); A.f64(pX, n).set(x0);
      new Uint8Array(memory()!.buffer, pI, n).set(inGroup);
      const itW = k.qeqCg_f64(pF, pC, pV, pE, pH, pB, pX, pR, pD, pP, pQ, pI, n, 1e-12, 200);
      expect(itW).toBe(itS);
      expect(itS).toBeGreaterThan(5);
      const xw = A.f64(pX, n);
      for (let i = 0; i < n; i++) expect(Object.is(xw[i], xs[i]), `atom ${i}`).toBe(true);
      for (const i of outside) expect(xw[i]).toBe(x0[i]);
    }
  });
});

describe('pow of the kernel module', () => {
  it('is exact where the result is representable, and within 1 ulp of V8 elsewhere', () => {
    expect(init(undefined, 'wasm')).toBe('wasm');
    expect(pow(2, 10)).toBe(1024);
    expect(pow(9, 0.5)).toBe(3);
    expect(pow(0.25, 1.5)).toBe(0.125);
    expect(pow(27, -1)).toBe(1 / 27);
    const r = mulberry32(5);
    for (let k = 0; k < 1000; k++) {
      const x = 0.1 + 10 * r(), y = -3 + 6 * r();
      expect(relErr(pow(x, y), Math.pow(x, y))).toBeLessThanOrEqual(2.3e-16);
    }
    expect(init(undefined, 'scalar')).toBe('scalar');
    expect(pow).toBe(Math.pow);
  });
});
