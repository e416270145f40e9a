/**
 * The engine: state + forces + run loop, LAMMPS's Verlet order per step:
 * thermostat/initial integrate -> reneighbour (wrap, ghosts, lists) or refresh ghosts ->
 * forces (ghost forces folded onto owners, virial by fdotr) -> final integrate/thermostat ->
 * thermo and dump output. It knows fixes, computes and regions only through their interfaces
 * (fixes/fix.ts, computes/compute.ts, regions/region.ts) and imports no style: the styles are
 * found by name in fixes/index.ts, computes/index.ts, regions/index.ts, commands/index.ts and
 * potentials/registry.ts. Thermo values are in thermo-values.ts, variables in input/variables.ts.
 */
import { System } from './system.js';
import { Lattice } from './lattice.js';
import { GhostAtoms, buildGhosts, updateGhosts, foldGhostForces, foldGhostScalar } from './space/ghosts.js';
import { pbc, unmap, lamda2x, type SimBox } from './space/box.js';
import { NeighborListBuffer, buildNeighborList, bruteForceNeighborList } from './neighbor/neighbor-list.js';
import { NeighborRebuildPolicy } from './neighbor/rebuild-policy.js';
import { applyTypeExclusions } from './neighbor/exclude.js';
import type { ForceAccumulator, PairModifySettings, PairStyle } from './potentials/types.js';
import { ThermoSettings } from './thermo.js';
import type { Dump } from './output/dump.js';
import { compileFormat } from '../io/text/printf.js';
import type { Compute } from './computes/compute.js';
import { ScriptError } from './errors.js';
import type { Fix } from './fixes/fix.js';
import type { Region } from './regions/region.js';

export { ScriptError };
export type { Fix };
export type { Region };
export type { Compute };

/** What the engine and its styles read of the script's variables (input/variables.ts implements it). */
export interface VariableSource {
  /** Equal-style value (v_name in thermo, fixes, computes). */
  equal(name: string): number;
  /** Atom-style value of local atom i. */
  atomValue(name: string, i: number): number;
  /** Atom-style values of the local atoms in group `bit` (others 0). */
  atom(name: string, bit?: number, out?: Float64Array): Float64Array;
}

const NO_VARIABLES: VariableSource = {
  equal: (name) => {
    throw new ScriptError(`variable ${name}: this engine has no variables (no input script)`);
  },
  atomValue: (name) => NO_VARIABLES.equal(name),
  atom: (name) => {
    NO_VARIABLES.equal(name);
    return new Float64Array(0);
  },
};

export class Engine {
  sys = new System('lj');
  lattice: Lattice | null = null;
  regions = new Map<string, Region>();
  pair: PairStyle | null = null;
  pairStyle = '';
  /** pair_style words given before the box existed (instantiated by create_box / read_data). */
  pendingPairArgs: string[] | null = null;
  /** pair_modify settings, handed to the pair style (PairStyle.modify). */
  pairModify: PairModifySettings = { shift: false, mix: 'geometric' };
  skin = 0.3;
  neighOpts: { every: number; delay: number; check: boolean; once: boolean } = { every: 1, delay: 10, check: true, once: false };
  /**
   * Rate of change of the box (LAMMPS Domain::h_rate, [xprd yprd zprd yz xz xy] per time, and
   * h_ratelo, d(lo)/dt), set by fix deform; read by compute temp/deform, fix nvt/sllod and the
   * velocity remap of atoms crossing a deforming periodic boundary.
   */
  hRate = new Float64Array(6);
  hRateLo = new Float64Array(3);
  /** Group bit whose velocities are remapped when crossing periodic boundaries (fix deform remap v), 0 = none. */
  deformVremapBit = 0;
  /** neigh_modify exclude type I J pairs. */
  neighExclude: [number, number][] = [];
  fixes: Fix<Engine>[] = [];
  /** Fix states read by read_restart, by fix ID, until a fix of that ID and style is defined (commands/restart.ts). */
  restartFixes = new Map<string, { style: string; state: number[] }>();
  computes = new Map<string, Compute<Engine>>();
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
  /** The script's variables (input/variables.ts, set by the interpreter). */
  vars: VariableSource = NO_VARIABLES;

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

  /**
   * Potential energy as LAMMPS's compute pe (thermo_pe): the force field's energy plus the global
   * energy of fixes with `fix_modify ID energy yes` (Modify::energy_global).
   */
  potentialEnergy(): number {
    let pe = this.energy;
    for (const f of this.fixes) if (f.energyGlobal) pe += f.energyGlobal(this);
    return pe;
  }

  cutforce(): number {
    return this.pair ? this.pair.cutoff : 0;
  }

