/**
 * Adaptive common neighbour analysis (a-CNA), as OVITO's CommonNeighborAnalysisModifier defines it
 * (A. Stukowski, Modelling Simul. Mater. Sci. Eng. 20, 045021 (2012), Sec. 2.2).
 *
 * For each atom, with its neighbours sorted by distance r_1 ≤ r_2 ≤ ...:
 *  1. fewer than 12 neighbours in the whole system → other.
 *  2. fcc/hcp/ico: local cutoff r_cut = (1+√2)/2 · (1/12)·Σ_{j≤12} r_j. Two of the 12 neighbours are
 *     bonded when |d_a − d_b|² ≤ r_cut². Each of the 12 pairs (atom, neighbour) must have signature
 *     421, 422 or 555 (common neighbours, bonds among them, largest bond chain); 12×421 → fcc,
 *     6×421 + 6×422 → hcp, 12×555 → ico.
 *  3. otherwise, with ≥ 14 neighbours, bcc: r_cut = 1.207 · (1/14)·(Σ_{j≤8} (2/√3) r_j + Σ_{9≤j≤14} r_j),
 *     bonds among the 14 as above, 8×666 + 6×444 → bcc.
 *  4. otherwise other.
 * The constants are OVITO 3.x's literals (CommonNeighborAnalysisModifier::determineStructureAdaptive):
 * the fcc factor (1.0f + sqrt(2.0f))·0.5f taken in single precision, the bcc factor 1.207f, and
 * 2/√3 entering as sqrt(r²/(3/4)); everything else is double. (Whether OVITO's compiler evaluates
 * sqrt(2.0f) in float or double, and older OVITO's double 1.207, move the cutoff by ~1e-8 relative:
 * only a bond within 1e-8 of its cutoff could be classified differently.)
 *
 * Neighbours are the exact k nearest, periodic images included (a box smaller than the neighbour
 * shells, e.g. 1×1×1 bcc, uses images of images and of the atom itself), as OVITO's
 * NearestNeighborFinder; with open boundaries an atom may have fewer than 12 or 14 (→ other).
 *
 * Numbering is OVITO's: 0 other, 1 fcc, 2 hcp, 3 bcc, 4 ico.
 */
import type { AtomFrame } from '../io/types.js';
import { KernelMemoryError, kernelGridBuilder, runAcnaKernel } from './acna-wasm.js';
import { NearestFinder, cellFromBox, framePositions, type Cell } from './neighbors.js';
import { POP14, bondMatrixDeltas, bondRowDeltas, bondsAndChain, bondsAndMaxDegree } from './signature.js';

export const OTHER = 0;
export const FCC = 1;
export const HCP = 2;
export const BCC = 3;
export const ICO = 4;
/** OVITO's structure type names, indexed by type. */
export const STRUCTURE_NAMES = ['other', 'fcc', 'hcp', 'bcc', 'ico'] as const;

/** OVITO: localScaling / 12 * (1.0f + sqrt(2.0f)) * 0.5f. */
const FCC_FACTOR = Math.fround(1 + Math.fround(Math.SQRT2));
/** OVITO: localScaling / 14 * 1.207f. */
const BCC_FACTOR = Math.fround(1.207);

/** Scratch for one atom's classification; one per caller, no allocation per atom. */
export class AcnaScratch {
  readonly delta = new Float64Array(14 * 3);
  readonly d2 = new Float64Array(14);
  readonly slot = new Int32Array(14);
  readonly bonds = new Uint32Array(14);
  /** Bond masks under the bcc cutoff (`bonds` holds those under the fcc cutoff). */
  readonly bonds14 = new Uint32Array(14);
}

/**
 * classifyAdaptive in one pass over the 91 neighbour pairs: both local cutoffs depend on the
 * neighbour distances only, so each pair distance is computed once and compared with both
 * (branch-free: a bond is a coin flip to the branch predictor), and a bcc atom, which both tests
 * see, needs no second pass. The same comparisons on the same numbers as classifyAdaptive, so the
 * same class for every input (test/analysis/acna-fast.test.ts).
 */
