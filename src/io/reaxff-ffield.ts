/**
 * ReaxFF force-field files (`ffield`) as LAMMPS `pair_style reaxff` reads them
 * (LAMMPS 2021/2022, src/REAXFF/reaxff_ffield.cpp), and a writer that LAMMPS reads back to the
 * same parameters bit for bit.
 *
 * ## Layout (what LAMMPS reads; lines with only blanks are skipped except where noted)
 *  1. header line (any text; read raw, even if blank)
 *  2. general parameters: a count line `n ...` (first word an integer), then n lines whose first
 *     word is the value (the rest, usually `! comment`, is ignored)
 *  3. atoms: count line, then 3 raw comment lines, then per element 4 lines (5 with
 *     `pair_style reaxff ... lgvdw yes`) of at least 9 / 8 / 8 / 8 (/ 2) words
 *  4. bonds: count line, 1 raw comment line, then 2 lines per pair: `i j` + 8 values (>= 10
 *     words), then >= 8 words
 *  5. off-diagonal: count line, then `i j` + 6 values (+ lgcij with lgvdw)
 *  6. angles: count line, then `i j k` + 7 values (>= 10 words)
 *  7. torsions: count line, then `i j k l` + 5 values (>= 9 words); `0 j k 0` is a wildcard that
 *     applies to every end type unless an explicit `i j k l` row sets that quadruplet
 *  8. hydrogen bonds: count line, then `i j k` + 4 values (>= 7 words)
 * Anything after the hydrogen bonds is ignored by LAMMPS (kept as `trailer`).
 *
 * ## Numbers
 * Strict like LAMMPS >= 2021 (`ValueTokenizer::next_double` / `next_int`, see `lammpsDouble`):
 * `5.6937!comment` (glued comment) and `1.0D0` (Fortran exponent) are errors in LAMMPS, so
 * they are ParseErrors here, naming file, line, parameter and the fix. `parseReaxffFfield(...,
 * { repairGluedComments: true })` instead splits `5.6937!x` into `5.6937 !x` with a warning
 * (what `sed 's/\([0-9]\)!/\1 !/'` does). Words LAMMPS skips (`n.u.` columns, words past the
 * last one it reads) are never checked, exactly as in LAMMPS. Rows naming an atom type beyond
 * the atom count are ignored by LAMMPS (their values are not even read); we keep them, warn,
 * and read their values leniently (NaN where not a number); torsion values are always read.
 *
 * ## Parameter names (LAMMPS struct names; literature symbols of van Duin et al. 2001/
 * Chenoweth et al. 2008 in brackets; 0-based `l[i]` for general parameters)
 * General (GENERAL_PARAMS): l0 p_boc1, l1 p_boc2 [overcoordination], l2 p_coa2 [valency-angle
 *  conjugation], l3 p_trip4, l4 p_trip3 [triple-bond stabilisation], l5 kc2 [C2 correction;
 *  LAMMPS p_lp3, used for C only], l6 p_ovun6, l7 p_trip2, l8 p_ovun7, l9 p_ovun8, l10 p_trip1
 *  [triple-bond stabilisation energy], l11 swa, l12 swb [lower/upper taper radius], l13 unused,
 *  l14 p_val6, l15 p_lp1, l16 p_val9, l17 p_val10, l18 unused, l19 p_pen2, l20 p_pen3, l21 p_pen4,
 *  l22 unused, l23 p_tor2, l24 p_tor3, l25 p_tor4, l26 unused, l27 p_cot2, l28 p_vdW1,
 *  l29 bo_cut_x100 [bond-order cutoff = 0.01*l29], l30 p_coa4, l31 p_ovun4, l32 p_ovun3,
 *  l33 p_val8, l34 unused_34 [ACKS2 bond softness in later LAMMPS], l35 lg_scale [only with
 *  lgvdw: lgre = 2*l35*sqrt(lgre_i*lgre_j)], l36 unused, l37 trip_switch [(int)l37 == 2 applies
 *  triple-bond stabilisation to every pair], l38 p_coa3.
 * Atom line 1: element, r_s [ro_sigma], valency, mass, r_vdw, epsilon [D_ij], gamma [gamma_EEM,
 *  QEq shielding], r_pi [ro_pi], valency_e.  Line 2: alpha, gamma_w [vdW shielding], valency_boc,
 *  p_ovun5, (n.u.), chi [EEM electronegativity], eta [EEM hardness; LAMMPS stores 2*eta],
 *  p_hbond [(int) cast: 1 H, 2 acceptor].  Line 3: r_pi_pi [ro_pipi], p_lp2, (heat increment),
 *  b_o_131 [p_boc4], b_o_132 [p_boc3], b_o_133 [p_boc5], (n.u.), (n.u.).  Line 4: p_ovun2,
 *  p_val3, (n.u.), valency_val, p_val5, rcore2, ecore2, acore2 [inner wall].  Line 5 (lgvdw):
 *  lgcij, lgre.  LAMMPS replaces valency_val by valency_boc when mass < 21 (with a warning).
 * Bond line 1: i j De_s De_p De_pp p_be1 p_bo5 v13cor p_bo6 p_ovun1; line 2: p_be2 p_bo3 p_bo4
 *  (n.u.) p_bo1 p_bo2 ovc.
 * Off-diagonal: i j D [Ediss] r_vdW [LAMMPS stores 2*value] alpha r_s r_p r_pp (lgcij); each
 *  applies only if > 0 (lgcij: >= 0).
 * Angle: i j k theta_00 p_val1 p_val2 p_coa1 p_val7 p_pen1 p_val4 (several rows per triplet add up).
 * Torsion: i j k l V1 V2 V3 p_tor1 p_cot1.  H-bond: i j k r0_hb p_hb1 p_hb2 p_hb3.
 *
 * ## vdW type (fixed by the FIRST atoms of the file, not by the elements used)
 * inner wall = rcore2 > 0.01 && acore2 > 0.01; shielding = gamma_w > 0.5; type 1 shielding
 * only, 2 wall only, 3 both; an atom with neither is an error; a later atom disagreeing is a
 * LAMMPS warning and keeps the earlier type.
 */
import { readFileSync } from 'node:fs';
import { ParseError, UsageError, type Warning } from './errors.js';
import { formatFloat } from './text/numbers.js';
import { lammpsDouble, lammpsInt, numberHint } from './potentials-path.js';

