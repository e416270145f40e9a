/**
 * Errors that name where and what was expected (STYLE.md §3).
 * `ParseError` is the one error type of src/io: file, 1-based line, message.
 * Only src/cli prints or exits; everything else throws or collects warnings.
 */
export class ParseError extends Error {
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

/** Error in the user's request (bad flag value, unknown format), not in a file. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
