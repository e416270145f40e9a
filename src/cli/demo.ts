/**
 * `lmpv demo`: the main job on bundled fixtures (what `npm start` runs).
 * Grows with the project: inspection and conversion now, verification against real LAMMPS next.
 */
import type { Command } from 'commander';
import { out } from './util.js';

export function register(program: Command): void {
  program
    .command('demo')
    .description('run the main job on the bundled fixtures (what `npm start` does)')
    .action(async () => {
      out('lmpv demo: nothing bundled yet');
    });
}
