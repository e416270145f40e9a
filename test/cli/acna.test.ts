/**
 * `lmpv acna` end to end: spawn `node bin/lmpv.js acna` on dumps real LAMMPS wrote
 * (fixtures/lammps/cna-*), check the counts against LAMMPS's own c_cna column, the agreement it
 * reports, the --out file read back through the registry, CSV/JSON, frame selection, and that bad
 * input gives one `lmpv: error:` line, exit code 2 and no output file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { frameReader, getFormat } from '../../src/io/formats.js';
import type { AtomFrame } from '../../src/io/types.js';
import { FIXTURES, REPO } from '../helpers/paths.js';

let dir: string;
const BCC = join(FIXTURES, 'cna-bcc', 'dump.cna');
const FCC = join(FIXTURES, 'cna-fcc', 'dump.cna');
const TRI = join(FIXTURES, 'cna-bcc-tri', 'dump.cna');

beforeAll(() => {
  // bin/lmpv.js runs dist/, which test/global-setup.ts builds once before any test file
  if (!existsSync(join(REPO, 'dist', 'src', 'cli', 'acna.js'))) throw new Error('dist/src/cli/acna.js missing: build with npx tsc -p tsconfig.json');
  dir = mkdtempSync(join(tmpdir(), 'lmpv-acna-'));
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function lmpv(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'bin', 'lmpv.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs lmpv and parses its JSON output; a failure shows lmpv's stderr. */
function lmpvJson(...args: string[]): any {
  const r = lmpv(...args);
  expect(r.code, `lmpv ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout);
}

async function readFrames(path: string, format: string): Promise<AtomFrame[]> {
  const out: AtomFrame[] = [];
  for await (const f of (await frameReader(getFormat(format)))(path, { warnings: [] })) out.push(f);
  return out;
}

/** LAMMPS's own counts from the c_cna column (1 fcc, 2 hcp, 3 bcc, 4 ico, 5 other). */
async function lammpsCounts(path: string): Promise<number[]> {
  const [f] = await readFrames(path, 'lammps-dump-text');
  const c = [0, 0, 0, 0, 0, 0];
  for (const v of f.columns.get('c_cna') as Float64Array) c[v]++;
  return c;
}

describe('lmpv acna', () => {
  it('--mode fixed reproduces LAMMPS cna/atom on its own dump (100% agreement with c_cna)', async () => {
    for (const [file, rc] of [[BCC, '3.4599'], [FCC, '3.0872'], [TRI, '3.9831']]) {
      const r = lmpv('acna', file, '--mode', 'fixed', '--cutoff', rc, '--json');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      const fr = doc.frames[0];
      const ref = await lammpsCounts(file);
      expect(fr.lammpsCounts).toEqual({ unknown: ref[0], fcc: ref[1], hcp: ref[2], bcc: ref[3], ico: ref[4], other: ref[5] });
      expect(fr.counts).toEqual({ other: ref[0] + ref[5], fcc: ref[1], hcp: ref[2], bcc: ref[3], ico: ref[4] });
      expect(fr.agreement).toMatchObject({ column: 'c_cna', agree: fr.natoms, total: fr.natoms, fraction: 1, firstDiffering: [] });
      // confusion matrix: LAMMPS value -> ours, all on the diagonal
      for (const [theirs, row] of Object.entries(fr.agreement.confusion as Record<string, Record<string, number>>)) expect(Object.keys(row)).toEqual([theirs]);
    }
  });

  it('adaptive mode prints a table with fractions and the agreement with c_cna', () => {
    const r = lmpv('acna', BCC);
    expect(r.code, r.stderr).toBe(0);
    const row = r.stdout.trim().split('\n').at(-1)!.trim().split(/\s+/);
    // frame timestep atoms other fcc hcp bcc ico pct% with c_cna
    expect(row.slice(0, 3)).toEqual(['0', '0', '432']);
    const fr = row.slice(3, 8).map(Number);
    expect(fr.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
    expect(fr[3]).toBeGreaterThan(99); // bcc
    expect(r.stdout).toMatch(/% with c_cna/);
  });

  it('--out writes StructureType (dump and extxyz) that reads back and agrees 100% with itself', async () => {
    for (const name of ['out.lammpstrj', 'out.xyz']) {
      const counts = lmpvJson('acna', FCC, '--out', name, '--json').frames[0].counts;
      const [f] = await readFrames(join(dir, name), name.endsWith('.xyz') ? 'extxyz' : 'lammps-dump-text');
      const st = f.columns.get('StructureType') as Float64Array;
      expect(st.length).toBe(500);
      const c = [0, 0, 0, 0, 0];
      for (const v of st) c[v]++;
      expect(c).toEqual([counts.other, counts.fcc, counts.hcp, counts.bcc, counts.ico]);
      const again = lmpvJson('acna', name, '--json').frames[0];
      expect(again.agreement).toMatchObject({ column: 'StructureType', fraction: 1 });
    }
  });

  it('--threads 1, 2 and 3 give the same counts on LAMMPS dumps (crystal, liquid, crowded)', () => {
    for (const f of [BCC, join(FIXTURES, 'cna-lj-liquid', 'dump.cna'), join(FIXTURES, 'cna-crowded', 'dump.cna')]) {
      const frames = [1, 2, 3].map((t) => lmpvJson('acna', f, '--threads', String(t), '--json').frames.map((r: { counts: unknown; agreement: unknown }) => [r.counts, r.agreement]));
      expect(frames[1]).toEqual(frames[0]);
      expect(frames[2]).toEqual(frames[0]);
    }
  });

  it('streams several frames, selects with --frames, writes CSV', () => {
    const two = join(dir, 'two.lammpstrj');
    writeFileSync(two, readFileSync(BCC, 'utf8') + readFileSync(FCC, 'utf8'));
    const all = lmpvJson('acna', two, '--json');
    expect(all.frames.map((f: { natoms: number }) => f.natoms)).toEqual([432, 500]);
    const second = lmpvJson('acna', two, '--frames', '1', '--json');
    expect(second.frames).toHaveLength(1);
    expect(second.frames[0].counts).toEqual(all.frames[1].counts);
    const r = lmpv('acna', two, '--csv', 'table.csv');
    expect(r.code, r.stderr).toBe(0);
    const csv = readFileSync(join(dir, 'table.csv'), 'utf8').trim().split('\n');
    expect(csv[0].split(',').slice(0, 8)).toEqual(['frame', 'timestep', 'natoms', 'n_other', 'n_fcc', 'n_hcp', 'n_bcc', 'n_ico']);
    expect(csv).toHaveLength(3);
    expect(csv[2].split(',').slice(0, 3)).toEqual(['1', '0', '500']);
  });

  it('--cluster-cutoff reports LAMMPS cluster/atom clusters and the bcc fraction per size', async () => {
    const doc = lmpvJson('acna', join(FIXTURES, 'cna-fcc', 'dump.cna'), '--cluster-cutoff', '2.3', '--json');
    const [f] = await readFrames(FCC, 'lammps-dump-text');
    const ids = new Set(f.columns.get('c_clu') as Float64Array);
    const cl = doc.frames[0].clusters;
    expect(cl.count).toBe(ids.size);
    expect(cl.sizes.reduce((s: number, r: { atoms: number }) => s + r.atoms, 0)).toBe(500);
    // clusters of bcc atoms only: they hold exactly the bcc atoms, all bcc
    const b = lmpvJson('acna', BCC, '--cluster-cutoff', '2.6', '--cluster-of', 'bcc', '--json').frames[0];
    const rows = b.clusters.sizes as Array<{ atoms: number; selected: number; fraction: number }>;
    expect(rows.reduce((s, r) => s + r.atoms, 0)).toBe(b.counts.bcc);
    expect(rows.every((r) => r.selected === r.atoms && r.fraction === 1)).toBe(true);
  });

  it('bad input: one error line, exit 2, no output file', () => {
    const cases: Array<[string[], RegExp]> = [
      [['acna', BCC, '--mode', 'fixed'], /--mode fixed needs --cutoff/],
      [['acna', BCC, '--mode', 'sideways'], /--mode 'sideways': expected adaptive or fixed/],
      [['acna', BCC, '--cutoff', '3'], /--cutoff applies to --mode fixed/],
      [['acna', 'missing.lammpstrj'], /missing\.lammpstrj: no such file/],
      [['acna', BCC, '--frames', '5'], /selects none of its 1 frames/],
      [['acna', BCC, '--threads', '0'], /--threads '0': expected a whole number from 1 to 256/],
    ];
    for (const [args, msg] of cases) {
      const r = lmpv(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
    // a broken atom line: the reader's FILE:LINE error, and --out leaves nothing behind
    const lines = readFileSync(BCC, 'utf8').split('\n');
    lines[20] = '12 1 3.0 abc 4.0 3 1';
    writeFileSync(join(dir, 'bad.lammpstrj'), lines.join('\n'));
    const r = lmpv('acna', 'bad.lammpstrj', '--out', 'bad-out.lammpstrj');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lmpv: error: bad\.lammpstrj:21: /);
    expect(existsSync(join(dir, 'bad-out.lammpstrj'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes('bad-out'))).toEqual([]);
    // no positions
    writeFileSync(join(dir, 'nopos.lammpstrj'), readFileSync(BCC, 'utf8').replace('id type x y z c_cna c_clu', 'id type q y z c_cna c_clu'));
    const p = lmpv('acna', 'nopos.lammpstrj');
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/frame 0 \(timestep 0\): frame has no complete position columns/);
  });
});
