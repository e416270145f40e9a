import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError, type Warning } from '../../src/io/errors.js';
import {
  formatMeamLibrary, formatMeamParamFile, leadingComments, MEAM_LIBRARY_FIELDS, parseMeamLibrary, parseMeamParamFile,
  readMeamLibrary, readMeamParamFile, resolveMeamSetup, splitMeamPairCoeff, subsetMeamLibrary, subsetMeamParamFile, type MeamLibraryEntry,
  type MeamParamFile,
} from '../../src/io/meam-library.js';
import { REFERENCE, SHARED } from '../helpers/paths.js';

const POT = join(SHARED, 'potentials');
const SYS = '/usr/share/lammps/potentials';

function listDir(dir: string, re: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).map((f) => join(dir, f)) : [];
}
const isLibrary = (p: string): boolean => /(^|\/)library[^/]*$/.test(p);
const refDirs = existsSync(REFERENCE) ? readdirSync(REFERENCE).map((d) => join(REFERENCE, d)).filter((d) => statSync(d).isDirectory()) : [];
const allMeam = [
  ...listDir(POT, /\.meam|library\.meam/),
  ...refDirs.flatMap((d) => listDir(d, /\.meam$/)),
  ...listDir(SYS, /^(library\.meam.*|[^.]+\.meam)$/),
].filter((p) => !/spline|(^|\/)data\./.test(p));
const libraries = allMeam.filter(isLibrary);
const params = allMeam.filter((p) => !isLibrary(p));

function sameEntries(a: MeamLibraryEntry[], b: MeamLibraryEntry[]): void {
  expect(b.length).toBe(a.length);
  for (let i = 0; i < a.length; i++) {
    expect(b[i].element).toBe(a[i].element);
    for (const f of MEAM_LIBRARY_FIELDS) expect(Object.is(a[i][f], b[i][f]), `${a[i].element}.${f}`).toBe(true);
  }
}
function sameParams(a: MeamParamFile, b: MeamParamFile): void {
  expect(b.entries.length).toBe(a.entries.length);
  a.entries.forEach((p, i) => {
    const q = b.entries[i];
    expect(q.keyword).toBe(p.keyword);
    expect(q.indices).toEqual(p.indices);
    expect(Object.is(q.value, p.value), `${p.keyword} line ${p.line}`).toBe(true);
  });
}

describe.skipIf(libraries.length === 0)('MEAM library files round trip (shared potentials, references, Debian lammps-data) (needs at least one MEAM file on the search path)', () => {
  it('finds the expected files', () => {
    expect(libraries.some((p) => p.endsWith('library.Li_Cui2012.meam'))).toBe(true);
    expect(params.some((p) => p.endsWith('SiC.meam'))).toBe(true);
  });
  for (const f of libraries) {
    it(`library ${f}`, () => {
      const text = readFileSync(f, 'utf8');
      const a = parseMeamLibrary(text, f);
      expect(a.length).toBeGreaterThan(0);
      const b = parseMeamLibrary(formatMeamLibrary(a, leadingComments(text)), 'written');
      sameEntries(a, b);
    });
  }
  for (const f of params) {
    it(`parameter file ${f}`, () => {
      const text = readFileSync(f, 'utf8');
      const a = parseMeamParamFile(text, f);
      const b = parseMeamParamFile(formatMeamParamFile(a, leadingComments(text)), 'written');
      sameParams(a, b);
    });
  }
});

