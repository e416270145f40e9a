/**
 * `fix acks2/reaxff` (LAMMPS src/REAXFF/fix_acks2_reaxff.cpp) is refused by name with the script's
 * file and line and what to do instead; the RDX fixture with it stops there, before the run.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Interpreter } from '../../../src/engine/input/interpreter.js';
import { FIXTURES } from '../../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'lmpv-acks2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fix acks2/reaxff', () => {
  for (const style of ['acks2/reaxff', 'acks2/reax']) {
    it(`${style}: "not implemented in lmpv; use --engine lammps" with file and line`, () => {
      for (const f of ['data.rdx', 'ffield.reax', 'control.reax_c.rdx']) copyFileSync(join(FIXTURES, 'reaxff-rdx', f), join(dir, f));
      writeFileSync(join(dir, 'in.acks2'), [
        'units real', 'atom_style charge', 'read_data data.rdx',
        'pair_style reaxff control.reax_c.rdx', 'pair_coeff * * ffield.reax C H O N',
        `fix 2 all ${style} 1 0.0 10.0 1.0e-8 reaxff`, 'run 10', '',
      ].join('\n'));
      let screen = '';
      const interp = new Interpreter({ cwd: dir, log: null, screen: (t) => { screen += t; } });
      expect(() => interp.runFile('in.acks2')).toThrow(new RegExp(`in\\.acks2:6: fix ${style.replace('/', '\\/')} .*is not implemented in lmpv; use --engine lammps`));
      expect(screen).not.toMatch(/Step/);
    });
  }
});
