/**
 * LAMMPS binary dumps: `dump atom` / `dump custom` with a file name ending in `.bin` (doc dump,
 * "binary"). The layout (src/dump_atom.cpp and src/dump_custom.cpp header_binary /
 * header_binary_triclinic / write_binary, format revision 2; tools/binary2txt.cpp reads it), native
 * byte order, per frame:
 *
 *   int64  -len, then len chars magic "DUMPATOM" or "DUMPCUSTOM", int32 endian (1), int32 revision
 *          (the magic block precedes every frame; files older than 2020 start with the timestep)
 *   int64  timestep
 *   int64  number of atoms
 *   int32  triclinic (0/1)
 *   int32  boundary[3][2]: 0 p, 1 f, 2 s, 3 m
 *   double xlo xhi ylo yhi zlo zhi (the bounding box, as text dumps print it), then xy xz yz if triclinic
 *   int32  values per atom
 *   revision >= 2: int32 length + unit style (the first frame only when dump_modify units yes,
 *          else 0), char time flag (+ double time), int32 length + column names
 *   int32  number of chunks (one per MPI rank that wrote), then per chunk: int32 n, n doubles
 *
 * Every value is a double in the file (ids and types too), so reading is exact by construction.
 * The writer produces the layout of a single-rank LAMMPS run: one chunk per frame; magic
 * DUMPATOM when the columns are those of dump atom (id type x|xs y|ys z|zs [ix iy iz]), else
 * DUMPCUSTOM; unit style in the first frame only. So binary -> text -> binary is byte-identical
 * for dumps a single rank wrote.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { isGzipMagic } from './text/text-stream.js';
import { ParseError, UsageError } from './errors.js';
import type { ReadOptions, WriteOptions } from './formats.js';
import { writeStreamAtomic } from './atomic-write.js';
import { boundFor, tiltShifts } from './lammps-dump.js';
import type { AtomFrame, Box, Column } from './types.js';

export type BinaryDumpStyle = 'atom' | 'custom';

export interface BinaryDumpFrame extends AtomFrame {
  /** Which dump style wrote the frame (from the magic string; 'custom' for old files without one). */
  style: BinaryDumpStyle;
}

const MAGIC: Record<BinaryDumpStyle, string> = { atom: 'DUMPATOM', custom: 'DUMPCUSTOM' };
const ENDIAN = 0x0001;
const ENDIAN_SWAPPED = 0x1000;
const REVISION = 0x0002;
const BOUNDARY = 'pfsm';

/** Column sets of dump atom (dump_atom.cpp init_style: scale yes/no, image yes/no). */
const DUMP_ATOM_COLUMNS = ['id type x y z', 'id type x y z ix iy iz', 'id type xs ys zs', 'id type xs ys zs ix iy iz'];

/** Reads up to `length` bytes into `into` at `at`; 0 at end of file. */
type Source = (into: Buffer, at: number, length: number) => Promise<number>;

/** A buffered reader of exact byte counts from a source. */
class Bytes {
  private buf = Buffer.alloc(1 << 16);
  private start = 0;
  private end = 0;
  /** File offset of buf[0]. */
  private base = 0;
  private eof = false;
  constructor(private readonly source: Source, readonly file: string) {}

  get offset(): number {
    return this.base + this.start;
  }

  /** Make n bytes available at `start`; false when the file ends first. */
  private async need(n: number): Promise<boolean> {
    while (this.end - this.start < n) {
      if (this.eof) return false;
      if (this.start > 0) {
        this.buf.copy(this.buf, 0, this.start, this.end);
        this.base += this.start;
        this.end -= this.start;
        this.start = 0;
      }
      if (this.buf.length < n) {
        const b = Buffer.alloc(Math.max(n, this.buf.length * 2));
        this.buf.copy(b, 0, 0, this.end);
        this.buf = b;
      }
      const bytesRead = await this.source(this.buf, this.end, this.buf.length - this.end);
      if (bytesRead === 0) this.eof = true;
      this.end += bytesRead;
    }
    return true;
  }

  /** True at the clean end of the file. */
  async atEnd(): Promise<boolean> {
    return !(await this.need(1));
  }

  private async take(n: number, what: string): Promise<number> {
    if (!(await this.need(n))) throw new ParseError(this.file, 0, `byte ${this.offset}: truncated file: expected ${what} (${n} bytes), found ${this.end - this.start}`);
    const at = this.start;
    this.start += n;
    return at;
  }

  async int32(what: string): Promise<number> {
    return this.buf.readInt32LE(await this.take(4, what));
  }

  async int64(what: string): Promise<number> {
    const at = this.offset;
    const v = this.buf.readBigInt64LE(await this.take(8, what));
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new ParseError(this.file, 0, `byte ${at}: ${what}: ${v} is beyond 2^53`);
    return Number(v);
  }

