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
import type { Engine, Fix } from '../engine.js';
import { readQeqParamFile } from '../../io/reaxff-control.js';
import { NeighborListBuffer, buildNeighborList } from '../neighbor/neighbor-list.js';
import type { NeighborList } from '../potentials/types.js';
import { QeqHistory, qeqReaxff, type QeqSettings, type QeqTypeParams } from '../potentials/reaxff/qeq.js';
import { halfFromFull } from '../potentials/reaxff/index.js';

function num(word: string | undefined, what: string): number {
  const v = word === undefined ? NaN : Number(word);
  if (word === undefined || word.trim() === '' || !Number.isFinite(v)) throw new Error(`fix qeq/reaxff: ${what}: expected a number, found '${word ?? ''}'`);
  return v;
}

export class FixQeqReaxff implements Fix {
  readonly style = 'qeq/reaxff';
  readonly nevery: number;
  readonly settings: QeqSettings;
  readonly pertype: string;
  readonly warnOnFail: boolean;
  private params: QeqTypeParams | null = null;
  private hist = new QeqHistory(0);
  private ownList: NeighborListBuffer | null = null;
  private ownListOf = -1;
  private half: Parameters<typeof halfFromFull>[0] = { list: { full: false, inum: 0, offsets: new Int32Array(1), neighbors: new Int32Array(0), cutneigh: 0 }, of: null, builds: -1 };
  private matvecs = 0;

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
  ) {
    if (args.length < 5 || args.length > 9) throw new Error(`fix qeq/reaxff: expected 'Nevery cutlo cuthi tol reaxff|PARAMFILE [maxiter N] [nowarn]', found ${args.length} arguments`);
    this.nevery = num(args[0], 'Nevery');
    if (!Number.isInteger(this.nevery) || this.nevery <= 0) throw new Error(`fix qeq/reaxff: Nevery must be a positive integer, found '${args[0]}'`);
    const swa = num(args[1], 'cutlo'), swb = num(args[2], 'cuthi'), tolerance = num(args[3], 'tol');
    if (swb < 0) throw new Error('fix qeq/reaxff: negative upper taper radius cutoff (cuthi)');
    if (Math.abs(swa) > 0.01) e.warn('Fix qeq/reaxff has non-zero lower Taper radius cutoff');
    if (swb < 5) e.warn('Fix qeq/reaxff has very low Taper radius cutoff');
    this.pertype = args[4];
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
    this.warnOnFail = warn;
    this.settings = { swa, swb, tolerance, maxiter };
    if (e.sys.atomStyle !== 'charge') throw new Error(`fix qeq/reaxff requires atom attribute q (atom_style charge), but the atom style is '${e.sys.atomStyle}'`);
    if (this.pertype !== 'reaxff' && this.pertype !== 'reax/c') {
      this.params = readQeqParamFile(e.resolvePath(this.pertype), e.sys.ntypes);
    }
  }

  private typeParams(e: Engine): QeqTypeParams {
    if (this.params) return this.params;
    const pair = e.pair;
    const chi = pair?.extract?.('chi'), eta = pair?.extract?.('eta'), gamma = pair?.extract?.('gamma');
    if (!pair || !/^reax/.test(e.pairStyle)) throw new Error(`fix qeq/reaxff ... reaxff: needs pair_style reaxff for its chi/eta/gamma (the pair style is '${e.pairStyle || 'none'}'); LAMMPS: "No reaxff pair style for fix qeq/reaxff"`);
    if (!chi || !eta || !gamma) throw new Error('fix qeq/reaxff could not extract params from pair reaxff');
    this.params = { chi, eta, gamma };
    return this.params;
  }

  /**
   * Each pair within cuthi once: the pair style's list when it reaches cuthi (a half list as is, a
   * full one, e.g. pair reaxff's, reduced by owner index as pair reaxff does), else our own full
   * list over the engine's ghosts, reduced the same way. (Not the engine's own half list: its
   * coordinate tie rule loses or doubles pairs in triclinic boxes.)
   */
  private neighborList(e: Engine): NeighborList {
    const L = e.list;
    if (e.pair && L.full && L.inum === e.sys.nlocal && L.cutneigh >= this.settings.swb) return halfFromFull(this.half, e.ghosts, L);
    const cut = e.cutforce() + e.skin;
    if (cut < this.settings.swb) throw new Error(`fix qeq/reaxff: cuthi ${this.settings.swb} exceeds the pair cutoff + skin ${cut}: ghost atoms would be missing (use a pair cutoff of at least cuthi)`);
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
    const r = qeqReaxff(s.q, g, this.neighborList(e), params, this.settings, this.hist, s.mask, e.groupBit(this.group));
    this.matvecs = r.matvecs;
    if (r.failed && this.warnOnFail) {
      e.warn(`Fix qeq/reaxff CG convergence failed after ${Math.max(r.iterS, r.iterT)} iterations at step ${e.ntimestep}`);
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
