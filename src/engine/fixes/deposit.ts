/**
 * `fix ID group deposit N type M seed keyword values ...` (LAMMPS fix_deposit.cpp, doc
 * fix_deposit.html), single atoms: every M steps one atom of `type` is inserted at a random point
 * of the region (uniform over its extent, or `gaussian xmid ymid zmid sigma`), until N are in.
 * Keywords: region (required), id max|next, global lo hi, local lo hi delta, near R, attempt Q,
 * rate V, vx/vy/vz lo hi, target tx ty tz, units lattice|box (default lattice: lo, hi, rate,
 * near, delta and velocities scaled by the lattice spacings as LAMMPS does). Molecules (mol,
 * molfrac, rigid, shake, orient) are not supported by lmpv.
 *
 * The random stream is LAMMPS's: one RanPark(seed), warmed up by 30 draws, drawn in LAMMPS's order
 * (position x, y, z until the region matches; the global/local height; the velocity vx, vy, vz),
 * so the same atoms land in the same places with the same velocities. Insertions happen in
 * pre_exchange of the step they are due on, which forces a neighbour-list rebuild on that step
 * (Fix::next_reneighbor, Neighbor::decide); the new atom gets id max+1, mask all | group.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { inumeric, numeric, typeArg } from '../input/args.js';
import { RanPark } from '../random.js';
import type { Region } from '../regions/region.js';
import { minimumImage } from '../space/box.js';
import type { Fix } from './fix.js';

export class FixDeposit implements Fix<Engine> {
  style = 'deposit';
  private ninsert: number;
  private ntype: number;
  private nfreq: number;
  private regionId = '';
  private region!: Region;
  private idnext = false;
  private globalflag = false;
  private localflag = false;
  private lo = 0;
  private hi = 0;
  private deltasq = 0;
  private nearsq = 0;
  private maxattempt = 10;
  private rateflag = false;
  private rate = 0;
  private v = [0, 0, 0, 0, 0, 0]; // vxlo vxhi vylo vyhi vzlo vzhi
  private gaussian: number[] | null = null; // xmid ymid zmid sigma
  private target: number[] | null = null;
  private random: RanPark;
  private ext: number[]; // region extent xlo xhi ylo yhi zlo zhi
  /** Step of the next insertion (-1: done): LAMMPS Fix::next_reneighbor. */
  nextReneighbor: number;
  private nfirst: number;
  private ninserted = 0;
  private maxtag = 0;
  private d = new Float64Array(3);

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
  ) {
    if (args.length < 4) throw new ScriptError('fix deposit: expected N type M seed keyword values ...');
    this.ninsert = inumeric(args[0], 'fix deposit N');
    this.ntype = typeArg(args[1], e.sys.typeLabels, e.sys.ntypes, 'fix deposit type');
    this.nfreq = inumeric(args[2], 'fix deposit M');
    const seed = inumeric(args[3], 'fix deposit seed');
    if (seed <= 0) throw new ScriptError('fix deposit: seed must be > 0');
    if (this.nfreq <= 0) throw new ScriptError('fix deposit: M must be > 0');
    let scale = true;
    const need = (i: number, n: number, k: string) => {
      if (args[i + n] === undefined) throw new ScriptError(`fix deposit ${k}: expected ${n} value(s)`);
    };
    for (let i = 4; i < args.length; ) {
      const k = args[i];
      const num = (j: number) => numeric(args[i + j], `fix deposit ${k}`);
      if (k === 'region') {
        need(i, 1, k);
        this.regionId = args[i + 1];
        if (!e.regions.get(this.regionId)) throw new ScriptError(`region ID '${this.regionId}' for fix deposit does not exist`);
        i += 2;
      } else if (k === 'id') {
        need(i, 1, k);
        if (args[i + 1] === 'max') this.idnext = false;
        else if (args[i + 1] === 'next') this.idnext = true;
        else throw new ScriptError(`fix deposit id: expected max or next, found '${args[i + 1]}'`);
        i += 2;
      } else if (k === 'global') {
        need(i, 2, k);
        this.globalflag = true; this.localflag = false;
        this.lo = num(1); this.hi = num(2);
        i += 3;
      } else if (k === 'local') {
        need(i, 3, k);
        this.localflag = true; this.globalflag = false;
        this.lo = num(1); this.hi = num(2);
        this.deltasq = num(3) * num(3);
        i += 4;
      } else if (k === 'near') {
        need(i, 1, k);
        this.nearsq = num(1) * num(1);
        i += 2;
      } else if (k === 'attempt') {
        need(i, 1, k);
        this.maxattempt = inumeric(args[i + 1], 'fix deposit attempt');
        i += 2;
      } else if (k === 'rate') {
        need(i, 1, k);
        this.rateflag = true;
        this.rate = num(1);
        i += 2;
      } else if (k === 'vx' || k === 'vy' || k === 'vz') {
        need(i, 2, k);
        const d = k === 'vx' ? 0 : k === 'vy' ? 1 : 2;
        this.v[2 * d] = num(1); this.v[2 * d + 1] = num(2);
        i += 3;
      } else if (k === 'units') {
        need(i, 1, k);
        if (args[i + 1] === 'box') scale = false;
        else if (args[i + 1] === 'lattice') scale = true;
        else throw new ScriptError(`fix deposit units: expected box or lattice, found '${args[i + 1]}'`);
        i += 2;
      } else if (k === 'gaussian') {
        need(i, 4, k);
        this.gaussian = [num(1), num(2), num(3), num(4)];
        i += 5;
      } else if (k === 'target') {
        need(i, 3, k);
        this.target = [num(1), num(2), num(3)];
        i += 4;
      } else if (k === 'mol' || k === 'molfrac' || k === 'rigid' || k === 'shake' || k === 'orient') {
        throw new ScriptError(`fix deposit ${k}: molecule deposition is not supported by lmpv (single atoms only)`);
      } else throw new ScriptError(`fix deposit: keyword '${k}' is not understood (region, id, global, local, near, attempt, rate, vx, vy, vz, units, gaussian, target)`);
    }
    if (!this.regionId) throw new ScriptError('fix deposit: the region keyword is required');
    const s = e.sys;
    if (this.ntype <= 0 || this.ntype > s.ntypes) throw new ScriptError(`fix deposit: invalid atom type ${this.ntype} (1..${s.ntypes})`);
    this.region = e.regions.get(this.regionId)!;
    const r = this.region;
    if (!r.interior || r.lo.some((v) => !(Math.abs(v) < 1e299)) || r.hi.some((v) => !(Math.abs(v) < 1e299))) {
      throw new ScriptError('fix deposit region does not support a bounding box');
    }
    this.ext = [r.lo[0], r.hi[0], r.lo[1], r.hi[1], r.lo[2], r.hi[2]];
    const b = s.box;
    if (!s.box.triclinic && (this.ext[0] < b.lo[0] || this.ext[1] > b.hi[0] || this.ext[2] < b.lo[1] || this.ext[3] > b.hi[1] || this.ext[4] < b.lo[2] || this.ext[5] > b.hi[2])) {
      throw new ScriptError('deposition region extends outside simulation box');
    }
    const L = e.lattice;
    const [xs, ys, zs] = scale && L ? [L.xlattice, L.ylattice, L.zlattice] : [1, 1, 1];
    const vert = s.dimension === 2 ? ys : zs;
    this.lo *= vert;
    this.hi *= vert;
    this.rate *= vert;
    this.deltasq *= xs * xs;
    this.nearsq *= xs * xs;
    this.v[0] *= xs; this.v[1] *= xs;
    this.v[2] *= ys; this.v[3] *= ys;
    this.v[4] *= zs; this.v[5] *= zs;
    if (this.gaussian) {
      this.gaussian[0] *= xs; this.gaussian[1] *= ys; this.gaussian[2] *= zs;
      this.gaussian[3] *= xs; // as region sphere
    }
    if (this.target) {
      this.target[0] *= xs; this.target[1] *= ys; this.target[2] *= zs;
    }
    if (this.idnext) this.maxtag = s.maxTag();
    this.random = new RanPark(seed);
    for (let k = 0; k < 30; k++) this.random.uniform();
    this.nextReneighbor = e.ntimestep + 1;
    this.nfirst = this.nextReneighbor - this.nfreq;
  }

  setup(e: Engine): void {
    const r = e.regions.get(this.regionId);
    if (!r) throw new ScriptError(`region ID '${this.regionId}' for fix deposit does not exist`);
    this.region = r;
  }

  /** LAMMPS FixDeposit::setup_pre_exchange: the next insertion step on the nfirst + k*M grid. */
  setupPreExchange(e: Engine): void {
    if (this.ninserted < this.ninsert) this.nextReneighbor = this.nfirst + Math.trunc((e.ntimestep - this.nfirst) / this.nfreq) * this.nfreq + this.nfreq;
    else this.nextReneighbor = -1;
  }

  /** LAMMPS FixDeposit::pre_exchange: try up to `attempt` times to insert one atom. */
  preExchange(e: Engine): void {
    if (this.nextReneighbor !== e.ntimestep) return;
    const s = e.sys;
    const rnd = this.random;
    const [xlo, xhi, ylo, yhi, zlo, zhi] = this.ext;
    const offset = this.rateflag ? (e.ntimestep - this.nfirst) * e.dt * this.rate : 0.0;
    if (!this.idnext) this.maxtag = s.maxTag();
    const dim3 = s.dimension === 3;
    const c = [0, 0, 0];
    const d = this.d;
    let success = false;
    for (let attempt = 0; attempt < this.maxattempt; attempt++) {
      do {
        if (this.gaussian) {
          const [mx, my, mz, sg] = this.gaussian;
          c[0] = mx + rnd.gaussian() * sg;
          c[1] = my + rnd.gaussian() * sg;
          c[2] = mz + rnd.gaussian() * sg;
        } else {
          c[0] = xlo + rnd.uniform() * (xhi - xlo);
          c[1] = ylo + rnd.uniform() * (yhi - ylo);
          c[2] = zlo + rnd.uniform() * (zhi - zlo);
        }
      } while (!this.region.match(c[0], c[1], c[2]));
      if (dim3) c[2] += offset;
      else c[1] += offset;
      if (this.globalflag || this.localflag) {
        const vd = dim3 ? 2 : 1;
        let max = s.box.lo[vd];
        for (let i = 0; i < s.nlocal; i++) {
          if (this.localflag) {
            d[0] = c[0] - s.x[3 * i];
            d[1] = c[1] - s.x[3 * i + 1];
            d[2] = 0.0;
            minimumImage(s.box, d);
            const rsq = dim3 ? d[0] * d[0] + d[1] * d[1] : d[0] * d[0];
            if (rsq > this.deltasq) continue;
          }
          if (s.x[3 * i + vd] > max) max = s.x[3 * i + vd];
        }
        c[vd] = max + this.lo + rnd.uniform() * (this.hi - this.lo);
      }
      let near = false;
      for (let i = 0; i < s.nlocal; i++) {
        d[0] = c[0] - s.x[3 * i];
        d[1] = c[1] - s.x[3 * i + 1];
        d[2] = c[2] - s.x[3 * i + 2];
        minimumImage(s.box, d);
        if (d[0] * d[0] + d[1] * d[1] + d[2] * d[2] < this.nearsq) near = true;
      }
      if (near) continue;
      const vn = [
        this.v[0] + rnd.uniform() * (this.v[1] - this.v[0]),
        this.v[2] + rnd.uniform() * (this.v[3] - this.v[2]),
        this.v[4] + rnd.uniform() * (this.v[5] - this.v[4]),
      ];
      if (this.target) {
        const vel = Math.sqrt(vn[0] * vn[0] + vn[1] * vn[1] + vn[2] * vn[2]);
        const dx = this.target[0] - c[0], dy = this.target[1] - c[1], dz = this.target[2] - c[2];
        const rsq = dx * dx + dy * dy + dz * dz;
        if (rsq > 0.0) {
          const rinv = Math.sqrt(1.0 / rsq);
          vn[0] = dx * rinv * vel;
          vn[1] = dy * rinv * vel;
          vn[2] = dz * rinv * vel;
        }
      }
      // inside the box, or above it along the vertical (the topmost process keeps it)
      if (this.insideOrAbove(e, c)) {
        const n = s.addAtom(this.ntype, c[0], c[1], c[2], this.maxtag + 1);
        s.mask[n] = 1 | e.groupBit(this.group);
        s.v[3 * n] = vn[0];
        s.v[3 * n + 1] = vn[1];
        s.v[3 * n + 2] = vn[2];
      }
      success = true;
      break;
    }
    if (!success) e.warn('Particle deposition was unsuccessful');
    if (success) {
      e.natomsOriginal += 1;
      this.maxtag += 1;
      this.ninserted++;
    }
    if (this.ninserted < this.ninsert) this.nextReneighbor += this.nfreq;
    else this.nextReneighbor = -1;
  }

  private insideOrAbove(e: Engine, c: number[]): boolean {
    const s = e.sys, b = s.box;
    let p = c;
    let lo: ArrayLike<number> = b.lo, hi: ArrayLike<number> = b.hi;
    if (b.triclinic) {
      p = Array.from(s.x2lamda(c[0], c[1], c[2], new Float64Array(3)));
      lo = [0, 0, 0];
      hi = [1, 1, 1];
    }
    const inDim = (k: number) => p[k] >= lo[k] && p[k] < hi[k];
    if (inDim(0) && inDim(1) && inDim(2)) return true;
    if (s.dimension === 3) return p[2] >= b.hi[2] && inDim(0) && inDim(1);
    return p[1] >= b.hi[1] && inDim(0);
  }
}
