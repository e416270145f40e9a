/**
 * `lmpv study nucleation` end to end on scaled runs: the initial configurations (density -> box as
 * the reaxff-li-600 reference case, minimum separation, seeds), the generated scripts in lmpv's
 * engine and in real LAMMPS with REAXFF (../shared/bin/lmp_full: same first thermo rows), a run
 * killed mid-way and resumed equal to an uninterrupted one, and a failing run reported while the
 * others finish.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cubeEdge, randomPositions } from '../../../src/verify/study/nucleation.js';
import { readLammpsData } from '../../../src/io/lammps-data.js';
import { parseLammpsLog } from '../../../src/io/lammps-log.js';
import { readStatus } from '../../../src/verify/study/runner.js';
import { LMPV_BIN, expectCleanError, runLmpv } from '../../helpers/cli.js';
import { SHARED } from '../../helpers/paths.js';

const LMP_FULL = join(SHARED, 'bin', 'lmp_full');
const HAVE_FULL = existsSync(LMP_FULL);
// 64 Li, heat 40 steps, quench 80 steps, hold 1000 steps at 0.5 fs; thermo and dumps every 10 steps
const SMALL = ['--atoms', '64', '--scale', '2e-4', '--hold', '300K:2.5ns', '--frames', '112', '--checkpoint', '10'];

function thermoRows(path: string): Map<number, number[]> {
  const rows = new Map<number, number[]>();
  for (const b of parseLammpsLog(readFileSync(path, 'utf8'), path).runs) {
    const step = b.data.get('Step')!;
    // thermo `time` counts from the restart step after read_restart (LAMMPS): compared apart
    for (let i = 0; i < b.nrows; i++) rows.set(step[i], b.columns.filter((c) => c !== 'Step' && c !== 'Time').map((c) => b.data.get(c)![i]));
  }
  return rows;
}

function worstRel(a: Map<number, number[]>, b: Map<number, number[]>, steps: number[]): number {
  let w = 0;
  for (const s of steps) a.get(s)!.forEach((x, k) => { const y = b.get(s)![k]; if (x !== y) w = Math.max(w, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-300)); });
  return w;
}

describe('initial configurations', () => {
  it('the box gives the packing density: 600 Li at 0.0534 g/cm3 is the reaxff-li-600 box (50.5909522266 A)', () => {
    // that box was made with N_A = 6.02214076e23 (CODATA 2018); lmpv takes LAMMPS's mv2d (1/0.602214129),
    // so LAMMPS reports exactly the density asked for: the two differ by 3e-8 relative
    expect(cubeEdge(600, 6.94, 0.0534)).toBeCloseTo(50.5909522266, 5);
    expect((600 * 6.94) / 0.602214076 / 50.5909522266 ** 3).toBeCloseTo(0.0534, 12);
  });

  it('random positions keep the minimum separation (minimum image) and a seed gives the same configuration', () => {
    const L = cubeEdge(300, 6.94, 0.2);
    const p = randomPositions(300, L, 2.5, 7, true);
    let dmin = Infinity;
    for (let i = 0; i < 300; i++) for (let j = 0; j < i; j++) {
      const d = [0, 1, 2].map((k) => { const x = p[3 * i + k] - p[3 * j + k]; return x - L * Math.round(x / L); });
      dmin = Math.min(dmin, Math.hypot(d[0], d[1], d[2]));
    }
    expect(dmin).toBeGreaterThanOrEqual(2.5);
    expect(dmin).toBeLessThan(2.7); // dense enough that the rule matters
    expect(randomPositions(300, L, 2.5, 7, true)).toEqual(p);
    expect(randomPositions(300, L, 2.5, 8, true)).not.toEqual(p);
  });

  it('a density the minimum separation cannot reach is a clear error', () => {
    const r = runLmpv(['study', 'nucleation', '--atoms', '500', '--density', '0.47', '--min-sep', '3.5', '--prepare-only', '--out', mkdtempSync(join(tmpdir(), 'lmpv-study-'))]);
    expectCleanError(r, /cannot place 500 atoms 3\.5 A apart .*lower --min-sep or the density/);
  });

  it('bad options name the flag and what was expected', () => {
    expectCleanError(runLmpv(['study', 'nucleation', '--heat', '500:0.1ns']), /--heat: expected TEMPERATURE:TIME such as 500K:0\.1ns, found '500:0\.1ns'/);
    expectCleanError(runLmpv(['study', 'nucleation', '--quench', 'fast']), /--quench: expected a rate such as 1K\/ps/);
  });
});

describe('generated scripts', () => {
  it('the protocol: three nvt stages with the quench ramp, chunks with restarts, data file at the packing density', () => {
    const out = mkdtempSync(join(tmpdir(), 'lmpv-study-'));
    const r = runLmpv(['study', 'nucleation', ...SMALL, '--prepare-only', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(out, 'runs', 'n64-d0.0534-dt0.5-s1');
    const text = readFileSync(join(dir, 'in.nucleation'), 'utf8');
    expect(text).toContain('pair_style      reaxff NULL\npair_coeff      * * ffield.reax.LiS_Islam2015 Li\nfix             qeq all qeq/reaxff');
    expect(text.match(/^fix\s+\w+ all nvt temp .*$/gm)).toEqual(['fix             heat all nvt temp 500 500 100', 'fix             quench all nvt temp 500 300 100', 'fix             hold all nvt temp 300 300 100']);
    // 200 K at 1 K/ps = 200 ps, scaled 2e-4 = 40 fs = 80 steps of 0.5 fs, one run spanning the ramp
    // chunks end at multiples of 100 steps (10 dumps) and at stage ends
    expect(text).toContain('run             60 start 40 stop 120\nwrite_restart   restart.100\nrun             20 start 40 stop 120\nwrite_restart   restart.120\nunfix           quench');
    expect(text).toContain('run             80 start 120 stop 1120\nwrite_restart   restart.200\n');
    const data = readLammpsData(join(dir, 'data.initial'), { atomStyle: 'charge' });
    const V = data.box.hi.reduce((v, h, k) => v * (h - data.box.lo[k]), 1);
    expect((64 * 6.94) / 0.602214129 / V).toBeCloseTo(0.0534, 12); // LAMMPS real-units mass density (mv2d)
  });

  it.skipIf(!HAVE_FULL)('runs in real LAMMPS (lmp_full, REAXFF) and gives the same first thermo rows as the lmpv engine (skipped: no ../shared/bin/lmp_full)', () => {
    const a = mkdtempSync(join(tmpdir(), 'lmpv-study-'));
    const b = mkdtempSync(join(tmpdir(), 'lmpv-study-'));
    const ra = runLmpv(['study', 'nucleation', ...SMALL, '--out', a]);
    expect(ra.code, ra.stderr).toBe(0);
    const rb = runLmpv(['study', 'nucleation', ...SMALL, '--engine', 'lammps', '--lmp', LMP_FULL, '--out', b]);
    expect(rb.code, rb.stderr).toBe(0);
    const la = thermoRows(join(a, 'runs', 'n64-d0.0534-dt0.5-s1', 'log.0.lammps'));
    const lb = thermoRows(join(b, 'runs', 'n64-d0.0534-dt0.5-s1', 'log.0.lammps'));
    expect(readFileSync(join(b, 'runs', 'n64-d0.0534-dt0.5-s1', 'log.0.lammps'), 'utf8')).toMatch(/^LAMMPS \(29 Sep 2021/);
    expect([...la.keys()]).toEqual([...lb.keys()]);
    expect(la.size).toBe(113);
    // the heat stage (40 steps) agrees to round-off; by the end of the quench the trajectories have only begun to part
    expect(worstRel(la, lb, [0, 10, 20, 30, 40])).toBeLessThan(1e-10);
    expect(worstRel(la, lb, [120])).toBeLessThan(1e-6);
    // the resumed script (read_restart) runs in LAMMPS too: stopped after restart.600, both engines go on to
    // the uninterrupted run's end, and both count thermo `time` from the restart step as LAMMPS does
    for (const d of [a, b]) {
      const run = join(d, 'runs', 'n64-d0.0534-dt0.5-s1');
      const whole = thermoRows(join(run, 'log.0.lammps'));
      for (const f of readdirSync(run)) if (/^restart\.(7|8|9|10|11)\d\d/.test(f) || f === 'data.final' || f === 'analysis.json') rmSync(join(run, f));
      const r = runLmpv(['study', 'run-one', run]);
      expect(r.code, r.stderr).toBe(0);
      expect(readStatus(run)?.from).toBe(600);
      const resumed = thermoRows(join(run, 'log.600.lammps'));
      expect(worstRel(whole, resumed, [...resumed.keys()])).toBeLessThan(1e-9);
      const log = parseLammpsLog(readFileSync(join(run, 'log.600.lammps'), 'utf8'), 'log.600.lammps').runs.at(-1)!;
      expect(log.data.get('Time')![log.nrows - 1]).toBe((1120 - 600) * 0.5);
    }
    // both reports analyse every run; the a-CNA/cluster series have one point per dump
    for (const d of [a, b]) {
      const s = JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8'));
      expect(s.done).toBe(1);
      expect(s.nucleation[0].time.length).toBe(113);
    }
  });
});

describe('resumable runs', () => {
  it('a run killed mid-way resumes from its last restart and ends where the uninterrupted run ends', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lmpv-study-'));
    const args = ['study', 'nucleation', ...SMALL, '--hold', '300K:10ns', '--frames', '412', '--out', out];
    expect(runLmpv([...args, '--prepare-only']).code).toBe(0);
    const dir = join(out, 'runs', 'n64-d0.0534-dt0.5-s1');
    const copy = mkdtempSync(join(tmpdir(), 'lmpv-study-copy-'));
    cpSync(out, copy, { recursive: true });
    // uninterrupted
    const whole = runLmpv(['study', 'run-one', join(copy, 'runs', 'n64-d0.0534-dt0.5-s1')]);
    expect(whole.code, whole.stderr).toBe(0);
    // killed once a restart past the quench exists
    const child = spawn(process.execPath, [LMPV_BIN, 'study', 'run-one', dir], { stdio: 'ignore' });
    await new Promise<void>((res, rej) => {
      const t = setInterval(() => {
        if (existsSync(join(dir, 'restart.400.lmpv.json'))) { clearInterval(t); child.kill('SIGKILL'); res(); }
        if (existsSync(join(dir, 'data.final'))) { clearInterval(t); rej(new Error('the run ended before it could be killed')); }
      }, 20);
    });
    await new Promise((r) => child.on('close', r));
    expect(readStatus(dir)?.state).toBe('running'); // as a killed job leaves it
    expect(existsSync(join(dir, 'data.final'))).toBe(false);
    const resumed = runLmpv(['study', 'run-one', dir]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const st = readStatus(dir)!;
    expect(st.state).toBe('done');
    expect(st.from).toBeGreaterThanOrEqual(400);
    expect(readFileSync(join(dir, `in.resume.${st.from}`), 'utf8')).toMatch(new RegExp(`^read_restart    restart\\.${st.from}$`, 'm'));
    // the resumed invocation's thermo rows and final state equal the uninterrupted run's
    const a = thermoRows(join(copy, 'runs', 'n64-d0.0534-dt0.5-s1', 'log.0.lammps'));
    const b = thermoRows(join(dir, `log.${st.from}.lammps`));
    const steps = [...b.keys()];
    expect(steps[steps.length - 1]).toBe(4120);
    // at the restart step itself the state is the same to round-off; over the next few thousand steps of a
    // chaotic hot cluster, differences in the last bits (neighbour order after read_restart) grow, but stay small
    expect(worstRel(a, b, [st.from])).toBeLessThan(1e-12);
    expect(worstRel(a, b, steps)).toBeLessThan(1e-6);
    const fa = readLammpsData(join(copy, 'runs', 'n64-d0.0534-dt0.5-s1', 'data.final'), { atomStyle: 'charge' });
    const fb = readLammpsData(join(dir, 'data.final'), { atomStyle: 'charge' });
    let dx = 0;
    for (const k of ['x', 'y', 'z'] as const) fa.atoms[k].forEach((v, i) => { dx = Math.max(dx, Math.abs(v - fb.atoms[k][i])); });
    expect(dx).toBeLessThan(1e-6);
    // and the report of the resumed folder joins the dumps of both invocations into one series
    const r = runLmpv(['study', 'report', out]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(s.nucleation[0].time.length).toBe(413);
  });

  it('a study stopped with SIGTERM (timeout, scancel) stops its runs too, and the same command continues it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lmpv-study-'));
    const args = ['study', 'nucleation', ...SMALL, '--hold', '300K:10ns', '--frames', '412', '--out', out];
    const dir = join(out, 'runs', 'n64-d0.0534-dt0.5-s1');
    const parent = spawn(process.execPath, [LMPV_BIN, ...args], { stdio: 'ignore' });
    await new Promise<void>((res, rej) => {
      const t = setInterval(() => {
        if (existsSync(join(dir, 'restart.300.lmpv.json'))) { clearInterval(t); parent.kill('SIGTERM'); res(); }
        if (existsSync(join(dir, 'data.final'))) { clearInterval(t); rej(new Error('the study ended before it could be stopped')); }
      }, 20);
    });
    expect(await new Promise((r) => parent.on('close', (code) => r(code)))).toBe(143);
    await new Promise((r) => setTimeout(r, 1000));
    const size = readFileSync(join(dir, 'log.0.lammps')).length;
    await new Promise((r) => setTimeout(r, 2000));
    expect(readFileSync(join(dir, 'log.0.lammps')).length).toBe(size); // no orphan goes on writing
    expect(existsSync(join(dir, 'data.final'))).toBe(false);
    const again = runLmpv(args);
    expect(again.code, again.stderr).toBe(0);
    expect(readStatus(dir)?.from).toBeGreaterThanOrEqual(300);
  });

  it('a run that fails is reported and the others go on (exit code 1)', () => {
    const out = mkdtempSync(join(tmpdir(), 'lmpv-study-'));
    const args = ['study', 'nucleation', ...SMALL, '--atoms', '32,48', '--hold', '300K:0.5ns', '--jobs', '2', '--out', out];
    expect(runLmpv([...args, '--prepare-only']).code).toBe(0);
    writeFileSync(join(out, 'runs', 'n32-d0.0534-dt0.5-s1', 'ffield.reax.LiS_Islam2015'), 'not a force field\n');
    const r = runLmpv(args);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/1 of 2 runs analysed, 1 failed/);
    expect(r.stdout).toMatch(/failed n32-d0\.0534-dt0\.5-s1: ERROR/);
    expect(readStatus(join(out, 'runs', 'n48-d0.0534-dt0.5-s1'))?.state).toBe('done');
    const status = runLmpv(['study', 'status', out]);
    expect(status.code).toBe(1);
    expect(status.stdout).toMatch(/n32-d0\.0534-dt0\.5-s1\s+failed/);
    expect(status.stdout).toMatch(/n48-d0\.0534-dt0\.5-s1\s+done\s+step 320\/320/);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('Failed runs');
  });
});
