/** Helpers shared by the command files. */
import { UsageError } from '../io/errors.js';
import { LMPV_BIN } from '../io/config.js';

/** How a child process starts this lmpv (`lmpv verify` / `demo` run each case in one): node + bin/lmpv.js. */
export function lmpvCommand(): string[] {
  return [process.execPath, LMPV_BIN];
}

/** Parse `START:STOP:STEP` (Python slice syntax; any part may be empty) or a single index. */
export function parseFrameSpec(spec: string | undefined): { start: number; stop: number; step: number } {
  if (spec === undefined || spec === '' || spec === ':') return { start: 0, stop: Infinity, step: 1 };
  const parts = spec.split(':');
  const num = (s: string | undefined, dflt: number): number => {
    if (s === undefined || s === '') return dflt;
    if (!/^-?\d+$/.test(s)) throw new UsageError(`--frames '${spec}': expected START:STOP:STEP with whole numbers, found '${s}'`);
    return Number(s);
  };
  if (parts.length === 1) {
    const i = num(parts[0], 0);
    if (i < 0) throw new UsageError(`--frames '${spec}': negative frame indices are not supported`);
    return { start: i, stop: i + 1, step: 1 };
  }
  if (parts.length > 3) throw new UsageError(`--frames '${spec}': expected START:STOP:STEP`);
  const r = { start: num(parts[0], 0), stop: num(parts[1], Infinity), step: num(parts[2], 1) };
  if (r.start < 0 || r.stop < 0) throw new UsageError(`--frames '${spec}': negative frame indices are not supported`);
  if (r.step <= 0) throw new UsageError(`--frames '${spec}': STEP must be positive`);
  return r;
}

export function frameSelected(spec: { start: number; stop: number; step: number }, i: number): boolean {
  return i >= spec.start && i < spec.stop && (i - spec.start) % spec.step === 0;
}

/** Print to stdout (the CLI is the only printer). */
export function out(s: string): void {
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
}
