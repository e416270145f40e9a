/**
 * A set of outputs that LAMMPS (or lmpv) wrote: the logs and dumps of one case folder, and the
 * comparison of two such sets. A case folder holds `in.lammps`, its inputs, and what real LAMMPS
 * wrote there (`log.lammps` or several `log.*`, `dump.*`), optionally `verify.json` with tolerances:
 *   { "tolFirst": 1e-10, "tolRun": 1e-7, "tolForce": 1e-8, "tolPos": 1e-8, "zero": 1e-10, "floor": 1e-6, "forceUnit": "eV/Angstrom",
 *     "columns": ["PotEng", ...], "timestep": { "logs": {"0.1": "log.dt0.1", ...}, "columns": [...], "tol": 1e-6 },
 *     "skip": ["log.prep"], "acna": { "dump": "dump.pos", "reference": "acna.txt", "tol": 0 } }
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readLammpsLog, type LammpsLog } from '../io/lammps-log.js';
import type { AtomFrame } from '../io/types.js';
import { UsageError } from '../io/errors.js';
import { DEFAULT_TOLERANCES } from '../io/config.js';
import { frameReader, sniffFormat } from '../io/formats.js';
import { caseFiles, classifyCaseFile, fileHead } from './outputs.js';
import { checkThermo } from './checks/energy.js';
import { checkForces } from './checks/forces.js';
import { checkTimestep, type TimestepRun } from './checks/timestep.js';
import { acnaCounts, checkStructureFractions, readStructureTable } from './checks/structure-fractions.js';
import { makeReport, type CheckResult, type Report } from './types.js';

export interface Tolerances {
  /** Relative, first common thermo row. */
  tolFirst: number;
  /** Relative, every common thermo row. */
  tolRun: number;
  /** Absolute, per force component [force units]. */
  tolForce: number;
  /** Absolute, per position / velocity component in dumps [distance], [velocity]. */
  tolPos: number;
  /** Thermo values both at most this in magnitude count as equal (round-off around an exact zero). */
  zero: number;
  /** Thermo relative-error denominator floor, as a fraction of the column's largest magnitude (minimizations). */
  floor?: number;
  forceUnit?: string;
  columns?: string[];
  timestep?: { logs: Record<string, string>; columns: string[]; tol: number };
  /** File names not to compare (e.g. logs of a preparation run). */
  skip?: string[];
  /**
   * a-CNA fractions of a dump the run writes against a table in the case folder (an OVITO attribute
   * table or lmpv acna --csv / --json output; checks/structure-fractions.ts); tol: largest allowed
   * difference of a fraction (default 0).
   */
  acna?: { dump: string; reference: string; tol?: number };
}

export interface OutputSet {
  /** Folder (or the single file's folder). */
  dir: string;
  logs: string[];
  dumps: string[];
  settings: Partial<Tolerances>;
}

/** The logs and dumps of a case folder (outputs.ts decides what is one), or a single log / dump file. */
export function loadOutputSet(path: string): OutputSet {
  if (!existsSync(path)) throw new UsageError(`${path}: no such file or folder`);
  if (statSync(path).isDirectory()) {
    const files = caseFiles(path);
    const settingsFile = join(path, 'verify.json');
    let settings: Partial<Tolerances> = {};
    if (existsSync(settingsFile)) {
      try {
        settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as Partial<Tolerances>;
      } catch (e) {
        throw new UsageError(`${settingsFile}: not valid JSON (${(e as Error).message})`);
      }
    }
    const skip = new Set(settings.skip ?? []);
    // `lmp -in in.prep -log log.prep` wrote log.prep: the log of another input, not of in.lammps
    for (const n of files.inputs) if (n.startsWith('in.') && n !== 'in.lammps') skip.add(`log.${n.substring(3)}`);
    return {
      dir: path,
      logs: files.logs.filter((n) => !skip.has(n)),
      dumps: files.dumps.filter((n) => !skip.has(n)),
      settings,
    };
  }
  const n = basename(path);
  const isDump = classifyCaseFile(dirname(path), n) === 'dump';
  return { dir: dirname(path), logs: isDump ? [] : [n], dumps: isDump ? [n] : [], settings: {} };
}

