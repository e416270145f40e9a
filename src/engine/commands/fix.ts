/** `fix ID group STYLE args` (the style from FIX_STYLES) and `unfix ID`. */
import type { CommandContext } from './context.js';
import { FIX_REFUSED, FIX_STYLES } from '../fixes/index.js';
import { fail, needBox } from './util.js';

export function fixCmd(it: CommandContext, a: string[]): void {
  const refused = FIX_REFUSED.get(a[2]);
  if (refused) fail(`fix ${a[2]} (${refused}) is not implemented in lmpv; use --engine lammps`);
  needBox(it, 'fix');
  if (a.length < 3) fail('fix: expected ID GROUP STYLE args');
  const [id, group, style, ...rest] = a;
  it.e.groupBit(group);
  const make = FIX_STYLES.get(style);
  if (!make) fail(`fix style '${style}' is not supported by lmpv (${[...FIX_STYLES.keys()].join(', ')})`);
  const f = make(id, group, rest, it.e);
  const k = it.e.fixes.findIndex((x) => x.id === id);
  if (k >= 0) {
    it.e.fixes[k].close?.();
    it.e.fixes[k] = f;
  }
  else it.e.fixes.push(f);
}

export function unfixCmd(it: CommandContext, a: string[]): void {
  const k = it.e.fixes.findIndex((x) => x.id === a[0]);
  if (k < 0) fail(`could not find fix ID '${a[0]}' to delete`);
  it.e.fixes[k].close?.();
  it.e.fixes.splice(k, 1);
}
