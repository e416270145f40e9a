export { type SimBox, simBoxFromBox, makeSimBox, setBoxTilt, boxVolume, x2lamda, lamda2x, minimumImage, pbc, unmap } from './box.js';
export { GhostAtoms, buildGhosts, updateGhosts, foldGhostForces, foldGhostScalar } from './ghosts.js';
