/**
 * `npm run bench`: runs every benchmark in scripts/bench/ and prints one JSON document on stdout.
 * Each benchmark module exports `name` and `run(): Promise<Record<string, unknown>>`; figures that
 * compare with another program (ASE, lmp) are measured side by side in the same run and given as
 * ratios beside the raw numbers. Progress and notes go to stderr.
 * Select some with `npm run bench -- NAME...`.
 */
interface BenchModule {
  name: string;
  run(): Promise<Record<string, unknown>>;
}

const MODULES: Array<() => Promise<BenchModule>> = [
  // (benchmarks register here: () => import('./bench/<name>.js'))
  () => import('./bench/lammps-data.js'),
  () => import('./bench/engine-lj.js'),
  () => import('./bench/extxyz.js'),
  () => import('./bench/lammps-log.js'),
  () => import('./bench/dump-parse.js'),
  () => import('./bench/acna.js'),
  () => import('./bench/kernels.js'),
  () => import('./bench/meam.js'),
  () => import('./bench/reaxff.js'),
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: Record<string, unknown> = {};
  for (const load of MODULES) {
    const m = await load();
    if (only.length && !only.includes(m.name)) continue;
    process.stderr.write(`bench: ${m.name} ...\n`);
    try {
      results[m.name] = await m.run();
    } catch (e) {
      results[m.name] = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  const doc = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    date: new Date().toISOString(),
    results,
  };
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
