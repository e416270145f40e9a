/**
 * LAMMPS text dumps (`dump atom`, `dump custom`, `write_dump`, and `dump local`): streaming reader,
 * frame index for random access, and a writer whose numbers read back bit for bit.
 *
 * Layout LAMMPS writes (dump_atom.cpp / dump_custom.cpp / dump_local.cpp), per frame:
 *   ITEM: UNITS            (dump_modify units yes; first frame only)   lj
 *   ITEM: TIME             (dump_modify time yes)                      0.1
 *   ITEM: TIMESTEP                                                     100
 *   ITEM: NUMBER OF ATOMS  (dump local: ITEM: NUMBER OF ENTRIES)       256
 *   ITEM: BOX BOUNDS pp pp pp             xlo xhi / ylo yhi / zlo zhi            (3 lines)
 *   ITEM: BOX BOUNDS xy xz yz pp pp pp    xlo_bound xhi_bound xy / ... xz / ... yz (3 lines)
 *   ITEM: ATOMS id type x y z ...         (dump local: ITEM: ENTRIES c_1[1] ...)
 *   one line per atom
 *
 * A triclinic dump prints the BOUNDING box; the LAMMPS dump documentation gives the inverse used
 * here: xlo = xlo_bound - MIN(0,xy,xz,xy+xz), xhi = xhi_bound - MAX(0,xy,xz,xy+xz),
 * ylo = ylo_bound - MIN(0,yz), yhi = yhi_bound - MAX(0,yz). Box (types.ts) holds lo/hi + tilt.
 *
 * Speed: the file is read in 8 MB chunks into one reusable buffer (text/byte-lines.ts) and atom
 * lines are parsed straight from the bytes, never as strings. All-numeric frames go through a
 * WebAssembly kernel (text/assembly/dump-rows.ts, embedded by scripts/build-dump-wasm.sh): exact
 * fast path (mantissa < 2^53 times or divided by one exact power of ten <= 10^22: one correctly
 * rounded operation) and Eisel-Lemire for 16-19 digits (%.17g); a line it cannot settle goes to
 * its TypeScript twin `parseRows` (same fast path; well-formed longer decimals to Number(), junk to
 * tryParseFloatBytes for the error), which also does frames with text columns. Every value equals
 * Number(token). Memory: one frame, one chunk (inside the kernel's memory) and 8 MB of kernel blocks.
 */
import { ParseError, UsageError } from './errors.js';
import type { ReadOptions, WriteOptions } from './formats.js';
import { writeStreamAtomic } from './atomic-write.js';
import { ByteSink } from './text/byte-sink.js';
import { RowWriter } from './text/row-writer.js';
import { TextKeeper } from './text/text-keeper.js';
import { ByteLines, DEFAULT_CHUNK } from './text/byte-lines.js';
import { DUMP_ROWS_WASM_BASE64 } from './text/dump-rows-wasm.js';
import { instantiateEmbedded } from './wasm-loader.js';
import { formatFloat, tryParseFloatBytes, tryParseFloatStr, tryParseIntStr } from './text/numbers.js';
import type { AtomFrame, Box, Column, GeneralTriclinic } from './types.js';
import { boxFromGeneral, columnsToGeneral, columnsToRestricted, generalTriclinicProblem } from './general-triclinic.js';

// ---------------------------------------------------------------------------------------------
// Types and options

/** 'atoms': ITEM: ATOMS (dump atom/custom); 'entries': ITEM: ENTRIES (dump local). */
export type DumpFrameKind = 'atoms' | 'entries';

export interface DumpFrame extends AtomFrame {
  kind: DumpFrameKind;
}

export interface DumpReadOptions extends ReadOptions {
  /** Bytes per read (default 8 MB). Tiny values exercise lines split across chunks. */
  chunkSize?: number;
  /** Parse only these columns (the others are skipped, but still counted for the column check). */
  columns?: string[];
  /** Name used in error messages for in-memory input (parseLammpsDump). */
  file?: string;
  /**
   * Atom-line parser: 'auto' (default) uses the WebAssembly kernel for all-numeric frames and the
   * TypeScript twin otherwise; 'js' forces the twin (tests check that both give the same frames).
   */
  parser?: 'auto' | 'js';
}

/** Where a frame starts, for random access. */
export interface DumpFrameInfo {
  /** Byte offset of the frame's first ITEM line (decompressed bytes for .gz). */
  offset: number;
  /** 1-based line number of that line. */
  line: number;
  timestep: number;
  natoms: number;
  time?: number;
  kind: DumpFrameKind;
}

export interface DumpIndex {
  file: string;
  gz: boolean;
  /** ITEM: UNITS of the file (LAMMPS prints it in the first frame only). */
  units?: string;
  frames: DumpFrameInfo[];
}

// ---------------------------------------------------------------------------------------------
// Reading: headers

interface Header extends DumpFrameInfo {
  units?: string;
  box: Box;
  names: string[];
  /** Line number of the ITEM: ATOMS / ITEM: ENTRIES line. */
  atomsLine: number;
}

interface Context {
  file: string;
  units?: string;
  /** Previous frame (for "more atom lines than NUMBER OF ATOMS"). */
  prev?: Header;
  warnings?: ReadOptions['warnings'];
}

const BOUNDARY_RE = /^[pfsm]{2}$/;

function isBlankLine(buf: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] > 32) return false;
  return true;
}

function fields(text: string): string[] {
  const t = text.trim();
  return t === '' ? [] : t.split(/\s+/);
}

/**
 * Read a frame header up to and including ITEM: ATOMS / ITEM: ENTRIES.
 * Returns null at end of file before any (non-blank) line of a new frame.
 */
