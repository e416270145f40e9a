/**
 * The engine: state + forces + run loop, LAMMPS's Verlet order per step:
 * thermostat/initial integrate -> reneighbour (wrap, ghosts, lists) or refresh ghosts ->
 * forces (ghost forces folded onto owners, virial by fdotr) -> final integrate/thermostat ->
 * thermo and dump output. Computes: temp, pressure, pe, ke, pe/atom, ke/atom.
 */
import { performance } from 'node:perf_hooks';
import { closeSync, openSync, writeSync } from 'node:fs';
import { System } from './system.js';
import { Lattice } from './lattice.js';
import { GhostAtoms, buildGhosts, updateGhosts, foldGhostForces, foldGhostScalar } from './space/ghosts.js';
import { pbc, unmap, type SimBox } from './space/box.js';
import { NeighborListBuffer, buildNeighborList, bruteForceNeighborList } from './neighbor/neighbor-list.js';
import { NeighborRebuildPolicy } from './neighbor/rebuild-policy.js';
import { FixQeqReaxff } from './fixes/qeq-reaxff.js';
import { FixQeqShielded } from './fixes/qeq-shielded.js';
import { FixReaxffBonds } from './fixes/reaxff-bonds.js';
import { FixReaxffSpecies } from './fixes/reaxff-species.js';
import type { ForceAccumulator, PairStyle } from './potentials/types.js';
import * as nve from './integrators/velocity-verlet.js';
import * as nh from './integrators/nose-hoover.js';
import { ThermoSettings, isThermoKeyword } from './thermo.js';
import type { Dump } from './output/dump.js';
import { compileFormat } from '../io/text/printf.js';
import { fixedCna } from '../verify/structure/cna.js';
import { clusterAtoms } from '../verify/structure/cluster.js';
import type { Cell } from '../verify/structure/neighbors.js';
import { RanMars } from './random.js';

/** `N`, `*`, `N*`, `*M`, `N*M` type range. */
function typeRange(w: string | undefined, n: number): [number, number] {
  if (w === undefined) throw new ScriptError('compute rdf: type pairs come in twos (itype jtype)');
  const m = /^(\d*)\*(\d*)$/.exec(w);
  if (m) return [m[1] === '' ? 1 : Number(m[1]), m[2] === '' ? n : Number(m[2])];
  if (/^\d+$/.test(w) && Number(w) >= 1 && Number(w) <= n) return [Number(w), Number(w)];
  throw new ScriptError(`compute rdf: invalid atom type '${w}'`);
}

/** Thermo keywords that need forces/energies of the current configuration. */
const NEEDS_FORCES = new Set(['pe', 'epair', 'evdwl', 'ecoul', 'etotal', 'enthalpy', 'press', 'pxx', 'pyy', 'pzz', 'pxy', 'pxz', 'pyz', 'fmax', 'fnorm']);

/** An error in the input script (the interpreter adds file and line). */
export class ScriptError extends Error {}

export interface Region {
  id: string;
  style: 'block' | 'prism' | 'sphere' | 'cylinder';
  lo: number[];
  hi: number[];
  tilt: number[];
  center?: number[];
  radius?: number;
  interior: boolean;
  match(x: number, y: number, z: number): boolean;
}

export interface Fix {
  id: string;
  group: string;
  style: string;
  initialIntegrate?(e: Engine): void;
  finalIntegrate?(e: Engine): void;
  postForce?(e: Engine): void;
  /**
   * After neighbour (re)building or the ghost refresh, before computeForces: in setup (run and
   * minimize), every run step and every minimizer force call (LAMMPS setup_pre_force, pre_force,
   * min_pre_force), e.g. charge equilibration.
   */
  preForce?(e: Engine): void;
  /** After the initial integrate, before neighbour decisions (LAMMPS post_integrate). */
  postIntegrate?(e: Engine): void;
  /** After the final integrate of a step (LAMMPS end_of_step), before output. */
  endOfStep?(e: Engine): void;
  setup?(e: Engine): void;
  scalar?(e: Engine): number;
  /** Global vector element i (1-based), for f_ID[i]. */
  vector?(e: Engine, i: number): number;
  /** During minimization, after forces (LAMMPS min_post_force). */
  minPostForce?(e: Engine): void;
  /** True for fixes that change the box every step (barostats). */
  changesBox?: boolean;
  /** Is the scalar (i = 0) or vector element i extensive (thermo divides it by N with norm yes)? Default yes. */
  extensive?(i: number): boolean;
  /** Close files (unfix, clear, end of script). */
  close?(): void;
  /** Reorder per-atom state after a sort: new atom i is old atom perm[i]. */
  permute?(perm: Int32Array): void;
}

export interface ComputeDef {
  id: string;
  group: string;
  style: string;
  args: string[];
}

export class Engine {
  sys = new System('lj');
  lattice: Lattice | null = null;
  regions = new Map<string, Region>();
  pair: PairStyle | null = null;
  pairStyle = '';
  /** pair_style words given before the box existed (instantiated by create_box / read_data). */
  pendingPairArgs: string[] | null = null;
  pairModify: { shift: boolean; mix: 'geometric' | 'arithmetic' | 'sixthpower' } = { shift: false, mix: 'geometric' };
  skin = 0.3;
  neighOpts: { every: number; delay: number; check: boolean; once: boolean } = { every: 1, delay: 10, check: true, once: false };
  fixes: Fix[] = [];
  computes = new Map<string, ComputeDef>();
  thermo = new ThermoSettings('lj');
  dumps: Dump[] = [];
  dt = 0.005;
  dtSet = false;
  ntimestep = 0;
  firststep = 0;
  laststep = 0;
  beginstep = 0;
  endstep = 0;
  atimestep = 0;
  atime = 0;
  /** Resolve a file name given in the script (set by the interpreter: relative to its folder). */
  resolvePath: (p: string) => string = (p) => p;
  /** Log/screen sink set by the interpreter. */
  out: (text: string) => void = () => {};
  warn: (text: string) => void = () => {};

  // force state
  ghosts = new GhostAtoms(1024);
  list = new NeighborListBuffer();
  policy = new NeighborRebuildPolicy(0.3);
  fbuf = new Float64Array(0);
  eatomBuf = new Float64Array(0);
  lamda = new Float64Array(0);
  energy = 0;
  /** Named energy parts of the last force call (potential-defined, e.g. evdwl, ecoul, ReaxFF terms). */
  parts: Record<string, number> = {};
  evdwl = 0;
  ecoul = 0;
  virial = new Float64Array(6);
  private accVirial = new Float64Array(6);
  eatom = new Float64Array(0);
  forcesValid = false;
  natomsOriginal = 0;
  runStart = 0;

  get boltz(): number {
    return this.sys.units.boltz;
  }

  // ------------------------------------------------------------------ groups

  groupBit(name: string): number {
    const b = this.sys.groupBit(name);
    if (b < 0) throw new ScriptError(`could not find group ID '${name}'`);
    return b;
  }

  groupCount(bit: number): number {
    let n = 0;
    for (let i = 0; i < this.sys.nlocal; i++) if (this.sys.mask[i] & bit) n++;
    return n;
  }

  // ------------------------------------------------------------------ forces

  cutforce(): number {
    return this.pair ? this.pair.cutoff : 0;
  }

  /** Wrap atoms, rebuild ghosts and the neighbour list (LAMMPS reneighbouring). */
  reneighbor(allowSort = true): void {
    const s = this.sys;
    const n = s.nlocal;
    if (this.lamda.length < 3 * n) this.lamda = new Float64Array(3 * Math.max(n, 16));
    this.shrinkWrap();
    pbc(s.box, n, s.x, s.image, s.box.triclinic ? this.lamda : undefined);
    this.checkLost();
    if (allowSort && this.sortFreq > 0 && (this.inSetup || this.ntimestep >= this.nextSort)) this.sortAtoms();
    const cut = this.cutforce() + this.skin;
    // 2d: no periodic images along z (LAMMPS communicates in x and y only)
    const gbox = s.dimension === 2 ? this.box2d() : s.box;
    buildGhosts(this.ghosts, gbox, s.nlocal, s.x, s.type, s.tag, cut, s.atomStyle === 'charge' ? s.q : undefined, s.box.triclinic ? this.lamda : undefined);
    if (this.pair) {
      if (s.dimension === 2) {
        // the binned builder needs a z extent; 2d systems (all z equal) use the brute-force list
        const l = bruteForceNeighborList(this.pair.neighborKind, this.ghosts, cut);
        this.list.full = l.full;
        this.list.inum = l.inum;
        this.list.offsets = l.offsets;
        this.list.neighbors = l.neighbors;
        this.list.cutneigh = l.cutneigh;
      } else buildNeighborList(this.list, this.pair.neighborKind, this.ghosts, cut);
    } else {
      this.list.inum = 0;
    }
    this.policy.built(s.x, s.nlocal);
    if (this.xhold.length < 3 * s.nlocal) this.xhold = new Float64Array(3 * s.nlocal);
    this.xhold.set(s.x.subarray(0, 3 * s.nlocal));
    for (let d = 0; d < 3; d++) {
      this.boxHold[d] = s.box.lo[d];
      this.boxHold[3 + d] = s.box.hi[d];
    }
  }

  /** min_modify dmax [distance]. */
  minDmax = 0.1;

  /** atom_modify sort: frequency (0 = off) and bin size (0 = half the neighbour cutoff). */
  sortFreq = 1000;
  sortBinSize = 0;
  nextSort = 0;
  inSetup = false;
  private sortPerm = new Int32Array(0);

