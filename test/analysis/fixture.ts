/**
 * Minimal reader for the one-frame text dumps of fixtures/lammps/cna-* (ITEM: BOX BOUNDS with or
 * without tilt, ITEM: ATOMS with named columns), so these tests do not depend on src/io's reader.
 */
import { readFileSync } from 'node:fs';
import type { AtomFrame } from '../../src/io/types.js';

export function readOneFrameDump(path: string): AtomFrame {
  const lines = readFileSync(path, 'utf8').split('\n');
  let i = 0;
  const expect = (prefix: string) => {
    if (!lines[i].startsWith(prefix)) throw new Error(`${path}:${i + 1}: expected ${prefix}`);
    return lines[i++];
  };
  expect('ITEM: TIMESTEP');
  const timestep = Number(lines[i++]);
  expect('ITEM: NUMBER OF ATOMS');
  const natoms = Number(lines[i++]);
  const bb = expect('ITEM: BOX BOUNDS').split(/\s+/).slice(3);
  const tilted = bb[0] === 'xy';
  const boundary = (tilted ? bb.slice(3) : bb) as [string, string, string];
  const b = [0, 1, 2].map(() => lines[i++].trim().split(/\s+/).map(Number));
  let lo: [number, number, number], hi: [number, number, number], tilt: [number, number, number] | null = null;
  if (tilted) {
    const [xy, xz, yz] = [b[0][2], b[1][2], b[2][2]];
    lo = [b[0][0] - Math.min(0, xy, xz, xy + xz), b[1][0] - Math.min(0, yz), b[2][0]];
    hi = [b[0][1] - Math.max(0, xy, xz, xy + xz), b[1][1] - Math.max(0, yz), b[2][1]];
    tilt = [xy, xz, yz];
  } else {
    lo = [b[0][0], b[1][0], b[2][0]];
    hi = [b[0][1], b[1][1], b[2][1]];
  }
  const names = expect('ITEM: ATOMS').split(/\s+/).slice(2).filter(Boolean);
  const cols = names.map(() => new Float64Array(natoms));
  for (let a = 0; a < natoms; a++) {
    const f = lines[i++].trim().split(/\s+/);
    for (let c = 0; c < names.length; c++) cols[c][a] = Number(f[c]);
  }
  return { timestep, natoms, box: { lo, hi, tilt, boundary }, columns: new Map(names.map((n, c) => [n, cols[c]])) };
}
