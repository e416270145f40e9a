/** `clear`: close outputs and start a new engine, keeping the interpreter's hooks. */
import type { CommandContext } from './context.js';
import { Engine } from '../engine.js';
import { fail } from './util.js';

export function clearCmd(it: CommandContext, a: string[]): void {
  if (a.length) fail(`clear: unexpected argument '${a[0]}'`);
  for (const d of it.e.dumps) d.close();
  for (const f of it.e.fixes) f.close?.();
  const out = it.e.out, warn = it.e.warn, vars = it.e.vars, resolvePath = it.e.resolvePath;
  it.e = new Engine();
  it.e.resolvePath = resolvePath;
  it.e.out = out;
  it.e.warn = warn;
  it.e.vars = vars;
}
