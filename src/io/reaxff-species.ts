/**
 * The species census of LAMMPS's `fix reaxff/species` (REAXFF package; doc fix_reaxff_species;
 * src/REAXFF/fix_reaxff_species.cpp WriteFormulas): per output step a header naming the species
 * present, then their counts:
 *
 *   # Timestep     No_Moles     No_Specs     C6H6O6N6	H2O	
 *   5         16          2	 15	 1	
 *
 * No_Moles = molecules, No_Specs = distinct species; one count per named species (tab separated).
 * The species present change along a run, so every row carries its own header. readReaxffSpecies
 * streams rows (exact numbers, ParseError with file:line); speciesTable lines them up into one
 * table (every species ever seen, 0 where absent) for CSV / JSON. For the registry a row is a frame
 * of ENTRIES, one per species: `species count` (no box: 0 .. 0).
 */
import { ParseError } from './errors.js';
import type { ReadOptions } from './formats.js';
import { ByteLines } from './text/byte-lines.js';
import { tryParseIntStr } from './text/numbers.js';
import type { AtomFrame, Column } from './types.js';
import { NO_BOX } from './reaxff-bonds.js';

export interface SpeciesRow {
  timestep: number;
  /** No_Moles: number of molecules. */
  moles: number;
  /** No_Specs: number of distinct species. */
  nspecies: number;
  /** Species formula -> count, in the file's order. */
  counts: Map<string, number>;
  /** Line of the count row. */
  line: number;
}

function int(s: string, file: string, line: number, what: string): number {
  const v = tryParseIntStr(s, 0, s.length);
  if (v !== v) throw new ParseError(file, line, `${what}: expected an integer, found '${s.length > 40 ? s.slice(0, 40) + '...' : s}'`);
  return v;
}

export async function* readReaxffSpecies(path: string, opts: ReadOptions = {}): AsyncGenerator<SpeciesRow> {
  const r = await ByteLines.open(path);
  try {
    yield* rowsFrom(r, path, opts);
  } finally {
    await r.close();
  }
}

export async function parseReaxffSpecies(text: string, file = '<input>'): Promise<SpeciesRow[]> {
  const out: SpeciesRow[] = [];
  for await (const s of rowsFrom(ByteLines.fromBuffer(Buffer.from(text, 'utf8'), file), file, {})) out.push(s);
  return out;
}

async function* rowsFrom(r: ByteLines, file: string, opts: ReadOptions): AsyncGenerator<SpeciesRow> {
  const L = { s: 0, e: 0 };
  opts.onProgress?.(0, r.rawSize);
  let names: string[] | null = null;
  let rows = 0;
  while (await r.nextLine(L)) {
    const text = r.text(L.s, L.e);
    const t = text.trim();
    if (t === '') continue;
    if (t.startsWith('#')) {
      const w = t.slice(1).trim().split(/\s+/);
      if (w[0] !== 'Timestep' || w[1] !== 'No_Moles' || w[2] !== 'No_Specs') {
        throw new ParseError(file, r.line, `expected a header '# Timestep No_Moles No_Specs SPECIES...', found '${t.slice(0, 60)}'`);
      }
      names = w.slice(3);
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n)) throw new ParseError(file, r.line, `species '${n}' appears twice in the header`);
        seen.add(n);
      }
      continue;
    }
    if (!names) throw new ParseError(file, r.line, `expected a header '# Timestep No_Moles No_Specs SPECIES...' before the first row, found '${t.slice(0, 60)}'`);
    const w = t.split(/\s+/);
    if (w.length !== 3 + names.length) throw new ParseError(file, r.line, `expected ${3 + names.length} values (Timestep No_Moles No_Specs and a count for each of ${names.join(' ') || 'no species'}), found ${w.length}`);
    const timestep = int(w[0], file, r.line, 'Timestep');
    const moles = int(w[1], file, r.line, 'No_Moles');
    const nspecies = int(w[2], file, r.line, 'No_Specs');
    const counts = new Map<string, number>();
    let total = 0;
    names.forEach((n, k) => {
      const c = int(w[3 + k], file, r.line, n);
      if (c < 0) throw new ParseError(file, r.line, `${n}: expected a count >= 0, found ${c}`);
      counts.set(n, c);
      total += c;
    });
    if (moles < 0 || total > moles) throw new ParseError(file, r.line, `No_Moles = ${moles}, but the species counts add up to ${total}: expected at most No_Moles`);
    rows++;
    opts.onProgress?.(r.rawOffset, r.rawSize);
    yield { timestep, moles, nspecies, counts, line: r.line };
  }
  if (rows === 0) throw new ParseError(file, r.line, "expected at least one row of species counts after '# Timestep No_Moles No_Specs ...', found none");
}

/** Rows lined up: every species seen anywhere (first-seen order), count 0 where a row lacks it. */
export function speciesTable(rows: SpeciesRow[]): { species: string[]; timestep: number[]; moles: number[]; nspecies: number[]; counts: number[][] } {
  const species: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) for (const n of row.counts.keys()) if (!seen.has(n)) { seen.add(n); species.push(n); }
  return {
    species,
    timestep: rows.map((r) => r.timestep),
    moles: rows.map((r) => r.moles),
    nspecies: rows.map((r) => r.nspecies),
    counts: rows.map((r) => species.map((n) => r.counts.get(n) ?? 0)),
  };
}

/** CSV: Timestep,No_Moles,No_Specs, then one column per species. */
export function speciesCsv(rows: SpeciesRow[]): string {
  const t = speciesTable(rows);
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  let s = ['Timestep', 'No_Moles', 'No_Specs', ...t.species].map(quote).join(',') + '\n';
  for (let i = 0; i < t.timestep.length; i++) s += [t.timestep[i], t.moles[i], t.nspecies[i], ...t.counts[i]].join(',') + '\n';
  return s;
}

/** Registry reader: one frame of ENTRIES per row, `species count`. */
export async function* readReaxffSpeciesFrames(path: string, opts: ReadOptions = {}): AsyncGenerator<AtomFrame & { kind: 'entries' }> {
  for await (const row of readReaxffSpecies(path, opts)) {
    const columns = new Map<string, Column>([['species', [...row.counts.keys()]], ['count', Float64Array.from(row.counts.values())]]);
    yield { kind: 'entries', timestep: row.timestep, natoms: row.counts.size, box: { ...NO_BOX, lo: [0, 0, 0], hi: [0, 0, 0] }, columns };
  }
}
