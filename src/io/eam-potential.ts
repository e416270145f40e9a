/**
 * EAM potential files as LAMMPS reads them (src/MANYBODY/pair_eam.cpp, pair_eam_alloy.cpp,
 * pair_eam_fs.cpp, through utils' PotentialFileReader / TextFileReader; formats documented on
 * the LAMMPS `pair_style eam` page, after DYNAMO: Daw, Foiles & Baskes):
 *
 * - funcfl (`pair_style eam`, one element): line 1 comment; line 2 `Z mass [alat lattice]`;
 *   line 3 `Nrho drho Nr dr cutoff`; then Nrho values of F(rho) [eV], Nr values of the effective
 *   charge Z(r) [sqrt(Hartree * Bohr); phi_ij(r) = 27.2 * 0.529 * Z_i(r) Z_j(r) / r eV], Nr values of rho(r).
 * - setfl (`eam/alloy`): lines 1-3 comments; line 4 `Ne El1 ... ElNe`; line 5 `Nrho drho Nr dr cutoff`;
 *   per element a line `Z mass alat lattice`, Nrho values of F(rho), Nr values of rho(r); then
 *   r*phi(r) [eV*Angstrom] for each pair i >= j in the order (1,1) (2,1) (2,2) (3,1) ...
 * - Finnis-Sinclair (`eam/fs`): as setfl, but after F_i come Ne density functions rho_{i,j}(r),
 *   j = 1..Ne: the density an atom of element i contributes at an atom of element j (LAMMPS
 *   PairEAMFS::file2array, type2rhor[i][j] = i*Ne + j, used as rho[i] += rhor[type2rhor[jtype][itype]]).
 *
 * Reading rules of LAMMPS's TextFileReader, mirrored so that the same files give the same numbers:
 * the skipped header lines are taken verbatim; elsewhere `#` starts a comment; a header record
 * (`next_values(n)`) joins lines until it has n words; a table (`next_dvector(n)`) takes numbers
 * line by line and DROPS the rest of the line that completes it (a warning here). Numbers go
 * through `lammpsDouble` / `lammpsInt` (ValueTokenizer).
 *
 * Arrays here are 0-based: `frho[k]` is LAMMPS's `frho[k+1]`. Units: the files are in eV and
 * Angstrom unless their first line says `UNITS: real`; with `{ units }` given, energies are converted
 * as LAMMPS converts them (potentialEnergyFactor: metal <-> real), including its loop bounds: funcfl
 * F and Z (Z by sqrt(factor)) and fs F and r*phi at every point, but setfl F and r*phi at all points
 * except the last (pair_eam_alloy.cpp loops `j < nrho`, `k < nr`).
 */
import { readFileSync } from 'node:fs';
import { ParseError, type Warning } from './errors.js';
import { lammpsDouble, lammpsInt, numberHint, potentialEnergyFactor } from './potentials-path.js';

/** One DYNAMO funcfl file (`pair_style eam`). */
export interface EamFuncfl {
  kind: 'funcfl';
  file: string;
  comment: string;
  /** Atomic number (read, unused by LAMMPS). */
  z: number;
  /** Mass [g/mol]; pair_coeff I I sets the type's mass to it. */
  mass: number;
  nrho: number;
  drho: number;
  nr: number;
  dr: number;
  /** Cutoff [Angstrom]. */
  cut: number;
  /** F(rho) on rho = k drho, k = 0..nrho-1 [eV]. */
  frho: Float64Array;
  /** Z(r) on r = k dr, k = 0..nr-1. */
  zr: Float64Array;
  /** rho(r) on r = k dr. */
  rhor: Float64Array;
  warnings: Warning[];
}

/** A DYNAMO setfl file (`eam/alloy`) or a Finnis-Sinclair file (`eam/fs`). */
export interface EamSetfl {
  kind: 'setfl' | 'fs';
  file: string;
  comments: string[];
  elements: string[];
  /** Atomic number and mass of each element. */
  z: number[];
  mass: number[];
  nrho: number;
  drho: number;
  nr: number;
  dr: number;
  cut: number;
  /** F_i(rho), one per element, nrho values. */
  frho: Float64Array[];
  /** setfl: rho_i(r), one per element; fs: rho_{i,j}(r) at index i*Ne + j, in file order. */
  rhor: Float64Array[];
  /** r*phi_ij(r) [eV*Angstrom] for i >= j at index i(i+1)/2 + j (file order). */
  z2r: Float64Array[];
  warnings: Warning[];
}