async function readHeader(r: ByteLines, ctx: Context): Promise<Header | null> {
  const L = { s: 0, e: 0 };
  const file = ctx.file;
  // skip blank lines before the frame
  for (;;) {
    if (!(await r.nextLine(L))) return null;
    if (!isBlankLine(r.buf, L.s, L.e)) break;
  }
  const offset = r.base + L.s;
  const line = r.line;
  let units: string | undefined;
  let time: number | undefined;
  let timestep: number | undefined;
  let natoms: number | undefined;
  let countKind: DumpFrameKind | undefined;
  let box: Box | undefined;
  let first = true;
  let what = 'ITEM: TIMESTEP';

  const valueLine = async (item: string): Promise<string> => {
    if (!(await r.nextLine(L))) throw new ParseError(file, r.line + 1, `truncated frame: expected the value of ITEM: ${item}, found end of file`);
    return r.text(L.s, L.e);
  };

  for (;;) {
    if (!first) {
      if (!(await r.nextLine(L))) {
        throw new ParseError(file, r.line + 1, `truncated frame (started at line ${line}): expected ${what}, found end of file`);
      }
    }
    const text = r.text(L.s, L.e).trimEnd();
    if (!text.startsWith('ITEM:')) {
      const shown = text.length > 60 ? text.slice(0, 60) + '...' : text;
      if (first && ctx.prev) {
        const p = ctx.prev;
        throw new ParseError(file, r.line,
          `more lines than NUMBER OF ${p.kind === 'atoms' ? 'ATOMS' : 'ENTRIES'} (${p.natoms}) in the frame of timestep ${p.timestep} (line ${p.line}): expected ITEM: TIMESTEP or end of file, found '${shown}'`);
      }
      throw new ParseError(file, r.line, `expected ${what}, found '${shown}'`);
    }
    first = false;
    const item = text.slice(5).trim();
    if (item === 'UNITS') {
      units = (await valueLine(item)).trim();
      if (units === '') throw new ParseError(file, r.line, 'ITEM: UNITS: expected a unit style (lj, real, metal, ...), found an empty line');
    } else if (item === 'TIME') {
      const t = (await valueLine(item)).trim();
      time = tryParseFloatStr(t, 0, t.length);
      if (time !== time) throw new ParseError(file, r.line, `ITEM: TIME: expected a number, found '${t}'`);
    } else if (item === 'TIMESTEP') {
      if (timestep !== undefined) throw new ParseError(file, r.line, `expected ${what}, found a second ITEM: TIMESTEP (frame at line ${line} has no ITEM: ATOMS)`);
      const t = (await valueLine(item)).trim();
      timestep = tryParseIntStr(t, 0, t.length);
      if (timestep !== timestep) throw new ParseError(file, r.line, `ITEM: TIMESTEP: expected an integer, found '${t}'`);
      what = 'ITEM: NUMBER OF ATOMS';
    } else if (item === 'NUMBER OF ATOMS' || item === 'NUMBER OF ENTRIES') {
      const t = (await valueLine(item)).trim();
      natoms = tryParseIntStr(t, 0, t.length);
      if (natoms !== natoms || natoms < 0) throw new ParseError(file, r.line, `ITEM: ${item}: expected a non-negative integer, found '${t}'`);
      countKind = item === 'NUMBER OF ATOMS' ? 'atoms' : 'entries';
      what = 'ITEM: BOX BOUNDS';
    } else if (item.startsWith('BOX BOUNDS')) {
      box = await readBox(r, L, file, fields(item.slice(10)), ctx);
      what = countKind === 'entries' ? 'ITEM: ENTRIES' : 'ITEM: ATOMS';
    } else if (item.startsWith('ATOMS') || item.startsWith('ENTRIES')) {
      const kind: DumpFrameKind = item.startsWith('ATOMS') ? 'atoms' : 'entries';
      const word = kind === 'atoms' ? 'ATOMS' : 'ENTRIES';
      if (timestep === undefined) throw new ParseError(file, r.line, `ITEM: ${word} before ITEM: TIMESTEP: expected ITEM: TIMESTEP first`);
      if (natoms === undefined) throw new ParseError(file, r.line, `ITEM: ${word} before ITEM: NUMBER OF ${word}: expected ITEM: NUMBER OF ${word} first`);
      if (box === undefined) throw new ParseError(file, r.line, `ITEM: ${word} before ITEM: BOX BOUNDS: expected ITEM: BOX BOUNDS first`);
      if (countKind !== kind) throw new ParseError(file, r.line, `ITEM: ${word} after ITEM: NUMBER OF ${countKind === 'atoms' ? 'ATOMS' : 'ENTRIES'}: expected ITEM: ${countKind === 'atoms' ? 'ATOMS' : 'ENTRIES'}`);
      const names = fields(item.slice(word.length));
      if (names.length === 0) throw new ParseError(file, r.line, `ITEM: ${word}: expected column names (id type x y z ...), found none`);
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n)) throw new ParseError(file, r.line, `ITEM: ${word}: column '${n}' appears twice`);
        seen.add(n);
      }
      if (units !== undefined) ctx.units = units;
      return { offset, line, units: units ?? ctx.units, time, timestep, natoms, kind, box, names, atomsLine: r.line };
    } else {
      throw new ParseError(file, r.line, `unknown '${text}': expected ${what}`);
    }
  }
}

