import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError } from '../../src/io/errors.js';
import {
  defaultReaxffControl, formatQeqParamFile, formatReaxffControl, parseQeqParamFile, parseReaxffControl, qeqFromFfield,
  readQeqParamFile, readReaxffControl,
  parseQeqPackageParamFile,
} from '../../src/io/reaxff-control.js';
import { readReaxffFfield } from '../../src/io/reaxff-ffield.js';
import { REFERENCE } from '../helpers/paths.js';

const CASES: [string, string][] = [
  ['reaxff-rdx', 'control.reax_c.rdx'],
  ['reaxff-tatb', 'control.reax_c.tatb'],
  ['reaxff-cho', 'lmp_control'],
  ['reaxff-auo', 'lmp_control'],
];

describe.skipIf(!existsSync(REFERENCE))('control files of the reference cases (needs ../shared/reference)', () => {
  for (const [dir, name] of CASES) {
    it(`${dir}/${name}: the inactive keywords are exactly the ones LAMMPS warned about, in order`, () => {
      const c = readReaxffControl(join(REFERENCE, dir, name));
      const log = readFileSync(join(REFERENCE, dir, 'log.lammps'), 'utf8');
      const warned = [...log.matchAll(/WARNING: Ignoring inactive control parameter: (\S+)/g)].map((m) => m[1]);
      expect(c.ignored.map((x) => x.keyword)).toEqual(warned);
      expect(c.warnings.some((w) => /native trajectories/.test(w.message))).toBe(/native trajectories/.test(log));
      // written back: only the active settings, read to the same values
      const again = parseReaxffControl(formatReaxffControl(c), 'w');
      for (const k of ['bond_cut', 'hbond_cut', 'thb_cut', 'thb_cutsq', 'bg_cut', 'tabulate'] as const) expect(Object.is(again[k], c[k])).toBe(true);
    });
  }
  it('rdx values', () => {
    const c = readReaxffControl(join(REFERENCE, 'reaxff-rdx', 'control.reax_c.rdx'));
    expect([c.bond_cut, c.hbond_cut, c.bg_cut, c.thb_cut, c.thb_cutsq, c.tabulate]).toEqual([4.5, 6.0, 0.3, 0.001, 0.00001, 10000]);
  });

  it('CHO and AuO param.qeq: the ffield values LAMMPS would take with the reaxff keyword agree', () => {
    for (const [dir, ff, els] of [['reaxff-cho', 'ffield.reax.cho', ['H', 'C', 'O']], ['reaxff-auo', 'ffield.reax.AuO', ['O', 'Au']]] as const) {
      const q = readQeqParamFile(join(REFERENCE, dir, 'param.qeq'), els.length);
      const f = qeqFromFfield(readReaxffFfield(join(REFERENCE, dir, ff)), [...els]);
      expect(q.chi).toEqual(f.chi);
      expect(q.gamma).toEqual(f.gamma);
      // the param file holds 2*eta of the ffield (LAMMPS doubles the ffield's eta)
      q.eta.forEach((e, k) => expect(Math.abs(e - f.eta[k])).toBeLessThan(1e-12));
      const back = parseQeqParamFile(formatQeqParamFile(q), 'w', els.length);
      expect(back).toEqual(q);
    }
  });
});

describe.skipIf(!existsSync(REFERENCE))('every control and QEq parameter file under the references: parse -> write -> parse (needs ../shared/reference)', () => {
  const dirs = existsSync(REFERENCE) ? readdirSync(REFERENCE).map((d) => join(REFERENCE, d)).filter((d) => statSync(d).isDirectory()) : [];
  const controls = dirs.flatMap((d) => readdirSync(d).filter((f) => /control/.test(f)).map((f) => join(d, f)));
  const qeqs = dirs.flatMap((d) => readdirSync(d).filter((f) => /qeq/.test(f)).map((f) => join(d, f)));
  it('finds them', () => {
    expect(controls.length).toBeGreaterThanOrEqual(5);
    expect(qeqs.length).toBeGreaterThanOrEqual(3);
  });
  for (const f of controls) {
    it(f, () => {
      const c = readReaxffControl(f);
      const again = parseReaxffControl(formatReaxffControl(c), 'w');
      for (const k of ['bond_cut', 'hbond_cut', 'thb_cut', 'thb_cutsq', 'bg_cut', 'tabulate'] as const) expect(Object.is(again[k], c[k])).toBe(true);
      expect(again.settings.map((x) => x.keyword)).toEqual(c.settings.map((x) => x.keyword));
    });
  }
  for (const f of qeqs) {
    it(f, () => {
      const n = readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).length;
      const q = readQeqParamFile(f, n);
      const again = parseQeqParamFile(formatQeqParamFile(q), 'w', n);
      for (const k of ['chi', 'eta', 'gamma'] as const) again[k].forEach((v, i) => expect(Object.is(v, q[k][i])).toBe(true));
    });
  }
});

