/** `compute ID group cluster/atom rc`: per-atom cluster ID, the smallest atom ID of its cluster (LAMMPS compute_cluster_atom.cpp), from the structure-analysis layer. */
import { clusterAtoms } from '../../analysis/cluster.js';
import type { Engine } from '../engine.js';
import type { Compute } from './compute.js';
import { cutoffArg, perStepStructure } from './structure-cache.js';

export function computeClusterAtom(id: string, group: string, args: string[]): Compute<Engine> {
  const rc = cutoffArg('cluster/atom', args);
  const values = perStepStructure(group, (e, a) => clusterAtoms(a.pos, a.n, a.cell, rc, { ids: e.sys.tag.subarray(0, a.n), group: a.group }));
  return { id, group, style: 'cluster/atom', args, perAtom: (e, i) => values(e)[i] };
}
