/**
 * The one rule for what in a case folder is an OUTPUT of the run (what LAMMPS wrote) and what is
 * an INPUT (what the run needs). Both the copy step (run-case.ts: inputs are copied into the run
 * folder, outputs never) and the comparison (reference.ts: every output log and dump of the
 * reference must be matched by one the candidate wrote) ask this module, so a reference output
 * can never be copied into the run folder and then compared with itself.
 *
 * A file is an output when its content says so, whatever it is called:
 *   - a LAMMPS log: LAMMPS prints `LAMMPS (<version>)` as the first line of every log
 *     (src/lammps.cpp, `LAMMPS::print_version` / the screen and log banner);
 *   - a dump of a format in the registry (src/io/formats.ts magic): `ITEM: TIMESTEP` for text
 *     dumps (dump atom/custom, src/dump_atom.cpp, src/dump_custom.cpp), the atom-count line and
 *     `Atoms. Timestep: N` comment of `dump xyz` (src/dump_xyz.cpp), extended XYZ;
 * or when its name says so (names LAMMPS users write: `log.lammps`, `log.*`, `*.log`, `dump.*`,
 * `*.dump`, `*.lammpstrj`, `*.xyz`, each also `.gz`). Gzip files are sniffed decompressed.
 * `log.cite` (LAMMPS's citation reminder) and the bookkeeping files CASE.md / verify.json / *.tmp
 * are neither compared nor copied.
 * Files the case's `in.lammps` writes before it reads them (write_data, write_restart, fix ave/*
 * `file`, print `file`/`append`, fix reaxff/bonds and reaxff/species; literal names) are outputs
 * too, as are files carrying the header LAMMPS's fix ave/time, ave/chunk and ave/histo write
 * (`# Time-averaged data for fix`, src/fix_ave_time.cpp etc.): written by the run, not compared.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatFromName, readHead, sniffFormat } from '../io/formats.js';
import { ParseError } from '../io/errors.js';

export type CaseFileKind =
  /** A LAMMPS log: thermo compared row by row. */
  | 'log'
  /** A dump in a format of the registry: frames compared atom by atom. */
  | 'dump'
  /** Written by a run but not compared (log.cite, dump local, ...). */
  | 'other-output'
  /** Bookkeeping of the case folder (CASE.md, verify.json, temporaries): neither copied nor compared. */
  | 'meta'
  /** Needed by the run: copied into the run folder. */
  | 'input';

/**
 * The first `bytes` of a file as text (io/formats.ts readHead: gunzipped by magic bytes), or '' when
 * it is a gzip file that cannot be read: such a file is classified by its name alone.
 */
export function fileHead(path: string, bytes = 4096): string {
  try {
    return readHead(path, bytes);
  } catch (e) {
    if (e instanceof ParseError) return '';
    throw e;
  }
}

