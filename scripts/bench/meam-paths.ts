/** Repository root for the MEAM benchmark (scripts/bench/ -> ../..; works from dist/ too). */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = [resolve(here, '..', '..'), resolve(here, '..', '..', '..')].find((p) => existsSync(resolve(p, 'bin', 'lmpv.js'))) ?? resolve(here, '..', '..');
