/**
 * LAMMPS log files (log.lammps, or the same text captured from the screen) -> thermo runs.
 *
 * Reads every thermo block of every run, whatever thermo style wrote it:
 *  - `one` / `custom`: a header line of column names, then one row per thermo step;
 *  - `multi`: `---------------- Step N ----- CPU = T (sec) ----------------` records of
 *    `Name = value` pairs (columns Step, CPU, then the names in order);
 *  - YAML (`thermo_style yaml` / `thermo_modify line yaml`, LAMMPS 2022 and later): `---`,
 *    `keywords: ['Step', ...]`, `data:`, `  - [v, ...]` rows, `...`;
 *  - minimizations (same layout; `kind: 'minimize'`, plus the `Minimization stats:` summary).
 * A block ends at `Loop time of T on P procs for N steps with A atoms`; the `Performance:` line
 * that follows is attached to it. Short run summaries (`run N pre no post no`) are the same
 * blocks without Performance.
 *
 * Also collected: the version line `LAMMPS (...)`, `WARNING:` and `ERROR:` lines with their line
 * numbers, `Total wall time`, and the echoed input commands (lines whose first word is a LAMMPS
 * command name: a known list, since `print` output and LAMMPS messages also start at column 0).
 *
 * Block detection does not rely on echoed commands (screen output usually has none): a header is
 * a line of identifier-like words followed (warnings aside) by a line with as many numbers.
 * Values are exact (tryParseFloatStr: equal to Number(text) bit for bit). Non-finite values that
 * LAMMPS prints for a blown-up run (`nan`, `-nan`, `inf`) are kept as NaN / ±Infinity with a
 * reader warning. A log that ends inside a block (run killed) gives the rows read up to the last
 * complete one, `complete: false` and a reader warning; a last line without its newline is
 * treated as cut mid-row and dropped.
 *
 * API: parseLammpsLog(text, file) / readLammpsLog(path) -> LammpsLog (readLammpsLog streams; the
 * incremental createLammpsLogParser(file).feed(piece)...end() is what both use);
 * run.data.get('PotEng') is a Float64Array (a ThermoTable for src/verify); concatRuns(runs) joins
 * consecutive runs; logToCsv / logToCsvChunks / logToJSON export.
 */
import Papa from 'papaparse';
import type { Warning } from './errors.js';
import { TokenBuilder, splitFields } from './text/tokenizer.js';
import { openTextStream } from './text/text-stream.js';
import { formatFloat, tryParseFloatStr } from './text/numbers.js';

export type ThermoStyle = 'one' | 'custom' | 'multi' | 'yaml';

/** The `Performance:` line; which fields are present depends on the unit style and version. */
export interface Performance {
  /** The line as LAMMPS wrote it, after `Performance: `. */
  text: string;
  tauPerDay?: number;
  nsPerDay?: number;
  hoursPerNs?: number;
  fsPerDay?: number;
  hoursPerFs?: number;
  timestepsPerSecond?: number;
  katomStepPerSecond?: number;
  /** Newer LAMMPS versions print Matom-step/s instead of katom-step/s for large systems. */
  matomStepPerSecond?: number;
}

/** The `Minimization stats:` summary after a minimize block. */
export interface MinimizeStats {
  stoppingCriterion?: string;
  /** Energy initial, next-to-last, final. */
  energy?: [number, number, number];
  /** Force two-norm initial, final. */
  fnorm?: [number, number];
  /** Force max component initial, final. */
  fmax?: [number, number];
  iterations?: number;
  forceEvaluations?: number;
}

export interface ThermoRun {
  /** 1-based number of this block in the log (the `run` column of logToCsv). */
  number: number;
  kind: 'run' | 'minimize';
  style: ThermoStyle;
  /** The echoed `run`/`minimize` command that started the block, if the log has it. */
  command?: string;
  commandLine?: number;
  /** Column names in file order (LAMMPS's names: Step, Temp, PotEng, c_reax[1], ...). */
  columns: string[];
  /** One Float64Array per column, all of length `nrows`. */
  data: Map<string, Float64Array>;
  nrows: number;
  /** Loop time in seconds and the rest of the `Loop time of ...` line. */
  loopTime?: number;
  nprocs?: number;
  nsteps?: number;
  natoms?: number;
  performance?: Performance;
  minimize?: MinimizeStats;
  /** 1-based line of the header (or first record) and of the last row. */
  firstLine: number;
  lastLine: number;
  /** 1-based line of `Loop time of ...`, if reached. */
  loopLine?: number;
  /** False when the log ends (or an ERROR comes) before `Loop time of ...`. */
  complete: boolean;
}

