/**
 * pair_style eam, eam/alloy and eam/fs against real LAMMPS (Debian's lmp, 29 Sep 2021; fixtures
 * made by scripts/make-eam-fixtures.sh): the same input scripts run in lmpv, thermo (pe and the
 * pressure tensor, i.e. the virial, %.17g) and dumps (forces, pe/atom, %.17g; positions and
 * velocities for the NVE run) compared with the LAMMPS unit-test metric.
 *
 * The potential files are Debian's (lammps-data, /usr/share/lammps/potentials), found through the
 * potentials search path; each case's potentials.txt names them with the sha256 LAMMPS read. A case
 * is skipped (saying why) when a file is absent or is not the same file.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareLogs, readDump, referenceLog, runFixture, type Worst } from '../../helpers.js';
import { FIXTURES } from '../../../helpers/paths.js';
import { resolvePotential } from '../../../../src/io/potentials-path.js';

const CASES = readdirSync(FIXTURES).filter((n) => n.startsWith('eam-'));

/** Why a case cannot run here (a potential file absent or different), or null. */
function missing(name: string): string | null {
  for (const line of readFileSync(join(FIXTURES, name, 'potentials.txt'), 'utf8').trim().split('\n')) {
    const [file, sha] = line.split(' ');
    let path: string;
    try {
      path = resolvePotential(file, { inputDir: join(FIXTURES, name) });
    } catch {
      return `${file} not on the potentials search path (install Debian's lammps-data)`;
    }
    if (createHash('sha256').update(readFileSync(path)).digest('hex') !== sha) return `${path} is not the file LAMMPS read (sha256 differs)`;
  }
  return null;
}

/** Thermo values below this in both logs count as equal (none occur: pressures here are >> 1 bar). */
const ZERO = 1e-10;

/**
 * Dump columns: |a-b| / max(min(|a|,|b|), SCALE), i.e. the LAMMPS unit-test metric, but a
 * component smaller than SCALE (forces that nearly cancel, 1e-8 eV/A on an ideal-crystal atom,
 * where both engines differ by round-off ~1e-16) is held to an absolute SCALE x 1e-10.
 */
const SCALE = 1e-4;

async function worstDump(ours: string, ref: string): Promise<{ first: Worst; all: Worst }> {
  const a = await readDump(ours), b = await readDump(ref);
  expect(a.length).toBe(b.length);
  const first: Worst = { err: 0, where: '' }, all: Worst = { err: 0, where: '' };
  b.forEach((g, k) => {
    const f = a[k];
    expect(f.timestep).toBe(g.timestep);
    const ids = g.columns.get('id') as Float64Array;
    expect(Array.from(f.columns.get('id') as Float64Array)).toEqual(Array.from(ids));
    for (const c of [...g.columns.keys()].filter((k) => k !== 'id' && k !== 'type')) {
      const x = f.columns.get(c) as Float64Array, y = g.columns.get(c) as Float64Array;
      for (let i = 0; i < y.length; i++) {
        const e = Math.abs(x[i] - y[i]) / Math.max(Math.min(Math.abs(x[i]), Math.abs(y[i])), SCALE);
        const where = `step ${g.timestep} ${c} atom ${ids[i]}: ${x[i]} vs ${y[i]}`;
        if (k === 0 && e > first.err) Object.assign(first, { err: e, where });
        if (e > all.err) Object.assign(all, { err: e, where });
      }
    }
  });
  return { first, all };
}

describe('EAM in lmpv vs LAMMPS (same scripts; energies, virial, forces within 1e-10)', () => {
  it('has the fixture cases', () => {
    expect(CASES).toEqual(expect.arrayContaining(['eam-funcfl-cu', 'eam-funcfl-mix', 'eam-funcfl-compress', 'eam-alloy-cuni', 'eam-alloy-tri', 'eam-alloy-nialh', 'eam-fs-fe', 'eam-fs-alfe', 'eam-fs-cuzr-tri', 'eam-fs-nialh', 'eam-real-funcfl', 'eam-real-alloy', 'eam-real-fs', 'eam-nve-shear']));
  });
  for (const name of CASES) {
    const why = missing(name);
    it.skipIf(why !== null)(`${name}${why ? ` (skipped: ${why})` : ''}`, async () => {
      const run = runFixture(name);
      expect(run.error, run.error?.message).toBeUndefined();
      const c = compareLogs(run.log, referenceLog(name), 0, ZERO);
      if (process.env.EAM_VERBOSE) console.log(`${name}: thermo step 0 ${c.first.err.toExponential(2)} (${c.first.where}); all ${c.all.err.toExponential(2)}`);
      expect(c.first.err, c.first.where).toBeLessThanOrEqual(1e-10);
      // every row (the NVE run's 11 rows and 2 dump frames too)
      expect(c.all.err, c.all.where).toBeLessThanOrEqual(1e-10);
      const { first, all } = await worstDump(join(run.dir, 'dump.lammpstrj'), join(FIXTURES, name, 'dump.lammpstrj'));
      if (process.env.EAM_VERBOSE) console.log(`${name}: dump step 0 ${first.err.toExponential(2)} (${first.where}); all ${all.err.toExponential(2)} (${all.where})`);
      expect(first.err, first.where).toBeLessThanOrEqual(1e-10);
      expect(all.err, all.where).toBeLessThanOrEqual(1e-10);
    });
  }
});
