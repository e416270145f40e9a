/**
 * A LAMMPS force-style unit-test YAML (src/io/lammps-unittest-yaml.ts) as the reference of
 * `lmpv compare`. The candidate is what a run of the same setup wrote: a log whose first thermo
 * block has `E_vdwl` and `E_coul` (thermo keywords evdwl, ecoul) and a dump with `id fx fy fz`.
 * The first row / frame is compared with init_*, the last (the harness runs `run 4 post no` with
 * fix nve) with run_*. The pair virial (init_stress, run_stress) is compared when the log prints a
 * `compute ID all pressure NULL pair` (or `virial`) as c_ID[1..6] and `Volume`: virial =
 * P * V / nktv2p (LAMMPS compute_pressure.cpp). Tolerances as test_pair_style.cpp: relative
 * (LAMMPS's unit-test metric) `epsilon` for energies, stress and init forces, 5 * epsilon for
 * run forces. Energies and forces the candidate lacks fail naming the quantity; a stress the
 * candidate cannot print is a note.
 */
import { join } from 'node:path';
import { readLammpsLog, type LammpsLog } from '../io/lammps-log.js';
import type { LammpsUnitTest, UnitTestForces } from '../io/lammps-unittest-yaml.js';
import { unitConstants } from '../io/units.js';
import { ErrorStats, relErr } from './compare.js';
import { framesByStep, type OutputSet } from './reference.js';
import { makeReport, type CheckResult, type Report } from './types.js';

function missing(check: string, name: string, detail: string): CheckResult {
  return { check, name, passed: false, metric: 'rel', tolerance: 0, stats: { n: 0, avg: 0, dev: 0, max: Infinity, argmax: -1 }, detail };
}

function scalar(check: string, name: string, ref: number, cand: number, tol: number, step: number): CheckResult {
  const s = new ErrorStats();
  s.add(relErr(ref, cand), step);
  return { check, name, passed: s.max <= tol, metric: 'rel', tolerance: tol, stats: s.toJSON(), worst: { label: 'step', where: step, reference: ref, candidate: cand } };
}

function pressureCompute(log: LammpsLog): string | undefined {
  for (const c of log.commands) {
    const m = /^\s*compute\s+(\S+)\s+\S+\s+pressure\s+NULL\s+(pair|virial)\s*$/.exec(c.text);
    if (m) return m[1];
  }
  return undefined;
}

function unitsOf(log: LammpsLog): string {
  for (const c of log.commands) {
    const m = /^\s*units\s+(\S+)/.exec(c.text);
    if (m) return m[1];
  }
  return 'lj';
}

