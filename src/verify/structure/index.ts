/** Structure analysis: adaptive CNA (OVITO), conventional CNA (LAMMPS cna/atom), distance clusters. */
export { adaptiveCna, adaptiveCnaFrame, classifyAdaptive, classifyAdaptiveFast, countTypes, AcnaScratch, STRUCTURE_NAMES, OTHER, FCC, HCP, BCC, ICO } from './acna.js';
export type { AcnaOptions, StructureName } from './acna.js';
export { fixedCna, fixedCnaFrame, classifyFixed, lammpsToOvito, LAMMPS_CNA_NAMES, LMP_UNKNOWN, LMP_FCC, LMP_HCP, LMP_BCC, LMP_ICOS, LMP_OTHER } from './cna.js';
export type { FixedCnaOptions } from './cna.js';
export { clusterAtoms, clusterAtomsFrame, clusterSizes, sizeDistribution, clusterMismatches } from './cluster.js';
export type { ClusterOptions, SizeRow } from './cluster.js';
export { NeighborGrid, NearestFinder, cellFromBox, cellWidths, framePositions } from './neighbors.js';
export type { Cell } from './neighbors.js';
