/**
 * write -> read for EVERY writable format of the registry (STYLE.md §6): each value must come back
 * bit for bit (Object.is), with the box, tilt, boundary and timestep. Frames are built from
 * io-zoo data files that real LAMMPS wrote (orthogonal full-style peptide with charges,
 * molecules, image flags, velocities, masses; triclinic atomic). A format whose module is missing
 * fails here (frameReader/frameWriter throw); nothing is skipped.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameReader, frameWriter, listFormats } from '../../src/io/formats.js';
import { readLammpsData } from '../../src/io/lammps-data.js';
import { lammpsDataToFrame } from '../../src/io/lammps-data-frames.js';
import type { AtomFrame } from '../../src/io/types.js';
import { IO_ZOO } from '../helpers/paths.js';

function frameFrom(name: string): AtomFrame {
  return lammpsDataToFrame(readLammpsData(join(IO_ZOO, name), { warnings: [] }));
}

function expectSameFrame(back: AtomFrame, f: AtomFrame, where: string): void {
  expect(back.natoms, where).toBe(f.natoms);
  expect(back.box, where).toEqual(f.box);
  for (let k = 0; k < 3; k++) {
    expect(Object.is(back.box.lo[k], f.box.lo[k]) && Object.is(back.box.hi[k], f.box.hi[k]), where).toBe(true);
  }
  expect(back.timestep, where).toBe(f.timestep);
  expect([...back.columns.keys()].sort(), where).toEqual([...f.columns.keys()].sort());
  for (const [name, col] of f.columns) {
    const got = back.columns.get(name)!;
    expect(got.length, `${where} ${name}`).toBe(col.length);
    for (let i = 0; i < col.length; i++) {
      if (!Object.is(got[i], col[i])) throw new Error(`${where}: column ${name}[${i}] came back as ${got[i]}, wrote ${col[i]}`);
    }
  }
}

describe('write -> read round trip of every writable registry format', () => {
  const writable = listFormats().filter((f) => f.writable);

  it('the registry has the five writable formats', () => {
    expect(writable.map((f) => f.name).sort()).toEqual(['extxyz', 'lammps-data', 'lammps-dump-binary', 'lammps-dump-text', 'lammps-dump-yaml']);
  });

  for (const fmt of writable) {
    for (const source of ['data.full', 'data.triclinic', 'data.charge']) {
      it(`${fmt.name}: frame from io-zoo/${source}`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'lmpv-rt-'));
        try {
          const frame = frameFrom(source);
          const write = await frameWriter(fmt);
          const read = await frameReader(fmt);
          for (const gz of ['', '.gz']) {
            const path = join(dir, `rt${fmt.extensions[0]}${gz}`);
            await write(path, [frame], { warnings: [] });
            const back: AtomFrame[] = [];
            for await (const b of read(path, { warnings: [] })) back.push(b);
            expect(back).toHaveLength(1);
            expectSameFrame(back[0], frame, `${fmt.name}${gz} ${source}`);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
    if (fmt.multi) {
      it(`${fmt.name}: several frames keep their order and timesteps`, async () => {
        const dir = mkdtempSync(join(tmpdir(), 'lmpv-rt-'));
        try {
          const a = frameFrom('data.charge');
          const b: AtomFrame = { ...frameFrom('data.triclinic'), timestep: 1234567 };
          const path = join(dir, `multi${fmt.extensions[0]}`);
          await (await frameWriter(fmt))(path, [a, b, a], { warnings: [] });
          const back: AtomFrame[] = [];
          for await (const f of (await frameReader(fmt))(path, { warnings: [] })) back.push(f);
          expect(back.map((f) => f.timestep)).toEqual([20, 1234567, 20]);
          expectSameFrame(back[0], a, `${fmt.name} frame 0`);
          expectSameFrame(back[1], b, `${fmt.name} frame 1`);
          expectSameFrame(back[2], a, `${fmt.name} frame 2`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  }
});
