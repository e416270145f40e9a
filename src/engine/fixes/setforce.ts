import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { isNumeric } from '../input/args.js';

/**
 * `fix ID group setforce fx fy fz` (each a value or NULL): forces on the group's atoms are set,
 * after the force computation, in MD and in minimization; f_ID[1..3] = the total force before.
 */
export class FixSetForce implements Fix<Engine> {
  style = 'setforce';
  private value: (number | null)[];
  private foriginal = [0, 0, 0];
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    if (args.length !== 3) throw new ScriptError('fix setforce: expected fx fy fz (numbers or NULL)');
    this.value = args.map((w) => {
      if (w === 'NULL') return null;
      if (w.startsWith('v_')) throw new ScriptError('fix setforce: variables are not supported by lmpv');
      if (!isNumeric(w)) throw new ScriptError(`fix setforce: expected a number or NULL, found '${w}'`);
      return Number(w);
    });
  }
  setup(e: Engine): void {
    this.postForce(e);
  }
  postForce(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    this.foriginal = [0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      for (let d = 0; d < 3; d++) {
        this.foriginal[d] += s.f[3 * i + d];
        const v = this.value[d];
        if (v !== null) s.f[3 * i + d] = v;
      }
    }
  }
  minPostForce(e: Engine): void {
    this.postForce(e);
  }
  vector(_e: Engine, i: number): number {
    if (i < 1 || i > 3) throw new ScriptError(`fix ${this.id} (setforce): index [${i}] out of range 1..3`);
    return this.foriginal[i - 1];
  }
}
