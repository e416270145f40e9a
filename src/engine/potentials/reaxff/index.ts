/**
 * `pair_style reaxff CONTROL|NULL [checkqeq yes|no] [lgvdw yes|no] [safezone F] [mincap N]
 * [minhbonds N] [enobonds yes|no] [list/blocking yes|no]` (also `reax/c`) with
 * `pair_coeff * * FFIELD El|NULL ...`, as LAMMPS src/REAXFF/pair_reaxff.cpp (29 Sep 2021):
 * ReaxFF (van Duin et al., J. Phys. Chem. A 105, 9396 (2001)) with the bonded terms of bonded.ts
 * and the non-bonded ones of nonbonded.ts. Cutoff max(swb, hbond_cutoff, nbrhood_cutoff) over a
 * half list (PairReaxFF::init_one). Charges come from atoms.q (set by fix qeq/reaxff).
 * The style asks the engine for a FULL list: the bond orders need every neighbour of every atom
 * within the bond cutoff. The non-bonded terms take each pair of it once (`halfFromFull`), by owner
 * index and, for an atom's pair with its own image, by the sign of the lattice vector, as LAMMPS
 * derives its half list from the full one (npair_halffull_newton.cpp); no second list is built.
 * `compute ID all pair reaxff` gives the 14 parts of `pvector` (emol and efi are 0, as in LAMMPS);
 * thermo evdwl is everything but ep + eqeq, ecoul = ep + eqeq (PairReaxFF::compute).
 * safezone, mincap and minhbonds size LAMMPS's fixed-capacity lists; they are checked and accepted
 * here, where lists grow as needed. list/blocking (a KOKKOS option) is accepted and ignored as LAMMPS
 * 4 Feb 2025 does for plain reaxff (29 Sep 2021 still calls it an illegal keyword). checkqeq: as LAMMPS, a run without fix
 * qeq/reaxff (or qeq/shielded) is refused unless `checkqeq no` (then the charges stay as they are).
 */
import type { AtomView, ComputeFlags, ForceAccumulator, NeighborList, PairStyle, PairStyleContext, PairStyleFactory } from '../types.js';
import { UsageError } from '../../../io/errors.js';
import { readReaxffFfield, resolveReaxffParams, reaxffTypeMap, type ReaxffParams } from '../../../io/reaxff-ffield.js';
import { readReaxffControl, defaultReaxffControl, type ReaxffControl } from '../../../io/reaxff-control.js';
import { ReaxffWork, reaxffBonded } from './bonded.js';
import type { ReaxffCutoffs } from './bond-order.js';
import { reaxffNonbonded, buildReaxffLongRangeTable, type ReaxffLongRangeTable } from './nonbonded.js';

/** LAMMPS's `compute pair reaxff` vector, in order (c_ID[1..14]). */
export const REAXFF_PVECTOR = ['eb', 'ea', 'elp', 'emol', 'ev', 'epen', 'ecoa', 'ehb', 'et', 'eco', 'ew', 'ep', 'efi', 'eqeq'] as const;

export interface ReaxffStyleOptions {
  control: ReaxffControl;
  controlFile: string | null;
  checkqeq: boolean;
  lgvdw: boolean;
  enobonds: boolean;
  safezone: number;
  mincap: number;
  minhbonds: number;
  listBlocking: boolean;
}

/** Parse the words after `pair_style reaxff`; `where` names the input line for errors. */
export function parseReaxffStyleArgs(args: string[], resolve: (f: string) => string, where: string): ReaxffStyleOptions {
  if (args.length < 1) throw new UsageError(`${where}: pair_style reaxff: expected a control file or NULL`);
  const controlFile = args[0] === 'NULL' ? null : resolve(args[0]);
  const control = controlFile === null ? defaultReaxffControl() : readReaxffControl(controlFile);
  const o: ReaxffStyleOptions = { control, controlFile, checkqeq: true, lgvdw: false, enobonds: true, safezone: 1.2, mincap: 50, minhbonds: 25, listBlocking: false };
  const yesno = (kw: string, v: string | undefined): boolean => {
    if (v === 'yes') return true;
    if (v === 'no') return false;
    throw new UsageError(`${where}: pair_style reaxff ${kw}: expected yes or no, found ${v === undefined ? 'nothing' : `'${v}'`}`);
  };
  const num = (kw: string, v: string | undefined, int: boolean): number => {
    const x = v === undefined ? NaN : Number(v);
    if (!Number.isFinite(x) || (int && !Number.isInteger(x)) || x < 0) {
      throw new UsageError(`${where}: pair_style reaxff ${kw}: expected a ${int ? 'whole number' : 'number'} >= 0, found ${v === undefined ? 'nothing' : `'${v}'`}`);
    }
    return x;
  };
  for (let k = 1; k < args.length; k += 2) {
    const kw = args[k], v = args[k + 1];
    switch (kw) {
      case 'checkqeq': o.checkqeq = yesno(kw, v); break;
      case 'lgvdw': o.lgvdw = yesno(kw, v); break;
      case 'enobonds': o.enobonds = yesno(kw, v); break;
      case 'list/blocking': o.listBlocking = yesno(kw, v); break;
      case 'safezone': o.safezone = num(kw, v, false); break;
      case 'mincap': o.mincap = num(kw, v, true); break;
      case 'minhbonds': o.minhbonds = num(kw, v, true); break;
      default:
        throw new UsageError(`${where}: pair_style reaxff: unknown keyword '${kw}' (expected checkqeq, lgvdw, enobonds, safezone, mincap, minhbonds or list/blocking)`);
    }
  }
  return o;
}

