/** `region ID sphere x y z radius` (LAMMPS region_sphere.cpp): inside when |r - c| <= radius. */
import type { Region, RegionContext, RegionStyle } from './region.js';

export const sphere: RegionStyle = {
  nargs: 4,
  create(args: string[], ctx: RegionContext): Region {
    const [sx, sy, sz] = ctx.scale;
    const c = [ctx.num(args[0], 'region sphere') * sx, ctx.num(args[1], 'region sphere') * sy, ctx.num(args[2], 'region sphere') * sz];
    const rad = ctx.num(args[3], 'region sphere') * sx;
    const interior = ctx.interior;
    return {
      id: ctx.id,
      style: 'sphere',
      lo: c.map((v) => v - rad),
      hi: c.map((v) => v + rad),
      tilt: [0, 0, 0],
      center: c,
      radius: rad,
      interior,
      match(x, y, z) {
        const d2 = (x - c[0]) ** 2 + (y - c[1]) ** 2 + (z - c[2]) ** 2;
        return d2 <= rad * rad === interior;
      },
    };
  },
};
