/**
 * Open a text file as a stream of UTF-8 string chunks, gunzipping when the file starts with the
 * gzip magic bytes (whatever its name). `raw.bytesRead` of the result counts compressed bytes read,
 * for progress against `totalBytes`. Callers destroy `raw` and `source` when done.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface TextStream {
  /** The file's bytes (compressed, for .gz). */
  raw: ReturnType<typeof createReadStream>;
  /** Decoded, decompressed text chunks. */
  source: Readable;
  totalBytes: number;
  gz: boolean;
}

/** True when the first two bytes are gzip's magic number. */
export function isGzipMagic(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

export async function openTextStream(path: string, chunkSize = 8 << 20): Promise<TextStream> {
  const fh = await fsp.open(path, 'r');
  let gz = false;
  let totalBytes = 0;
  try {
    totalBytes = (await fh.stat()).size;
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    gz = isGzipMagic(magic.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
  const raw = createReadStream(path, { highWaterMark: Math.max(1, Math.floor(chunkSize)) });
  let source: Readable = raw;
  if (gz) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    source = raw.pipe(gunzip);
  }
  source.setEncoding('utf8');
  return { raw, source, totalBytes, gz };
}
