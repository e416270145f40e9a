/**
 * Issue 14's false pass: a reference output named as LAMMPS users name them (traj.dump, run.log,
 * x.lammpstrj.gz, *.xyz, dump.*, log.*, no extension) was copied into the run folder as an input,
 * so a candidate that never wrote it was compared with the reference's own copy and passed.
 * Every test spawns the shipped CLI (`lmpv verify`), so the shipped copy step and comparison run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { FIXTURES, REFERENCE } from '../helpers/paths.js';
import { caseFiles } from '../../src/verify/outputs.js';
import { runLmpv } from '../helpers/cli.js';

/** Debian lmp wrote these (scripts/make-engine-fixtures.sh): LJ liquid, 256 atoms, 100 NVE steps. */
const LJ = join(FIXTURES, 'engine-lj-liquid-nve');
const SCRIPT = readFileSync(join(LJ, 'in.lammps'), 'utf8');
const DUMP = readFileSync(join(LJ, 'dump.lammpstrj'), 'utf8');
const LOG = readFileSync(join(LJ, 'log.lammps'), 'utf8');

/** The reference dump with `delta` added to one column of one atom in the first frame. */
function perturbDump(text: string, column: string, atomId: number, delta: number): string {
  const lines = text.split('\n');
  const h = lines.findIndex((l) => l.startsWith('ITEM: ATOMS'));
  const cols = lines[h].split(/\s+/).slice(2);
  const c = cols.indexOf(column);
  const i = lines.findIndex((l, k) => k > h && l.split(' ')[0] === String(atomId));
  const f = lines[i].split(' ');
  f[c] = String(Number(f[c]) + delta);
  lines[i] = f.join(' ');
  return lines.join('\n');
}

/** The reference log with PotEng of the row at `step` scaled by (1 + rel). */
function perturbLog(text: string, step: number, rel: number): string {
  const lines = text.split('\n');
  const h = lines.findIndex((l) => /^Step\s/.test(l));
  const names = lines[h].trim().split(/\s+/);
  const c = names.indexOf('PotEng');
  const i = lines.findIndex((l, k) => k > h && l.trim().split(/\s+/)[0] === String(step));
  const f = lines[i].trim().split(/\s+/);
  f[c] = String(Number(f[c]) * (1 + rel));
  lines[i] = f.join(' ');
  return lines.join('\n');
}

/** Plain XYZ as `dump xyz` writes it (count, `Atoms. Timestep: N`, type x y z) from the reference dump's frames. */
function xyzFromDump(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'ITEM: TIMESTEP') continue;
    const step = lines[i + 1];
    const n = Number(lines[i + 3]);
    out.push(String(n), `Atoms. Timestep: ${step}`);
    for (let k = 0; k < n; k++) {
      const f = lines[i + 9 + k].split(' ');
      out.push(`${f[1]} ${f[2]} ${f[3]} ${f[4]}`);
    }
  }
  return out.join('\n') + '\n';
}

/**
 * A case folder: the LJ script with its dump line writing `dumpName` (or no dump at all), and the
 * reference outputs under the names given.
 */
function makeCase(opts: { script: string; files: Record<string, string | Buffer> }): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-verify-outputs-'));
  writeFileSync(join(dir, 'in.lammps'), opts.script);
  for (const [n, c] of Object.entries(opts.files)) writeFileSync(join(dir, n), c);
  return dir;
}

const NO_DUMP = SCRIPT.replace(/^dump\s.*$/m, '').replace(/^dump_modify\s.*$/m, '');
const withDump = (name: string) => SCRIPT.replace(/dump\.lammpstrj/, name);

interface JUnitCase { '@_classname': string; '@_name': string; failure?: { '@_message': string } }
function junitCases(path: string): JUnitCase[] {
  const x = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(readFileSync(path, 'utf8'));
  return x.testsuites.testsuite.flatMap((s: { testcase?: JUnitCase[] }) => s.testcase ?? []);
}

describe('lmpv verify: a reference output the candidate did not write fails, whatever its name', () => {
  const bad = perturbDump(DUMP, 'fx', 17, 5.0);
  const cases: Array<[string, string | Buffer]> = [
    ['traj.dump', bad],
    ['x.lammpstrj.gz', gzipSync(Buffer.from(bad))],
    ['dump.forces', bad],
    ['trajectory', bad], // no extension: a dump by content
    ['positions.xyz', xyzFromDump(perturbDump(DUMP, 'x', 17, 5.0))],
    ['run.log', perturbLog(LOG, 50, 5.0)],
    ['log.production', perturbLog(LOG, 50, 5.0)],
    ['thermo_output', perturbLog(LOG, 50, 5.0)], // no extension: a log by content
  ];
  for (const [name, content] of cases) {
    it(`${name}: perturbed by 5.0, not written by the script -> exit 1 naming ${name}`, () => {
      const dir = makeCase({ script: NO_DUMP, files: { 'log.lammps': LOG, [name]: content } });
      const junit = join(dir, 'junit.xml');
      const r = runLmpv(['verify', dir, '--junit', junit]);
      expect(r.code, r.stderr + r.stdout).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`FAIL\\s+outputs\\s+${name.replace(/\./g, '\\.')}\\s`));
      const failed = junitCases(junit).filter((c) => c.failure);
      expect(failed.map((c) => c['@_name'])).toEqual([name]);
      expect(failed[0]['@_classname']).toMatch(/\.outputs$/);
    });
  }
});

