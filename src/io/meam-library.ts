/**
 * MEAM potential files as LAMMPS `pair_style meam` reads them (LAMMPS 2021/2022, src/MEAM):
 * the element *library* file and the optional *parameter* file, plus the
 * `pair_coeff * * LIBRARY El1 El2 ... PARAM|NULL T1 T2 ...` element mapping.
 *
 * ## Library file
 * Records of 19 words, one per element, spread over any number of lines. `#` starts a comment
 * (to the end of the line), blank lines are skipped. Words are counted on whitespace; values
 * are split on whitespace and `'` (so `'Li'` is `Li`). A record is read line by line until it
 * has at least 19 words; words beyond 19 on its last line are ignored (we warn). Fields:
 *
 *   elt lattce z ielement atwt alpha b0 b1 b2 b3 alat esub asub t0 t1 t2 t3 rozero ibar
 *
 * `ielement` and `ibar` are integers (`next_int`: digits and a sign only), the others doubles
 * (`next_double`: see `lammpsDouble`, e.g. `1.0D0` is an error in LAMMPS and here).
 * When the same element appears twice, LAMMPS uses the FIRST record. LAMMPS checks the lattice
 * (single-element lattices only: fcc bcc hcp dim dia dia3 lin zig tri), `t0 == 1` and
 * `z == Z(lattce)` only for the elements named in `pair_coeff`; so do we (`resolveMeamSetup`).
 * Unlike LAMMPS we also insist that every number of every record is valid, even of elements
 * not used (a bad number is a defect of the file either way).
 *
 * ## Parameter file
 * One setting per line, `keyword(i,j,k) = value`; LAMMPS splits the line on `= ( ) , '` and
 * whitespace, so `keyword i j value` is the same thing. Indices are 1-based positions in the
 * element list of `pair_coeff` (not in the library file). Keywords and index arity:
 *
 *   rc delr augt1 gsmooth_factor ialloy mixture_ref_t erose_form emb_lin_neg bkgd_dyn   (none)
 *   rho0(I)   Ec alpha delta lattce attrac repuls nn2 re zbl theta (I,J)   Cmin Cmax (I,J,K)
 *
 * ## Defaults (LAMMPS `meam_setup_global`, identical to the pair_meam documentation)
 *   rc = 4.0, delr = 0.1, augt1 = 1, gsmooth_factor = 99.0, ialloy = 0, mixture_ref_t = 0,
 *   erose_form = 0, emb_lin_neg = 0, bkgd_dyn = 0,
 *   attrac = repuls = delta = 0, nn2 = 0, zbl = 1, theta = 180 (stheta = 1, ctheta = 0),
 *   Cmin = 2.0, Cmax = 2.8 (all triplets), lattce(I,J) = fcc for I != J (constructor),
 *   lattce(I,I) = library lattice, Ec(I,I) = esub, alpha(I,I) = alpha, rho0(I) = rozero,
 *   re(I,I) from alat: fcc alat/sqrt(2), bcc alat*sqrt(3)/2, dia/dia3 alat*sqrt(3)/4,
 *   hcp dim ch4 lin zig tri alat.
 * Then `alloyparams` (after the parameter file): for I < J, a zero Ec(I,J) becomes
 * (Ec_II + Ec_JJ)/2 - delta_IJ (l12: (3Ec_II + Ec_JJ)/4 - delta; c11: (2Ec_II + Ec_JJ)/3 - delta
 * if lattce(I,I) is dia, else (Ec_II + 2Ec_JJ)/3 - delta), a zero alpha(I,J) or re(I,J) the mean
 * of I-I and J-J; for I > J, re Ec alpha lattce nn2 theta are copied from (J,I);
 * Cmin/Cmax(I,J,K) for I > J copied from (J,I,K); ebound(I,J) = max(2.8^2/(4*1.8),
 * max_K Cmax^2/(4(Cmax-1))). nn2, zbl and theta are stored at (min,max) of the two indices;
 * zbl is NOT mirrored (LAMMPS reads it as zbl(a,b) with a <= b).
 * Integer keywords take `(int)value` (truncation). `t1` is returned as read: LAMMPS adds
 * `augt1 * 3/5 * t3` to it in `meam_setup_done` (the engine's job).
 */
import { readFileSync } from 'node:fs';
import { ParseError, UsageError, type Warning } from './errors.js';
import { formatFloat } from './text/numbers.js';
import { lammpsDouble, lammpsInt, numberHint } from './potentials-path.js';

