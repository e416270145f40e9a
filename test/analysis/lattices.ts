/** In-memory test configurations: lattices, noise (seeded), icosahedral clusters, gas. */
import type { AtomFrame, Box } from '../../src/io/types.js';
import type { Cell } from '../../src/analysis/neighbors.js';
import { mulberry32 } from '../../scripts/lib/mulberry32.js';

/** Mulberry32: small seeded generator. */
export const rng = mulberry32;

/** Standard normal deviates (Box–Muller). */
export function gauss(r: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

export interface Config {
  pos: Float64Array;
  n: number;
  cell: Cell;
}

export function orthoCell(l: [number, number, number], periodic: boolean | [boolean, boolean, boolean] = true): Cell {
  const p: [boolean, boolean, boolean] = typeof periodic === 'boolean' ? [periodic, periodic, periodic] : periodic;
  return { origin: [0, 0, 0], lx: l[0], ly: l[1], lz: l[2], xy: 0, xz: 0, yz: 0, periodic: p };
}

/** Cubic lattice with a basis (fractions of a), nx×ny×nz cells, periodic box. */
export function cubic(basis: number[][], a: number, nx: number, ny: number, nz: number): Config {
  const n = basis.length * nx * ny * nz;
  const pos = new Float64Array(3 * n);
  let k = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++)
        for (const b of basis) {
          pos[k++] = (x + b[0]) * a;
          pos[k++] = (y + b[1]) * a;
          pos[k++] = (z + b[2]) * a;
        }
  return { pos, n, cell: orthoCell([nx * a, ny * a, nz * a]) };
}

export const BCC_BASIS = [
  [0, 0, 0],
  [0.5, 0.5, 0.5],
];
export const FCC_BASIS = [
  [0, 0, 0],
  [0.5, 0.5, 0],
  [0.5, 0, 0.5],
  [0, 0.5, 0.5],
];

/** Ideal hcp (c/a = sqrt(8/3)) in an orthorhombic cell a × a√3 × c with 4 atoms. */
export function hcp(a: number, nx: number, ny: number, nz: number): Config {
  const c = a * Math.sqrt(8 / 3);
  const basis = [
    [0, 0, 0],
    [0.5, 0.5, 0],
    [0.5, 5 / 6, 0.5],
    [0, 1 / 3, 0.5],
  ];
  const L = [a, a * Math.sqrt(3), c];
  const n = 4 * nx * ny * nz;
  const pos = new Float64Array(3 * n);
  let k = 0;
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++)
        for (const b of basis) {
          pos[k++] = (x + b[0]) * L[0];
          pos[k++] = (y + b[1]) * L[1];
          pos[k++] = (z + b[2]) * L[2];
        }
  return { pos, n, cell: orthoCell([nx * L[0], ny * L[1], nz * L[2]]) };
}

/** Adds Gaussian noise of standard deviation sigma to every coordinate. */
export function perturb(c: Config, sigma: number, seed: number): Config {
  const g = gauss(rng(seed));
  const pos = c.pos.slice();
  for (let i = 0; i < pos.length; i++) pos[i] += sigma * g();
  return { ...c, pos };
}

