/** `compute ID group cna/atom rc`: fixed-cutoff common neighbour analysis per atom (LAMMPS compute_cna_atom.cpp), from the structure-analysis layer. */
import { fixedCna } from '../../analysis/cna.js';
import type { Engine } from '../engine.js';
import type { Compute } from './compute.js';
import { cutoffArg, perStepStructure } from './structure-cache.js';

export function computeCnaAtom(id: string, group: string, args: string[]): Compute<Engine> {
  const rc = cutoffArg('cna/atom', args);
  const values = perStepStructure(group, (_e, a) => Float64Array.from(fixedCna(a.pos, a.n, a.cell, rc, { group: a.group })));
  return { id, group, style: 'cna/atom', args, perAtom: (e, i) => values(e)[i] };
}
