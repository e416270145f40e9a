import { zeroAngular } from '../group-momentum.js';
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { isInteger } from '../input/args.js';

/**
 * `fix ID group momentum N [linear xflag yflag zflag] [angular] [rescale]`: every N steps remove
 * the group's linear momentum (per flagged direction) and/or angular momentum, optionally
 * rescaling to keep the kinetic energy (LAMMPS fix_momentum.cpp).
 */
export class FixMomentum implements Fix<Engine> {
  style = 'momentum';
  private every: number;
  private linear: number[] | null = null;
  private angular = false;
  private rescale = false;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    const n = isInteger(args[0]) ? Number(args[0]) : NaN;
    if (!(n > 0)) throw new ScriptError(`fix momentum: expected N > 0, found '${args[0]}'`);
    this.every = n;
    for (let i = 1; i < args.length; ) {
      const k = args[i];
      if (k === 'linear') {
        this.linear = args.slice(i + 1, i + 4).map((w) => {
          if (w !== '0' && w !== '1') throw new ScriptError(`fix momentum linear: expected 0 or 1, found '${w}'`);
          return Number(w);
        });
        i += 4;
      } else if (k === 'angular') {
        this.angular = true;
        i++;
      } else if (k === 'rescale') {
        this.rescale = true;
        i++;
      } else throw new ScriptError(`fix momentum: keyword '${k}' is not understood`);
    }
    if (!this.linear && !this.angular) throw new ScriptError('fix momentum: needs linear and/or angular');
  }
  endOfStep(e: Engine): void {
    if (e.ntimestep % this.every !== 0) return;
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const keOld = this.rescale ? e.kineticSum(bit) : 0;
    if (this.linear) {
      let mt = 0;
      const p = [0, 0, 0];
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        const m = s.mass[s.type[i]];
        for (let d = 0; d < 3; d++) p[d] += s.v[3 * i + d] * m;
        mt += m;
      }
      if (mt === 0) return;
      const vcm = p.map((v) => v / mt);
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        for (let d = 0; d < 3; d++) if (this.linear[d]) s.v[3 * i + d] -= vcm[d];
      }
    }
    if (this.angular) zeroAngular(e, bit);
    if (this.rescale) {
      const keNew = e.kineticSum(bit);
      const factor = keNew > 0 ? Math.sqrt(keOld / keNew) : 1;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        s.v[3 * i] *= factor;
        s.v[3 * i + 1] *= factor;
        s.v[3 * i + 2] *= factor;
      }
    }
  }
}
