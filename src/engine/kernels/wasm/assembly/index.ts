/** Entry of the AssemblyScript kernel module (asconfig.json): every exported kernel. */
export { pairLj_f64x2_aos } from './pair-lj';
export { meamScreen_f64x2_aos, meamScreenScratch } from './meam-screen';
export { meamDensities_aos } from './meam-densities';
export { reaxffNonbonded_f64_aos, reaxffTabulated_f64_aos, qeqH_f64_aos, qeqCg_f64 } from './reaxff';

/**
 * First byte above the module's static data (AssemblyScript's __heap_base): the lookup tables of
 * its Math.pow/exp live below it, so callers' buffers must start above it.
 */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * x^y by AssemblyScript's Math.pow (musl's pow.c, the algorithm of glibc >= 2.28, which LAMMPS
 * links): for JavaScript callers whose cost is V8's slower Math.pow (kernels/wasm/index.ts pow).
 */
export function pow(x: f64, y: f64): f64 {
  return Math.pow(x, y);
}
