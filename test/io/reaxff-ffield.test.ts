import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ParseError } from '../../src/io/errors.js';
import {
  formatReaxffFfield, generalParam, parseReaxffFfield, readReaxffFfield, reaxffDefaultNotes, reaxffTypeMap, resolveReaxffParams, subsetReaxffFfield, type ReaxffFfield,
} from '../../src/io/reaxff-ffield.js';
import { REFERENCE, SHARED } from '../helpers/paths.js';

const POT = join(SHARED, 'potentials');
const SYS = '/usr/share/lammps/potentials';
const list = (dir: string, re: RegExp): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).map((f) => join(dir, f)) : []);
const refDirs = existsSync(REFERENCE) ? readdirSync(REFERENCE).map((d) => join(REFERENCE, d)).filter((d) => statSync(d).isDirectory()) : [];
export const FFIELDS = [
  ...list(POT, /^ffield/),
  ...refDirs.flatMap((d) => list(d, /^ffield/)),
  ...list(SYS, /^ffield\.(reax|ci-reax)/),
];
/** Files that need options to load in LAMMPS too (`lgvdw yes`; the Aryanfar file's glued `!`). */
export const optsFor = (f: string): { lgvdw?: boolean; repairGluedComments?: boolean } =>
  f.endsWith('.lg') ? { lgvdw: true } : f.endsWith('Li_Aryanfar2015') ? { repairGluedComments: true } : {};

/** Every parameter LAMMPS reads, as a flat list of [name, value]. */
export function flatParams(ff: ReaxffFfield): [string, number | string][] {
  const out: [string, number | string][] = [];
  ff.general.values.forEach((v, i) => out.push([`l${i}`, v]));
  const rows = [ff.atoms.rows, ff.bonds.rows, ff.offDiagonal.rows, ff.angles.rows, ff.torsions.rows, ff.hbonds.rows] as unknown as Record<string, unknown>[][];
  rows.forEach((sec, s) => sec.forEach((r, n) => {
    for (const [k, v] of Object.entries(r)) if (k !== 'lines' && k !== 'p') out.push([`${s}.${n}.${k}`, v as number | string]);
    for (const [k, v] of Object.entries(r.p as Record<string, number>)) out.push([`${s}.${n}.${k}`, v]);
  }));
  return out;
}
function expectSame(a: ReaxffFfield, b: ReaxffFfield): void {
  const fa = flatParams(a), fb = flatParams(b);
  expect(fb.map((x) => x[0])).toEqual(fa.map((x) => x[0]));
  fa.forEach(([k, v], i) => expect(Object.is(v, fb[i][1]), `${k}: ${v} vs ${fb[i][1]}`).toBe(true));
  expect(b.vdwType).toBe(a.vdwType);
}

describe.skipIf(FFIELDS.length === 0)('every ffield (shared potentials, references, Debian lammps-data): parse -> write -> parse (needs at least one ffield on the search path)', () => {
  it('finds them', () => {
    if (existsSync(POT)) expect(FFIELDS.filter((f) => f.startsWith(POT))).toHaveLength(4);
    if (existsSync(join(SYS, 'ffield.reax.cho'))) expect(FFIELDS.filter((f) => f.startsWith(SYS)).length).toBeGreaterThanOrEqual(12);
  });
  for (const f of FFIELDS) {
    it(f, () => {
      const a = readReaxffFfield(f, optsFor(f));
      const text = formatReaxffFfield(a);
      const b = parseReaxffFfield(text, 'written', { lgvdw: a.lgvdw });
      expectSame(a, b);
      // unchanged values keep their text: the written file has the same words as the original
      if (!optsFor(f).repairGluedComments) {
        const words = (t: string): string[] => t.split(/\s+/).filter(Boolean);
        expect(words(text)).toEqual(words(readFileSync(f, 'utf8')));
      }
      // subsets of each single element stay valid files
      for (const at of a.atoms.rows) {
        let sub: ReaxffFfield;
        try { sub = subsetReaxffFfield(a, [at.element]); } catch (e) { expect((e as Error).message).toMatch(/van der Waals type/); continue; }
        const c = parseReaxffFfield(formatReaxffFfield(sub), 'sub', { lgvdw: a.lgvdw });
        expect(c.atoms.rows.length).toBe(1);
        expect(c.vdwType).toBe(a.vdwType);
      }
    });
  }
});

