import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import Papa from 'papaparse';
import { checkForces } from '../../src/verify/checks/forces.js';
import { checkThermo, describeColumn } from '../../src/verify/checks/energy.js';
import { makeReport } from '../../src/verify/types.js';
import { reportCSV, reportHTML, reportJUnit, reportJSON, reportText } from '../../src/verify/report.js';
import { relErr } from '../../src/verify/compare.js';
import type { AtomFrame } from '../../src/io/types.js';
import { REFERENCE } from '../helpers/paths.js';

/** Independent, naive reader (split on blanks) so the checks are tested apart from src/io. */
function naiveDumpFrames(path: string): AtomFrame[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const frames: AtomFrame[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'ITEM: TIMESTEP') continue;
    const timestep = Number(lines[i + 1]);
    const n = Number(lines[i + 3]);
    const names = lines[i + 8].split(' ').slice(2);
    const cols = names.map(() => new Float64Array(n));
    for (let k = 0; k < n; k++) {
      const f = lines[i + 9 + k].trim().split(/\s+/);
      names.forEach((_, c) => { cols[c][k] = Number(f[c]); });
    }
    frames.push({ timestep, natoms: n, box: { lo: [0, 0, 0], hi: [1, 1, 1], tilt: null, boundary: ['pp', 'pp', 'pp'] }, columns: new Map(names.map((nm, c) => [nm, cols[c]])) });
  }
  return frames;
}

function naiveThermo(path: string): Map<string, number[]> {
  const lines = readFileSync(path, 'utf8').split('\n');
  const h = lines.findIndex((l) => /^\s*Step\s/.test(l));
  const names = lines[h].trim().split(/\s+/);
  const t = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let i = h + 1; i < lines.length && !lines[i].startsWith('Loop time'); i++) {
    const f = lines[i].trim().split(/\s+/);
    names.forEach((n, c) => t.get(n)!.push(Number(f[c])));
  }
  return t;
}

const MEAM = join(REFERENCE, 'meam-li-bcc');

describe('force check', () => {
  const [f0, f100] = naiveDumpFrames(join(MEAM, 'dump.forces.lammpstrj'));

  it('passes a frame against itself, even when the candidate is in another atom order', () => {
    const rev: AtomFrame = { ...f0, columns: new Map([...f0.columns].map(([k, v]) => [k, (v as Float64Array).slice().reverse()])) };
    const [r] = checkForces(f0, rev, { tolAbs: 0, unit: 'eV/Angstrom' });
    expect(r.passed).toBe(true);
    expect(r.stats.max).toBe(0);
    expect(r.stats.n).toBe(3 * 2000);
  });

  it('finds the largest force change between step 0 and step 100 and names its atom', () => {
    let max = 0;
    let id = -1;
    const ids = f0.columns.get('id') as Float64Array;
    for (const c of ['fx', 'fy', 'fz']) {
      const a = f0.columns.get(c) as Float64Array;
      const b = f100.columns.get(c) as Float64Array;
      for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > max) { max = Math.abs(a[i] - b[i]); id = ids[i]; }
    }
    const [r] = checkForces(f0, f100, { tolAbs: 1e-8 });
    expect(r.passed).toBe(false);
    expect(r.stats.max).toBe(max);
    expect(r.worst?.where).toBe(id);
    expect(max).toBeGreaterThan(0.01);
  });
});

describe('thermo check and reports', () => {
  const ref = naiveThermo(join(REFERENCE, 'reaxff-li-600', 'log.lammps'));

  it('a log against itself passes every column; a perturbed column fails at the right step', () => {
    expect(checkThermo(ref, ref, { tolFirst: 0, tolRun: 0 }, 'reax').every((r) => r.passed)).toBe(true);
    const bad = new Map(ref);
    const pe = ref.get('PotEng')!.slice();
    pe[5] *= 1 + 1e-9;
    bad.set('PotEng', pe);
    const res = checkThermo(ref, bad, { tolFirst: 1e-10, tolRun: 1e-10 }, 'reax');
    const run = res.find((r) => r.name.startsWith('PotEng over'))!;
    expect(run.passed).toBe(false);
    expect(run.worst?.where).toBe(ref.get('Step')![5]);
    expect(run.stats.max).toBeCloseTo(relErr(ref.get('PotEng')![5], pe[5]), 20);
    expect(describeColumn('c_reax[14]', 'reax')).toBe('c_reax[14] (eqeq)');
  });

  it('JSON, CSV, JUnit and HTML say the same thing', () => {
    const bad = new Map(ref);
    bad.set('Temp', ref.get('Temp')!.map((v) => v * 1.001));
    const report = makeReport('reaxff-li-600', 'ref', 'cand', checkThermo(ref, bad, { tolFirst: 1e-10, tolRun: 1e-8 }, 'reax'));
    const failures = report.results.filter((r) => !r.passed).length;
    expect(failures).toBe(2);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(reportJUnit([report]));
    expect(Number(junit.testsuites['@_failures'])).toBe(failures);
    expect(Number(junit.testsuites['@_tests'])).toBe(report.results.length);
    const csv = Papa.parse<Record<string, string>>(reportCSV([report]), { header: true, skipEmptyLines: true }).data;
    expect(csv.length).toBe(report.results.length);
    csv.forEach((row, i) => expect(Number(row.max)).toBe(report.results[i].stats.max));
    expect(JSON.parse(reportJSON([report])).passed).toBe(false);
    expect(reportText([report])).toMatch(new RegExp(`${report.results.length - failures} passed, ${failures} failed`));
    const html = reportHTML([report]);
    expect(html).toContain('uPlot');
    expect(html).toContain('FAIL reaxff-li-600');
    // a name holding </script> appears escaped in the text and as \u003c in the embedded plot data, never raw
    const evil = makeReport('a</script><b id="x">', 'ref', 'cand', checkThermo(ref, bad, { tolFirst: 1e-10, tolRun: 1e-8 }, 'reax'));
    const page = reportHTML([evil]);
    expect(page).not.toContain('a</script>');
    expect(page).toContain('a&lt;/script&gt;&lt;b id=&quot;x&quot;&gt;');
    expect(page).toContain('a\\u003c/script\\u003e');
    // the summary table comes before the first case section
    expect(page.indexOf('id="summary"')).toBeLessThan(page.indexOf('id="case-0"'));
  });
});