/**
 * The atom frames of a dump in any registry format, keyed by timestep (frame index when the
 * format has none). Frames without an `id` column (dump xyz) get ids 1..N in file order, which
 * LAMMPS keeps stable with `dump_modify sort id`.
 */
export async function framesByStep(path: string): Promise<Map<number, AtomFrame>> {
  const fmt = sniffFormat(path, fileHead(path));
  if (!fmt) throw new UsageError(`${path}: not a dump format lmpv reads`);
  const read = await frameReader(fmt);
  const m = new Map<number, AtomFrame>();
  let k = 0;
  for await (const f of read(path, {})) {
    const kind = (f as AtomFrame & { kind?: string }).kind;
    if (kind !== undefined && kind !== 'atoms') continue;
    if (!f.columns.has('id')) f.columns.set('id', Float64Array.from({ length: f.natoms }, (_, i) => i + 1));
    m.set(f.timestep ?? k, f);
    k++;
  }
  return m;
}

/** A failing result for a reference output the candidate did not write (or wrote incompletely). */
function missingOutput(name: string, detail: string): CheckResult {
  return {
    check: 'outputs', name, passed: false, metric: 'abs', tolerance: 0,
    stats: { n: 1, avg: 1, dev: 0, max: 1, argmax: -1 }, detail,
  };
}

const REAXFF_COMPUTE = /^\s*compute\s+(\S+)\s+\S+\s+pair\s+reax(ff|\/c)\b/;

/**
 * ID of a `compute ID group pair reaxff` (or reax/c): from the commands a log echoes, else from
 * the input scripts (in.*) of the given folders, so that the c_ID[1..14] columns get their names.
 */
export function reaxffComputeOf(logs: LammpsLog[], dirs: string[] = []): string | undefined {
  for (const log of logs) {
    for (const c of log.commands) {
      const m = REAXFF_COMPUTE.exec(c.text);
      if (m) return m[1];
    }
  }
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const n of readdirSync(dir).sort()) {
      if (!n.startsWith('in.') || !statSync(join(dir, n)).isFile()) continue;
      for (const line of readFileSync(join(dir, n), 'utf8').replace(/&[ \t]*\r?\n/g, ' ').split('\n')) {
        const m = REAXFF_COMPUTE.exec(line.replace(/#.*/, ''));
        if (m) return m[1];
      }
    }
  }
  return undefined;
}

/**
 * Compare candidate outputs with reference outputs: every log present in both (thermo, run by
 * run, rows matched by Step), every dump present in both (forces, frames matched by timestep),
 * and, when the settings name timestep logs, the timestep sensitivity.
 */
