/**
 * Forces are minus the gradient of the energy: central differences of the MEAM energy on random,
 * strongly perturbed configurations (periodic orthogonal, triclinic, open cluster), for element
 * sets and parameter-file flags that take different code paths (ialloy 0/1/2, nn2, erose_form,
 * emb_lin_neg, bkgd_dyn, mixture_ref_t, zbl, and alloy reference lattices b1 b2 l12 c11 ch4 dim
 * lin zig tri).
 */
import { describe, expect, it } from 'vitest';
import { parseMeamLibrary, parseMeamParamFile, resolveMeamSetup } from '../../../../src/io/meam-library.js';
import { makeSimBox, lamda2x, type SimBox } from '../../../../src/engine/space/box.js';
import { evaluateMeam } from './harness.js';

const LIB = `
'Cu'        'fcc'   12.     29           63.54
5.10570729  3.634   2.20    6            2.20  3.62    3.54    1.07
1.0         3.13803254      2.49438711   2.95269237    1.      0
'Ni'        'fcc'   12.     28           58.71
4.99        2.64    1.50    4.50         1.50  3.52    4.45    1.10
1.0         1.692           4.987        3.683          1.0    1
'Li'        'bcc'   8.      3            6.939
2.97244804  1.425   1.00    1.00169907   1.00  3.509   1.65    0.87
1.0         0.26395017      0.44431129   -0.2          1.      0
'Si'        'dia'   4.      14           28.086
4.87        4.8     4.8     4.8          4.8   5.431   4.63    1.
1.0         3.30            5.105        -0.80         1.      1
'C'         'dia'   4.      6            12.0111
4.38        4.10    4.200   5.00         3.00  3.567   7.37    1.000
1.0         5.0             9.34         -1.00         2.25    1
'Mg'       'hcp'   12.      12           24.305
5.45        2.70    0.0     0.35         3.0   3.20    1.55    1.11
1.0         8.00            04.1         -02.0         1.0     3
'H'         'dim'   1.      1            1.0079
2.96        2.50    3.00    3.00         3.00  0.74    2.225   2.50
1.0         0.20            -0.10        0.0           1.0     -5
`;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

interface Case {
  name: string;
  els: string[];
  param: string;
  box: SimBox;
  n: number;
  minDist: number;
  ntypes: number;
}

const P = (tri: boolean, L: [number, number, number], tilt: [number, number, number] = [0, 0, 0], per = true): SimBox =>
  makeSimBox([0, 0, 0], L, tri, tilt, [per, per, per]);

const CASES: Case[] = [
  { name: 'Li, library defaults (ialloy 0, zbl)', els: ['Li'], param: '', box: P(false, [7.02, 7.02, 7.02]), n: 18, minDist: 2.2, ntypes: 1 },
  { name: 'Li, Cui 2012 (nn2, ialloy 2, erose_form 2, triclinic)', els: ['Li'], ntypes: 1, minDist: 2.2, n: 16,
    param: 'rc = 4.8\ndelr = 0.2\naugt1 = 0\nerose_form = 2\nialloy = 2\nzbl(1,1) = 0\nnn2(1,1) = 1\nrho0(1) = 1.0\nEc(1,1) = 1.65\nre(1,1) = 2.99\nalpha(1,1) = 3.00\nrepuls(1,1) = 0.14\nattrac(1,1) = 0.14\nCmin(1,1,1) = 0.31\nCmax(1,1,1) = 1.91\n',
    box: P(true, [6.5, 6.8, 7.1], [1.3, -0.8, 0.6]) },
  { name: 'Si-C (SiC.meam: dia reference, Cmax)', els: ['Si', 'C'], ntypes: 2, minDist: 1.6, n: 20,
    param: "lattce(1,2) = 'dia'\nEc(1,2) = 6.4325\nalpha(1,2) = 4.37\nre(1,2) = 1.8878\nrho0(2) = 2.25\nrc = 4.0\ndelr = 0.1\nCmax(1,2,1) = 4.0\nCmax(1,2,2) = 4.0\nCmax(2,2,1) = 4.0\nCmax(1,1,2) = 4.0\n",
    box: P(false, [6.2, 6.0, 6.4]) },
  { name: 'Cu-Ni l12, ialloy 1, nn2, emb_lin_neg, bkgd_dyn', els: ['Cu', 'Ni'], ntypes: 2, minDist: 2.0, n: 20,
    param: "lattce(1,2) = 'l12'\nnn2(1,1) = 1\nnn2(1,2) = 1\nnn2(2,2) = 1\nialloy = 1\nemb_lin_neg = 1\nbkgd_dyn = 1\nCmin(1,2,1) = 0.8\nCmin(1,1,2) = 1.2\ndelta(1,2) = 0.1\nrc = 4.5\ndelr = 0.3\n",
    box: P(false, [7.3, 7.1, 7.2]) },
  { name: 'Cu-Ni b2, erose_form 1, attrac/repuls, mixture_ref_t', els: ['Cu', 'Ni'], ntypes: 2, minDist: 2.0, n: 20,
    param: "lattce(1,2) = 'b2'\nnn2(1,2) = 1\nnn2(1,1) = 1\nerose_form = 1\nattrac(1,2) = 0.05\nrepuls(1,2) = 0.1\nmixture_ref_t = 1\nrc = 4.2\n",
    box: P(false, [7.0, 7.0, 7.0]) },
  { name: 'Cu-Ni b1 (nn2), zbl off, augt1 0, open cluster', els: ['Cu', 'Ni'], ntypes: 2, minDist: 2.0, n: 24,
    param: "lattce(1,2) = 'b1'\nnn2(1,2) = 1\nzbl(1,2) = 0\naugt1 = 0\nre(1,2) = 2.5\n",
    box: P(false, [8, 8, 8], [0, 0, 0], false) },
  { name: 'Si-C c11 (dia first element)', els: ['Si', 'C'], ntypes: 2, minDist: 1.6, n: 18,
    param: "lattce(1,2) = 'c11'\nre(1,2) = 2.3\n", box: P(false, [6.0, 6.1, 6.2]) },
  { name: 'C-H ch4 with dim H (ibar -5), open', els: ['C', 'H'], ntypes: 2, minDist: 0.9, n: 16,
    param: "lattce(1,2) = 'ch4'\nre(1,2) = 1.09\nrc = 3.5\n", box: P(false, [6, 6, 6], [0, 0, 0], false) },
  { name: 'Cu-Ni zig (theta 100), ialloy 1', els: ['Cu', 'Ni'], ntypes: 2, minDist: 2.0, n: 18,
    param: "lattce(1,2) = 'zig'\ntheta(1,2) = 100\nialloy = 1\nre(1,2) = 2.5\n", box: P(false, [7.0, 7.0, 7.0]) },
  { name: 'Cu-Ni tri (theta 104.5)', els: ['Cu', 'Ni'], ntypes: 2, minDist: 2.0, n: 18,
    param: "lattce(1,2) = 'tri'\ntheta(1,2) = 104.5\nre(1,2) = 2.5\n", box: P(false, [7.0, 7.0, 7.0]) },
  { name: 'Li-Mg lin, Mg hcp ibar 3', els: ['Li', 'Mg'], ntypes: 2, minDist: 2.2, n: 18,
    param: "lattce(1,2) = 'lin'\nre(1,2) = 3.0\n", box: P(false, [7.5, 7.5, 7.5]) },
];