  /**
   * Spatial sort of the owned atoms, as LAMMPS's Atom::sort (default every 1000 steps and at each
   * run's setup): bins of half the neighbour cutoff over the box, atoms ordered by bin, stable
   * within a bin. Reproducing it keeps the local atom order LAMMPS's, which per-atom random
   * streams (fix langevin, velocity loop local) and unsorted dumps depend on.
   */
  sortAtoms(): void {
    const s = this.sys;
    this.nextSort = Math.floor(this.ntimestep / this.sortFreq) * this.sortFreq + this.sortFreq;
    const cutneigh = this.cutforce() > 0 ? this.cutforce() + this.skin : 0;
    const binsize = this.sortBinSize > 0 ? this.sortBinSize : 0.5 * cutneigh;
    if (binsize === 0) {
      this.sortFreq = 0;
      this.warn('No pairwise cutoff or binsize set. Atom sorting therefore disabled.');
      return;
    }
    const b = s.box;
    let lo: number[], hi: number[];
    if (!b.triclinic) {
      lo = [b.lo[0], b.lo[1], b.lo[2]];
      hi = [b.hi[0], b.hi[1], b.hi[2]];
    } else {
      // LAMMPS bins lamda coordinates with the box-coordinate bounding box (Atom::setup_sort_bins + Domain::bbox)
      const xy = b.h[5], xz = b.h[4], yz = b.h[3];
      let xlo = Math.min(b.lo[0], b.lo[0] + xy);
      xlo = Math.min(xlo, xlo + xz);
      let xhi = Math.max(b.hi[0], b.hi[0] + xy);
      xhi = Math.max(xhi, xhi + xz);
      lo = [xlo, Math.min(b.lo[1], b.lo[1] + yz), b.lo[2]];
      hi = [xhi, Math.max(b.hi[1], b.hi[1] + yz), b.hi[2]];
    }
    const bininv = 1.0 / binsize;
    const nb = [0, 1, 2].map((d) => Math.max(1, Math.trunc((hi[d] - lo[d]) * bininv)));
    if (nb[0] * nb[1] * nb[2] === 1) return;
    const inv = [0, 1, 2].map((d) => nb[d] / (hi[d] - lo[d]));
    const n = s.nlocal;
    const c = b.triclinic ? this.lamda : s.x; // pbc left the lamda coordinates in this.lamda
    const key = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let k = 0;
      for (let d = 2; d >= 0; d--) {
        let ix = Math.trunc((c[3 * i + d] - lo[d]) * inv[d]);
        ix = Math.min(Math.max(ix, 0), nb[d] - 1);
        k = k * nb[d] + ix;
      }
      key[i] = k;
    }
    if (this.sortPerm.length < n) this.sortPerm = new Int32Array(n);
    const perm = this.sortPerm.subarray(0, n);
    for (let i = 0; i < n; i++) perm[i] = i;
    perm.sort((a2, b2) => key[a2] - key[b2] || a2 - b2);
    let identity = true;
    for (let i = 0; i < n; i++) if (perm[i] !== i) identity = false;
    if (identity) return;
    const p3 = (a: Float64Array | Int32Array) => {
      const old = a.slice(0, 3 * n);
      for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) a[3 * i + k] = old[3 * perm[i] + k];
    };
    const p1 = (a: Float64Array | Int32Array) => {
      const old = a.slice(0, n);
      for (let i = 0; i < n; i++) a[i] = old[perm[i]];
    };
    p3(s.x);
    p3(s.v);
    p3(s.f);
    p3(s.image);
    if (b.triclinic) p3(this.lamda);
    p1(s.tag);
    p1(s.type);
    p1(s.mask);
    p1(s.q);
    for (const f of this.fixes) f.permute?.(perm);
  }

  private box2d(): SimBox {
    const b = this.sys.box;
    return { ...b, periodic: [b.periodic[0], b.periodic[1], false] };
  }

  private xhold = new Float64Array(0);
  private boxHold = [0, 0, 0, 0, 0, 0];

  /**
   * Rebuild decision while the box changes (LAMMPS Neighbor::decide + check_distance with
   * boxcheck): the skin/2 trigger shrinks by how far the box corners moved since the last build.
   */
  private decideBoxChange(): boolean {
    const p = this.policy;
    p.ago++;
    if (!(p.ago >= p.delay && p.ago % p.every === 0)) return false;
    if (!p.check) return true;
    const b = this.sys.box;
    const h = this.boxHold;
    const d1 = Math.sqrt((b.lo[0] - h[0]) ** 2 + (b.lo[1] - h[1]) ** 2 + (b.lo[2] - h[2]) ** 2);
    const d2 = Math.sqrt((b.hi[0] - h[3]) ** 2 + (b.hi[1] - h[4]) ** 2 + (b.hi[2] - h[5]) ** 2);
    let delta = 0.5 * (this.skin - (d1 + d2));
    if (delta < 0) delta = 0;
    const deltasq = delta * delta;
    const x = this.sys.x, xh = this.xhold;
    for (let i = 0; i < this.sys.nlocal; i++) {
      const dx = x[3 * i] - xh[3 * i], dy = x[3 * i + 1] - xh[3 * i + 1], dz = x[3 * i + 2] - xh[3 * i + 2];
      if (dx * dx + dy * dy + dz * dz > deltasq) return true;
    }
    return false;
  }

  /** Shrink-wrapped boundaries (s, m): box faces follow the atoms (LAMMPS Domain::reset_box). */
  private shrinkWrap(): void {
    const s = this.sys;
    let changed = false;
    for (let d = 0; d < 3; d++) {
      for (let side = 0; side < 2; side++) {
        const kind = s.boundary[d][side];
        if (kind !== 's' && kind !== 'm') continue;
        let ext = side === 0 ? Infinity : -Infinity;
        for (let i = 0; i < s.nlocal; i++) {
          const v = s.x[3 * i + d];
          ext = side === 0 ? Math.min(ext, v) : Math.max(ext, v);
        }
        if (!Number.isFinite(ext)) continue;
        const small = s.small[d];
        if (side === 0) {
          let lo = ext - small;
          if (kind === 'm') lo = Math.min(lo, s.minBound[d][0]);
          s.box.lo[d] = lo;
        } else {
          let hi = ext + small;
          if (kind === 'm') hi = Math.max(hi, s.minBound[d][1]);
          s.box.hi[d] = hi;
        }
        changed = true;
      }
    }
    if (changed) s.refreshBox();
  }

  private checkLost(): void {
    const s = this.sys;
    // an atom that moved more than a box length in one step is still outside after one wrap:
    // LAMMPS loses it (no process owns it); stop the same way instead of binning it far away
    if (!s.box.triclinic) {
      for (let d = 0; d < 3; d++) {
        if (!s.periodic(d)) continue;
        const lo = s.box.lo[d], hi = s.box.hi[d];
        for (let i = 0; i < s.nlocal; i++) {
          const v = s.x[3 * i + d];
          if (!(v >= lo && v < hi)) {
            let keep = 0;
            for (let k = 0; k < s.nlocal; k++) {
              let ok = true;
              for (let dd = 0; dd < 3; dd++) {
                const w = s.x[3 * k + dd];
                if (s.periodic(dd) && !(w >= s.box.lo[dd] && w < s.box.hi[dd])) ok = false;
              }
              if (ok) keep++;
            }
            throw new ScriptError(`Lost atoms: original ${this.natomsOriginal} current ${keep} (an atom moved more than a box length in one step, or its position is not a number)`);
          }
        }
      }
    }
    let lost = 0;
    for (let d = 0; d < 3; d++) {
      if (s.periodic(d)) continue;
      if (s.boundary[d][0] !== 'f' && s.boundary[d][1] !== 'f') continue;
      for (let i = 0; i < s.nlocal; i++) {
        const v = s.x[3 * i + d];
        if ((s.boundary[d][0] === 'f' && v < s.box.lo[d]) || (s.boundary[d][1] === 'f' && v >= s.box.hi[d])) lost = 1;
      }
    }
    if (lost) {
      const lo = s.box.lo, hi = s.box.hi;
      let keep = 0;
      for (let i = 0; i < s.nlocal; i++) {
        let inside = true;
        for (let d = 0; d < 3; d++) {
          if (s.periodic(d)) continue;
          const v = s.x[3 * i + d];
          if ((s.boundary[d][0] === 'f' && v < lo[d]) || (s.boundary[d][1] === 'f' && v >= hi[d])) inside = false;
        }
        if (inside) keep++;
      }
      if (this.thermo.lost === 'error') throw new ScriptError(`Lost atoms: original ${this.natomsOriginal} current ${keep}`);
      s.compact((i) => {
        for (let d = 0; d < 3; d++) {
          if (s.periodic(d)) continue;
          const v = s.x[3 * i + d];
          if ((s.boundary[d][0] === 'f' && v < lo[d]) || (s.boundary[d][1] === 'f' && v >= hi[d])) return false;
        }
        return true;
      });
    }
  }

  wantEatom(): boolean {
    for (const c of this.computes.values()) if (c.style === 'pe/atom') return true;
    return false;
  }

  /** Forces, energy and virial for the current positions (ghosts must be current). */
  computeForces(): void {
    const s = this.sys;
    const g = this.ghosts;
    const nall = g.nall;
    if (this.fbuf.length < 3 * nall) this.fbuf = new Float64Array(3 * nall + 3 * 1024);
    const f = this.fbuf;
    f.fill(0, 0, 3 * nall);
    const wantEatom = this.wantEatom();
    if (wantEatom) {
      if (this.eatomBuf.length < nall) this.eatomBuf = new Float64Array(nall + 1024);
      this.eatomBuf.fill(0, 0, nall);
    }
    const acc: ForceAccumulator = { f, energy: 0, virial: this.accVirial, eatom: wantEatom ? this.eatomBuf : undefined };
    this.accVirial.fill(0);
    if (this.pair) this.pair.compute(g, this.list, acc, { wantEatom });
    this.energy = acc.energy;
    this.parts = acc.parts ?? {};
    this.evdwl = acc.parts?.evdwl ?? acc.energy;
    this.ecoul = acc.parts?.ecoul ?? 0;
    const vir = this.virial;
    if (this.pair?.computesVirial) vir.set(acc.virial);
    else {
      // sum_i x_i (x) f_i over owned and ghost atoms (LAMMPS virial_fdotr_compute), in scalars
      const x = g.x;
      let v0 = 0, v1 = 0, v2 = 0, v3 = 0, v4 = 0, v5 = 0;
      for (let k = 0, e = 3 * nall; k < e; k += 3) {
        const fx = f[k], fy = f[k + 1], fz = f[k + 2];
        const xx = x[k], xy = x[k + 1];
        v0 += fx * xx;
        v1 += fy * xy;
        v2 += fz * x[k + 2];
        v3 += fy * xx;
        v4 += fz * xx;
        v5 += fz * xy;
      }
      vir[0] = v0;
      vir[1] = v1;
      vir[2] = v2;
      vir[3] = v3;
      vir[4] = v4;
      vir[5] = v5;
    }
    foldGhostForces(g, f);
    s.f.set(f.subarray(0, 3 * s.nlocal));
    if (wantEatom) {
      foldGhostScalar(g, this.eatomBuf);
      this.eatom = this.eatomBuf.subarray(0, s.nlocal);
    }
    if (!Number.isFinite(this.energy)) throw new ScriptError('non-numeric (NaN or infinite) potential energy');
    this.forcesValid = true;
  }

  // ------------------------------------------------------------------ computes

  tempDof(bit: number): number {
    const dim = this.sys.dimension;
    return dim * this.groupCount(bit) - dim;
  }

  kineticSum(bit: number): number {
    const s = this.sys;
    let t = 0;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const k = 3 * i;
      t += (s.v[k] * s.v[k] + s.v[k + 1] * s.v[k + 1] + s.v[k + 2] * s.v[k + 2]) * s.mass[s.type[i]];
    }
    return t;
  }

  temperature(bit = 1): number {
    const dof = this.tempDof(bit);
    if (dof <= 0) return 0;
    return (this.kineticSum(bit) * this.sys.units.mvv2e) / (dof * this.boltz);
  }

  keTensor(bit = 1): number[] {
    const s = this.sys;
    const t = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const m = s.mass[s.type[i]];
      const vx = s.v[3 * i], vy = s.v[3 * i + 1], vz = s.v[3 * i + 2];
      t[0] += m * vx * vx;
      t[1] += m * vy * vy;
      t[2] += m * vz * vz;
      t[3] += m * vx * vy;
      t[4] += m * vx * vz;
      t[5] += m * vy * vz;
    }
    const c = this.sys.units.mvv2e;
    return t.map((v) => v * c);
  }

  volume(): number {
    return this.sys.dimension === 3 ? this.sys.box.prd[0] * this.sys.box.prd[1] * this.sys.box.prd[2] : this.sys.box.prd[0] * this.sys.box.prd[1];
  }

  pressure(): number {
    const dim = this.sys.dimension;
    const t = this.temperature();
    const dof = this.tempDof(1);
    const v = this.virial;
    const virSum = dim === 3 ? v[0] + v[1] + v[2] : v[0] + v[1];
    return ((dof * this.boltz * t + virSum) / dim / this.volume()) * this.sys.units.nktv2p;
  }

  pressureTensor(): number[] {
    const ke = this.keTensor();
    const f = this.sys.units.nktv2p / this.volume();
    const p = [0, 1, 2, 3, 4, 5].map((k) => (ke[k] + this.virial[k]) * f);
    if (this.sys.dimension === 2) p[2] = p[4] = p[5] = 0;
    return p;
  }

  ke(): number {
    const t = this.temperature();
    return 0.5 * this.tempDof(1) * this.boltz * t;
  }

  // ------------------------------------------------------------------ thermo values

  /** Value of a thermo keyword or c_/f_/v_ reference; `evalVar` is supplied by the interpreter. */
  evalVar: (name: string) => number = () => NaN;
  /** Atom-style variable value for local atom i (supplied by the interpreter). */
  evalAtomVar: (name: string, i: number) => number = () => NaN;

  thermoValue(key: string): { v: number; extensive: boolean } {
    const s = this.sys;
    const b = s.box;
    if (!this.forcesValid && NEEDS_FORCES.has(key))
      throw new ScriptError(`energy/virial for '${key}' was not computed for the current atoms (LAMMPS: "Energy was not tallied on needed timestep"); use 'run 0' first`);
    switch (key) {
      case 'step':
        return { v: this.ntimestep, extensive: false };
      case 'elapsed':
        return { v: this.ntimestep - this.firststep, extensive: false };
      case 'elaplong':
        return { v: this.ntimestep - this.beginstep, extensive: false };
      case 'dt':
        return { v: this.dt, extensive: false };
      case 'time':
        return { v: this.atime + (this.ntimestep - this.atimestep) * this.dt, extensive: false };
      case 'cpu':
        return { v: this.runStart ? (performance.now() - this.runStart) / 1000 : 0, extensive: false };
      case 'atoms':
        return { v: s.nlocal, extensive: false };
      case 'temp':
        return { v: this.temperature(), extensive: false };
      case 'press':
        return { v: this.pressure(), extensive: false };
      case 'pe':
      case 'epair':
        return { v: this.energy, extensive: true };
      case 'evdwl':
        return { v: this.evdwl, extensive: true };
      case 'ecoul':
        return { v: this.ecoul, extensive: true };
      case 'ke':
        return { v: this.ke(), extensive: true };
      case 'etotal':
        return { v: this.energy + this.ke(), extensive: true };
      case 'enthalpy': {
        const p = this.pressure();
        return { v: this.energy + this.ke() + (p * this.volume()) / this.sys.units.nktv2p, extensive: true };
      }
      case 'ebond':
      case 'eangle':
      case 'edihed':
      case 'eimp':
      case 'emol':
      case 'elong':
      case 'etail':
        return { v: 0, extensive: true };
      case 'vol':
        return { v: this.volume(), extensive: false };
      case 'density': {
        let m = 0;
        for (let i = 0; i < s.nlocal; i++) m += s.mass[s.type[i]];
        return { v: (m / this.volume()) * s.units.mv2d, extensive: false };
      }
      case 'lx':
        return { v: b.prd[0], extensive: false };
      case 'ly':
        return { v: b.prd[1], extensive: false };
      case 'lz':
        return { v: b.prd[2], extensive: false };
      case 'xlo':
        return { v: b.lo[0], extensive: false };
      case 'xhi':
        return { v: b.hi[0], extensive: false };
      case 'ylo':
        return { v: b.lo[1], extensive: false };
      case 'yhi':
        return { v: b.hi[1], extensive: false };
      case 'zlo':
        return { v: b.lo[2], extensive: false };
      case 'zhi':
        return { v: b.hi[2], extensive: false };
      case 'xy':
        return { v: b.h[5], extensive: false };
      case 'xz':
        return { v: b.h[4], extensive: false };
      case 'yz':
        return { v: b.h[3], extensive: false };
      case 'xlat':
        return { v: this.lattice?.xlattice ?? 1, extensive: false };
      case 'ylat':
        return { v: this.lattice?.ylattice ?? 1, extensive: false };
      case 'zlat':
        return { v: this.lattice?.zlattice ?? 1, extensive: false };
      case 'pxx':
      case 'pyy':
      case 'pzz':
      case 'pxy':
      case 'pxz':
      case 'pyz':
        return { v: this.pressureTensor()[['pxx', 'pyy', 'pzz', 'pxy', 'pxz', 'pyz'].indexOf(key)], extensive: false };
      case 'fmax': {
        let m = 0;
        for (let i = 0; i < 3 * s.nlocal; i++) m = Math.max(m, Math.abs(s.f[i]));
        return { v: m, extensive: false };
      }
      case 'fnorm': {
        let m = 0;
        for (let i = 0; i < 3 * s.nlocal; i++) m += s.f[i] * s.f[i];
        return { v: Math.sqrt(m), extensive: false };
      }
      case 'nbuild':
        return { v: this.policy.ncalls, extensive: false };
      case 'ndanger':
        return { v: this.policy.ndanger, extensive: false };
    }
    const m = /^([cfv])_([^[\]]+)(?:\[(\d+)\])?$/.exec(key);
    if (!m) throw new ScriptError(`unknown thermo keyword '${key}'`);
    const [, kind, id, idx] = m;
    if (kind === 'v') return { v: this.evalVar(id), extensive: false };
    if (kind === 'c') return this.computeValue(id, idx === undefined ? undefined : Number(idx));
    const fix = this.fixes.find((f) => f.id === id);
    if (!fix) throw new ScriptError(`could not find thermo fix ID '${id}'`);
    if (idx !== undefined) {
      if (!fix.vector) throw new ScriptError(`fix ${id} does not compute a vector`);
      return { v: fix.vector(this, Number(idx)), extensive: fix.extensive?.(Number(idx)) ?? true };
    }
    if (!fix.scalar) throw new ScriptError(`fix ${id} does not compute a scalar`);
    return { v: fix.scalar(this), extensive: fix.extensive?.(0) ?? true };
  }

  computeValue(id: string, idx: number | undefined): { v: number; extensive: boolean } {
    const style = this.computes.get(id)?.style ?? { thermo_press: 'pressure', thermo_pe: 'pe' }[id];
    if (!this.forcesValid && (style === 'pe' || style === 'pair' || style === 'pressure'))
      throw new ScriptError(`compute ${id} needs energies/virial of the current atoms (LAMMPS: "Energy was not tallied on needed timestep"); use 'run 0' first`);
    const builtin: Record<string, string> = { thermo_temp: 'temp', thermo_press: 'pressure', thermo_pe: 'pe' };
    const c = this.computes.get(id) ?? (builtin[id] ? { id, group: 'all', style: builtin[id], args: [] } : undefined);
    if (!c) throw new ScriptError(`could not find compute ID '${id}'`);
    const bit = this.groupBit(c.group);
    const vec = (arr: number[]) => {
      if (idx === undefined || idx < 1 || idx > arr.length) throw new ScriptError(`compute ${id}: index [${idx}] out of range 1..${arr.length}`);
      return arr[idx - 1];
    };
    switch (c.style) {
      case 'temp':
        if (idx === undefined) return { v: this.temperature(bit), extensive: false };
        return { v: vec(this.keTensor(bit)), extensive: false };
      case 'pressure': {
        // keywords ke / pair / virial select terms (LAMMPS compute pressure); default: all
        const kw = c.args.slice(1);
        const withKe = kw.length === 0 || kw.includes('ke');
        const withVir = kw.length === 0 || kw.includes('pair') || kw.includes('virial');
        const dim = this.sys.dimension;
        const inv = this.sys.units.nktv2p / this.volume();
        if (idx === undefined) {
          const v = this.virial;
          const virSum = withVir ? (dim === 3 ? v[0] + v[1] + v[2] : v[0] + v[1]) : 0;
          const keTerm = withKe ? this.tempDof(1) * this.boltz * this.temperature() : 0;
          return { v: ((keTerm + virSum) / dim) * inv, extensive: false };
        }
        const ke = withKe ? this.keTensor() : [0, 0, 0, 0, 0, 0];
        return { v: vec([0, 1, 2, 3, 4, 5].map((k) => (ke[k] + (withVir ? this.virial[k] : 0)) * inv)), extensive: false };
      }
      case 'pe':
        if (idx !== undefined) throw new ScriptError(`compute ${id} (pe) has no vector`);
        return { v: this.energy, extensive: true };
      case 'ke':
        if (idx !== undefined) throw new ScriptError(`compute ${id} (ke) has no vector`);
        return { v: 0.5 * this.kineticSum(bit) * this.sys.units.mvv2e, extensive: true };
      case 'msd': {
        const m = this.msd(c);
        if (idx === undefined) throw new ScriptError(`compute ${id} (msd) has no scalar; use c_${id}[1..4]`);
        return { v: vec(m), extensive: false };
      }
      case 'com': {
        const c3 = this.groupXcm(bit);
        if (idx === undefined) throw new ScriptError(`compute ${id} (com) has no scalar; use c_${id}[1..3]`);
        return { v: vec(c3), extensive: false };
      }
      case 'gyration': {
        if (idx !== undefined) throw new ScriptError(`compute ${id} (gyration) vector is not supported by lmpv`);
        const s = this.sys;
        const cm = this.groupXcm(bit);
        const u = new Float64Array(3);
        let rg = 0, mt = 0;
        for (let i = 0; i < s.nlocal; i++) {
          if (!(s.mask[i] & bit)) continue;
          const m = s.mass[s.type[i]];
          this.unwrapped(i, u);
          const dx = u[0] - cm[0], dy = u[1] - cm[1], dz = u[2] - cm[2];
          rg += (dx * dx + dy * dy + dz * dz) * m;
          mt += m;
        }
        return { v: mt > 0 ? Math.sqrt(rg / mt) : 0, extensive: false };
      }
      case 'reduce': {
        const r = this.reduce(c, bit);
        if (idx === undefined) {
          if (r.length !== 1) throw new ScriptError(`compute ${id} (reduce) has ${r.length} values; use c_${id}[i]`);
          return { v: r[0], extensive: c.args[0] === 'sum' || c.args[0] === 'sumsq' || c.args[0] === 'sumabs' };
        }
        return { v: vec(r), extensive: c.args[0] === 'sum' || c.args[0] === 'sumsq' || c.args[0] === 'sumabs' };
      }
      case 'pair': {
        // compute ID group pair STYLE [evdwl|ecoul|epair]: scalar = that energy, vector = the pair's pvector
        if (c.args[0] !== this.pairStyle) throw new ScriptError(`compute ${id}: unrecognized pair style '${c.args[0]}' (the pair style is '${this.pairStyle}')`);
        if (idx === undefined) {
          const which = c.args[1] ?? 'epair';
          const v = which === 'evdwl' ? this.evdwl : which === 'ecoul' ? this.ecoul : this.evdwl + this.ecoul;
          return { v, extensive: true };
        }
        const names = this.pair?.pvector ?? [];
        if (idx < 1 || idx > names.length) throw new ScriptError(`compute ${id}: pair style ${this.pairStyle} has ${names.length} vector values, [${idx}] requested`);
        return { v: this.parts[names[idx - 1]] ?? 0, extensive: true };
      }
    }
    throw new ScriptError(`compute ${id} (${c.style}) does not compute a global ${idx === undefined ? 'scalar' : 'vector'}`);
  }

  /** Reference positions of `compute msd` (unwrapped, by atom id), stored when the compute is defined. */
  msdRef = new Map<string, { ref: Map<number, [number, number, number]>; com: boolean; n: number }>();

  /** Unwrapped position of local atom i (LAMMPS Domain::unmap). */
  unwrapped(i: number, out: Float64Array): Float64Array {
    return unmap(out, this.sys.box, this.sys.x, this.sys.image, i);
  }

  /** Centre of mass of a group from unwrapped positions (LAMMPS Group::xcm). */
  groupXcm(bit: number): number[] {
    const s = this.sys;
    const u = new Float64Array(3);
    const c = [0, 0, 0];
    let mt = 0;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const m = s.mass[s.type[i]];
      this.unwrapped(i, u);
      c[0] += u[0] * m;
      c[1] += u[1] * m;
      c[2] += u[2] * m;
      mt += m;
    }
    return mt > 0 ? c.map((v) => v / mt) : c;
  }

  /** Define the reference of a `compute ID group msd [com yes|no]`. */
  msdInit(c: ComputeDef): void {
    const com = c.args[0] === 'com' && c.args[1] === 'yes';
    const bit = this.groupBit(c.group);
    const cm = com ? this.groupXcm(bit) : [0, 0, 0];
    const ref = new Map<number, [number, number, number]>();
    const u = new Float64Array(3);
    const s = this.sys;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      this.unwrapped(i, u);
      ref.set(s.tag[i], [u[0] - cm[0], u[1] - cm[1], u[2] - cm[2]]);
    }
    this.msdRef.set(c.id, { ref, com, n: ref.size });
  }

  /** [<dx^2>, <dy^2>, <dz^2>, <dr^2>] over the group (LAMMPS compute msd). */
  msd(c: ComputeDef): number[] {
    const st = this.msdRef.get(c.id)!;
    const bit = this.groupBit(c.group);
    const cm = st.com ? this.groupXcm(bit) : [0, 0, 0];
    const s = this.sys;
    const u = new Float64Array(3);
    const m = [0, 0, 0, 0];
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const r = st.ref.get(s.tag[i]);
      if (!r) continue;
      this.unwrapped(i, u);
      const dx = u[0] - cm[0] - r[0], dy = u[1] - cm[1] - r[1], dz = u[2] - cm[2] - r[2];
      m[0] += dx * dx;
      m[1] += dy * dy;
      m[2] += dz * dz;
      m[3] += dx * dx + dy * dy + dz * dz;
    }
    return st.n ? m.map((v) => v / st.n) : m;
  }

  /**
   * `compute ID group rdf Nbin [itype jtype]... [cutoff R]`: g(r) and coordination number per type
   * pair over pairs within the pair cutoff (LAMMPS compute_rdf.cpp): rows r = (i+1/2) dr, columns
   * r, g1, coord1, g2, coord2, ... Returns the array row-major (nbin x (1 + 2 npairs)).
   */
  rdf(c: ComputeDef): { rows: number; cols: number; data: Float64Array } {
    const s = this.sys;
    const nbin = Number(c.args[0]);
    let cutUser = 0;
    const words = c.args.slice(1);
    const ci = words.indexOf('cutoff');
    if (ci >= 0) {
      cutUser = Number(words[ci + 1]);
      words.splice(ci, 2);
    }
    const pairs: number[][] = [];
    if (words.length === 0) pairs.push([1, s.ntypes, 1, s.ntypes]);
    else for (let k = 0; k < words.length; k += 2) pairs.push([...typeRange(words[k], s.ntypes), ...typeRange(words[k + 1], s.ntypes)]);
    if (!this.pair && !cutUser) throw new ScriptError(`compute ${c.id} (rdf) requires a pair style be defined or cutoff specified`);
    const cutforce = cutUser || this.cutforce();
    if (cutUser && cutUser + this.skin > this.cutforce() + this.skin) throw new ScriptError(`compute ${c.id} (rdf) cutoff exceeds ghost atom range`);
    const delr = cutforce / nbin;
    const delrinv = 1.0 / delr;
    const np = pairs.length;
    const cols = 1 + 2 * np;
    const data = new Float64Array(nbin * cols);
    for (let i = 0; i < nbin; i++) data[i * cols] = (i + 0.5) * delr;
    const bit = this.groupBit(c.group);
    // counts per type (LAMMPS init_norm)
    const typecount = new Float64Array(s.ntypes + 1);
    for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) typecount[s.type[i]]++;
    const icount: number[] = [], jcount: number[] = [], dup: number[] = [];
    for (const [ilo, ihi, jlo, jhi] of pairs) {
      let ic = 0, jc = 0, d = 0;
      for (let t = ilo; t <= ihi; t++) ic += typecount[t];
      for (let t = jlo; t <= jhi; t++) jc += typecount[t];
      for (let t = ilo; t <= ihi; t++) for (let u = jlo; u <= jhi; u++) if (t === u) d += typecount[t];
      icount.push(ic);
      jcount.push(jc);
      dup.push(d);
    }
    // histogram over a half list of all pairs within the neighbour cutoff (newton on)
    const list = new NeighborListBuffer();
    buildNeighborList(list, 'half', this.ghosts, this.cutforce() + this.skin);
    const hist = new Float64Array(np * nbin);
    const g = this.ghosts;
    const inPair = (m: number, ti: number, tj: number) => ti >= pairs[m][0] && ti <= pairs[m][1] && tj >= pairs[m][2] && tj <= pairs[m][3];
    for (let i = 0; i < list.inum; i++) {
      if (!(s.mask[i] & bit)) continue;
      const ti = g.type[i];
      for (let jj = list.offsets[i]; jj < list.offsets[i + 1]; jj++) {
        const j = list.neighbors[jj];
        if (!(s.mask[g.owner[j]] & bit)) continue;
        const tj = g.type[j];
        const dx = g.x[3 * i] - g.x[3 * j], dy = g.x[3 * i + 1] - g.x[3 * j + 1], dz = g.x[3 * i + 2] - g.x[3 * j + 2];
        const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
        const ibin = Math.trunc(r * delrinv);
        if (ibin >= nbin) continue;
        for (let m = 0; m < np; m++) {
          if (inPair(m, ti, tj)) hist[m * nbin + ibin] += 1.0;
          if (inPair(m, tj, ti)) hist[m * nbin + ibin] += 1.0;
        }
      }
    }
    const dim3 = s.dimension === 3;
    const b = s.box.prd;
    const constant = dim3 ? (4.0 * Math.PI) / (3.0 * b[0] * b[1] * b[2]) : Math.PI / (b[0] * b[1]);
    for (let m = 0; m < np; m++) {
      const normfac = icount[m] > 0 ? jcount[m] - dup[m] / icount[m] : 0.0;
      let ncoord = 0.0;
      for (let ibin = 0; ibin < nbin; ibin++) {
        const rlo = ibin * delr, rup = (ibin + 1) * delr;
        const vfrac = dim3 ? constant * (rup * rup * rup - rlo * rlo * rlo) : constant * (rup * rup - rlo * rlo);
        const gr = vfrac * normfac !== 0.0 ? hist[m * nbin + ibin] / (vfrac * normfac * icount[m]) : 0.0;
        if (icount[m] !== 0) ncoord += gr * vfrac * normfac;
        data[ibin * cols + 1 + 2 * m] = gr;
        data[ibin * cols + 2 + 2 * m] = ncoord;
      }
    }
    return { rows: nbin, cols, data };
  }

  /** `compute ID group reduce MODE input...` over the group's atoms (LAMMPS compute_reduce.cpp). */
  reduce(c: ComputeDef, bit: number): number[] {
    const s = this.sys;
    const mode = c.args[0];
    const inputs = c.args.slice(1);
    const comp: Record<string, number> = { x: 0, y: 1, z: 2, vx: 0, vy: 1, vz: 2, fx: 0, fy: 1, fz: 2 };
    let n = 0;
    for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) n++;
    return inputs.map((w) => {
      const get = (i: number): number => {
        if (w in comp) {
          const arr = w.startsWith('v') ? s.v : w.startsWith('f') ? s.f : s.x;
          return arr[3 * i + comp[w]];
        }
        const m = /^c_(.+)$/.exec(w);
        if (m) return this.perAtom(m[1], i);
        const v = /^v_(.+)$/.exec(w);
        if (v) return this.evalAtomVar(v[1], i);
        throw new ScriptError(`compute ${c.id} (reduce): input '${w}' is not supported by lmpv (x y z vx vy vz fx fy fz c_ID v_name)`);
      };
      let acc = mode === 'min' ? Infinity : mode === 'max' ? -Infinity : 0;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        const v = get(i);
        if (mode === 'sum' || mode === 'ave') acc += v;
        else if (mode === 'sumsq' || mode === 'avesq') acc += v * v;
        else if (mode === 'sumabs' || mode === 'aveabs') acc += Math.abs(v);
        else if (mode === 'min') acc = Math.min(acc, v);
        else if (mode === 'max') acc = Math.max(acc, v);
      }
      if (mode === 'ave' || mode === 'avesq' || mode === 'aveabs') acc = n > 0 ? acc / n : 0;
      return acc;
    });
  }

  /** Per-step cache of structure computes (cna/atom, cluster/atom) by compute id. */
  private structCache = new Map<string, { step: number; n: number; values: Float64Array }>();

  /**
   * `compute ID group cna/atom rc` and `compute ID group cluster/atom rc`: computed on the owned
   * atoms with verify/structure's LAMMPS-defined implementations (fixedCna, clusterAtoms), once per step.
   */
  private structureValues(c: ComputeDef): Float64Array {
    const s = this.sys;
    const hit = this.structCache.get(c.id);
    if (hit && hit.step === this.ntimestep && hit.n === s.nlocal) return hit.values;
    const b = s.box;
    const cell: Cell = {
      origin: [b.lo[0], b.lo[1], b.lo[2]],
      lx: b.prd[0],
      ly: b.prd[1],
      lz: b.prd[2],
      xy: b.h[5],
      xz: b.h[4],
      yz: b.h[3],
      periodic: [s.periodic(0), s.periodic(1), s.periodic(2)],
    };
    const rc = Number(c.args[0]);
    const bit = this.groupBit(c.group);
    const group = new Uint8Array(s.nlocal);
    for (let i = 0; i < s.nlocal; i++) group[i] = s.mask[i] & bit ? 1 : 0;
    const pos = s.x.slice(0, 3 * s.nlocal);
    let values: Float64Array;
    if (c.style === 'cna/atom') values = Float64Array.from(fixedCna(pos, s.nlocal, cell, rc, { group }));
    else values = clusterAtoms(pos, s.nlocal, cell, rc, { ids: s.tag.subarray(0, s.nlocal), group });
    this.structCache.set(c.id, { step: this.ntimestep, n: s.nlocal, values });
    return values;
  }

  /** Per-atom value of compute `id` for atom i (pe/atom, ke/atom, cna/atom, cluster/atom). */
  perAtom(id: string, i: number): number {
    const c = this.computes.get(id);
    if (!c) throw new ScriptError(`could not find compute ID '${id}'`);
    if (c.style === 'cna/atom' || c.style === 'cluster/atom') return this.structureValues(c)[i];
    const s = this.sys;
    const inGroup = (s.mask[i] & this.groupBit(c.group)) !== 0;
    if (!inGroup) return 0;
    if (c.style === 'pe/atom') {
      if (!this.forcesValid) throw new ScriptError(`compute ${id} (pe/atom) is not current (LAMMPS: "Compute used in dump between runs is not current")`);
      return this.eatom[i] ?? 0;
    }
    if (c.style === 'ke/atom') {
      const k = 3 * i;
      return 0.5 * s.units.mvv2e * s.mass[s.type[i]] * (s.v[k] * s.v[k] + s.v[k + 1] * s.v[k + 1] + s.v[k + 2] * s.v[k + 2]);
    }
    throw new ScriptError(`compute ${id} (${c.style}) does not compute per-atom values`);
  }

  // ------------------------------------------------------------------ run

  /** Check everything needed before a run (LAMMPS init): box, atoms, masses, pair. */
  initRun(): void {
    const s = this.sys;
    if (!s.boxExists) throw new ScriptError('run command before simulation box is defined');
    for (let t = 1; t <= s.ntypes; t++) if (!s.massSet[t]) throw new ScriptError(`not all per-type masses are set (type ${t})`);
    if (this.pair) {
      try {
        this.pair.init?.(s.ntypes, this.fixes.map((f) => f.style));
      } catch (e) {
        throw new ScriptError((e as Error).message);
      }
    } else this.warn('No pair style is defined');
    this.policy.set({ every: this.neighOpts.every, delay: this.neighOpts.delay, check: this.neighOpts.check });
    this.policy.skin = this.skin;
  }

  /** Setup before a run (callFixes) or a minimization (fixes' run setup is not called, as LAMMPS's min_setup). */
  setup(callFixes = true): void {
    this.natomsOriginal = this.sys.nlocal;
    this.inSetup = true;
    try {
      this.reneighbor();
    } finally {
      this.inSetup = false;
    }
    for (const f of this.fixes) f.preForce?.(this);
    this.computeForces();
    if (callFixes) for (const f of this.fixes) f.setup?.(this);
  }

  /** Run n steps; `output(step, last)` writes thermo/dumps when due. */
  runSteps(n: number, output: (last: boolean) => void): void {
    const s = this.sys;
    for (let k = 0; k < n; k++) {
      this.ntimestep++;
      for (const f of this.fixes) f.initialIntegrate?.(this);
      for (const f of this.fixes) f.postIntegrate?.(this);
      const boxChange = this.fixes.some((f) => f.changesBox);
      const rebuild = this.neighOpts.once ? false : boxChange ? this.decideBoxChange() : this.policy.decide(s.x, s.nlocal);
      if (rebuild) this.reneighbor();
      else updateGhosts(this.ghosts, s.box, s.x);
      for (const f of this.fixes) f.preForce?.(this);
      this.computeForces();
      for (const f of this.fixes) f.postForce?.(this);
      for (const f of this.fixes) f.finalIntegrate?.(this);
      for (const f of this.fixes) f.endOfStep?.(this);
      output(k === n - 1);
    }
  }

  fmt(f: string, ...a: (number | string)[]): string {
    return compileFormat(f)(a);
  }
}