/** Log by name: `log.lammps`, `log.<anything>`, `<anything>.log` (a trailing .gz ignored). */
const LOG_NAME = (n: string): boolean => /^log\.|\.log$/.test(n.replace(/\.gz$/, ''));
/** LAMMPS's banner, the first line of every log it writes. */
const LOG_MAGIC = /^LAMMPS \(/;

/** Header lines of LAMMPS's averaging fixes' output files (fix_ave_time.cpp, fix_ave_chunk.cpp, fix_ave_histo.cpp, fix_ave_correlate.cpp). */
const AVE_MAGIC = /^# (Time-averaged|Chunk-averaged|Histogrammed|Time-correlated) data for fix /;

/** Where a command names the file it writes: the word index, or a keyword whose next word is the file. */
function writtenFiles(words: string[]): string[] {
  const [cmd] = words;
  const out: string[] = [];
  const after = (kws: string[]) => { for (let k = 1; k < words.length - 1; k++) if (kws.includes(words[k])) out.push(words[k + 1]); };
  if (cmd === 'log' && words[1] && words[1] !== 'none') out.push(words[1]);
  else if (cmd === 'write_data' || cmd === 'write_restart' || cmd === 'write_coeff') out.push(words[1]);
  else if (cmd === 'write_dump') out.push(words[3]);
  else if (cmd === 'dump') out.push(words[5]);
  else if (cmd === 'print') after(['file', 'append']);
  else if (cmd === 'fix' && words[3]) {
    if (/^ave\//.test(words[3]) || words[3] === 'print') after(['file', 'append']);
    else if (/^reax(ff|\/c)\/bonds$/.test(words[3])) out.push(words[5]);
    else if (/^reax(ff|\/c)\/species$/.test(words[3])) out.push(words[7]);
  }
  return out.filter((f) => f && !f.includes('$') && !f.includes('*')).map((f) => f.replace(/^["']|["']$/g, ''));
}

/**
 * The literal file names `script` (the text of a case's in.lammps) writes before any command
 * names them otherwise (a file written and then read back is still an output of the run).
 */
export function scriptWrites(script: string): Set<string> {
  const seen = new Set<string>();
  const writes = new Set<string>();
  for (const raw of script.replace(/&[ \t]*\r?\n/g, ' ').split(/\r?\n/)) {
    const words = raw.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean);
    if (!words.length) continue;
    const w = writtenFiles(words);
    for (const f of w) if (!seen.has(f)) writes.add(f);
    for (const word of words.slice(1)) seen.add(word.replace(/^["']|["']$/g, ''));
  }
  return writes;
}

/** What `name` in `dir` is (see the module comment). Reads the head of regular files. */
export function classifyCaseFile(dir: string, name: string, writes: Set<string> = scriptWritesOf(dir)): CaseFileKind {
  if (name === 'CASE.md' || name === 'verify.json' || name.endsWith('.tmp')) return 'meta';
  if (name === 'log.cite') return 'other-output';
  const path = join(dir, name);
  let head = '';
  try {
    if (statSync(path).isFile()) head = fileHead(path);
  } catch {
    head = '';
  }
  if (LOG_MAGIC.test(head)) return 'log';
  const byContent = head ? sniffFormat(name, head) : undefined;
  const byName = formatFromName(name);
  const fmt = byContent && byContent.multi ? byContent : byName;
  if (fmt && fmt.multi) {
    // `dump local` (e.g. dump.bonds.local) has ITEM: NUMBER OF ENTRIES, not atoms: written, not compared
    if (/^ITEM: NUMBER OF ENTRIES/m.test(head) || name.includes('.local')) return 'other-output';
    return 'dump';
  }
  if (LOG_NAME(name)) return 'log';
  if (AVE_MAGIC.test(head) || writes.has(name)) return 'other-output';
  return 'input';
}

/** scriptWrites of the folder's in.lammps (empty when there is none). */
function scriptWritesOf(dir: string): Set<string> {
  try {
    return scriptWrites(readFileSync(join(dir, 'in.lammps'), 'utf8'));
  } catch {
    return new Set();
  }
}

export interface CaseFiles {
  logs: string[];
  dumps: string[];
  /** Every output, compared or not (never copied into a run folder). */
  outputs: string[];
  inputs: string[];
}

/** Sort the regular files of a case folder into inputs and outputs, by the rule above. */
export function caseFiles(dir: string): CaseFiles {
  const out: CaseFiles = { logs: [], dumps: [], outputs: [], inputs: [] };
  const writes = scriptWritesOf(dir);
  for (const n of readdirSync(dir).sort()) {
    if (!statSync(join(dir, n)).isFile()) continue;
    const k = classifyCaseFile(dir, n, writes);
    if (k === 'input') out.inputs.push(n);
    else if (k !== 'meta') out.outputs.push(n);
    if (k === 'log') out.logs.push(n);
    if (k === 'dump') out.dumps.push(n);
  }
  return out;
}
