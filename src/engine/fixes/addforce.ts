/**
 * `fix ID group addforce fx fy fz [every N] [region R]`: a constant force added to each atom of the
 * group (inside region R, if given) after the force computation, every N steps, in MD and in
 * minimization (LAMMPS fix_addforce.cpp, constant-force branch). As LAMMPS:
 * - f_ID = the "potential energy" of the added force, -sum (fx x + fy y + fz z) over the atoms it
 *   acted on, in unwrapped coordinates (Domain::unmap);
 * - f_ID[1..3] = the group's total force before the addition;
 * both extensive, both from the last step the force was added (every N keeps the last values).
 * Variable forces (v_name) and the energy keyword are not supported by lmpv; LAMMPS takes no NULL.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { inumeric, numeric } from '../input/args.js';
import type { Region } from '../regions/region.js';
import type { Fix } from './fix.js';

export class FixAddForce implements Fix<Engine> {
  style = 'addforce';
  private value: [number, number, number];
  private every = 1;
  private regionId: string | null = null;
  private region: Region | null = null;
  /** [energy, fx, fy, fz] before the addition (LAMMPS foriginal). */
  private foriginal = [0, 0, 0, 0];
  private u = new Float64Array(3);

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
  ) {
    if (args.length < 3) throw new ScriptError('fix addforce: expected fx fy fz');
    this.value = [0, 1, 2].map((d) => {
      const w = args[d];
      if (w.startsWith('v_')) throw new ScriptError('fix addforce: variable forces are not supported by lmpv');
      return numeric(w, `fix addforce ${'xyz'[d]} force`);
    }) as [number, number, number];
    for (let i = 3; i < args.length; i += 2) {
      const k = args[i];
      if (args[i + 1] === undefined) throw new ScriptError(`fix addforce: keyword '${k}' needs a value`);
      if (k === 'every') {
        this.every = inumeric(args[i + 1], 'fix addforce every');
        if (this.every <= 0) throw new ScriptError('fix addforce every: N must be > 0');
      } else if (k === 'region') {
        this.regionId = args[i + 1];
        this.region = this.findRegion(e);
      } else if (k === 'energy') throw new ScriptError('fix addforce energy (a variable) is not supported by lmpv');
      else throw new ScriptError(`fix addforce: keyword '${k}' is not understood (every, region)`);
    }
  }

  private findRegion(e: Engine): Region | null {
    if (this.regionId === null) return null;
    const r = e.regions.get(this.regionId);
    if (!r) throw new ScriptError(`region ID '${this.regionId}' for fix addforce does not exist`);
    return r;
  }

  setup(e: Engine): void {
    this.region = this.findRegion(e);
    this.postForce(e);
  }

  postForce(e: Engine): void {
    if (e.ntimestep % this.every) return;
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const [fx, fy, fz] = this.value;
    const o = this.foriginal;
    const u = this.u;
    o[0] = o[1] = o[2] = o[3] = 0;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const k = 3 * i;
      if (this.region && !this.region.match(s.x[k], s.x[k + 1], s.x[k + 2])) continue;
      e.unwrapped(i, u);
      o[0] -= fx * u[0] + fy * u[1] + fz * u[2];
      o[1] += s.f[k];
      o[2] += s.f[k + 1];
      o[3] += s.f[k + 2];
      s.f[k] += fx;
      s.f[k + 1] += fy;
      s.f[k + 2] += fz;
    }
  }

  minPostForce(e: Engine): void {
    this.postForce(e);
  }

  scalar(): number {
    return this.foriginal[0];
  }

  vector(_e: Engine, i: number): number {
    if (i < 1 || i > 3) throw new ScriptError(`fix ${this.id} (addforce): index [${i}] out of range 1..3`);
    return this.foriginal[i];
  }
}
