/** `timestep dt` and `reset_timestep N`. */
import type { CommandContext } from './context.js';
import { fail } from './util.js';
import { numeric, inumeric } from '../input/args.js';

export function timestepCmd(it: CommandContext, a: string[]): void {
  if (a.length !== 1) fail('timestep: expected one value');
  const dt = numeric(a[0], 'timestep');
  it.e.atime += (it.e.ntimestep - it.e.atimestep) * it.e.dt;
  it.e.atimestep = it.e.ntimestep;
  it.e.dt = dt;
}

export function resetTimestepCmd(it: CommandContext, a: string[]): void {
  const n = inumeric(a[0], 'reset_timestep');
  if (n < 0) fail('reset_timestep: timestep must be >= 0');
  it.e.ntimestep = n;
  it.e.atimestep = n;
  for (const d of it.e.dumps) d.lastStep = -1;
}
