/**
 * `region ID cylinder dim c1 c2 radius lo hi` (LAMMPS region_cylinder.cpp): axis along dim, c1 c2 the
 * axis position in the other two dimensions (in x y z order), lo hi its extent (numbers, INF or EDGE).
 */
import { ScriptError } from '../errors.js';
import type { Region, RegionContext, RegionStyle } from './region.js';

export const cylinder: RegionStyle = {
  nargs: 6,
  create(args: string[], ctx: RegionContext): Region {
    const dim = { x: 0, y: 1, z: 2 }[args[0] as 'x'];
    if (dim === undefined) throw new ScriptError(`region cylinder: expected dim x, y or z, found '${args[0]}'`);
    const sc = ctx.scale;
    const others = [0, 1, 2].filter((d) => d !== dim);
    const c1 = ctx.num(args[1], 'region cylinder') * sc[others[0]];
    const c2 = ctx.num(args[2], 'region cylinder') * sc[others[1]];
    const rad = ctx.num(args[3], 'region cylinder') * sc[others[0]];
    const lo = ctx.bound(args[4], dim, false);
    const hi = ctx.bound(args[5], dim, true);
    const rlo = [0, 0, 0], rhi = [0, 0, 0];
    rlo[dim] = lo;
    rhi[dim] = hi;
    rlo[others[0]] = c1 - rad;
    rhi[others[0]] = c1 + rad;
    rlo[others[1]] = c2 - rad;
    rhi[others[1]] = c2 + rad;
    const interior = ctx.interior;
    return {
      id: ctx.id,
      style: 'cylinder',
      lo: rlo,
      hi: rhi,
      tilt: [0, 0, 0],
      radius: rad,
      interior,
      match(x, y, z) {
        const p = [x, y, z];
        const a = p[others[0]] - c1, b = p[others[1]] - c2;
        const inside = p[dim] >= lo && p[dim] <= hi && a * a + b * b <= rad * rad;
        return inside === interior;
      },
    };
  },
};
