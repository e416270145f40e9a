/**
 * Outputs of fix reaxff/bonds and fix reaxff/species from the reaxff-tatb reference case (LAMMPS
 * 29 Sep 2021 with REAXFF; copied into fixtures/lammps/reaxff-tatb-outputs by
 * scripts/make-reaxff-output-fixtures.sh, which also reran it for the species `position` file).
 * They must read into the numbers LAMMPS printed; cross-checks: the bond table's charges against
 * the force dump's q of the same run, and the molecules of the bond graph against the species counts.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseError } from '../../src/io/errors.js';
import { bondList, parseReaxffBonds, readReaxffBonds, type ReaxffBondsStep } from '../../src/io/reaxff-bonds.js';
import { parseReaxffSpecies, readReaxffSpecies, speciesCsv, speciesTable } from '../../src/io/reaxff-species.js';
import { parseReaxffSpeciesPosition, readReaxffSpeciesPositionFrames } from '../../src/io/reaxff-species-position.js';
import { readLammpsDumpFrames } from '../../src/io/lammps-dump.js';
import { sniffFormat } from '../../src/io/formats.js';
import { FIXTURES, HAVE_SHARED, REFERENCE, REPO } from '../helpers/paths.js';

const DIR = join(FIXTURES, 'reaxff-tatb-outputs');

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function sniff(name: string): string | undefined {
  const p = join(DIR, name);
  return sniffFormat(p, readFileSync(p, 'utf8').substring(0, 4096))?.name;
}

describe('fix reaxff/bonds table (bonds.reaxff)', () => {
  it('is sniffed as reaxff-bonds', () => expect(sniff('bonds.reaxff')).toBe('reaxff-bonds'));

  it('reads 6 steps of 384 atoms with the values LAMMPS printed', async () => {
    const steps = await all(readReaxffBonds(join(DIR, 'bonds.reaxff')));
    expect(steps.map((s) => s.timestep)).toEqual([0, 5, 10, 15, 20, 25]);
    for (const s of steps) {
      expect(s.particles).toBe(384);
      expect(s.id.length).toBe(384);
      expect(s.maxBonds).toBe(3);
      expect(s.cutoff).toBe(0.3);
    }
    const s0 = steps[0];
    // ' 1 1 3 2 6 13 0  1.279  1.287  1.048  3.722  0.000  -0.112'
    expect([s0.id[0], s0.type[0], s0.nb[0], s0.mol[0]]).toEqual([1, 1, 3, 0]);
    expect(Array.from(s0.neighbor.subarray(s0.start[0], s0.start[1]))).toEqual([2, 6, 13]);
    expect(Array.from(s0.bo.subarray(s0.start[0], s0.start[1]))).toEqual([1.279, 1.287, 1.048]);
    expect([s0.abo[0], s0.nlp[0], s0.q[0]]).toEqual([3.722, 0, -0.112]);
    // ' 10 2 2 16 23 0  0.707  0.312  1.023  0.000  0.428'
    expect(Array.from(s0.neighbor.subarray(s0.start[9], s0.start[10]))).toEqual([16, 23]);
    expect(Array.from(s0.bo.subarray(s0.start[9], s0.start[10]))).toEqual([0.707, 0.312]);
    // last line of the file: ' 356 3 1 349 0  1.422  1.765  2.000  -0.483'
    const last = steps[5];
    const i = last.id.indexOf(356);
    expect([last.type[i], last.nb[i], last.neighbor[last.start[i]], last.bo[last.start[i]], last.abo[i], last.nlp[i], last.q[i]]).toEqual([3, 1, 349, 1.422, 1.765, 2, -0.483]);
  });

  it('every bond is listed from both ends with the same bond order; the bond list has each pair once', async () => {
    for (const s of await all(readReaxffBonds(join(DIR, 'bonds.reaxff')))) {
      const at = new Map<number, number>();
      for (let i = 0; i < s.id.length; i++) at.set(s.id[i], i);
      let listed = 0;
      for (let i = 0; i < s.id.length; i++) {
        for (let k = s.start[i]; k < s.start[i + 1]; k++) {
          const j = at.get(s.neighbor[k])!;
          const back = Array.from(s.neighbor.subarray(s.start[j], s.start[j + 1])).indexOf(s.id[i]);
          expect(back).toBeGreaterThanOrEqual(0);
          expect(s.bo[s.start[j] + back]).toBe(s.bo[k]);
          listed++;
        }
      }
      const b = bondList(s);
      expect(b.bo.length * 2).toBe(listed);
      for (let k = 0; k < b.bo.length; k++) expect(b.atom1[k]).toBeLessThan(b.atom2[k]);
    }
  });

  it.skipIf(!HAVE_SHARED)('charges equal the force dump\'s q of the same run at steps 0 and 25, to the 3 decimals printed (needs ../shared/reference)', async () => {
    const steps = await all(readReaxffBonds(join(DIR, 'bonds.reaxff')));
    const dump = await all(readLammpsDumpFrames(join(REFERENCE, 'reaxff-tatb', 'dump.forces.lammpstrj'), { warnings: [] }));
    for (const f of dump) {
      const s = steps.find((x) => x.timestep === f.timestep)!;
      const id = f.columns.get('id') as Float64Array, q = f.columns.get('q') as Float64Array;
      const at = new Map<number, number>();
      for (let i = 0; i < s.id.length; i++) at.set(s.id[i], i);
      let worst = 0;
      for (let i = 0; i < id.length; i++) worst = Math.max(worst, Math.abs(s.q[at.get(id[i])!] - q[i]));
      expect(worst).toBeLessThanOrEqual(0.0005 + 1e-12);
    }
  });

  it('the molecules of the bond graph are the 16 C6H6O6N6 that fix reaxff/species counted', async () => {
    const steps = await all(readReaxffBonds(join(DIR, 'bonds.reaxff')));
    const species = await all(readReaxffSpecies(join(DIR, 'species.tatb')));
    const element = ['C', 'H', 'O', 'N']; // pair_coeff * * ffield.reax C H O N
    for (const row of species) {
      const s = steps.find((x) => x.timestep === row.timestep)!;
      expect(moleculeFormulas(s, element)).toEqual(row.counts);
    }
  });

  it('bad tables: ParseError with the line', async () => {
    const head = '# Timestep 0 \n# \n# Number of particles 2 \n# \n# Max number of bonds per atom 3 with coarse bond order cutoff 0.300 \n# Particle connection table and bond orders \n# id type nb id_1...id_nb mol bo_1...bo_nb abo nlp q \n';
    const ok = ' 1 1 1 2 0   1.000   1.000   0.000  -0.1\n 2 1 1 1 0   1.000   1.000   0.000   0.1\n# \n';
    expect((await parseReaxffBonds(head + ok))[0].id.length).toBe(2);
    await expect(parseReaxffBonds(head + ' 1 1 2 2 0   1.000   1.000   0.000  -0.1\n', 'b.reaxff')).rejects.toThrow(/^b\.reaxff:8: expected 11 fields for nb = 2/);
    await expect(parseReaxffBonds(head + ' 1 1 1 2 0   1.0x   1.000   0.000  -0.1\n', 'b.reaxff')).rejects.toThrow(/^b\.reaxff:8: bo_1: expected a number, found '1\.0x'/);
    await expect(parseReaxffBonds(head + ok.split('\n')[0] + '\n', 'b.reaxff')).rejects.toThrow(/^b\.reaxff:9: truncated step \(timestep 0\): expected atom line 2 of 2/);
    await expect(parseReaxffBonds(head + ok + ' 3 1 0 0 0 0 0\n', 'b.reaxff')).rejects.toThrow(/^b\.reaxff:11: more atom lines than 'Number of particles' \(2\)/);
    await expect(parseReaxffBonds('', 'b.reaxff')).rejects.toThrow(ParseError);
  });
});

/** Connected components of the bond graph as formulas (elements in type order, count 1 omitted), as fix reaxff/species names them. */
function moleculeFormulas(s: ReaxffBondsStep, element: string[]): Map<string, number> {
  const at = new Map<number, number>();
  for (let i = 0; i < s.id.length; i++) at.set(s.id[i], i);
  const parent = Array.from(s.id, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < s.id.length; i++) for (let k = s.start[i]; k < s.start[i + 1]; k++) parent[find(i)] = find(at.get(s.neighbor[k])!);
  const members = new Map<number, number[]>();
  for (let i = 0; i < s.id.length; i++) {
    const r = find(i);
    if (!members.has(r)) members.set(r, []);
    members.get(r)!.push(i);
  }
  const out = new Map<string, number>();
  for (const list of members.values()) {
    const n = element.map(() => 0);
    for (const i of list) n[s.type[i] - 1]++;
    const f = element.map((e, k) => (n[k] === 0 ? '' : n[k] === 1 ? e : `${e}${n[k]}`)).join('');
    out.set(f, (out.get(f) ?? 0) + 1);
  }
  return out;
}