export async function compareWithUnitTest(ref: LammpsUnitTest, candidate: OutputSet, tolOverride?: number): Promise<Report> {
  const eps = tolOverride ?? ref.epsilon;
  const results: CheckResult[] = [];
  const notes: string[] = [`reference: LAMMPS unit test ${ref.file} (LAMMPS ${ref.lammpsVersion ?? '?'}, pair_style ${ref.pairStyle ?? '?'}), epsilon ${ref.epsilon}`];
  // thermo: energies and the pair virial
  const logName = candidate.logs[0];
  if (!logName) results.push(missing('outputs', 'log', 'the candidate has no LAMMPS log to take init_vdwl / init_coul from'));
  else {
    const log = await readLammpsLog(join(candidate.dir, logName));
    const block = log.runs.find((r) => r.nrows > 0);
    if (!block) results.push(missing('outputs', logName, `${logName}: no thermo output`));
    else {
      const step = block.data.get('Step')!;
      const rows: Array<['init' | 'run', number]> = [['init', 0]];
      if (block.nrows > 1) rows.push(['run', block.nrows - 1]);
      const pid = pressureCompute(log);
      const vol = block.data.get('Volume');
      const nktv2p = unitConstants(unitsOf(log)).nktv2p;
      for (const [when, i] of rows) {
        for (const [col, key, value] of [['E_vdwl', `${when}_vdwl`, when === 'init' ? ref.initVdwl : ref.runVdwl], ['E_coul', `${when}_coul`, when === 'init' ? ref.initCoul : ref.runCoul]] as const) {
          if (value === undefined) continue;
          const c = block.data.get(col);
          if (!c) results.push(missing('energy', key, `${logName} has no ${col} column (thermo keyword ${col === 'E_vdwl' ? 'evdwl' : 'ecoul'})`));
          else results.push(scalar('energy', `${key} (${col} @ step ${step[i]})`, value, c[i], eps, step[i]));
        }
        const stress = when === 'init' ? ref.initStress : ref.runStress;
        if (!stress) continue;
        const cols = pid ? [1, 2, 3, 4, 5, 6].map((k) => block.data.get(`c_${pid}[${k}]`)) : [];
        if (!pid || !vol || cols.some((c) => !c)) {
          notes.push(`${when}_stress not compared: ${logName} prints no c_ID[1..6] of 'compute ID all pressure NULL pair' with Volume`);
          continue;
        }
        const s = new ErrorStats();
        let worst = 0;
        const names = ['xx', 'yy', 'zz', 'xy', 'xz', 'yz'];
        cols.forEach((c, k) => {
          const before = s.max;
          s.add(relErr(stress[k], (c![i] * vol[i]) / nktv2p), k);
          if (s.max !== before || k === 0) worst = k;
        });
        results.push({ check: 'stress', name: `${when}_stress (pair virial from c_${pid} * Volume / nktv2p @ step ${step[i]})`, passed: s.max <= eps, metric: 'rel', tolerance: eps, stats: s.toJSON(),
          worst: { label: 'component', where: worst, reference: stress[worst], candidate: (cols[worst]![i] * vol[i]) / nktv2p },
          detail: `worst component ${names[worst]}` });
      }
    }
  }
  // dump: forces by atom id
  const dumpName = candidate.dumps[0];
  const wanted: Array<['init' | 'run', UnitTestForces | undefined, number]> = [['init', ref.initForces, eps], ['run', ref.runForces, 5 * eps]];
  if (!dumpName) {
    for (const [when, f] of wanted) if (f) results.push(missing('forces', `${when}_forces`, 'the candidate has no dump with id fx fy fz'));
  } else {
    const frames = [...(await framesByStep(join(candidate.dir, dumpName))).values()];
    for (const [when, f, tol] of wanted) {
      if (!f) continue;
      const frame = when === 'init' ? frames[0] : frames.length > 1 ? frames[frames.length - 1] : undefined;
      const cols = frame && ['id', 'fx', 'fy', 'fz'].map((c) => frame.columns.get(c));
      if (!frame || !cols || cols.some((c) => !(c instanceof Float64Array))) {
        results.push(missing('forces', `${when}_forces`, `${dumpName}: no ${when === 'init' ? 'first' : 'second'} frame with id fx fy fz`));
        continue;
      }
      const [id, fx, fy, fz] = cols as Float64Array[];
      const at = new Map<number, number>();
      id.forEach((v, k) => at.set(v, k));
      const s = new ErrorStats();
      let worst = { where: -1, reference: 0, candidate: 0 };
      let absent = 0;
      for (let k = 0; k < f.ids.length; k++) {
        const j = at.get(f.ids[k]);
        if (j === undefined) { absent++; continue; }
        for (const [d, c] of [fx, fy, fz].entries()) {
          const before = s.max;
          s.add(relErr(f.f[3 * k + d], c[j]), f.ids[k]);
          if (s.max !== before || worst.where < 0) worst = { where: f.ids[k], reference: f.f[3 * k + d], candidate: c[j] };
        }
      }
      results.push({ check: 'forces', name: `${when}_forces (${dumpName} @ step ${frame.timestep ?? '?'})`, passed: absent === 0 && s.max <= tol, metric: 'rel', tolerance: tol, stats: s.toJSON(),
        worst: { label: 'atom', ...worst }, detail: absent ? `${absent} atoms of the reference are not in the candidate's frame` : undefined });
    }
  }
  return makeReport(ref.file, ref.file, candidate.dir, results, notes);
}
