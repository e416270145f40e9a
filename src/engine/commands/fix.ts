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
  // as Modify::add_fix: a fix with the same ID is deleted before the new one is made
  const k = it.e.fixes.findIndex((x) => x.id === id);
  if (k >= 0) {
    it.e.fixes[k].close?.();
    it.e.fixes[k].destroy?.(it.e);
  }
  const f = make(id, group, rest, it.e);
  // after read_restart, a fix with the ID and style of one in the restart file takes its state back (LAMMPS modify.cpp add_fix)
  const saved = it.e.restartFixes.get(id);
  if (saved && saved.style === style && f.restart) {
    f.restart(saved.state);
    it.e.restartFixes.delete(id);
    it.print(`Resetting global fix info from restart file:\n  fix style: ${style}, fix ID: ${id}\n`);
  }
  if (k >= 0) it.e.fixes[k] = f;
  else it.e.fixes.push(f);
}

export function unfixCmd(it: CommandContext, a: string[]): void {
  const k = it.e.fixes.findIndex((x) => x.id === a[0]);
  if (k < 0) fail(`could not find fix ID '${a[0]}' to delete`);
  it.e.fixes[k].close?.();
  it.e.fixes[k].destroy?.(it.e);
  it.e.fixes.splice(k, 1);
}

/**
 * `fix_modify ID keyword value ...` (LAMMPS Fix::modify_params): the style's own keywords first
 * (temp, press, ...), then the generic energy/virial/respa/dynamic/dof ones, which lmpv accepts only
 * where they change nothing it computes.
 */
export function fixModifyCmd(it: CommandContext, a: string[]): void {
  if (a.length < 2) fail('fix_modify: expected ID keyword value ...');
  const f = it.e.fixes.find((x) => x.id === a[0]);
  if (!f) fail(`could not find fix_modify ID '${a[0]}'`);
  const args = a.slice(1);
  for (let k = 0; k < args.length; ) {
    const n = f.modifyParam?.(it.e, args.slice(k)) ?? 0;
    if (n > 0) {
      k += n;
      continue;
    }
    const w = args[k];
    if ((w === 'energy' || w === 'virial') && args[k + 1] === 'no') k += 2;
    else fail(`fix_modify ${a[0]} (${f.style}): keyword '${w}${args[k + 1] !== undefined ? ' ' + args[k + 1] : ''}' is not supported by lmpv`);
  }
}
