/**
 * `region ID prism xlo xhi ylo yhi zlo zhi xy xz yz` (LAMMPS region_prism.cpp): the parallelepiped
 * h = [[lx, xy, xz], [0, ly, yz], [0, 0, lz]] at lo; inside when its fractional coordinates are in [0, 1].
 */
import { ScriptError } from '../errors.js';
import type { Region, RegionContext, RegionStyle } from './region.js';

export const prism: RegionStyle = {
  nargs: 9,
  boxShape: true,
  create(args: string[], ctx: RegionContext): Region {
    const lo = [0, 1, 2].map((d) => ctx.bound(args[2 * d], d, false));
    const hi = [0, 1, 2].map((d) => ctx.bound(args[2 * d + 1], d, true));
    const [sx, sy] = ctx.scale;
    const tilt = [ctx.num(args[6], 'region prism') * sx, ctx.num(args[7], 'region prism') * sx, ctx.num(args[8], 'region prism') * sy];
    for (let d = 0; d < 3; d++) if (lo[d] > hi[d]) throw new ScriptError('region: illegal bounds (lo > hi)');
    const [xy, xz, yz] = tilt;
    const h0 = hi[0] - lo[0], h1 = hi[1] - lo[1], h2 = hi[2] - lo[2];
    const interior = ctx.interior;
    return {
      id: ctx.id,
      style: 'prism',
      lo,
      hi,
      tilt,
      interior,
      match(x, y, z) {
        const a = (z - lo[2]) / h2;
        const b = (y - lo[1] - yz * a) / h1;
        const c = (x - lo[0] - xy * b - xz * a) / h0;
        const inside = a >= 0 && a <= 1 && b >= 0 && b <= 1 && c >= 0 && c <= 1;
        return inside === interior;
      },
    };
  },
};
