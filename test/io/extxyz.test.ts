import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseError, type Warning } from '../../src/io/errors.js';
import {
  formatExtxyz, formatExtxyzFrame, parseExtxyz, parseExtxyzComment, parseProperties, readExtxyzFrames, writeExtxyzFrames,
} from '../../src/io/extxyz.js';
import { formatFromName, frameReader, frameWriter, getFormat, sniffFormat } from '../../src/io/formats.js';
import type { AtomFrame, Column } from '../../src/io/types.js';
import { FIXTURES, HAVE_SHARED, IO_ZOO } from '../helpers/paths.js';

const ASE_DIR = join(FIXTURES, 'extxyz-ase');
const tmp = mkdtempSync(join(tmpdir(), 'lmpv-extxyz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface AseFrame {
  natoms: number;
  symbols: string[];
  positions: number[][];
  cell: number[][];
  cellpar: number[];
  scaled_positions: number[][] | null;
  pbc: boolean[];
  arrays: Record<string, unknown[]>;
  info: Record<string, unknown>;
  results?: Record<string, unknown>;
}

function aseJson(name: string): AseFrame[] {
  return JSON.parse(readFileSync(join(ASE_DIR, `${name}.json`), 'utf8')) as AseFrame[];
}

async function readAll(path: string, opts: Record<string, unknown> = {}): Promise<AtomFrame[]> {
  const out: AtomFrame[] = [];
  for await (const f of readExtxyzFrames(path, opts)) out.push(f);
  return out;
}

function num(f: AtomFrame, name: string): Float64Array {
  const c = f.columns.get(name);
  if (!(c instanceof Float64Array)) throw new Error(`no numeric column ${name}`);
  return c;
}

function expectParseError(fn: () => unknown, line: number, re: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).line).toBe(line);
    expect((e as ParseError).message).toMatch(re);
    return;
  }
  throw new Error('expected a ParseError');
}

