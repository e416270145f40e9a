/**
 * `lmpv` entry point. src/cli is the only place that prints or exits (STYLE.md §3).
 * Each command lives in its own file and exports `register(program)`; add it to COMMANDS (loaded lazily).
 * Errors: a UserError (io/errors.ts: ParseError, UsageError, the engine's ScriptError) -> one line on
 * stderr, its exit code (2), no stack trace.
 * Anything else is a bug in lmpv: still one line (plus the stack only with LMPV_DEBUG=1), exit 3.
 */
import { Command, CommanderError } from 'commander';
import { UserError } from '../io/errors.js';
import { debugEnabled } from '../io/config.js';

/**
 * The commands, by name: `lmpv NAME ...` imports only NAME's module (and what it imports), so a
 * command pays the start-up of its own code only (`lmpv run` never loads the report pages, `lmpv
 * convert` never loads the engine). With no command, `--help`, `help` or an unknown name every
 * module is loaded so that the help lists all of them.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  demo: () => import('./demo.js'),
  log: () => import('./log.js'),
  info: () => import('./info.js'),
  convert: () => import('./convert.js'),
  ffield: () => import('./ffield.js'),
  meam: () => import('./meam.js'),
  run: () => import('./run.js'),
  compare: () => import('./compare.js'),
  verify: () => import('./verify.js'),
  acna: () => import('./acna.js'),
  timestep: () => import('./timestep.js'),
  species: () => import('./species.js'),
  check: () => import('./check.js'),
  study: () => import('./study.js'),
  // (commands register here, one module per command)
};

interface CommandModule {
  register(program: Command): void;
}

/** Modules a command line needs: its command's alone, or all of them (help, unknown command). */
export async function modulesFor(args: string[]): Promise<CommandModule[]> {
  const first = args.find((a) => !a.startsWith('-'));
  let name = first;
  if (first === 'help') {
    const next = args[args.indexOf(first) + 1];
    name = next !== undefined && !next.startsWith('-') ? next : undefined;
  }
  // an option before the command (`lmpv --help run`, `lmpv -V`) is the program's: load everything
  const optionFirst = args.length > 0 && args[0].startsWith('-');
  if (name !== undefined && !optionFirst && Object.hasOwn(COMMANDS, name)) return [await COMMANDS[name]()];
  return Promise.all(Object.values(COMMANDS).map((load) => load()));
}

function buildProgram(modules: CommandModule[]): Command {
  const program = new Command();
  program
    .name('lmpv')
    .description('lammps-verify: read, write, run and verify LAMMPS inputs and outputs against real LAMMPS')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const c of modules) c.register(program);
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `lmpv ... | head`: the reader went away; stop quietly as Unix tools do, not with a stack trace
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const program = buildProgram(await modulesFor(argv.slice(2)));
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