/** A LAMMPS `WARNING:` / `ERROR:` line (message without the prefix). */
export interface LogMessage {
  line: number;
  message: string;
  /** ERROR only: the `Last command: ...` line LAMMPS prints after it, if present. */
  lastCommand?: string;
}

export interface LammpsCommand {
  line: number;
  text: string;
}

export interface LammpsLog {
  file: string;
  /** e.g. '29 Sep 2021 - Update 2' (from `LAMMPS (29 Sep 2021 - Update 2)`). */
  version?: string;
  runs: ThermoRun[];
  /** LAMMPS's own warnings, in order. */
  warnings: LogMessage[];
  /** LAMMPS's errors (`ERROR: ...`, `ERROR on proc N: ...`). */
  errors: LogMessage[];
  /** Echoed input commands (and only those), in order. */
  commands: LammpsCommand[];
  /** `Total wall time: H:MM:SS` in seconds. */
  totalWallTime?: number;
  /** What the reader found odd: truncation, non-finite values, malformed rows. */
  readerWarnings: Warning[];
}

/** Column names of `thermo_style one`. */
export const ONE_COLUMNS = ['Step', 'Temp', 'E_pair', 'E_mol', 'TotEng', 'Press'];

/**
 * LAMMPS input commands (29 Sep 2021 input.cpp built-ins and command styles, plus later ones).
 * Used only to tell echoed commands from other column-0 text.
 */
const COMMAND_NAMES = new Set(`clear echo if include jump label log next partition print python quit shell variable
angle_coeff angle_style atom_modify atom_style bond_coeff bond_style bond_write boundary box comm_modify comm_style
compute compute_modify dielectric dihedral_coeff dihedral_style dimension dump dump_modify fix fix_modify group
improper_coeff improper_style kspace_modify kspace_style lattice mass min_modify min_style molecule neigh_modify
neighbor newton package pair_coeff pair_modify pair_style pair_write processors region reset_timestep restart
run_style special_bonds suffix thermo thermo_modify thermo_style timestep timer uncompute undump unfix units
balance change_box create_atoms create_bonds create_box delete_atoms delete_bonds reset_ids displace_atoms info
minimize read_data read_dump read_restart replicate rerun reset_atom_ids reset_mol_ids run set velocity write_coeff
write_data write_dump write_restart labelmap plugin geturl temper neb prd tad hyper kim kim_init kim_interactions
kim_param kim_property kim_query message server fitpod region2vmd dynamical_matrix third_order`.split(/\s+/));

const RE_VERSION = /^LAMMPS \((.+)\)\s*$/;
const RE_LOOP = /^Loop time of (\S+) on (\d+) procs for (\d+) steps with (\d+) atoms/;
const RE_MULTI = /^-+ Step\s+(\S+)\s+-+ CPU =\s*(\S+)\s+\(sec\)\s+-+\s*$/;
const RE_WALL = /^Total wall time: (\d+):(\d+):(\d+)/;
const RE_ERROR = /^ERROR(?: on proc \d+)?: (.*)$/;
const RE_WARNING = /^WARNING(?: on proc \d+)?: (.*)$/;

/** A column being filled. */
class Growing {
  buf = new Float64Array(64);
  n = 0;
  push(v: number): void {
    if (this.n === this.buf.length) {
      const b = new Float64Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.n++] = v;
  }
  done(): Float64Array {
    return this.buf.slice(0, this.n);
  }
}

interface OpenBlock {
  run: ThermoRun;
  cols: Growing[];
  /** Columns already reported as holding non-finite values. */
  nonFinite: Set<number>;
  /** multi: values of the record being read, or null between records. */
  record: number[] | null;
  recordLine: number;
  /** yaml: saw `data:`. */
  yamlData: boolean;
  /** multi: the first record is still defining the columns. */
  building: boolean;
  /** multi: names as printed (columns may rename repeats), starting with Step and CPU. */
  pairNames: string[];
}