export async function compareOutputSets(reference: OutputSet, candidate: OutputSet, tol: Tolerances, title = basename(reference.dir)): Promise<Report> {
  const results: CheckResult[] = [];
  const notes: string[] = [];
  const candLogs = new Set(candidate.logs);
  const logsCompared = new Set<string>();
  for (const name of reference.logs) {
    // a single-file comparison pairs whatever the two files are called
    const cname = candLogs.has(name) ? name : reference.logs.length === 1 && candidate.logs.length === 1 ? candidate.logs[0] : undefined;
    if (!cname) { results.push(missingOutput(name, `the reference run wrote ${name}; the candidate did not`)); continue; }
    const ref = await readLammpsLog(join(reference.dir, name));
    const cand = await readLammpsLog(join(candidate.dir, cname));
    logsCompared.add(name);
    if (cand.errors.length) notes.push(`${cname} (candidate): ERROR ${cand.errors[0].message}`);
    const rruns = ref.runs.filter((r) => r.nrows > 0);
    const cruns = cand.runs.filter((r) => r.nrows > 0);
    if (rruns.length !== cruns.length) notes.push(`${name}: reference has ${rruns.length} thermo blocks, candidate ${cruns.length}; comparing the first ${Math.min(rruns.length, cruns.length)}`);
    const reax = reaxffComputeOf([ref, cand], [reference.dir, candidate.dir]);
    for (let k = 0; k < Math.min(rruns.length, cruns.length); k++) {
      const label = rruns.length > 1 || reference.logs.length > 1 ? `${name} run ${k + 1}` : name;
      results.push(...checkThermo(rruns[k].data, cruns[k].data, { tolFirst: tol.tolFirst, tolRun: tol.tolRun, columns: tol.columns, label, zero: tol.zero, floor: tol.floor }, reax));
    }
  }
  const candDumps = new Set(candidate.dumps);
  for (const name of reference.dumps) {
    const cname = candDumps.has(name) ? name : reference.dumps.length === 1 && candidate.dumps.length === 1 ? candidate.dumps[0] : undefined;
    if (!cname) { results.push(missingOutput(name, `the reference run wrote ${name}; the candidate did not`)); continue; }
    const ref = await framesByStep(join(reference.dir, name));
    const cand = await framesByStep(join(candidate.dir, cname));
    for (const [step, rf] of ref) {
      const cf = cand.get(step);
      if (!cf) { results.push(missingOutput(`${name} @ step ${step}`, `the reference ${name} has a frame at step ${step}; the candidate's has none`)); continue; }
      const has = (cols: string[]) => cols.every((c) => rf.columns.has(c) && cf.columns.has(c));
      let compared = false;
      for (const [check, cols, tolAbs] of [['positions', ['x', 'y', 'z'], tol.tolPos], ['velocities', ['vx', 'vy', 'vz'], tol.tolPos], ['forces', ['fx', 'fy', 'fz'], tol.tolForce]] as const) {
        if (!has([...cols])) continue;
        results.push(...checkForces(rf, cf, { tolAbs, unit: check === 'forces' ? tol.forceUnit : undefined, label: name, columns: [...cols], check }));
        compared = true;
      }
      if (!compared) notes.push(`${name} step ${step}: no x y z, vx vy vz or fx fy fz columns common to both`);
    }
  }
  const timestep = tol.timestep ?? autoTimestepLogs(reference, candidate);
  if (timestep) {
    const load = async (set: OutputSet): Promise<TimestepRun[]> => {
      const runs: TimestepRun[] = [];
      for (const [dt, file] of Object.entries(timestep.logs)) {
        const log = await readLammpsLog(join(set.dir, file));
        const blocks = log.runs.filter((r) => r.nrows > 0);
        if (!blocks.length) throw new UsageError(`${join(set.dir, file)}: no thermo output`);
        runs.push({ dt: Number(dt), thermo: blocks[blocks.length - 1].data });
      }
      return runs;
    };
    results.push(...checkTimestep(await load(reference), await load(candidate), { columns: timestep.columns, tol: timestep.tol }));
  }
  if (tol.acna) results.push(...(await acnaAgainstTable(reference.dir, candidate.dir, tol.acna)));
  if (results.length === 0) notes.push('nothing was compared: no log or dump common to both');
  return makeReport(title, reference.dir, candidate.dir, results, notes);
}

/** verify.json `acna`: a-CNA fractions of the candidate's dump against the case's reference table. */
async function acnaAgainstTable(refDir: string, candDir: string, a: NonNullable<Tolerances['acna']>): Promise<CheckResult[]> {
  const where = join(refDir, 'verify.json');
  if (typeof a.dump !== 'string' || typeof a.reference !== 'string') throw new UsageError(`${where}: "acna": expected {"dump": FILE, "reference": TABLE, "tol": number}`);
  if (a.tol !== undefined && !(typeof a.tol === 'number' && a.tol >= 0)) throw new UsageError(`${where}: "acna": "tol" must be a non-negative number, found ${JSON.stringify(a.tol)}`);
  const table = join(refDir, a.reference);
  if (!existsSync(table)) throw new UsageError(`${where}: "acna": reference table ${a.reference} is not in the case folder`);
  const dump = join(candDir, a.dump);
  if (!existsSync(dump)) return [missingOutput(a.dump, `verify.json names ${a.dump} for a-CNA; the candidate did not write it`)];
  return checkStructureFractions(await readStructureTable(table), await acnaCounts(dump), { tol: a.tol ?? 0, label: `a-CNA of ${a.dump} vs ${a.reference}` });
}

