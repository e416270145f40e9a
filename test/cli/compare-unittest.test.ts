/**
 * `lmpv compare` with a LAMMPS force-style unit-test YAML as the reference
 * (fixtures/lammps/unittest-meam: manybody-pair-meam.yaml from LAMMPS's unittest/force-styles,
 * made by scripts/make-unittest-fixtures.sh), spawned as a user runs it.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { parseLammpsUnitTest } from '../../src/io/lammps-unittest-yaml.js';
import { FIXTURES } from '../helpers/paths.js';
import { runLmpv } from '../helpers/cli.js';

const CASE = join(FIXTURES, 'unittest-meam');
const YAML = join(CASE, 'manybody-pair-meam.yaml');

interface Result { check: string; name: string; passed: boolean; tolerance: number; stats: { max: number; n: number }; worst?: { where: number } }

describe('LAMMPS unit-test YAML reader', () => {
  it('reads scalars, empty and indented blocks; forces by id; epsilon', () => {
    const y = parseLammpsUnitTest(readFileSync(YAML, 'utf8'), YAML);
    expect(y.epsilon).toBe(7.5e-12);
    expect(y.natoms).toBe(64);
    expect(y.initVdwl).toBe(-294.561168519792);
    expect(y.initCoul).toBe(0);
    expect(y.initStress).toEqual([-2.2038887137312767e+02, -2.2231702131012665e+02, -2.2247104240655943e+02, 7.3648974780203380e+00, -6.8098468133799006e+00, 4.2641599596627948e+00]);
    expect(y.initForces!.ids.length).toBe(64);
    expect(Array.from(y.initForces!.f.subarray(0, 3))).toEqual([4.3259750854767764e-01, -1.0952181361492013e+00, -5.6006116651509785e-01]);
    expect(y.runVdwl).toBe(-294.558633724134);
    expect(y.raw.get('post_commands')).toBe('');
  });

  it('errors name the file and line', () => {
    expect(() => parseLammpsUnitTest('---\nepsilon: 1e-12\ninit_stress: ! |-\n  1 2 3\n', 't.yaml')).toThrow(/t\.yaml.*3.*init_stress: expected 6 numbers/);
    expect(() => parseLammpsUnitTest('---\nepsilon: 1e-12\ninit_forces: ! |2\n    1 0.5 x 0\n', 't.yaml')).toThrow(/t\.yaml.*4.*init_forces: expected 'id fx fy fz'/);
    expect(() => parseLammpsUnitTest('---\nnatoms: 2\n', 't.yaml')).toThrow(/no epsilon/);
  });
});

describe('lmpv compare UNITTEST.yaml CANDIDATE', () => {
  it('real LAMMPS (29Sep2021) outputs pass with the YAML\'s epsilon, energies, pair virial and forces compared', () => {
    const r = runLmpv(['compare', YAML, join(CASE, 'lammps-29Sep2021'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout).reports[0].results as Result[];
    expect(res.map((x) => x.name.replace(/ \(.*$/, ''))).toEqual(['init_vdwl', 'init_coul', 'init_stress', 'run_vdwl', 'run_coul', 'run_stress', 'init_forces', 'run_forces']);
    expect(res.find((x) => x.name.startsWith('init_stress'))!.stats.max).toBeLessThan(1e-15);
    expect(res.find((x) => x.name.startsWith('run_forces'))!.tolerance).toBe(5 * 7.5e-12);
  });

  it('lmpv\'s engine running the same setup passes; a force perturbed by 1e-9 relative fails naming init_forces and the atom', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-unittest-'));
    for (const f of ['in.lammps', 'data.manybody', 'library.meam', 'SiC.meam']) cpSync(join(CASE, f), join(dir, f));
    const run = runLmpv(['run', 'in.lammps', '--no-screen'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const ok = runLmpv(['compare', YAML, dir, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const res = JSON.parse(ok.stdout).reports[0].results as Result[];
    // lmpv's MEAM against LAMMPS's unit-test numbers: within epsilon = 7.5e-12 (measured 3.3e-12 init, 6.5e-12 run)
    expect(res.filter((x) => x.check === 'forces').map((x) => x.stats.n)).toEqual([192, 192]);
    expect(res.every((x) => x.passed)).toBe(true);
    // perturb atom 22's fx at step 0
    const dump = join(dir, 'dump.forces');
    const lines = readFileSync(dump, 'utf8').split('\n');
    const i = lines.findIndex((l) => l.startsWith('22 '));
    const f = lines[i].split(' ');
    f[1] = String(Number(f[1]) * (1 + 1e-9));
    lines[i] = f.join(' ');
    writeFileSync(dump, lines.join('\n'));
    const junit = join(dir, 'r.xml');
    const bad = runLmpv(['compare', YAML, dir, '--junit', junit]);
    expect(bad.code).toBe(1);
    const x = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testcase' }).parse(readFileSync(junit, 'utf8'));
    const failed = x.testsuites.testsuite.testcase.filter((t: { failure?: unknown }) => t.failure);
    expect(failed.map((t: { '@_name': string }) => t['@_name'])).toEqual(['init_forces (dump.forces @ step 0)']);
    expect(failed[0].failure['@_message']).toMatch(/at atom 22 /);
  });

  it('a candidate without the energy columns fails naming init_vdwl', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-unittest-noe-'));
    cpSync(join(CASE, 'lammps-29Sep2021'), dir, { recursive: true });
    const log = join(dir, 'log.lammps');
    writeFileSync(log, readFileSync(log, 'utf8').replace(/E_vdwl/g, 'E_other'));
    const r = runLmpv(['compare', YAML, dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+energy\s+init_vdwl\s/);
  });
});