function isNanWord(s: string, a: number, b: number): boolean {
  // nan, -nan, +nan, NaN (any case); .nan (YAML)
  let i = a;
  if (s.charCodeAt(i) === 45 || s.charCodeAt(i) === 43) i++;
  if (s.charCodeAt(i) === 46) i++;
  return b - i === 3 && s.substring(i, b).toLowerCase() === 'nan';
}

/** Number in text[a, b), NaN for nan spellings, or undefined when it is not a number at all. */
function thermoValue(s: string, a: number, b: number): number | undefined {
  const v = tryParseFloatStr(s, a, b);
  if (v === v) return v;
  if (isNanWord(s, a, b)) return NaN;
  // YAML infinities: .inf, -.inf
  const t = s.substring(a, b).toLowerCase();
  if (t === '.inf' || t === '+.inf') return Infinity;
  if (t === '-.inf') return -Infinity;
  return undefined;
}

function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Parse a LAMMPS log from text. `file` is used in warnings. */
export function parseLammpsLog(text: string, file = '<log>'): LammpsLog {
  const p = createLammpsLogParser(file);
  p.feed(text);
  return p.end();
}

/** Incremental parser: feed the log in pieces (any split), then end(). */
export interface LammpsLogParser {
  feed(chunk: string): void;
  end(): LammpsLog;
}

/** Lines the parser may look ahead of the line it is on (header detection peeks up to 9). */
const LOOKAHEAD = 16;

/**
 * An incremental LAMMPS log parser: memory is the runs' columns plus one piece of text, so logs
 * larger than a JS string can hold are read piece by piece (readLammpsLog). A line is handled once
 * LOOKAHEAD complete lines follow it (or at end()).
 */
