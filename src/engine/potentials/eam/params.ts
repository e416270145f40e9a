/**
 * EAM tables as LAMMPS builds them before a run (src/MANYBODY/pair_eam.cpp `file2array`,
 * `array2spline`, `interpolate`; pair_eam_alloy.cpp / pair_eam_fs.cpp `file2array`):
 *
 * - one common grid: nrho points of spacing drho for F(rho), nr points of spacing dr for rho(r)
 *   and z2(r) = r*phi(r) [eV*Angstrom]; setfl/fs files give it directly, funcfl files are
 *   re-sampled onto (largest dr, largest drho, nr = round(max (Nr-1) dr / dr), likewise nrho) with
 *   the 4-point Lagrange interpolation of file2array (stencil k-1..k+2, k clamped to 2..N-2);
 * - funcfl unlike pairs: z2_ij(r) = 27.2 * 0.529 * Z_i(r) Z_j(r) (Hartree*Bohr -> eV*Angstrom);
 * - each table gets LAMMPS's cubic: slopes from a 5-point stencil (one-sided / 3-point at the ends),
 *   7 coefficients per point, so value = ((c3 p + c4) p + c5) p + c6 and derivative = (c0 p + c1) p + c2
 *   with p the fraction of the grid step (derivative already divided by the step).
 * - type maps: type2frho (an all-zero F for unmapped types), type2rhor, type2z2r (lower triangle).
 * rhomax = (nrho - 1) drho: beyond it F is extended linearly (PairEAM::compute).
 */
import type { EamFuncfl, EamSetfl } from '../../../io/eam-potential.js';

export interface EamTables {
  nrho: number;
  drho: number;
  nr: number;
  dr: number;
  rdr: number;
  rdrho: number;
  rhomax: number;
  /** Cutoff [Angstrom] and its square (the pair loops use rsq < cutforcesq). */
  cut: number;
  cutforcesq: number;
  /** Spline coefficients, 7 per grid point m = 1..n (index 7*m + c; m = 0 unused as in LAMMPS). */
  frhoSpline: Float64Array[];
  rhorSpline: Float64Array[];
  z2rSpline: Float64Array[];
  /** Per type (1-based, ntypes+1 entries). */
  type2frho: Int32Array;
  /** Per type pair, index itype*(ntypes+1) + jtype. */
  type2rhor: Int32Array;
  type2z2r: Int32Array;
  ntypes: number;
}

/**
 * LAMMPS's spline of f[1..n] on spacing delta (PairEAM::interpolate). `f` is 0-based here
 * (f[m-1] is LAMMPS's f[m]); the result keeps LAMMPS's 1-based point index.
 */
export function splineTable(f: ArrayLike<number>, n: number, delta: number): Float64Array {
  const s = new Float64Array(7 * (n + 1));
  const at = (m: number, c: number): number => 7 * m + c;
  for (let m = 1; m <= n; m++) s[at(m, 6)] = f[m - 1];
  s[at(1, 5)] = s[at(2, 6)] - s[at(1, 6)];
  s[at(2, 5)] = 0.5 * (s[at(3, 6)] - s[at(1, 6)]);
  s[at(n - 1, 5)] = 0.5 * (s[at(n, 6)] - s[at(n - 2, 6)]);
  s[at(n, 5)] = s[at(n, 6)] - s[at(n - 1, 6)];
  for (let m = 3; m <= n - 2; m++) {
    s[at(m, 5)] = ((s[at(m - 2, 6)] - s[at(m + 2, 6)]) + 8.0 * (s[at(m + 1, 6)] - s[at(m - 1, 6)])) / 12.0;
  }
  for (let m = 1; m <= n - 1; m++) {
    s[at(m, 4)] = 3.0 * (s[at(m + 1, 6)] - s[at(m, 6)]) - 2.0 * s[at(m, 5)] - s[at(m + 1, 5)];
    s[at(m, 3)] = s[at(m, 5)] + s[at(m + 1, 5)] - 2.0 * (s[at(m + 1, 6)] - s[at(m, 6)]);
  }
  s[at(n, 4)] = 0.0;
  s[at(n, 3)] = 0.0;
  for (let m = 1; m <= n; m++) {
    s[at(m, 2)] = s[at(m, 5)] / delta;
    s[at(m, 1)] = (2.0 * s[at(m, 4)]) / delta;
    s[at(m, 0)] = (3.0 * s[at(m, 3)]) / delta;
  }
  return s;
}

const SIXTH = 1.0 / 6.0;

/**
 * Value at r of a table with spacing d and N points (0-based `tab`), by file2array's 4-point
 * Lagrange formula: p = r/d + 1, k = trunc(p) clamped to [2, N-2], p -= k (<= 2).
 */
function regrid(tab: Float64Array, n: number, d: number, r: number): number {
  let p = r / d + 1.0;
  let k = Math.trunc(p);
  k = Math.min(k, n - 2);
  k = Math.max(k, 2);
  p -= k;
  p = Math.min(p, 2.0);
  const cof1 = -SIXTH * p * (p - 1.0) * (p - 2.0);
  const cof2 = 0.5 * (p * p - 1.0) * (p - 2.0);
  const cof3 = -0.5 * p * (p + 1.0) * (p - 2.0);
  const cof4 = SIXTH * p * (p * p - 1.0);
  // LAMMPS's 1-based file->f[k-1..k+2] are tab[k-2..k+1]
  return cof1 * tab[k - 2] + cof2 * tab[k - 1] + cof3 * tab[k] + cof4 * tab[k + 1];
}

