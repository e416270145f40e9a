/**
 * The per-atom classifier used by adaptiveCna (classifyAdaptiveFast: one pass over the neighbour pairs
 * for both cutoffs, branch-free bond masks) against the general classifyAdaptive on the same neighbours, atom by atom,
 * on configurations that reach every branch: noisy crystals, fcc/hcp stacking mixtures, liquid,
 * free surfaces, icosahedra, small periodic and triclinic boxes, gas (fewer than 12/14 neighbours).
 */
import { describe, expect, it } from 'vitest';
import { AcnaScratch, adaptiveCna, classifyAdaptive, classifyAdaptiveFast, countTypes } from '../../src/analysis/acna.js';
import { NearestFinder } from '../../src/analysis/neighbors.js';
import { BCC_BASIS, FCC_BASIS, cubic, gas, hcp, mackay, orthoCell, perturb, triclinicCubic, type Config } from './lattices.js';

/** Close-packed layers in the given cyclic stacking (A/B/C), periodic, a × a√3 in plane. */
function stacking(seq: string, a: number, nx: number, ny: number): Config {
  const h = a * Math.sqrt(2 / 3);
  const ly = a * Math.sqrt(3);
  const shift: Record<string, [number, number]> = { A: [0, 0], B: [a / 2, ly / 6], C: [0, ly / 3] };
  const pts: number[] = [];
  for (let l = 0; l < seq.length; l++) {
    const [sx, sy] = shift[seq[l]];
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++)
        for (const [bx, by] of [
          [0, 0],
          [a / 2, ly / 2],
        ]) {
          pts.push(((x * a + bx + sx) % (nx * a)), ((y * ly + by + sy) % (ny * ly)), l * h);
        }
  }
  return { pos: Float64Array.from(pts), n: pts.length / 3, cell: orthoCell([nx * a, ny * ly, seq.length * h]) };
}

/** Both classifiers on every atom's neighbours; returns the classes. */
function both(c: Config): { general: number[]; fast: number[] } {
  const f = new NearestFinder(c.pos, c.n, c.cell, 14);
  const s = new AcnaScratch();
  const general: number[] = [], fast: number[] = [];
  for (let i = 0; i < c.n; i++) {
    const nn = f.query(i, s.delta, s.d2, s.slot);
    general.push(classifyAdaptive(nn, s.delta, s.d2, s.bonds));
    fast.push(classifyAdaptiveFast(nn, s.delta, s.d2, s.bonds, s.bonds14));
  }
  return { general, fast };
}

describe('classifyAdaptiveFast equals classifyAdaptive atom by atom', () => {
  const cases: Array<[string, Config]> = [
    ['bcc, noise 0.1 .. 0.3', perturb(cubic(BCC_BASIS, 2.8665, 6, 6, 6), 0.22, 51)],
    ['fcc, strong noise', perturb(cubic(FCC_BASIS, 3.615, 5, 5, 5), 0.2, 52)],
    ['hcp, strong noise', perturb(hcp(3.21, 6, 4, 4), 0.2, 53)],
    ['fcc/hcp stacking mixture ABCACB, noisy', perturb(stacking('ABCACB', 3.0, 5, 3), 0.1, 54)],
    ['liquid-like (bcc with noise 1.0)', perturb(cubic(BCC_BASIS, 2.8665, 7, 7, 7), 1.0, 55)],
    ['free bcc block (surfaces, open boundaries)', { ...perturb(cubic(BCC_BASIS, 2.8665, 6, 6, 6), 0.1, 56), cell: orthoCell([17.2, 17.2, 17.2], false) }],
    ['free fcc block (surfaces)', { ...perturb(cubic(FCC_BASIS, 3.615, 4, 4, 4), 0.1, 57), cell: orthoCell([14.5, 14.5, 14.5], false) }],
    ['55-atom icosahedron, noisy, open', perturb(mackay(2, 2.7), 0.08, 58)],
    ['2x2x2 bcc periodic (images of images), noisy', perturb(cubic(BCC_BASIS, 2.8665, 2, 2, 2), 0.15, 59)],
    ['1x1x1 fcc periodic, noisy', perturb(cubic(FCC_BASIS, 3.615, 1, 1, 1), 0.1, 60)],
    ['triclinic bcc small box, noisy', perturb(triclinicCubic(BCC_BASIS, 3.0, 2, 1), 0.15, 61)],
    ['gas (fewer than 12 neighbours within reach, open)', { ...gas(400, 40, 62), cell: orthoCell([40, 40, 40], false) }],
  ];
  const seen = new Set<number>();
  for (const [name, c] of cases) {
    it(name, () => {
      const { general, fast } = both(c);
      expect(fast).toEqual(general);
      for (const t of general) seen.add(t);
    });
  }
  it('the cases together reach every class (other, fcc, hcp, bcc, ico)', () => {
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
  it('the stacking mixture is fcc and hcp in the ratio of its layers (4 fcc : 2 hcp) when unperturbed', () => {
    const c = countTypes(adaptiveCna(stacking('ABCACB', 3.0, 5, 3).pos, 180, stacking('ABCACB', 3.0, 5, 3).cell));
    expect(c).toEqual([0, 120, 60, 0, 0]);
  });
});