describe('fix reaxff/species counts (species.tatb)', () => {
  it('is sniffed as reaxff-species', () => expect(sniff('species.tatb')).toBe('reaxff-species'));

  it('reads 5 rows: 16 molecules, 1 species, 16 C6H6O6N6 at steps 5 .. 25', async () => {
    const rows = await all(readReaxffSpecies(join(DIR, 'species.tatb')));
    expect(rows.map((r) => r.timestep)).toEqual([5, 10, 15, 20, 25]);
    for (const r of rows) {
      expect(r.moles).toBe(16);
      expect(r.nspecies).toBe(1);
      expect([...r.counts]).toEqual([['C6H6O6N6', 16]]);
    }
  });

  it('species that come and go line up in one table (0 where absent); CSV', async () => {
    const text = '# Timestep     No_Moles     No_Specs     Li13\tLi\t\n100         3          2\t 1\t 2\t\n' +
      '# Timestep     No_Moles     No_Specs     Li14\tLi13\t\n200         2          2\t 1\t 1\t\n';
    const rows = await parseReaxffSpecies(text);
    expect(speciesTable(rows)).toEqual({ species: ['Li13', 'Li', 'Li14'], timestep: [100, 200], moles: [3, 2], nspecies: [2, 2], counts: [[1, 2, 0], [1, 0, 1]] });
    expect(speciesCsv(rows)).toBe('Timestep,No_Moles,No_Specs,Li13,Li,Li14\n100,3,2,1,2,0\n200,2,2,1,0,1\n');
  });

  it('bad rows: ParseError with the line', async () => {
    const h = '# Timestep     No_Moles     No_Specs     C6H6O6N6\t\n';
    await expect(parseReaxffSpecies(h + '5 16 1 16 3\n', 's.out')).rejects.toThrow(/^s\.out:2: expected 4 values/);
    await expect(parseReaxffSpecies(h + '5 16 1 1x\n', 's.out')).rejects.toThrow(/^s\.out:2: C6H6O6N6: expected an integer, found '1x'/);
    await expect(parseReaxffSpecies(h + '5 16 1 17\n', 's.out')).rejects.toThrow(/^s\.out:2: No_Moles = 16, but the species counts add up to 17/);
    await expect(parseReaxffSpecies('5 16 1 16\n', 's.out')).rejects.toThrow(/^s\.out:1: expected a header/);
  });
});