export const GENERAL_PARAMS = [
  'p_boc1', 'p_boc2', 'p_coa2', 'p_trip4', 'p_trip3', 'kc2', 'p_ovun6', 'p_trip2', 'p_ovun7', 'p_ovun8',
  'p_trip1', 'swa', 'swb', 'unused_13', 'p_val6', 'p_lp1', 'p_val9', 'p_val10', 'unused_18', 'p_pen2',
  'p_pen3', 'p_pen4', 'unused_22', 'p_tor2', 'p_tor3', 'p_tor4', 'unused_26', 'p_cot2', 'p_vdW1', 'bo_cut_x100',
  'p_coa4', 'p_ovun4', 'p_ovun3', 'p_val8', 'unused_34', 'lg_scale', 'unused_36', 'trip_switch', 'p_coa3',
] as const;

/** Named positions of each atom line (null = a word LAMMPS skips). Line 1 starts after the element. */
export const ATOM_LINES = [
  ['r_s', 'valency', 'mass', 'r_vdw', 'epsilon', 'gamma', 'r_pi', 'valency_e'],
  ['alpha', 'gamma_w', 'valency_boc', 'p_ovun5', null, 'chi', 'eta', 'p_hbond'],
  ['r_pi_pi', 'p_lp2', null, 'b_o_131', 'b_o_132', 'b_o_133'],
  ['p_ovun2', 'p_val3', null, 'valency_val', 'p_val5', 'rcore2', 'ecore2', 'acore2'],
  ['lgcij', 'lgre'],
] as const;
/** Minimum word counts LAMMPS requires on each atom line. */
const ATOM_MIN_WORDS = [9, 8, 8, 8, 2];
export const BOND_LINES = [
  ['De_s', 'De_p', 'De_pp', 'p_be1', 'p_bo5', 'v13cor', 'p_bo6', 'p_ovun1'],
  ['p_be2', 'p_bo3', 'p_bo4', null, 'p_bo1', 'p_bo2', 'ovc'],
] as const;
export const OFFDIAG_PARAMS = ['D', 'r_vdW', 'alpha', 'r_s', 'r_p', 'r_pp', 'lgcij'] as const;
export const ANGLE_PARAMS = ['theta_00', 'p_val1', 'p_val2', 'p_coa1', 'p_val7', 'p_pen1', 'p_val4'] as const;
export const TORSION_PARAMS = ['V1', 'V2', 'V3', 'p_tor1', 'p_cot1'] as const;
export const HBOND_PARAMS = ['r0_hb', 'p_hb1', 'p_hb2', 'p_hb3'] as const;

type NonNull<T> = T extends null ? never : T;
export type AtomParam = NonNull<(typeof ATOM_LINES)[number][number]>;
export type BondParam = NonNull<(typeof BOND_LINES)[number][number]>;

/** One line of the file: its text (no EOL), its words, its 1-based number. */
export interface RawLine {
  text: string;
  words: string[];
  line: number;
}

interface Row {
  /** The lines the row was read from (the writer reuses their text where nothing changed). */
  lines: RawLine[];
}
export interface ReaxffAtom extends Row {
  element: string;
  p: Record<AtomParam, number>;
}
export interface ReaxffBond extends Row {
  /** 1-based atom types. */
  i: number; j: number;
  p: Record<BondParam, number>;
}
export interface ReaxffOffDiagonal extends Row {
  i: number; j: number;
  p: Record<(typeof OFFDIAG_PARAMS)[number], number>;
}
export interface ReaxffAngle extends Row {
  i: number; j: number; k: number;
  p: Record<(typeof ANGLE_PARAMS)[number], number>;
}
export interface ReaxffTorsion extends Row {
  /** 0 for the wildcard ends of `0 j k 0`. */
  i: number; j: number; k: number; l: number;
  p: Record<(typeof TORSION_PARAMS)[number], number>;
}
export interface ReaxffHbond extends Row {
  i: number; j: number; k: number;
  p: Record<(typeof HBOND_PARAMS)[number], number>;
}

export interface ReaxffSection<T> {
  /** The count line (its first word is replaced by the row count when written). */
  countLine: RawLine;
  /** Raw comment lines after the count line (3 for atoms, 1 for bonds, else none). */
  comments: RawLine[];
  rows: T[];
}

export interface ReaxffFfield {
  file: string;
  /** Parsed with the 5-line atom records of `lgvdw yes`. */
  lgvdw: boolean;
  header: RawLine;
  general: { countLine: RawLine; values: number[]; lines: RawLine[] };
  atoms: ReaxffSection<ReaxffAtom>;
  bonds: ReaxffSection<ReaxffBond>;
  offDiagonal: ReaxffSection<ReaxffOffDiagonal>;
  angles: ReaxffSection<ReaxffAngle>;
  torsions: ReaxffSection<ReaxffTorsion>;
  hbonds: ReaxffSection<ReaxffHbond>;
  /** Lines after the H-bond section (LAMMPS ignores them). */
  trailer: string[];
  /** van der Waals type LAMMPS derives (1 shielding, 2 inner wall, 3 both). */
  vdwType: 1 | 2 | 3;
  warnings: Warning[];
}

export interface ParseReaxffOptions {
  /** 5 lines per atom and lgcij on off-diagonal rows (`pair_style reaxff ... lgvdw yes`). */
  lgvdw?: boolean;
  /** Accept `5.6937!comment` (LAMMPS rejects it) by splitting it, with a warning. */
  repairGluedComments?: boolean;
}

/** General parameter by name, e.g. `generalParam(ff, 'swb')`. */
export function generalParam(ff: ReaxffFfield, name: (typeof GENERAL_PARAMS)[number]): number {
  return ff.general.values[GENERAL_PARAMS.indexOf(name)];
}

const SEP = /[ \t\r\n\f]+/;
function wordsOf(text: string): string[] {
  return text.split(SEP).filter((w) => w.length > 0);
}

class Reader {
  readonly lines: string[];
  pos = 0;
  constructor(text: string, readonly file: string, readonly warnings: Warning[], readonly repair: boolean) {
    this.lines = text.split('\n');
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
  }
  raw(what: string): RawLine {
    if (this.pos >= this.lines.length) throw new ParseError(this.file, this.lines.length, `unexpected end of file: expected ${what}`);
    const text = this.lines[this.pos].replace(/\r$/, '');
    this.pos++;
    return { text, words: wordsOf(text), line: this.pos };
  }
  /** Next non-blank line (LAMMPS `next_values(0)`). */
  values(what: string): RawLine {
    for (;;) {
      const r = this.raw(what);
      if (r.words.length > 0) {
        if (this.repair) this.repairGlued(r);
        return r;
      }
    }
  }
  private repairGlued(r: RawLine): void {
    const out: string[] = [];
    let changed = false;
    let text = r.text;
    for (const w of r.words) {
      const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(!.*)$/.exec(w);
      if (m) {
        out.push(m[1], m[2]);
        text = text.replace(w, `${m[1]} ${m[2]}`);
        changed = true;
        this.warnings.push({ file: this.file, line: r.line, message: `'${w}': comment glued to the number; read as '${m[1]} ${m[2]}' (LAMMPS >= 2021 rejects the original)` });
      } else out.push(w);
    }
    if (changed) {
      r.words = out;
      r.text = text;
    }
  }
  rest(): string[] {
    const t = this.lines.slice(this.pos).map((l) => l.replace(/\r$/, ''));
    this.pos = this.lines.length;
    return t;
  }
}