/** Line reader with LAMMPS TextFileReader's rules. */
class Reader {
  private lines: string[];
  /** Index of the next line to read (0-based). */
  pos = 0;
  readonly warnings: Warning[] = [];

  constructor(text: string, readonly file: string, readonly what: string) {
    this.lines = text.split(/\r?\n/);
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
  }

  private eof(line: number, detail: string): ParseError {
    return new ParseError(this.file, line, `${detail} before the end of the file (${this.what})`);
  }

  skipLine(expected: string): string {
    if (this.pos >= this.lines.length) throw this.eof(this.lines.length, `expected ${expected}`);
    return this.lines[this.pos++];
  }

  private words(k: number): string[] {
    const raw = this.lines[k];
    const h = raw.indexOf('#');
    const s = (h >= 0 ? raw.slice(0, h) : raw).trim();
    return s === '' ? [] : s.split(/\s+/);
  }

  /** A header record: lines joined until at least n words; returns the words and the first line (1-based). */
  nextValues(n: number, expected: string): { words: string[]; line: number } {
    const out: string[] = [];
    let first = -1;
    while (out.length === 0 || out.length < n) {
      if (this.pos >= this.lines.length) throw this.eof(this.lines.length, `expected ${expected}${out.length ? `, found ${out.length} of ${n} words` : ''}`);
      const w = this.words(this.pos);
      if (w.length > 0 && first < 0) first = this.pos + 1;
      out.push(...w);
      this.pos++;
    }
    return { words: out, line: first };
  }

  /** n numbers, line by line; the rest of the line holding the n-th is dropped (as LAMMPS does). */
  nextDvector(n: number, expected: string): Float64Array {
    const out = new Float64Array(n);
    let i = 0;
    while (i < n) {
      if (this.pos >= this.lines.length) throw this.eof(this.lines.length, `expected ${n} values of ${expected}, found ${i}`);
      const line = this.pos + 1;
      const w = this.words(this.pos++);
      let k = 0;
      for (; k < w.length && i < n; k++) out[i++] = this.double(w[k], line, `a value of ${expected}`);
      if (k < w.length) {
        this.warnings.push({ file: this.file, line, message: `${w.length - k} number(s) after the last of the ${n} values of ${expected} are ignored (LAMMPS reads tables line by line)` });
      }
    }
    return out;
  }

  double(tok: string, line: number, what: string): number {
    const v = lammpsDouble(tok);
    if (!v) throw new ParseError(this.file, line, `expected ${what} (a number), found '${tok}'${numberHint(tok)}`);
    if (v.prefixOnly) this.warnings.push({ file: this.file, line, message: `'${tok}' is read as ${v.value} (LAMMPS reads the longest number at its start)` });
    return v.value;
  }

  int(tok: string, line: number, what: string): number {
    const v = lammpsInt(tok);
    if (!v) throw new ParseError(this.file, line, `expected ${what} (an integer), found '${tok}'`);
    return v.value;
  }
}

/** `Nrho drho Nr dr cutoff`, checked as LAMMPS does ("Invalid EAM potential file"). */
function gridLine(rd: Reader): { nrho: number; drho: number; nr: number; dr: number; cut: number } {
  const { words, line } = rd.nextValues(5, 'Nrho drho Nr dr cutoff');
  const nrho = rd.int(words[0], line, 'Nrho');
  const drho = rd.double(words[1], line, 'drho');
  const nr = rd.int(words[2], line, 'Nr');
  const dr = rd.double(words[3], line, 'dr');
  const cut = rd.double(words[4], line, 'cutoff');
  if (nrho <= 0 || nr <= 0 || dr <= 0) {
    throw new ParseError(rd.file, line, `expected Nrho > 0, Nr > 0 and dr > 0, found Nrho ${nrho}, Nr ${nr}, dr ${dr} (LAMMPS: Invalid EAM potential file)`);
  }
  // the cubic spline of LAMMPS (PairEAM::interpolate, 4-point funcfl regridding) needs 4 points per table
  if (nrho < 4 || nr < 4) throw new ParseError(rd.file, line, `expected at least 4 points in each table, found Nrho ${nrho}, Nr ${nr}`);
  return { nrho, drho, nr, dr, cut };
}

function elementLine(rd: Reader, what: string): { z: number; mass: number } {
  const { words, line } = rd.nextValues(2, `'Z mass' of ${what}`);
  return { z: rd.int(words[0], line, `the atomic number of ${what}`), mass: rd.double(words[1], line, `the mass of ${what}`) };
}

