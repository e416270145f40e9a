/**
 * mulberry32: a tiny seeded uniform generator in [0, 1) for synthetic benchmark and test data
 * (lattice noise, random frames). Not LAMMPS's stream: src/engine/random.ts reproduces that.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
