/**
 * Forces are minus the gradient of the energy (central differences, h = 1e-5 A) for pair eam
 * (funcfl, one element and three regridded/mixed files), eam/alloy and eam/fs, on random strongly
 * perturbed periodic configurations (orthogonal and triclinic), plus a compressed one where the
 * density exceeds the F(rho) table (rho > rhomax: LAMMPS's linear extension must stay conservative).
 * The files are Debian's (lammps-data), found on the potentials search path; skipped when absent.
 */
import { describe, expect, it } from 'vitest';
import { readEamFuncfl, readEamSetfl } from '../../../../src/io/eam-potential.js';
import { resolvePotential } from '../../../../src/io/potentials-path.js';
import { eamTablesFromFuncfl, eamTablesFromSetfl, type EamTables } from '../../../../src/engine/potentials/eam/params.js';
import { EamWork, eamCompute } from '../../../../src/engine/potentials/eam/evaluate.js';
import { makeSimBox, lamda2x, pbc, type SimBox } from '../../../../src/engine/space/box.js';
import { GhostAtoms, buildGhosts } from '../../../../src/engine/space/ghosts.js';
import { NeighborListBuffer, buildNeighborList } from '../../../../src/engine/neighbor/neighbor-list.js';

function found(...files: string[]): string | null {
  for (const f of files) {
    try { resolvePotential(f); } catch { return `${f} not on the potentials search path (install Debian's lammps-data)`; }
  }
  return null;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

/** Energy and forces (folded onto the n owned atoms) of positions x in box. */
function evaluate(t: EamTables, w: EamWork, box: SimBox, x0: Float64Array, type: Int32Array): { e: number; f: Float64Array } {
  const n = type.length;
  const x = x0.slice();
  pbc(box, n, x, new Int32Array(3 * n), new Float64Array(3 * n));
  const cut = t.cut + 1.0;
  const g = buildGhosts(new GhostAtoms(), box, n, x, type, null, cut);
  const list = buildNeighborList(new NeighborListBuffer(), 'half', g, cut);
  const f = new Float64Array(3 * g.nall);
  const e = eamCompute(t, w, g, list, f, null);
  for (let i = g.nall - 1; i >= n; i--) for (let m = 0; m < 3; m++) f[3 * g.owner[i] + m] += f[3 * i + m];
  return { e, f: f.slice(0, 3 * n) };
}

/** n atoms at random in the box, no two closer than minDist (nearest image). */
function randomConfig(box: SimBox, n: number, minDist: number, ntypes: number, seed: number): { x: Float64Array; type: Int32Array } {
  const r = rng(seed);
  const x = new Float64Array(3 * n);
  const l = new Float64Array(3), p = new Float64Array(3);
  let placed = 0;
  for (let tries = 0; placed < n; tries++) {
    if (tries > 100000) throw new Error('could not place atoms');
    for (let d = 0; d < 3; d++) l[d] = r();
    lamda2x(p, box, l, 1);
    let ok = true;
    for (let j = 0; j < placed && ok; j++) {
      for (let a = -1; a <= 1 && ok; a++) for (let b = -1; b <= 1 && ok; b++) for (let c = -1; c <= 1 && ok; c++) {
        const h = box.h;
        const dx = x[3 * j] - p[0] + a * h[0] + b * h[5] + c * h[4], dy = x[3 * j + 1] - p[1] + b * h[1] + c * h[3], dz = x[3 * j + 2] - p[2] + c * h[2];
        if (Math.hypot(dx, dy, dz) < minDist) ok = false;
      }
    }
    if (ok) { x.set(p, 3 * placed); placed++; }
  }
  return { x, type: Int32Array.from({ length: n }, () => 1 + Math.floor(r() * ntypes)) };
}

interface Case { name: string; files: string[]; tables: () => EamTables; ntypes: number; box: SimBox; n: number; minDist: number; overRhomax?: boolean }

const box = (L: [number, number, number], tilt?: [number, number, number]): SimBox => makeSimBox([0, 0, 0], L, !!tilt, tilt ?? [0, 0, 0], [true, true, true]);
const funcfl = (files: string[], map: number[]) => () => eamTablesFromFuncfl(files.map((f) => readEamFuncfl(resolvePotential(f))), Int32Array.from([-1, ...map]), map.length);
const setfl = (file: string, kind: 'setfl' | 'fs', map: number[]) => () => eamTablesFromSetfl(readEamSetfl(resolvePotential(file), kind), Int32Array.from([-1, ...map]), map.length);

const CASES: Case[] = [
  { name: 'eam: Cu_u3.eam', files: ['Cu_u3.eam'], tables: funcfl(['Cu_u3.eam'], [0]), ntypes: 1, box: box([7.2, 7.4, 7.3]), n: 24, minDist: 2.0 },
  { name: 'eam: Cu_u3 + Ni_u3 + Ag_u3 (regridded, mixed), triclinic', files: ['Cu_u3.eam', 'Ni_u3.eam', 'Ag_u3.eam'], tables: funcfl(['Cu_u3.eam', 'Ni_u3.eam', 'Ag_u3.eam'], [0, 1, 2]), ntypes: 3, box: box([7.5, 7.3, 7.6], [1.1, -0.7, 0.5]), n: 24, minDist: 2.0 },
  { name: 'eam: Cu_u3.eam compressed (rho > rhomax)', files: ['Cu_u3.eam'], tables: funcfl(['Cu_u3.eam'], [0]), ntypes: 1, box: box([5.0, 5.0, 5.0]), n: 30, minDist: 1.2, overRhomax: true },
  { name: 'eam/alloy: CuNi.eam.alloy', files: ['CuNi.eam.alloy'], tables: setfl('CuNi.eam.alloy', 'setfl', [0, 1]), ntypes: 2, box: box([7.1, 7.0, 7.2]), n: 24, minDist: 2.0 },
  { name: 'eam/alloy: AlCu.eam.alloy, triclinic', files: ['AlCu.eam.alloy'], tables: setfl('AlCu.eam.alloy', 'setfl', [0, 1]), ntypes: 2, box: box([8.1, 8.0, 8.2], [-1.2, 0.9, 0.6]), n: 24, minDist: 2.2 },
  { name: 'eam/fs: AlFe_mm.eam.fs (per-pair densities)', files: ['AlFe_mm.eam.fs'], tables: setfl('AlFe_mm.eam.fs', 'fs', [1, 0]), ntypes: 2, box: box([7.0, 7.1, 6.9]), n: 24, minDist: 2.0 },
  { name: 'eam/fs: NiAlH_jea.eam.fs (rho_ij != rho_ji)', files: ['NiAlH_jea.eam.fs'], tables: setfl('NiAlH_jea.eam.fs', 'fs', [0, 1, 2]), ntypes: 3, box: box([7.0, 7.2, 7.1]), n: 24, minDist: 1.8 },
  { name: 'eam/fs: CuZr_mm.eam.fs, triclinic', files: ['CuZr_mm.eam.fs'], tables: setfl('CuZr_mm.eam.fs', 'fs', [0, 1]), ntypes: 2, box: box([8.0, 7.8, 7.9], [0.8, 0.6, -0.9]), n: 24, minDist: 2.2 },
];

describe('EAM forces = -dE/dx (central differences, h = 1e-5 A)', () => {
  for (const c of CASES) {
    const why = found(...c.files);
    it.skipIf(why !== null)(`${c.name}${why ? ` (skipped: ${why})` : ''}`, () => {
      const t = c.tables();
      const w = new EamWork();
      const { x, type } = randomConfig(c.box, c.n, c.minDist, c.ntypes, 4242 + c.n);
      const { e, f } = evaluate(t, w, c.box, x, type);
      expect(Number.isFinite(e)).toBe(true);
      if (c.overRhomax) {
        const over = Array.from(w.rho.subarray(0, c.n)).filter((r) => r > t.rhomax).length;
        expect(over, 'atoms with rho > rhomax').toBeGreaterThan(0);
      }
      const h = 1e-5;
      let worst = 0, fmax = 0;
      for (let i = 0; i < c.n; i++) {
        for (let d = 0; d < 3; d++) {
          const xp = x.slice(), xm = x.slice();
          xp[3 * i + d] += h;
          xm[3 * i + d] -= h;
          const fd = -(evaluate(t, w, c.box, xp, type).e - evaluate(t, w, c.box, xm, type).e) / (2 * h);
          worst = Math.max(worst, Math.abs(fd - f[3 * i + d]));
          fmax = Math.max(fmax, Math.abs(f[3 * i + d]));
        }
      }
      expect(fmax).toBeGreaterThan(0.1);
      // truncation error h^2 f''' / 6 and round-off ~1e-16 |E| / h, both ~1e-8 eV/A here
      expect(worst, `max |F - F_fd| [eV/A], max |F| ${fmax}`).toBeLessThan(1e-6 * Math.max(1, fmax));
    });
  }
});