describe('fix reaxff/species position file (species.pos)', () => {
  it('is sniffed as reaxff-species-position', () => expect(sniff('species.pos')).toBe('reaxff-species-position'));

  it('reads 2 steps of 16 molecules with the values LAMMPS printed', async () => {
    const f = await all(readReaxffSpeciesPositionFrames(join(DIR, 'species.pos')));
    expect(f.map((x) => x.timestep)).toEqual([5, 10]);
    expect(f[0].natoms).toBe(16);
    expect(f[0].box.hi).toEqual([13.624, 17.114915, 15.182639]);
    expect(Array.from(f[0].columns.get('count') as Float64Array)).toEqual(new Array(16).fill(24));
    expect((f[0].columns.get('species') as string[])[0]).toBe('C6H6O6N6');
    // '1	24	C6H6O6N6	0.00000001 	0.88768296 	0.70422461 	0.28111285'
    expect([0, 1, 2, 3].map((k) => (f[0].columns.get(['q', 'xs', 'ys', 'zs'][k]) as Float64Array)[0])).toEqual([0.00000001, 0.88768296, 0.70422461, 0.28111285]);
    expect((f[1].columns.get('zs') as Float64Array)[0]).toBe(0.28111369);
  });

  it('bad steps: ParseError with the line', async () => {
    const text = readFileSync(join(DIR, 'species.pos'), 'utf8').split('\n');
    text[4] = '3\t24\tC6H6O6N6\t0.00000018 \t0.38768296 \t0.70422461';
    await expect(parseReaxffSpeciesPosition(text.join('\n'), 'p.pos')).rejects.toThrow(/^p\.pos:5: timestep 5: expected molecule 3 of 16 as 7 fields/);
    await expect(parseReaxffSpeciesPosition('Timestep 5 NMole 1\n', 'p.pos')).rejects.toThrow(/^p\.pos:1: expected 'Timestep N NMole M/);
  });
});

describe('command line: species to CSV/JSON, bonds to a dump local, info', () => {
  const lmpv = (cwd: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, [join(REPO, 'bin', 'lmpv.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };

  it('lmpv species --csv / --json; lmpv convert bonds -> dump local; lmpv info', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-rx-'));
    try {
      lmpv(dir, 'species', join(DIR, 'species.tatb'), '--csv', 'species.csv');
      expect(readFileSync(join(dir, 'species.csv'), 'utf8')).toBe('Timestep,No_Moles,No_Specs,C6H6O6N6\n5,16,1,16\n10,16,1,16\n15,16,1,16\n20,16,1,16\n25,16,1,16\n');
      const json = JSON.parse(lmpv(dir, 'species', join(DIR, 'species.tatb'), '--json'));
      expect(json).toEqual({ species: ['C6H6O6N6'], timestep: [5, 10, 15, 20, 25], moles: [16, 16, 16, 16, 16], nspecies: [1, 1, 1, 1, 1], counts: [[16], [16], [16], [16], [16]] });
      lmpv(dir, 'convert', join(DIR, 'bonds.reaxff'), 'bonds.local', '--to', 'lammps-dump-text');
      const local = await all(readLammpsDumpFrames(join(dir, 'bonds.local'), { warnings: [] }));
      const steps = await all(readReaxffBonds(join(DIR, 'bonds.reaxff')));
      expect(local).toHaveLength(6);
      for (let k = 0; k < 6; k++) {
        const b = bondList(steps[k]);
        expect((local[k] as { kind?: string }).kind).toBe('entries');
        expect(local[k].timestep).toBe(steps[k].timestep);
        expect(Array.from(local[k].columns.get('bo') as Float64Array)).toEqual(Array.from(b.bo));
        expect(Array.from(local[k].columns.get('atom2') as Float64Array)).toEqual(Array.from(b.atom2));
      }
      const info = lmpv(dir, 'info', join(DIR, 'bonds.reaxff'));
      expect(info).toMatch(/^format\s+reaxff-bonds$/m);
      expect(info).toMatch(/^frames\s+6 \(timesteps 0 \.\. 25\)$/m);
      expect(info).toMatch(/^entries\s+400$/m);
      expect(lmpv(dir, 'info', join(DIR, 'species.tatb'))).toMatch(/^format\s+reaxff-species$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the same outputs as LAMMPS 4 Feb 2025 writes them (bonds.2025, species.2025.run, species.2025.pos)', () => {
  it('bond table: atoms in any order, the same bonds from both ends; molecules match the species counts at step 10', async () => {
    const steps = await all(readReaxffBonds(join(DIR, 'bonds.2025')));
    expect(steps.map((s) => s.timestep)).toEqual([0, 10]);
    expect(steps[0].id[0]).toBe(79); // ' 79 2 1 86 0  0.774  1.034  0.000  0.410'
    expect([steps[0].neighbor[0], steps[0].bo[0], steps[0].abo[0], steps[0].q[0]]).toEqual([86, 0.774, 1.034, 0.41]);
    const rows = await all(readReaxffSpecies(join(DIR, 'species.2025.run')));
    expect(rows.map((r) => r.timestep)).toEqual([0, 5, 10]);
    expect([...rows[0].counts]).toEqual([['C', 96], ['H', 96], ['N', 96], ['O', 96]]);
    expect(rows[0].moles).toBe(384);
    expect(moleculeFormulas(steps[1], ['C', 'H', 'O', 'N'])).toEqual(rows[2].counts);
  });

  it('position file: Tot_q (total charge) read as tot_q', async () => {
    const f = await all(readReaxffSpeciesPositionFrames(join(DIR, 'species.2025.pos')));
    expect(f.map((x) => x.timestep)).toEqual([0, 5, 10]);
    expect(f[0].natoms).toBe(384);
    expect(f[1].natoms).toBe(16);
    expect(f[1].columns.has('tot_q')).toBe(true);
    expect(f[1].columns.has('q')).toBe(false);
    expect(Array.from(f[2].columns.get('count') as Float64Array)).toEqual(new Array(16).fill(24));
  });
});
