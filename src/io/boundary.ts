/**
 * The one rule for periodicity of a LAMMPS boundary (`boundary x y z` words, as data files and dump
 * headers carry them): a dimension is periodic when its word is `p` (both ends periodic, written `pp`
 * in dump headers); `f`, `s`, `m` and their mixes (`fs`, `sm`, ...) are open. LAMMPS refuses a
 * dimension periodic at one end only (Domain::set_initial_box: "Both sides of boundary must be
 * periodic"). Engine (space/box.ts), analysis (neighbors.ts) and writers (extxyz pbc=) use this.
 */
import type { Box, BoundaryPair } from './types.js';

/** Is a boundary word (`p`, `pp`, `f`, `fs`, ...) periodic? Throws for one periodic end. */
export function isPeriodicBoundary(b: BoundaryPair): boolean {
  if (b === 'p' || b === 'pp') return true;
  if (b.includes('p')) throw new Error(`boundary ${b}: a periodic side must be periodic on both ends`);
  return false;
}

/** Periodicity of the three dimensions of a box. */
export function periodicAxes(box: Pick<Box, 'boundary'>): [boolean, boolean, boolean] {
  return [isPeriodicBoundary(box.boundary[0]), isPeriodicBoundary(box.boundary[1]), isPeriodicBoundary(box.boundary[2])];
}
