/**
 * LAMMPS binary dumps (dump atom / custom, *.bin): fixtures/lammps/binary-dumps was written by
 * Debian's lmp (29 Sep 2021) through scripts/make-binary-dump-fixtures.sh, each binary dump beside
 * a text dump of the same run and columns with %.17g, so both must read into the same doubles.
 * Round trips: binary -> text -> binary byte-identical; LAMMPS read_dump of lmpv's binary dump
 * gives the same atoms as of the text dump. Mutated bytes give only ParseError.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseError } from '../../src/io/errors.js';
import { formatDumpBinaryFrame, readLammpsDumpBinaryFrames } from '../../src/io/lammps-dump-binary.js';
import { readLammpsDumpFrames, writeLammpsDumpFrames } from '../../src/io/lammps-dump.js';
import { sniffFormat } from '../../src/io/formats.js';
import type { AtomFrame } from '../../src/io/types.js';
import { FIXTURES, REPO, SHARED } from '../helpers/paths.js';

const DIR = join(FIXTURES, 'binary-dumps');
const LMP_2025 = join(SHARED, 'bin', 'lmp_2025');

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'lmpv-bin-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function expectSameFrame(a: AtomFrame, b: AtomFrame, where: string): void {
  expect(a.natoms, where).toBe(b.natoms);
  expect(a.timestep, where).toBe(b.timestep);
  // ITEM: TIME prints %.16g (dump.cpp), one digit short of a double: 0.15000000000000002 -> 0.15
  if (b.time === undefined) expect(a.time, where).toBeUndefined();
  else expect(Math.abs(a.time! - b.time), where).toBeLessThanOrEqual(1e-15 * Math.abs(b.time));
  expect(a.units, where).toBe(b.units);
  expect(a.box, where).toEqual(b.box);
  expect([...a.columns.keys()], where).toEqual([...b.columns.keys()]);
  for (const [name, c] of b.columns) {
    const got = a.columns.get(name)!;
    for (let i = 0; i < c.length; i++) if (!Object.is(got[i], c[i])) throw new Error(`${where}: ${name}[${i}] ${got[i]} != ${c[i]}`);
  }
}

describe('binary dumps written by LAMMPS', () => {
  it('are sniffed by content as lammps-dump-binary', () => {
    for (const f of ['dump.custom.bin', 'dump.atom.bin']) {
      const p = join(DIR, f);
      expect(sniffFormat(join(dir, 'noext'), readFileSync(p).subarray(0, 4096).toString('utf8'))?.name).toBe('lammps-dump-binary');
    }
  });

  it('dump custom: 5 frames, varying atom counts, units and time, the same doubles as the %.17g text dump', async () => {
    const b = await all(readLammpsDumpBinaryFrames(join(DIR, 'dump.custom.bin')));
    const t = await all(readLammpsDumpFrames(join(DIR, 'dump.custom.lammpstrj'), { warnings: [] }));
    expect(b.map((f) => f.timestep)).toEqual([0, 10, 20, 30, 40]);
    expect(b.map((f) => f.natoms)).toEqual([126, 126, 126, 94, 94]);
    expect(b[0].style).toBe('custom');
    expect(b[0].units).toBe('lj');
    expect(b[0].box.boundary).toEqual(['pp', 'pp', 'ss']);
    expect([...b[0].columns.keys()]).toEqual(['id', 'type', 'x', 'y', 'z', 'vx', 'vy', 'vz', 'c_pe']);
    expect(b).toHaveLength(t.length);
    for (let k = 0; k < b.length; k++) expectSameFrame(b[k], t[k], `frame ${k}`);
  });

  it('dump atom: triclinic, scaled positions and image flags, the same doubles as the text dump', async () => {
    const b = await all(readLammpsDumpBinaryFrames(join(DIR, 'dump.atom.bin')));
    const t = await all(readLammpsDumpFrames(join(DIR, 'dump.atom.lammpstrj'), { warnings: [] }));
    expect(b[0].style).toBe('atom');
    expect(b[0].box.tilt).not.toBeNull();
    expect([...b[0].columns.keys()]).toEqual(['id', 'type', 'xs', 'ys', 'zs', 'ix', 'iy', 'iz']);
    expect(b).toHaveLength(5);
    for (let k = 0; k < b.length; k++) expectSameFrame(b[k], t[k], `frame ${k}`);
  });

  for (const f of ['dump.custom.bin', 'dump.atom.bin']) {
    it(`${f}: binary -> text (lmpv) -> binary (lmpv) is byte-identical`, async () => {
      const text = join(dir, `${f}.lammpstrj`);
      await writeLammpsDumpFrames(text, readLammpsDumpBinaryFrames(join(DIR, f)), {});
      const frames = await all(readLammpsDumpFrames(text, { warnings: [] }));
      const bytes = Buffer.concat(frames.map((fr, k) => formatDumpBinaryFrame(fr, k === 0)));
      const orig = readFileSync(join(DIR, f));
      expect(bytes.length).toBe(orig.length);
      expect(bytes.equals(orig)).toBe(true);
    });
  }

  it('lmpv convert both ways on the command line', () => {
    const run = (...args: string[]) => {
      const r = spawnSync(process.execPath, [join(REPO, 'bin', 'lmpv.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    run('convert', join(DIR, 'dump.custom.bin'), 'cli.lammpstrj');
    run('convert', 'cli.lammpstrj', 'cli.bin');
    expect(readFileSync(join(dir, 'cli.bin')).equals(readFileSync(join(DIR, 'dump.custom.bin')))).toBe(true);
    expect(run('info', join(DIR, 'dump.custom.bin'))).toMatch(/^format\s+lammps-dump-binary$/m);
  });
});

describe('bad binary dumps: ParseError naming the file and the byte', () => {
  const orig = () => readFileSync(join(DIR, 'dump.custom.bin'));
  const read = async (bytes: Uint8Array, name = 'bad.bin') => {
    const p = join(dir, name);
    writeFileSync(p, bytes);
    return all(readLammpsDumpBinaryFrames(p));
  };

  it('truncated, bad magic, bad atom count', async () => {
    const o = orig();
    await expect(read(o.subarray(0, 1000))).rejects.toThrow(/bad\.bin: byte \d+: .*truncated/);
    const m = Buffer.from(o); m.write('DUMPXXXXXX', 8, 'latin1');
    await expect(read(m)).rejects.toThrow(/bad\.bin: byte 8: expected magic string DUMPATOM or DUMPCUSTOM, found 'DUMPXXXXXX'/);
    const n = Buffer.from(o); n.writeBigInt64LE(10n ** 12n, 34);
    await expect(read(n)).rejects.toThrow(/bad\.bin: byte 34: 1000000000000 atoms x 9 values need/);
    await expect(read(new Uint8Array(0))).rejects.toThrow(/bad\.bin: empty file/);
  });

  it('mutated bytes (flip, truncate, insert): only ParseError or success', async () => {
    const o = orig().subarray(0, 2 * 4300); // about two frames
    let errors = 0;
    await fc.assert(fc.asyncProperty(fc.array(fc.record({ at: fc.nat(o.length - 1), v: fc.nat(255), kind: fc.constantFrom('flip', 'cut', 'insert') }), { minLength: 1, maxLength: 3 }), async (muts) => {
      let b = Buffer.from(o);
      for (const m of muts) {
        const at = m.at % Math.max(1, b.length);
        if (m.kind === 'flip') b[at] = m.v;
        else if (m.kind === 'cut') b = b.subarray(0, at);
        else b = Buffer.concat([b.subarray(0, at), Buffer.from([m.v]), b.subarray(at)]);
      }
      try {
        await read(b, 'fuzz.bin');
      } catch (e) {
        if (!(e instanceof ParseError)) throw new Error(`${JSON.stringify(muts)} threw ${(e as Error).name}: ${(e as Error).message}`);
        errors++;
      }
    }), { numRuns: 200, seed: 20261207 });
    expect(errors).toBeGreaterThan(20);
  });
});

describe.skipIf(!existsSync(LMP_2025))('LAMMPS read_dump reads lmpv\'s binary dump to the same atoms as the text dump (needs ../shared/bin/lmp_2025: Debian\'s 2021 read_dump has no binary reader)', () => {
  it('last frame of dump.custom: positions and velocities equal', async () => {
    const frames = await all(readLammpsDumpFrames(join(DIR, 'dump.custom.lammpstrj'), { warnings: [] }));
    writeFileSync(join(dir, 'lmpv.bin'), Buffer.concat(frames.map((f, k) => formatDumpBinaryFrame(f, k === 0))));
    const out: Record<string, string> = {};
    for (const [name, file] of [['text', join(DIR, 'dump.custom.lammpstrj')], ['bin', join(dir, 'lmpv.bin')]]) {
      const input = `units lj\natom_style atomic\nboundary p p s\nregion b prism 0 5 0 5 0 5 0 0 0\ncreate_box 2 b\nmass * 1.0\n` +
        `read_dump ${file} 40 x y z vx vy vz box yes add keep\n` +
        `write_dump all custom ${name}.out id type x y z vx vy vz modify sort id format float %.17g\n`;
      writeFileSync(join(dir, `in.${name}`), input);
      execFileSync(LMP_2025, ['-in', `in.${name}`, '-log', 'none', '-screen', 'none'], { cwd: dir, timeout: 60_000 });
      out[name] = readFileSync(join(dir, `${name}.out`), 'utf8');
    }
    expect(out.bin.split('\n').length).toBeGreaterThan(94);
    expect(out.bin).toBe(out.text);
  });
});
