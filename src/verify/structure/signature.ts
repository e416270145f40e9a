/**
 * Common-neighbour signatures on a bond bit-matrix, shared by the adaptive and the conventional CNA.
 *
 * For a central atom with neighbours 0..nn-1 (nn ≤ 14), `bonds[a]` is the bit set of neighbours
 * bonded to neighbour a. The central atom is bonded to all of them, so the common neighbours of the
 * central atom and neighbour j are `bonds[j]`, and the CNA triple of the pair (Honeycutt & Andersen)
 * is (number of common neighbours, number of bonds among them, size in bonds of the largest
 * connected group of those bonds) — OVITO's definition (its "longest continuous chain").
 */

/** Number of set bits. */
export function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Bonds among the neighbours given by their deltas: |d_a − d_b|² ≤ cut2 (OVITO's test). */
export function bondMatrixDeltas(bonds: Uint32Array, delta: Float64Array, nn: number, cut2: number): void {
  for (let a = 0; a < nn; a++) bonds[a] = 0;
  for (let a = 0; a < nn; a++) {
    const ax = delta[3 * a], ay = delta[3 * a + 1], az = delta[3 * a + 2];
    let m = bonds[a];
    for (let b = a + 1; b < nn; b++) {
      const dx = ax - delta[3 * b], dy = ay - delta[3 * b + 1], dz = az - delta[3 * b + 2];
      if (dx * dx + dy * dy + dz * dz <= cut2) {
        m |= 1 << b;
        bonds[b] |= 1 << a;
      }
    }
    bonds[a] = m;
  }
}

const bondList = new Uint32Array(64);
const compAtoms = new Uint32Array(64);
const compBonds = new Int32Array(64);

/** Number of bonds among the atoms of the set `common` (bit set). */
export function countBonds(bonds: Uint32Array, common: number): number {
  let nb = 0;
  let rest = common;
  while (rest !== 0) {
    const a = 31 - Math.clz32(rest & -rest);
    rest &= rest - 1;
    nb += popcount(bonds[a] & rest);
  }
  return nb;
}

/**
 * Size (in bonds) of the largest connected group of bonds among the atoms of `common`.
 * Bonds sharing an atom are connected.
 */
export function maxChain(bonds: Uint32Array, common: number): number {
  // collect bonds as two-bit masks
  let nb = 0;
  let rest = common;
  while (rest !== 0) {
    const low = rest & -rest;
    const a = 31 - Math.clz32(low);
    rest &= rest - 1;
    let partners = bonds[a] & rest;
    while (partners !== 0) {
      const p = partners & -partners;
      partners &= partners - 1;
      if (nb < 64) bondList[nb++] = (low | p) >>> 0;
    }
  }
  // merge into connected groups
  let ncomp = 0;
  for (let b = 0; b < nb; b++) {
    let atoms = bondList[b];
    let count = 1;
    let c = 0;
    while (c < ncomp) {
      if ((compAtoms[c] & atoms) !== 0) {
        atoms |= compAtoms[c];
        count += compBonds[c];
        ncomp--;
        compAtoms[c] = compAtoms[ncomp];
        compBonds[c] = compBonds[ncomp];
      } else c++;
    }
    compAtoms[ncomp] = atoms;
    compBonds[ncomp] = count;
    ncomp++;
  }
  let best = 0;
  for (let c = 0; c < ncomp; c++) if (compBonds[c] > best) best = compBonds[c];
  return best;
}
