/**
 * translation: the energy and forces do not change when every atom moves by the same vector. The
 * shift is not commensurate with the box (fractions 0.137, 0.291, 0.419 of a periodic edge); along
 * a fixed ('f') boundary it is half the gap between the atoms and the upper face, so no atom leaves.
 */
import { compareInvariance, type CheckContext, type ConsistencyCheck } from './check.js';
import { ForceModel } from './model.js';

export const translationCheck: ConsistencyCheck = {
  name: 'translation',
  description: 'energy and forces unchanged when all atoms move by one vector',
  run(ctx: CheckContext) {
    const m = ctx.model;
    const edges = ForceModel.edges(m.box0);
    const frac = [0.137, 0.291, 0.419];
    const shift = [0, 0, 0];
    for (let d = 0; d < m.dimension; d++) {
      if (m.periodic(d)) for (let k = 0; k < 3; k++) shift[k] += frac[d] * edges[d][k];
      else if (m.boundary[d].includes('f')) {
        let hi = -Infinity;
        for (let i = 0; i < m.n; i++) hi = Math.max(hi, m.x0[3 * i + d]);
        shift[d] += m.boundary[d][1] === 'f' ? 0.5 * (m.box0.hi[d] - hi) : 1.1 * frac[d];
      } else shift[d] += 1.7 * frac[d]; // shrink-wrapped: the box follows
    }
    const x = m.x0.slice();
    for (let i = 0; i < m.n; i++) for (let d = 0; d < 3; d++) x[3 * i + d] += shift[d];
    const what = `translation by (${shift.map((v) => v.toPrecision(4)).join(', ')})`;
    return compareInvariance(ctx, 'translation', what, m.evaluate(x));
  },
};
