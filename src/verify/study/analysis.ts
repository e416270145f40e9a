/**
 * What a run's snapshots say: per frame, adaptive CNA (OVITO's classes, src/analysis/acna.ts) and
 * distance clusters (LAMMPS cluster/atom, src/analysis/cluster.ts).
 * Nucleation: the bcc fraction of all atoms and of the largest cluster vs time; the incubation time
 * (first snapshot where the largest cluster's bcc fraction reaches the threshold); at the last
 * snapshot the bcc fraction per cluster size.
 * Deposition: deposited atoms, surface roughness (RMS of the column heights of the top surface on
 * an xy grid, over the atoms connected to the substrate) and the non-bcc fraction of the deposited
 * film (those atoms above the substrate) vs time.
 * The result is kept as analysis.json in the run folder, so reports are made from any run folder,
 * whoever ran it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../io/atomic-write.js';
import { readLammpsDumpFrames, sortFrameById, type DumpFrame } from '../../io/lammps-dump.js';
import { adaptiveCnaFrame, BCC } from '../../analysis/acna.js';
import { clusterAtomsFrame, clusterSizes, sizeDistribution } from '../../analysis/cluster.js';
import { framePositions } from '../../analysis/neighbors.js';
import type { RunFile } from './runner.js';
import type { RunPlan, StudySpec } from './spec.js';

export interface NucleationAnalysis {
  kind: 'nucleation';
  run: RunPlan;
  /** ps */
  time: number[];
  bcc: number[];
  largest: number[];
  bccLargest: number[];
  /** ps, or null when the threshold was never reached. */
  incubation: number | null;
  finalBcc: number;
  /** Last snapshot: bcc fraction among atoms in clusters of each size. */
  finalBySize: Array<{ size: number; clusters: number; fraction: number }>;
}

export interface DepositionAnalysis {
  kind: 'deposition';
  run: RunPlan;
  time: number[];
  deposited: number[];
  /** Angstrom */
  roughness: number[];
  nonBcc: number[];
}

export type RunAnalysis = NucleationAnalysis | DepositionAnalysis;
export const ANALYSIS_FILE = 'analysis.json';

/** Every snapshot of a run, joined over invocations (dump.<K>.lammpstrj; a later K wins a step). */
export async function runFrames(dir: string): Promise<DumpFrame[]> {
  const files = readdirSync(dir).map((n) => /^dump\.(\d+)\.lammpstrj$/.exec(n)).filter((m) => m !== null)
    .map((m) => ({ from: Number(m![1]), name: m![0] })).sort((a, b) => a.from - b.from);
  const byStep = new Map<number, DumpFrame>();
  for (const f of files) {
    // what an earlier invocation wrote after the restart this one started from is superseded
    for (const k of [...byStep.keys()]) if (k > f.from) byStep.delete(k);
    for await (const fr of readLammpsDumpFrames(join(dir, f.name))) byStep.set(fr.timestep ?? 0, sortFrameById(fr));
  }
  return [...byStep.keys()].sort((a, b) => a - b).map((k) => byStep.get(k)!);
}

function nucleationFrames(frames: DumpFrame[], run: RunPlan, rc: number, threshold: number): NucleationAnalysis {
  const r: NucleationAnalysis = { kind: 'nucleation', run, time: [], bcc: [], largest: [], bccLargest: [], incubation: null, finalBcc: 0, finalBySize: [] };
  frames.forEach((fr, k) => {
    const types = adaptiveCnaFrame(fr);
    const cl = clusterAtomsFrame(fr, rc);
    let nb = 0;
    for (let i = 0; i < fr.natoms; i++) if (types[i] === BCC) nb++;
    let bigId = 0, big = 0;
    for (const [id, s] of clusterSizes(cl)) if (s > big || (s === big && id < bigId)) { big = s; bigId = id; }
    let nbBig = 0;
    for (let i = 0; i < fr.natoms; i++) if (cl[i] === bigId && types[i] === BCC) nbBig++;
    const t = ((fr.timestep ?? 0) * run.dt) / 1000;
    r.time.push(t);
    r.bcc.push(fr.natoms ? nb / fr.natoms : 0);
    r.largest.push(big);
    r.bccLargest.push(big ? nbBig / big : 0);
    if (r.incubation === null && big && nbBig / big >= threshold) r.incubation = t;
    if (k === frames.length - 1) {
      r.finalBcc = fr.natoms ? nb / fr.natoms : 0;
      r.finalBySize = sizeDistribution(cl, types, BCC).map((s) => ({ size: s.size, clusters: s.clusters, fraction: s.fraction }));
    }
  });
  return r;
}

