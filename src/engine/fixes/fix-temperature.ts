/**
 * The temperature compute a thermostat fix uses, as LAMMPS's thermostats hold it (fix_temp_rescale.cpp,
 * fix_nh.cpp, fix_temp_berendsen.cpp): the fix creates compute `ID_temp` of its own group (style temp,
 * or temp/deform for nvt/sllod) and uses it until `fix_modify ID temp TEMP-ID` names another, which
 * deletes the one it created; a compute with a velocity bias (temp/partial, temp/region, temp/ramp,
 * temp/deform) then makes the fix act on thermal velocities only.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { findTempCompute } from '../computes/lookup.js';
import { COMPUTE_STYLES } from '../computes/index.js';
import type { TempCompute } from '../computes/temp-base.js';

export class FixTemperature {
  id: string;
  private created: boolean;
  constructor(
    private readonly fixId: string,
    private readonly fixGroup: string,
    e: Engine,
    style = 'temp',
    group = fixGroup,
  ) {
    this.id = `${fixId}_temp`;
    if (e.computes.has(this.id)) throw new ScriptError(`fix ${fixId}: compute ID '${this.id}' (the fix's temperature) is already in use`);
    const make = COMPUTE_STYLES.get(style)!;
    e.computes.set(this.id, make(this.id, group, [], e));
    this.created = true;
  }

  /** The current temperature compute. */
  get(e: Engine): TempCompute {
    return findTempCompute(e, this.id, `fix ${this.fixId}`);
  }

  /** `fix_modify ID temp TEMP-ID` (the Fix::modify_param of thermostats); returns words used. */
  modify(e: Engine, args: string[]): number {
    if (args[0] !== 'temp') return 0;
    const id = args[1];
    if (id === undefined) throw new ScriptError('fix_modify temp: expected a compute ID');
    const c = findTempCompute(e, id, 'fix_modify temp');
    if (this.created) {
      e.computes.delete(this.id);
      this.created = false;
    }
    this.id = id;
    if (c.group !== this.fixGroup) e.warn('Group for fix_modify temp != fix group');
    return 2;
  }

  destroy(e: Engine): void {
    if (this.created) e.computes.delete(this.id);
    this.created = false;
  }
}
