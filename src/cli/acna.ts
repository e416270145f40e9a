/**
 * `lmpv acna FILE [--frames SPEC] [--mode adaptive|fixed --cutoff R] [--json] [--csv OUT] [--out FILE] [--attributes T]
 *                 [--cluster-cutoff R [--cluster-of all|crystalline|bcc]] [--format F]`
 *
 * Structure types of every atom, frame by frame: adaptive CNA as OVITO computes it (default), or the
 * conventional fixed-cutoff CNA of LAMMPS's `compute cna/atom` (--mode fixed --cutoff R). Prints
 * per-frame counts and fractions of other/fcc/hcp/bcc/ico (a table, or one JSON document with
 * --json; --csv writes the table as CSV). When the input carries OVITO's `StructureType` column
 * (OVITO numbering) or LAMMPS's `c_cna` column (LAMMPS numbering: 5 and 0 are other), the per-atom
 * agreement with it is reported; in fixed mode a c_cna column is compared value for value.
 * --out writes the frames again (dump or extended XYZ, by name) with a `StructureType` column in
 * OVITO numbering (0 other, 1 fcc, 2 hcp, 3 bcc, 4 ico), atomically.
 * --cluster-cutoff adds distance clusters (LAMMPS cluster/atom) of all, crystalline or bcc atoms:
 * number of clusters, the largest, and per cluster size the fraction of bcc atoms (JSON, CSV).
 * Frames stream one at a time: memory holds one frame.
 */
import type { Command } from 'commander';
import { UsageError, warningText, type Warning } from '../io/errors.js';
import { detectFormat, formatFromName, frameReader, frameWriter } from '../io/formats.js';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { writeOvitoAttributesTable, type AttributesTable } from '../io/ovito-attributes.js';
import type { AtomFrame } from '../io/types.js';
import { adaptiveCna, countTypes, STRUCTURE_NAMES, BCC } from '../analysis/acna.js';
import { fixedCna, lammpsToOvito, LAMMPS_CNA_NAMES } from '../analysis/cna.js';
import { clusterAtoms, sizeDistribution, type SizeRow } from '../analysis/cluster.js';
import { cellFromBox, framePositions } from '../analysis/neighbors.js';
import { defaultThreads } from '../analysis/acna-threads.js';
import { progressFor } from './progress.js';
import { frameSelected, out, parseFrameSpec } from './util.js';
import { checkStructureFractions, readStructureTable } from '../verify/checks/structure-fractions.js';
import { reportText } from '../verify/report.js';
import { makeReport, type Report } from '../verify/types.js';

export interface AcnaOptions {
  frames?: string;
  mode?: string;
  cutoff?: string;
  json?: boolean;
  csv?: string;
  out?: string;
  format?: string;
  clusterCutoff?: string;
  clusterOf?: string;
  attributes?: string;
  reference?: string;
  tol?: string;
  threads?: string;
}

interface Agreement {
  /** Column compared with: StructureType (OVITO numbering) or c_cna (LAMMPS numbering). */
  column: string;
  agree: number;
  total: number;
  fraction: number;
  /** Up to 10 atom ids that differ. */
  firstDiffering: number[];
  /** counts[reference value][our value], both in the compared numbering (keys as strings). */
  confusion: Record<string, Record<string, number>>;
}

interface FrameResult {
  frame: number;
  timestep: number | null;
  natoms: number;
  counts: Record<string, number>;
  fractions: Record<string, number>;
  /** fixed mode: the LAMMPS cna/atom values' counts (unknown..other). */
  lammpsCounts?: Record<string, number>;
  /** fixed mode: atoms made `other` as LAMMPS does because a neighbour has > 16 neighbours. */
  lammpsAmbiguous?: number;
  agreement?: Agreement;
  clusters?: { count: number; largest: number; sizes: SizeRow[] };
  seconds: number;
}

function positiveNumber(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!(x > 0) || !Number.isFinite(x)) throw new UsageError(`${flag} '${v}': expected a positive number`);
  return x;
}

function firstNonFinite(pos: Float64Array): number {
  for (let k = 0; k < pos.length; k++) if (!Number.isFinite(pos[k])) return Math.floor(k / 3);
  return -1;
}

function atomId(frame: AtomFrame, a: number): string {
  const ids = frame.columns.get('id');
  return ids instanceof Float64Array ? `id ${ids[a]}` : `#${a + 1}`;
}

