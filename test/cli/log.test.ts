import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_SHARED, IO_ZOO, REFERENCE, REPO } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'lmpv-log-cli-'));

// dist/ is built once by test/global-setup.ts (vitest globalSetup); building here too would race
// with other test files' CLI processes reading dist/.
beforeAll(() => {
  if (!existsSync(join(REPO, 'dist', 'src', 'cli', 'log.js'))) throw new Error('dist/src/cli/log.js missing: build with npx tsc -p tsconfig.json');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function lmpv(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin', 'lmpv.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!HAVE_SHARED)('lmpv log (needs ../shared/reference)', () => {
  const zoo = join(IO_ZOO, 'log.lammps');

  it('prints a summary per thermo block', () => {
    const r = lmpv('log', zoo);
    expect(r.stderr).toBe('');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^.*log\.lammps: LAMMPS 29 Sep 2021 - Update 2, 6 thermo blocks, 2 warnings, 0 errors\n/);
    expect(r.stdout).toContain("block 4 (minimize, custom, 'minimize 0.0 1.0e-6 50 500', lines 204-209): 5 rows x 4 columns");
    expect(r.stdout).toContain('loop time 0.013998 s on 1 procs for 38 steps with 256 atoms, 1 warning');
    expect(r.stdout).toContain('minimization stopped on force tolerance after 38 iterations');
    expect(r.stdout).toMatch(/\n {2}Fnorm +369\.72647 +6\.5262115e-7\n/);
    expect(r.stdout).toMatch(/\n {2}Temp +0\.78631509768331 +0\.812751102511574\n/);
  });

  it('--csv OUT writes one CSV whose numbers read back exactly', () => {
    const outFile = join(tmp, 'thermo.csv');
    const r = lmpv('log', join(REFERENCE, 'reaxff-rdx', 'log.lammps'), '--csv', outFile);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote 101 rows of 1 thermo block to ${outFile}\n`);
    const rows = Papa.parse<Record<string, string>>(readFileSync(outFile, 'utf8').trim(), { header: true }).data;
    expect(rows).toHaveLength(101);
    expect(rows[0].run).toBe('1');
    expect(Number(rows[0].PotEng)).toBe(-1884.30808249909);
    expect(Number(rows[100].Step)).toBe(100);
    // the value of step 37 as printed in the log
    const line = readFileSync(join(REFERENCE, 'reaxff-rdx', 'log.lammps'), 'utf8').split('\n').find((l) => /^\s+37 /.test(l))!;
    expect(Number(rows[37]['c_reax[14]'])).toBe(Number(line.trim().split(/\s+/)[19]));
  });

  it('reads gzip-compressed logs (by content, whatever the name)', () => {
    const gz = join(tmp, 'log.compressed');
    writeFileSync(gz, gzipSync(readFileSync(join(IO_ZOO, 'log.charge.lammps'))));
    const r = lmpv('log', gz, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].data.E_coul[0]).toBe(53081.5473725728);
  });

  it('--json prints the parsed log', () => {
    const r = lmpv('log', join(IO_ZOO, 'log.varying.lammps'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.runs).toHaveLength(1);
    expect(j.runs[0].data.Atoms).toEqual([256, 252, 248, 244, 240, 236, 232, 228, 224, 220]);
    expect(j.runs[0].natoms).toBe(220);
    expect(j.totalWallTime).toBe(0);
  });

  it('a truncated log: rows up to the cut, INCOMPLETE, reader warnings on stderr', () => {
    const text = readFileSync(join(REFERENCE, 'meam-sic', 'log.lammps'), 'utf8');
    const cut = join(tmp, 'cut.log');
    writeFileSync(cut, text.substring(0, text.indexOf('\n      50 ') + 30));
    const r = lmpv('log', cut);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('50 rows x 12 columns (INCOMPLETE: no Loop time line)');
    expect(r.stderr).toMatch(/cut\.log:\d+: warning: last line has no newline/);
  });

  it('bad input: one error line, exit 2, no output file', () => {
    const missing = lmpv('log', join(tmp, 'nope.log'));
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toBe(`lmpv: error: ${join(tmp, 'nope.log')}: no such file\n`);

    const notLog = lmpv('log', join(IO_ZOO, 'data.atomic'));
    expect(notLog.code, notLog.stderr).toBe(2);
    expect(notLog.stderr).toMatch(/^lmpv: error: .*data\.atomic: not a LAMMPS log \(no LAMMPS banner, input commands or thermo output found\)\n$/);

    const both = lmpv('log', zoo, '--json', '--csv', join(tmp, 'x.csv'));
    expect(both.code, both.stderr).toBe(2);
    expect(both.stderr).toBe('lmpv: error: --csv and --json cannot be combined\n');
    expect(existsSync(join(tmp, 'x.csv'))).toBe(false);

    const badDir = lmpv('log', zoo, '--csv', join(tmp, 'no-such-dir', 'x.csv'));
    expect(badDir.code, badDir.stderr).toBe(2);
    expect(badDir.stderr).toBe(`lmpv: error: ${join(tmp, 'no-such-dir', 'x.csv')}: cannot write the CSV (no such directory)\n`);
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
