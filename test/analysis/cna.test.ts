import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, lmpPath } from '../helpers/paths.js';
import { fixedCna, fixedCnaFrame, lammpsToOvito, LMP_BCC, LMP_FCC, LMP_HCP, LMP_ICOS, LMP_OTHER, LMP_UNKNOWN } from '../../src/analysis/cna.js';
import { clusterAtomsFrame } from '../../src/analysis/cluster.js';
import { countTypes } from '../../src/analysis/acna.js';
import { BCC_BASIS, FCC_BASIS, cubic, hcp, mackay } from './lattices.js';
import { readOneFrameDump } from './fixture.js';

const CASES = readdirSync(FIXTURES).filter((d) => d.startsWith('cna-')).sort();

function cutoffs(dir: string): { cna: number; clu: number } {
  const inp = readFileSync(join(dir, 'in.lammps'), 'utf8');
  return { cna: Number(/cna\/atom\s+(\S+)/.exec(inp)![1]), clu: Number(/cluster\/atom\s+(\S+)/.exec(inp)![1]) };
}

/** Atom ids where two per-atom columns differ. */
function differing(ids: Float64Array, a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  const bad: number[] = [];
  for (let i = 0; i < ids.length; i++) if (a[i] !== b[i]) bad.push(ids[i]);
  return bad;
}

describe('conventional CNA on ideal structures', () => {
  it('fcc, hcp, bcc, icosahedron centre; LAMMPS numbering', () => {
    const b = cubic(BCC_BASIS, 2.8665, 3, 3, 3);
    expect(countTypes(fixedCna(b.pos, b.n, b.cell, 1.207 * 2.8665), 6)[LMP_BCC]).toBe(b.n);
    const f = cubic(FCC_BASIS, 3.615, 3, 3, 3);
    expect(countTypes(fixedCna(f.pos, f.n, f.cell, 0.854 * 3.615), 6)[LMP_FCC]).toBe(f.n);
    const h = hcp(3.21, 4, 2, 2);
    expect(countTypes(fixedCna(h.pos, h.n, h.cell, 1.207 * 3.21), 6)[LMP_HCP]).toBe(h.n);
    const m = mackay(2, 2.7);
    const t = fixedCna(m.pos, m.n, m.cell, 3.1);
    expect(t[0]).toBe(LMP_ICOS);
    // outer shell atoms have fewer than 12 neighbours: other, never unknown
    expect(countTypes(t, 6)[LMP_UNKNOWN]).toBe(0);
    expect(countTypes(t, 6)[LMP_OTHER]).toBeGreaterThan(0);
  });
  it('atoms outside the group are unknown (0) and lammpsToOvito maps 0 and 5 to other', () => {
    const b = cubic(BCC_BASIS, 2.8665, 2, 2, 2);
    const group = new Uint8Array(b.n).fill(1);
    group[3] = 0;
    const t = fixedCna(b.pos, b.n, b.cell, 3.46, { group });
    expect(t[3]).toBe(LMP_UNKNOWN);
    expect(t[4]).toBe(LMP_BCC);
    expect([0, 1, 2, 3, 4, 5].map(lammpsToOvito)).toEqual([0, 1, 2, 3, 4, 0]);
  });
  it('rejects a non-positive cutoff', () => {
    const b = cubic(BCC_BASIS, 2.8665, 2, 2, 2);
    expect(() => fixedCna(b.pos, b.n, b.cell, 0)).toThrow(/cutoff must be positive/);
  });
});