  /** Wrap atoms, rebuild ghosts and the neighbour list (LAMMPS reneighbouring). */
  reneighbor(allowSort = true): void {
    const s = this.sys;
    const n = s.nlocal;
    if (this.lamda.length < 3 * n) this.lamda = new Float64Array(3 * Math.max(n, 16));
    this.shrinkWrap();
    const vremap = this.deformVremapBit;
    const imgBefore = vremap ? s.image.slice(0, 3 * n) : null;
    pbc(s.box, n, s.x, s.image, s.box.triclinic ? this.lamda : undefined);
    if (imgBefore) {
      // Domain::pbc with deform_vremap: an atom crossing a periodic face takes the box's velocity jump
      const hr = this.hRate, v = s.v;
      for (let i = 0; i < n; i++) {
        if (!(s.mask[i] & vremap)) continue;
        const dx = imgBefore[3 * i] - s.image[3 * i];
        const dy = imgBefore[3 * i + 1] - s.image[3 * i + 1];
        const dz = imgBefore[3 * i + 2] - s.image[3 * i + 2];
        if (dx) v[3 * i] += dx * hr[0];
        if (dy) {
          v[3 * i] += dy * hr[5];
          v[3 * i + 1] += dy * hr[1];
        }
        if (dz) {
          v[3 * i] += dz * hr[4];
          v[3 * i + 1] += dz * hr[3];
          v[3 * i + 2] += dz * hr[2];
        }
      }
    }
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
      applyTypeExclusions(this.list, this.ghosts.type, this.neighExclude, s.ntypes);
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
    if (s.box.triclinic) this.cornersHold = boxCorners(s.box);
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
  private cornersHold: Float64Array = new Float64Array(24);
  private boxHold = [0, 0, 0, 0, 0, 0];

  /**
   * Rebuild decision while the box changes (LAMMPS Neighbor::decide + check_distance with
   * boxcheck): the skin/2 trigger shrinks by how far the box corners moved since the last build.
   */
  /** Neighbor::decide with a changing box (Neighbor::check_distance with box-corner moves); advances ago. */
  decideBoxChange(): boolean {
    const p = this.policy;
    p.ago++;
    if (!(p.ago >= p.delay && p.ago % p.every === 0)) return false;
    if (!p.check) return true;
    const b = this.sys.box;
    const h = this.boxHold;
    let d1 = 0, d2 = 0;
    if (!b.triclinic) {
      d1 = Math.sqrt((b.lo[0] - h[0]) ** 2 + (b.lo[1] - h[1]) ** 2 + (b.lo[2] - h[2]) ** 2);
      d2 = Math.sqrt((b.hi[0] - h[3]) ** 2 + (b.hi[1] - h[4]) ** 2 + (b.hi[2] - h[5]) ** 2);
    } else {
      // triclinic: the two largest moves of the 8 box corners (Neighbor::check_distance, its else-if kept)
      const c = boxCorners(b);
      for (let k = 0; k < 8; k++) {
        const dx = c[3 * k] - this.cornersHold[3 * k], dy = c[3 * k + 1] - this.cornersHold[3 * k + 1], dz = c[3 * k + 2] - this.cornersHold[3 * k + 2];
        const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (d > d1) d1 = d;
        else if (d > d2) d2 = d;
      }
    }
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
    for (const c of this.computes.values()) if (c.peratomEnergy) return true;
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

  // ------------------------------------------------------------------ group temperature, pressure, kinetic energy

  tempDof(bit: number): number {
    const dim = this.sys.dimension;
    return dim * this.groupCount(bit) - dim;
  }

  kineticSum(bit: number): number {
    return this.sys.sumMvv(bit);
  }

  temperature(bit = 1): number {
    const dof = this.tempDof(bit);
    if (dof <= 0) return 0;
    return (this.kineticSum(bit) * this.sys.units.mvv2e) / (dof * this.boltz);
  }

  keTensor(bit = 1): number[] {
    const c = this.sys.units.mvv2e;
    return this.sys.sumMvvTensor(bit).map((v) => v * c);
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

  // ------------------------------------------------------------------ unwrapped positions

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
    this.deformVremapBit = 0;
    for (const f of this.fixes) f.init?.(this);
    this.policy.set({ every: this.neighOpts.every, delay: this.neighOpts.delay, check: this.neighOpts.check });
    this.policy.skin = this.skin;
  }

  /** Setup before a run (callFixes) or a minimization (fixes' run setup is not called, as LAMMPS's min_setup). */
  setup(callFixes = true): void {
    for (const f of this.fixes) f.setupPreExchange?.(this);
    this.natomsOriginal = this.sys.nlocal;
    this.inSetup = true;
    try {
      this.reneighbor();
    } finally {
      this.inSetup = false;
    }
    for (const f of this.fixes) f.preForce?.(this);
    this.computeForces();
    // LAMMPS Modify::setup: computes first (temperature computes count their dof), then fixes
    for (const c of this.computes.values()) c.setup?.(this);
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
      // a fix's forced rebuild (fix deform after deciding a flip) comes before the usual decision, as Neighbor::decide
      const forced = this.fixes.some((f) => f.nextReneighbor === this.ntimestep);
      const rebuild = forced || (this.neighOpts.once ? false : boxChange ? this.decideBoxChange() : this.policy.decide(s.x, s.nlocal));
      if (rebuild) {
        for (const f of this.fixes) f.preExchange?.(this);
        this.reneighbor();
      }
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


/** The 8 corners of a (triclinic) box in LAMMPS's order (Domain::box_corners: lamda corners -> x). */
function boxCorners(b: SimBox): Float64Array {
  const lam = new Float64Array(24);
  for (let k = 0; k < 8; k++) {
    lam[3 * k] = k & 1 ? 1 : 0;
    lam[3 * k + 1] = k & 2 ? 1 : 0;
    lam[3 * k + 2] = k & 4 ? 1 : 0;
  }
  return lamda2x(new Float64Array(24), b, lam, 8);
}
