/**
 * write_data's Pair Coeffs come from the pair style itself (PairStyle.dataLines, as LAMMPS's
 * Pair::write_data), for every style that has them: compared line for line with what Debian's lmp
 * wrote for the same scripts (fixtures/lammps/engine-write-data: lj/cut/coul/cut with "%g" rounding;
 * engine-formats: lj/cut).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { readLammpsData } from '../../../src/io/lammps-data.js';
import { FIXTURES } from '../../helpers/paths.js';
import { runFixture } from '../helpers.js';

describe('write_data Pair Coeffs', () => {
  it.each([
    ['engine-write-data', 'data.out', 'lj/cut/coul/cut'],
    ['engine-formats', 'data.out', 'lj/cut'],
  ])("%s: %s has LAMMPS's Pair Coeffs section (%s)", (name, file, style) => {
    const run = runFixture(name);
    expect(run.error, run.error?.message).toBeUndefined();
    const ours = readLammpsData(join(run.dir, file));
    const theirs = readLammpsData(join(FIXTURES, name, file));
    expect(theirs.coeffs.map((c) => [c.keyword, c.style])).toEqual([['Pair Coeffs', style]]);
    expect(ours.coeffs).toEqual(theirs.coeffs);
    expect(ours.masses).toEqual(theirs.masses);
    expect(readFileSync(join(run.dir, file), 'utf8')).toContain(`\nPair Coeffs # ${style}\n`);
  });

  it('engine-write-data: %g rounding of eps and sigma, as LAMMPS prints them', () => {
    const run = runFixture('engine-write-data');
    const lines = readLammpsData(join(run.dir, 'data.out')).coeffs[0].lines.map((l) => l.trim());
    expect(lines).toEqual(['1 0.130123 2.35001', '2 0.1 4.40104']);
  });

  it('engine-write-data: nocoeff writes no Pair Coeffs, as LAMMPS', () => {
    const run = runFixture('engine-write-data');
    const ours = readLammpsData(join(run.dir, 'data.nocoeff.out'));
    const theirs = readLammpsData(join(FIXTURES, 'engine-write-data', 'data.nocoeff.out'));
    expect(theirs.coeffs).toEqual([]);
    expect(ours.coeffs).toEqual([]);
  });
});
