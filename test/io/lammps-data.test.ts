/**
 * LAMMPS data files: every data file real LAMMPS wrote or read in /work/shared/reference, inline
 * variants (one per quirk), bad inputs (ParseError with the line), and round trips through real
 * LAMMPS (read_data + write_data).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseError, type Warning } from '../../src/io/errors.js';
import { formatLammpsData, parseLammpsData, readLammpsData, writeLammpsData, type LammpsData } from '../../src/io/lammps-data.js';
import { frameToLammpsData, lammpsDataToFrame, readLammpsDataFrames, writeLammpsDataFrames } from '../../src/io/lammps-data-frames.js';
import type { AtomFrame } from '../../src/io/types.js';
import { FIXTURES, IO_ZOO, REFERENCE, lmpPath } from '../helpers/paths.js';

/**
 * Every data file of the reference cases, plus fixtures/lammps/data-styles (atom styles bond,
 * angle, molecular with every class2 coefficient section, written by real LAMMPS through
 * scripts/make-data-fixtures.sh, and their hand-written inputs).
 */
function referenceDataFiles(): string[] {
  const out: string[] = [];
  for (const d of readdirSync(REFERENCE, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(REFERENCE, d.name))) if (f.startsWith('data.')) out.push(join(REFERENCE, d.name, f));
  }
  const styles = join(FIXTURES, 'data-styles');
  for (const f of readdirSync(styles)) if (f.startsWith('data.')) out.push(join(styles, f));
  return out.sort();
}

/** Name relative to the reference folder or the repository. */
function shortName(path: string): string {
  return path.startsWith(REFERENCE) ? path.substring(REFERENCE.length + 1) : path.substring(FIXTURES.length - 'fixtures/lammps'.length);
}