// ------------------------------------------------------------------ fixes

export class FixNVE implements Fix {
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

export class FixNVT implements Fix {
  style = 'nvt';
  state: nh.NoseHooverState;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    let tStart = NaN, tStop = NaN, tPeriod = NaN;
    let tchain = 3, tloop = 1, drag = 0;
    let i = 0;
    const num = (w: string | undefined, what: string) => {
      const v = Number(w);
      if (w === undefined || w.trim() === '' || !Number.isFinite(v)) throw new ScriptError(`fix nvt ${what}: expected a number, found '${w ?? '(nothing)'}'`);
      return v;
    };
    while (i < args.length) {
      const k = args[i];
      if (k === 'temp') {
        tStart = num(args[i + 1], 'temp');
        tStop = num(args[i + 2], 'temp');
        tPeriod = num(args[i + 3], 'temp');
        i += 4;
      } else if (k === 'tchain') {
        tchain = num(args[i + 1], 'tchain');
        if (!(Number.isInteger(tchain) && tchain >= 1)) throw new ScriptError('fix nvt tchain: expected an integer >= 1');
        i += 2;
      } else if (k === 'tloop') {
        tloop = num(args[i + 1], 'tloop');
        if (!(Number.isInteger(tloop) && tloop >= 1)) throw new ScriptError('fix nvt tloop: expected an integer >= 1');
        i += 2;
      } else if (k === 'drag') {
        drag = num(args[i + 1], 'drag');
        i += 2;
      } else if (k === 'mtk' || k === 'ptemp' || k === 'fixedpoint' || k === 'update' || k === 'dilate' || k === 'flip') {
        i += k === 'fixedpoint' ? 4 : 2;
      } else throw new ScriptError(`fix nvt: keyword '${k}' is not understood`);
    }
    if (!Number.isFinite(tStart)) throw new ScriptError('fix nvt: temperature control (temp Tstart Tstop Tdamp) must be used');
    if (tStart <= 0 || tStop <= 0) throw new ScriptError('fix nvt: target temperature must be > 0');
    if (tPeriod <= 0) throw new ScriptError('fix nvt: Tdamp must be > 0');
    this.state = nh.init({ tStart, tStop, tPeriod, tchain, tloop, drag });
  }
  setup(e: Engine): void {
    // LAMMPS fix nvt thermostats with a temperature compute on the fix group
    const bit = e.groupBit(this.group);
    nh.setup(this.state, e.temperature(bit), e.tempDof(bit), e.ntimestep, e.beginstep, e.endstep, e.boltz);
  }
  private thermostat(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    nh.thermostatHalfStep(this.state, e.dt, e.boltz, (factor) => {
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        s.v[3 * i] *= factor;
        s.v[3 * i + 1] *= factor;
        s.v[3 * i + 2] *= factor;
      }
    });
  }
  initialIntegrate(e: Engine): void {
    nh.targetTemperature(this.state, e.ntimestep, e.beginstep, e.endstep, e.boltz);
    this.thermostat(e);
    const s = e.sys;
    nve.initialIntegrate({ n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask }, e.groupBit(this.group), e.dt, s.units.ftm2v);
  }
  finalIntegrate(e: Engine): void {
    const s = e.sys;
    nve.finalIntegrate({ n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask }, e.groupBit(this.group), e.dt, s.units.ftm2v);
    const bit = e.groupBit(this.group);
    this.state.tCurrent = e.temperature(bit);
    this.state.tdof = e.tempDof(bit);
    this.thermostat(e);
  }
  scalar(e: Engine): number {
    return nh.conservedEnergy(this.state, e.boltz);
  }
}