/** Which column of the input to compare with, and how to map its values to ours. */
function referenceColumn(frame: AtomFrame): { name: string; values: Float64Array; lammps: boolean } | undefined {
  const st = frame.columns.get('StructureType') ?? frame.columns.get('Structure Type');
  if (st instanceof Float64Array) return { name: 'StructureType', values: st, lammps: false };
  for (const [name, col] of frame.columns) {
    if (col instanceof Float64Array && /^c_.*cna/i.test(name)) return { name, values: col, lammps: true };
  }
  return undefined;
}

/** Analyse every selected frame of `input`; `onFrame` sees each result as it is produced. */
async function acnaFile(input: string, opts: AcnaOptions, onFrame: (r: FrameResult) => void = () => {}): Promise<{ results: FrameResult[]; warnings: Warning[]; format: string }> {
  const mode = opts.mode ?? 'adaptive';
  if (mode !== 'adaptive' && mode !== 'fixed') throw new UsageError(`--mode '${mode}': expected adaptive or fixed`);
  const cutoff = positiveNumber('--cutoff', opts.cutoff);
  if (mode === 'fixed' && cutoff === undefined) throw new UsageError('--mode fixed needs --cutoff R (e.g. 1.207*a for bcc, 0.854*a for fcc, as for LAMMPS cna/atom)');
  if (mode === 'adaptive' && cutoff !== undefined) throw new UsageError('--cutoff applies to --mode fixed; adaptive CNA finds its cutoff per atom');
  const clusterCut = positiveNumber('--cluster-cutoff', opts.clusterCutoff);
  const threads = opts.threads === undefined ? defaultThreads() : Number(opts.threads);
  if (!(Number.isInteger(threads) && threads >= 1 && threads <= 256)) throw new UsageError(`--threads '${opts.threads}': expected a whole number from 1 to 256`);
  const clusterOf = opts.clusterOf ?? 'all';
  if (!['all', 'crystalline', 'bcc'].includes(clusterOf)) throw new UsageError(`--cluster-of '${clusterOf}': expected all, crystalline or bcc`);
  const spec = parseFrameSpec(opts.frames);
  const from = detectFormat(input, opts.format);
  const to = opts.out ? formatFromName(opts.out) : undefined;
  if (opts.out && !to) throw new UsageError(`${opts.out}: cannot tell the output format from the name (*.lammpstrj, *.dump, dump.*, *.xyz, *.extxyz; + .gz)`);
  if (to && !to.multi) throw new UsageError(`${opts.out}: --out writes every analysed frame; use a dump or extended XYZ name, not a ${to.name} file`);
  const read = await frameReader(from);
  const warnings: Warning[] = [];
  const results: FrameResult[] = [];
  const progress = progressFor(input, 'acna');

  async function* analysed(): AsyncGenerator<AtomFrame> {
    let i = 0;
    // with --out, the frame keeps its atom lines: the writer copies the columns it does not change
    for await (const frame of read(input, { warnings, onProgress: progress.onProgress, keepText: to !== undefined })) {
      const index = i++;
      if (!frameSelected(spec, index)) {
        if (i >= spec.stop) break;
        continue;
      }
      const t0 = process.hrtime.bigint();
      const where = `${input}: frame ${index}${frame.timestep !== undefined ? ` (timestep ${frame.timestep})` : ''}`;
      let pos: Float64Array;
      try {
        pos = framePositions(frame);
      } catch (e) {
        throw new UsageError(`${where}: ${(e as Error).message}`);
      }
      const cell = cellFromBox(frame.box);
      const n = frame.natoms;
      let ovito: Uint8Array;
      let lmpTypes: Uint8Array | undefined;
      let nAmbiguous = 0;
      const bad = firstNonFinite(pos);
      if (bad >= 0) throw new UsageError(`${where}: atom ${atomId(frame, bad)} has a non-finite position`);
      if (mode === 'adaptive') ovito = adaptiveCna(pos, n, cell, { threads });
      else {
        const ambiguous = new Uint8Array(n);
        lmpTypes = fixedCna(pos, n, cell, cutoff!, { ambiguous });
        nAmbiguous = ambiguous.reduce((p, v) => p + v, 0);
        ovito = new Uint8Array(n);
        for (let a = 0; a < n; a++) ovito[a] = lammpsToOvito(lmpTypes[a]);
      }
      const c = countTypes(ovito);
      const r: FrameResult = {
        frame: index,
        timestep: frame.timestep ?? null,
        natoms: n,
        counts: Object.fromEntries(STRUCTURE_NAMES.map((name, k) => [name, c[k]])),
        fractions: Object.fromEntries(STRUCTURE_NAMES.map((name, k) => [name, n > 0 ? c[k] / n : 0])),
        seconds: 0,
      };
      if (lmpTypes) {
        const lc = countTypes(lmpTypes, LAMMPS_CNA_NAMES.length);
        r.lammpsCounts = Object.fromEntries(LAMMPS_CNA_NAMES.map((name, k) => [name, lc[k]]));
        r.lammpsAmbiguous = nAmbiguous;
      }
      const ref = referenceColumn(frame);
      if (ref) {
        const ids = frame.columns.get('id');
        let agree = 0;
        const diff: number[] = [];
        const confusion: Record<string, Record<string, number>> = {};
        for (let a = 0; a < n; a++) {
          // fixed mode against c_cna: LAMMPS values both sides; otherwise OVITO numbering both sides
          const exactLammps = ref.lammps && lmpTypes !== undefined;
          const theirs = exactLammps || !ref.lammps ? ref.values[a] : lammpsToOvito(ref.values[a]);
          const ours = exactLammps ? lmpTypes![a] : ovito[a];
          const row = (confusion[String(theirs)] ??= {});
          row[String(ours)] = (row[String(ours)] ?? 0) + 1;
          if (theirs === ours) agree++;
          else if (diff.length < 10) diff.push(ids instanceof Float64Array ? ids[a] : a + 1);
        }
        r.agreement = { column: ref.name, agree, total: n, fraction: n > 0 ? agree / n : 1, firstDiffering: diff, confusion };
      }
      if (clusterCut !== undefined) {
        const ids = frame.columns.get('id');
        const group = clusterOf === 'all' ? undefined : Uint8Array.from(ovito, (t) => (clusterOf === 'bcc' ? (t === BCC ? 1 : 0) : t !== 0 ? 1 : 0));
        const cl = clusterAtoms(pos, n, cell, clusterCut, { ids: ids instanceof Float64Array ? ids : undefined, group });
        const sizes = sizeDistribution(cl, ovito, BCC);
        r.clusters = { count: sizes.reduce((s, x) => s + x.clusters, 0), largest: sizes.length ? sizes[sizes.length - 1].size : 0, sizes };
      }
      r.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      results.push(r);
      onFrame(r);
      if (to) {
        const columns = new Map(frame.columns);
        columns.delete('Structure Type');
        columns.set('StructureType', Float64Array.from(ovito));
        yield { ...frame, columns };
      }
      if (i >= spec.stop) break;
    }
    if (results.length === 0) throw new UsageError(`${input}: ${opts.frames !== undefined ? `--frames '${opts.frames}' selects none of its ${i} frames` : 'no frames'}`);
  }

  try {
    if (to) {
      const write = await frameWriter(to);
      await write(opts.out!, analysed(), { warnings });
    } else {
      for await (const _ of analysed()) {
        /* frames are analysed for their results only */
      }
    }
  } finally {
    progress.stop();
  }
  return { results, warnings, format: from.name };
}

