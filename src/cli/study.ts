/**
 * `lmpv study nucleation|deposition [options]`: create a study folder (one folder per run with its
 * LAMMPS input script), run it here (`--jobs N` at once, lmpv's engine or real LAMMPS) or submit it
 * to Slurm as one job array, and write report.html. `lmpv study status DIR`, `lmpv study report DIR`
 * follow and collect a study whoever runs it; `lmpv study run-one RUNDIR` starts or resumes one run
 * (what each Slurm array task and each local job calls). Progress on stderr.
 * Exit 0 when every run is done, 1 when a run failed (the others still ran), 2 on bad input.
 */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { UsageError } from '../io/errors.js';
import { parseList, parseRate, parseStage, parseTime, type DepositionSpec, type Engine, type NucleationSpec, type StudySpec } from '../verify/study/spec.js';
import { createStudy, readStudy, reportStudy, writeStudy } from '../verify/study/study.js';
import { readStatus, runLocal, runOne, runProgress, stopChildrenOnSignal } from '../verify/study/runner.js';
import { queuedTasks, submitArray } from '../verify/study/slurm.js';
import { studyText } from '../verify/study/report.js';
import { lmpvCommand, out } from './util.js';

interface RunFlags {
  engine: string; lmp?: string; np?: string; jobs?: string; out?: string;
  scheduler: string; partition?: string; nodesPerRun?: string; slurmTime?: string; wait?: boolean; prepareOnly?: boolean;
  seeds: string; seed: string; scale: string; frames: string; checkpoint: string;
}

/** One positive number (or whole number). */
function num(flag: string, v: string, opts: { integer?: boolean } = {}): number {
  const list = parseList(flag, v, opts);
  if (list.length !== 1) throw new UsageError(`${flag}: expected one value, found '${v}'`);
  return list[0];
}

function runOptions(cmd: Command): Command {
  return cmd
    .option('--seeds <n>', 'runs per combination, seeds SEED, SEED+1, ...', '1')
    .option('--seed <n>', 'first random seed', '1')
    .option('--scale <f>', 'multiply every time of the protocol by F (quick runs: 0.001)', '1')
    .option('--frames <n>', 'snapshots (dumps) per run', '200')
    .option('--checkpoint <n>', 'snapshots between restart files', '10')
    .option('--engine <engine>', 'lmpv (default) or lammps', 'lmpv')
    .option('--lmp <path>', 'LAMMPS executable for --engine lammps (default $LMP or lmp)')
    .option('--np <n>', 'MPI ranks per run for --engine lammps (mpirun here, srun under Slurm)')
    .option('--jobs <n>', 'runs at once on this machine', '1')
    .option('--out <dir>', 'study folder (one folder per run, report.html)')
    .option('--scheduler <s>', 'local (default) or slurm: one sbatch job array, one task per run', 'local')
    .option('--partition <p>', 'Slurm partition')
    .option('--nodes-per-run <n>', 'Slurm nodes per run')
    .option('--slurm-time <t>', 'Slurm time limit per run (sbatch --time)')
    .option('--wait', 'with --scheduler slurm: wait for the job array, then write the report')
    .option('--prepare-only', 'write the study folder and scripts, run nothing');
}

