/** Entry of the AssemblyScript kernel module (asconfig.json): every exported kernel. */
export { pairLj_f64x2_aos } from './pair-lj';
export { neighborFill_f64x2_aos } from './neighbor-fill';
export { meamScreen_f64x2_aos, meamScreenScratch } from './meam-screen';
export { meamDensities_aos } from './meam-densities';