export const MEAM_LATTICES = ['fcc', 'bcc', 'hcp', 'dim', 'dia', 'dia3', 'b1', 'c11', 'l12', 'b2', 'ch4', 'lin', 'zig', 'tri'] as const;
export type MeamLattice = (typeof MEAM_LATTICES)[number];
/** Lattices allowed in the library file (single-element reference structures). */
export const MEAM_SINGLE_LATTICES: readonly MeamLattice[] = ['fcc', 'bcc', 'hcp', 'dim', 'dia', 'dia3', 'lin', 'zig', 'tri'];

/** Number of first neighbours of each reference structure (LAMMPS `get_Zij`). */
export function meamLatticeZ(lat: MeamLattice): number {
  switch (lat) {
    case 'fcc': case 'hcp': case 'l12': return 12;
    case 'bcc': case 'b2': return 8;
    case 'dia': case 'dia3': case 'ch4': return 4;
    case 'dim': return 1;
    case 'b1': return 6;
    case 'c11': return 10;
    case 'lin': case 'zig': case 'tri': return 2;
  }
}

export function isMeamLattice(s: string): s is MeamLattice {
  return (MEAM_LATTICES as readonly string[]).includes(s);
}

/** Library record fields after the element name, in file order. */
export const MEAM_LIBRARY_FIELDS = ['lattce', 'z', 'ielement', 'atwt', 'alpha', 'b0', 'b1', 'b2', 'b3', 'alat', 'esub', 'asub', 't0', 't1', 't2', 't3', 'rozero', 'ibar'] as const;

/** One element record of a library file, values as written (no defaults, no checks of use). */
export interface MeamLibraryEntry {
  element: string;
  /** Lattice name as written (validated only when the element is used). */
  lattce: string;
  /** Number of first neighbours; LAMMPS requires z == Z(lattce). */
  z: number;
  /** Atomic number (integer; used only by ZBL). */
  ielement: number;
  /** Atomic mass [mass]; LAMMPS sets the type masses from it. */
  atwt: number;
  /** Rose-equation exponent alpha(I,I). */
  alpha: number;
  /** Density decay constants beta(0..3). */
  b0: number; b1: number; b2: number; b3: number;
  /** Lattice constant [distance]. */
  alat: number;
  /** Cohesive (sublimation) energy Ec(I,I) [energy]. */
  esub: number;
  /** Embedding scale A. */
  asub: number;
  /** Weights t(0..3); LAMMPS requires t0 = 1. */
  t0: number; t1: number; t2: number; t3: number;
  /** Density scale rho0(I). */
  rozero: number;
  /** Form of the background-density function Gamma (integer). */
  ibar: number;
  file: string;
  /** First and last line of the record (1-based). */
  line: number;
  endLine: number;
}

type NumField = Exclude<(typeof MEAM_LIBRARY_FIELDS)[number], 'lattce'>;
const INT_FIELDS = new Set<string>(['ielement', 'ibar']);

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** Split lines keeping 1-based numbers; `#` comments removed. */
function commentFreeLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const h = lines[i].indexOf('#');
    if (h >= 0) lines[i] = lines[i].substring(0, h);
  }
  return lines;
}

function countWords(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const ws = isWs(s.charCodeAt(i));
    if (!ws && !inWord) n++;
    inWord = !ws;
  }
  return n;
}