  async byte(what: string): Promise<number> {
    return this.buf[await this.take(1, what)];
  }

  async float64(what: string): Promise<number> {
    return this.buf.readDoubleLE(await this.take(8, what));
  }

  async text(n: number, what: string): Promise<string> {
    const at = await this.take(n, what);
    return this.buf.toString('latin1', at, at + n);
  }

  /** n doubles into out[from ..]. */
  async doubles(out: Float64Array, from: number, n: number, what: string): Promise<void> {
    // read in pieces so that a frame larger than the buffer streams through it
    let done = 0;
    while (done < n) {
      const k = Math.min(n - done, 8192);
      const at = await this.take(8 * k, what);
      for (let i = 0; i < k; i++) out[from + done + i] = this.buf.readDoubleLE(at + 8 * i);
      done += k;
    }
  }
}

function fail(r: Bytes, at: number, message: string): never {
  throw new ParseError(r.file, 0, `byte ${at}: ${message}`);
}

export async function* readLammpsDumpBinaryFrames(path: string, opts: ReadOptions = {}): AsyncGenerator<BinaryDumpFrame> {
  const fh = await open(path, 'r');
  let closeGz = (): void => undefined;
  try {
    const rawSize = (await fh.stat()).size;
    const magic = Buffer.alloc(2);
    const gz = isGzipMagic(magic.subarray(0, (await fh.read(magic, 0, 2, 0)).bytesRead));
    let source: Source;
    // bytes the file can hold: its size, or for .gz (which lmpv writes) deflate's largest ratio, 1032:1
    let size = rawSize;
    if (!gz) {
      let pos = 0;
      source = async (into, at, length) => {
        const { bytesRead } = await fh.read(into, at, length, pos);
        pos += bytesRead;
        return bytesRead;
      };
    } else {
      size = rawSize * 1032;
      const stream = createReadStream(path).pipe(createGunzip());
      closeGz = () => stream.destroy();
      const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      let pending: Buffer | null = null;
      source = async (into, at, length) => {
        if (!pending || pending.length === 0) {
          let next: IteratorResult<Buffer>;
          try {
            next = await it.next();
          } catch (e) {
            throw new ParseError(path, 0, `not a readable gzip file (${(e as Error).message})`);
          }
          if (next.done) return 0;
          pending = next.value;
        }
        const n = Math.min(length, pending.length);
        pending.copy(into, at, 0, n);
        pending = pending.subarray(n);
        return n;
      };
    }
    const r = new Bytes(source, path);
    opts.onProgress?.(0, rawSize);
    let units: string | undefined;
    let frames = 0;
    while (!(await r.atEnd())) {
      const frameAt = r.offset;
      let style: BinaryDumpStyle = 'custom';
      let revision = 1;
      let magic = false;
      let timestep = await r.int64('timestep or magic-string marker');
      if (timestep < 0) {
        const len = -timestep;
        if (len > 64) fail(r, frameAt, `expected a magic-string length of 8 (DUMPATOM) or 10 (DUMPCUSTOM), found ${len}: not a LAMMPS binary dump`);
        const m = await r.text(len, 'magic string');
        if (m === MAGIC.atom) style = 'atom';
        else if (m !== MAGIC.custom) fail(r, frameAt + 8, `expected magic string DUMPATOM or DUMPCUSTOM, found '${m.replace(/[^ -~]/g, '?')}': not a LAMMPS dump atom/custom binary file`);
        const endian = await r.int32('endian flag');
        if (endian === ENDIAN_SWAPPED) fail(r, r.offset - 4, 'file written on a machine of the other byte order (endian flag 0x1000); convert it there with tools/binary2txt');
        if (endian !== ENDIAN) fail(r, r.offset - 4, `expected endian flag 1, found ${endian}`);
        revision = await r.int32('format revision');
        if (revision < 1 || revision > REVISION) fail(r, r.offset - 4, `expected format revision 1 or 2, found ${revision}`);
        magic = true;
        timestep = await r.int64('timestep');
      } else if (frames === 0 && timestep > 1e15) {
        fail(r, frameAt, `expected a timestep or a magic-string marker, found ${timestep}: not a LAMMPS binary dump`);
      }
      const natAt = r.offset;
      const natoms = await r.int64('number of atoms');
      if (natoms < 0) fail(r, natAt, `expected a number of atoms >= 0, found ${natoms}`);
      const triclinic = await r.int32('triclinic flag');
      if (triclinic !== 0 && triclinic !== 1) fail(r, r.offset - 4, `expected triclinic flag 0 or 1, found ${triclinic}`);
      const flags: string[] = [];
      for (let k = 0; k < 6; k++) {
        const b = await r.int32('boundary flag');
        if (b < 0 || b > 3) fail(r, r.offset - 4, `expected a boundary flag 0..3 (p f s m), found ${b}`);
        flags.push(BOUNDARY[b]);
      }
      const boundary: [string, string, string] = [flags[0] + flags[1], flags[2] + flags[3], flags[4] + flags[5]];
      const boxAt = r.offset;
      const bounds: number[] = [];
      for (let k = 0; k < (triclinic ? 9 : 6); k++) bounds.push(await r.float64('box bound'));
      if (!bounds.every(Number.isFinite)) fail(r, boxAt, `box: expected finite numbers, found ${bounds.join(' ')}`);
      for (let d = 0; d < 3; d++) if (bounds[2 * d] > bounds[2 * d + 1]) fail(r, boxAt + 16 * d, `box: ${'xyz'[d]}lo ${bounds[2 * d]} > ${'xyz'[d]}hi ${bounds[2 * d + 1]}: expected lo <= hi`);
      const sizeOne = await r.int32('values per atom');
      if (sizeOne < 1 || sizeOne > 100000) fail(r, r.offset - 4, `expected a number of values per atom >= 1, found ${sizeOne}`);
      let time: number | undefined;
      let names: string[] | null = null;
      if (magic && revision > 1) {
        const ulen = await r.int32('unit style length');
        if (ulen < 0 || ulen > 64) fail(r, r.offset - 4, `expected a unit style length 0..64, found ${ulen}`);
        if (ulen > 0) units = await r.text(ulen, 'unit style');
        const tflag = await r.byte('time flag');
        if (tflag > 1) fail(r, r.offset - 1, `expected a time flag 0 or 1, found ${tflag}`);
        if (tflag) time = await r.float64('time');
        const clen = await r.int32('column names length');
        if (clen < 0 || clen > 1 << 20) fail(r, r.offset - 4, `expected a column names length >= 0, found ${clen}`);
        names = (await r.text(clen, 'column names')).trim().split(/\s+/).filter((s) => s !== '');
        if (names.length !== sizeOne) fail(r, r.offset - clen, `the header names ${names.length} columns (${names.join(' ')}) for ${sizeOne} values per atom`);
        if (new Set(names).size !== names.length) fail(r, r.offset - clen, `a column name appears twice in '${names.join(' ')}'`);
      }
      if (!names) names = Array.from({ length: sizeOne }, (_, k) => `c${k + 1}`);
      const nchunkAt = r.offset;
      const nchunk = await r.int32('number of chunks');
      if (nchunk < 0 || (natoms > 0 && nchunk === 0)) fail(r, nchunkAt, `expected a number of chunks (writing ranks) >= ${natoms > 0 ? 1 : 0}, found ${nchunk}`);
      const total = natoms * sizeOne;
      if (8 * total > size - r.offset) fail(r, natAt, `${natoms} atoms x ${sizeOne} values need ${8 * total} bytes, but the file has ${size - r.offset} left: truncated file or bad atom count`);
      const values = new Float64Array(total);
      let filled = 0;
      for (let c = 0; c < nchunk; c++) {
        const nAt = r.offset;
        const n = await r.int32('chunk length');
        if (n < 0 || n % sizeOne !== 0 || filled + n > total) fail(r, nAt, `chunk ${c + 1} of ${nchunk}: expected a multiple of ${sizeOne} values, at most ${total - filled} more for ${natoms} atoms, found ${n}`);
        await r.doubles(values, filled, n, `chunk ${c + 1} of ${nchunk}`);
        filled += n;
      }
      if (filled !== total) fail(r, nchunkAt, `the chunks hold ${filled / sizeOne} atoms, the header says ${natoms}`);
      const columns = new Map<string, Column>();
      names.forEach((name, k) => {
        const col = new Float64Array(natoms);
        for (let i = 0; i < natoms; i++) col[i] = values[i * sizeOne + k];
        columns.set(name, col);
      });
      const box = boxFromBounds(bounds, boundary);
      const frame: BinaryDumpFrame = { timestep, natoms, box, columns, style };
      if (units !== undefined) frame.units = units;
      if (time !== undefined) frame.time = time;
      frames++;
      opts.onProgress?.(gz ? Math.min(rawSize, Math.round(r.offset / 1032)) : r.offset, rawSize);
      yield frame;
    }
    if (frames === 0) throw new ParseError(path, 0, 'empty file: expected a LAMMPS binary dump');
  } finally {
    closeGz();
    await fh.close();
  }
}

