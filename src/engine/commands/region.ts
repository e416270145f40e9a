/** `region ID STYLE args [side in|out] [units box|lattice]`: the shared keywords, then the style from REGION_STYLES. */
import type { CommandContext } from './context.js';
import { REGION_STYLES } from '../regions/index.js';
import { fail, unitsScale } from './util.js';
import { numeric } from '../input/args.js';

export function regionCmd(it: CommandContext, args: string[]): void {
  if (args.length < 2) fail('region: expected ID STYLE args');
  const [id, style, ...rest] = args;
  if (id !== 'delete' && it.e.regions.has(id)) fail(`region ID '${id}' is already in use`);
  const rs = REGION_STYLES.get(style);
  if (!rs) fail(`region style '${style}' is not supported by lmpv (${[...REGION_STYLES.keys()].join(', ')})`);
  const nargs = rs.countArgs ? rs.countArgs(rest) : rs.nargs;
  if (rest.length < nargs) fail(`region ${style}: expected ${nargs} ${rs.countArgs ? 'arguments' : 'numbers'}`);
  const kw = rest.slice(nargs);
  let interior = true;
  for (let k = 0; k < kw.length; k += 2) {
    if (kw[k] === 'side') {
      if (kw[k + 1] !== 'in' && kw[k + 1] !== 'out') fail(`region side: expected in or out, found '${kw[k + 1]}'`);
      interior = kw[k + 1] === 'in';
    } else if (kw[k] !== 'units') fail(`region: keyword '${kw[k]}' is not understood`);
  }
  const scale = unitsScale(it, kw, 'region');
  const box = it.e.sys.box;
  const bound = (w: string, d: number, hi: boolean): number => {
    if (w === 'INF' || w === 'EDGE') {
      if (!it.e.sys.boxExists) fail('cannot use region INF or EDGE when box does not exist');
      if (w === 'INF') return hi ? 1e300 : -1e300;
      return hi ? box.hi[d] : box.lo[d];
    }
    return numeric(w, `region ${style}`) * scale[d];
  };
  const find = (rid: string, what: string) => {
    const r = it.e.regions.get(rid);
    if (!r) fail(`${what}: region ID '${rid}' does not exist`);
    return r;
  };
  it.e.regions.set(id, rs.create(rest.slice(0, nargs), { id, interior, scale, num: numeric, bound, find }));
}