/**
 * `fix ID group langevin Tstart Tstop damp seed [zero yes|no] [scale type ratio]...`
 * (Schneider & Stoll, PRB 17, 1302 (1978); LAMMPS fix_langevin.cpp without gjf/tally/angmom):
 * F += -m/damp v + sqrt(24 kB T m / (damp dt)) (u - 1/2) per component, u from RanMars(seed),
 * drawn in local atom order (hence the exact atom sort above); applied at setup too.
 */
export class FixLangevin implements Fix {
  style = 'langevin';
  private rng: RanMars;
  private tStart: number;
  private tStop: number;
  private damp: number;
  private zero = false;
  private ratio = new Map<number, number>();

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    if (args.length < 4) throw new ScriptError('fix langevin: expected Tstart Tstop damp seed');
    const num = (w: string, what: string) => {
      const v = Number(w);
      if (w.trim() === '' || !Number.isFinite(v)) throw new ScriptError(`fix langevin ${what}: expected a number, found '${w}'`);
      return v;
    };
    if (args[0].startsWith('v_')) throw new ScriptError('fix langevin: variable temperatures are not supported by lmpv');
    this.tStart = num(args[0], 'Tstart');
    this.tStop = num(args[1], 'Tstop');
    this.damp = num(args[2], 'damp');
    const seed = num(args[3], 'seed');
    if (!(this.damp > 0)) throw new ScriptError('fix langevin: damp must be > 0');
    if (!(Number.isInteger(seed) && seed > 0)) throw new ScriptError('fix langevin: seed must be a positive integer');
    this.rng = new RanMars(seed);
    for (let i = 4; i < args.length; ) {
      const k = args[i];
      if (k === 'zero') {
        if (args[i + 1] !== 'yes' && args[i + 1] !== 'no') throw new ScriptError(`fix langevin zero: expected yes or no, found '${args[i + 1]}'`);
        this.zero = args[i + 1] === 'yes';
        i += 2;
      } else if (k === 'scale') {
        this.ratio.set(num(args[i + 1], 'scale type'), num(args[i + 2], 'scale ratio'));
        i += 3;
      } else if (k === 'tally' || k === 'gjf' || k === 'angmom' || k === 'omega') {
        if (args[i + 1] !== 'no') throw new ScriptError(`fix langevin: keyword '${k} ${args[i + 1]}' is not supported by lmpv`);
        i += 2;
      } else throw new ScriptError(`fix langevin: keyword '${k}' is not understood`);
    }
  }

  setup(e: Engine): void {
    this.postForce(e);
  }

  postForce(e: Engine): void {
    const s = e.sys;
    const u = s.units;
    const bit = e.groupBit(this.group);
    let delta = e.ntimestep - e.beginstep;
    if (delta !== 0) delta /= e.endstep - e.beginstep;
    const tTarget = this.tStart + delta * (this.tStop - this.tStart);
    const tsqrt = Math.sqrt(tTarget);
    const g1 = new Float64Array(s.ntypes + 1);
    const g2 = new Float64Array(s.ntypes + 1);
    for (let t = 1; t <= s.ntypes; t++) {
      const ratio = this.ratio.get(t) ?? 1;
      g1[t] = (-s.mass[t] / this.damp / u.ftm2v) * (1.0 / ratio);
      g2[t] = ((Math.sqrt(s.mass[t]) * Math.sqrt((24.0 * u.boltz) / this.damp / e.dt / u.mvv2e)) / u.ftm2v) * (1.0 / Math.sqrt(ratio));
    }
    let sx = 0, sy = 0, sz = 0, count = 0;
    const f = s.f, v = s.v;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const t = s.type[i];
      const gamma1 = g1[t];
      const gamma2 = g2[t] * tsqrt;
      const fx = gamma2 * (this.rng.uniform() - 0.5);
      const fy = gamma2 * (this.rng.uniform() - 0.5);
      const fz = gamma2 * (this.rng.uniform() - 0.5);
      f[3 * i] += gamma1 * v[3 * i] + fx;
      f[3 * i + 1] += gamma1 * v[3 * i + 1] + fy;
      f[3 * i + 2] += gamma1 * v[3 * i + 2] + fz;
      sx += fx;
      sy += fy;
      sz += fz;
      count++;
    }
    if (this.zero && count > 0) {
      sx /= count;
      sy /= count;
      sz /= count;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        f[3 * i] -= sx;
        f[3 * i + 1] -= sy;
        f[3 * i + 2] -= sz;
      }
    }
  }
}