/** Mackay icosahedron with `shells` shells around a centre atom (1 → 13 atoms, 2 → 55), nn distance d. */
export function mackay(shells: number, d: number): Config {
  const phi = (1 + Math.sqrt(5)) / 2;
  const v: number[][] = [];
  for (const s1 of [-1, 1]) for (const s2 of [-1, 1]) v.push([0, s1, s2 * phi], [s1, s2 * phi, 0], [s2 * phi, 0, s1]);
  // normalise vertices to unit length
  const vn = v.map((p) => p.map((x) => x / Math.hypot(p[0], p[1], p[2])));
  // edges and faces of the icosahedron (edge length = distance between neighbouring unit vertices)
  const edge = Math.min(...vn.slice(1).map((p) => Math.hypot(p[0] - vn[0][0], p[1] - vn[0][1], p[2] - vn[0][2])));
  const adj = (i: number, j: number) => Math.abs(Math.hypot(vn[i][0] - vn[j][0], vn[i][1] - vn[j][1], vn[i][2] - vn[j][2]) - edge) < 1e-9;
  const pts: number[][] = [[0, 0, 0]];
  const key = (p: number[]) => p.map((x) => x.toFixed(6)).join(',');
  const seen = new Set([key(pts[0])]);
  const add = (p: number[]) => {
    const k = key(p);
    if (!seen.has(k)) {
      seen.add(k);
      pts.push(p);
    }
  };
  for (let s = 1; s <= shells; s++) {
    // vertices at radius s (in units of the vertex–centre distance), points on edges and faces
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 12; j++)
        for (let k = 0; k < 12; k++) {
          if (!(i < j && j < k && adj(i, j) && adj(j, k) && adj(i, k))) continue;
          for (let a = 0; a <= s; a++)
            for (let b = 0; a + b <= s; b++) {
              const c = s - a - b;
              add([0, 1, 2].map((t) => a * vn[i][t] + b * vn[j][t] + c * vn[k][t]));
            }
        }
  }
  // radial vertex distance 1 ↔ surface edge = edge; scale so that the radial nn distance is d
  const n = pts.length;
  const pos = new Float64Array(3 * n);
  const L = 100 * d * (shells + 1);
  for (let i = 0; i < n; i++) for (let t = 0; t < 3; t++) pos[3 * i + t] = pts[i][t] * d + L / 2;
  return { pos, n, cell: orthoCell([L, L, L], false) };
}

/** Uniform random points (ideal gas) in a periodic cube. */
export function gas(n: number, l: number, seed: number): Config {
  const r = rng(seed);
  const pos = new Float64Array(3 * n);
  for (let i = 0; i < 3 * n; i++) pos[i] = r() * l;
  return { pos, n, cell: orthoCell([l, l, l]) };
}

/** A Config as an AtomFrame (columns id type x y z). */
export function toFrame(c: Config): AtomFrame {
  const x = new Float64Array(c.n), y = new Float64Array(c.n), z = new Float64Array(c.n), id = new Float64Array(c.n), type = new Float64Array(c.n).fill(1);
  for (let i = 0; i < c.n; i++) {
    id[i] = i + 1;
    x[i] = c.pos[3 * i];
    y[i] = c.pos[3 * i + 1];
    z[i] = c.pos[3 * i + 2];
  }
  const b = c.cell.periodic.map((p) => (p ? 'pp' : 'ff')) as [string, string, string];
  const box: Box = {
    lo: [...c.cell.origin],
    hi: [c.cell.origin[0] + c.cell.lx, c.cell.origin[1] + c.cell.ly, c.cell.origin[2] + c.cell.lz],
    tilt: c.cell.xy || c.cell.xz || c.cell.yz ? [c.cell.xy, c.cell.xz, c.cell.yz] : null,
    boundary: b,
  };
  return { natoms: c.n, box, columns: new Map([['id', id], ['type', type], ['x', x], ['y', y], ['z', z]]) };
}

/**
 * Cubic lattice in a triclinic periodic cell whose edges are lattice vectors:
 * a = (n,0,0)·a0, b = (t,n,0)·a0, c = (t,t,n)·a0, so the crystal is perfect across the boundaries.
 */
export function triclinicCubic(basis: number[][], a0: number, n: number, t: number): Config {
  const cell: Cell = { origin: [0, 0, 0], lx: n * a0, ly: n * a0, lz: n * a0, xy: t * a0, xz: t * a0, yz: t * a0, periodic: [true, true, true] };
  const pts: number[] = [];
  const R = n + 2 * Math.abs(t) + 1;
  for (let z = -R; z <= R; z++)
    for (let y = -R; y <= R; y++)
      for (let x = -R; x <= R; x++)
        for (const b of basis) {
          const p = [(x + b[0]) * a0, (y + b[1]) * a0, (z + b[2]) * a0];
          const sz = p[2] / cell.lz;
          const sy = (p[1] - cell.yz * sz) / cell.ly;
          const sx = (p[0] - cell.xy * sy - cell.xz * sz) / cell.lx;
          const e = 1e-9;
          if (sx >= -e && sx < 1 - e && sy >= -e && sy < 1 - e && sz >= -e && sz < 1 - e) pts.push(...p);
        }
  return { pos: Float64Array.from(pts), n: pts.length / 3, cell };
}
