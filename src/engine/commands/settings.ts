/** `units`, `atom_style`, `atom_modify`, `boundary`, `dimension`, `newton`, `processors`: settings made before the box exists (LAMMPS input.cpp). */
import type { CommandContext } from './context.js';
import { fail } from './util.js';
import { numeric, inumeric } from '../input/args.js';

export function unitsCmd(it: CommandContext, a: string[]): void {
  if (it.e.sys.boxExists) fail('units command after simulation box is defined');
  if (a.length !== 1) fail('units: expected one style');
  if (!['lj', 'real', 'metal'].includes(a[0])) fail(`units style '${a[0]}' is not supported by lmpv (lj, real, metal)`);
  it.e.sys.setUnits(a[0]);
  it.e.dt = it.e.sys.units.dt;
  it.e.skin = it.e.sys.units.skin;
  it.e.thermo.norm = a[0] === 'lj';
}

export function atomStyleCmd(it: CommandContext, a: string[]): void {
  if (it.e.sys.boxExists) fail('atom_style command after simulation box is defined');
  if (a[0] !== 'atomic' && a[0] !== 'charge') fail(`atom_style '${a[0]}' is not supported by lmpv (atomic, charge)`);
  it.e.sys.atomStyle = a[0];
}

export function atomModifyCmd(it: CommandContext, a: string[]): void {
  for (let k = 0; k < a.length; ) {
    if (a[k] === 'map') k += 2;
    else if (a[k] === 'sort') {
      const n = inumeric(a[k + 1], 'atom_modify sort N');
      const bs = numeric(a[k + 2], 'atom_modify sort binsize');
      if (n < 0 || bs < 0) fail('atom_modify sort: N and binsize must be >= 0');
      it.e.sortFreq = n;
      it.e.sortBinSize = bs;
      k += 3;
    } else if (a[k] === 'id') k += 2;
    else fail(`atom_modify: keyword '${a[k]}' is not understood`);
  }
}

export function boundaryCmd(it: CommandContext, a: string[]): void {
  if (it.e.sys.boxExists) fail('boundary command after simulation box is defined');
  if (a.length !== 3) fail('boundary: expected 3 words (e.g. p p p)');
  it.e.sys.boundary = a.map((w) => {
    const m = /^([pfsm])([pfsm])?$/.exec(w);
    if (!m) fail(`boundary: expected p, f, s, m or a pair like fs, found '${w}'`);
    const lo = m[1] as 'p', hi = (m[2] ?? m[1]) as 'p';
    if ((lo === 'p') !== (hi === 'p')) fail(`boundary '${w}': both sides must be periodic or neither`);
    return [lo, hi];
  }) as typeof it.e.sys.boundary;
}

export function dimensionCmd(it: CommandContext, a: string[]): void {
  if (it.e.sys.boxExists) fail('dimension command after simulation box is defined');
  const d = inumeric(a[0], 'dimension');
  if (d !== 2 && d !== 3) fail('dimension: expected 2 or 3');
  it.e.sys.dimension = d;
}

export function newtonCmd(it: CommandContext, a: string[]): void {
  if (a[0] !== 'on' || (a[1] !== undefined && a[1] !== 'on')) fail('newton off is not supported by lmpv');
  void it;
}

export function processorsCmd(_it: CommandContext, a: string[]): void {
  if (a.slice(0, 3).some((w) => w !== '*' && w !== '1')) fail('processors: lmpv runs on one process (use * * * or 1 1 1)');
}