/** Data lines of a section of the raw text, split into fields (comments removed). */
function sectionRows(text: string, keyword: string): string[][] {
  const lines = text.split('\n');
  let i = lines.findIndex((l) => l.replace(/#.*/, '').trim() === keyword);
  if (i < 0) return [];
  const rows: string[][] = [];
  i++;
  while (i < lines.length && lines[i].trim() === '') i++;
  for (; i < lines.length; i++) {
    const t = lines[i].replace(/#.*/, '').trim();
    if (t === '') break;
    rows.push(t.split(/\s+/));
  }
  return rows;
}

describe('reference data files are read exactly', () => {
  const files = referenceDataFiles();
  it('finds the data files of the reference cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });
  for (const path of files) {
    it(shortName(path), () => {
      const text = readFileSync(path, 'utf8');
      const d = readLammpsData(path);
      const rows = sectionRows(text, 'Atoms');
      expect(d.atoms.id.length).toBe(rows.length);
      expect(d.counts.atoms).toBe(rows.length);
      // every value against Number() of the text
      const hasMol = d.atoms.mol !== null;
      const hasQ = d.atoms.q !== null;
      const xCol = 2 + (hasMol ? 1 : 0) + (hasQ ? 1 : 0);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i];
        expect(Object.is(d.atoms.id[i], Number(r[0]))).toBe(true);
        expect(Object.is(d.atoms.type[i], Number(r[hasMol ? 2 : 1]))).toBe(true);
        if (hasMol) expect(Object.is(d.atoms.mol![i], Number(r[1]))).toBe(true);
        if (hasQ) expect(Object.is(d.atoms.q![i], Number(r[hasMol ? 3 : 2]))).toBe(true);
        for (let k = 0; k < 3; k++) {
          const v = [d.atoms.x, d.atoms.y, d.atoms.z][k][i];
          if (!Object.is(v, Number(r[xCol + k]))) throw new Error(`atom line ${i}: ${v} != ${r[xCol + k]}`);
        }
        if (r.length === xCol + 6) {
          expect([d.atoms.ix![i], d.atoms.iy![i], d.atoms.iz![i]]).toEqual(r.slice(xCol + 3).map(Number));
        } else expect(d.atoms.ix).toBeNull();
      }
      // box and tilt from the header lines
      for (const [k, name] of ['xlo xhi', 'ylo yhi', 'zlo zhi'].entries()) {
        const m = new RegExp(`^\\s*(\\S+)\\s+(\\S+)\\s+${name}`, 'm').exec(text)!;
        expect(Object.is(d.box.lo[k], Number(m[1]))).toBe(true);
        expect(Object.is(d.box.hi[k], Number(m[2]))).toBe(true);
      }
      const tm = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+xy xz yz/m.exec(text);
      if (tm) expect(d.box.tilt).toEqual([Number(tm[1]), Number(tm[2]), Number(tm[3])]);
      else expect(d.box.tilt).toBeNull();
      // masses
      const masses = sectionRows(text, 'Masses');
      if (masses.length === 0) expect(d.masses).toBeNull();
      else expect(d.masses!.length).toBe(masses.length);
      for (const m of masses) expect(Object.is(d.masses![Number(m[0]) - 1], Number(m[1]))).toBe(true);
      // velocities, aligned with the atoms by id
      const vel = sectionRows(text, 'Velocities');
      if (vel.length) {
        const byId = new Map(vel.map((v) => [Number(v[0]), v.slice(1).map(Number)]));
        for (let i = 0; i < rows.length; i++) {
          const v = byId.get(d.atoms.id[i])!;
          expect(Object.is(d.velocities!.vx[i], v[0]) && Object.is(d.velocities!.vy[i], v[1]) && Object.is(d.velocities!.vz[i], v[2])).toBe(true);
        }
      } else expect(d.velocities).toBeNull();
      // title timestep
      const ts = /timestep = (\d+)/.exec(text.split('\n')[0]);
      expect(d.timestep).toBe(ts ? Number(ts[1]) : undefined);
    });
  }

  it('data.atomic: header, timestep, Pair Coeffs kept with their style, image flags', () => {
    const d = readLammpsData(join(IO_ZOO, 'data.atomic'));
    expect(d.timestep).toBe(118);
    expect(d.atomStyle).toBe('atomic');
    expect(d.counts).toMatchObject({ atoms: 256, atomTypes: 1, bonds: 0 });
    expect(d.box.hi).toEqual([6.718384765530029, 6.718384765530029, 6.718384765530029]);
    expect(d.coeffs).toEqual([{ keyword: 'Pair Coeffs', style: 'lj/cut', lines: ['1 1 1'] }]);
    // 4th atom line: "6 1 2.5456634585060574 0.995875865722827 6.71775082461673 0 0 -1"
    expect(d.atoms.id[3]).toBe(6);
    expect(d.atoms.z[3]).toBe(6.71775082461673);
    expect(d.atoms.iz![3]).toBe(-1);
    expect(d.warnings).toEqual([]);
  });

  it('data.full: topology sections, every coeff section with its style', () => {
    const d = readLammpsData(join(IO_ZOO, 'data.full'));
    expect(d.atomStyle).toBe('full');
    expect(d.counts).toEqual({ atoms: 2004, bonds: 1365, angles: 786, dihedrals: 207, impropers: 12, atomTypes: 14, bondTypes: 18, angleTypes: 31, dihedralTypes: 21, improperTypes: 2 });
    expect(d.coeffs.map((c) => `${c.keyword} # ${c.style} ${c.lines.length}`)).toEqual([
      'Pair Coeffs # lj/charmm/coul/charmm 14', 'Bond Coeffs # harmonic 18', 'Angle Coeffs # charmm 31',
      'Dihedral Coeffs # charmm 21', 'Improper Coeffs # harmonic 2',
    ]);
    expect(d.coeffs[0].lines[0]).toBe('1 0.11 3.56359 0.11 3.56359');
    // "1 18 187 188" is the first bond; "12 2 79 64 80 81" the last improper
    expect([d.bonds!.id[0], d.bonds!.type[0], d.bonds!.atoms[0], d.bonds!.atoms[1]]).toEqual([1, 18, 187, 188]);
    expect([...d.impropers!.atoms.subarray(44, 48)]).toEqual([79, 64, 80, 81]);
    expect(d.angles!.atoms.length).toBe(786 * 3);
    expect(d.dihedrals!.order).toBe(4);
  });

  it('data.charge: PairIJ Coeffs has N(N+1)/2 lines', () => {
    const d = readLammpsData(join(IO_ZOO, 'data.charge'));
    expect(d.coeffs).toEqual([{ keyword: 'PairIJ Coeffs', style: 'lj/cut/coul/cut', lines: ['1 1 0.1301 2.35 8', '1 2 0.1141 3.375 8', '2 2 0.1001 4.4 8'] }]);
    expect(d.masses).toEqual(new Float64Array([22.98977, 35.453]));
    expect(d.atoms.q![4]).toBe(-1);
  });

  it('data.tatb (hand-made): E-notation box, negative tilt, no style comment -> guessed charge with a warning', () => {
    const d = readLammpsData(join(REFERENCE, 'reaxff-tatb', 'data.tatb'));
    expect(d.box.hi).toEqual([13.624, 17.1149153805, 15.1826391451]);
    expect(d.box.tilt).toEqual([-5.75315630927, -6.325466, 7.4257288]);
    expect(d.atomStyle).toBe('charge');
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0].message).toMatch(/guessed atom style 'charge'.*6 columns/);
  });
});

