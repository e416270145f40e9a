/**
 * Atom lines of one frame into a ByteSink: one line per atom, values separated by one blank.
 *
 * A numeric column that the frame's reader made and nobody changed (the same array, holding the
 * same bits as when read: types.ts FrameText) is written as the file's own tokens, byte for byte,
 * so a conversion neither spends time on number formatting nor changes a digit. Any other number
 * is written as its shortest round-trip text (format-number.ts), text columns as they are.
 * A column that must be written as an integer (extxyz `:I:` properties) takes a file token only
 * when the token is integer text (a %g column may hold "1e+06").
 */
import type { AtomFrame, Column } from '../types.js';
import type { ByteSink } from './byte-sink.js';
import { writeShortest } from './format-number.js';

export interface RowWriterOptions {
  /** Per written column: integer text required. */
  integer?: boolean[];
  /** Text of a non-finite value of column k, row (or throw). */
  nonFinite: (v: number, k: number, row: number) => string;
  /** Check a text value of column k, row before it is written (throw to refuse). */
  checkText: (s: string, k: number, row: number) => void;
}

/** Are two Float64Arrays the same bits (so -0 and 0, or two NaNs, are told apart as stored)? */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  return Buffer.compare(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  ) === 0;
}

/** For each column to write: the index of the file token to copy, or -1 (format the value). */
export function passThroughColumns(frame: AtomFrame, cols: Column[]): Int32Array {
  const src = new Int32Array(cols.length).fill(-1);
  const t = frame.text;
  if (!t) return src;
  const unchanged = new Map<number, boolean>();
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k];
    if (!(c instanceof Float64Array) || c.length !== frame.natoms) continue;
    const j = t.columns.indexOf(c);
    if (j < 0) continue;
    let ok = unchanged.get(j);
    if (ok === undefined) {
      const r = t.read[j];
      ok = r !== null && sameBits(r, c);
      unchanged.set(j, ok);
    }
    if (ok) src[k] = j;
  }
  return src;
}

/** Writes a frame's rows in order, in as many calls as the caller likes (from 0 to natoms). */
export class RowWriter {
  private readonly src: Buffer | null;
  private srcPos = 0;
  private readonly srcOf: Int32Array;
  private readonly ntok: number;
  private readonly ts: Int32Array;
  private readonly te: Int32Array;
  private next = 0;
  private readonly integerFlags: Uint8Array;
  /** The frame's text is written as it is (blockCopyable). */
  private whole = false;