async function progressLoop<T>(dir: string, names: string[], work: (ev: { start(n: string): void; end(n: string, st: { state: string; error?: string }): void }) => Promise<T>): Promise<T> {
  const runsDir = join(dir, 'runs');
  const tty = process.stderr.isTTY;
  let done = 0;
  if (!tty) {
    return work({
      start: (n) => process.stderr.write(`lmpv study: ${n} started\n`),
      end: (n, st) => process.stderr.write(`lmpv study: ${n} ${st.state}${st.error ? ': ' + st.error : ''} (${++done}/${names.length})\n`),
    });
  }
  const multi = new cliProgress.MultiBar({ format: '{name} [{bar}] {percentage}% | step {value}/{total} {state}', stream: process.stderr, hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  const bars = new Map<string, cliProgress.SingleBar>();
  const timer = setInterval(() => {
    for (const [n, b] of bars) {
      const p = runProgress(join(runsDir, n));
      b.setTotal(p.total);
      b.update(p.step, { name: n, state: p.state });
    }
  }, 1000);
  try {
    return await work({
      start: (n) => { const p = runProgress(join(runsDir, n)); bars.set(n, multi.create(p.total, p.step, { name: n, state: 'running' })); },
      end: (n, st) => { const b = bars.get(n); if (b) { const p = runProgress(join(runsDir, n)); b.update(p.step, { name: n, state: st.state }); b.stop(); bars.delete(n); } },
    });
  } finally {
    clearInterval(timer);
    multi.stop();
  }
}

async function runStudy(spec: StudySpec, flags: RunFlags, defaultOut: string): Promise<void> {
  if (flags.engine !== 'lmpv' && flags.engine !== 'lammps') throw new UsageError(`--engine: expected lmpv or lammps, found '${flags.engine}'`);
  if (flags.scheduler !== 'local' && flags.scheduler !== 'slurm') throw new UsageError(`--scheduler: expected local or slurm, found '${flags.scheduler}'`);
  const np = flags.np ? num('--np', flags.np, { integer: true }) : undefined;
  if (np && np > 1 && flags.engine !== 'lammps') throw new UsageError('--np: MPI ranks need --engine lammps (the lmpv engine runs serially)');
  const dir = resolve(flags.out ?? defaultOut);
  const study = createStudy(dir, spec, { engine: flags.engine as Engine, lmp: flags.lmp ? resolve(flags.lmp) : undefined, np });
  const names = study.runs.map((r) => r.name).filter((n) => readStatus(join(dir, 'runs', n))?.state !== 'done');
  process.stderr.write(`lmpv study: ${study.runs.length} runs in ${dir} (${study.runs.length - names.length} already done)\n`);
  if (flags.prepareOnly) return;
  if (flags.scheduler === 'slurm') {
    const job = submitArray(dir, names, lmpvCommand(), { partition: flags.partition, nodesPerRun: flags.nodesPerRun ? num('--nodes-per-run', flags.nodesPerRun, { integer: true }) : undefined, np, time: flags.slurmTime });
    study.slurmJob = job;
    study.slurmRuns = names;
    writeStudy(dir, study);
    process.stderr.write(`lmpv study: submitted Slurm job array ${job} (${names.length} tasks); follow with: lmpv study status ${dir}\n`);
    if (!flags.wait) return;
    await progressLoop(dir, names, async (ev) => {
      const seen = new Set<string>();
      for (;;) {
        const q = queuedTasks(job);
        names.forEach((n, k) => {
          const st = readStatus(join(dir, 'runs', n));
          if (!seen.has(n) && !q.has(k) && st && st.state !== 'running') { seen.add(n); ev.end(n, st); }
        });
        if (seen.size === names.length || (q.size === 0 && names.every((n) => readStatus(join(dir, 'runs', n))?.state !== 'running'))) break;
        await new Promise((r) => setTimeout(r, 1000));
      }
    });
  } else {
    const jobs = flags.jobs ? num('--jobs', flags.jobs, { integer: true }) : 1;
    stopChildrenOnSignal();
    await progressLoop(dir, names, (ev) => runLocal(join(dir, 'runs'), names, jobs, lmpvCommand(), ev));
  }
  const { summary } = await reportStudy(dir);
  out(studyText(summary));
  out(`report: ${join(dir, 'report.html')}`);
  process.exitCode = summary.failed.length ? 1 : 0;
}

function common(flags: RunFlags) {
  return {
    seeds: num('--seeds', flags.seeds, { integer: true }), seed: num('--seed', flags.seed, { integer: true }), scale: num('--scale', flags.scale),
    frames: num('--frames', flags.frames, { integer: true }), checkpointFrames: num('--checkpoint', flags.checkpoint, { integer: true }),
  };
}

export function register(program: Command): void {
  const study = program.command('study').description('nucleation and deposition studies end to end: runs here or on Slurm, resumable, with a report');

  runOptions(study.command('nucleation')
    .description('ReaxFF Li clusters: random gas at a packing density, heat, quench, hold; bcc fraction and incubation time vs size')
    .option('--atoms <list>', 'cluster sizes', '500,600,700,800,1000,1500')
    .option('--density <list>', 'packing densities (g/cm3)', '0.0534')
    .option('--boundary <b>', 'p (periodic) or f (closed box, reflecting walls)', 'p')
    .option('--dt <list>', 'timesteps (fs)', '0.5')
    .option('--ffield <file>', 'ReaxFF force field (found as LAMMPS finds potentials)', 'ffield.reax.LiS_Islam2015')
    .option('--heat <T:time>', 'heating stage', '500K:0.1ns')
    .option('--quench <rate>', 'cooling rate from the heat to the hold temperature', '1K/ps')
    .option('--hold <T:time>', 'holding stage', '300K:5ns')
    .option('--tdamp <time>', 'Nose-Hoover damping time', '100fs')
    .option('--min-sep <A>', 'minimum separation of the initial random positions (Angstrom)', '2.5')
    .option('--cluster-cutoff <A>', 'cluster distance cutoff (Angstrom)', '4.0')
    .option('--threshold <f>', 'bcc fraction of the largest cluster that ends the incubation', '0.3'))
    .action(async (flags: RunFlags & Record<string, string>) => {
      if (flags.boundary !== 'p' && flags.boundary !== 'f') throw new UsageError(`--boundary: expected p or f, found '${flags.boundary}'`);
      const threshold = num('--threshold', flags.threshold);
      if (threshold > 1) throw new UsageError(`--threshold: expected a fraction in (0, 1], found '${flags.threshold}'`);
      const spec: NucleationSpec = {
        kind: 'nucleation', atoms: parseList('--atoms', flags.atoms, { integer: true }), density: parseList('--density', flags.density), boundary: flags.boundary,
        dt: parseList('--dt', flags.dt), ffield: flags.ffield, element: 'Li', mass: 6.94,
        heat: parseStage('--heat', flags.heat), quench: parseRate('--quench', flags.quench, 'K'), hold: parseStage('--hold', flags.hold),
        tdamp: parseTime('--tdamp', flags.tdamp), minSep: num('--min-sep', flags.minSep), clusterCutoff: num('--cluster-cutoff', flags.clusterCutoff), threshold,
        ...common(flags),
      };
      await runStudy(spec, flags, 'study-nucleation');
    });

  runOptions(study.command('deposition')
    .description('MEAM Li deposited with fix deposit onto a bcc Li substrate: deposited atoms, roughness and non-bcc fraction vs time per rate')
    .option('--rate <list>', 'deposition rates (Li/ps)', '1,0.5,0.25')
    .option('--time <t>', 'deposition time per run', '45ns')
    .option('--box <X,Y,Z>', 'box in bcc cells (Z includes the substrate and the vacuum)', '10,10,30')
    .option('--substrate <n>', 'substrate thickness in bcc cells', '4')
    .option('--dt <list>', 'timesteps (fs)', '1')
    .option('--temp <K>', 'substrate temperature (K)', '300')
    .option('--library <file[,param]>', 'MEAM library and parameter file', 'library.Li_Cui2012.meam,Li_Cui2012.meam'))
    .action(async (flags: RunFlags & Record<string, string>) => {
      const box = parseList('--box', flags.box, { integer: true });
      if (box.length !== 3) throw new UsageError(`--box: expected X,Y,Z (three whole numbers of bcc cells), found '${flags.box}'`);
      const substrate = num('--substrate', flags.substrate, { integer: true });
      if (substrate + 6 > box[2]) throw new UsageError(`--box: Z = ${box[2]} cells leaves no room above a ${substrate}-cell substrate (need at least ${substrate + 6})`);
      const [library, param] = flags.library.split(',');
      const spec: DepositionSpec = {
        kind: 'deposition', rate: parseList('--rate', flags.rate), time: parseTime('--time', flags.time), box: box as [number, number, number], substrate,
        dt: parseList('--dt', flags.dt), T: num('--temp', flags.temp), library, param: param ?? null,
        ...common(flags),
      };
      await runStudy(spec, flags, 'study-deposition');
    });

  study.command('status').description('state of every run of a study folder (and of its Slurm job)').argument('<dir>')
    .action((dir: string) => {
      const s = readStudy(dir);
      const q = s.slurmJob ? queuedTasks(s.slurmJob) : new Map<number, string>();
      if (s.slurmJob) out(`Slurm job ${s.slurmJob}: ${q.size} task(s) queued or running`);
      let failed = 0, done = 0;
      for (const r of s.runs) {
        const p = runProgress(join(dir, 'runs', r.name));
        const k = s.slurmRuns?.indexOf(r.name) ?? -1;
        const sl = k >= 0 && q.has(k) ? ` [slurm ${q.get(k)}]` : '';
        if (p.state === 'failed') failed++;
        if (p.state === 'done') done++;
        out(`${r.name.padEnd(28)} ${p.state.padEnd(8)} step ${p.step}/${p.total}${sl}${p.error ? '  ' + p.error : ''}`);
      }
      out(`${done}/${s.runs.length} done, ${failed} failed`);
      process.exitCode = failed ? 1 : 0;
    });

  study.command('report').description('analyse the finished runs of a study folder and write DIR/report.html and DIR/summary.json').argument('<dir>')
    .action(async (dir: string) => {
      const { summary } = await reportStudy(dir);
      out(studyText(summary));
      out(`report: ${join(resolve(dir), 'report.html')}`);
      process.exitCode = summary.failed.length ? 1 : 0;
    });

  study.command('run-one').description('start or resume one run folder of a study (what each local job and Slurm array task runs)').argument('<rundir>')
    .option('--launcher <l>', 'MPI launcher for LAMMPS runs with several ranks: mpirun or srun', 'mpirun')
    .action(async (rundir: string, flags: { launcher: string }) => {
      if (flags.launcher !== 'mpirun' && flags.launcher !== 'srun') throw new UsageError(`--launcher: expected mpirun or srun, found '${flags.launcher}'`);
      stopChildrenOnSignal(); // scancel / timeout signal this process: the run stops with it
      const st = await runOne(resolve(rundir), { lmpvCommand: lmpvCommand(), launcher: flags.launcher });
      if (st.state !== 'done') process.stderr.write(`lmpv study: ${rundir}: ${st.error ?? st.state}\n`);
      process.exitCode = st.state === 'done' ? 0 : 1;
    });
}
