/**
 * Potential files: where LAMMPS looks for them, and how it reads a number in them.
 *
 * Search order of `resolvePotential(name, { inputDir })`, modelled on LAMMPS
 * `utils::get_potential_file_path` (which tries the name as given, then `$LAMMPS_POTENTIALS/name`):
 *   1. `name` itself if absolute; otherwise `inputDir/name` (the folder of the input script;
 *      LAMMPS opens relative names from its working directory, which is the input's folder
 *      in every reference case), then `name` relative to the current directory;
 *   2. `$LAMMPS_POTENTIALS/<basename>`;
 *   3. `../shared/potentials/<basename>` relative to the repository root;
 *   4. `/usr/share/lammps/potentials/<basename>` (Debian's `lammps-data`).
 * The error lists every place tried.
 *
 * Numbers: since 2020 LAMMPS reads potential-file values with `ValueTokenizer::next_double`,
 * which accepts a token only if every character is a digit or one of `+ - . e E`
 * (`utils::is_double`) and then converts it with `atof`, i.e. the longest valid prefix.
 * So `5.6937!comment` (glued comment) and `1.0D0` (Fortran exponent) are errors in LAMMPS,
 * and `1.5.3` is silently read as 1.5. `lammpsDouble` mirrors that: `null` for what LAMMPS
 * rejects, `{ value, prefixOnly: true }` when LAMMPS would read only a prefix (callers warn).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { lammpsPotentialsDir, SHARED_DIR } from './config.js';
import { UsageError } from './errors.js';

/** The fixed fallback folders, in search order after `$LAMMPS_POTENTIALS`. */
export const SHARED_POTENTIALS = join(SHARED_DIR, 'potentials');
export const SYSTEM_POTENTIALS = '/usr/share/lammps/potentials';

export interface ResolveOptions {
  /** Folder of the input script (relative names are tried there first). */
  inputDir?: string;
  /** Override of `process.env.LAMMPS_POTENTIALS` (tests). `null` disables it. */
  lammpsPotentials?: string | null;
  /** Override of the fixed fallback folders (tests). */
  fallbackDirs?: string[];
}

/** The candidate paths for `name`, in the order they are tried. */
export function potentialCandidates(name: string, opts: ResolveOptions = {}): string[] {
  const out: string[] = [];
  if (isAbsolute(name)) {
    out.push(name);
  } else {
    if (opts.inputDir !== undefined) out.push(join(opts.inputDir, name));
    out.push(resolve(name));
  }
  const base = basename(name);
  const env = opts.lammpsPotentials === undefined ? lammpsPotentialsDir() : opts.lammpsPotentials;
  if (env) out.push(join(env, base));
  for (const d of opts.fallbackDirs ?? [SHARED_POTENTIALS, SYSTEM_POTENTIALS]) out.push(join(d, base));
  // keep order, drop duplicates
  return out.filter((p, i) => out.indexOf(p) === i);
}

/** First existing regular file for `name`; UsageError listing the places tried otherwise. */
export function resolvePotential(name: string, opts: ResolveOptions = {}): string {
  const tried = potentialCandidates(name, opts);
  for (const p of tried) {
    try {
      if (existsSync(p) && statSync(p).isFile()) return p;
    } catch {
      /* unreadable: try the next one */
    }
  }
  throw potentialNotFound(name, tried);
}

/**
 * The one error for a potential file that is not there (pair_coeff of eam, meam, reaxff, and the
 * CLI): the name as given and every place searched, in order.
 */
export function potentialNotFound(name: string, tried: string[] = potentialCandidates(name)): UsageError {
  return new UsageError(`potential file '${name}' not found; tried: ${tried.join(', ')}`);
}

/**
 * Is a pair_coeff word meant as a file name? Element names and NULL never contain '.', '/' or '\\',
 * file names nearly always do; used where LAMMPS finds a file among element names by trying to
 * open each word (pair meam's parameter file), so that a missing file is reported as missing.
 */
export function looksLikeFileName(word: string): boolean {
  return /[./\\]/.test(word);
}

const FULL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const FLOAT_PREFIX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IS_DOUBLE_CHARS = /^[0-9+\-.eE]+$/;
const IS_INTEGER_CHARS = /^[0-9+-]+$/;

export interface LammpsNumber {
  value: number;
  /** LAMMPS accepts the token but `atof` reads only a prefix of it (e.g. `1.5.3`). */
  prefixOnly: boolean;
}

/** A token as LAMMPS `ValueTokenizer::next_double` reads it; null where LAMMPS stops with an error. */
export function lammpsDouble(tok: string): LammpsNumber | null {
  if (FULL_FLOAT.test(tok)) return { value: Number(tok), prefixOnly: false };
  if (!IS_DOUBLE_CHARS.test(tok)) return null;
  const m = FLOAT_PREFIX.exec(tok);
  // atof of a token without any valid prefix ("e5", ".") gives 0 in LAMMPS; we refuse it
  if (!m) return null;
  return { value: Number(m[0]), prefixOnly: true };
}

/** A token as LAMMPS `ValueTokenizer::next_int` reads it (`atoi`); null where LAMMPS errors. */
export function lammpsInt(tok: string): LammpsNumber | null {
  if (/^[+-]?\d+$/.test(tok)) {
    const v = Number(tok);
    return Number.isSafeInteger(v) ? { value: v, prefixOnly: false } : null;
  }
  if (!IS_INTEGER_CHARS.test(tok)) return null;
  const m = /^[+-]?\d+/.exec(tok);
  return m ? { value: Number(m[0]), prefixOnly: true } : null;
}

/** One-phrase hint for a token LAMMPS rejects as a number (used in ParseError messages). */
export function numberHint(tok: string): string {
  const glued = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(!.*)$/.exec(tok);
  if (glued) return ` (a comment glued to the number: LAMMPS >= 2021 rejects it; put a space before '!': '${glued[1]} ${glued[2]}')`;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)[dD][+-]?\d+$/.test(tok)) {
    return ` (Fortran 'D' exponent: LAMMPS rejects it; write '${tok.replace(/[dD]/, 'e')}')`;
  }
  return '';
}

/** LAMMPS utils::get_conversion_factor(ENERGY, METAL2REAL): kcal/mol per eV. */
export const METAL2REAL = 23.060549;

/**
 * Energy conversion factor for a potential file read under `unitStyle`, by LAMMPS's rule
 * (PotentialFileReader::open_potential, utils::get_potential_units): the word after `UNITS:` on the
 * file's first non-blank line; none or the same: 1; metal file under real: METAL2REAL, real under
 * metal: 1/METAL2REAL (for styles that allow conversion, e.g. eam); else a ParseError-like
 * UsageError naming the file ("requires X units but Y units are in use").
 */
export function potentialEnergyFactor(text: string, file: string, unitStyle: string, styleName: string, convertible: boolean): { factor: number; from: string } {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const w = first.trim().split(/\s+/);
  const k = w.indexOf('UNITS:');
  const units = k >= 0 && k + 1 < w.length ? w[k + 1] : '';
  if (units === '' || units === unitStyle) return { factor: 1, from: units };
  if (convertible && units === 'metal' && unitStyle === 'real') return { factor: METAL2REAL, from: units };
  if (convertible && units === 'real' && unitStyle === 'metal') return { factor: 1.0 / METAL2REAL, from: units };
  throw new UsageError(`${styleName} potential file ${file} requires ${units} units but ${unitStyle} units are in use`);
}
