/**
 * write_restart / read_restart (engine/commands/restart.ts) with LAMMPS's semantics: a run stopped
 * after a restart and continued from it in a fresh interpreter, with the fix nvt defined again under
 * the same ID, writes the thermo rows the uninterrupted run writes (the Nose-Hoover chain comes back
 * from the restart: without it the continuation differs at the first step).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interpreter } from '../../../src/engine/input/interpreter.js';
import { parseLammpsLog } from '../../../src/io/lammps-log.js';

const SETUP = `units lj
atom_style atomic
lattice fcc 0.8442
region box block 0 4 0 4 0 4
create_box 1 box
create_atoms 1 box
mass 1 1.0
velocity all create 1.5 87287 loop geom
`;
const FORCES = `pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0 2.5
neighbor 0.3 bin
thermo_style custom step temp pe etotal f_nvt
thermo_modify format float %.15g
thermo 10
`;
const NVT = 'fix nvt all nvt temp 1.5 1.0 0.5\n';

function run(dir: string, text: string, log: string): Map<number, number[]> {
  new Interpreter({ cwd: dir, log: join(dir, log) }).runText(text);
  const rows = new Map<number, number[]>();
  for (const b of parseLammpsLog(readFileSync(join(dir, log), 'utf8'), log).runs) {
    const step = b.data.get('Step')!;
    for (let i = 0; i < b.nrows; i++) rows.set(step[i], b.columns.slice(1).map((c) => b.data.get(c)![i]));
  }
  return rows;
}

describe('write_restart / read_restart', () => {
  it('a run continued from a restart equals the uninterrupted run (ramped fix nvt, run start/stop)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-restart-'));
    const whole = run(dir, SETUP + FORCES + NVT + 'run 60 start 0 stop 120\nwrite_restart r.60\nrun 60 start 0 stop 120\n', 'log.whole');
    const resumed = run(dir, 'read_restart r.60\n' + FORCES + NVT + 'run 60 start 0 stop 120\n', 'log.resumed');
    expect([...resumed.keys()]).toEqual([60, 70, 80, 90, 100, 110, 120]);
    let worst = 0;
    for (const [step, v] of resumed) v.forEach((x, k) => { worst = Math.max(worst, Math.abs(x - whole.get(step)![k]) / Math.abs(whole.get(step)![k])); });
    expect(worst).toBeLessThan(1e-12);
    // the thermostat's state is what makes it equal: a fix under another ID starts from a fresh chain
    const fresh = run(dir, 'read_restart r.60\n' + FORCES.replace('f_nvt', 'f_other') + NVT.replace('nvt all', 'other all') + 'run 60 start 0 stop 120\n', 'log.fresh');
    expect(Math.abs(fresh.get(120)![0] - whole.get(120)![0]) / whole.get(120)![0]).toBeGreaterThan(1e-6);
    expect(readFileSync(join(dir, 'log.resumed'), 'utf8')).toContain('Resetting global fix info from restart file:\n  fix style: nvt, fix ID: nvt');
  });

  it('a file without its lmpv sidecar (e.g. a LAMMPS binary restart) is a clear error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-restart-'));
    writeFileSync(join(dir, 'restart.bin'), Buffer.from([0x4c, 0x41, 0x4d, 0x4d, 0x50, 0x53, 0, 1, 2]));
    const it = new Interpreter({ cwd: dir, log: null });
    expect(() => it.runText('read_restart restart.bin\n', 'in.x')).toThrow(/in\.x:1: read_restart: restart\.bin is not a complete lmpv restart \(no restart\.bin\.lmpv\.json/);
  });
});
