import { UserError } from '../io/errors.js';

/** An error in the input script (the interpreter adds file and line); a UserError, so the CLI exits 2. */
export class ScriptError extends UserError {}
