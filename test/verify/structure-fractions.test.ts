/**
 * a-CNA fractions against a reference table: an OVITO "Table of global attributes" written by
 * hand in OVITO's layout (fixtures/lammps/acna-verify: an LJ crystal that stays fcc), lmpv's own
 * --csv / --json output (fixtures/lammps/acna-reference), `lmpv acna --reference` and verify.json.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acnaCounts, checkStructureFractions, readStructureTable } from '../../src/verify/checks/structure-fractions.js';
import { FIXTURES } from '../helpers/paths.js';
import { runLmpv } from '../helpers/cli.js';

const CASE = join(FIXTURES, 'acna-verify');
const OVITO = join(CASE, 'acna.ovito.txt');
const MELT = join(FIXTURES, 'binary-dumps', 'dump.custom.lammpstrj');
const tmp = mkdtempSync(join(tmpdir(), 'lmpv-acna-ref-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('reference tables', () => {
  it("reads OVITO's layout by attribute name, whatever the column order and extra attributes", async () => {
    const t = await readStructureTable(OVITO);
    expect(t.map((r) => r.timestep)).toEqual([0, 25, 50, 75, 100]);
    expect(t[2]).toEqual({ frame: 2, timestep: 50, natoms: null, counts: { other: 0, fcc: 108, hcp: 0, bcc: 0, ico: 0 } });
  });
  it('lmpv --csv and --json read to the same rows', async () => {
    const csv = await readStructureTable(join(FIXTURES, 'acna-reference', 'acna.lmpv.csv'));
    const json = await readStructureTable(join(FIXTURES, 'acna-reference', 'acna.lmpv.json'));
    expect(csv).toEqual(json);
    expect(csv.map((r) => r.natoms)).toEqual([126, 126, 126, 94, 94]);
  });
  it('a table without count attributes is an error naming file and line', async () => {
    const p = join(tmp, 'bad.txt');
    writeFileSync(p, '# "Timestep" "Potential energy"\n0 -5.0 \n');
    await expect(readStructureTable(p)).rejects.toThrow(/bad\.txt.*1.*CommonNeighborAnalysis\.counts\.OTHER/);
  });
});

describe('checkStructureFractions', () => {
  it('the crystal stays fcc: a-CNA of LAMMPS\'s dump equals the hand-written table exactly', async () => {
    const r = checkStructureFractions(await readStructureTable(OVITO), await acnaCounts(join(CASE, 'dump.pos')), { tol: 0 });
    expect(r.map((c) => [c.name, c.passed, c.stats.n])).toEqual(['other', 'fcc', 'hcp', 'bcc', 'ico'].map((s) => [`${s} fraction`, true, 5]));
  });
  it('one atom moved from fcc to other at timestep 50 fails fcc and other there; a partial table without Timestep matches by frame', async () => {
    const ours = await acnaCounts(join(CASE, 'dump.pos'));
    const ref = await readStructureTable(OVITO);
    ref[2].counts = { ...ref[2].counts, fcc: 107, other: 1 };
    const r = checkStructureFractions(ref, ours, { tol: 0 });
    const failed = r.filter((c) => !c.passed);
    expect(failed.map((c) => c.name)).toEqual(['other fraction', 'fcc fraction']);
    expect(failed[1].worst).toEqual({ label: 'timestep', where: 50, reference: 107 / 108, candidate: 1 });
    expect(failed[1].stats.max).toBeCloseTo(1 / 108, 15);
    // within a tolerance of 1/108 it passes
    expect(checkStructureFractions(ref, ours, { tol: 0.01 }).every((c) => c.passed)).toBe(true);
    const p = join(tmp, 'partial.txt');
    writeFileSync(p, '# "CommonNeighborAnalysis.counts.FCC"\n108 \n108 \n108 \n108 \n108 \n');
    const partial = checkStructureFractions(await readStructureTable(p), ours, { tol: 0 });
    expect(partial.map((c) => [c.name, c.passed, c.worst?.label])).toEqual([['fcc fraction', true, 'frame']]);
  });
  it('a reference frame the dump lacks fails naming its timestep', async () => {
    const ref = await readStructureTable(OVITO);
    ref.push({ frame: 5, timestep: 125, natoms: null, counts: { fcc: 108 } });
    const r = checkStructureFractions(ref, await acnaCounts(join(CASE, 'dump.pos')), { tol: 0 });
    expect(r.filter((c) => !c.passed).map((c) => c.name)).toEqual(['frame at timestep 125']);
  });
});

describe('lmpv acna --reference', () => {
  it('passes against the hand-written OVITO table and against lmpv\'s own CSV and JSON of a melting crystal', () => {
    const a = runLmpv(['acna', join(CASE, 'dump.pos'), '--reference', OVITO]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^ {2}ok {2}structure {2}fcc fraction +abs +0 +0 +timestep 0 +5$/m);
    for (const ref of ['acna.lmpv.csv', 'acna.lmpv.json']) {
      const r = runLmpv(['acna', MELT, '--reference', join(FIXTURES, 'acna-reference', ref), '--json']);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.reference.passed).toBe(true);
      expect(j.reference.results).toHaveLength(5);
    }
  });
  it('exit 1 naming the structure and timestep when the table differs; exit 2 for a bad --tol', () => {
    const p = join(tmp, 'wrong.txt');
    writeFileSync(p, readFileSync(OVITO, 'utf8').replace(/^75 3 0 108 0 0 0 0 $/m, '75 3 2 106 0 0 0 0 '));
    const r = runLmpv(['acna', join(CASE, 'dump.pos'), '--reference', p]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}FAIL {2}structure {2}fcc fraction +abs +0\.0185185 +0 +timestep 75 +5$/m);
    expect(r.stdout).toMatch(/^ {2}FAIL {2}structure {2}bcc fraction .*timestep 75/m);
    expect(runLmpv(['acna', join(CASE, 'dump.pos'), '--reference', p, '--tol', '0.02']).code).toBe(0);
    expect(runLmpv(['acna', join(CASE, 'dump.pos'), '--reference', p, '--tol', 'x']).code).toBe(2);
  });
});

describe('verify.json "acna"', () => {
  it('lmpv verify checks the a-CNA fractions of the rerun\'s dump against the case\'s table, and fails on a wrong table', () => {
    const junit = join(tmp, 'ok.xml');
    const ok = runLmpv(['verify', CASE, '--junit', junit]);
    expect(ok.code).toBe(0);
    expect(readFileSync(junit, 'utf8')).toMatch(/name="a-CNA of dump\.pos vs acna\.ovito\.txt: fcc fraction"/);
    const bad = join(tmp, 'case');
    cpSync(CASE, bad, { recursive: true });
    writeFileSync(join(bad, 'acna.ovito.txt'), readFileSync(OVITO, 'utf8').replace(/^100 4 0 108 0 0 0 0 $/m, '100 4 0 100 0 0 8 0 '));
    const badJunit = join(tmp, 'bad.xml');
    const r = runLmpv(['verify', bad, '--junit', badJunit]);
    expect(r.code).toBe(1);
    expect(readFileSync(badJunit, 'utf8')).toMatch(/<testcase classname="[^"]*case\.structure" name="a-CNA of dump\.pos vs acna\.ovito\.txt: fcc fraction">\s*<failure message="[^"]*at timestep 100/);
    // a dump the run does not write is a failing output, named
    writeFileSync(join(bad, 'verify.json'), JSON.stringify({ acna: { dump: 'dump.none', reference: 'acna.ovito.txt' } }));
    const miss = runLmpv(['verify', bad]);
    expect(miss.code).toBe(1);
    expect(miss.stdout).toMatch(/FAIL +outputs +dump\.none/);
  });
});