export function createLammpsLogParser(file = '<log>'): LammpsLogParser {
  let text = '';
  let len = 0;
  /** Lines starting at or after this offset wait for more text. */
  let limit = 0;
  const log: LammpsLog = { file, runs: [], warnings: [], errors: [], commands: [], readerWarnings: [] };
  const warn = (line: number, message: string): void => { log.readerWarnings.push({ file, line, message }); };
  const f = new TokenBuilder(64);
  const g = new TokenBuilder(64);

  let pos = 0;
  let lineNo = 0;
  let lineStart = 0;
  let lineEnd = 0;
  let hasNewline = true;
  /** Read the next line into lineStart/lineEnd; false at end. */
  const next = (): boolean => {
    if (pos >= limit) return false;
    lineStart = pos;
    let i = text.indexOf('\n', pos);
    if (i < 0) { i = len; pos = len; hasNewline = false; } else { pos = i + 1; hasNewline = true; }
    lineEnd = i > lineStart && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
    lineNo++;
    return true;
  };
  /** Bounds of the line after `from` (a text offset at a line start), or null. */
  const lineAt = (from: number): [number, number, number] | null => {
    if (from >= len) return null;
    let i = text.indexOf('\n', from);
    const nextStart = i < 0 ? len : i + 1;
    if (i < 0) i = len;
    const e = i > from && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
    return [from, e, nextStart];
  };

  let block: OpenBlock | null = null;
  let lastClosed: ThermoRun | null = null;
  let lastThermoStyle: string | undefined;
  let pendingCommand: LammpsCommand | undefined;
  let pendingKind: 'run' | 'minimize' = 'run';
  /** Minimization stats being read into this run. */
  let minStats: MinimizeStats | null = null;
  let expectEnergyLine = false;

  const openBlock = (style: ThermoStyle, columns: string[], line: number): OpenBlock => {
    const seen = new Map<string, number>();
    const names = columns.map((c) => {
      const k = (seen.get(c) ?? 0) + 1;
      seen.set(c, k);
      if (k === 1) return c;
      warn(line, `thermo column '${c}' appears ${k} times: the repeat is named '${c}#${k}'`);
      return `${c}#${k}`;
    });
    const run: ThermoRun = {
      number: log.runs.length + 1, kind: pendingKind, style, columns: names, data: new Map(), nrows: 0,
      firstLine: line, lastLine: line, complete: false,
    };
    if (pendingCommand) { run.command = pendingCommand.text; run.commandLine = pendingCommand.line; }
    pendingCommand = undefined;
    pendingKind = 'run';
    log.runs.push(run);
    lastClosed = null;
    minStats = null;
    return { run, cols: names.map(() => new Growing()), nonFinite: new Set(), record: null, recordLine: 0, yamlData: false, building: style === 'multi', pairNames: ['Step', 'CPU'] };
  };

  const finishBlock = (b: OpenBlock): void => {
    if (b.record) flushRecord(b);
    b.run.columns.forEach((c, i) => b.run.data.set(c, b.cols[i].done()));
    b.run.nrows = b.cols.length ? b.cols[0].n : 0;
    block = null;
    lastClosed = b.run;
  };

  const closeIncomplete = (b: OpenBlock, why: string): void => {
    finishBlock(b);
    warn(b.run.lastLine, `thermo block ${b.run.number} (from line ${b.run.firstLine}) ${why}: ${b.run.nrows} complete rows read, up to line ${b.run.lastLine}`);
  };

  const addRow = (b: OpenBlock, values: ArrayLike<number>, line: number, raw: (i: number) => string): void => {
    for (let i = 0; i < b.cols.length; i++) {
      const v = values[i];
      if (!Number.isFinite(v) && !b.nonFinite.has(i)) {
        b.nonFinite.add(i);
        warn(line, `thermo column '${b.run.columns[i]}' has a non-finite value '${raw(i)}' (kept as ${v}); the run may have blown up`);
      }
      b.cols[i].push(v);
    }
    b.run.lastLine = line;
  };

  const flushRecord = (b: OpenBlock): void => {
    const r = b.record!;
    b.record = null;
    b.building = false;
    if (r.length !== b.cols.length) {
      warn(b.recordLine, `thermo_style multi record has ${r.length} values, the first record of this block has ${b.cols.length}: skipped`);
      return;
    }
    addRow(b, r, b.run.lastLine, (i) => String(r[i]));
  };

  /** Fields of text[a, b) into `out` all numbers (nan allowed)? Values into `vals`. */
  const rowValues = (fb: TokenBuilder, n: number, vals: Float64Array): boolean => {
    const idx = fb.indices;
    for (let i = 0; i < n; i++) {
      const a = idx[2 * i];
      const b = idx[2 * i + 1];
      let v = tryParseFloatStr(text, a, b);
      if (v !== v) {
        const w = thermoValue(text, a, b);
        if (w === undefined) return false;
        v = w;
      }
      vals[i] = v;
    }
    return true;
  };

  /** Is the current line (fields in f, count n) a header whose next data line has n numbers? */
  const looksLikeHeader = (n: number): boolean => {
    if (n === 0) return false;
    for (let i = 0; i < n; i++) {
      const a = f.start(i);
      if (!isIdentifierStart(text.charCodeAt(a))) return false;
      if (isNanWord(text, a, f.end(i))) return false;
      if (text.charCodeAt(f.end(i) - 1) === 58 /* ':' */) return false; // "Histogram:", "Nlocal:"
    }
    // peek past WARNING lines
    let p = pos;
    for (let k = 0; k < 8; k++) {
      const l = lineAt(p);
      if (!l) return false;
      if (text.startsWith('WARNING', l[0])) { p = l[2]; continue; }
      const m = splitFields(text, l[0], l[1], g);
      if (m !== n) return false;
      for (let i = 0; i < m; i++) if (thermoValue(text, g.start(i), g.end(i)) === undefined) return false;
      return true;
    }
    return false;
  };

  let vals = new Float64Array(64);

  const processLines = (): void => {
    while (next()) {
      const c0 = text.charCodeAt(lineStart);
      const n = splitFields(text, lineStart, lineEnd, f);
      if (vals.length < n) vals = new Float64Array(n * 2);

      // ---- inside a one/custom or yaml block: rows first (the hot path)
      if (block !== null && block.run.style !== 'multi') {
        const b: OpenBlock = block;
        if (b.run.style === 'yaml') {
          if (!b.yamlData) {
            if (text.startsWith('data:', lineStart)) { b.yamlData = true; continue; }
          } else {
            const t = text.substring(lineStart, lineEnd).trim();
            if (t.startsWith('- [')) {
              const inner = t.substring(3, t.lastIndexOf(']') < 0 ? t.length : t.lastIndexOf(']'));
              const parts = inner.split(',').map((s) => s.trim());
              if (parts.length && parts[parts.length - 1] === '') parts.pop();
              const v: number[] = [];
              let ok = t.endsWith(']') && parts.length === b.cols.length;
              for (const s of parts) {
                const x = thermoValue(s, 0, s.length);
                if (x === undefined) { ok = false; break; }
                v.push(x);
              }
              if (!ok || (!hasNewline && pos >= len)) {
                warn(lineNo, `YAML thermo row ${!hasNewline && pos >= len ? 'cut at the end of the log' : `has ${parts.length} values, keywords list ${b.cols.length}, or a non-number`}: skipped`);
                continue;
              }
              addRow(b, v, lineNo, (i) => parts[i]);
              continue;
            }
            if (t === '...') { b.yamlData = false; continue; } // end of YAML document; Loop time follows
          }
        } else if (n === b.cols.length && rowValues(f, n, vals)) {
          if (!hasNewline && pos >= len) {
            warn(lineNo, 'last line has no newline (log cut mid-row?): dropped');
            continue;
          }
          addRow(b, vals, lineNo, (i) => text.substring(f.start(i), f.end(i)));
          continue;
        }
      }

      // ---- multi records
      if (c0 === 45 /* - */) {
        const m = RE_MULTI.exec(text.substring(lineStart, lineEnd));
        if (m) {
          const step = thermoValue(m[1], 0, m[1].length) ?? NaN;
          const cpu = thermoValue(m[2], 0, m[2].length) ?? NaN;
          if (block !== null && (block as OpenBlock).run.style !== 'multi') closeIncomplete(block, 'is followed by thermo_style multi output before its Loop time line');
          if (block === null) {
            block = openBlock('multi', ['Step', 'CPU'], lineNo);
            block.record = [step, cpu];
            block.recordLine = lineNo;
          } else {
            const b: OpenBlock = block;
            if (b.record) flushRecord(b);
            b.record = [step, cpu];
            b.recordLine = lineNo;
            b.run.lastLine = lineNo;
          }
          continue;
        }
      }
      if (block !== null && (block as OpenBlock).run.style === 'multi' && (block as OpenBlock).record !== null) {
        const b: OpenBlock = block;
        if (n >= 3 && n % 3 === 0 && text.charCodeAt(f.start(1)) === 61 /* = */ && f.end(1) - f.start(1) === 1) {
          let ok = true;
          for (let i = 0; i < n; i += 3) {
            if (text.charCodeAt(f.start(i + 1)) !== 61) { ok = false; break; }
            const v = thermoValue(text, f.start(i + 2), f.end(i + 2));
            if (v === undefined) { ok = false; break; }
          }
          if (ok) {
            const rec = b.record!;
            for (let i = 0; i < n; i += 3) {
              const name = text.substring(f.start(i), f.end(i));
              const v = thermoValue(text, f.start(i + 2), f.end(i + 2))!;
              // `thermo_modify line multi` on a custom style that lists `step` repeats the Step of
              // the separator line as a pair: not a column of its own
              if (name === 'Step' && Object.is(v, rec[0])) continue;
              const k = rec.length;
              if (b.building) {
                let col = name;
                for (let r = 2; b.run.columns.includes(col); r++) col = `${name}#${r}`;
                if (col !== name) warn(lineNo, `thermo column '${name}' appears twice: the repeat is named '${col}'`);
                b.pairNames.push(name);
                b.run.columns.push(col);
                b.cols.push(new Growing());
              } else if (k < b.pairNames.length && b.pairNames[k] !== name) {
                warn(lineNo, `thermo_style multi: expected '${b.pairNames[k]}' here (as in the block's first record), found '${name}'`);
              }
              rec.push(v);
            }
            b.run.lastLine = lineNo;
            continue;
          }
        }
        // any other line ends the record
        flushRecord(b);
      }

      // ---- lines that may appear anywhere
      if (c0 === 87 /* W */) {
        const m = RE_WARNING.exec(text.substring(lineStart, lineEnd));
        if (m) { log.warnings.push({ line: lineNo, message: m[1] }); continue; }
      }
      if (c0 === 69 /* E */) {
        const m = RE_ERROR.exec(text.substring(lineStart, lineEnd));
        if (m) {
          const e: LogMessage = { line: lineNo, message: m[1] };
          const l = lineAt(pos);
          if (l && text.startsWith('Last command: ', l[0])) e.lastCommand = text.substring(l[0] + 14, l[1]);
          log.errors.push(e);
          if (block !== null) closeIncomplete(block, 'is cut by an ERROR');
          continue;
        }
      }
      if (c0 === 76 /* L */) {
        const s = text.substring(lineStart, lineEnd);
        const m = RE_LOOP.exec(s);
        if (m) {
          if (block === null) {
            warn(lineNo, "'Loop time of' line without a thermo block before it: ignored");
            continue;
          }
          const b: OpenBlock = block;
          finishBlock(b);
          const r = b.run;
          r.loopTime = thermoValue(m[1], 0, m[1].length) ?? NaN;
          r.nprocs = Number(m[2]);
          r.nsteps = Number(m[3]);
          r.natoms = Number(m[4]);
          r.loopLine = lineNo;
          r.complete = true;
          continue;
        }
        if (log.version === undefined) {
          const v = RE_VERSION.exec(s);
          if (v) { log.version = v[1]; continue; }
        }
      }
      if (block === null && lastClosed !== null) {
        const r: ThermoRun = lastClosed;
        if (c0 === 80 /* P */ && text.startsWith('Performance: ', lineStart) && r.performance === undefined) {
          r.performance = parsePerformance(text.substring(lineStart + 13, lineEnd));
          continue;
        }
        if (c0 === 77 /* M */ && text.startsWith('Minimization stats:', lineStart)) {
          r.kind = 'minimize';
          minStats = r.minimize = {};
          continue;
        }
        if (minStats !== null) {
          const s = text.substring(lineStart, lineEnd).trim();
          const num = (i: number): number => thermoValue(text, f.start(i), f.end(i)) ?? NaN;
          if (expectEnergyLine) {
            expectEnergyLine = false;
            if (n === 3) { minStats.energy = [num(0), num(1), num(2)]; continue; }
          }
          if (s.startsWith('Stopping criterion = ')) { minStats.stoppingCriterion = s.substring(21).trim(); continue; }
          if (s.startsWith('Energy initial, next-to-last, final =')) {
            if (n === 8) minStats.energy = [num(5), num(6), num(7)];
            else expectEnergyLine = true;
            continue;
          }
          if (s.startsWith('Force two-norm initial, final =') && n === 7) { minStats.fnorm = [num(5), num(6)]; continue; }
          if (s.startsWith('Force max component initial, final =') && n === 8) { minStats.fmax = [num(6), num(7)]; continue; }
          if (s.startsWith('Iterations, force evaluations =') && n === 6) {
            minStats.iterations = num(4);
            minStats.forceEvaluations = num(5);
            minStats = null;
            continue;
          }
        }
      }
      if (c0 === 84 /* T */) {
        const m = RE_WALL.exec(text.substring(lineStart, lineEnd));
        if (m) { log.totalWallTime = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]); continue; }
      }

      // ---- YAML thermo start: '---' then 'keywords: [...]'
      if (c0 === 45 && n === 1 && f.end(0) - f.start(0) === 3 && text.startsWith('---', f.start(0))) {
        const l = lineAt(pos);
        if (l && text.startsWith('keywords:', l[0])) {
          if (block !== null) closeIncomplete(block, 'is followed by YAML thermo output before its Loop time line');
          next();
          const t = text.substring(lineStart, lineEnd);
          const a = t.indexOf('[');
          const z = t.lastIndexOf(']');
          if (a < 0 || z < a) {
            warn(lineNo, `YAML thermo: expected keywords: [...], found '${t}'`);
            continue;
          }
          const names = t.substring(a + 1, z).split(',').map((s) => s.trim().replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1')).filter((s) => s !== '');
          block = openBlock('yaml', names, lineNo);
          continue;
        }
      }

      // ---- echoed commands
      if (isIdentifierStart(c0) && n > 0 && c0 >= 97) {
        const word = text.substring(f.start(0), f.end(0));
        if (COMMAND_NAMES.has(word)) {
          const cmd = { line: lineNo, text: text.substring(lineStart, lineEnd).trimEnd() };
          log.commands.push(cmd);
          if (word === 'thermo_style' && n > 1) lastThermoStyle = text.substring(f.start(1), f.end(1));
          if (word === 'run' || word === 'rerun' || word === 'minimize') {
            pendingCommand = cmd;
            pendingKind = word === 'minimize' ? 'minimize' : 'run';
          }
          continue;
        }
      }

      // ---- one/custom header
      if (looksLikeHeader(n)) {
        if (block !== null) closeIncomplete(block, 'is followed by another thermo header before its Loop time line');
        const cols: string[] = [];
        for (let i = 0; i < n; i++) cols.push(text.substring(f.start(i), f.end(i)));
        let style: ThermoStyle;
        if (lastThermoStyle === 'one' || lastThermoStyle === 'custom') style = lastThermoStyle;
        else if (lastThermoStyle === undefined) style = cols.length === ONE_COLUMNS.length && cols.every((c, i) => c === ONE_COLUMNS[i]) ? 'one' : 'custom';
        else style = 'custom';
        block = openBlock(style, cols, lineNo);
        continue;
      }

      // ---- a malformed row inside a one/custom block
      if (block !== null && (block as OpenBlock).run.style !== 'multi' && (block as OpenBlock).run.style !== 'yaml' && n > 0) {
        const b: OpenBlock = block;
        if (thermoValue(text, f.start(0), f.end(0)) !== undefined) {
          const cut = !hasNewline && pos >= len;
          warn(lineNo, cut
            ? `last line has no newline (log cut mid-row?): dropped`
            : `thermo row has ${n} fields (or a non-number), header at line ${b.run.firstLine} has ${b.cols.length}: skipped`);
        }
        // other text inside a block (fix output, print) is ignored
      }
    }
  };

  return {
    feed(chunk: string): void {
      text = text.substring(pos) + chunk;
      pos = 0;
      len = text.length;
      // handle only lines followed by LOOKAHEAD complete lines
      let i = len;
      let k = 0;
      while (k <= LOOKAHEAD) {
        i = i > 0 ? text.lastIndexOf('\n', i - 1) : -1;
        if (i < 0) break;
        k++;
      }
      limit = k > LOOKAHEAD ? i + 1 : 0;
      processLines();
    },
    end(): LammpsLog {
      limit = len;
      processLines();
      if (block !== null) closeIncomplete(block, 'has no Loop time line (the log ends inside the run)');
      return log;
    },
  };
}

