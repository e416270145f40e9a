/**
 * Allocation-free text tokenizer (STYLE.md §1, after Mol*'s mol-io tokenizer).
 *
 * State lives in one object: `position`, `tokenStart`, `tokenEnd`, `lineNumber` (1-based line of
 * the current token). Tokens are index ranges into `data`; `substring` is only called by
 * `getTokenString` (keywords, labels). Numbers are converted straight from the ranges with the
 * exact parsers of numbers.ts, and a bad number throws a ParseError naming file and line.
 */
import { ParseError } from '../errors.js';
import { tryParseFloatStr, tryParseIntStr } from './numbers.js';

export interface Tokenizer {
  readonly data: string;
  readonly file: string;
  readonly length: number;
  position: number;
  tokenStart: number;
  tokenEnd: number;
  /** 1-based number of the line last read by nextLine (0 before the first). */
  lineNumber: number;
}

export function createTokenizer(data: string, file = '<input>'): Tokenizer {
  return { data, file, length: data.length, position: 0, tokenStart: 0, tokenEnd: 0, lineNumber: 0 };
}

/**
 * Set tokenStart/tokenEnd to the current line (without the '\n' or '\r\n') and move past it.
 * Returns false at end of data. lineNumber is the number of the line just read.
 */
export function nextLine(t: Tokenizer): boolean {
  if (t.position >= t.length) return false;
  const d = t.data;
  const start = t.position;
  let i = d.indexOf('\n', start);
  let next: number;
  if (i < 0) { i = t.length; next = t.length; } else next = i + 1;
  let end = i;
  if (end > start && d.charCodeAt(end - 1) === 13) end--;
  t.lineNumber++;
  t.tokenStart = start;
  t.tokenEnd = end;
  t.position = next;
  return true;
}

/** Reset to the start of the data. */
export function reset(t: Tokenizer): void {
  t.position = 0; t.tokenStart = 0; t.tokenEnd = 0; t.lineNumber = 0;
}

export function getTokenString(t: Tokenizer): string {
  return t.data.substring(t.tokenStart, t.tokenEnd);
}

/** Is the character code a blank (space, tab, CR, vertical tab, form feed)? */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 11 || c === 12;
}

/**
 * Grow-able list of token ranges (TokenBuilder): starts/ends packed in one Uint32Array.
 * Used to split a line into fields without creating strings.
 */
export class TokenBuilder {
  indices: Uint32Array;
  count = 0;
  constructor(capacity = 16) {
    this.indices = new Uint32Array(capacity * 2);
  }
  clear(): void { this.count = 0; }
  add(start: number, end: number): void {
    if (this.count * 2 >= this.indices.length) {
      const n = new Uint32Array(this.indices.length * 2);
      n.set(this.indices);
      this.indices = n;
    }
    this.indices[this.count * 2] = start;
    this.indices[this.count * 2 + 1] = end;
    this.count++;
  }
  start(i: number): number { return this.indices[2 * i]; }
  end(i: number): number { return this.indices[2 * i + 1]; }
}

/**
 * Split data[start, end) at blanks into `out` (cleared first). If `comment` is given (e.g. '#'
 * as a char code), everything from it on is ignored. Returns the number of fields.
 */
export function splitFields(data: string, start: number, end: number, out: TokenBuilder, comment = -1): number {
  out.clear();
  let i = start;
  while (i < end) {
    let c = data.charCodeAt(i);
    while (i < end && isBlank(c)) c = data.charCodeAt(++i);
    if (i >= end || c === comment) break;
    const s = i;
    while (i < end && !isBlank(c) && c !== comment) c = data.charCodeAt(++i);
    out.add(s, i);
    if (c === comment) break;
  }
  return out.count;
}

/** Fields of the current line of the tokenizer. */
export function lineFields(t: Tokenizer, out: TokenBuilder, comment = -1): number {
  return splitFields(t.data, t.tokenStart, t.tokenEnd, out, comment);
}

/** Exact float of field i, or a ParseError naming the file, line and what the field is. */
export function fieldFloat(t: Tokenizer, f: TokenBuilder, i: number, what: string): number {
  const v = tryParseFloatStr(t.data, f.start(i), f.end(i));
  if (v !== v) {
    throw new ParseError(t.file, t.lineNumber, `${what}: expected a number, found '${t.data.substring(f.start(i), f.end(i))}'`);
  }
  return v;
}

/** Exact integer of field i, or a ParseError. */
export function fieldInt(t: Tokenizer, f: TokenBuilder, i: number, what: string): number {
  const v = tryParseIntStr(t.data, f.start(i), f.end(i));
  if (v !== v) {
    throw new ParseError(t.file, t.lineNumber, `${what}: expected an integer, found '${t.data.substring(f.start(i), f.end(i))}'`);
  }
  return v;
}

export function fieldString(t: Tokenizer, f: TokenBuilder, i: number): string {
  return t.data.substring(f.start(i), f.end(i));
}
