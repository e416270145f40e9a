/**
 * The shared io-zoo script (reference/io-zoo/in.lammps, parts A and B: LJ fluid with several runs,
 * minimize, dump atom/custom/xyz variants, units/time headers, element names, format line, gzip,
 * unsorted order; then atom_style charge with lj/cut/coul/cut) run in lmpv from its own folder:
 * the dumps it writes are compared with the files real LAMMPS wrote there. Parts C-E need
 * atom_style full / fix evaporate / dynamic groups, which lmpv does not have, so the script is cut
 * before part C; part D (triclinic prism box) is run on its own.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Interpreter } from '../../src/engine/input/interpreter.js';
import { IO_ZOO, HAVE_SHARED } from '../helpers/paths.js';
import { compareDumps, readDump } from './helpers.js';
import { parseLammpsLog } from '../../src/io/lammps-log.js';

describe.skipIf(!HAVE_SHARED)('io-zoo parts A, B and D in lmpv (needs ../shared/reference)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-iozoo-'));
  let ran = false;
  const run = () => {
    if (ran) return;
    cpSync(IO_ZOO, dir, { recursive: true });
    for (const f of readdirSync(dir)) chmodSync(join(dir, f), 0o644);
    const text = readFileSync(join(IO_ZOO, 'in.lammps'), 'utf8');
    const cut = text.indexOf('# ===================================================================== C:');
    expect(cut).toBeGreaterThan(0);
    writeFileSync(join(dir, 'in.ab'), text.slice(0, cut));
    const it = new Interpreter({ cwd: dir, log: join(dir, 'log.lmpv') });
    it.runFile('in.ab');
    // part D (triclinic box) alone: it starts with `clear` and opens its own log
    const d0 = text.indexOf('# ===================================================================== D:');
    const d1 = text.indexOf('# ===================================================================== E:');
    writeFileSync(join(dir, 'in.d'), text.slice(d0, d1));
    new Interpreter({ cwd: dir, log: null }).runFile('in.d');
    ran = true;
  };

  const SAME_TEXT = [
    'dump.atom.scaled-image.lammpstrj',
    'dump.atom.unscaled-image.lammpstrj',
    'dump.custom.unsorted.lammpstrj',
    'dump.xyz',
    'dump.custom.units-time.lammpstrj',
    'dump.custom.element.lammpstrj',
    'dump.custom.format-line.lammpstrj',
    'dump.triclinic.atom.lammpstrj',
  ];
  it.each(SAME_TEXT)('%s is the same text as LAMMPS wrote', (f) => {
    run();
    expect(readFileSync(join(dir, f), 'utf8') === readFileSync(join(IO_ZOO, f), 'utf8')).toBe(true);
  });

  it('the gzip dump decompresses to the same text', () => {
    run();
    const a = gunzipSync(readFileSync(join(dir, 'dump.custom.lammpstrj.gz'))).toString();
    const b = gunzipSync(readFileSync(join(IO_ZOO, 'dump.custom.lammpstrj.gz'))).toString();
    expect(a === b).toBe(true);
  });

  it.each(['dump.custom.positions.lammpstrj', 'dump.charge.lammpstrj', 'dump.triclinic.custom.lammpstrj'])('%s (15 digits) agrees to 1e-10 at step 0 and 1e-8 later', async (f) => {
    run();
    const ours = await readDump(join(dir, f));
    const theirs = await readDump(join(IO_ZOO, f));
    const cols = [...theirs[0].columns.keys()].filter((k) => k !== 'id');
    const w0 = compareDumps(ours.slice(0, 1), theirs.slice(0, 1), cols, 0, 1e-10);
    expect(w0.err, w0.where).toBeLessThanOrEqual(1e-10);
    const w = compareDumps(ours, theirs, cols, 0, 1e-10);
    expect(w.err, w.where).toBeLessThanOrEqual(1e-8);
  });

  it('the log has the same runs (multi, one, custom, minimize) as LAMMPS\'s', () => {
    run();
    const ours = parseLammpsLog(readFileSync(join(dir, 'log.lmpv'), 'utf8'));
    const theirs = parseLammpsLog(readFileSync(join(IO_ZOO, 'log.lammps'), 'utf8'));
    expect(ours.runs.map((r) => `${r.kind}/${r.style}/${r.columns.join(',')}/${r.nrows}`)).toEqual(theirs.runs.map((r) => `${r.kind}/${r.style}/${r.columns.join(',')}/${r.nrows}`));
  });
});
