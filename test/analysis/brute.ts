/**
 * Brute-force references for the structure tests: neighbours by enumerating every atom and every
 * periodic image in a range, and a-CNA written out plainly (arrays, breadth-first chains), sharing
 * no code with src/analysis beyond the Cell type.
 */
import type { Cell } from '../../src/analysis/neighbors.js';

export interface Nb {
  j: number;
  d: [number, number, number];
  r2: number;
}

/** All neighbours of atom i (images included) with r2 <= rmax^2, sorted by distance. */
export function bruteNeighbors(pos: Float64Array, n: number, cell: Cell, i: number, rmax: number, images = 2): Nb[] {
  const out: Nb[] = [];
  const m = cell.periodic.map((p) => (p ? images : 0));
  const xi = [pos[3 * i], pos[3 * i + 1], pos[3 * i + 2]];
  for (let j = 0; j < n; j++)
    for (let a = -m[0]; a <= m[0]; a++)
      for (let b = -m[1]; b <= m[1]; b++)
        for (let c = -m[2]; c <= m[2]; c++) {
          if (j === i && a === 0 && b === 0 && c === 0) continue;
          const d: [number, number, number] = [
            pos[3 * j] + a * cell.lx + b * cell.xy + c * cell.xz - xi[0],
            pos[3 * j + 1] + b * cell.ly + c * cell.yz - xi[1],
            pos[3 * j + 2] + c * cell.lz - xi[2],
          ];
          const r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
          if (r2 <= rmax * rmax) out.push({ j, d, r2 });
        }
  return out.sort((p, q) => p.r2 - q.r2);
}

function signature(nb: Nb[], cut2: number, k: number): [number, number, number] {
  const bonded = (a: Nb, b: Nb) => (a.d[0] - b.d[0]) ** 2 + (a.d[1] - b.d[1]) ** 2 + (a.d[2] - b.d[2]) ** 2 <= cut2;
  const common = nb.filter((x, idx) => idx !== k && bonded(x, nb[k]));
  const bonds: Array<[number, number]> = [];
  for (let a = 0; a < common.length; a++) for (let b = a + 1; b < common.length; b++) if (bonded(common[a], common[b])) bonds.push([a, b]);
  // largest connected group of bonds
  const seen = new Array(bonds.length).fill(false);
  let best = 0;
  for (let s = 0; s < bonds.length; s++) {
    if (seen[s]) continue;
    seen[s] = true;
    const queue = [s];
    let size = 0;
    while (queue.length) {
      const q = queue.pop()!;
      size++;
      for (let t = 0; t < bonds.length; t++) {
        if (!seen[t] && (bonds[t][0] === bonds[q][0] || bonds[t][0] === bonds[q][1] || bonds[t][1] === bonds[q][0] || bonds[t][1] === bonds[q][1])) {
          seen[t] = true;
          queue.push(t);
        }
      }
    }
    best = Math.max(best, size);
  }
  return [common.length, bonds.length, best];
}

/** Plain a-CNA of one atom from its sorted neighbour list (at least 14 entries when available). */
export function bruteAcna(nb: Nb[]): number {
  if (nb.length < 12) return 0;
  const n12 = nb.slice(0, 12);
  const c12 = ((n12.reduce((s, x) => s + Math.sqrt(x.r2), 0) / 12) * Math.fround(1 + Math.fround(Math.SQRT2))) * 0.5;
  const sig12 = n12.map((_, k) => signature(n12, c12 * c12, k).join(''));
  const count = (sig: string[], s: string) => sig.filter((x) => x === s).length;
  if (count(sig12, '421') === 12) return 1;
  if (count(sig12, '421') === 6 && count(sig12, '422') === 6) return 2;
  if (count(sig12, '555') === 12) return 4;
  if (nb.length < 14) return 0;
  const n14 = nb.slice(0, 14);
  const s14 = n14.reduce((s, x, idx) => s + (idx < 8 ? Math.sqrt(x.r2 / 0.75) : Math.sqrt(x.r2)), 0);
  const c14 = (s14 / 14) * Math.fround(1.207);
  const sig14 = n14.map((_, k) => signature(n14, c14 * c14, k).join(''));
  if (count(sig14, '666') === 8 && count(sig14, '444') === 6) return 3;
  return 0;
}