describe.skipIf(!existsSync(POT))('MEAM Li sets as LAMMPS sets them up (needs ../shared/potentials)', () => {
  it('1NN Li from the lammps-data library with NULL parameter file: LAMMPS defaults', () => {
    const lib = readMeamLibrary(join(POT, 'library.meam.lammps-data'));
    const s = resolveMeamSetup(lib, ['Li'], null, ['Li']);
    expect(s.library[0].line).toBeGreaterThan(1);
    expect(s.mass).toEqual([6.939]);
    expect(s.lattce[0][0]).toBe('bcc');
    expect(s.Ec[0][0]).toBe(1.65);
    expect(s.alpha[0][0]).toBe(2.97244804);
    expect(Object.is(s.re[0][0], (3.509 * Math.sqrt(3)) / 2)).toBe(true);
    expect([s.rc, s.delr, s.augt1, s.ialloy, s.erose_form, s.gsmooth_factor]).toEqual([4.0, 0.1, 1, 0, 0, 99]);
    expect([s.nn2[0][0], s.zbl[0][0], s.Cmin[0][0][0], s.Cmax[0][0][0], s.attrac[0][0], s.repuls[0][0]]).toEqual([0, 1, 2.0, 2.8, 0, 0]);
    expect(s.t1[0]).toBe(0.26395017); // as read; LAMMPS adds augt1*3/5*t3 later
    expect(s.ebound[0][0]).toBe((2.8 * 2.8) / (4 * 1.8));
  });

  it('2NN Li (Cui 2012): the parameter file overrides, in order', () => {
    const lib = readMeamLibrary(join(POT, 'library.Li_Cui2012.meam'));
    const pf = readMeamParamFile(join(POT, 'Li_Cui2012.meam'));
    const s = resolveMeamSetup(lib, ['Li'], pf, ['Li']);
    expect([s.rc, s.delr, s.augt1, s.erose_form, s.ialloy]).toEqual([4.8, 0.2, 0, 2, 2]);
    expect([s.zbl[0][0], s.nn2[0][0], s.re[0][0], s.attrac[0][0], s.repuls[0][0]]).toEqual([0, 1, 2.99, 0.14, 0.14]);
    expect([s.Cmin[0][0][0], s.Cmax[0][0][0], s.rho0[0], s.ibar[0]]).toEqual([0.31, 1.91, 1.0, 3]);
    expect([s.beta0[0], s.beta1[0], s.beta2[0], s.beta3[0], s.A[0], s.t1[0], s.t2[0], s.t3[0]]).toEqual([1.03, 4.88, 4.15, 5.27, 0.64, -1.46, 4.13, -0.57]);
  });

  it('SiC: off-diagonal defaults from alloyparams and Cmax symmetry', () => {
    const d = join(REFERENCE, 'meam-sic');
    const s = resolveMeamSetup(readMeamLibrary(join(d, 'library.meam')), ['Si', 'C'], readMeamParamFile(join(d, 'SiC.meam')), ['Si', 'C']);
    expect(s.lattce[0][1]).toBe('dia');
    expect(s.lattce[1][0]).toBe('dia');
    expect(s.Ec[1][0]).toBe(6.4325);
    expect(s.re[1][0]).toBe(1.8878);
    expect(s.rho0[1]).toBe(2.25);
    expect(s.Cmax[1][0][0]).toBe(4.0); // copied from Cmax(1,2,1)
    expect(s.Cmax[0][0][0]).toBe(2.8);
    expect(s.ebound[0][1]).toBe(16 / 12);
    expect(s.typeElement).toEqual([0, 1]);
  });

  it('reports which settings took LAMMPS defaults', () => {
    const d = join(REFERENCE, 'meam-sic');
    const s = resolveMeamSetup(readMeamLibrary(join(d, 'library.meam')), ['Si', 'C'], readMeamParamFile(join(d, 'SiC.meam')), ['Si', 'C']);
    expect(s.defaults[0]).toBe('global defaults: augt1 = 1, gsmooth_factor = 99, ialloy = 0, mixture_ref_t = 0, erose_form = 0, emb_lin_neg = 0, bkgd_dyn = 0');
    expect(s.defaults).toContain('Si-C defaults: nn2 = 0, zbl = 1, attrac = 0, repuls = 0, delta = 0, theta = 180');
    const li = resolveMeamSetup(readMeamLibrary(join(POT, 'library.meam.lammps-data')), ['Li', 'Na'], null, ['Li', 'Na']);
    expect(li.defaults).toContain(`Li-Na defaults: lattce = fcc, Ec = ${(1.65 + 1.13) / 2} ((Ec_ii + Ec_jj)/2 - delta), alpha = ${(2.97244804 + 3.64280541) / 2} (mean), re = ${li.re[0][1]} (mean), nn2 = 0, zbl = 1, attrac = 0, repuls = 0, delta = 0, theta = 180`);
  });

  it('NULL types, unknown elements and missing library elements', () => {
    const lib = readMeamLibrary(join(POT, 'library.meam.lammps-data'));
    expect(resolveMeamSetup(lib, ['Li'], null, ['Li', 'NULL', 'Li']).typeElement).toEqual([0, -1, 0]);
    expect(() => resolveMeamSetup(lib, ['Li'], null, ['Na'])).toThrow(/element 'Na' for atom type 1 is not one of the library elements Li/);
    expect(() => resolveMeamSetup(lib, ['Li', 'Xx'], null, ['Li'])).toThrow(/missing: Xx/);
    expect(() => resolveMeamSetup(lib, ['zz'], null, ['zz'])).toThrow(/:\d+: MEAM library element 'zz': unrecognized lattice 'zzz'/);
  });

  it('the first of duplicate records is used (as LAMMPS)', () => {
    const lib = readMeamLibrary(join(POT, 'library.meam.lammps-data'));
    const s = resolveMeamSetup(lib, ['Ni'], null, ['Ni']);
    expect(s.beta0[0]).toBe(2.64);
    expect(subsetMeamLibrary(lib, ['Ni', 'Li']).map((e) => [e.element, e.b0])).toEqual([['Ni', 2.64], ['Li', 1.425]]);
  });
});