function num(file: string, r: RawLine, idx: number, what: string, lenient = false, warnings?: Warning[]): number {
  const tok = r.words[idx];
  const v = lammpsDouble(tok);
  if (v === null) {
    if (lenient) return NaN;
    throw new ParseError(file, r.line, `${what}: expected a number, found '${tok}'${numberHint(tok)}`);
  }
  if (v.prefixOnly && warnings) warnings.push({ file, line: r.line, message: `${what}: '${tok}' is read by LAMMPS as ${v.value} (only a prefix is a number)` });
  return v.value;
}

function int(file: string, r: RawLine, idx: number, what: string, hint = ''): number {
  const tok = r.words[idx];
  const v = lammpsInt(tok);
  if (v === null) throw new ParseError(file, r.line, `${what}: expected a whole number, found '${tok}'${numberHint(tok)}${hint}`);
  return v.value;
}

/** A count line must not look like a data row (the sign of a count that is too small). */
function count(file: string, r: RawLine, what: string, prevHint: string): number {
  const n = int(file, r, 0, `number of ${what}`, prevHint);
  let numeric = 0;
  for (const w of r.words.slice(0, 4)) if (lammpsDouble(w) !== null) numeric++;
  if (numeric >= 4) {
    throw new ParseError(file, r.line, `expected the number of ${what}, found a data row '${r.text.trim()}'${prevHint || ' (is the previous count too small?)'}`);
  }
  if (n < 0) throw new ParseError(file, r.line, `number of ${what}: expected a count >= 0, found ${n}`);
  return n;
}

function needWords(file: string, r: RawLine, n: number, what: string, countHint: string): void {
  if (r.words.length < n) {
    throw new ParseError(file, r.line, `${what}: expected at least ${n} words, found ${r.words.length} ('${r.text.trim()}')${countHint}`);
  }
}

