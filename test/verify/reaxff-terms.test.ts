/**
 * When ReaxFF totals differ, every report format names the terms that differ: the c_ID[1..14]
 * columns of `compute ID all pair reaxff` carry their names (eb ... eqeq), and a failed total
 * (PotEng, TotEng, ...) says which terms fail the same comparison. The compute is found in the
 * log's echoed commands or, failing that, in the case's input script.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { compareOutputSets, loadOutputSet, reaxffComputeOf, tolerancesFor } from '../../src/verify/reference.js';
import { reportCSV, reportHTML, reportJUnit, reportJSON, reportText } from '../../src/verify/report.js';
import { parseLammpsLog } from '../../src/io/lammps-log.js';
import { FIXTURES } from '../helpers/paths.js';
import { DEFAULT_TOLERANCES } from '../../src/io/config.js';

const RDX = join(FIXTURES, 'reaxff-rdx');

/** A candidate folder: the rdx outputs with the step-0 thermo row edited by `edit(columnName, value)`. */
function candidate(edit: (col: string, v: string) => string, opts: { stripCompute?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-reax-terms-'));
  for (const f of ['in.lammps', 'dump.forces.lammpstrj']) copyFileSync(join(RDX, f), join(dir, f));
  const lines = readFileSync(join(RDX, 'log.lammps'), 'utf8').split('\n');
  const h = lines.findIndex((l) => /^\s*Step\s/.test(l));
  const names = lines[h].trim().split(/\s+/);
  const w = lines[h + 1].trim().split(/\s+/);
  lines[h + 1] = ' ' + w.map((v, c) => edit(names[c], v)).join(' ');
  let text = lines.join('\n');
  if (opts.stripCompute) text = text.replace(/^compute reax.*$/m, '');
  writeFileSync(join(dir, 'log.lammps'), text);
  return dir;
}

async function report(dir: string, refDir = RDX) {
  const ref = loadOutputSet(refDir);
  // the fixture solves QEq to 1e-6, which widens its defaults (qeqTolerances); the edits here are
  // 1e-6 relative, so compare at the plain defaults, given as flags would give them
  return compareOutputSets(ref, loadOutputSet(dir), tolerancesFor(ref, { tolFirst: DEFAULT_TOLERANCES.tolFirst, tolRun: DEFAULT_TOLERANCES.tolRun }), 'reaxff-rdx');
}

const bump = (v: string, f: number) => String(Number(v) * f);

describe('ReaxFF term names in reports', () => {
  it('a differing ew and ep are named next to the failed PotEng in text, JSON, CSV, JUnit and HTML', async () => {
    const dir = candidate((c, v) => (c === 'c_reax[11]' ? bump(v, 1 + 1e-6) : c === 'c_reax[12]' ? bump(v, 1 + 3e-6) : c === 'PotEng' ? bump(v, 1 + 1e-6) : v));
    const r = await report(dir);
    const pe = r.results.find((x) => x.name.startsWith('log.lammps: PotEng @ step 0') || x.name.startsWith('PotEng @ step 0'))!;
    expect(pe.passed).toBe(false);
    expect(pe.detail).toMatch(/^ReaxFF terms that differ: ep \(c_reax\[12\], max rel 3\.00e-6\), ew \(c_reax\[11\], max rel 1\.00e-6\)$/);
    expect(r.results.find((x) => x.name.includes('c_reax[11] (ew) @ step 0'))!.passed).toBe(false);
    expect(reportText([r])).toMatch(/-> ReaxFF terms that differ: ep \(c_reax\[12\]/);
    expect(JSON.parse(reportJSON([r])).reports[0].results.find((x: { name: string }) => x.name === pe.name).detail).toBe(pe.detail);
    const csv = Papa.parse<Record<string, string>>(reportCSV([r]), { header: true, skipEmptyLines: true }).data;
    expect(csv.find((row) => row.quantity === pe.name)!.detail).toBe(pe.detail);
    expect(csv.some((row) => row.quantity.includes('c_reax[12] (ep)'))).toBe(true);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(reportJUnit([r]));
    const cases = [junit.testsuites.testsuite].flat()[0].testcase as Array<Record<string, unknown>>;
    const tc = cases.find((c) => c['@_name'] === pe.name)!;
    expect(JSON.stringify(tc.failure)).toContain('ReaxFF terms that differ: ep');
    expect(reportHTML([r])).toContain('ReaxFF terms that differ: ep (c_reax[12]');
  });

  it('a total that differs while all 14 terms agree says so', async () => {
    const dir = candidate((c, v) => (c === 'TotEng' || c === 'KinEng' ? bump(v, 1 + 1e-6) : v));
    const r = await report(dir);
    const te = r.results.find((x) => /TotEng @ step 0/.test(x.name))!;
    expect(te.passed).toBe(false);
    expect(te.detail).toMatch(/all 14 ReaxFF terms c_reax\[k\] in the log agree/);
  });

  it('finds the compute in in.lammps when the logs do not echo it', async () => {
    const ref = mkdtempSync(join(tmpdir(), 'lmpv-reax-ref-'));
    for (const f of ['in.lammps', 'dump.forces.lammpstrj']) copyFileSync(join(RDX, f), join(ref, f));
    writeFileSync(join(ref, 'log.lammps'), readFileSync(join(RDX, 'log.lammps'), 'utf8').replace(/^compute reax.*$/m, ''));
    expect(reaxffComputeOf([parseLammpsLog(readFileSync(join(ref, 'log.lammps'), 'utf8'))])).toBeUndefined();
    expect(reaxffComputeOf([], [ref])).toBe('reax');
    const dir = candidate((c, v) => (c === 'c_reax[1]' || c === 'PotEng' ? bump(v, 1 + 1e-6) : v), { stripCompute: true });
    const r = await report(dir, ref);
    expect(r.results.some((x) => x.name.includes('c_reax[1] (eb)'))).toBe(true);
    expect(r.results.find((x) => /PotEng @ step 0/.test(x.name))!.detail).toMatch(/ReaxFF terms that differ: eb \(c_reax\[1\]/);
  });
});
