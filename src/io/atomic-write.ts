/**
 * Never leave a half-written output file: write to `<name>.<pid>.<n>.tmp` beside the target,
 * then rename over it; on any error the temporary file is removed.
 * `.gz` targets are gzip-compressed through the same path.
 */
import { createWriteStream, promises as fsp, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

let counter = 0;
export function tempNameFor(path: string): string {
  return `${path}.${process.pid}.${counter++}.tmp`;
}

/** Write a whole string or buffer atomically. */
export function writeFileAtomicSync(path: string, content: string | Uint8Array): void {
  const tmp = tempNameFor(path);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* already gone */ }
    throw e;
  }
}

/**
 * Stream chunks (strings or buffers) produced by `source` into `path` atomically, gzip-compressing
 * when the name ends in `.gz`. If `source` throws, nothing is left at `path` (nor a temp file).
 */
export async function writeStreamAtomic(path: string, source: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<void> {
  const tmp = tempNameFor(path);
  const out = createWriteStream(tmp);
  try {
    const input = Readable.from(source as AsyncIterable<string | Uint8Array>, { objectMode: false });
    if (path.endsWith('.gz')) await pipeline(input, createGzip({ level: 6 }), out);
    else await pipeline(input, out);
    await fsp.rename(tmp, path);
  } catch (e) {
    out.destroy();
    if (!out.closed) await once(out, 'close').catch(() => undefined);
    await fsp.unlink(tmp).catch(() => undefined);
    throw e;
  }
}
