/**
 * The same input scripts in real LAMMPS and in lmpv: thermo columns (read by io/lammps-log from
 * both logs) agree to 1e-10 relative at step 0 and 1e-8 over 100 steps; dumps (read by
 * io/lammps-dump, sorted by id) agree to 1e-10 at step 0 (positions, velocities from LAMMPS's
 * random streams, forces) and 1e-8 at step 100.
 *
 * References: fixtures/lammps/engine-<case>/ (log.lammps and dumps written by Debian's lmp via
 * scripts/make-engine-fixtures.sh). When `lmp` is installed (always in CI) each script is also
 * run in it afresh here and its output compared with lmpv's the same way.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareDumps, compareLogs, copyInputs, readDump, referenceLog, runFixture, worstRel } from './helpers.js';
import { readLammpsData } from '../../src/io/lammps-data.js';
import { parseLammpsLog } from '../../src/io/lammps-log.js';
import { parseLammpsDump } from '../../src/io/lammps-dump.js';
import { FIXTURES, lmpPath } from '../helpers/paths.js';

const CASES = readdirSync(FIXTURES).filter((n) => n.startsWith('engine-') && readdirSync(join(FIXTURES, n)).includes('in.lammps'));
const LMP = lmpPath();

/**
 * Values below this (in the file's units) in BOTH engines count as equal: quantities that are 0 in
 * exact arithmetic and round-off noise in both (forces at perfect lattice sites, the total force on
 * a group at step 0, an msd of 1e-30 at step 0).
 */
const ZERO = 1e-10;

/**
 * Column floor (fraction of the column's largest magnitude) below which values are compared
 * against the floor: only for minimization, whose final forces and Fnorm are round-off noise of
 * order 1e-9 (LAMMPS's own digits there change with the summation order).
 */
const FLOOR: Record<string, number> = { 'engine-minimize': 1e-6 };
/** Per-case zero: at a minimum converged to ftol 1e-8 forces below 1e-8 are numerically zero. */
const ZEROS: Record<string, number> = { 'engine-minimize': 1e-8 };