/** Lower-triangle index of element pair (a, b): row max(a,b), column min(a,b). */
function triIndex(a: number, b: number): number {
  const irow = Math.max(a, b), icol = Math.min(a, b);
  return (irow * (irow + 1)) / 2 + icol;
}

function typeMaps(map: Int32Array, ntypes: number, nfrhoZero: number, rhorIndex: (a: number, b: number) => number) {
  const T = ntypes + 1;
  const type2frho = new Int32Array(T);
  const type2rhor = new Int32Array(T * T);
  const type2z2r = new Int32Array(T * T);
  for (let i = 1; i <= ntypes; i++) {
    type2frho[i] = map[i] >= 0 ? map[i] : nfrhoZero;
    for (let j = 1; j <= ntypes; j++) {
      type2rhor[i * T + j] = map[i] >= 0 && map[j] >= 0 ? rhorIndex(map[i], map[j]) : Math.max(map[i], 0);
      type2z2r[i * T + j] = map[i] < 0 || map[j] < 0 ? 0 : triIndex(map[i], map[j]);
    }
  }
  return { type2frho, type2rhor, type2z2r };
}

/**
 * Tables of `pair_style eam` from the funcfl files read so far and map[type] = file index (-1: none),
 * as PairEAM::file2array: grid from the files that some type maps to, every file regridded.
 */
export function eamTablesFromFuncfl(files: EamFuncfl[], map: Int32Array, ntypes: number): EamTables {
  let dr = 0, drho = 0, rmax = 0, rhomax = 0;
  files.forEach((f, i) => {
    let active = false;
    for (let t = 1; t <= ntypes; t++) if (map[t] === i) active = true;
    if (!active) return;
    dr = Math.max(dr, f.dr);
    drho = Math.max(drho, f.drho);
    rmax = Math.max(rmax, (f.nr - 1) * f.dr);
    rhomax = Math.max(rhomax, (f.nrho - 1) * f.drho);
  });
  const nr = Math.trunc(rmax / dr + 0.5);
  const nrho = Math.trunc(rhomax / drho + 0.5);
  const frho: Float64Array[] = [];
  for (const f of files) {
    const t = new Float64Array(nrho);
    for (let m = 1; m <= nrho; m++) t[m - 1] = regrid(f.frho, f.nrho, f.drho, (m - 1) * drho);
    frho.push(t);
  }
  frho.push(new Float64Array(nrho)); // zeroes for unmapped types (pair hybrid in LAMMPS)
  const rhor: Float64Array[] = [];
  for (const f of files) {
    const t = new Float64Array(nr);
    for (let m = 1; m <= nr; m++) t[m - 1] = regrid(f.rhor, f.nr, f.dr, (m - 1) * dr);
    rhor.push(t);
  }
  const z2r: Float64Array[] = [];
  for (let i = 0; i < files.length; i++) {
    for (let j = 0; j <= i; j++) {
      const t = new Float64Array(nr);
      for (let m = 1; m <= nr; m++) {
        const r = (m - 1) * dr;
        const zri = regrid(files[i].zr, files[i].nr, files[i].dr, r);
        const zrj = regrid(files[j].zr, files[j].nr, files[j].dr, r);
        t[m - 1] = 27.2 * 0.529 * zri * zrj;
      }
      z2r.push(t);
    }
  }
  let cut = 0;
  for (const f of files) cut = Math.max(cut, f.cut);
  // funcfl: rho_j(r) depends on the source atom only (type2rhor[i][j] = map[i])
  const maps = typeMaps(map, ntypes, files.length, (a) => a);
  return finish(nrho, drho, nr, dr, rhomax, cut, frho, rhor, z2r, maps, ntypes);
}

/** Tables of `eam/alloy` (setfl) or `eam/fs` from the file and map[type] = element index (-1: NULL). */
export function eamTablesFromSetfl(file: EamSetfl, map: Int32Array, ntypes: number): EamTables {
  const ne = file.elements.length;
  const frho = [...file.frho, new Float64Array(file.nrho)];
  const rhoIndex = file.kind === 'fs' ? (a: number, b: number) => a * ne + b : (a: number) => a;
  const maps = typeMaps(map, ntypes, ne, rhoIndex);
  return finish(file.nrho, file.drho, file.nr, file.dr, (file.nrho - 1) * file.drho, file.cut, frho, file.rhor, file.z2r, maps, ntypes);
}

function finish(
  nrho: number, drho: number, nr: number, dr: number, rhomax: number, cut: number,
  frho: Float64Array[], rhor: Float64Array[], z2r: Float64Array[],
  maps: { type2frho: Int32Array; type2rhor: Int32Array; type2z2r: Int32Array }, ntypes: number,
): EamTables {
  return {
    nrho, drho, nr, dr, rdr: 1.0 / dr, rdrho: 1.0 / drho, rhomax, cut, cutforcesq: cut * cut,
    frhoSpline: frho.map((t) => splineTable(t, nrho, drho)),
    rhorSpline: rhor.map((t) => splineTable(t, nr, dr)),
    z2rSpline: z2r.map((t) => splineTable(t, nr, dr)),
    ...maps,
    ntypes,
  };
}