/**
 * `fix ID group temp/berendsen Tstart Tstop Tdamp` (Berendsen et al., J. Chem. Phys. 81, 3684
 * (1984)): at the end of each step v *= sqrt(1 + dt/Tdamp (T_target/T - 1)), as LAMMPS's
 * fix_temp_berendsen.cpp (temperature of the fix group, ramped target).
 */
export class FixTempBerendsen implements Fix {
  style = 'temp/berendsen';
  private tStart: number;
  private tStop: number;
  private tPeriod: number;
  energy = 0;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    if (args.length !== 3) throw new ScriptError('fix temp/berendsen: expected Tstart Tstop Tdamp');
    const [a, b, c] = args.map((w) => {
      const v = Number(w);
      if (w.trim() === '' || !Number.isFinite(v)) throw new ScriptError(`fix temp/berendsen: expected a number, found '${w}'`);
      return v;
    });
    if (!(c > 0)) throw new ScriptError('fix temp/berendsen period must be > 0.0');
    this.tStart = a;
    this.tStop = b;
    this.tPeriod = c;
  }
  endOfStep(e: Engine): void {
    const bit = e.groupBit(this.group);
    const t = e.temperature(bit);
    const dof = e.tempDof(bit);
    if (dof < 1) return;
    if (t === 0) throw new ScriptError('computed temperature for fix temp/berendsen cannot be 0.0');
    let delta = e.ntimestep - e.beginstep;
    if (delta !== 0) delta /= e.endstep - e.beginstep;
    const target = this.tStart + delta * (this.tStop - this.tStart);
    const lamda = Math.sqrt(1.0 + (e.dt / this.tPeriod) * (target / t - 1.0));
    const efactor = 0.5 * e.boltz * dof;
    this.energy += t * (1.0 - lamda * lamda) * efactor;
    const s = e.sys;
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      s.v[3 * i] *= lamda;
      s.v[3 * i + 1] *= lamda;
      s.v[3 * i + 2] *= lamda;
    }
  }
  scalar(): number {
    return this.energy;
  }
}

/**
 * `fix ID group setforce fx fy fz` (each a value or NULL): forces on the group's atoms are set,
 * after the force computation, in MD and in minimization; f_ID[1..3] = the total force before.
 */
