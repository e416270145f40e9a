/**
 * The two small files around ReaxFF in LAMMPS (2021/2022):
 *
 * ## Control file (`pair_style reaxff CONTROL|NULL`, src/REAXFF/reaxff_control.cpp)
 * One `keyword value [anything]` per line; blank lines skipped; no comment character (a line
 * starting with `#` or `!` is an unknown keyword, an error in LAMMPS). A keyword without a value
 * is an error. Keywords LAMMPS uses (defaults are also what `NULL` gives):
 *   nbrhood_cutoff      bond_cut   5.0    [distance] bond-order neighbour cutoff
 *   hbond_cutoff        hbond_cut  7.5    [distance] H-bond cutoff
 *   thb_cutoff          thb_cut    0.001  bond-order cutoff for valence angles
 *   thb_cutoff_sq       thb_cutsq  0.00001  BO product cutoff for valence angles
 *   bond_graph_cutoff   bg_cut     0.3    bond-order cutoff for bond output (fix reaxff/bonds)
 *   tabulate_long_range tabulate   0      (integer) number of spline points for vdW+Coulomb, 0 = exact
 *   write_freq          -                 (integer) > 0 only warns: native trajectories removed
 * Keywords accepted but ignored with `WARNING: Ignoring inactive control parameter: <kw>`:
 *   INACTIVE_CONTROL_KEYWORDS below (simulation_name, energy_update_freq, traj_title, atom_info,
 *   atom_forces, atom_velocities, bond_info, angle_info, ensemble_type, nsteps, dt, ...).
 * Any other keyword is an error ("Unknown parameter <kw> in control file").
 * Values are read with LAMMPS's strict number rules (see `lammpsDouble`).
 *
 * ## fix qeq/reaxff parameter file (src/REAXFF/fix_qeq_reaxff.cpp)
 * LAMMPS reads exactly `ntypes` non-blank lines, each of exactly 4 words `itype chi eta gamma`
 * (itype 1..ntypes; no comments: a `#` line has the wrong word count); the rest of the file is
 * ignored. With the keyword `reaxff` instead of a file, chi, eta and gamma come from the ffield
 * atoms mapped by pair_coeff: chi = chi, eta = 2 * eta (as written in the ffield; LAMMPS stores
 * the doubled value), gamma = gamma; NULL types get 0.
 */
import { readFileSync } from 'node:fs';
import { ParseError, UsageError, type Warning } from './errors.js';
import { formatFloat } from './text/numbers.js';
import { lammpsDouble, lammpsInt, numberHint } from './potentials-path.js';
import { reaxffElementMatches, type ReaxffFfield } from './reaxff-ffield.js';

export const INACTIVE_CONTROL_KEYWORDS: readonly string[] = [
  'ensemble_type', 'nsteps', 'dt', 'proc_by_dim', 'random_vel', 'restart_format', 'restart_freq', 'reposition_atoms',
  'restrict_bonds', 'remove_CoM_vel', 'debug_level', 'reneighbor', 'vlist_buffer', 'ghost_cutoff', 'qeq_freq', 'q_err',
  'ilu_refactor', 'ilu_droptol', 'temp_init', 'temp_final', 't_mass', 't_mode', 't_rate', 't_freq', 'pressure', 'p_mass',
  'pt_mass', 'compress', 'press_mode', 'geo_format', 'traj_compress', 'traj_method', 'molecular_analysis', 'ignore',
  'dipole_anal', 'freq_dipole_anal', 'diffusion_coef', 'freq_diffusion_coef', 'restrict_type', 'traj_title',
  'simulation_name', 'energy_update_freq', 'atom_info', 'atom_velocities', 'atom_forces', 'bond_info', 'angle_info',
];

export interface ReaxffControl {
  /** nbrhood_cutoff [distance] */
  bond_cut: number;
  /** hbond_cutoff [distance] */
  hbond_cut: number;
  /** thb_cutoff */
  thb_cut: number;
  /** thb_cutoff_sq */
  thb_cutsq: number;
  /** bond_graph_cutoff */
  bg_cut: number;
  /** tabulate_long_range (0 = no tabulation) */
  tabulate: number;
  /** Keywords ignored with a warning, with their lines, in file order. */
  ignored: { keyword: string; line: number }[];
  /** Active settings as written, in file order (what the writer re-emits). */
  settings: { keyword: string; value: string; line: number }[];
  warnings: Warning[];
}

/** What `pair_style reaxff NULL` uses. */
export function defaultReaxffControl(): ReaxffControl {
  return { bond_cut: 5.0, hbond_cut: 7.5, thb_cut: 0.001, thb_cutsq: 0.00001, bg_cut: 0.3, tabulate: 0, ignored: [], settings: [], warnings: [] };
}

const ACTIVE: Record<string, { field: keyof ReaxffControl | null; int: boolean }> = {
  nbrhood_cutoff: { field: 'bond_cut', int: false },
  bond_graph_cutoff: { field: 'bg_cut', int: false },
  thb_cutoff: { field: 'thb_cut', int: false },
  thb_cutoff_sq: { field: 'thb_cutsq', int: false },
  hbond_cutoff: { field: 'hbond_cut', int: false },
  tabulate_long_range: { field: 'tabulate', int: true },
  write_freq: { field: null, int: true },
};

