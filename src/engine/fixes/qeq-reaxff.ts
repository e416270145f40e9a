/**
 * `fix ID group qeq/reaxff Nevery cutlo cuthi tol reaxff|PARAMFILE [maxiter N] [nowarn]`
 * (LAMMPS src/REAXFF/fix_qeq_reaxff.cpp, docs fix_qeq_reaxff.html): charge equilibration before
 * the forces of every Nevery-th step (LAMMPS pre_force, setup_pre_force and min_pre_force: the
 * engine calls `preForce` after neighbour building / ghost refresh and before computeForces).
 * Parameters per type: `reaxff` takes chi, eta, gamma from the pair style (Pair::extract, as
 * LAMMPS's pair reaxff exports them: the ffield's chi, 2*eta, gamma), otherwise the file has
 * lines `itype chi eta gamma`. Solver: potentials/reaxff/qeq.ts. The scalar (f_ID) is LAMMPS's
 * matvecs/2, the mean CG iteration count of the s and t systems. `dual` (OPENMP only in LAMMPS)
 * is refused.
 */
import type { Engine } from '../engine.js';
import type { Fix } from './fix.js';
import { readQeqParamFile } from '../../io/reaxff-control.js';
import { NeighborListBuffer, buildNeighborList } from '../neighbor/neighbor-list.js';
import type { NeighborList } from '../potentials/types.js';
import { QeqHistory, qeqReaxff, type QeqSettings, type QeqTypeParams } from '../potentials/reaxff/qeq.js';
import { halfFromFull } from '../potentials/reaxff/index.js';
import { numeric } from '../input/args.js';

/** A number argument of fix `style` (LAMMPS utils::numeric, input/args.ts), or an error naming it. */
export function qeqNumber(style: string, word: string | undefined, what: string): number {
  return numeric(word, `fix ${style} ${what}`);
}

/** What distinguishes the QEq fixes that share this solver (qeq/reaxff, qeq/shielded). */
export interface QeqFixConfig {
  style: string;
  nevery: number;
  settings: QeqSettings;
  /** Per-type parameters from a file, or null: take them from pair reaxff (`reaxff` keyword). */
  params: QeqTypeParams | null;
  warnOnFail: boolean;
  /** fix qeq/shielded (QEQ package) starts the s/t histories from the atoms' charges; qeq/reaxff from 0. */
  historyFromCharges: boolean;
  /** fix qeq/shielded's scalar is the integer (iter s + iter t) / 2, qeq/reaxff's a double. */
  integerScalar: boolean;
}

/** `fix qeq/reaxff` arguments: Nevery cutlo cuthi tol reaxff|PARAMFILE [maxiter N] [nowarn]. */
export function parseQeqReaxffArgs(args: string[], e: Engine): QeqFixConfig {
  const style = 'qeq/reaxff';
  const num = (w: string | undefined, what: string) => qeqNumber(style, w, what);
  if (args.length < 5 || args.length > 9) throw new Error(`fix qeq/reaxff: expected 'Nevery cutlo cuthi tol reaxff|PARAMFILE [maxiter N] [nowarn]', found ${args.length} arguments`);
  const nevery = num(args[0], 'Nevery');
  if (!Number.isInteger(nevery) || nevery <= 0) throw new Error(`fix qeq/reaxff: Nevery must be a positive integer, found '${args[0]}'`);
  const swa = num(args[1], 'cutlo'), swb = num(args[2], 'cuthi'), tolerance = num(args[3], 'tol');
  if (swb < 0) throw new Error('fix qeq/reaxff: negative upper taper radius cutoff (cuthi)');
  if (Math.abs(swa) > 0.01) e.warn('Fix qeq/reaxff has non-zero lower Taper radius cutoff');
  if (swb < 5) e.warn('Fix qeq/reaxff has very low Taper radius cutoff');
  let maxiter = 200;
  let warn = true;
  for (let k = 5; k < args.length; k++) {
    if (args[k] === 'nowarn') warn = false;
    else if (args[k] === 'maxiter') {
      // LAMMPS reads maxiter with utils::numeric and truncates it to an int
      maxiter = Math.trunc(num(args[++k], 'maxiter'));
    } else if (args[k] === 'dual') throw new Error('fix qeq/reaxff: the dual keyword is only supported by fix qeq/reaxff/omp (LAMMPS "Dual keyword only supported with fix qeq/reaxff/omp")');
    else throw new Error(`fix qeq/reaxff: unknown keyword '${args[k]}' (expected maxiter N or nowarn)`);
  }
  const pertype = args[4];
  const params = /^reax..$/.test(pertype) ? null : readQeqParamFile(e.resolvePath(pertype), e.sys.ntypes);
  return { style, nevery, settings: { swa, swb, tolerance, maxiter }, params, warnOnFail: warn, historyFromCharges: false, integerScalar: false };
}

