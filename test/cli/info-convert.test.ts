/**
 * `lmpv info` and `lmpv convert` end to end: spawn `node bin/lmpv.js` on io-zoo files real LAMMPS
 * wrote, check what they print, what they write (read back through the registry, bit for bit),
 * and that bad input gives one `lmpv: error: FILE:LINE: ...` line, exit code 2 and no output file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameReader, getFormat, listFormats } from '../../src/io/formats.js';
import { readLammpsData } from '../../src/io/lammps-data.js';
import type { AtomFrame } from '../../src/io/types.js';
import { IO_ZOO, REPO, lmpPath } from '../helpers/paths.js';

let dir: string;

// bin/lmpv.js runs dist/, which test/global-setup.ts builds once before any test file
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'lmpv-cli-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function lmpv(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin', 'lmpv.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run lmpv and require exit code 0 (stderr in the failure message). */
function ok(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = lmpv(...args);
  expect(r.code, `lmpv ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

async function readFrames(path: string, format: string): Promise<AtomFrame[]> {
  const out: AtomFrame[] = [];
  for await (const f of (await frameReader(getFormat(format)))(path, { warnings: [] })) out.push(f);
  return out;
}

function expectColumnsEqual(a: AtomFrame, b: AtomFrame, names: string[]): void {
  for (const n of names) {
    const x = a.columns.get(n)!, y = b.columns.get(n)!;
    expect(x, n).toBeDefined();
    expect(y, n).toBeDefined();
    expect(x.length).toBe(y.length);
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) throw new Error(`${n}[${i}]: ${x[i]} != ${y[i]}`);
  }
}

describe('lmpv info', () => {
  it('data file: format, atoms, types, topology, box, columns, coeff sections', () => {
    const r = ok('info', join(IO_ZOO, 'data.full'));
    expect(r.stdout).toMatch(/^format\s+lammps-data$/m);
    expect(r.stdout).toMatch(/^atoms\s+2004$/m);
    expect(r.stdout).toMatch(/^types\s+14$/m);
    expect(r.stdout).toMatch(/^atom style\s+full$/m);
    expect(r.stdout).toMatch(/^topology\s+1365 bonds, 786 angles, 207 dihedrals, 12 impropers$/m);
    expect(r.stdout).toMatch(/^box\s+x 36\.840194 \.\. 64\.21156, y 41\.013691 \.\. 68\.385058, z 29\.768095 \.\. 57\.139462; boundary pp pp pp$/m);
    expect(r.stdout).toMatch(/^columns\s+id mol type q x y z ix iy iz vx vy vz$/m);
    expect(r.stdout).toMatch(/Bond Coeffs # harmonic/);
  });

  it('--json on a triclinic data file', () => {
    const r = ok('info', '--json', join(IO_ZOO, 'data.triclinic'));
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ format: 'lammps-data', frames: 1, atoms: 256, types: 2, timesteps: [30], atomStyle: 'atomic' });
    expect(j.box.tilt).toEqual([2.0155154296590085, 1.343676953106006, 1.0077577148295043]);
    expect(j.box.hi[0]).toBe(6.718384765530029);
  });

  it('multi-frame dump: frames, timesteps, columns; varying atom count', () => {
    const j = JSON.parse(ok('info', '--json', join(IO_ZOO, 'dump.custom.positions.lammpstrj')).stdout);
    expect(j).toMatchObject({ format: 'lammps-dump-text', frames: 7, atoms: 256, types: 1, timesteps: [0, 10, 20, 30, 40, 50, 60] });
    expect(j.columns).toEqual('id type x y z xu yu zu xs ys zs xsu ysu zsu ix iy iz vx vy vz fx fy fz c_pe'.split(' '));
    const e = JSON.parse(ok('info', '--json', join(IO_ZOO, 'dump.evaporate.lammpstrj')).stdout);
    expect([e.frames, e.atomsMin, e.atomsMax]).toEqual([10, 220, 256]);
  });

  it('format by content: a gzip dump under a name that says nothing', () => {
    const p = join(dir, 'mystery.bin');
    copyFileSync(join(IO_ZOO, 'dump.custom.lammpstrj.gz'), p);
    const r = ok('info', '--json', p);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'lammps-dump-text', frames: 4, atoms: 256 });
    // a data file under a .txt name, its atom count line carrying a comment
    writeFileSync(join(dir, 'two.txt'), 'title\n\n2 atoms  # two\n1 atom types\n0 1 xlo xhi\n0 1 ylo yhi\n0 1 zlo zhi\n\nAtoms\n\n1 1 0 0 0\n2 1 0.5 0.5 0.5\n');
    const d = ok('info', '--json', 'two.txt');
    expect(JSON.parse(d.stdout)).toMatchObject({ format: 'lammps-data', atoms: 2, atomStyle: 'atomic' });
    expect(d.stderr).toMatch(/two\.txt:11: warning: Atoms section has no '# style' comment; guessed atom style 'atomic'/);
  });

  it('missing file and unknown format: one error line, exit 2', () => {
    const r = lmpv('info', join(dir, 'nope.data'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lmpv: error: .*nope\.data: no such file\n$/);
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const u = lmpv('info', 'notes.txt');
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^lmpv: error: notes\.txt: cannot tell the file format/);
  });
});

const HAVE_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('progress bar on stderr', () => {
  // the threshold (100 MB) is lowered through LMPV_PROGRESS_MIN_BYTES so a small file shows it
  it('not shown when stderr is not a terminal', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'bin', 'lmpv.js'), 'convert', join(IO_ZOO, 'dump.custom.positions.lammpstrj'), 'p.xyz'],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, LMPV_PROGRESS_MIN_BYTES: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/converting \[/);
  });
  // `script` (util-linux) gives the child a pseudo-terminal; skipped only where it is missing
  it.skipIf(!HAVE_SCRIPT)('shown on a terminal, up to 100% (needs util-linux `script` for a pseudo-terminal)', () => {
    const cmd = `${process.execPath} ${join(REPO, 'bin', 'lmpv.js')} convert ${join(IO_ZOO, 'dump.custom.positions.lammpstrj')} p2.xyz`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LMPV_PROGRESS_MIN_BYTES: '1' } });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/converting \[/);
    expect(r.stdout).toMatch(/100% \| 1\/1 MB/);
    expect(existsSync(join(dir, 'p2.xyz'))).toBe(true);
  });
});

describe('lmpv convert', () => {
  it('dump -> data: the last frame by default, x + image flags exactly', async () => {
    const r = ok('convert', join(IO_ZOO, 'dump.custom.positions.lammpstrj'), 'last.data');
    expect(r.stderr).toMatch(/7 frames; writing the last \(timestep 60\)/);
    const dump = await readFrames(join(IO_ZOO, 'dump.custom.positions.lammpstrj'), 'lammps-dump-text');
    const data = await readFrames(join(dir, 'last.data'), 'lammps-data');
    expect(data[0].timestep).toBe(60);
    expectColumnsEqual(data[0], dump[6], ['id', 'type', 'x', 'y', 'z', 'ix', 'iy', 'iz', 'vx', 'vy', 'vz']);
  });

  it('--frames N picks one frame; a range of several into a data file is an error', async () => {
    ok('convert', '--frames', '2', join(IO_ZOO, 'dump.atom.unscaled-image.lammpstrj'), 'f2.data');
    expect(readLammpsData(join(dir, 'f2.data')).timestep).toBe(20);
    const r = lmpv('convert', '--frames', '1:3', join(IO_ZOO, 'dump.atom.unscaled-image.lammpstrj'), 'many.data');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("lmpv: error: --frames '1:3' selects 2 frames, but a lammps-data file holds one; select a single frame (e.g. --frames 2)\n");
    expect(existsSync(join(dir, 'many.data'))).toBe(false);
  });

  it('--frames START:STOP:STEP between multi-frame formats', async () => {
    const r = ok('convert', '--frames', '::3', join(IO_ZOO, 'dump.custom.positions.lammpstrj'), 'every3.extxyz');
    expect(r.stderr).toMatch(/wrote 3 frames to every3\.extxyz \(extxyz\)/);
    const back = await readFrames(join(dir, 'every3.extxyz'), 'extxyz');
    expect(back.map((f) => f.timestep)).toEqual([0, 30, 60]);
    const dump = await readFrames(join(IO_ZOO, 'dump.custom.positions.lammpstrj'), 'lammps-dump-text');
    expectColumnsEqual(back[1], dump[3], ['id', 'type', 'x', 'y', 'z', 'vx', 'fz', 'c_pe']);
    ok('convert', '--frames', '1:3', join(IO_ZOO, 'dump.custom.positions.lammpstrj'), 'dump.two.gz');
    expect((await readFrames(join(dir, 'dump.two.gz'), 'lammps-dump-text')).map((f) => f.timestep)).toEqual([10, 20]);
  });

  it('scaled triclinic dump -> data: image flags and positions from xs ys zs', async () => {
    ok('convert', '--frames', '3', join(IO_ZOO, 'dump.triclinic.custom.lammpstrj'), 'tri.data');
    const [dump] = (await readFrames(join(IO_ZOO, 'dump.triclinic.custom.lammpstrj'), 'lammps-dump-text')).slice(3);
    const d = readLammpsData(join(dir, 'tri.data'));
    expect(d.box.tilt).toEqual(dump.box.tilt);
    const x = dump.columns.get('x') as Float64Array;
    const ix = dump.columns.get('ix') as Float64Array;
    for (let i = 0; i < d.atoms.id.length; i++) {
      expect(Object.is(d.atoms.x[i], x[i])).toBe(true);
      expect(d.atoms.ix![i]).toBe(ix[i]);
    }
  });

  it('data -> dump.gz -> extxyz -> data keeps every number', async () => {
    ok('convert', join(IO_ZOO, 'data.charge'), 'charge.lammpstrj.gz');
    ok('convert', 'charge.lammpstrj.gz', 'charge.extxyz');
    ok('convert', 'charge.extxyz', 'data.back');
    const a = readLammpsData(join(IO_ZOO, 'data.charge'));
    const b = readLammpsData(join(dir, 'data.back'));
    expect(b.atomStyle).toBe('charge');
    expect(b.box).toEqual(a.box);
    expect(b.timestep).toBe(20);
    for (const k of ['id', 'type', 'q', 'x', 'y', 'z', 'ix', 'iy', 'iz'] as const) expect(b.atoms[k]).toEqual(a.atoms[k]);
    expect(b.velocities).toEqual(a.velocities);
    expect(b.masses).toEqual(a.masses);
  });

  it('data -> data keeps topology and coefficient sections; --atom-style changes the style', () => {
    ok('convert', join(IO_ZOO, 'data.full'), 'full.data');
    expect(readFileSync(join(dir, 'full.data'), 'utf8')).toBe(readFileSync(join(IO_ZOO, 'data.full'), 'utf8'));
    const r = ok('convert', '--atom-style', 'full', join(IO_ZOO, 'data.atomic'), 'atomic-as-full.data');
    expect(r.stderr).toMatch(/no molecule ids in the input, writing 0/);
    const d = readLammpsData(join(dir, 'atomic-as-full.data'));
    expect(d.atomStyle).toBe('full');
    expect(d.atoms.x).toEqual(readLammpsData(join(IO_ZOO, 'data.atomic')).atoms.x);
  });

  it.skipIf(!lmpPath())('real LAMMPS reads a data file converted from a dump (skipped only without Debian lmp, never in CI)', () => {
    // skipped only without Debian lmp outside CI (lmpPath() throws in CI)
    ok('convert', '--frames', '3', join(IO_ZOO, 'dump.custom.element.lammpstrj'), 'el.data');
    writeFileSync(join(dir, 'in.el'), 'atom_style atomic\nread_data el.data\nwrite_data el2.data\n');
    execFileSync(lmpPath()!, ['-in', 'in.el', '-log', 'none', '-echo', 'none', '-screen', 'none'], { cwd: dir });
    const a = readLammpsData(join(dir, 'el.data'));
    const b = readLammpsData(join(dir, 'el2.data'));
    expect(b.atoms.x).toEqual(a.atoms.x);
    expect(b.atoms.iz).toEqual(a.atoms.iz ?? new Float64Array(a.atoms.id.length)); // LAMMPS writes image flags 0
    expect(b.masses).toEqual(a.masses);
  });

  describe('bad input: one error line, exit code 2, no output file and no temp file left', () => {
    const bad: [string, string, string, RegExp][] = [
      ['truncated data file -> dump', 'data.atomic', 'out1.lammpstrj', /^lmpv: error: .*broken\.data:120: unexpected end of file in section 'Atoms' \(line 18\): found 101 of the 256 lines/],
      ['junk in the 5th frame of a dump -> xyz (the writer has already started)', 'dump.custom.positions.lammpstrj', 'out2.xyz', /^lmpv: error: .*broken\.lammpstrj:\d+: /],
      ['junk in a dump -> data', 'dump.custom.positions.lammpstrj', 'out3.data', /^lmpv: error: .*broken\.lammpstrj:\d+: /],
      ['junk in a data file -> data', 'data.full', 'out4.data', /^lmpv: error: .*broken\.data:\d+: Atoms x: expected a number, found 'oops'/],
    ];
    for (const [name, src, out, re] of bad) {
      it(name, () => {
        const text = readFileSync(join(IO_ZOO, src), 'utf8').split('\n');
        let broken: string[];
        if (src === 'data.atomic') broken = text.slice(0, 120);
        else if (src === 'data.full') broken = text.map((l, i) => (i === 1000 ? l.replace(/^(\S+ \S+ \S+ \S+) \S+/, '$1 oops') : l));
        else {
          // the 5th frame's 10th atom line
          let frames = 0;
          broken = [...text];
          for (let i = 0; i < broken.length; i++) {
            if (broken[i].startsWith('ITEM: ATOMS') && ++frames === 5) { broken[i + 10] = broken[i + 10].replace(/ \S+$/, ' 1.5.3'); break; }
          }
        }
        const inName = join(dir, `broken.${src.startsWith('data') ? 'data' : 'lammpstrj'}`);
        writeFileSync(inName, broken.join('\n'));
        const before = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
        const r = lmpv('convert', inName, out);
        expect(r.code).toBe(2);
        expect(r.stderr.split('\n').filter((l) => l.startsWith('lmpv: error'))).toHaveLength(1);
        expect(r.stderr).toMatch(re);
        expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
        expect(existsSync(join(dir, out))).toBe(false);
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual(before);
      });
    }

    it('unknown output format and unknown --to', () => {
      const r = lmpv('convert', join(IO_ZOO, 'data.atomic'), 'out.weird');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^lmpv: error: out\.weird: cannot tell the output format from the name; give it with --to/);
      const t = lmpv('convert', '--to', 'pdb', join(IO_ZOO, 'data.atomic'), 'out.weird');
      expect(t.code).toBe(2);
      // every registry format is named, in registry order
      expect(t.stderr).toBe(`lmpv: error: unknown format 'pdb'; known formats: ${listFormats().map((f) => f.name).join(', ')}\n`);
      expect(t.stderr).toMatch(/known formats: lammps-data, lammps-dump-text, .*extxyz/);
      expect(existsSync(join(dir, 'out.weird'))).toBe(false);
    });
  });
});
