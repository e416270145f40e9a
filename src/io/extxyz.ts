/**
 * Extended XYZ (as OVITO and ASE write it) and plain XYZ (as LAMMPS `dump xyz` writes it).
 *
 * A frame is: a line with the atom count N; a comment line; N atom lines.
 *
 * Extended XYZ comment line: `key=value` pairs separated by blanks; a value is bare, "double
 * quoted" (backslash escapes), or {curly}; a bare key means `key=T`. Read here:
 *   Lattice="ax ay az bx by bz cx cy cz"   cell vectors a, b, c (ASE cell rows)
 *   Origin="x y z"                          OVITO's cell origin (default 0 0 0)
 *   Properties=name:T:n:name:T:n:...        T = S (string) R (real) I (integer) L (logical T/F)
 *                                           (default species:S:1:pos:R:3)
 *   pbc="T T F"                             default T T T with a Lattice (as ASE), F F F without
 *   Timestep=N  Time=t  Units=u             -> AtomFrame.timestep / time / units
 *   LammpsBounds="xlo xhi ylo yhi zlo zhi"  written by us when lo + (hi - lo) != hi in floating
 *                                           point, so that the box reads back bit for bit
 *   LammpsBoundary="pp pp fs"               written by us when a boundary is neither pp nor ff
 * Other keys (energy, stress, ...) are accepted and not kept (AtomFrame has no place for them).
 *
 * Property names -> AtomFrame columns (LAMMPS dump names); matching ignores case and blanks, so
 * OVITO's names ("Position", "Particle Identifier", "Particle Type", "Structure Type") and ASE's
 * ("pos", "species", "Z", "forces", "momenta") both work:
 *   pos/position(s)               -> x y z          id/particle identifier -> id
 *   species/element               -> element (string[]), or type when every value is an integer
 *   type/particle type            -> type (element when the values are not integers)
 *   velo/vel/velocity/velocities  -> vx vy vz       forces/force           -> fx fy fz
 *   charge/charges/q/initial_charges -> q          mass/masses            -> mass
 *   mol/molecule identifier       -> mol            image/periodic image   -> ix iy iz
 *   Z                             -> Z (and element from Z when there is no species column)
 *   anything else: its own name (1 column: `name`; n columns: `name[1]`..`name[n]`), e.g.
 *   StructureType. L (logical) values become 1/0.
 *
 * Box. LAMMPS boxes are restricted triclinic: a along +x, b in the xy plane, c with cz > 0
 * (a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz)). A Lattice of that form becomes lo = Origin,
 * hi = Origin + (lx, ly, lz), tilt = [xy, xz, yz] (null when all three are 0). Components that
 * should be 0 but are below 1e-12 of the cell size are set to 0 with a warning. A general lattice
 * is a ParseError by default (we do not silently change coordinates); with
 * `{ rotateLattice: true }` the cell, positions, velocities and forces are rotated into LAMMPS's
 * orientation (as LAMMPS's Howto_triclinic describes) about the Origin, with a warning, since the
 * rotated numbers are no longer the file's. A left-handed lattice is always an error.
 *
 * Plain XYZ (no `Properties=` and no `Lattice=`): columns `element-or-type x y z` (extra columns
 * are ignored with a warning); LAMMPS's `Atoms. Timestep: N` comment gives the timestep. There is
 * no cell: the box is the atoms' bounding box with boundary 'ff' (as OVITO does), with one warning
 * per file. An extended XYZ frame without Lattice gets the same box.
 *
 * Writer: OVITO-compatible header `Lattice="..." Origin="..." Properties=... pbc="..."`
 * (+ Timestep/Time/Units when known), property names id, species, type, pos, velo, forces, charge, mass,
 * then other columns by name; numbers as the shortest text that reads back to the same double.
 * `type` is written as `type:I:1`; `species` only from an `element` column (ASE cannot read type
 * numbers as species: it wants element symbols, and reads a file without species as element X).
 * A frame without x y z is written with positions from xu yu zu, or computed from xs ys zs (or
 * xsu ysu zsu) and the box, with a warning.
 *
 * readExtxyzFrames streams (one frame plus one 8 MB chunk in memory); parseExtxyz* take a string.
 */
import { ParseError, UsageError, type Warning } from './errors.js';
import type { ReadOptions, WriteOptions } from './formats.js';
import { writeStreamAtomic } from './atomic-write.js';
import { TokenBuilder, splitFields } from './text/tokenizer.js';
import { openTextStream } from './text/text-stream.js';
import { ByteSink } from './text/byte-sink.js';
import { RowWriter } from './text/row-writer.js';
import { formatFloat, tryParseFloatStr, tryParseIntStr } from './text/numbers.js';
import { columnsToGeneral } from './general-triclinic.js';
import { periodicAxes } from './boundary.js';
import type { AtomFrame, Box, Column } from './types.js';

export interface ExtxyzReadOptions extends ReadOptions {
  /** Rotate a general (non-LAMMPS) lattice into LAMMPS orientation instead of failing. */
  rotateLattice?: boolean;
  /** Bytes per read for readExtxyzFrames (default 8 MB); tiny values exercise frames split across reads. */
  chunkSize?: number;
}

export type ExtxyzWriteOptions = WriteOptions;

type PropType = 'S' | 'R' | 'I' | 'L';

export interface ExtxyzProperty {
  name: string;
  type: PropType;
  ncols: number;
}

/** A parsed comment line: raw values by key, in file order. */
export type ExtxyzInfo = Map<string, string>;

