/**
 * What a command handler sees of the interpreter: the engine (replaced by `clear`), output, path
 * resolution and the current script position. The interpreter implements it; commands never import
 * the interpreter, so the two do not depend on each other.
 */
import type { Engine } from '../engine.js';

export interface CommandContext {
  e: Engine;
  /** Text to screen and log. */
  print(text: string): void;
  /** A file name from the script, relative to the script's folder. */
  resolvePath(p: string): string;
  readonly currentFile: string;
  readonly currentLine: number;
}

export type Handler = (it: CommandContext, args: string[]) => void;