/** Parse what follows `Performance: `, e.g. `7.298 ns/day, 3.288 hours/ns, 84.472 timesteps/s`. */
export function parsePerformance(s: string): Performance {
  const p: Performance = { text: s.trim() };
  for (const part of s.split(',')) {
    const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(part);
    if (!m) continue;
    const v = thermoValue(m[1], 0, m[1].length);
    if (v === undefined) continue;
    switch (m[2]) {
      case 'tau/day': p.tauPerDay = v; break;
      case 'ns/day': p.nsPerDay = v; break;
      case 'hours/ns': p.hoursPerNs = v; break;
      case 'fs/day': p.fsPerDay = v; break;
      case 'hours/fs': p.hoursPerFs = v; break;
      case 'timesteps/s': p.timestepsPerSecond = v; break;
      case 'katom-step/s': p.katomStepPerSecond = v; break;
      case 'Matom-step/s': p.matomStepPerSecond = v; break;
      default: break;
    }
  }
  return p;
}

/**
 * Read and parse a log file, streaming (gzip-compressed files are recognised by their magic bytes).
 * `chunkSize` (default 8 MB) is the read size; small values exercise pieces split anywhere.
 */
export async function readLammpsLog(path: string, opts: { chunkSize?: number } = {}): Promise<LammpsLog> {
  const { raw, source } = await openTextStream(path, opts.chunkSize);
  const p = createLammpsLogParser(path);
  try {
    for await (const chunk of source as AsyncIterable<string>) p.feed(chunk);
  } finally {
    raw.destroy();
    source.destroy();
  }
  return p.end();
}