/** Parse an ffield as LAMMPS does; throws one ParseError naming file, line and parameter. */
export function parseReaxffFfield(text: string, file: string, opts: ParseReaxffOptions = {}): ReaxffFfield {
  const warnings: Warning[] = [];
  const lg = opts.lgvdw === true;
  const rd = new Reader(text, file, warnings, opts.repairGluedComments === true);
  const header = rd.raw('the header line');

  // general parameters
  const gCount = rd.values('the number of general parameters');
  const ng = count(file, gCount, 'general parameters', '');
  if (ng < 1) throw new ParseError(file, gCount.line, `number of general parameters: expected at least 1, found ${ng}`);
  if (ng < 39) warnings.push({ file, line: gCount.line, message: `${ng} general parameters; LAMMPS uses l[0..38] (39), the rest is read past the end` });
  const gHint = ` (is the count ${ng} on line ${gCount.line} right?)`;
  const values: number[] = [];
  const gLines: RawLine[] = [];
  for (let i = 0; i < ng; i++) {
    const r = rd.values(`general parameter ${i + 1} of ${ng}`);
    const name = GENERAL_PARAMS[i] ?? `l${i}`;
    const tok = r.words[0];
    if (lammpsDouble(tok) === null) {
      throw new ParseError(file, r.line, `general parameter ${i + 1} (${name}): expected a number, found '${tok}'${numberHint(tok) || gHint}`);
    }
    values.push(num(file, r, 0, `general parameter ${i + 1} (${name})`, false, warnings));
    gLines.push(r);
  }

  // atoms
  const aCount = rd.values('the number of atom types');
  const na = count(file, aCount, 'atom types', ` (is the general-parameter count ${ng} on line ${gCount.line} right?)`);
  const aComments = [rd.raw('atom comment line 1'), rd.raw('atom comment line 2'), rd.raw('atom comment line 3')];
  const aHint = ` (is the atom count ${na} on line ${aCount.line} right?)`;
  const atoms: ReaxffAtom[] = [];
  const nLines = lg ? 5 : 4;
  for (let a = 0; a < na; a++) {
    const lines: RawLine[] = [];
    const p = {} as Record<AtomParam, number>;
    let element = '';
    for (let li = 0; li < nLines; li++) {
      const r = rd.values(`line ${li + 1} of atom ${a + 1} of ${na}`);
      if (li === 0 && r.words.length < 8 && !lg) {
        throw new ParseError(file, r.line, `atom ${a + 1}: expected at least 9 words (element + 8 values), found ${r.words.length}; LAMMPS: "This force field file requires using 'lgvdw yes'"${aHint}`);
      }
      const label = li === 0 ? `atom ${a + 1}` : `atom ${a + 1} (${element}) line ${li + 1}`;
      needWords(file, r, ATOM_MIN_WORDS[li], label, aHint);
      let off = 0;
      if (li === 0) { element = r.words[0]; off = 1; }
      const names = ATOM_LINES[li];
      for (let k = 0; k < names.length; k++) {
        const nm = names[k];
        if (nm === null) continue;
        p[nm] = num(file, r, off + k, `atom ${a + 1} (${element}) ${nm}`, false, warnings);
      }
      lines.push(r);
    }
    if (!lg) { p.lgcij = 0; p.lgre = 0; }
    atoms.push({ element, p, lines });
  }
  const vdwType = deriveVdwType(file, atoms, warnings);
  for (const at of atoms) {
    if (at.p.mass < 21 && at.p.valency_val !== at.p.valency_boc) {
      warnings.push({ file, line: at.lines[3].line, message: `atom ${at.element}: mass < 21, so LAMMPS replaces valency_val ${at.p.valency_val} by valency_boc ${at.p.valency_boc} ("Changed valency_val to valency_boc")` });
    }
    if (!(at.p.mass > 0)) warnings.push({ file, line: at.lines[0].line, message: `atom ${at.element}: mass ${at.p.mass} is not positive` });
    if (at.p.r_s < 0 || at.p.r_vdw < 0) warnings.push({ file, line: at.lines[0].line, message: `atom ${at.element}: negative radius (r_s ${at.p.r_s}, r_vdw ${at.p.r_vdw})` });
  }
  const typeOk = (...t: number[]): boolean => t.every((x) => x <= na);
  const ignored = (r: RawLine, what: string): void => {
    warnings.push({ file, line: r.line, message: `${what} names an atom type beyond the ${na} atoms of the file; LAMMPS ignores it` });
  };

  // bonds
  const bCount = rd.values('the number of bonds');
  const nb = count(file, bCount, 'bonds', aHint);
  const bComments = [rd.raw('the bond comment line')];
  const bHint = ` (is the bond count ${nb} on line ${bCount.line} right?)`;
  const bonds: ReaxffBond[] = [];
  for (let b = 0; b < nb; b++) {
    const r1 = rd.values(`line 1 of bond ${b + 1} of ${nb}`);
    needWords(file, r1, 10, `bond ${b + 1}`, bHint);
    const i = int(file, r1, 0, `bond ${b + 1} atom type 1`, bHint);
    const j = int(file, r1, 1, `bond ${b + 1} atom type 2`, bHint);
    if (i < 1 || j < 1) throw new ParseError(file, r1.line, `bond ${b + 1}: atom types must be >= 1, found ${i} ${j} (LAMMPS: "Inconsistent force field file")`);
    const use = typeOk(i, j);
    if (!use) ignored(r1, `bond ${i}-${j}`);
    const r2 = rd.values(`line 2 of bond ${b + 1} (${i}-${j})`);
    needWords(file, r2, 8, `bond ${i}-${j} line 2`, bHint);
    const p = {} as Record<BondParam, number>;
    BOND_LINES[0].forEach((nm, k) => { p[nm] = num(file, r1, 2 + k, `bond ${i}-${j} ${nm}`, !use, warnings); });
    BOND_LINES[1].forEach((nm, k) => { if (nm) p[nm] = num(file, r2, k, `bond ${i}-${j} ${nm}`, !use, warnings); });
    bonds.push({ i, j, p, lines: [r1, r2] });
  }

  // off-diagonal
  const oCount = rd.values('the number of off-diagonal terms');
  const no = count(file, oCount, 'off-diagonal terms', bHint);
  const oHint = ` (is the off-diagonal count ${no} on line ${oCount.line} right?)`;
  const offDiagonal: ReaxffOffDiagonal[] = [];
  const offNames = lg ? OFFDIAG_PARAMS : OFFDIAG_PARAMS.slice(0, 6);
  for (let o = 0; o < no; o++) {
    const r = rd.values(`off-diagonal term ${o + 1} of ${no}`);
    needWords(file, r, 8 + (lg ? 1 : 0), `off-diagonal term ${o + 1}`, oHint);
    const i = int(file, r, 0, `off-diagonal term ${o + 1} atom type 1`, oHint);
    const j = int(file, r, 1, `off-diagonal term ${o + 1} atom type 2`, oHint);
    if (i < 1 || j < 1) throw new ParseError(file, r.line, `off-diagonal term ${o + 1}: atom types must be >= 1, found ${i} ${j}`);
    const use = typeOk(i, j);
    if (!use) ignored(r, `off-diagonal term ${i}-${j}`);
    const p = { lgcij: -1 } as ReaxffOffDiagonal['p']; // lgcij -1 = absent (LAMMPS applies it only if >= 0)
    offNames.forEach((nm, k) => { p[nm] = num(file, r, 2 + k, `off-diagonal ${i}-${j} ${nm}`, !use, warnings); });
    offDiagonal.push({ i, j, p, lines: [r] });
  }

  // angles
  const anCount = rd.values('the number of angles');
  const nan = count(file, anCount, 'angles', oHint);
  const anHint = ` (is the angle count ${nan} on line ${anCount.line} right?)`;
  const angles: ReaxffAngle[] = [];
  for (let q = 0; q < nan; q++) {
    const r = rd.values(`angle ${q + 1} of ${nan}`);
    needWords(file, r, 10, `angle ${q + 1}`, anHint);
    const [i, j, k] = [0, 1, 2].map((x) => int(file, r, x, `angle ${q + 1} atom type ${x + 1}`, anHint));
    if (i < 1 || j < 1 || k < 1) throw new ParseError(file, r.line, `angle ${q + 1}: atom types must be >= 1, found ${i} ${j} ${k}`);
    const use = typeOk(i, j, k);
    if (!use) ignored(r, `angle ${i}-${j}-${k}`);
    const p = {} as ReaxffAngle['p'];
    ANGLE_PARAMS.forEach((nm, x) => { p[nm] = num(file, r, 3 + x, `angle ${i}-${j}-${k} ${nm}`, !use, warnings); });
    angles.push({ i, j, k, p, lines: [r] });
  }

  // torsions
  const tCount = rd.values('the number of torsions');
  const nt = count(file, tCount, 'torsions', anHint);
  const tHint = ` (is the torsion count ${nt} on line ${tCount.line} right?)`;
  const torsions: ReaxffTorsion[] = [];
  for (let q = 0; q < nt; q++) {
    const r = rd.values(`torsion ${q + 1} of ${nt}`);
    needWords(file, r, 9, `torsion ${q + 1}`, tHint);
    const [i, j, k, l] = [0, 1, 2, 3].map((x) => int(file, r, x, `torsion ${q + 1} atom type ${x + 1}`, tHint));
    if (i < 0 || j < 1 || k < 1 || l < 0) throw new ParseError(file, r.line, `torsion ${q + 1}: expected atom types i j k l with j, k >= 1 and i, l >= 0 (0 = wildcard), found ${i} ${j} ${k} ${l}`);
    const wild = i === 0 || l === 0;
    const use = wild ? typeOk(j, k) : typeOk(i, j, k, l);
    if (!use) ignored(r, `torsion ${i}-${j}-${k}-${l}`);
    const p = {} as ReaxffTorsion['p'];
    // LAMMPS reads the five values before it checks the types: always strict
    TORSION_PARAMS.forEach((nm, x) => { p[nm] = num(file, r, 4 + x, `torsion ${i}-${j}-${k}-${l} ${nm}`, false, warnings); });
    torsions.push({ i, j, k, l, p, lines: [r] });
  }

  // hydrogen bonds
  const hCount = rd.values('the number of hydrogen bonds');
  const nh = count(file, hCount, 'hydrogen bonds', tHint);
  const hHint = ` (is the hydrogen-bond count ${nh} on line ${hCount.line} right?)`;
  const hbonds: ReaxffHbond[] = [];
  for (let q = 0; q < nh; q++) {
    const r = rd.values(`hydrogen bond ${q + 1} of ${nh}`);
    needWords(file, r, 7, `hydrogen bond ${q + 1}`, hHint);
    const [i, j, k] = [0, 1, 2].map((x) => int(file, r, x, `hydrogen bond ${q + 1} atom type ${x + 1}`, hHint));
    if (i < 1 || j < 1 || k < 1) throw new ParseError(file, r.line, `hydrogen bond ${q + 1}: atom types must be >= 1, found ${i} ${j} ${k}`);
    const use = typeOk(i, j, k);
    if (!use) ignored(r, `hydrogen bond ${i}-${j}-${k}`);
    const p = {} as ReaxffHbond['p'];
    HBOND_PARAMS.forEach((nm, x) => { p[nm] = num(file, r, 3 + x, `hydrogen bond ${i}-${j}-${k} ${nm}`, !use, warnings); });
    hbonds.push({ i, j, k, p, lines: [r] });
  }
  const trailer = rd.rest();
  if (trailer.some((t) => wordsOf(t).length > 0)) {
    warnings.push({ file, line: hCount.line + nh + 1, message: `text after the hydrogen-bond section (LAMMPS ignores it)${hHint}` });
  }

  return {
    file, lgvdw: lg, header,
    general: { countLine: gCount, values, lines: gLines },
    atoms: { countLine: aCount, comments: aComments, rows: atoms },
    bonds: { countLine: bCount, comments: bComments, rows: bonds },
    offDiagonal: { countLine: oCount, comments: [], rows: offDiagonal },
    angles: { countLine: anCount, comments: [], rows: angles },
    torsions: { countLine: tCount, comments: [], rows: torsions },
    hbonds: { countLine: hCount, comments: [], rows: hbonds },
    trailer, vdwType, warnings,
  };
}

