/**
 * `region ID intersect N reg-ID1 reg-ID2 ...` and `region ID union N reg-ID1 ...` (LAMMPS
 * region_intersect.cpp, region_union.cpp): a point is inside an intersection when every
 * sub-region (each with its own side) contains it, inside a union when any does; then this
 * region's own `side` applies. The sub-regions are looked up when the region is defined.
 * Extent (for create_atoms): the intersection of the bounded (side in) sub-regions' boxes, or the
 * union of all sub-region boxes when each is bounded; otherwise unbounded.
 */
import { ScriptError } from '../errors.js';
import type { Region, RegionContext, RegionStyle } from './region.js';

const INF = 1e300;

function subRegions(args: string[], ctx: RegionContext, style: string): Region[] {
  const n = Number(args[0]);
  if (!Number.isInteger(n) || n < 2) throw new ScriptError(`region ${style}: expected a count N >= 2 of regions, found '${args[0]}'`);
  return args.slice(1, 1 + n).map((id) => ctx.find(id, `region ${style}`));
}

function combined(style: 'intersect' | 'union'): RegionStyle {
  return {
    nargs: 0,
    countArgs(rest: string[]): number {
      const n = Number(rest[0]);
      return Number.isInteger(n) && n >= 0 ? 1 + n : 1;
    },
    create(args: string[], ctx: RegionContext): Region {
      const subs = subRegions(args, ctx, style);
      const lo = [-INF, -INF, -INF], hi = [INF, INF, INF];
      if (style === 'intersect') {
        for (const r of subs) {
          if (!r.interior) continue;
          for (let d = 0; d < 3; d++) {
            lo[d] = Math.max(lo[d], r.lo[d]);
            hi[d] = Math.min(hi[d], r.hi[d]);
          }
        }
      } else if (subs.every((r) => r.interior)) {
        for (let d = 0; d < 3; d++) {
          lo[d] = Math.min(...subs.map((r) => r.lo[d]));
          hi[d] = Math.max(...subs.map((r) => r.hi[d]));
        }
      }
      const interior = ctx.interior;
      const all = style === 'intersect';
      return {
        id: ctx.id,
        style,
        lo,
        hi,
        tilt: [0, 0, 0],
        interior,
        match(x, y, z) {
          let inside = all;
          for (const r of subs) {
            const m = r.match(x, y, z);
            if (all && !m) { inside = false; break; }
            if (!all && m) { inside = true; break; }
          }
          return inside === interior;
        },
      };
    },
  };
}

export const intersect = combined('intersect');
export const union = combined('union');