/** Values of a line split on whitespace and `'` (LAMMPS library separators). */
function libraryValues(s: string): string[] {
  return s.split(/[\s']+/).filter((t) => t.length > 0);
}

/**
 * Parse a MEAM library file. Every record (also of elements never used) must have 19 valid
 * values; oddities LAMMPS tolerates (extra words, `1.5.3`-style numbers) go to `warnings`.
 */
export function parseMeamLibrary(text: string, file: string, warnings?: Warning[]): MeamLibraryEntry[] {
  const lines = commentFreeLines(text);
  const entries: MeamLibraryEntry[] = [];
  let i = 0;
  while (i < lines.length) {
    // find the start of a record
    if (countWords(lines[i]) === 0) { i++; continue; }
    const start = i;
    const vals: { tok: string; line: number }[] = [];
    let words = 0;
    let last = start + 1;
    while (words < 19) {
      if (i >= lines.length) {
        const missing = vals.length < 19 ? ['element', ...MEAM_LIBRARY_FIELDS][vals.length] : 'ibar';
        throw new ParseError(file, last, `MEAM library record starting at line ${start + 1} ('${vals[0]?.tok ?? ''}') ends after ${words} of 19 words: '${missing}' is missing (LAMMPS: "Incorrect format in MEAM library file! ${words}/19 parameters")`);
      }
      const w = countWords(lines[i]);
      if (w > 0) {
        for (const tok of libraryValues(lines[i])) vals.push({ tok, line: i + 1 });
        words += w;
        last = i + 1;
      }
      i++;
    }
    if (words > 19 && warnings) {
      warnings.push({ file, line: i, message: `MEAM library record '${vals[0].tok}' (line ${start + 1}) has ${words} words; LAMMPS ignores all after the 19th` });
    }
    if (vals.length < 19) {
      throw new ParseError(file, vals[vals.length - 1]?.line ?? start + 1, `MEAM library record starting at line ${start + 1}: expected 19 values, found ${vals.length} (an empty '' name?)`);
    }
    const e = { element: vals[0].tok, lattce: vals[1].tok, file, line: start + 1, endLine: i } as MeamLibraryEntry;
    for (let k = 2; k < 19; k++) {
      const name = MEAM_LIBRARY_FIELDS[k - 1] as NumField;
      const { tok, line } = vals[k];
      const isInt = INT_FIELDS.has(name);
      const r = isInt ? lammpsInt(tok) : lammpsDouble(tok);
      if (r === null) {
        throw new ParseError(file, line, `MEAM library element '${e.element}': ${name}: expected ${isInt ? 'an integer' : 'a number'}, found '${tok}'${numberHint(tok)}`);
      }
      if (r.prefixOnly && warnings) {
        warnings.push({ file, line, message: `MEAM library element '${e.element}': ${name} '${tok}' is read by LAMMPS as ${r.value} (only a prefix is a number)` });
      }
      e[name] = r.value;
    }
    entries.push(e);
  }
  return entries;
}

export function readMeamLibrary(path: string, warnings?: Warning[]): MeamLibraryEntry[] {
  return parseMeamLibrary(readFileSync(path, 'utf8'), path, warnings);
}

/** Keyword -> number of indices LAMMPS requires (0 = global scalar). */
export const MEAM_PARAM_KEYWORDS: Readonly<Record<string, number>> = {
  Ec: 2, alpha: 2, rho0: 1, delta: 2, lattce: 2, attrac: 2, repuls: 2, nn2: 2, Cmin: 3, Cmax: 3,
  rc: 0, delr: 0, augt1: 0, gsmooth_factor: 0, re: 2, ialloy: 0, mixture_ref_t: 0, erose_form: 0,
  zbl: 2, emb_lin_neg: 0, bkgd_dyn: 0, theta: 2,
};

export interface MeamParamEntry {
  keyword: string;
  /** 1-based element indices as written (pair_coeff order). */
  indices: number[];
  /** The number, or the lattice name for `lattce`. */
  value: number | string;
  line: number;
}

export interface MeamParamFile {
  file: string;
  entries: MeamParamEntry[];
}

/** Parse a MEAM parameter file (`keyword(i,j,k) = value` lines) with LAMMPS's tokenization. */
export function parseMeamParamFile(text: string, file: string, warnings?: Warning[]): MeamParamFile {
  const lines = commentFreeLines(text);
  const entries: MeamParamEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const toks = lines[i].split(/[=(),'\s]+/).filter((t) => t.length > 0);
    if (toks.length === 0) continue;
    const line = i + 1;
    const keyword = toks[0];
    const arity = MEAM_PARAM_KEYWORDS[keyword];
    if (arity === undefined) {
      throw new ParseError(file, line, `keyword '${keyword}' in MEAM parameter file not recognized; expected one of ${Object.keys(MEAM_PARAM_KEYWORDS).join(' ')}`);
    }
    if (toks.length < 2) throw new ParseError(file, line, `${keyword}: expected '= value', found nothing`);
    const nindex = toks.length - 2;
    if (nindex < arity) {
      throw new ParseError(file, line, `${keyword}: expected ${arity} element ${arity === 1 ? 'index' : 'indices'} as in ${keyword}(${['I', 'J', 'K'].slice(0, arity).join(',')}) = value, found ${nindex}`);
    }
    if (nindex > 3) throw new ParseError(file, line, `${keyword}: expected at most 3 indices and one value, found ${nindex} indices`);
    const indices: number[] = [];
    for (let k = 1; k <= nindex; k++) {
      const r = lammpsInt(toks[k]);
      if (r === null || r.prefixOnly) throw new ParseError(file, line, `${keyword}: index ${k}: expected a whole number, found '${toks[k]}'`);
      indices.push(r.value);
    }
    const vt = toks[toks.length - 1];
    let value: number | string;
    if (keyword === 'lattce') {
      if (!isMeamLattice(vt)) throw new ParseError(file, line, `lattce: unrecognized lattice '${vt}'; expected one of ${MEAM_LATTICES.join(' ')}`);
      value = vt;
    } else {
      const r = lammpsDouble(vt);
      if (r === null) throw new ParseError(file, line, `${keyword}: expected a number, found '${vt}'${numberHint(vt)}`);
      if (r.prefixOnly && warnings) warnings.push({ file, line, message: `${keyword}: '${vt}' is read by LAMMPS as ${r.value} (only a prefix is a number)` });
      value = r.value;
    }
    entries.push({ keyword, indices, value, line });
  }
  return { file, entries };
}

export function readMeamParamFile(path: string, warnings?: Warning[]): MeamParamFile {
  return parseMeamParamFile(readFileSync(path, 'utf8'), path, warnings);
}

/** Parameters of a MEAM setup after LAMMPS's defaults, the parameter file and `alloyparams`. */
export interface MeamSetup {
  /** Library elements in `pair_coeff` order; all other arrays are indexed by this order. */
  elements: string[];
  /** Per atom type (index = type - 1): element index, or -1 for NULL. */
  typeElement: number[];
  /** The library record used for each element (the first one in the file). */
  library: MeamLibraryEntry[];
  // per element
  lattceSingle: MeamLattice[];
  ielement: number[];
  /** Masses [mass] (atwt): LAMMPS sets each mapped type's mass to it. */
  mass: number[];
  beta0: number[]; beta1: number[]; beta2: number[]; beta3: number[];
  A: number[];
  t0: number[]; t1: number[]; t2: number[]; t3: number[];
  rho0: number[];
  ibar: number[];
  // per pair [i][j]
  lattce: MeamLattice[][];
  Ec: number[][];
  alpha: number[][];
  re: number[][];
  delta: number[][];
  attrac: number[][];
  repuls: number[][];
  nn2: number[][];
  zbl: number[][];
  /** Angle [degrees] of lin/zig/tri references, and LAMMPS's stored sin/cos of its half. */
  theta: number[][];
  stheta: number[][];
  ctheta: number[][];
  ebound: number[][];
  // per triplet [i][j][k]: pair i-j screened by k
  Cmin: number[][][];
  Cmax: number[][][];
  // global
  rc: number;
  delr: number;
  augt1: number;
  gsmooth_factor: number;
  ialloy: number;
  mixture_ref_t: number;
  erose_form: number;
  emb_lin_neg: number;
  bkgd_dyn: number;
  /** One line per setting that took a LAMMPS default (what value and why), for reports. */
  defaults: string[];
  warnings: Warning[];
}

function mat<T>(n: number, v: T): T[][] {
  return Array.from({ length: n }, () => Array.from({ length: n }, () => v));
}
function cube(n: number, v: number): number[][][] {
  return Array.from({ length: n }, () => mat(n, v));
}

/**
 * Apply `pair_coeff * * LIB libElements... PARAM|NULL pairCoeffElements...` as LAMMPS does.
 * `pairCoeffElements` has one name per atom type, `NULL` for unmapped types.
 * Errors name the library or parameter file and line (ParseError) or the pair_coeff (UsageError).
 */
export function resolveMeamSetup(
  library: MeamLibraryEntry[],
  libElements: string[],
  param: MeamParamFile | null,
  pairCoeffElements: string[],
): MeamSetup {
  const n = libElements.length;
  if (n < 1) throw new UsageError('pair_coeff: expected at least one MEAM library element');
  const warnings: Warning[] = [];
  const typeElement = pairCoeffElements.map((el, t) => {
    if (el === 'NULL') return -1;
    const k = libElements.indexOf(el);
    if (k < 0) throw new UsageError(`pair_coeff: element '${el}' for atom type ${t + 1} is not one of the library elements ${libElements.join(' ')}`);
    return k;
  });
  if (pairCoeffElements.length > 0 && typeElement.every((k) => k < 0)) throw new UsageError('pair_coeff: every atom type is NULL; LAMMPS needs at least one mapped type');

  const chosen: MeamLibraryEntry[] = [];
  const missing: string[] = [];
  for (const el of libElements) {
    const e = library.find((x) => x.element === el);
    if (e) chosen.push(e); else missing.push(el);
  }
  if (missing.length > 0) {
    const file = library[0]?.file ?? 'library';
    throw new ParseError(file, 0, `did not find all elements in MEAM library file, missing: ${missing.join(' ')}`);
  }
  const lattceSingle: MeamLattice[] = chosen.map((e) => {
    if (!isMeamLattice(e.lattce) || !MEAM_SINGLE_LATTICES.includes(e.lattce)) {
      throw new ParseError(e.file, e.line, `MEAM library element '${e.element}': unrecognized lattice '${e.lattce}'; expected one of ${MEAM_SINGLE_LATTICES.join(' ')}`);
    }
    if (Math.abs(e.t0 - 1.0) >= 1e-20) throw new ParseError(e.file, e.line, `MEAM library element '${e.element}': t0 = ${e.t0}; LAMMPS supports only t0 = 1`);
    const Z = meamLatticeZ(e.lattce);
    if (e.z !== Z) throw new ParseError(e.file, e.line, `MEAM library element '${e.element}': z = ${e.z} does not match lattice '${e.lattce}' (expected ${Z})`);
    if (!(e.atwt > 0)) warnings.push({ file: e.file, line: e.line, message: `MEAM library element '${e.element}': atwt = ${e.atwt} is not a positive mass` });
    if (!(e.alat > 0)) warnings.push({ file: e.file, line: e.line, message: `MEAM library element '${e.element}': alat = ${e.alat} is not a positive length` });
    return e.lattce;
  });

  const s: MeamSetup = {
    elements: [...libElements],
    typeElement,
    library: chosen,
    lattceSingle,
    ielement: chosen.map((e) => e.ielement),
    mass: chosen.map((e) => e.atwt),
    beta0: chosen.map((e) => e.b0), beta1: chosen.map((e) => e.b1), beta2: chosen.map((e) => e.b2), beta3: chosen.map((e) => e.b3),
    A: chosen.map((e) => e.asub),
    t0: chosen.map((e) => e.t0), t1: chosen.map((e) => e.t1), t2: chosen.map((e) => e.t2), t3: chosen.map((e) => e.t3),
    rho0: chosen.map((e) => e.rozero),
    ibar: chosen.map((e) => e.ibar),
    lattce: mat<MeamLattice>(n, 'fcc'),
    Ec: mat(n, 0), alpha: mat(n, 0), re: mat(n, 0), delta: mat(n, 0), attrac: mat(n, 0), repuls: mat(n, 0),
    nn2: mat(n, 0), zbl: mat(n, 1), theta: mat(n, 180), stheta: mat(n, 1), ctheta: mat(n, 0),
    ebound: mat(n, (2.8 * 2.8) / (4.0 * (2.8 - 1.0))),
    Cmin: cube(n, 2.0), Cmax: cube(n, 2.8),
    rc: 4.0, delr: 0.1, augt1: 1, gsmooth_factor: 99.0, ialloy: 0, mixture_ref_t: 0, erose_form: 0, emb_lin_neg: 0, bkgd_dyn: 0,
    defaults: [],
    warnings,
  };
  for (let i = 0; i < n; i++) {
    const e = chosen[i];
    s.lattce[i][i] = lattceSingle[i];
    s.alpha[i][i] = e.alpha;
    s.Ec[i][i] = e.esub;
    const a = e.alat;
    switch (lattceSingle[i]) {
      case 'fcc': s.re[i][i] = a / Math.sqrt(2.0); break;
      case 'bcc': s.re[i][i] = (a * Math.sqrt(3.0)) / 2.0; break;
      case 'dia': case 'dia3': s.re[i][i] = (a * Math.sqrt(3.0)) / 4.0; break;
      default: s.re[i][i] = a; // hcp dim ch4 lin zig tri
    }
  }

  if (param) applyParamFile(s, param, n);
  alloyParams(s, n);
  s.defaults = defaultNotes(s, param, n);
  if (!(s.rc > 0)) warnings.push({ file: param?.file ?? 'MEAM', line: 0, message: `rc = ${s.rc} is not a positive cutoff` });
  return s;
}

function applyParamFile(s: MeamSetup, param: MeamParamFile, n: number): void {
  for (const p of param.entries) {
    const arity = MEAM_PARAM_KEYWORDS[p.keyword];
    for (let k = 0; k < arity; k++) {
      const idx = p.indices[k];
      if (idx < 1 || idx > n) {
        throw new ParseError(param.file, p.line, `${p.keyword}(${p.indices.join(',')}): element index ${idx} is out of range 1..${n} (pair_coeff library elements: ${s.elements.join(' ')})`);
      }
    }
    const [i, j, k] = p.indices.map((x) => x - 1);
    const v = p.value as number;
    const lo = Math.min(i, j), hi = Math.max(i, j);
    switch (p.keyword) {
      case 'Ec': s.Ec[i][j] = v; break;
      case 'alpha': s.alpha[i][j] = v; break;
      case 'rho0': s.rho0[i] = v; break;
      case 'delta': s.delta[i][j] = v; break;
      case 'lattce': s.lattce[i][j] = p.value as MeamLattice; break;
      case 'attrac': s.attrac[i][j] = v; break;
      case 'repuls': s.repuls[i][j] = v; break;
      case 'nn2': s.nn2[lo][hi] = Math.trunc(v); break;
      case 'Cmin': s.Cmin[i][j][k] = v; break;
      case 'Cmax': s.Cmax[i][j][k] = v; break;
      case 'rc': s.rc = v; break;
      case 'delr': s.delr = v; break;
      case 'augt1': s.augt1 = Math.trunc(v); break;
      case 'gsmooth_factor': s.gsmooth_factor = v; break;
      case 're': s.re[i][j] = v; break;
      case 'ialloy': s.ialloy = Math.trunc(v); break;
      case 'mixture_ref_t': s.mixture_ref_t = Math.trunc(v); break;
      case 'erose_form': s.erose_form = Math.trunc(v); break;
      case 'zbl': s.zbl[lo][hi] = Math.trunc(v); break;
      case 'emb_lin_neg': s.emb_lin_neg = Math.trunc(v); break;
      case 'bkgd_dyn': s.bkgd_dyn = Math.trunc(v); break;
      case 'theta':
        // LAMMPS keeps sin/cos of half the angle: sin(value/2*pi/180) (libm; Math.sin may differ by 1 ulp)
        s.theta[lo][hi] = v;
        s.stheta[lo][hi] = Math.sin(((v / 2) * Math.PI) / 180.0);
        s.ctheta[lo][hi] = Math.cos(((v / 2) * Math.PI) / 180.0);
        break;
    }
  }
}

const iszero = (x: number): boolean => Math.abs(x) < 1e-20;

function defaultNotes(s: MeamSetup, param: MeamParamFile | null, n: number): string[] {
  const set = new Set<string>();
  for (const p of param?.entries ?? []) {
    const ar = MEAM_PARAM_KEYWORDS[p.keyword];
    set.add(`${p.keyword}(${p.indices.slice(0, ar).join(',')})`);
  }
  const notes: string[] = [];
  const glob: string[] = [];
  for (const k of ['rc', 'delr', 'augt1', 'gsmooth_factor', 'ialloy', 'mixture_ref_t', 'erose_form', 'emb_lin_neg', 'bkgd_dyn'] as const) {
    if (!set.has(`${k}()`)) glob.push(`${k} = ${s[k]}`);
  }
  if (glob.length) notes.push(`global defaults: ${glob.join(', ')}`);
  const el = s.elements;
  for (let i = 0; i < n; i++) {
    const pair: string[] = [];
    for (const k of ['nn2', 'zbl', 'attrac', 'repuls', 'theta'] as const) {
      if (!set.has(`${k}(${i + 1},${i + 1})`)) pair.push(`${k} = ${s[k][i][i]}`);
    }
    if (!set.has(`Cmin(${i + 1},${i + 1},${i + 1})`)) pair.push(`Cmin = ${s.Cmin[i][i][i]}`);
    if (!set.has(`Cmax(${i + 1},${i + 1},${i + 1})`)) pair.push(`Cmax = ${s.Cmax[i][i][i]}`);
    if (!set.has(`re(${i + 1},${i + 1})`)) pair.push(`re = ${s.re[i][i]} (from alat ${s.library[i].alat} and lattice ${s.lattceSingle[i]})`);
    if (pair.length) notes.push(`${el[i]}-${el[i]} defaults: ${pair.join(', ')}`);
    for (let j = i + 1; j < n; j++) {
      const d: string[] = [];
      const has = (k: string): boolean => set.has(`${k}(${i + 1},${j + 1})`);
      if (!has('lattce')) d.push(`lattce = ${s.lattce[i][j]}`);
      if (!has('Ec')) d.push(`Ec = ${s.Ec[i][j]} (${s.lattce[i][j] === 'l12' ? '(3 Ec_ii + Ec_jj)/4' : s.lattce[i][j] === 'c11' ? 'c11 weighted mean' : '(Ec_ii + Ec_jj)/2'} - delta)`);
      if (!has('alpha')) d.push(`alpha = ${s.alpha[i][j]} (mean)`);
      if (!has('re')) d.push(`re = ${s.re[i][j]} (mean)`);
      for (const k of ['nn2', 'zbl', 'attrac', 'repuls', 'delta', 'theta'] as const) if (!has(k)) d.push(`${k} = ${s[k][i][j]}`);
      if (d.length) notes.push(`${el[i]}-${el[j]} defaults: ${d.join(', ')}`);
    }
  }
  let cDefault = 0;
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) for (let k = 0; k < n; k++) {
    if (i === j && j === k) continue;
    if (!set.has(`Cmin(${i + 1},${j + 1},${k + 1})`) || !set.has(`Cmax(${i + 1},${j + 1},${k + 1})`)) cDefault++;
  }
  if (cDefault) notes.push(`Cmin/Cmax: ${cDefault} mixed screening triplet(s) (i <= j) use a default for Cmin (2.0) or Cmax (2.8)`);
  return notes;
}

function alloyParams(s: MeamSetup, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i > j) {
        s.re[i][j] = s.re[j][i];
        s.Ec[i][j] = s.Ec[j][i];
        s.alpha[i][j] = s.alpha[j][i];
        s.lattce[i][j] = s.lattce[j][i];
        s.nn2[i][j] = s.nn2[j][i];
        s.theta[i][j] = s.theta[j][i];
        s.stheta[i][j] = s.stheta[j][i];
        s.ctheta[i][j] = s.ctheta[j][i];
      } else if (j > i) {
        if (iszero(s.Ec[i][j])) {
          if (s.lattce[i][j] === 'l12') s.Ec[i][j] = (3 * s.Ec[i][i] + s.Ec[j][j]) / 4.0 - s.delta[i][j];
          else if (s.lattce[i][j] === 'c11') {
            if (s.lattce[i][i] === 'dia') s.Ec[i][j] = (2 * s.Ec[i][i] + s.Ec[j][j]) / 3.0 - s.delta[i][j];
            else s.Ec[i][j] = (s.Ec[i][i] + 2 * s.Ec[j][j]) / 3.0 - s.delta[i][j];
          } else s.Ec[i][j] = (s.Ec[i][i] + s.Ec[j][j]) / 2.0 - s.delta[i][j];
        }
        if (iszero(s.alpha[i][j])) s.alpha[i][j] = (s.alpha[i][i] + s.alpha[j][j]) / 2.0;
        if (iszero(s.re[i][j])) s.re[i][j] = (s.re[i][i] + s.re[j][j]) / 2.0;
      }
    }
  }
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      for (let k = 0; k < n; k++) {
        s.Cmin[i][j][k] = s.Cmin[j][i][k];
        s.Cmax[i][j][k] = s.Cmax[j][i][k];
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n; k++) {
        const c = s.Cmax[i][j][k];
        const eb = (c * c) / (4.0 * (c - 1.0));
        s.ebound[i][j] = Math.max(s.ebound[i][j], eb);
      }
    }
  }
}

