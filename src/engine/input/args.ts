/**
 * LAMMPS's argument rules, the one place they live (utils.cpp: numeric, inumeric, bounds; and the
 * yes/no keywords of many commands):
 * - a number is made only of `0123456789-+.eE` (utils::numeric), so `0x10`, `inf`, `nan`, `1,5` and
 *   the empty string are refused; lmpv also refuses what `atof` would read only a prefix of
 *   (`1e`, `1-2`), where LAMMPS silently takes the prefix;
 * - an integer is made only of `0123456789-+` (utils::inumeric): `2.0` and `1e3` are refused;
 * - a range is `N`, `*`, `N*`, `*M` or `N*M` within [nmin, nmax] (utils::bounds).
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