  constructor(frame: AtomFrame, private readonly cols: Column[], private readonly opts: RowWriterOptions) {
    this.srcOf = passThroughColumns(frame, cols);
    let used = -1;
    for (const j of this.srcOf) used = Math.max(used, j);
    const t = frame.text;
    this.src = used >= 0 && t ? Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength) : null;
    this.ntok = used + 1;
    this.ts = new Int32Array(this.ntok);
    this.te = new Int32Array(this.ntok);
    this.integerFlags = Uint8Array.from(cols, (_, k) => (opts.integer?.[k] ? 1 : 0));
  }

  /** Columns written from the file's tokens (tests, benchmarks). */
  get passedThrough(): number {
    return this.srcOf.filter((j) => j >= 0).length;
  }

  /** Rows [from, to); from must be where the previous call stopped. */
  write(sink: ByteSink, from: number, to: number): void {
    if (from !== this.next) throw new Error(`RowWriter: rows must be written in order (expected ${this.next}, got ${from})`);
    if (this.src && this.identity()) this.writeSameColumns(sink, from, to);
    else this.writeMixed(sink, from, to);
    this.next = to;
  }

  /**
   * The columns written start with the file's columns in the file's order (lines copied with blanks
   * normalised), and any after them are new (acna --out's StructureType: formatted and appended).
   */
  private identity(): boolean {
    const { srcOf, ntok } = this;
    if (srcOf.length < ntok) return false;
    for (let k = 0; k < ntok; k++) if (srcOf[k] !== k) return false;
    for (let k = ntok; k < srcOf.length; k++) if (srcOf[k] !== -1) return false;
    return true;
  }

  private writeSameColumns(sink: ByteSink, from: number, to: number): void {
    const src = this.src!;
    const integer = this.integerFlags;
    const ncol = this.cols.length;
    if (ncol > this.ntok) {
      this.writeSameThenNew(sink, from, to);
      return;
    }
    if (from === 0) this.whole = blockCopyable(src, ncol, integer);
    if (this.whole) {
      // the text is already what we would write: all of it at once (later calls have nothing to do)
      if (from === 0) sink.copyBlocks(src, 0, src.length);
      this.srcPos = src.length;
      return;
    }
    const st = SAME_STATE;
    st.p = this.srcPos;
    let row = from;
    while (row < to) {
      row = copySameRows(sink, src, st, row, to, ncol, integer, 1);
      if (row < to) {
        // column st.k of this row is a file token that is not integer text ("1e+06") in an integer
        // column: its value's digits instead, and the rest of the row through the general path
        writeShortest(sink, (this.cols[st.k] as Float64Array)[row]);
        this.rest(sink, src, st.lineStart, st.k + 1, row);
        st.p = src.indexOf(10, st.lineStart) + 1;
        row++;
      }
    }
    this.srcPos = st.p;
  }

  /** writeSameColumns with new columns after the file's: each line copied, then the new values. */
  private writeSameThenNew(sink: ByteSink, from: number, to: number): void {
    const src = this.src!;
    const ntok = this.ntok;
    const ncol = this.cols.length;
    const st = SAME_STATE;
    st.p = this.srcPos;
    for (let row = from; row < to; row++) {
      if (copySameRows(sink, src, st, row, row + 1, ntok, this.integerFlags, 0) === row) {
        writeShortest(sink, (this.cols[st.k] as Float64Array)[row]);
        this.rest(sink, src, st.lineStart, st.k + 1, row);
        st.p = src.indexOf(10, st.lineStart) + 1;
        continue;
      }
      for (let k = ntok; k < ncol; k++) {
        sink.byte(32);
        this.value(sink, k, row);
      }
      sink.byte(10);
    }
    this.srcPos = st.p;
  }

  /** Columns k0.. of a row and its newline after a formatted value (writeSameColumns' rare path). */
  private rest(sink: ByteSink, src: Uint8Array, lineStart: number, k0: number, row: number): void {
    const { ts, te, ntok } = this;
    let c = 0;
    let i = lineStart;
    for (let t = 0; t < ntok; t++) {
      c = src[i];
      while (c === 32 || c === 9 || c === 13) c = src[++i];
      ts[t] = i;
      while (c !== 32 && c !== 9 && c !== 13 && c !== 10) c = src[++i];
      te[t] = i;
    }
    for (let k = k0; k < this.cols.length; k++) {
      sink.byte(32);
      this.value(sink, k, row);
    }
    sink.byte(10);
  }

  /** Column k of row: the file's token (tokens in ts/te) or the value's text. */
  private value(sink: ByteSink, k: number, row: number): void {
    const j = this.srcOf[k];
    const integer = this.opts.integer;
    const src = this.src;
    if (j >= 0 && (integer === undefined || !integer[k] || isIntegerText(src!, this.ts[j], this.te[j]))) {
      sink.copy(src!, this.ts[j], this.te[j]);
      return;
    }
    const c = this.cols[k];
    if (c instanceof Float64Array) {
      const v = c[row];
      if (v - v === 0) writeShortest(sink, v);
      else sink.ascii(this.opts.nonFinite(v, k, row));
    } else {
      const s = c[row];
      this.opts.checkText(s, k, row);
      sink.text(s);
    }
  }

  private writeMixed(sink: ByteSink, from: number, to: number): void {
    const { ts, te, ntok } = this;
    const src = this.src;
    const ncol = this.cols.length;
    let p = this.srcPos;
    for (let row = from; row < to; row++) {
      if (src) {
        let c = 0;
        for (let t = 0; t < ntok; t++) {
          c = src[p];
          while (c === 32 || c === 9 || c === 13) c = src[++p];
          ts[t] = p;
          while (c !== 32 && c !== 9 && c !== 13 && c !== 10) c = src[++p];
          te[t] = p;
        }
        while (c !== 10) c = src[++p];
        p++;
      }
      for (let k = 0; k < ncol; k++) {
        if (k > 0) sink.byte(32);
        this.value(sink, k, row);
      }
      sink.byte(10);
    }
    this.srcPos = p;
  }
}

