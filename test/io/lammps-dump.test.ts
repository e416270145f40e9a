/**
 * LAMMPS text dump reader/writer against files real LAMMPS wrote (io-zoo), a naive split-based
 * reference reader, tiny chunk sizes, random access, write->read, real `lmp` read_dump, bad input.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ParseError } from '../../src/io/errors.js';
import {
  cartesianPositions, dumpParserStats, formatBoxNumber, formatDumpFrame, indexLammpsDump, parseLammpsDump, readLammpsDumpFrame,
  readLammpsDumpFrames, sortFrameById, writeLammpsDumpFrames, type DumpFrame,
} from '../../src/io/lammps-dump.js';
import type { AtomFrame, Box } from '../../src/io/types.js';
import { IO_ZOO, REPO, lmpPath } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'lmpv-dump-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readAll(path: string, opts: Parameters<typeof readLammpsDumpFrames>[1] = {}): Promise<DumpFrame[]> {
  const out: DumpFrame[] = [];
  for await (const f of readLammpsDumpFrames(path, opts)) out.push(f);
  return out;
}

// ---------------------------------------------------------------------------------------------
// A naive reference reader: whole file, split on newlines and whitespace, Number() on tokens.

interface NaiveFrame {
  timestep: number;
  time?: number;
  units?: string;
  natoms: number;
  kind: 'atoms' | 'entries';
  boxWords: string[];
  boxRows: number[][];
  names: string[];
  rows: string[][];
}

function naiveRead(text: string): NaiveFrame[] {
  const lines = text.split('\n');
  const frames: NaiveFrame[] = [];
  let i = 0;
  let units: string | undefined;
  while (i < lines.length) {
    if (lines[i].trim() === '') { i++; continue; }
    const f: Partial<NaiveFrame> = {};
    for (;;) {
      const item = lines[i++].trim();
      if (item === 'ITEM: UNITS') units = lines[i++].trim();
      else if (item === 'ITEM: TIME') f.time = Number(lines[i++]);
      else if (item === 'ITEM: TIMESTEP') f.timestep = Number(lines[i++]);
      else if (item === 'ITEM: NUMBER OF ATOMS' || item === 'ITEM: NUMBER OF ENTRIES') f.natoms = Number(lines[i++]);
      else if (item.startsWith('ITEM: BOX BOUNDS')) {
        f.boxWords = item.slice(16).trim().split(/\s+/);
        f.boxRows = [0, 1, 2].map(() => lines[i++].trim().split(/\s+/).map(Number));
      } else if (item.startsWith('ITEM: ATOMS') || item.startsWith('ITEM: ENTRIES')) {
        f.kind = item.startsWith('ITEM: ATOMS') ? 'atoms' : 'entries';
        f.names = item.replace(/^ITEM: (ATOMS|ENTRIES)/, '').trim().split(/\s+/);
        f.rows = [];
        for (let k = 0; k < f.natoms!; k++) f.rows.push(lines[i++].trim().split(/\s+/));
        break;
      } else throw new Error(`naive reader: unexpected '${item}'`);
    }
    f.units = units;
    frames.push(f as NaiveFrame);
  }
  return frames;
}

function fileText(path: string): string {
  const b = readFileSync(path);
  return (path.endsWith('.gz') ? gunzipSync(b) : b).toString('latin1');
}

/** Box as the LAMMPS dump documentation converts the bounding box back (triclinic). */
function naiveBox(f: NaiveFrame): Box {
  const tri = f.boxWords[0] === 'xy';
  const flags = tri ? f.boxWords.slice(3) : f.boxWords;
  const b = f.boxRows;
  if (!tri) return { lo: [b[0][0], b[1][0], b[2][0]], hi: [b[0][1], b[1][1], b[2][1]], tilt: null, boundary: [flags[0], flags[1], flags[2]] };
  const xy = b[0][2], xz = b[1][2], yz = b[2][2];
  return {
    lo: [b[0][0] - Math.min(0, xy, xz, xy + xz), b[1][0] - Math.min(0, yz), b[2][0]],
    hi: [b[0][1] - Math.max(0, xy, xz, xy + xz), b[1][1] - Math.max(0, yz), b[2][1]],
    tilt: [xy, xz, yz],
    boundary: [flags[0], flags[1], flags[2]],
  };
}

function expectSameBox(a: Box, b: Box): void {
  for (let d = 0; d < 3; d++) {
    expect(Object.is(a.lo[d], b.lo[d]), `lo[${d}] ${a.lo[d]} vs ${b.lo[d]}`).toBe(true);
    expect(Object.is(a.hi[d], b.hi[d]), `hi[${d}] ${a.hi[d]} vs ${b.hi[d]}`).toBe(true);
  }
  expect(a.tilt === null).toBe(b.tilt === null);
  if (a.tilt && b.tilt) for (let d = 0; d < 3; d++) expect(Object.is(a.tilt[d], b.tilt[d])).toBe(true);
  expect(a.boundary).toEqual(b.boundary);
}

/** Number(), plus the inf spellings LAMMPS prints (C's printf) that Number() does not know. */
function naiveNumber(tok: string): number {
  if (/^[+-]?inf(inity)?$/i.test(tok)) return tok.startsWith('-') ? -Infinity : Infinity;
  return Number(tok);
}

/** Every value of ours equal (Object.is) to Number(token) of the naive reader. */
function expectMatchesNaive(ours: DumpFrame[], naive: NaiveFrame[], file: string): number {
  expect(ours.length, file).toBe(naive.length);
  let values = 0;
  for (let k = 0; k < naive.length; k++) {
    const o = ours[k], n = naive[k];
    expect(o.timestep).toBe(n.timestep);
    expect(o.natoms).toBe(n.natoms);
    expect(o.kind).toBe(n.kind);
    expect(o.time).toBe(n.time);
    expect(o.units).toBe(n.units);
    expectSameBox(o.box, naiveBox(n));
    expect([...o.columns.keys()]).toEqual(n.names);
    n.names.forEach((name, c) => {
      const col = o.columns.get(name)!;
      expect(col.length).toBe(n.natoms);
      for (let i = 0; i < n.natoms; i++) {
        const tok = n.rows[i][c];
        if (col instanceof Float64Array) {
          if (!Object.is(col[i], naiveNumber(tok))) throw new Error(`${file} frame ${k} atom ${i} ${name}: '${tok}' -> ${col[i]}`);
        } else if (col[i] !== tok) throw new Error(`${file} frame ${k} atom ${i} ${name}: '${tok}' -> '${col[i]}'`);
        values++;
      }
    });
  }
  return values;
}

