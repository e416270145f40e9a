/**
 * LAMMPS's argument rules, the one place they live (utils.cpp: numeric, inumeric, bounds; and the
 * yes/no keywords of many commands):
 * - a number is made only of `0123456789-+.eE` (utils::numeric), so `0x10`, `inf`, `nan`, `1,5` and
 *   the empty string are refused; lmpv also refuses what `atof` would read only a prefix of
 *   (`1e`, `1-2`), where LAMMPS silently takes the prefix;
 * - an integer is made only of `0123456789-+` (utils::inumeric): `2.0` and `1e3` are refused;
 * - a range is `N`, `*`, `N*`, `*M` or `N*M` within [nmin, nmax] (utils::bounds);
 * - an atom type may be given by its label (LAMMPS >= 2023 `labelmap`, utils::expand_type and
 *   label_map.cpp): a word that is neither a number nor a range is looked up in the label map.
 * Errors are ScriptErrors naming what was expected and the word found; the interpreter adds file and line.
 */
import { ScriptError } from '../errors.js';

const FLOAT_CHARS = /^[0-9+\-.eE]+$/;
const INT_FORM = /^[+-]?\d+$/;

/** Does `w` satisfy LAMMPS's number rule (and parse completely)? */
export function isNumeric(w: string | undefined): w is string {
  return w !== undefined && FLOAT_CHARS.test(w) && Number.isFinite(Number(w));
}

/** Does `w` satisfy LAMMPS's integer rule? */
export function isInteger(w: string | undefined): w is string {
  return w !== undefined && INT_FORM.test(w);
}

/** A floating-point argument (LAMMPS utils::numeric). */
export function numeric(w: string | undefined, what: string): number {
  if (!isNumeric(w)) throw new ScriptError(`${what}: expected a number, found '${w ?? '(nothing)'}'`);
  return Number(w);
}

/** An integer argument (LAMMPS utils::inumeric). */
export function inumeric(w: string | undefined, what: string): number {
  if (!isInteger(w)) throw new ScriptError(`${what}: expected an integer, found '${w ?? '(nothing)'}'`);
  return Number(w);
}

/** `yes` or `no`. */
export function yesno(w: string | undefined, what: string): boolean {
  if (w === 'yes') return true;
  if (w === 'no') return false;
  throw new ScriptError(`${what}: expected yes or no, found '${w ?? '(nothing)'}'`);
}

/**
 * `N`, `*`, `N*`, `*M` or `N*M` -> inclusive [lo, hi] within [nmin, nmax] (LAMMPS utils::bounds,
 * used for atom types in mass, pair_coeff, compute rdf, set, ...).
 */
export function bounds(w: string | undefined, nmin: number, nmax: number, what: string): [number, number] {
  let lo: number, hi: number;
  const m = w === undefined ? null : /^(\d*)\*(\d*)$/.exec(w);
  if (m) {
    lo = m[1] === '' ? nmin : Number(m[1]);
    hi = m[2] === '' ? nmax : Number(m[2]);
  } else if (w !== undefined && /^\d+$/.test(w)) lo = hi = Number(w);
  else throw new ScriptError(`${what}: expected N, *, N*, *M or N*M, found '${w ?? '(nothing)'}'`);
  if (lo < nmin || hi > nmax || lo > hi) throw new ScriptError(`${what}: range '${w}' is outside ${nmin}..${nmax}`);
  return [lo, hi];
}

/**
 * Is `w` a valid type label? (LAMMPS utils::is_type: not empty, no whitespace, does not start with
 * a digit, '#' or '*'; `labelmap` refuses anything else.)
 */
export function isTypeLabel(w: string): boolean {
  return w !== '' && !/\s/.test(w) && !/^[0-9#*]/.test(w);
}

/**
 * The atom type a label names (LAMMPS utils::expand_type): null when `w` is not a label-shaped word
 * (a number or a range, left to the caller's rule). An unknown label is an error naming it.
 */
export function labelType(w: string | undefined, labels: readonly string[] | null, what: string): number | null {
  if (w === undefined || !isTypeLabel(w) || /^[+-]?\d/.test(w)) return null;
  if (!labels) throw new ScriptError(`${what}: atom type label '${w}' cannot be used without a labelmap`);
  const t = labels.indexOf(w);
  if (t < 0) throw new ScriptError(`${what}: atom type label '${w}' is not in the labelmap (${labels.filter((l) => l !== '').join(' ')})`);
  return t + 1;
}

/** One atom type, as a number 1..ntypes or a label (LAMMPS utils::expand_type_int). */
export function typeArg(w: string | undefined, labels: readonly string[] | null, ntypes: number, what: string): number {
  const lt = labelType(w, labels, what);
  const t = lt ?? inumeric(w, what);
  if (t < 1 || t > ntypes) throw new ScriptError(`${what}: invalid atom type ${t} (expected 1..${ntypes})`);
  return t;
}

/** `bounds` for atom types, where a label stands for its one type (LAMMPS expand_type, then bounds). */
export function typeBounds(w: string | undefined, labels: readonly string[] | null, ntypes: number, what: string): [number, number] {
  const lt = labelType(w, labels, what);
  return lt !== null ? [lt, lt] : bounds(w, 1, ntypes, what);
}
