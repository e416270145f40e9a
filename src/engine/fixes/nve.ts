import * as nve from '../integrators/velocity-verlet.js';
import type { Engine } from '../engine.js';
import type { Fix } from './fix.js';

/** `fix ID group nve`: velocity Verlet on the group (LAMMPS fix_nve.cpp). */
export class FixNVE implements Fix<Engine> {
  style = 'nve';
  constructor(
    readonly id: string,
    readonly group: string,
  ) {}
  initialIntegrate(e: Engine): void {
    const s = e.sys;
    nve.initialIntegrate({ n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask }, e.groupBit(this.group), e.dt, s.units.ftm2v);
  }
  finalIntegrate(e: Engine): void {
    const s = e.sys;
    nve.finalIntegrate({ n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask }, e.groupBit(this.group), e.dt, s.units.ftm2v);
  }
}
