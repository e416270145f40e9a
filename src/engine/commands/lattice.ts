/** `lattice style scale [keywords]` (LAMMPS lattice.cpp; the lattice itself is ../lattice.ts). */
import type { CommandContext } from './context.js';
import { Lattice } from '../lattice.js';
import { fail, g8 } from './util.js';

export function latticeCmd(it: CommandContext, a: string[]): void {
  try {
    it.e.lattice = Lattice.parse(a, it.e.sys.unitStyle, it.e.sys.dimension);
  } catch (err) {
    fail((err as Error).message);
  }
  const L = it.e.lattice!;
  if (L.style !== 'none') it.print(`Lattice spacing in x,y,z = ${g8(L.xlattice)} ${g8(L.ylattice)} ${g8(L.zlattice)}\n`);
}
