/**
 * `lmpv check IN`: take the script's setup (every command up to its first `run` or `minimize`,
 * run by the engine's interpreter, with the script's folder as the current folder) and run the
 * self-consistency checks of checks/consistency on its pair style. Files the setup would write
 * (outputs.ts scriptWrites: write_data, fix reaxff/bonds, print file, ...) go to a scratch folder,
 * so checking a case folder never overwrites what LAMMPS wrote there.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { ParseError } from '../io/errors.js';
import { Interpreter } from '../engine/input/interpreter.js';
import { scriptWrites } from './outputs.js';
import { makeReport, type Report } from './types.js';
import { DEFAULT_CONSISTENCY, ForceModel, runConsistencyChecks, type ConsistencyOptions } from './checks/consistency/index.js';

export interface CheckScriptOptions extends Partial<ConsistencyOptions> {
  /** Check names (checks/consistency/index.ts); all when empty. */
  checks?: string[];
  /** -var NAME VALUE... as for `lmpv run`. */
  vars?: [string, string[]][];
}

/** Run the setup of `input` in the engine and return the engine stopped before its first run. */
export function setupOf(input: string, vars: [string, string[]][] = []): { it: Interpreter; scratch: string } {
  const path = resolve(input);
  if (!existsSync(path)) throw new ParseError(input, 0, 'cannot open input script: no such file');
  const dir = dirname(path);
  const writes = scriptWrites(readFileSync(path, 'utf8'));
  const scratch = mkdtempSync(join(tmpdir(), 'lmpv-check-'));
  const it = new Interpreter({ cwd: dir, log: null, vars, stopBefore: ['run', 'minimize', 'rerun'] });
  it.resolvePath = (p: string) => (writes.has(p) ? join(scratch, basename(p)) : resolve(dir, p));
  try {
    it.runFile(path);
  } catch (e) {
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
  return { it, scratch };
}

export function checkScript(input: string, opts: CheckScriptOptions = {}): Report {
  const { it, scratch } = setupOf(input, opts.vars);
  try {
    const e = it.e;
    const where = it.stoppedAt ? `${input}:${it.stoppedAt.line} (${it.stoppedAt.command})` : "the end of the script";
    if (!e.sys.boxExists) throw new ParseError(input, it.stoppedAt?.line ?? 0, `no simulation box before ${it.stoppedAt?.command ?? 'the end'}: nothing to check`);
    if (!e.pair) throw new ParseError(input, it.stoppedAt?.line ?? 0, `no pair_style before ${it.stoppedAt?.command ?? 'the end'}: nothing to check`);
    if (e.sys.nlocal === 0) throw new ParseError(input, it.stoppedAt?.line ?? 0, 'no atoms: nothing to check');
    const o: ConsistencyOptions = { ...DEFAULT_CONSISTENCY };
    for (const k of Object.keys(DEFAULT_CONSISTENCY) as (keyof ConsistencyOptions)[]) if (opts[k] !== undefined) o[k] = opts[k] as number;
    let model: ForceModel;
    try {
      model = new ForceModel(e);
    } catch (err) {
      throw new ParseError(input, it.stoppedAt?.line ?? 0, (err as Error).message);
    }
    const { results, notes } = runConsistencyChecks(model, opts.checks ?? [], o);
    const fixes = e.fixes.map((f) => f.style);
    if (fixes.length) notes.push(`fixes not applied (the checks test the pair style alone${fixes.some((s) => /qeq/.test(s)) ? '; charges held at their setup values' : ''}): ${fixes.join(', ')}`);
    notes.push(`setup taken up to ${where}; ${model.evaluations} energy evaluations`);
    const s = e.sys;
    const bc = s.boundary.map((b) => (b[0] === b[1] ? b[0] : b.join(''))).join(' ');
    return makeReport(`check ${input}`, 'self-consistency (finite differences and symmetries; no reference)', `lmpv engine: pair_style ${e.pairStyle}, ${s.nlocal} atoms, units ${s.unitStyle}, boundary ${bc}`, results, notes);
  } finally {
    it.finish();
    rmSync(scratch, { recursive: true, force: true });
  }
}
