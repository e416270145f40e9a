/**
 * Formats of current LAMMPS (4 Feb 2025), fixtures written by ../shared/bin/lmp_2025 through
 * scripts/make-lammps2025-fixtures.sh: type labels in data files (Atom/Bond/Angle Type Labels) and
 * general triclinic data files (avec/bvec/cvec/abc origin). Round trips go through lmp_2025 itself.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseError } from '../../src/io/errors.js';
import { formatLammpsData, parseLammpsData, readLammpsData, type LammpsData } from '../../src/io/lammps-data.js';
import { frameToLammpsData } from '../../src/io/lammps-data-frames.js';
import { cartesianPositions, formatDumpFrame, parseLammpsDump, readLammpsDumpFrames } from '../../src/io/lammps-dump.js';
import { formatExtxyzFrame, parseExtxyzComment } from '../../src/io/extxyz.js';
import type { AtomFrame } from '../../src/io/types.js';
import { FIXTURES, SHARED } from '../helpers/paths.js';

const DIR = join(FIXTURES, 'lammps-2025');
const LMP_2025 = join(SHARED, 'bin', 'lmp_2025');
const HAVE_2025 = existsSync(LMP_2025);

function expectSameAtoms(a: LammpsData, b: LammpsData): void {
  expect(b.counts).toEqual(a.counts);
  for (const k of ['id', 'type', 'mol', 'q', 'x', 'y', 'z'] as const) {
    const x = a.atoms[k], y = b.atoms[k];
    if (x === null) { expect(y).toBeNull(); continue; }
    expect(Array.from(y!), k).toEqual(Array.from(x));
  }
}

/** Run lmp_2025 on an input text in a scratch folder; returns the folder. */
function lmp2025(input: string, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-2025-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'in.test'), input);
  execFileSync(LMP_2025, ['-in', 'in.test', '-log', 'log.lammps', '-screen', 'none'], { cwd: dir, timeout: 60_000 });
  return dir;
}

