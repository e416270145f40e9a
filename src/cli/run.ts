/**
 * `lmpv run IN [-v NAME VALUE...]... [--log FILE] [--engine lmpv|lammps] [--lmp PATH] [--np N] [--allow-shell]`
 *
 * Like `lmp -in IN`: relative paths from the current folder, log.lammps there unless --log.
 * `--engine lammps` runs the same script in real LAMMPS (`lmp`, or `mpirun -np N lmp`), streams
 * its output and returns its exit code.
 */
import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lmpCommand } from '../io/config.js';
import { UsageError } from '../io/errors.js';
import { Interpreter } from '../engine/input/interpreter.js';

interface RunOptions {
  var?: string[][];
  log?: string;
  engine?: string;
  lmp?: string;
  np?: string;
  allowShell?: boolean;
  screen?: boolean;
}

/** Collect `-v NAME VALUE...`: commander gives variadic values; each -v starts a new variable. */
function collectVar(value: string, prev: string[][] | undefined): string[][] {
  const acc = prev ?? [];
  acc.push([value]);
  return acc;
}

/** Split raw argv so `-v NAME V1 V2` keeps all values (commander sees one value per flag). */
function parseVarArgs(argv: string[]): { vars: [string, string[]][]; rest: string[] } {
  const vars: [string, string[]][] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-v' || a === '-var' || a === '--var') {
      const name = argv[i + 1];
      if (name === undefined) throw new UsageError(`${a}: expected NAME VALUE`);
      const vals: string[] = [];
      let j = i + 2;
      while (j < argv.length && !argv[j].startsWith('-')) vals.push(argv[j++]);
      if (vals.length === 0) throw new UsageError(`${a} ${name}: expected at least one value`);
      vars.push([name, vals]);
      i = j - 1;
    } else rest.push(a);
  }
  return { vars, rest };
}

async function runLammps(input: string, vars: [string, string[]][], opts: RunOptions): Promise<number> {
  const lmp = opts.lmp ?? lmpCommand();
  const np = opts.np ? Number(opts.np) : 1;
  if (!(Number.isInteger(np) && np >= 1)) throw new UsageError(`--np: expected a positive integer, found '${opts.np}'`);
  const lmpArgs = ['-in', input];
  if (opts.log) lmpArgs.push('-log', opts.log);
  for (const [n, v] of vars) lmpArgs.push('-var', n, ...v);
  const cmd = np > 1 ? 'mpirun' : lmp;
  const args = np > 1 ? ['--allow-run-as-root', '-np', String(np), lmp, ...lmpArgs] : lmpArgs;
  return new Promise((resolveP, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' });
    child.on('error', (e) => reject(new UsageError(`cannot run '${cmd}': ${(e as Error).message}`)));
    child.on('exit', (code, sig) => resolveP(code ?? (sig ? 128 + 9 : 1)));
  });
}

export function register(program: Command): void {
  program
    .command('run')
    .description('run a LAMMPS input script in the lmpv engine (or in real LAMMPS with --engine lammps), writing log.lammps and dumps')
    .argument('<input>', 'LAMMPS input script')
    .option('-v, --var <name...>', 'define an index variable: -v NAME VALUE [VALUE...] (repeatable)', collectVar)
    .option('--log <file>', 'log file (default log.lammps in the current folder; "none" for no log)')
    .option('--engine <engine>', 'lmpv (default) or lammps', 'lmpv')
    .option('--lmp <path>', 'LAMMPS executable for --engine lammps (default $LMP or lmp)')
    .option('--np <n>', 'MPI ranks for --engine lammps (mpirun)')
    .option('--allow-shell', 'allow shell/python commands in the script')
    .option('--no-screen', 'do not echo LAMMPS screen output')
    .allowUnknownOption(false)
    // `-var NAME V1 V2` (LAMMPS's spelling) and multi-value -v: commander sees extra words; the
    // variables are re-read from argv by parseVarArgs
    .allowExcessArguments(true)
    .action(async (input: string, opts: RunOptions) => {
      // commander collects only the first word after -v; re-read argv for full NAME VALUE... lists
      const { vars, rest } = parseVarArgs(process.argv.slice(2));
      // anything left that is not the command, the input or a known option is a mistake
      const withValue = new Set(['--log', '--engine', '--lmp', '--np']);
      const words = rest.slice(rest.indexOf('run') + 1);
      let seenInput = false;
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        if (withValue.has(w)) i++;
        else if (/^--(log|engine|lmp|np)=/.test(w) || w === '--allow-shell' || w === '--no-screen') continue;
        else if (!seenInput && w === input) seenInput = true;
        else throw new UsageError(`run: unexpected argument '${w}' (variables are given as -v NAME VALUE...)`);
      }
      if (opts.engine === 'lammps') {
        process.exitCode = await runLammps(input, vars, opts);
        return;
      }
      if (opts.engine !== 'lmpv') throw new UsageError(`--engine: expected lmpv or lammps, found '${opts.engine}'`);
      if (!existsSync(input)) throw new UsageError(`cannot open input script ${input}: no such file`);
      const log = opts.log === 'none' ? null : (opts.log ?? 'log.lammps');
      const it = new Interpreter({
        cwd: process.cwd(),
        log,
        vars,
        allowShell: opts.allowShell,
        screen: opts.screen === false ? undefined : (t) => process.stdout.write(t),
      });
      it.runFile(input);
    });
}
