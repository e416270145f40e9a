/**
 * MEAM against real LAMMPS with the MEAM package (fixtures made by scripts/make-meam-fixtures.sh):
 * every element record of library.meam that LAMMPS accepts with a NULL parameter file, in its
 * reference lattice and perturbed; parameter-file alloys and flag variants (incl. a triclinic box);
 * an open-boundary cluster. Step 0: pe (log, %.17g), every force and pe/atom (dump, %.17g), and the
 * pressure tensor (virial only: no velocities). Also: the records LAMMPS rejects, we reject.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../../helpers/paths.js';
import { readMeamLibrary, readMeamParamFile, resolveMeamSetup } from '../../../../src/io/meam-library.js';
import { makeSimBox, boxVolume } from '../../../../src/engine/space/box.js';
import { evaluateMeam, readThermo } from './harness.js';
import { relErr } from '../../../../src/verify/compare.js';
import { unitConstants } from '../../../../src/io/units.js';

interface Dump { box: ReturnType<typeof makeSimBox>; cols: string[]; rows: number[][] }

/** First frame of a dump custom file, with the box (triclinic bounding box converted back to lo/hi). */
function readDump(path: string): Dump {
  const L = readFileSync(path, 'utf8').split('\n');
  const n = Number(L[3]);
  const head = L[4].split(/\s+/);
  const tri = head.includes('xy');
  const bnd = [5, 6, 7].map((k) => L[k].trim().split(/\s+/).map(Number));
  const periodic = head.slice(tri ? 6 : 3, tri ? 9 : 6).map((b) => b === 'pp') as [boolean, boolean, boolean];
  let lo: number[], hi: number[], tilt = [0, 0, 0];
  if (tri) {
    const [xy, xz, yz] = [bnd[0][2], bnd[1][2], bnd[2][2]];
    tilt = [xy, xz, yz];
    lo = [bnd[0][0] - Math.min(0, xy, xz, xy + xz), bnd[1][0] - Math.min(0, yz), bnd[2][0]];
    hi = [bnd[0][1] - Math.max(0, xy, xz, xy + xz), bnd[1][1] - Math.max(0, yz), bnd[2][1]];
  } else {
    lo = bnd.map((b) => b[0]);
    hi = bnd.map((b) => b[1]);
  }
  const cols = L[8].trim().split(/\s+/).slice(2);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(L[9 + i].trim().split(/\s+/).map(Number));
  return { box: makeSimBox(lo, hi, tri, tilt, periodic), cols, rows };
}

function pairCoeff(inFile: string): string[] {
  const line = readFileSync(inFile, 'utf8').split('\n').find((l) => /^pair_coeff\s/.test(l))!;
  return line.trim().split(/\s+/).slice(1);
}

function checkCase(dir: string): void {
  const args = pairCoeff(join(dir, 'in.lammps')); // * * LIB El... PARAM|NULL El...
  const rest = args.slice(2);
  const p = rest.findIndex((w, k) => k >= 2 && (w === 'NULL' || w.endsWith('.meam')));
  const lib = readMeamLibrary(join(dir, rest[0]));
  const param = rest[p] === 'NULL' ? null : readMeamParamFile(join(dir, rest[p]));
  const setup = resolveMeamSetup(lib, rest.slice(1, p), param, rest.slice(p + 1));
  const d = readDump(join(dir, 'dump.lammpstrj'));
  const c = (name: string): number => d.cols.indexOf(name);
  const n = d.rows.length;
  const x = new Float64Array(3 * n);
  const type = new Int32Array(n);
  d.rows.forEach((r, i) => { x[3 * i] = r[c('x')]; x[3 * i + 1] = r[c('y')]; x[3 * i + 2] = r[c('z')]; type[i] = r[c('type')]; });
  const res = evaluateMeam(setup, d.box, x, type, 2.0);
  const th = readThermo(join(dir, 'log.lammps'));
  expect(relErr(res.pe, th.PotEng[0]), 'pe').toBeLessThan(1e-10);
  let worstF = 0, worstE = 0;
  d.rows.forEach((r, i) => {
    for (const [m, col] of [[0, 'fx'], [1, 'fy'], [2, 'fz']] as const) worstF = Math.max(worstF, Math.abs(res.f[3 * i + m] - r[c(col)]));
    worstE = Math.max(worstE, Math.abs(res.eatom[i] - r[c('c_pe')]));
  });
  if (process.env.MEAM_VERBOSE) console.log(`${dir.split('/').slice(-1)[0]}: pe rel ${relErr(res.pe, th.PotEng[0]).toExponential(1)} |dF| ${worstF.toExponential(1)} |dpe/atom| ${worstE.toExponential(1)} n=${n}`);
  expect(worstF, 'max |dF| [eV/A]').toBeLessThan(1e-8);
  expect(worstE, 'max |d pe/atom| [eV]').toBeLessThan(1e-9);
  if (th.Press && !d.box.periodic.includes(false)) {
    const u = unitConstants('metal');
    const V = boxVolume(d.box);
    const names = ['Pxx', 'Pyy', 'Pzz', 'Pxy', 'Pxz', 'Pyz'];
    names.forEach((k, m) => {
      const ours = (res.virial[m] / V) * u.nktv2p;
      // relative, or absolute against the scale of the diagonal for tiny off-diagonal terms
      const scale = Math.max(Math.abs(th.Pxx[0]), Math.abs(th.Pyy[0]), Math.abs(th.Pzz[0]));
      expect(Math.min(relErr(ours, th[k][0]), scale > 0 ? Math.abs(ours - th[k][0]) / scale : Infinity), k).toBeLessThan(1e-8);
    });
  }
}

const EL = join(FIXTURES, 'meam-elements');
const AL = join(FIXTURES, 'meam-alloys');
const dirs = (root: string): string[] => (existsSync(root) ? readdirSync(root).filter((f) => existsSync(join(root, f, 'in.lammps'))).sort() : []);

describe('MEAM vs LAMMPS: library elements (NULL parameter file), reference lattice, perturbed', () => {
  it('fixtures exist (scripts/make-meam-fixtures.sh)', () => expect(dirs(EL).length).toBeGreaterThan(40));
  for (const el of dirs(EL)) it(el, () => checkCase(join(EL, el)));
  it('rejects the records LAMMPS rejects (t0 != 1, unknown lattice)', () => {
    const lib = readMeamLibrary(join(EL, 'library.meam'));
    const rejected = readFileSync(join(EL, 'REJECTED.txt'), 'utf8').trim().split('\n').map((l) => l.split(' ')[0]);
    expect(rejected.length).toBeGreaterThan(0);
    for (const el of rejected) expect(() => resolveMeamSetup(lib, [el], null, [el]), el).toThrow();
  });
});

describe('MEAM vs LAMMPS: parameter files, alloys, flag variants, triclinic', () => {
  it('fixtures exist', () => expect(dirs(AL).length).toBeGreaterThan(10));
  for (const a of dirs(AL)) it(a, () => checkCase(join(AL, a)));
});

describe('MEAM vs LAMMPS: open-boundary cluster (f f f), step 0', () => {
  it('meam-cluster', () => checkCase(join(FIXTURES, 'meam-cluster')));
});
