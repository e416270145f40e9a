import { describe, expect, it } from 'vitest';
import { adaptiveCna, adaptiveCnaFrame, countTypes, BCC, FCC, HCP, ICO, OTHER } from '../../src/analysis/acna.js';
import { BCC_BASIS, FCC_BASIS, cubic, gas, hcp, mackay, orthoCell, perturb, toFrame, triclinicCubic, type Config } from './lattices.js';
import { bruteAcna, bruteNeighbors } from './brute.js';

const classes = (c: Config) => adaptiveCna(c.pos, c.n, c.cell);
const allOf = (t: Uint8Array, v: number) => t.every((x) => x === v);

describe('a-CNA on perfect lattices', () => {
  it('bcc, fcc, hcp: every atom', () => {
    expect(allOf(classes(cubic(BCC_BASIS, 2.8665, 5, 5, 5)), BCC)).toBe(true);
    expect(allOf(classes(cubic(FCC_BASIS, 3.615, 4, 4, 4)), FCC)).toBe(true);
    expect(allOf(classes(hcp(3.21, 4, 3, 3)), HCP)).toBe(true);
  });
  it('small periodic boxes: 2x2x2 and 1x1x1 bcc, 1x1x1 fcc (neighbours are images, some of the atom itself)', () => {
    expect(allOf(classes(cubic(BCC_BASIS, 2.8665, 2, 2, 2)), BCC)).toBe(true);
    expect(allOf(classes(cubic(BCC_BASIS, 2.8665, 1, 1, 1)), BCC)).toBe(true);
    expect(allOf(classes(cubic(FCC_BASIS, 3.615, 1, 1, 1)), FCC)).toBe(true);
  });
  it('triclinic cells with tilted lattice-vector edges', () => {
    const b = triclinicCubic(BCC_BASIS, 3.3, 4, 1);
    expect(b.n).toBe(128);
    expect(allOf(classes(b), BCC)).toBe(true);
    const f = triclinicCubic(FCC_BASIS, 4.05, 3, -1);
    expect(f.n).toBe(108);
    expect(allOf(classes(f), FCC)).toBe(true);
  });
  it('open boundaries: a free bcc block has bcc interior and non-bcc surface atoms', () => {
    const c = cubic(BCC_BASIS, 2.8665, 6, 6, 6);
    const t = adaptiveCna(c.pos, c.n, orthoCell([17.2, 17.2, 17.2], false));
    for (let i = 0; i < c.n; i++) {
      const p = [c.pos[3 * i], c.pos[3 * i + 1], c.pos[3 * i + 2]];
      // interior: both neighbour shells (up to a) inside the block
      const interior = p.every((v) => v >= 2.8665 - 1e-9 && v <= 4.5 * 2.8665 + 1e-9);
      if (interior) expect(t[i]).toBe(BCC);
      const surface = p.some((v) => v < 1e-9 || v > 5.5 * 2.8665 - 1e-9);
      if (surface) expect(t[i]).toBe(OTHER);
    }
  });
});

describe('a-CNA under thermal noise (Gaussian, fixed seed)', () => {
  // sigma ~ 4% of the nearest-neighbour distance, a solid near melting
  it('bcc, fcc, hcp stay classified', () => {
    expect(allOf(classes(perturb(cubic(BCC_BASIS, 2.8665, 6, 6, 6), 0.08, 11)), BCC)).toBe(true);
    expect(allOf(classes(perturb(cubic(FCC_BASIS, 3.615, 5, 5, 5), 0.08, 12)), FCC)).toBe(true);
    expect(allOf(classes(perturb(hcp(3.21, 6, 4, 4), 0.08, 13)), HCP)).toBe(true);
    expect(allOf(classes(perturb(triclinicCubic(BCC_BASIS, 3.3, 4, 1), 0.08, 14)), BCC)).toBe(true);
  });
  it('strong noise destroys order gradually (counts fall, nothing turns into a wrong crystal)', () => {
    const c = countTypes(classes(perturb(cubic(BCC_BASIS, 2.8665, 8, 8, 8), 0.2, 15)));
    expect(c[BCC]).toBeGreaterThan(0);
    expect(c[BCC]).toBeLessThan(1024);
    expect(c[FCC] + c[HCP] + c[ICO]).toBeLessThan(0.02 * 1024);
  });
});

describe('a-CNA on icosahedra, liquids and gases', () => {
  it('13- and 55-atom Mackay icosahedra: the centre is ico', () => {
    for (const [shells, n] of [
      [1, 13],
      [2, 55],
    ]) {
      const c = mackay(shells, 2.7);
      expect(c.n).toBe(n);
      const t = classes(c);
      expect(t[0]).toBe(ICO);
      expect(countTypes(t)[ICO]).toBe(1);
    }
  });
  it('ideal gas: everything other', () => {
    expect(allOf(classes(gas(3000, 40, 21)), OTHER)).toBe(true);
  });
  it('dense random liquid-like packing: mostly other', () => {
    // bcc with noise of 0.35 a: no crystalline memory left
    const t = classes(perturb(cubic(BCC_BASIS, 2.8665, 8, 8, 8), 1.0, 22));
    expect(countTypes(t)[OTHER]).toBeGreaterThan(0.95 * t.length);
  });
});

describe('a-CNA equals a plain brute-force implementation atom by atom', () => {
  const cases: Array<[string, Config, number]> = [
    ['noisy bcc (sigma 0.15)', perturb(cubic(BCC_BASIS, 2.8665, 4, 4, 4), 0.15, 31), 1],
    ['noisy fcc (sigma 0.17)', perturb(cubic(FCC_BASIS, 3.615, 3, 3, 3), 0.17, 32), 1],
    ['noisy hcp (sigma 0.15)', perturb(hcp(3.21, 4, 2, 2), 0.15, 33), 1],
    ['noisy triclinic bcc in a small box', perturb(triclinicCubic(BCC_BASIS, 3.0, 2, 1), 0.15, 34), 3],
    ['noisy 55-atom icosahedron, open', perturb(mackay(2, 2.7), 0.05, 35), 0],
  ];
  for (const [name, c, images] of cases) {
    it(name, () => {
      const t = classes(c);
      const ref = Uint8Array.from({ length: c.n }, (_, i) => bruteAcna(bruteNeighbors(c.pos, c.n, c.cell, i, 1e9, images).slice(0, 14)));
      expect([...t]).toEqual([...ref]);
      // the comparison must see more than one class to mean something
      expect(new Set(ref).size).toBeGreaterThan(1);
    });
  }
});

describe('frames', () => {
  it('adaptiveCnaFrame reads x y z and the box', () => {
    const f = toFrame(perturb(triclinicCubic(BCC_BASIS, 3.3, 3, 1), 0.05, 41));
    expect(f.box.tilt).not.toBeNull();
    expect(allOf(adaptiveCnaFrame(f), BCC)).toBe(true);
  });
});
