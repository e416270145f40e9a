/** `displace_atoms group move|random ...` (LAMMPS displace_atoms.cpp). */
import type { CommandContext } from './context.js';
import { RanPark } from '../random.js';
import { pbc } from '../space/box.js';
import { fail, needBox, unitsScale } from './util.js';
import { numeric, inumeric } from '../input/args.js';

export function displaceAtoms(it: CommandContext, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  const s = e.sys;
  needBox(it, 'displace_atoms');
  if (args.length < 2) fail('displace_atoms: expected GROUP STYLE args');
  const bit = e.groupBit(args[0]);
  const style = args[1];
  const nargs = style === 'move' ? 3 : style === 'random' ? 4 : -1;
  if (nargs < 0) fail(`displace_atoms: style '${style}' is not supported by lmpv (move, random)`);
  const kw = args.slice(2 + nargs);
  for (let k = 0; k < kw.length; k += 2) if (kw[k] !== 'units') fail(`displace_atoms: keyword '${kw[k]}' is not understood`);
  const [sx, sy, sz] = unitsScale(it, kw, 'displace_atoms');
  const n = s.nlocal;
  if (style === 'move') {
    const d = [numeric(args[2], 'displace_atoms move') * sx, numeric(args[3], 'displace_atoms move') * sy, numeric(args[4], 'displace_atoms move') * sz];
    for (let i = 0; i < n; i++) if (s.mask[i] & bit) for (let k = 0; k < 3; k++) s.x[3 * i + k] += d[k];
  } else {
    const dx = sx * numeric(args[2], 'displace_atoms random');
    const dy = sy * numeric(args[3], 'displace_atoms random');
    const dz = sz * numeric(args[4], 'displace_atoms random');
    const seed = inumeric(args[5], 'displace_atoms random seed');
    if (seed <= 0) fail('displace_atoms random: seed must be > 0');
    const rng = new RanPark(1);
    for (let i = 0; i < n; i++) {
      if (!(s.mask[i] & bit)) continue;
      rng.reset(seed, s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2]);
      s.x[3 * i] += dx * 2.0 * (rng.uniform() - 0.5);
      s.x[3 * i + 1] += dy * 2.0 * (rng.uniform() - 0.5);
      s.x[3 * i + 2] += dz * 2.0 * (rng.uniform() - 0.5);
    }
  }
  remapAll(it);
  // lost atoms (outside non-periodic sides)
  let lost = 0;
  for (let i = 0; i < s.nlocal; i++)
    for (let d = 0; d < 3; d++) if (!s.periodic(d) && (s.x[3 * i + d] < s.box.lo[d] || s.x[3 * i + d] >= s.box.hi[d]) && s.boundary[d].includes('f')) lost++;
  if (lost) fail(`Lost atoms via displace_atoms: original ${n} current ${n - lost}`);
}

/** Put every atom back into the periodic box (several periods if needed), updating image flags. */
function remapAll(it: CommandContext): void {
  const s = it.e.sys;
  const lam = new Float64Array(3 * Math.max(1, s.nlocal));
  for (let pass = 0; pass < 1000; pass++) {
    const before = s.image.slice(0, 3 * s.nlocal);
    pbc(s.box, s.nlocal, s.x, s.image, s.box.triclinic ? lam : undefined);
    let same = true;
    for (let k = 0; k < before.length; k++) if (before[k] !== s.image[k]) same = false;
    if (same) return;
  }
}