describe('inline variants, one per quirk', () => {
  const base = (atoms: string, header = '', extra = '') => `title line\n\n3 atoms\n2 atom types\n${header}\n0 10 xlo xhi\n0 10 ylo yhi\n0 10 zlo zhi\n${extra}\nAtoms${atoms}`;
  const three = '\n\n1 1 1 2 3\n2 2 4 5 6\n3 1 7 8 9.5\n';

  it('atomic without image flags; default boundary pp', () => {
    const d = parseLammpsData(base(' # atomic' + three));
    expect(d.atomStyle).toBe('atomic');
    expect([...d.atoms.z]).toEqual([3, 6, 9.5]);
    expect(d.atoms.ix).toBeNull();
    expect(d.box.boundary).toEqual(['pp', 'pp', 'pp']);
    expect(d.masses).toBeNull();
    expect(d.timestep).toBeUndefined();
  });

  it('sections in any order, comments anywhere, blank lines with spaces, CRLF line ends', () => {
    const text = [
      '# a title that is a comment', '', ' 3 atoms  # count', '2 atom types', '', '-1.5 1.5e1 xlo xhi', '0 10 ylo yhi', '0 10 zlo zhi', '  \t ',
      'Velocities # comment', '', '3 0.3 0 0', '1 0.1 0 0', '2 0.2 0 0', '',
      '# between sections', 'Atoms # atomic', '', '1 1 1 2 3 # first', '2 2 4 5 6', '# inside', '3 1 7 8 9 1 -2 0', '',
      'Masses', '', '2 4.5 # Ne', '1 2.25 # He', '',
    ].join('\r\n');
    // line 21 has image flags where others have none: must be an error, so fix that first
    expect(() => parseLammpsData(text, 'v.data')).toThrow(/v\.data:22: Atoms # atomic: expected 5 columns like the first atom line \(line 19\), found 8/);
    const ok = text.replace('3 1 7 8 9 1 -2 0', '3 1 7 8 9');
    const d = parseLammpsData(ok, 'v.data');
    expect(d.box.lo[0]).toBe(-1.5);
    expect(d.box.hi[0]).toBe(15);
    expect([...d.velocities!.vx]).toEqual([0.1, 0.2, 0.3]); // aligned with Atoms order, not Velocities order
    expect([...d.masses!]).toEqual([2.25, 4.5]);
    expect(d.massLabels).toEqual(['He', 'Ne']);
    expect(d.title).toBe('# a title that is a comment');
  });

  it('charge with image flags from the # style hint', () => {
    const d = parseLammpsData(base(' # charge\n\n1 1 -0.5 1 2 3 0 0 1\n2 2 0.5 4 5 6 -1 0 0\n3 1 0 7 8 9 0 0 0\n'));
    expect([...d.atoms.q!]).toEqual([-0.5, 0.5, 0]);
    expect([...d.atoms.iz!]).toEqual([1, 0, 0]);
    expect([...d.atoms.ix!]).toEqual([0, -1, 0]);
  });

  it('explicit atom style wins over the hint (with a warning) and over the guess', () => {
    const text = base(' # charge\n\n1 3 1 1 2 3\n2 4 2 4 5 6\n3 5 1 7 8 9\n');
    const w: Warning[] = [];
    const d = parseLammpsData(text, 'x', { atomStyle: 'molecular', warnings: w });
    expect(d.atomStyle).toBe('molecular');
    expect([...d.atoms.mol!]).toEqual([3, 4, 5]);
    expect([...d.atoms.type]).toEqual([1, 2, 1]);
    expect(d.atoms.q).toBeNull();
    expect(w[0].message).toMatch(/says '# charge', reading it as atom style 'molecular'/);
  });

  it('guess: 6 columns with bonds in the header -> molecular; 7 -> full; 8 -> atomic + image', () => {
    const mol = parseLammpsData(base('\n\n1 1 1 1 2 3\n2 1 2 4 5 6\n3 1 1 7 8 9\n\nBonds\n\n1 1 1 2\n', '1 bonds\n1 bond types\n'));
    expect(mol.atomStyle).toBe('molecular');
    expect(mol.warnings[0].message).toMatch(/guessed atom style 'molecular'/);
    expect([...mol.bonds!.atoms]).toEqual([1, 2]);
    expect(parseLammpsData(base('\n\n1 1 1 0 1 2 3\n2 1 2 0 4 5 6\n3 1 1 0 7 8 9\n')).atomStyle).toBe('full');
    const at = parseLammpsData(base('\n\n1 1 1 2 3 0 0 0\n2 2 4 5 6 0 0 0\n3 1 7 8 9 0 0 1\n'));
    expect(at.atomStyle).toBe('atomic');
    expect(at.atoms.iz![2]).toBe(1);
  });

  it('extra ... per atom kept and written back; triclinic line before the box lines', () => {
    const d = parseLammpsData(base(' # bond\n\n1 1 1 1 2 3\n2 1 2 4 5 6\n3 1 1 7 8 9\n', '0 bonds\n1 bond types\n2 extra bond per atom\n1 extra special per atom\n0.5 -0.25 0 xy xz yz\n'));
    expect(d.extra).toEqual({ bond: 2, special: 1 });
    expect(d.box.tilt).toEqual([0.5, -0.25, 0]);
    const again = parseLammpsData(formatLammpsData(d));
    expect(again.extra).toEqual({ bond: 2, special: 1 });
    expect(again.box.tilt).toEqual([0.5, -0.25, 0]);
    expect(again.counts.bondTypes).toBe(1);
  });

  it('0 atoms: no Atoms section needed (as LAMMPS writes it), but some section is', () => {
    const text = 'empty\n\n0 atoms\n1 atom types\n0 2 xlo xhi\n0 2 ylo yhi\n0 2 zlo zhi\n\nMasses\n\n1 1.5\n';
    const d = parseLammpsData(text);
    expect(d.atoms.id.length).toBe(0);
    expect(formatLammpsData(d)).toBe('empty\n\n0 atoms\n1 atom types\n\n0 2 xlo xhi\n0 2 ylo yhi\n0 2 zlo zhi\n\nMasses\n\n1 1.5\n');
    expect(() => parseLammpsData(text.substring(0, text.indexOf('Masses')), 'e.data')).toThrow(/e\.data:8: unexpected end of file after the header: expected a section/);
  });

  it('exact parsing of 17-digit and exponent forms', () => {
    const d = parseLammpsData(base(' # atomic\n\n1 1 0.10000000000000001 1e-300 -2.2250738585072014e-308\n2 2 4 5 6\n3 1 7 8 1.7976931348623157e308\n'));
    expect(Object.is(d.atoms.x[0], 0.1)).toBe(true);
    expect(d.atoms.y[0]).toBe(1e-300);
    expect(d.atoms.z[0]).toBe(-2.2250738585072014e-308);
    expect(d.atoms.z[2]).toBe(Number.MAX_VALUE);
  });
});

describe('bad input: ParseError with file, line and what was expected', () => {
  const good = ['t', '', '2 atoms', '1 atom types', '', '0 1 xlo xhi', '0 1 ylo yhi', '0 1 zlo zhi', '', 'Atoms # atomic', '', '1 1 0.1 0.2 0.3', '2 1 0.4 0.5 0.6', '', 'Velocities', '', '1 0 0 0', '2 0 0 0', ''];
  const edit = (f: (l: string[]) => void) => { const l = [...good]; f(l); return l.join('\n'); };
  const cases: [string, string, number, RegExp][] = [
    ['truncated in Atoms', good.slice(0, 12).join('\n'), 12, /unexpected end of file in section 'Atoms' \(line 10\): found 1 of the 2 lines/],
    ['truncated after the header', good.slice(0, 8).join('\n'), 8, /unexpected end of file after the header: expected an 'Atoms' section for 2 atoms/],
    ['empty file', '', 1, /empty file/],
    ['Atoms shorter than the header', edit((l) => { l[2] = '3 atoms'; }), 15, /section 'Atoms' \(line 10\) ends after 2 lines, but the header's atoms count asks for 3; found 'Velocities'/],
    ['Atoms longer than the header', edit((l) => { l[2] = '1 atoms'; l.splice(16, 1); }), 13, /expected a section keyword, found a data line: section 'Atoms' \(line 10\) has more than the 1 lines the header's atoms count asks for/],
    ['missing Atoms section', edit((l) => { l.splice(9, 5); l.splice(9, 0, 'Masses', '', '1 1', ''); }), 17, /missing 'Atoms' section: the header declares 2 atoms|section 'Velocities'/],
    ['non-numeric field', edit((l) => { l[12] = '2 1 0.4 abc 0.6'; }), 13, /Atoms y: expected a number, found 'abc'/],
    ['NaN coordinate', edit((l) => { l[12] = '2 1 0.4 nan 0.6'; }), 13, /Atoms y: expected a number, found 'nan'/],
    ['infinite coordinate', edit((l) => { l[12] = '2 1 0.4 inf 0.6'; }), 13, /Atoms: expected finite coordinates, found 0\.4 Infinity 0\.6/],
    ['infinite box bound', edit((l) => { l[5] = '0 inf xlo xhi'; }), 6, /xlo xhi: expected finite bounds, found 0 Infinity/],
    ['float atom id', edit((l) => { l[12] = '2.5 1 0.4 0.5 0.6'; }), 13, /Atoms atom id: expected an integer, found '2.5'/],
    ['atom id twice', edit((l) => { l[12] = '1 1 0.4 0.5 0.6'; }), 13, /atom id 1 appears twice \(first at line 12\)/],
    ['box lo > hi', edit((l) => { l[6] = '2 1 ylo yhi'; }), 7, /box: expected ylo < yhi, found ylo = 2, yhi = 1/],
    ['wrong column count for the style', edit((l) => { l[9] = 'Atoms # charge'; }), 12, /Atoms # charge: expected 6 or 9 columns \(id type q x y z \[ix iy iz\]\), found 5/],
    ['unknown section keyword', edit((l) => { l[14] = 'Velocitiez'; }), 15, /unknown section keyword 'Velocitiez'; expected one of Atoms, Velocities/],
    ['unknown header line', edit((l) => { l[3] = '1 atom kinds'; }), 4, /unknown header line '1 atom kinds'/],
    ['atom type out of range', edit((l) => { l[11] = '1 2 0.1 0.2 0.3'; }), 12, /atom type 2 is outside 1\.\.1/],
    ['unsupported style hint', edit((l) => { l[9] = 'Atoms # sphere'; }), 10, /atom style 'sphere' is not supported/],
    ['ellipsoids header', edit((l) => { l[3] = '1 atom types\n2 ellipsoids'; }), 5, /'ellipsoids' \(finite-size particles\) are not supported/],
    ['velocity of an unknown atom', edit((l) => { l[17] = '7 0 0 0'; }), 18, /Velocities: atom id 7 is not in the Atoms section/],
    ['Velocities column count', edit((l) => { l[17] = '2 0 0'; }), 18, /Velocities: expected 4 columns \(id vx vy vz\), found 3/],
    ['section twice', edit((l) => { l.push('Velocities', '', '1 0 0 0', '2 0 0 0'); }), 20, /section 'Velocities' appears twice \(first at line 15\)/],
    ['bonds with atomic style', edit((l) => { l[3] = '1 atom types\n1 bonds\n1 bond types'; l.push('Bonds', '', '1 1 1 2'); }), 22, /section 'Bonds' needs a molecular atom style/],
    ['angles with atom style bond', 't\n\n3 atoms\n1 atom types\n1 angles\n1 angle types\n0 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n\nAtoms # bond\n\n1 1 1 0.1 0.2 0.3\n2 1 1 0.4 0.5 0.6\n3 1 1 0.4 0.5 0.7\n\nAngles\n\n1 1 1 2 3\n', 17, /section 'Angles' is not allowed with atom style 'bond' \(bonds only\)/],
    ['bond to a missing atom', 't\n\n2 atoms\n1 atom types\n1 bonds\n1 bond types\n0 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n\nAtoms # bond\n\n1 1 1 0.1 0.2 0.3\n2 1 1 0.4 0.5 0.6\n\nBonds\n\n1 1 1 9\n', 18, /Bonds: atom id 9 is not in the Atoms section/],
  ];
  for (const [name, text, line, re] of cases) {
    it(name, () => {
      let err: unknown;
      try { parseLammpsData(text, 'bad.data'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ParseError);
      const pe = err as ParseError;
      expect(pe.file).toBe('bad.data');
      expect(pe.message).toMatch(re);
      expect(pe.line).toBe(line);
    });
  }
});

describe('writer', () => {
  it('formatLammpsData round-trips every reference file bit for bit (all numbers, coeff lines verbatim)', () => {
    for (const path of referenceDataFiles()) {
      const d = readLammpsData(path);
      const again = parseLammpsData(formatLammpsData(d), 'again', { atomStyle: d.atomStyle });
      expectSameData(again, d);
    }
  });

  it('LAMMPS-written data.full is reproduced line for line apart from the Masses precision', () => {
    const path = join(IO_ZOO, 'data.full');
    const text = readFileSync(path, 'utf8');
    const ours = formatLammpsData(readLammpsData(path));
    expect(ours).toBe(text);
  });

  it('reading in small pieces (lines cut at piece ends, gzip by magic bytes) gives the same data', () => {
    for (const name of ['data.full', 'data.triclinic']) {
      const whole = readLammpsData(join(IO_ZOO, name));
      for (const chunkBytes of [1, 7, 4096]) expectSameData(readLammpsData(join(IO_ZOO, name), { chunkBytes }), whole);
    }
    const progress: number[] = [];
    readLammpsData(join(IO_ZOO, 'data.full'), { chunkBytes: 50_000, onProgress: (b, t) => progress.push(b / t) });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(5);
  });

  it('writeLammpsData is atomic: nothing left on a failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-data-'));
    try {
      const d = readLammpsData(join(IO_ZOO, 'data.charge'));
      const bad = { ...d, atomStyle: 'nonsense' };
      expect(() => writeLammpsData(join(dir, 'out.data'), bad)).toThrow(/unknown atom style 'nonsense'/);
      expect(readdirSync(dir)).toEqual([]);
      writeLammpsData(join(dir, 'out.data.gz'), d);
      expectSameData(readLammpsData(join(dir, 'out.data.gz')), d);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('AtomFrame conversion', () => {
  it('data -> frame -> data keeps atoms, images, velocities, masses', async () => {
    const d = readLammpsData(join(IO_ZOO, 'data.charge'));
    const frame = lammpsDataToFrame(d);
    expect([...frame.columns.keys()]).toEqual(['id', 'type', 'q', 'x', 'y', 'z', 'ix', 'iy', 'iz', 'vx', 'vy', 'vz', 'mass']);
    const back = frameToLammpsData(frame);
    expect(back.atomStyle).toBe('charge');
    expectSameData(back, { ...d, coeffs: [], title: back.title });
    const frames: AtomFrame[] = [];
    for await (const f of readLammpsDataFrames(join(IO_ZOO, 'data.triclinic'), {})) frames.push(f);
    expect(frames).toHaveLength(1);
    expect(frames[0].timestep).toBe(30);
    expect(frames[0].box.tilt).toEqual([2.0155154296590085, 1.343676953106006, 1.0077577148295043]);
  });

  it('unwrapped and scaled positions of a triclinic box become x + image flags', () => {
    const d = readLammpsData(join(IO_ZOO, 'data.triclinic'));
    const [lx, ly, lz] = [0, 1, 2].map((k) => d.box.hi[k] - d.box.lo[k]);
    const [xy, xz, yz] = d.box.tilt!;
    const n = d.atoms.id.length;
    const xu = new Float64Array(n), yu = new Float64Array(n), zu = new Float64Array(n);
    const xs = new Float64Array(n), ys = new Float64Array(n), zs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const [a, b, c] = [d.atoms.ix![i], d.atoms.iy![i], d.atoms.iz![i]];
      xu[i] = d.atoms.x[i] + a * lx + b * xy + c * xz;
      yu[i] = d.atoms.y[i] + b * ly + c * yz;
      zu[i] = d.atoms.z[i] + c * lz;
      zs[i] = (d.atoms.z[i] - d.box.lo[2]) / lz;
      ys[i] = (d.atoms.y[i] - d.box.lo[1] - zs[i] * yz) / ly;
      xs[i] = (d.atoms.x[i] - d.box.lo[0] - ys[i] * xy - zs[i] * xz) / lx;
    }
    expect(d.atoms.ix!.some((v) => v !== 0) && d.atoms.iz!.some((v) => v !== 0)).toBe(true);
    const unwrapped: AtomFrame = { natoms: n, box: d.box, columns: new Map([['id', d.atoms.id], ['type', d.atoms.type], ['xu', xu], ['yu', yu], ['zu', zu]]) };
    const u = frameToLammpsData(unwrapped, { warnings: [] });
    expect([...u.atoms.ix!]).toEqual([...d.atoms.ix!]);
    expect([...u.atoms.iy!]).toEqual([...d.atoms.iy!]);
    expect([...u.atoms.iz!]).toEqual([...d.atoms.iz!]);
    for (let i = 0; i < n; i++) {
      expect(Math.abs(u.atoms.x[i] - d.atoms.x[i])).toBeLessThan(1e-14 * lx * 4);
      expect(Math.abs(u.atoms.z[i] - d.atoms.z[i])).toBeLessThan(1e-14 * lz * 4);
    }
    const scaled: AtomFrame = { natoms: n, box: d.box, columns: new Map([['id', d.atoms.id], ['type', d.atoms.type], ['xs', xs], ['ys', ys], ['zs', zs], ['ix', d.atoms.ix!], ['iy', d.atoms.iy!], ['iz', d.atoms.iz!]]) };
    const s = frameToLammpsData(scaled, { warnings: [] });
    expect([...s.atoms.iz!]).toEqual([...d.atoms.iz!]);
    for (let i = 0; i < n; i++) expect(Math.abs(s.atoms.y[i] - d.atoms.y[i])).toBeLessThan(1e-14 * ly * 4);
    // x and xu together: image flags from the difference, x kept exactly
    const both: AtomFrame = { natoms: n, box: d.box, columns: new Map([['id', d.atoms.id], ['type', d.atoms.type], ['x', d.atoms.x], ['y', d.atoms.y], ['z', d.atoms.z], ['xu', xu], ['yu', yu], ['zu', zu]]) };
    const b = frameToLammpsData(both, { warnings: [] });
    expect([...b.atoms.x]).toEqual([...d.atoms.x]);
    expect([...b.atoms.ix!]).toEqual([...d.atoms.ix!]);
    expect([...b.atoms.iy!]).toEqual([...d.atoms.iy!]);
  });

  it('element names give types and masses; one frame per data file', async () => {
    const frame: AtomFrame = {
      natoms: 3, box: { lo: [0, 0, 0], hi: [5, 5, 5], tilt: null, boundary: ['pp', 'pp', 'pp'] },
      columns: new Map<string, Float64Array | string[]>([['element', ['Li', 'Na', 'Li']], ['x', new Float64Array([1, 2, 3])], ['y', new Float64Array(3)], ['z', new Float64Array(3)]]),
    };
    const w: Warning[] = [];
    const d = frameToLammpsData(frame, { warnings: w });
    expect([...d.atoms.type]).toEqual([1, 2, 1]);
    expect([...d.masses!]).toEqual([6.94, 22.98976928]);
    expect(d.massLabels).toEqual(['Li', 'Na']);
    expect(w.map((x) => x.message).join('\n')).toMatch(/no type column/);
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-data-'));
    try {
      await expect(writeLammpsDataFrames(join(dir, 'two.data'), [frame, frame], {})).rejects.toThrow(/holds one frame, but 2 were given/);
      expect(existsSync(join(dir, 'two.data'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------

function expectSameData(a: LammpsData, b: LammpsData): void {
  expect(a.atomStyle).toBe(b.atomStyle);
  expect(a.counts).toEqual(b.counts);
  expect(a.box).toEqual(b.box);
  expect(a.timestep).toBe(b.timestep);
  for (const k of ['id', 'type', 'mol', 'q', 'x', 'y', 'z', 'ix', 'iy', 'iz'] as const) {
    const x = a.atoms[k], y = b.atoms[k];
    if (y === null) { expect(x).toBeNull(); continue; }
    expect(x).not.toBeNull();
    for (let i = 0; i < y.length; i++) if (!Object.is(x![i], y[i])) throw new Error(`${k}[${i}]: ${x![i]} != ${y[i]}`);
  }
  expect(a.velocities).toEqual(b.velocities);
  expect(a.masses).toEqual(b.masses);
  for (const k of ['bonds', 'angles', 'dihedrals', 'impropers'] as const) expect(a[k]).toEqual(b[k]);
  expect(a.coeffs).toEqual(b.coeffs);
}

// ---------------------------------------------------------------------------------------------
// Round trips through real LAMMPS

/** Styles read_data needs before coefficient sections, from the section comments (or per file for hand-made files). */
const STYLE_ARGS: Record<string, string> = {
  'lj/cut': 'lj/cut 2.5',
  'lj/cut/coul/cut': 'lj/cut/coul/cut 8.0',
  'lj/charmm/coul/charmm': 'lj/charmm/coul/charmm 8.0 10.0',
  'lj/class2': 'lj/class2 8.0',
};
const HAND_MADE_STYLES: Record<string, Record<string, string>> = {
  'data.peptide': { 'Pair Coeffs': 'lj/charmm/coul/charmm', 'Bond Coeffs': 'harmonic', 'Angle Coeffs': 'charmm', 'Dihedral Coeffs': 'charmm', 'Improper Coeffs': 'harmonic' },
};

function lammpsSetup(d: LammpsData, name: string): string {
  const lines = [`atom_style ${d.atomStyle}`];
  for (const c of d.coeffs) {
    const style = c.style ?? HAND_MADE_STYLES[name]?.[c.keyword];
    if (!style && / Coeffs$/.test(c.keyword) && !['Pair Coeffs', 'PairIJ Coeffs', 'Bond Coeffs', 'Angle Coeffs', 'Dihedral Coeffs', 'Improper Coeffs'].includes(c.keyword)) continue;
    if (!style) throw new Error(`${name}: no style for ${c.keyword}`);
    const cmd = ({ 'Pair Coeffs': 'pair_style', 'PairIJ Coeffs': 'pair_style', 'Bond Coeffs': 'bond_style', 'Angle Coeffs': 'angle_style', 'Dihedral Coeffs': 'dihedral_style', 'Improper Coeffs': 'improper_style' } as Record<string, string>)[c.keyword];
    if (!cmd) continue; // class2 cross terms (BondBond Coeffs, ...) belong to the angle/dihedral/improper style
    lines.push(`${cmd} ${STYLE_ARGS[style] ?? style}`);
  }
  return lines.join('\n');
}

const LMP = lmpPath();

describe.skipIf(!LMP)('round trip through real LAMMPS (lmp read_data + write_data) (skipped only without Debian lmp, never in CI)', () => {
  // Skipped only when Debian's lmp is not installed outside CI (lmpPath() throws in CI).
  for (const path of referenceDataFiles()) {
    const name = path.substring(path.lastIndexOf('/') + 1);
    it(shortName(path), () => {
      const dir = mkdtempSync(join(tmpdir(), 'lmpv-lmp-'));
      try {
        const orig = readLammpsData(path, { warnings: [] });
        const ours = join(dir, 'ours.data');
        writeLammpsData(ours, orig);
        const pairIJ = orig.coeffs.some((c) => c.keyword === 'PairIJ Coeffs') ? ' pair ij' : '';
        const setup = lammpsSetup(orig, name);
        const massCmd = orig.masses ? '' : 'mass * 1.0'; // write_data needs every mass set
        writeFileSync(join(dir, 'in.rt'), [
          setup, `read_data ${path}`, massCmd, `write_data a.data${pairIJ}`, 'clear',
          setup, 'read_data ours.data', massCmd, `write_data b.data${pairIJ}`, '',
        ].join('\n'));
        execFileSync(LMP!, ['-in', 'in.rt', '-log', 'none', '-echo', 'none', '-screen', 'none'], { cwd: dir, timeout: 60_000 });
        // LAMMPS reads our file exactly as it reads the original
        const a = readFileSync(join(dir, 'a.data'), 'utf8');
        const b = readFileSync(join(dir, 'b.data'), 'utf8');
        expect(b).toBe(a);
        // and every number it writes back is the one we wrote
        const back = readLammpsData(join(dir, 'b.data'));
        const wrote = readLammpsData(ours, { warnings: [] });
        compareWithLammps(back, wrote);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

/**
 * What LAMMPS guarantees after read_data + write_data: box, tilt, ids, types, molecule ids,
 * charges, positions, image flags and velocities bit for bit (write_data prints them with `{}`,
 * the shortest round-trip form), except positions in a triclinic box (within 8 ulp of the box
 * length: read_data converts them to fractional coordinates and back); masses with %.16g; coefficient lines as the style prints them
 * (the zoo's were printed by LAMMPS, so equal as numbers); topology rows as a set. Atoms that
 * read_data wrapped back into the periodic box (hand-made files) must agree unwrapped.
 */
function compareWithLammps(back: LammpsData, wrote: LammpsData): void {
  expect(back.box).toEqual(wrote.box);
  expect(back.counts).toEqual(wrote.counts);
  const n = wrote.atoms.id.length;
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) index.set(back.atoms.id[i], i);
  const [lx, ly, lz] = [0, 1, 2].map((k) => wrote.box.hi[k] - wrote.box.lo[k]);
  const [xy, xz, yz] = wrote.box.tilt ?? [0, 0, 0];
  let wrapped = 0;
  for (let i = 0; i < n; i++) {
    const j = index.get(wrote.atoms.id[i]);
    expect(j).toBeDefined();
    const A = back.atoms, W = wrote.atoms;
    expect(A.type[j!]).toBe(W.type[i]);
    if (W.mol) expect(A.mol![j!]).toBe(W.mol[i]);
    if (W.q) expect(Object.is(A.q![j!], W.q[i])).toBe(true);
    const [wx, wy, wz] = W.ix ? [W.ix[i], W.iy![i], W.iz![i]] : [0, 0, 0];
    if (A.ix![j!] === wx && A.iy![j!] === wy && A.iz![j!] === wz) {
      // triclinic: read_data maps positions through fractional coordinates (x -> lamda -> x), which may change the last bits
      const same = (p: number, q: number) => (wrote.box.tilt ? Math.abs(p - q) <= 8 * Number.EPSILON * Math.max(lx, ly, lz) : Object.is(p, q));
      if (!(same(A.x[j!], W.x[i]) && same(A.y[j!], W.y[i]) && same(A.z[j!], W.z[i]))) {
        throw new Error(`atom ${W.id[i]}: LAMMPS wrote ${A.x[j!]} ${A.y[j!]} ${A.z[j!]}, we wrote ${W.x[i]} ${W.y[i]} ${W.z[i]}`);
      }
    } else {
      wrapped++;
      const un = (x: number, y: number, z: number, a: number, b: number, c: number) => [x + a * lx + b * xy + c * xz, y + b * ly + c * yz, z + c * lz];
      const p = un(A.x[j!], A.y[j!], A.z[j!], A.ix![j!], A.iy![j!], A.iz![j!]);
      const q = un(W.x[i], W.y[i], W.z[i], wx, wy, wz);
      for (let k = 0; k < 3; k++) expect(Math.abs(p[k] - q[k])).toBeLessThan(1e-12 * Math.max(lx, ly, lz));
    }
    const V = back.velocities!;
    if (wrote.velocities) {
      expect(Object.is(V.vx[j!], wrote.velocities.vx[i]) && Object.is(V.vy[j!], wrote.velocities.vy[i]) && Object.is(V.vz[j!], wrote.velocities.vz[i])).toBe(true);
    } else {
      expect([V.vx[j!], V.vy[j!], V.vz[j!]]).toEqual([0, 0, 0]);
    }
  }
  expect(wrapped).toBeLessThan(n); // most atoms are compared bit for bit
  if (wrote.masses) for (let t = 0; t < wrote.masses.length; t++) expect(back.masses![t]).toBe(Number(wrote.masses![t].toPrecision(16)));
  for (const k of ['bonds', 'angles', 'dihedrals', 'impropers'] as const) {
    const w = wrote[k], bk = back[k];
    if (!w) { expect(bk).toBeNull(); continue; }
    const rows = (tp: NonNullable<typeof w>) => [...tp.id].map((_, r) => `${tp.type[r]}:${[...tp.atoms.subarray(r * tp.order, (r + 1) * tp.order)].join(',')}`).sort();
    expect(rows(bk!)).toEqual(rows(w));
  }
  expect(back.coeffs.length).toBe(wrote.coeffs.length);
  for (let s = 0; s < wrote.coeffs.length; s++) {
    // the styles print their coefficients with %g: 6 significant digits
    const nums = (l: string[], digits: number) => l.map((x) => x.replace(/#.*/, '').trim().split(/\s+/).map((v) => Number(Number(v).toPrecision(digits))));
    expect(back.coeffs[s].keyword).toBe(wrote.coeffs[s].keyword);
    expect(nums(back.coeffs[s].lines, 17)).toEqual(nums(wrote.coeffs[s].lines, 6));
  }
}