export function classifyAdaptiveFast(nn: number, delta: Float64Array, d2: Float64Array, bonds: Uint32Array, bonds14: Uint32Array): number {
  if (nn < 12) return OTHER;
  let sum = 0;
  for (let j = 0; j < 12; j++) sum += Math.sqrt(d2[j]);
  const cut12 = ((sum / 12) * FCC_FACTOR) * 0.5;
  const c12 = cut12 * cut12;
  let c14 = -1; // no bonds when there are no 14 neighbours
  if (nn >= 14) {
    sum = 0;
    for (let j = 0; j < 8; j++) sum += Math.sqrt(d2[j] / 0.75);
    for (let j = 8; j < 14; j++) sum += Math.sqrt(d2[j]);
    const cut = (sum / 14) * BCC_FACTOR;
    c14 = cut * cut;
  }
  bonds[0] = 0;
  bonds14[0] = 0;
  for (let b = 1; b < 12; b++) {
    const bx = delta[3 * b], by = delta[3 * b + 1], bz = delta[3 * b + 2];
    let m12 = 0, m14 = 0;
    for (let a = 0; a < b; a++) {
      const dx = delta[3 * a] - bx, dy = delta[3 * a + 1] - by, dz = delta[3 * a + 2] - bz;
      const r2 = dx * dx + dy * dy + dz * dz;
      const t12 = Number(r2 <= c12), t14 = Number(r2 <= c14);
      m12 |= t12 << a;
      m14 |= t14 << a;
      bonds[a] |= t12 << b;
      bonds14[a] |= t14 << b;
    }
    bonds[b] = m12;
    bonds14[b] = m14;
  }
  // ---- 12 neighbours: fcc, hcp, ico (OVITO's first test)
  const nc0 = POP14[bonds[0]];
  if (nc0 === 4 || nc0 === 5) {
    let n421 = 0, n422 = 0, n555 = 0;
    for (let j = 0; j < 12; j++) {
      const common = bonds[j];
      const nc = POP14[common];
      if (nc === 4) {
        const bd = bondsAndMaxDegree(bonds, common);
        if (bd >> 8 !== 2) break;
        if ((bd & 0xff) === 1) n421++;
        else n422++;
      } else if (nc === 5) {
        if (bondsAndMaxDegree(bonds, common) >> 8 !== 5 || bondsAndChain(bonds, common) !== ((5 << 8) | 5)) break;
        n555++;
      } else break;
    }
    if (n421 === 12) return FCC;
    if (n421 === 6 && n422 === 6) return HCP;
    if (n555 === 12) return ICO;
  }
  // ---- 14 neighbours: bcc
  if (nn < 14) return OTHER;
  for (let b = 12; b < 14; b++) {
    const bx = delta[3 * b], by = delta[3 * b + 1], bz = delta[3 * b + 2];
    let m14 = 0;
    for (let a = 0; a < b; a++) {
      const dx = delta[3 * a] - bx, dy = delta[3 * a + 1] - by, dz = delta[3 * a + 2] - bz;
      const t14 = Number(dx * dx + dy * dy + dz * dz <= c14);
      m14 |= t14 << a;
      bonds14[a] |= t14 << b;
    }
    bonds14[b] = m14;
  }
  let n444 = 0, n666 = 0;
  for (let j = 0; j < 14; j++) {
    const common = bonds14[j];
    const nc = POP14[common];
    if (nc === 4) {
      if (bondsAndMaxDegree(bonds14, common) >> 8 !== 4) break;
      n444++;
    } else if (nc === 6) {
      const bd = bondsAndMaxDegree(bonds14, common);
      if (bd >> 8 !== 6) break;
      if ((bd & 0xff) === 2 ? hasTriangle(bonds14, common) : bondsAndChain(bonds14, common) !== ((6 << 8) | 6)) break;
      n666++;
    } else break;
  }
  if (n666 === 8 && n444 === 6) return BCC;
  return OTHER;
}

/**
 * Class of one atom from its nn nearest neighbours (deltas neighbour − atom and squared distances,
 * sorted by distance; nn ≤ 14 is how many the system offers).
 */
export function classifyAdaptive(nn: number, delta: Float64Array, d2: Float64Array, bonds: Uint32Array): number {
  if (nn < 12) return OTHER;
  // ---- 12 neighbours: fcc, hcp, ico
  let sum = 0;
  for (let j = 0; j < 12; j++) sum += Math.sqrt(d2[j]);
  let cut = ((sum / 12) * FCC_FACTOR) * 0.5;
  let cut2 = cut * cut;
  // OVITO examines neighbour 0 first and stops at the first bad pair: test its row alone first
  const nc0 = POP14[bondRowDeltas(delta, 12, 0, cut2)];
  let n421 = 0, n422 = 0, n555 = 0;
  if (nc0 === 4 || nc0 === 5) {
    bondMatrixDeltas(bonds, delta, 12, cut2);
    for (let j = 0; j < 12; j++) {
      const common = bonds[j];
      const nc = POP14[common];
      if (nc === 4) {
        // 2 bonds among 4 atoms: one chain of 2 if they share an atom (an atom of degree 2), else two of 1
        const bd = bondsAndMaxDegree(bonds, common);
        if (bd >> 8 !== 2) break;
        if ((bd & 0xff) === 1) n421++;
        else n422++;
      } else if (nc === 5) {
        if (bondsAndMaxDegree(bonds, common) >> 8 !== 5 || bondsAndChain(bonds, common) !== ((5 << 8) | 5)) break;
        n555++;
      } else break;
    }
    if (n421 === 12) return FCC;
    if (n421 === 6 && n422 === 6) return HCP;
    if (n555 === 12) return ICO;
  }
  // ---- 14 neighbours: bcc
  if (nn < 14) return OTHER;
  sum = 0;
  for (let j = 0; j < 8; j++) sum += Math.sqrt(d2[j] / 0.75);
  for (let j = 8; j < 14; j++) sum += Math.sqrt(d2[j]);
  cut = (sum / 14) * BCC_FACTOR;
  cut2 = cut * cut;
  bondMatrixDeltas(bonds, delta, 14, cut2);
  let n444 = 0, n666 = 0;
  for (let j = 0; j < 14; j++) {
    const common = bonds[j];
    const nc = POP14[common];
    if (nc === 4) {
      // 4 bonds among 4 atoms are always one connected chain of 4
      if (bondsAndMaxDegree(bonds, common) >> 8 !== 4) break;
      n444++;
    } else if (nc === 6) {
      const bd = bondsAndMaxDegree(bonds, common);
      if (bd >> 8 !== 6) break;
      // 6 bonds on 6 atoms, all of degree 2: a 6-ring (chain 6) unless two triangles
      if ((bd & 0xff) === 2 ? hasTriangle(bonds, common) : bondsAndChain(bonds, common) !== ((6 << 8) | 6)) break;
      n666++;
    } else break;
  }
  if (n666 === 8 && n444 === 6) return BCC;
  return OTHER;
}