export function readReaxffFfield(path: string, opts: ParseReaxffOptions = {}): ReaxffFfield {
  return parseReaxffFfield(readFileSync(path, 'utf8'), path, opts);
}

/** vdW classification of one atom: 1 shielding, 2 inner wall, 3 both, 0 neither. */
export function atomVdwClass(p: Record<AtomParam, number>): 0 | 1 | 2 | 3 {
  const wall = p.rcore2 > 0.01 && p.acore2 > 0.01;
  const shield = p.gamma_w > 0.5;
  return wall ? (shield ? 3 : 2) : shield ? 1 : 0;
}

function deriveVdwType(file: string, atoms: ReaxffAtom[], warnings: Warning[]): 1 | 2 | 3 {
  let t: 0 | 1 | 2 | 3 = 0;
  for (const a of atoms) {
    const c = atomVdwClass(a.p);
    if (c === 0) {
      throw new ParseError(file, a.lines[0].line, `atom ${a.element}: inconsistent van der Waals parameters: no shielding (gamma_w ${a.p.gamma_w} <= 0.5) and no inner wall (rcore2 ${a.p.rcore2}, acore2 ${a.p.acore2})`);
    }
    if (t === 0) t = c;
    else if (c !== t) {
      warnings.push({ file, line: a.lines[3].line, message: `atom ${a.element} has van der Waals type ${c} but earlier atoms set type ${t}; LAMMPS keeps ${t} for all atoms` });
    }
  }
  return (t === 0 ? 1 : t) as 1 | 2 | 3;
}

// ---------------------------------------------------------------- writer

function tokenFor(orig: string | undefined, v: number): string {
  if (orig !== undefined) {
    const o = lammpsDouble(orig);
    if (o !== null && !o.prefixOnly && Object.is(o.value, v)) return orig;
  }
  if (!Number.isFinite(v)) throw new UsageError(`ffield: cannot write the value ${v}`);
  return formatFloat(v);
}

/**
 * Re-emit a line: the original text with only the changed words replaced in place (spacing and
 * comments kept); words beyond the original line are appended.
 */
function emit(r: RawLine, words: string[]): string {
  if (words.length === r.words.length && words.every((w, i) => w === r.words[i])) return r.text;
  let outText = '';
  let pos = 0;
  let k = 0;
  const re = /[^ \t\r\n\f]+/g;
  for (let m = re.exec(r.text); m !== null && k < words.length; m = re.exec(r.text), k++) {
    outText += r.text.slice(pos, m.index) + words[k];
    pos = m.index + m[0].length;
  }
  outText += r.text.slice(pos);
  for (; k < words.length; k++) outText += ' ' + words[k];
  return outText;
}

function emitRow(r: RawLine, fixed: string[], names: readonly (string | null)[], p: Record<string, number>, off: number): string {
  const words = r.words.slice();
  fixed.forEach((w, k) => { words[k] = w; });
  names.forEach((nm, k) => {
    if (nm !== null && p[nm] !== undefined && !(Number.isNaN(p[nm]) && lammpsDouble(words[off + k]) === null)) {
      words[off + k] = tokenFor(r.words[off + k], p[nm]);
    }
  });
  return emit(r, words);
}

function countText(r: RawLine, n: number): string {
  const words = r.words.slice();
  words[0] = String(n);
  return emit(r, words);
}

/**
 * Write an ffield that LAMMPS reads to the same parameters: each value keeps its original text
 * unless it was changed (then the shortest round-trip text); counts follow the row lists;
 * comment columns and lines are kept; line ends become LF.
 */
