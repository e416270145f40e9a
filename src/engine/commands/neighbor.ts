/** `neighbor skin style` and `neigh_modify` (LAMMPS neighbor.cpp). */
import type { CommandContext } from './context.js';
import { fail } from './util.js';
import { numeric, inumeric, yesno, typeArg } from '../input/args.js';

export function neighborCmd(it: CommandContext, a: string[]): void {
  if (a.length !== 2) fail('neighbor: expected SKIN STYLE');
  it.e.skin = numeric(a[0], 'neighbor skin');
  if (it.e.skin < 0) fail('neighbor: skin must be >= 0');
  if (a[1] !== 'bin' && a[1] !== 'nsq') fail(`neighbor: style '${a[1]}' is not understood (bin, nsq)`);
}

export function neighModifyCmd(it: CommandContext, a: string[]): void {
  const o = it.e.neighOpts;
  for (let k = 0; k < a.length; k += 2) {
    const w = a[k], v = a[k + 1];
    if (w === 'every') o.every = inumeric(v, 'neigh_modify every');
    else if (w === 'delay') o.delay = inumeric(v, 'neigh_modify delay');
    else if (w === 'check') o.check = yesno(v, 'neigh_modify check');
    else if (w === 'once') o.once = yesno(v, 'neigh_modify once');
    else if (w === 'one' || w === 'page' || w === 'binsize') numeric(v, `neigh_modify ${w}`);
    else if (w === 'exclude') {
      if (v === 'none') it.e.neighExclude = [];
      else if (v === 'type') {
        const { typeLabels, ntypes } = it.e.sys;
        const ti = typeArg(a[k + 2], typeLabels, ntypes, 'neigh_modify exclude type I');
        const tj = typeArg(a[k + 3], typeLabels, ntypes, 'neigh_modify exclude type J');
        it.e.neighExclude.push([ti, tj]);
        k += 2;
      } else fail(`neigh_modify exclude: style '${v}' is not supported by lmpv (type, none)`);
    }
    else fail(`neigh_modify: keyword '${w}' is not supported by lmpv`);
  }
  if (o.every < 1 || o.delay < 0) fail('neigh_modify: every must be >= 1 and delay >= 0');
}
