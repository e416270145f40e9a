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

/** popcount of every 14-bit mask: neighbour sets of ≤ 14 neighbours are counted with one load. */
export const POP14 = (() => {
  const t = new Uint8Array(1 << 14);
  for (let v = 1; v < t.length; v++) t[v] = t[v >> 1] + (v & 1);
  return t;
})();

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

/**
 * Bonds among the atoms of `common` and the size (in bonds) of their largest connected group of
 * bonds (bonds sharing an atom are connected), packed as (bonds << 8) | largest.
 * Walks the components of the bond graph restricted to `common` with bit sets.
 */
export function bondsAndChain(bonds: Uint32Array, common: number): number {
  let rest = common;
  let total = 0, best = 0;
  while (rest !== 0) {
    let comp = rest & -rest;
    let frontier = comp;
    while (frontier !== 0) {
      const a = 31 - Math.clz32(frontier & -frontier);
      frontier &= frontier - 1;
      const nbrs = bonds[a] & common & ~comp;
      comp |= nbrs;
      frontier |= nbrs;
    }
    rest &= ~comp;
    let nb = 0;
    let c = comp;
    while (c !== 0) {
      const a = 31 - Math.clz32(c & -c);
      c &= c - 1;
      nb += popcount(bonds[a] & comp);
    }
    nb >>= 1;
    total += nb;
    if (nb > best) best = nb;
  }
  return (total << 8) | best;
}

/**
 * Bonds among the atoms of `common` and the largest number of them at one atom, packed as
 * (bonds << 8) | maxDegree. Cheap (popcounts only); enough to decide 421 vs 422 (two bonds share
 * an atom iff some atom has two) and 444 (4 bonds on 4 atoms are always connected).
 * Neighbour indices must be < 14 (masks below 2^14).
 */
export function bondsAndMaxDegree(bonds: Uint32Array, common: number): number {
  let rest = common;
  let twice = 0, maxd = 0;
  while (rest !== 0) {
    const a = 31 - Math.clz32(rest & -rest);
    rest &= rest - 1;
    const d = POP14[bonds[a] & common & 0x3fff];
    twice += d;
    if (d > maxd) maxd = d;
  }
  return ((twice >> 1) << 8) | maxd;
}

/** Row a of the bond matrix only: neighbours b ≠ a with |d_a − d_b|² ≤ cut2. */
export function bondRowDeltas(delta: Float64Array, nn: number, a: number, cut2: number): number {
  const ax = delta[3 * a], ay = delta[3 * a + 1], az = delta[3 * a + 2];
  let m = 0;
  for (let b = 0; b < nn; b++) {
    if (b === a) continue;
    const dx = ax - delta[3 * b], dy = ay - delta[3 * b + 1], dz = az - delta[3 * b + 2];
    if (dx * dx + dy * dy + dz * dz <= cut2) m |= 1 << b;
  }
  return m;
}
