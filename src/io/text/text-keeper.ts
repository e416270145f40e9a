/**
 * Readers' side of AtomFrame.text (types.ts): the atom lines of a frame, copied out of the reader's
 * reused chunk buffer as they are parsed, into one growing buffer.
 */
import type { Column, FrameText } from '../types.js';

export class TextKeeper {
  private buf: Buffer;
  private len = 0;
  constructor(initial: number) {
    this.buf = Buffer.allocUnsafe(initial);
  }
  append(src: Uint8Array, s: number, e: number): void {
    const n = e - s;
    if (this.len + n > this.buf.length) {
      const b = Buffer.allocUnsafe(Math.max(this.len + n, Math.floor(this.buf.length * 1.5)));
      this.buf.copy(b, 0, 0, this.len);
      this.buf = b;
    }
    this.buf.set(src.subarray(s, e), this.len);
    this.len += n;
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  /** The frame's text, given the columns as the reader made them (one per file column; null: skipped). */
  frameText(columns: Array<Column | null>): FrameText {
    return {
      bytes: this.bytes(),
      ntok: columns.length,
      columns,
      read: columns.map((c) => (c instanceof Float64Array ? c.slice() : null)),
    };
  }
}
