import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMeamLibrary, parseMeamParamFile, readMeamLibrary } from '../../src/io/meam-library.js';
import { parseReaxffFfield, readReaxffFfield } from '../../src/io/reaxff-ffield.js';
import { REFERENCE, SHARED } from '../helpers/paths.js';
import { expectCleanError, runLmpv } from '../helpers/cli.js';

const POT = join(SHARED, 'potentials');
const tmp = mkdtempSync(join(tmpdir(), 'lmpv-ff-cli-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function lmpv(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // run outside the repository (files the CLI writes land in tmp) and name the potentials folder explicitly
  return runLmpv(args, { cwd: tmp, env: { ...process.env, LAMMPS_POTENTIALS: POT } });
}
const tmpFiles = (): string[] => readdirSync(tmp).filter((f) => f.endsWith('.tmp'));

describe.skipIf(!existsSync(POT))('lmpv ffield (needs ../shared/potentials)', () => {
  it('summary; the file is found by name on the potentials path; LAMMPS warnings on stderr', () => {
    const r = lmpv('ffield', 'ffield.reax.LiS_Islam2015');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${join(POT, 'ffield.reax.LiS_Islam2015')}: ReaxFF ffield 'Reactive MD-force field: Li/S PCCP 2014'`);
    expect(r.stdout).toContain('2 atoms: S Li; vdW type 1');
    expect(r.stdout).toContain('3 bonds, 1 off-diagonal, 5 angles, 3 torsions, 0 hydrogen bonds');
    expect(r.stderr).toMatch(/ffield.reax.LiS_Islam2015:53: warning: atom Li has van der Waals type 3/);
  });
  it('--json: named parameters', () => {
    const r = lmpv('ffield', join(POT, 'ffield.reax.LiNaMg_Gaissmaier2022'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.general.swb).toBe(10);
    expect(j.atoms.map((a: { element: string }) => a.element)).toEqual(['Li', 'Na', 'Mg']);
    expect(j.atoms[0].p.r_s).toBe(1.977);
    expect(j.bonds[0]).toMatchObject({ i: 1, j: 1, p: { De_s: 40.3642 } });
  });
  it('--out writes a file with the same parameters; --elements Li,Na a valid smaller one', () => {
    const full = join(tmp, 'full.ff');
    const sub = join(tmp, 'lina.ff');
    expect(lmpv('ffield', join(POT, 'ffield.reax.LiNaMg_Gaissmaier2022'), '--out', full).code).toBe(0);
    expect(lmpv('ffield', join(POT, 'ffield.reax.LiNaMg_Gaissmaier2022'), '--elements', 'Li,Na', '--out', sub).code).toBe(0);
    const a = readReaxffFfield(join(POT, 'ffield.reax.LiNaMg_Gaissmaier2022'));
    const b = readReaxffFfield(full);
    expect(b.atoms.rows.map((x) => x.p)).toEqual(a.atoms.rows.map((x) => x.p));
    const s = readReaxffFfield(sub);
    expect(s.atoms.rows.map((x) => x.element)).toEqual(['Li', 'Na']);
    expect(s.bonds.rows.map((x) => [x.i, x.j])).toEqual([[1, 1], [1, 2], [2, 2]]);
    expect(tmpFiles()).toEqual([]);
  });
  it('the Aryanfar file: exit 2 with file, line, parameter and fix; nothing written; --repair writes it', () => {
    const o = join(tmp, 'ary.ff');
    writeFileSync(o, 'KEEP');
    const r = lmpv('ffield', join(POT, 'ffield.reax.Li_Aryanfar2015'), '--out', o);
    expectCleanError(r, /^lmpv: error: .*ffield.reax.Li_Aryanfar2015:35: general parameter 33 \(p_ovun3\): expected a number, found '5.6937!Overcoordination' \(a comment glued to the number.*\); lmpv: --repair does that\n$/);
    expect(readFileSync(o, 'utf8')).toBe('KEEP');
    const ok = lmpv('ffield', join(POT, 'ffield.reax.Li_Aryanfar2015'), '--repair', '--out', o);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/:35: warning: '5.6937!Overcoordination': comment glued/);
    expect(readReaxffFfield(o).general.values[32]).toBe(5.6937);
  });
  it('malformed files and bad flags: one line, exit 2', () => {
    const bad = join(tmp, 'bad.ff');
    const text = readFileSync(join(POT, 'ffield.reax.LiS_Islam2015'), 'utf8').replace('6.9410', '6.94l0');
    writeFileSync(bad, text);
    expectCleanError(lmpv('ffield', bad), /bad.ff:50: atom 2 \(Li\) mass: expected a number, found '6.94l0'/);
    expectCleanError(lmpv('ffield', 'ffield.reax.LiS_Islam2015', '--elements', 'Xx'), /--elements: 'Xx' is not in .* \(it has S Li\)/);
    expectCleanError(lmpv('ffield', 'ffield.reax.LiS_Islam2015', '--elements', ','), /--elements ',': expected element names/);
    if (existsSync('/usr/share/lammps/potentials/ffield.reax.lg')) {
      expectCleanError(lmpv('ffield', '/usr/share/lammps/potentials/ffield.reax.lg'), /requires using 'lgvdw yes'.*; lmpv: add --lgvdw\n$/);
      expect(lmpv('ffield', '/usr/share/lammps/potentials/ffield.reax.lg', '--lgvdw').code).toBe(0);
    }
    expectCleanError(lmpv('ffield', 'no-such-ffield'), /potential file 'no-such-ffield' not found; tried: /);
    // a count off by one
    writeFileSync(bad, readFileSync(join(POT, 'ffield.reax.LiS_Islam2015'), 'utf8').replace(/^3 ! Nr of bonds/m, '4 ! Nr of bonds'));
    expectCleanError(lmpv('ffield', bad), /bad.ff:\d+: bond 4: expected at least 10 words.*is the bond count 4 on line \d+ right\?/);
    // truncated
    writeFileSync(bad, text.split('\n').slice(0, 47).join('\n'));
    expectCleanError(lmpv('ffield', bad), /bad.ff:47: unexpected end of file: expected line 3 of atom 1 of 2\n$/);
  });
});

describe.skipIf(!existsSync(POT))('lmpv meam (needs ../shared/potentials)', () => {
  it('summary with the parameters LAMMPS ends up with', () => {
    const r = lmpv('meam', 'library.Li_Cui2012.meam', 'Li_Cui2012.meam');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('MEAM library, 1 records, elements Li');
    expect(r.stdout).toContain('rc 4.8 delr 0.2 augt1 0 ialloy 2 erose_form 2');
    expect(r.stdout).toMatch(/Li: bcc mass 6.94 Ec 1.65 re 2.99 alpha 3 A 0.64 .* nn2 1 zbl 0 Cmin 0.31 Cmax 1.91 attrac 0.14 repuls 0.14/);
  });
  it('--json with NULL parameter file: LAMMPS defaults', () => {
    const r = lmpv('meam', 'library.meam.lammps-data', 'NULL', '--elements', 'Li', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.library.map((e: { element: string }) => e.element)).toEqual(['Li']);
    expect(j.setup).toMatchObject({ rc: 4, delr: 0.1, augt1: 1, ialloy: 0, erose_form: 0, gsmooth_factor: 99, nn2: [[0]], zbl: [[1]], Cmin: [[[2]]], Cmax: [[[2.8]]] });
  });
  it('--elements subset of SiC with --param-elements: both files written, renumbered', () => {
    const d = join(REFERENCE, 'meam-sic');
    const lib = join(tmp, 'c.lib');
    const par = join(tmp, 'c.meam');
    const r = lmpv('meam', join(d, 'library.meam'), join(d, 'SiC.meam'), '--param-elements', 'Si,C', '--elements', 'C', '--out-library', lib, '--out-param', par);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(parseMeamLibrary(readFileSync(lib, 'utf8'), lib).map((e) => e.element)).toEqual(['C']);
    expect(parseMeamLibrary(readFileSync(lib, 'utf8'), lib)[0]).toMatchObject({ ...readMeamLibrary(join(d, 'library.meam')).find((e) => e.element === 'C'), file: lib, line: expect.any(Number), endLine: expect.any(Number) });
    const p = parseMeamParamFile(readFileSync(par, 'utf8'), par);
    expect(p.entries.map((e) => [e.keyword, e.indices, e.value])).toEqual([['rho0', [1], 2.25], ['rc', [], 4], ['delr', [], 0.1]]);
    expect(tmpFiles()).toEqual([]);
  });
  it('errors: one line, exit 2', () => {
    const d = join(REFERENCE, 'meam-sic');
    expectCleanError(lmpv('meam', join(d, 'library.meam'), join(d, 'SiC.meam'), '--elements', 'C', '--out-param', join(tmp, 'x')), /--elements with a parameter file that uses element indices up to 2: give the pair_coeff element order .* --param-elements/);
    expect(existsSync(join(tmp, 'x'))).toBe(false);
    const bad = join(tmp, 'bad.meam');
    writeFileSync(bad, 'rc = 4.0\nEc(1,1) = 1.65x\n');
    expectCleanError(lmpv('meam', 'library.Li_Cui2012.meam', bad), /bad.meam:2: Ec: expected a number, found '1.65x'/);
    writeFileSync(bad, "'Li' 'bcc' 8 3 6.94\n3.0 1.03 4.88 4.15 5.27 3.45 1.65\n");
    expectCleanError(lmpv('meam', bad), /bad.meam:2: MEAM library record starting at line 1 \('Li'\) ends after 12 of 19 words: 'asub' is missing/);
    expectCleanError(lmpv('meam', 'library.meam.lammps-data', 'NULL', '--elements', 'Qq'), /--elements: 'Qq' is not in the MEAM library/);
  });
});

describe('no written file is ever half-finished', () => {
  it('output files are complete documents', () => {
    for (const f of readdirSync(tmp).filter((x) => x.endsWith('.ff') && x !== 'bad.ff')) {
      const t = readFileSync(join(tmp, f), 'utf8');
      if (t === 'KEEP') continue;
      expect(() => parseReaxffFfield(t, f)).not.toThrow();
    }
  });
});
