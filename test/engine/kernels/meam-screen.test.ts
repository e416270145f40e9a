/**
 * The WebAssembly MEAM pass-1 kernels (kernels/wasm/assembly/meam-screen.ts and meam-densities.ts,
 * via meamScreenAos) against their scalar twins (screen() and densities() in
 * potentials/meam/evaluate.ts, LMPV_KERNELS=scalar): the
 * whole MEAM evaluation (energy, every force, every per-atom energy) must be BITWISE the same
 * (Object.is), since the kernel does the same double operations in the same order. Cases: the
 * shared reference cases (bcc and liquid Li, Si/C with its parameter file), a noisy Li crystal
 * with an unmapped (NULL) type among the atoms, and a compressed Si/C mix where many atoms screen
 * each bond (the kernel's screening buffer grows and the pass is redone), and two-element crystals
 * with the parameter files of the alloy fixtures (ialloy 1 and 2, mixture_ref_t).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { init, kernelInfo } from '../../../src/engine/kernels/wasm/index.js';
import { makeSimBox } from '../../../src/engine/space/box.js';
import { FIXTURES, REFERENCE } from '../../helpers/paths.js';
import { mulberry32 } from '../../../scripts/lib/mulberry32.js';
import { evaluateCase, evaluateMeam, meamSetupFor } from '../potentials/meam/harness.js';

/** Run `f` with the kernels in `mode`, then restore the default mode. */
function withMode<T>(mode: 'wasm' | 'scalar', f: () => T): T {
  init(undefined, mode);
  try {
    return f();
  } finally {
    init();
  }
}

function expectBitwise(a: { pe: number; f: Float64Array; eatom: Float64Array }, b: { pe: number; f: Float64Array; eatom: Float64Array }): void {
  expect(Object.is(a.pe, b.pe), `pe ${a.pe} vs ${b.pe}`).toBe(true);
  let bad = -1;
  for (let k = 0; k < a.f.length && bad < 0; k++) if (!Object.is(a.f[k], b.f[k])) bad = k;
  expect(bad, bad >= 0 ? `force component ${bad}: ${a.f[bad]} vs ${b.f[bad]}` : '').toBe(-1);
  for (let k = 0; k < a.eatom.length && bad < 0; k++) if (!Object.is(a.eatom[k], b.eatom[k])) bad = k;
  expect(bad, bad >= 0 ? `eatom ${bad}: ${a.eatom[bad]} vs ${b.eatom[bad]}` : '').toBe(-1);
}

/** bcc lattice of a (n^3 cells) with Gaussian-ish noise sigma, types from `typeOf(i)`. */
function bcc(a: number, n: number, sigma: number, seed: number, typeOf: (i: number) => number) {
  const r = mulberry32(seed);
  const N = 2 * n ** 3;
  const x = new Float64Array(3 * N);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) for (const b of [0, 0.5]) {
    x[k++] = (i + b) * a + sigma * (r() + r() + r() - 1.5);
    x[k++] = (j + b) * a + sigma * (r() + r() + r() - 1.5);
    x[k++] = (l + b) * a + sigma * (r() + r() + r() - 1.5);
  }
  const type = Int32Array.from({ length: N }, (_, i) => typeOf(i));
  const box = makeSimBox([0, 0, 0], [n * a, n * a, n * a], false, [0, 0, 0], [true, true, true]);
  return { x, type, box };
}

const wasmOk = withMode('wasm', () => kernelInfo().mode === 'wasm');

describe.skipIf(!wasmOk)('MEAM screening kernel equals the TypeScript screening bitwise (skipped: kernels.wasm not built or no SIMD)', () => {
  afterAll(() => { init(); });
  const REF_CASES = [
    { name: 'meam-li-bcc', data: 'data.li-bcc', lib: 'library.meam', libEls: ['Li'], param: null, typeEls: ['Li'], skin: 2.0 },
    { name: 'meam-li-liquid', data: 'data.li-liquid', lib: 'library.meam', libEls: ['Li'], param: null, typeEls: ['Li'], skin: 2.0 },
    { name: 'meam-sic', data: 'data.meam', lib: 'library.meam', libEls: ['Si', 'C'], param: 'SiC.meam', typeEls: ['Si', 'C'], skin: 0.3 },
  ];
  for (const c of REF_CASES) {
    it.skipIf(!existsSync(join(REFERENCE, c.name)))(`${c.name} (shared reference case; skipped when ../shared is absent)`, () => {
      const dir = join(REFERENCE, c.name);
      const s = withMode('scalar', () => evaluateCase(dir, c.data, c.lib, c.libEls, c.param, c.typeEls, c.skin));
      const w = withMode('wasm', () => evaluateCase(dir, c.data, c.lib, c.libEls, c.param, c.typeEls, c.skin));
      expectBitwise(w, s);
    });
  }
  it('noisy bcc Li with an unmapped (NULL) type on every 7th atom', () => {
    const setup = meamSetupFor(join(FIXTURES, 'meam-elements'), 'library.meam', ['Li'], null, ['Li', 'NULL']);
    const c = bcc(3.51, 5, 0.25, 11, (i) => (i % 7 === 3 ? 2 : 1));
    // the same MeamWork serves both modes in turn (kernel views, then arrays of its own again)
    const s = withMode('scalar', () => evaluateMeam(setup, c.box, c.x, c.type, 2.0));
    const w = withMode('wasm', () => evaluateMeam(setup, c.box, c.x, c.type, 2.0));
    const s2 = withMode('scalar', () => evaluateMeam(setup, c.box, c.x, c.type, 2.0));
    expectBitwise(w, s);
    expectBitwise(s2, s);
    expect(Math.abs(s.pe)).toBeGreaterThan(1);
  });
  for (const alloy of ['CuNi-l12-ialloy1', 'CuNi-b1-zbl0-augt0', 'CuNi-b2-erose1-mixref']) {
    it(`${alloy} parameter file (ialloy 1, ialloy 2, mixture_ref_t), noisy two-element crystal`, () => {
      const dir = join(FIXTURES, 'meam-alloys');
      const setup = meamSetupFor(dir, 'library.meam', ['Cu', 'Ni'], `${alloy}.meam`, ['Cu', 'Ni']);
      const c = bcc(2.9, 4, 0.2, 13, (i) => 1 + ((i * 7) % 3 === 0 ? 1 : 0));
      const s = withMode('scalar', () => evaluateMeam(setup, c.box, c.x, c.type, 1.0));
      const w = withMode('wasm', () => evaluateMeam(setup, c.box, c.x, c.type, 1.0));
      expectBitwise(w, s);
      expect(Number.isFinite(s.pe) && s.pe !== 0).toBe(true);
    });
  }
  it('compressed, noisy Si/C (many screening atoms per bond: the screening buffer grows)', () => {
    const setup = meamSetupFor(join(REFERENCE, 'meam-sic'), 'library.meam', ['Si', 'C'], 'SiC.meam', ['Si', 'C']);
    const c = bcc(2.6, 4, 0.3, 12, (i) => 1 + (i % 2));
    const s = withMode('scalar', () => evaluateMeam(setup, c.box, c.x, c.type, 0.3));
    const w = withMode('wasm', () => evaluateMeam(setup, c.box, c.x, c.type, 0.3));
    expectBitwise(w, s);
  });
});