async function readBox(r: ByteLines, L: { s: number; e: number }, file: string, words: string[], ctx: Context): Promise<Box> {
  const headerLine = r.line;
  let triclinic = false;
  let general = false;
  if (words[0] === 'abc') {
    // general triclinic (LAMMPS >= 2024, dump_modify triclinic/general): rows 'ax ay az ox', 'bx by bz oy', 'cx cy cz oz'
    if (words[1] !== 'origin') throw new ParseError(file, headerLine, `ITEM: BOX BOUNDS: expected 'abc origin' before the boundary flags, found '${words.slice(0, 2).join(' ')}'`);
    general = true;
    words = words.slice(2);
  } else if (words[0] === 'xy') {
    if (words[1] !== 'xz' || words[2] !== 'yz') throw new ParseError(file, headerLine, `ITEM: BOX BOUNDS: expected 'xy xz yz' before the boundary flags, found '${words.slice(0, 3).join(' ')}'`);
    triclinic = true;
    words = words.slice(3);
  }
  let boundary: [string, string, string];
  if (words.length === 0) {
    boundary = ['pp', 'pp', 'pp'];
    ctx.warnings?.push({ file, line: headerLine, message: 'ITEM: BOX BOUNDS has no boundary flags (old LAMMPS); assuming pp pp pp' });
  } else if (words.length === 3 && words.every((w) => BOUNDARY_RE.test(w))) {
    boundary = [words[0], words[1], words[2]];
  } else {
    throw new ParseError(file, headerLine, `ITEM: BOX BOUNDS: expected three boundary flags such as 'pp pp pp' or 'ff ss fm', found '${words.join(' ')}'`);
  }
  const want = general ? 4 : triclinic ? 3 : 2;
  const v: number[][] = [];
  const names = general ? [['ax', 'ay', 'az', 'ox'], ['bx', 'by', 'bz', 'oy'], ['cx', 'cy', 'cz', 'oz']] : triclinic ? [['xlo_bound', 'xhi_bound', 'xy'], ['ylo_bound', 'yhi_bound', 'xz'], ['zlo_bound', 'zhi_bound', 'yz']] : [['xlo', 'xhi'], ['ylo', 'yhi'], ['zlo', 'zhi']];
  for (let d = 0; d < 3; d++) {
    if (!(await r.nextLine(L))) throw new ParseError(file, r.line + 1, `truncated frame: expected ${names[d].join(' ')} (line ${d + 1} of 3 of ITEM: BOX BOUNDS), found end of file`);
    const t = r.text(L.s, L.e);
    const f = fields(t);
    if (f.length !== want) throw new ParseError(file, r.line, `ITEM: BOX BOUNDS: expected ${want} numbers (${names[d].join(' ')}), found ${f.length}: '${t.trim()}'`);
    const row: number[] = [];
    for (let k = 0; k < want; k++) {
      const x = tryParseFloatStr(f[k], 0, f[k].length);
      if (x !== x || !Number.isFinite(x)) throw new ParseError(file, r.line, `ITEM: BOX BOUNDS: ${names[d][k]}: expected a finite number, found '${f[k]}'`);
      row.push(x);
    }
    if (!general && row[0] > row[1]) throw new ParseError(file, r.line, `ITEM: BOX BOUNDS: ${names[d][0]} ${row[0]} > ${names[d][1]} ${row[1]}: expected lo <= hi`);
    v.push(row);
  }
  if (general) {
    const g: GeneralTriclinic = { avec: [v[0][0], v[0][1], v[0][2]], bvec: [v[1][0], v[1][1], v[1][2]], cvec: [v[2][0], v[2][1], v[2][2]], origin: [v[0][3], v[1][3], v[2][3]] };
    const problem = generalTriclinicProblem(g);
    if (problem) throw new ParseError(file, r.line, `ITEM: BOX BOUNDS abc origin: ${problem}`);
    return boxFromGeneral(g, boundary);
  }
  if (!triclinic) {
    return { lo: [v[0][0], v[1][0], v[2][0]], hi: [v[0][1], v[1][1], v[2][1]], tilt: null, boundary };
  }
  const xy = v[0][2], xz = v[1][2], yz = v[2][2];
  const [mx, Mx, my, My] = tiltShifts(xy, xz, yz);
  return {
    lo: [v[0][0] - mx, v[1][0] - my, v[2][0]],
    hi: [v[0][1] - Mx, v[1][1] - My, v[2][1]],
    tilt: [xy, xz, yz],
    boundary,
  };
}

/** MIN(0,xy,xz,xy+xz), MAX(0,xy,xz,xy+xz), MIN(0,yz), MAX(0,yz): bounding box minus box. */
export function tiltShifts(xy: number, xz: number, yz: number): [number, number, number, number] {
  const s = xy + xz;
  return [Math.min(0, xy, xz, s), Math.max(0, xy, xz, s), Math.min(0, yz), Math.max(0, yz)];
}

// ---------------------------------------------------------------------------------------------
// Reading: atom lines (the hot loop)

const K_NUM = 0;
const K_TEXT = 1;
const K_SKIP = 2;

/** Columns that are numbers whatever the file says (a non-number there is an error). */
const NUMERIC_NAMES = new Set([
  'id', 'type', 'mol', 'proc', 'procp1', 'mass', 'q', 'x', 'y', 'z', 'xs', 'ys', 'zs', 'xu', 'yu', 'zu',
  'xsu', 'ysu', 'zsu', 'ix', 'iy', 'iz', 'vx', 'vy', 'vz', 'fx', 'fy', 'fz', 'mux', 'muy', 'muz', 'mu',
  'radius', 'diameter', 'omegax', 'omegay', 'omegaz', 'angmomx', 'angmomy', 'angmomz', 'tqx', 'tqy', 'tqz',
]);
/** Columns that are text. */
export const TEXT_NAMES: ReadonlySet<string> = new Set(['element', 'typelabel']);

function isNumericName(n: string): boolean {
  return NUMERIC_NAMES.has(n) || /^[cfvdi]_/.test(n) || /^[cfvdi]2_/.test(n);
}

const POW10: Float64Array = (() => {
  const p = new Float64Array(23);
  p[0] = 1;
  for (let i = 1; i < 23; i++) p[i] = p[i - 1] * 10;
  return p;
})();

/** Mutable cursor of the row loop (kept in one object so the loop function stays allocation-free). */
interface RowState {
  i: number;
  row: number;
}

/** Rejection from the row loop; turned into a ParseError with the line by the caller. */
class RowError {
  constructor(readonly row: number, readonly lineStart: number, readonly col: number, readonly tokS: number, readonly tokE: number) {}
}

/**
 * Parse atom lines from buf[st.i] while st.row < n and the line ends at or before `stop` (a '\n').
 * Every scan stops at '\n', so no bounds checks are needed inside the line.
 */
/** Buffer's undocumented latin1Slice (what toString('latin1', s, e) calls, minus the argument checks). */
interface Latin1Buffer extends Buffer {
  latin1Slice(start: number, end: number): string;
}

