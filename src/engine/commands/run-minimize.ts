/** `run N [upto] [start N] [stop N] [pre|post yes|no]`, `minimize`, `min_style`, `min_modify` (LAMMPS run.cpp, minimize.cpp). */
import type { CommandContext } from './context.js';
import { minimize } from '../minimize.js';
import { performance } from 'node:perf_hooks';
import { fail, needBox, g8 } from './util.js';
import { numeric, inumeric, yesno } from '../input/args.js';
import { writeThermo } from './thermo.js';
import { writeDumps } from './dump.js';

export function runCmd(it: CommandContext, args: string[]): void {
  const e = it.e;
  if (args.length < 1) fail('run: expected number of steps');
  let n = inumeric(args[0], 'run');
  let upto = false;
  let start: number | null = null, stop: number | null = null;
  let pre = true;
  for (let k = 1; k < args.length; ) {
    const w = args[k];
    if (w === 'upto') {
      upto = true;
      k++;
    } else if (w === 'start') {
      start = inumeric(args[k + 1], 'run start');
      k += 2;
    } else if (w === 'stop') {
      stop = inumeric(args[k + 1], 'run stop');
      k += 2;
    } else if (w === 'pre') {
      pre = yesno(args[k + 1], 'run pre');
      k += 2;
    } else if (w === 'post') {
      yesno(args[k + 1], 'run post');
      k += 2;
    } else fail(`run: keyword '${w}' is not understood (or not supported by lmpv)`);
  }
  void pre;
  if (upto) n -= e.ntimestep;
  if (n < 0) fail('run: invalid number of steps');
  e.firststep = e.ntimestep;
  e.laststep = e.ntimestep + n;
  e.beginstep = start ?? e.firststep;
  e.endstep = stop ?? e.laststep;
  if (start !== null && start > e.firststep) fail('run start value is after start of run');
  if (stop !== null && stop < e.laststep) fail('run stop value is before end of run');
  e.initRun();
  e.policy.init();
  // Domain::init: a shrink-wrapped boundary (s, m) changes the box too, so thermo one/multi add Volume
  e.thermo.boxChange = e.fixes.some((f) => f.changesBox) || e.sys.boundary.some((b) => b.some((k) => k === 's' || k === 'm'));
  const t0 = performance.now();
  e.runStart = t0;
  e.setup();
  e.policy.setupDone();
  it.print('Per MPI rank memory allocation (min/avg/max) = 0 | 0 | 0 Mbytes\n');
  const th = e.thermo;
  it.print(th.header());
  writeThermo(it);
  writeDumps(it, false);
  e.runSteps(n, (last) => {
    const every = th.every;
    if (last || (every > 0 && e.ntimestep % every === 0)) writeThermo(it);
    writeDumps(it, false);
  });
  const secs = (performance.now() - t0) / 1000;
  e.runStart = 0;
  it.print(e.fmt('Loop time of %g on 1 procs for %d steps with %d atoms\n\n', secs, n, e.sys.nlocal));
  let nn = 0;
  for (let i = 0; i < e.list.inum; i++) nn += e.list.offsets[i + 1] - e.list.offsets[i];
  it.print(`Total # of neighbors = ${nn}\n`);
  it.print(e.fmt('Ave neighs/atom = %.8g\n', e.sys.nlocal ? nn / e.sys.nlocal : 0));
  it.print(`Neighbor list builds = ${e.policy.ncalls}\nDangerous builds = ${e.policy.ndanger}\n`);
}

export function minimizeCmd(it: CommandContext, args: string[]): void {
  const e = it.e;
  needBox(it, 'minimize');
  if (args.length !== 4) fail('minimize: expected etol ftol maxiter maxeval');
  const etol = numeric(args[0], 'minimize etol');
  const ftol = numeric(args[1], 'minimize ftol');
  const maxiter = inumeric(args[2], 'minimize maxiter');
  const maxeval = inumeric(args[3], 'minimize maxeval');
  if (etol < 0 || ftol < 0 || maxiter < 0 || maxeval < 0) fail('illegal minimize command: values must be >= 0');
  e.firststep = e.beginstep = e.ntimestep;
  e.laststep = e.endstep = e.ntimestep + maxiter;
  e.policy.init();
  const t0 = performance.now();
  e.runStart = t0;
  let headerDone = false;
  const stats = minimize(e, etol, ftol, maxiter, maxeval, (force) => {
    if (!headerDone) {
      it.print('Per MPI rank memory allocation (min/avg/max) = 0 | 0 | 0 Mbytes\n');
      it.print(e.thermo.header());
      headerDone = true;
      writeThermo(it);
      writeDumps(it, false);
      return;
    }
    const every = e.thermo.every;
    if (force || e.ntimestep === e.laststep || (every > 0 && e.ntimestep % every === 0)) writeThermo(it);
    writeDumps(it, force);
  });
  const secs = (performance.now() - t0) / 1000;
  e.runStart = 0;
  it.print(e.fmt('Loop time of %g on 1 procs for %d steps with %d atoms\n\n', secs, stats.nsteps, e.sys.nlocal));
  it.print('\nMinimization stats:\n');
  it.print(`  Stopping criterion = ${stats.stop}\n`);
  it.print(e.fmt('  Energy initial, next-to-last, final = \n    %18.15g %18.15g %18.15g\n', stats.einitial, stats.eprevious, stats.efinal));
  it.print(`  Force two-norm initial, final = ${g8(stats.fnorm2Init)} ${g8(stats.fnorm2Final)}\n`);
  it.print(`  Force max component initial, final = ${g8(stats.fnormInfInit)} ${g8(stats.fnormInfFinal)}\n`);
  it.print(`  Final line search alpha, max atom move = ${g8(stats.alphaFinal)} ${g8(stats.alphaFinal * stats.fnormInfFinal)}\n`);
  it.print(`  Iterations, force evaluations = ${stats.niter} ${stats.neval}\n\n`);
  let nn = 0;
  for (let i = 0; i < e.list.inum; i++) nn += e.list.offsets[i + 1] - e.list.offsets[i];
  it.print(`Total # of neighbors = ${nn}\n`);
  it.print(e.fmt('Ave neighs/atom = %.8g\n', e.sys.nlocal ? nn / e.sys.nlocal : 0));
  it.print(`Neighbor list builds = ${e.policy.ncalls}\nDangerous builds = ${e.policy.ndanger}\n`);
}

export function minStyleCmd(_it: CommandContext, a: string[]): void {
  if (a.length !== 1 || a[0] !== 'cg') fail(`min_style '${a.join(' ')}' is not supported by lmpv (cg)`);
}

export function minModifyCmd(it: CommandContext, a: string[]): void {
  for (let k = 0; k < a.length; k += 2) {
    const w = a[k], v = a[k + 1];
    if (w === 'dmax') {
      it.e.minDmax = numeric(v, 'min_modify dmax');
      if (!(it.e.minDmax > 0)) fail('min_modify dmax must be > 0');
    } else if (w === 'line') {
      if (v !== 'quadratic') fail(`min_modify line '${v}' is not supported by lmpv (quadratic)`);
    } else if (w === 'norm') {
      if (v !== 'two') fail(`min_modify norm '${v}' is not supported by lmpv (two)`);
    } else fail(`min_modify: keyword '${w}' is not supported by lmpv`);
  }
}
