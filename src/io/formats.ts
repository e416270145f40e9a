/**
 * The one list of file formats (STYLE.md §4, after ASE's ase/io/formats.py).
 *
 * Each row names a module; its functions are found by name: format 'lammps-dump-text' with
 * `stem: 'LammpsDump'` resolves `readLammpsDumpFrames` and `writeLammpsDumpFrames` in the module.
 *   readXFrames(path, opts: ReadOptions): AsyncIterable<AtomFrame>
 *   writeXFrames(path, frames: AsyncIterable<AtomFrame> | Iterable<AtomFrame>, opts: WriteOptions): Promise<void>
 *   (writers must write atomically: see atomic-write.ts)
 * The CLI (info, convert), content sniffing and the round-trip test enumerate this table.
 * A duplicate name or extension throws at registration, as ASE's define_io_format does.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { constants as zc, gunzipSync } from 'node:zlib';
import { ParseError, UsageError } from './errors.js';
import { isGzipMagic } from './text/text-stream.js';
import type { AtomFrame } from './types.js';

export interface ReadOptions {
  /** LAMMPS atom style for data files (`atomic`, `charge`, `full`, ...); guessed when absent. */
  atomStyle?: string;
  /** Collect recoverable oddities here. */
  warnings?: import('./errors.js').Warning[];
  /**
   * Called now and then while reading (after each chunk or frame) with the bytes of the file
   * consumed so far and the file's size (compressed bytes for .gz). The CLI draws a progress bar.
   */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /**
   * Keep each frame's atom lines (AtomFrame.text) so that a writer copies the file's tokens of the
   * columns nobody changed instead of formatting them (lmpv convert, lmpv acna --out). Costs one
   * frame's text in memory; readers that cannot keep it ignore the option.
   */
  keepText?: boolean;
}

export interface WriteOptions {
  atomStyle?: string;
  /** Keep only these columns (dump writers), in this order. */
  columns?: string[];
  warnings?: import('./errors.js').Warning[];
}

export type FrameReader = (path: string, opts: ReadOptions) => AsyncIterable<AtomFrame>;
export type FrameWriter = (path: string, frames: AsyncIterable<AtomFrame> | Iterable<AtomFrame>, opts: WriteOptions) => Promise<void>;

export interface FormatDef {
  name: string;
  description: string;
  /** Several frames per file? */
  multi: boolean;
  /** File name endings (without .gz), e.g. ['.lammpstrj', '.dump']. */
  extensions: string[];
  /** File name prefixes as LAMMPS users write them, e.g. ['dump.']. */
  prefixes: string[];
  /** Does the head (first ~4 KB, decompressed) of a file look like this format? */
  magic?: (head: string) => boolean;
  module: string;
  stem: string;
  writable: boolean;
}

const registry = new Map<string, FormatDef>();
const byExtension = new Map<string, string>();
const byPrefix = new Map<string, string>();

export function defineFormat(name: string, def: Omit<FormatDef, 'name'>): void {
  if (registry.has(name)) throw new Error(`format '${name}' is defined twice`);
  for (const e of def.extensions) {
    if (byExtension.has(e)) throw new Error(`extension '${e}' of format '${name}' already belongs to '${byExtension.get(e)}'`);
  }
  for (const p of def.prefixes) {
    if (byPrefix.has(p)) throw new Error(`prefix '${p}' of format '${name}' already belongs to '${byPrefix.get(p)}'`);
  }
  registry.set(name, { name, ...def });
  for (const e of def.extensions) byExtension.set(e, name);
  for (const p of def.prefixes) byPrefix.set(p, name);
}

