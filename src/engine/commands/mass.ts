/** `mass I value` with I a type, a type label or an N*M range. */
import type { CommandContext } from './context.js';
import { fail, needBox } from './util.js';
import { numeric, typeBounds } from '../input/args.js';

export function massCmd(it: CommandContext, a: string[]): void {
  needBox(it, 'mass');
  if (a.length !== 2) fail('mass: expected TYPE VALUE');
  const [lo, hi] = typeBounds(a[0], it.e.sys.typeLabels, it.e.sys.ntypes, 'mass');
  const m = numeric(a[1], 'mass');
  if (m <= 0) fail('mass: invalid mass value (must be > 0)');
  for (let t = lo; t <= hi; t++) {
    it.e.sys.mass[t] = m;
    it.e.sys.massSet[t] = 1;
  }
}
