/**
 * `lmpv timestep`, spawned as a user runs it: an LJ NVE script in lmpv's engine (velocity Verlet's
 * drift order 2 +- 0.3, figures as real LAMMPS's logs give them), and the shared ReaxFF timestep case
 * in real LAMMPS with REAXFF (../shared/bin/lmp_full): the same per-dt figures as LAMMPS's own logs.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REFERENCE, SHARED } from '../helpers/paths.js';
import { expectCleanError, runLmpv } from '../helpers/cli.js';

const LJ = join(FIXTURES, 'timestep-lj-nve');
const LMP_FULL = join(SHARED, 'bin', 'lmp_full');

interface Figures { dt: number; drift: number; fluctuation: number; end: Record<string, number>; leaves?: number | null; conserved: Record<string, number> }
interface StudyJSON { study: { runs: Figures[]; driftOrder: number }; reference?: { runs: Figures[] }; report: { passed: boolean; results: Array<{ name: string; passed: boolean }> } }

describe('lmpv timestep', () => {
  it('LJ NVE in lmpv\'s engine: drift order 2 +- 0.3, and every figure within 1e-6 of the same figure from real LAMMPS\'s logs', () => {
    const r = runLmpv(['timestep', join(LJ, 'in.lammps'), '--dt', '0.0025,0.005,0.01', '--reference', LJ, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as StudyJSON;
    expect(Math.abs(doc.study.driftOrder - 2)).toBeLessThanOrEqual(0.3);
    expect(doc.study.runs.map((f) => f.dt)).toEqual([0.0025, 0.005, 0.01]);
    // the drift quadruples when dt doubles (velocity Verlet), measured: 1.065e-5, 4.260e-5, 1.721e-4 per atom per tau
    expect(doc.study.runs[1].drift / doc.study.runs[0].drift).toBeGreaterThan(3.5);
    expect(doc.study.runs[2].drift / doc.study.runs[1].drift).toBeGreaterThan(3.5);
    doc.study.runs.forEach((f, k) => {
      const ref = doc.reference!.runs[k];
      expect(Math.abs(f.drift - ref.drift) / Math.abs(ref.drift)).toBeLessThan(1e-6);
      expect(Math.abs(f.end.PotEng - ref.end.PotEng) / Math.abs(ref.end.PotEng)).toBeLessThan(1e-12);
    });
    expect(doc.report.results.find((x) => x.name.startsWith('NVE energy drift order'))!.passed).toBe(true);
  });

  it.skipIf(!existsSync(join(REFERENCE, 'meam-sic')))('MEAM Si/C NVE (metal units, dt in fs) in lmpv\'s engine: drift order 2 +- 0.3 (skipped: no ../shared/reference)', () => {
    const r = runLmpv(['timestep', join(REFERENCE, 'meam-sic', 'in.lammps'), '--dt', '0.25,0.5,1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as StudyJSON & { dts: Array<{ given: number; dt: number }>; driftUnit: string };
    // fs converted to metal's ps; 100 steps at 1 fs = 0.1 ps, so 400 steps at 0.25 fs
    expect(doc.dts).toEqual([{ given: 0.25, dt: 0.00025 }, { given: 0.5, dt: 0.0005 }, { given: 1, dt: 0.001 }]);
    expect(doc.driftUnit).toBe('eV/atom/ps');
    expect(Math.abs(doc.study.driftOrder - 2)).toBeLessThanOrEqual(0.3); // measured 2.034
  });

  it('fails (exit 1) when the drift order is off: the same runs checked against order 2 +- 0.001', () => {
    const r = runLmpv(['timestep', join(LJ, 'in.lammps'), '--dt', '0.0025,0.005,0.01', '--tol-order', '0.001']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+timestep\s+NVE energy drift order in dt/);
  });

  it('bad input: one line naming the file, line and what was expected (exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-timestep-bad-'));
    writeFileSync(join(dir, 'in.x'), readFileSync(join(LJ, 'in.lammps'), 'utf8'));
    expectCleanError(runLmpv(['timestep', join(dir, 'in.x')]), /in\.x: units lj: give the timesteps in tau with --dt/);
    expectCleanError(runLmpv(['timestep', join(dir, 'in.x'), '--dt', '0.005,0.003']), /in\.x.*thermo interval 10 at timestep 0\.005 .* not a whole number of steps at timestep 0\.003/);
  });

  it.skipIf(!existsSync(LMP_FULL))('ReaxFF CHO NVT with real LAMMPS (lmp_full): the per-dt figures equal those computed from the reference logs (skipped: no ../shared/bin/lmp_full)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-timestep-cho-'));
    const ref = join(REFERENCE, 'timestep');
    for (const f of ['data.cho-500K', 'ffield.reax.cho', 'lmp_control', 'param.qeq']) copyFileSync(join(ref, f), join(dir, f));
    // the first simulation of the case's in.lammps (dt 0.1 fs, 500 steps), up to its `clear`
    const script = readFileSync(join(ref, 'in.lammps'), 'utf8').split(/^clear\s*$/m)[0];
    writeFileSync(join(dir, 'in.cho'), script);
    const r = runLmpv(['timestep', join(dir, 'in.cho'), '--engine', 'lammps', '--lmp', LMP_FULL, '--reference', ref, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as StudyJSON;
    expect(doc.study.runs.map((f) => f.dt)).toEqual([0.1, 0.25, 0.5]);
    doc.study.runs.forEach((f, k) => {
      const g = doc.reference!.runs[k];
      expect(f.drift).toBe(g.drift);
      expect(f.fluctuation).toBe(g.fluctuation);
      expect(f.end).toEqual(g.end);
      expect(f.leaves).toEqual(g.leaves);
      // ours printed f_1 (the thermostat's energy): the conserved quantity drifts far less than TotEng
      expect(Math.abs(f.conserved['1'])).toBeLessThan(Math.abs(f.drift) / 10);
    });
    // independently: TotEng(end) - TotEng(0) per atom per ps from LAMMPS's own log at dt = 0.5 fs
    const lines = readFileSync(join(ref, 'log.dt0.5'), 'utf8').split('\n');
    const h = lines.findIndex((l) => /^\s*Step\s/.test(l));
    const c = lines[h].trim().split(/\s+/).indexOf('TotEng');
    const end = lines.findIndex((l, i) => i > h && l.startsWith('Loop time'));
    const e0 = Number(lines[h + 1].trim().split(/\s+/)[c]);
    const e1 = Number(lines[end - 1].trim().split(/\s+/)[c]);
    expect(doc.study.runs[2].drift).toBe((e1 - e0) / 105 / 0.05);
    expect(doc.report.results.every((x) => x.passed)).toBe(true);
  });
});