export class PairReaxff implements PairStyle {
  readonly neighborKind = 'full' as const;
  readonly computesVirial = true;
  readonly pvector = REAXFF_PVECTOR;
  cutoff = 0;
  params: ReaxffParams | null = null;
  typeMap: number[] = [];
  readonly opts: ReaxffStyleOptions;
  readonly cut: ReaxffCutoffs;
  private table: ReaxffLongRangeTable | null = null;
  /** Bonds, bond orders and lone pairs of the last compute (fix reaxff/bonds reads them). */
  readonly work = new ReaxffWork();
  private ctx: PairStyleContext;
  private half: HalfList = { list: { full: false, inum: 0, offsets: new Int32Array(1), neighbors: new Int32Array(0), cutneigh: 0 }, of: null, builds: -1 };

  constructor(readonly name: string, args: string[], ctx: PairStyleContext) {
    this.ctx = ctx;
    const w = ctx.where();
    this.opts = parseReaxffStyleArgs(args, (f) => ctx.resolvePotentialFile(f), `${w.file}:${w.line}`);
    const c = this.opts.control;
    this.cut = { bondCut: c.bond_cut, hbondCut: c.hbond_cut, thbCut: c.thb_cut, thbCutSq: c.thb_cutsq, nonbCut: NaN };
  }

  coeff(args: string[]): void {
    const w = this.ctx.where();
    const at = `${w.file}:${w.line}`;
    if (args.length !== 3 + this.ctx.ntypes) {
      throw new UsageError(`${at}: pair_coeff for reaxff: expected * * FFIELD and ${this.ctx.ntypes} element names (one per atom type), found '${args.join(' ')}'`);
    }
    if (args[0] !== '*' || args[1] !== '*') throw new UsageError(`${at}: pair_coeff for reaxff: the first two arguments must be * *, found '${args[0]} ${args[1]}'`);
    const ff = readReaxffFfield(this.ctx.resolvePotentialFile(args[2]), { lgvdw: this.opts.lgvdw });
    this.params = resolveReaxffParams(ff);
    this.typeMap = reaxffTypeMap(ff, args.slice(3));
    this.cut.nonbCut = this.params.swb;
    this.cutoff = Math.max(this.params.swb, this.cut.hbondCut, this.cut.bondCut);
    const tab = this.opts.control.tabulate;
    this.table = tab > 0 ? buildReaxffLongRangeTable(this.params, tab, this.opts.lgvdw, this.typeMap) : null;
  }

  init(ntypes: number, fixStyles?: readonly string[]): void {
    if (!this.params) throw new UsageError(`pair style ${this.name}: pair_coeff * * FFIELD ... was not given`);
    if (this.typeMap.length !== ntypes) throw new UsageError(`pair style ${this.name}: pair_coeff mapped ${this.typeMap.length} atom types, the system has ${ntypes}`);
    // LAMMPS PairReaxFF::init_style: "Pair reaxff requires use of fix qeq/reaxff or qeq/shielded"
    if (this.opts.checkqeq && fixStyles && !fixStyles.some((f) => /^qeq\/reax|^qeq\/shielded/.test(f))) {
      throw new UsageError(`pair style ${this.name} requires fix qeq/reaxff or qeq/shielded (as LAMMPS); to run with the charges as they are, write 'pair_style ${this.name} ... checkqeq no'`);
    }
  }

  /**
   * Per-type QEq parameters for fix qeq/reaxff (LAMMPS PairReaxFF::extract): 'chi', 'eta' (the
   * stored 2 * eta of the ffield) and 'gamma' of each type's element (index type - 1), 0 for NULL
   * types; null for other names.
   */
  extract(name: string): Float64Array | null {
    const p = this.params;
    if (!p || (name !== 'chi' && name !== 'eta' && name !== 'gamma')) return null;
    return Float64Array.from(this.typeMap, (e) => (e >= 0 ? p.sbp[e][name] : 0));
  }