describe('type labels in data files (LAMMPS >= 2023 labelmap)', () => {
  it('reads Atom, Bond and Angle Type Labels as lmp_2025 wrote them', () => {
    const d = readLammpsData(join(DIR, 'data.labels'));
    expect(d.typeLabels).toEqual({ atom: ['OW', 'HW'], bond: ['OW-HW', 'HW-HW'], angle: ['HW-OW-HW'] });
    expect(d.atomStyle).toBe('full');
    expect(Array.from(d.atoms.type)).toEqual([1, 2, 2, 1, 2, 2]);
    expect(Array.from(d.bonds!.type)).toEqual([1, 1, 1, 1]);
  });

  it('writes the label sections back: the rewrite reads to the same data, text identical to what LAMMPS wrote', () => {
    const d = readLammpsData(join(DIR, 'data.labels'));
    const text = formatLammpsData(d);
    const again = parseLammpsData(text, 'rewrite');
    expect(again.typeLabels).toEqual(d.typeLabels);
    expectSameAtoms(d, again);
    expect(text).toMatch(/\nAtom Type Labels\n\n1 OW\n2 HW\n\nBond Type Labels\n\n1 OW-HW\n2 HW-HW\n\nAngle Type Labels\n\n1 HW-OW-HW\n/);
  });

  it('a dump with the typelabel column converts to a data file with Atom Type Labels', async () => {
    const [f] = await dumpFrames(join(DIR, 'dump.labels'));
    expect((f.columns.get('typelabel') as string[]).slice(0, 3)).toEqual(['OW', 'HW', 'HW']);
    const d = frameToLammpsData(f, { warnings: [] });
    expect(d.typeLabels).toEqual({ atom: ['OW', 'HW'] });
    expect(formatLammpsData(d)).toContain('\nAtom Type Labels\n\n1 OW\n2 HW\n');
  });

  it('bad labels: one file:line error', () => {
    const head = 'title\n\n2 atoms\n2 atom types\n\n0 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n\nAtom Type Labels\n\n';
    expect(() => parseLammpsData(head + '1 Li\n2 1x\n', 'bad.data')).toThrow(/^bad\.data:13: Atom Type Labels: expected a type label not starting with a digit/);
    expect(() => parseLammpsData(head + '1 Li\n2 Li\n', 'bad.data')).toThrow(/^bad\.data:13: Atom Type Labels: label 'Li' names types 1 and 2/);
    expect(() => parseLammpsData(head + '1 Li\n3 Na\n', 'bad.data')).toThrow(ParseError);
  });

  it.skipIf(!HAVE_2025)('lmp_2025 reads lmpv\'s rewrite into the same atoms, types and labels (needs ../shared/bin/lmp_2025)', () => {
    const d = readLammpsData(join(DIR, 'data.labels'));
    const dir = lmp2025('units real\natom_style full\npair_style lj/cut/coul/cut 5.0\nbond_style harmonic\nangle_style harmonic\n' +
      'read_data data.lmpv\nwrite_data data.back\n', { 'data.lmpv': formatLammpsData(d) });
    try {
      const back = readLammpsData(join(dir, 'data.back'));
      expect(back.typeLabels).toEqual(d.typeLabels);
      expectSameAtoms(d, back);
      expect(Array.from(back.bonds!.atoms)).toEqual(Array.from(d.bonds!.atoms));
      expect(Array.from(back.angles!.atoms)).toEqual(Array.from(d.angles!.atoms));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('general triclinic data files (avec bvec cvec abc origin)', () => {
  it('reads the vectors as written, and the restricted box equals the one write_data prints without triclinic/general', () => {
    const g = readLammpsData(join(DIR, 'data.gtri'));
    const r = readLammpsData(join(DIR, 'data.rtri'));
    expect(g.box.general).toEqual({
      avec: [6.000000000000002, 0.9999999999999986, 0.3999999999999994],
      bvec: [0.8000000000000005, 6.400000000000002, 0.5999999999999996],
      cvec: [0.20000000000000018, 1.2000000000000004, 6.999999999999999],
      origin: [0, 0, 0],
    });
    expect(g.typeLabels).toEqual({ atom: ['Li', 'Na'] });
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
    for (let d = 0; d < 3; d++) {
      expect(rel(g.box.lo[d], r.box.lo[d])).toBeLessThan(1e-14);
      expect(rel(g.box.hi[d], r.box.hi[d])).toBeLessThan(1e-14);
      expect(rel(g.box.tilt![d], r.box.tilt![d])).toBeLessThan(1e-14);
    }
    // as read_data does, atoms and velocities are rotated into the restricted frame: where LAMMPS put them
    const p = { x: g.atoms.x, y: g.atoms.y, z: g.atoms.z };
    const v = { x: g.velocities!.vx, y: g.velocities!.vy, z: g.velocities!.vz };
    let worst = 0;
    for (let i = 0; i < g.atoms.id.length; i++) {
      expect(r.atoms.id[i]).toBe(g.atoms.id[i]);
      // positions wrapped by LAMMPS into the periodic box may differ by a lattice vector; these are inside
      worst = Math.max(worst, Math.abs(p.x[i] - r.atoms.x[i]), Math.abs(p.y[i] - r.atoms.y[i]), Math.abs(p.z[i] - r.atoms.z[i]));
      worst = Math.max(worst, Math.abs(v.x[i] - r.velocities!.vx[i]), Math.abs(v.y[i] - r.velocities!.vy[i]), Math.abs(v.z[i] - r.velocities!.vz[i]));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('writes the general header back bit for bit, and the atoms in the file\'s orientation (to rounding)', () => {
    const g = readLammpsData(join(DIR, 'data.gtri'));
    const text = formatLammpsData(g);
    expect(text).toContain('\n6.000000000000002 0.9999999999999986 0.3999999999999994 avec\n0.8000000000000005 6.400000000000002 0.5999999999999996 bvec\n');
    expect(text).not.toMatch(/xlo xhi/);
    // the Atoms lines are those of the file, rotated there and back: equal to ~1e-15
    const raw = sectionRows(readFileSync(join(DIR, 'data.gtri'), 'utf8'), 'Atoms');
    const out = sectionRows(text, 'Atoms');
    expect(out.length).toBe(raw.length);
    for (let i = 0; i < raw.length; i++) for (const k of [2, 3, 4]) expect(Math.abs(out[i][k] - raw[i][k])).toBeLessThan(1e-14);
    const again = parseLammpsData(text, 'rewrite');
    expect(again.box).toEqual(g.box);
    for (const k of ['x', 'y', 'z'] as const) for (let i = 0; i < g.atoms.id.length; i++) expect(Math.abs(again.atoms[k][i] - g.atoms[k][i])).toBeLessThan(1e-14);
  });

  it('bad general headers: one file:line error', () => {
    const base = (lines: string) => `title\n\n1 atoms\n1 atom types\n\n${lines}\nAtoms # atomic\n\n1 1 0 0 0\n`;
    expect(() => parseLammpsData(base('1 0 0 avec\n0 1 0 bvec\n0 0 1 abc origin\n'), 'g.data')).toThrow(/^g\.data:6: general triclinic box: expected avec, bvec, cvec and abc origin lines, missing cvec/);
    expect(() => parseLammpsData(base('1 0 0 avec\n0 1 0 bvec\n0 0 -1 cvec\n0 0 0 abc origin\n'), 'g.data')).toThrow(/^g\.data:6: general triclinic box: A, B, C are left-handed/);
    expect(() => parseLammpsData(base('1 0 0 avec\n0 1 0 bvec\n0 0 1 cvec\n0 0 0 abc origin\n0 1 xlo xhi\n'), 'g.data')).toThrow(/found both/);
  });

  it.skipIf(!HAVE_2025)('lmp_2025 reads lmpv\'s rewrite into the same box and atoms (needs ../shared/bin/lmp_2025)', () => {
    const g = readLammpsData(join(DIR, 'data.gtri'));
    const dir = lmp2025('units metal\natom_style atomic\npair_style zero 3.0\nread_data data.lmpv\nwrite_data data.back triclinic/general\n', { 'data.lmpv': formatLammpsData(g) });
    try {
      const back = readLammpsData(join(dir, 'data.back'));
      expect(back.typeLabels).toEqual(g.typeLabels);
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
      for (const k of ['avec', 'bvec', 'cvec', 'origin'] as const) for (let d = 0; d < 3; d++) expect(rel(back.box.general![k][d], g.box.general![k][d])).toBeLessThan(1e-14);
      expect(Array.from(back.atoms.id)).toEqual(Array.from(g.atoms.id));
      for (let i = 0; i < g.atoms.id.length; i++) {
        expect(Math.abs(back.atoms.x[i] - g.atoms.x[i])).toBeLessThan(1e-12);
        expect(Math.abs(back.atoms.y[i] - g.atoms.y[i])).toBeLessThan(1e-12);
        expect(Math.abs(back.atoms.z[i] - g.atoms.z[i])).toBeLessThan(1e-12);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});


/** Numeric rows of a data file section, as written (test-side parsing, independent of the reader). */
function sectionRows(text: string, keyword: string): number[][] {
  const lines = text.split('\n');
  let i = lines.findIndex((l) => l.split('#')[0].trim() === keyword) + 2;
  const out: number[][] = [];
  for (; i < lines.length && lines[i].trim() !== ''; i++) out.push(lines[i].trim().split(/\s+/).map(Number));
  return out;
}

/** Columns of the first frame of a text dump (a path or the text), parsed here independently of the reader. */
function firstDumpFrame(pathOrText: string): Map<string, number[]> {
  const text = pathOrText.includes('\n') ? pathOrText : readFileSync(pathOrText, 'utf8');
  const lines = text.split('\n');
  const n = Number(lines[lines.indexOf('ITEM: NUMBER OF ATOMS') + 1]);
  const at = lines.findIndex((l) => l.startsWith('ITEM: ATOMS'));
  const names = lines[at].slice('ITEM: ATOMS'.length).trim().split(/\s+/);
  const cols = new Map<string, number[]>(names.map((nm) => [nm, []]));
  for (let i = 0; i < n; i++) lines[at + 1 + i].trim().split(/\s+/).forEach((v, k) => cols.get(names[k])!.push(Number(v)));
  return cols;
}

async function dumpFrames(path: string): Promise<AtomFrame[]> {
  const out: AtomFrame[] = [];
  for await (const f of readLammpsDumpFrames(path, { warnings: [] })) out.push(f);
  return out;
}

describe('general triclinic dumps (ITEM: BOX BOUNDS abc origin, dump_modify triclinic/general yes)', () => {
  it('reads A, B, C and the origin; positions rotate onto those of the restricted dump of the same run', async () => {
    const [g] = await dumpFrames(join(DIR, 'dump.gtri'));
    const [r] = await dumpFrames(join(DIR, 'dump.rtri'));
    expect(g.box.general).toEqual({
      avec: [6.0000000000000018, 0.99999999999999856, 0.39999999999999941],
      bvec: [0.80000000000000049, 6.4000000000000021, 0.59999999999999964],
      cvec: [0.20000000000000018, 1.2000000000000004, 6.9999999999999991],
      origin: [0, 0, 0],
    });
    // the restricted dump prints its box as bounds + tilt; the general one gives the same box
    for (let d = 0; d < 3; d++) {
      expect(Math.abs(g.box.lo[d] - r.box.lo[d])).toBeLessThan(1e-14);
      expect(Math.abs(g.box.hi[d] - r.box.hi[d])).toBeLessThan(1e-14);
      expect(Math.abs(g.box.tilt![d] - r.box.tilt![d])).toBeLessThan(1e-14);
    }
    const p = cartesianPositions(g);
    const q = cartesianPositions(r);
    const gid = g.columns.get('id') as Float64Array, rid = r.columns.get('id') as Float64Array;
    expect(Array.from(gid)).toEqual(Array.from(rid));
    // dump custom prints %g (6 digits): compare at that precision
    for (let i = 0; i < g.natoms; i++) {
      expect(Math.abs(p.x[i] - q.x[i])).toBeLessThan(2e-5);
      expect(Math.abs(p.y[i] - q.y[i])).toBeLessThan(2e-5);
      expect(Math.abs(p.z[i] - q.z[i])).toBeLessThan(2e-5);
    }
  });

  it('converts to extended XYZ with Lattice = A, B, C and the positions as the dump gave them', async () => {
    const [g] = await dumpFrames(join(DIR, 'dump.gtri'));
    const raw = firstDumpFrame(join(DIR, 'dump.gtri'));
    const text = formatExtxyzFrame(g);
    const info = parseExtxyzComment(text.split('\n')[1]);
    const lattice = info.get('Lattice')!.split(/\s+/).map(Number);
    expect(lattice).toEqual([...g.box.general!.avec, ...g.box.general!.bvec, ...g.box.general!.cvec]);
    expect(info.get('Origin')!.split(/\s+/).map(Number)).toEqual([0, 0, 0]);
    const rows = text.split('\n').slice(2, 2 + g.natoms).map((l) => l.trim().split(/\s+/));
    const props = info.get('Properties')!.split(':');
    const posAt = props.filter((_, k) => k % 3 === 0).indexOf('pos');
    expect(posAt).toBeGreaterThanOrEqual(0);
    let col = 0;
    for (let k = 0; k < posAt; k++) col += Number(props[3 * k + 2]);
    for (let i = 0; i < g.natoms; i++) {
      for (let d = 0; d < 3; d++) expect(Math.abs(Number(rows[i][col + d]) - raw.get('xyz'[d])![i])).toBeLessThan(1e-14);
    }
  });

  it('scaled positions of a general box convert to extended XYZ in the same orientation', async () => {
    const [g] = await dumpFrames(join(DIR, 'dump.gtri'));
    const raw = firstDumpFrame(join(DIR, 'dump.gtri'));
    // fractions from the restricted positions and the restricted cell (lo, hi, tilt)
    const [xy, xz, yz] = g.box.tilt!;
    const lx = g.box.hi[0] - g.box.lo[0], ly = g.box.hi[1] - g.box.lo[1], lz = g.box.hi[2] - g.box.lo[2];
    const x = g.columns.get('x') as Float64Array, y = g.columns.get('y') as Float64Array, z = g.columns.get('z') as Float64Array;
    const zs = Float64Array.from(z, (v) => (v - g.box.lo[2]) / lz);
    const ys = Float64Array.from(y, (v, i) => (v - g.box.lo[1] - zs[i] * yz) / ly);
    const xs = Float64Array.from(x, (v, i) => (v - g.box.lo[0] - ys[i] * xy - zs[i] * xz) / lx);
    const scaled: AtomFrame = { ...g, columns: new Map<string, Float64Array>([['id', g.columns.get('id') as Float64Array], ['xs', xs], ['ys', ys], ['zs', zs]]) };
    const rows = formatExtxyzFrame(scaled, {}, 'scaled.xyz').split('\n').slice(2, 2 + g.natoms).map((l) => l.trim().split(/\s+/).map(Number));
    for (let i = 0; i < g.natoms; i++) {
      const p = rows[i].slice(-3);
      for (let d = 0; d < 3; d++) expect(Math.abs(p[d] - raw.get('xyz'[d])![i])).toBeLessThan(1e-13);
    }
  });

  it('writes the abc origin header back, and the rewrite reads to the same box and atoms', async () => {
    const [g] = await dumpFrames(join(DIR, 'dump.gtri'));
    const text = formatDumpFrame(g);
    expect(text).toContain('ITEM: BOX BOUNDS abc origin pp pp pp\n6.0000000000000018e+00 9.9999999999999856e-01 3.9999999999999941e-01 0.0000000000000000e+00\n');
    const [back] = await parseLammpsDump(text);
    expect(back.box).toEqual(g.box);
    // columns as LAMMPS wrote them (general orientation), to the rounding of two rotations
    const raw = firstDumpFrame(join(DIR, 'dump.gtri'));
    const mine = firstDumpFrame(text);
    for (const [name, c] of raw) for (let i = 0; i < c.length; i++) expect(Math.abs(mine.get(name)![i] - c[i]), name).toBeLessThan(1e-13);
    for (const [name, c] of g.columns) for (let i = 0; i < c.length; i++) expect(Math.abs((back.columns.get(name) as Float64Array)[i] - (c as Float64Array)[i]), name).toBeLessThan(1e-13);
  });

  it('bad abc origin boxes: one file:line error', async () => {
    const frame = (box: string) => `ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n1\nITEM: BOX BOUNDS abc origin pp pp pp\n${box}ITEM: ATOMS id type x y z\n1 1 0 0 0\n`;
    await expect(parseLammpsDump(frame('1 0 0 0\n0 1 0 0\n0 0 1\n'))).rejects.toThrow(/:8: ITEM: BOX BOUNDS: expected 4 numbers \(cx cy cz oz\), found 3/);
    await expect(parseLammpsDump(frame('1 0 0 0\n0 1 0 0\n0 0 -1 0\n'))).rejects.toThrow(/:8: ITEM: BOX BOUNDS abc origin: A, B, C are left-handed/);
  });
});

describe('type labels in place of type numbers (read_data after the label sections)', () => {
  const text = `labels used as types\n\n3 atoms\n2 atom types\n1 bonds\n1 bond types\n\n0 10 xlo xhi\n0 10 ylo yhi\n0 10 zlo zhi\n\n` +
    `Atom Type Labels\n\n1 Li\n2 Na\n\nBond Type Labels\n\n1 Li-Na\n\nMasses\n\nLi 6.94\nNa 22.99\n\nPair Coeffs # lj/cut\n\n1 0.1 2.0\n2 0.2 3.0\n\n` +
    `Atoms # bond\n\n1 1 Li 1 1 1\n2 1 Na 2 1 1\n3 1 2 3 3 3\n\nBonds\n\n1 Li-Na 1 2\n`;

  it('reads labels as their types in Masses, Atoms and Bonds (not in coeff sections: LAMMPS 2025 refuses them there)', () => {
    const d = parseLammpsData(text, 'labels.data');
    expect(Array.from(d.masses!)).toEqual([6.94, 22.99]);
    expect(Array.from(d.atoms.type)).toEqual([1, 2, 2]);
    expect(Array.from(d.bonds!.type)).toEqual([1]);
    expect(() => parseLammpsData(text.replace('1 0.1 2.0', 'Li 0.1 2.0'), 'labels.data')).toThrow(/^labels\.data:\d+: section 'Pair Coeffs' \(line \d+\) ends after 0 lines.*found 'Li'$/);
  });

  it.skipIf(!HAVE_2025)('lmp_2025 reads the same file to the same types (needs ../shared/bin/lmp_2025)', () => {
    const dir = lmp2025('units lj\natom_style bond\npair_style lj/cut 2.5\nbond_style zero\nread_data labels.data\nbond_coeff * 1.0\nwrite_data data.back\n', { 'labels.data': text });
    try {
      const back = readLammpsData(join(dir, 'data.back'));
      const d = parseLammpsData(text, 'labels.data');
      expect(Array.from(back.atoms.type)).toEqual(Array.from(d.atoms.type));
      expect(Array.from(back.masses!)).toEqual(Array.from(d.masses!));
      expect(back.typeLabels).toEqual(d.typeLabels);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown label names the labels that exist', () => {
    expect(() => parseLammpsData(text.replace('2 1 Na 2 1 1', '2 1 K 2 1 1'), 'labels.data')).toThrow(/^labels\.data:\d+: Atoms atom type: expected a type number or a atom type label \(Li Na\), found 'K'$/);
  });
});