export const ACTIVE_CONTROL_KEYWORDS: readonly string[] = Object.keys(ACTIVE);

/** Parse a ReaxFF control file as LAMMPS does; inactive keywords become warnings. */
export function parseReaxffControl(text: string, file: string): ReaxffControl {
  const c = defaultReaxffControl();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const words = lines[i].split(/[ \t\r\f]+/).filter((w) => w.length > 0);
    if (words.length === 0) continue;
    const line = i + 1;
    const kw = words[0];
    if (words.length < 2) throw new ParseError(file, line, `no value for control parameter '${kw}'`);
    if (INACTIVE_CONTROL_KEYWORDS.includes(kw)) {
      c.ignored.push({ keyword: kw, line });
      c.warnings.push({ file, line, message: `Ignoring inactive control parameter: ${kw} (as LAMMPS does)` });
      continue;
    }
    const a = ACTIVE[kw];
    if (!a) {
      throw new ParseError(file, line, `unknown control parameter '${kw}'; LAMMPS accepts ${ACTIVE_CONTROL_KEYWORDS.join(' ')} and ignores ${INACTIVE_CONTROL_KEYWORDS.length} inactive ones (${INACTIVE_CONTROL_KEYWORDS.slice(-8).join(' ')} ...)`);
    }
    const tok = words[1];
    const r = a.int ? lammpsInt(tok) : lammpsDouble(tok);
    if (r === null) throw new ParseError(file, line, `${kw}: expected ${a.int ? 'a whole number' : 'a number'}, found '${tok}'${numberHint(tok)}`);
    if (r.prefixOnly) c.warnings.push({ file, line, message: `${kw}: '${tok}' is read by LAMMPS as ${r.value}` });
    if (a.field) (c as unknown as Record<string, number>)[a.field] = r.value;
    else if (r.value > 0) c.warnings.push({ file, line, message: 'write_freq > 0: support for writing native trajectories has been removed after LAMMPS version 8 April 2021' });
    c.settings.push({ keyword: kw, value: tok, line });
  }
  if (c.bond_cut <= 0 || c.hbond_cut < 0) c.warnings.push({ file, line: 0, message: `cutoffs nbrhood_cutoff ${c.bond_cut}, hbond_cutoff ${c.hbond_cut}: expected positive distances` });
  return c;
}

export function readReaxffControl(path: string): ReaxffControl {
  return parseReaxffControl(readFileSync(path, 'utf8'), path);
}

/** A control file with only the active settings (what LAMMPS uses), in their original order. */
export function formatReaxffControl(c: ReaxffControl): string {
  return c.settings.map((s) => `${s.keyword} ${s.value}`).join('\n') + (c.settings.length ? '\n' : '');
}

export interface QeqParams {
  /** Per atom type (index = type - 1). */
  chi: number[];
  eta: number[];
  gamma: number[];
  /** Line of each type's entry (0 when from the ffield). */
  line: number[];
}

/** `fix qeq/reaxff ... FILE`: the first `ntypes` non-blank lines, each `itype chi eta gamma`. */
export function parseQeqParamFile(text: string, file: string, ntypes: number, warnings?: Warning[]): QeqParams {
  const q: QeqParams = { chi: new Array(ntypes).fill(NaN), eta: new Array(ntypes).fill(NaN), gamma: new Array(ntypes).fill(NaN), line: new Array(ntypes).fill(0) };
  const lines = text.split('\n');
  let i = 0;
  let last = 0;
  for (let n = 0; n < ntypes; n++) {
    let words: string[] = [];
    while (i < lines.length) {
      words = lines[i++].split(/[ \t\r\f]+/).filter((w) => w.length > 0);
      if (words.length > 0) break;
    }
    if (words.length === 0) throw new ParseError(file, last, `expected ${ntypes} lines 'itype chi eta gamma' (one per atom type), found ${n}`);
    const line = i;
    last = line;
    if (words.length !== 4) throw new ParseError(file, line, `expected exactly 4 words 'itype chi eta gamma', found ${words.length} ('${lines[line - 1].trim()}')`);
    const t = lammpsInt(words[0]);
    if (t === null || t.prefixOnly) throw new ParseError(file, line, `itype: expected a whole number, found '${words[0]}'`);
    if (t.value < 1 || t.value > ntypes) throw new ParseError(file, line, `itype ${t.value} is out of range 1..${ntypes}`);
    const k = t.value - 1;
    if (q.line[k] !== 0 && warnings) warnings.push({ file, line, message: `type ${t.value} given again (line ${q.line[k]} before); the last one counts` });
    (['chi', 'eta', 'gamma'] as const).forEach((nm, x) => {
      const r = lammpsDouble(words[x + 1]);
      if (r === null) throw new ParseError(file, line, `type ${t.value} ${nm}: expected a number, found '${words[x + 1]}'${numberHint(words[x + 1])}`);
      q[nm][k] = r.value;
    });
    q.line[k] = line;
  }
  const unset = q.line.flatMap((l, k) => (l === 0 ? [k + 1] : []));
  if (unset.length > 0) throw new ParseError(file, 0, `no chi/eta/gamma for atom type(s) ${unset.join(' ')} (LAMMPS would use uninitialised memory)`);
  return q;
}

