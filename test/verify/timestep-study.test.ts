/**
 * The timestep study's parts: the script rewrite (one inline script per rule), the order fit,
 * and the per-dt figures recomputed independently from real-LAMMPS logs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseScript, rewriteScript } from '../../src/verify/timestep-script.js';
import { fitOrder, timestepStudy } from '../../src/verify/checks/timestep.js';
import { femtosecondsToTimeUnit } from '../../src/io/units.js';
import { FIXTURES, REFERENCE } from '../helpers/paths.js';

const REAL = `units real
atom_style charge
read_data data.x
fix 1 all nvt temp 500.0 500.0 100.0
thermo 10
thermo_style custom step temp pe ke etotal press &
   c_reax[1]
thermo_modify format float %.15g norm no
timestep 0.1
log log.dt0.1
dump f all custom 500 dump.f id fx
run 500
`;

describe('timestep script rewrite', () => {
  it('scales run, thermo and dump to the same simulated time and output times, adds f_ID, drops log', () => {
    const info = analyseScript(REAL, 'in.x');
    expect(info).toMatchObject({ units: 'real', dt0: 0.1, runs: [500], time0: 50, thermostats: ['1'], ensemble: 'thermostat', norm: false });
    const s = rewriteScript(info, 0.25);
    expect(s).toMatch(/^timestep 0\.25$/m);
    expect(s).toMatch(/^run 200$/m);
    expect(s).toMatch(/^thermo 4$/m);
    expect(s).toMatch(/^dump f all custom 200 dump\.f id fx$/m);
    expect(s).not.toMatch(/^log /m);
    // the study's thermo_style comes after the fix is defined and before run, followed again by thermo_modify
    const lines = s.split('\n');
    const ts = lines.findIndex((l) => l.startsWith('thermo_style custom step temp pe ke etotal press c_reax[1] f_1'));
    expect(ts).toBeGreaterThan(lines.findIndex((l) => l.startsWith('fix 1')));
    expect(lines[ts + 1]).toBe('thermo_modify format float %.15g norm no');
    expect(lines[ts + 2]).toBe('run 200');
    // --time: 20 fs at 0.5 fs
    expect(rewriteScript(info, 0.5, 20)).toMatch(/^run 40$/m);
  });

  it('inserts the unit style\'s default timestep when the script has none; metal dt given in fs is converted to ps', () => {
    const info = analyseScript('units metal\nfix 1 all nve\nthermo 100\nrun 1000\n', 'in.m');
    expect(info.dt0).toBe(0.001);
    expect(info.ensemble).toBe('nve');
    const dt = femtosecondsToTimeUnit('metal', 0.5);
    expect(dt).toBe(0.0005);
    const s = rewriteScript(info, dt);
    expect(s).toMatch(/^timestep 0\.0005\nthermo_style custom step temp pe ke etotal press/m);
    expect(s).toMatch(/^run 2000$/m);
    expect(s).toMatch(/^thermo 200$/m);
  });

  it('errors name the file, the line and what was expected', () => {
    expect(() => rewriteScript(analyseScript('units real\ntimestep 0.5\nthermo 1\nrun 10\n', 'in.a'), 0.3)).toThrow(/in\.a.*3.*thermo interval 1 at timestep 0\.5.*not a whole number of steps at timestep 0\.3/);
    expect(() => analyseScript('units real\nvariable n equal 10\nrun ${n}\n', 'in.b')).toThrow(/in\.b.*3.*run: expected a literal integer number of steps, found '\$\{n\}'/);
    expect(() => analyseScript('units real\nrun 10\nclear\nrun 10\n', 'in.c')).toThrow(/in\.c.*3.*clear: lmpv timestep takes a script of one simulation/);
    expect(() => analyseScript('units si\nrun 10\n', 'in.d')).toThrow(/in\.d.*1.*units si/);
  });
});

describe('timestep figures', () => {
  it('fitOrder recovers the exponent of a power law and ignores zeros', () => {
    expect(fitOrder([0.1, 0.2, 0.4], [3e-4, 1.2e-3, 4.8e-3])).toBeCloseTo(2, 12);
    expect(fitOrder([0.1, 0.2, 0.4], [0, 1e-3, 8e-3])).toBeCloseTo(3, 12);
    expect(fitOrder([0.1], [1])).toBeUndefined();
  });

  /** Independent, naive reader: the one thermo block of a log (split on blanks). */
  function naive(path: string): { step: number[]; cols: Map<string, number[]>; natoms: number } {
    const lines = readFileSync(path, 'utf8').split('\n');
    const h = lines.findIndex((l) => /^\s*Step\s/.test(l));
    const names = lines[h].trim().split(/\s+/);
    const cols = new Map<string, number[]>(names.map((n) => [n, []]));
    let i = h + 1;
    for (; !lines[i].startsWith('Loop time'); i++) lines[i].trim().split(/\s+/).forEach((v, c) => cols.get(names[c])!.push(Number(v)));
    return { step: cols.get('Step')!, cols, natoms: Number(/with (\d+) atoms/.exec(lines[i])![1]) };
  }

  it('on the real-LAMMPS logs of the shared timestep case (ReaxFF CHO, NVT, 50 fs): drift per atom per ps, divergence, end values', () => {
    const dir = join(REFERENCE, 'timestep');
    const logs = [0.1, 0.25, 0.5].map((dt) => ({ dt, ...naive(join(dir, `log.dt${dt}`)) }));
    const runs = logs.map((l) => ({ dt: l.dt, natoms: l.natoms, thermo: l.cols }));
    const s = timestepStudy(runs, { psPerTimeUnit: 1e-3, norm: false, ensemble: 'thermostat', thermostats: ['1'], diverge: 1e-4 });
    expect(s.sharedTimes.length).toBe(51);
    logs.forEach((l, k) => {
      const e = l.cols.get('TotEng')!;
      expect(l.natoms).toBe(105);
      expect(s.runs[k].drift).toBe((e[e.length - 1] - e[0]) / 105 / 0.05);
      expect(s.runs[k].end.PotEng).toBe(l.cols.get('PotEng')![l.cols.get('PotEng')!.length - 1]);
      expect(s.runs[k].conserved).toEqual({}); // the reference logs print no f_1
    });
    // the first time PotEng(dt=0.5) differs from PotEng(dt=0.1) by more than 1e-4 relative, found by hand
    const p1 = logs[0].cols.get('PotEng')!;
    const p5 = logs[2].cols.get('PotEng')!;
    const first = p5.findIndex((v, i) => Math.abs(v - p1[i]) / Math.min(Math.abs(v), Math.abs(p1[i])) > 1e-4); // both print every 1 fs
    expect(s.runs[2].leaves).toBeCloseTo(first * 1.0, 9); // thermo every 1 fs
    expect(s.endSpread.Temp.spread).toBe(Math.max(...s.runs.map((r) => r.end.Temp)) - Math.min(...s.runs.map((r) => r.end.Temp)));
  });

  it('on the real-LAMMPS logs of the LJ NVE fixture: velocity Verlet\'s drift order 2 within 0.3', () => {
    const dir = join(FIXTURES, 'timestep-lj-nve');
    const runs = [0.0025, 0.005, 0.01].map((dt) => { const l = naive(join(dir, `log.dt${dt}`)); return { dt, natoms: l.natoms, thermo: l.cols }; });
    // every run reaches 1 tau and prints every 0.05 tau
    runs.forEach((r) => { const st = r.thermo.get('Step')!; expect(st[st.length - 1] * r.dt).toBeCloseTo(1, 12); expect((st[1] - st[0]) * r.dt).toBeCloseTo(0.05, 12); });
    const s = timestepStudy(runs, { norm: true, ensemble: 'nve', thermostats: [], diverge: 1e-4 });
    expect(Math.abs(s.driftOrder! - 2)).toBeLessThan(0.3);
  });
});
