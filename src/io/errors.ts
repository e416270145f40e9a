/**
 * Errors that name where and what was expected.
 * `UserError` is the base of every error a user causes and can fix (a file's content, a flag, a
 * script line): `ParseError` (file, 1-based line, message) and `UsageError` here, the engine's
 * `ScriptError` and `ExpressionError`. The CLI prints its message as one line and exits with its
 * `exitCode` (2); any other error is a bug in lmpv.
 * Only src/cli prints or exits; everything else throws or collects warnings.
 */
export class UserError extends Error {
  /** Exit code of the `lmpv` process when this error ends it. */
  readonly exitCode: number = 2;
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ParseError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(line > 0 ? `${file}:${line}: ${detail}` : `${file}: ${detail}`);
    this.name = 'ParseError';
  }
}

/** A recoverable oddity found while reading; readers return these in `warnings`. */
export interface Warning {
  file: string;
  line: number;
  message: string;
}

export function warningText(w: Warning): string {
  return w.line > 0 ? `${w.file}:${w.line}: warning: ${w.message}` : `${w.file}: warning: ${w.message}`;
}

/** Error in the user's request (bad flag value, unknown format, a file that is not what was asked), not at a line of a file. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