/**
 * Consecutive runs with the same columns as one table (like `run 100` issued twice): rows in order,
 * dropping the first row of a run when its Step equals the last Step of the previous run (LAMMPS
 * prints that state twice). Throws if the runs' columns differ.
 */
export function concatRuns(runs: ThermoRun[]): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  if (runs.length === 0) return out;
  const cols = runs[0].columns;
  for (const r of runs) {
    if (r.columns.length !== cols.length || r.columns.some((c, i) => c !== cols[i])) {
      throw new Error(`concatRuns: run ${r.number} has columns ${r.columns.join(' ')}, run ${runs[0].number} has ${cols.join(' ')}`);
    }
  }
  const skip = runs.map((r, k) => {
    if (k === 0 || r.nrows === 0) return 0;
    const prev = runs[k - 1].data.get('Step');
    const cur = r.data.get('Step');
    return prev && cur && prev.length > 0 && prev[prev.length - 1] === cur[0] ? 1 : 0;
  });
  const total = runs.reduce((s, r, k) => s + r.nrows - skip[k], 0);
  for (const c of cols) {
    const a = new Float64Array(total);
    let at = 0;
    runs.forEach((r, k) => {
      const d = r.data.get(c)!;
      a.set(d.subarray(skip[k]), at);
      at += d.length - skip[k];
    });
    out.set(c, a);
  }
  return out;
}

