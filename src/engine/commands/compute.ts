/** `compute ID group STYLE args` (the style from COMPUTE_STYLES) and `uncompute ID`. */
import type { CommandContext } from './context.js';
import { COMPUTE_STYLES } from '../computes/index.js';
import { fail, needBox } from './util.js';

export function computeCmd(it: CommandContext, a: string[]): void {
  needBox(it, 'compute');
  if (a.length < 3) fail('compute: expected ID GROUP STYLE args');
  const [id, group, style, ...rest] = a;
  it.e.groupBit(group);
  const make = COMPUTE_STYLES.get(style);
  if (!make) fail(`compute style '${style}' is not supported by lmpv (${[...COMPUTE_STYLES.keys()].join(', ')})`);
  if (it.e.computes.has(id)) fail(`compute ID '${id}' is already in use`);
  it.e.computes.set(id, make(id, group, rest, it.e));
}

export function uncomputeCmd(it: CommandContext, a: string[]): void {
  if (!it.e.computes.delete(a[0])) fail(`could not find compute ID '${a[0]}' to delete`);
}
