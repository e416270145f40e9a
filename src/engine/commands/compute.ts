/** `compute ID group STYLE args` (the style from COMPUTE_STYLES) and `uncompute ID`. */
import type { CommandContext } from './context.js';
import { COMPUTE_STYLES, findCompute } from '../computes/index.js';
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

/** `compute_modify ID keyword value ...` (LAMMPS Compute::modify_params: extra/dof, dynamic/dof of temperature computes). */
export function computeModifyCmd(it: CommandContext, a: string[]): void {
  if (a.length < 1) fail('compute_modify: expected ID keyword value ...');
  const c = findCompute(it.e, a[0]);
  if (!c.modifyParams) fail(`compute_modify: compute ${a[0]} (${c.style}) takes no compute_modify keywords in lmpv`);
  c.modifyParams(a.slice(1));
}