/** Text for a number that reads back (Number()) to the same double, NaN and ±Infinity included. */
function numText(v: number): string {
  if (v !== v) return 'NaN';
  return formatFloat(v);
}

/**
 * All runs as one CSV (papaparse): a `run` column (ThermoRun.number, 1-based), then the union of
 * the runs' columns in first-seen order; a cell is empty where a run lacks that column.
 * Numbers are written as the shortest text that reads back to the same double
 * (`Number(cell)`; `NaN`, `Infinity`, `-Infinity` for non-finite values).
 */
export function logToCsv(log: LammpsLog): string {
  let s = '';
  for (const piece of logToCsvChunks(log)) s += piece;
  return s;
}

/** logToCsv in pieces of `rowsPerChunk` rows (header in the first), for streaming to a file. */
export function* logToCsvChunks(log: LammpsLog, rowsPerChunk = 10_000): Generator<string> {
  const fields = ['run'];
  const seen = new Set(fields);
  for (const r of log.runs) for (const c of r.columns) if (!seen.has(c)) { seen.add(c); fields.push(c); }
  yield Papa.unparse([fields], { newline: '\n' }) + '\n';
  let data: string[][] = [];
  for (const r of log.runs) {
    const cols = fields.slice(1).map((c) => r.data.get(c));
    for (let i = 0; i < r.nrows; i++) {
      const row = [String(r.number)];
      for (const c of cols) row.push(c ? numText(c[i]) : '');
      data.push(row);
      if (data.length === rowsPerChunk) {
        yield Papa.unparse(data, { newline: '\n' }) + '\n';
        data = [];
      }
    }
  }
  if (data.length) yield Papa.unparse(data, { newline: '\n' }) + '\n';
}