describe('agreement with LAMMPS compute cna/atom and cluster/atom, atom by atom (fixtures/lammps/cna-*)', () => {
  it('has the fixtures', () => expect(CASES.length).toBeGreaterThanOrEqual(8));
  for (const name of CASES) {
    it(name, () => {
      const dir = join(FIXTURES, name);
      const f = readOneFrameDump(join(dir, 'dump.cna'));
      const { cna, clu } = cutoffs(dir);
      const ids = f.columns.get('id') as Float64Array;
      const ref = f.columns.get('c_cna') as Float64Array;
      const ambiguous = new Uint8Array(f.natoms);
      const ours = fixedCnaFrame(f, cna, { ambiguous });
      const nAmb = ambiguous.reduce((a, b) => a + b, 0);
      // every atom whose LAMMPS answer does not hinge on LAMMPS's neighbour-list order agrees
      expect(differing(ids, ours.map((v, i) => (ambiguous[i] ? 0 : v)), ref.map((v, i) => (ambiguous[i] ? 0 : v)))).toEqual([]);
      if (name === 'cna-crowded') {
        // crowded neighbours: the flagged atoms exist, and LAMMPS's order decided some of them
        expect(nAmb).toBeGreaterThan(20);
        expect(differing(ids, ours, ref).length).toBeGreaterThan(0);
      } else expect(nAmb).toBe(0);
      expect(differing(ids, clusterAtomsFrame(f, clu), f.columns.get('c_clu') as Float64Array)).toEqual([]);
    });
  }
  it('the fixtures exercise every outcome LAMMPS gives on them', () => {
    const seen = new Set<number>();
    for (const name of CASES) for (const v of readOneFrameDump(join(FIXTURES, name, 'dump.cna')).columns.get('c_cna') as Float64Array) seen.add(v);
    expect([...seen].sort()).toEqual([LMP_FCC, LMP_HCP, LMP_BCC, LMP_OTHER]);
  });
});

/**
 * Runs lmp in `dir`. Debian's lmp is an MPI program: when several start at once, Open MPI's
 * session directory can collide ("orte_init failed"); that start-up failure is retried.
 */
function runLmp(lmp: string, dir: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync(lmp, ['-nocite', '-log', 'none', '-screen', 'none', '-in', 'in.lammps'], { cwd: dir, timeout: 60_000, stdio: 'pipe' });
      return;
    } catch (e) {
      const err = String((e as { stderr?: Buffer }).stderr ?? '');
      if (attempt >= 5 || !/orte_init|MPI_Init|ompi_mpi_init/.test(err)) throw e;
    }
  }
}

describe('live: real lmp on a fresh configuration', () => {
  const lmp = lmpPath();
  it.skipIf(!lmp)('noisy triclinic bcc and hcp: same cna/atom and cluster/atom (skipped: no lmp outside CI)', () => {
    const seed = 1 + (Date.now() % 900000);
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-cna-'));
    const seen = new Set<number>();
    try {
      for (const [lat, a, rc, region, disp] of [
        ['bcc', 3.0, 3.62, 'prism 0 4 0 4 0 4 -1 1 0', 0.4],
        ['hcp', 3.0, 3.62, 'block 0 5 0 3 0 3', 0.35],
      ] as const) {
        writeFileSync(
          join(dir, 'in.lammps'),
          [
            'units metal',
            'boundary p p p',
            `lattice ${lat} ${a}`,
            `region box ${region}`,
            'create_box 1 box',
            'create_atoms 1 box',
            `displace_atoms all random ${disp} ${disp} ${disp} ${seed} units box`,
            'mass * 1.0',
            'pair_style lj/cut 7.5',
            'pair_coeff * * 0.0 1.0',
            `compute cna all cna/atom ${rc}`,
            'compute clu all cluster/atom 2.6',
            'dump d all custom 1 dump.cna id type x y z c_cna c_clu',
            'dump_modify d format float %.17g sort id',
            'run 0',
          ].join('\n') + '\n',
        );
        runLmp(lmp!, dir);
        const f = readOneFrameDump(join(dir, 'dump.cna'));
        const ids = f.columns.get('id') as Float64Array;
        const ref = f.columns.get('c_cna') as Float64Array;
        const ambiguous = new Uint8Array(f.natoms);
        const ours = fixedCnaFrame(f, rc, { ambiguous });
        const bad = differing(ids, ours, ref).filter((id) => !ambiguous[ids.indexOf(id)]);
        expect(bad, `${lat} seed ${seed}`).toEqual([]);
        expect(differing(ids, clusterAtomsFrame(f, 2.6), f.columns.get('c_clu') as Float64Array), `${lat} seed ${seed}`).toEqual([]);
        for (const v of ref) seen.add(v);
      }
      // the comparison saw crystalline and disordered atoms of both lattices
      expect([...seen].sort(), `seed ${seed}`).toEqual([LMP_HCP, LMP_BCC, LMP_OTHER]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
