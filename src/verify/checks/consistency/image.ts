/**
 * image: moving atoms by whole periodic box vectors (each atom by its own combination of -1, 0
 * or 1 edge along every periodic dimension) changes nothing. Skipped when no boundary is periodic.
 */
import { compareInvariance, type CheckContext, type ConsistencyCheck } from './check.js';
import { ForceModel } from './model.js';

export const imageCheck: ConsistencyCheck = {
  name: 'image',
  description: 'energy and forces unchanged when atoms move by periodic box vectors',
  run(ctx: CheckContext) {
    const m = ctx.model;
    const per = [0, 1, 2].filter((d) => d < m.dimension && m.periodic(d));
    if (!per.length) {
      ctx.note('image: skipped, no periodic boundary');
      return [];
    }
    const edges = ForceModel.edges(m.box0);
    const x = m.x0.slice();
    for (let i = 0; i < m.n; i++) {
      for (const d of per) {
        const k = ((i * 7 + d * 3) % 3) - 1; // -1, 0 or 1 (the engine wraps an atom by at most one edge per step, as LAMMPS)
        for (let c = 0; c < 3; c++) x[3 * i + c] += k * edges[d][c];
      }
    }
    return compareInvariance(ctx, 'image', `shifts by periodic box vectors along ${per.map((d) => 'xyz'[d]).join(' ')}`, m.evaluate(x));
  },
};