describe('lmpv verify: outputs under users\' names are compared with what the candidate wrote', () => {
  for (const name of ['traj.dump', 'x.lammpstrj.gz']) {
    const write = (text: string) => (name.endsWith('.gz') ? gzipSync(Buffer.from(text)) : text);

    it(`${name}: the true reference passes`, () => {
      const dir = makeCase({ script: withDump(name), files: { 'log.lammps': LOG, [name]: write(DUMP) } });
      const r = runLmpv(['verify', dir, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const results = JSON.parse(r.stdout).reports[0].results as Array<{ check: string; name: string; passed: boolean }>;
      // forces of both frames were compared, from the dump under its user's name
      expect(results.filter((x) => x.check === 'forces' && x.name.startsWith(`${name}:`)).length).toBe(2);
    });

    it(`${name}: a reference force perturbed by 5.0 fails with a JUnit testcase naming fx fy fz and atom 17`, () => {
      const dir = makeCase({ script: withDump(name), files: { 'log.lammps': LOG, [name]: write(perturbDump(DUMP, 'fx', 17, 5.0)) } });
      const junit = join(dir, 'junit.xml');
      const r = runLmpv(['verify', dir, '--junit', junit]);
      expect(r.code, r.stderr).toBe(1);
      const failed = junitCases(junit).filter((c) => c.failure);
      expect(failed.map((c) => c['@_name'])).toEqual([`${name}: fx fy fz @ step 0`]);
      expect(failed[0].failure!['@_message']).toMatch(/^max abs error (4\.9999999\d*|5\.0\d*) > tolerance 1e-8 at atom 17 /);
    });
  }

  it('a reference energy perturbed beyond tolerance fails naming PotEng and the step', () => {
    const dir = makeCase({ script: SCRIPT, files: { 'log.lammps': perturbLog(LOG, 50, 1e-6), 'dump.lammpstrj': DUMP } });
    const junit = join(dir, 'junit.xml');
    const r = runLmpv(['verify', dir, '--junit', junit]);
    expect(r.code, r.stderr).toBe(1);
    const failed = junitCases(junit).filter((c) => c.failure);
    expect(failed.map((c) => c['@_name'])).toEqual(['log.lammps: PotEng over 11 rows']);
    expect(failed[0].failure!['@_message']).toMatch(/ at step 50 /);
  });

  it('the one rule sorts a real case folder: inputs without extensions stay inputs, every log and dump is an output', () => {
    const dir = join(REFERENCE, 'timestep');
    const f = caseFiles(dir);
    expect(f.inputs).toEqual(['data.CHO', 'data.cho-500K', 'ffield.reax.cho', 'in.lammps', 'in.prep', 'lmp_control', 'param.qeq']);
    expect(f.logs).toEqual(['log.dt0.1', 'log.dt0.25', 'log.dt0.5', 'log.lammps', 'log.prep']);
    expect(f.dumps).toEqual(['dump.forces.dt0.1.lammpstrj', 'dump.forces.dt0.25.lammpstrj', 'dump.forces.dt0.5.lammpstrj']);
    const zoo = caseFiles(join(REFERENCE, 'io-zoo'));
    expect(zoo.dumps).toContain('dump.xyz');
    expect(zoo.dumps).toContain('dump.custom.lammpstrj.gz');
    expect(zoo.dumps).not.toContain('dump.bonds.local');
    expect(zoo.outputs).toContain('dump.bonds.local');
    // what io-zoo's in.lammps writes (write_data) is an output; what it reads (data.peptide) an input
    expect(zoo.inputs).toEqual(['FILES.md', 'data.peptide', 'in.lammps']);
    expect(zoo.outputs).toContain('data.full');
    // fix reaxff/bonds and reaxff/species files, and fix ave/time files (by their header), are outputs
    expect(caseFiles(join(REFERENCE, 'reaxff-tatb')).outputs).toEqual(['bonds.reaxff', 'dump.forces.lammpstrj', 'log.lammps', 'species.tatb']);
    expect(caseFiles(join(FIXTURES, 'engine-misc')).outputs).toContain('ave.out');
  });
});