describe('ASE-written files (fixtures/lammps/extxyz-ase, made by scripts/make-extxyz-fixtures.py)', () => {
  it('the registry finds the module and the format by name and content', async () => {
    const f = getFormat('extxyz');
    expect(formatFromName('a/b/traj.extxyz.gz')?.name).toBe('extxyz');
    const path = join(ASE_DIR, 'cu-fcc-orthogonal.xyz');
    expect(sniffFormat(path, readFileSync(path, 'utf8').slice(0, 4096))?.name).toBe('extxyz');
    expect(typeof (await frameReader(f))).toBe('function');
    expect(typeof (await frameWriter(f))).toBe('function');
  });

  it('cu-fcc-orthogonal: positions, species, box, velocities (momenta) and forces equal what ASE reads', async () => {
    const [ase] = aseJson('cu-fcc-orthogonal');
    const [f] = await readAll(join(ASE_DIR, 'cu-fcc-orthogonal.xyz'));
    expect(f.natoms).toBe(32);
    expect(f.columns.get('element')).toEqual(ase.symbols);
    for (let i = 0; i < f.natoms; i++) {
      expect([num(f, 'x')[i], num(f, 'y')[i], num(f, 'z')[i]]).toEqual(ase.positions[i]);
      expect([num(f, 'fx')[i], num(f, 'fy')[i], num(f, 'fz')[i]]).toEqual((ase.results!.forces as number[][])[i]);
      expect([num(f, 'momenta[1]')[i], num(f, 'momenta[2]')[i], num(f, 'momenta[3]')[i]]).toEqual((ase.arrays.momenta as number[][])[i]);
    }
    expect(f.box).toEqual({ lo: [0, 0, 0], hi: [7.23, 7.23, 7.23], tilt: null, boundary: ['pp', 'pp', 'pp'] });
    expect([...f.columns.keys()]).toEqual(['element', 'x', 'y', 'z', 'momenta[1]', 'momenta[2]', 'momenta[3]', 'fx', 'fy', 'fz']);
  });

  it('li-lammps-triclinic: tilt from the Lattice, pbc T T F -> pp pp ff, charges -> q, StructureType kept', async () => {
    const [ase] = aseJson('li-lammps-triclinic');
    const [f] = await readAll(join(ASE_DIR, 'li-lammps-triclinic.xyz'));
    const c = ase.cell;
    expect(f.box.lo).toEqual([0, 0, 0]);
    expect(f.box.hi).toEqual([c[0][0], c[1][1], c[2][2]]);
    expect(f.box.tilt).toEqual([c[1][0], c[2][0], c[2][1]]);
    expect(f.box.boundary).toEqual(['pp', 'pp', 'ff']);
    expect(Array.from(num(f, 'q'))).toEqual(ase.arrays.initial_charges);
    expect(Array.from(num(f, 'StructureType'))).toEqual(ase.arrays.StructureType);
    expect(Array.from(num(f, 'x'))).toEqual(ase.positions.map((p) => p[0]));
  });

  it('nacl-primitive-general: a general lattice is a clear error naming the line', () => {
    const text = readFileSync(join(ASE_DIR, 'nacl-primitive-general.xyz'), 'utf8');
    expectParseError(() => parseExtxyz(text, 'nacl.xyz'), 2, /not a LAMMPS \(restricted triclinic\) cell: expected a along x and b in the xy plane.*rotateLattice/);
  });

  it('nacl-primitive-general with rotateLattice: same cell shape and fractional positions as ASE, with a warning', () => {
    const [ase] = aseJson('nacl-primitive-general');
    const text = readFileSync(join(ASE_DIR, 'nacl-primitive-general.xyz'), 'utf8');
    const warnings: Warning[] = [];
    const [f] = parseExtxyz(text, 'nacl.xyz', { rotateLattice: true, warnings });
    expect(warnings.map((w) => w.message).join()).toMatch(/rotated into LAMMPS orientation/);
    const lx = f.box.hi[0] - f.box.lo[0];
    const ly = f.box.hi[1] - f.box.lo[1];
    const lz = f.box.hi[2] - f.box.lo[2];
    const [xy, xz, yz] = f.box.tilt!;
    const A = Math.hypot(lx);
    const B = Math.hypot(xy, ly);
    const C = Math.hypot(xz, yz, lz);
    const deg = (u: number[], v: number[]): number => (Math.acos((u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / Math.hypot(...u) / Math.hypot(...v)) * 180) / Math.PI;
    const a = [lx, 0, 0], b = [xy, ly, 0], c = [xz, yz, lz];
    const mine = [A, B, C, deg(b, c), deg(a, c), deg(a, b)];
    mine.forEach((v, i) => expect(Math.abs(v - ase.cellpar[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(v))));
    // fractional coordinates: solve r = s1 a + s2 b + s3 c for the restricted triclinic cell
    for (let i = 0; i < f.natoms; i++) {
      const z = num(f, 'z')[i] / lz;
      const y = (num(f, 'y')[i] - z * yz) / ly;
      const x = (num(f, 'x')[i] - z * xz - y * xy) / lx;
      [x, y, z].forEach((s, k) => expect(Math.abs(s - ase.scaled_positions![i][k])).toBeLessThan(1e-12));
    }
  });

  it('h2o-nocell-traj: three frames, no Lattice -> bounding box with boundary ff and one warning', async () => {
    const ase = aseJson('h2o-nocell-traj');
    const warnings: Warning[] = [];
    const frames = await readAll(join(ASE_DIR, 'h2o-nocell-traj.xyz'), { warnings });
    expect(frames).toHaveLength(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/bounding box with boundary 'ff'/);
    frames.forEach((f, k) => {
      const xs = ase[k].positions.map((p) => p[0]);
      expect(f.box.lo[0]).toBe(Math.min(...xs));
      expect(f.box.hi[0]).toBe(Math.max(...xs));
      expect(f.box.boundary).toEqual(['ff', 'ff', 'ff']);
      expect(f.columns.get('element')).toEqual(['O', 'H', 'H']);
    });
  });

  it('every fixture has the JSON of what ASE read (regenerate with the script)', () => {
    const xyz = readdirSync(ASE_DIR).filter((n) => n.endsWith('.xyz'));
    expect(xyz.length).toBe(4);
    for (const n of xyz) expect(existsSync(join(ASE_DIR, n.replace(/\.xyz$/, '.json')))).toBe(true);
  });
});

describe('streaming reads (readExtxyzFrames)', () => {
  const text = formatExtxyz([randomFrame(11, 5), randomFrame(12, 0), randomFrame(13, 3)]).replace(/\n(?=3\n)/, '\n\n\n') + '\n';

  it('frames split across tiny reads equal the whole-string parse (plain and .gz, CRLF, blank lines)', async () => {
    const whole = parseExtxyz(text, 'x');
    for (const [name, data] of [['s.xyz', text], ['crlf.xyz', text.replace(/\n/g, '\r\n')]] as const) {
      for (const chunkSize of [1, 7, 64, 1 << 20]) {
        const p = join(tmp, name);
        writeFileSync(p, data);
        const got = await readAll(p, { chunkSize });
        expect(got).toHaveLength(3);
        got.forEach((g, k) => expectSameFrame(whole[k], g));
        writeFileSync(p + '.gz', gzipSync(data));
        const gzGot = await readAll(p + '.gz', { chunkSize });
        gzGot.forEach((g, k) => expectSameFrame(whole[k], g));
      }
    }
  });

  it('line numbers of errors count the lines of earlier frames', async () => {
    const lines = text.split('\n');
    // break the y of the 2nd atom of the last frame
    const target = lines.length - 3;
    const parts = lines[target].split(' ');
    parts[4] = 'oops';
    lines[target] = parts.join(' ');
    const p = join(tmp, 'bad-late.xyz');
    writeFileSync(p, lines.join('\n'));
    for (const chunkSize of [5, 1 << 20]) {
      const err = await readAll(p, { chunkSize }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).line).toBe(target + 1);
      expect((err as ParseError).message).toMatch(/expected a number, found 'oops'/);
    }
    // a truncated last frame
    const cut = join(tmp, 'cut.xyz');
    writeFileSync(cut, text.substring(0, text.length - 30));
    const e2 = await readAll(cut, { chunkSize: 9 }).then(() => null, (e: unknown) => e);
    expect((e2 as ParseError).line).toBe(text.substring(0, text.length - 30).split("\n").length);
    expect((e2 as ParseError).message).toMatch(/frame 3, atom 3: Properties on line \d+ give 21 fields per atom, found \d+; is the atom count 3 on line 12 right\?/);
  });

  it('non-ASCII text split between reads is decoded whole', async () => {
    const p = join(tmp, 'utf8.xyz');
    writeFileSync(p, '2\nProperties=species:S:1:pos:R:3:label:S:1 pbc="F F F"\nLi 0 0 0 Å-site\nLi 1 1 1 é\n');
    for (const chunkSize of [1, 2, 3]) {
      const [f] = await readAll(p, { chunkSize });
      expect(f.columns.get('label')).toEqual(['Å-site', 'é']);
    }
  });
});

describe.skipIf(!HAVE_SHARED)('LAMMPS dump xyz (io-zoo/dump.xyz) (needs ../shared/reference)', () => {
  it('reads 7 frames: type column, timesteps from "Atoms. Timestep: N", exact values, bounding box', async () => {
    const path = join(IO_ZOO, 'dump.xyz');
    const warnings: Warning[] = [];
    const frames = await readAll(path, { warnings });
    expect(frames.map((f) => f.timestep)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(frames.every((f) => f.natoms === 256)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/plain XYZ/);
    const lines = readFileSync(path, 'utf8').split('\n');
    frames.forEach((f, k) => {
      expect([...f.columns.keys()]).toEqual(['type', 'x', 'y', 'z']);
      const base = k * 258 + 2;
      for (let i = 0; i < 256; i++) {
        const t = lines[base + i].split(' ').map(Number);
        expect([num(f, 'type')[i], num(f, 'x')[i], num(f, 'y')[i], num(f, 'z')[i]]).toEqual(t);
      }
      expect(f.box.lo[2]).toBe(Math.min(...num(f, 'z')));
      expect(f.box.hi[1]).toBe(Math.max(...num(f, 'y')));
    });
  });
});

describe('OVITO-style files', () => {
  const ovito = [
    '4',
    'Lattice="10.0 0.0 0.0 0.0 12.0 0.0 0.0 0.0 14.0" Origin="-5.0 -6.0 -7.0" Properties=id:I:1:species:S:1:pos:R:3:StructureType:I:1 Timestep=1000 Time=0.5 pbc="T T T"',
    '1 Li -4.5 -5.5 -6.5 2',
    '2 Li 0.25 0.5 0.75 3',
    '3 Li 4.9 5.9 6.9 0',
    '4 Li 1e-3 -2.5E+00 3 1',
  ].join('\n') + '\n';

  it('Origin, Timestep, Time, ids, species, StructureType', () => {
    const [f] = parseExtxyz(ovito, 'ovito.xyz');
    expect(f.box).toEqual({ lo: [-5, -6, -7], hi: [5, 6, 7], tilt: null, boundary: ['pp', 'pp', 'pp'] });
    expect(f.timestep).toBe(1000);
    expect(f.time).toBe(0.5);
    expect(Array.from(num(f, 'id'))).toEqual([1, 2, 3, 4]);
    expect(f.columns.get('element')).toEqual(['Li', 'Li', 'Li', 'Li']);
    expect(Array.from(num(f, 'StructureType'))).toEqual([2, 3, 0, 1]);
    expect(Array.from(num(f, 'y'))).toEqual([-5.5, 0.5, 5.9, -2.5]);
    expect(num(f, 'x')[3]).toBe(0.001);
  });

  it("OVITO's long property names (quoted Properties), numeric Particle Type -> type, logical column", () => {
    const text = [
      '2',
      'Lattice="3 0 0 0 3 0 0 0 3" Properties="Particle Identifier:I:1:Particle Type:I:1:Position:R:3:Velocity:R:3:Force:R:3:Structure Type:I:1:Selection:L:1:Stress:R:6"',
      '7 1 0 0 0 0.1 0.2 0.3 -1 -2 -3 1 T 1 2 3 4 5 6',
      '9 2 1.5 1.5 1.5 0 0 0 0 0 0 0 F 6 5 4 3 2 1',
    ].join('\n');
    const [f] = parseExtxyz(text, 'ovito-long.xyz');
    expect([...f.columns.keys()]).toEqual(['id', 'type', 'x', 'y', 'z', 'vx', 'vy', 'vz', 'fx', 'fy', 'fz', 'StructureType', 'Selection',
      'Stress[1]', 'Stress[2]', 'Stress[3]', 'Stress[4]', 'Stress[5]', 'Stress[6]']);
    expect(Array.from(num(f, 'type'))).toEqual([1, 2]);
    expect(Array.from(num(f, 'Selection'))).toEqual([1, 0]);
    expect(Array.from(num(f, 'fz'))).toEqual([-3, 0]);
    expect(Array.from(num(f, 'Stress[6]'))).toEqual([6, 1]);
  });

  it('plain XYZ with free-text comments (even with = and a stray quote)', () => {
    const warnings: Warning[] = [];
    const frames = parseExtxyz('2\nCubic bulk silicon cell\nSi 0 0 0\nSi 1.36 1.36 1.36\n1\nE = -3.5 "eV\nSi 0.5 0.5 0.5\n', 'plain.xyz', { warnings });
    expect(frames).toHaveLength(2);
    expect(frames[0].columns.get('element')).toEqual(['Si', 'Si']);
    expect(frames[0].box).toEqual({ lo: [0, 0, 0], hi: [1.36, 1.36, 1.36], tilt: null, boundary: ['ff', 'ff', 'ff'] });
    expect(Array.from(num(frames[1], 'x'))).toEqual([0.5]);
    expect(warnings).toHaveLength(1);
  });

  it('ASE Z column gives elements when there is no species', () => {
    const [f] = parseExtxyz('2\nProperties=Z:I:1:pos:R:3 pbc="F F F"\n3 0 0 0\n8 1 1 1\n', 'z.xyz');
    expect(f.columns.get('element')).toEqual(['Li', 'O']);
    expect(Array.from(num(f, 'Z'))).toEqual([3, 8]);
  });

  it('comment-line syntax: quotes with escapes, {braces}, bare keys, blanks around =', () => {
    const info = parseExtxyzComment('a=1 b = "x \\"y\\" z" c={1 2 3} flag Lattice="1 0 0 0 1 0 0 0 1"');
    expect(Object.fromEntries(info)).toEqual({ a: '1', b: 'x "y" z', c: '1 2 3', flag: 'T', Lattice: '1 0 0 0 1 0 0 0 1' });
    expect(parseProperties('species:S:1:pos:R:3')).toEqual([{ name: 'species', type: 'S', ncols: 1 }, { name: 'pos', type: 'R', ncols: 3 }]);
  });
});

describe('errors name the file and line', () => {
  it('wrong atom count: too many announced', () => {
    const text = '3\nProperties=species:S:1:pos:R:3 Lattice="5 0 0 0 5 0 0 0 5"\nLi 0 0 0\nLi 1 1 1\n2\nx\n';
    expectParseError(() => parseExtxyz(text, 'n.xyz'), 5, /^n\.xyz:5: frame 1, atom 3: Properties on line 2 give 4 fields per atom, found 1; is the atom count 3 on line 1 right\?/);
  });
  it('wrong atom count: file ends early', () => {
    expectParseError(() => parseExtxyz('3\nLattice="5 0 0 0 5 0 0 0 5"\nLi 0 0 0\n', 'e.xyz'), 3, /file ends after 1 of 3 atom lines/);
  });
  it('atom count line is not an integer', () => {
    expectParseError(() => parseExtxyz('Li 0 0 0\n', 'c.xyz'), 1, /expected the atom count/);
  });
  it('Properties width mismatch', () => {
    const text = '1\nLattice="5 0 0 0 5 0 0 0 5" Properties=species:S:1:pos:R:3:forces:R:3\nLi 0 0 0 1 2\n';
    expectParseError(() => parseExtxyz(text, 'w.xyz'), 3, /give 7 fields per atom, found 6/);
  });
  it('bad Properties, bad Lattice, unterminated quote, non-number, left-handed cell', () => {
    expectParseError(() => parseExtxyz('1\nProperties=species:S:1:pos:R\nLi 0 0 0\n', 'p.xyz'), 2, /name:type:count triples/);
    expectParseError(() => parseExtxyz('1\nProperties=species:X:1:pos:R:3\nLi 0 0 0\n', 'p.xyz'), 2, /must be S, R, I or L/);
    expectParseError(() => parseExtxyz('1\nLattice="5 0 0 0 5 0 0 0"\nLi 0 0 0\n', 'l.xyz'), 2, /Lattice="5 0 0 0 5 0 0 0": expected 9 numbers/);
    expectParseError(() => parseExtxyz('1\nLattice="5 0 0 0 5 0 0 0 x"\nLi 0 0 0\n', 'l.xyz'), 2, /expected 9 numbers/);
    expectParseError(() => parseExtxyz('1\nLattice="5 0 0 0 5 0 0 0 5\nLi 0 0 0\n', 'q.xyz'), 2, /unterminated " quote/);
    expectParseError(() => parseExtxyz('1\nLattice="5 0 0 0 5 0 0 0 5"\nLi 0 0 zero\n', 'v.xyz'), 3, /z: expected a number, found 'zero'/);
    expectParseError(() => parseExtxyz('1\nLattice="5 0 0 0 5 0 0 0 -5"\nLi 0 0 0\n', 'h.xyz'), 2, /right-handed/);
    // long (17-digit) numbers take the Number() path: malformed ones are still refused
    expectParseError(() => parseExtxyz('1\nLattice="5 0 0 0 5 0 0 0 5"\nLi 0 0 1.2345678901234567.8\n', 'v.xyz'), 3, /z: expected a number, found '1\.2345678901234567\.8'/);
    expectParseError(() => parseExtxyz('1\nLattice="5 0 0 0 5 0 0 0 5"\nLi 0 0 12345678901234567e\n', 'v.xyz'), 3, /expected a number/);
    for (const junk of ['0x1A', '0b11', '0O7', 'Infinityx', 'NaN', '1_0', '.', '-', '+', 'e5', '1e', '1.5x', '--1']) {
      expectParseError(() => parseExtxyz(`1\nLattice="5 0 0 0 5 0 0 0 5"\nLi 0 0 ${junk}\n`, 'v.xyz'), 3, new RegExp(`z: expected a number, found '${junk.replace(/[.+]/g, '\\$&')}'`));
    }
    // what is accepted: every decimal form, and inf spellings (as LAMMPS prints them)
    const [ok] = parseExtxyz('3\nLattice="5 0 0 0 5 0 0 0 5"\nLi 0e5 .5 5.\nLi +1.5E-3 -0 1e308\nLi inf -inf 0.1\n', 'ok.xyz');
    expect(Array.from(num(ok, 'x'))).toEqual([0, 0.0015, Infinity]);
    expect(Object.is(num(ok, 'y')[1], -0)).toBe(true);
    expect(Array.from(num(ok, 'z'))).toEqual([5, 1e308, 0.1]);
    expectParseError(() => parseExtxyz('1\nProperties=species:S:1:forces:R:3\nLi 0 0 0\n', 'np.xyz'), 2, /no positions/);
  });
  it('a tiny off-axis lattice component (< 1e-12 of the cell) is zeroed with a warning', () => {
    const warnings: Warning[] = [];
    const [f] = parseExtxyz('1\nLattice="5 1e-17 0 0 5 0 0 0 5"\nLi 0 0 0\n', 't.xyz', { warnings });
    expect(f.box.hi).toEqual([5, 5, 5]);
    expect(warnings[0].message).toMatch(/below 1e-12/);
  });
});

function randomFrame(seed: number, n: number): AtomFrame {
  let s = seed;
  const rnd = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const col = (f: () => number): Float64Array => Float64Array.from({ length: n }, f);
  const columns = new Map<string, Column>([
    ['id', col(() => Math.floor(rnd() * 1e6))],
    ['type', col(() => 1 + Math.floor(rnd() * 3))],
    ['element', Array.from({ length: n }, () => ['Li', 'Na', 'Mg'][Math.floor(rnd() * 3)])],
    ['x', col(() => (rnd() - 0.3) * 17.123456789012345)],
    ['y', col(() => rnd() * 1e-7)],
    ['z', col(() => -rnd() * 1e5 / 3)],
    ['vx', col(() => rnd() - 0.5)], ['vy', col(() => -0)], ['vz', col(() => rnd() * 1e-300)],
    ['fx', col(() => rnd() / 3)], ['fy', col(() => rnd() / 7)], ['fz', col(() => 1 / (rnd() + 1e-9))],
    ['q', col(() => rnd() - 0.5)],
    ['ix', col(() => Math.floor(rnd() * 5) - 2)], ['iy', col(() => 0)], ['iz', col(() => -1)],
    ['StructureType', col(() => Math.floor(rnd() * 5))],
    ['c_pe', col(() => -3 - rnd())],
    ['c_stress[1]', col(() => rnd() * 1e4)], ['c_stress[2]', col(() => rnd())], ['c_stress[3]', col(() => 2)],
  ]);
  return {
    natoms: n,
    timestep: 123456789,
    time: 61.728394500000004,
    units: 'metal',
    // lo + (hi - lo) != hi for these: the writer adds LammpsBounds
    box: { lo: [-0.1, -3.3000000000000003, 0.7], hi: [17.3, 2.2, 41.900000000000006], tilt: [0.1, -0.30000000000000004, 1e-9], boundary: ['pp', 'fs', 'ff'] },
    columns,
  };
}

function expectSameFrame(a: AtomFrame, b: AtomFrame): void {
  expect(b.natoms).toBe(a.natoms);
  expect(b.timestep).toBe(a.timestep);
  expect(Object.is(b.time, a.time)).toBe(true);
  expect(b.units).toBe(a.units);
  for (let d = 0; d < 3; d++) {
    expect(Object.is(b.box.lo[d], a.box.lo[d]), `lo[${d}]`).toBe(true);
    expect(Object.is(b.box.hi[d], a.box.hi[d]), `hi[${d}]`).toBe(true);
  }
  expect(b.box.tilt).toEqual(a.box.tilt);
  expect(b.box.boundary).toEqual(a.box.boundary);
  expect(new Set(b.columns.keys())).toEqual(new Set(a.columns.keys()));
  for (const [name, col] of a.columns) {
    const other = b.columns.get(name)!;
    if (col instanceof Float64Array) {
      expect(other).toBeInstanceOf(Float64Array);
      for (let i = 0; i < col.length; i++) {
        if (!Object.is(col[i], (other as Float64Array)[i])) throw new Error(`${name}[${i}]: wrote ${col[i]}, read ${(other as Float64Array)[i]}`);
      }
    } else expect(other).toEqual(col);
  }
}

describe('writer', () => {
  it('round trip is exact (Object.is), box bounds and boundary included', () => {
    const frames = [randomFrame(1, 50), randomFrame(2, 7)];
    frames[1].box = { lo: [0, 0, 0], hi: [3, 4, 5], tilt: null, boundary: ['pp', 'pp', 'pp'] };
    const text = formatExtxyz(frames);
    const back = parseExtxyz(text, 'rt.xyz');
    expect(back).toHaveLength(2);
    back.forEach((b, k) => expectSameFrame(frames[k], b));
    const header = text.split('\n')[1];
    expect(header).toMatch(/^Lattice="17\.4\d* 0 0 0\.1 5\.5\d* 0 -0\.30000000000000004 1e-9 41\.2\d*" Origin="-0\.1 -3\.3000000000000003 0\.7" Properties=id:I:1:species:S:1:type:I:1:pos:R:3:velo:R:3:forces:R:3:charge:R:1:image:I:3:StructureType:I:1:c_pe:R:1:c_stress:R:3 pbc="T F F" LammpsBounds="[^"]+" LammpsBoundary="pp fs ff" Timestep=123456789 Time=61\.7283945\d* Units=metal$/);
    // a plain orthogonal periodic box writes no extra keys
    expect(text.split('\n')[53]).toBe('Lattice="3 0 0 0 4 0 0 0 5" Origin="0 0 0" Properties=id:I:1:species:S:1:type:I:1:pos:R:3:velo:R:3:forces:R:3:charge:R:1:image:I:3:StructureType:I:1:c_pe:R:1:c_stress:R:3 pbc="T T T" Timestep=123456789 Time=61.72839450000001 Units=metal');
  });

  it('ASE fixtures survive read -> write -> read unchanged', async () => {
    for (const n of ['cu-fcc-orthogonal', 'li-lammps-triclinic', 'h2o-nocell-traj']) {
      const frames = await readAll(join(ASE_DIR, `${n}.xyz`));
      const back = parseExtxyz(formatExtxyz(frames), n);
      back.forEach((b, k) => expectSameFrame(frames[k], b));
    }
  });

  it('a frame with type but no element writes type:I:1 (no species) and reads back as type', () => {
    const f: AtomFrame = {
      natoms: 2, box: { lo: [0, 0, 0], hi: [1, 1, 1], tilt: null, boundary: ['pp', 'pp', 'pp'] },
      columns: new Map<string, Column>([['type', Float64Array.of(1, 2)], ['x', Float64Array.of(0.1, 0.2)], ['y', Float64Array.of(0, 0)], ['z', Float64Array.of(0, 0)]]),
    };
    const text = formatExtxyzFrame(f);
    expect(text).toBe('2\nLattice="1 0 0 0 1 0 0 0 1" Origin="0 0 0" Properties=type:I:1:pos:R:3 pbc="T T T"\n1 0.1 0 0\n2 0.2 0 0\n');
    expectSameFrame(f, parseExtxyz(text)[0]);
  });

  it('writeExtxyzFrames: async iterable in, .gz out, atomic on failure', async () => {
    const frames = [randomFrame(3, 20), randomFrame(4, 20)];
    async function* gen(): AsyncGenerator<AtomFrame> { for (const f of frames) yield f; }
    const out = join(tmp, 'traj.extxyz.gz');
    await writeExtxyzFrames(out, gen());
    expect(gunzipSync(readFileSync(out)).toString('utf8')).toBe(formatExtxyz(frames));
    const back = await readAll(out);
    back.forEach((b, k) => expectSameFrame(frames[k], b));

    const bad = join(tmp, 'bad.xyz');
    async function* failing(): AsyncGenerator<AtomFrame> {
      yield frames[0];
      throw new Error('source failed');
    }
    await expect(writeExtxyzFrames(bad, failing())).rejects.toThrow('source failed');
    expect(existsSync(bad)).toBe(false);
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a frame without any positions is refused with a clear message', () => {
    const f: AtomFrame = { natoms: 1, box: { lo: [0, 0, 0], hi: [1, 1, 1], tilt: null, boundary: ['pp', 'pp', 'pp'] }, columns: new Map([['xs', Float64Array.of(0.5)]]) };
    expect(() => formatExtxyzFrame(f)).toThrow(/no positions \(x y z, xu yu zu, xs ys zs or xsu ysu zsu\); found: xs/);
  });

  it('scaled (xs ys zs, triclinic) and unwrapped (xu yu zu) coordinates are written as positions, with a warning', () => {
    const box = { lo: [1, 2, 3] as [number, number, number], hi: [11, 22, 33] as [number, number, number], tilt: [1, 2, 3] as [number, number, number], boundary: ['pp', 'pp', 'pp'] as [string, string, string] };
    const scaled: AtomFrame = { natoms: 2, box, columns: new Map<string, Column>([['id', Float64Array.of(1, 2)], ['xs', Float64Array.of(0.5, 0)], ['ys', Float64Array.of(0.25, 1)], ['zs', Float64Array.of(0.5, 0.5)], ['ix', Float64Array.of(0, 1)], ['iy', Float64Array.of(0, 0)], ['iz', Float64Array.of(0, -1)]]) };
    const warnings: Warning[] = [];
    const [back] = parseExtxyz(formatExtxyzFrame(scaled, { warnings }), 's.xyz');
    // x = xlo + xs lx + ys xy + zs xz; y = ylo + ys ly + zs yz; z = zlo + zs lz
    expect(Array.from(num(back, 'x'))).toEqual([1 + 5 + 0.25 + 1, 1 + 0 + 1 + 1]);
    expect(Array.from(num(back, 'y'))).toEqual([2 + 5 + 1.5, 2 + 20 + 1.5]);
    expect(Array.from(num(back, 'z'))).toEqual([3 + 15, 3 + 15]);
    expect(Array.from(num(back, 'iz'))).toEqual([0, -1]);
    expect(back.columns.has('xs')).toBe(false);
    expect(warnings.map((w) => w.message)).toEqual(["extxyz: no x y z columns; positions computed from the scaled xs ys zs and the box (rounded, not the file's digits)"]);
    const unwrapped: AtomFrame = { natoms: 1, box, columns: new Map<string, Column>([['xu', Float64Array.of(-7.5)], ['yu', Float64Array.of(0.1)], ['zu', Float64Array.of(99)]]) };
    const w2: Warning[] = [];
    const [u] = parseExtxyz(formatExtxyzFrame(unwrapped, { warnings: w2 }), 'u.xyz');
    expect([num(u, 'x')[0], num(u, 'y')[0], num(u, 'z')[0]]).toEqual([-7.5, 0.1, 99]);
    expect(w2[0].message).toMatch(/unwrapped xu yu zu are written as positions/);
  });
});

function haveAse(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import ase.io'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    if (process.env.CI) throw new Error('python3-ase is required in CI (.ci/run installs it)');
    return false;
  }
}

// .ci/run installs python3-ase, so in CI this always runs; on a machine without ASE it is skipped.
describe.skipIf(!haveAse())('ASE reads what we write (needs /usr/bin/python3 with ase; skipped without it outside CI)', () => {
  it('positions, cell, pbc, symbols and forces come back identical in ASE', () => {
    const f = randomFrame(5, 12);
    f.box = { lo: [0, 0, 0], hi: [9.5, 8.25, 7.125], tilt: [0.5, -0.25, 0.125], boundary: ['pp', 'pp', 'ff'] };
    const path = join(tmp, 'for-ase.xyz');
    writeFileSync(path, formatExtxyzFrame(f));
    const py = `
import json, sys, ase.io
a = ase.io.read(sys.argv[1], format='extxyz')
print(json.dumps({'pos': a.positions.tolist(), 'cell': a.cell.array.tolist(), 'pbc': [bool(p) for p in a.pbc],
                  'sym': a.get_chemical_symbols(), 'forces': a.get_forces().tolist()}))`;
    const r = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, path], { encoding: 'utf8' })) as {
      pos: number[][]; cell: number[][]; pbc: boolean[]; sym: string[]; forces: number[][];
    };
    expect(r.cell).toEqual([[9.5, 0, 0], [0.5, 8.25, 0], [-0.25, 0.125, 7.125]]);
    // a LAMMPS frame with types only: ASE reads it (element X) and keeps the types
    const t = { ...f, columns: new Map([...f.columns].filter(([k]) => k !== 'element')) };
    writeFileSync(path, formatExtxyzFrame(t));
    const py2 = `
import json, sys, ase.io
a = ase.io.read(sys.argv[1], format='extxyz')
print(json.dumps({'type': a.arrays['type'].tolist(), 'sym': sorted(set(a.get_chemical_symbols()))}))`;
    const r2 = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py2, path], { encoding: 'utf8' })) as { type: number[]; sym: string[] };
    expect(r2.type).toEqual(Array.from(num(f, 'type')));
    expect(r2.sym).toEqual(['X']);
    expect(r.pbc).toEqual([true, true, false]);
    expect(r.sym).toEqual(f.columns.get('element'));
    for (let i = 0; i < f.natoms; i++) {
      expect(r.pos[i]).toEqual([num(f, 'x')[i], num(f, 'y')[i], num(f, 'z')[i]]);
      expect(r.forces[i]).toEqual([num(f, 'fx')[i], num(f, 'fy')[i], num(f, 'fz')[i]]);
    }
  });
});