export function tolerancesFor(set: OutputSet, overrides: Partial<Tolerances>): Tolerances {
  const clean = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as Partial<Tolerances>;
  return { ...DEFAULT_TOLERANCES, ...qeqTolerances(set.dir), ...set.settings, ...clean };
}

/** `fix ID group qeq/reaxff Nevery cutlo cuthi TOL ...` and `fix ID group qeq/shielded Nevery cutoff TOL ...` (LAMMPS docs fix_qeq_reaxff, fix_qeq). */
const QEQ_FIX = /^\s*fix\s+\S+\s+\S+\s+(qeq\/reax(?:ff|\/c)?|qeq\/shielded)\s+(.*)$/;

/**
 * The tolerances a case's own charge equilibration allows: charges solved by CG to relative
 * residual `tol` (fix qeq/reaxff, qeq/shielded in `in.lammps`) differ from another solver's by up
 * to ~tol, and so do the Coulomb energies and forces that follow; over a run the difference grows
 * as trajectories part. Measured, lmpv vs LAMMPS on ../shared/reference/reaxff-rdx and -cho
 * (tol 1e-6, 100 steps) and their tight variants fixtures/lammps/reaxff-{rdx,cho}-tight (tol
 * 1e-10): step-0 terms within ~2e-9 (tight) / 1e-5 relative, thermo over the run 4e-9 / 7e-4,
 * forces 7e-7 / 0.013 kcal/mol/A, positions 4e-10 / 5e-6 A. So: first row 100 tol, every row
 * 1e3 tol, forces 2e4 tol, positions and velocities 100 tol, each at least the default, and a
 * thermo denominator floor of 1e3 tol times the column's largest magnitude. Empty when
 * the script has no such fix (or its tol is not a number); a case's verify.json and the
 * command-line flags still override.
 */
export function qeqTolerances(dir: string): Partial<Tolerances> {
  const file = join(dir, 'in.lammps');
  if (!existsSync(file)) return {};
  let tol = 0;
  for (const line of readFileSync(file, 'utf8').replace(/&[ \t]*\r?\n/g, ' ').split('\n')) {
    const m = QEQ_FIX.exec(line.replace(/#.*/, ''));
    if (!m) continue;
    const w = m[2].trim().split(/\s+/);
    const t = Number(m[1] === 'qeq/shielded' ? w[2] : w[3]);
    if (Number.isFinite(t) && t > tol) tol = t;
  }
  if (tol === 0) return {};
  return {
    tolFirst: Math.max(DEFAULT_TOLERANCES.tolFirst, 100 * tol),
    tolRun: Math.max(DEFAULT_TOLERANCES.tolRun, 1e3 * tol),
    tolForce: Math.max(DEFAULT_TOLERANCES.tolForce, 2e4 * tol),
    tolPos: Math.max(DEFAULT_TOLERANCES.tolPos, 100 * tol),
    // the differences scale with the column, not the value: one crossing zero (reaxff-auo's pressure,
    // 1.66 atm at step 4 in a column reaching 2.3e4) is compared against 1e3 tol of the column's largest
    floor: 1e3 * tol,
  };
}

/**
 * A timestep study needs no settings when its logs are named `log.dt<dt>` (as in the shared
 * `timestep` case): two or more such logs in both sets give the timestep-sensitivity check on
 * PotEng, Temp and TotEng with a relative tolerance of 1e-6, or the run tolerance of the case's
 * QEq tolerance when larger (qeqTolerances: 1e-3 for the shared case's 1e-6).
 */
export function autoTimestepLogs(reference: OutputSet, candidate: OutputSet): Tolerances['timestep'] | undefined {
  const logs: Record<string, string> = {};
  for (const n of reference.logs) {
    const m = /^log\.dt([0-9.eE+-]+)$/.exec(n);
    if (m && Number.isFinite(Number(m[1])) && candidate.logs.includes(n)) logs[m[1]] = n;
  }
  // a case solving QEq to a loose tolerance gets the run tolerance that allows (qeqTolerances)
  const tol = Math.max(1e-6, qeqTolerances(reference.dir).tolRun ?? 0);
  return Object.keys(logs).length >= 2 ? { logs, columns: ['PotEng', 'Temp', 'TotEng'], tol } : undefined;
}