/** In a graph where every atom of `common` has degree 2: is some atom's pair of neighbours bonded? */
function hasTriangle(bonds: Uint32Array, common: number): boolean {
  const a = 31 - Math.clz32(common & -common);
  const nb = bonds[a] & common;
  const p = 31 - Math.clz32(nb & -nb);
  const q = 31 - Math.clz32(nb & (nb - 1));
  // with all degrees 2 the graph is one 6-cycle or two triangles; atom a lies in a triangle iff its
  // two neighbours are bonded, and then the other three atoms form the second triangle
  return (bonds[p] & (1 << q)) !== 0;
}

export interface AcnaOptions {
  /** Write the classes here (length ≥ natoms) instead of a new array. */
  out?: Uint8Array;
  /** Search radius of the first neighbour grid (default: from the density, ~16 neighbours). */
  radius?: number;
  /** 'scalar': the TypeScript path only (default: the WebAssembly kernel when it loads; same classes). */
  kernel?: 'wasm' | 'scalar';
  /**
   * Threads for the WebAssembly kernel (default 1): workers over a shared memory
   * (acna-threads.ts), the same classes for any count. The TypeScript path runs on one thread.
   */
  threads?: number;
}

/**
 * Adaptive CNA of every atom. `pos` holds Cartesian x y z per atom (any image; wrapped here).
 * Returns OVITO structure types (0 other, 1 fcc, 2 hcp, 3 bcc, 4 ico).
 */
export function adaptiveCna(pos: Float64Array, natoms: number, cell: Cell, opts: AcnaOptions = {}): Uint8Array {
  const out = opts.out ?? new Uint8Array(natoms);
  if (natoms === 0) return out;
  // the WebAssembly twin (acna-wasm.ts) builds the first grid in its memory and does every atom
  // that grid answers, in one call; the few it leaves (255: short of 14 points within the radius)
  // take the TypeScript path
  const threads = opts.threads ?? 1;
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`a-CNA threads: expected a positive integer, found ${threads}`);
  const external = opts.kernel !== 'scalar' ? kernelGridBuilder(pos, natoms, cell, threads) : null;
  let finder: NearestFinder;
  try {
    finder = new NearestFinder(pos, natoms, cell, 14, opts.radius, external ?? undefined);
  } catch (e) {
    if (!(e instanceof KernelMemoryError)) throw e;
    finder = new NearestFinder(pos, natoms, cell, 14, opts.radius); // too large for the kernel's memory
  }
  const s = new AcnaScratch();
  if (opts.kernel !== 'scalar' && runAcnaKernel(finder, natoms, out, FCC_FACTOR, BCC_FACTOR, threads) >= 0) {
    for (let i = 0; i < natoms; i++) {
      if (out[i] !== 255) continue;
      const nn = finder.query(i, s.delta, s.d2, s.slot);
      out[i] = classifyAdaptiveFast(nn, s.delta, s.d2, s.bonds, s.bonds14);
    }
    return out;
  }
  // visit atoms in the grid's memory order (spatially sorted): neighbours stay in cache
  const atom = finder.grid.atom, slotOf = finder.grid.slotOf;
  for (let slot = 0; slot < atom.length; slot++) {
    const i = atom[slot];
    if (slotOf[i] !== slot) continue; // a periodic image
    const nn = finder.query(i, s.delta, s.d2, s.slot);
    out[i] = classifyAdaptiveFast(nn, s.delta, s.d2, s.bonds, s.bonds14);
  }
  return out;
}

/** Adaptive CNA of a frame (positions from x y z, xu yu zu or xs ys zs; box from the frame). */
export function adaptiveCnaFrame(frame: AtomFrame, opts: AcnaOptions = {}): Uint8Array {
  return adaptiveCna(framePositions(frame), frame.natoms, cellFromBox(frame.box), opts);
}

/** Counts per OVITO structure type (index = type). */
export function countTypes(types: Uint8Array, ntypes: number = STRUCTURE_NAMES.length, natoms: number = types.length): number[] {
  const c = new Array<number>(ntypes).fill(0);
  for (let i = 0; i < natoms; i++) c[types[i]]++;
  return c;
}
