/**
 * Compute styles: one row per style, name -> factory (LAMMPS's `ComputeStyle(temp,ComputeTemp)`
 * lines). The `compute` command, thermo c_ references and dumps find computes through here.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Compute, ComputeFactory } from './compute.js';
import { computeTemp } from './temp.js';
import { computePressure } from './pressure.js';
import { computePe } from './pe.js';
import { computeKe } from './ke.js';
import { computePeAtom } from './pe-atom.js';
import { computeKeAtom } from './ke-atom.js';
import { computePair } from './pair.js';
import { computeMsd } from './msd.js';
import { computeRdf } from './rdf.js';
import { computeCom } from './com.js';
import { computeGyration } from './gyration.js';
import { computeReduce } from './reduce.js';
import { computeCnaAtom } from './cna-atom.js';
import { computeClusterAtom } from './cluster-atom.js';

export type { Compute, ComputeFactory, ComputeArray } from './compute.js';

export const COMPUTE_STYLES = new Map<string, ComputeFactory>([
  ['temp', computeTemp],
  ['pressure', computePressure],
  ['pe', computePe],
  ['ke', computeKe],
  ['pe/atom', computePeAtom],
  ['ke/atom', computeKeAtom],
  ['pair', computePair],
  ['msd', computeMsd],
  ['rdf', computeRdf],
  ['com', computeCom],
  ['gyration', computeGyration],
  ['reduce', computeReduce],
  ['cna/atom', computeCnaAtom],
  ['cluster/atom', computeClusterAtom],
]);

/** The computes every LAMMPS run has (Thermo creates thermo_temp, thermo_press, thermo_pe). */
const BUILTIN: Record<string, () => Compute> = {
  thermo_temp: () => computeTemp('thermo_temp', 'all', []),
  thermo_press: () => computePressure('thermo_press', 'all', ['thermo_temp']),
  thermo_pe: () => computePe('thermo_pe', 'all', []),
};

/** A compute by id: defined ones first, then the thermo built-ins. */
export function findCompute(e: Engine, id: string): Compute {
  const c = e.computes.get(id) ?? BUILTIN[id]?.();
  if (!c) throw new ScriptError(`could not find compute ID '${id}'`);
  return c;
}

/** c_ID (scalar) or c_ID[i] (vector element) with its extensive flag. */
export function computeValue(e: Engine, id: string, idx: number | undefined): { v: number; extensive: boolean } {
  const c = findCompute(e, id);
  if (c.needsForces && !e.forcesValid)
    throw new ScriptError(`compute ${id} needs energies/virial of the current atoms (LAMMPS: "Energy was not tallied on needed timestep"); use 'run 0' first`);
  if (idx === undefined) {
    if (!c.scalar) throw new ScriptError(`compute ${id} (${c.style}) does not compute a global scalar${c.vector ? `; use c_${id}[i]` : ''}`);
    return { v: c.scalar(e), extensive: c.extscalar ?? false };
  }
  if (!c.vector) throw new ScriptError(`compute ${id} (${c.style}) does not compute a global vector`);
  return { v: c.vector(e, idx), extensive: c.extvector ?? false };
}

/** Per-atom value of compute `id` for local atom i. */
export function perAtomValue(e: Engine, id: string, i: number): number {
  const c = e.computes.get(id);
  if (!c) throw new ScriptError(`could not find compute ID '${id}'`);
  if (!c.perAtom) throw new ScriptError(`compute ${id} (${c.style}) does not compute per-atom values`);
  return c.perAtom(e, i);
}