/**
 * Parse `pair_coeff * * LIB El... PARAM|NULL T1 T2 ...` arguments (after `* *`), given which
 * argument is the parameter file (LAMMPS takes the first argument after the first element that
 * is `NULL` or an existing file; pass `isFile` to decide).
 */
export function splitMeamPairCoeff(args: string[], isFile: (name: string) => boolean): { library: string; libElements: string[]; param: string | null; typeElements: string[] } {
  if (args.length < 4) throw new UsageError(`pair_coeff * * for meam: expected LIBRARY El... PARAM|NULL El..., found '${args.join(' ')}'`);
  let p = -1;
  for (let i = 2; i < args.length; i++) {
    if (args[i] === 'NULL' || isFile(args[i])) { p = i; break; }
  }
  if (p < 0) throw new UsageError(`pair_coeff * * ${args.join(' ')}: no MEAM parameter file (or NULL) after the library elements`);
  return { library: args[0], libElements: args.slice(1, p), param: args[p] === 'NULL' ? null : args[p], typeElements: args.slice(p + 1) };
}

// ---------------------------------------------------------------- writers

/** Leading `#` comment lines of a file (provenance to carry into a written copy). */
export function leadingComments(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const l = raw.replace(/\r$/, '');
    if (/^\s*#/.test(l)) out.push(l.trim());
    else if (l.trim() !== '') break;
  }
  return out;
}

