/**
 * What a study is, as the user gives it: quantities with units ("500K:0.1ns", "1K/ps", "45ns"),
 * lists ("500,600,700"), and the study file (study.json) that a study folder keeps so that
 * `lmpv study status|report DIR` and a resumed study know what was asked.
 * Times are kept in fs (units real and metal both take the user's fs here; scripts convert).
 */
import { UsageError } from '../../io/errors.js';

const TIME_FS: Record<string, number> = { fs: 1, ps: 1e3, ns: 1e6, us: 1e9 };

/** A time with its unit ("0.1ns", "5 ns", "200ps", "50fs"; a bare number is `dflt` units) -> fs. */
export function parseTime(flag: string, s: string, dflt = 'fs'): number {
  const m = /^\s*([0-9.eE+-]+)\s*([a-z]*)\s*$/.exec(s);
  const unit = m?.[2] || dflt;
  const v = m ? Number(m[1]) : NaN;
  if (!m || !Number.isFinite(v) || v < 0 || TIME_FS[unit] === undefined)
    throw new UsageError(`${flag}: expected a time such as 0.1ns, 200ps or 50fs, found '${s}'`);
  return v * TIME_FS[unit];
}

/** "500K:0.1ns" -> { T: 500, time: 1e5 fs }. */
export function parseStage(flag: string, s: string): { T: number; time: number } {
  const m = /^\s*([0-9.eE+-]+)\s*K\s*:\s*(.+)$/.exec(s);
  const T = m ? Number(m[1]) : NaN;
  if (!m || !(T > 0)) throw new UsageError(`${flag}: expected TEMPERATURE:TIME such as 500K:0.1ns, found '${s}'`);
  return { T, time: parseTime(flag, m[2]) };
}

/** "1K/ps" -> K per fs. */
export function parseRate(flag: string, s: string, what: 'K' | 'Li'): number {
  const re = what === 'K' ? /^\s*([0-9.eE+-]+)\s*K\s*\/\s*(fs|ps|ns)\s*$/ : /^\s*([0-9.eE+-]+)\s*(?:(?:Li|atoms?)\s*\/\s*(fs|ps|ns))?\s*$/;
  const m = re.exec(s);
  const v = m ? Number(m[1]) : NaN;
  if (!m || !(v > 0)) throw new UsageError(`${flag}: expected a rate such as ${what === 'K' ? '1K/ps' : '1 (Li/ps) or 0.5Li/ps'}, found '${s}'`);
  return v / TIME_FS[m[2] ?? 'ps'];
}

/** Comma-separated positive numbers. */
export function parseList(flag: string, s: string, opts: { integer?: boolean } = {}): number[] {
  const out = s.split(',').map((w) => w.trim());
  return out.map((w) => {
    const v = Number(w);
    if (w === '' || !(v > 0) || (opts.integer && !Number.isInteger(v))) throw new UsageError(`${flag}: expected ${opts.integer ? 'positive whole numbers' : 'positive numbers'} separated by commas, found '${w}' in '${s}'`);
    return v;
  });
}

export type Engine = 'lmpv' | 'lammps';

export interface NucleationSpec {
  kind: 'nucleation';
  atoms: number[];
  /** g/cm3 */
  density: number[];
  boundary: 'p' | 'f';
  /** fs */
  dt: number[];
  ffield: string;
  /** Element of the ffield the atoms are (Li). */
  element: string;
  /** Atomic mass (g/mol) written to the data file. */
  mass: number;
  heat: { T: number; time: number };
  /** K per fs (positive: cooling from heat.T to hold.T). */
  quench: number;
  hold: { T: number; time: number };
  seeds: number;
  /** First seed; run k of a size/density/dt uses seed + k. */
  seed: number;
  scale: number;
  /** Nose-Hoover damping time, fs. */
  tdamp: number;
  /** Minimum separation of the random initial positions, Angstrom. */
  minSep: number;
  /** Snapshots (dumps) per run over the whole protocol. */
  frames: number;
  /** Snapshots between restarts. */
  checkpointFrames: number;
  /** Cluster cutoff (Angstrom) and the bcc fraction of the largest cluster that ends the incubation. */
  clusterCutoff: number;
  threshold: number;
}

export interface DepositionSpec {
  kind: 'deposition';
  /** Li per ps. */
  rate: number[];
  /** fs */
  time: number;
  /** Box in lattice cells (x y substrate width, z height incl. vacuum). */
  box: [number, number, number];
  /** fs */
  dt: number[];
  library: string;
  param: string | null;
  seeds: number;
  seed: number;
  scale: number;
  T: number;
  frames: number;
  checkpointFrames: number;
  /** Substrate thickness in lattice cells. */
  substrate: number;
}

export type StudySpec = NucleationSpec | DepositionSpec;

export interface RunPlan {
  /** Folder name under runs/, e.g. n800-d0.0534-dt0.5-s1. */
  name: string;
  /** Number of atoms (nucleation) or deposition rate (Li/ps). */
  size: number;
  density?: number;
  rate?: number;
  dt: number;
  seed: number;
}

export interface StudyFile {
  format: 'lmpv-study 1';
  spec: StudySpec;
  engine: Engine;
  lmp?: string;
  np?: number;
  runs: RunPlan[];
  /** Slurm job id when submitted, and the run of each array task (index = SLURM_ARRAY_TASK_ID). */
  slurmJob?: string;
  slurmRuns?: string[];
}

/** Every run of a study: sizes (or rates) x densities x dt x seeds, in that nesting. */
export function planRuns(spec: StudySpec): RunPlan[] {
  const runs: RunPlan[] = [];
  if (spec.kind === 'nucleation') {
    for (const n of spec.atoms) for (const d of spec.density) for (const dt of spec.dt) for (let k = 0; k < spec.seeds; k++)
      runs.push({ name: `n${n}-d${d}-dt${dt}-s${spec.seed + k}`, size: n, density: d, dt, seed: spec.seed + k });
  } else {
    for (const r of spec.rate) for (const dt of spec.dt) for (let k = 0; k < spec.seeds; k++)
      runs.push({ name: `r${r}-dt${dt}-s${spec.seed + k}`, size: r, rate: r, dt, seed: spec.seed + k });
  }
  return runs;
}