export interface EamReadOptions {
  /** The input's unit style; files tagged `UNITS: metal|real` are converted to it (LAMMPS rule). */
  units?: string;
}

/** Energy factor and the warning LAMMPS prints ("Converting ... in X units to Y units"). */
function conversion(text: string, file: string, style: string, opts: EamReadOptions, warnings: Warning[]): number {
  if (opts.units === undefined) return 1;
  const { factor, from } = potentialEnergyFactor(text, file, opts.units, style, true);
  if (factor !== 1) warnings.push({ file, line: 1, message: `converting ${style} file in ${from} units to ${opts.units} units (energy x ${factor})` });
  return factor;
}

/** Parse a funcfl file (`pair_style eam`). */
export function parseEamFuncfl(text: string, file: string, opts: EamReadOptions = {}): EamFuncfl {
  const rd = new Reader(text, file, 'funcfl file of pair_style eam');
  const comment = rd.skipLine('a comment line');
  const { z, mass } = elementLine(rd, 'the element');
  const g = gridLine(rd);
  const frho = rd.nextDvector(g.nrho, 'F(rho)');
  const zr = rd.nextDvector(g.nr, 'Z(r)');
  const rhor = rd.nextDvector(g.nr, 'rho(r)');
  const cf = conversion(text, file, 'eam', opts, rd.warnings);
  if (cf !== 1) {
    const sq = Math.sqrt(cf);
    for (let i = 0; i < g.nrho; i++) frho[i] *= cf;
    for (let j = 0; j < g.nr; j++) zr[j] *= sq;
  }
  return { kind: 'funcfl', file, comment, z, mass, ...g, frho, zr, rhor, warnings: rd.warnings };
}

/** Parse a setfl (`eam/alloy`) or Finnis-Sinclair (`eam/fs`) file. */
export function parseEamSetfl(text: string, file: string, kind: 'setfl' | 'fs', opts: EamReadOptions = {}): EamSetfl {
  const rd = new Reader(text, file, kind === 'fs' ? 'Finnis-Sinclair file of pair_style eam/fs' : 'setfl file of pair_style eam/alloy');
  const comments = [rd.skipLine('comment line 1'), rd.skipLine('comment line 2'), rd.skipLine('comment line 3')];
  const { words, line } = rd.nextValues(1, "'Nelements El1 El2 ...'");
  const ne = rd.int(words[0], line, 'the number of elements');
  if (ne < 1 || words.length !== ne + 1) {
    throw new ParseError(file, line, `expected the number of elements and that many element names, found '${words.join(' ')}' (LAMMPS: Incorrect element names in EAM potential file)`);
  }
  const elements = words.slice(1);
  const g = gridLine(rd);
  const z: number[] = [], mass: number[] = [], frho: Float64Array[] = [], rhor: Float64Array[] = [], z2r: Float64Array[] = [];
  for (let i = 0; i < ne; i++) {
    const el = elementLine(rd, `element ${elements[i]}`);
    z.push(el.z);
    mass.push(el.mass);
    frho.push(rd.nextDvector(g.nrho, `F(rho) of ${elements[i]}`));
    if (kind === 'fs') for (let j = 0; j < ne; j++) rhor.push(rd.nextDvector(g.nr, `rho(r) of ${elements[i]}-${elements[j]}`));
    else rhor.push(rd.nextDvector(g.nr, `rho(r) of ${elements[i]}`));
  }
  for (let i = 0; i < ne; i++) for (let j = 0; j <= i; j++) z2r.push(rd.nextDvector(g.nr, `r*phi(r) of ${elements[i]}-${elements[j]}`));
  const cf = conversion(text, file, kind === 'fs' ? 'eam/fs' : 'eam/alloy', opts, rd.warnings);
  if (cf !== 1) {
    // LAMMPS converts setfl tables without their last point, fs tables whole
    const last = kind === 'fs' ? 0 : 1;
    for (const t of frho) for (let k = 0; k < g.nrho - last; k++) t[k] *= cf;
    for (const t of z2r) for (let k = 0; k < g.nr - last; k++) t[k] *= cf;
  }
  return { kind, file, comments, elements, z, mass, ...g, frho, rhor, z2r, warnings: rd.warnings };
}

export function readEamFuncfl(path: string, opts: EamReadOptions = {}): EamFuncfl {
  return parseEamFuncfl(readFileSync(path, 'utf8'), path, opts);
}

export function readEamSetfl(path: string, kind: 'setfl' | 'fs', opts: EamReadOptions = {}): EamSetfl {
  return parseEamSetfl(readFileSync(path, 'utf8'), path, kind, opts);
}
