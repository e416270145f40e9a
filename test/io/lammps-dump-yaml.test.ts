/**
 * LAMMPS dump yaml: fixtures/lammps/lammps-2025/dump.run.yaml and dump.run.lammpstrj were written by
 * lmp_2025 in the same run with the same columns (scripts/make-lammps2025-fixtures.sh), so the two
 * must read into the same frames number for number; plus inline variants and bad inputs.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ParseError } from '../../src/io/errors.js';
import { formatDumpYamlFrame, parseLammpsDumpYaml, readLammpsDumpYamlFrames } from '../../src/io/lammps-dump-yaml.js';
import { readLammpsDumpFrames } from '../../src/io/lammps-dump.js';
import { readLammpsLog } from '../../src/io/lammps-log.js';
import { sniffFormat } from '../../src/io/formats.js';
import type { AtomFrame } from '../../src/io/types.js';
import { readFileSync } from 'node:fs';
import { FIXTURES } from '../helpers/paths.js';

const DIR = join(FIXTURES, 'lammps-2025');

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function expectSameFrame(a: AtomFrame, b: AtomFrame, where: string): void {
  expect(a.natoms, where).toBe(b.natoms);
  expect(a.timestep, where).toBe(b.timestep);
  expect(a.box, where).toEqual(b.box);
  expect([...a.columns.keys()], where).toEqual([...b.columns.keys()]);
  for (const [name, c] of b.columns) {
    const got = a.columns.get(name)!;
    for (let i = 0; i < c.length; i++) if (!Object.is(got[i], c[i])) throw new Error(`${where}: ${name}[${i}] ${got[i]} != ${c[i]}`);
  }
}

describe('dump yaml written by lmp_2025', () => {
  it('is sniffed as lammps-dump-yaml', () => {
    const p = join(DIR, 'dump.run.yaml');
    expect(sniffFormat(p, readFileSync(p, 'utf8').substring(0, 4096))?.name).toBe('lammps-dump-yaml');
  });

  it('reads 3 frames: timestep, units, time, triclinic box, the colname-renamed column ke', async () => {
    const frames = await all(readLammpsDumpYamlFrames(join(DIR, 'dump.run.yaml')));
    expect(frames.map((f) => f.timestep)).toEqual([0, 10, 20]);
    expect(frames.map((f) => f.time)).toEqual([0, 0.05, 0.1]);
    expect(frames[0].units).toBe('lj');
    expect(frames[0].natoms).toBe(108);
    expect([...frames[0].columns.keys()]).toEqual(['id', 'type', 'x', 'y', 'z', 'vx', 'vy', 'vz', 'ke']);
    expect(frames[0].box.tilt).toEqual([0.8397980956912536, 0.5038788574147521, 0.3359192382765015]);
    expect(frames[0].box.lo).toEqual([0, 0, 0]);
    const ke = frames[0].columns.get('ke') as Float64Array;
    expect(ke[0]).toBe(1.66182);
  });

  it('gives the same frames (box, ids, positions, velocities, ke) as the text dump of the same run', async () => {
    const y = await all(readLammpsDumpYamlFrames(join(DIR, 'dump.run.yaml')));
    const t = await all(readLammpsDumpFrames(join(DIR, 'dump.run.lammpstrj'), { warnings: [] }));
    expect(y).toHaveLength(t.length);
    for (let k = 0; k < y.length; k++) {
      expectSameFrame(y[k], t[k], `frame ${k}`);
      expect(y[k].time).toBe(t[k].time);
      expect(y[k].units).toBe(t[k].units);
    }
  });

  it('thermo blocks (dump_modify thermo yes) hold the numbers of the log\'s thermo rows', async () => {
    const frames = await all(readLammpsDumpYamlFrames(join(DIR, 'dump.run.yaml')));
    const log = await readLammpsLog(join(DIR, 'log.yaml.lammps'));
    const run = log.runs[0];
    expect([...frames[0].thermo!.keys()]).toEqual(run.columns);
    for (let k = 0; k < frames.length; k++) {
      expect(frames[k].thermo!.get('Step')).toBe(frames[k].timestep);
      for (const name of run.columns) {
        // the log prints 8 significant digits (thermo one), the dump the full double
        const a = frames[k].thermo!.get(name)!, b = run.data.get(name)![k];
        expect(Math.abs(a - b), name).toBeLessThanOrEqual(5e-8 * Math.max(Math.abs(a), 1e-300) + 1e-300);
      }
    }
  });

  it('writes frames that read back bit for bit', async () => {
    const frames = await all(readLammpsDumpYamlFrames(join(DIR, 'dump.run.yaml')));
    const text = frames.map((f) => formatDumpYamlFrame(f)).join('');
    const back = await parseLammpsDumpYaml(text, 'rewrite.yaml');
    expect(back).toHaveLength(3);
    for (let k = 0; k < 3; k++) expectSameFrame(back[k], frames[k], `frame ${k}`);
  });
});

describe('dump yaml: inline variants and bad input', () => {
  const frame = (rows: string, extra = '') =>
    `---\ncreator: LAMMPS\ntimestep: 5\nnatoms: 2\nboundary: [ p, p, f, f, s, m, ]\n${extra}box:\n  - [ 0, 2 ]\n  - [ -1, 1 ]\n  - [ 0, 3.5 ]\nkeywords: [ id, type, x, y, z,  ]\ndata:\n${rows}...\n`;
  const rows = '  - [ 1 , 1 , 0.5 , 0 , 1, ]\n  - [ 2 , 2 , 1.5 , 0.25 , 2, ]\n';

  it('orthogonal box, boundary flags, thermo block', async () => {
    const [f] = await parseLammpsDumpYaml(frame(rows, 'thermo:\n  - keywords: [ Step, Temp, ]\n  - data: [ 5, 0.75, ]\n'));
    expect(f.box).toEqual({ lo: [0, -1, 0], hi: [2, 1, 3.5], tilt: null, boundary: ['pp', 'ff', 'sm'] });
    expect(Array.from(f.columns.get('x') as Float64Array)).toEqual([0.5, 1.5]);
    expect(f.thermo).toEqual(new Map([['Step', 5], ['Temp', 0.75]]));
    const again = await parseLammpsDumpYaml(formatDumpYamlFrame(f));
    expect(again[0].thermo).toEqual(f.thermo);
    expect(again[0].box).toEqual(f.box);
  });

  it('errors name the file and line', async () => {
    await expect(parseLammpsDumpYaml(frame('  - [ 1 , 1 , 0.5 , 0 , 1x, ]\n  - [ 2 , 2 , 1.5 , 0.25 , 2, ]\n'), 'bad.yaml')).rejects.toThrow(/^bad\.yaml:12: z: expected a number, found '1x'$/);
    await expect(parseLammpsDumpYaml(frame('  - [ 1 , 1 , 0.5 , 0, ]\n  - [ 2 , 2 , 1.5 , 0.25 , 2, ]\n'), 'bad.yaml')).rejects.toThrow(/^bad\.yaml:12: data: expected 5 values \(id type x y z\), found 4$/);
    await expect(parseLammpsDumpYaml(frame('  - [ 1 , 1 , 0.5 , 0 , 1, ]\n'), 'bad.yaml')).rejects.toThrow(/^bad\.yaml:13: data: expected row 2 of 2/);
    await expect(parseLammpsDumpYaml(frame(rows + '  - [ 3 , 2 , 1.5 , 0.25 , 2, ]\n'), 'bad.yaml')).rejects.toThrow(/^bad\.yaml:14: expected '\.\.\.' after 2 data rows/);
    await expect(parseLammpsDumpYaml(frame(rows).replace('natoms: 2\n', ''), 'bad.yaml')).rejects.toThrow(/has no 'natoms:'/);
    await expect(parseLammpsDumpYaml(frame(rows).slice(0, 100), 'bad.yaml')).rejects.toThrow(ParseError);
    await expect(parseLammpsDumpYaml('', 'bad.yaml')).rejects.toThrow(/^bad\.yaml: empty file/);
  });
});