function parseRows(
  buf: Buffer, stop: number, st: RowState, n: number,
  kinds: Uint8Array, cols: Float64Array[], texts: Array<string[] | null>, intern: Map<number, string>,
): void {
  const ncol = kinds.length;
  let i = st.i;
  let row = st.row;
  while (row < n && i <= stop) {
    const lineStart = i;
    for (let k = 0; k < ncol; k++) {
      let c = buf[i];
      while (c === 32 || c === 9) c = buf[++i];
      const s = i;
      const kind = kinds[k];
      if (kind === K_NUM) {
        let neg = false;
        if (c === 45) { neg = true; c = buf[++i]; } else if (c === 43) { c = buf[++i]; }
        let mant = 0;
        let exp = 0;
        const ds = i;
        while (c >= 48 && c <= 57) { mant = mant * 10 + (c - 48); c = buf[++i]; }
        let nd = i - ds;
        if (c === 46) {
          c = buf[++i];
          const fs = i;
          while (c >= 48 && c <= 57) { mant = mant * 10 + (c - 48); c = buf[++i]; }
          exp = fs - i;
          nd += i - fs;
        }
        let ok = nd > 0;
        if (c === 101 || c === 69) {
          c = buf[++i];
          let eneg = false;
          if (c === 45) { eneg = true; c = buf[++i]; } else if (c === 43) { c = buf[++i]; }
          const es = i;
          let e = 0;
          while (c >= 48 && c <= 57) { if (e < 100000) e = e * 10 + (c - 48); c = buf[++i]; }
          if (i === es) ok = false;
          exp += eneg ? -e : e;
        }
        let v: number;
        if (ok && (c === 32 || c === 10 || c === 9 || c === 13) && mant <= 9007199254740991 && exp >= -22 && exp <= 22) {
          v = exp === 0 ? mant : exp < 0 ? mant / POW10[-exp] : mant * POW10[exp];
          if (neg) v = -v;
        } else if (ok && (c === 32 || c === 10 || c === 9 || c === 13)) {
          // a well-formed decimal off the fast path (16+ digits, |exponent| > 22): Number() itself
          v = Number((buf as Latin1Buffer).latin1Slice(s, i));
        } else {
          while (c !== 32 && c !== 10 && c !== 9 && c !== 13) c = buf[++i];
          v = i === s ? NaN : tryParseFloatBytes(buf, s, i);
          if (v !== v) { st.i = i; st.row = row; throw new RowError(row, lineStart, k, s, i); }
        }
        cols[k][row] = v;
      } else {
        while (c !== 32 && c !== 10 && c !== 9 && c !== 13) c = buf[++i];
        if (i === s) { st.i = i; st.row = row; throw new RowError(row, lineStart, k, s, i); }
        if (kind === K_TEXT) (texts[k] as string[])[row] = internText(buf, s, i, intern);
      }
    }
    let c = buf[i];
    while (c === 32 || c === 9 || c === 13) c = buf[++i];
    if (c !== 10) { st.i = i; st.row = row; throw new RowError(row, lineStart, ncol, i, i); }
    i++;
    row++;
  }
  st.i = i;
  st.row = row;
}

/** Text of buf[s, e), shared between atoms for short tokens (element names repeat). */
function internText(buf: Uint8Array, s: number, e: number, intern: Map<number, string>): string {
  const len = e - s;
  if (len > 5) return Buffer.from(buf.buffer, buf.byteOffset + s, len).toString('utf8');
  let key = len;
  for (let i = s; i < e; i++) key = key * 256 + buf[i];
  let t = intern.get(key);
  if (t === undefined) {
    t = Buffer.from(buf.buffer, buf.byteOffset + s, len).toString('utf8');
    intern.set(key, t);
  }
  return t;
}

function rowErrorToParseError(r: ByteLines, h: Header, err: RowError, kinds: Uint8Array): ParseError {
  const lineNo = h.atomsLine + err.row + 1;
  const buf = r.buf;
  let le = err.lineStart;
  while (buf[le] !== 10) le++;
  let te = le;
  if (te > err.lineStart && buf[te - 1] === 13) te--;
  const lineText = r.text(err.lineStart, te);
  const what = h.kind === 'atoms' ? 'ATOMS' : 'ENTRIES';
  const ncol = kinds.length;
  const found = fields(lineText).length;
  if (lineText.startsWith('ITEM:')) {
    return new ParseError(r.file, lineNo, `fewer lines than NUMBER OF ${what} (${h.natoms}): found ${err.row} before '${lineText.trim()}'`);
  }
  if (err.col >= ncol) {
    return new ParseError(r.file, lineNo, `expected ${ncol} columns (${h.names.join(' ')}), found ${found}`);
  }
  if (err.tokS === err.tokE) {
    return new ParseError(r.file, lineNo, `expected ${ncol} columns (${h.names.join(' ')}), found ${found}`);
  }
  const tok = r.text(err.tokS, err.tokE);
  const name = h.names[err.col];
  if (/^[+-]?nan/i.test(tok)) return new ParseError(r.file, lineNo, `column ${name}: expected a number, found ${tok} (did the run blow up?)`);
  return new ParseError(r.file, lineNo, `column ${name}: expected a number, found '${tok}'`);
}

/** Decide the kind of each column: numbers, text, or skipped (not selected). */
async function columnKinds(r: ByteLines, h: Header, select: Set<string> | undefined): Promise<Uint8Array> {
  const kinds = new Uint8Array(h.names.length);
  let firstRow: string[] | undefined;
  for (let k = 0; k < h.names.length; k++) {
    const n = h.names[k];
    if (select && !select.has(n)) { kinds[k] = K_SKIP; continue; }
    if (TEXT_NAMES.has(n)) { kinds[k] = K_TEXT; continue; }
    if (isNumericName(n) || h.natoms === 0) { kinds[k] = K_NUM; continue; }
    // a column we do not know: text if its first value is not a number
    if (firstRow === undefined) {
      const L = { s: 0, e: 0 };
      firstRow = (await r.peekLine(L)) ? fields(r.text(L.s, L.e)) : [];
    }
    const tok = firstRow[k];
    kinds[k] = tok !== undefined && tryParseFloatStr(tok, 0, tok.length) !== tryParseFloatStr(tok, 0, tok.length) ? K_TEXT : K_NUM;
  }
  return kinds;
}

// ---------------------------------------------------------------------------------------------
// Reading: the WebAssembly twin of parseRows (src/io/text/assembly/dump-rows.ts)

const KINDS_PTR = 8192;
const IN_PTR = 65536;
const IN_CAP = 4 << 20;
const OUT_PTR = IN_PTR + IN_CAP;
const OUT_BYTES = 4 << 20;
const BUF_PTR = OUT_PTR + OUT_BYTES;

/**
 * One kernel instance per reader, with its own memory: kinds, a copy-in region, an output block,
 * and (BUF_PTR on) the reader's chunk buffer, so that the kernel parses the bytes where the file
 * read put them. A buffer that had to grow out of it (a line longer than the chunk) is copied in.
 */