function boxFromBounds(b: number[], boundary: [string, string, string]): Box {
  if (b.length === 6) return { lo: [b[0], b[2], b[4]], hi: [b[1], b[3], b[5]], tilt: null, boundary };
  const [xy, xz, yz] = [b[6], b[7], b[8]];
  const [mx, Mx, my, My] = tiltShifts(xy, xz, yz);
  return { lo: [b[0] - mx, b[2] - my, b[4]], hi: [b[1] - Mx, b[3] - My, b[5]], tilt: [xy, xz, yz], boundary };
}

/** DUMPATOM for dump atom's column sets (or a frame read from a DUMPATOM file), else DUMPCUSTOM. */
function styleFor(frame: AtomFrame, names: string[]): BinaryDumpStyle {
  const s = (frame as Partial<BinaryDumpFrame>).style;
  if (s) return s;
  return DUMP_ATOM_COLUMNS.includes(names.join(' ')) ? 'atom' : 'custom';
}

/** One frame in LAMMPS's binary layout (revision 2, one chunk); `first` carries the unit style. */
export function formatDumpBinaryFrame(frame: AtomFrame, first: boolean, columns?: string[]): Buffer {
  const box = frame.box;
  // the restricted box (the frame's columns are restricted): this binary layout has no general triclinic form
  const names = columns ?? [...frame.columns.keys()];
  if (names.length === 0) throw new UsageError('a dump frame needs at least one column');
  const cols = names.map((n) => {
    const c = frame.columns.get(n);
    if (!c) throw new UsageError(`cannot write column '${n}': the frame has ${[...frame.columns.keys()].join(' ')}`);
    if (!(c instanceof Float64Array)) throw new UsageError(`column '${n}' holds text: a binary dump holds numbers only`);
    if (c.length !== frame.natoms) throw new UsageError(`column '${n}' has ${c.length} values for ${frame.natoms} atoms`);
    if (/\s/.test(n) || n === '') throw new UsageError(`column name '${n}' cannot be written in a dump header`);
    return c;
  });
  const magic = MAGIC[styleFor(frame, names)];
  const colText = names.join(' ');
  const unitText = first && frame.units !== undefined ? frame.units : '';
  const n = frame.natoms, m = cols.length;
  const triclinic = box.tilt !== null;
  const headBytes = 8 + magic.length + 4 + 4 + 8 + 8 + 4 + 24 + 8 * (triclinic ? 9 : 6) + 4 + 4 + unitText.length + 1 + (frame.time !== undefined ? 8 : 0) + 4 + colText.length + 4;
  const bodyBytes = 4 + 8 * n * m;
  const b = Buffer.alloc(headBytes + bodyBytes);
  let p = 0;
  const i32 = (v: number) => { p = b.writeInt32LE(v, p); };
  const i64 = (v: number) => { p = b.writeBigInt64LE(BigInt(v), p); };
  const f64 = (v: number) => { p = b.writeDoubleLE(v, p); };
  const str = (s: string) => { p += b.write(s, p, 'latin1'); };
  i64(-magic.length); str(magic); i32(ENDIAN); i32(REVISION);
  if (!Number.isSafeInteger(frame.timestep ?? 0)) throw new UsageError(`timestep ${frame.timestep} is not an integer`);
  i64(frame.timestep ?? 0);
  i64(n);
  i32(triclinic ? 1 : 0);
  for (const pair of box.boundary) for (const ch of pair) {
    const k = BOUNDARY.indexOf(ch);
    if (k < 0) throw new UsageError(`boundary '${pair}': expected flags p f s m`);
    i32(k);
  }
  if (!triclinic) {
    for (let d = 0; d < 3; d++) { f64(box.lo[d]); f64(box.hi[d]); }
  } else {
    const [xy, xz, yz] = box.tilt!;
    const [mx, Mx, my, My] = tiltShifts(xy, xz, yz);
    f64(boundFor(box.lo[0], mx)); f64(boundFor(box.hi[0], Mx));
    f64(boundFor(box.lo[1], my)); f64(boundFor(box.hi[1], My));
    f64(box.lo[2]); f64(box.hi[2]);
    f64(xy); f64(xz); f64(yz);
  }
  i32(m);
  i32(unitText.length); str(unitText);
  b[p++] = frame.time !== undefined ? 1 : 0;
  if (frame.time !== undefined) f64(frame.time);
  i32(colText.length); str(colText);
  // one chunk, as a single rank writes it (a rank without atoms still writes its count, 0)
  i32(1);
  i32(n * m);
  for (let i = 0; i < n; i++) for (let k = 0; k < m; k++) f64(cols[k][i]);
  if (p !== b.length) throw new Error(`formatDumpBinaryFrame: wrote ${p} of ${b.length} bytes`);
  return b;
}

export async function writeLammpsDumpBinaryFrames(path: string, frames: AsyncIterable<AtomFrame> | Iterable<AtomFrame>, opts: WriteOptions = {}): Promise<void> {
  async function* bytes(): AsyncGenerator<Uint8Array> {
    let first = true;
    for await (const frame of frames) {
      yield formatDumpBinaryFrame(frame, first, opts.columns);
      first = false;
    }
  }
  await writeStreamAtomic(path, bytes());
}
