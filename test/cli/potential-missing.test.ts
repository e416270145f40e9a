/**
 * A pair_coeff that names a potential file that is not there: `lmpv run` (spawned as a user runs
 * it) stops with exit 2 and one line naming the input's file and line, the missing file and every
 * place searched (src/io/potentials-path.ts: input folder, $LAMMPS_POTENTIALS, ../shared/potentials,
 * /usr/share/lammps/potentials), for pair eam, eam/alloy, eam/fs and meam. LAMMPS 29Sep2021 says
 * "No MEAM parameter file in pair coefficients" for a missing MEAM parameter file; lmpv names it.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectCleanError, runLmpv } from '../helpers/cli.js';
import { SHARED_POTENTIALS, SYSTEM_POTENTIALS } from '../../src/io/potentials-path.js';

const tmp = mkdtempSync(join(tmpdir(), 'lmpv-potmiss-'));
const envDir = join(tmp, 'env-potentials');
mkdirSync(envDir);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SETUP = `units metal
lattice fcc 3.6
region box block 0 2 0 2 0 2
create_box 2 box
create_atoms 1 box
`;

/** Two MEAM library records (Si, C of LAMMPS's library.meam) so the library itself is found. */
const LIBRARY = `'Si'        'dia'   4.      14           28.086
4.87        4.8     4.8     4.8          4.8   5.431   4.63    1.
1.0         3.30            5.105        -0.80         1.      1
'C'         'dia'   4.      6            12.0111
4.38        4.10    4.200   5.00         3.00  3.567   7.37    1.000
1.0         5.0             9.34         -1.00         2.25    1
`;

function run(name: string, lines: string): ReturnType<typeof runLmpv> {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'in.lammps'), SETUP + lines);
  writeFileSync(join(dir, 'library.meam'), LIBRARY);
  return runLmpv(['run', 'in.lammps'], { cwd: dir, env: { ...process.env, LAMMPS_POTENTIALS: envDir } });
}

function expectNotFound(r: ReturnType<typeof runLmpv>, dir: string, file: string, line: number): void {
  const q = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expectCleanError(r, new RegExp(`in\\.lammps:${line}: potential file '${q}' not found; tried: `));
  // the name as given in the input's folder, then its base name in each search folder
  expect(r.stderr).toContain(join(tmp, dir, file));
  for (const d of [envDir, SHARED_POTENTIALS, SYSTEM_POTENTIALS]) expect(r.stderr).toContain(join(d, file.split('/').pop()!));
}

describe('pair_coeff naming a missing potential file (lmpv run, spawned)', () => {
  it('eam/alloy', () => {
    const r = run('alloy', 'pair_style eam/alloy\npair_coeff * * NoSuch.eam.alloy Cu Ni\nrun 0\n');
    expectNotFound(r, 'alloy', 'NoSuch.eam.alloy', 7);
  });
  it('eam/fs', () => {
    const r = run('fs', 'pair_style eam/fs\npair_coeff * * NoSuch.eam.fs Cu Ni\nrun 0\n');
    expectNotFound(r, 'fs', 'NoSuch.eam.fs', 7);
  });
  it('eam (funcfl, a path with a folder)', () => {
    const r = run('funcfl', 'pair_style eam\npair_coeff 2 2 pots/NoSuch_u3.eam\nrun 0\n');
    expectNotFound(r, 'funcfl', 'pots/NoSuch_u3.eam', 7);
  });
  it('eam: a file that is there but not a funcfl file: its own file and line', () => {
    const r = run('funcfl-bad', 'pair_style eam\npair_coeff 1 1 library.meam\nrun 0\n');
    expectCleanError(r, /library\.meam:2: expected the atomic number of the element \(an integer\), found '4\.87'/);
  });
  it('meam: a missing parameter file among the element names (LAMMPS: "No MEAM parameter file")', () => {
    const r = run('meam-param', 'pair_style meam\npair_coeff * * library.meam Si C SiC_missing.meam Si C\nrun 0\n');
    expectNotFound(r, 'meam-param', 'SiC_missing.meam', 7);
  });
  it('meam: a missing library file', () => {
    const r = run('meam-lib', 'pair_style meam\npair_coeff * * nolib.meam Si C NULL Si C\nrun 0\n');
    expectNotFound(r, 'meam-lib', 'nolib.meam', 7);
  });
  it('meam: no parameter file and no file-like word keeps the LAMMPS rule\'s message', () => {
    const r = run('meam-noparam', 'pair_style meam\npair_coeff * * library.meam Si C Si C\nrun 0\n');
    expectCleanError(r, /in\.lammps:7: .*no MEAM parameter file \(or NULL\) after the library elements/);
  });
});
