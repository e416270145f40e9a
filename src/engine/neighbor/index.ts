export { NeighborListBuffer, buildNeighborList, bruteForceNeighborList, type NeighborKind, type NeighborAtoms } from './neighbor-list.js';
export { NeighborRebuildPolicy } from './rebuild-policy.js';