const ELEMENTS = ('X H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr ' +
  'Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W ' +
  'Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf Db Sg Bh Hs Mt Ds Rg Cn ' +
  'Nh Fl Mc Lv Ts Og').split(' ');

// ---------------------------------------------------------------------------------------------
// Comment line

/**
 * Parse an extended XYZ comment line into key -> raw value (quotes removed, escapes resolved).
 * Throws ParseError on an unterminated quote.
 */
export function parseExtxyzComment(line: string, file = '<input>', lineNo = 0): ExtxyzInfo {
  const info: ExtxyzInfo = new Map();
  const n = line.length;
  let i = 0;
  const blank = (c: number): boolean => c === 32 || c === 9 || c === 13;
  const readToken = (stopAtEq: boolean): string => {
    let c = line.charCodeAt(i);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const q = c;
      let s = '';
      i++;
      while (i < n && line.charCodeAt(i) !== q) {
        if (line.charCodeAt(i) === 92 /* \ */ && i + 1 < n) {
          const e = line[i + 1];
          s += e === 'n' ? '\n' : e;
          i += 2;
        } else s += line[i++];
      }
      if (i >= n) throw new ParseError(file, lineNo, `comment line: unterminated ${String.fromCharCode(q)} quote`);
      i++;
      return s;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const close = c === 123 ? 125 : 93;
      const a = ++i;
      while (i < n && line.charCodeAt(i) !== close) i++;
      if (i >= n) throw new ParseError(file, lineNo, `comment line: unterminated ${String.fromCharCode(c)}`);
      const s = line.substring(a, i++);
      return c === 91 ? s.replace(/,/g, ' ') : s;
    }
    const a = i;
    while (i < n) {
      c = line.charCodeAt(i);
      if (blank(c) || (stopAtEq && c === 61)) break;
      i++;
    }
    return line.substring(a, i);
  };
  while (i < n) {
    while (i < n && blank(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const key = readToken(true);
    let j = i;
    while (j < n && blank(line.charCodeAt(j))) j++;
    if (line.charCodeAt(j) === 61 /* = */) {
      i = j + 1;
      while (i < n && blank(line.charCodeAt(i))) i++;
      info.set(key, i < n ? readToken(false) : '');
    } else {
      info.set(key, 'T');
    }
  }
  return info;
}

/** Parse `Properties=` (name:T:n triples). */
export function parseProperties(spec: string, file = '<input>', lineNo = 0): ExtxyzProperty[] {
  const parts = spec.split(':');
  if (parts.length % 3 !== 0 || spec === '') {
    throw new ParseError(file, lineNo, `Properties='${spec}': expected name:type:count triples, found ${parts.length} ':'-separated fields`);
  }
  const props: ExtxyzProperty[] = [];
  for (let k = 0; k < parts.length; k += 3) {
    const [name, t, nc] = [parts[k], parts[k + 1].toUpperCase(), parts[k + 2]];
    if (t !== 'S' && t !== 'R' && t !== 'I' && t !== 'L') {
      throw new ParseError(file, lineNo, `Properties: type of '${name}' must be S, R, I or L, found '${parts[k + 1]}'`);
    }
    const ncols = Number(nc);
    if (!/^\d+$/.test(nc) || ncols < 1) throw new ParseError(file, lineNo, `Properties: column count of '${name}' must be a positive integer, found '${nc}'`);
    props.push({ name, type: t, ncols });
  }
  return props;
}

function floats(s: string, count: number, what: string, file: string, lineNo: number): number[] {
  const t = s.trim().split(/\s+/).filter((x) => x !== '');
  const v = t.map((x) => tryParseFloatStr(x, 0, x.length));
  if (t.length !== count || v.some((x) => x !== x)) {
    throw new ParseError(file, lineNo, `${what}="${s}": expected ${count} numbers`);
  }
  return v;
}

function logicals(s: string, what: string, file: string, lineNo: number): boolean[] {
  const t = s.trim().split(/\s+/);
  if (t.length !== 3) throw new ParseError(file, lineNo, `${what}="${s}": expected 3 logicals (T/F)`);
  return t.map((x) => {
    const b = parseLogical(x);
    if (b === undefined) throw new ParseError(file, lineNo, `${what}="${s}": expected T or F, found '${x}'`);
    return b;
  });
}

function parseLogical(x: string): boolean | undefined {
  switch (x) {
    case 'T': case 't': case 'True': case 'true': case 'TRUE': case '1': return true;
    case 'F': case 'f': case 'False': case 'false': case 'FALSE': case '0': return false;
    default: return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Lattice <-> Box

type Vec3 = [number, number, number];

const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec3): number => Math.sqrt(dot(a, a));

/** Rotation that takes a general cell into LAMMPS orientation: rows â, ŷ', ẑ' (v' = R v). */
export interface LatticeRotation {
  rows: [Vec3, Vec3, Vec3];
}

/**
 * Box from lattice vectors (rows a, b, c) and origin. Returns the rotation applied (null when the
 * lattice already has LAMMPS's form). Throws ParseError for a general lattice unless `rotate`.
 */
export function latticeToBox(
  lat: number[], origin: Vec3, pbc: boolean[], rotate: boolean,
  file: string, lineNo: number, warnings: Warning[],
): { box: Box; rotation: LatticeRotation | null } {
  let a: Vec3 = [lat[0], lat[1], lat[2]];
  let b: Vec3 = [lat[3], lat[4], lat[5]];
  let c: Vec3 = [lat[6], lat[7], lat[8]];
  const scale = Math.max(Math.abs(lat[0]), Math.abs(lat[4]), Math.abs(lat[8]), norm(a), norm(b), norm(c));
  const fmt = (v: Vec3): string => `(${v.map(formatFloat).join(', ')})`;
  let rotation: LatticeRotation | null = null;
  const offAxis = [a[1], a[2], b[2]];
  if (offAxis.some((v) => v !== 0)) {
    if (offAxis.every((v) => Math.abs(v) <= 1e-12 * scale)) {
      warnings.push({ file, line: lineNo, message: `Lattice: a_y, a_z, b_z = ${offAxis.map(formatFloat).join(', ')} are below 1e-12 of the cell size; set to 0 for a LAMMPS box` });
      a = [a[0], 0, 0];
      b = [b[0], b[1], 0];
    } else if (!rotate) {
      throw new ParseError(file, lineNo,
        `Lattice a=${fmt(a)} b=${fmt(b)} c=${fmt(c)} is not a LAMMPS (restricted triclinic) cell: expected a along x and b in the xy plane (a_y = a_z = b_z = 0); rotate the structure first, or read with rotateLattice`);
    } else {
      const ax: Vec3 = [a[0] / norm(a), a[1] / norm(a), a[2] / norm(a)];
      const n = cross(a, b);
      const zn = norm(n);
      if (zn === 0) throw new ParseError(file, lineNo, `Lattice: a and b are parallel (degenerate cell)`);
      const az: Vec3 = [n[0] / zn, n[1] / zn, n[2] / zn];
      const ay = cross(az, ax);
      rotation = { rows: [ax, ay, az] };
      const rot = (v: Vec3): Vec3 => [dot(ax, v), dot(ay, v), dot(az, v)];
      a = [norm(a), 0, 0];
      const b2 = rot(b);
      b = [b2[0], b2[1], 0];
      c = rot(c);
      warnings.push({ file, line: lineNo, message: 'Lattice is a general triclinic cell: cell, positions, velocities and forces were rotated into LAMMPS orientation (values differ from the file\'s)' });
    }
  }
  if (!(a[0] > 0 && b[1] > 0 && c[2] > 0)) {
    throw new ParseError(file, lineNo, `Lattice a=${fmt(a)} b=${fmt(b)} c=${fmt(c)}: expected a_x > 0, b_y > 0, c_z > 0 (a right-handed cell)`);
  }
  const bnd = pbc.map((p) => (p ? 'pp' : 'ff')) as [string, string, string];
  const tilt: Vec3 | null = b[0] === 0 && c[0] === 0 && c[1] === 0 ? null : [b[0], c[0], c[1]];
  const box: Box = {
    lo: [origin[0], origin[1], origin[2]],
    hi: [origin[0] + a[0], origin[1] + b[1], origin[2] + c[2]],
    tilt,
    boundary: bnd,
  };
  return { box, rotation };
}

function boundingBox(x: Float64Array, y: Float64Array, z: Float64Array): Box {
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  const cols = [x, y, z];
  for (let d = 0; d < 3; d++) {
    const c = cols[d];
    for (let i = 0; i < c.length; i++) {
      if (c[i] < lo[d]) lo[d] = c[i];
      if (c[i] > hi[d]) hi[d] = c[i];
    }
    if (c.length === 0) { lo[d] = 0; hi[d] = 0; }
  }
  return { lo, hi, tilt: null, boundary: ['ff', 'ff', 'ff'] };
}

// ---------------------------------------------------------------------------------------------
// Property names

interface Target {
  /** AtomFrame column names for the property's columns. */
  cols: string[];
  kind: 'species' | 'type' | 'plain';
}

function targetFor(p: ExtxyzProperty): Target {
  const key = p.name.toLowerCase().replace(/[\s_]+/g, '');
  const vec = (names: string[]): Target | null => (p.ncols === 3 ? { cols: names, kind: 'plain' } : null);
  let t: Target | null = null;
  switch (key) {
    case 'pos': case 'position': case 'positions': t = vec(['x', 'y', 'z']); break;
    case 'velo': case 'vel': case 'velocity': case 'velocities': t = vec(['vx', 'vy', 'vz']); break;
    case 'force': case 'forces': t = vec(['fx', 'fy', 'fz']); break;
    case 'image': case 'periodicimage': t = vec(['ix', 'iy', 'iz']); break;
    case 'species': case 'element': case 'symbols': if (p.ncols === 1) t = { cols: ['element'], kind: 'species' }; break;
    case 'type': case 'particletype': if (p.ncols === 1) t = { cols: ['type'], kind: 'type' }; break;
    case 'id': case 'particleidentifier': if (p.ncols === 1) t = { cols: ['id'], kind: 'plain' }; break;
    case 'charge': case 'charges': case 'q': case 'initialcharges': if (p.ncols === 1) t = { cols: ['q'], kind: 'plain' }; break;
    case 'mass': case 'masses': if (p.ncols === 1) t = { cols: ['mass'], kind: 'plain' }; break;
    case 'mol': case 'molecule': case 'moleculeidentifier': if (p.ncols === 1) t = { cols: ['mol'], kind: 'plain' }; break;
    case 'structuretype': if (p.ncols === 1) t = { cols: ['StructureType'], kind: 'plain' }; break;
    default: break;
  }
  if (t) return t;
  const name = p.name.replace(/\s+/g, '');
  if (p.ncols === 1) return { cols: [name], kind: 'plain' };
  return { cols: Array.from({ length: p.ncols }, (_, k) => `${name}[${k + 1}]`), kind: 'plain' };
}

// ---------------------------------------------------------------------------------------------
// Reader

const PLAIN_PROPS: ExtxyzProperty[] = [{ name: 'species', type: 'S', ncols: 1 }, { name: 'pos', type: 'R', ncols: 3 }];

/**
 * Parse frames from text. Yields one AtomFrame per frame; errors name the file and line.
 * `warnings` (opts.warnings) collects recoverable oddities.
 */
export function* parseExtxyzFrames(text: string, file = '<input>', opts: ExtxyzReadOptions = {}): Generator<AtomFrame> {
  yield* framesOf(text, file, opts, newParseState());
}

/** What the frame parser carries from one piece of a file to the next (streaming reads). */
interface ParseState {
  /** Lines of the file before the text being parsed. */
  line0: number;
  frameIndex: number;
  warnedNoCell: boolean;
  warnedExtra: boolean;
}

function newParseState(): ParseState {
  return { line0: 0, frameIndex: 0, warnedNoCell: false, warnedExtra: false };
}

function* framesOf(text: string, file: string, opts: ExtxyzReadOptions, st: ParseState): Generator<AtomFrame> {
  const warnings = opts.warnings ?? [];
  const len = text.length;
  const f = new TokenBuilder(32);
  let pos = 0;
  let lineNo = st.line0;
  let ls = 0;
  let le = 0;
  const next = (): boolean => {
    if (pos >= len) return false;
    ls = pos;
    let i = text.indexOf('\n', pos);
    if (i < 0) { i = len; pos = len; } else pos = i + 1;
    le = i > ls && text.charCodeAt(i - 1) === 13 ? i - 1 : i;
    lineNo++;
    return true;
  };
  let frameIndex = st.frameIndex;

  while (next()) {
    // atom count line (blank lines between frames are tolerated)
    const nf = splitFields(text, ls, le, f);
    if (nf === 0) continue;
    const countLine = lineNo;
    const natoms = tryParseIntStr(text, f.start(0), f.end(0));
    if (nf !== 1 || !(natoms >= 0)) {
      throw new ParseError(file, lineNo, `frame ${frameIndex + 1}: expected the atom count (one integer), found '${text.substring(ls, le).trim()}'`);
    }
    if (!next()) throw new ParseError(file, countLine, `frame ${frameIndex + 1}: file ends after the atom count (expected a comment line and ${natoms} atom lines)`);
    const commentLine = lineNo;
    const comment = text.substring(ls, le);

    // what kind of comment?
    let props: ExtxyzProperty[];
    let info: ExtxyzInfo | null = null;
    const timestepMatch = /^\s*Atoms\. Timestep:\s*(\d+)\s*$/.exec(comment);
    if (!timestepMatch && /(^|\s)[A-Za-z_][\w-]*\s*=/.test(comment)) {
      try {
        info = parseExtxyzComment(comment, file, commentLine);
      } catch (e) {
        // a free-text comment of a plain XYZ file that happens to hold '=' and a stray quote
        if (/(^|\s)(Properties|Lattice)\s*=/.test(comment)) throw e;
        info = null;
      }
      props = info?.has('Properties') ? parseProperties(info.get('Properties')!, file, commentLine) : PLAIN_PROPS;
    } else {
      props = PLAIN_PROPS;
    }
    const plain = info === null;
    const targets = props.map(targetFor);
    const width = props.reduce((s, p) => s + p.ncols, 0);

    // columns
    const numCols: (Float64Array | null)[] = [];
    const strCols: (string[] | null)[] = [];
    for (const p of props) {
      for (let k = 0; k < p.ncols; k++) {
        numCols.push(p.type === 'S' ? null : new Float64Array(natoms));
        strCols.push(p.type === 'S' ? new Array<string>(natoms) : null);
      }
    }
    const colType: PropType[] = props.flatMap((p) => Array<PropType>(p.ncols).fill(p.type));
    const colName: string[] = targets.flatMap((t) => t.cols);
    for (let i = 0; i < natoms; i++) {
      if (!next()) {
        throw new ParseError(file, lineNo, `frame ${frameIndex + 1}: file ends after ${i} of ${natoms} atom lines (atom count on line ${countLine})`);
      }
      const n = splitFields(text, ls, le, f);
      if (n !== width && !(plain && n > width)) {
        throw new ParseError(file, lineNo, plain
          ? `frame ${frameIndex + 1}, atom ${i + 1}: expected 4 fields (element-or-type x y z), found ${n}; is the atom count ${natoms} on line ${countLine} right?`
          : `frame ${frameIndex + 1}, atom ${i + 1}: Properties on line ${commentLine} give ${width} fields per atom, found ${n}; is the atom count ${natoms} on line ${countLine} right?`);
      }
      if (n > width && !st.warnedExtra) {
        st.warnedExtra = true;
        warnings.push({ file, line: lineNo, message: `plain XYZ: ${n} fields per atom line; only the first 4 (element-or-type x y z) are read` });
      }
      for (let k = 0; k < width; k++) {
        const a = f.start(k);
        const b = f.end(k);
        const t = colType[k];
        if (t === 'S') { strCols[k]![i] = text.substring(a, b); continue; }
        let v: number;
        if (t === 'L') {
          const l = parseLogical(text.substring(a, b));
          if (l === undefined) throw new ParseError(file, lineNo, `${colName[k]}: expected T or F, found '${text.substring(a, b)}'`);
          v = l ? 1 : 0;
        } else if (t === 'I') {
          v = tryParseIntStr(text, a, b);
          if (v !== v) throw new ParseError(file, lineNo, `${colName[k]}: expected an integer, found '${text.substring(a, b)}'`);
        } else {
          v = realField(text, a, b);
          if (v !== v) throw new ParseError(file, lineNo, `${colName[k]}: expected a number, found '${text.substring(a, b)}'`);
        }
        numCols[k]![i] = v;
      }
    }

    // assemble columns
    const columns = new Map<string, Column>();
    let k = 0;
    for (let p = 0; p < props.length; p++) {
      const t = targets[p];
      for (let c = 0; c < props[p].ncols; c++, k++) {
        let name = t.cols[c];
        let col: Column = numCols[k] ?? strCols[k]!;
        if (t.kind === 'species' || t.kind === 'type') {
          // integers -> type (numeric), otherwise element names
          if (Array.isArray(col)) {
            const s = col;
            const ints = s.length > 0 && s.every((x) => /^[+-]?\d+$/.test(x));
            if (ints) { col = Float64Array.from(s, Number); name = 'type'; } else name = 'element';
          } else name = 'type';
        }
        if (columns.has(name)) {
          warnings.push({ file, line: commentLine, message: `column '${name}' given twice (property '${props[p].name}'); the first is kept` });
          continue;
        }
        columns.set(name, col);
      }
    }
    if (!columns.has('element') && columns.has('Z')) {
      const z = columns.get('Z');
      if (z instanceof Float64Array) columns.set('element', Array.from(z, (v) => ELEMENTS[v] ?? String(v)));
    }
    const x = columns.get('x');
    const y = columns.get('y');
    const z = columns.get('z');
    if (!(x instanceof Float64Array && y instanceof Float64Array && z instanceof Float64Array)) {
      throw new ParseError(file, commentLine, `Properties: no positions (expected pos:R:3 or Position:R:3)`);
    }

    // box
    let box: Box;
    if (info?.has('Lattice')) {
      const lat = floats(info.get('Lattice')!, 9, 'Lattice', file, commentLine);
      const origin = info.has('Origin') ? floats(info.get('Origin')!, 3, 'Origin', file, commentLine) as Vec3 : [0, 0, 0] as Vec3;
      const pbc = info.has('pbc') ? logicals(info.get('pbc')!, 'pbc', file, commentLine) : [true, true, true];
      const r = latticeToBox(lat, origin, pbc, opts.rotateLattice ?? false, file, commentLine, warnings);
      box = r.box;
      if (r.rotation) rotateColumns(columns, r.rotation, origin);
      if (info.has('LammpsBounds')) {
        const bb = floats(info.get('LammpsBounds')!, 6, 'LammpsBounds', file, commentLine);
        const L = [box.hi[0] - box.lo[0], box.hi[1] - box.lo[1], box.hi[2] - box.lo[2]];
        const ok = [0, 1, 2].every((d) => Math.abs(bb[2 * d + 1] - bb[2 * d] - L[d]) <= 1e-9 * Math.max(1, Math.abs(L[d])) && Math.abs(bb[2 * d] - box.lo[d]) <= 1e-9 * Math.max(1, Math.abs(L[d])));
        if (ok && !r.rotation) {
          box.lo = [bb[0], bb[2], bb[4]];
          box.hi = [bb[1], bb[3], bb[5]];
        } else warnings.push({ file, line: commentLine, message: 'LammpsBounds does not match Lattice/Origin: ignored' });
      }
    } else {
      box = boundingBox(x, y, z);
      if (!st.warnedNoCell) {
        st.warnedNoCell = true;
        warnings.push({ file, line: commentLine, message: `${plain ? 'plain XYZ' : 'no Lattice'}: no cell in the file; the box is the atoms' bounding box with boundary 'ff'` });
      }
    }
    if (info?.has('LammpsBoundary')) {
      const bs = info.get('LammpsBoundary')!.trim().split(/\s+/);
      if (bs.length === 3 && bs.every((s) => /^[pfsm]{2}$/.test(s))) box.boundary = bs as [string, string, string];
      else throw new ParseError(file, commentLine, `LammpsBoundary="${info.get('LammpsBoundary')}": expected three LAMMPS boundary pairs like "pp pp fs"`);
    }
    const frame: AtomFrame = { natoms, box, columns };

    // time
    if (timestepMatch) frame.timestep = Number(timestepMatch[1]);
    if (info) {
      const ts = info.get('Timestep') ?? info.get('timestep');
      if (ts !== undefined) {
        const v = tryParseIntStr(ts, 0, ts.length);
        if (v !== v) throw new ParseError(file, commentLine, `Timestep=${ts}: expected an integer`);
        frame.timestep = v;
      }
      const tm = info.get('Time') ?? info.get('time');
      if (tm !== undefined) {
        const v = tryParseFloatStr(tm, 0, tm.length);
        if (v !== v) throw new ParseError(file, commentLine, `Time=${tm}: expected a number`);
        frame.time = v;
      }
      const u = info.get('Units') ?? info.get('units');
      if (u !== undefined) frame.units = u;
    }
    frameIndex++;
    st.frameIndex = frameIndex;
    yield frame;
  }
}

/**
 * Exact float of text[a, b) (NaN on junk): Number() on the substring (V8's correctly rounded
 * strtod; one native call, the fastest exact path for the 16-17 digit text of shortest round-trip
 * output), guarded against what Number() accepts but a number column must not hold: '0x'/'0b'/'0o'
 * prefixes (the field has no blanks, so '' and whitespace cannot occur). Non-finite results go
 * through tryParseFloatStr, which accepts only the inf spellings LAMMPS prints.
 */
function realField(s: string, a: number, b: number): number {
  const v = Number(s.substring(a, b));
  if (v - v === 0) {
    // finite: reject 0x.. 0b.. 0o..
    if (b - a > 2 && s.charCodeAt(a) === 48) {
      const c = s.charCodeAt(a + 1) | 32;
      if (c === 120 || c === 98 || c === 111) return NaN;
    }
    return v;
  }
  return tryParseFloatStr(s, a, b);
}

function rotateColumns(columns: Map<string, Column>, r: LatticeRotation, origin: Vec3): void {
  const [ax, ay, az] = r.rows;
  const groups: [string, string, string, boolean][] = [['x', 'y', 'z', true], ['vx', 'vy', 'vz', false], ['fx', 'fy', 'fz', false]];
  for (const [n0, n1, n2, shift] of groups) {
    const c0 = columns.get(n0);
    const c1 = columns.get(n1);
    const c2 = columns.get(n2);
    if (!(c0 instanceof Float64Array && c1 instanceof Float64Array && c2 instanceof Float64Array)) continue;
    for (let i = 0; i < c0.length; i++) {
      const v: Vec3 = shift ? [c0[i] - origin[0], c1[i] - origin[1], c2[i] - origin[2]] : [c0[i], c1[i], c2[i]];
      const o = shift ? origin : [0, 0, 0];
      c0[i] = o[0] + dot(ax, v);
      c1[i] = o[1] + dot(ay, v);
      c2[i] = o[2] + dot(az, v);
    }
  }
}

/** All frames of a string. */
export function parseExtxyz(text: string, file = '<input>', opts: ExtxyzReadOptions = {}): AtomFrame[] {
  return [...parseExtxyzFrames(text, file, opts)];
}

/**
 * End (offset after its last '\n') of the first frame of `text` from `from`, or -1 when the frame
 * is not complete yet. `scan` keeps the progress of an incomplete frame between calls, so a large
 * frame arriving in many chunks is scanned once. An atom count that is not a number ends the
 * "frame" after that line: the parser then reports it.
 */
interface FrameScan {
  /** Offset scanned up to (a line start). */
  at: number;
  /** Lines still needed after `at` (-1: count line not read yet). */
  need: number;
  /** Lines seen from the frame start up to `at`. */
  lines: number;
}

function scanFrame(text: string, sc: FrameScan): number {
  const len = text.length;
  while (sc.need < 0) {
    const i = text.indexOf('\n', sc.at);
    if (i < 0) return -1;
    const line = text.substring(sc.at, i).trim();
    sc.at = i + 1;
    sc.lines++;
    if (line === '') continue; // blank lines between frames
    sc.need = /^\d+$/.test(line) ? Number(line) + 1 : 0;
  }
  while (sc.need > 0) {
    const i = text.indexOf('\n', sc.at);
    if (i < 0 || i >= len) return -1;
    sc.at = i + 1;
    sc.lines++;
    sc.need--;
  }
  return sc.at;
}

/**
 * Registry reader (format 'extxyz'): frames of an .xyz/.extxyz file; gzip-compressed files are
 * recognised by their magic bytes. Streams: memory is one frame plus one read chunk (8 MB).
 */
export async function* readExtxyzFrames(path: string, opts: ExtxyzReadOptions = {}): AsyncGenerator<AtomFrame> {
  const { raw, source, totalBytes: total } = await openTextStream(path, opts.chunkSize);
  const st = newParseState();
  let pending = '';
  let sc: FrameScan = { at: 0, need: -1, lines: 0 };
  try {
    for await (const chunk of source as AsyncIterable<string>) {
      pending += chunk;
      opts.onProgress?.(raw.bytesRead, total);
      for (;;) {
        const end = scanFrame(pending, sc);
        if (end < 0) break;
        yield* framesOf(pending.substring(0, end), path, opts, st);
        st.line0 += sc.lines;
        pending = pending.substring(end);
        sc = { at: 0, need: -1, lines: 0 };
      }
    }
    // what is left is an incomplete frame (or blank lines): the parser says what is missing
    if (pending.trim() !== '') yield* framesOf(pending, path, opts, st);
  } finally {
    raw.destroy();
    source.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Writer

interface OutProp {
  name: string;
  type: PropType;
  cols: Column[];
}

function isIntegral(c: Float64Array): boolean {
  for (let i = 0; i < c.length; i++) if (!Number.isInteger(c[i])) return false;
  return true;
}

const KNOWN_OUT: [string, string[], PropType][] = [
  ['id', ['id'], 'I'],
  // species handled separately
  ['pos', ['x', 'y', 'z'], 'R'],
  ['velo', ['vx', 'vy', 'vz'], 'R'],
  ['forces', ['fx', 'fy', 'fz'], 'R'],
  ['charge', ['q'], 'R'],
  ['mass', ['mass'], 'R'],
  ['mol', ['mol'], 'I'],
  ['image', ['ix', 'iy', 'iz'], 'I'],
];

/** Which properties a frame is written with (same logic for header and rows). */
function outProps(frame: AtomFrame, only?: string[]): OutProp[] {
  const cols = frame.columns;
  const used = new Set<string>();
  const props: OutProp[] = [];
  const has = (n: string): boolean => cols.has(n) && (!only || only.includes(n));
  const get = (n: string): Column => cols.get(n)!;
  for (const [name, names, type] of KNOWN_OUT) {
    if (name === 'pos') {
      // species first, OVITO/ASE order
      if (has('element')) {
        props.push({ name: 'species', type: 'S', cols: [get('element')] });
        used.add('element');
      }
      if (has('type')) {
        props.push({ name: 'type', type: 'I', cols: [get('type')] });
        used.add('type');
      }
    }
    if (names.every(has)) {
      const cs = names.map(get);
      if (cs.some((c) => !(c instanceof Float64Array))) throw new UsageError(`extxyz: column '${names.join(' ')}' must be numeric`);
      props.push({ name, type: type === 'I' && !cs.every((c) => isIntegral(c as Float64Array)) ? 'R' : type, cols: cs });
      for (const n of names) used.add(n);
    }
  }
  if (!props.some((p) => p.name === 'pos')) {
    throw new UsageError(`extxyz: the frame has no positions (x y z, xu yu zu, xs ys zs or xsu ysu zsu); found: ${[...cols.keys()].join(' ')}`);
  }
  // the rest, grouping name[1]..name[n]
  const rest = [...cols.keys()].filter((n) => !used.has(n) && (!only || only.includes(n)));
  for (let i = 0; i < rest.length; i++) {
    const n = rest[i];
    if (used.has(n)) continue;
    const m = /^(.*)\[1\]$/.exec(n);
    if (m) {
      const group: string[] = [];
      for (let k = 1; cols.has(`${m[1]}[${k}]`) && !used.has(`${m[1]}[${k}]`); k++) group.push(`${m[1]}[${k}]`);
      const cs = group.map(get);
      if (cs.every((c) => c instanceof Float64Array)) {
        props.push({ name: safeName(m[1]), type: cs.every((c) => isIntegral(c as Float64Array)) ? 'I' : 'R', cols: cs });
        for (const g of group) used.add(g);
        continue;
      }
    }
    const c = get(n);
    props.push({ name: safeName(n), type: c instanceof Float64Array ? (isIntegral(c) ? 'I' : 'R') : 'S', cols: [c] });
    used.add(n);
  }
  return props;
}

function safeName(n: string): string {
  // extxyz property names cannot hold ':' or blanks
  return n.replace(/[:\s]/g, '_');
}

function quote(s: string): string {
  return `"${s}"`;
}

/** The comment line for a frame (OVITO-compatible), without newline. */
function formatExtxyzHeader(frame: AtomFrame, props: OutProp[]): string {
  const b = frame.box;
  const [xy, xz, yz] = b.tilt ?? [0, 0, 0];
  const lx = b.hi[0] - b.lo[0];
  const ly = b.hi[1] - b.lo[1];
  const lz = b.hi[2] - b.lo[2];
  const F = formatFloat;
  // a general triclinic box keeps its orientation: Lattice = A, B, C and positions as the file gave them
  const g = b.general;
  const parts = [
    `Lattice=${quote((g ? [...g.avec, ...g.bvec, ...g.cvec] : [lx, 0, 0, xy, ly, 0, xz, yz, lz]).map(F).join(' '))}`,
    `Origin=${quote((g ? g.origin : b.lo).map(F).join(' '))}`,
    `Properties=${props.map((p) => `${p.name}:${p.type}:${p.cols.length}`).join(':')}`,
    `pbc=${quote(periodicAxes(b).map((p) => (p ? 'T' : 'F')).join(' '))}`,
  ];
  if (!g && [0, 1, 2].some((d) => b.lo[d] + (b.hi[d] - b.lo[d]) !== b.hi[d])) {
    parts.push(`LammpsBounds=${quote([b.lo[0], b.hi[0], b.lo[1], b.hi[1], b.lo[2], b.hi[2]].map(F).join(' '))}`);
  }
  if (b.boundary.some((s) => s !== 'pp' && s !== 'ff')) parts.push(`LammpsBoundary=${quote(b.boundary.join(' '))}`);
  if (frame.timestep !== undefined) parts.push(`Timestep=${F(frame.timestep)}`);
  if (frame.time !== undefined) parts.push(`Time=${F(frame.time)}`);
  if (frame.units !== undefined) parts.push(`Units=${frame.units}`);
  return parts.join(' ');
}

function warnOnce(warnings: Warning[] | undefined, file: string, message: string): void {
  if (warnings && !warnings.some((w) => w.message === message && w.file === file)) warnings.push({ file, line: 0, message });
}

/**
 * The frame with Cartesian x y z: as is when it has them; else from unwrapped xu yu zu (renamed);
 * else from scaled xs ys zs (or xsu ysu zsu) through the box: x = xlo + xs lx + ys xy + zs xz,
 * y = ylo + ys ly + zs yz, z = zlo + zs lz (LAMMPS's triclinic convention). A warning says which.
 */
function withCartesian(frame: AtomFrame, file: string, warnings?: Warning[]): AtomFrame {
  const c = frame.columns;
  if (c.has('x') && c.has('y') && c.has('z')) return frame;
  const numeric = (n: string): Float64Array | undefined => {
    const v = c.get(n);
    return v instanceof Float64Array ? v : undefined;
  };
  const replace = (drop: string[], x: Float64Array, y: Float64Array, z: Float64Array): AtomFrame => {
    const cols = new Map<string, Column>();
    let placed = false;
    for (const [k, v] of c) {
      if (drop.includes(k)) {
        if (!placed) { cols.set('x', x); cols.set('y', y); cols.set('z', z); placed = true; }
        continue;
      }
      cols.set(k, v);
    }
    return { ...frame, columns: cols };
  };
  const [xu, yu, zu] = ['xu', 'yu', 'zu'].map(numeric);
  if (xu && yu && zu) {
    warnOnce(warnings, file, 'extxyz: no x y z columns; the unwrapped xu yu zu are written as positions');
    return replace(['xu', 'yu', 'zu'], xu, yu, zu);
  }
  for (const names of [['xs', 'ys', 'zs'], ['xsu', 'ysu', 'zsu']]) {
    const [xs, ys, zs] = names.map(numeric);
    if (!(xs && ys && zs)) continue;
    const b = frame.box;
    const [xy, xz, yz] = b.tilt ?? [0, 0, 0];
    const lx = b.hi[0] - b.lo[0];
    const ly = b.hi[1] - b.lo[1];
    const lz = b.hi[2] - b.lo[2];
    const n = xs.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const z = new Float64Array(n);
    const g = b.general;
    for (let i = 0; i < n; i++) {
      if (g) {
        // general triclinic: fractions of A, B, C from the origin, in the file's orientation
        x[i] = g.origin[0] + xs[i] * g.avec[0] + ys[i] * g.bvec[0] + zs[i] * g.cvec[0];
        y[i] = g.origin[1] + xs[i] * g.avec[1] + ys[i] * g.bvec[1] + zs[i] * g.cvec[1];
        z[i] = g.origin[2] + xs[i] * g.avec[2] + ys[i] * g.bvec[2] + zs[i] * g.cvec[2];
        continue;
      }
      x[i] = b.lo[0] + xs[i] * lx + ys[i] * xy + zs[i] * xz;
      y[i] = b.lo[1] + ys[i] * ly + zs[i] * yz;
      z[i] = b.lo[2] + zs[i] * lz;
    }
    warnOnce(warnings, file, `extxyz: no x y z columns; positions computed from the scaled ${names.join(' ')} and the box (rounded, not the file's digits)`);
    return replace(names, x, y, z);
  }
  return frame;
}

/**
 * One frame as extended XYZ text (count line, comment line, atom lines; ends with '\n').
 * `file` only names the output in warnings.
 */
export function formatExtxyzFrame(frame: AtomFrame, opts: ExtxyzWriteOptions = {}, file = '<output>'): string {
  const p = prepareFrame(frame, opts, file);
  const sink = new ByteSink(1 << 16);
  writeExtxyzFrame(sink, p.frame, p.props, p.cols).write(sink, 0, p.frame.natoms);
  return Buffer.concat(sink.takeAll()).toString('utf8');
}

/**
 * The count and comment lines of a prepared frame into sink; returns the writer of its atom lines
 * (tokens of unchanged columns copied from the file, other numbers as shortest round-trip text).
 */
function writeExtxyzFrame(sink: ByteSink, frame: AtomFrame, props: OutProp[], cols: Column[]): RowWriter {
  sink.text(`${frame.natoms}\n${formatExtxyzHeader(frame, props)}\n`);
  const integer = props.flatMap((p) => p.cols.map(() => p.type === 'I'));
  return new RowWriter(frame, cols, {
    integer,
    nonFinite: (v) => formatFloat(v),
    checkText: (s, _k, row) => {
      if (s === '' || /\s/.test(s)) throw new UsageError(`extxyz: string value '${s}' of atom ${row + 1} is empty or has blanks`);
    },
  });
}

/** A frame ready to write: in A, B, C's orientation, with Cartesian positions; its properties and columns. */
function prepareFrame(frame: AtomFrame, opts: ExtxyzWriteOptions, file: string): { frame: AtomFrame; props: OutProp[]; cols: Column[] } {
  // a general triclinic frame is written in A, B, C's orientation (Lattice = A, B, C): rotate back first
  if (frame.box.general) frame = { ...frame, columns: columnsToGeneral(frame.box.general, frame.columns) };
  frame = withCartesian(frame, file, opts.warnings);
  const props = outProps(frame, opts.columns);
  const cols: Column[] = props.flatMap((p) => p.cols);
  const n = frame.natoms;
  for (const c of cols) if (c.length !== n) throw new UsageError(`extxyz: a column has ${c.length} values, the frame has ${n} atoms`);
  return { frame, props, cols };
}

/** Frames as one extended XYZ string. */
export function formatExtxyz(frames: Iterable<AtomFrame>, opts: ExtxyzWriteOptions = {}): string {
  let s = '';
  for (const f of frames) s += formatExtxyzFrame(f, opts);
  return s;
}

const WRITE_ROWS = 16384;

/** Registry writer: frames -> path, atomically (temp file + rename), gzip when path ends in .gz. */
export async function writeExtxyzFrames(
  path: string, frames: AsyncIterable<AtomFrame> | Iterable<AtomFrame>, opts: ExtxyzWriteOptions = {},
): Promise<void> {
  async function* chunks(): AsyncGenerator<Buffer> {
    const sink = new ByteSink();
    for await (const f of frames as AsyncIterable<AtomFrame>) {
      const { frame, props, cols } = prepareFrame(f, opts, path);
      const rows = writeExtxyzFrame(sink, frame, props, cols);
      for (let i = 0; i < frame.natoms; i += WRITE_ROWS) {
        rows.write(sink, i, Math.min(frame.natoms, i + WRITE_ROWS));
        yield* sink.takeFull();
      }
    }
    yield* sink.takeAll();
  }
  await writeStreamAtomic(path, chunks());
}
