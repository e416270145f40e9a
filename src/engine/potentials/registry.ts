/**
 * pair_style name -> factory. Registering a pair style is one row here (MEAM: `meam`, ReaxFF:
 * `reaxff`), each factory in its own folder (STYLE.md §7).
 */
import type { PairStyleFactory } from './types.js';
import { ljCutFactory } from './lj-cut/index.js';
import { zeroFactory } from './zero.js';
import { ljCutCoulCutFactory } from './lj-cut-coul-cut/index.js';
import { meamFactory } from './meam/index.js';
import { EAM_PAIR_STYLES } from './eam/index.js';
import { reaxffFactory } from './reaxff/index.js';

export const PAIR_STYLES = new Map<string, PairStyleFactory>([
  ['lj/cut', ljCutFactory],
  ['zero', zeroFactory],
  ['lj/cut/coul/cut', ljCutCoulCutFactory],
  ['meam', meamFactory],
  ...EAM_PAIR_STYLES,
  ['reaxff', reaxffFactory],
  ['reax/c', reaxffFactory],
]);

/** Add a pair style at runtime (for plug-ins and tests). */
export function registerPairStyle(name: string, factory: PairStyleFactory): void {
  if (PAIR_STYLES.has(name)) throw new Error(`pair style '${name}' is already registered`);
  PAIR_STYLES.set(name, factory);
}
