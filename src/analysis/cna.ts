/**
 * Conventional (fixed-cutoff) common neighbour analysis as LAMMPS `compute cna/atom` defines it
 * (LAMMPS documentation, compute cna/atom; Faken & Jónsson, Comput. Mater. Sci. 2, 279 (1994);
 * Tsuzuki et al., Comput. Phys. Comm. 177, 518 (2007)).
 *
 * Neighbours of an atom: all atoms (periodic images included) with r² < rc² (strict). Atoms with
 * neither 12 nor 14 neighbours (LAMMPS stops counting at 16) are `other` (5). For each neighbour j:
 * common = neighbours of the atom that are also neighbours of j; bonds = pairs of common neighbours
 * with r² < rc²; maxbond/minbond = largest/smallest number of bonds of any common neighbour. LAMMPS
 * matches these per-pair quadruples (not the chain length of OVITO):
 *   12 neighbours: fcc 12×(4,2,1,1); hcp 6×(4,2,1,1) + 6×(4,2,2,0); ico 12×(5,5,2,2)
 *   14 neighbours: bcc 6×(4,4,2,2) + 8×(6,6,2,2)
 * anything else is other (5). LAMMPS numbering: 0 unknown (atom not in the compute group),
 * 1 fcc, 2 hcp, 3 bcc, 4 icosahedral, 5 other.
 *
 * Bond tests use positions, not deltas (x_j − x_k, as LAMMPS does with its ghost atoms), so the
 * squared distances are the same floating-point numbers LAMMPS compares.
 *
 * LAMMPS's limits: a neighbour list is cut at 16 entries (MAXNEAR) and a common list at 8. The
 * second never changes a class. The first does when a neighbour j of a 12/14-coordinated atom has
 * more than 16 neighbours itself. If j is a ghost atom (a periodic image outside the box, serial
 * LAMMPS) LAMMPS finds no common neighbours at all: the atom is `other`, and so it is here. If j is
 * owned, LAMMPS intersects with the first 16 entries of j's list in its neighbour-list order, which
 * we cannot know: we give the untruncated answer and flag the atom in `ambiguous`.
 */
import type { AtomFrame } from '../io/types.js';
import { NeighborGrid, cellFromBox, framePositions, type Cell } from './neighbors.js';
import { popcount } from './signature.js';

export const LMP_UNKNOWN = 0;
export const LMP_FCC = 1;
export const LMP_HCP = 2;
export const LMP_BCC = 3;
export const LMP_ICOS = 4;
export const LMP_OTHER = 5;
/** LAMMPS cna/atom pattern names, indexed by value. */
export const LAMMPS_CNA_NAMES = ['unknown', 'fcc', 'hcp', 'bcc', 'ico', 'other'] as const;

/** LAMMPS cna/atom value → OVITO structure type (unknown and other → 0). */
export function lammpsToOvito(v: number): number {
  return v >= 1 && v <= 4 ? v : 0;
}

const MAXNEAR = 16;

/** Scratch for one atom; no allocation per atom. */
class CnaScratch {
  readonly slot = new Int32Array(MAXNEAR + 1);
  readonly bonds = new Uint32Array(MAXNEAR);
}

/** LAMMPS pattern of one atom whose nn (12 or 14) neighbours' bond matrix is `bonds`. */
export function classifyFixed(nn: number, bonds: Uint32Array): number {
  let n4211 = 0, n4220 = 0, n5522 = 0, n4422 = 0, n6622 = 0;
  for (let j = 0; j < nn; j++) {
    const common = bonds[j];
    const nc = popcount(common);
    // bonds among the common neighbours and each one's bond count
    let nb = 0, maxb = 0, minb = 1 << 30;
    let rest = common;
    while (rest !== 0) {
      const a = 31 - Math.clz32(rest & -rest);
      rest &= rest - 1;
      const ba = popcount(bonds[a] & common);
      nb += ba;
      if (ba > maxb) maxb = ba;
      if (ba < minb) minb = ba;
    }
    nb >>= 1;
    if (nc === 0) minb = 8; // LAMMPS starts minbonds at MAXCOMMON
    if (nn === 12) {
      if (nc === 4 && nb === 2 && maxb === 1 && minb === 1) n4211++;
      else if (nc === 4 && nb === 2 && maxb === 2 && minb === 0) n4220++;
      else if (nc === 5 && nb === 5 && maxb === 2 && minb === 2) n5522++;
    } else {
      if (nc === 4 && nb === 4 && maxb === 2 && minb === 2) n4422++;
      else if (nc === 6 && nb === 6 && maxb === 2 && minb === 2) n6622++;
    }
  }
  if (nn === 12) {
    if (n4211 === 12) return LMP_FCC;
    if (n4211 === 6 && n4220 === 6) return LMP_HCP;
    if (n5522 === 12) return LMP_ICOS;
    return LMP_OTHER;
  }
  if (n4422 === 6 && n6622 === 8) return LMP_BCC;
  return LMP_OTHER;
}

