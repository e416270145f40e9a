/**
 * Scalar twin of wasm/assembly/neighbor-fill.ts `neighborFill_f64x2_aos`: fill a CSR neighbour list
 * of the nlocal owned atoms from binned atoms, with the inclusion rules and the order of
 * engine/neighbor/neighbor-list.ts (stencil bins in stencil order, atoms in bin order; j != i and
 * r^2 <= cutsq; `half`: owned j only when j > i, ghost j only when "above" i: z_j > z_i, or equal
 * z and y_j > y_i, or equal z and y and x_j >= x_i). That is neighbor-list.ts's rule for atoms
 * without owner/image; the engine's own lists decide ghost ties on owner and image offset
 * (neighbor-list.ts ghostAbove), which this kernel pair does not take yet.
 *
 * Bins: nb0 x nb1 x nb2, bin b = (k*nb1 + j)*nb0 + i; binHead (nbins+1) is the CSR of the bins over
 * binAtoms; atomBin[i] is atom i's bin; stencil holds ns/3 offsets (di, dj, dk). Entries beyond
 * neighbors.length are counted, not stored. Writes offsets[0..nlocal]; returns the entries needed.
 */
export function neighborFill_aos(
  neighbors: Int32Array,
  offsets: Int32Array,
  x: Float64Array,
  nlocal: number,
  half: boolean,
  cutsq: number,
  binHead: Int32Array,
  binAtoms: Int32Array,
  atomBin: Int32Array,
  stencil: Int32Array,
  ns: number,
  nb0: number,
  nb1: number,
  nb2: number,
): number {
  const cap = neighbors.length;
  let n = 0;
  for (let i = 0; i < nlocal; i++) {
    offsets[i] = n;
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const b = atomBin[i];
    const bi = b % nb0, bj = Math.floor(b / nb0) % nb1, bk = Math.floor(b / (nb0 * nb1));
    for (let s = 0; s < ns; s += 3) {
      const ii = bi + stencil[s], jj = bj + stencil[s + 1], kk = bk + stencil[s + 2];
      if (ii < 0 || ii >= nb0 || jj < 0 || jj >= nb1 || kk < 0 || kk >= nb2) continue;
      const bb = (kk * nb1 + jj) * nb0 + ii;
      for (let p = binHead[bb], e = binHead[bb + 1]; p < e; p++) {
        const j = binAtoms[p];
        if (j === i) continue;
        const xj = x[3 * j], yj = x[3 * j + 1], zj = x[3 * j + 2];
        if (half) {
          if (j < nlocal) {
            if (j < i) continue;
          } else if (zj < zi || (zj === zi && (yj < yi || (yj === yi && xj < xi)))) continue;
        }
        const dx = xi - xj, dy = yi - yj, dz = zi - zj;
        if (dx * dx + dy * dy + dz * dz <= cutsq) {
          if (n < cap) neighbors[n] = j;
          n++;
        }
      }
    }
  }
  offsets[nlocal] = n;
  return n;
}