function pct(x: number): string {
  return (100 * x).toFixed(2).padStart(6);
}

const CSV_HEAD = ['frame', 'timestep', 'natoms', ...STRUCTURE_NAMES.map((n) => `n_${n}`), ...STRUCTURE_NAMES.map((n) => `f_${n}`), 'agree_column', 'agree_fraction', 'clusters', 'largest_cluster'];

function csvRow(r: FrameResult): string {
  return [
    r.frame,
    r.timestep ?? '',
    r.natoms,
    ...STRUCTURE_NAMES.map((n) => r.counts[n]),
    ...STRUCTURE_NAMES.map((n) => r.fractions[n]),
    r.agreement?.column ?? '',
    r.agreement?.fraction ?? '',
    r.clusters?.count ?? '',
    r.clusters?.largest ?? '',
  ].join(',');
}

/**
 * OVITO's attribute names of the Common neighbor analysis modifier's counts
 * (CommonNeighborAnalysis.counts.OTHER, .FCC, .HCP, .BCC, .ICO), in STRUCTURE_NAMES order.
 */
const OVITO_COUNT_ATTRIBUTES = STRUCTURE_NAMES.map((n) => `CommonNeighborAnalysis.counts.${n.toUpperCase()}`);

/** Per-frame counts as OVITO exports them: Frame, Timestep (when every frame has one), the counts. */
export function attributesTable(results: FrameResult[]): AttributesTable {
  const timesteps = results.every((r) => r.timestep !== null);
  return {
    names: ['Frame', ...(timesteps ? ['Timestep'] : []), ...OVITO_COUNT_ATTRIBUTES],
    rows: results.map((r) => [r.frame, ...(timesteps ? [r.timestep as number] : []), ...STRUCTURE_NAMES.map((n) => r.counts[n])]),
  };
}

