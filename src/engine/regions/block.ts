/** `region ID block xlo xhi ylo yhi zlo zhi` (LAMMPS region_block.cpp): inside when lo <= x <= hi in each dimension. */
import { ScriptError } from '../errors.js';
import type { Region, RegionContext, RegionStyle } from './region.js';

export const block: RegionStyle = {
  nargs: 6,
  boxShape: true,
  create(args: string[], ctx: RegionContext): Region {
    const lo = [0, 1, 2].map((d) => ctx.bound(args[2 * d], d, false));
    const hi = [0, 1, 2].map((d) => ctx.bound(args[2 * d + 1], d, true));
    for (let d = 0; d < 3; d++) if (lo[d] > hi[d]) throw new ScriptError('region: illegal bounds (lo > hi)');
    const interior = ctx.interior;
    return {
      id: ctx.id,
      style: 'block',
      lo,
      hi,
      tilt: [0, 0, 0],
      interior,
      match(x, y, z) {
        const inside = x >= lo[0] && x <= hi[0] && y >= lo[1] && y <= hi[1] && z >= lo[2] && z <= hi[2];
        return inside === interior;
      },
    };
  },
};