interface Kernel {
  memory: WebAssembly.Memory;
  u8: Uint8Array;
  f64: Float64Array;
  parse: (inPtr: number, stop: number, row0: number, limit: number, ncol: number, kindsPtr: number, outPtr: number, blockRows: number) => number;
  rowsDone: WebAssembly.Global;
  status: WebAssembly.Global;
  /** The chunk buffer inside the kernel's memory, for ByteLines. */
  buffer: Buffer;
}

/** Rows parsed by the WebAssembly kernel and by the TypeScript twin since process start (tests, benchmarks). */
export const dumpParserStats = { kernelRows: 0, twinRows: 0 };

/** A kernel whose memory holds a chunk buffer of `bufBytes`; null without WebAssembly (the twin does everything). */
function createKernel(bufBytes: number): Kernel | null {
  try {
    const size = Math.max(16, bufBytes);
    const memory = new WebAssembly.Memory({ initial: Math.ceil((BUF_PTR + size) / 65536) });
    const ex = instantiateEmbedded('dump-rows', () => Buffer.from(DUMP_ROWS_WASM_BASE64, 'base64'), memory) as Record<string, unknown> | null;
    if (!ex) return null;
    return {
      memory,
      u8: new Uint8Array(memory.buffer),
      f64: new Float64Array(memory.buffer),
      parse: ex.parseRows_f64_soa as Kernel['parse'],
      rowsDone: ex.rowsDone as WebAssembly.Global,
      status: ex.status as WebAssembly.Global,
      buffer: Buffer.from(memory.buffer, BUF_PTR, size),
    };
  } catch {
    // the memory could not be had (or no WebAssembly at all): the twin parses this reader's rows
    return null;
  }
}

/**
 * Parse rows from buf[st.i] up to the '\n' at `stop` with the WebAssembly kernel, in place when
 * buf lives in the kernel's memory (else copied in pieces of at most IN_CAP bytes), in blocks of
 * rows that fit OUT_BYTES. A line the kernel refuses (a token it cannot settle, or a malformed
 * line) goes to the TypeScript twin, which parses it or throws the RowError. Returns the number
 * of such lines.
 */
function parseRowsWasm(
  w: Kernel, buf: Buffer, stop: number, st: RowState, limit: number,
  kinds: Uint8Array, cols: Float64Array[], texts: Array<string[] | null>, intern: Map<number, string>,
): number {
  const ncol = kinds.length;
  const blockRows = Math.floor(OUT_BYTES / (8 * ncol));
  const inPlace = buf.buffer === w.memory.buffer;
  w.u8.set(kinds, KINDS_PTR);
  let twinRows = 0;
  while (st.row < limit && st.i <= stop) {
    let base: number; // kernel address of buf[st.i]
    let stopPtr: number;
    if (inPlace) {
      base = buf.byteOffset + st.i;
      stopPtr = buf.byteOffset + stop;
    } else {
      let pieceEnd = stop;
      if (pieceEnd - st.i + 1 > IN_CAP) {
        pieceEnd = buf.lastIndexOf(10, st.i + IN_CAP - 1);
        if (pieceEnd < st.i) {
          // one line longer than the kernel's input: the twin takes it
          parseRows(buf, stop, st, st.row + 1, kinds, cols, texts, intern);
          twinRows++;
          continue;
        }
      }
      w.u8.set(buf.subarray(st.i, pieceEnd + 1), IN_PTR);
      base = IN_PTR;
      stopPtr = IN_PTR + (pieceEnd - st.i);
    }
    const row0 = st.row;
    const end = w.parse(base, stopPtr, row0, Math.min(limit, row0 + blockRows), ncol, KINDS_PTR, OUT_PTR, blockRows);
    const done = w.rowsDone.value as number;
    if (done > row0) {
      const out = OUT_PTR / 8;
      for (let k = 0; k < ncol; k++) {
        if (kinds[k] === K_NUM) cols[k].set(w.f64.subarray(out + k * blockRows, out + k * blockRows + (done - row0)), row0);
      }
    }
    st.i += end - base;
    st.row = done;
    dumpParserStats.kernelRows += done - row0;
    if (w.status.value === 1) {
      parseRows(buf, stop, st, st.row + 1, kinds, cols, texts, intern);
      twinRows++;
      // mostly tokens the kernel cannot settle: stop ping-ponging, let the twin go on
      if (twinRows > 64 && twinRows * 8 > st.row - row0) return twinRows;
    }
  }
  return twinRows;
}

/**
 * Rows to allocate before any is read: NUMBER OF ATOMS, but never more than the rest of a plain
 * file could hold (each line is at least 2 bytes per column), nor above 2^22 for streams of unknown
 * length (.gz): a corrupt count then ends as "truncated frame", not as a failed allocation.
 */
function initialCapacity(r: ByteLines, n: number, ncol: number): number {
  const bound = r.gz ? 1 << 22 : Math.floor(Math.max(0, r.rawSize - r.offset) / (2 * ncol)) + 1;
  return Math.min(n, bound);
}

