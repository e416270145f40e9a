/**
 * `lmpv` entry point. src/cli is the only place that prints or exits (STYLE.md §3).
 * Each command lives in its own file and exports `register(program)`; add it to COMMANDS.
 * Errors: a UserError (io/errors.ts: ParseError, UsageError, the engine's ScriptError) -> one line on
 * stderr, its exit code (2), no stack trace.
 * Anything else is a bug in lmpv: still one line (plus the stack only with LMPV_DEBUG=1), exit 3.
 */
import { Command, CommanderError } from 'commander';
import { UserError } from '../io/errors.js';
import { debugEnabled } from '../io/config.js';
import * as demo from './demo.js';
import * as acna from './acna.js';
import * as log from './log.js';
import * as info from './info.js';
import * as convert from './convert.js';
import * as ffield from './ffield.js';
import * as meam from './meam.js';
import * as run from './run.js';
import * as compare from './compare.js';
import * as verify from './verify.js';
import * as timestep from './timestep.js';
import * as species from './species.js';
import * as check from './check.js';
import * as study from './study.js';

interface CommandModule {
  register(program: Command): void;
}

const COMMANDS: CommandModule[] = [
  demo,
  log,
  info,
  convert,
  ffield,
  meam,
  run,
  compare,
  verify,
  acna,
  timestep,
  species,
  check,
  study,
  // (commands register here, one module per command)
];

function buildProgram(): Command {
  const program = new Command();
  program
    .name('lmpv')
    .description('lammps-verify: read, write, run and verify LAMMPS inputs and outputs against real LAMMPS')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const c of COMMANDS) c.register(program);
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `lmpv ... | head`: the reader went away; stop quietly as Unix tools do, not with a stack trace
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return reportError(e);
  }
}

function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // commander already printed its message (usage errors) or help/version (exit 0)
    return e.exitCode === 0 ? 0 : 2;
  }
  if (e instanceof UserError) {
    process.stderr.write(`lmpv: error: ${e.message}\n`);
    return e.exitCode;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && typeof err.path === 'string') {
    // file-system errors are the user's input: name the file
    const what = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EISDIR' ? 'is a directory' : err.code;
    process.stderr.write(`lmpv: error: ${err.path}: ${what}\n`);
    return 2;
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`lmpv: internal error: ${msg}\n`);
  if (debugEnabled() && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  return 3;
}
