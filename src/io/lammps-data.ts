/**
 * LAMMPS data files (read_data / write_data).
 *
 * Reader: the header keywords LAMMPS reads (counts, `... types`, `extra ... per atom`, box and
 * tilt lines, in any order), then sections in any order. Section lengths come from the header
 * (as in LAMMPS's read_data.cpp), so a section that is shorter or longer than its header count is
 * an error naming the line. Atom styles atomic, charge, bond, angle, molecular and full, each with
 * optional image flags. Coefficient sections (`Pair Coeffs # lj/cut`, ...) are kept verbatim and
 * written back unchanged.
 *
 * Writer: the layout of LAMMPS's write_data (header, box, Masses, coefficient sections, Atoms,
 * Velocities, Bonds, ...), every number printed so it reads back to the same double (formatFloat).
 *
 * The registry's frame functions (readLammpsDataFrames / writeLammpsDataFrames, to and from
 * AtomFrame) are in lammps-data-frames.ts.
 */
import { ByteSink } from './text/byte-sink.js';
import { writeShortest, writeUint } from './text/format-number.js';
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ParseError, UsageError, type Warning } from './errors.js';
import type { Box, GeneralTriclinic, Vec3 } from './types.js';
import { boxFromGeneral, generalTriclinicProblem, pointsToGeneral, pointsToRestricted, vectorsToGeneral, vectorsToRestricted } from './general-triclinic.js';
import { tempNameFor } from './atomic-write.js';
import {
  TokenBuilder, createTokenizer, fieldFloat, fieldInt, fieldString, lineFields, nextLine, type Tokenizer,
} from './text/tokenizer.js';
import { isGzipMagic } from './text/text-stream.js';

/** Atom styles this reader knows, with the columns of their Atoms lines (before image flags). */
export const ATOM_STYLE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  atomic: ['id', 'type', 'x', 'y', 'z'],
  charge: ['id', 'type', 'q', 'x', 'y', 'z'],
  bond: ['id', 'mol', 'type', 'x', 'y', 'z'],
  angle: ['id', 'mol', 'type', 'x', 'y', 'z'],
  molecular: ['id', 'mol', 'type', 'x', 'y', 'z'],
  full: ['id', 'mol', 'type', 'q', 'x', 'y', 'z'],
};

/** Styles whose atoms carry a molecule id and may have bonds. */
export const MOLECULAR_STYLES = new Set(['bond', 'angle', 'molecular', 'full']);

/** As LAMMPS: atom style bond stores bonds only, angle bonds and angles, molecular and full all four. */
function topologyAllowed(style: string, section: string): boolean {
  if (style === 'bond') return section === 'Bonds';
  if (style === 'angle') return section === 'Bonds' || section === 'Angles';
  return MOLECULAR_STYLES.has(style);
}

export interface LammpsDataCounts {
  atoms: number;
  bonds: number;
  angles: number;
  dihedrals: number;
  impropers: number;
  atomTypes: number;
  bondTypes: number;
  angleTypes: number;
  dihedralTypes: number;
  improperTypes: number;
}

/** Atoms section as columns, in file order. mol/q exist only for styles that have them. */
export interface LammpsAtoms {
  id: Float64Array;
  type: Float64Array;
  mol: Float64Array | null;
  q: Float64Array | null;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Image flags, or null when the Atoms lines have none. */
  ix: Float64Array | null;
  iy: Float64Array | null;
  iz: Float64Array | null;
}

/** Velocities aligned with the atoms (index i = i-th line of Atoms), whatever the order of the Velocities section. */
export interface LammpsVelocities {
  vx: Float64Array;
  vy: Float64Array;
  vz: Float64Array;
}

/** Bonds / Angles / Dihedrals / Impropers: id, type and `order` atom ids per row (flat, row-major). */
export interface LammpsTopology {
  order: 2 | 3 | 4;
  id: Float64Array;
  type: Float64Array;
  atoms: Float64Array;
}

/** A coefficient section kept verbatim: `keyword # style`, then its data lines as written. */
export interface CoeffSection {
  keyword: string;
  style: string | null;
  lines: string[];
}

export interface LammpsData {
  /** First line of the file. */
  title: string;
  /** From a write_data title (`timestep = N`), if present. */
  timestep?: number;
  counts: LammpsDataCounts;
  /** `N extra bond per atom` and friends, kept so they are written back: key 'bond' | 'angle' | 'dihedral' | 'improper' | 'special'. */
  extra: Record<string, number>;
  box: Box;
  /** Mass of type t at index t-1 (NaN where the Masses section has no line), or null without a Masses section. */
  masses: Float64Array | null;
  /** Comment text after each mass (often an element name), index t-1; null without one. */
  massLabels: (string | null)[] | null;
  atomStyle: string;
  atoms: LammpsAtoms;
  velocities: LammpsVelocities | null;
  bonds: LammpsTopology | null;
  angles: LammpsTopology | null;
  dihedrals: LammpsTopology | null;
  impropers: LammpsTopology | null;
  /** Pair Coeffs, PairIJ Coeffs, Bond Coeffs, ... in file order. */
  coeffs: CoeffSection[];
  /**
   * Type labels (LAMMPS >= 2023 `labelmap`; sections `Atom Type Labels`, `Bond Type Labels`, ...):
   * per kind, the label of type t at index t-1 ('' where the section has no line for t).
   */
  typeLabels?: TypeLabels;
  warnings: Warning[];
}

export type TypeLabelKind = 'atom' | 'bond' | 'angle' | 'dihedral' | 'improper';
export type TypeLabels = Partial<Record<TypeLabelKind, string[]>>;

/** Section keyword of each kind of type label, in the order write_data prints them. */
export const TYPE_LABEL_SECTIONS: Readonly<Record<TypeLabelKind, string>> = {
  atom: 'Atom Type Labels', bond: 'Bond Type Labels', angle: 'Angle Type Labels',
  dihedral: 'Dihedral Type Labels', improper: 'Improper Type Labels',
};

export interface LammpsDataReadOptions {
  /** Explicit atom style; wins over the `Atoms # style` hint and the column-count guess. */
  atomStyle?: string;
  warnings?: Warning[];
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Bytes decoded per piece (default 16 MB); tiny values exercise lines at piece boundaries. */
  chunkBytes?: number;
}

// ---------------------------------------------------------------------------------------------
// sections

type SectionKind = 'atoms' | 'velocities' | 'masses' | 'topology' | 'coeff' | 'labels';

interface SectionDef {
  kind: SectionKind;
  /** Number of data lines, from the header counts. */
  rows: (c: LammpsDataCounts) => number;
  /** What the count is called in the header (for messages). */
  countName: string;
}

