/**
 * Output in large byte blocks, for writers of big files (dumps, extended XYZ, data files).
 *
 * Text goes straight into a 4 MB Buffer; a full block is handed over (`takeFull`) and never touched
 * again, so the writer can yield it to the file stream and go on formatting the next block while
 * the stream writes the previous one (libuv's thread pool does the write: formatting and writing
 * overlap, as reading and parsing do in text/byte-lines.ts). Nothing per value allocates: numbers
 * are written digit by digit (text/format-number.ts), and tokens of the input file are copied byte
 * for byte (text/row-writer.ts).
 */

export const SINK_BLOCK = 4 << 20;

/** Buffer's latin1Write without argument checks (what buf.write(s, at, 'latin1') calls). */
interface Latin1Buffer extends Buffer {
  latin1Write(s: string, at: number): number;
}

export class ByteSink {
  buf: Buffer;
  pos = 0;
  private handed: Buffer[] = [];

  constructor(readonly block = SINK_BLOCK) {
    this.buf = Buffer.allocUnsafe(block);
  }

  /** Room for n more bytes in `buf` from `pos` (the current block is handed over when it cannot hold them). */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.pos > 0) this.handed.push(this.buf.subarray(0, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(this.block, n));
    this.pos = 0;
  }

  byte(c: number): void {
    if (this.pos >= this.buf.length) this.reserve(1);
    this.buf[this.pos++] = c;
  }

  /** Any text, UTF-8 encoded. */
  text(s: string): void {
    this.reserve(3 * s.length);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Text known to be ASCII (number spellings). */
  ascii(s: string): void {
    const n = s.length;
    this.reserve(n);
    const b = this.buf;
    let p = this.pos;
    if (n <= 24) {
      for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
      this.pos = p;
    } else this.pos += (b as Latin1Buffer).latin1Write(s, p);
  }

  /** Bytes src[s, e). */
  copy(src: Uint8Array, s: number, e: number): void {
    const n = e - s;
    this.reserve(n);
    const b = this.buf;
    let p = this.pos;
    if (n <= 32) for (let i = s; i < e; i++) b[p++] = src[i];
    else {
      b.set(src.subarray(s, e), p);
      p += n;
    }
    this.pos = p;
  }

  /** Bytes src[s, e) of any length, filling blocks as they go (a frame's text copied whole). */
  copyBlocks(src: Uint8Array, s: number, e: number): void {
    while (s < e) {
      if (this.pos >= this.buf.length) this.reserve(1);
      const n = Math.min(e - s, this.buf.length - this.pos);
      this.buf.set(src.subarray(s, s + n), this.pos);
      this.pos += n;
      s += n;
    }
  }

  /** Blocks that are full (handed over: the sink never writes into them again). */
  takeFull(): Buffer[] {
    const f = this.handed;
    this.handed = [];
    return f;
  }

  /** Everything written so far, including the partly filled block (the sink starts a new one). */
  takeAll(): Buffer[] {
    if (this.pos > 0) {
      this.handed.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(this.block);
      this.pos = 0;
    }
    return this.takeFull();
  }
}