function depositionFrames(frames: DumpFrame[], run: RunPlan, n0: number, zTop: number, bin: number): DepositionAnalysis {
  const r: DepositionAnalysis = { kind: 'deposition', run, time: [], deposited: [], roughness: [], nonBcc: [] };
  for (const fr of frames) {
    const pos = framePositions(fr);
    const types = adaptiveCnaFrame(fr);
    // the film: atoms connected to the substrate (the cluster of the lowest atom); atoms still in flight do not count
    const cl = clusterAtomsFrame(fr, FILM_CUTOFF);
    let low = 0;
    for (let i = 1; i < fr.natoms; i++) if (pos[3 * i + 2] < pos[3 * low + 2]) low = i;
    const film = cl[low];
    const atype = fr.columns.get('type') as Float64Array;
    const b = fr.box;
    const nx = Math.max(1, Math.floor((b.hi[0] - b.lo[0]) / bin)), ny = Math.max(1, Math.floor((b.hi[1] - b.lo[1]) / bin));
    const h = new Float64Array(nx * ny).fill(zTop);
    let above = 0, nonBcc = 0;
    for (let i = 0; i < fr.natoms; i++) {
      const x = pos[3 * i], y = pos[3 * i + 1], z = pos[3 * i + 2];
      if (atype[i] !== 2 || z <= zTop || cl[i] !== film) continue; // deposited atoms are type 2 (deposition.ts)
      above++;
      if (types[i] !== BCC) nonBcc++;
      const ix = Math.min(nx - 1, Math.max(0, Math.floor(((x - b.lo[0]) / (b.hi[0] - b.lo[0])) * nx)));
      const iy = Math.min(ny - 1, Math.max(0, Math.floor(((y - b.lo[1]) / (b.hi[1] - b.lo[1])) * ny)));
      if (z > h[ix * ny + iy]) h[ix * ny + iy] = z;
    }
    let mean = 0;
    for (const v of h) mean += v;
    mean /= h.length;
    let v2 = 0;
    for (const v of h) v2 += (v - mean) * (v - mean);
    r.time.push(((fr.timestep ?? 0) * run.dt) / 1000);
    r.deposited.push(fr.natoms - n0);
    r.roughness.push(Math.sqrt(v2 / h.length));
    r.nonBcc.push(above ? nonBcc / above : 0);
  }
  return r;
}

/** Analyse a finished run folder and keep the result in analysis.json (reused while the snapshots are unchanged). */
export async function analyseRun(dir: string, spec: StudySpec): Promise<RunAnalysis> {
  const rf = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunFile;
  const cache = join(dir, ANALYSIS_FILE);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as RunAnalysis;
  const frames = await runFrames(dir);
  let r: RunAnalysis;
  if (spec.kind === 'nucleation') r = nucleationFrames(frames, rf.run, spec.clusterCutoff, spec.threshold);
  else {
    const n0 = frames.length ? frames[0].natoms : 0;
    // substrate top: the highest atom of the first snapshot (before any deposit)
    let zTop = -Infinity;
    if (frames.length) { const p = framePositions(frames[0]); for (let i = 0; i < frames[0].natoms; i++) zTop = Math.max(zTop, p[3 * i + 2]); }
    r = depositionFrames(frames, rf.run, n0, zTop + 0.5, DEPOSITION_LATTICE);
  }
  writeFileAtomicSync(cache, JSON.stringify(r));
  return r;
}

/** Distance (Angstrom) within which a deposited atom belongs to the film: between the first (3.0) and second (3.45) bcc Li neighbour shells. */
const FILM_CUTOFF = 3.3;

/** Li bcc lattice constant (Angstrom) of the deposition substrate (MEAM Li, Cui 2012: alat 3.45); also the roughness grid. */
export const DEPOSITION_LATTICE = 3.45;
