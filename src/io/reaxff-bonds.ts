/**
 * The bond-order table of LAMMPS's `fix reaxff/bonds` (REAXFF package; doc fix_reaxff_bonds; written
 * by src/REAXFF/fix_reaxff_bonds.cpp, the file OVITO reads as "ReaxFF bonds"). Per output step:
 *
 *   # Timestep 5
 *   #
 *   # Number of particles 384
 *   #
 *   # Max number of bonds per atom 3 with coarse bond order cutoff 0.300
 *   # Particle connection table and bond orders
 *   # id type nb id_1...id_nb mol bo_1...bo_nb abo nlp q
 *    1 1 3 2 6 13 0   1.279   1.287   1.048   3.722   0.000  -0.112
 *   ...                                     (one line per atom: 2 nb + 7 fields)
 *   #
 *
 * `nb` neighbours with bond order above the cutoff, their ids, the molecule id, the bond orders,
 * the total bond order (abo), the number of lone pairs (nlp) and the charge (q).
 * readReaxffBonds streams the file one step at a time (numbers exact, text/numbers.ts; ParseError
 * with file:line). For the registry a step is a dump-local-like frame of ENTRIES, one per bond
 * (each pair once, lower id first): `index atom1 atom2 type1 type2 bo`, so `lmpv convert` writes
 * them as a LAMMPS dump local. The file has no box: those frames carry an empty box (0 .. 0).
 */
import { ParseError } from './errors.js';
import type { ReadOptions } from './formats.js';
import { ByteLines } from './text/byte-lines.js';
import { tryParseFloatStr, tryParseIntStr } from './text/numbers.js';
import type { AtomFrame, Box, Column } from './types.js';

export interface ReaxffBondsStep {
  timestep: number;
  /** `# Number of particles N`. */
  particles: number;
  /** `# Max number of bonds per atom K with coarse bond order cutoff C`. */
  maxBonds: number;
  cutoff: number;
  /** Per atom, in file order. */
  id: Float64Array;
  type: Float64Array;
  nb: Float64Array;
  mol: Float64Array;
  abo: Float64Array;
  nlp: Float64Array;
  q: Float64Array;
  /** Neighbours of atom i: neighbor[start[i] .. start[i+1]), bond orders alongside. */
  start: Int32Array;
  neighbor: Float64Array;
  bo: Float64Array;
  /** Line of `# Timestep`. */
  line: number;
}

/** An empty box for frames of files that have none (bond tables, species counts). */
export const NO_BOX: Readonly<Box> = Object.freeze({ lo: [0, 0, 0], hi: [0, 0, 0], tilt: null, boundary: ['pp', 'pp', 'pp'] }) as Box;

function words(text: string): string[] {
  const t = text.trim();
  return t === '' ? [] : t.split(/\s+/);
}

function num(s: string, file: string, line: number, what: string): number {
  const v = tryParseFloatStr(s, 0, s.length);
  if (v !== v) throw new ParseError(file, line, `${what}: expected a number, found '${s.length > 40 ? s.slice(0, 40) + '...' : s}'`);
  return v;
}

function int(s: string, file: string, line: number, what: string): number {
  const v = tryParseIntStr(s, 0, s.length);
  if (v !== v) throw new ParseError(file, line, `${what}: expected an integer, found '${s.length > 40 ? s.slice(0, 40) + '...' : s}'`);
  return v;
}

export async function* readReaxffBonds(path: string, opts: ReadOptions = {}): AsyncGenerator<ReaxffBondsStep> {
  const r = await ByteLines.open(path);
  try {
    yield* stepsFrom(r, path, opts);
  } finally {
    await r.close();
  }
}

/** Steps of a bonds file held in memory (tests). */
export async function parseReaxffBonds(text: string, file = '<input>'): Promise<ReaxffBondsStep[]> {
  const out: ReaxffBondsStep[] = [];
  for await (const s of stepsFrom(ByteLines.fromBuffer(Buffer.from(text, 'utf8'), file), file, {})) out.push(s);
  return out;
}