function grow(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

async function readBody(r: ByteLines, h: Header, opts: DumpReadOptions, select: Set<string> | undefined, kernel: Kernel | null): Promise<DumpFrame> {
  const n = h.natoms;
  const kinds = await columnKinds(r, h, select);
  const ncol = kinds.length;
  let cap = initialCapacity(r, n, ncol);
  const cols: Float64Array[] = [];
  const texts: Array<string[] | null> = [];
  const empty = new Float64Array(0);
  for (let k = 0; k < ncol; k++) {
    cols.push(kinds[k] === K_NUM ? new Float64Array(cap) : empty);
    texts.push(kinds[k] === K_TEXT ? [] : null);
  }
  const st: RowState = { i: r.start, row: 0 };
  const intern = new Map<number, string>();
  const keep = opts.keepText ? new TextKeeper(Math.min(n * ncol * 12 + 64, 1 << 26)) : null;
  let w = kinds.includes(K_TEXT) || 8 * ncol > OUT_BYTES ? null : kernel;
  while (st.row < n) {
    if (st.row === cap) {
      cap = Math.min(n, cap * 2 + 1024);
      for (let k = 0; k < ncol; k++) if (kinds[k] === K_NUM) cols[k] = grow(cols[k], cap);
    }
    const stop = r.lastNewline();
    if (stop >= 0) {
      st.i = r.start;
      try {
        if (w) {
          const rows0 = st.row;
          const twin = parseRowsWasm(w, r.buf, stop, st, cap, kinds, cols, texts, intern);
          dumpParserStats.twinRows += twin;
          if (twin > 64 && twin * 8 > st.row - rows0) w = null; // the rest of this frame: TypeScript twin
        } else {
          const rows0 = st.row;
          parseRows(r.buf, stop, st, cap, kinds, cols, texts, intern);
          dumpParserStats.twinRows += st.row - rows0;
        }
      } catch (e) {
        if (e instanceof RowError) throw rowErrorToParseError(r, h, e, kinds);
        throw e;
      }
      keep?.append(r.buf, r.start, st.i);
      r.line = h.atomsLine + st.row;
      r.start = st.i;
    }
    if (st.row < n && st.row < cap && (stop < 0 || r.start > stop)) {
      if (!(await r.fill())) {
        const what = h.kind === 'atoms' ? 'ATOMS' : 'ENTRIES';
        throw new ParseError(r.file, r.line + 1, `truncated frame (timestep ${h.timestep}, line ${h.line}): expected ${n} lines after ITEM: ${what}, found ${st.row} before end of file`);
      }
      opts.onProgress?.(r.rawOffset, r.rawSize);
    }
  }
  const columns = new Map<string, Column>();
  for (let k = 0; k < ncol; k++) {
    if (kinds[k] === K_NUM) columns.set(h.names[k], cols[k]);
    else if (kinds[k] === K_TEXT) columns.set(h.names[k], texts[k] as string[]);
  }
  // general triclinic: atoms in the restricted frame that box.lo/hi/tilt describe, as LAMMPS keeps them
  const frame: DumpFrame = { kind: h.kind, timestep: h.timestep, natoms: n, box: h.box, columns: h.box.general ? columnsToRestricted(h.box.general, columns) : columns };
  if (h.time !== undefined) frame.time = h.time;
  if (h.units !== undefined) frame.units = h.units;
  // the arrays as parsed (a general triclinic frame's rotated x y z are other arrays: never copied as text)
  if (keep) frame.text = keep.frameText(kinds.reduce<Array<Column | null>>((a, kd, k) => (a.push(kd === K_NUM ? cols[k] : kd === K_TEXT ? (texts[k] as string[]) : null), a), []));
  return frame;
}

/** Skip the atom lines of a frame (indexing): count newlines without parsing. */
async function skipBody(r: ByteLines, h: Header): Promise<void> {
  let left = h.natoms;
  while (left > 0) {
    const buf = r.buf;
    const end = r.end;
    let i = r.start;
    while (left > 0) {
      const nl = buf.indexOf(10, i);
      if (nl < 0 || nl >= end) break;
      i = nl + 1;
      left--;
    }
    r.line = h.atomsLine + (h.natoms - left);
    r.start = i;
    if (left > 0 && !(await r.fill())) {
      const what = h.kind === 'atoms' ? 'ATOMS' : 'ENTRIES';
      throw new ParseError(r.file, r.line + 1, `truncated frame (timestep ${h.timestep}, line ${h.line}): expected ${h.natoms} lines after ITEM: ${what}, found ${h.natoms - left} before end of file`);
    }
  }
}

/** The reader's kernel (its memory holds the chunk buffer), unless parser 'js' is asked for. */
function kernelFor(opts: DumpReadOptions): Kernel | null {
  if (opts.parser === 'js') return null;
  return createKernel(Math.max(1, Math.floor(opts.chunkSize ?? DEFAULT_CHUNK)));
}

async function* framesFrom(r: ByteLines, opts: DumpReadOptions, ctx: Context, kernel: Kernel | null, limit = Infinity): AsyncGenerator<DumpFrame> {
  const select = opts.columns ? new Set(opts.columns) : undefined;
  let count = 0;
  while (count < limit) {
    const h = await readHeader(r, ctx);
    if (!h) return;
    const frame = await readBody(r, h, opts, select, kernel);
    ctx.prev = h;
    count++;
    opts.onProgress?.(r.rawOffset, r.rawSize);
    yield frame;
  }
}

// ---------------------------------------------------------------------------------------------
// Public reading API

/**
 * Stream the frames of a LAMMPS text dump (plain or gzip). Memory: one frame plus one chunk.
 * Registry reader of format 'lammps-dump-text'.
 */
export async function* readLammpsDumpFrames(path: string, opts: DumpReadOptions = {}): AsyncGenerator<DumpFrame> {
  const kernel = kernelFor(opts);
  const r = await ByteLines.open(path, { chunkSize: opts.chunkSize, buffer: kernel?.buffer });
  try {
    yield* framesFrom(r, opts, { file: path, warnings: opts.warnings }, kernel);
  } finally {
    await r.close();
  }
}

/** Parse a whole dump held in memory (tests, small inputs). */
export async function parseLammpsDump(data: string | Uint8Array, opts: DumpReadOptions = {}): Promise<DumpFrame[]> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const file = opts.file ?? '<input>';
  const kernel = kernelFor(opts);
  const r = ByteLines.fromBuffer(bytes, file, opts.chunkSize, kernel?.buffer);
  const out: DumpFrame[] = [];
  for await (const f of framesFrom(r, opts, { file, warnings: opts.warnings }, kernel)) out.push(f);
  return out;
}

/**
 * Byte offset, line, timestep and atom count of every frame, found without parsing atom lines
 * (header items are still checked, and each frame's line count).
 */
export async function indexLammpsDump(path: string, opts: { chunkSize?: number; onProgress?: ReadOptions['onProgress'] } = {}): Promise<DumpIndex> {
  const r = await ByteLines.open(path, { chunkSize: opts.chunkSize });
  const ctx: Context = { file: path };
  const frames: DumpFrameInfo[] = [];
  try {
    for (;;) {
      const h = await readHeader(r, ctx);
      if (!h) break;
      await skipBody(r, h);
      ctx.prev = h;
      const info: DumpFrameInfo = { offset: h.offset, line: h.line, timestep: h.timestep, natoms: h.natoms, kind: h.kind };
      if (h.time !== undefined) info.time = h.time;
      frames.push(info);
      opts.onProgress?.(r.rawOffset, r.rawSize);
    }
  } finally {
    await r.close();
  }
  const index: DumpIndex = { file: path, gz: r.gz, frames };
  if (ctx.units !== undefined) index.units = ctx.units;
  return index;
}

/**
 * Frame n (0-based; negative counts from the end) by seeking to its offset. Builds the index when
 * none is given. For .gz files the bytes before the frame are inflated and discarded.
 */
