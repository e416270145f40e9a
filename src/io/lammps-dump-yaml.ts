/**
 * LAMMPS `dump yaml` (EXTRA-DUMP package, LAMMPS >= 2022; doc dump, "dump yaml"): one YAML document
 * per frame, as src/EXTRA-DUMP/dump_yaml.cpp writes it:
 *
 *   ---
 *   creator: LAMMPS
 *   timestep: 100
 *   units: lj                                (dump_modify units yes)
 *   time: 0.5                                (dump_modify time yes)
 *   natoms: 108
 *   boundary: [ p, p, p, p, p, p, ]          (lo and hi flag of x, y, z)
 *   thermo:                                  (dump_modify thermo yes)
 *     - keywords: [ Step, Temp, ]
 *     - data: [ 100, 0.7, ]
 *   box:
 *     - [ xlo_bound, xhi_bound ]             (the bounding box, as text dumps print it)
 *     - [ ylo_bound, yhi_bound ]
 *     - [ zlo_bound, zhi_bound ]
 *     - [ xy, xz, yz ]                       (triclinic only)
 *   keywords: [ id, type, x, y, z,  ]         (names after dump_modify colname)
 *   data:
 *     - [ 1 , 1 , 0.5 , 0.5 , 0.5, ]
 *   ...
 *
 * The reader streams line by line (one frame in memory); numbers are parsed exactly
 * (text/numbers.ts) and anything unexpected is a ParseError naming the line. Columns keep the
 * names of `keywords:`, so `dump_modify colname c_ke ke` gives a column `ke`, as in text dumps.
 * The writer prints numbers as their shortest round-trip text, so write -> read is bit for bit.
 */
import { ParseError, UsageError } from './errors.js';
import type { ReadOptions, WriteOptions } from './formats.js';
import { writeStreamAtomic } from './atomic-write.js';
import { ByteLines } from './text/byte-lines.js';
import { formatFloat, tryParseFloatStr, tryParseIntStr } from './text/numbers.js';
import { TEXT_NAMES, boundFor, tiltShifts } from './lammps-dump.js';
import type { AtomFrame, Box, Column } from './types.js';

export interface YamlDumpFrame extends AtomFrame {
  /** `thermo:` block (dump_modify thermo yes): keyword -> value. */
  thermo?: Map<string, number>;
}

/** Items of a one-line YAML flow list `[ a, b, c, ]` (LAMMPS ends every item with ', '). */
function flowList(text: string, file: string, line: number, what: string): string[] {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) throw new ParseError(file, line, `${what}: expected a list '[ ... ]', found '${short(t)}'`);
  const items = t.slice(1, -1).split(',').map((s) => s.trim());
  if (items.length > 0 && items[items.length - 1] === '') items.pop();
  return items;
}

function short(s: string): string {
  return s.length > 60 ? s.slice(0, 60) + '...' : s;
}

function number(s: string, file: string, line: number, what: string): number {
  const v = tryParseFloatStr(s, 0, s.length);
  if (v !== v) throw new ParseError(file, line, `${what}: expected a number, found '${short(s)}'`);
  return v;
}

function integer(s: string, file: string, line: number, what: string): number {
  const v = tryParseIntStr(s, 0, s.length);
  if (v !== v) throw new ParseError(file, line, `${what}: expected an integer, found '${short(s)}'`);
  return v;
}

/** `key: value` of a header line, or null. */
function keyValue(text: string): [string, string] | null {
  const m = /^([A-Za-z_]+):\s*(.*)$/.exec(text);
  return m ? [m[1], m[2].trim()] : null;
}

export async function* readLammpsDumpYamlFrames(path: string, opts: ReadOptions = {}): AsyncGenerator<YamlDumpFrame> {
  const r = await ByteLines.open(path);
  try {
    opts.onProgress?.(0, r.rawSize);
    yield* framesFrom(r, path, opts);
  } finally {
    await r.close();
  }
}

/** Frames of YAML dump text already in memory (tests). */
export async function parseLammpsDumpYaml(text: string, file = '<input>'): Promise<YamlDumpFrame[]> {
  const r = ByteLines.fromBuffer(Buffer.from(text, 'utf8'), file);
  const out: YamlDumpFrame[] = [];
  for await (const f of framesFrom(r, file, {})) out.push(f);
  return out;
}