/**
 * Is the text exactly what copySameRows would write: one blank between tokens, none at the start or
 * end of a line, '\n' line ends (native searches), and integer text in the integer columns
 * (checked line by line, only up to the last integer column)? Then it is copied as one block.
 */
function blockCopyable(src: Buffer, ncol: number, integer: Uint8Array): boolean {
  if (src.length === 0 || src[0] === 32 || src[src.length - 1] !== 10) return false;
  if (src.indexOf(9) >= 0 || src.indexOf(13) >= 0 || src.indexOf('  ') >= 0 || src.indexOf(' \n') >= 0 || src.indexOf('\n ') >= 0) return false;
  let last = -1;
  for (let k = 0; k < ncol; k++) if (integer[k] === 1) last = k;
  if (last < 0) return true;
  let p = 0;
  const n = src.length;
  while (p < n) {
    for (let k = 0; k <= last; k++) {
      let c = src[p];
      if (integer[k] === 1) {
        if (c === 45) c = src[++p];
        if (c < 48 || c > 57) return false;
        while (c >= 48 && c <= 57) c = src[++p];
        if (c !== 32 && c !== 10) return false;
      } else {
        while (c !== 32 && c !== 10) c = src[++p];
      }
      p++; // the blank (or, for a last column, the newline)
      if (c === 10 && k < ncol - 1) return false;
    }
    if (src[p - 1] !== 10) p = src.indexOf(10, p) + 1;
  }
  return true;
}

/** Cursor of copySameRows: source position, and where it stopped early (line start, column). */
const SAME_STATE = { p: 0, lineStart: 0, k: 0 };

/**
 * The hot loop of RowWriter for rows whose columns are the file's, in its order: each line's tokens
 * copied with one blank between them. A free function over plain arguments, so that V8 optimises it
 * once and for all (as a method with optional paths it was deoptimised again and again: callgrind
 * counted 3x the instructions). Returns the row it stopped at: `to`, or a row whose column st.k
 * (integer column, token not integer text) the caller writes; sink.pos is then at that column.
 * newline 0: the lines are left open (the caller appends new columns and the '\n').
 */
function copySameRows(sink: ByteSink, src: Buffer, st: typeof SAME_STATE, row: number, to: number, ncol: number, integer: Uint8Array, newline: number): number {
  let p = st.p;
  for (; row < to; row++) {
    let c = src[p];
    while (c === 32 || c === 9 || c === 13) c = src[++p];
    const lineStart = p;
    const e = src.indexOf(10, p);
    if (sink.pos + (e - lineStart) + 1 > sink.buf.length) sink.reserve(e - lineStart + 1);
    const b = sink.buf;
    let q = sink.pos;
    for (let k = 0; k < ncol; k++) {
      if (k > 0) b[q++] = 32;
      c = src[p];
      while (c === 32 || c === 9 || c === 13) c = src[++p];
      const q0 = q;
      let digitsOnly = 1;
      while (c !== 32 && c !== 9 && c !== 13 && c !== 10) {
        b[q++] = c;
        if (c < 48 || c > 57) digitsOnly = 0;
        c = src[++p];
      }
      if (integer[k] === 1 && digitsOnly === 0 && !(b[q0] === 45 && q - q0 > 1 && isIntegerText(b, q0 + 1, q))) {
        sink.pos = q0;
        st.p = p;
        st.lineStart = lineStart;
        st.k = k;
        return row;
      }
    }
    if (newline === 1) b[q++] = 10;
    sink.pos = q;
    p = e + 1;
  }
  st.p = p;
  return row;
}

function isIntegerText(b: Uint8Array, s: number, e: number): boolean {
  if (s < e && b[s] === 45) s++;
  if (s >= e) return false;
  for (let i = s; i < e; i++) if (b[i] < 48 || b[i] > 57) return false;
  return true;
}