export function readQeqParamFile(path: string, ntypes: number, warnings?: Warning[]): QeqParams {
  return parseQeqParamFile(readFileSync(path, 'utf8'), path, ntypes, warnings);
}

/** A LAMMPS type range (utils::bounds): `N`, `*`, `N*`, `*M`, `N*M` within 1..n; null if malformed or out of range. */
function typeBounds(word: string, n: number): [number, number] | null {
  const m = /^(\d*)(\*?)(\d*)$/.exec(word);
  if (!m || (m[2] === '' && (m[1] === '' || m[3] !== ''))) return null;
  const lo = m[2] === '' ? Number(m[1]) : m[1] === '' ? 1 : Number(m[1]);
  const hi = m[2] === '' ? Number(m[1]) : m[3] === '' ? n : Number(m[3]);
  return lo >= 1 && hi <= n && lo <= hi ? [lo, hi] : null;
}

/**
 * The parameter file of the QEQ package's fixes (`fix qeq/shielded ... FILE`, LAMMPS
 * src/QEQ/fix_qeq.cpp read_file): lines `itype chi eta gamma zeta qcore` (more words are ignored),
 * itype a type or a range (`*`, `2*`, `*3`, `1*2`; later lines override earlier ones), `#`
 * comments and blank lines skipped; every type must be set.
 */
export function parseQeqPackageParamFile(text: string, file: string, ntypes: number): QeqParams & { zeta: number[]; qcore: number[] } {
  const q = { chi: new Array(ntypes).fill(0), eta: new Array(ntypes).fill(0), gamma: new Array(ntypes).fill(0), zeta: new Array(ntypes).fill(0), qcore: new Array(ntypes).fill(0), line: new Array(ntypes).fill(0) };
  text.split('\n').forEach((raw, k) => {
    const line = k + 1;
    const words = raw.replace(/#.*/, '').split(/[ \t\r\f]+/).filter((w) => w.length > 0);
    if (words.length === 0) return;
    if (words.length < 6) throw new ParseError(file, line, `expected 'itype chi eta gamma zeta qcore' (6 words), found ${words.length}`);
    const b = typeBounds(words[0], ntypes);
    if (!b) throw new ParseError(file, line, `itype: expected an atom type or range (N, *, N*, *M, N*M) within 1..${ntypes}, found '${words[0]}'`);
    const v = (['chi', 'eta', 'gamma', 'zeta', 'qcore'] as const).map((nm, x) => {
      const r = lammpsDouble(words[x + 1]);
      if (r === null || r.prefixOnly) throw new ParseError(file, line, `${nm}: expected a number, found '${words[x + 1]}'${numberHint(words[x + 1])}`);
      return r.value;
    });
    for (let t = b[0] - 1; t < b[1]; t++) {
      [q.chi[t], q.eta[t], q.gamma[t], q.zeta[t], q.qcore[t]] = v;
      q.line[t] = line;
    }
  });
  const unset = q.line.flatMap((l, k) => (l === 0 ? [k + 1] : []));
  if (unset.length > 0) throw new ParseError(file, 0, `parameters for atom type(s) ${unset.join(' ')} missing (LAMMPS: "Parameters for atom type N missing in qeq parameter file")`);
  return q;
}

export function readQeqPackageParamFile(path: string, ntypes: number): QeqParams & { zeta: number[]; qcore: number[] } {
  return parseQeqPackageParamFile(readFileSync(path, 'utf8'), path, ntypes);
}

/** `fix qeq/reaxff ... reaxff`: chi, 2*eta, gamma of the ffield atom each type maps to (NULL -> 0). */
export function qeqFromFfield(ff: ReaxffFfield, typeElements: string[]): QeqParams {
  const q: QeqParams = { chi: [], eta: [], gamma: [], line: [] };
  typeElements.forEach((el, t) => {
    if (el === 'NULL') { q.chi.push(0); q.eta.push(0); q.gamma.push(0); q.line.push(0); return; }
    const a = ff.atoms.rows.find((x) => reaxffElementMatches(x.element, el));
    if (!a) throw new UsageError(`pair_coeff: element '${el}' for atom type ${t + 1} is not in ${ff.file} (it has ${ff.atoms.rows.map((x) => x.element).join(' ')})`);
    q.chi.push(a.p.chi);
    q.eta.push(2.0 * a.p.eta);
    q.gamma.push(a.p.gamma);
    q.line.push(a.lines[1].line);
  });
  return q;
}

/** A fix qeq/reaxff parameter file (shortest round-trip numbers). */
export function formatQeqParamFile(q: QeqParams): string {
  return q.chi.map((c, k) => `${k + 1} ${formatFloat(c)} ${formatFloat(q.eta[k])} ${formatFloat(q.gamma[k])}`).join('\n') + '\n';
}
