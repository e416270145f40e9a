/** `compute ID group com`: centre of mass of the group from unwrapped positions (LAMMPS compute_com.cpp). */
import type { Engine } from '../engine.js';
import { element, type Compute } from './compute.js';

export function computeCom(id: string, group: string, args: string[]): Compute<Engine> {
  return {
    id,
    group,
    style: 'com',
    args,
    vector(e: Engine, i: number) {
      return element(this, e.groupXcm(e.groupBit(group)), i);
    },
  };
}