describe.skipIf(!existsSync(POT))('ffield contents (needs ../shared/potentials)', () => {
  it('Li/S Islam 2015: named parameters and section counts', () => {
    const ff = readReaxffFfield(join(POT, 'ffield.reax.LiS_Islam2015'));
    expect(ff.general.values.length).toBe(39);
    expect(generalParam(ff, 'swb')).toBe(10);
    expect(generalParam(ff, 'bo_cut_x100')).toBe(0.1);
    expect(generalParam(ff, 'p_coa3')).toBe(2.6962);
    expect(ff.atoms.rows.map((a) => a.element)).toEqual(['S', 'Li']);
    const li = ff.atoms.rows[1];
    expect([li.p.r_s, li.p.mass, li.p.gamma_w]).toEqual([1.9814, 6.941, expect.any(Number)]);
    expect([ff.bonds.rows.length, ff.offDiagonal.rows.length, ff.angles.rows.length, ff.torsions.rows.length, ff.hbonds.rows.length]).toEqual([3, 1, 5, 3, 0]);
    const lili = ff.bonds.rows.find((b) => b.i === 2 && b.j === 2)!;
    expect(lili.p.De_s).toBe(34.3154);
    expect(ff.vdwType).toBe(1);
    expect(ff.warnings.some((w) => /atom Li has van der Waals type 3 but earlier atoms set type 1/.test(w.message))).toBe(true);
  });
  it('Li subset of Li/S keeps vdW type 1 by zeroing the unused inner wall, and renumbers Li to 1', () => {
    const ff = readReaxffFfield(join(POT, 'ffield.reax.LiS_Islam2015'));
    const sub = subsetReaxffFfield(ff, ['Li']);
    expect(sub.atoms.rows[0].p.acore2).toBe(0);
    expect(sub.warnings[0].message).toMatch(/acore2 set to 0/);
    expect(sub.bonds.rows.map((b) => [b.i, b.j, b.p.De_s])).toEqual([[1, 1, 34.3154]]);
    const again = parseReaxffFfield(formatReaxffFfield(sub), 'w');
    expect(again.vdwType).toBe(1);
    expect(again.atoms.rows[0].p.r_s).toBe(1.9814);
    expect(ff.atoms.rows[1].p.acore2).not.toBe(0); // the original is untouched
  });
  it('CRLF, AMS header and 0-count sections (Gaissmaier 2022)', () => {
    const ff = readReaxffFfield(join(POT, 'ffield.reax.LiNaMg_Gaissmaier2022'));
    expect(ff.header.text).toMatch(/^\[ereaxff acks2 \]/);
    expect(ff.atoms.rows.map((a) => a.element)).toEqual(['Li', 'Na', 'Mg']);
    expect(ff.atoms.rows[0].p.p_hbond).toBe(6);
    expect(formatReaxffFfield(ff)).not.toMatch(/\r/);
  });
  it('says which LAMMPS default applies where rows are missing (Gaissmaier: no Li-Mg, Na-Mg bonds, no angles)', () => {
    const ff = readReaxffFfield(join(POT, 'ffield.reax.LiNaMg_Gaissmaier2022'));
    const notes = reaxffDefaultNotes(ff);
    expect(notes).toContain('no bond row for Li-Mg: LAMMPS uses 0 for all its bond parameters: no bond energy, and an uncorrected sigma bond order of 1 + bo_cut = 1.001 at every distance inside nbrhood_cutoff');
    expect(notes.filter((x) => x.startsWith('no bond row'))).toHaveLength(2);
    expect(notes.some((x) => /^no angle row for 18 triplet\(s\) Li-Li-Li /.test(x))).toBe(true);
    expect(reaxffDefaultNotes(ff, ['Li']).filter((x) => x.startsWith('no bond row'))).toEqual([]);
    expect(reaxffDefaultNotes(readReaxffFfield(join(POT, 'ffield.reax.LiS_Islam2015')), ['Li'])).toEqual([
      'no angle row for 1 triplet(s) Li-Li-Li: no valence-angle, penalty or coalition energy for them',
      'no torsion row for 1 central pair(s) *-Li-Li-*: no torsion or conjugation energy for them',
    ]);
  });
  it('pair_coeff element mapping as LAMMPS (case-insensitive, NULL, unknown element)', () => {
    const ff = readReaxffFfield(join(POT, 'ffield.reax.LiS_Islam2015'));
    expect(reaxffTypeMap(ff, ['Li', 'NULL', 'li', 's'])).toEqual([1, -1, 1, 0]);
    expect(() => reaxffTypeMap(ff, ['Li', 'Na'])).toThrow(/element 'Na' for atom type 2 is not in .*LiS_Islam2015 \(it has S Li\); LAMMPS: "Non-existent ReaxFF type"/);
    expect(() => reaxffTypeMap(ff, ['NULL'])).toThrow(/every atom type is NULL/);
  });
  it('parameters as LAMMPS derives them (CHO): combination rules, off-diagonal overrides, eta doubled, torsion wildcards', () => {
    const ff = readReaxffFfield(join(REFERENCE, 'reaxff-cho', 'ffield.reax.cho'));
    const P = resolveReaxffParams(ff);
    expect(P.names).toEqual(['C', 'H', 'O']);
    const [C, H, O] = [0, 1, 2];
    // the param.qeq LAMMPS's example ships holds exactly the doubled ffield eta for H (type 1 there)
    expect(P.sbp[H].eta).toBe(2 * ff.atoms.rows[H].p.eta);
    expect(P.sbp[H].valency_val).toBe(P.sbp[H].valency_boc); // mass < 21
    expect(P.boCut).toBe(0.01 * ff.general.values[29]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(P.tbp[i][j]).toEqual(P.tbp[j][i]);
    // C-H off-diagonal row: D, r_vdW (doubled), alpha, r_s replaced; r_p, r_pp (-1) keep the means
    expect([P.tbp[C][H].D, P.tbp[C][H].r_vdW, P.tbp[C][H].alpha, P.tbp[C][H].r_s]).toEqual([0.1219, 2 * 1.4, 9.8442, 1.1203]);
    expect(P.tbp[C][H].r_p).toBe(0.5 * (ff.atoms.rows[H].p.r_pi + ff.atoms.rows[C].p.r_pi));
    expect(P.tbp[C][C].D).toBe(Math.sqrt(ff.atoms.rows[C].p.epsilon * ff.atoms.rows[C].p.epsilon));
    expect(P.tbp[C][C].bond).toBe(true);
    // explicit torsion rows win over the 0-X-Y-0 wildcards, in both directions
    expect(P.fbp[C][C][C][H]).toMatchObject({ V1: -0.25, V2: 31.2596 });
    expect(P.fbp[H][C][C][C]).toMatchObject({ V1: -0.25, V2: 31.2596 });
    const w = ff.torsions.rows.find((t) => t.i === 0 && t.j === 1 && t.k === 2 && t.l === 0);
    expect(w).toBeDefined();
    expect(P.fbp[O][C][H][O]).toEqual(w!.p);
    // angles: j is the centre; both end orders present
    const a = ff.angles.rows[0];
    expect(P.thbp[a.i - 1][a.j - 1][a.k - 1]).toContainEqual(a.p);
    expect(P.thbp[a.k - 1][a.j - 1][a.i - 1]).toContainEqual(a.p);
    const hb = ff.hbonds.rows[0];
    expect(P.hbp[hb.i - 1][hb.j - 1][hb.k - 1]).toEqual(hb.p);
    expect(P.hbp[C][C][C]).toBeNull();
  });
  it('torsion wildcards stay 0 in a subset (CHO)', () => {
    const f = join(REFERENCE, 'reaxff-cho', 'ffield.reax.cho');
    const ff = readReaxffFfield(f);
    const names = ff.atoms.rows.map((a) => a.element);
    const wild = ff.torsions.rows.filter((t) => t.i === 0 && t.l === 0);
    expect(wild.length).toBeGreaterThan(0);
    const sub = subsetReaxffFfield(ff, [names[0], names[2]]);
    const s = sub.torsions.rows.filter((t) => t.i === 0 && t.l === 0);
    expect(s.length).toBeGreaterThan(0);
    for (const t of sub.torsions.rows) expect([t.j, t.k].every((x) => x >= 1 && x <= 2)).toBe(true);
  });
});

/** A minimal Li ffield (factory, one quirk per test). */
function miniFfield(o: { eol?: string; generalSep?: string; bondExtra?: string; blankLines?: boolean; atomTail?: string } = {}): string {
  const eol = o.eol ?? '\n';
  const gen = Array.from({ length: 39 }, (_, i) => `${(i + 1).toFixed(4)}${o.generalSep ?? ' '}!p${i}`);
  const lines = [
    'mini Li', '39 ! general', ...gen,
    '1 ! atoms', 'c1', 'c2', 'c3',
    `Li 1.9814 1.0000 6.9410 1.8000 0.2939 0.9387 -0.1000 1.0000${o.atomTail ?? ''}`,
    '8.7307 1.2115 1.0000 0.0000 0.2000 -3.0000 10.0241 0.0000',
    '-1.0000 0.0000 37.5000 5.4409 6.9107 0.1973 0.8563 0.0000',
    '-7.8851 2.2989 0.0138 1.0000 2.8103 0.0000 0.0000 0.0000',
    ...(o.blankLines ? ['', '   '] : []),
    '1 ! bonds', 'comment',
    `1 1 34.3154 0.0000 0.0000 0.5995 0.3000 0.0000 26.0000 0.5445${o.bondExtra ?? ''}`,
    '0.1316 0.0000 12.0000 1.0000 -0.0862 4.6470 0.0000 0.0000',
    '0 ! off', '0 ! angles', '0 ! torsions', '0 ! hbonds',
  ];
  return lines.join(eol) + eol;
}

describe('ffield quirks, inline (as LAMMPS >= 2021 reads them)', () => {
  const base = parseReaxffFfield(miniFfield(), 'mini');
  const same = (t: string): void => {
    const ff = parseReaxffFfield(t, 'q');
    expect(flatParams(ff)).toEqual(flatParams(base));
  };
  it('reads the minimal file', () => {
    expect(base.general.values[38]).toBe(39);
    expect(base.atoms.rows[0].p.r_s).toBe(1.9814);
    expect(base.bonds.rows[0].p.p_bo2).toBe(4.647);
  });
  it('CRLF', () => same(miniFfield({ eol: '\r\n' })));
  it('tabs', () => same(miniFfield({ generalSep: '\t' })));
  it('blank lines between sections are skipped', () => same(miniFfield({ blankLines: true })));
  it('extra columns are ignored (and kept when written)', () => {
    same(miniFfield({ bondExtra: ' 99.0 junk', atomTail: ' extra' }));
    expect(formatReaxffFfield(parseReaxffFfield(miniFfield({ bondExtra: ' 99.0 junk' }), 'q'))).toContain('0.5445 99.0 junk');
  });
  it('words LAMMPS skips (n.u. columns) are not checked', () => {
    const t = miniFfield().replace('8.7307 1.2115 1.0000 0.0000 0.2000', '8.7307 1.2115 1.0000 0.0000 n.u.');
    same(t);
  });
  it('no newline at the end of the file', () => same(miniFfield().trimEnd()));
  it('a value changed through the API is written with its shortest round-trip text, other words untouched', () => {
    const ff = parseReaxffFfield(miniFfield(), 'q');
    ff.atoms.rows[0].p.r_s = 0.1 + 0.2;
    const t = formatReaxffFfield(ff);
    expect(t).toContain('Li 0.30000000000000004 1.0000 6.9410');
    expect(parseReaxffFfield(t, 'w').atoms.rows[0].p.r_s).toBe(0.1 + 0.2);
  });
});

describe.skipIf(!existsSync(POT))('the Aryanfar file: glued comments (needs ../shared/potentials)', () => {
  const f = join(POT, 'ffield.reax.Li_Aryanfar2015');
  it('is an error as in LAMMPS >= 2021, naming line, parameter and fix', () => {
    expect(() => readReaxffFfield(f)).toThrow(ParseError);
    expect(() => readReaxffFfield(f)).toThrow(/Li_Aryanfar2015:35: general parameter 33 \(p_ovun3\): expected a number, found '5.6937!Overcoordination' \(a comment glued to the number: LAMMPS >= 2021 rejects it; put a space before '!': '5.6937 !Overcoordination'\)/);
  });
  it('repairGluedComments reads it with warnings and writes a loadable file', () => {
    const ff = readReaxffFfield(f, { repairGluedComments: true });
    expect(ff.warnings.filter((w) => /glued/.test(w.message)).map((w) => w.line)).toEqual([35, 41]);
    expect(generalParam(ff, 'p_ovun3')).toBe(5.6937);
    expect(generalParam(ff, 'p_coa3')).toBe(1.6052);
    const again = parseReaxffFfield(formatReaxffFfield(ff), 'w'); // strict
    expect(generalParam(again, 'p_coa3')).toBe(1.6052);
  });
});

describe.skipIf(!existsSync(POT))('malformed variants: one clear ParseError with file, line and parameter (needs ../shared/potentials)', () => {
  const base = existsSync(POT) ? readFileSync(join(POT, 'ffield.reax.LiS_Islam2015'), 'utf8') : '';
  const lines = base.split('\n');
  const lineOf = (re: RegExp): number => lines.findIndex((l) => re.test(l)); // 0-based
  const variant = (fn: (l: string[]) => void): string => { const l = lines.slice(); fn(l); return l.join('\n'); };
  const liLine1 = lineOf(/^Li /);
  const bondCount = lineOf(/Nr of bonds/);
  const angleCount = lineOf(/Nr of angles/);
  const cases: [string, () => string, RegExp][] = [
    ['truncated (ends inside the bonds)', () => lines.slice(0, bondCount + 4).join('\n'), /^f:57: unexpected end of file: expected line 1 of bond 2 of 3$/],
    ['a line missing (atom line 4 of Li)', () => variant((l) => l.splice(liLine1 + 3, 1)), new RegExp(`^f:${bondCount}: atom 2 \\(Li\\) line 4: expected at least 8 words, found 6 \\('3 ! Nr of bonds.*\\(is the atom count 2 on line \\d+ right\\?\\)$`)],
    ['a letter in a number', () => variant((l) => { l[liLine1] = l[liLine1].replace('6.9410', '6.94l0'); }), new RegExp(`^f:${liLine1 + 1}: atom 2 \\(Li\\) mass: expected a number, found '6.94l0'$`)],
    ['Fortran D exponent', () => variant((l) => { l[2] = '50.0000D0 !p(boc1)'; }), /^f:3: general parameter 1 \(p_boc1\): expected a number, found '50.0000D0' \(Fortran 'D' exponent: LAMMPS rejects it; write '50.0000e0'\)$/],
    ['general count one too many', () => variant((l) => { l[1] = '40 ! Number of general parameters'; }), /^f:43: number of atom types: expected a whole number, found 'alfa;gamma\(w\);.*\(is the general-parameter count 40 on line 2 right\?\)$/],
    ['general count one too few', () => variant((l) => { l[1] = '38 ! Number of general parameters'; }), /^f:41: number of atom types: expected a whole number, found '2.6962' \(is the general-parameter count 38 on line 2 right\?\)$/],
    ['bond count one too many', () => variant((l) => { l[bondCount] = l[bondCount].replace(/^\s*3/, '4'); }), /^f:\d+: bond 4: expected at least 10 words, found \d+ \('1 ! Nr of off-diagonal.*\(is the bond count 4 on line \d+ right\?\)$/],
    ['bond count one too few', () => variant((l) => { l[bondCount] = l[bondCount].replace(/^\s*3/, '2'); }), /^f:\d+: expected the number of off-diagonal terms, found a data row '.*' \(is the bond count 2 on line \d+ right\?\)$/],
    ['angle count one too few', () => variant((l) => { l[angleCount] = l[angleCount].replace(/^\s*5/, '4'); }), /^f:\d+: expected the number of torsions, found a data row '.*' \(is the angle count 4 on line \d+ right\?\)$/],
  ];
  for (const [what, make, re] of cases) {
    it(what, () => {
      let err: unknown;
      try { parseReaxffFfield(make(), 'f'); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(ParseError);
      expect((err as Error).message).toMatch(re);
    });
  }
  it('lgvdw file without lgvdw: the LAMMPS hint', () => {
    const f = join(SYS, 'ffield.reax.lg');
    if (!existsSync(f)) return;
    expect(() => readReaxffFfield(f)).toThrow(/requires using 'lgvdw yes'/);
  });
});

// ---------------------------------------------------------------- real LAMMPS (REAXFF build)
import { createHash } from 'node:crypto';
import { FIXTURES } from '../helpers/paths.js';

interface FfResult {
  id: string; kind: string; source: string; failed?: string; elements?: string[] | null; lgvdw?: boolean; repairGluedComments?: boolean;
  writtenSha256: string; columns: string[]; original: string[]; written: string[]; warningsOriginal: string[]; warningsWritten: string[];
}
export const FF_FIXTURE = join(FIXTURES, 'ff-roundtrip', 'results.json');
export function sourcePath(label: string): string {
  return label.startsWith('shared/') ? join(SHARED, label.slice(7)) : label.startsWith('lammps-data/') ? join(SYS, label.slice(12)) : label;
}
const sha = (t: string): string => createHash('sha256').update(t).digest('hex');

describe('real LAMMPS with REAXFF: original and lmpv-written ffields give identical step-0 energies (fixtures/lammps/ff-roundtrip, made by scripts/make-forcefield-fixtures.sh)', () => {
  const fx = JSON.parse(readFileSync(FF_FIXTURE, 'utf8')) as { lammps: string; results: FfResult[]; sensitivity: { id: string; columns: string[]; original: string[]; nudged: string[] }[]; referenceCases: { case: string; columns: string[]; reference: string[]; original: string[]; written: string[] }[] };
  const rx = fx.results.filter((r) => r.kind === 'reaxff');
  it('covers every distinct ffield and the Li subsets, none failed', () => {
    expect(rx.length).toBeGreaterThanOrEqual(35);
    expect(rx.filter((r) => r.failed)).toEqual([]);
    for (const id of ['ffield.reax.LiS_Islam2015 --elements Li', 'ffield.reax.LiSi_Han2014 --elements Li', 'ffield.reax.LiNaMg_Gaissmaier2022 --elements Li,Na', 'ffield.reax.Li_Aryanfar2015']) {
      expect(rx.some((r) => r.id.endsWith(id)), id).toBe(true);
    }
  });
  for (const r of rx) {
    it(r.id, () => {
      expect(r.columns.slice(0, 3)).toEqual(['Step', 'PotEng', 'Press']);
      expect(r.columns.length).toBe(17);
      expect(r.original.length).toBe(r.columns.length);
      expect(Number.isFinite(Number(r.original[1])), `PotEng ${r.original[1]}`).toBe(true);
      // the numbers as LAMMPS printed them (%.17g), to the last digit
      expect(r.written).toEqual(r.original);
      // the written file is still what lmpv writes today
      const src = sourcePath(r.source);
      if (existsSync(src)) {
        const full = readReaxffFfield(src, { lgvdw: r.lgvdw, repairGluedComments: r.repairGluedComments });
        const text = formatReaxffFfield(r.elements ? subsetReaxffFfield(full, r.elements) : full);
        expect(sha(text)).toBe(r.writtenSha256);
      }
    });
  }
  it('sensitivity control: one ReaxFF parameter + 1 ulp changes the printed energy (so equality above means something)', () => {
    const s = fx.sensitivity.find((x) => x.id.startsWith('reaxff'))!;
    expect(s.nudged[1]).not.toBe(s.original[1]);
  });
  it('reference cases re-run with the lmpv-written ffield reproduce the step-0 line of the reference log.lammps', () => {
    const cases = fx.referenceCases.filter((c) => c.case.startsWith('reaxff'));
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const c of cases) {
      expect(c.written, c.case).toEqual(c.reference);
      expect(c.original, c.case).toEqual(c.reference);
      const log = join(REFERENCE, c.case, 'log.lammps');
      if (existsSync(log)) {
        const l = readFileSync(log, 'utf8').split('\n');
        const h = l.findIndex((x) => /^\s*Step\s/.test(x));
        expect(l[h + 1].trim().split(/\s+/)).toEqual(c.reference);
      }
    }
  });
});
