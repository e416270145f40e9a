/**
 * energy: NVE energy conservation with dt^2 scaling. Velocity Verlet (LAMMPS fix nve: half kick,
 * drift, force, half kick) conserves a shadow Hamiltonian, so the total energy's excursion from its
 * start shrinks as dt^2 (Hairer, Lubich & Wanner, Geometric Numerical Integration, ch. IX). The
 * check runs the same simulated time at dt, dt/2 and dt/4 (dt the script's timestep), takes
 * max |E(t) - E(0)| at the times the dt run samples, and fits the order by least squares in log-log (timestep.ts fitOrder, as `lmpv timestep`);
 * forces that are not the gradient of the energy break the scaling (the error no longer vanishes
 * with dt). Fixes are not applied: it is the pair style's Hamiltonian alone.
 */
import type { CheckResult } from '../../types.js';
import { parkMiller, type CheckContext, type ConsistencyCheck } from './check.js';
import type { ForceModel } from './model.js';
import { fitOrder } from '../timestep.js';

/** Velocities to start from: the script's, or (all zero) a deterministic set at 300 K (0.5 in lj units). */
function startVelocities(m: ForceModel, note: (s: string) => void): Float64Array {
  if (m.v0.some((v) => v !== 0)) return m.v0;
  const t = m.unitStyle === 'lj' ? 0.5 : 300;
  note(`energy: the script sets no velocities; started from uniform random velocities at T = ${t}`);
  const rnd = parkMiller(87287);
  const v = new Float64Array(3 * m.n);
  for (let i = 0; i < m.n; i++) {
    const s = Math.sqrt((12 * m.units.boltz * t) / (m.mass[i] * m.units.mvv2e));
    for (let d = 0; d < m.dimension; d++) v[3 * i + d] = s * (rnd() - 0.5);
  }
  return v;
}

/** Largest |E(t) - E(0)| over `steps` velocity Verlet steps of `dt`, sampled every `every` steps. */
export function nveExcursion(m: ForceModel, v0: Float64Array, dt: number, steps: number, every: number): { max: number; e0: number } {
  const x = m.x0.slice();
  const v = v0.slice();
  const dtf = 0.5 * dt * m.units.ftm2v;
  let ev = m.evaluate(x);
  const kinetic = () => {
    let k = 0;
    for (let i = 0; i < m.n; i++) k += m.mass[i] * (v[3 * i] ** 2 + v[3 * i + 1] ** 2 + v[3 * i + 2] ** 2);
    return 0.5 * m.units.mvv2e * k;
  };
  const e0 = ev.energy + kinetic();
  let max = 0;
  for (let s = 1; s <= steps; s++) {
    for (let k = 0; k < 3 * m.n; k++) {
      v[k] += (dtf * ev.f[k]) / m.mass[Math.floor(k / 3)];
      x[k] += dt * v[k];
    }
    ev = m.evaluate(x);
    for (let k = 0; k < 3 * m.n; k++) v[k] += (dtf * ev.f[k]) / m.mass[Math.floor(k / 3)];
    if (s % every === 0) max = Math.max(max, Math.abs(ev.energy + kinetic() - e0));
  }
  return { max, e0 };
}

export const energyCheck: ConsistencyCheck = {
  name: 'energy',
  description: 'NVE energy error shrinking as dt^2 (velocity Verlet) at dt, dt/2, dt/4',
  run(ctx: CheckContext): CheckResult[] {
    const m = ctx.model;
    const names = m.unitNames();
    const dt = m.e.dt;
    const v0 = startVelocities(m, ctx.note);
    const runs = [1, 2, 4].map((div) => ({ dt: dt / div, steps: ctx.opts.steps * div, ...nveExcursion(m, v0, dt / div, ctx.opts.steps * div, div) }));
    const rows = runs.map((r) => [r.dt, r.steps, r.max]);
    const scale = Math.abs(runs[0].e0) + 1e-300;
    const base = { check: 'energy', metric: 'abs' as const, tolerance: ctx.opts.tolOrder, table: { columns: [`dt [${names.time}]`, 'steps', `max |E(t) - E(0)| [${names.energy}]`], rows } };
    if (runs[2].max <= 1e-13 * scale || runs.some((r) => r.max === 0)) {
      return [{ ...base, name: 'NVE energy error: |order in dt - 2| (velocity Verlet: 2)', passed: true, stats: { n: 3, avg: 0, dev: 0, max: 0, argmax: -1 }, detail: `energy conserved to round-off at every dt (max |dE| ${runs[0].max} ${names.energy}); order not defined` }];
    }
    const order = fitOrder(runs.map((r) => r.dt), runs.map((r) => r.max)) ?? 0;
    const off = Math.abs(order - 2);
    return [{
      ...base,
      name: 'NVE energy error: |order in dt - 2| (velocity Verlet: 2)',
      passed: off <= ctx.opts.tolOrder,
      stats: { n: 3, avg: off, dev: 0, max: off, argmax: -1 },
      detail: (off <= ctx.opts.tolOrder ? '' : 'the energy error does not shrink as dt^2: forces that are not -dE/dr, or an energy that jumps when a pair crosses its cutoff (lj/cut without pair_modify shift yes, coul/cut); ') + `order ${order.toFixed(3)} over ${ctx.opts.steps} steps of dt ${dt} ${names.time}; max |E(t) - E(0)|: ${runs.map((r) => `${r.max.toExponential(3)} at dt ${r.dt}`).join(', ')} ${names.energy}`,
    }];
  },
};