/** The QEq fixes over potentials/reaxff/qeq.ts: LAMMPS pre_force / setup_pre_force / min_pre_force. */
export class FixQeq implements Fix<Engine> {
  readonly style: string;
  readonly nevery: number;
  readonly settings: QeqSettings;
  readonly warnOnFail: boolean;
  private params: QeqTypeParams | null;
  private hist = new QeqHistory(0);
  private ownList: NeighborListBuffer | null = null;
  private ownListOf = -1;
  private half: Parameters<typeof halfFromFull>[0] = { list: { full: false, inum: 0, offsets: new Int32Array(1), neighbors: new Int32Array(0), cutneigh: 0 }, of: null, builds: -1 };
  private matvecs = 0;

  constructor(
    readonly id: string,
    readonly group: string,
    readonly config: QeqFixConfig,
    e: Engine,
  ) {
    this.style = config.style;
    this.nevery = config.nevery;
    this.settings = config.settings;
    this.warnOnFail = config.warnOnFail;
    this.params = config.params;
    if (e.sys.atomStyle !== 'charge') throw new Error(`fix ${this.style} requires atom attribute q (atom_style charge), but the atom style is '${e.sys.atomStyle}'`);
    if (config.historyFromCharges) {
      const n = e.sys.nlocal;
      this.hist.resize(n);
      for (let i = 0; i < n; i++) for (let k = 0; k < 4; k++) this.hist.s[4 * i + k] = this.hist.t[4 * i + k] = e.sys.q[i];
    }
  }

  private typeParams(e: Engine): QeqTypeParams {
    if (this.params) return this.params;
    const pair = e.pair;
    const chi = pair?.extract?.('chi'), eta = pair?.extract?.('eta'), gamma = pair?.extract?.('gamma');
    if (!pair || !/^reax/.test(e.pairStyle)) throw new Error(`fix ${this.style} ... reaxff: needs pair_style reaxff for its chi/eta/gamma (the pair style is '${e.pairStyle || 'none'}'); LAMMPS: "No reaxff pair style for fix ${this.style}"`);
    if (!chi || !eta || !gamma) throw new Error(`fix ${this.style} could not extract params from pair reaxff`);
    this.params = { chi, eta, gamma };
    return this.params;
  }

  /**
   * Each pair within cuthi once: the pair style's full list when it reaches cuthi (pair reaxff's),
   * reduced by owner index as pair reaxff reduces it, else our own full list over the engine's
   * ghosts, reduced the same way; so QEq and pair reaxff sum the same pairs in the same order.
   */
  private neighborList(e: Engine): NeighborList {
    const L = e.list;
    if (e.pair && L.full && L.inum === e.sys.nlocal && L.cutneigh >= this.settings.swb) return halfFromFull(this.half, e.ghosts, L);
    const cut = e.cutforce() + e.skin;
    if (cut < this.settings.swb) throw new Error(`fix ${this.style}: cutoff ${this.settings.swb} exceeds the pair cutoff + skin ${cut}: ghost atoms would be missing (use a pair cutoff of at least cuthi)`);
    // our list is rebuilt when the engine reneighbours (its list's build count changes), like LAMMPS's own request
    const builds = e.list.builds;
    if (!this.ownList || this.ownListOf !== builds || this.ownList.inum !== e.sys.nlocal) {
      this.ownList ??= new NeighborListBuffer();
      buildNeighborList(this.ownList, 'full', e.ghosts, cut);
      this.ownListOf = builds;
    }
    return halfFromFull(this.half, e.ghosts, this.ownList);
  }

  preForce(e: Engine): void {
    if (e.ntimestep % this.nevery !== 0) return;
    const s = e.sys;
    const g = e.ghosts;
    const params = this.typeParams(e);
    // the list is halfFromFull's: a new object whenever its content changes
    const r = qeqReaxff(s.q, g, this.neighborList(e), params, this.settings, this.hist, s.mask, e.groupBit(this.group), true);
    this.matvecs = this.config.integerScalar ? Math.trunc((r.iterS + r.iterT) / 2) : r.matvecs;
    if (r.failed && this.warnOnFail) {
      e.warn(`Fix ${this.style} CG convergence failed after ${Math.max(r.iterS, r.iterT)} iterations at step ${e.ntimestep}`);
    }
    // ghosts carry their owners' new charges before the pair computes (LAMMPS forward comm)
    if (g.q) for (let k = 0; k < g.nall; k++) g.q[k] = s.q[g.owner[k]];
  }

  scalar(): number {
    return this.matvecs;
  }

  extensive(): boolean {
    return false;
  }

  permute(perm: Int32Array): void {
    this.hist.resize(perm.length);
    this.hist.permute(perm);
  }
}

/** `fix ID group qeq/reaxff ...`. */
export class FixQeqReaxff extends FixQeq {
  constructor(id: string, group: string, args: string[], e: Engine) {
    super(id, group, parseQeqReaxffArgs(args, e), e);
  }
}
