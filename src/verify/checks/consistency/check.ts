/**
 * The interface of a self-consistency check (`lmpv check`): one file per check, one row in
 * index.ts. A check sees the model (the setup's energy surface), the evaluation at the setup and
 * the options, and returns CheckResults in the shape every report format prints.
 */
import type { CheckResult } from '../../types.js';
import type { Evaluation, ForceModel } from './model.js';
import { ErrorStats, relErr } from '../../compare.js';

export interface ConsistencyOptions {
  /** Forces and virial against finite differences: allowed error relative to the largest force (virial: force x length scale). */
  tolFd: number;
  /** Invariances: allowed relative energy change, and force change relative to the largest force. */
  tolSym: number;
  /** Allowed distance of the fitted NVE energy-error order from 2. */
  tolOrder: number;
  /** How many atoms' forces are differentiated (all when there are fewer). */
  atoms: number;
  /** NVE steps at the script's timestep (twice and four times as many at dt/2 and dt/4). */
  steps: number;
  /** First central-difference step [distance] (Ridders shrinks it by 1.4 per level). */
  step: number;
}

export const DEFAULT_CONSISTENCY: ConsistencyOptions = { tolFd: 1e-6, tolSym: 1e-9, tolOrder: 0.3, atoms: 32, steps: 50, step: 1e-2 };

export interface CheckContext {
  model: ForceModel;
  /** The evaluation at the setup's positions and box. */
  base: Evaluation;
  opts: ConsistencyOptions;
  /** Something not checked and why (printed as a report note). */
  note(text: string): void;
}

export interface ConsistencyCheck {
  readonly name: string;
  readonly description: string;
  run(ctx: CheckContext): CheckResult[];
}

/**
 * Energy and forces of a transformed configuration against the setup's: the energy by the LAMMPS
 * unit-test metric (compare.ts relErr), each force component against `expected` (the setup's
 * forces transformed the same way) by absolute difference, tolerance tolSym x the model's force scale.
 */
export function compareInvariance(ctx: CheckContext, check: string, what: string, got: Evaluation, expected: Float64Array = ctx.base.f): CheckResult[] {
  const m = ctx.model;
  const names = m.unitNames();
  const e = relErr(ctx.base.energy, got.energy);
  const fs = new ErrorStats();
  let worst = { where: -1, reference: 0, candidate: 0 };
  let worstComp = 0;
  for (let k = 0; k < expected.length; k++) {
    const d = Math.abs(expected[k] - got.f[k]);
    const before = fs.max;
    fs.add(d, m.tag[Math.floor(k / 3)]);
    if (fs.max !== before || worst.where < 0) {
      worst = { where: m.tag[Math.floor(k / 3)], reference: expected[k], candidate: got.f[k] };
      worstComp = k % 3;
    }
  }
  const fscale = m.forceScale(ctx.base);
  const ftol = ctx.opts.tolSym * fscale;
  return [
    {
      check,
      name: `energy under ${what}`,
      passed: e <= ctx.opts.tolSym,
      metric: 'rel',
      tolerance: ctx.opts.tolSym,
      stats: { n: 1, avg: e, dev: 0, max: e, argmax: -1 },
      detail: `E = ${ctx.base.energy} ${names.energy} at setup, ${got.energy} after ${what}`,
    },
    {
      check,
      name: `forces under ${what}`,
      passed: fs.max <= ftol,
      metric: 'abs',
      unit: names.force,
      tolerance: ftol,
      stats: fs.toJSON(),
      worst: { label: 'atom', ...worst },
      detail: `worst atom ${worst.where} f${'xyz'[worstComp]}: expected ${worst.reference}, found ${worst.candidate} (tolerance ${ctx.opts.tolSym} x force scale ${fscale})`,
    },
  ];
}

/** A deterministic pseudo-random stream in [0, 1) (Park-Miller minimal standard, as LAMMPS's RanPark). */
export function parkMiller(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
}