function expectSameFrames(a: AtomFrame[], b: AtomFrame[]): void {
  expect(a.length).toBe(b.length);
  for (let k = 0; k < a.length; k++) {
    expect(a[k].timestep).toBe(b[k].timestep);
    expect(a[k].natoms).toBe(b[k].natoms);
    expect(Object.is(a[k].time, b[k].time)).toBe(true);
    expect(a[k].units).toBe(b[k].units);
    expectSameBox(a[k].box, b[k].box);
    expect([...a[k].columns.keys()]).toEqual([...b[k].columns.keys()]);
    for (const [name, col] of a[k].columns) {
      const other = b[k].columns.get(name)!;
      expect(col.length).toBe(other.length);
      for (let i = 0; i < col.length; i++) {
        if (!Object.is(col[i], other[i])) throw new Error(`frame ${k} ${name}[${i}]: ${col[i]} vs ${other[i]}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

const ZOO: Record<string, { frames: number; natoms?: number[]; kind?: 'entries' }> = {
  'dump.atom.scaled-image.lammpstrj': { frames: 7 },
  'dump.atom.unscaled-image.lammpstrj': { frames: 7 },
  'dump.custom.positions.lammpstrj': { frames: 7 },
  'dump.custom.unsorted.lammpstrj': { frames: 7 },
  'dump.custom.units-time.lammpstrj': { frames: 4 },
  'dump.custom.element.lammpstrj': { frames: 4 },
  'dump.custom.format-line.lammpstrj': { frames: 4 },
  'dump.custom.lammpstrj.gz': { frames: 4 },
  'dump.write_dump.lammpstrj': { frames: 1 },
  'dump.charge.lammpstrj': { frames: 3, natoms: [216, 216, 216] },
  'dump.full.lammpstrj': { frames: 2, natoms: [2004, 2004] },
  'dump.bonds.local': { frames: 2, natoms: [1365, 1365], kind: 'entries' },
  'dump.triclinic.atom.lammpstrj': { frames: 4 },
  'dump.triclinic.custom.lammpstrj': { frames: 4 },
  'dump.evaporate.lammpstrj': { frames: 10, natoms: [256, 252, 248, 244, 240, 236, 232, 228, 224, 220] },
  'dump.dynamic-group.lammpstrj': { frames: 10, natoms: [128, 95, 92, 89, 84, 80, 79, 77, 76, 71] },
};
const zoo = (name: string): string => join(IO_ZOO, name);

describe('LAMMPS dumps written by real LAMMPS (io-zoo)', () => {
  it('covers every dump file of the zoo', () => {
    const dumps = readdirSync(IO_ZOO).filter((f) => f.startsWith('dump.') && f !== 'dump.xyz');
    expect(dumps.sort()).toEqual(Object.keys(ZOO).sort());
  });

  for (const [name, want] of Object.entries(ZOO)) for (const parser of ['auto', 'js'] as const) {
    it(`${name} (${parser}): every value equals Number(token); frames, counts, box, flags`, async () => {
      const frames = await readAll(zoo(name), { parser });
      expect(frames.length).toBe(want.frames);
      if (want.natoms) expect(frames.map((f) => f.natoms)).toEqual(want.natoms);
      else for (const f of frames) expect(f.natoms).toBe(256);
      if (want.kind) for (const f of frames) expect(f.kind).toBe(want.kind);
      const values = expectMatchesNaive(frames, naiveRead(fileText(zoo(name))), name);
      expect(values).toBeGreaterThan(0);
    });
  }

  it('reads units and time headers (UNITS only in the first frame; carried to all)', async () => {
    const f = await readAll(zoo('dump.custom.units-time.lammpstrj'));
    expect(f.map((x) => x.units)).toEqual(['lj', 'lj', 'lj', 'lj']);
    expect(f.map((x) => x.time)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(f.map((x) => x.timestep)).toEqual([0, 20, 40, 60]);
  });

  it('keeps element as text and c_bp[1]-style names', async () => {
    const [el] = await readAll(zoo('dump.custom.element.lammpstrj'));
    const e = el.columns.get('element') as string[];
    expect(Array.isArray(e)).toBe(true);
    expect(new Set(e)).toEqual(new Set(['Ar']));
    expect(el.columns.get('mass')).toBeInstanceOf(Float64Array);
    const [loc] = await readAll(zoo('dump.bonds.local'));
    expect([...loc.columns.keys()]).toEqual(['c_bp[1]', 'c_bp[2]', 'c_bp[3]', 'c_bl[1]', 'c_bl[2]']);
    expect((loc.columns.get('c_bp[2]') as Float64Array)[0]).toBe(187);
    expect((loc.columns.get('c_bl[2]') as Float64Array)[0]).toBe(9.65782e-08);
  });

  it('triclinic: bounding box converted back to lo/hi + tilt as data.triclinic states', async () => {
    const [f] = await readAll(zoo('dump.triclinic.custom.lammpstrj'));
    expect(f.box.tilt).not.toBeNull();
    const [xy, xz, yz] = f.box.tilt!;
    // data.triclinic (write_data of the same box) lists the LAMMPS lo/hi and tilts
    const data = readFileSync(zoo('data.triclinic'), 'latin1');
    const num = (re: RegExp): number[] => re.exec(data)!.slice(1).map(Number);
    const [xlo, xhi] = num(/^\s*(\S+)\s+(\S+)\s+xlo xhi/m);
    const [ylo, yhi] = num(/^\s*(\S+)\s+(\S+)\s+ylo yhi/m);
    const [dxy, dxz, dyz] = num(/^\s*(\S+)\s+(\S+)\s+(\S+)\s+xy xz yz/m);
    expect([xy, xz, yz]).toEqual([dxy, dxz, dyz]);
    // The dump prints the bounding box to 17 digits (exact); LAMMPS rounded once computing
    // xhi_bound = xhi + MAX(...) and we round once undoing it: within 1 ulp of the BOUNDING value
    // (the larger one), i.e. EPSILON * |bound|. Here: xhi is off by exactly that one ulp.
    const ulp = (bound: number): number => Number.EPSILON * Math.abs(bound);
    const xb = xhi + Math.max(0, dxy, dxz, dxy + dxz), yb = yhi + Math.max(0, dyz);
    expect(Math.abs(f.box.lo[0] - xlo)).toBeLessThanOrEqual(ulp(xb));
    expect(Math.abs(f.box.hi[0] - xhi)).toBeLessThanOrEqual(ulp(xb));
    expect(Math.abs(f.box.lo[1] - ylo)).toBeLessThanOrEqual(ulp(yb));
    expect(Math.abs(f.box.hi[1] - yhi)).toBeLessThanOrEqual(ulp(yb));
    expect([f.box.lo[2], f.box.hi[2]]).toEqual(num(/^\s*(\S+)\s+(\S+)\s+zlo zhi/m));
    expect(f.box.boundary).toEqual(['pp', 'pp', 'pp']);
  });

  it('scaled, unscaled, unwrapped and image columns agree (orthogonal)', async () => {
    // All columns printed with %.15g: each value carries a relative rounding error <= 5e-16, and
    // LAMMPS computed xs = (x - lo)/L itself in doubles, so x vs lo + xs*L differ by a few 1e-16*L.
    // Tolerance 1e-14*L: 20x that bound (observed max 4.8e-15*L), 10^9 below any physical difference.
    // xsu gets 1e-13*L: LAMMPS's own xsu differs from its xs for atoms with image 0 by up to
    // 5.7e-14*L (step 40, 240th atom: ys 0.644767060881861, ysu 0.644767060881804).
    const frames = await readAll(zoo('dump.custom.positions.lammpstrj'));
    let crossed = 0;
    for (const f of frames) {
      const L = f.box.hi[0] - f.box.lo[0];
      const tol = 1e-14 * L;
      const fromScaled = cartesianPositions({ ...f, columns: new Map([['xs', f.columns.get('xs')!], ['ys', f.columns.get('ys')!], ['zs', f.columns.get('zs')!]]) });
      const wrapped = cartesianPositions(f);
      const unwrapped = cartesianPositions(f, 'unwrapped');
      const fromImages = cartesianPositions({ ...f, columns: new Map([...f.columns].filter(([n]) => !/^x?[xyz]s?u$/.test(n) && !['xu', 'yu', 'zu', 'xsu', 'ysu', 'zsu'].includes(n))) }, 'unwrapped');
      const xsu = cartesianPositions({ ...f, columns: new Map([['xsu', f.columns.get('xsu')!], ['ysu', f.columns.get('ysu')!], ['zsu', f.columns.get('zsu')!]]) }, 'unwrapped');
      const ix = f.columns.get('ix') as Float64Array;
      for (let i = 0; i < f.natoms; i++) {
        if (ix[i] !== 0) crossed++;
        for (const d of ['x', 'y', 'z'] as const) {
          expect(Math.abs(fromScaled[d][i] - wrapped[d][i])).toBeLessThanOrEqual(tol);
          expect(Math.abs(fromImages[d][i] - unwrapped[d][i])).toBeLessThanOrEqual(tol);
          expect(Math.abs(xsu[d][i] - unwrapped[d][i])).toBeLessThanOrEqual(10 * tol);
        }
      }
    }
    expect(crossed).toBeGreaterThan(0); // the test sees real boundary crossings
  });

  it('scaled and unscaled atom dumps of the same run agree to %g precision', async () => {
    // dump atom prints %g: 6 significant digits, so |x - (lo + xs*L)| <= 0.5e-5*|x| + 0.5e-5*L.
    const s = await readAll(zoo('dump.atom.scaled-image.lammpstrj'));
    const u = await readAll(zoo('dump.atom.unscaled-image.lammpstrj'));
    expect(s.length).toBe(u.length);
    for (let k = 0; k < s.length; k++) {
      const a = cartesianPositions(s[k]), b = cartesianPositions(u[k]);
      const L = s[k].box.hi[0] - s[k].box.lo[0];
      for (let i = 0; i < s[k].natoms; i++) {
        for (const d of ['x', 'y', 'z'] as const) expect(Math.abs(a[d][i] - b[d][i])).toBeLessThanOrEqual(1e-5 * L);
      }
      expect(s[k].columns.get('ix')).toEqual(u[k].columns.get('ix'));
    }
  });

  it('triclinic scaled and Cartesian columns agree (lamda2x)', async () => {
    const frames = await readAll(zoo('dump.triclinic.custom.lammpstrj'));
    for (const f of frames) {
      const L = f.box.hi[0] - f.box.lo[0];
      // LAMMPS's own xsu (e.g. 0.0874999999999773 where xs is 0.0875) is off by up to 7.5e-14*L;
      // xs and image flags agree with x within 1.6e-15*L.
      const tol = 1e-13 * L;
      const pick = (names: string[]): AtomFrame => ({ ...f, columns: new Map(names.map((n) => [n, f.columns.get(n)!])) });
      const s = cartesianPositions(pick(['xs', 'ys', 'zs']));
      const w = cartesianPositions(f);
      const su = cartesianPositions(pick(['xsu', 'ysu', 'zsu']), 'unwrapped');
      const img = cartesianPositions(pick(['x', 'y', 'z', 'ix', 'iy', 'iz']), 'unwrapped');
      const u = cartesianPositions(f, 'unwrapped');
      for (let i = 0; i < f.natoms; i++) {
        for (const d of ['x', 'y', 'z'] as const) {
          expect(Math.abs(s[d][i] - w[d][i])).toBeLessThanOrEqual(tol);
          expect(Math.abs(su[d][i] - u[d][i])).toBeLessThanOrEqual(tol);
          expect(Math.abs(img[d][i] - u[d][i])).toBeLessThanOrEqual(tol);
        }
      }
    }
  });

  it('unsorted dump sorted by id equals the sorted dump of the same run', async () => {
    const uns = await readAll(zoo('dump.custom.unsorted.lammpstrj'));
    const ref = await readAll(zoo('dump.atom.unscaled-image.lammpstrj'));
    const firstIds = (uns[3].columns.get('id') as Float64Array).slice(0, 5);
    expect([...firstIds]).not.toEqual([1, 2, 3, 4, 5]); // really scrambled
    for (let k = 0; k < uns.length; k++) {
      const s = sortFrameById(uns[k]);
      for (const name of ['id', 'type', 'x', 'y', 'z', 'ix', 'iy', 'iz']) expect(s.columns.get(name)).toEqual(ref[k].columns.get(name));
    }
  });
});

describe('streaming', () => {
  const files = ['dump.custom.positions.lammpstrj', 'dump.triclinic.custom.lammpstrj', 'dump.custom.lammpstrj.gz', 'dump.bonds.local', 'dump.custom.element.lammpstrj', 'dump.custom.units-time.lammpstrj'];
  for (const name of files) {
    it(`${name}: chunks of 7, 64 and 4099 bytes give identical frames`, async () => {
      const whole = await readAll(zoo(name));
      for (const chunkSize of [7, 64, 4099]) expectSameFrames(await readAll(zoo(name), { chunkSize }), whole);
      expectSameFrames(await readAll(zoo(name), { chunkSize: 64, parser: 'js' }), whole);
    });
  }

  it('the WebAssembly kernel and its TypeScript twin agree on every token kind', async () => {
    // fast-path tokens, tokens the kernel hands to the twin (17 digits, big exponents, inf,
    // 20-digit integers, leading zeros), in runs long enough to make the kernel give up and not
    const tokens = ['0', '-0', '+1', '1.', '.5', '-.5e-3', '0.839798095691254', '6.7183847655300291', '1.3322676295501878e-15',
      '9007199254740991', '9007199254740993', '123456789012345678901', '1e22', '1e23', '1e-22', '1e-23', '5e-324', '1.7976931348623157e308',
      'inf', '-inf', '00000000000000000000.5', '4.9406564584124654e-324', '2.2250738585072011e-308', '1E5', '1e+05'];
    const rnd = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 3000, seed: 7 });
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const a = i % 400 < 200 ? tokens[i % tokens.length] : String(rnd[i]); // blocks of mostly-slow tokens
      lines.push(`${i + 1} 1 ${a}\t${(i * 0.001).toFixed(3)}  ${-i}e-2 ${String(rnd[(i * 7) % 3000])}`);
    }
    const text = `ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n${lines.length}\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\nITEM: ATOMS id type x y z c_1\n${lines.join('\n')}\n`;
    const [auto] = await parseLammpsDump(text);
    const [js] = await parseLammpsDump(text, { parser: 'js', chunkSize: 4096 });
    expectSameFrames([auto], [js]);
    const naive = naiveRead(text);
    expectMatchesNaive([auto], naive, 'tokens');
  });

  it('16-19 digit tokens (the kernel\'s Eisel-Lemire path) equal Number(), incl. exact halfway integers', async () => {
    const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
    let seed = 0x9e3779b97f4a7c15n;
    const next = (): bigint => { seed = (seed * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn; return seed; };
    const random: string[] = [];
    for (let i = 0; i < 20000; i++) {
      // random 52-bit mantissa in [1, 2), random sign, scaled by 10^-40 .. 10^40
      u64[0] = (next() >> 12n) | 0x3ff0000000000000n;
      const v = (i % 2 ? -1 : 1) * f64[0] * 10 ** (Number(next() % 81n) - 40);
      random.push(v.toPrecision(17), v.toPrecision(19), v.toExponential(16), String(v), v.toPrecision(16));
    }
    // leading zeros are not significant digits: 0.0073080131003873021 has 17
    random.push('0.0073080131003873021', '-0.00000000000000000000123456789012345678', '0.0000000000000000000000', '1e-64', '1e64', '9999999999999999999');
    // integers exactly halfway between doubles (ties to even: the kernel hands them to Number()) and neighbours
    const halfway: string[] = [];
    for (let b = 53; b < 63; b++) {
      const spacing = 1n << BigInt(b - 52);
      for (let j = 0; j < 300; j++) {
        const half = (1n << BigInt(b)) + (next() % (1n << BigInt(b))) / spacing * spacing + spacing / 2n;
        halfway.push(half.toString(), (half + 1n).toString(), (half - 1n).toString());
      }
    }
    halfway.push('18446744073709551615', '18446744073709551616');
    for (const [what, toks] of [['random', random], ['halfway', halfway]] as const) {
      while (toks.length % 3) toks.push('0');
      const rows: string[] = [];
      for (let i = 0; i < toks.length; i += 3) rows.push(`${toks[i]} ${toks[i + 1]} ${toks[i + 2]}`);
      const text = `ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n${rows.length}\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\nITEM: ATOMS x y z\n${rows.join('\n')}\n`;
      for (const parser of ['auto', 'js'] as const) {
        const before = { ...dumpParserStats };
        const [f] = await parseLammpsDump(text, { parser });
        if (parser === 'auto' && what === 'random') {
          // the kernel really parsed them (a broken Eisel-Lemire would hand every line to the twin);
          // it gives up, by design, on ~2% of these tokens: decimals that are exact doubles
          // (-1939677015593418.5, ...; ambiguous to the truncated table) and 20-digit forms ('...048.0')
          expect(dumpParserStats.kernelRows - before.kernelRows).toBeGreaterThan(0.9 * rows.length);
          expect(dumpParserStats.twinRows - before.twinRows).toBeLessThan(0.1 * rows.length);
        }
        const cols = ['x', 'y', 'z'].map((n) => f.columns.get(n) as Float64Array);
        for (let i = 0; i < toks.length; i++) {
          const v = cols[i % 3][Math.floor(i / 3)];
          if (!Object.is(v, Number(toks[i]))) throw new Error(`${parser}: '${toks[i]}' -> ${v}, Number() gives ${Number(toks[i])}`);
        }
      }
    }
    expect(random.length + halfway.length).toBeGreaterThan(100000); // 110k tokens
  });

  it('kernel: a frame larger than one output block (65536 rows of 8 columns), twin lines at the block edge', async () => {
    const n = 70000;
    let seed = 42;
    const rnd = (): number => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const v = [rnd() * 40, rnd() * 40, rnd() * 40, rnd() - 0.5, rnd() - 0.5, rnd() - 0.5];
      let t = v.map((x) => x.toPrecision(15)).join(' ');
      if (i % 20011 === 5) t = t.replace(/^\S+/, '1e-400'); // lines the kernel hands to the twin, in several blocks
      if (i === 65535 || i === 65536) t = t.replace(/\S+$/, '0.12345678901234567890123'); // at the block edge
      lines.push(`${i + 1} ${1 + (i % 3)} ${t}`);
    }
    const text = `ITEM: TIMESTEP\n5\nITEM: NUMBER OF ATOMS\n${n}\nITEM: BOX BOUNDS pp pp pp\n0 40\n0 40\n0 40\nITEM: ATOMS id type x y z vx vy vz\n${lines.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(4 << 20); // 8 MB
    const before = { ...dumpParserStats };
    const [auto] = await parseLammpsDump(text);
    expect(dumpParserStats.kernelRows - before.kernelRows).toBeGreaterThan(n - 10);
    const [js] = await parseLammpsDump(text, { parser: 'js' });
    expectSameFrames([auto], [js]);
    expectMatchesNaive([auto], naiveRead(text), 'big');
  });

  it('kernel: a 5 MB line moves the chunk buffer out of the kernel memory (copy-in path, 4 MB pieces)', async () => {
    const n = 200000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(`${i + 1} ${(i * 0.37).toPrecision(12)} ${(-i / 7).toPrecision(15)}`);
    lines[1000] = `1001 ${' '.repeat(5 << 20)}2.5 -3`;
    const text = `ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n${n}\nITEM: BOX BOUNDS pp pp pp\n0 1\n0 1\n0 1\nITEM: ATOMS id x y\n${lines.join('\n')}\n`;
    const before = { ...dumpParserStats };
    const [auto] = await parseLammpsDump(text, { chunkSize: 1 << 20 });
    expect(dumpParserStats.kernelRows - before.kernelRows).toBeGreaterThan(n - 10);
    const [js] = await parseLammpsDump(text, { parser: 'js' });
    expectSameFrames([auto], [js]);
    expect((auto.columns.get('x') as Float64Array)[1000]).toBe(2.5);
    expectMatchesNaive([auto], naiveRead(text), 'long line');
  });

  it('the embedded WebAssembly kernel is a fresh compile of its AssemblyScript source', () => {
    execFileSync('bash', [join(REPO, 'scripts', 'build-dump-wasm.sh'), '--check'], { stdio: 'pipe', timeout: 120_000 });
  });

  it('CRLF line ends and a missing final newline read the same', async () => {
    const text = fileText(zoo('dump.triclinic.atom.lammpstrj'));
    const ref = await parseLammpsDump(text);
    expectSameFrames(await parseLammpsDump(text.replace(/\n/g, '\r\n'), { chunkSize: 5 }), ref);
    expectSameFrames(await parseLammpsDump(text.replace(/\n$/, ''), { chunkSize: 3 }), ref);
  });

  it('selected columns only', async () => {
    const [all] = await readAll(zoo('dump.custom.positions.lammpstrj'));
    const [some] = await readAll(zoo('dump.custom.positions.lammpstrj'), { columns: ['id', 'xu', 'c_pe'] });
    expect([...some.columns.keys()]).toEqual(['id', 'xu', 'c_pe']);
    expect(some.columns.get('xu')).toEqual(all.columns.get('xu'));
  });

  it('reports progress up to the file size', async () => {
    const calls: Array<[number, number]> = [];
    await readAll(zoo('dump.full.lammpstrj'), { chunkSize: 65536, onProgress: (a, b) => calls.push([a, b]) });
    const size = readFileSync(zoo('dump.full.lammpstrj')).length;
    expect(calls.length).toBeGreaterThan(2);
    expect(calls[calls.length - 1]).toEqual([size, size]);
  });
});

describe('random access', () => {
  for (const name of ['dump.evaporate.lammpstrj', 'dump.custom.units-time.lammpstrj', 'dump.custom.lammpstrj.gz', 'dump.bonds.local', 'dump.triclinic.custom.lammpstrj']) {
    it(`${name}: index + readLammpsDumpFrame(n) equals streaming`, async () => {
      const all = await readAll(zoo(name));
      const index = await indexLammpsDump(zoo(name), { chunkSize: 1000 });
      expect(index.frames.length).toBe(all.length);
      expect(index.frames.map((f) => f.timestep)).toEqual(all.map((f) => f.timestep));
      expect(index.frames.map((f) => f.natoms)).toEqual(all.map((f) => f.natoms));
      const text = fileText(zoo(name));
      const lines = text.split('\n');
      for (const f of index.frames) {
        expect(text.slice(f.offset, f.offset + 5)).toBe('ITEM:');
        expect(lines[f.line - 1]).toBe(text.slice(f.offset, text.indexOf('\n', f.offset)));
      }
      for (const n of [all.length - 1, 0, 1]) expectSameFrames([await readLammpsDumpFrame(zoo(name), n, index)], [all[n]]);
      expectSameFrames([await readLammpsDumpFrame(zoo(name), -1)], [all[all.length - 1]]);
      await expect(readLammpsDumpFrame(zoo(name), all.length, index)).rejects.toThrow(/does not exist/);
    });
  }
});

// ---------------------------------------------------------------------------------------------

describe('writing', () => {
  it('formats the header as LAMMPS does', () => {
    expect(formatBoxNumber(6.7183847655300291)).toBe('6.7183847655300291e+00');
    expect(formatBoxNumber(0)).toBe('0.0000000000000000e+00');
    expect(formatBoxNumber(-36.840194)).toBe('-3.6840193999999997e+01');
    expect(formatBoxNumber(1e-300)).toBe('1.0000000000000000e-300');
    expect(formatBoxNumber(5e-324)).toBe('4.9406564584124654e-324');
    expect(formatBoxNumber(-0)).toBe('-0.0000000000000000e+00');
    const text = fileText(zoo('dump.write_dump.lammpstrj'));
    return parseLammpsDump(text).then(([f]) => {
      // header lines are byte-identical to what LAMMPS wrote
      const ours = formatDumpFrame(f).split('\n').slice(0, 9);
      expect(ours).toEqual(text.split('\n').slice(0, 9));
    });
  });

  for (const name of Object.keys(ZOO)) {
    it(`${name}: write -> read is exact (plain and .gz)`, async () => {
      const frames = await readAll(zoo(name));
      for (const ext of ['.lammpstrj', '.lammpstrj.gz']) {
        const out = join(tmp, `rt-${name}${ext}`);
        await writeLammpsDumpFrames(out, frames, {});
        expectSameFrames(await readAll(out, { chunkSize: 777 }), frames);
      }
    });
  }

  it('random doubles and random triclinic boxes round-trip bit for bit', async () => {
    const dbl = fc.double({ noNaN: true, noDefaultInfinity: true });
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(dbl, dbl, dbl), { minLength: 0, maxLength: 20 }), finite, finite, finite, fc.tuple(finite, finite, finite), fc.tuple(finite, finite, finite),
        async (rows, xy, xz, yz, a, b) => {
          const lo = [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.min(a[2], b[2])] as [number, number, number];
          const hi = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.max(a[2], b[2])] as [number, number, number];
          const frame: DumpFrame = {
            kind: 'atoms', timestep: 7, natoms: rows.length,
            box: { lo, hi, tilt: [xy, xz, yz], boundary: ['pp', 'fs', 'mm'] },
            columns: new Map([
              ['id', Float64Array.from(rows, (_, i) => i + 1)],
              ['x', Float64Array.from(rows, (r) => r[0])], ['c_x[1]', Float64Array.from(rows, (r) => r[1])], ['v_e', Float64Array.from(rows, (r) => r[2])],
            ]),
          };
          const back = await parseLammpsDump(formatDumpFrame(frame));
          // lo/hi of a triclinic box: exact whenever some double b gives b - shift == lo (the writer
          // searches 8 ulps each side); otherwise within one ulp. Count how often exactness holds.
          const box = back[0].box;
          for (let d = 0; d < 3; d++) {
            const scale = Math.max(Math.abs(lo[d]), Math.abs(hi[d]), Math.abs(xy) + Math.abs(xz) + Math.abs(yz));
            expect(Math.abs(box.lo[d] - lo[d])).toBeLessThanOrEqual(Number.EPSILON * scale);
            expect(Math.abs(box.hi[d] - hi[d])).toBeLessThanOrEqual(Number.EPSILON * scale);
          }
          expectSameFrames([{ ...back[0], box: frame.box }], [frame]);
        }),
      { numRuns: 200 },
    );
  });

  it('triclinic boxes of realistic size round-trip exactly whenever the dump format allows', async () => {
    // The reader computes xhi = xhi_bound - MAX(0,xy,xz,xy+xz). When the bound has a larger
    // exponent than xhi, no double xhi_bound may give xhi back; the writer must find one whenever
    // one exists (checked here by brute force over +-256 ulps) and be within 1 ulp otherwise.
    const f64 = new Float64Array(1), i64 = new BigInt64Array(f64.buffer);
    const step = (v: number, k: number): number => { f64[0] = v; i64[0] += BigInt(v >= 0 ? k : -k); return f64[0]; };
    const reachable = (v: number, m: number): boolean => {
      for (let j = -256; j <= 256; j++) if (step(v + m, j) - m === v) return true;
      return false;
    };
    let exact = 0;
    let possible = 0;
    const n = 2000;
    for (let k = 0; k < n; k++) {
      const r = (): number => Math.random();
      const lo: [number, number, number] = [-10 * r(), -10 * r(), -10 * r()];
      const hi: [number, number, number] = [lo[0] + 20 * r(), lo[1] + 20 * r(), lo[2] + 20 * r()];
      const tilt: [number, number, number] = [(r() - 0.5) * 10, (r() - 0.5) * 10, (r() - 0.5) * 10];
      const frame: AtomFrame = { natoms: 0, timestep: 0, box: { lo, hi, tilt, boundary: ['pp', 'pp', 'pp'] }, columns: new Map([['id', new Float64Array(0)]]) };
      const [back] = await parseLammpsDump(formatDumpFrame(frame));
      if (back.box.lo.every((v, d) => Object.is(v, lo[d])) && back.box.hi.every((v, d) => Object.is(v, hi[d]))) exact++;
      const [xy, xz, yz] = tilt;
      const m = [Math.min(0, xy, xz, xy + xz), Math.max(0, xy, xz, xy + xz), Math.min(0, yz), Math.max(0, yz)];
      if (reachable(lo[0], m[0]) && reachable(hi[0], m[1]) && reachable(lo[1], m[2]) && reachable(hi[1], m[3])) possible++;
      for (let d = 0; d < 2; d++) {
        const bound = Math.max(Math.abs(lo[d]), Math.abs(hi[d])) + Math.abs(xy) + Math.abs(xz) + Math.abs(yz);
        expect(Math.abs(back.box.lo[d] - lo[d])).toBeLessThanOrEqual(Number.EPSILON * bound);
        expect(Math.abs(back.box.hi[d] - hi[d])).toBeLessThanOrEqual(Number.EPSILON * bound);
      }
      expect(back.box.tilt).toEqual(tilt);
    }
    expect(exact).toBe(possible);
    expect(exact).toBeGreaterThan(n / 4);
  });

  it('never leaves a half-written file', async () => {
    const out = join(tmp, 'bad.lammpstrj');
    const [f] = await readAll(zoo('dump.custom.element.lammpstrj'));
    const bad = { ...f, columns: new Map(f.columns).set('element', (f.columns.get('element') as string[]).map((e, i) => (i === 100 ? 'A r' : e))) };
    await expect(writeLammpsDumpFrames(out, [f, bad], {})).rejects.toThrow(/cannot be written/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((x) => x.startsWith('bad.'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

const LMP = lmpPath();

describe.skipIf(!LMP)('real LAMMPS reads what we write (read_dump, then write_dump %.17g) (skipped only without Debian lmp, never in CI)', () => {
  it('orthogonal: positions, velocities, box and image flags come back bit for bit', async () => {
    const [src] = await readAll(zoo('dump.custom.positions.lammpstrj'));
    const names = ['id', 'type', 'x', 'y', 'z', 'vx', 'vy', 'vz', 'ix', 'iy', 'iz'];
    // perturb so that every coordinate needs 16-17 digits
    const frame: AtomFrame = { ...sortFrameById(src), timestep: 500 };
    const cols = new Map(names.map((n) => [n, Float64Array.from(frame.columns.get(n) as Float64Array)]));
    const x = cols.get('x')!;
    for (let i = 0; i < x.length; i++) x[i] = x[i] * (1 - 1e-9) + 1e-7 * Math.random();
    const ours: AtomFrame = { ...frame, columns: cols };
    const dir = mkdtempSync(join(tmp, 'lmp-'));
    await writeLammpsDumpFrames(join(dir, 'in.dump'), [ours], {});
    const L = frame.box.hi[0];
    writeFileSync(join(dir, 'in.lmp'), [
      'units lj', 'atom_style atomic', `region b block 0 ${L} 0 ${L} 0 ${L}`, 'create_box 1 b', 'mass 1 1.0',
      'read_dump in.dump 500 x y z vx vy vz ix iy iz box yes add yes',
      'write_dump all custom out.dump id type x y z vx vy vz ix iy iz modify sort id format float %.17g',
    ].join('\n') + '\n');
    execFileSync(LMP!, ['-in', 'in.lmp', '-log', 'none', '-screen', 'none'], { cwd: dir, timeout: 60_000 });
    const [back] = await readAll(join(dir, 'out.dump'));
    expect(back.natoms).toBe(ours.natoms);
    expectSameBox(back.box, ours.box);
    for (const n of names) {
      const a = back.columns.get(n) as Float64Array, b = cols.get(n)!;
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) throw new Error(`${n}[${i}]: lmp ${a[i]} vs ours ${b[i]}`);
    }
  });

  it('triclinic: LAMMPS reads our bounding box back to the same box', async () => {
    const [src] = await readAll(zoo('dump.triclinic.custom.lammpstrj'));
    const dir = mkdtempSync(join(tmp, 'lmp-'));
    const frame: AtomFrame = { ...src, timestep: 30, columns: new Map(['id', 'type', 'x', 'y', 'z'].map((n) => [n, src.columns.get(n)!])) };
    await writeLammpsDumpFrames(join(dir, 'in.dump'), [frame], {});
    const { lo, hi, tilt } = src.box;
    writeFileSync(join(dir, 'in.lmp'), [
      'units lj', 'atom_style atomic', `region b prism ${lo[0]} ${hi[0]} ${lo[1]} ${hi[1]} ${lo[2]} ${hi[2]} ${tilt![0]} ${tilt![1]} ${tilt![2]}`,
      'create_box 2 b', 'mass * 1.0',
      'read_dump in.dump 30 x y z box yes add yes',
      'write_dump all custom out.dump id type x y z modify sort id format float %.17g',
    ].join('\n') + '\n');
    execFileSync(LMP!, ['-in', 'in.lmp', '-log', 'none', '-screen', 'none'], { cwd: dir, timeout: 60_000 });
    const [back] = await readAll(join(dir, 'out.dump'));
    expect(back.natoms).toBe(256);
    expectSameBox(back.box, src.box);
    // positions pass through LAMMPS's remap (x -> lamda -> x): equal within a few ulps of the box size
    const L = hi[0] - lo[0];
    for (const n of ['x', 'y', 'z']) {
      const a = back.columns.get(n) as Float64Array, b = src.columns.get(n) as Float64Array;
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(8 * Number.EPSILON * L);
    }
  });
});

// ---------------------------------------------------------------------------------------------

const GOOD = `ITEM: TIMESTEP
100
ITEM: NUMBER OF ATOMS
3
ITEM: BOX BOUNDS pp pp ff
0.0 10.0
0.0 10.0
-5.0 5.0
ITEM: ATOMS id type x y z
1 1 0.5 0.5 0.5
2 1 1.5 1.5 1.5
3 2 2.5 2.5 2.5
`;

async function parseError(text: string): Promise<ParseError> {
  for (const chunkSize of [undefined, 5]) {
    try {
      await parseLammpsDump(text, { file: 'bad.dump', chunkSize });
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      if (chunkSize === undefined) {
        // same error whatever the chunk size
        const again = await parseLammpsDump(text, { file: 'bad.dump', chunkSize: 5 }).catch((x: unknown) => x);
        expect((again as Error).message).toBe(e.message);
        return e;
      }
    }
  }
  throw new Error('expected a ParseError');
}

describe('bad input: one ParseError naming file, line and what was expected', () => {
  it('reads the good variant', async () => {
    const [f] = await parseLammpsDump(GOOD);
    expect(f.box.boundary).toEqual(['pp', 'pp', 'ff']);
    expect([...(f.columns.get('z') as Float64Array)]).toEqual([0.5, 1.5, 2.5]);
  });

  const cases: Array<[string, string, number, RegExp]> = [
    ['truncated frame', GOOD.split('\n').slice(0, 11).join('\n') + '\n', 12, /truncated frame.*expected 3 lines.*found 2/],
    ['truncated header', GOOD.split('\n').slice(0, 6).join('\n') + '\n', 7, /truncated frame.*ylo yhi.*end of file/],
    ['fewer atom lines', GOOD.replace('3 2 2.5 2.5 2.5\n', '') + GOOD, 12, /fewer lines than NUMBER OF ATOMS \(3\): found 2/],
    ['more atom lines', GOOD + '4 2 2.5 2.5 2.5\n', 13, /more lines than NUMBER OF ATOMS \(3\).*expected ITEM: TIMESTEP/],
    ['non-numeric field', GOOD.replace('1.5 1.5 1.5', '1.5 1.5x 1.5'), 11, /column y: expected a number, found '1.5x'/],
    ['NaN', GOOD.replace('2.5 2.5 2.5', '2.5 nan 2.5'), 12, /column y: expected a number, found nan/],
    ['-nan', GOOD.replace('0.5 0.5 0.5', '-nan 0.5 0.5'), 10, /column x: expected a number, found -nan/],
    ['too few columns', GOOD.replace('1.5 1.5 1.5', '1.5 1.5'), 11, /expected 5 columns \(id type x y z\), found 4/],
    ['too many columns', GOOD.replace('2.5 2.5 2.5', '2.5 2.5 2.5 9'), 12, /expected 5 columns \(id type x y z\), found 6/],
    ['blank atom line', GOOD.replace('2 1 1.5 1.5 1.5', ''), 11, /expected 5 columns.*found 0/],
    ['box lo > hi', GOOD.replace('0.0 10.0\n-5.0', '10.0 0.0\n-5.0'), 7, /ylo 10 > yhi 0: expected lo <= hi/],
    ['box line with 1 number', GOOD.replace('-5.0 5.0', '-5.0'), 8, /expected 2 numbers \(zlo zhi\), found 1/],
    ['box number junk', GOOD.replace('-5.0 5.0', '-5.0 5.O'), 8, /zhi: expected a finite number, found '5.O'/],
    ['boundary flags', GOOD.replace('pp pp ff', 'pp pp'), 5, /expected three boundary flags/],
    ['triclinic without tilt', GOOD.replace('BOX BOUNDS pp', 'BOX BOUNDS xy xz yz pp'), 6, /expected 3 numbers \(xlo_bound xhi_bound xy\), found 2/],
    ['missing ITEM: TIMESTEP', GOOD.replace('ITEM: TIMESTEP\n100\n', ''), 7, /ITEM: ATOMS before ITEM: TIMESTEP/],
    ['missing BOX BOUNDS', GOOD.replace(/ITEM: BOX BOUNDS[^]*?ITEM: ATOMS/, 'ITEM: ATOMS'), 5, /ITEM: ATOMS before ITEM: BOX BOUNDS/],
    ['missing ITEM: ATOMS', GOOD.replace('ITEM: ATOMS id type x y z\n', ''), 9, /expected ITEM: ATOMS, found '1 1 0.5 0.5 0.5'/],
    ['not a dump', '3\nAtoms. Timestep: 0\n1 0 0 0\n', 1, /expected ITEM: TIMESTEP, found '3'/],
    ['bad timestep', GOOD.replace('100', '1e2'), 2, /TIMESTEP: expected an integer, found '1e2'/],
    ['huge atom count (no giant allocation)', GOOD.replace('\n3\n', '\n99999999999\n'), 13, /truncated frame.*expected 99999999999 lines after ITEM: ATOMS, found 3/],
    ['bad atom count', GOOD.replace('\n3\n', '\n-3\n'), 4, /NUMBER OF ATOMS: expected a non-negative integer, found '-3'/],
    ['unknown item', GOOD.replace('ITEM: NUMBER OF ATOMS', 'ITEM: NUMBER OF MOLECULES'), 3, /unknown 'ITEM: NUMBER OF MOLECULES': expected ITEM: NUMBER OF ATOMS/],
    ['duplicate column', GOOD.replace('id type x y z', 'id type x y x'), 9, /column 'x' appears twice/],
    ['second frame truncated', GOOD + GOOD.slice(0, GOOD.indexOf('ITEM: ATOMS')), 21, /truncated frame \(started at line 13\): expected ITEM: ATOMS/],
  ];
  for (const [what, text, line, re] of cases) {
    it(what, async () => {
      const e = await parseError(text);
      expect(e.file).toBe('bad.dump');
      expect(e.message).toMatch(re);
      expect(e.line).toBe(line);
    });
  }

  it('an error in a file names the file and counts lines across frames and chunks', async () => {
    const text = fileText(zoo('dump.evaporate.lammpstrj')).split('\n');
    const n = 2000; // a line in the middle of some frame
    expect(text[n - 1].split(' ').length).toBe(5);
    text[n - 1] = text[n - 1].replace(/ (\S+)$/, ' oops');
    const path = join(tmp, 'broken.lammpstrj');
    writeFileSync(path, text.join('\n'));
    for (const chunkSize of [undefined, 333]) {
      const err = await readAll(path, { chunkSize }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).file).toBe(path);
      expect((err as ParseError).line).toBe(n);
      expect((err as ParseError).message).toMatch(/column z: expected a number, found 'oops'/);
    }
  });
});
