/** Region styles: one row per style (LAMMPS's `RegionStyle(block,RegBlock)` lines); the `region` command looks them up. */
import type { RegionStyle } from './region.js';
import { block } from './block.js';
import { prism } from './prism.js';
import { sphere } from './sphere.js';
import { cylinder } from './cylinder.js';
import { intersect, union } from './combine.js';

export type { Region, RegionContext, RegionStyle } from './region.js';

export const REGION_STYLES = new Map<string, RegionStyle>([
  ['block', block],
  ['prism', prism],
  ['sphere', sphere],
  ['cylinder', cylinder],
  ['intersect', intersect],
  ['union', union],
]);
