/**
 * The `position` file of LAMMPS's `fix reaxff/species` (keyword `position N file`; doc
 * fix_reaxff_species; src/REAXFF/fix_reaxff_species.cpp WritePos): per output step, one line per
 * molecule with its atom count, formula, average charge and centre of mass in box fractions:
 *
 *   Timestep 5 NMole 16  NSpec 1  xlo 0.000000  xhi 13.624000  ylo 0.000000  yhi 17.114915  zlo 0.000000  zhi 15.182639
 *   ID	Atom_Count	Type	Ave_q		CoM_x		CoM_y		CoM_z
 *   1	24	C6H6O6N6	0.00000001 	0.88768296 	0.70422461 	0.28111285
 *   ...
 *   #
 *
 * (a molecule of 0 atoms in the group has no charge or position; LAMMPS 2025 prints the total
 * charge, Tot_q, where LAMMPS 2021 printed the average, Ave_q). As a registry format each step is a
 * frame of molecules: columns id, count, species, q (Ave_q) or tot_q (Tot_q), xs ys zs (scaled, so
 * conversions place them in the box), box from the header (orthogonal; LAMMPS prints %f, 6 decimals).
 */
import { ParseError } from './errors.js';
import type { ReadOptions } from './formats.js';
import { ByteLines } from './text/byte-lines.js';
import { tryParseFloatStr, tryParseIntStr } from './text/numbers.js';
import type { AtomFrame, Column } from './types.js';

export interface SpeciesPositionFrame extends AtomFrame {
  /** NMole and NSpec of the header. */
  nmole: number;
  nspec: number;
}

function num(s: string | undefined, file: string, line: number, what: string, integer = false): number {
  if (s === undefined) throw new ParseError(file, line, `${what}: expected a number, found end of line`);
  const v = integer ? tryParseIntStr(s, 0, s.length) : tryParseFloatStr(s, 0, s.length);
  if (v !== v) throw new ParseError(file, line, `${what}: expected ${integer ? 'an integer' : 'a number'}, found '${s.length > 40 ? s.slice(0, 40) + '...' : s}'`);
  return v;
}

export async function* readReaxffSpeciesPositionFrames(path: string, opts: ReadOptions = {}): AsyncGenerator<SpeciesPositionFrame> {
  const r = await ByteLines.open(path);
  try {
    yield* framesFrom(r, path, opts);
  } finally {
    await r.close();
  }
}

export async function parseReaxffSpeciesPosition(text: string, file = '<input>'): Promise<SpeciesPositionFrame[]> {
  const out: SpeciesPositionFrame[] = [];
  for await (const f of framesFrom(ByteLines.fromBuffer(Buffer.from(text, 'utf8'), file), file, {})) out.push(f);
  return out;
}

const HEAD = /^Timestep\s+(\S+)\s+NMole\s+(\S+)\s+NSpec\s+(\S+)\s+xlo\s+(\S+)\s+xhi\s+(\S+)\s+ylo\s+(\S+)\s+yhi\s+(\S+)\s+zlo\s+(\S+)\s+zhi\s+(\S+)\s*$/;

