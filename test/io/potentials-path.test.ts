import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../src/io/errors.js';
import { lammpsDouble, lammpsInt, numberHint, potentialCandidates, resolvePotential, SHARED_POTENTIALS } from '../../src/io/potentials-path.js';
import { SHARED } from '../helpers/paths.js';

describe('resolvePotential: input folder, $LAMMPS_POTENTIALS, ../shared/potentials, /usr/share/lammps/potentials', () => {
  const root = mkdtempSync(join(tmpdir(), 'lmpv-pot-'));
  const input = join(root, 'case');
  const env = join(root, 'env');
  const fb1 = join(root, 'fb1');
  const fb2 = join(root, 'fb2');
  for (const d of [input, env, fb1, fb2]) mkdirSync(d);
  writeFileSync(join(input, 'a.meam'), 'input');
  writeFileSync(join(env, 'a.meam'), 'env');
  writeFileSync(join(env, 'b.meam'), 'env');
  writeFileSync(join(fb1, 'c.meam'), 'fb1');
  writeFileSync(join(fb2, 'c.meam'), 'fb2');
  writeFileSync(join(fb2, 'd.meam'), 'fb2');
  mkdirSync(join(input, 'e.meam')); // a folder is not a potential file
  writeFileSync(join(fb2, 'e.meam'), 'fb2');
  const o = { inputDir: input, lammpsPotentials: env, fallbackDirs: [fb1, fb2] };

  it('takes the first existing file in LAMMPS order', () => {
    expect(resolvePotential('a.meam', o)).toBe(join(input, 'a.meam'));
    expect(resolvePotential('b.meam', o)).toBe(join(env, 'b.meam'));
    expect(resolvePotential('c.meam', o)).toBe(join(fb1, 'c.meam'));
    expect(resolvePotential('d.meam', o)).toBe(join(fb2, 'd.meam'));
    expect(resolvePotential('e.meam', o)).toBe(join(fb2, 'e.meam'));
    expect(resolvePotential(join(fb2, 'd.meam'), o)).toBe(join(fb2, 'd.meam'));
    // a relative path with folders: the search folders are tried with its base name
    expect(resolvePotential('sub/b.meam', o)).toBe(join(env, 'b.meam'));
  });
  it('lists every place tried when nothing is found', () => {
    let err: unknown;
    try { resolvePotential('zz.meam', o); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(UsageError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/^potential file 'zz.meam' not found; tried: /);
    for (const p of potentialCandidates('zz.meam', o)) expect(msg).toContain(p);
    expect(potentialCandidates('zz.meam', o)).toEqual([join(input, 'zz.meam'), join(process.cwd(), 'zz.meam'), join(env, 'zz.meam'), join(fb1, 'zz.meam'), join(fb2, 'zz.meam')]);
  });
  it('the default fallback is ../shared/potentials of the repository, then Debian', () => {
    expect(SHARED_POTENTIALS).toBe(join(SHARED, 'potentials'));
    const c = potentialCandidates('x', { lammpsPotentials: null });
    expect(c.slice(-2)).toEqual([join(SHARED, 'potentials', 'x'), '/usr/share/lammps/potentials/x']);
  });
});

describe('LAMMPS number rules (ValueTokenizer is_double/is_integer + atof/atoi)', () => {
  it('accepts what LAMMPS accepts, exactly', () => {
    for (const t of ['1', '-0.5', '+3.', '.25', '1e-7', '1E+08', '6.9410', '04.0']) expect(lammpsDouble(t)).toEqual({ value: Number(t), prefixOnly: false });
  });
  it('rejects what LAMMPS rejects', () => {
    for (const t of ['5.6937!Over', '1.0D0', '1,5', 'abc', 'nan', 'inf', '0x10', '']) expect(lammpsDouble(t)).toBeNull();
    for (const t of ['3.0', '1e3', 'x', '']) expect(lammpsInt(t)).toBeNull();
  });
  it('flags tokens LAMMPS reads only in part', () => {
    expect(lammpsDouble('1.5.3')).toEqual({ value: 1.5, prefixOnly: true });
    expect(lammpsDouble('2e')).toEqual({ value: 2, prefixOnly: true });
    expect(lammpsInt('3-')).toEqual({ value: 3, prefixOnly: true });
  });
  it('hints the fix for glued comments and Fortran exponents', () => {
    expect(numberHint('5.6937!Over')).toMatch(/put a space before '!': '5.6937 !Over'/);
    expect(numberHint('1.5D-3')).toMatch(/write '1.5e-3'/);
    expect(numberHint('abc')).toBe('');
  });
});
