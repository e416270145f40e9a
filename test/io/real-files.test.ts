/**
 * Every file real LAMMPS wrote that lmpv's registry recognises reads without error: the fixtures
 * (LAMMPS 29 Sep 2021 from Debian's lmp and lmp_full, LAMMPS 4 Feb 2025 from lmp_2025) and the
 * shared io-zoo. A file is taken when content sniffing names a format; the count per format is
 * checked so that a sniffing regression cannot silently shrink the set.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { frameReader, sniffFormat } from '../../src/io/formats.js';
import { FIXTURES, IO_ZOO } from '../helpers/paths.js';

function files(): { path: string; format: string }[] {
  const dirs = readdirSync(FIXTURES).map((d) => join(FIXTURES, d)).filter((d) => statSync(d).isDirectory());
  if (existsSync(IO_ZOO)) dirs.push(IO_ZOO);
  const out: { path: string; format: string }[] = [];
  for (const d of dirs) {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (!statSync(p).isFile() || statSync(p).size > 8_000_000 || f.endsWith('.gz')) continue;
      const head = readFileSync(p).subarray(0, 4096).toString('utf8');
      const fmt = sniffFormat(p, head);
      // sniffing by content only: a name alone (e.g. species.* prefixes) does not make a file count here
      // nacl-primitive-general.xyz: a general Lattice, which the extxyz reader refuses by design
      // unless asked to rotate it (src/io/extxyz.ts; test/io/extxyz.test.ts checks that error)
      if (f === 'nacl-primitive-general.xyz') continue;
      if (fmt && fmt.magic?.(head)) out.push({ path: p, format: fmt.name });
    }
  }
  return out;
}

describe('every real LAMMPS / OVITO-layout file in the fixtures reads', () => {
  const all = files();

  it('LAMMPS logs are not taken for data files (their read_data echo has an \'N atoms\' line)', () => {
    expect(all.filter((f) => /\/log[^/]*$/.test(f.path))).toEqual([]);
  });

  it('finds files of every registry format written by real programs', () => {
    const by = new Map<string, number>();
    for (const f of all) by.set(f.format, (by.get(f.format) ?? 0) + 1);
    for (const name of ['lammps-data', 'lammps-dump-text', 'lammps-dump-yaml', 'lammps-dump-binary', 'reaxff-bonds', 'reaxff-species', 'reaxff-species-position', 'ovito-attributes']) {
      expect(by.get(name) ?? 0, name).toBeGreaterThan(0);
    }
  });

  for (const f of all) {
    it(`${f.format}: ${f.path.replace(/^.*\/(fixtures\/lammps|reference)\//, '$1/')}`, async () => {
      const read = await frameReader((await import('../../src/io/formats.js')).getFormat(f.format));
      let frames = 0;
      for await (const fr of read(f.path, { warnings: [] })) {
        expect(fr.natoms).toBeGreaterThanOrEqual(0);
        frames++;
      }
      expect(frames).toBeGreaterThan(0);
    });
  }
});
