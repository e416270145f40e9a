/**
 * `fix ID group indent K sphere|cylinder|plane ... [side in|out] [units lattice|box]`: a repulsive
 * indenter (LAMMPS fix_indent.cpp, doc fix_indent.html). An atom at distance r from the indenter
 * surface of radius R feels F(r) = -K (r - R)^2 where r < R (side out; side in: R - r < 0),
 * E = K/3 (R - r)^3. The centre / axis / plane position may be v_name equal-style variables
 * (evaluated at every force call, in box units); numbers are scaled by the lattice spacings with
 * units lattice (the default; the radius by xlattice). The sphere centre and cylinder axis are
 * mapped into the periodic box and distances taken by minimum image.
 * f_ID = indenter energy, f_ID[1..3] = force on the indenter (extensive). With `fix_modify ID
 * energy yes` the energy is part of the potential energy (thermo pe, minimization).
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { numeric } from '../input/args.js';
import { minimumImage, remapPoint } from '../space/box.js';
import type { Fix } from './fix.js';

type Value = number | string; // a number, or the name of an equal-style variable

export class FixIndent implements Fix<Engine> {
  style = 'indent';
  private k: number;
  private k3: number;
  private shape: 'sphere' | 'cylinder' | 'plane' = 'sphere';
  private cdim = 2;
  private planeside = 1;
  private ctr: Value[] = [0, 0, 0];
  private radius: Value = 0;
  private plane: Value = 0;
  private outside = true;
  /** 0 = energy, 1..3 = force on the indenter. */
  private indenter = [0, 0, 0, 0];
  /** fix_modify energy yes: the energy is part of pe. */
  thermoEnergy = false;
  private d = new Float64Array(3);

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
  ) {
    if (args.length < 1) throw new ScriptError('fix indent: expected K and a geometry (sphere, cylinder, plane)');
    this.k = numeric(args[0], 'fix indent K');
    this.k3 = this.k / 3.0;
    const val = (w: string | undefined, what: string): Value => {
      if (w === undefined) throw new ScriptError(`fix indent: expected ${what}`);
      return w.startsWith('v_') ? w.slice(2) : numeric(w, `fix indent ${what}`);
    };
    let scale = true;
    let shape: string | null = null;
    for (let i = 1; i < args.length; ) {
      const w = args[i];
      if (w === 'sphere') {
        this.ctr = [val(args[i + 1], 'sphere x'), val(args[i + 2], 'sphere y'), val(args[i + 3], 'sphere z')];
        this.radius = val(args[i + 4], 'sphere R');
        shape = 'sphere';
        i += 5;
      } else if (w === 'cylinder') {
        const dim = 'xyz'.indexOf(args[i + 1] ?? '?');
        if (dim < 0 || (args[i + 1] ?? '').length !== 1) throw new ScriptError(`fix indent cylinder: expected x, y or z, found '${args[i + 1] ?? '(nothing)'}'`);
        this.cdim = dim;
        const [a, b] = [0, 1, 2].filter((k) => k !== dim);
        this.ctr = [0, 0, 0];
        this.ctr[a] = val(args[i + 2], `cylinder ${'xyz'[a]}`);
        this.ctr[b] = val(args[i + 3], `cylinder ${'xyz'[b]}`);
        this.radius = val(args[i + 4], 'cylinder R');
        shape = 'cylinder';
        i += 5;
      } else if (w === 'plane') {
        const dim = ['x', 'y', 'z'].indexOf(args[i + 1] ?? '?');
        if (dim < 0) throw new ScriptError(`fix indent plane: expected x, y or z, found '${args[i + 1] ?? '(nothing)'}'`);
        this.cdim = dim;
        this.plane = val(args[i + 2], 'plane position');
        const side = args[i + 3];
        if (side === 'lo') this.planeside = -1;
        else if (side === 'hi') this.planeside = 1;
        else throw new ScriptError(`fix indent plane: expected lo or hi, found '${side ?? '(nothing)'}'`);
        shape = 'plane';
        i += 4;
      } else if (w === 'units') {
        if (args[i + 1] === 'box') scale = false;
        else if (args[i + 1] === 'lattice') scale = true;
        else throw new ScriptError(`fix indent units: expected box or lattice, found '${args[i + 1] ?? '(nothing)'}'`);
        i += 2;
      } else if (w === 'side') {
        if (args[i + 1] === 'in') this.outside = false;
        else if (args[i + 1] === 'out') this.outside = true;
        else throw new ScriptError(`fix indent side: expected in or out, found '${args[i + 1] ?? '(nothing)'}'`);
        i += 2;
      } else throw new ScriptError(`fix indent: keyword '${w}' is not understood (sphere, cylinder, plane, units, side)`);
    }
    if (shape === null) throw new ScriptError('fix indent: expected a geometry (sphere, cylinder or plane)');
    this.shape = shape as 'sphere' | 'cylinder' | 'plane';
    if (scale) {
      // LAMMPS's default lattice is 'none 1.0': spacings 1
      const L = e.lattice;
      const sc = L ? [L.xlattice, L.ylattice, L.zlattice] : [1, 1, 1];
      const mul = (v: Value, s: number): Value => (typeof v === 'number' ? v * s : v);
      if (this.shape === 'plane') this.plane = mul(this.plane, sc[this.cdim]);
      else {
        this.ctr = this.ctr.map((v, d) => mul(v, sc[d]));
        this.radius = mul(this.radius, sc[0]);
      }
    }
  }

  private value(e: Engine, v: Value): number {
    return typeof v === 'number' ? v : e.vars.equal(v);
  }

  /** fix_modify ID energy yes|no (LAMMPS Fix::modify_params, energy_global_flag). */
  modifyParam(_e: Engine, args: string[]): number {
    if (args[0] !== 'energy') return 0;
    if (args[1] === 'yes') this.thermoEnergy = true;
    else if (args[1] === 'no') this.thermoEnergy = false;
    else throw new ScriptError(`fix_modify ${this.id} energy: expected yes or no, found '${args[1] ?? '(nothing)'}'`);
    return 2;
  }

  /** Energy added to the potential energy (fix_modify energy yes). */
  energyGlobal(): number {
    return this.thermoEnergy ? this.indenter[0] : 0;
  }

  setup(e: Engine): void {
    this.postForce(e);
  }

  minPostForce(e: Engine): void {
    this.postForce(e);
  }

  postForce(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const ind = this.indenter;
    ind[0] = ind[1] = ind[2] = ind[3] = 0;
    const x = s.x, f = s.f, k = this.k, k3 = this.k3;
    if (this.shape === 'plane') {
      const plane = this.value(e, this.plane);
      const cd = this.cdim, ps = this.planeside;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        const dr = ps * (plane - x[3 * i + cd]);
        if (dr >= 0.0) continue;
        const fatom = -ps * k * dr * dr;
        f[3 * i + cd] += fatom;
        ind[0] -= k3 * dr * dr * dr;
        ind[cd + 1] -= fatom;
      }
      return;
    }
    const c = [0, 1, 2].map((d) => (this.shape === 'cylinder' && d === this.cdim ? s.box.lo[d] : this.value(e, this.ctr[d])));
    remapPoint(s.box, c);
    const radius = this.value(e, this.radius);
    const cyl = this.shape === 'cylinder';
    const d = this.d;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      d[0] = x[3 * i] - c[0];
      d[1] = x[3 * i + 1] - c[1];
      d[2] = x[3 * i + 2] - c[2];
      if (cyl) d[this.cdim] = 0;
      minimumImage(s.box, d);
      const r = Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
      let dr: number, fmag: number;
      if (this.outside) {
        dr = r - radius;
        fmag = k * dr * dr;
      } else {
        dr = radius - r;
        fmag = -k * dr * dr;
      }
      if (dr >= 0.0) continue;
      const fx = (d[0] * fmag) / r, fy = (d[1] * fmag) / r, fz = (d[2] * fmag) / r;
      f[3 * i] += fx;
      f[3 * i + 1] += fy;
      f[3 * i + 2] += fz;
      ind[0] -= k3 * dr * dr * dr;
      ind[1] -= fx;
      ind[2] -= fy;
      ind[3] -= fz;
    }
  }

  scalar(): number {
    return this.indenter[0];
  }

  vector(_e: Engine, i: number): number {
    if (i < 1 || i > 3) throw new ScriptError(`fix ${this.id} (indent): index [${i}] out of range 1..3`);
    return this.indenter[i];
  }
}
