/** Shared helpers of the command files: errors, box/lattice/region look-ups, LAMMPS number printing. */
import type { CommandContext } from './context.js';
import { ScriptError } from '../errors.js';
import type { Region } from '../regions/index.js';
import { sprintf } from '../../io/text/printf.js';

export function fail(msg: string): never {
  throw new ScriptError(msg);
}

export function needBox(it: CommandContext, cmd: string): void {
  if (!it.e.sys.boxExists) fail(`${cmd} command before simulation box is defined`);
}

/** Lattice spacings for `units lattice` (LAMMPS starts with `lattice none 1.0`: spacings 1). */
export function lat(it: CommandContext, cmd: string): [number, number, number] {
  void cmd;
  const L = it.e.lattice;
  if (!L) return [1, 1, 1];
  return [L.xlattice, L.ylattice, L.zlattice];
}

/** `units box|lattice` keyword scan: returns scale factors. */
export function unitsScale(it: CommandContext, args: string[], cmd: string, dflt: 'lattice' | 'box' = 'lattice'): [number, number, number] {
  let u = dflt;
  const i = args.indexOf('units');
  if (i >= 0) {
    const w = args[i + 1];
    if (w !== 'box' && w !== 'lattice') fail(`${cmd} units: expected box or lattice, found '${w}'`);
    u = w;
  }
  return u === 'lattice' ? lat(it, cmd) : [1, 1, 1];
}

export function getRegion(it: CommandContext, id: string): Region {
  const r = it.e.regions.get(id);
  if (!r) fail(`could not find region ID '${id}'`);
  return r;
}

/** LAMMPS's fmt `{:.8}`: like %#.8g, but a bare trailing point gets a 0 ("13335186.0"). */
export function g8(v: number): string {
  const t = sprintf('%#.8g', v);
  return t.endsWith('.') ? t + '0' : t;
}

/** Bounding box of a triclinic box, in LAMMPS's order of operations (Domain::set_global_box). */
export function boundingBox(b: { lo: Float64Array; hi: Float64Array; h: Float64Array }): [number, number, number, number] {
  const xy = b.h[5], xz = b.h[4], yz = b.h[3];
  let xlo = Math.min(b.lo[0], b.lo[0] + xy);
  xlo = Math.min(xlo, xlo + xz);
  let xhi = Math.max(b.hi[0], b.hi[0] + xy);
  xhi = Math.max(xhi, xhi + xz);
  return [xlo, xhi, Math.min(b.lo[1], b.lo[1] + yz), Math.max(b.hi[1], b.hi[1] + yz)];
}
