import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';

/** `fix ID group enforce2d`: zero the z components of force and velocity (LAMMPS fix_enforce2d.cpp). */
export class FixEnforce2d implements Fix<Engine> {
  style = 'enforce2d';
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    if (args.length) throw new ScriptError(`fix enforce2d: unexpected argument '${args[0]}'`);
  }
  setup(e: Engine): void {
    if (e.sys.dimension !== 2) throw new ScriptError('cannot use fix enforce2d with 3d simulation');
    this.postForce(e);
  }
  postForce(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      s.v[3 * i + 2] = 0;
      s.f[3 * i + 2] = 0;
    }
  }
  minPostForce(e: Engine): void {
    this.postForce(e);
  }
}
