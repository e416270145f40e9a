/**
 * Extended XYZ read/write throughput on one 200,000-atom frame (id species pos forces, random
 * doubles printed as shortest round-trip text: 16-17 significant digits), beside ASE's
 * ase.io.read / ase.io.write (format='extxyz') on the same file, measured in the same run.
 * ASE runs in /usr/bin/python3; its figures are omitted (with the reason) when ASE is missing.
 * Times are best of 3, in memory for ours (parse/format of the text) and file-to-objects for ASE.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatExtxyzFrame, parseExtxyz } from '../../src/io/extxyz.js';
import type { AtomFrame, Column } from '../../src/io/types.js';
import { mulberry32 } from '../lib/mulberry32.js';

export const name = 'extxyz';

const N = 200_000;

function frame(): AtomFrame {
  const rnd = mulberry32(987654321);
  const col = (f: () => number): Float64Array => Float64Array.from({ length: N }, f);
  const L = 60;
  return {
    natoms: N,
    box: { lo: [0, 0, 0], hi: [L, L, L], tilt: null, boundary: ['pp', 'pp', 'pp'] },
    columns: new Map<string, Column>([
      ['id', Float64Array.from({ length: N }, (_, i) => i + 1)],
      ['element', Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 'Na' : 'Li'))],
      ['x', col(() => rnd() * L)], ['y', col(() => rnd() * L)], ['z', col(() => rnd() * L)],
      ['fx', col(() => rnd() - 0.5)], ['fy', col(() => rnd() - 0.5)], ['fz', col(() => rnd() - 0.5)],
    ]),
  };
}

function best<T>(k: number, f: () => T): number {
  let b = Infinity;
  for (let i = 0; i < k; i++) {
    const t0 = process.hrtime.bigint();
    f();
    b = Math.min(b, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return b;
}

export async function run(): Promise<Record<string, unknown>> {
  const f = frame();
  let text = '';
  const write = best(3, () => { text = formatExtxyzFrame(f); });
  const read = best(3, () => parseExtxyz(text, 'bench.xyz'));
  const mb = Buffer.byteLength(text) / 1e6;
  const res: Record<string, unknown> = {
    atoms: N,
    megabytes: +mb.toFixed(1),
    read_seconds: +read.toFixed(3),
    read_mb_per_s: +(mb / read).toFixed(1),
    write_seconds: +write.toFixed(3),
    write_mb_per_s: +(mb / write).toFixed(1),
  };
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-bench-extxyz-'));
  try {
    const path = join(dir, 'bench.xyz');
    writeFileSync(path, text);
    const py = `
import sys, time, ase.io
def best(f):
    b = 1e30
    for _ in range(3):
        t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)
    return b
a = ase.io.read(sys.argv[1], format='extxyz')
r = best(lambda: ase.io.read(sys.argv[1], format='extxyz'))
w = best(lambda: ase.io.write(sys.argv[1] + '.out', a, format='extxyz'))
print(r, w)`;
    const out = execFileSync('/usr/bin/python3', ['-c', py, path], { encoding: 'utf8', timeout: 600_000 }).trim().split(' ').map(Number);
    res.ase_read_seconds = +out[0].toFixed(3);
    res.ase_write_seconds = +out[1].toFixed(3);
    res.read_speedup_vs_ase = +(out[0] / read).toFixed(2);
    res.write_speedup_vs_ase = +(out[1] / write).toFixed(2);
    res.note = 'ASE writes %16.8f (not round-trip); ours writes shortest round-trip text';
  } catch (e) {
    res.ase = `not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return res;
}
