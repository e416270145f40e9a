/**
 * a-CNA fractions of a timestep study: when the script dumps positions, the last frame each run's
 * dump holds is classified by adaptive CNA (analysis/acna.ts, OVITO's numbering and names) and the
 * fractions of other / fcc / hcp / bcc / ico are reported per dt with their spread over the dts
 * (max - min): a structural observable that must not depend on the timestep either.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { adaptiveCnaFrame, countTypes, STRUCTURE_NAMES } from '../analysis/acna.js';
import { detectFormat, frameReader } from '../io/formats.js';
import type { AtomFrame } from '../io/types.js';
import type { ScriptLine } from './timestep-script.js';

export interface DtFractions {
  dt: number;
  /** Timestep of the frame classified (the dump's last). */
  timestep: number | null;
  natoms: number;
  fractions: Record<string, number>;
}

export interface StudyFractions {
  /** The dump file (name as the script writes it). */
  dump: string;
  runs: DtFractions[];
  /** Per structure: min, max and spread (max - min) of the fraction over the dts. */
  spread: Record<string, { min: number; max: number; spread: number }>;
}

/** Files named by `dump ID group style N file ...` lines (no `*` or `%` multi-file names, no variables). */
export function dumpFiles(lines: readonly ScriptLine[]): string[] {
  return lines.filter((l) => l.words[0] === 'dump' && l.words.length >= 6).map((l) => l.words[5]).filter((f) => !/[*%$]/.test(f));
}

function hasPositions(frame: AtomFrame): boolean {
  const c = frame.columns;
  return ['x', 'y', 'z'].every((k) => c.has(k)) || ['xs', 'ys', 'zs'].every((k) => c.has(k)) || ['xu', 'yu', 'zu'].every((k) => c.has(k));
}

/** The last frame of `path`, when it carries positions; undefined otherwise. */
async function lastFrame(path: string): Promise<AtomFrame | undefined> {
  const read = await frameReader(detectFormat(path));
  let last: AtomFrame | undefined;
  for await (const f of read(path, { warnings: [] })) last = f;
  return last && hasPositions(last) ? last : undefined;
}

/** Fractions of the last frame of the first position dump among `files` in `dir`; undefined when none. */
export async function endFractions(dir: string, files: readonly string[], dt: number): Promise<(DtFractions & { dump: string }) | undefined> {
  for (const name of files) {
    const p = join(dir, name);
    if (!existsSync(p)) continue;
    const frame = await lastFrame(p);
    if (!frame) continue;
    const types = adaptiveCnaFrame(frame);
    const c = countTypes(types);
    const n = frame.natoms;
    return { dump: name, dt, timestep: frame.timestep ?? null, natoms: n, fractions: Object.fromEntries(STRUCTURE_NAMES.map((s, k) => [s, n ? c[k] / n : 0])) };
  }
  return undefined;
}

export function fractionSpread(dump: string, runs: DtFractions[]): StudyFractions {
  const spread: StudyFractions['spread'] = {};
  for (const s of STRUCTURE_NAMES) {
    const v = runs.map((r) => r.fractions[s]);
    const min = Math.min(...v), max = Math.max(...v);
    spread[s] = { min, max, spread: max - min };
  }
  return { dump, runs, spread };
}
