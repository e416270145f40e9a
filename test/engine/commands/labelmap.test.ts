/**
 * Atom type labels in input scripts (LAMMPS >= 2023 `labelmap`, utils::expand_type): the
 * labelmap-2025 fixture (scripts/make-labelmap-fixture.sh, written by lmp_2025) names its types A
 * and B in mass, pair_coeff, create_atoms, set, group, fix deposit, compute rdf and neigh_modify
 * exclude, writes a data file with `Atom Type Labels` and reads it back. lmpv must print the same
 * thermo and g(r), write labels that lmp_2025 reads, and stop with file:line on unknown labels.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareLogs, referenceLog, runFixture, worstRel } from '../helpers.js';
import { readLammpsData } from '../../../src/io/lammps-data.js';
import { Interpreter } from '../../../src/engine/input/interpreter.js';
import { typeArg, typeBounds } from '../../../src/engine/input/args.js';
import { FIXTURES, SHARED } from '../../helpers/paths.js';
import { LMPV_BIN } from '../../helpers/cli.js';

const CASE = 'labelmap-2025';
const LMP_2025 = join(SHARED, 'bin', 'lmp_2025');

/** The numbers of a fix ave/time vector file (comment lines dropped). */
function numbers(path: string): Float64Array {
  const out: number[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    for (const w of line.trim().split(/\s+/)) if (w !== '') out.push(Number(w));
  }
  return Float64Array.from(out);
}

describe('typeArg / typeBounds (utils::expand_type then inumeric / bounds)', () => {
  const L = ['Li', '', 'O'];
  it('resolves labels, numbers and ranges', () => {
    expect(typeArg('O', L, 3, 'mass')).toBe(3);
    expect(typeArg('2', L, 3, 'mass')).toBe(2);
    expect(typeBounds('Li', L, 3, 'mass')).toEqual([1, 1]);
    expect(typeBounds('2*', L, 3, 'mass')).toEqual([2, 3]);
    expect(typeBounds('*', null, 3, 'mass')).toEqual([1, 3]);
  });
  it('names an unknown label, a label without a labelmap and a type out of range', () => {
    expect(() => typeArg('Na', L, 3, 'create_atoms type')).toThrow("create_atoms type: atom type label 'Na' is not in the labelmap (Li O)");
    expect(() => typeBounds('Li', null, 3, 'mass')).toThrow("mass: atom type label 'Li' cannot be used without a labelmap");
    expect(() => typeArg('4', L, 3, 'set type')).toThrow('set type: invalid atom type 4 (expected 1..3)');
    expect(() => typeArg('1.5', L, 3, 'set type')).toThrow("set type: expected an integer, found '1.5'");
  });
});

describe('labelmap-2025: a script using type labels everywhere, lmpv vs lmp_2025', () => {
  const run = runFixture(CASE);

  it('runs, and its thermo equals lmp_2025\'s (1e-10 at step 0, 1e-7 over the runs)', () => {
    expect(run.error, run.error?.message).toBeUndefined();
    const ref = referenceLog(CASE);
    expect(run.log.runs.length).toBe(3);
    // the deposits (fix deposit B) happened: 455 atoms at step 0, 459 after four inserts
    expect(Array.from(run.log.runs[0].data.get('Atoms')!)).toEqual([455, 456, 457, 458, 459]);
    const c = compareLogs(run.log, ref, 0, 1e-10);
    expect(c.first.err, c.first.where).toBeLessThanOrEqual(1e-10);
    expect(c.all.err, c.all.where).toBeLessThanOrEqual(1e-7);
  });

  it('group type by labels (list, <= and <>) selects the atoms lmp_2025 selects', () => {
    const counts = (text: string) => text.split('\n').filter((l) => / atoms in group /.test(l));
    const ref = counts(readFileSync(join(FIXTURES, CASE, 'log.lammps'), 'utf8'));
    expect(ref).toEqual(['322 atoms in group a', '133 atoms in group b', '322 atoms in group le', '455 atoms in group ab']);
    expect(counts(run.logText)).toEqual(ref);
  });

  it('compute rdf with label pairs (A B, B B) gives lmp_2025\'s g(r) and coordination numbers', () => {
    const ours = numbers(join(run.dir, 'rdf.out'));
    const ref = numbers(join(FIXTURES, CASE, 'rdf.out'));
    expect(ours.length).toBe(ref.length);
    expect(ours.length).toBeGreaterThan(4 * 20 * 5);
    const w = worstRel(ours, ref, 0, 1e-10);
    expect(w.err, `value ${w.index}: ${ours[w.index]} vs ${ref[w.index]}`).toBeLessThanOrEqual(1e-7);
  });

  it('write_data writes the label map as Atom Type Labels, as lmp_2025 does', () => {
    const ours = readLammpsData(join(run.dir, 'data.labelmap'));
    const ref = readLammpsData(join(FIXTURES, CASE, 'data.labelmap'));
    expect(ours.typeLabels?.atom).toEqual(['A', 'B']);
    expect(ref.typeLabels?.atom).toEqual(['A', 'B']);
    expect(ours.counts.atoms).toBe(ref.counts.atoms);
  });

  it.skipIf(!existsSync(LMP_2025))('lmp_2025 reads lmpv\'s write_data into the same atoms, types and labels (skipped only without ../shared/bin/lmp_2025)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-labelmap-back-'));
    copyFileSync(join(run.dir, 'data.labelmap'), join(dir, 'lmpv.data'));
    // `mass B 3.0` and `group` by label only work when lmp_2025 took the labels from the file
    writeFileSync(join(dir, 'in.back'), 'units lj\natom_style atomic\nboundary p p f\nread_data lmpv.data\nmass B 3.0\ngroup b type B\nwrite_data back.data nocoeff\n');
    execFileSync(LMP_2025, ['-in', 'in.back', '-log', 'log.lammps', '-screen', 'none'], { cwd: dir, timeout: 60_000 });
    const ours = readLammpsData(join(dir, 'lmpv.data'));
    const back = readLammpsData(join(dir, 'back.data'));
    expect(back.typeLabels?.atom).toEqual(['A', 'B']);
    expect(Array.from(back.masses!)).toEqual([1, 3]);
    const nb = Array.from(ours.atoms.type).filter((t) => t === 2).length;
    expect(readFileSync(join(dir, 'log.lammps'), 'utf8')).toContain(`${nb} atoms in group b`);
    const byId = (d: typeof ours) => {
      const m = new Map<number, number[]>();
      for (let i = 0; i < d.atoms.id.length; i++) m.set(d.atoms.id[i], [d.atoms.type[i], d.atoms.x[i], d.atoms.y[i], d.atoms.z[i]]);
      return m;
    };
    const a = byId(ours), b = byId(back);
    expect(b.size).toBe(a.size);
    for (const [id, v] of a) expect(b.get(id), `atom ${id}`).toEqual(v);
  });
});

