/**
 * `fix ID group aveforce fx fy fz [region R]` (LAMMPS fix_aveforce.cpp): after the force
 * computation, every atom of the group (inside region R, if given) gets the group's average force
 * plus (fx, fy, fz) in each component that is not NULL; a NULL component is left as it is.
 * Components may be v_name equal-style variables. In MD and minimization. f_ID[1..3] = the
 * group's total force before the change (extensive).
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { numeric } from '../input/args.js';
import type { Region } from '../regions/region.js';
import type { Fix } from './fix.js';

type Component = null | number | string; // NULL, a constant, or an equal-style variable name

export class FixAveForce implements Fix<Engine> {
  style = 'aveforce';
  private value: Component[];
  private regionId: string | null = null;
  private region: Region | null = null;
  private foriginal = [0, 0, 0, 0];

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
  ) {
    if (args.length < 3) throw new ScriptError('fix aveforce: expected fx fy fz (numbers, v_name or NULL)');
    this.value = [0, 1, 2].map((d): Component => {
      const w = args[d];
      if (w === 'NULL') return null;
      if (w.startsWith('v_')) return w.slice(2);
      return numeric(w, `fix aveforce ${'xyz'[d]} force`);
    });
    for (let i = 3; i < args.length; i += 2) {
      if (args[i] !== 'region') throw new ScriptError(`fix aveforce: keyword '${args[i]}' is not understood (region)`);
      if (args[i + 1] === undefined) throw new ScriptError('fix aveforce region: expected a region ID');
      this.regionId = args[i + 1];
      this.region = this.findRegion(e);
    }
  }

  private findRegion(e: Engine): Region | null {
    if (this.regionId === null) return null;
    const r = e.regions.get(this.regionId);
    if (!r) throw new ScriptError(`region ID '${this.regionId}' for fix aveforce does not exist`);
    return r;
  }

  setup(e: Engine): void {
    this.region = this.findRegion(e);
    this.postForce(e);
  }

  minPostForce(e: Engine): void {
    this.postForce(e);
  }

  postForce(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const x = s.x, f = s.f, region = this.region;
    const o = this.foriginal;
    o[0] = o[1] = o[2] = o[3] = 0;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      if (region && !region.match(x[3 * i], x[3 * i + 1], x[3 * i + 2])) continue;
      o[0] += f[3 * i];
      o[1] += f[3 * i + 1];
      o[2] += f[3 * i + 2];
      o[3] += 1.0;
    }
    const n = Math.trunc(o[3]);
    if (n === 0) return;
    const add = this.value.map((v) => (v === null ? 0 : typeof v === 'number' ? v : e.vars.equal(v)));
    const fave = [o[0] / n + add[0], o[1] / n + add[1], o[2] / n + add[2]];
    const on = this.value.map((v) => v !== null);
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      if (region && !region.match(x[3 * i], x[3 * i + 1], x[3 * i + 2])) continue;
      if (on[0]) f[3 * i] = fave[0];
      if (on[1]) f[3 * i + 1] = fave[1];
      if (on[2]) f[3 * i + 2] = fave[2];
    }
  }

  vector(_e: Engine, i: number): number {
    if (i < 1 || i > 3) throw new ScriptError(`fix ${this.id} (aveforce): index [${i}] out of range 1..3`);
    return this.foriginal[i - 1];
  }
}
