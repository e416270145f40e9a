/**
 * Engine speed: the same LJ script (4000-atom fcc liquid, lj/cut 2.5, NVE, 500 steps, thermo every
 * 100, no dumps) in the lmpv engine (in-process, so Node start-up is excluded) and in real LAMMPS
 * (`lmp`, serial; its own `Loop time of` figure, so LAMMPS start-up is excluded too), side by side.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Interpreter } from '../../src/engine/input/interpreter.js';
import { parseLammpsLog } from '../../src/io/lammps-log.js';
import { lmpCommand } from '../../src/io/config.js';

export const name = 'engine-lj';

const SCRIPT = `units lj
atom_style atomic
lattice fcc 0.8442
region box block 0 10 0 10 0 10
create_box 1 box
create_atoms 1 box
mass 1 1.0
velocity all create 1.44 87287 loop geom
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0 2.5
neighbor 0.3 bin
neigh_modify delay 0 every 20 check no
fix 1 all nve
thermo 100
run 500
`;

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  writeFileSync(join(dir, 'in.lammps'), SCRIPT);
  const loops: number[] = [];
  const walls: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    const it = new Interpreter({ cwd: dir, log: join(dir, 'log.lmpv') });
    it.runFile('in.lammps');
    walls.push((performance.now() - t0) / 1000);
    loops.push(parseLammpsLog(readFileSync(join(dir, 'log.lmpv'), 'utf8')).runs[0].loopTime ?? NaN);
  }
  const res: Record<string, unknown> = { atoms: 4000, steps: 500, lmpvLoopSeconds: Math.min(...loops), lmpvWallSeconds: Math.min(...walls) };
  try {
    const lmpLoops: number[] = [];
    for (let rep = 0; rep < 3; rep++) {
      execFileSync(lmpCommand(), ['-in', 'in.lammps', '-log', 'log.lmp', '-screen', 'none'], { cwd: dir, timeout: 300_000 });
      lmpLoops.push(parseLammpsLog(readFileSync(join(dir, 'log.lmp'), 'utf8')).runs[0].loopTime ?? NaN);
    }
    const lmpLoop = Math.min(...lmpLoops);
    res.lmpLoopSeconds = lmpLoop;
    res.ratioLmpvOverLmp = (res.lmpvLoopSeconds as number) / lmpLoop;
  } catch (e) {
    res.lmp = `not run: ${(e as Error).message.split('\n')[0]}`;
  }
  return res;
}
