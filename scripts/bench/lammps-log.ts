/**
 * LAMMPS log parsing throughput: the reaxff-rdx reference log (20 thermo columns, %.15g) with its
 * thermo block repeated to 200,000 rows (~58 MB), parsed in memory by parseLammpsLog; best of 3.
 * Beside it, the naive reading of the same text (split into lines, each at blanks, Number() every
 * field, no checks), as a floor for what any exact JS reader costs. Needs /work/shared/reference (skipped otherwise).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLammpsLog } from '../../src/io/lammps-log.js';

export const name = 'lammps-log';

const REF = join(process.cwd(), '..', 'shared', 'reference', 'reaxff-rdx', 'log.lammps');

export async function run(): Promise<Record<string, unknown>> {
  if (!existsSync(REF)) return { skipped: `no ${REF}` };
  const lines = readFileSync(REF, 'utf8').split('\n');
  const h = lines.findIndex((l) => l.startsWith('Step '));
  const e = lines.findIndex((l) => l.startsWith('Loop time'));
  const rows = lines.slice(h + 1, e);
  const reps = Math.ceil(200_000 / rows.length);
  const body: string[] = [];
  for (let k = 0; k < reps; k++) body.push(...rows);
  const text = [...lines.slice(0, h + 1), ...body, ...lines.slice(e)].join('\n');
  const mb = Buffer.byteLength(text) / 1e6;
  let best = Infinity;
  let nrows = 0;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    nrows = parseLammpsLog(text, 'bench.log').runs[0].nrows;
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  let naive = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    let sum = 0;
    for (const l of text.split('\n')) for (const t of l.trim().split(/\s+/)) sum += Number(t);
    naive = Math.min(naive, Number(process.hrtime.bigint() - t0) / 1e9);
    if (sum === 0.5) process.stderr.write('');
  }
  return {
    rows: nrows,
    columns: 20,
    megabytes: +mb.toFixed(1),
    parse_seconds: +best.toFixed(3),
    parse_mb_per_s: +(mb / best).toFixed(1),
    values_per_s: Math.round((nrows * 20) / best),
    naive_split_number_seconds: +naive.toFixed(3),
    ratio_to_naive: +(best / naive).toFixed(2),
  };
}