export function register(program: Command): void {
  program
    .command('acna')
    .description('structure types per atom (adaptive CNA as OVITO, or LAMMPS cna/atom with --mode fixed): per-frame counts and fractions')
    .argument('<file>', 'dump, extended XYZ or data file (format from content, then name)')
    .option('--frames <START:STOP:STEP>', 'frames to analyse (0-based, Python slice)')
    .option('--mode <mode>', 'adaptive (OVITO a-CNA, default) or fixed (LAMMPS cna/atom, needs --cutoff)', 'adaptive')
    .option('--cutoff <R>', 'fixed-mode cutoff (LAMMPS doc: 1.207*a bcc, 0.854*a fcc)')
    .option('--json', 'print one JSON document instead of the table')
    .option('--csv <out>', 'also write the per-frame table as CSV')
    .option('--out <file>', 'write the frames again with a StructureType column (OVITO numbering); dump or extended XYZ by name')
    .option('--cluster-cutoff <R>', 'also find distance clusters (LAMMPS cluster/atom) and the bcc fraction per cluster size')
    .option('--cluster-of <atoms>', 'atoms that form clusters: all (default), crystalline (fcc/hcp/bcc/ico) or bcc', 'all')
    .option('--format <format>', 'input format (default: from content, then name)')
    .option('--threads <N>', 'threads for adaptive CNA (default: the cores available); the same classes for any N')
    .option('--attributes <file>', "also write the per-frame counts as OVITO's Table of global attributes (Frame, Timestep, CommonNeighborAnalysis.counts.*)")
    .option('--reference <table>', "compare the per-frame fractions with an OVITO attribute table (CommonNeighborAnalysis.counts.*) or a previous lmpv acna --csv / --json output; exit 1 when one differs")
    .option('--tol <abs>', 'largest allowed difference of a fraction from the reference (default 0: equal counts)')
    .action(async (file: string, opts: AcnaOptions) => {
      const mode = opts.mode ?? 'adaptive';
      if (!opts.json) {
        out(`# lmpv acna ${file}: ${mode === 'adaptive' ? 'adaptive CNA (OVITO)' : `conventional CNA, cutoff ${opts.cutoff} (LAMMPS cna/atom)`}; percentages of atoms`);
        out(`${'frame'.padStart(6)} ${'timestep'.padStart(10)} ${'atoms'.padStart(9)} ${STRUCTURE_NAMES.map((n) => n.padStart(6)).join(' ')}  agreement`);
      }
      const { results, warnings, format } = await acnaFile(file, opts, (r) => {
        if (opts.json) return;
        const agree = r.agreement ? `${pct(r.agreement.fraction)}% with ${r.agreement.column}` : '';
        const clusters = r.clusters ? `  clusters ${r.clusters.count}, largest ${r.clusters.largest}` : '';
        out(`${String(r.frame).padStart(6)} ${String(r.timestep ?? '-').padStart(10)} ${String(r.natoms).padStart(9)} ${STRUCTURE_NAMES.map((n) => pct(r.fractions[n])).join(' ')}  ${agree}${clusters}`);
      });
      for (const w of warnings) process.stderr.write(`lmpv: ${warningText(w)}\n`);
      if (opts.csv) writeFileAtomicSync(opts.csv, [CSV_HEAD.join(','), ...results.map(csvRow)].join('\n') + '\n');
      if (opts.attributes) writeOvitoAttributesTable(opts.attributes, attributesTable(results));
      let reference: Report | undefined;
      if (opts.reference) {
        const tol = opts.tol === undefined ? 0 : Number(opts.tol);
        if (!(tol >= 0) || opts.tol?.trim() === '') throw new UsageError(`--tol '${opts.tol}': expected a non-negative number`);
        const table = await readStructureTable(opts.reference);
        const ours = results.map((r) => ({ frame: r.frame, timestep: r.timestep, natoms: r.natoms, counts: r.counts }));
        reference = makeReport(`acna ${file}`, opts.reference, `${mode === 'adaptive' ? 'adaptive CNA' : 'conventional CNA'} of ${file}`, checkStructureFractions(table, ours, { tol }));
        process.exitCode = reference.passed ? 0 : 1;
      } else if (opts.tol !== undefined) throw new UsageError('--tol applies to --reference');
      if (opts.json) {
        out(JSON.stringify({ file, format, mode, cutoff: opts.cutoff !== undefined ? Number(opts.cutoff) : null, numbering: STRUCTURE_NAMES, frames: results, ...(reference ? { reference } : {}) }, null, 2));
      } else if (reference) out('\n' + reportText([reference]));
      if (opts.out) process.stderr.write(`lmpv: wrote ${results.length} frame${results.length === 1 ? '' : 's'} with StructureType to ${opts.out}\n`);
    });
}