async function* framesFrom(r: ByteLines, file: string, opts: ReadOptions): AsyncGenerator<SpeciesPositionFrame> {
  const L = { s: 0, e: 0 };
  opts.onProgress?.(0, r.rawSize);
  let frames = 0;
  for (;;) {
    let head: string | null = null;
    while (await r.nextLine(L)) {
      const t = r.text(L.s, L.e).trim();
      if (t === '' || t === '#') continue;
      head = t;
      break;
    }
    if (head === null) {
      if (frames === 0) throw new ParseError(file, r.line, "empty file: expected a fix reaxff/species position file ('Timestep N NMole M NSpec S xlo ...')");
      return;
    }
    const line = r.line;
    const m = HEAD.exec(head);
    if (!m) throw new ParseError(file, line, `expected 'Timestep N NMole M NSpec S xlo .. xhi .. ylo .. yhi .. zlo .. zhi ..', found '${head.slice(0, 60)}'`);
    const timestep = num(m[1], file, line, 'Timestep', true);
    const nmole = num(m[2], file, line, 'NMole', true);
    const nspec = num(m[3], file, line, 'NSpec', true);
    if (nmole < 0) throw new ParseError(file, line, `NMole: expected a count >= 0, found ${nmole}`);
    const b = [4, 5, 6, 7, 8, 9].map((k) => num(m[k], file, line, ['xlo', 'xhi', 'ylo', 'yhi', 'zlo', 'zhi'][k - 4]));
    for (let d = 0; d < 3; d++) if (!(b[2 * d] <= b[2 * d + 1])) throw new ParseError(file, line, `${'xyz'[d]}lo ${b[2 * d]} > ${'xyz'[d]}hi ${b[2 * d + 1]}: expected lo <= hi`);
    if (!(await r.nextLine(L))) throw new ParseError(file, r.line + 1, 'truncated step: expected the column line (ID Atom_Count Type Ave_q CoM_x CoM_y CoM_z), found end of file');
    const legend = r.text(L.s, L.e).trim().split(/\s+/);
    if (legend[0] !== 'ID' || legend[1] !== 'Atom_Count' || (legend[3] !== 'Ave_q' && legend[3] !== 'Tot_q')) {
      throw new ParseError(file, r.line, `expected the column line 'ID Atom_Count Type Ave_q|Tot_q CoM_x CoM_y CoM_z', found '${legend.join(' ').slice(0, 60)}'`);
    }
    // LAMMPS 2021 prints the average charge per atom (Ave_q), LAMMPS 2025 the molecule's total (Tot_q)
    const qName = legend[3] === 'Ave_q' ? 'q' : 'tot_q';
    const id = new Float64Array(nmole), count = new Float64Array(nmole), q = new Float64Array(nmole).fill(NaN);
    const xs = new Float64Array(nmole).fill(NaN), ys = new Float64Array(nmole).fill(NaN), zs = new Float64Array(nmole).fill(NaN);
    const species: string[] = new Array<string>(nmole).fill('');
    for (let i = 0; i < nmole; i++) {
      if (!(await r.nextLine(L))) throw new ParseError(file, r.line + 1, `truncated step (timestep ${timestep}): expected molecule ${i + 1} of ${nmole} (NMole), found end of file`);
      const w = r.text(L.s, L.e).trim().split(/\s+/);
      if (w.length === 2 && w[1] === '0') {
        id[i] = num(w[0], file, r.line, 'ID', true);
        continue;
      }
      if (w.length !== 7) throw new ParseError(file, r.line, `timestep ${timestep}: expected molecule ${i + 1} of ${nmole} as 7 fields (ID Atom_Count Type Ave_q CoM_x CoM_y CoM_z), found ${w.length}`);
      id[i] = num(w[0], file, r.line, 'ID', true);
      count[i] = num(w[1], file, r.line, 'Atom_Count', true);
      species[i] = w[2];
      q[i] = num(w[3], file, r.line, 'Ave_q');
      xs[i] = num(w[4], file, r.line, 'CoM_x');
      ys[i] = num(w[5], file, r.line, 'CoM_y');
      zs[i] = num(w[6], file, r.line, 'CoM_z');
    }
    const columns = new Map<string, Column>([['id', id], ['count', count], ['species', species], [qName, q], ['xs', xs], ['ys', ys], ['zs', zs]]);
    frames++;
    opts.onProgress?.(r.rawOffset, r.rawSize);
    yield { timestep, natoms: nmole, nmole, nspec, columns, box: { lo: [b[0], b[2], b[4]], hi: [b[1], b[3], b[5]], tilt: null, boundary: ['pp', 'pp', 'pp'] } };
  }
}
