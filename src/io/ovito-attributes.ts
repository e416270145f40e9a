/**
 * OVITO's "Table of global attributes" text export (OVITO manual, Output file formats, "Table of
 * Global Attributes": scalar quantities of the pipeline, one row per animation frame). The layout
 * is that of OVITO's AttributeFileExporter: a header of the exported attribute names, each in
 * double quotes, after '#'; then one line per frame, each value followed by one space, a value that
 * contains a space in double quotes:
 *
 *   # "Frame" "Timestep" "CommonNeighborAnalysis.counts.FCC" "CommonNeighborAnalysis.counts.HCP"
 *   0 0 2000 0 
 *   1 100 1987 11 
 *
 * Values are numbers (parsed exactly, text/numbers.ts) or, when not numeric, strings. readOvito-
 * AttributesTable streams rows; ParseError names file and line. For the registry the table is one
 * frame of ENTRIES, one per row, with a column per attribute (no box: 0 .. 0).
 */
import { ParseError, UsageError } from './errors.js';
import type { ReadOptions } from './formats.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { ByteLines } from './text/byte-lines.js';
import { formatFloat, tryParseFloatStr } from './text/numbers.js';
import type { AtomFrame, Column } from './types.js';

export type AttributeValue = number | string;

export interface AttributesTable {
  names: string[];
  rows: AttributeValue[][];
}

/** Fields of a line: runs of non-blanks, or "double quoted" text (quotes removed). */
function fields(text: string, file: string, line: number): { value: string; quoted: boolean }[] {
  const out: { value: string; quoted: boolean }[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) { i++; continue; }
    if (c === 34) {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new ParseError(file, line, `unterminated quoted value starting at column ${i + 1}: expected a closing '"'`);
      out.push({ value: text.substring(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < n && text.charCodeAt(j) !== 32 && text.charCodeAt(j) !== 9) j++;
    out.push({ value: text.substring(i, j), quoted: false });
    i = j;
  }
  return out;
}

async function* rowsFrom(r: ByteLines, file: string, opts: ReadOptions, onNames: (names: string[]) => void): AsyncGenerator<AttributeValue[]> {
  const L = { s: 0, e: 0 };
  opts.onProgress?.(0, r.rawSize);
  let names: string[] | null = null;
  while (await r.nextLine(L)) {
    const text = r.text(L.s, L.e);
    if (text.trim() === '') continue;
    if (names === null) {
      const t = text.trim();
      if (!t.startsWith('#')) throw new ParseError(file, r.line, `expected the header '# "attribute" "attribute" ...' of an OVITO attribute table, found '${t.slice(0, 60)}'`);
      const f = fields(t.slice(1), file, r.line);
      if (f.length === 0) throw new ParseError(file, r.line, 'header: expected at least one quoted attribute name after #, found none');
      names = f.map((x) => x.value);
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n)) throw new ParseError(file, r.line, `header: attribute '${n}' appears twice`);
        seen.add(n);
      }
      onNames(names);
      continue;
    }
    const f = fields(text, file, r.line);
    if (f.length !== names.length) throw new ParseError(file, r.line, `expected ${names.length} values (${names.join(', ')}), found ${f.length}`);
    yield f.map((x) => {
      if (x.quoted) return x.value;
      const v = tryParseFloatStr(x.value, 0, x.value.length);
      return v === v ? v : x.value;
    });
    opts.onProgress?.(r.rawOffset, r.rawSize);
  }
  if (names === null) throw new ParseError(file, r.line, 'empty file: expected an OVITO attribute table (a header \'# "name" ...\', then one row per frame)');
}

export async function readOvitoAttributesTable(path: string, opts: ReadOptions = {}): Promise<AttributesTable> {
  const r = await ByteLines.open(path);
  try {
    let names: string[] = [];
    const rows: AttributeValue[][] = [];
    for await (const row of rowsFrom(r, path, opts, (n) => { names = n; })) rows.push(row);
    return { names, rows };
  } finally {
    await r.close();
  }
}

export async function parseOvitoAttributesTable(text: string, file = '<input>'): Promise<AttributesTable> {
  const r = ByteLines.fromBuffer(Buffer.from(text, 'utf8'), file);
  let names: string[] = [];
  const rows: AttributeValue[][] = [];
  for await (const row of rowsFrom(r, file, {}, (n) => { names = n; })) rows.push(row);
  return { names, rows };
}

/** The table in OVITO's layout; numbers as their shortest round-trip text. */
export function formatOvitoAttributesTable(t: AttributesTable): string {
  if (t.names.length === 0) throw new UsageError('an attribute table needs at least one attribute');
  for (const n of t.names) if (n.includes('"') || /[\r\n]/.test(n)) throw new UsageError(`attribute name '${n}' cannot be written (contains a quote or a line break)`);
  let s = '#' + t.names.map((n) => ` "${n}"`).join('') + '\n';
  for (const row of t.rows) {
    if (row.length !== t.names.length) throw new UsageError(`a row has ${row.length} values for ${t.names.length} attributes`);
    for (const v of row) {
      if (typeof v === 'number') s += formatFloat(v) + ' ';
      else {
        if (v.includes('"') || /[\r\n]/.test(v)) throw new UsageError(`attribute value '${v}' cannot be written (contains a quote or a line break)`);
        s += (v.includes(' ') || v === '' ? `"${v}"` : v) + ' ';
      }
    }
    s += '\n';
  }
  return s;
}

/** Write atomically (temp file + rename). */
export function writeOvitoAttributesTable(path: string, t: AttributesTable): void {
  writeFileAtomicSync(path, formatOvitoAttributesTable(t));
}

/** Registry reader: the table as one frame of ENTRIES (one per row), a column per attribute. */
export async function* readOvitoAttributesFrames(path: string, opts: ReadOptions = {}): AsyncGenerator<AtomFrame & { kind: 'entries' }> {
  const t = await readOvitoAttributesTable(path, opts);
  const columns = new Map<string, Column>();
  t.names.forEach((n, k) => {
    const numeric = t.rows.every((r) => typeof r[k] === 'number');
    columns.set(n, numeric ? Float64Array.from(t.rows, (r) => r[k] as number) : t.rows.map((r) => String(r[k])));
  });
  yield { kind: 'entries', natoms: t.rows.length, box: { lo: [0, 0, 0], hi: [0, 0, 0], tilt: null, boundary: ['pp', 'pp', 'pp'] }, columns };
}
