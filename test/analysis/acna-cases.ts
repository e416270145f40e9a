/**
 * The configurations of the a-CNA kernel parity tests (acna-wasm.test.ts: WebAssembly against
 * TypeScript; acna-threads.test.ts: threads against one thread): hand-picked cases that reach
 * every branch, and a seeded sweep of 60 random ones.
 */
import { BCC_BASIS, FCC_BASIS, cubic, gas, hcp, mackay, orthoCell, perturb, rng, triclinicCubic, type Config } from './lattices.js';

/** The same configuration moved by `by` (atoms and cell origin). */
export function shifted(c: Config, by: [number, number, number]): Config {
  const pos = Float64Array.from(c.pos, (v, k) => v + by[k % 3]);
  return { ...c, pos, cell: { ...c.cell, origin: [c.cell.origin[0] + by[0], c.cell.origin[1] + by[1], c.cell.origin[2] + by[2]] } };
}

export function kernelCases(): Array<[string, Config]> {
  return [
    ['bcc, noise 0.1', perturb(cubic(BCC_BASIS, 2.8665, 8, 8, 8), 0.1, 71)],
    ['bcc, noise 0.22', perturb(cubic(BCC_BASIS, 2.8665, 6, 6, 6), 0.22, 72)],
    ['fcc, noise 0.1', perturb(cubic(FCC_BASIS, 3.615, 6, 6, 6), 0.1, 73)],
    ['fcc, strong noise', perturb(cubic(FCC_BASIS, 3.615, 5, 5, 5), 0.2, 74)],
    ['hcp, noise 0.1', perturb(hcp(3.21, 6, 4, 4), 0.1, 75)],
    ['liquid-like (bcc with noise 1.0)', perturb(cubic(BCC_BASIS, 2.8665, 7, 7, 7), 1.0, 76)],
    ['free bcc block (surfaces, open boundaries)', { ...perturb(cubic(BCC_BASIS, 2.8665, 6, 6, 6), 0.1, 77), cell: orthoCell([17.2, 17.2, 17.2], false) }],
    ['free fcc block in a large periodic box (vacuum)', { ...perturb(cubic(FCC_BASIS, 3.615, 4, 4, 4), 0.05, 78), cell: orthoCell([40, 40, 40], true) }],
    ['55-atom icosahedron, noisy, open', perturb(mackay(2, 2.7), 0.05, 79)],
    ['2x2x2 bcc periodic (images of images), noisy', perturb(cubic(BCC_BASIS, 2.8665, 2, 2, 2), 0.15, 80)],
    ['1x1x1 fcc periodic, noisy', perturb(cubic(FCC_BASIS, 3.615, 1, 1, 1), 0.1, 81)],
    ['triclinic bcc small box, noisy', perturb(triclinicCubic(BCC_BASIS, 3.0, 2, 1), 0.15, 82)],
    ['triclinic bcc, noise 0.1', perturb(triclinicCubic(BCC_BASIS, 2.8665, 5, 2), 0.1, 83)],
    ['gas (fewer than 12 neighbours within reach, open)', { ...gas(400, 40, 84), cell: orthoCell([40, 40, 40], false) }],
    ['gas, periodic', gas(300, 30, 85)],
    // exact ties: every shell of a perfect lattice; in simple cubic the 14 nearest take 8 of the
    // 12 equal second neighbours, chosen by slot in both (d², slot) orders
    ['perfect bcc (ties at every shell)', cubic(BCC_BASIS, 2.8665, 4, 4, 4)],
    ['perfect fcc (13th and 14th: 2 of 6 equal)', cubic(FCC_BASIS, 3.615, 3, 3, 3)],
    ['perfect hcp', hcp(3.21, 4, 3, 3)],
    ['perfect simple cubic (the 14th inside a 12-fold shell)', cubic([[0, 0, 0]], 2.5, 5, 5, 5)],
    ['simple cubic, noise 1e-9 (near-ties)', perturb(cubic([[0, 0, 0]], 2.5, 5, 5, 5), 1e-9, 86)],
    // the kernel's first scan is single precision, relative to the grid corner: far from the origin
    // the coordinates themselves lose 9 digits in single precision, their differences must not
    ['bcc 1e6 A from the origin, noise 0.1', shifted(perturb(cubic(BCC_BASIS, 2.8665, 6, 6, 6), 0.1, 87), [1e6, -1e6, 5e5])],
    ['fcc 1e6 A from the origin, open, noise 1e-9', shifted({ ...perturb(cubic(FCC_BASIS, 3.615, 4, 4, 4), 1e-9, 88), cell: orthoCell([14.46, 14.46, 14.46], false) }, [-1e6, 2e6, 1e6])],
  ];
}

/**
 * 60 configurations drawn from one seed: lattice (bcc, fcc, hcp, simple cubic, gas), size, noise
 * from none (exact ties) to liquid-like, boundaries periodic / open / mixed, atoms shifted out of
 * the box, orthogonal or tilted cells.
 */
export function sweepCases(): Array<{ label: string; c: Config }> {
  const out: Array<{ label: string; c: Config }> = [];
  const r = rng(20261127);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  for (let k = 0; k < 60; k++) {
    const kind = pick(['bcc', 'fcc', 'hcp', 'sc', 'gas', 'tri']);
    const n = 2 + Math.floor(r() * 4);
    const sigma = pick([0, 0, 1e-9, 0.02, 0.1, 0.25, 0.6]);
    let c: Config =
      kind === 'bcc' ? cubic(BCC_BASIS, 2.8665, n, n + 1, n) :
      kind === 'fcc' ? cubic(FCC_BASIS, 3.615, n, n, n + 1) :
      kind === 'hcp' ? hcp(3.21, n + 1, n, n) :
      kind === 'sc' ? cubic([[0, 0, 0]], 2.5, n + 1, n + 1, n + 1) :
      kind === 'gas' ? gas(150 + Math.floor(r() * 300), 12 + r() * 10, k) :
      triclinicCubic(BCC_BASIS, 2.9, n, pick([1, -1]));
    if (sigma > 0) c = perturb(c, sigma, 1000 + k);
    const periodic = pick<[boolean, boolean, boolean]>([[true, true, true], [true, true, true], [false, false, false], [true, true, false], [false, true, true]]);
    const tilted = c.cell.xy !== 0 || c.cell.xz !== 0 || c.cell.yz !== 0;
    if (!tilted) c = { ...c, cell: { ...c.cell, periodic } };
    // some atoms given as other periodic images (wrapped by both builds)
    const pos = c.pos.slice();
    for (let i = 0; i < c.n; i += 7) if (c.cell.periodic[0]) pos[3 * i] += c.cell.lx * (r() < 0.5 ? -1 : 2);
    c = { ...c, pos };
    out.push({ label: `#${k}: ${kind} ${c.n} atoms, noise ${sigma}, periodic ${c.cell.periodic.map(Number).join('')}`, c });
  }
  return out;
}
