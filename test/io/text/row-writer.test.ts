/**
 * Writers copy the file's own tokens for columns nobody changed (AtomFrame.text, reader option
 * keepText) and format everything else as shortest round-trip text: a LAMMPS %g dump converts to a
 * dump byte for byte, a column changed in place or replaced is written from its values, extxyz
 * integer properties never get a non-integer token, and a general triclinic frame's rotated
 * positions are never copied.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDumpFrame, parseLammpsDump } from '../../../src/io/lammps-dump.js';
import { formatExtxyzFrame, parseExtxyz } from '../../../src/io/extxyz.js';
import { FIXTURES } from '../../helpers/paths.js';

// as LAMMPS's default dump custom %g writes them: 6 significant digits, exponents with two digits
const DUMP = `ITEM: TIMESTEP
5
ITEM: NUMBER OF ATOMS
3
ITEM: BOX BOUNDS pp pp pp
0.0000000000000000e+00 6.7183847655300291e+00
0.0000000000000000e+00 6.7183847655300291e+00
0.0000000000000000e+00 6.7183847655300291e+00
ITEM: ATOMS id type x y c_big vx
1 1 0.5 1e-07 1e+06 -6.80942e-05
2 1 1.25 3.00000 2e+06 0.153562
3 2 6.71838 -0 1000000 1.63448
`;

describe('token pass-through', () => {
  it('dump -> dump: every token as the file had it, without keepText each value as shortest text', async () => {
    const [kept] = await parseLammpsDump(DUMP, { keepText: true });
    expect(formatDumpFrame(kept)).toBe(DUMP);
    const [plain] = await parseLammpsDump(DUMP);
    const rows = formatDumpFrame(plain).split('\n').slice(9, 12);
    expect(rows).toEqual([
      '1 1 0.5 1e-7 1000000 -0.0000680942',
      '2 1 1.25 3 2000000 0.153562',
      '3 2 6.71838 -0 1000000 1.63448',
    ]);
  });

  it('a column changed in place, or replaced, is written from its values; the others stay tokens', async () => {
    const [f] = await parseLammpsDump(DUMP, { keepText: true });
    (f.columns.get('vx') as Float64Array)[1] = 0.25;
    f.columns.set('y', Float64Array.from([2e-7, 3, -0]));
    const rows = formatDumpFrame(f).split('\n').slice(9, 12);
    expect(rows).toEqual([
      '1 1 0.5 2e-7 1e+06 -0.0000680942',
      '2 1 1.25 3 2e+06 0.25',
      '3 2 6.71838 -0 1000000 1.63448',
    ]);
  });

  it('a column subset in another order copies the tokens it can', async () => {
    const [f] = await parseLammpsDump(DUMP, { keepText: true });
    const rows = formatDumpFrame(f, { columns: ['vx', 'c_big', 'id'] }).split('\n').slice(9, 12);
    expect(rows).toEqual(['-6.80942e-05 1e+06 1', '0.153562 2e+06 2', '1.63448 1000000 3']);
  });

  it('extxyz: real columns copy tokens; an integer property (c_big: 1e+06) gets integer text', async () => {
    const dump = DUMP.replace('x y c_big vx', 'x y z c_big')
      .replace('1e+06 -6.80942e-05', '0.5 1e+06').replace('2e+06 0.153562', '0.5 2e+06').replace('1000000 1.63448', '0.5 1000000');
    const [f] = await parseLammpsDump(dump, { keepText: true });
    const text = formatExtxyzFrame(f);
    const lines = text.split('\n');
    expect(lines[1]).toContain('Properties=id:I:1:type:I:1:pos:R:3:c_big:I:1');
    expect(lines.slice(2, 5)).toEqual(['1 1 0.5 1e-07 0.5 1000000', '2 1 1.25 3.00000 0.5 2000000', '3 2 6.71838 -0 0.5 1000000']);
    // and it reads back to the same numbers
    const [back] = parseExtxyz(text);
    expect(Array.from(back.columns.get('y') as Float64Array)).toEqual(Array.from(f.columns.get('y') as Float64Array));
  });

  it('blanks and CRLF in the file are normalised to one blank and \\n', async () => {
    const messy = DUMP.replace('1 1 0.5 1e-07', '  1\t1  0.5 1e-07').replace(/\n/g, '\r\n');
    const [f] = await parseLammpsDump(messy, { keepText: true });
    expect(formatDumpFrame(f).split('\n')[9]).toBe('1 1 0.5 1e-07 1e+06 -6.80942e-05');
  });

  it('general triclinic: rotated positions are written from their values, not the file tokens', async () => {
    const path = join(FIXTURES, 'lammps-2025', 'dump.gtri');
    const text = readFileSync(path, 'utf8');
    const [kept] = await parseLammpsDump(text, { keepText: true });
    const [plain] = await parseLammpsDump(text);
    // x y z and vx vy vz were rotated into the restricted frame and back: other arrays, so no token is copied
    expect(formatDumpFrame(kept)).toBe(formatDumpFrame(plain));
    // every value reads back identically whichever way it was written
    const [a] = await parseLammpsDump(formatDumpFrame(kept));
    const [b] = await parseLammpsDump(formatDumpFrame(plain));
    for (const [name, c] of b.columns) expect(Array.from(a.columns.get(name) as Float64Array), name).toEqual(Array.from(c as Float64Array));
  });
});

describe('token pass-through with a new column after the file\'s (lmpv acna --out)', () => {
  it('copies each line and appends the new values; values of the new column formatted', async () => {
    const [f] = await parseLammpsDump(DUMP, { keepText: true });
    const columns = new Map(f.columns);
    columns.set('StructureType', Float64Array.from([1, 0, 2]));
    const rows = formatDumpFrame({ ...f, columns }).split('\n');
    expect(rows[8]).toBe('ITEM: ATOMS id type x y c_big vx StructureType');
    expect(rows.slice(9, 12)).toEqual(['1 1 0.5 1e-07 1e+06 -6.80942e-05 1', '2 1 1.25 3.00000 2e+06 0.153562 0', '3 2 6.71838 -0 1000000 1.63448 2']);
    // the frame without keepText writes the same values (shortest text), so both read back alike
    const [g] = await parseLammpsDump(formatDumpFrame({ ...f, columns }));
    expect(Array.from(g.columns.get('StructureType') as Float64Array)).toEqual([1, 0, 2]);
  });
});
