/**
 * All bonded ReaxFF terms in LAMMPS's order (src/REAXFF/reaxff_forces.cpp Compute_Bonded_Forces:
 * bond orders, bonds, atom energy, valence angles, torsions, hydrogen bonds), then the forces
 * through the bond-order derivatives (Compute_Total_Force).
 */
import type { ReaxffParams } from '../../../io/reaxff-ffield.js';
import type { AtomView, NeighborList } from '../types.js';
import { ReaxffWork, computeBondOrders, bondOrderForces, type ReaxffCutoffs } from './bond-order.js';
import { bondEnergy, atomEnergy } from './terms.js';
import { valenceAngles, hydrogenBonds } from './three-body.js';
import { torsions } from './four-body.js';

export interface ReaxffBondedEnergies {
  eb: number; ea: number; elp: number; ev: number; epen: number; ecoa: number; ehb: number; et: number; eco: number;
}

/** Groups of terms that share intermediates (tests switch them one at a time). */
export type ReaxffBondedGroup = 'bond' | 'lonepair' | 'overunder' | 'valence' | 'torsion' | 'hbond';
export const REAXFF_BONDED_GROUPS: readonly ReaxffBondedGroup[] = ['bond', 'lonepair', 'overunder', 'valence', 'torsion', 'hbond'];

export interface ReaxffBondedOptions {
  /** `enobonds yes` (LAMMPS default): lone-pair and under-coordination energy also for atoms without bonds. */
  enobonds: boolean;
  /** Only these groups (default: all): eb | elp | ea | ev+epen+ecoa | et+eco | ehb. */
  only?: readonly ReaxffBondedGroup[];
}

/**
 * Bonded energies of the owned atoms; dE/dx of the owned atoms in `w.g` (3*nlocal) and the
 * virial sum r (x) f (xx yy zz xy xz yz) of these forces in `w.virial`.
 */
export function reaxffBonded(w: ReaxffWork, p: ReaxffParams, typeMap: ArrayLike<number>, atoms: AtomView, list: NeighborList,
  cut: ReaxffCutoffs, opts: ReaxffBondedOptions, eatom: Float64Array | null = null): ReaxffBondedEnergies {
  computeBondOrders(w, p, typeMap, atoms, list, cut);
  w.g.fill(0, 0, 3 * w.n);
  w.virial.fill(0);
  const on = (g: ReaxffBondedGroup): boolean => !opts.only || opts.only.includes(g);
  const eb = on('bond') ? bondEnergy(w, p, eatom) : 0;
  const { elp, ea } = atomEnergy(w, p, opts.enobonds, eatom, on('lonepair'), on('overunder'));
  const { ev, epen, ecoa } = on('valence') ? valenceAngles(w, p, cut.thbCut, cut.thbCutSq, eatom) : { ev: 0, epen: 0, ecoa: 0 };
  const { et, eco } = on('torsion') ? torsions(w, p, cut.thbCut, eatom) : { et: 0, eco: 0 };
  const ehb = cut.hbondCut > 0 && on('hbond') ? hydrogenBonds(w, p, eatom) : 0;
  bondOrderForces(w);
  return { eb, ea, elp, ev, epen, ecoa, ehb, et, eco };
}

export { ReaxffWork };
