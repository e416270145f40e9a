/** `compute ID group temp`: T = sum m v^2 / (dof kB), dof = dim N - dim; vector = the KE tensor (LAMMPS compute_temp.cpp). */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { TempCompute } from './temp-base.js';

export class ComputeTemp extends TempCompute {
  readonly style = 'temp';
  protected kineticSum(e: Engine): number {
    return e.sys.sumMvv(e.groupBit(this.group));
  }
  protected keTensor(e: Engine): number[] {
    return e.sys.sumMvvTensor(e.groupBit(this.group));
  }
}

export function computeTemp(id: string, group: string, args: string[]): ComputeTemp {
  if (args.length) throw new ScriptError(`compute temp: unexpected argument '${args[0]}'`);
  return new ComputeTemp(id, group, args);
}

/**
 * The `thermo_temp` compute every LAMMPS run has (created by Thermo: `thermo_temp all temp`), made on
 * first use and kept in the engine's computes so compute_modify and dof setup apply to it.
 */
export function thermoTemp(e: Engine): ComputeTemp {
  let c = e.computes.get('thermo_temp');
  if (!c) {
    c = new ComputeTemp('thermo_temp', 'all', []);
    e.computes.set('thermo_temp', c);
    (c as ComputeTemp).setup(e);
  }
  return c as ComputeTemp;
}