const SECTIONS: Record<string, SectionDef> = {
  Atoms: { kind: 'atoms', rows: (c) => c.atoms, countName: 'atoms' },
  Velocities: { kind: 'velocities', rows: (c) => c.atoms, countName: 'atoms' },
  Masses: { kind: 'masses', rows: (c) => c.atomTypes, countName: 'atom types' },
  Bonds: { kind: 'topology', rows: (c) => c.bonds, countName: 'bonds' },
  Angles: { kind: 'topology', rows: (c) => c.angles, countName: 'angles' },
  Dihedrals: { kind: 'topology', rows: (c) => c.dihedrals, countName: 'dihedrals' },
  Impropers: { kind: 'topology', rows: (c) => c.impropers, countName: 'impropers' },
  'Pair Coeffs': { kind: 'coeff', rows: (c) => c.atomTypes, countName: 'atom types' },
  'PairIJ Coeffs': { kind: 'coeff', rows: (c) => (c.atomTypes * (c.atomTypes + 1)) / 2, countName: 'atom types (N(N+1)/2 pairs)' },
  'Bond Coeffs': { kind: 'coeff', rows: (c) => c.bondTypes, countName: 'bond types' },
  'Angle Coeffs': { kind: 'coeff', rows: (c) => c.angleTypes, countName: 'angle types' },
  'BondBond Coeffs': { kind: 'coeff', rows: (c) => c.angleTypes, countName: 'angle types' },
  'BondAngle Coeffs': { kind: 'coeff', rows: (c) => c.angleTypes, countName: 'angle types' },
  'Dihedral Coeffs': { kind: 'coeff', rows: (c) => c.dihedralTypes, countName: 'dihedral types' },
  'MiddleBondTorsion Coeffs': { kind: 'coeff', rows: (c) => c.dihedralTypes, countName: 'dihedral types' },
  'EndBondTorsion Coeffs': { kind: 'coeff', rows: (c) => c.dihedralTypes, countName: 'dihedral types' },
  'AngleTorsion Coeffs': { kind: 'coeff', rows: (c) => c.dihedralTypes, countName: 'dihedral types' },
  'AngleAngleTorsion Coeffs': { kind: 'coeff', rows: (c) => c.dihedralTypes, countName: 'dihedral types' },
  'BondBond13 Coeffs': { kind: 'coeff', rows: (c) => c.dihedralTypes, countName: 'dihedral types' },
  'Improper Coeffs': { kind: 'coeff', rows: (c) => c.improperTypes, countName: 'improper types' },
  'AngleAngle Coeffs': { kind: 'coeff', rows: (c) => c.improperTypes, countName: 'improper types' },
  'Atom Type Labels': { kind: 'labels', rows: (c) => c.atomTypes, countName: 'atom types' },
  'Bond Type Labels': { kind: 'labels', rows: (c) => c.bondTypes, countName: 'bond types' },
  'Angle Type Labels': { kind: 'labels', rows: (c) => c.angleTypes, countName: 'angle types' },
  'Dihedral Type Labels': { kind: 'labels', rows: (c) => c.dihedralTypes, countName: 'dihedral types' },
  'Improper Type Labels': { kind: 'labels', rows: (c) => c.improperTypes, countName: 'improper types' },
};

/** Sections LAMMPS knows that this reader refuses (bonus data of finite-size particles). */
const UNSUPPORTED_SECTIONS = new Set(['Ellipsoids', 'Lines', 'Triangles', 'Bodies']);

const TOPOLOGY_ORDER: Record<string, 2 | 3 | 4> = { Bonds: 2, Angles: 3, Dihedrals: 4, Impropers: 4 };

const HASH = 35; // '#'

// ---------------------------------------------------------------------------------------------
// reading

/** Text is decoded and parsed this many bytes at a time (cut at line ends). */
const READ_CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * Read a data file (`.gz` decompressed, by name or by its magic bytes). The bytes are decoded in
 * 16 MB pieces cut at line ends, so files beyond V8's largest string (~512 MB) read too.
 */
export function readLammpsData(path: string, opts: LammpsDataReadOptions = {}): LammpsData {
  const raw = readFileSync(path);
  const total = raw.length;
  opts.onProgress?.(0, total);
  const gz = isGzipMagic(raw);
  let buf: Buffer;
  if (gz) {
    try {
      buf = gunzipSync(raw);
    } catch (e) {
      throw new ParseError(path, 0, `not a readable gzip file (${(e as Error).message})`);
    }
  } else buf = raw;
  let pos = 0;
  const refill = (): string | null => {
    if (pos >= buf.length) return null;
    let end = Math.min(buf.length, pos + (opts.chunkBytes ?? READ_CHUNK_BYTES));
    if (end < buf.length) {
      const nl = buf.lastIndexOf(10, end - 1);
      end = nl >= pos ? nl + 1 : (() => { const k = buf.indexOf(10, end); return k < 0 ? buf.length : k + 1; })();
    }
    const s = buf.toString('utf8', pos, end);
    pos = end;
    opts.onProgress?.(gz ? Math.round((pos / buf.length) * total) : pos, total);
    return s;
  };
  return parseChunks(refill, path, opts);
}

/** Parse the text of a data file; `file` names it in errors and warnings. */
export function parseLammpsData(text: string, file = '<data>', opts: LammpsDataReadOptions = {}): LammpsData {
  let given = false;
  return parseChunks(() => (given ? null : ((given = true), text)), file, opts);
}

/** A tokenizer over text that arrives in pieces cut at line ends. */
interface ChunkTokenizer extends Tokenizer {
  refill: () => string | null;
}

/** nextLine, loading the next piece of text at the end of the current one. */
function advance(t: ChunkTokenizer): boolean {
  if (nextLine(t)) return true;
  for (;;) {
    const next = t.refill();
    if (next === null) return false;
    const w = t as { data: string; length: number };
    w.data = next;
    w.length = next.length;
    t.position = 0;
    if (nextLine(t)) return true;
  }
}

