/** Finding a compute by id (defined ones, then the thermo built-ins) and reading its values with LAMMPS's checks. */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Compute } from './compute.js';
import { thermoTemp } from './temp.js';
import { computePressure } from './pressure.js';
import { computePe } from './pe.js';
import { isTemp, type TempCompute } from './temp-base.js';

/**
 * The computes every LAMMPS run has (Thermo creates thermo_temp, thermo_press, thermo_pe), made on
 * first use and then kept in the engine like any other compute.
 */
const BUILTIN: Record<string, (e: Engine) => Compute<Engine>> = {
  thermo_temp: (e) => thermoTemp(e),
  thermo_press: (e) => keep(e, computePressure('thermo_press', 'all', ['thermo_temp'])),
  thermo_pe: (e) => keep(e, computePe('thermo_pe', 'all', [])),
};

function keep(e: Engine, c: Compute<Engine>): Compute<Engine> {
  e.computes.set(c.id, c);
  c.setup?.(e);
  return c;
}

/** A compute by id: defined ones first, then the thermo built-ins. */
export function findCompute(e: Engine, id: string): Compute<Engine> {
  const c = e.computes.get(id) ?? BUILTIN[id]?.(e);
  if (!c) throw new ScriptError(`could not find compute ID '${id}'`);
  return c;
}

/** A temperature compute by id (thermostats, velocity, thermo_modify temp), with LAMMPS's check. */
export function findTempCompute(e: Engine, id: string, who: string): TempCompute {
  const c = e.computes.get(id) ?? BUILTIN[id]?.(e);
  if (!c) throw new ScriptError(`${who}: could not find temperature compute ID '${id}'`);
  if (!isTemp(c)) throw new ScriptError(`${who}: compute '${id}' (${c.style}) does not compute temperature`);
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
