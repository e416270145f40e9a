/**
 * rotation: with open boundaries only, a rigid rotation about the centroid leaves the energy
 * unchanged and rotates each force with it (F' = R F). Skipped with a note when a boundary is
 * periodic (a rotated periodic crystal is another system) or a fixed face would cut the rotated atoms.
 */
import { compareInvariance, type CheckContext, type ConsistencyCheck } from './check.js';

/** Rotation matrix (row-major) about unit axis `u` by `angle` (Rodrigues' formula). */
export function rotationMatrix(u: number[], angle: number): number[] {
  const n = Math.hypot(u[0], u[1], u[2]);
  const [x, y, z] = u.map((v) => v / n);
  const c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
  return [t * x * x + c, t * x * y - s * z, t * x * z + s * y, t * x * y + s * z, t * y * y + c, t * y * z - s * x, t * x * z - s * y, t * y * z + s * x, t * z * z + c];
}

function rotate(R: number[], v: Float64Array, centre: number[]): Float64Array {
  const out = new Float64Array(v.length);
  for (let k = 0; k < v.length; k += 3) {
    const a = v[k] - centre[0], b = v[k + 1] - centre[1], c = v[k + 2] - centre[2];
    out[k] = R[0] * a + R[1] * b + R[2] * c + centre[0];
    out[k + 1] = R[3] * a + R[4] * b + R[5] * c + centre[1];
    out[k + 2] = R[6] * a + R[7] * b + R[8] * c + centre[2];
  }
  return out;
}

export const rotationCheck: ConsistencyCheck = {
  name: 'rotation',
  description: 'energy unchanged and forces rotated under a rigid rotation (open boundaries only)',
  run(ctx: CheckContext) {
    const m = ctx.model;
    const per = [0, 1, 2].filter((d) => d < m.dimension && m.periodic(d));
    if (per.length) {
      ctx.note(`rotation: skipped, periodic in ${per.map((d) => 'xyz'[d]).join(' ')} (a rigid rotation needs open boundaries)`);
      return [];
    }
    // 2d: rotate in the plane only
    const R = m.dimension === 2 ? rotationMatrix([0, 0, 1], 0.7) : rotationMatrix([1, 2, 3], 0.7);
    const centre = [0, 0, 0];
    for (let i = 0; i < m.n; i++) for (let d = 0; d < 3; d++) centre[d] += m.x0[3 * i + d] / m.n;
    const x = rotate(R, m.x0, centre);
    for (let d = 0; d < 3; d++) {
      for (let side = 0; side < 2; side++) {
        if (m.boundary[d][side] !== 'f') continue;
        for (let i = 0; i < m.n; i++) {
          const v = x[3 * i + d];
          if (side === 0 ? v < m.box0.lo[d] : v >= m.box0.hi[d]) {
            ctx.note(`rotation: skipped, the rotated atoms would cross the fixed ${side ? 'upper' : 'lower'} ${'xyz'[d]} face of the box`);
            return [];
          }
        }
      }
    }
    const expected = rotate(R, ctx.base.f, [0, 0, 0]);
    return compareInvariance(ctx, 'rotation', 'rotation by 0.7 rad about the centroid', m.evaluate(x), expected);
  },
};
