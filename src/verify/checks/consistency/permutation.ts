/**
 * permutation: the energy and each atom's force (matched by atom, not by slot) do not depend on
 * the order the atoms are stored in. The order is a deterministic shuffle of the setup's.
 */
import { compareInvariance, parkMiller, type CheckContext, type ConsistencyCheck } from './check.js';

export const permutationCheck: ConsistencyCheck = {
  name: 'permutation',
  description: 'energy and per-atom forces unchanged when the atoms are stored in another order',
  run(ctx: CheckContext) {
    const m = ctx.model;
    const order = Int32Array.from({ length: m.n }, (_, i) => m.n - 1 - i);
    const rnd = parkMiller(4928459);
    for (let i = m.n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return compareInvariance(ctx, 'permutation', 'a shuffled atom order', m.evaluate(m.x0, m.box0, order));
  },
};
