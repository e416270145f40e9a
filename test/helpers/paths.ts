/** Where tests find the shared references, potentials and real LAMMPS. */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { lmpCommand, REPO_ROOT, SHARED_DIR } from '../../src/io/config.js';

export const REPO = REPO_ROOT;
export const SHARED = SHARED_DIR;
export const REFERENCE = join(SHARED, 'reference');
export const IO_ZOO = join(REFERENCE, 'io-zoo');
export const FIXTURES = join(REPO, 'fixtures', 'lammps');

/** Path of Debian's `lmp` (or $LMP), or undefined when absent. In CI (.ci/run installs it) absence is an error. */
export function lmpPath(): string | undefined {
  const cand = lmpCommand();
  try {
    execFileSync(cand, ['-h'], { stdio: 'ignore', timeout: 20_000 });
    return cand;
  } catch {
    if (process.env.CI) throw new Error(`real LAMMPS ('${cand}') is required in CI; .ci/run installs Debian's lammps package`);
    return undefined;
  }
}

export const HAVE_SHARED = existsSync(REFERENCE);
