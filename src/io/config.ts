/**
 * Configuration in one place: where the repository and its built WebAssembly modules are, every
 * environment variable lmpv reads, and the default comparison tolerances. Every other file asks
 * here; none reads `process.env` or climbs folders from `import.meta.url` itself.
 *
 * Environment variables are read when asked (not at import), so that tests and `-v`/`setenv`-style
 * callers can change them between calls:
 *   LMP                  real LAMMPS for `--engine lammps` (default `lmp`, Debian's build)
 *   LMP_FULL             a LAMMPS build with REAXFF and MEAM (reference scripts, MEAM benchmark)
 *   LAMMPS_POTENTIALS    potential-file folder, as LAMMPS's `utils::get_potential_file_path`
 *   LMPV_KERNELS         'wasm' (default) or 'scalar': WebAssembly kernels or their TypeScript twins
 *   LMPV_DEBUG           print the stack of internal errors
 *   LMPV_PROGRESS_MIN_BYTES  inputs at least this large get a progress bar on a terminal
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root: the nearest folder above this file (src/io/ or dist/src/io/) with a package.json. */
export const REPO_ROOT = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  let d = here;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'package.json'))) return d;
    d = dirname(d);
  }
  return resolve(here, '..', '..');
})();

/** `../shared` beside the checkout: reference cases and potentials of the development machine. */
export const SHARED_DIR = resolve(REPO_ROOT, '..', 'shared');

/**
 * Where `npm run build` (scripts/build-wasm.mjs, the recipe list: one asconfig per module) puts the
 * AssemblyScript modules, as NAME.wasm; the same folder whether lmpv runs from src/ (vitest) or dist/.
 */
export const WASM_DIR = join(REPO_ROOT, 'dist', 'wasm');

export function wasmPath(name: string): string {
  return join(WASM_DIR, `${name}.wasm`);
}

/** `bin/lmpv.js`, the command-line entry (runs the compiled dist/). */
export const LMPV_BIN = join(REPO_ROOT, 'bin', 'lmpv.js');

function env(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
}

/** Real LAMMPS for `--engine lammps`: $LMP, else `lmp` on the PATH. */
export function lmpCommand(): string {
  return env('LMP') ?? 'lmp';
}

/** A LAMMPS build with REAXFF and MEAM ($LMP_FULL), or undefined. */
export function lmpFullCommand(): string | undefined {
  return env('LMP_FULL');
}

/** $LAMMPS_POTENTIALS, or undefined. */
export function lammpsPotentialsDir(): string | undefined {
  return env('LAMMPS_POTENTIALS');
}

/** $LMPV_KERNELS as given (the loader checks it), or undefined. */
export function kernelsSetting(): string | undefined {
  return process.env.LMPV_KERNELS;
}

/** Whether internal errors print their stack ($LMPV_DEBUG set). */
export function debugEnabled(): boolean {
  return env('LMPV_DEBUG') !== undefined;
}

/** Inputs at least this large get a progress bar on a terminal: $LMPV_PROGRESS_MIN_BYTES, default 100 MB. */
export function progressMinBytes(): number {
  const v = env('LMPV_PROGRESS_MIN_BYTES');
  return v === undefined ? 100 * 1024 * 1024 : Number(v);
}

/**
 * Default tolerances of `lmpv verify` / `compare` (README "How results are compared"): relative at the
 * first common thermo row, relative over a run, absolute per force and position component, and the
 * magnitude under which two thermo values count as equal. A case's verify.json overrides them.
 */
export const DEFAULT_TOLERANCES = Object.freeze({ tolFirst: 1e-10, tolRun: 1e-7, tolForce: 1e-8, tolPos: 1e-8, zero: 1e-10 });