function parseChunks(refill: () => string | null, file: string, opts: LammpsDataReadOptions): LammpsData {
  const warnings: Warning[] = opts.warnings ?? [];
  const t: ChunkTokenizer = { ...createTokenizer('', file), refill };
  const f = new TokenBuilder(16);

  if (!advance(t)) throw new ParseError(file, 1, 'empty file: expected a LAMMPS data file (title line, then header)');
  const title = t.data.substring(t.tokenStart, t.tokenEnd);
  const tsMatch = /timestep\s*=\s*(\d+)/.exec(title);
  const timestep = tsMatch ? Number(tsMatch[1]) : undefined;

  const counts: LammpsDataCounts = {
    atoms: 0, bonds: 0, angles: 0, dihedrals: 0, impropers: 0,
    atomTypes: 0, bondTypes: 0, angleTypes: 0, dihedralTypes: 0, improperTypes: 0,
  };
  const extra: Record<string, number> = {};
  const lo: [number, number, number] = [-0.5, -0.5, -0.5];
  const hi: [number, number, number] = [0.5, 0.5, 0.5];
  let tilt: [number, number, number] | null = null;
  const boxLine = [0, 0, 0];
  const general: GeneralHeader = {};

  // ---- header: until the first line that is not a header keyword line
  let pending = false; // a section keyword line is in t (already read)
  while (advance(t)) {
    const n = lineFields(t, f, HASH);
    if (n === 0) continue;
    if (!headerLine(t, f, n, counts, extra, lo, hi, boxLine, (v) => { tilt = v; }, general)) { pending = true; break; }
  }
  const generalBox = generalFromHeader(general, boxLine, tilt !== null, file);
  if (generalBox) {
    lo.splice(0, 3, ...generalBox.lo);
    hi.splice(0, 3, ...generalBox.hi);
    tilt = generalBox.tilt;
  }
  for (let d = 0; d < 3; d++) {
    if (!(lo[d] < hi[d])) {
      const name = 'xyz'[d];
      throw new ParseError(file, boxLine[d], `box: expected ${name}lo < ${name}hi, found ${name}lo = ${formatFloat(lo[d])}, ${name}hi = ${formatFloat(hi[d])}`);
    }
  }
  if (!pending) {
    // as read_data: a file must have at least one section (a file of 0 atoms may lack Atoms)
    throw new ParseError(file, t.lineNumber, `unexpected end of file after the header: expected ${counts.atoms > 0 ? `an 'Atoms' section for ${counts.atoms} atoms` : 'a section (Masses, Atoms, ...)'}`);
  }

  const result: LammpsData = {
    title, timestep, counts, extra,
    box: generalBox ?? { lo, hi, tilt, boundary: ['pp', 'pp', 'pp'] },
    masses: null, massLabels: null,
    atomStyle: '',
    atoms: emptyAtoms(),
    velocities: null, bonds: null, angles: null, dihedrals: null, impropers: null,
    coeffs: [], warnings,
  };
  let sawAtoms = false;
  let atomsIndex: IdIndex | undefined;
  let velocityIds: Float64Array | null = null;
  let velocityLines: Int32Array | null = null;
  const topoLines: Record<string, Int32Array> = {};
  const seen = new Map<string, number>();
  let previous: { keyword: string; line: number; rows: number; countName: string } | undefined;

  // ---- sections
  for (;;) {
    // t holds a non-blank line that must be a section keyword
    const lineText = t.data.substring(t.tokenStart, t.tokenEnd);
    const hashAt = lineText.indexOf('#');
    const keyword = (hashAt >= 0 ? lineText.substring(0, hashAt) : lineText).trim().replace(/\s+/g, ' ');
    const style = hashAt >= 0 ? lineText.substring(hashAt + 1).trim() || null : null;
    const keywordLine = t.lineNumber;
    const def = SECTIONS[keyword];
    if (!def) {
      if (UNSUPPORTED_SECTIONS.has(keyword)) {
        throw new ParseError(file, keywordLine, `section '${keyword}' (finite-size particles) is not supported; expected atom styles ${Object.keys(ATOM_STYLE_COLUMNS).join(', ')}`);
      }
      if (f.count > 0 && looksNumeric(t, f)) {
        const before = previous ? `section '${previous.keyword}' (line ${previous.line}) has more than the ${previous.rows} lines the header's ${previous.countName} count asks for` : 'the header ended before it';
        throw new ParseError(file, keywordLine, `expected a section keyword, found a data line: ${before}`);
      }
      throw new ParseError(file, keywordLine, `unknown section keyword '${keyword}'; expected one of ${Object.keys(SECTIONS).join(', ')}`);
    }
    if (seen.has(keyword)) throw new ParseError(file, keywordLine, `section '${keyword}' appears twice (first at line ${seen.get(keyword)})`);
    seen.set(keyword, keywordLine);
    previous = { keyword, line: keywordLine, rows: def.rows(counts), countName: def.countName };
    const rows = def.rows(counts);
    const rowLines = new Int32Array(rows);

    if (def.kind === 'atoms') {
      sawAtoms = true;
      atomsIndex = readAtoms(t, f, keyword, style, rows, rowLines, result, opts.atomStyle);
    } else if (def.kind === 'velocities') {
      const vel = { vx: new Float64Array(rows), vy: new Float64Array(rows), vz: new Float64Array(rows) };
      velocityIds = new Float64Array(rows);
      velocityLines = rowLines;
      forRows(t, f, keyword, def, rows, rowLines, (n, r) => {
        if (n !== 4) throw new ParseError(file, t.lineNumber, `Velocities: expected 4 columns (id vx vy vz), found ${n}`);
        velocityIds![r] = fieldInt(t, f, 0, 'Velocities atom id');
        vel.vx[r] = fieldFloat(t, f, 1, 'Velocities vx');
        vel.vy[r] = fieldFloat(t, f, 2, 'Velocities vy');
        vel.vz[r] = fieldFloat(t, f, 3, 'Velocities vz');
      });
      result.velocities = vel;
    } else if (def.kind === 'masses') {
      const masses = new Float64Array(counts.atomTypes).fill(NaN);
      const labels: (string | null)[] = new Array<string | null>(counts.atomTypes).fill(null);
      forRows(t, f, keyword, def, rows, rowLines, (n) => {
        if (n !== 2) throw new ParseError(file, t.lineNumber, `Masses: expected 2 columns (type mass), found ${n}`);
        const type = checkType(t, typeField(t, f, 0, 'Masses atom type', result.typeLabels?.atom, 'atom'), counts.atomTypes, 'Masses', 'atom');
        const m = fieldFloat(t, f, 1, 'Masses mass');
        if (!(m > 0)) throw new ParseError(file, t.lineNumber, `Masses: expected a positive mass, found ${fieldString(t, f, 1)}`);
        masses[type - 1] = m;
        const line = t.data.substring(t.tokenStart, t.tokenEnd);
        const h = line.indexOf('#');
        if (h >= 0) labels[type - 1] = line.substring(h + 1).trim() || null;
      }, result.typeLabels?.atom);
      result.masses = masses;
      result.massLabels = labels.some((l) => l !== null) ? labels : null;
    } else if (def.kind === 'topology') {
      const order = TOPOLOGY_ORDER[keyword];
      const topo: LammpsTopology = { order, id: new Float64Array(rows), type: new Float64Array(rows), atoms: new Float64Array(rows * order) };
      const ntypes = keyword === 'Bonds' ? counts.bondTypes : keyword === 'Angles' ? counts.angleTypes : keyword === 'Dihedrals' ? counts.dihedralTypes : counts.improperTypes;
      const what = keyword.toLowerCase().replace(/s$/, '');
      forRows(t, f, keyword, def, rows, rowLines, (n, r) => {
        if (n !== 2 + order) throw new ParseError(file, t.lineNumber, `${keyword}: expected ${2 + order} columns (id type ${order} atom ids), found ${n}`);
        topo.id[r] = fieldInt(t, f, 0, `${keyword} id`);
        topo.type[r] = checkType(t, typeField(t, f, 1, `${keyword} type`, result.typeLabels?.[what as TypeLabelKind], what), ntypes, keyword, what);
        for (let k = 0; k < order; k++) topo.atoms[r * order + k] = fieldInt(t, f, 2 + k, `${keyword} atom id`);
      });
      topoLines[keyword] = rowLines;
      if (keyword === 'Bonds') result.bonds = topo;
      else if (keyword === 'Angles') result.angles = topo;
      else if (keyword === 'Dihedrals') result.dihedrals = topo;
      else result.impropers = topo;
    } else if (def.kind === 'labels') {
      const kind = (Object.keys(TYPE_LABEL_SECTIONS) as TypeLabelKind[]).find((k) => TYPE_LABEL_SECTIONS[k] === keyword)!;
      const labels = new Array<string>(rows).fill('');
      const firstUse = new Map<string, number>();
      forRows(t, f, keyword, def, rows, rowLines, (n) => {
        if (n !== 2) throw new ParseError(file, t.lineNumber, `${keyword}: expected 2 columns (type label), found ${n}`);
        const type = checkType(t, fieldInt(t, f, 0, `${keyword} type`), rows, keyword, kind);
        const label = fieldString(t, f, 1);
        // labelmap: a label may not start with a digit, nor contain '#' or '*' (doc labelmap)
        if (/^[0-9]|[#*]/.test(label)) throw new ParseError(file, t.lineNumber, `${keyword}: expected a type label not starting with a digit and without '#' or '*', found '${label}'`);
        const prev = firstUse.get(label);
        if (prev !== undefined && prev !== type) throw new ParseError(file, t.lineNumber, `${keyword}: label '${label}' names types ${prev} and ${type}; expected one type per label`);
        firstUse.set(label, type);
        labels[type - 1] = label;
      });
      (result.typeLabels ??= {})[kind] = labels;
    } else {
      const lines: string[] = [];
      const nIndex = keyword === 'PairIJ Coeffs' ? 2 : 1;
      forRows(t, f, keyword, def, rows, rowLines, (n) => {
        if (n < nIndex) throw new ParseError(file, t.lineNumber, `${keyword}: expected ${nIndex === 2 ? 'two types' : 'a type'} and coefficients, found ${n} column`);
        // numbers only: LAMMPS 4 Feb 2025 read_data rejects labels in coeff sections ('Expected integer')
        for (let k = 0; k < nIndex; k++) fieldInt(t, f, k, `${keyword} type`);
        lines.push(t.data.substring(t.tokenStart, t.tokenEnd).trim());
      });
      result.coeffs.push({ keyword, style, lines });
    }

    // next section keyword, or end of file
    let more = false;
    while (advance(t)) {
      if (lineFields(t, f, HASH) > 0) { more = true; break; }
    }
    if (!more) break;
  }

  if (!sawAtoms && counts.atoms > 0) throw new ParseError(file, t.lineNumber, `missing 'Atoms' section: the header declares ${counts.atoms} atoms`);
  if (result.atomStyle === '') result.atomStyle = opts.atomStyle ?? 'atomic'; // no Atoms section (0 atoms)

  // ---- cross-section checks
  const index = atomsIndex ?? new IdIndex(new Float64Array(0));
  if (result.velocities && velocityIds) {
    const v = result.velocities;
    const aligned = { vx: new Float64Array(counts.atoms), vy: new Float64Array(counts.atoms), vz: new Float64Array(counts.atoms) };
    const got = new Uint8Array(counts.atoms);
    for (let r = 0; r < velocityIds.length; r++) {
      const i = index.get(velocityIds[r]);
      if (i < 0) throw new ParseError(file, velocityLines![r], `Velocities: atom id ${velocityIds[r]} is not in the Atoms section`);
      if (got[i]) throw new ParseError(file, velocityLines![r], `Velocities: atom id ${velocityIds[r]} appears twice`);
      got[i] = 1;
      aligned.vx[i] = v.vx[r]; aligned.vy[i] = v.vy[r]; aligned.vz[i] = v.vz[r];
    }
    result.velocities = aligned;
  }
  for (const key of ['Bonds', 'Angles', 'Dihedrals', 'Impropers']) {
    const topo = key === 'Bonds' ? result.bonds : key === 'Angles' ? result.angles : key === 'Dihedrals' ? result.dihedrals : result.impropers;
    if (!topo) {
      const n = key === 'Bonds' ? counts.bonds : key === 'Angles' ? counts.angles : key === 'Dihedrals' ? counts.dihedrals : counts.impropers;
      if (n > 0) throw new ParseError(file, t.lineNumber, `missing '${key}' section: the header declares ${n} ${key.toLowerCase()}`);
      continue;
    }
    if (!MOLECULAR_STYLES.has(result.atomStyle)) {
      throw new ParseError(file, seen.get(key)!, `section '${key}' needs a molecular atom style (bond, angle, molecular, full), but the atom style is '${result.atomStyle}'`);
    }
    if (!topologyAllowed(result.atomStyle, key)) {
      throw new ParseError(file, seen.get(key)!, `section '${key}' is not allowed with atom style '${result.atomStyle}' (${result.atomStyle === 'bond' ? 'bonds only' : 'bonds and angles only'}); expected atom style molecular or full`);
    }
    for (let k = 0; k < topo.atoms.length; k++) {
      if (index.get(topo.atoms[k]) < 0) {
        throw new ParseError(file, topoLines[key][Math.floor(k / topo.order)], `${key}: atom id ${topo.atoms[k]} is not in the Atoms section`);
      }
    }
  }
  if (result.masses) {
    for (let i = 0; i < result.masses.length; i++) {
      if (Number.isNaN(result.masses[i])) throw new ParseError(file, seen.get('Masses')!, `Masses: no mass for atom type ${i + 1} (expected ${counts.atomTypes} lines)`);
    }
  }
  const g = result.box.general;
  if (g) {
    // as read_data: atoms and velocities of a general triclinic file go into the restricted frame
    const p = pointsToRestricted(g, result.atoms.x, result.atoms.y, result.atoms.z);
    result.atoms.x = p.x; result.atoms.y = p.y; result.atoms.z = p.z;
    if (result.velocities) {
      const v = vectorsToRestricted(g, result.velocities.vx, result.velocities.vy, result.velocities.vz);
      result.velocities = { vx: v.x, vy: v.y, vz: v.z };
    }
  }
  return result;
}

/**
 * Atom id -> row index. Dense (an Int32Array over 1..max id) when the ids are compact, which
 * they almost always are, else a Map. `add` returns the previous row of a duplicate id, or -1.
 */
class IdIndex {
  private dense: Int32Array | null = null;
  private map: Map<number, number> | null = null;
  constructor(ids: Float64Array) {
    let max = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
    if (max <= 4 * ids.length + 1024) this.dense = new Int32Array(max + 1).fill(-1);
    else this.map = new Map();
  }
  add(id: number, row: number): number {
    if (this.dense) {
      const prev = this.dense[id];
      if (prev < 0) this.dense[id] = row;
      return prev;
    }
    const prev = this.map!.get(id);
    if (prev === undefined) { this.map!.set(id, row); return -1; }
    return prev;
  }
  get(id: number): number {
    if (this.dense) return id >= 0 && id < this.dense.length && Number.isInteger(id) ? this.dense[id] : -1;
    return this.map!.get(id) ?? -1;
  }
}

function emptyAtoms(): LammpsAtoms {
  const z = new Float64Array(0);
  return { id: z, type: z, mol: null, q: null, x: z, y: z, z: z, ix: null, iy: null, iz: null };
}

/** Does the line's first field start like a number (`[-+]?(digit|.digit)`)? Section keywords do not. */
function looksNumeric(t: Tokenizer, f: TokenBuilder): boolean {
  const d = t.data;
  let i = f.start(0);
  const end = f.end(0);
  let c = d.charCodeAt(i);
  if ((c === 43 || c === 45) && i + 1 < end) c = d.charCodeAt(++i);
  if (c === 46 && i + 1 < end) c = d.charCodeAt(++i);
  return c >= 48 && c <= 57;
}

/**
 * A type field: a number, or (LAMMPS >= 2023, read_data after a Type Labels section) a label of
 * that section, as LAMMPS accepts wherever a type is expected.
 */
function typeField(t: Tokenizer, f: TokenBuilder, k: number, what: string, labels: string[] | undefined, kind: string): number {
  const s = fieldString(t, f, k);
  if (/^[-+]?[0-9]/.test(s)) return fieldInt(t, f, k, what);
  const i = labels ? labels.indexOf(s) : -1;
  if (i < 0) {
    throw new ParseError(t.file, t.lineNumber, labels
      ? `${what}: expected a type number or a ${kind} type label (${labels.filter((l) => l !== '').join(' ')}), found '${s}'`
      : `${what}: expected a type number, found '${s}' (a type label needs a '${TYPE_LABEL_SECTIONS[kind as TypeLabelKind] ?? 'Type Labels'}' section first)`);
  }
  return i + 1;
}

function checkType(t: Tokenizer, type: number, ntypes: number, section: string, what: string): number {
  if (type < 1 || type > ntypes) {
    throw new ParseError(t.file, t.lineNumber, `${section}: ${what} type ${type} is outside 1..${ntypes} (the header's '${ntypes} ${what} types')`);
  }
  return type;
}

/**
 * Read `rows` data lines of a section (blank and comment-only lines are skipped), calling
 * `each(fieldCount, row)` with the line's fields in `f`. A keyword line or the end of the file
 * before `rows` lines is an error naming the header count.
 */
function forRows(t: ChunkTokenizer, f: TokenBuilder, keyword: string, def: SectionDef, rows: number, rowLines: Int32Array,
  each: (n: number, r: number) => void, labels?: string[]): void {
  const start = t.lineNumber;
  for (let r = 0; r < rows; r++) {
    let n = 0;
    for (;;) {
      if (!advance(t)) {
        throw new ParseError(t.file, t.lineNumber, `unexpected end of file in section '${keyword}' (line ${start}): found ${r} of the ${rows} lines the header's ${def.countName} count asks for`);
      }
      n = lineFields(t, f, HASH);
      if (n > 0) break;
    }
    if (!looksNumeric(t, f) && !(labels && labels.includes(fieldString(t, f, 0)))) {
      throw new ParseError(t.file, t.lineNumber, `section '${keyword}' (line ${start}) ends after ${r} lines, but the header's ${def.countName} count asks for ${rows}; found '${fieldString(t, f, 0)}'`);
    }
    rowLines[r] = t.lineNumber;
    each(n, r);
  }
}

/**
 * The atom style of an Atoms section without an explicit style or a `# style` comment, guessed
 * from its column count (and, for 6/9 columns, whether the header declares bonds). Emits a warning.
 */
export function guessAtomStyle(ncols: number, counts: LammpsDataCounts, file: string, line: number, warnings: Warning[]): string {
  const molecular = counts.bonds + counts.angles + counts.dihedrals + counts.impropers + counts.bondTypes > 0;
  let style: string;
  switch (ncols) {
    case 5: case 8: style = 'atomic'; break;
    case 6: case 9: style = molecular ? 'molecular' : 'charge'; break;
    case 7: case 10: style = 'full'; break;
    default:
      throw new ParseError(file, line, `Atoms: cannot guess the atom style from ${ncols} columns; expected 5/8 (atomic), 6/9 (charge or molecular), 7/10 (full), or give the atom style`);
  }
  warnings.push({
    file, line,
    message: `Atoms section has no '# style' comment; guessed atom style '${style}' (${ATOM_STYLE_COLUMNS[style].join(' ')}) from ${ncols} columns`,
  });
  return style;
}

function readAtoms(t: ChunkTokenizer, f: TokenBuilder, keyword: string, hint: string | null, rows: number, rowLines: Int32Array,
  result: LammpsData, explicit: string | undefined): IdIndex {
  const file = t.file;
  const keywordLine = t.lineNumber;
  const def = SECTIONS[keyword];
  let style: string | undefined;
  if (explicit !== undefined) {
    if (!ATOM_STYLE_COLUMNS[explicit]) throw new UsageError(`unknown atom style '${explicit}'; expected one of ${Object.keys(ATOM_STYLE_COLUMNS).join(', ')}`);
    style = explicit;
    if (hint && hint !== explicit) {
      result.warnings.push({ file, line: keywordLine, message: `Atoms section says '# ${hint}', reading it as atom style '${explicit}' as asked` });
    }
  } else if (hint) {
    if (!ATOM_STYLE_COLUMNS[hint]) {
      throw new ParseError(file, keywordLine, `Atoms # ${hint}: atom style '${hint}' is not supported; expected one of ${Object.keys(ATOM_STYLE_COLUMNS).join(', ')}`);
    }
    style = hint;
  }
  const counts = result.counts;
  const a: LammpsAtoms = {
    id: new Float64Array(rows), type: new Float64Array(rows), mol: null, q: null,
    x: new Float64Array(rows), y: new Float64Array(rows), z: new Float64Array(rows), ix: null, iy: null, iz: null,
  };
  let ncols = -1;
  let cId = 0, cType = 1, cMol = -1, cQ = -1, cX = 2;
  forRows(t, f, keyword, def, rows, rowLines, (n, r) => {
    if (r === 0) {
      if (style === undefined) style = guessAtomStyle(n, counts, file, t.lineNumber, result.warnings);
      const cols = ATOM_STYLE_COLUMNS[style];
      if (n !== cols.length && n !== cols.length + 3) {
        throw new ParseError(file, t.lineNumber, `Atoms # ${style}: expected ${cols.length} or ${cols.length + 3} columns (${cols.join(' ')} [ix iy iz]), found ${n}`);
      }
      ncols = n;
      cType = cols.indexOf('type'); cMol = cols.indexOf('mol'); cQ = cols.indexOf('q'); cX = cols.indexOf('x');
      if (cMol >= 0) a.mol = new Float64Array(rows);
      if (cQ >= 0) a.q = new Float64Array(rows);
      if (n === cols.length + 3) { a.ix = new Float64Array(rows); a.iy = new Float64Array(rows); a.iz = new Float64Array(rows); }
    } else if (n !== ncols) {
      throw new ParseError(file, t.lineNumber, `Atoms # ${style}: expected ${ncols} columns like the first atom line (line ${rowLines[0]}), found ${n}`);
    }
    const id = fieldInt(t, f, cId, 'Atoms atom id');
    if (id < 1) throw new ParseError(file, t.lineNumber, `Atoms: expected a positive atom id, found ${id}`);
    a.id[r] = id;
    a.type[r] = checkType(t, typeField(t, f, cType, 'Atoms atom type', result.typeLabels?.atom, 'atom'), counts.atomTypes, 'Atoms', 'atom');
    if (a.mol) a.mol[r] = fieldInt(t, f, cMol, 'Atoms molecule id');
    if (a.q) a.q[r] = fieldFloat(t, f, cQ, 'Atoms charge q');
    a.x[r] = fieldFloat(t, f, cX, 'Atoms x');
    a.y[r] = fieldFloat(t, f, cX + 1, 'Atoms y');
    a.z[r] = fieldFloat(t, f, cX + 2, 'Atoms z');
    if (!Number.isFinite(a.x[r] + a.y[r] + a.z[r])) throw new ParseError(file, t.lineNumber, `Atoms: expected finite coordinates, found ${a.x[r]} ${a.y[r]} ${a.z[r]}`);
    if (a.ix) {
      a.ix[r] = fieldInt(t, f, cX + 3, 'Atoms image flag ix');
      a.iy![r] = fieldInt(t, f, cX + 4, 'Atoms image flag iy');
      a.iz![r] = fieldInt(t, f, cX + 5, 'Atoms image flag iz');
    }
  });
  // duplicate ids, with the line of the second occurrence
  const index = new IdIndex(a.id);
  for (let r = 0; r < rows; r++) {
    const prev = index.add(a.id[r], r);
    if (prev >= 0) throw new ParseError(file, rowLines[r], `Atoms: atom id ${a.id[r]} appears twice (first at line ${rowLines[prev]})`);
  }
  result.atomStyle = style ?? explicit ?? hint ?? 'atomic';
  result.atoms = a;
  return index;
}

/**
 * One header line: returns false when it is not a header line (then it is a section keyword).
 * Unknown numeric lines and unsupported particle counts are errors.
 */
function headerLine(t: Tokenizer, f: TokenBuilder, n: number, counts: LammpsDataCounts, extra: Record<string, number>,
  lo: number[], hi: number[], boxLine: number[], setTilt: (v: [number, number, number]) => void, general: GeneralHeader): boolean {
  const word = (i: number) => fieldString(t, f, i);
  if (!looksNumeric(t, f)) return false;
  const file = t.file;
  const line = t.lineNumber;
  const tail: string[] = [];
  for (let i = 0; i < n; i++) tail.push(word(i));
  const rest = (k: number) => tail.slice(k).join(' ');
  if (n === 6 && rest(3) === 'xy xz yz') {
    const tilt: [number, number, number] = [fieldFloat(t, f, 0, 'xy'), fieldFloat(t, f, 1, 'xz'), fieldFloat(t, f, 2, 'yz')];
    if (!tilt.every(Number.isFinite)) throw new ParseError(file, line, `xy xz yz: expected finite tilt factors, found ${tilt.join(' ')}`);
    setTilt(tilt);
    return true;
  }
  if ((n === 4 && ['avec', 'bvec', 'cvec'].includes(tail[3])) || (n === 5 && rest(3) === 'abc origin')) {
    const key = n === 4 ? (tail[3] as 'avec' | 'bvec' | 'cvec') : 'origin';
    const v: Vec3 = [fieldFloat(t, f, 0, `${key} x`), fieldFloat(t, f, 1, `${key} y`), fieldFloat(t, f, 2, `${key} z`)];
    if (!v.every(Number.isFinite)) throw new ParseError(file, line, `${rest(3)}: expected three finite numbers, found ${v.join(' ')}`);
    general[key] = v;
    general.line ??= line;
    return true;
  }
  if (n === 4) {
    const d = ['xlo xhi', 'ylo yhi', 'zlo zhi'].indexOf(rest(2));
    if (d >= 0) {
      const name = 'xyz'[d];
      lo[d] = fieldFloat(t, f, 0, `${name}lo`);
      hi[d] = fieldFloat(t, f, 1, `${name}hi`);
      if (!Number.isFinite(lo[d]) || !Number.isFinite(hi[d])) throw new ParseError(file, line, `${name}lo ${name}hi: expected finite bounds, found ${lo[d]} ${hi[d]}`);
      boxLine[d] = line;
      return true;
    }
  }
  const key = rest(1);
  const countKeys: Record<string, keyof LammpsDataCounts> = {
    atoms: 'atoms', bonds: 'bonds', angles: 'angles', dihedrals: 'dihedrals', impropers: 'impropers',
    'atom types': 'atomTypes', 'bond types': 'bondTypes', 'angle types': 'angleTypes',
    'dihedral types': 'dihedralTypes', 'improper types': 'improperTypes',
  };
  if (countKeys[key]) {
    const v = fieldInt(t, f, 0, `'${key}' count`);
    if (v < 0) throw new ParseError(file, line, `'${key}': expected a count >= 0, found ${v}`);
    counts[countKeys[key]] = v;
    return true;
  }
  const ex = /^extra (bond|angle|dihedral|improper|special) per atom$/.exec(key);
  if (ex) {
    extra[ex[1]] = fieldInt(t, f, 0, `'${key}'`);
    return true;
  }
  if (['ellipsoids', 'lines', 'triangles', 'bodies'].includes(key)) {
    throw new ParseError(file, line, `'${key}' (finite-size particles) are not supported; expected atom styles ${Object.keys(ATOM_STYLE_COLUMNS).join(', ')}`);
  }
  throw new ParseError(file, line, `unknown header line '${tail.join(' ')}'; expected 'N atoms', 'N atom types', 'N bonds', ..., 'lo hi xlo xhi', 'xy xz yz', 'ax ay az avec' ... 'ox oy oz abc origin' or a section keyword`);
}

/** avec / bvec / cvec / abc origin header lines seen so far (general triclinic, LAMMPS >= 2024). */
interface GeneralHeader {
  avec?: Vec3;
  bvec?: Vec3;
  cvec?: Vec3;
  origin?: Vec3;
  line?: number;
}

/** The box of a general triclinic header (all four lines, no xlo xhi / xy xz yz lines, as read_data requires), or null. */
function generalFromHeader(g: GeneralHeader, boxLine: number[], tilt: boolean, file: string): Box | null {
  if (g.line === undefined) return null;
  const missing = (['avec', 'bvec', 'cvec', 'origin'] as const).filter((k) => !g[k]).map((k) => (k === 'origin' ? 'abc origin' : k));
  if (missing.length) throw new ParseError(file, g.line, `general triclinic box: expected avec, bvec, cvec and abc origin lines, missing ${missing.join(', ')}`);
  if (boxLine.some((l) => l > 0) || tilt) throw new ParseError(file, g.line, "general triclinic box: expected either avec/bvec/cvec/abc origin lines or xlo xhi/ylo yhi/zlo zhi lines, found both");
  const gen: GeneralTriclinic = { avec: g.avec!, bvec: g.bvec!, cvec: g.cvec!, origin: g.origin! };
  const problem = generalTriclinicProblem(gen);
  if (problem) throw new ParseError(file, g.line, `general triclinic box: ${problem}`);
  boxLine.fill(g.line);
  return boxFromGeneral(gen);
}

// ---------------------------------------------------------------------------------------------
// writing

/**
 * Shortest text that reads back to the same double, in the form LAMMPS's write_data prints with
 * fmt `{}`: fixed notation for decimal exponents -4..15, else `d.ddde-05` / `1e+16`.
 */
export function formatDataFloat(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  if (!Number.isFinite(v)) return String(v).replace('Infinity', 'inf');
  const abs = Math.abs(v);
  if (abs >= 1e-4 && abs < 1e15) return String(v); // fixed notation in both JS and fmt
  const s = v.toExponential(); // shortest round-trip digits
  const k = s.indexOf('e');
  const exp = Number(s.substring(k + 1));
  if (exp >= -4 && exp < 16) return String(v);
  const a = Math.abs(exp);
  return `${s.substring(0, k)}e${exp < 0 ? '-' : '+'}${a < 10 ? '0' : ''}${a}`;
}
const formatFloat = formatDataFloat;

const HEADER_ORDER: [keyof LammpsDataCounts, string, keyof LammpsDataCounts, string][] = [
  ['bonds', 'bonds', 'bondTypes', 'bond types'],
  ['angles', 'angles', 'angleTypes', 'angle types'],
  ['dihedrals', 'dihedrals', 'dihedralTypes', 'dihedral types'],
  ['impropers', 'impropers', 'improperTypes', 'improper types'],
];

/** Title with `timestep = N` set to data.timestep (appended when absent). */
function titleFor(data: LammpsData): string {
  let title = data.title.replace(/[\r\n]/g, ' ');
  if (data.timestep !== undefined) {
    if (/timestep\s*=\s*\d+/.test(title)) title = title.replace(/timestep\s*=\s*\d+/, `timestep = ${data.timestep}`);
    else title = `${title}${title ? ', ' : ''}timestep = ${data.timestep}`;
  }
  return title;
}

/** Bytes per piece of formatted output. */
const SINK_BYTES = 1 << 20;

/**
 * Output bytes written straight into Buffers (text/byte-sink.ts): integers digit by digit, floats as
 * their shortest text (without a string where format-number.ts can), no per-line strings. Pieces of
 * ~1 MB are taken out with `take`, so a 10^7-atom file never becomes one string.
 */
class DataSink extends ByteSink {
  constructor() {
    super(SINK_BYTES + 4096);
  }
  /** A whole number digit by digit; anything else (a stray fraction) as its shortest text. */
  int(v: number): void {
    if (!Number.isSafeInteger(v)) { this.text(String(v)); return; }
    if (v < 0) { this.byte(45); v = -v; }
    writeUint(this, v);
  }
  /** formatDataFloat's text: String(v) in fixed range (writeShortest gives the same), else its exponent form. */
  float(v: number): void {
    const a = Math.abs(v);
    if ((a >= 1e-4 && a < 1e15) || v === 0) writeShortest(this, v);
    else this.ascii(formatFloat(v));
  }
  isFull(): boolean {
    return this.pos >= SINK_BYTES;
  }
  take(): Uint8Array {
    const blocks = this.takeAll();
    return blocks.length === 1 ? blocks[0] : Buffer.concat(blocks);
  }
}

/** The text of a data file in write_data's layout; every float reads back to the same double. */
export function formatLammpsData(data: LammpsData): string {
  return Buffer.concat([...formatLammpsDataBytes(data)]).toString('utf8');
}

/** formatLammpsData as UTF-8 pieces of about 1 MB, for streaming large files. */
export function* formatLammpsDataBytes(data: LammpsData): Generator<Uint8Array> {
  const cols = ATOM_STYLE_COLUMNS[data.atomStyle];
  if (!cols) throw new UsageError(`unknown atom style '${data.atomStyle}'; expected one of ${Object.keys(ATOM_STYLE_COLUMNS).join(', ')}`);
  const gen = data.box.general;
  if (gen) {
    // write_data triclinic/general: atoms and velocities back in A, B, C's orientation
    const p = pointsToGeneral(gen, data.atoms.x, data.atoms.y, data.atoms.z);
    const v = data.velocities ? vectorsToGeneral(gen, data.velocities.vx, data.velocities.vy, data.velocities.vz) : null;
    data = { ...data, atoms: { ...data.atoms, x: p.x, y: p.y, z: p.z }, velocities: v ? { vx: v.x, vy: v.y, vz: v.z } : null };
  }
  const a = data.atoms;
  const n = a.id.length;
  const c = data.counts;
  const arrays: [string, ArrayLike<number> | null | undefined][] = [
    ['type', a.type], ['mol', a.mol], ['q', a.q], ['x', a.x], ['y', a.y], ['z', a.z], ['ix', a.ix], ['iy', a.iy], ['iz', a.iz],
    ['vx', data.velocities?.vx], ['vy', data.velocities?.vy], ['vz', data.velocities?.vz],
  ];
  for (const [name, arr] of arrays) {
    if (arr && arr.length !== n) throw new Error(`formatLammpsData: column ${name} has ${arr.length} values for ${n} atoms`);
  }
  const out = new DataSink();
  const SP = 32, NL = 10;
  out.text(`${titleFor(data)}\n\n${n} atoms\n${c.atomTypes} atom types\n`);
  for (const [k, name, kt, namet] of HEADER_ORDER) {
    if (c[k] || c[kt]) out.text(`${c[k]} ${name}\n${c[kt]} ${namet}\n`);
  }
  for (const [k, v] of Object.entries(data.extra)) out.text(`${v} extra ${k} per atom\n`);
  const b = data.box;
  const g = b.general;
  const v3 = (v: Vec3): string => `${formatFloat(v[0])} ${formatFloat(v[1])} ${formatFloat(v[2])}`;
  if (g) out.text(`\n${v3(g.avec)} avec\n${v3(g.bvec)} bvec\n${v3(g.cvec)} cvec\n${v3(g.origin)} abc origin\n`);
  else {
    out.text(`\n${formatFloat(b.lo[0])} ${formatFloat(b.hi[0])} xlo xhi\n${formatFloat(b.lo[1])} ${formatFloat(b.hi[1])} ylo yhi\n${formatFloat(b.lo[2])} ${formatFloat(b.hi[2])} zlo zhi\n`);
    if (b.tilt) out.text(`${formatFloat(b.tilt[0])} ${formatFloat(b.tilt[1])} ${formatFloat(b.tilt[2])} xy xz yz\n`);
  }
  for (const [kind, keyword] of Object.entries(TYPE_LABEL_SECTIONS) as [TypeLabelKind, string][]) {
    const labels = data.typeLabels?.[kind];
    if (!labels || !labels.some((l) => l !== '')) continue;
    out.text(`\n${keyword}\n\n`);
    labels.forEach((l, i) => { if (l !== '') out.text(`${i + 1} ${l}\n`); });
  }
  if (data.masses) {
    out.text('\nMasses\n\n');
    for (let i = 0; i < data.masses.length; i++) {
      if (Number.isNaN(data.masses[i])) continue;
      const label = data.massLabels?.[i];
      out.text(`${i + 1} ${formatFloat(data.masses[i])}${label ? ` # ${label}` : ''}\n`);
    }
  }
  for (const s of data.coeffs) {
    out.text(`\n${s.keyword}${s.style ? ` # ${s.style}` : ''}\n\n`);
    for (const l of s.lines) out.text(l + '\n');
  }
  if (n > 0) out.text(`\nAtoms # ${data.atomStyle}\n\n`); // write_data omits the section for 0 atoms
  const mol = cols.includes('mol') ? (a.mol ?? new Float64Array(n)) : null;
  const q = cols.includes('q') ? (a.q ?? new Float64Array(n)) : null;
  const ix = a.ix && a.iy && a.iz ? a.ix : null;
  for (let i = 0; i < n; i++) {
    out.int(a.id[i]); out.byte(SP);
    if (mol) { out.int(mol[i]); out.byte(SP); }
    out.int(a.type[i]); out.byte(SP);
    if (q) { out.float(q[i]); out.byte(SP); }
    out.float(a.x[i]); out.byte(SP); out.float(a.y[i]); out.byte(SP); out.float(a.z[i]);
    if (ix) { out.byte(SP); out.int(ix[i]); out.byte(SP); out.int(a.iy![i]); out.byte(SP); out.int(a.iz![i]); }
    out.byte(NL);
    if (out.isFull()) yield out.take();
  }
  if (data.velocities && n > 0) {
    const v = data.velocities;
    out.text('\nVelocities\n\n');
    for (let i = 0; i < n; i++) {
      out.int(a.id[i]); out.byte(SP); out.float(v.vx[i]); out.byte(SP); out.float(v.vy[i]); out.byte(SP); out.float(v.vz[i]); out.byte(NL);
      if (out.isFull()) yield out.take();
    }
  }
  const topo: [string, LammpsTopology | null][] = [['Bonds', data.bonds], ['Angles', data.angles], ['Dihedrals', data.dihedrals], ['Impropers', data.impropers]];
  for (const [name, tp] of topo) {
    if (!tp || tp.id.length === 0) continue;
    out.text(`\n${name}\n\n`);
    for (let r = 0; r < tp.id.length; r++) {
      out.int(tp.id[r]); out.byte(SP); out.int(tp.type[r]);
      for (let k = 0; k < tp.order; k++) { out.byte(SP); out.int(tp.atoms[r * tp.order + k]); }
      out.byte(NL);
      if (out.isFull()) yield out.take();
    }
  }
  yield out.take();
}

function writeAll(fd: number, buf: Uint8Array): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

/**
 * Write a data file atomically (temp file + rename; `.gz` compressed as concatenated gzip members,
 * which gunzip, zcat and LAMMPS read as one stream); counts are taken from the arrays.
 */
export function writeLammpsData(path: string, data: LammpsData): void {
  const fixed: LammpsData = { ...data, counts: { ...data.counts, atoms: data.atoms.id.length } };
  if (data.bonds) fixed.counts.bonds = data.bonds.id.length;
  if (data.angles) fixed.counts.angles = data.angles.id.length;
  if (data.dihedrals) fixed.counts.dihedrals = data.dihedrals.id.length;
  if (data.impropers) fixed.counts.impropers = data.impropers.id.length;
  const gz = path.endsWith('.gz');
  const tmp = tempNameFor(path);
  try {
    const fd = openSync(tmp, 'w');
    try {
      for (const bytes of formatLammpsDataBytes(fixed)) writeAll(fd, gz ? gzipSync(bytes) : bytes);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* never created */ }
    throw e;
  }
}