export interface FixedCnaOptions {
  out?: Uint8Array;
  /** Atoms outside the compute group (mask 0) get 0 = unknown, as in LAMMPS. */
  group?: Uint8Array;
  /** Set to 1 for atoms whose LAMMPS answer depends on LAMMPS's neighbour-list order (see above). */
  ambiguous?: Uint8Array;
}

/**
 * Conventional CNA of every atom with cutoff rc (LAMMPS `compute cna/atom rc`).
 * Returns LAMMPS values (0 unknown, 1 fcc, 2 hcp, 3 bcc, 4 ico, 5 other).
 */
export function fixedCna(pos: Float64Array, natoms: number, cell: Cell, rc: number, opts: FixedCnaOptions = {}): Uint8Array {
  if (!(rc > 0) || !Number.isFinite(rc)) throw new Error(`CNA cutoff must be positive, got ${rc}`);
  const out = opts.out ?? new Uint8Array(natoms);
  if (natoms === 0) return out;
  const grid = new NeighborGrid(pos, natoms, cell, rc);
  const s = new CnaScratch();
  const cut2 = rc * rc;
  const P = grid.xyz, atomOf = grid.atom;
  // neighbour counts of every atom (capped), for LAMMPS's 16-entry limit on neighbours' lists
  const count = new Uint8Array(natoms);
  for (let i = 0; i < natoms; i++) count[i] = Math.min(grid.within(i, cut2, s.slot, MAXNEAR + 1), 255);
  if (opts.ambiguous) opts.ambiguous.fill(0, 0, natoms);
  for (let i = 0; i < natoms; i++) {
    if (opts.group && !opts.group[i]) {
      out[i] = LMP_UNKNOWN;
      continue;
    }
    const n = count[i];
    if (n !== 12 && n !== 14) {
      out[i] = LMP_OTHER;
      continue;
    }
    grid.within(i, cut2, s.slot, MAXNEAR + 1);
    let ghostCrowded = false, ownedCrowded = false;
    for (let a = 0; a < n; a++) {
      const sa = s.slot[a], j = atomOf[sa];
      if (count[j] > MAXNEAR) {
        if (grid.slotOf[j] === sa) ownedCrowded = true;
        else ghostCrowded = true;
      }
    }
    if (ghostCrowded) {
      out[i] = LMP_OTHER;
      continue;
    }
    if (ownedCrowded && opts.ambiguous) opts.ambiguous[i] = 1;
    const b = s.bonds;
    for (let a = 0; a < n; a++) b[a] = 0;
    for (let a = 0; a < n; a++) {
      const sa = s.slot[a];
      const xa = P[3 * sa], ya = P[3 * sa + 1], za = P[3 * sa + 2];
      for (let c = a + 1; c < n; c++) {
        const sc = s.slot[c];
        const dx = xa - P[3 * sc], dy = ya - P[3 * sc + 1], dz = za - P[3 * sc + 2];
        if (dx * dx + dy * dy + dz * dz < cut2) {
          b[a] |= 1 << c;
          b[c] |= 1 << a;
        }
      }
    }
    out[i] = classifyFixed(n, b);
  }
  return out;
}

/** Conventional CNA of a frame. */
export function fixedCnaFrame(frame: AtomFrame, rc: number, opts: FixedCnaOptions = {}): Uint8Array {
  return fixedCna(framePositions(frame), frame.natoms, cellFromBox(frame.box), rc, opts);
}
