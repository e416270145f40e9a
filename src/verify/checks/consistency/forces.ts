/**
 * forces: each force component against minus the derivative of the energy, per atom, by Ridders'
 * extrapolated central differences (ridders.ts), as OpenKIM's vc-forces-numer-deriv check does.
 * Reports per atom the analytic and numerical force, the step at which the derivative was found
 * and its error estimate; fails naming the worst atom and component.
 */
import { ErrorStats } from '../../compare.js';
import { logHistogram } from '../forces.js';
import type { CheckResult } from '../../types.js';
import { type CheckContext, type ConsistencyCheck } from './check.js';
import { ForceModel } from './model.js';
import { riddersScan } from './ridders.js';

/** Which atoms to differentiate: all, or `count` spread over the atoms plus the one with the largest force. */
export function pickAtoms(n: number, count: number, f: Float64Array): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  let big = 0;
  let bigF = -1;
  for (let i = 0; i < n; i++) {
    const m = Math.hypot(f[3 * i], f[3 * i + 1], f[3 * i + 2]);
    if (m > bigF) [big, bigF] = [i, m];
  }
  const set = new Set<number>([big]);
  for (let k = 0; set.size < count && k < count; k++) set.add(Math.floor((k * n) / count));
  return [...set].sort((a, b) => a - b);
}

export const forcesCheck: ConsistencyCheck = {
  name: 'forces',
  description: 'forces against the Ridders-extrapolated central-difference gradient of the energy, per atom',
  run(ctx: CheckContext): CheckResult[] {
    const m = ctx.model;
    const names = m.unitNames();
    const atoms = pickAtoms(m.n, ctx.opts.atoms, ctx.base.f);
    const stats = new ErrorStats();
    const perAtom: number[] = [];
    const rows: (number | string)[][] = [];
    let worst = { where: -1, reference: 0, candidate: 0, comp: 0, step: 0, error: 0 };
    const x = m.x0.slice();
    const fscale = m.forceScale(ctx.base);
    const tol = ctx.opts.tolFd * fscale;
    for (const i of atoms) {
      let atomErr = 0;
      let atomStep = 0;
      let atomEst = 0;
      const num = [0, 0, 0];
      for (let d = 0; d < m.dimension; d++) {
        const k = 3 * i + d;
        const d0 = riddersScan((h) => {
          x[k] = m.x0[k] + h;
          const en = m.energy(x);
          x[k] = m.x0[k];
          return en;
        }, ctx.opts.step, 4, 1e-3 * tol);
        num[d] = -d0.value;
        const err = Math.abs(ctx.base.f[k] - num[d]);
        const before = stats.max;
        stats.add(err, m.tag[i]);
        if (stats.max !== before || worst.where < 0) worst = { where: m.tag[i], reference: num[d], candidate: ctx.base.f[k], comp: d, step: d0.step, error: d0.error };
        if (err >= atomErr) [atomErr, atomStep] = [err, d0.step];
        atomEst = Math.max(atomEst, d0.error);
      }
      perAtom.push(atomErr);
      rows.push([m.tag[i], m.type[i], ctx.base.f[3 * i], ctx.base.f[3 * i + 1], ctx.base.f[3 * i + 2], num[0], num[1], num[2], atomErr, atomStep, atomEst]);
    }
    const c = 'xyz'[worst.comp];
    if (atoms.length < m.n) ctx.note(`forces: ${atoms.length} of ${m.n} atoms differentiated (--atoms N to change; the atom with the largest force is always one)`);
    return [{
      check: 'forces',
      name: `F = -dE/dr (${atoms.length} atoms, Ridders)`,
      passed: stats.max <= tol,
      metric: 'abs',
      unit: names.force,
      tolerance: tol,
      stats: stats.toJSON(),
      worst: { label: 'atom', where: worst.where, reference: worst.reference, candidate: worst.candidate },
      detail: `worst atom ${worst.where} f${c}: force ${worst.candidate}, -dE/d${c} ${worst.reference} (step ${worst.step.toPrecision(3)} ${names.distance}, Ridders error estimate ${worst.error.toPrecision(3)}); tolerance ${ctx.opts.tolFd} x force scale ${fscale} (the largest force or |E|/N per unit length)`,
      histogram: logHistogram(perAtom, `per atom: max over components of |F + dE/dr| [${names.force}]`),
      table: {
        columns: ['id', 'type', 'fx', 'fy', 'fz', '-dE/dx', '-dE/dy', '-dE/dz', 'max |F + dE/dr|', 'step', 'Ridders error'],
        rows,
      },
    }];
  },
};