async function* stepsFrom(r: ByteLines, file: string, opts: ReadOptions): AsyncGenerator<ReaxffBondsStep> {
  const L = { s: 0, e: 0 };
  opts.onProgress?.(0, r.rawSize);
  let steps = 0;
  let pending: string | null = null; // a '# Timestep' line already read
  for (;;) {
    let head = pending;
    pending = null;
    while (head === null) {
      if (!(await r.nextLine(L))) {
        if (steps === 0) throw new ParseError(file, r.line, "empty file: expected a fix reaxff/bonds table ('# Timestep N')");
        return;
      }
      const t = r.text(L.s, L.e).trim();
      if (t === '' || t === '#') continue;
      head = t;
    }
    const line = r.line;
    const ts = /^#\s*Timestep\s+(\S+)\s*$/.exec(head);
    if (!ts) throw new ParseError(file, line, `expected '# Timestep N' (start of a fix reaxff/bonds step), found '${head.slice(0, 60)}'`);
    const timestep = int(ts[1], file, line, 'Timestep');
    let particles = -1, maxBonds = -1, cutoff = NaN;
    // comment header, up to the column legend
    for (;;) {
      if (!(await r.nextLine(L))) throw new ParseError(file, r.line + 1, `truncated step (timestep ${timestep}, line ${line}): expected the header ('# Number of particles N', ...), found end of file`);
      const t = r.text(L.s, L.e).trim();
      if (!t.startsWith('#')) throw new ParseError(file, r.line, `expected the comment header of timestep ${timestep} up to '# id type nb id_1...id_nb mol bo_1...bo_nb abo nlp q', found '${t.slice(0, 60)}'`);
      const np = /^#\s*Number of particles\s+(\S+)/.exec(t);
      const mb = /^#\s*Max number of bonds per atom\s+(\S+)\s+with coarse bond order cutoff\s+(\S+)/.exec(t);
      if (np) particles = int(np[1], file, r.line, 'Number of particles');
      else if (mb) { maxBonds = int(mb[1], file, r.line, 'Max number of bonds per atom'); cutoff = num(mb[2], file, r.line, 'bond order cutoff'); }
      else if (/^#\s*id type nb/.test(t)) break;
    }
    if (particles < 0) throw new ParseError(file, r.line, `timestep ${timestep}: expected '# Number of particles N' in the header, found none`);
    const n = particles;
    const id = new Float64Array(n), type = new Float64Array(n), nb = new Float64Array(n), mol = new Float64Array(n);
    const abo = new Float64Array(n), nlp = new Float64Array(n), q = new Float64Array(n);
    const start = new Int32Array(n + 1);
    let neighbor = new Float64Array(Math.max(4, n * Math.max(1, maxBonds)));
    let bo = new Float64Array(neighbor.length);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (!(await r.nextLine(L))) throw new ParseError(file, r.line + 1, `truncated step (timestep ${timestep}): expected atom line ${i + 1} of ${n} (Number of particles), found end of file`);
      const t = r.text(L.s, L.e);
      const w = words(t);
      if (w.length === 0 || w[0].startsWith('#')) throw new ParseError(file, r.line, `timestep ${timestep}: expected atom line ${i + 1} of ${n} (Number of particles), found '${t.trim().slice(0, 60)}'`);
      if (w.length < 7) throw new ParseError(file, r.line, `expected at least 7 fields (id type nb mol abo nlp q), found ${w.length}`);
      const m = int(w[2], file, r.line, 'nb');
      if (m < 0 || w.length !== 2 * m + 7) throw new ParseError(file, r.line, `expected ${2 * Math.max(m, 0) + 7} fields for nb = ${w[2]} (id type nb id_1..id_nb mol bo_1..bo_nb abo nlp q), found ${w.length}`);
      if (maxBonds >= 0 && m > maxBonds) throw new ParseError(file, r.line, `nb = ${m}: more than the header's max number of bonds per atom (${maxBonds})`);
      id[i] = int(w[0], file, r.line, 'id');
      type[i] = int(w[1], file, r.line, 'type');
      nb[i] = m;
      if (k + m > neighbor.length) {
        const grow = (a: Float64Array) => { const b = new Float64Array(Math.max(2 * a.length, k + m)); b.set(a); return b; };
        neighbor = grow(neighbor); bo = grow(bo);
      }
      for (let j = 0; j < m; j++) neighbor[k + j] = int(w[3 + j], file, r.line, `id_${j + 1}`);
      mol[i] = int(w[3 + m], file, r.line, 'mol');
      for (let j = 0; j < m; j++) bo[k + j] = num(w[4 + m + j], file, r.line, `bo_${j + 1}`);
      abo[i] = num(w[4 + 2 * m], file, r.line, 'abo');
      nlp[i] = num(w[5 + 2 * m], file, r.line, 'nlp');
      q[i] = num(w[6 + 2 * m], file, r.line, 'q');
      k += m;
      start[i + 1] = k;
    }
    // a closing '#' line; anything else but a next step or the end is an error
    while (await r.nextLine(L)) {
      const t = r.text(L.s, L.e).trim();
      if (t === '' || t === '#') continue;
      if (/^#\s*Timestep\b/.test(t)) { pending = t; break; }
      throw new ParseError(file, r.line, `more atom lines than 'Number of particles' (${n}) in timestep ${timestep} (line ${line}): expected '# Timestep N' or end of file, found '${t.slice(0, 60)}'`);
    }
    steps++;
    opts.onProgress?.(r.rawOffset, r.rawSize);
    yield { timestep, particles, maxBonds, cutoff, id, type, nb, mol, abo, nlp, q, start, neighbor: neighbor.slice(0, k), bo: bo.slice(0, k), line };
  }
}

/** The bonds of a step, each pair once (lower id first): atom1 atom2 type1 type2 bo, in file order. */
export function bondList(s: ReaxffBondsStep): { atom1: Float64Array; atom2: Float64Array; type1: Float64Array; type2: Float64Array; bo: Float64Array } {
  const typeOf = new Map<number, number>();
  for (let i = 0; i < s.id.length; i++) typeOf.set(s.id[i], s.type[i]);
  const a1: number[] = [], a2: number[] = [], t1: number[] = [], t2: number[] = [], b: number[] = [];
  for (let i = 0; i < s.id.length; i++) {
    for (let k = s.start[i]; k < s.start[i + 1]; k++) {
      const j = s.neighbor[k];
      // listed from both ends when both atoms are in the table: keep the lower id's line
      if (j < s.id[i] && typeOf.has(j)) continue;
      const lo = Math.min(s.id[i], j), hi = Math.max(s.id[i], j);
      a1.push(lo); a2.push(hi);
      t1.push(lo === s.id[i] ? s.type[i] : typeOf.get(lo) ?? 0);
      t2.push(hi === s.id[i] ? s.type[i] : typeOf.get(hi) ?? 0);
      b.push(s.bo[k]);
    }
  }
  return { atom1: Float64Array.from(a1), atom2: Float64Array.from(a2), type1: Float64Array.from(t1), type2: Float64Array.from(t2), bo: Float64Array.from(b) };
}

/** Registry reader: one frame of ENTRIES (bonds) per step, for `lmpv info` and conversion to a dump local. */
export async function* readReaxffBondsFrames(path: string, opts: ReadOptions = {}): AsyncGenerator<AtomFrame & { kind: 'entries' }> {
  for await (const s of readReaxffBonds(path, opts)) {
    const b = bondList(s);
    const index = new Float64Array(b.bo.length);
    for (let i = 0; i < index.length; i++) index[i] = i + 1;
    const columns = new Map<string, Column>([['index', index], ['atom1', b.atom1], ['atom2', b.atom2], ['type1', b.type1], ['type2', b.type2], ['bo', b.bo]]);
    yield { kind: 'entries', timestep: s.timestep, natoms: index.length, box: { ...NO_BOX, lo: [0, 0, 0], hi: [0, 0, 0] }, columns };
  }
}