export class FixSetForce implements Fix {
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
      const v = Number(w);
      if (w.trim() === '' || !Number.isFinite(v)) throw new ScriptError(`fix setforce: expected a number or NULL, found '${w}'`);
      return v;
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

/**
 * `fix ID group momentum N [linear xflag yflag zflag] [angular] [rescale]`: every N steps remove
 * the group's linear momentum (per flagged direction) and/or angular momentum, optionally
 * rescaling to keep the kinetic energy (LAMMPS fix_momentum.cpp).
 */
export class FixMomentum implements Fix {
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
    const n = Number(args[0]);
    if (!(Number.isInteger(n) && n > 0)) throw new ScriptError(`fix momentum: expected N > 0, found '${args[0]}'`);
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

/**
 * Remove a group's angular momentum about its centre of mass (LAMMPS Group::xcm/angmom/inertia/omega),
 * for `velocity ... rot yes`, `velocity zero angular` and `fix momentum ... angular`.
 */
export function zeroAngular(e: Engine, bit: number): void {
  const s = e.sys;
  const cm = e.groupXcm(bit);
  const u = new Float64Array(3);
  const L = [0, 0, 0];
  const I = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < s.nlocal; i++) {
    if (!(s.mask[i] & bit)) continue;
    const m = s.mass[s.type[i]];
    e.unwrapped(i, u);
    const dx = u[0] - cm[0], dy = u[1] - cm[1], dz = u[2] - cm[2];
    const vx = s.v[3 * i], vy = s.v[3 * i + 1], vz = s.v[3 * i + 2];
    L[0] += m * (dy * vz - dz * vy);
    L[1] += m * (dz * vx - dx * vz);
    L[2] += m * (dx * vy - dy * vx);
    I[0][0] += m * (dy * dy + dz * dz);
    I[1][1] += m * (dx * dx + dz * dz);
    I[2][2] += m * (dx * dx + dy * dy);
    I[0][1] -= m * dx * dy;
    I[1][2] -= m * dy * dz;
    I[0][2] -= m * dx * dz;
  }
  I[1][0] = I[0][1];
  I[2][1] = I[1][2];
  I[2][0] = I[0][2];
  const det = I[0][0] * I[1][1] * I[2][2] + I[0][1] * I[1][2] * I[2][0] + I[0][2] * I[1][0] * I[2][1] - I[0][0] * I[1][2] * I[2][1] - I[0][1] * I[1][0] * I[2][2] - I[2][0] * I[1][1] * I[0][2];
  if (det <= 0) return;
  // LAMMPS Group::omega: the inverse (adjugate / det) first, then omega = inverse . L
  const inv = [
    [I[1][1] * I[2][2] - I[1][2] * I[2][1], -(I[0][1] * I[2][2] - I[0][2] * I[2][1]), I[0][1] * I[1][2] - I[0][2] * I[1][1]],
    [-(I[1][0] * I[2][2] - I[1][2] * I[2][0]), I[0][0] * I[2][2] - I[0][2] * I[2][0], -(I[0][0] * I[1][2] - I[0][2] * I[1][0])],
    [I[1][0] * I[2][1] - I[1][1] * I[2][0], -(I[0][0] * I[2][1] - I[0][1] * I[2][0]), I[0][0] * I[1][1] - I[0][1] * I[1][0]],
  ];
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) inv[a][b] /= det;
  const w = [0, 1, 2].map((a) => inv[a][0] * L[0] + inv[a][1] * L[1] + inv[a][2] * L[2]);
  for (let i = 0; i < s.nlocal; i++) {
    if (!(s.mask[i] & bit)) continue;
    e.unwrapped(i, u);
    const dx = u[0] - cm[0], dy = u[1] - cm[1], dz = u[2] - cm[2];
    s.v[3 * i] -= w[1] * dz - w[2] * dy;
    s.v[3 * i + 1] -= w[2] * dx - w[0] * dz;
    s.v[3 * i + 2] -= w[0] * dy - w[1] * dx;
  }
}

/**
 * `fix ID group ave/time Nevery Nrepeat Nfreq value ... [ave one|running|window M] [file F]
 * [format " %.15g"] [title1 T] [title2 T]` (mode scalar): each value (c_ID, c_ID[i], f_ID, f_ID[i],
 * v_name) is sampled Nrepeat times Nevery apart ending on multiples of Nfreq and averaged
 * (LAMMPS fix_ave_time.cpp); the file gets LAMMPS's header and rows "%ld" + format per value.
 */