export async function readLammpsDumpFrame(path: string, n: number, index?: DumpIndex, opts: DumpReadOptions = {}): Promise<DumpFrame> {
  const idx = index ?? (await indexLammpsDump(path, { chunkSize: opts.chunkSize }));
  const count = idx.frames.length;
  const k = n < 0 ? count + n : n;
  if (!Number.isInteger(k) || k < 0 || k >= count) throw new UsageError(`${path}: frame ${n} does not exist: the file has ${count} frame${count === 1 ? '' : 's'}`);
  const info = idx.frames[k];
  const kernel = kernelFor(opts);
  const r = await ByteLines.open(path, { chunkSize: opts.chunkSize, offset: info.offset, line: info.line - 1, buffer: kernel?.buffer });
  try {
    for await (const f of framesFrom(r, opts, { file: path, units: idx.units, warnings: opts.warnings }, kernel, 1)) return f;
  } finally {
    await r.close();
  }
  throw new ParseError(path, info.line, `expected a frame at byte ${info.offset} (the index is stale: was the file changed?)`);
}

// ---------------------------------------------------------------------------------------------
// Helpers on frames

/** The frame with its rows in increasing id order (the same frame if already sorted). */
export function sortFrameById<F extends AtomFrame>(frame: F): F {
  const id = frame.columns.get('id');
  if (!(id instanceof Float64Array)) throw new UsageError('sortFrameById: the frame has no numeric id column');
  let sorted = true;
  for (let i = 1; i < id.length; i++) if (id[i] < id[i - 1]) { sorted = false; break; }
  if (sorted) return frame;
  const perm = new Uint32Array(id.length);
  for (let i = 0; i < perm.length; i++) perm[i] = i;
  perm.sort((a, b) => id[a] - id[b] || a - b);
  const columns = new Map<string, Column>();
  for (const [name, col] of frame.columns) {
    if (col instanceof Float64Array) {
      const c = new Float64Array(col.length);
      for (let i = 0; i < perm.length; i++) c[i] = col[perm[i]];
      columns.set(name, c);
    } else {
      const c = new Array<string>(col.length);
      for (let i = 0; i < perm.length; i++) c[i] = col[perm[i]];
      columns.set(name, c);
    }
  }
  return { ...frame, columns };
}

/**
 * Cartesian positions of a frame, whichever columns it has. 'wrapped': x y z, else xs ys zs
 * (scaled: x = xlo + xs*lx + ys*xy + zs*xz, y = ylo + ys*ly + zs*yz, z = zlo + zs*lz, as LAMMPS's
 * lamda2x). 'unwrapped': xu yu zu, else xsu ysu zsu, else wrapped + image flags ix iy iz
 * (x + ix*lx + iy*xy + iz*xz, ...).
 */
export function cartesianPositions(frame: AtomFrame, mode: 'wrapped' | 'unwrapped' = 'wrapped'): { x: Float64Array; y: Float64Array; z: Float64Array } {
  const get = (n: string): Float64Array | undefined => {
    const c = frame.columns.get(n);
    return c instanceof Float64Array ? c : undefined;
  };
  const triple = (a: string, b: string, c: string): [Float64Array, Float64Array, Float64Array] | undefined => {
    const p = get(a), q = get(b), r = get(c);
    return p && q && r ? [p, q, r] : undefined;
  };
  const { lo, hi, tilt } = frame.box;
  const [xy, xz, yz] = tilt ?? [0, 0, 0];
  const lx = hi[0] - lo[0], ly = hi[1] - lo[1], lz = hi[2] - lo[2];
  const unscale = (s: [Float64Array, Float64Array, Float64Array]): { x: Float64Array; y: Float64Array; z: Float64Array } => {
    const n = s[0].length;
    const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = s[0][i], b = s[1][i], c = s[2][i];
      x[i] = lx * a + xy * b + xz * c + lo[0];
      y[i] = ly * b + yz * c + lo[1];
      z[i] = lz * c + lo[2];
    }
    return { x, y, z };
  };
  if (mode === 'unwrapped') {
    const u = triple('xu', 'yu', 'zu');
    if (u) return { x: u[0], y: u[1], z: u[2] };
    const su = triple('xsu', 'ysu', 'zsu');
    if (su) return unscale(su);
    const img = triple('ix', 'iy', 'iz');
    if (img) {
      const w = cartesianPositions(frame, 'wrapped');
      const n = w.x.length;
      const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const a = img[0][i], b = img[1][i], c = img[2][i];
        x[i] = w.x[i] + a * lx + b * xy + c * xz;
        y[i] = w.y[i] + b * ly + c * yz;
        z[i] = w.z[i] + c * lz;
      }
      return { x, y, z };
    }
    throw new UsageError('the frame has no unwrapped positions: expected xu yu zu, xsu ysu zsu, or image flags ix iy iz');
  }
  const w = triple('x', 'y', 'z');
  if (w) return { x: w[0], y: w[1], z: w[2] };
  const s = triple('xs', 'ys', 'zs');
  if (s) return unscale(s);
  throw new UsageError('the frame has no positions: expected columns x y z or xs ys zs');
}

// ---------------------------------------------------------------------------------------------
// Writing

/** `%1.16e` as LAMMPS prints box bounds (17 significant digits: reads back to the same double). */
export function formatBoxNumber(v: number): string {
  if (!Number.isFinite(v)) throw new UsageError(`box bound ${v} is not a finite number`);
  let t = Math.abs(v).toExponential(16);
  const e = t.indexOf('e');
  const sign = t[e + 1];
  const digits = t.slice(e + 2);
  t = t.slice(0, e + 1) + sign + (digits.length < 2 ? '0' + digits : digits);
  return v < 0 || Object.is(v, -0) ? '-' + t : t;
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);
/** The double k ulps away from v (k may be negative), for finite v. */
function ulpStep(v: number, k: number): number {
  if (v === 0) v = k > 0 ? 0 : -0;
  f64[0] = v;
  const big = BigInt(k);
  i64[0] = v > 0 || Object.is(v, 0) ? i64[0] + big : i64[0] - big;
  return f64[0];
}

/**
 * A bound b printed for lo with shift m such that the reader's b - m gives lo back exactly
 * (the reader computes xlo = xlo_bound - MIN(...)). Tries b = lo + m and its neighbours.
 */