describe('lmpv run vs LAMMPS on the same scripts', () => {
  it('has the fixture cases', () => {
    expect(CASES).toEqual(expect.arrayContaining(['engine-lj-liquid-nve', 'engine-lj-crystal-nvt', 'engine-lj-open', 'engine-metal-triclinic', 'engine-random-streams', 'engine-real-mix-nvt', 'engine-loops', 'engine-langevin', 'engine-formats', 'engine-read-data', 'engine-minimize', 'engine-random-fill', 'engine-msd', 'engine-misc', 'engine-bcc-orient', 'engine-npt', 'engine-2d', 'engine-ionic', 'engine-rdf', 'engine-wall', 'engine-cna']));
  });

  for (const name of CASES) {
    it(`${name}: thermo and dumps match LAMMPS's`, async () => {
      const run = runFixture(name);
      expect(run.error, run.error?.message).toBeUndefined();
      const ref = referenceLog(name);
      expect(run.log.runs.length).toBe(ref.runs.length);
      for (const r of run.log.runs) expect(r.complete).toBe(true);
      const c = compareLogs(run.log, ref, FLOOR[name] ?? 0, ZERO);
      expect(c.first.err, c.first.where).toBeLessThanOrEqual(1e-10);
      expect(c.all.err, c.all.where).toBeLessThanOrEqual(1e-8);
      const dumps = readdirSync(join(FIXTURES, name)).filter((f) => f.startsWith('dump'));
      for (const f of dumps) {
        if (!f.endsWith('.lammpstrj') && !f.endsWith('.lammpstrj.gz')) continue;
        if (f.includes('unsorted')) {
          // no dump_modify sort: rows come in LAMMPS's local atom order (creation order, then its
          // spatial sort at setup and every atom_modify-sort steps); lmpv keeps the same order
          const ids = async (p: string) => (await parseLammpsDump(readFileSync(p))).map((fr) => Array.from(fr.columns.get('id') as Float64Array));
          expect(await ids(join(run.dir, f))).toEqual(await ids(join(FIXTURES, name, f)));
        }
        const ours = await readDump(join(run.dir, f));
        const theirs = await readDump(join(FIXTURES, name, f));
        const cols = [...theirs[0].columns.keys()].filter((k) => k !== 'id');
        expect([...ours[0].columns.keys()]).toEqual([...theirs[0].columns.keys()]);
        const first = compareDumps(ours.slice(0, 1), theirs.slice(0, 1), cols, 0, ZEROS[name] ?? ZERO);
        expect(first.err, `${f}: ${first.where}`).toBeLessThanOrEqual(1e-10);
        const all = compareDumps(ours, theirs, cols, FLOOR[name] ?? 0, ZEROS[name] ?? ZERO);
        expect(all.err, `${f}: ${all.where}`).toBeLessThanOrEqual(1e-8);
        // the box lines: the same numbers at step 0; later (shrink-wrapped faces follow atoms) within 1e-8
        ours.forEach((fr, k) => {
          const g = theirs[k].box;
          expect(fr.box.boundary).toEqual(g.boundary);
          if (k === 0) {
            expect(fr.box.lo).toEqual(g.lo);
            expect(fr.box.hi).toEqual(g.hi);
            expect(fr.box.tilt).toEqual(g.tilt);
          } else {
            const w = worstRel([...fr.box.lo, ...fr.box.hi], [...g.lo, ...g.hi]);
            expect(w.err).toBeLessThanOrEqual(1e-8);
          }
        });
      }
    });
  }

  it.each(['engine-formats', 'engine-random-fill'])('%s: write_data writes the same atoms as LAMMPS (read back by io/lammps-data)', (name) => {
    const run = runFixture(name);
    expect(existsSync(join(run.dir, 'data.out'))).toBe(true);
    const ours = readLammpsData(join(run.dir, 'data.out'));
    const theirs = readLammpsData(join(FIXTURES, name, 'data.out'));
    expect(ours.counts).toEqual(theirs.counts);
    expect(ours.box).toEqual(theirs.box);
    expect(ours.masses).toEqual(theirs.masses);
    expect(ours.timestep).toBe(theirs.timestep);
    const byId = (d: typeof ours, c: Float64Array) => {
      const o = Array.from(d.atoms.id, (id, i) => [id, i]).sort((a, b) => a[0] - b[0]);
      return Float64Array.from(o, ([, i]) => c[i]);
    };
    // unwrapped positions (an atom sitting on a periodic face may be stored on either side)
    const unwrapped = (d: typeof ours, k: 0 | 1 | 2) => {
      const c = [d.atoms.x, d.atoms.y, d.atoms.z][k];
      const im = [d.atoms.ix, d.atoms.iy, d.atoms.iz][k]!;
      const L = d.box.hi[k] - d.box.lo[k];
      return byId(d, Float64Array.from(c, (v, i) => v + im[i] * L));
    };
    for (const k of [0, 1, 2] as const) {
      const w = worstRel(unwrapped(ours, k), unwrapped(theirs, k));
      expect(w.err, `unwrapped coordinate ${k}`).toBeLessThanOrEqual(1e-8);
    }
    expect(byId(ours, ours.atoms.type)).toEqual(byId(theirs, theirs.atoms.type));
    for (const c of ['vx', 'vy', 'vz'] as const) {
      const w = worstRel(byId(ours, ours.velocities![c]), byId(theirs, theirs.velocities![c]));
      expect(w.err, c).toBeLessThanOrEqual(1e-8);
    }
    expect(ours.coeffs.map((c) => c.keyword)).toEqual(theirs.coeffs.map((c) => c.keyword));
  });

  it('engine-minimize: same stopping criteria, iterations and force evaluations as LAMMPS', () => {
    const run = runFixture('engine-minimize');
    const ref = referenceLog('engine-minimize');
    const mins = (l: typeof ref) => l.runs.filter((r) => r.kind === 'minimize').map((r) => r.minimize);
    const ours = mins(run.log), theirs = mins(ref);
    expect(ours.length).toBe(2);
    expect(ours.length).toBe(theirs.length);
    ours.forEach((m, k) => {
      const t = theirs[k]!;
      expect(m!.stoppingCriterion).toBe(t.stoppingCriterion);
      expect(m!.iterations).toBe(t.iterations);
      expect(m!.forceEvaluations).toBe(t.forceEvaluations);
      expect(m!.energy).toBeDefined();
      expect(Math.abs(m!.energy![2] - t.energy![2]) / Math.abs(t.energy![2])).toBeLessThan(1e-10);
      expect(m!.energy![0]).toBe(t.energy![0]);
    });
  });

  it('engine-formats: dump xyz is the same text as LAMMPS writes', () => {
    const run = runFixture('engine-formats');
    const ours = readFileSync(join(run.dir, 'dump.xyz'), 'utf8').split('\n');
    const theirs = readFileSync(join(FIXTURES, 'engine-formats', 'dump.xyz'), 'utf8').split('\n');
    expect(ours.length).toBe(theirs.length);
    // %g text: the same to the last printed digit except where round-off after 20-40 steps flips one
    let differing = 0;
    ours.forEach((l, k) => {
      if (l === theirs[k]) return;
      differing++;
      const a = l.split(' '), b = theirs[k].split(' ');
      expect(a[0]).toBe(b[0]);
      expect(worstRel(a.slice(1).map(Number), b.slice(1).map(Number)).err).toBeLessThanOrEqual(1e-5);
    });
    expect(differing).toBeLessThan(ours.length / 50);
  });

  it.each([
    ['engine-misc', 'ave.out'],
    ['engine-rdf', 'rdf.out'],
    ['engine-rdf', 'rdf2.out'],
  ])('%s: fix ave/time writes %s as LAMMPS does', (name, file) => {
    const run = runFixture(name);
    const read = (p: string) => readFileSync(p, 'utf8').split('\n').filter((l) => l.length > 0);
    const ours = read(join(run.dir, file));
    const theirs = read(join(FIXTURES, name, file));
    expect(ours.length).toBe(theirs.length);
    ours.forEach((l, k) => {
      if (l.startsWith('#')) return expect(l).toBe(theirs[k]);
      const a = l.trim().split(/\s+/).map(Number), b = theirs[k].trim().split(/\s+/).map(Number);
      expect(a.length).toBe(b.length);
      expect(a[0]).toBe(b[0]);
      // g(r) histograms count pairs: identical counts give values equal to the printed digits
      expect(worstRel(a, b).err, `line ${k + 1}: ${l} vs ${theirs[k]}`).toBeLessThanOrEqual(1e-8);
    });
  });

  it('engine-loops: the log command switches (and appends to) a second log that matches LAMMPS\'s', () => {
    const run = runFixture('engine-loops');
    const read = (p: string) => parseLammpsLog(readFileSync(p, 'utf8'), p);
    const ours = read(join(run.dir, 'log.second.lammps'));
    const theirs = read(join(FIXTURES, 'engine-loops', 'log.second.lammps'));
    expect(ours.runs.map((r) => r.style)).toEqual(theirs.runs.map((r) => r.style));
    expect(ours.runs.length).toBe(2);
    const c = compareLogs(ours, theirs, 0, ZERO);
    expect(c.all.err, c.all.where).toBeLessThanOrEqual(1e-10);
    // the first log ends where the script switched logs
    expect(run.log.runs.length).toBe(referenceLog('engine-loops').runs.length);
  });

  it('engine-loops: label/jump/next loops print the same values', () => {
    const run = runFixture('engine-loops');
    const pick = (text: string) => text.split('\n').filter((l) => /^(pass|done)/.test(l));
    const ours = pick(run.logText);
    const theirs = pick(readFileSync(join(FIXTURES, 'engine-loops', 'log.lammps'), 'utf8'));
    expect(ours.length).toBe(4);
    expect(ours.map((l) => l.replace(/e=\S+/, ''))).toEqual(theirs.map((l) => l.replace(/e=\S+/, '')));
    ours.forEach((l, k) => {
      const a = Number(/e=(\S+)/.exec(l)?.[1] ?? NaN), b = Number(/e=(\S+)/.exec(theirs[k])?.[1] ?? NaN);
      if (!Number.isNaN(b)) expect(Math.abs(a - b)).toBeLessThanOrEqual(2e-12);
    });
  });

  describe.skipIf(!LMP)('fresh runs of real LAMMPS (lmp installed) (skipped only without Debian lmp, never in CI)', () => {
    for (const name of CASES) {
      it(`${name}: lmp now writes what lmpv writes`, async () => {
        const dir = mkdtempSync(join(tmpdir(), `lmp-${name}-`));
        copyInputs(name, dir);
        execFileSync(LMP!, ['-in', 'in.lammps', '-log', 'log.lammps', '-screen', 'none'], { cwd: dir, timeout: 120_000 });
        const lmpLog = parseLammpsLog(readFileSync(join(dir, 'log.lammps'), 'utf8'), 'lmp log');
        const run = runFixture(name);
        const c = compareLogs(run.log, lmpLog, FLOOR[name] ?? 0, ZERO);
        expect(c.first.err, c.first.where).toBeLessThanOrEqual(1e-10);
        expect(c.all.err, c.all.where).toBeLessThanOrEqual(1e-8);
        for (const f of readdirSync(dir).filter((x) => x.startsWith('dump') && (x.endsWith('.lammpstrj') || x.endsWith('.lammpstrj.gz')))) {
          const ours = await readDump(join(run.dir, f));
          const theirs = await readDump(join(dir, f));
          const cols = [...theirs[0].columns.keys()].filter((k) => k !== 'id');
          const w = compareDumps(ours, theirs, cols, FLOOR[name] ?? 0, ZEROS[name] ?? ZERO);
          expect(w.err, `${f}: ${w.where}`).toBeLessThanOrEqual(1e-8);
        }
      });
    }
  });
});