function randomConfig(c: Case, seed: number): { x: Float64Array; type: Int32Array } {
  const r = rng(seed);
  const x = new Float64Array(3 * c.n);
  const l = new Float64Array(3);
  const p = new Float64Array(3);
  let placed = 0, tries = 0;
  while (placed < c.n) {
    if (++tries > 200000) throw new Error('could not place atoms');
    for (let d = 0; d < 3; d++) l[d] = c.box.periodic[d] ? r() : 0.15 + 0.7 * r();
    lamda2x(p, c.box, l, 1);
    let ok = true;
    for (let j = 0; j < placed && ok; j++) {
      const dv = new Float64Array([x[3 * j] - p[0], x[3 * j + 1] - p[1], x[3 * j + 2] - p[2]]);
      // nearest image distance by brute force over neighbouring images
      let best = Infinity;
      for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) for (let cc = -1; cc <= 1; cc++) {
        if ((!c.box.periodic[0] && a) || (!c.box.periodic[1] && b) || (!c.box.periodic[2] && cc)) continue;
        const h = c.box.h;
        const dx = dv[0] + a * h[0] + b * h[5] + cc * h[4], dy = dv[1] + b * h[1] + cc * h[3], dz = dv[2] + cc * h[2];
        best = Math.min(best, Math.hypot(dx, dy, dz));
      }
      if (best < c.minDist) ok = false;
    }
    if (!ok) continue;
    x.set(p, 3 * placed);
    placed++;
  }
  const type = Int32Array.from({ length: c.n }, () => 1 + Math.floor(r() * c.ntypes));
  return { x, type };
}

describe('MEAM forces = -dE/dx (central differences, h = 1e-5 A)', () => {
  const lib = parseMeamLibrary(LIB, 'inline-library.meam');
  for (const c of CASES) {
    it(c.name, () => {
      const setup = resolveMeamSetup(lib, c.els, c.param ? parseMeamParamFile(c.param, 'inline.meam') : null, c.els.slice(0, c.ntypes));
      const { x, type } = randomConfig(c, 1234 + c.n);
      const skin = 1.0;
      const base = evaluateMeam(setup, c.box, x, type, skin);
      expect(Number.isFinite(base.pe)).toBe(true);
      let maxF = 0;
      for (let k = 0; k < 3 * c.n; k++) maxF = Math.max(maxF, Math.abs(base.f[k]));
      expect(maxF).toBeGreaterThan(1e-3); // a configuration with real forces
      const h = 1e-5;
      const r = rng(99);
      let worst = 0;
      for (let s = 0; s < 12; s++) {
        const k = Math.floor(r() * 3 * c.n);
        const xp = x.slice(); xp[k] += h;
        const xm = x.slice(); xm[k] -= h;
        const ep = evaluateMeam(setup, c.box, xp, type, skin).pe;
        const em = evaluateMeam(setup, c.box, xm, type, skin).pe;
        const fd = -(ep - em) / (2 * h);
        const err = Math.abs(fd - base.f[k]) / (1 + Math.abs(base.f[k]));
        worst = Math.max(worst, err);
      }
      if (process.env.MEAM_FD_VERBOSE) console.log(c.name, 'worst', worst, 'maxF', maxF);
      expect(worst).toBeLessThan(2e-6);
    });
  }
});
