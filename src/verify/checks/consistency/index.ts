/**
 * The self-consistency checks of `lmpv check`, one row each (OpenKIM's verification checks for
 * KIM models, made for any pair style the engine runs): the only list of their names.
 */
import type { CheckResult } from '../../types.js';
import type { CheckContext, ConsistencyCheck, ConsistencyOptions } from './check.js';
import { energyCheck } from './energy.js';
import { forcesCheck } from './forces.js';
import { imageCheck } from './image.js';
import type { ForceModel } from './model.js';
import { permutationCheck } from './permutation.js';
import { rotationCheck } from './rotation.js';
import { translationCheck } from './translation.js';
import { virialCheck } from './virial.js';

export const CONSISTENCY_CHECKS = new Map<string, ConsistencyCheck>([
  ['forces', forcesCheck],
  ['translation', translationCheck],
  ['rotation', rotationCheck],
  ['permutation', permutationCheck],
  ['image', imageCheck],
  ['energy', energyCheck],
  ['virial', virialCheck],
]);

/** Run the named checks (all when `names` is empty) on a model; unknown names are an Error naming the known ones. */
export function runConsistencyChecks(model: ForceModel, names: readonly string[], opts: ConsistencyOptions): { results: CheckResult[]; notes: string[] } {
  const picked = names.length ? names : [...CONSISTENCY_CHECKS.keys()];
  for (const n of picked) if (!CONSISTENCY_CHECKS.has(n)) throw new Error(`unknown check '${n}': expected one of ${[...CONSISTENCY_CHECKS.keys()].join(', ')}`);
  const notes: string[] = [];
  const ctx: CheckContext = { model, base: model.evaluate(model.x0), opts, note: (s) => notes.push(s) };
  const results: CheckResult[] = [];
  for (const n of picked) results.push(...(CONSISTENCY_CHECKS.get(n) as ConsistencyCheck).run(ctx));
  return { results, notes };
}

export { DEFAULT_CONSISTENCY, type ConsistencyOptions } from './check.js';
export { ForceModel } from './model.js';