describe('timestep sensitivity', () => {
  const dir = join(REFERENCE, 'timestep');
  const runs = [0.1, 0.25, 0.5].map((dt) => ({ dt, thermo: naiveThermo(join(dir, `log.dt${dt}`)) as unknown as Map<string, number[]> }));

  it('measures how far each dt strays from the smallest at the shared simulated times (every 1 fs, 51 times)', async () => {
    const { timestepSensitivity } = await import('../../src/verify/checks/timestep.js');
    const s = timestepSensitivity(runs, ['PotEng', 'Temp']);
    expect(s.map((x) => x.shared)).toEqual([51, 51, 51]);
    expect(s[0].deviation.PotEng).toBe(0);
    // independent recomputation for dt = 0.5 against dt = 0.1 at t = 50 fs (last row of each)
    const pe01 = runs[0].thermo.get('PotEng')!;
    const pe05 = runs[2].thermo.get('PotEng')!;
    expect(s[2].deviation.PotEng).toBeGreaterThanOrEqual(Math.abs(pe05[pe05.length - 1] - pe01[pe01.length - 1]));
    expect(s[2].deviation.PotEng).toBeGreaterThan(s[1].deviation.PotEng);
  });

  it('passes the reference against itself and fails when one run is swapped for another dt', async () => {
    const { checkTimestep } = await import('../../src/verify/checks/timestep.js');
    expect(checkTimestep(runs, runs, { columns: ['PotEng', 'Temp'], tol: 0 }).every((r) => r.passed)).toBe(true);
    const swapped = [runs[0], runs[1], { dt: 0.5, thermo: runs[1].thermo }];
    const res = checkTimestep(runs, swapped, { columns: ['PotEng', 'Temp'], tol: 1e-6 });
    expect(res.filter((r) => !r.passed).map((r) => r.worst?.where)).toContain(0.5);
  });
});

describe('thermo check near exact zeros', () => {
  // the values LAMMPS and lmpv printed for compute reduce of a net force (fixtures/lammps/engine-wall, step 40)
  const ref = new Map<string, number[]>([['Step', [0, 40]], ['c_r1[3]', [0, -7.50017332191217e-17]], ['PotEng', [-6.1, -6.2]]]);
  const cand = new Map<string, number[]>([['Step', [0, 40]], ['c_r1[3]', [0, 1.52964061170577e-17]], ['PotEng', [-6.1, -6.2]]]);
  it('round-off around zero fails the pure metric and passes with zero = 1e-10', () => {
    const pure = checkThermo(ref, cand, { tolFirst: 1e-10, tolRun: 1e-7 });
    expect(pure.find((r) => r.name.startsWith('c_r1[3] over'))!.passed).toBe(false);
    const withZero = checkThermo(ref, cand, { tolFirst: 1e-10, tolRun: 1e-7, zero: 1e-10 });
    expect(withZero.every((r) => r.passed)).toBe(true);
    // a real difference above the zero threshold still fails
    const bad = new Map(cand);
    bad.set('c_r1[3]', [0, 2e-10]);
    expect(checkThermo(ref, bad, { tolFirst: 1e-10, tolRun: 1e-7, zero: 1e-10 }).find((r) => r.name.startsWith('c_r1[3] over'))!.passed).toBe(false);
  });
  it('floor measures small values against a fraction of the column scale', () => {
    const r = new Map<string, number[]>([['Step', [0, 1]], ['Fnorm', [100, 1e-9]]]);
    const c = new Map<string, number[]>([['Step', [0, 1]], ['Fnorm', [100, 2e-9]]]);
    const res = checkThermo(r, c, { tolFirst: 1e-10, tolRun: 1e-7, floor: 1e-6 }).find((x) => x.name.startsWith('Fnorm over'))!;
    expect(res.stats.max).toBeCloseTo(1e-9 / 1e-4, 12);
    expect(res.passed).toBe(false);
    expect(checkThermo(r, c, { tolFirst: 1e-10, tolRun: 1e-4, floor: 1e-6 }).every((x) => x.passed)).toBe(true);
  });
});