export function boundFor(lo: number, m: number): number {
  const b = lo + m;
  if (b - m === lo || m === 0) return b;
  for (let k = 1; k <= 8; k++) {
    const up = ulpStep(b, k);
    if (up - m === lo) return up;
    const dn = ulpStep(b, -k);
    if (dn - m === lo) return dn;
  }
  return b;
}

function boxHeader(box: Box): string {
  const flags = box.boundary.join(' ');
  const g = box.general;
  if (g) {
    const rows = [[...g.avec, g.origin[0]], [...g.bvec, g.origin[1]], [...g.cvec, g.origin[2]]];
    return `ITEM: BOX BOUNDS abc origin ${flags}\n` + rows.map((l) => l.map(formatBoxNumber).join(' ') + '\n').join('');
  }
  if (!box.tilt) {
    let s = `ITEM: BOX BOUNDS ${flags}\n`;
    for (let d = 0; d < 3; d++) s += `${formatBoxNumber(box.lo[d])} ${formatBoxNumber(box.hi[d])}\n`;
    return s;
  }
  const [xy, xz, yz] = box.tilt;
  const [mx, Mx, my, My] = tiltShifts(xy, xz, yz);
  const lines = [
    [boundFor(box.lo[0], mx), boundFor(box.hi[0], Mx), xy],
    [boundFor(box.lo[1], my), boundFor(box.hi[1], My), xz],
    [box.lo[2], box.hi[2], yz],
  ];
  return `ITEM: BOX BOUNDS xy xz yz ${flags}\n` + lines.map((l) => l.map(formatBoxNumber).join(' ') + '\n').join('');
}

export interface FormatDumpOptions {
  /** Write only these columns, in this order. */
  columns?: string[];
  /** Print ITEM: UNITS when the frame has units (LAMMPS prints it in the first frame only). Default true. */
  units?: boolean;
}

function frameColumns(frame: AtomFrame, names?: string[]): Array<[string, Column]> {
  const list: Array<[string, Column]> = [];
  for (const name of names ?? [...frame.columns.keys()]) {
    const c = frame.columns.get(name);
    if (!c) throw new UsageError(`cannot write column '${name}': the frame has ${[...frame.columns.keys()].join(' ')}`);
    if (c.length !== frame.natoms) throw new UsageError(`column '${name}' has ${c.length} values for ${frame.natoms} atoms`);
    if (/\s/.test(name) || name === '') throw new UsageError(`column name '${name}' cannot be written in a dump header`);
    list.push([name, c]);
  }
  if (list.length === 0) throw new UsageError('a dump frame needs at least one column');
  return list;
}

function frameHead(frame: AtomFrame, list: Array<[string, Column]>, units: boolean): string {
  const kind = (frame as Partial<DumpFrame>).kind ?? 'atoms';
  const word = kind === 'entries' ? 'ENTRIES' : 'ATOMS';
  let s = '';
  if (units && frame.units !== undefined) s += `ITEM: UNITS\n${frame.units}\n`;
  if (frame.time !== undefined) s += `ITEM: TIME\n${formatFloat(frame.time)}\n`;
  s += `ITEM: TIMESTEP\n${frame.timestep ?? 0}\nITEM: NUMBER OF ${word}\n${frame.natoms}\n`;
  s += boxHeader(frame.box);
  s += `ITEM: ${word} ${list.map((l) => l[0]).join(' ')}\n`;
  return s;
}

/** The rows of a frame, written by a RowWriter (file tokens of unchanged columns, else shortest round-trip). */
function rowWriter(frame: AtomFrame, list: Array<[string, Column]>): RowWriter {
  return new RowWriter(frame, list.map((l) => l[1]), {
    nonFinite: (v, k, row) => {
      if (v !== v) throw new UsageError(`column '${list[k][0]}', atom ${row + 1}: NaN cannot be written (LAMMPS would print nan, which no reader accepts as a number)`);
      return v > 0 ? 'inf' : '-inf';
    },
    checkText: (t, k, row) => {
      if (t === '' || /\s/.test(t)) throw new UsageError(`column '${list[k][0]}', atom ${row + 1}: text '${t}' cannot be written as one dump field`);
    },
  });
}

/**
 * Text of one frame in LAMMPS's dump layout: numbers in the shortest form that reads back to the
 * same double (formatFloat), box bounds as LAMMPS's %1.16e, triclinic boxes as the bounding box
 * + tilt with bounds chosen so that the reader's inverse gives lo/hi back exactly.
 */
export function formatDumpFrame(frame: AtomFrame, opts: FormatDumpOptions = {}): string {
  frame = inFileOrientation(frame);
  const list = frameColumns(frame, opts.columns);
  const sink = new ByteSink(1 << 16);
  sink.text(frameHead(frame, list, opts.units ?? true));
  rowWriter(frame, list).write(sink, 0, frame.natoms);
  return Buffer.concat(sink.takeAll()).toString('utf8');
}

const WRITE_ROWS = 16384;

/** A general triclinic frame's columns rotated back to A, B, C's orientation (ITEM: BOX BOUNDS abc origin). */
function inFileOrientation(frame: AtomFrame): AtomFrame {
  const g = frame.box.general;
  return g ? { ...frame, columns: columnsToGeneral(g, frame.columns) } : frame;
}

/**
 * Write frames as a LAMMPS text dump, atomically; `.gz` names are gzip-compressed.
 * Registry writer of format 'lammps-dump-text'.
 */
export async function writeLammpsDumpFrames(
  path: string,
  frames: AsyncIterable<AtomFrame> | Iterable<AtomFrame>,
  opts: WriteOptions = {},
): Promise<void> {
  async function* text(): AsyncGenerator<Buffer> {
    let first = true;
    const sink = new ByteSink();
    for await (const f of frames) {
      const frame = inFileOrientation(f);
      const list = frameColumns(frame, opts.columns);
      sink.text(frameHead(frame, list, first));
      first = false;
      const rows = rowWriter(frame, list);
      for (let i = 0; i < frame.natoms; i += WRITE_ROWS) {
        rows.write(sink, i, Math.min(frame.natoms, i + WRITE_ROWS));
        yield* sink.takeFull();
      }
    }
    yield* sink.takeAll();
  }
  await writeStreamAtomic(path, text());
}