  compute(atoms: AtomView, list: NeighborList, acc: ForceAccumulator, flags: ComputeFlags): void {
    const p = this.params;
    if (!p) throw new UsageError(`pair style ${this.name}: pair_coeff * * FFIELD ... was not given`);
    if (!atoms.q) throw new UsageError(`pair style ${this.name} requires atom attribute q (atom_style charge or full), as LAMMPS`);
    // a list made by halfFromFull is a new object whenever its content changes (kernels may keep a copy)
    const stable = list.full;
    if (list.full) list = halfFromFull(this.half, atoms, list);
    const eatom = flags.wantEatom && acc.eatom ? acc.eatom : undefined;
    const f = acc.f;
    // non-bonded: forces on owned and ghost atoms; virial as sum x f over all of them (f starts at 0)
    const nb = reaxffNonbonded(p, this.typeMap, atoms, list, acc, eatom, this.opts.lgvdw, this.table, stable);
    const v = acc.virial;
    const x = atoms.x;
    for (let k = 0, e = 3 * atoms.nall; k < e; k += 3) {
      v[0] += x[k] * f[k]; v[1] += x[k + 1] * f[k + 1]; v[2] += x[k + 2] * f[k + 2];
      v[3] += x[k] * f[k + 1]; v[4] += x[k] * f[k + 2]; v[5] += x[k + 1] * f[k + 2];
    }
    // bonded: forces on owned atoms and their own virial (bond-order.ts)
    const w = this.work;
    const b = reaxffBonded(w, p, this.typeMap, atoms, list, this.cut, { enobonds: this.opts.enobonds }, eatom ?? null);
    for (let k = 0; k < 3 * w.n; k++) f[k] -= w.g[k];
    for (let k = 0; k < 6; k++) v[k] += w.virial[k];
    const parts: Record<string, number> = { ...b, emol: 0, ew: nb.ew, ep: nb.ep, efi: 0, eqeq: nb.eqeq };
    const evdwl = b.eb + b.ea + b.elp + b.ev + b.epen + b.ecoa + b.ehb + b.et + b.eco + nb.ew;
    const ecoul = nb.ep + nb.eqeq;
    parts.evdwl = evdwl;
    parts.ecoul = ecoul;
    acc.energy += evdwl + ecoul;
    acc.parts = acc.parts ? Object.assign(acc.parts, parts) : parts;
  }
}

interface HalfList { list: NeighborList; of: NeighborList | null; builds: number }

/**
 * Each pair of a full list once (newton on): owned j when j > i; a ghost j when its owner is > i;
 * an image of i itself when the lattice vector x_j - x_i is positive in z, else y, else x (of the
 * two images +s and -s exactly one is kept). Kept until the full list is rebuilt.
 */
export function halfFromFull(h: HalfList, atoms: AtomView, full: NeighborList): NeighborList {
  const builds = (full as { builds?: number }).builds;
  if (builds !== undefined && h.of === full && h.builds === builds) return h.list;
  const { owner, x } = atoms;
  const n = full.inum;
  const off = h.list.offsets.length >= n + 1 ? h.list.offsets : new Int32Array(n + 1);
  let nb = h.list.neighbors;
  if (nb.length < full.offsets[n]) nb = new Int32Array(full.offsets[n]);
  let m = 0;
  off[0] = 0;
  for (let i = 0; i < n; i++) {
    for (let k = full.offsets[i]; k < full.offsets[i + 1]; k++) {
      const j = full.neighbors[k];
      const o = owner[j];
      let keep: boolean;
      if (o !== i) keep = o > i;
      else {
        const sz = x[3 * j + 2] - x[3 * i + 2], sy = x[3 * j + 1] - x[3 * i + 1], sx = x[3 * j] - x[3 * i];
        const eps = 1e-6;
        keep = sz > eps || (Math.abs(sz) <= eps && (sy > eps || (Math.abs(sy) <= eps && sx > 0)));
      }
      if (keep) nb[m++] = j;
    }
    off[i + 1] = m;
  }
  h.list = { full: false, inum: n, offsets: off, neighbors: nb, cutneigh: full.cutneigh };
  h.of = full;
  h.builds = builds ?? -1;
  return h.list;
}

export const reaxffFactory: PairStyleFactory = {
  create(args: string[], ctx: PairStyleContext): PairStyle {
    return new PairReaxff('reaxff', args, ctx);
  },
};
