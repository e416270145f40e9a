/**
 * `lmpv species FILE [--csv OUT | --json]`: the species counts that LAMMPS's fix reaxff/species
 * wrote, lined up as one table (every species seen in the run, 0 where a step has none of it).
 *
 * Default: the table on stdout. --csv OUT: Timestep,No_Moles,No_Specs,<species...> written
 * atomically. --json: { species, timestep, moles, nspecies, counts } on stdout.
 */
import type { Command } from 'commander';
import { UsageError } from '../io/errors.js';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { readReaxffSpecies, speciesCsv, speciesTable, type SpeciesRow } from '../io/reaxff-species.js';
import { out } from './util.js';

interface SpeciesOptions {
  csv?: string;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('species')
    .description('species counts of fix reaxff/species per timestep: table, CSV or JSON')
    .argument('<file>', 'the species file of fix reaxff/species (e.g. species.out)')
    .option('--csv <out>', 'write Timestep,No_Moles,No_Specs and one column per species to a CSV file')
    .option('--json', 'print the table as JSON on stdout')
    .action(async (file: string, opts: SpeciesOptions) => {
      if (opts.csv !== undefined && opts.json) throw new UsageError('--csv and --json cannot be combined');
      const rows: SpeciesRow[] = [];
      for await (const r of readReaxffSpecies(file)) rows.push(r);
      if (opts.json) {
        out(JSON.stringify(speciesTable(rows), null, 1));
        return;
      }
      const csv = speciesCsv(rows);
      if (opts.csv !== undefined) {
        try {
          writeFileAtomicSync(opts.csv, csv);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          throw new UsageError(`${opts.csv}: cannot write the CSV (${code === 'ENOENT' ? 'no such directory' : code ?? String(e)})`);
        }
        out(`wrote ${rows.length} rows of ${speciesTable(rows).species.length} species to ${opts.csv}`);
        return;
      }
      const table = csv.trimEnd().split('\n').map((l) => l.split(','));
      const w = table[0].map((_, j) => Math.max(...table.map((r) => r[j].length)));
      out(table.map((r) => r.map((c, j) => c.padStart(w[j])).join('  ')).join('\n'));
    });
}
