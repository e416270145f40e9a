/**
 * LAMMPS input-script interpreter (input.cpp semantics): reads a script line by line, joins `&`
 * continuations, strips `#` comments outside quotes, substitutes `$x`, `${name}`, `$(expr)` and
 * `$(expr:fmt)` outside quotes, splits words (single, double and triple quotes group words),
 * and dispatches to the command table. Flow control: include, jump (SELF or a file, to a label),
 * label, next; variables index/loop/equal/string/getenv/delete; `-var` from the command line.
 *
 * Errors stop the script with ParseError(file, line, message) naming the word not understood;
 * the log gets the `ERROR:` line first, as LAMMPS writes it.
 */
import { readFileSync, existsSync, openSync, writeSync, closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ParseError } from '../../io/errors.js';
import { compileFormat } from '../../io/text/printf.js';
import { ExpressionError } from './expression.js';
import { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { COMMANDS } from '../commands/index.js';
import { Variables } from './variables.js';

export interface InterpreterOptions {
  /** Directory relative paths are resolved against (LAMMPS: the current directory). */
  cwd: string;
  /** Log file path, or null for no log. */
  log: string | null;
  /** -var NAME VALUE... pairs (index variables defined before the script runs). */
  vars?: [string, string[]][];
  allowShell?: boolean;
  /** Screen output (LAMMPS's stdout). */
  screen?: (text: string) => void;
  /**
   * Stop (as `quit` would) when one of these commands is reached, before running it; the
   * interpreter's `stoppedAt` then names it. `lmpv check` stops at the first `run`/`minimize`
   * to take the script's setup.
   */
  stopBefore?: readonly string[];
}


interface Frame {
  file: string;
  lines: string[];
  pc: number;
}

export const VERSION_LINE = 'LAMMPS (29 Sep 2021 - Update 2) [lmpv 0.1.0 engine]';

export class Interpreter {
  e = new Engine();
  /** The script's variables (input/variables.ts). */
  readonly variables = new Variables(() => this.e);
  private stack: Frame[] = [];
  private logFd: number | null = null;
  private logPath: string | null = null;
  echoScreen = false;
  echoLog = true;
  /** Set by `next` when a variable is exhausted: skip the next jump. */
  jumpSkip = false;
  private labelSearch: string | null = null;
  quit = false;
  currentFile = '';
  currentLine = 0;
  /** The command `opts.stopBefore` stopped at, with its place; null if the script ran to its end. */
  stoppedAt: { command: string; file: string; line: number } | null = null;

  constructor(readonly opts: InterpreterOptions) {
    if (opts.log) this.openLog(opts.log, false);
    this.e.out = (t) => this.print(t);
    this.e.warn = (t) => this.print(`WARNING: ${t} (${this.currentFile}:${this.currentLine})\n`);
    this.e.vars = this.variables;
    this.e.resolvePath = (p) => this.resolvePath(p);
    for (const [name, values] of opts.vars ?? []) this.variables.define([name, 'index', ...values]);
    this.print(VERSION_LINE + '\n');
  }

  resolvePath(p: string): string {
    return resolve(this.opts.cwd, p);
  }

  openLog(path: string, append: boolean): void {
    if (this.logFd !== null) closeSync(this.logFd);
    this.logPath = path;
    this.logFd = openSync(resolve(this.opts.cwd, path), append ? 'a' : 'w');
  }

  closeLog(): void {
    if (this.logFd !== null) closeSync(this.logFd);
    this.logFd = null;
  }

  /** Text to screen and log (LAMMPS utils::logmesg). */
  print(text: string): void {
    this.opts.screen?.(text);
    if (this.logFd !== null) writeSync(this.logFd, text);
  }

  logOnly(text: string): void {
    if (this.logFd !== null) writeSync(this.logFd, text);
  }

  error(msg: string): never {
    throw new ParseError(this.currentFile, this.currentLine, msg);
  }

  /** Run a script file to the end. Errors are written to the log and rethrown as ParseError. */
  runFile(file: string): void {
    const path = this.resolvePath(file);
    if (!existsSync(path)) throw new ParseError(file, 0, 'cannot open input script: no such file');
    this.pushFile(file, path);
    try {
      this.loop();
    } catch (e) {
      const pe = this.asParseError(e);
      this.print(`ERROR: ${pe.detail} (${pe.file}:${pe.line})\n`);
      this.finish();
      throw pe;
    }
    this.finish();
  }

  /** Run script text given inline (tests). */
  runText(text: string, name = '<input>'): void {
    this.stack.push({ file: name, lines: splitLines(text), pc: 0 });
    try {
      this.loop();
    } catch (e) {
      const pe = this.asParseError(e);
      this.print(`ERROR: ${pe.detail} (${pe.file}:${pe.line})\n`);
      this.finish();
      throw pe;
    }
    this.finish();
  }

  private asParseError(e: unknown): ParseError {
    if (e instanceof ParseError) return e;
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && typeof err.path === 'string')
      return new ParseError(this.currentFile, this.currentLine, `cannot open file ${err.path}: ${err.code === 'ENOENT' ? 'no such file' : err.code}`);
    if (e instanceof ScriptError || e instanceof ExpressionError || e instanceof Error) return new ParseError(this.currentFile, this.currentLine, (e as Error).message);
    return new ParseError(this.currentFile, this.currentLine, String(e));
  }

  private finishDone = false;
  private startTime = Date.now();

  finish(): void {
    if (this.finishDone) return;
    this.finishDone = true;
    for (const d of this.e.dumps) d.close();
    for (const f of this.e.fixes) f.close?.();
    const secs = Math.floor((Date.now() - this.startTime) / 1000);
    const hms = `${Math.floor(secs / 3600)}:${String(Math.floor(secs / 60) % 60).padStart(2, '0')}:${String(secs % 60).padStart(2, '0')}`;
    this.print(`Total wall time: ${hms}\n`);
    this.closeLog();
  }

  private pushFile(name: string, path: string): void {
    const text = readFileSync(path, 'utf8');
    this.stack.push({ file: name, lines: splitLines(text), pc: 0 });
  }

  private loop(): void {
    while (this.stack.length > 0 && !this.quit) {
      const fr = this.stack[this.stack.length - 1];
      if (fr.pc >= fr.lines.length) {
        this.stack.pop();
        continue;
      }
      const startLine = fr.pc + 1;
      let line = fr.lines[fr.pc++];
      // continuation lines
      while (/&\s*$/.test(line) && fr.pc < fr.lines.length) line = line.replace(/&\s*$/, '') + ' ' + fr.lines[fr.pc++];
      if (/&\s*$/.test(line)) line = line.replace(/&\s*$/, '');
      // triple-quoted text spanning lines
      while ((line.match(/"""/g) ?? []).length % 2 === 1 && fr.pc < fr.lines.length) line += '\n' + fr.lines[fr.pc++];
      this.currentFile = fr.file;
      this.currentLine = startLine;
      if (this.labelSearch !== null) {
        const w = stripComment(line).trim().split(/\s+/);
        if (w[0] === 'label' && w[1] === this.labelSearch) this.labelSearch = null;
        continue;
      }
      if (this.echoLog) this.logOnly(line + '\n');
      if (this.echoScreen) this.opts.screen?.(line + '\n');
      this.execute(line);
    }
    if (this.labelSearch !== null) this.error(`label '${this.labelSearch}' for jump command was not found`);
  }

  /** Parse and run one command line. */
  execute(raw: string): void {
    // after `quit` (or a stopBefore command) nothing more runs, not even the rest of an `if` block
    if (this.quit) return;
    let line = stripComment(raw);
    if (line.includes('$')) {
      const sub = this.substitute(line);
      if (sub !== line) {
        if (this.echoLog) this.logOnly(sub + '\n');
        line = sub;
      }
    }
    const words = splitWords(line, (m) => this.error(m));
    if (words.length === 0) return;
    const cmd = words[0];
    const args = words.slice(1);
    if (this.opts.stopBefore?.includes(cmd)) {
      this.stoppedAt = { command: cmd, file: this.currentFile, line: this.currentLine };
      this.quit = true;
      return;
    }
    switch (cmd) {
      case 'variable':
        return this.variables.define(args);
      case 'next':
        if (this.variables.next(args)) this.jumpSkip = true;
        return;
      case 'jump':
        return this.jump(args);
      case 'label':
        return;
      case 'include': {
        if (args.length !== 1) this.error('include: expected one file name');
        const p = this.resolvePath(args[0]);
        if (!existsSync(p)) this.error(`cannot open input script ${args[0]}: no such file`);
        this.pushFile(args[0], p);
        return;
      }
      case 'print':
        return this.printCmd(args);
      case 'echo': {
        const m = { none: [false, false], screen: [true, false], log: [false, true], both: [true, true] }[args[0] as 'none'];
        if (!m || args.length !== 1) this.error(`echo: expected none, screen, log or both, found '${args.join(' ')}'`);
        [this.echoScreen, this.echoLog] = m;
        return;
      }
      case 'log': {
        if (args.length < 1 || args.length > 2 || (args.length === 2 && args[1] !== 'append')) this.error('log: expected FILE [append]');
        if (args[0] === 'none') this.closeLog();
        else this.openLog(args[0], args.length === 2);
        return;
      }
      case 'if':
        return this.ifThenElse(args);
      case 'quit':
        this.quit = true;
        return;
      case 'shell':
      case 'python':
        if (!this.opts.allowShell) this.error(`'${cmd}' commands are refused without --allow-shell`);
        if (cmd === 'python') this.error("'python' is not supported by the lmpv engine (use --engine lammps)");
        return this.shell(args);
    }
    const handler = COMMANDS.get(cmd);
    if (!handler) this.error(`unknown command: '${cmd}' (not supported by the lmpv engine)`);
    try {
      handler(this, args);
    } catch (e) {
      if (e instanceof ParseError) throw e;
      throw this.asParseError(e);
    }
  }

  // ------------------------------------------------------------------ variables

  substitute(line: string): string {
    let out = '';
    let i = 0;
    let quote: string | null = null;
    while (i < line.length) {
      if (quote === null) {
        if (line.startsWith('"""', i)) {
          quote = '"""';
          out += '"""';
          i += 3;
          continue;
        }
        const c = line[i];
        if (c === '"' || c === "'") {
          quote = c;
          out += c;
          i++;
          continue;
        }
        if (c === '$') {
          const n = line[i + 1];
          if (n === '{') {
            const end = line.indexOf('}', i + 2);
            if (end < 0) this.error('invalid variable name in ${...}');
            out += this.variables.retrieve(line.slice(i + 2, end));
            i = end + 1;
          } else if (n === '(') {
            let depth = 0;
            let j = i + 1;
            for (; j < line.length; j++) {
              if (line[j] === '(') depth++;
              else if (line[j] === ')' && --depth === 0) break;
            }
            if (j >= line.length) this.error('invalid immediate variable $(...): missing )');
            let expr = line.slice(i + 2, j);
            let fmt = '%.20g';
            const colon = expr.lastIndexOf(':');
            if (colon >= 0 && /^%?[-+ 0#]*\d*(\.\d+)?[fgeFGE]$/.test(expr.slice(colon + 1))) {
              const f = expr.slice(colon + 1);
              fmt = f.startsWith('%') ? f : '%' + f;
              expr = expr.slice(0, colon);
            }
            out += compileFormat(fmt)([this.variables.evaluate(expr)]);
            i = j + 1;
          } else if (n !== undefined && /\S/.test(n)) {
            out += this.variables.retrieve(n);
            i += 2;
          } else {
            out += c;
            i++;
          }
          continue;
        }
        out += c;
        i++;
      } else {
        if (line.startsWith(quote, i)) {
          out += quote;
          i += quote.length;
          quote = null;
        } else out += line[i++];
      }
    }
    return out;
  }

  private jump(args: string[]): void {
    if (args.length < 1 || args.length > 2) this.error('jump: expected FILE [LABEL]');
    if (this.jumpSkip) {
      this.jumpSkip = false;
      return;
    }
    const fr = this.stack[this.stack.length - 1];
    if (args[0] === 'SELF' || args[0] === fr.file) {
      fr.pc = 0;
    } else {
      const p = this.resolvePath(args[0]);
      if (!existsSync(p)) this.error(`cannot open input script ${args[0]}: no such file`);
      this.stack.pop();
      this.pushFile(args[0], p);
    }
    if (args.length === 2) this.labelSearch = args[1];
  }

  /** `if "cond" then "cmd" ... [elif "cond" "cmd" ...] [else "cmd" ...]` (LAMMPS Input::ifthenelse). */
  private ifThenElse(args: string[]): void {
    const n = args.length;
    if (n < 3 || args[1] !== 'then') this.error('if: expected "condition" then "command" ...');
    const block = (from: number) => {
      let e = from;
      while (e < n && args[e] !== 'elif' && args[e] !== 'else') e++;
      if (e === from) this.error('if: no commands to execute');
      return e;
    };
    const run = (from: number, to: number) => {
      // copy first: a command may be a jump that changes what is read next
      for (const cmd of args.slice(from, to)) this.execute(cmd);
    };
    let end = block(2);
    if (this.evalBoolean(this.substitute(args[0]))) return run(2, end);
    let i = end;
    while (i < n) {
      if (args[i] === 'elif') {
        if (i + 2 > n) this.error('if: elif needs a condition and commands');
        end = block(i + 2);
        if (this.evalBoolean(this.substitute(args[i + 1]))) return run(i + 2, end);
        i = end;
      } else {
        end = block(i + 1);
        return run(i + 1, end);
      }
    }
  }

  /** `shell cd DIR | mkdir D... | rm F... | putenv V=X | any command` (only with --allow-shell). */
  private shell(args: string[]): void {
    if (args.length === 0) this.error('shell: expected a command');
    if (args[0] === 'cd') {
      if (args.length !== 2) this.error('shell cd: expected one folder');
      this.opts.cwd = this.resolvePath(args[1]);
      return;
    }
    if (args[0] === 'putenv') {
      for (const a of args.slice(1)) {
        const k = a.indexOf('=');
        process.env[k < 0 ? a : a.slice(0, k)] = k < 0 ? '' : a.slice(k + 1);
      }
      return;
    }
    const r = spawnSync('sh', ['-c', args.join(' ')], { cwd: this.opts.cwd, encoding: 'utf8' });
    if (r.stdout) this.print(r.stdout);
    if (r.stderr) this.print(r.stderr);
    if (r.status !== 0) this.print(`WARNING: Shell command '${args.join(' ')}' returned with non-zero status ${r.status ?? 'signal'} (${this.currentFile}:${this.currentLine})\n`);
  }

  /** Boolean of an `if` condition: numbers and formulas, or string == / != (LAMMPS evaluate_boolean). */
  evalBoolean(text: string): boolean {
    const m = /^\s*(\S+)\s*(==|!=)\s*(\S+)\s*$/.exec(text);
    if (m && (!Number.isFinite(Number(m[1])) || !Number.isFinite(Number(m[3]))) && !/[()]/.test(text)) return m[2] === '==' ? m[1] === m[3] : m[1] !== m[3];
    return this.variables.evaluate(text) !== 0;
  }

  private printCmd(args: string[]): void {
    if (args.length < 1) this.error('print: expected text');
    let i = 1;
    let file: string | null = null;
    let append = false;
    let screen = true;
    while (i < args.length) {
      if ((args[i] === 'file' || args[i] === 'append') && i + 1 < args.length) {
        file = args[i + 1];
        append = args[i] === 'append';
        i += 2;
      } else if (args[i] === 'screen' && i + 1 < args.length) {
        screen = args[i + 1] === 'yes';
        i += 2;
      } else if (args[i] === 'universe' && i + 1 < args.length) i += 2;
      else this.error(`print: keyword '${args[i]}' is not understood`);
    }
    const text = this.substitute(args[0]) + '\n';
    if (screen) this.print(text);
    else this.logOnly(text);
    if (file) {
      const fd = openSync(this.resolvePath(file), append ? 'a' : 'w');
      writeSync(fd, text);
      closeSync(fd);
    }
  }
}

export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.replace(/\r$/, ''));
}

/** Drop a `#` comment that is not inside quotes. */
export function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    if (quote === null) {
      if (line.startsWith('"""', i)) {
        quote = '"""';
        i += 2;
      } else if (line[i] === '"' || line[i] === "'") quote = line[i];
      else if (line[i] === '#') return line.slice(0, i);
    } else if (line.startsWith(quote, i)) {
      i += quote.length - 1;
      quote = null;
    }
  }
  return line;
}

/** Split into words; quotes (' " """) group words and are removed. */
export function splitWords(line: string, fail: (msg: string) => never): string[] {
  const words: string[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && /\s/.test(line[i])) i++;
    if (i >= n) break;
    let q: string | null = null;
    if (line.startsWith('"""', i)) q = '"""';
    else if (line[i] === '"' || line[i] === "'") q = line[i];
    if (q) {
      const end = line.indexOf(q, i + q.length);
      if (end < 0) fail(`unbalanced quotes in input line: ${line.trim()}`);
      words.push(line.slice(i + q.length, end));
      i = end + q.length;
    } else {
      const s = i;
      while (i < n && !/\s/.test(line[i])) i++;
      words.push(line.slice(s, i));
    }
  }
  return words;
}

export function scriptDir(file: string): string {
  return dirname(file);
}