/** JSON-safe number: finite numbers as-is, non-finite as the strings 'NaN', 'Infinity', '-Infinity'. */
function jsonNum(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

/**
 * The log as a JSON-ready object: runs with `data: { column: number[] }`. JSON has no NaN or
 * Infinity, so non-finite values are the strings 'NaN', 'Infinity', '-Infinity'. Finite numbers
 * are written by JSON.stringify, which round-trips doubles exactly.
 */
export function logToJSONValue(log: LammpsLog): Record<string, unknown> {
  return {
    file: log.file,
    version: log.version ?? null,
    totalWallTime: log.totalWallTime ?? null,
    runs: log.runs.map((r) => ({
      number: r.number,
      kind: r.kind,
      style: r.style,
      command: r.command ?? null,
      columns: r.columns,
      nrows: r.nrows,
      firstLine: r.firstLine,
      lastLine: r.lastLine,
      complete: r.complete,
      loopTime: r.loopTime ?? null,
      nprocs: r.nprocs ?? null,
      nsteps: r.nsteps ?? null,
      natoms: r.natoms ?? null,
      performance: r.performance ?? null,
      minimize: r.minimize ?? null,
      data: Object.fromEntries(r.columns.map((c) => [c, Array.from(r.data.get(c)!, jsonNum)])),
    })),
    warnings: log.warnings,
    errors: log.errors,
    readerWarnings: log.readerWarnings,
    commands: log.commands,
  };
}

export function logToJSON(log: LammpsLog, indent?: number): string {
  return JSON.stringify(logToJSONValue(log), null, indent);
}
