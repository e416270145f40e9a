/** An error in the input script (the interpreter adds file and line). */
export class ScriptError extends Error {}