export function formatReaxffFfield(ff: ReaxffFfield): string {
  const out: string[] = [];
  out.push(ff.header.text);
  out.push(countText(ff.general.countLine, ff.general.values.length));
  ff.general.values.forEach((v, i) => {
    const r = ff.general.lines[i] ?? { text: '', words: [], line: 0 };
    const words = r.words.length > 0 ? r.words.slice() : ['0'];
    words[0] = tokenFor(r.words[0], v);
    out.push(emit(r, words));
  });
  out.push(countText(ff.atoms.countLine, ff.atoms.rows.length));
  for (const c of ff.atoms.comments) out.push(c.text);
  for (const a of ff.atoms.rows) {
    const n = ff.lgvdw ? 5 : 4;
    for (let li = 0; li < n; li++) {
      const r = a.lines[li];
      if (!r) throw new UsageError(`ffield: atom ${a.element} has no line ${li + 1} (lgvdw needs 5 lines per atom)`);
      out.push(emitRow(r, li === 0 ? [a.element] : [], ATOM_LINES[li], a.p, li === 0 ? 1 : 0));
    }
  }
  out.push(countText(ff.bonds.countLine, ff.bonds.rows.length));
  for (const c of ff.bonds.comments) out.push(c.text);
  for (const b of ff.bonds.rows) {
    out.push(emitRow(b.lines[0], [String(b.i), String(b.j)], BOND_LINES[0], b.p, 2));
    out.push(emitRow(b.lines[1], [], BOND_LINES[1], b.p, 0));
  }
  out.push(countText(ff.offDiagonal.countLine, ff.offDiagonal.rows.length));
  const offNames = ff.lgvdw ? OFFDIAG_PARAMS : OFFDIAG_PARAMS.slice(0, 6);
  for (const o of ff.offDiagonal.rows) out.push(emitRow(o.lines[0], [String(o.i), String(o.j)], offNames, o.p, 2));
  out.push(countText(ff.angles.countLine, ff.angles.rows.length));
  for (const a of ff.angles.rows) out.push(emitRow(a.lines[0], [a.i, a.j, a.k].map(String), ANGLE_PARAMS, a.p, 3));
  out.push(countText(ff.torsions.countLine, ff.torsions.rows.length));
  for (const t of ff.torsions.rows) out.push(emitRow(t.lines[0], [t.i, t.j, t.k, t.l].map(String), TORSION_PARAMS, t.p, 4));
  out.push(countText(ff.hbonds.countLine, ff.hbonds.rows.length));
  for (const h of ff.hbonds.rows) out.push(emitRow(h.lines[0], [h.i, h.j, h.k].map(String), HBOND_PARAMS, h.p, 3));
  for (const t of ff.trailer) out.push(t);
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- subset

/** LAMMPS matches pair_coeff names case-insensitively against the first 3 letters, upper-cased. */
export function reaxffElementMatches(fileElement: string, name: string): boolean {
  return fileElement.slice(0, 3).toUpperCase() === name.toUpperCase();
}

/**
 * A valid smaller ffield with only `elements` (kept in file order; rows renumbered; rows that
 * name a dropped element removed; torsion wildcards stay 0). LAMMPS fixes the vdW type from the
 * first atoms of the file; when the subset would change it, the kept first atom's parameters
 * that the original vdW type never uses are neutralised (acore2 = 0 for type 1, gamma_w = 0 for
 * type 2) so that LAMMPS computes the same energies, and a warning says so; if that is not
 * possible the subset is refused.
 */
export function subsetReaxffFfield(ff: ReaxffFfield, elements: string[]): ReaxffFfield {
  const keepIdx: number[] = []; // old 0-based indices kept, in file order
  for (const el of elements) {
    const k = ff.atoms.rows.findIndex((a) => reaxffElementMatches(a.element, el));
    if (k < 0) throw new UsageError(`--elements: '${el}' is not in ${ff.file} (it has ${ff.atoms.rows.map((a) => a.element).join(' ')})`);
  }
  ff.atoms.rows.forEach((a, k) => { if (elements.some((el) => reaxffElementMatches(a.element, el))) keepIdx.push(k); });
  const map = new Map<number, number>(); // old 1-based -> new 1-based
  keepIdx.forEach((old, n) => map.set(old + 1, n + 1));
  const na = ff.atoms.rows.length;
  const m = (x: number): number => map.get(x) ?? 0;
  const keepAll = (...t: number[]): boolean => t.every((x) => x <= na && map.has(x));
  const warnings: Warning[] = [];
  const atoms = keepIdx.map((k) => ({ ...ff.atoms.rows[k], p: { ...ff.atoms.rows[k].p } }));

  const target = ff.vdwType;
  if (atoms.length > 0) {
    const first = atoms[0];
    const c = atomVdwClass(first.p);
    if (c !== target) {
      const line = first.lines[3].line;
      if (target === 1 && c === 3) {
        first.p.acore2 = 0;
        warnings.push({ file: ff.file, line, message: `${first.element}: acore2 set to 0 so that the subset keeps vdW type 1 (shielding only) of the full file; the inner wall is unused in type 1` });
      } else if (target === 2 && c === 3) {
        first.p.gamma_w = 0;
        warnings.push({ file: ff.file, line, message: `${first.element}: gamma_w set to 0 so that the subset keeps vdW type 2 (inner wall only) of the full file; shielding is unused in type 2` });
      } else {
        throw new UsageError(`--elements ${elements.join(',')}: the subset would change the van der Waals type from ${target} to ${c} (LAMMPS takes it from the first atom), which changes energies`);
      }
    }
  }
  const sub: ReaxffFfield = {
    ...ff,
    atoms: { ...ff.atoms, rows: atoms },
    bonds: { ...ff.bonds, rows: ff.bonds.rows.filter((b) => keepAll(b.i, b.j)).map((b) => ({ ...b, i: m(b.i), j: m(b.j) })) },
    offDiagonal: { ...ff.offDiagonal, rows: ff.offDiagonal.rows.filter((o) => keepAll(o.i, o.j)).map((o) => ({ ...o, i: m(o.i), j: m(o.j) })) },
    angles: { ...ff.angles, rows: ff.angles.rows.filter((a) => keepAll(a.i, a.j, a.k)).map((a) => ({ ...a, i: m(a.i), j: m(a.j), k: m(a.k) })) },
    torsions: {
      ...ff.torsions,
      rows: ff.torsions.rows
        .filter((t) => keepAll(t.j, t.k) && (t.i === 0 || keepAll(t.i)) && (t.l === 0 || keepAll(t.l)))
        .map((t) => ({ ...t, i: t.i === 0 ? 0 : m(t.i), j: m(t.j), k: m(t.k), l: t.l === 0 ? 0 : m(t.l) })),
    },
    hbonds: { ...ff.hbonds, rows: ff.hbonds.rows.filter((h) => keepAll(h.i, h.j, h.k)).map((h) => ({ ...h, i: m(h.i), j: m(h.j), k: m(h.k) })) },
    vdwType: target,
    warnings,
  };
  return sub;
}

/** Named view for JSON output: general parameters by name, rows with their parameters. */
export function reaxffToJson(ff: ReaxffFfield): Record<string, unknown> {
  const general: Record<string, number> = {};
  ff.general.values.forEach((v, i) => { general[GENERAL_PARAMS[i] ?? `l${i}`] = v; });
  const strip = <T extends Row>(rows: T[]): Omit<T, 'lines'>[] => rows.map(({ lines, ...rest }) => ({ ...rest, line: lines[0].line }));
  return {
    file: ff.file,
    header: ff.header.text,
    lgvdw: ff.lgvdw,
    vdwType: ff.vdwType,
    general,
    atoms: strip(ff.atoms.rows),
    bonds: strip(ff.bonds.rows),
    offDiagonal: strip(ff.offDiagonal.rows),
    angles: strip(ff.angles.rows),
    torsions: strip(ff.torsions.rows),
    hbonds: strip(ff.hbonds.rows),
  };
}

/**
 * What LAMMPS does where the file has no row, for the atoms `elements` (default: all), one
 * message each (missing angle/torsion triplets are summarised):
 * - no bond row for a pair: every bond parameter is 0, so no bond energy, and when both r_s > 0
 *   the uncorrected sigma bond order is (1 + bo_cut) * exp(0) = 1 + bo_cut at every distance
 *   inside nbrhood_cutoff (pi terms likewise exp(0) = 1 when both r_pi / r_pi_pi > 0);
 * - no off-diagonal row: combination rules D = sqrt(eps_i eps_j), r_vdW = 2 sqrt(r_vdw_i r_vdw_j),
 *   alpha = sqrt(alpha_i alpha_j), r_s/r_p/r_pp = means of the atoms' radii;
 * - no angle row for j-i-k: no valence-angle, penalty or coalition energy for it;
 * - no torsion row (explicit or 0-j-k-0 wildcard): no torsion or conjugation energy.
 */
export function reaxffDefaultNotes(ff: ReaxffFfield, elements?: string[]): string[] {
  const rows = ff.atoms.rows;
  const idx = rows.map((_, k) => k + 1).filter((t) => !elements || elements.some((e) => reaxffElementMatches(rows[t - 1].element, e)));
  const name = (t: number): string => rows[t - 1].element;
  const notes: string[] = [];
  const has2 = (list: { i: number; j: number }[], a: number, b: number): boolean => list.some((r) => (r.i === a && r.j === b) || (r.i === b && r.j === a));
  const boCut = 0.01 * (ff.general.values[29] ?? NaN);
  for (const a of idx) {
    for (const b of idx) {
      if (b < a) continue;
      if (!has2(ff.bonds.rows, a, b)) {
        const sig = rows[a - 1].p.r_s > 0 && rows[b - 1].p.r_s > 0;
        notes.push(`no bond row for ${name(a)}-${name(b)}: LAMMPS uses 0 for all its bond parameters: no bond energy${sig ? `, and an uncorrected sigma bond order of 1 + bo_cut = ${1 + boCut} at every distance inside nbrhood_cutoff` : ''}`);
      }
      if (a !== b && !has2(ff.offDiagonal.rows, a, b)) {
        notes.push(`no off-diagonal row for ${name(a)}-${name(b)}: combination rules (D = sqrt(eps_i eps_j), r_vdW = 2 sqrt(r_vdw_i r_vdw_j), alpha = sqrt(alpha_i alpha_j), r_s, r_p, r_pp = means)`);
      }
    }
  }
  const missingAngles: string[] = [];
  const missingTorsions: string[] = [];
  for (const j of idx) for (const i of idx) for (const k of idx) {
    if (k < j) continue;
    if (!ff.angles.rows.some((r) => r.j === i && ((r.i === j && r.k === k) || (r.i === k && r.k === j)))) missingAngles.push(`${name(j)}-${name(i)}-${name(k)}`);
  }
  for (const j of idx) for (const k of idx) {
    const any = ff.torsions.rows.some((r) => (r.j === j && r.k === k) || (r.j === k && r.k === j));
    if (!any && k >= j) missingTorsions.push(`*-${name(j)}-${name(k)}-*`);
  }
  const summary = (l: string[]): string => (l.length > 8 ? `${l.slice(0, 8).join(' ')} and ${l.length - 8} more` : l.join(' '));
  if (missingAngles.length) notes.push(`no angle row for ${missingAngles.length} triplet(s) ${summary(missingAngles)}: no valence-angle, penalty or coalition energy for them`);
  if (missingTorsions.length) notes.push(`no torsion row for ${missingTorsions.length} central pair(s) ${summary(missingTorsions)}: no torsion or conjugation energy for them`);
  return notes;
}

/**
 * `pair_coeff * * FFIELD T1 T2 ...` for pair_style reaxff: per atom type the 0-based ffield atom
 * index, -1 for NULL. As in LAMMPS, a name matches an ffield element case-insensitively on the
 * element's first 3 letters; a name that matches no element, or several (LAMMPS then counts it
 * twice), is the "Non-existent ReaxFF type" error; all-NULL is an error.
 */
export function reaxffTypeMap(ff: ReaxffFfield, typeElements: string[]): number[] {
  const names = ff.atoms.rows.map((a) => a.element);
  const map = typeElements.map((el, t) => {
    if (el === 'NULL') return -1;
    const hits = names.flatMap((n, k) => (reaxffElementMatches(n, el) ? [k] : []));
    if (hits.length === 0) throw new UsageError(`pair_coeff: element '${el}' for atom type ${t + 1} is not in ${ff.file} (it has ${names.join(' ')}); LAMMPS: "Non-existent ReaxFF type"`);
    if (hits.length > 1) throw new UsageError(`pair_coeff: element '${el}' for atom type ${t + 1} matches ${hits.length} atoms of ${ff.file} (lines ${hits.map((k) => ff.atoms.rows[k].lines[0].line).join(', ')}); LAMMPS: "Non-existent ReaxFF type"`);
    return hits[0];
  });
  if (map.length > 0 && map.every((k) => k < 0)) throw new UsageError('pair_coeff: every atom type is NULL; LAMMPS needs at least one mapped type');
  return map;
}

// ---------------------------------------------------------------- parameters as LAMMPS holds them

export type ReaxffTwoBody = Record<BondParam, number> & {
  /** A bond row exists for the pair (else every bond parameter is 0). */
  bond: boolean;
  /** Combination rules, then off-diagonal overrides where the row's value is > 0. */
  r_s: number; r_p: number; r_pp: number;
  p_boc3: number; p_boc4: number; p_boc5: number;
  D: number; alpha: number; r_vdW: number; gamma_w: number;
  /** (gamma_i gamma_j)^-1.5 (QEq/Coulomb shielding). */
  gamma: number;
  rcore: number; ecore: number; acore: number;
  lgcij: number; lgre: number;
};
export type ReaxffAngleParams = Record<(typeof ANGLE_PARAMS)[number], number>;
export type ReaxffTorsionParams = Record<(typeof TORSION_PARAMS)[number], number>;
export type ReaxffHbondParams = Record<(typeof HBOND_PARAMS)[number], number>;

export interface ReaxffParams {
  n: number;
  /** LAMMPS's stored names: first 3 letters, upper case. */
  names: string[];
  /** General parameters l[0..]. */
  gp: number[];
  vdwType: 1 | 2 | 3;
  /** 0.01 * l[29], l[11], l[12]. */
  boCut: number; swa: number; swb: number;
  /** Per atom: the file's values except eta = 2 * eta, p_hbond = (int), valency_val = valency_boc
   * when mass < 21, plus nlp_opt = (valency_e - valency) / 2. */
  sbp: (Record<AtomParam, number> & { nlp_opt: number })[];
  /** [i][j], symmetric. */
  tbp: ReaxffTwoBody[][];
  /** [i][j][k] (j = centre): the angle rows in file order (rows with |p_val1| <= 0.001 give no energy;
   * for i == k LAMMPS also stores an all-zero row, which therefore gives none either). */
  thbp: ReaxffAngleParams[][][][];
  /** [i][j][k][l]: explicit rows win over `0 j k 0` wildcards, later rows over earlier ones; null = none. */
  fbp: (ReaxffTorsionParams | null)[][][][];
  /** [i][j][k]: null where the file has no row (LAMMPS marks r0_hb = -1). */
  hbp: (ReaxffHbondParams | null)[][][];
}

/**
 * The derived parameter tables of LAMMPS's reader (src/REAXFF/reaxff_ffield.cpp) from the
 * literature's combination rules: r_s/r_p/r_pp are means of the atoms' radii, p_boc3/4/5, D,
 * alpha, gamma_w, rcore/ecore/acore, lgcij geometric means, r_vdW = 2 sqrt(r_vdw_i r_vdw_j),
 * gamma = (gamma_i gamma_j)^-1.5, lgre = 2 l[35] sqrt(lgre_i lgre_j); off-diagonal rows replace
 * D, r_vdW (= 2 * value), alpha, r_s, r_p, r_pp where their value is > 0 (lgcij where >= 0).
 * Rows naming atom types beyond the atom count are ignored, as in LAMMPS.
 */
export function resolveReaxffParams(ff: ReaxffFfield): ReaxffParams {
  const atoms = ff.atoms.rows;
  const n = atoms.length;
  const gp = ff.general.values.slice();
  const sbp = atoms.map((a) => {
    const p = { ...a.p, nlp_opt: 0 };
    p.nlp_opt = 0.5 * (p.valency_e - p.valency);
    p.eta = 2.0 * a.p.eta;
    p.p_hbond = Math.trunc(a.p.p_hbond);
    if (p.mass < 21 && p.valency_val !== p.valency_boc) p.valency_val = p.valency_boc;
    return p;
  });
  const zeroBond = (): Record<BondParam, number> => Object.fromEntries(BOND_LINES.flat().filter((x) => x !== null).map((k) => [k, 0])) as Record<BondParam, number>;
  const tbp: ReaxffTwoBody[][] = [];
  for (let i = 0; i < n; i++) {
    tbp.push([]);
    for (let j = 0; j < n; j++) {
      const a = sbp[i], b = sbp[j];
      tbp[i].push({
        ...zeroBond(), bond: false,
        r_s: 0.5 * (b.r_s + a.r_s), r_p: 0.5 * (b.r_pi + a.r_pi), r_pp: 0.5 * (b.r_pi_pi + a.r_pi_pi),
        p_boc3: Math.sqrt(b.b_o_132 * a.b_o_132), p_boc4: Math.sqrt(b.b_o_131 * a.b_o_131), p_boc5: Math.sqrt(b.b_o_133 * a.b_o_133),
        D: Math.sqrt(b.epsilon * a.epsilon), alpha: Math.sqrt(b.alpha * a.alpha), r_vdW: 2.0 * Math.sqrt(b.r_vdw * a.r_vdw),
        gamma_w: Math.sqrt(b.gamma_w * a.gamma_w), gamma: Math.pow(b.gamma * a.gamma, -1.5),
        rcore: Math.sqrt(a.rcore2 * b.rcore2), ecore: Math.sqrt(a.ecore2 * b.ecore2), acore: Math.sqrt(a.acore2 * b.acore2),
        lgcij: Math.sqrt(a.lgcij * b.lgcij), lgre: 2.0 * (gp[35] ?? 0) * Math.sqrt(a.lgre * b.lgre),
      });
    }
  }
  const inRange = (...t: number[]): boolean => t.every((x) => x >= 1 && x <= n);
  for (const r of ff.bonds.rows) {
    if (!inRange(r.i, r.j)) continue;
    for (const [x, y] of [[r.i - 1, r.j - 1], [r.j - 1, r.i - 1]]) Object.assign(tbp[x][y], r.p, { bond: true });
  }
  for (const r of ff.offDiagonal.rows) {
    if (!inRange(r.i, r.j)) continue;
    for (const [x, y] of [[r.i - 1, r.j - 1], [r.j - 1, r.i - 1]]) {
      const t = tbp[x][y];
      if (r.p.D > 0) t.D = r.p.D;
      if (r.p.r_vdW > 0) t.r_vdW = 2 * r.p.r_vdW;
      if (r.p.alpha > 0) t.alpha = r.p.alpha;
      if (r.p.r_s > 0) t.r_s = r.p.r_s;
      if (r.p.r_p > 0) t.r_p = r.p.r_p;
      if (r.p.r_pp > 0) t.r_pp = r.p.r_pp;
      if (ff.lgvdw && r.p.lgcij >= 0) t.lgcij = r.p.lgcij;
    }
  }
  const cube = <T>(f: () => T): T[][][] => Array.from({ length: n }, () => Array.from({ length: n }, () => Array.from({ length: n }, f)));
  const thbp = cube<ReaxffAngleParams[]>(() => []);
  for (const r of ff.angles.rows) {
    if (!inRange(r.i, r.j, r.k)) continue;
    thbp[r.i - 1][r.j - 1][r.k - 1].push({ ...r.p });
    if (r.i !== r.k) thbp[r.k - 1][r.j - 1][r.i - 1].push({ ...r.p });
  }
  const fbp = Array.from({ length: n }, () => cube<ReaxffTorsionParams | null>(() => null));
  const explicit = Array.from({ length: n }, () => cube(() => false));
  for (const r of ff.torsions.rows) {
    const [i, j, k, l] = [r.i - 1, r.j - 1, r.k - 1, r.l - 1];
    if (i >= 0 && l >= 0) {
      if (!inRange(r.i, r.j, r.k, r.l)) continue;
      fbp[i][j][k][l] = { ...r.p };
      fbp[l][k][j][i] = { ...r.p };
      explicit[i][j][k][l] = explicit[l][k][j][i] = true;
    } else {
      if (!inRange(r.j, r.k)) continue;
      for (let p = 0; p < n; p++) for (let o = 0; o < n; o++) {
        if (!explicit[p][j][k][o]) fbp[p][j][k][o] = { ...r.p };
        if (!explicit[o][k][j][p]) fbp[o][k][j][p] = { ...r.p };
      }
    }
  }
  const hbp = cube<ReaxffHbondParams | null>(() => null);
  for (const r of ff.hbonds.rows) {
    if (!inRange(r.i, r.j, r.k)) continue;
    hbp[r.i - 1][r.j - 1][r.k - 1] = { ...r.p };
  }
  return {
    n, names: atoms.map((a) => a.element.slice(0, 3).toUpperCase()), gp, vdwType: ff.vdwType,
    boCut: 0.01 * (gp[29] ?? NaN), swa: gp[11] ?? NaN, swb: gp[12] ?? NaN, sbp, tbp, thbp, fbp, hbp,
  };
}