describe('MEAM parsing details', () => {
  const rec = (a = "'Li' 'bcc' 8 3 6.939", b = '2.97 1.425 1.00 1.0016 1.00 3.509 1.65 0.87', c = '1.0 0.26 0.44 -0.2 1. 0') => `# hdr\n\n${a}\n${b}\n${c}\n`;
  it('tabs, CRLF, comments inside records and 19 words on one line', () => {
    const l = parseMeamLibrary(`'Li'\t'bcc' 8 3 6.939 # c\r\n 2.97 1.425 1 1 1 3.509 1.65 0.87 1 0.26 0.44 -0.2 1 0\r\n`, 'x');
    expect(l[0].ibar).toBe(0);
    expect(l[0].line).toBe(1);
    expect(l[0].endLine).toBe(2);
    expect(parseMeamLibrary(rec(), 'x')[0].line).toBe(3);
  });
  it('parameter file: spacing variants and lattce strings', () => {
    const p = parseMeamParamFile("  nn2(1,1)=1\nlattce( 1 , 2 ) = 'b1'\nrc 4.5 # x\nCmin 1 2 1 0.5\n", 'p');
    expect(p.entries.map((e) => [e.keyword, e.indices, e.value, e.line])).toEqual([
      ['nn2', [1, 1], 1, 1], ['lattce', [1, 2], 'b1', 2], ['rc', [], 4.5, 3], ['Cmin', [1, 2, 1], 0.5, 4],
    ]);
  });
  it('subset of a parameter file keeps the original order and renumbers', () => {
    const p = parseMeamParamFile("rc = 4\nEc(1,3) = 2\nEc(2,3) = 1\nCmin(3,3,2) = 0.5\nlattce(1,3)='b1'\n", 'p');
    const r = subsetMeamParamFile(p, ['A', 'B', 'C'], ['C', 'A']);
    expect(r.elements).toEqual(['A', 'C']);
    expect(formatMeamParamFile(r.param)).toBe("rc = 4\nEc(1,2) = 2\nlattce(1,2) = 'b1'\n");
  });
  it('warns where LAMMPS reads only a prefix', () => {
    const w: Warning[] = [];
    parseMeamLibrary(rec(undefined, '2.97 1.425 1.00 1.0016 1.00 3.509.1 1.65 0.87'), 'x', w);
    expect(w[0].message).toMatch(/alat '3.509.1' is read by LAMMPS as 3.509/);
  });

  const bad: [string, string, RegExp][] = [
    ['truncated record', rec(undefined, undefined, '1.0 0.26'), /x:5: .*ends after 15 of 19 words: 't2' is missing/],
    ['a line missing', rec(undefined, '', undefined), /x:5: .*ends after 11 of 19 words: 'esub' is missing/],
    ['a letter in a number', rec(undefined, '2.97 1.425 1.00 1.0o16 1.00 3.509 1.65 0.87'), /x:4: MEAM library element 'Li': b2: expected a number, found '1.0o16'/],
    ['Fortran D exponent', rec(undefined, '2.97D0 1.425 1.00 1.0016 1.00 3.509 1.65 0.87'), /x:4: .*alpha: expected a number, found '2.97D0' \(Fortran 'D' exponent: LAMMPS rejects it; write '2.97e0'\)/],
    ['integer ielement written as float', rec("'Li' 'bcc' 8 3.0 6.939"), /x:3: .*ielement: expected an integer, found '3.0'/],
  ];
  for (const [what, text, re] of bad) {
    it(`library: ${what} -> one ParseError with file and line`, () => {
      let err: unknown;
      try { parseMeamLibrary(text, 'x'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ParseError);
      expect((err as Error).message).toMatch(re);
    });
  }
  it('library: a count off by one (an extra value shifts the record) is caught at the next record', () => {
    const text = rec() + rec("'Na' 'bcc' 8 11 22.99 3.64").replace('# hdr', '');
    expect(() => parseMeamLibrary(text, 'x')).toThrow(/^x:10: MEAM library element 'Na': ibar: expected an integer, found '1\.'$/);
  });
  const badParam: [string, string, RegExp][] = [
    ['unknown keyword', 'rc = 4\nrcut = 5\n', /p:2: keyword 'rcut' in MEAM parameter file not recognized/],
    ['missing index', 'Ec(1) = 3\n', /p:1: Ec: expected 2 element indices as in Ec\(I,J\) = value, found 1/],
    ['letter in a number', 'Ec(1,1) = 3.x\n', /p:1: Ec: expected a number, found '3.x'/],
    ['bad lattice', "lattce(1,2) = 'xyz'\n", /p:1: lattce: unrecognized lattice 'xyz'/],
    ['missing value', 'rc =\n', /p:1: rc: expected '= value'/],
  ];
  for (const [what, text, re] of badParam) {
    it(`parameter file: ${what}`, () => {
      expect(() => parseMeamParamFile(text, 'p')).toThrow(ParseError);
      expect(() => parseMeamParamFile(text, 'p')).toThrow(re);
    });
  }
  it('parameter file: index out of range is reported at resolve time with its line', () => {
    const lib = parseMeamLibrary(rec(), 'x');
    const pf = parseMeamParamFile('rc = 4\nEc(1,2) = 3\n', 'p');
    expect(() => resolveMeamSetup(lib, ['Li'], pf, ['Li'])).toThrow(/p:2: Ec\(1,2\): element index 2 is out of range 1..1/);
  });
  it('pair_coeff arguments: the parameter file is the first NULL or existing file after the first element', () => {
    const isFile = (n: string): boolean => n.endsWith('.meam') && n !== 'library.meam';
    expect(splitMeamPairCoeff(['library.meam', 'Si', 'C', 'SiC.meam', 'Si', 'C', 'NULL'], isFile)).toEqual({ library: 'library.meam', libElements: ['Si', 'C'], param: 'SiC.meam', typeElements: ['Si', 'C', 'NULL'] });
    expect(splitMeamPairCoeff(['library.meam', 'Li', 'NULL', 'Li'], isFile)).toEqual({ library: 'library.meam', libElements: ['Li'], param: null, typeElements: ['Li'] });
    expect(() => splitMeamPairCoeff(['library.meam', 'Li', 'Li', 'Li'], isFile)).toThrow(/no MEAM parameter file \(or NULL\)/);
  });
  it('z must match the lattice and t0 must be 1', () => {
    expect(() => resolveMeamSetup(parseMeamLibrary(rec("'Li' 'bcc' 12 3 6.939"), 'x'), ['Li'], null, ['Li'])).toThrow(/x:3: .*z = 12 does not match lattice 'bcc' \(expected 8\)/);
    expect(() => resolveMeamSetup(parseMeamLibrary(rec(undefined, undefined, '2 0.26 0.44 -0.2 1. 0'), 'x'), ['Li'], null, ['Li'])).toThrow(/t0 = 2/);
  });
});

// ---------------------------------------------------------------- real LAMMPS (MEAM build)
import { createHash } from 'node:crypto';
import { FIXTURES } from '../helpers/paths.js';

interface MeamResult {
  id: string; kind: string; source: string; param: string | null; paramElements: string[]; elements: string[] | null; failed?: string;
  writtenSha256: string; columns: string[]; original: string[]; written: string[];
}
const sourcePath = (label: string): string => (label.startsWith('shared/') ? join(SHARED, label.slice(7)) : label.startsWith('lammps-data/') ? join(SYS, label.slice(12)) : label);
const sha = (t: string): string => createHash('sha256').update(t).digest('hex');

describe('real LAMMPS with MEAM: original and lmpv-written library/parameter files give identical step-0 energies (fixtures/lammps/ff-roundtrip, made by scripts/make-forcefield-fixtures.sh)', () => {
  const fx = JSON.parse(readFileSync(join(FIXTURES, 'ff-roundtrip', 'results.json'), 'utf8')) as { results: MeamResult[]; sensitivity: { id: string; original: string[]; nudged: string[] }[]; referenceCases: { case: string; reference: string[]; original: string[]; written: string[] }[] };
  const mm = fx.results.filter((r) => r.kind === 'meam');
  it('covers the Li sets, SiC, the Debian parameter files and subsets; none failed', () => {
    expect(mm.length).toBeGreaterThanOrEqual(12);
    expect(mm.filter((r) => r.failed)).toEqual([]);
    expect(mm.some((r) => /Li_Cui2012/.test(r.id))).toBe(true);
    expect(mm.some((r) => /AlSiMgCuFe.*--elements/.test(r.id))).toBe(true);
  });
  for (const r of mm) {
    it(r.id, () => {
      expect(r.columns).toEqual(['Step', 'PotEng', 'Press', 'Pxx', 'Pyy', 'Pzz', 'Pxy', 'Pxz', 'Pyz']);
      expect(r.original.every((v) => Number.isFinite(Number(v)))).toBe(true);
      expect(r.written).toEqual(r.original);
      const lib = sourcePath(r.source);
      const par = r.param ? sourcePath(r.param) : null;
      if (existsSync(lib) && (par === null || existsSync(par))) {
        const libText = readFileSync(lib, 'utf8');
        const entries = parseMeamLibrary(libText, lib);
        const pText = par ? readFileSync(par, 'utf8') : '';
        const pf = par ? parseMeamParamFile(pText, par) : null;
        const keep = r.elements ?? r.paramElements;
        const libOut = r.elements ? subsetMeamLibrary(entries, keep) : entries;
        const pfOut = r.elements && pf ? subsetMeamParamFile(pf, r.paramElements, keep).param : pf;
        const wl = formatMeamLibrary(libOut, leadingComments(libText));
        const wp = pfOut ? formatMeamParamFile(pfOut, leadingComments(pText)) : null;
        expect(sha(wl + '\0' + (wp ?? ''))).toBe(r.writtenSha256);
      }
    });
  }
  it('sensitivity control: one MEAM library value + 1 ulp changes the printed energy', () => {
    const s = fx.sensitivity.find((x) => x.id.startsWith('meam'))!;
    expect(s.nudged[1]).not.toBe(s.original[1]);
  });
  it('meam-li-bcc and meam-sic re-run with lmpv-written files reproduce the step-0 line of the reference log.lammps', () => {
    const cases = fx.referenceCases.filter((c) => c.case.startsWith('meam'));
    expect(cases.map((c) => c.case)).toEqual(['meam-li-bcc', 'meam-sic']);
    for (const c of cases) {
      expect(c.written).toEqual(c.reference);
      expect(c.original).toEqual(c.reference);
    }
  });
});
