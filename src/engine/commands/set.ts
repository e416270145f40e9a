/** `set atom|type|group|region ID keyword values ...` (LAMMPS set.cpp). */
import type { CommandContext } from './context.js';
import { RanPark } from '../random.js';
import { fail, needBox, getRegion } from './util.js';
import { numeric, inumeric, bounds, typeBounds, typeArg } from '../input/args.js';

/** `set atom|type|group|region ID keyword values ...` (type, type/fraction, charge, x y z, vx vy vz, image). */
export function setCmd(it: CommandContext, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  const s = e.sys;
  needBox(it, 'set');
  if (args.length < 4) fail('set: expected STYLE ID keyword value ...');
  const [style, id] = args;
  let select: (i: number) => boolean;
  if (style === 'atom' || style === 'type') {
    const max = style === 'atom' ? s.maxTag() : s.ntypes;
    const [lo, hi] = style === 'atom' ? bounds(id, 1, max, 'set atom') : typeBounds(id, s.typeLabels, max, 'set type');
    select = style === 'atom' ? (i) => s.tag[i] >= lo && s.tag[i] <= hi : (i) => s.type[i] >= lo && s.type[i] <= hi;
  } else if (style === 'group') {
    const bit = e.groupBit(id);
    select = (i) => (s.mask[i] & bit) !== 0;
  } else if (style === 'region') {
    const r = getRegion(it, id);
    select = (i) => r.match(s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2]);
  } else fail(`set: style '${style}' is not supported by lmpv (atom, type, group, region)`);
  const sel: boolean[] = [];
  for (let i = 0; i < s.nlocal; i++) sel.push(select(i));
  it.print('Setting atom values ...\n');
  for (let k = 2; k < args.length; ) {
    const kw = args[k];
    let count = 0;
    const each = (fn: (i: number) => void) => {
      for (let i = 0; i < s.nlocal; i++)
        if (sel[i]) {
          fn(i);
          count++;
        }
    };
    if (kw === 'type') {
      const t = typeArg(args[k + 1], s.typeLabels, s.ntypes, 'set type');
      each((i) => (s.type[i] = t));
      k += 2;
    } else if (kw === 'type/fraction') {
      const t = typeArg(args[k + 1], s.typeLabels, s.ntypes, 'set type/fraction');
      const frac = numeric(args[k + 2], 'set type/fraction');
      const seed = inumeric(args[k + 3], 'set type/fraction seed');
      if (frac < 0 || frac > 1) fail('set type/fraction: fraction must be between 0 and 1');
      if (seed <= 0) fail('set type/fraction: seed must be > 0');
      const rng = new RanPark(1);
      for (let i = 0; i < s.nlocal; i++) {
        if (!sel[i]) continue;
        rng.reset(seed, s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2]);
        if (rng.uniform() > frac) continue;
        s.type[i] = t;
        count++;
      }
      k += 4;
    } else if (kw === 'charge') {
      if (s.atomStyle !== 'charge') fail("set charge: the atom style has no charges (use atom_style charge)");
      const q = numeric(args[k + 1], 'set charge');
      each((i) => (s.q[i] = q));
      k += 2;
    } else if (kw === 'x' || kw === 'y' || kw === 'z' || kw === 'vx' || kw === 'vy' || kw === 'vz') {
      const v = numeric(args[k + 1], `set ${kw}`);
      const d = kw.endsWith('x') ? 0 : kw.endsWith('y') ? 1 : 2;
      const arr = kw.startsWith('v') ? s.v : s.x;
      each((i) => (arr[3 * i + d] = v));
      k += 2;
    } else if (kw === 'image') {
      const im = [args[k + 1], args[k + 2], args[k + 3]].map((w) => (w === 'NULL' ? null : inumeric(w, 'set image')));
      each((i) => im.forEach((v, d) => v !== null && (s.image[3 * i + d] = v)));
      k += 4;
    } else fail(`set: keyword '${kw}' is not supported by lmpv (type, type/fraction, charge, x, y, z, vx, vy, vz, image)`);
    it.print(`  ${count} settings made for ${kw}\n`);
  }
}