async function* framesFrom(r: ByteLines, file: string, opts: ReadOptions): AsyncGenerator<YamlDumpFrame> {
  const L = { s: 0, e: 0 };
  let units: string | undefined;
  let any = false;
  const next = async (what: string): Promise<string> => {
    if (!(await r.nextLine(L))) throw new ParseError(file, r.line + 1, `truncated frame: expected ${what}, found end of file`);
    return r.text(L.s, L.e);
  };
  for (;;) {
    // '---' starts a frame; blank lines and YAML comments between frames are allowed
    let start: string | null = null;
    while (await r.nextLine(L)) {
      const t = r.text(L.s, L.e).trim();
      if (t === '' || t.startsWith('#')) continue;
      start = t;
      break;
    }
    if (start === null) {
      if (!any) throw new ParseError(file, r.line, "empty file: expected a LAMMPS dump yaml ('---', 'creator: LAMMPS', ...)");
      return;
    }
    if (start !== '---') throw new ParseError(file, r.line, `expected '---' (start of a dump yaml frame), found '${short(start)}'`);
    const frameLine = r.line;
    let timestep: number | undefined, time: number | undefined, natoms: number | undefined;
    let boundary: [string, string, string] = ['pp', 'pp', 'pp'];
    let thermo: Map<string, number> | undefined;
    let boxRows: number[][] | null = null;
    let names: string[] | null = null;
    let boxLine = 0;
    // header, until 'data:'
    for (;;) {
      const text = await next(`a header key or 'data:' (frame at line ${frameLine})`);
      if (text.trim() === '') continue;
      const kv = keyValue(text);
      if (!kv) throw new ParseError(file, r.line, `expected a header key (timestep:, natoms:, box:, keywords:, data:), found '${short(text.trim())}'`);
      const [key, value] = kv;
      if (key === 'creator') continue;
      if (key === 'timestep') timestep = integer(value, file, r.line, 'timestep');
      else if (key === 'units') units = value;
      else if (key === 'time') time = number(value, file, r.line, 'time');
      else if (key === 'natoms') {
        natoms = integer(value, file, r.line, 'natoms');
        if (natoms < 0) throw new ParseError(file, r.line, `natoms: expected a count >= 0, found ${natoms}`);
      } else if (key === 'boundary') {
        const f = flowList(value, file, r.line, 'boundary');
        if (f.length !== 6 || !f.every((c) => /^[pfsm]$/.test(c))) throw new ParseError(file, r.line, `boundary: expected 6 flags p/f/s/m (lo and hi of x, y, z), found '${value}'`);
        boundary = [f[0] + f[1], f[2] + f[3], f[4] + f[5]];
      } else if (key === 'thermo') {
        const k = await next("'  - keywords: [ ... ]' of thermo:");
        const d = await next("'  - data: [ ... ]' of thermo:");
        const km = /^\s*-\s*keywords:\s*(.*)$/.exec(k), dm = /^\s*-\s*data:\s*(.*)$/.exec(d);
        if (!km) throw new ParseError(file, r.line - 1, `thermo: expected '  - keywords: [ ... ]', found '${short(k.trim())}'`);
        if (!dm) throw new ParseError(file, r.line, `thermo: expected '  - data: [ ... ]', found '${short(d.trim())}'`);
        const kw = flowList(km[1], file, r.line - 1, 'thermo keywords');
        const vals = flowList(dm[1], file, r.line, 'thermo data');
        if (kw.length !== vals.length) throw new ParseError(file, r.line, `thermo: expected ${kw.length} values (one per keyword), found ${vals.length}`);
        thermo = new Map(kw.map((n, i) => [n, number(vals[i], file, r.line, `thermo ${n}`)]));
      } else if (key === 'box') {
        boxLine = r.line;
        boxRows = [];
        for (;;) {
          const ok = await r.peekLine(L);
          const t = ok ? r.text(L.s, L.e) : '';
          if (!/^\s*-\s*\[/.test(t)) break;
          await r.nextLine(L);
          const row = flowList(t.replace(/^\s*-\s*/, ''), file, r.line, 'box').map((v) => number(v, file, r.line, 'box'));
          boxRows.push(row);
        }
        const shapeOk = (boxRows.length === 3 || boxRows.length === 4) && boxRows.slice(0, 3).every((b) => b.length === 2) && (boxRows.length === 3 || boxRows[3].length === 3);
        if (!shapeOk) throw new ParseError(file, boxLine, `box: expected 3 rows '[ lo, hi ]' and, for a triclinic box, a row '[ xy, xz, yz ]', found ${boxRows.map((b) => `[${b.length}]`).join(' ') || 'none'}`);
      } else if (key === 'keywords') {
        names = flowList(value, file, r.line, 'keywords');
        if (names.length === 0) throw new ParseError(file, r.line, 'keywords: expected column names (id, type, x, ...), found none');
        const seen = new Set<string>();
        for (const n of names) {
          if (seen.has(n)) throw new ParseError(file, r.line, `keywords: column '${n}' appears twice`);
          seen.add(n);
        }
      } else if (key === 'data') {
        break;
      } else {
        throw new ParseError(file, r.line, `unknown header key '${key}': expected creator, timestep, units, time, natoms, boundary, thermo, box, keywords or data`);
      }
    }
    const dataLine = r.line;
    if (timestep === undefined) throw new ParseError(file, dataLine, `frame at line ${frameLine} has no 'timestep:' before 'data:'`);
    if (natoms === undefined) throw new ParseError(file, dataLine, `frame at line ${frameLine} has no 'natoms:' before 'data:'`);
    if (!boxRows) throw new ParseError(file, dataLine, `frame at line ${frameLine} has no 'box:' before 'data:'`);
    if (!names) throw new ParseError(file, dataLine, `frame at line ${frameLine} has no 'keywords:' before 'data:'`);
    const box = boxFromRows(boxRows, boundary, file, boxLine);
    const text = names.map((n) => TEXT_NAMES.has(n));
    const cols: Column[] = names.map((_, k) => (text[k] ? new Array<string>(natoms!) : new Float64Array(natoms!)));
    for (let i = 0; i < natoms; i++) {
      const t = await next(`data row ${i + 1} of ${natoms} ('  - [ ... ]')`);
      const m = /^\s*-\s*(\[.*\])\s*$/.exec(t);
      if (!m) throw new ParseError(file, r.line, `data: expected row ${i + 1} of ${natoms} as '  - [ ... ]', found '${short(t.trim())}'`);
      const vals = flowList(m[1], file, r.line, 'data');
      if (vals.length !== names.length) throw new ParseError(file, r.line, `data: expected ${names.length} values (${names.join(' ')}), found ${vals.length}`);
      for (let k = 0; k < vals.length; k++) {
        if (text[k]) (cols[k] as string[])[i] = vals[k];
        else (cols[k] as Float64Array)[i] = number(vals[k], file, r.line, names[k]);
      }
    }
    const end = await next("'...' (end of the frame)");
    if (end.trim() !== '...') throw new ParseError(file, r.line, `expected '...' after ${natoms} data rows (natoms), found '${short(end.trim())}'`);
    const columns = new Map<string, Column>();
    names.forEach((n, k) => columns.set(n, cols[k]));
    const frame: YamlDumpFrame = { timestep, natoms, box, columns };
    if (time !== undefined) frame.time = time;
    if (units !== undefined) frame.units = units;
    if (thermo) frame.thermo = thermo;
    any = true;
    opts.onProgress?.(r.rawOffset, r.rawSize);
    yield frame;
  }
}

/** The box from dump yaml's bounding box rows (+ tilt row), as LAMMPS's read_dump undoes the bounds. */
function boxFromRows(rows: number[][], boundary: [string, string, string], file: string, line: number): Box {
  for (let d = 0; d < 3; d++) {
    if (!Number.isFinite(rows[d][0]) || !Number.isFinite(rows[d][1]) || rows[d][0] > rows[d][1]) {
      throw new ParseError(file, line + 1 + d, `box: expected finite lo <= hi, found [ ${rows[d].join(', ')} ]`);
    }
  }
  if (rows.length === 3) return { lo: [rows[0][0], rows[1][0], rows[2][0]], hi: [rows[0][1], rows[1][1], rows[2][1]], tilt: null, boundary };
  const [xy, xz, yz] = rows[3];
  if (![xy, xz, yz].every(Number.isFinite)) throw new ParseError(file, line + 4, `box: expected finite tilt factors, found [ ${rows[3].join(', ')} ]`);
  const [mx, Mx, my, My] = tiltShifts(xy, xz, yz);
  return { lo: [rows[0][0] - mx, rows[1][0] - my, rows[2][0]], hi: [rows[0][1] - Mx, rows[1][1] - My, rows[2][1]], tilt: [xy, xz, yz], boundary };
}

/** One frame as dump yaml text (the first frame carries `units:` when known, as LAMMPS prints it every frame). */
export function formatDumpYamlFrame(frame: AtomFrame, columns?: string[]): string {
  const b = frame.box;
  // dump yaml has no general triclinic form: like LAMMPS, write the restricted box (the frame's columns are restricted)
  const names = columns ?? [...frame.columns.keys()];
  const cols = names.map((n) => {
    const c = frame.columns.get(n);
    if (!c) throw new UsageError(`cannot write column '${n}': the frame has ${[...frame.columns.keys()].join(' ')}`);
    if (c.length !== frame.natoms) throw new UsageError(`column '${n}' has ${c.length} values for ${frame.natoms} atoms`);
    if (/[\s,[\]]/.test(n) || n === '') throw new UsageError(`column name '${n}' cannot be written in a dump yaml keywords list`);
    return c;
  });
  if (cols.length === 0) throw new UsageError('a dump frame needs at least one column');
  const F = formatFloat;
  let s = `---\ncreator: LAMMPS\ntimestep: ${frame.timestep ?? 0}\n`;
  if (frame.units !== undefined) s += `units: ${frame.units}\n`;
  if (frame.time !== undefined) s += `time: ${F(frame.time)}\n`;
  s += `natoms: ${frame.natoms}\nboundary: [ ${b.boundary.map((p) => `${p[0]}, ${p[1]}, `).join('')}]\n`;
  const thermo = (frame as YamlDumpFrame).thermo;
  if (thermo) s += `thermo:\n  - keywords: [ ${[...thermo.keys()].map((k) => k + ', ').join('')}]\n  - data: [ ${[...thermo.values()].map((v) => F(v) + ', ').join('')}]\n`;
  s += 'box:\n';
  if (!b.tilt) {
    for (let d = 0; d < 3; d++) s += `  - [ ${F(b.lo[d])}, ${F(b.hi[d])} ]\n`;
  } else {
    const [xy, xz, yz] = b.tilt;
    const [mx, Mx, my, My] = tiltShifts(xy, xz, yz);
    s += `  - [ ${F(boundFor(b.lo[0], mx))}, ${F(boundFor(b.hi[0], Mx))} ]\n`;
    s += `  - [ ${F(boundFor(b.lo[1], my))}, ${F(boundFor(b.hi[1], My))} ]\n`;
    s += `  - [ ${F(b.lo[2])}, ${F(b.hi[2])} ]\n  - [ ${F(xy)}, ${F(xz)}, ${F(yz)} ]\n`;
  }
  s += `keywords: [ ${names.map((n) => n + ', ').join('')} ]\ndata:\n`;
  const parts: string[] = [s];
  for (let i = 0; i < frame.natoms; i++) {
    let row = '  - [ ';
    for (let k = 0; k < cols.length; k++) {
      const v = cols[k][i];
      row += (typeof v === 'string' ? v : F(v)) + ', ';
    }
    parts.push(row + ']\n');
  }
  parts.push('...\n');
  return parts.join('');
}

export async function writeLammpsDumpYamlFrames(path: string, frames: AsyncIterable<AtomFrame> | Iterable<AtomFrame>, opts: WriteOptions = {}): Promise<void> {
  async function* text(): AsyncGenerator<string> {
    for await (const frame of frames) yield formatDumpYamlFrame(frame, opts.columns);
  }
  await writeStreamAtomic(path, text());
}