export class FixAveTime implements Fix {
  style = 'ave/time';
  private nevery: number;
  private nrepeat: number;
  private nfreq: number;
  private values: string[] = [];
  private ave: 'one' | 'running' | 'window' = 'one';
  private nwindow = 0;
  private file: string | null = null;
  private format = ' %g';
  private title1: string | null = null;
  private title2: string | null = null;
  private nvalid = -1;
  private nvalidLast = -1;
  private ext: boolean[] = [];
  private irepeat = 0;
  private sum: number[] = [];
  private total: number[] = [];
  private list: number[][] = [];
  private iwindow = 0;
  private windowLimit = false;
  private norm = 0;
  private fd: number | null = null;
  private started = false;
  /** mode vector: values are columns of a compute's array (c_ID[j]); averaged element by element. */
  private vectorMode = false;
  private arrSum: Float64Array | null = null;
  private arrTotal: Float64Array | null = null;
  private nrows = 0;

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    private readonly resolve: (p: string) => string,
  ) {
    const int = (w: string | undefined, what: string) => {
      const v = Number(w);
      if (w === undefined || !Number.isInteger(v) || v <= 0) throw new ScriptError(`fix ave/time ${what}: expected a positive integer, found '${w ?? '(nothing)'}'`);
      return v;
    };
    this.nevery = int(args[0], 'Nevery');
    this.nrepeat = int(args[1], 'Nrepeat');
    this.nfreq = int(args[2], 'Nfreq');
    if (this.nfreq % this.nevery !== 0 || this.nrepeat * this.nevery > this.nfreq) throw new ScriptError('illegal fix ave/time: Nfreq must be a multiple of Nevery and Nrepeat*Nevery <= Nfreq');
    let i = 3;
    while (i < args.length && /^[cfv]_/.test(args[i])) this.values.push(args[i++]);
    if (this.values.length === 0) throw new ScriptError('fix ave/time: expected values (c_ID, f_ID, v_name)');
    while (i < args.length) {
      const k = args[i];
      if (k === 'ave') {
        const v = args[i + 1];
        if (v === 'one' || v === 'running') {
          this.ave = v;
          i += 2;
        } else if (v === 'window') {
          this.ave = 'window';
          this.nwindow = int(args[i + 2], 'ave window M');
          i += 3;
        } else throw new ScriptError(`fix ave/time ave: expected one, running or window, found '${v}'`);
      } else if (k === 'file') {
        this.file = args[i + 1];
        i += 2;
      } else if (k === 'format') {
        this.format = args[i + 1]; // used as given, as LAMMPS (include a leading space)
        i += 2;
      } else if (k === 'title1' || k === 'title2') {
        this[k] = args[i + 1];
        i += 2;
      } else if (k === 'mode') {
        if (args[i + 1] !== 'scalar' && args[i + 1] !== 'vector') throw new ScriptError(`fix ave/time mode: expected scalar or vector, found '${args[i + 1]}'`);
        this.vectorMode = args[i + 1] === 'vector';
        if (this.vectorMode && this.ave === 'window') throw new ScriptError('fix ave/time mode vector with ave window is not supported by lmpv');
        i += 2;
      } else if (k === 'start' || k === 'off' || k === 'overwrite' || k === 'title3') {
        throw new ScriptError(`fix ave/time: keyword '${k}' is not supported by lmpv`);
      } else throw new ScriptError(`fix ave/time: keyword '${k}' is not understood`);
    }
    this.sum = this.values.map(() => 0);
    this.total = this.values.map(() => 0);
  }

  private nextValid(step: number): number {
    let nvalid = Math.floor(step / this.nfreq) * this.nfreq + this.nfreq;
    if (nvalid - this.nfreq === step && this.nrepeat === 1) nvalid = step;
    else nvalid -= (this.nrepeat - 1) * this.nevery;
    if (nvalid < step) nvalid += this.nfreq;
    return nvalid;
  }

  setup(e: Engine): void {
    if (this.nvalid < e.ntimestep) {
      this.irepeat = 0;
      this.nvalid = this.nextValid(e.ntimestep);
    }
    if (this.vectorMode && !this.started) this.expandWildcards(e);
    if (!this.started && this.file) {
      this.fd = openSync(this.resolve(this.file), 'w');
      let head = (this.title1 ?? `# Time-averaged data for fix ${this.id}`) + '\n';
      if (this.vectorMode) head += (this.title2 ?? '# TimeStep Number-of-rows') + '\n' + `# Row ${this.values.join(' ')}\n`;
      else head += (this.title2 ?? `# TimeStep ${this.values.join(' ')}`) + '\n';
      writeSync(this.fd, head);
    }
    this.started = true;
    this.endOfStep(e);
  }

  /** c_ID[*] -> c_ID[1] c_ID[2] ... (columns of the compute's array), as LAMMPS expands wildcards. */
  private expandWildcards(e: Engine): void {
    const out: string[] = [];
    for (const v of this.values) {
      const m = /^c_([^[\]]+)\[\*\]$/.exec(v);
      if (!m) {
        out.push(v);
        continue;
      }
      const c = e.computes.get(m[1]);
      if (!c || c.style !== 'rdf') throw new ScriptError(`fix ave/time: compute ${m[1]} does not calculate a global array`);
      const cols = e.rdf(c).cols;
      for (let k = 1; k <= cols; k++) out.push(`c_${m[1]}[${k}]`);
    }
    this.values = out;
    this.ext = out.map(() => false);
  }

  private endOfStepVector(e: Engine, step: number): void {
    // every value is a column c_ID[j] of a compute array (rdf)
    const cols = this.values.map((v) => {
      const m = /^c_([^[\]]+)\[(\d+)\]$/.exec(v);
      if (!m) throw new ScriptError(`fix ave/time mode vector: value '${v}' is not a column of a compute array`);
      const c = e.computes.get(m[1]);
      if (!c || c.style !== 'rdf') throw new ScriptError(`fix ave/time: compute ${m[1]} does not calculate a global array`);
      return { c, j: Number(m[2]) };
    });
    const cache = new Map<string, { rows: number; cols: number; data: Float64Array }>();
    const arr = (c: ComputeDef) => {
      let a = cache.get(c.id);
      if (!a) cache.set(c.id, (a = e.rdf(c)));
      return a;
    };
    const nrows = arr(cols[0].c).rows;
    const nv = cols.length;
    if (this.irepeat === 0) {
      this.nrows = nrows;
      if (!this.arrSum || this.arrSum.length !== nrows * nv) this.arrSum = new Float64Array(nrows * nv);
      else this.arrSum.fill(0);
    }
    cols.forEach(({ c, j }, k) => {
      const a = arr(c);
      if (j < 1 || j > a.cols) throw new ScriptError(`fix ave/time: compute ${c.id} array has ${a.cols} columns, [${j}] requested`);
      for (let r = 0; r < nrows; r++) this.arrSum![r * nv + k] += a.data[r * a.cols + j - 1];
    });
    this.irepeat++;
    if (this.irepeat < this.nrepeat) {
      this.nvalid += this.nevery;
      return;
    }
    this.irepeat = 0;
    this.nvalid = step + this.nfreq - (this.nrepeat - 1) * this.nevery;
    const avg = this.arrSum!.map((v) => v / this.nrepeat);
    if (this.ave === 'one' || !this.arrTotal) {
      this.arrTotal = avg.slice();
      this.norm = 1;
    } else {
      for (let k = 0; k < avg.length; k++) this.arrTotal[k] += avg[k];
      this.norm++;
    }
    if (this.fd !== null) {
      const f = compileFormat(this.format);
      let text = `${step} ${nrows}\n`;
      for (let r = 0; r < nrows; r++) {
        text += String(r + 1);
        for (let k = 0; k < nv; k++) text += f([this.arrTotal[r * nv + k] / this.norm]);
        text += '\n';
      }
      writeSync(this.fd, text);
    }
  }

  endOfStep(e: Engine): void {
    const step = e.ntimestep;
    if (step !== this.nvalid) return;
    this.nvalidLast = this.nvalid;
    if (this.vectorMode) return this.endOfStepVector(e, step);
    if (this.irepeat === 0) this.sum.fill(0);
    this.values.forEach((v, k) => {
      const r = e.thermoValue(v);
      this.sum[k] += r.v;
      this.ext[k] = r.extensive;
    });
    this.irepeat++;
    if (this.irepeat < this.nrepeat) {
      this.nvalid += this.nevery;
      return;
    }
    this.irepeat = 0;
    this.nvalid = step + this.nfreq - (this.nrepeat - 1) * this.nevery;
    const vec = this.sum.map((v) => v / this.nrepeat);
    if (this.ave === 'one') {
      this.total = vec.slice();
      this.norm = 1;
    } else if (this.ave === 'running') {
      vec.forEach((v, k) => (this.total[k] += v));
      this.norm++;
    } else {
      if (this.list.length < this.nwindow) this.list.push(vec.map(() => 0));
      vec.forEach((v, k) => {
        this.total[k] += v;
        if (this.windowLimit) this.total[k] -= this.list[this.iwindow][k];
        this.list[this.iwindow][k] = v;
      });
      this.iwindow++;
      if (this.iwindow === this.nwindow) {
        this.iwindow = 0;
        this.windowLimit = true;
      }
      this.norm = this.windowLimit ? this.nwindow : this.iwindow;
    }
    if (this.fd !== null) {
      const f = compileFormat(this.format);
      writeSync(this.fd, `${step}${this.total.map((t) => f([t / this.norm])).join('')}\n`);
    }
  }

  scalar(): number {
    if (this.values.length !== 1) throw new ScriptError(`fix ${this.id} (ave/time) with ${this.values.length} values has no scalar; use f_${this.id}[i]`);
    return this.norm ? this.total[0] / this.norm : 0;
  }

  extensive(i: number): boolean {
    return this.ext[Math.max(0, i - 1)] ?? false;
  }

  vector(_e: Engine, i: number): number {
    if (i < 1 || i > this.values.length) throw new ScriptError(`fix ${this.id} (ave/time): index [${i}] out of range 1..${this.values.length}`);
    return this.norm ? this.total[i - 1] / this.norm : 0;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** `fix ID group enforce2d`: zero the z components of force and velocity (LAMMPS fix_enforce2d.cpp). */
export class FixEnforce2d implements Fix {
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

/**
 * `fix ID group npt temp Tstart Tstop Tdamp iso|aniso Pstart Pstop Pdamp [tchain N] [pchain N]
 * [tloop N] [ploop N] [drag D] [mtk yes]` on an orthogonal box: LAMMPS fix nh's Nose-Hoover
 * thermostat chain plus the MTK barostat (Martyna, Tobias, Klein, J. Chem. Phys. 101, 4177 (1994);
 * Shinoda et al., PRB 69, 134103 (2004)) with a barostat thermostat chain, in fix_nh.cpp's order
 * of half steps: box scaled about its centre by exp(dt/2 omega_dot) twice per step around the
 * position update, atoms moved with it (x -> lamda -> x).
 */
export class FixNPT implements Fix {
  style = 'npt';
  changesBox = true;
  /** false for fix nph (no thermostat; barostat masses use t0 = ptemp or the temperature at setup). */
  private tstat = true;
  private pTemp: number | null = null;
  private t0 = 0;
  private nh: nh.NoseHooverState;
  private pStart = [0, 0, 0];
  private pStop = [0, 0, 0];
  private pFreq = [0, 0, 0];
  private pFlag = [false, false, false];
  private iso = true;
  private mpchain = 3;
  private ploop = 1;
  private drag = 0;
  private mtk = true;
  private omega = [0, 0, 0];
  private omegaDot = [0, 0, 0];
  private omegaMass = [0, 0, 0];
  private etap: Float64Array;
  private etapDot: Float64Array;
  private etapDotDot: Float64Array;
  private etapMass: Float64Array;
  private pTarget = [0, 0, 0];
  private pHydro = 0;
  private pCurrent = [0, 0, 0];
  private mtk1 = 0;
  private mtk2 = 0;
  private vol0 = 0;
  private fixedpoint: number[] | null = null;

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    nph = false,
  ) {
    this.tstat = !nph;
    if (nph) this.style = 'nph';
    let tStart = NaN, tStop = NaN, tPeriod = NaN;
    let tchain = 3, tloop = 1;
    let pset = false;
    const num = (w: string | undefined, what: string) => {
      const v = Number(w);
      if (w === undefined || w.trim() === '' || !Number.isFinite(v)) throw new ScriptError(`fix npt ${what}: expected a number, found '${w ?? '(nothing)'}'`);
      return v;
    };
    for (let i = 0; i < args.length; ) {
      const k = args[i];
      if (k === 'temp') {
        tStart = num(args[i + 1], 'temp');
        tStop = num(args[i + 2], 'temp');
        tPeriod = num(args[i + 3], 'temp');
        i += 4;
      } else if (k === 'iso' || k === 'aniso') {
        const a = num(args[i + 1], k), b = num(args[i + 2], k), c = num(args[i + 3], k);
        this.pStart = [a, a, a];
        this.pStop = [b, b, b];
        this.pFreq = [1 / c, 1 / c, 1 / c];
        this.pFlag = [true, true, true];
        this.iso = k === 'iso';
        pset = true;
        i += 4;
      } else if (k === 'x' || k === 'y' || k === 'z') {
        const d = { x: 0, y: 1, z: 2 }[k];
        this.pStart[d] = num(args[i + 1], k);
        this.pStop[d] = num(args[i + 2], k);
        this.pFreq[d] = 1 / num(args[i + 3], k);
        this.pFlag[d] = true;
        this.iso = false;
        pset = true;
        i += 4;
      } else if (k === 'tchain' || k === 'pchain' || k === 'tloop' || k === 'ploop') {
        const v = num(args[i + 1], k);
        if (!(Number.isInteger(v) && v >= (k === 'pchain' ? 0 : 1))) throw new ScriptError(`fix npt ${k}: expected an integer`);
        if (k === 'tchain') tchain = v;
        else if (k === 'pchain') this.mpchain = v;
        else if (k === 'tloop') tloop = v;
        else this.ploop = v;
        i += 2;
      } else if (k === 'ptemp') {
        this.pTemp = num(args[i + 1], 'ptemp');
        if (!(this.pTemp > 0)) throw new ScriptError('fix npt/nph ptemp must be > 0');
        i += 2;
      } else if (k === 'drag') {
        this.drag = num(args[i + 1], 'drag');
        i += 2;
      } else if (k === 'mtk') {
        if (args[i + 1] !== 'yes' && args[i + 1] !== 'no') throw new ScriptError(`fix npt mtk: expected yes or no, found '${args[i + 1]}'`);
        this.mtk = args[i + 1] === 'yes';
        i += 2;
      } else if (k === 'couple') {
        if (args[i + 1] !== 'none' && !(args[i + 1] === 'xyz' && this.iso)) throw new ScriptError(`fix npt couple ${args[i + 1]} is not supported by lmpv`);
        i += 2;
      } else if (k === 'dilate') {
        if (args[i + 1] !== 'all') throw new ScriptError('fix npt dilate: lmpv supports only all');
        i += 2;
      } else throw new ScriptError(`fix npt: keyword '${k}' is not supported by lmpv`);
    }
    if (nph && Number.isFinite(tStart)) throw new ScriptError('fix nph: temperature control (temp) cannot be used');
    if (!nph && !Number.isFinite(tStart)) throw new ScriptError('fix npt: temperature control (temp Tstart Tstop Tdamp) must be used');
    if (!pset) throw new ScriptError(`fix ${this.style}: pressure control (iso, aniso, x, y, z) must be used`);
    this.nh = nh.init(nph ? { tStart: 1, tStop: 1, tPeriod: 1, tchain, tloop, drag: this.drag } : { tStart, tStop, tPeriod, tchain, tloop, drag: this.drag });
    const m = Math.max(this.mpchain, 1);
    this.etap = new Float64Array(m);
    this.etapDot = new Float64Array(m + 1);
    this.etapDotDot = new Float64Array(m);
    this.etapMass = new Float64Array(m);
  }

  private get pdim(): number {
    return this.pFlag.filter(Boolean).length;
  }

  private pFreqMax(): number {
    return Math.max(...this.pFreq.map((f, d) => (this.pFlag[d] ? f : 0)));
  }

  private computePressTarget(e: Engine): void {
    let delta = e.ntimestep - e.beginstep;
    if (delta !== 0) delta /= e.endstep - e.beginstep;
    this.pHydro = 0;
    for (let d = 0; d < 3; d++)
      if (this.pFlag[d]) {
        this.pTarget[d] = this.pStart[d] + delta * (this.pStop[d] - this.pStart[d]);
        this.pHydro += this.pTarget[d];
      }
    if (this.pdim > 0) this.pHydro /= this.pdim;
  }

  /** Current pressure (scalar for iso, else the diagonal) from a fresh temperature and the last virial. */
  private couple(e: Engine): void {
    if (this.iso) {
      const p = e.pressure();
      this.pCurrent = [p, p, p];
    } else {
      const t = e.pressureTensor();
      this.pCurrent = [t[0], t[1], t[2]];
    }
    if (!this.pCurrent.every(Number.isFinite)) throw new ScriptError('non-numeric pressure - simulation unstable');
  }

  setup(e: Engine): void {
    if (e.sys.box.triclinic) throw new ScriptError('fix npt on a triclinic box is not supported by lmpv');
    const b = e.sys.box;
    if (!this.fixedpoint) this.fixedpoint = [0, 1, 2].map((d) => 0.5 * (b.lo[d] + b.hi[d]));
    if (this.vol0 === 0) this.vol0 = e.volume();
    if (this.tstat) nh.setup(this.nh, e.temperature(1), e.tempDof(1), e.ntimestep, e.beginstep, e.endstep, e.boltz);
    else {
      this.nh.tCurrent = e.temperature(1);
      this.nh.tdof = e.tempDof(1);
      if (this.t0 === 0) {
        this.t0 = this.pTemp ?? this.nh.tCurrent;
        if (this.t0 < 1e-6) throw new ScriptError('current temperature too close to zero, consider using ptemp setting');
      }
      this.nh.tTarget = this.t0;
    }
    this.computePressTarget(e);
    this.couple(e);
    const kt = e.boltz * this.nh.tTarget;
    const nkt = (e.sys.nlocal + 1) * kt;
    for (let d = 0; d < 3; d++) if (this.pFlag[d]) this.omegaMass[d] = nkt / (this.pFreq[d] * this.pFreq[d]);
    if (this.mpchain) {
      const pfm = this.pFreqMax();
      for (let k = 0; k < this.mpchain; k++) this.etapMass[k] = kt / (pfm * pfm);
      for (let k = 1; k < this.mpchain; k++) this.etapDotDot[k] = (this.etapMass[k - 1] * this.etapDot[k - 1] * this.etapDot[k - 1] - kt) / this.etapMass[k];
    }
  }

  private thermostat(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    nh.thermostatHalfStep(this.nh, e.dt, e.boltz, (factor) => {
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        s.v[3 * i] *= factor;
        s.v[3 * i + 1] *= factor;
        s.v[3 * i + 2] *= factor;
      }
    });
  }

  private omegaDotStep(e: Engine): void {
    const dthalf = 0.5 * e.dt;
    const pdragFactor = 1.0 - (e.dt * this.pFreqMax() * this.drag) / this.ploop;
    const volume = e.volume();
    const n = e.sys.nlocal;
    const nktv2p = e.sys.units.nktv2p;
    this.mtk1 = 0;
    if (this.mtk) {
      if (this.iso) this.mtk1 = (this.nh.tdof * e.boltz * this.nh.tCurrent) / (this.pdim * n);
      else {
        const mvv = e.keTensor(1);
        for (let d = 0; d < 3; d++) if (this.pFlag[d]) this.mtk1 += mvv[d];
        this.mtk1 /= this.pdim * n;
      }
    }
    for (let d = 0; d < 3; d++)
      if (this.pFlag[d]) {
        const f = ((this.pCurrent[d] - this.pHydro) * volume) / (this.omegaMass[d] * nktv2p) + this.mtk1 / this.omegaMass[d];
        this.omegaDot[d] += f * dthalf;
        this.omegaDot[d] *= pdragFactor;
      }
    this.mtk2 = 0;
    if (this.mtk) {
      for (let d = 0; d < 3; d++) if (this.pFlag[d]) this.mtk2 += this.omegaDot[d];
      if (this.pdim > 0) this.mtk2 /= this.pdim * n;
    }
  }

  private vPress(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const dt4 = 0.25 * e.dt;
    const f = [0, 1, 2].map((d) => Math.exp(-dt4 * (this.omegaDot[d] + this.mtk2)));
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      for (let d = 0; d < 3; d++) s.v[3 * i + d] *= f[d];
      for (let d = 0; d < 3; d++) s.v[3 * i + d] *= f[d];
    }
  }

  /** Scale the box about the fixed point by exp(dt/2 omega_dot), carrying all atoms (x -> lamda -> x). */
  private remap(e: Engine): void {
    const s = e.sys;
    const b = s.box;
    const dto = 0.5 * e.dt;
    for (let d = 0; d < 3; d++) this.omega[d] += dto * this.omegaDot[d];
    const n = s.nlocal;
    const hi = b.hInv;
    const lam = new Float64Array(3 * n);
    for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) lam[3 * i + d] = hi[d] * (s.x[3 * i + d] - b.lo[d]);
    for (let d = 0; d < 3; d++) {
      if (!this.pFlag[d]) continue;
      const fp = this.fixedpoint![d];
      const expfac = Math.exp(dto * this.omegaDot[d]);
      b.lo[d] = (b.lo[d] - fp) * expfac + fp;
      b.hi[d] = (b.hi[d] - fp) * expfac + fp;
    }
    s.refreshBox();
    for (let i = 0; i < n; i++) for (let d = 0; d < 3; d++) s.x[3 * i + d] = b.h[d] * lam[3 * i + d] + b.lo[d];
  }

  private pressChain(e: Engine): void {
    if (!this.mpchain) return;
    const kt = e.boltz * this.nh.tTarget;
    const dt = e.dt, dthalf = 0.5 * dt, dt4 = 0.25 * dt, dt8 = 0.125 * dt;
    const pdragFactor = 1.0 - (dt * this.pFreqMax() * this.drag) / this.ploop;
    const M = this.mpchain;
    const ed = this.etapDot, edd = this.etapDotDot, em = this.etapMass;
    let ke = 0;
    let pdof = 0;
    for (let d = 0; d < 3; d++)
      if (this.pFlag[d]) {
        ke += this.omegaMass[d] * this.omegaDot[d] * this.omegaDot[d];
        pdof++;
      }
    const lkt = this.iso ? kt : pdof * kt;
    edd[0] = (ke - lkt) / em[0];
    const ncfac = 1.0 / this.ploop;
    for (let loop = 0; loop < this.ploop; loop++) {
      for (let k = M - 1; k > 0; k--) {
        const x = Math.exp(-ncfac * dt8 * ed[k + 1]);
        ed[k] *= x;
        ed[k] += edd[k] * ncfac * dt4;
        ed[k] *= pdragFactor;
        ed[k] *= x;
      }
      let expfac = Math.exp(-ncfac * dt8 * ed[1]);
      ed[0] *= expfac;
      ed[0] += edd[0] * ncfac * dt4;
      ed[0] *= pdragFactor;
      ed[0] *= expfac;
      for (let k = 0; k < M; k++) this.etap[k] += ncfac * dthalf * ed[k];
      const factor = Math.exp(-ncfac * dthalf * ed[0]);
      for (let d = 0; d < 3; d++) if (this.pFlag[d]) this.omegaDot[d] *= factor;
      ke = 0;
      for (let d = 0; d < 3; d++) if (this.pFlag[d]) ke += this.omegaMass[d] * this.omegaDot[d] * this.omegaDot[d];
      edd[0] = (ke - lkt) / em[0];
      ed[0] *= expfac;
      ed[0] += edd[0] * ncfac * dt4;
      ed[0] *= expfac;
      for (let k = 1; k < M; k++) {
        expfac = Math.exp(-ncfac * dt8 * ed[k + 1]);
        ed[k] *= expfac;
        edd[k] = (em[k - 1] * ed[k - 1] * ed[k - 1] - kt) / em[k];
        ed[k] += edd[k] * ncfac * dt4;
        ed[k] *= expfac;
      }
    }
  }

  initialIntegrate(e: Engine): void {
    const s = e.sys;
    this.pressChain(e);
    if (this.tstat) {
      nh.targetTemperature(this.nh, e.ntimestep, e.beginstep, e.endstep, e.boltz);
      this.thermostat(e);
    }
    this.couple(e);
    this.computePressTarget(e);
    this.omegaDotStep(e);
    this.vPress(e);
    const st = { n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask };
    const bit = e.groupBit(this.group);
    // nve_v, remap, nve_x, remap (LAMMPS FixNH::initial_integrate)
    const dtf = 0.5 * e.dt * s.units.ftm2v;
    for (let i = 0; i < st.n; i++) {
      if (!(s.mask[i] & bit)) continue;
      const dtfm = dtf / s.mass[s.type[i]];
      for (let d = 0; d < 3; d++) s.v[3 * i + d] += dtfm * s.f[3 * i + d];
    }
    this.remap(e);
    for (let i = 0; i < st.n; i++) {
      if (!(s.mask[i] & bit)) continue;
      for (let d = 0; d < 3; d++) s.x[3 * i + d] += e.dt * s.v[3 * i + d];
    }
    this.remap(e);
  }

  finalIntegrate(e: Engine): void {
    const s = e.sys;
    nve.finalIntegrate({ n: s.nlocal, x: s.x, v: s.v, f: s.f, type: s.type, mass: s.mass, mask: s.mask }, e.groupBit(this.group), e.dt, s.units.ftm2v);
    this.vPress(e);
    this.nh.tCurrent = e.temperature(1);
    this.nh.tdof = e.tempDof(1);
    this.couple(e);
    this.omegaDotStep(e);
    if (this.tstat) this.thermostat(e);
    this.pressChain(e);
  }

  /** Thermostat + barostat energy (LAMMPS FixNH::compute_scalar); conserved = pe + ke + this. */
  scalar(e: Engine): number {
    let energy = this.tstat ? nh.conservedEnergy(this.nh, e.boltz) : 0;
    const kt = e.boltz * this.nh.tTarget;
    const volume = e.volume();
    let lkt = 0;
    for (let d = 0; d < 3; d++)
      if (this.pFlag[d]) {
        energy += 0.5 * this.omegaDot[d] * this.omegaDot[d] * this.omegaMass[d] + (this.pHydro * (volume - this.vol0)) / (this.pdim * e.sys.units.nktv2p);
        lkt += kt;
      }
    if (this.mpchain) {
      energy += lkt * this.etap[0] + 0.5 * this.etapMass[0] * this.etapDot[0] * this.etapDot[0];
      for (let k = 1; k < this.mpchain; k++) energy += kt * this.etap[k] + 0.5 * this.etapMass[k] * this.etapDot[k] * this.etapDot[k];
    }
    return energy;
  }
}