function num(v: number): string {
  return formatFloat(v);
}

/**
 * A library file LAMMPS reads to the same values (shortest round-trip numbers; three lines per
 * record as in LAMMPS's own library.meam). `header` lines are written as `#` comments.
 */
export function formatMeamLibrary(entries: MeamLibraryEntry[], header: string[] = []): string {
  const out: string[] = [];
  for (const h of header) out.push(h.startsWith('#') ? h : `# ${h}`);
  out.push('# elt lat z ielement atwt', '# alpha b0 b1 b2 b3 alat esub asub', '# t0 t1 t2 t3 rozero ibar', '');
  for (const e of entries) {
    if (/[\s'#]/.test(e.element) || /[\s'#]/.test(e.lattce) || e.element === '' || e.lattce === '') {
      throw new UsageError(`MEAM library: element '${e.element}' / lattice '${e.lattce}' cannot be written (blank, quote or '#')`);
    }
    for (const f of ['ielement', 'ibar'] as const) {
      if (!Number.isInteger(e[f])) throw new UsageError(`MEAM library element '${e.element}': ${f} = ${e[f]} must be an integer`);
    }
    out.push(`'${e.element}' '${e.lattce}' ${num(e.z)} ${e.ielement} ${num(e.atwt)}`);
    out.push([e.alpha, e.b0, e.b1, e.b2, e.b3, e.alat, e.esub, e.asub].map(num).join(' '));
    out.push(`${[e.t0, e.t1, e.t2, e.t3, e.rozero].map(num).join(' ')} ${e.ibar}`);
  }
  return out.join('\n') + '\n';
}

/** A parameter file LAMMPS reads to the same settings, in the same order (order matters). */
export function formatMeamParamFile(pf: MeamParamFile, header: string[] = []): string {
  const out: string[] = [];
  for (const h of header) out.push(h.startsWith('#') ? h : `# ${h}`);
  for (const p of pf.entries) {
    const key = p.indices.length > 0 ? `${p.keyword}(${p.indices.join(',')})` : p.keyword;
    const val = typeof p.value === 'string' ? `'${p.value}'` : num(p.value);
    out.push(`${key} = ${val}`);
  }
  return out.join('\n') + '\n';
}

/**
 * Keep only `keep` elements of a library: the first record of each (the one LAMMPS would use),
 * in file order. Unknown names are an error.
 */
export function subsetMeamLibrary(entries: MeamLibraryEntry[], keep: string[]): MeamLibraryEntry[] {
  for (const el of keep) {
    if (!entries.some((e) => e.element === el)) throw new UsageError(`--elements: '${el}' is not in the MEAM library (it has ${[...new Set(entries.map((e) => e.element))].join(' ')})`);
  }
  const seen = new Set<string>();
  return entries.filter((e) => {
    if (!keep.includes(e.element) || seen.has(e.element)) return false;
    seen.add(e.element);
    return true;
  });
}

/**
 * Restrict a parameter file written for the pair_coeff element order `fileElements` to the
 * elements `keep`. The kept elements stay in their original relative order (their indices are
 * renumbered), because the meaning of asymmetric settings (e.g. `lattce(1,2) = 'l12'`, Ec
 * defaults) depends on that order. Settings that mention a dropped element are removed.
 * Returns the new element order to use in `pair_coeff`.
 */
export function subsetMeamParamFile(pf: MeamParamFile, fileElements: string[], keep: string[]): { param: MeamParamFile; elements: string[] } {
  for (const el of keep) {
    if (!fileElements.includes(el)) throw new UsageError(`--elements: '${el}' is not among the parameter file's elements ${fileElements.join(' ')}`);
  }
  const elements = fileElements.filter((el) => keep.includes(el));
  const map = fileElements.map((el) => elements.indexOf(el) + 1); // old 1-based -> new 1-based, 0 = dropped
  const entries: MeamParamEntry[] = [];
  for (const p of pf.entries) {
    const arity = MEAM_PARAM_KEYWORDS[p.keyword];
    const used = p.indices.slice(0, arity);
    if (used.some((x) => x < 1 || x > fileElements.length)) {
      throw new ParseError(pf.file, p.line, `${p.keyword}(${p.indices.join(',')}): element index out of range 1..${fileElements.length}`);
    }
    if (used.some((x) => map[x - 1] === 0)) continue;
    entries.push({ ...p, indices: used.map((x) => map[x - 1]) });
  }
  return { param: { file: pf.file, entries }, elements };
}