describe('lmpv run stops on a bad label (exit 2, file:line and the label)', () => {
  const base = 'units lj\natom_style atomic\nregion box block 0 3 0 3 0 3\ncreate_box 2 box\nlabelmap atom 1 Li 2 O\n';
  const BAD: [string, string, RegExp][] = [
    ['an unknown label in mass', base + 'mass Na 1.0\n', /in\.lammps:6: mass: atom type label 'Na' is not in the labelmap \(Li O\)/],
    ['an unknown label in pair_coeff', base + 'pair_style lj/cut 2.5\npair_coeff Li F 1 1\n', /in\.lammps:7: pair_coeff: atom type label 'F' is not in the labelmap/],
    ['a label without a labelmap', base.replace('labelmap atom 1 Li 2 O\n', '') + 'create_atoms Li single 1 1 1\n', /in\.lammps:5: create_atoms type: atom type label 'Li' cannot be used without a labelmap/],
    ['a label used twice', base + 'labelmap atom 2 Li\n', /in\.lammps:6: labelmap atom: the type label 'Li' is already in use for atom type 1/],
    ['an invalid label', base + 'labelmap atom 2 2O\n', /in\.lammps:6: labelmap atom: type label '2O' for atom type 2 is invalid/],
  ];
  for (const [what, body, msg] of BAD) {
    it(what, () => {
      const dir = mkdtempSync(join(tmpdir(), 'lmpv-labelmap-bad-'));
      writeFileSync(join(dir, 'in.lammps'), body);
      const r = spawnSync(process.execPath, [LMPV_BIN, 'run', 'in.lammps', '--no-screen'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split('\n').length).toBe(1);
    });
  }
});

describe('the label map in lmpv\'s own files', () => {
  it('survives write_restart / read_restart (as LAMMPS restarts keep it) and is dropped by labelmap clear and write_data nolabelmap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-labelmap-restart-'));
    const it = new Interpreter({ cwd: dir, log: null });
    it.runText('units lj\natom_style atomic\nlattice fcc 0.8\nregion box block 0 2 0 2 0 2\ncreate_box 2 box\nlabelmap atom 2 O 1 Li\ncreate_atoms Li box\nset type Li type/fraction O 0.5 7\nmass * 1.0\nwrite_restart r.data\nclear\nread_restart r.data\nmass O 16.0\nwrite_data nolabels.data nolabelmap\nlabelmap clear\n', 'in.test');
    expect(readLammpsData(join(dir, 'r.data')).typeLabels?.atom).toEqual(['Li', 'O']);
    expect(Array.from(it.e.sys.mass)).toEqual([0, 1, 16]);
    expect(it.e.sys.typeLabels).toBeNull();
    expect(readLammpsData(join(dir, 'nolabels.data')).typeLabels).toBeUndefined();
    expect(() => it.runText('mass O 1.0\n', 'in.more')).toThrow("in.more:1: mass: atom type label 'O' cannot be used without a labelmap");
  });
});