describe('control file details', () => {
  it('NULL defaults', () => {
    const d = defaultReaxffControl();
    expect([d.bond_cut, d.hbond_cut, d.thb_cut, d.thb_cutsq, d.bg_cut, d.tabulate]).toEqual([5.0, 7.5, 0.001, 0.00001, 0.3, 0]);
  });
  const bad: [string, string, RegExp][] = [
    ['unknown keyword', 'nbrhood_cutoff 4.5\nnbrhb_cutoff 3\n', /^c:2: unknown control parameter 'nbrhb_cutoff'; LAMMPS accepts nbrhood_cutoff/],
    ['a comment line (LAMMPS has no comment character here)', '# cutoffs\nnbrhood_cutoff 4.5\n', /^c:1: unknown control parameter '#'/],
    ['missing value', 'hbond_cutoff\n', /^c:1: no value for control parameter 'hbond_cutoff'$/],
    ['letter in a number', 'hbond_cutoff 6.O\n', /^c:1: hbond_cutoff: expected a number, found '6.O'$/],
    ['float for an integer', 'tabulate_long_range 1e4\n', /^c:1: tabulate_long_range: expected a whole number, found '1e4'$/],
  ];
  for (const [what, text, re] of bad) {
    it(what, () => {
      expect(() => parseReaxffControl(text, 'c')).toThrow(ParseError);
      expect(() => parseReaxffControl(text, 'c')).toThrow(re);
    });
  }
  const badQ: [string, string, number, RegExp][] = [
    ['too few lines', '1 5.3 14.8 1.0\n', 2, /^q:1: expected 2 lines 'itype chi eta gamma' \(one per atom type\), found 1$/],
    ['5 words', '1 5.3 14.8 1.0 0\n', 1, /^q:1: expected exactly 4 words/],
    ['type out of range', '3 5.3 14.8 1.0\n', 2, /^q:1: itype 3 is out of range 1..2$/],
    ['letter in a number', '1 5.3 l4.8 1.0\n', 1, /^q:1: type 1 eta: expected a number, found 'l4.8'$/],
    ['a type given twice, another missing', '1 5 14 1\n1 5 14 1\n', 2, /^q: no chi\/eta\/gamma for atom type\(s\) 2/],
  ];
  for (const [what, text, n, re] of badQ) {
    it(`qeq param file: ${what}`, () => {
      expect(() => parseQeqParamFile(text, 'q', n)).toThrow(ParseError);
      expect(() => parseQeqParamFile(text, 'q', n)).toThrow(re);
    });
  }
  it('qeq param file: blank lines skipped, lines after ntypes ignored', () => {
    const q = parseQeqParamFile('\n2 6 11.2962 0.9623\n\n1 8.5 16.6244 1.0898\nanything\n', 'q', 2);
    expect(q.chi).toEqual([8.5, 6]);
    expect(q.line).toEqual([4, 2]);
  });
});

describe('QEQ package parameter file (fix qeq/shielded)', () => {
  it('reads type ranges, later lines overriding earlier ones, comments and blank lines', () => {
    const q = parseQeqPackageParamFile('# c\n* 8.5 14.2824 0.8712 0 0\n1 5.7254 13.847 0.8712 0.1 0.2 extra\n\n2*3 3.8 20.1 0.89 0 0 # tail\n', 'p.qeq', 4);
    expect(q.chi).toEqual([5.7254, 3.8, 3.8, 8.5]);
    expect(q.eta).toEqual([13.847, 20.1, 20.1, 14.2824]);
    expect(q.zeta[0]).toBe(0.1);
    expect(q.qcore[0]).toBe(0.2);
    expect(q.line).toEqual([3, 5, 5, 2]);
  });
  it('names file, line and what was expected', () => {
    expect(() => parseQeqPackageParamFile('1 1 2 3\n', 'p.qeq', 1)).toThrow(/p\.qeq.*1.*6 words\), found 4/);
    expect(() => parseQeqPackageParamFile('3 1 2 3 0 0\n', 'p.qeq', 2)).toThrow(/within 1\.\.2, found '3'/);
    expect(() => parseQeqPackageParamFile('1 1 x 3 0 0\n', 'p.qeq', 1)).toThrow(/eta: expected a number, found 'x'/);
    expect(() => parseQeqPackageParamFile('1 1 2 3 0 0\n', 'p.qeq', 2)).toThrow(/atom type\(s\) 2 missing/);
  });
});
