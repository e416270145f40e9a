/**
 * Compute styles: one row per style, name -> factory (LAMMPS's `ComputeStyle(temp,ComputeTemp)`
 * lines). The `compute` command, thermo c_ references and dumps find computes through here.
 */
import type { Engine } from '../engine.js';
import type { ComputeFactory } from './compute.js';
import { computeTemp } from './temp.js';
import { ComputeTempPartial } from './temp-partial.js';
import { ComputeTempRegion } from './temp-region.js';
import { ComputeTempRamp } from './temp-ramp.js';
import { ComputeTempDeform } from './temp-deform.js';
import { computePressure } from './pressure.js';
import { computePe } from './pe.js';
import { computeKe } from './ke.js';
import { computePeAtom } from './pe-atom.js';
import { computeKeAtom } from './ke-atom.js';
import { computePair } from './pair.js';
import { computeMsd } from './msd.js';
import { computeRdf } from './rdf.js';
import { computeCom } from './com.js';
import { computeGyration } from './gyration.js';
import { computeReduce } from './reduce.js';
import { computeCnaAtom } from './cna-atom.js';
import { computeClusterAtom } from './cluster-atom.js';

export type { Compute, ComputeFactory, ComputeArray } from './compute.js';
export { findCompute, findTempCompute, computeValue, perAtomValue } from './lookup.js';
export { TempCompute, isTemp } from './temp-base.js';

export const COMPUTE_STYLES = new Map<string, ComputeFactory<Engine>>([
  ['temp', computeTemp],
  ['temp/partial', (id, group, args, e) => new ComputeTempPartial(id, group, args, e)],
  ['temp/region', (id, group, args, e) => new ComputeTempRegion(id, group, args, e)],
  ['temp/ramp', (id, group, args, e) => new ComputeTempRamp(id, group, args, e)],
  ['temp/deform', (id, group, args) => new ComputeTempDeform(id, group, args)],
  ['pressure', computePressure],
  ['pe', computePe],
  ['ke', computeKe],
  ['pe/atom', computePeAtom],
  ['ke/atom', computeKeAtom],
  ['pair', computePair],
  ['msd', computeMsd],
  ['rdf', computeRdf],
  ['com', computeCom],
  ['gyration', computeGyration],
  ['reduce', computeReduce],
  ['cna/atom', computeCnaAtom],
  ['cluster/atom', computeClusterAtom],
]);
