/**
 * LAMMPS data file read/write throughput on a 500,000-atom atomic file with image flags and
 * Velocities (positions and velocities printed as shortest round-trip text, 16-17 significant
 * digits, as write_data does), beside real LAMMPS `read_data` / `write_data` on the same file,
 * measured in the same run.
 * Ours: readLammpsData and writeLammpsData, file to arrays and back, best of 3.
 * LAMMPS: read_data as LAMMPS times it itself (the `read_data CPU = ... seconds` line), write_data
 * as the wall-time difference of processes with and without 3 write_data commands, divided by 3
 * (best of 3 each). Omitted (with the reason) when lmp is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLammpsData, writeLammpsData, type LammpsData } from '../../src/io/lammps-data.js';
import { mulberry32 } from '../lib/mulberry32.js';
import { lmpCommand } from '../../src/io/config.js';

export const name = 'lammps-data';

const N = 500_000;

function data(): LammpsData {
  const rnd = mulberry32(24681357);
  const L = 170;
  const col = (f: () => number): Float64Array => Float64Array.from({ length: N }, f);
  const img = (): Float64Array => Float64Array.from({ length: N }, () => Math.floor(rnd() * 3) - 1);
  return {
    title: 'lmpv benchmark', timestep: 1000,
    counts: { atoms: N, bonds: 0, angles: 0, dihedrals: 0, impropers: 0, atomTypes: 2, bondTypes: 0, angleTypes: 0, dihedralTypes: 0, improperTypes: 0 },
    extra: {},
    box: { lo: [0, 0, 0], hi: [L, L, L], tilt: null, boundary: ['pp', 'pp', 'pp'] },
    masses: new Float64Array([6.94, 22.98976928]), massLabels: null,
    atomStyle: 'atomic',
    atoms: {
      id: Float64Array.from({ length: N }, (_, i) => i + 1),
      type: Float64Array.from({ length: N }, (_, i) => 1 + (i % 3 === 0 ? 1 : 0)),
      mol: null, q: null,
      x: col(() => rnd() * L), y: col(() => rnd() * L), z: col(() => rnd() * L),
      ix: img(), iy: img(), iz: img(),
    },
    velocities: { vx: col(() => rnd() - 0.5), vy: col(() => rnd() - 0.5), vz: col(() => rnd() - 0.5) },
    bonds: null, angles: null, dihedrals: null, impropers: null, coeffs: [], warnings: [],
  };
}

function best(k: number, f: () => void): number {
  let b = Infinity;
  for (let i = 0; i < k; i++) {
    const t0 = process.hrtime.bigint();
    f();
    b = Math.min(b, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return b;
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-bench-data-'));
  try {
    const path = join(dir, 'bench.data');
    const d = data();
    const write = best(3, () => writeLammpsData(path, d));
    const read = best(3, () => { readLammpsData(path); });
    const mb = statSync(path).size / 1e6;
    const res: Record<string, unknown> = {
      atoms: N,
      megabytes: +mb.toFixed(1),
      read_seconds: +read.toFixed(3),
      read_mb_per_s: +(mb / read).toFixed(1),
      write_seconds: +write.toFixed(3),
      write_mb_per_s: +(mb / write).toFixed(1),
    };
    try {
      const lmp = lmpCommand();
      const W = 3;
      writeFileSync(join(dir, 'in.read'), 'atom_style atomic\nread_data bench.data\n');
      writeFileSync(join(dir, 'in.rw'), `atom_style atomic\nread_data bench.data\n${'write_data out.data\n'.repeat(W)}`);
      const lmpRun = (input: string): number => {
        const t0 = process.hrtime.bigint();
        execFileSync(lmp, ['-in', input, '-log', 'log.bench', '-echo', 'none', '-screen', 'none'], { cwd: dir, timeout: 600_000 });
        return Number(process.hrtime.bigint() - t0) / 1e9;
      };
      // read: LAMMPS's own "read_data CPU = ... seconds" (best of 3)
      let lr = Infinity, readProc = Infinity;
      for (let k = 0; k < 3; k++) {
        readProc = Math.min(readProc, lmpRun('in.read'));
        const m = /read_data CPU = ([\d.]+) seconds/.exec(readFileSync(join(dir, 'log.bench'), 'utf8'));
        if (m) lr = Math.min(lr, Number(m[1]));
      }
      // write: (read + W write_data) - read, per write_data, process wall times (best of 3)
      let rwProc = Infinity;
      for (let k = 0; k < 3; k++) rwProc = Math.min(rwProc, lmpRun('in.rw'));
      const lw = (rwProc - readProc) / W;
      res.lmp_read_seconds = +lr.toFixed(3);
      res.lmp_write_seconds = +lw.toFixed(3);
      res.read_speed_vs_lmp = +(lr / read).toFixed(2);
      res.write_speed_vs_lmp = +(lw / write).toFixed(2);
      res.note = 'speed_vs_lmp > 1: ours faster. lmp read = its read_data CPU line; lmp write = (read + 3 write_data - read) / 3 in process wall time';
    } catch (e) {
      res.lmp = `not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    }
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
