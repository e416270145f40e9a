/**
 * A chunked byte reader for line-oriented text files that are too large to hold in memory.
 *
 * The file is read in chunks (default 8 MB) into ONE reusable Buffer; `buf[start, end)` holds bytes
 * not consumed yet. `fill()` moves the unconsumed tail (a line split by a chunk boundary) to the
 * front and appends the next chunk, growing the buffer only when a single line is longer than it.
 * Parsers walk `buf` directly between `start` and the last complete line (`lastNewline()`), so no
 * per-line strings are created. At end of file a missing final '\n' is supplied, so every line a
 * parser sees ends in '\n'. `.gz` files (gzip magic 1f 8b, whatever the name) are inflated through
 * a zlib stream; `offset` then counts decompressed bytes.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { isGzipMagic } from './text-stream.js';

export const DEFAULT_CHUNK = 8 << 20;

type ReadFn = (into: Buffer, at: number, length: number) => Promise<number>;

export class ByteLines {
  buf: Buffer;
  /** First unconsumed byte. */
  start = 0;
  /** End of valid data in buf. */
  end = 0;
  /** Offset in the (decompressed) file of buf[0]. */
  base = 0;
  /** Complete lines consumed before `start` (so the line at `start` is number line + 1). */
  line = 0;
  /** No more bytes will come (and the final '\n', if it was missing, has been supplied). */
  eof = false;
  /** Raw file bytes read so far (compressed bytes for .gz), for progress reports. */
  rawRead = 0;

  private constructor(
    readonly file: string,
    private readonly read: ReadFn,
    private readonly close_: () => Promise<void>,
    readonly chunk: number,
    readonly rawSize: number,
    readonly gz: boolean,
    private readonly rawPos: () => number,
    initial?: Buffer,
  ) {
    this.buf = initial && initial.length >= 16 ? initial : Buffer.allocUnsafe(Math.max(chunk, 16));
  }

  /**
   * Open `path` for reading from `offset` (decompressed bytes; plain files seek, .gz files inflate
   * and discard). `line` is the number of lines before `offset`, for error messages.
   */
  static async open(path: string, opts: { chunkSize?: number; offset?: number; line?: number; buffer?: Buffer } = {}): Promise<ByteLines> {
    const chunk = Math.max(1, Math.floor(opts.chunkSize ?? DEFAULT_CHUNK));
    const fh = await fsp.open(path, 'r');
    let r: ByteLines;
    try {
      const size = (await fh.stat()).size;
      const magic = Buffer.alloc(2);
      const got = (await fh.read(magic, 0, 2, 0)).bytesRead;
      if (isGzipMagic(magic.subarray(0, got))) {
        await fh.close();
        r = ByteLines.gzip(path, chunk, size, opts.buffer);
        if (opts.offset) await r.discard(opts.offset);
      } else {
        let pos = opts.offset ?? 0;
        const read: ReadFn = async (into, at, length) => {
          const n = (await fh.read(into, at, length, pos)).bytesRead;
          pos += n;
          return n;
        };
        r = new ByteLines(path, read, () => fh.close(), chunk, size, false, () => pos, opts.buffer);
        r.base = pos;
      }
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw e;
    }
    r.line = opts.line ?? 0;
    return r;
  }

  /** A reader over bytes already in memory (tests, small strings). */
  static fromBuffer(data: Uint8Array, file = '<input>', chunkSize = DEFAULT_CHUNK, buffer?: Buffer): ByteLines {
    let pos = 0;
    const read: ReadFn = async (into, at, length) => {
      const n = Math.min(length, data.length - pos);
      into.set(data.subarray(pos, pos + n), at);
      pos += n;
      return n;
    };
    return new ByteLines(file, read, async () => undefined, Math.max(1, chunkSize), data.length, false, () => pos, buffer);
  }

  private static gzip(path: string, chunk: number, size: number, buffer?: Buffer): ByteLines {
    const raw = createReadStream(path, { highWaterMark: Math.max(chunk, 1 << 16) });
    const gunzip = createGunzip({ chunkSize: Math.max(1 << 14, Math.min(chunk, 1 << 20)) });
    raw.pipe(gunzip);
    raw.on('error', (e) => gunzip.destroy(e));
    const it = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let pending: Buffer | null = null;
    let pendingPos = 0;
    const read: ReadFn = async (into, at, length) => {
      while (pending === null || pendingPos >= pending.length) {
        const r = await it.next();
        if (r.done) return 0;
        pending = r.value;
        pendingPos = 0;
      }
      const n = Math.min(length, pending.length - pendingPos);
      pending.copy(into, at, pendingPos, pendingPos + n);
      pendingPos += n;
      return n;
    };
    const close = async (): Promise<void> => {
      raw.destroy();
      gunzip.destroy();
    };
    return new ByteLines(path, read, close, chunk, size, true, () => raw.bytesRead, buffer);
  }

  /** Skip `n` bytes from the current position (used to reach an offset inside a .gz file). */
  private async discard(n: number): Promise<void> {
    const scratch = this.buf;
    let left = n;
    while (left > 0) {
      const got = await this.read(scratch, 0, Math.min(left, scratch.length));
      if (got === 0) break;
      left -= got;
    }
    this.base = n - left;
  }

  async close(): Promise<void> {
    await this.close_();
  }

  /** Offset in the (decompressed) file of `buf[start]`. */
  get offset(): number {
    return this.base + this.start;
  }

  /** Bytes of the raw file consumed (compressed bytes for .gz). */
  get rawOffset(): number {
    return this.rawPos();
  }

  /**
   * Keep buf[start, end), append up to one chunk. Returns false when nothing more can come.
   * At end of file an unterminated last line gets its '\n'.
   */
  async fill(): Promise<boolean> {
    if (this.eof) return false;
    if (this.start > 0) {
      if (this.end > this.start) this.buf.copyWithin(0, this.start, this.end);
      this.base += this.start;
      this.end -= this.start;
      this.start = 0;
    }
    if (this.end === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    const n = await this.read(this.buf, this.end, Math.min(this.chunk, this.buf.length - this.end));
    if (n > 0) {
      this.end += n;
      return true;
    }
    this.eof = true;
    if (this.end > 0 && this.buf[this.end - 1] !== 10) {
      this.buf[this.end++] = 10; // room is guaranteed: the buffer was grown above when full
      return true;
    }
    return false;
  }

  /** Index of the last '\n' in buf[start, end), or -1. */
  lastNewline(): number {
    if (this.end <= this.start) return -1;
    const i = this.buf.lastIndexOf(10, this.end - 1);
    return i >= this.start ? i : -1;
  }

  /**
   * Next complete line: returns its [start, end) without '\n' or a trailing '\r' in `range`, and
   * consumes it (line count + 1). Returns false at end of file.
   */
  async nextLine(range: { s: number; e: number }): Promise<boolean> {
    for (;;) {
      const nl = this.end > this.start ? this.buf.indexOf(10, this.start) : -1;
      if (nl >= 0 && nl < this.end) {
        let e = nl;
        if (e > this.start && this.buf[e - 1] === 13) e--;
        range.s = this.start;
        range.e = e;
        this.start = nl + 1;
        this.line++;
        return true;
      }
      if (!(await this.fill())) return false;
    }
  }

  /** Like nextLine but does not consume: the line stays at `start`. */
  async peekLine(range: { s: number; e: number }): Promise<boolean> {
    const l0 = this.line;
    if (!(await this.nextLine(range))) return false;
    // nextLine may have compacted the buffer (moved data to 0): the line starts at range.s
    this.start = range.s;
    this.line = l0;
    return true;
  }

  text(s: number, e: number): string {
    return this.buf.toString('latin1', s, e);
  }
}
