/**
 * OVITO "Table of global attributes": the layout of OVITO's AttributeFileExporter (header of quoted
 * names after '#', one row per frame, each value followed by a space); `lmpv acna --attributes T`
 * writes per-frame a-CNA counts under OVITO's names, and reading T gives the same counts back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseError } from '../../src/io/errors.js';
import { formatOvitoAttributesTable, parseOvitoAttributesTable, readOvitoAttributesTable } from '../../src/io/ovito-attributes.js';
import { sniffFormat } from '../../src/io/formats.js';
import { FIXTURES, REPO } from '../helpers/paths.js';

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'lmpv-attr-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('OVITO attribute tables', () => {
  it('reads the layout OVITO writes: quoted names, trailing spaces, quoted string values', async () => {
    const text = '# "Frame" "Timestep" "CommonNeighborAnalysis.counts.FCC" "SourceFrame name"\n0 0 2000 "a b" \n1 100 1987.5 x \n';
    const t = await parseOvitoAttributesTable(text);
    expect(t.names).toEqual(['Frame', 'Timestep', 'CommonNeighborAnalysis.counts.FCC', 'SourceFrame name']);
    expect(t.rows).toEqual([[0, 0, 2000, 'a b'], [1, 100, 1987.5, 'x']]);
    expect(formatOvitoAttributesTable(t)).toBe(text);
    expect(sniffFormat('t.txt', text)?.name).toBe('ovito-attributes');
  });

  it('bad tables: ParseError with the line', async () => {
    await expect(parseOvitoAttributesTable('# "A" "B"\n1 2\n3\n', 't.txt')).rejects.toThrow(/^t\.txt:3: expected 2 values \(A, B\), found 1$/);
    await expect(parseOvitoAttributesTable('1 2\n', 't.txt')).rejects.toThrow(/^t\.txt:1: expected the header/);
    await expect(parseOvitoAttributesTable('# "A" "A"\n', 't.txt')).rejects.toThrow(/appears twice/);
    await expect(parseOvitoAttributesTable('# "A\n', 't.txt')).rejects.toThrow(/^t\.txt:1: unterminated quoted value/);
    await expect(parseOvitoAttributesTable('', 't.txt')).rejects.toThrow(ParseError);
  });

  it('lmpv acna DUMP --attributes T: reading T gives back the per-frame counts, under OVITO\'s names', async () => {
    const dump = join(FIXTURES, 'binary-dumps', 'dump.custom.lammpstrj');
    const r = spawnSync(process.execPath, [join(REPO, 'bin', 'lmpv.js'), 'acna', dump, '--json', '--attributes', 'cna.txt'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { frames: { frame: number; timestep: number; counts: Record<string, number> }[] };
    const t = await readOvitoAttributesTable(join(dir, 'cna.txt'));
    expect(t.names).toEqual(['Frame', 'Timestep', 'CommonNeighborAnalysis.counts.OTHER', 'CommonNeighborAnalysis.counts.FCC',
      'CommonNeighborAnalysis.counts.HCP', 'CommonNeighborAnalysis.counts.BCC', 'CommonNeighborAnalysis.counts.ICO']);
    expect(t.rows).toEqual(json.frames.map((f) => [f.frame, f.timestep, f.counts.other, f.counts.fcc, f.counts.hcp, f.counts.bcc, f.counts.ico]));
    expect(t.rows.map((row) => row[1])).toEqual([0, 10, 20, 30, 40]);
    // the committed seed (scripts/make-ovito-attributes-fixture.sh) still matches what acna writes
    expect(readFileSync(join(dir, 'cna.txt'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'ovito-attributes', 'acna.attributes.txt'), 'utf8'));
  });
});