/**
 * `fix ID group nve/limit xmax`: velocity Verlet with each atom's displacement per step capped at
 * xmax (velocity rescaled to xmax/dt), as LAMMPS fix_nve_limit.cpp; f_ID = number of capped moves.
 */
export class FixNVELimit implements Fix {
  style = 'nve/limit';
  private xlimit: number;
  private ncount = 0;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    const v = Number(args[0]);
    if (args.length !== 1 || !(v > 0)) throw new ScriptError('fix nve/limit: expected one positive distance');
    this.xlimit = v;
  }
  setup(): void {
    this.ncount = 0;
  }
  private kick(e: Engine, move: boolean): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const dtv = e.dt;
    const dtf = 0.5 * e.dt * s.units.ftm2v;
    const vlimitsq = (this.xlimit / dtv) * (this.xlimit / dtv);
    for (let i = 0; i < s.nlocal; i++) {
      if (!(s.mask[i] & bit)) continue;
      const dtfm = dtf / s.mass[s.type[i]];
      const k = 3 * i;
      s.v[k] += dtfm * s.f[k];
      s.v[k + 1] += dtfm * s.f[k + 1];
      s.v[k + 2] += dtfm * s.f[k + 2];
      const vsq = s.v[k] * s.v[k] + s.v[k + 1] * s.v[k + 1] + s.v[k + 2] * s.v[k + 2];
      if (vsq > vlimitsq) {
        this.ncount++;
        const scale = Math.sqrt(vlimitsq / vsq);
        s.v[k] *= scale;
        s.v[k + 1] *= scale;
        s.v[k + 2] *= scale;
      }
      if (move) {
        s.x[k] += dtv * s.v[k];
        s.x[k + 1] += dtv * s.v[k + 1];
        s.x[k + 2] += dtv * s.v[k + 2];
      }
    }
  }
  initialIntegrate(e: Engine): void {
    this.kick(e, true);
  }
  finalIntegrate(e: Engine): void {
    this.kick(e, false);
  }
  scalar(): number {
    return this.ncount;
  }
}

/**
 * `fix ID group wall/reflect face coord ... [units box|lattice]` (faces xlo xhi ylo yhi zlo zhi,
 * coord a number or EDGE): atoms that crossed a wall are mirrored back and their normal velocity
 * reversed after the position update (LAMMPS fix_wall_reflect.cpp).
 */
export class FixWallReflect implements Fix {
  style = 'wall/reflect';
  private walls: { dim: number; side: 0 | 1; coord: number | 'EDGE' }[] = [];
  private lattice = true;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    const faces = ['xlo', 'xhi', 'ylo', 'yhi', 'zlo', 'zhi'];
    for (let i = 0; i < args.length; i += 2) {
      const k = args[i];
      if (k === 'units') {
        if (args[i + 1] !== 'box' && args[i + 1] !== 'lattice') throw new ScriptError(`fix wall/reflect units: expected box or lattice, found '${args[i + 1]}'`);
        this.lattice = args[i + 1] === 'lattice';
        continue;
      }
      const f = faces.indexOf(k);
      if (f < 0) throw new ScriptError(`fix wall/reflect: keyword '${k}' is not understood`);
      const w = args[i + 1];
      let coord: number | 'EDGE';
      if (w === 'EDGE') coord = 'EDGE';
      else {
        coord = Number(w);
        if (w === undefined || !Number.isFinite(coord)) throw new ScriptError(`fix wall/reflect ${k}: expected EDGE or a number, found '${w ?? '(nothing)'}'`);
      }
      this.walls.push({ dim: f >> 1, side: (f & 1) as 0 | 1, coord });
    }
    if (this.walls.length === 0) throw new ScriptError('fix wall/reflect: no walls');
  }
  private resolved: number[] = [];
  setup(e: Engine): void {
    const b = e.sys.box;
    const sc = this.lattice && e.lattice ? [e.lattice.xlattice, e.lattice.ylattice, e.lattice.zlattice] : [1, 1, 1];
    this.resolved = this.walls.map((w) => (w.coord === 'EDGE' ? (w.side === 0 ? b.lo[w.dim] : b.hi[w.dim]) : w.coord * sc[w.dim]));
    for (const w of this.walls) if (e.sys.periodic(w.dim)) throw new ScriptError('cannot use fix wall/reflect in a periodic dimension');
  }
  postIntegrate(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    this.walls.forEach((w, m) => {
      const coord = this.resolved[m];
      const d = w.dim;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        const k = 3 * i + d;
        if (w.side === 0 ? s.x[k] < coord : s.x[k] > coord) {
          s.x[k] = w.side === 0 ? coord + (coord - s.x[k]) : coord - (s.x[k] - coord);
          s.v[k] = -s.v[k];
        }
      }
    });
  }
}

/** Fix styles: name -> constructor(id, group, args, engine). Registering a fix is one row. */
export type FixFactory = (id: string, group: string, args: string[], e: Engine) => Fix;

export const FIX_STYLES = new Map<string, FixFactory>([
  [
    'nve',
    (id, group, args) => {
      if (args.length) throw new ScriptError(`fix nve: unexpected argument '${args[0]}'`);
      return new FixNVE(id, group);
    },
  ],
  ['nvt', (id, group, args) => new FixNVT(id, group, args)],
  ['langevin', (id, group, args) => new FixLangevin(id, group, args)],
  ['temp/berendsen', (id, group, args) => new FixTempBerendsen(id, group, args)],
  ['setforce', (id, group, args) => new FixSetForce(id, group, args)],
  ['momentum', (id, group, args) => new FixMomentum(id, group, args)],
  ['ave/time', (id, group, args, e) => new FixAveTime(id, group, args, e.resolvePath)],
  ['enforce2d', (id, group, args) => new FixEnforce2d(id, group, args)],
  ['npt', (id, group, args) => new FixNPT(id, group, args)],
  ['nph', (id, group, args) => new FixNPT(id, group, args, true)],
  ['nve/limit', (id, group, args) => new FixNVELimit(id, group, args)],
  ['wall/reflect', (id, group, args) => new FixWallReflect(id, group, args)],
  ['qeq/reaxff', (id, group, args, e) => new FixQeqReaxff(id, group, args, e)],
  ['qeq/shielded', (id, group, args, e) => new FixQeqShielded(id, group, args, e)],
  ['reaxff/bonds', (id, group, args, e) => new FixReaxffBonds(id, group, args, e)],
  ['reaxff/species', (id, group, args, e) => new FixReaxffSpecies(id, group, args, e)],
]);

export { isThermoKeyword };
