/**
 * virial: each component of the pair virial W_ab = sum r_a f_b (LAMMPS's virial, before 1/V and
 * nktv2p turn it into a pressure) against minus the derivative of the energy under the homogeneous
 * strain x -> (I + g e_a e_b^T) x applied to atoms and box: dE/dg = -sum_i f_ia x_ib = -W_ab
 * (Thompson, Plimpton & Mattson, J. Chem. Phys. 131, 154107 (2009), eq. 3, per component; symmetric
 * for potentials that do not depend on orientation). Ridders' extrapolation (ridders.ts) in g.
 */
import { ErrorStats } from '../../compare.js';
import type { CheckResult } from '../../types.js';
import type { CheckContext, ConsistencyCheck } from './check.js';
import { riddersScan } from './ridders.js';

/** LAMMPS virial order xx yy zz xy xz yz as strain components (a, b), a <= b. */
const COMPONENTS: [string, number, number][] = [['xx', 0, 0], ['yy', 1, 1], ['zz', 2, 2], ['xy', 0, 1], ['xz', 0, 2], ['yz', 1, 2]];

export const virialCheck: ConsistencyCheck = {
  name: 'virial',
  description: 'virial components against the derivative of the energy under a small homogeneous strain',
  run(ctx: CheckContext): CheckResult[] {
    const m = ctx.model;
    const names = m.unitNames();
    const shrink = m.boundary.some((b) => b.includes('s') || b.includes('m'));
    const stats = new ErrorStats();
    const rows: (number | string)[][] = [];
    let worst = { k: -1, reference: 0, candidate: 0 };
    const c = [0, 0, 0];
    for (let i = 0; i < m.n; i++) for (let d = 0; d < 3; d++) c[d] += m.x0[3 * i + d] / m.n;
    let moment = 0; // sum |r_i - centroid| |f_i|: the size of the terms the virial sums
    for (let i = 0; i < m.n; i++) moment += Math.hypot(m.x0[3 * i] - c[0], m.x0[3 * i + 1] - c[1], m.x0[3 * i + 2] - c[2]) * Math.hypot(ctx.base.f[3 * i], ctx.base.f[3 * i + 1], ctx.base.f[3 * i + 2]);
    let wmax = 0;
    for (const v of ctx.base.virial) wmax = Math.max(wmax, Math.abs(v));
    const scale = Math.max(wmax, moment, Math.abs(ctx.base.energy)) || 1;
    const tol = ctx.opts.tolFd * scale;
    COMPONENTS.forEach(([label, a, b], k) => {
      if (a >= m.dimension || b >= m.dimension) return;
      if (a !== b && m.periodic(b) && !m.box0.triclinic && shrink) {
        ctx.note(`virial ${label}: skipped, shearing a periodic orthogonal box makes it triclinic, which lmpv does not support with shrink-wrapped boundaries`);
        return;
      }
      const d = riddersScan((g) => {
        const s = m.strained(g, a, b);
        return m.energy(s.x, s.box);
      }, 1e-3, 5, 1e-3 * tol);
      const w = ctx.base.virial[k];
      const err = Math.abs(w + d.value);
      const before = stats.max;
      stats.add(err, k);
      if (stats.max !== before || worst.k < 0) worst = { k, reference: -d.value, candidate: w };
      rows.push([label, w, -d.value, err, d.step, d.error]);
    });
    const wl = worst.k >= 0 ? COMPONENTS[worst.k][0] : '';
    return [{
      check: 'virial',
      name: `W = -dE/dstrain (${rows.length} components, Ridders)`,
      passed: stats.max <= tol,
      metric: 'abs',
      unit: names.energy,
      tolerance: tol,
      stats: stats.toJSON(),
      worst: { label: 'component', where: worst.k + 1, reference: worst.reference, candidate: worst.candidate },
      detail: `worst W${wl}: virial ${worst.candidate}, -dE/dstrain ${worst.reference}; tolerance ${ctx.opts.tolFd} x ${scale} (largest of |W|, sum |r - centroid| |f| and |E|)`,
      table: { columns: ['component', 'virial', '-dE/dstrain', '|difference|', 'strain step', 'Ridders error'], rows },
    }];
  },
};
