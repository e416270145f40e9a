/** src/io/errors.ts: every error a user can cause is a UserError, which carries the CLI's exit code. */
import { describe, expect, it } from 'vitest';
import { ParseError, UsageError, UserError } from '../../src/io/errors.js';
import { ScriptError } from '../../src/engine/engine.js';
import { ExpressionError } from '../../src/engine/input/expression.js';

describe('user errors share one base class, which carries the exit code', () => {
  it('ParseError, UsageError and the engine\'s ScriptError / ExpressionError are UserErrors with exit code 2', () => {
    const errors = [new ParseError('data.lmp', 57, 'Atoms # full: expected 7 or 10 columns, found 6'), new UsageError('bad flag'), new ScriptError('unknown command'), new ExpressionError('bad formula')];
    for (const e of errors) {
      expect(e).toBeInstanceOf(UserError);
      expect(e.exitCode).toBe(2);
    }
    expect(errors.map((e) => e.name)).toEqual(['ParseError', 'UsageError', 'ScriptError', 'ExpressionError']);
    expect(errors[0].message).toBe('data.lmp:57: Atoms # full: expected 7 or 10 columns, found 6');
    expect(new Error('x')).not.toBeInstanceOf(UserError);
  });
});
