/**
 * Formats of current LAMMPS (4 Feb 2025), fixtures written by ../shared/bin/lmp_2025 through
 * scripts/make-lammps2025-fixtures.sh: type labels in data files (Atom/Bond/Angle Type Labels) and
 * general triclinic data files (avec/bvec/cvec/abc origin). Round trips go through lmp_2025 itself.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseError } from '../../src/io/errors.js';
import { formatLammpsData, parseLammpsData, readLammpsData, type LammpsData } from '../../src/io/lammps-data.js';
import { pointsToRestricted, vectorsToRestricted } from '../../src/io/general-triclinic.js';
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
    // atoms are kept in the file's orientation; rotated, they are where LAMMPS put them
    const p = pointsToRestricted(g.box.general!, g.atoms.x, g.atoms.y, g.atoms.z);
    const v = vectorsToRestricted(g.box.general!, g.velocities!.vx, g.velocities!.vy, g.velocities!.vz);
    let worst = 0;
    for (let i = 0; i < g.atoms.id.length; i++) {
      expect(r.atoms.id[i]).toBe(g.atoms.id[i]);
      // positions wrapped by LAMMPS into the periodic box may differ by a lattice vector; these are inside
      worst = Math.max(worst, Math.abs(p.x[i] - r.atoms.x[i]), Math.abs(p.y[i] - r.atoms.y[i]), Math.abs(p.z[i] - r.atoms.z[i]));
      worst = Math.max(worst, Math.abs(v.x[i] - r.velocities!.vx[i]), Math.abs(v.y[i] - r.velocities!.vy[i]), Math.abs(v.z[i] - r.velocities!.vz[i]));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('writes the general header back bit for bit', () => {
    const g = readLammpsData(join(DIR, 'data.gtri'));
    const text = formatLammpsData(g);
    expect(text).toContain('\n6.000000000000002 0.9999999999999986 0.3999999999999994 avec\n0.8000000000000005 6.400000000000002 0.5999999999999996 bvec\n');
    expect(text).not.toMatch(/xlo xhi/);
    const again = parseLammpsData(text, 'rewrite');
    expect(again.box).toEqual(g.box);
    expectSameAtoms(g, again);
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

