/**
 * Physics of the engine's integrators, independent of LAMMPS:
 * - velocity Verlet: the NVE energy error scales with dt^2 (same trajectory time, three timesteps);
 * - Nose-Hoover chain: pe + ke + thermostat energy (f_ID) is conserved at constant target T, and
 *   T follows a Tstart -> Tstop ramp;
 * - RanPark: Park & Miller's published check (seed 1 -> 1043618065 after 10000 draws) and
 *   gaussian moments.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interpreter } from '../../src/engine/input/interpreter.js';
import { parseLammpsLog, type ThermoRun } from '../../src/io/lammps-log.js';
import { RanPark } from '../../src/engine/random.js';

function run(text: string): ThermoRun[] {
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-phys-'));
  const it = new Interpreter({ cwd: dir, log: join(dir, 'log.lammps') });
  it.runText(text, 'in.test');
  return parseLammpsLog(readFileSync(join(dir, 'log.lammps'), 'utf8')).runs;
}

const LIQUID = (dt: number, steps: number) => `units lj
lattice fcc 0.8442
region box block 0 4 0 4 0 4
create_box 1 box
create_atoms 1 box
mass 1 1.0
velocity all create 1.5 9876 loop geom
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0
pair_modify shift yes
neigh_modify every 1 delay 0 check yes
fix 1 all nve
timestep ${dt}
thermo 1
thermo_style custom step etotal
thermo_modify format float %.15g
run ${steps}
`;

describe('velocity Verlet', () => {
  it('NVE energy error scales with dt^2', () => {
    const T = 0.4;
    const errs = [0.004, 0.002, 0.001].map((dt) => {
      const r = run(LIQUID(dt, Math.round(T / dt)))[0];
      const e = r.data.get('TotEng')!;
      let m = 0;
      for (const v of e) m = Math.max(m, Math.abs(v - e[0]));
      return m;
    });
    const r1 = errs[0] / errs[1], r2 = errs[1] / errs[2];
    expect(r1).toBeGreaterThan(3);
    expect(r1).toBeLessThan(5);
    expect(r2).toBeGreaterThan(3);
    expect(r2).toBeLessThan(5);
  });
});

const NVT = (tStart: number, tStop: number) => `units lj
lattice fcc 0.8442
region box block 0 4 0 4 0 4
create_box 1 box
create_atoms 1 box
mass 1 1.0
velocity all create 1.0 555 dist gaussian
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0
pair_modify shift yes
neigh_modify every 1 delay 0 check yes
fix 1 all nvt temp ${tStart} ${tStop} 0.1
timestep 0.002
thermo 50
thermo_style custom step temp pe ke etotal f_1
thermo_modify format float %.15g norm no
run 2000
`;

describe('Nose-Hoover chain (fix nvt)', () => {
  it('conserves pe + ke + thermostat energy at constant target T', () => {
    const r = run(NVT(1.5, 1.5))[0];
    const f1 = r.data.get('f_1')!;
    const cons = r.data.get('TotEng')!.map((e, k) => e + f1[k]);
    const drift = Math.max(...cons.map((c) => Math.abs(c - cons[0])));
    const ke0 = r.data.get('KinEng')![0];
    expect(drift / ke0).toBeLessThan(2e-3);
    // the thermostat is not idle: its energy moves by much more than the conserved sum drifts
    expect(Math.max(...f1.map((v) => Math.abs(v - f1[0])))).toBeGreaterThan(20 * drift);
    const t = r.data.get('Temp')!;
    const q = t.slice(Math.floor(t.length / 2));
    const mean = q.reduce((a, b) => a + b, 0) / q.length;
    expect(Math.abs(mean - 1.5)).toBeLessThan(0.1);
  });

  it('follows a Tstart -> Tstop ramp', () => {
    const t = run(NVT(1.0, 2.0))[0].data.get('Temp')!;
    // last quarter: the target goes 1.75 -> 2.0
    const q = t.slice(Math.floor((3 * t.length) / 4));
    const mean = q.reduce((a, b) => a + b, 0) / q.length;
    expect(mean).toBeGreaterThan(1.7);
    expect(mean).toBeLessThan(2.05);
    const first = t.slice(1, Math.floor(t.length / 4));
    expect(first.reduce((a, b) => a + b, 0) / first.length).toBeLessThan(1.4);
  });
});

describe('RanPark', () => {
  it("passes Park & Miller's minimal-standard check", () => {
    const r = new RanPark(1);
    for (let i = 0; i < 10000; i++) r.uniform();
    expect(r.seed).toBe(1043618065);
  });

  it('gaussian draws have mean 0 and variance 1', () => {
    const r = new RanPark(12345);
    let s = 0, s2 = 0;
    const n = 200000;
    for (let i = 0; i < n; i++) {
      const g = r.gaussian();
      s += g;
      s2 += g * g;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.01);
  });

  it('reset() is a pure function of seed and coordinates', () => {
    const a = new RanPark(7), b = new RanPark(99);
    a.reset(4242, 1.5, -2.25, 3.0);
    b.uniform();
    b.reset(4242, 1.5, -2.25, 3.0);
    expect(a.uniform()).toBe(b.uniform());
    b.reset(4242, 1.5, -2.25, 3.0000000000000004);
    a.reset(4242, 1.5, -2.25, 3.0);
    expect(a.uniform()).not.toBe(b.uniform());
  });
});
