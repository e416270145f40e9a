/**
 * `npm run bench`: runs every benchmark in scripts/bench/ and prints one JSON document on stdout.
 * Each benchmark module exports `name` and `run(): Promise<Record<string, unknown>>`; figures that
 * compare with another program (ASE, lmp) are measured side by side in the same run and given as
 * ratios beside the raw numbers. Progress and notes go to stderr.
 * Select some with `npm run bench -- NAME...`.
 *
 * Regression gate (scripts/lib/baseline.ts): `--save FILE` writes the run's ratio figures to FILE;
 * `--baseline FILE [--margin 0.25]` compares them with FILE's and exits 1, naming each figure that
 * is worse by more than the margin (relative). Ratios only: they hold on a noisy machine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compareWithBaseline, ratioFigures, type BaselineFile } from './lib/baseline.js';
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
  () => import('./bench/convert.js'),
  () => import('./bench/startup.js'),
];

interface Args {
  only: string[];
  save?: string;
  baseline?: string;
  margin: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { only: [], margin: 0.25 };
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${t}: expected a value`);
      return v;
    };
    if (t === '--save') a.save = value();
    else if (t === '--baseline') a.baseline = value();
    else if (t === '--margin') {
      const m = Number(value());
      if (!(m >= 0 && m < 10)) throw new Error(`--margin: expected a relative margin such as 0.25, found '${argv[i]}'`);
      a.margin = m;
    } else if (t.startsWith('--')) throw new Error(`unknown option '${t}' (expected --save FILE, --baseline FILE, --margin X, or benchmark names)`);
    else a.only.push(t);
  }
  return a;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const only = args.only;
  // read the baseline first: a bad file should not cost a whole benchmark run
  const base = args.baseline ? (JSON.parse(readFileSync(args.baseline, 'utf8')) as BaselineFile) : undefined;
  if (base && (typeof base.figures !== 'object' || base.figures === null)) throw new Error(`${args.baseline}: expected a baseline written by --save (no "figures" object)`);
  const results: Record<string, unknown> = {};
  const modules = await Promise.all(MODULES.map((load) => load()));
  const unknown = only.filter((n) => !modules.some((m) => m.name === n));
  if (unknown.length) throw new Error(`unknown benchmark '${unknown[0]}' (expected ${modules.map((m) => m.name).join(', ')})`);
  for (const m of modules) {
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
  const figures = ratioFigures(results);
  (doc as Record<string, unknown>).ratios = figures;
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  if (args.save) {
    const file: BaselineFile = { date: doc.date, node: doc.node, platform: doc.platform, figures };
    writeFileSync(args.save, JSON.stringify(file, null, 2) + '\n');
    process.stderr.write(`bench: saved ${Object.keys(figures).length} ratio figures to ${args.save}\n`);
  }
  if (base) {
    const gate = compareWithBaseline(figures, base, Object.keys(results), args.margin);
    for (const l of gate.lines) process.stderr.write(`bench: ${l}\n`);
    if (gate.failures.length > 0) {
      for (const f of gate.failures) process.stderr.write(`bench: REGRESSION ${f}\n`);
      process.exitCode = 1;
    } else process.stderr.write(`bench: ${gate.lines.length} figures within ${args.margin * 100}% of ${args.baseline}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