defineFormat('lammps-data', {
  description: 'LAMMPS data file (read_data / write_data)',
  multi: false,
  extensions: ['.data', '.lmp'],
  prefixes: ['data.'],
  // not a LAMMPS log, whose read_data echo also has an '  N atoms' line (logs start 'LAMMPS (version)',
  // or with the echoed input when written by the log command; read_data prints 'Reading data file ...')
  magic: (head) => /^\s*\d+\s+atoms\s*(#.*)?$/m.test(head) && !/^ITEM:/m.test(head) && !/^LAMMPS \(/m.test(head) && !/^Reading data file \.\.\./m.test(head),
  module: './lammps-data-frames.js',
  stem: 'LammpsData',
  writable: true,
});

defineFormat('lammps-dump-text', {
  description: 'LAMMPS text dump, styles atom and custom',
  multi: true,
  extensions: ['.lammpstrj', '.dump'],
  prefixes: ['dump.'],
  magic: (head) => /^ITEM: (TIMESTEP|UNITS|TIME)\s*$/m.test(head),
  module: './lammps-dump.js',
  stem: 'LammpsDump',
  writable: true,
});

defineFormat('lammps-dump-yaml', {
  description: 'LAMMPS dump yaml (EXTRA-DUMP package; LAMMPS >= 2022)',
  multi: true,
  extensions: ['.yaml', '.yml'],
  prefixes: [],
  magic: (head) => /^---[ \t]*\r?\ncreator: LAMMPS[ \t]*\r?\n/m.test(head) && /^natoms:/m.test(head),
  module: './lammps-dump-yaml.js',
  stem: 'LammpsDumpYaml',
  writable: true,
});

defineFormat('lammps-dump-binary', {
  description: 'LAMMPS binary dump, styles atom and custom (a .bin file name)',
  multi: true,
  extensions: ['.bin'],
  prefixes: [],
  // the head is decoded text: a binary dump starts with int64 -8/-10, then DUMPATOM / DUMPCUSTOM
  magic: (head) => /^[^\n]{0,16}DUMP(ATOM|CUSTOM)/.test(head),
  module: './lammps-dump-binary.js',
  stem: 'LammpsDumpBinary',
  writable: true,
});

defineFormat('reaxff-bonds', {
  description: 'fix reaxff/bonds bond-order table (frames of bonds: index atom1 atom2 type1 type2 bo)',
  multi: true,
  extensions: ['.reaxff'],
  prefixes: ['bonds.'],
  magic: (head) => /^#\s*Timestep\s+\d+\s*$/m.test(head) && /^#\s*Particle connection table and bond orders/m.test(head),
  module: './reaxff-bonds.js',
  stem: 'ReaxffBonds',
  writable: false,
});

defineFormat('reaxff-species', {
  description: 'fix reaxff/species counts per timestep (frames of species: species count)',
  multi: true,
  extensions: [],
  prefixes: ['species.'],
  magic: (head) => /^#\s*Timestep\s+No_Moles\s+No_Specs/m.test(head),
  module: './reaxff-species.js',
  stem: 'ReaxffSpecies',
  writable: false,
});

defineFormat('reaxff-species-position', {
  description: 'fix reaxff/species position file (frames of molecules: id count species q xs ys zs)',
  multi: true,
  extensions: ['.pos'],
  prefixes: [],
  magic: (head) => /^Timestep\s+\d+\s+NMole\s+\d+\s+NSpec\s+\d+\s+xlo/m.test(head),
  module: './reaxff-species-position.js',
  stem: 'ReaxffSpeciesPosition',
  writable: false,
});

defineFormat('ovito-attributes', {
  description: "OVITO's Table of global attributes (one frame: a row per animation frame, a column per attribute)",
  multi: false,
  extensions: [],
  prefixes: [],
  magic: (head) => /^#(\s+"[^"\n]*")+[ \t]*\r?\n/.test(head),
  module: './ovito-attributes.js',
  stem: 'OvitoAttributes',
  writable: false,
});

defineFormat('extxyz', {
  description: 'extended XYZ as OVITO and ASE write it (Lattice=, Properties=, pbc=)',
  multi: true,
  extensions: ['.xyz', '.extxyz'],
  prefixes: [],
  // plain XYZ as LAMMPS's dump xyz writes it (src/dump_xyz.cpp: count line, then `Atoms. Timestep: N`)
  magic: (head) => /^\s*\d+\s*\r?\n([^\n]*(Lattice|Properties)=|Atoms\. Timestep:)/.test(head),
  module: './extxyz.js',
  stem: 'Extxyz',
  writable: true,
});

export function listFormats(): FormatDef[] {
  return [...registry.values()];
}

export function getFormat(name: string): FormatDef {
  const f = registry.get(name);
  if (!f) throw new UsageError(`unknown format '${name}'; known formats: ${[...registry.keys()].join(', ')}`);
  return f;
}

/** Format from a file name: extension (a trailing .gz ignored) or LAMMPS-style prefix. */
export function formatFromName(path: string): FormatDef | undefined {
  const base = path.replace(/^.*[\\/]/, '').replace(/\.gz$/, '');
  const dot = base.lastIndexOf('.');
  if (dot > 0) {
    const n = byExtension.get(base.substring(dot).toLowerCase());
    if (n) return registry.get(n);
  }
  for (const [p, n] of byPrefix) if (base.startsWith(p)) return registry.get(n);
  return undefined;
}

/** Format from content first (the head of the file), then from the name. */
export function sniffFormat(path: string, head: string): FormatDef | undefined {
  for (const f of registry.values()) if (f.magic?.(head)) return f;
  return formatFromName(path);
}

/** The first `bytes` of a file as text, decompressed when the file is gzip (by its magic bytes). */
export function readHead(path: string, bytes = 4096): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const raw = buf.subarray(0, n);
    if (isGzipMagic(raw)) {
      let text: Buffer;
      try {
        text = gunzipSync(raw, { finishFlush: zc.Z_SYNC_FLUSH });
      } catch {
        throw new ParseError(path, 0, 'not a readable gzip file');
      }
      return text.subarray(0, bytes).toString('utf8');
    }
    return raw.subarray(0, bytes).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Format given by name (`given`, e.g. --from/--format), else sniffed from the file's head and name. */
export function detectFormat(path: string, given?: string): FormatDef {
  if (given) return getFormat(given);
  const f = sniffFormat(path, readHead(path));
  if (!f) throw new UsageError(`${path}: cannot tell the file format from its content or name; give it with --format/--from (${[...registry.keys()].join(', ')})`);
  return f;
}

async function loadModule(f: FormatDef): Promise<Record<string, unknown>> {
  return (await import(f.module)) as Record<string, unknown>;
}

export async function frameReader(f: FormatDef): Promise<FrameReader> {
  const m = await loadModule(f);
  const fn = m[`read${f.stem}Frames`];
  if (typeof fn !== 'function') throw new Error(`format '${f.name}': module ${f.module} has no read${f.stem}Frames`);
  return fn as FrameReader;
}

export async function frameWriter(f: FormatDef): Promise<FrameWriter> {
  if (!f.writable) throw new UsageError(`format '${f.name}' can be read but not written`);
  const m = await loadModule(f);
  const fn = m[`write${f.stem}Frames`];
  if (typeof fn !== 'function') throw new Error(`format '${f.name}': module ${f.module} has no write${f.stem}Frames`);
  return fn as FrameWriter;
}
