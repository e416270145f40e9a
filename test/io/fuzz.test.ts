/**
 * Fuzzing every registered reader with mutated real files (fast-check): delete or duplicate a
 * line, replace a token with junk, truncate. Only a ParseError (naming file and line) or a clean
 * success may come out, never a TypeError, RangeError, UsageError or a hang.
 * Seeds: the io-zoo files real LAMMPS wrote that the registry sniffs as the format, plus one
 * file our writer produced for each writable format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParseError } from '../../src/io/errors.js';
import { frameReader, frameWriter, listFormats, sniffFormat, type FormatDef } from '../../src/io/formats.js';
import { readLammpsData } from '../../src/io/lammps-data.js';
import { lammpsDataToFrame } from '../../src/io/lammps-data-frames.js';
import { FIXTURES, IO_ZOO } from '../helpers/paths.js';

const JUNK = ['', 'x', 'nan', 'NaN', 'inf', '1e999', '-', '+', '1.5.3', '0x10', '#', 'ITEM:', 'ITEM: ATOMS', 'Atoms', 'Masses', '99999999999999999999', '-1', '0', '1e-400', '"', '=', 'Lattice="1 0 0"', '\t', 'é'];

/** Folders of files real LAMMPS wrote: the shared io-zoo and fixtures made by scripts/ (LAMMPS 2025, ReaxFF outputs). */
const SEED_DIRS = [IO_ZOO, join(FIXTURES, 'lammps-2025'), join(FIXTURES, 'reaxff-tatb-outputs'), join(FIXTURES, 'ovito-attributes')];

/** Small real files (< 250 KB, not gzip) per format, found by content sniffing. */
function zooSeeds(fmt: FormatDef): string[] {
  return SEED_DIRS.flatMap((d) => readdirSync(d).map((f) => join(d, f)))
    .filter((p) => !p.endsWith('.gz') && statSync(p).size < 250_000)
    .filter((p) => sniffFormat(p, readFileSync(p, 'utf8').substring(0, 4096))?.name === fmt.name);
}

type Mutation =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'token'; line: number; token: number; junk: string }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation[]> = fc.array(fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('token' as const), line: fc.nat(), token: fc.nat(8), junk: fc.constantFrom(...JUNK) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
), { minLength: 1, maxLength: 3 });

/** Mutations aimed at the head of the file (headers, section keywords) half of the time. */
function apply(text: string, muts: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of muts) {
    if (m.kind === 'truncate') {
      const s = lines.join('\n');
      lines = s.substring(0, m.at % (s.length + 1)).split('\n');
      continue;
    }
    const n = lines.length;
    if (n === 0) continue;
    const i = m.line % 2 === 0 ? (m.line >> 1) % Math.min(n, 40) : (m.line >> 1) % n;
    if (m.kind === 'delete') { if (n > 1) lines.splice(i, 1); else lines = ['']; }
    else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i]);
    else {
      const toks = lines[i].split(/(\s+)/);
      const words = toks.map((t, k) => (t.trim() ? k : -1)).filter((k) => k >= 0);
      if (words.length) toks[words[m.token % words.length]] = m.junk;
      else toks.push(m.junk);
      lines[i] = toks.join('');
    }
  }
  return lines.join('\n');
}

/** Defaults keep the suite fast; LMPV_FUZZ_RUNS / LMPV_FUZZ_SEED run a longer or another campaign. */
const RUNS = Number(process.env.LMPV_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.LMPV_FUZZ_SEED ?? 20261126);

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'lmpv-fuzz-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('fuzzed real files: only ParseError or success', () => {
  for (const fmt of listFormats()) {
    it(`${fmt.name} reader`, async () => {
      const seeds: { name: string; text: string }[] = zooSeeds(fmt).map((p) => ({ name: p, text: readFileSync(p, 'utf8') }));
      if (fmt.writable) {
        // a small file of our own writer: 40 atoms of the triclinic case with velocities and masses
        const frame = lammpsDataToFrame(readLammpsData(join(IO_ZOO, 'data.triclinic'), { warnings: [] }));
        for (const [k, c] of frame.columns) frame.columns.set(k, c.slice(0, 40) as typeof c);
        frame.natoms = 40;
        const p = join(dir, `seed${fmt.extensions[0]}`);
        await (await frameWriter(fmt))(p, [frame], { warnings: [] });
        seeds.push({ name: p, text: readFileSync(p, 'utf8') });
      }
      expect(seeds.length).toBeGreaterThan(0);
      const read = await frameReader(fmt);
      const target = join(dir, `fuzz${fmt.extensions[0] ?? '.txt'}`);
      let parseErrors = 0;
      let successes = 0;
      await fc.assert(fc.asyncProperty(fc.nat(seeds.length - 1), mutation, async (s, muts) => {
        writeFileSync(target, apply(seeds[s].text, muts));
        try {
          for await (const f of read(target, { warnings: [] })) void f;
          successes++;
        } catch (e) {
          if (!(e instanceof ParseError)) {
            throw new Error(`${fmt.name}: seed ${seeds[s].name} with ${JSON.stringify(muts)} threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
          }
          expect(e.file).toBe(target);
          parseErrors++;
        }
      }), { numRuns: RUNS, seed: SEED });
      // the mutations must actually reach the error paths
      expect(parseErrors).toBeGreaterThan(RUNS / 8);
      expect(successes + parseErrors).toBe(RUNS);
    });
  }
});
