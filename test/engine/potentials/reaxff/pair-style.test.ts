/**
 * `pair_style reaxff` as the engine calls it (PairReaxff: bonded + non-bonded terms, the engine's list,
 * ghosts folded by the caller) at step 0 of each LAMMPS reference case, with LAMMPS's step-0
 * positions and charges from the dump (so no QEq is involved): the 14 partial energies and PotEng
 * within 1e-10 relative of log.lammps, Press within 1e-8 relative (virial + the log's KinEng), and
 * every force component within 1e-6 kcal/mol/A of the dump (printed with %.15g).
 */
import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { readFrame, readThermo, atomsAndList, REF, FIX } from './bonded-harness.js';
import { PairReaxff, REAXFF_PVECTOR, parseReaxffStyleArgs } from '../../../../src/engine/potentials/reaxff/index.js';
import { PAIR_STYLES } from '../../../../src/engine/potentials/registry.js';
import { foldGhostForces } from '../../../../src/engine/space/ghosts.js';
import { boxVolume } from '../../../../src/engine/space/box.js';
import type { ForceAccumulator } from '../../../../src/engine/potentials/types.js';

function relErr(a: number, b: number): number {
  const m = Math.min(Math.abs(a), Math.abs(b));
  return m === 0 ? Math.abs(a - b) : Math.abs(a - b) / m;
}

function words(input: string, cmd: string): string[] {
  const line = input.split('\n').map((l) => l.replace(/#.*/, '').trim()).find((l) => l.split(/\s+/)[0] === cmd);
  return line!.split(/\s+/).slice(1);
}

export function pairAtStep0(dir: string, dump = 'dump.forces.lammpstrj') {
  const input = readFileSync(join(dir, 'in.lammps'), 'utf8');
  const ps = words(input, 'pair_style');
  const pc = words(input, 'pair_coeff');
  const skin = Number(words(input, 'neighbor')[0]);
  const fr = readFrame(join(dir, dump));
  const ntypes = pc.length - 3;
  const ctx = { units: 'real', ntypes, resolvePotentialFile: (f: string) => resolve(dir, f), where: () => ({ file: join(dir, 'in.lammps'), line: 0 }) };
  const pair = PAIR_STYLES.get(ps[0])!.create(ps.slice(1), ctx) as PairReaxff;
  pair.coeff(pc);
  pair.init(ntypes, ['qeq/reaxff']);
  const { g, list } = atomsAndList(fr.box, fr.x, fr.type, fr.q, fr.id, pair.cutoff + skin, pair.neighborKind);
  const acc: ForceAccumulator = { f: new Float64Array(3 * g.nall), energy: 0, virial: new Float64Array(6) };
  pair.compute(g, list, acc, { wantEatom: false });
  foldGhostForces(g, acc.f);
  return { fr, acc, pair, volume: boxVolume(fr.box) };
}

function check(dir: string, dump = 'dump.forces.lammpstrj', log = 'log.lammps'): void {
  const { fr, acc, volume } = pairAtStep0(dir, dump);
  const th = readThermo(join(dir, log));
  REAXFF_PVECTOR.forEach((name, k) => {
    const ref = th[`c_reax[${k + 1}]`];
    expect(relErr(acc.parts![name], ref), `${name}: ours ${acc.parts![name]} LAMMPS ${ref}`).toBeLessThan(1e-10);
  });
  expect(relErr(acc.energy, th.PotEng), `PotEng ${acc.energy} vs ${th.PotEng}`).toBeLessThan(1e-10);
  const press = ((2 * th.KinEng + acc.virial[0] + acc.virial[1] + acc.virial[2]) / (3 * volume)) * 68568.415;
  expect(relErr(press, th.Press), `Press ${press} vs ${th.Press}`).toBeLessThan(1e-8);
  let worst = 0;
  for (let k = 0; k < fr.f.length; k++) worst = Math.max(worst, Math.abs(acc.f[k] - fr.f[k]));
  expect(worst, 'largest force difference [kcal/mol/A]').toBeLessThan(1e-6);
}

describe('pair_style reaxff at step 0 equals LAMMPS (energies, pressure, forces)', () => {
  it('reaxff-rdx (fixture copy)', () => check(join(FIX, 'reaxff-rdx')));
  for (const name of ['reaxff-tatb', 'reaxff-cho', 'reaxff-auo', 'reaxff-li-600', 'reaxff-li-bcc', 'reaxff-lina-gaissmaier']) {
    const dir = join(REF, name);
    it.skipIf(!existsSync(join(dir, 'log.lammps')))(`${name} (skipped when ../shared/reference/${name} is absent)`, () => check(dir));
  }
  const ts = join(REF, 'timestep');
  it.skipIf(!existsSync(join(ts, 'log.dt0.25')))('timestep dt 0.25 (skipped when ../shared/reference/timestep is absent)', () =>
    check(ts, 'dump.forces.dt0.25.lammpstrj', 'log.dt0.25'));
});

describe('pair_style reaxff arguments', () => {
  const where = 'in.test:3';
  it('defaults are LAMMPS defaults (NULL control: nbrhood 5, hbond 7.5, thb 0.001)', () => {
    const o = parseReaxffStyleArgs(['NULL'], (f) => f, where);
    expect([o.control.bond_cut, o.control.hbond_cut, o.control.thb_cut, o.control.thb_cutsq]).toEqual([5, 7.5, 0.001, 0.00001]);
    expect([o.checkqeq, o.lgvdw, o.enobonds]).toEqual([true, false, true]);
  });
  it('keywords', () => {
    const o = parseReaxffStyleArgs(['NULL', 'checkqeq', 'no', 'lgvdw', 'yes', 'enobonds', 'no', 'safezone', '1.6', 'mincap', '100', 'minhbonds', '30', 'list/blocking', 'yes'], (f) => f, where);
    expect([o.checkqeq, o.lgvdw, o.enobonds, o.safezone, o.mincap, o.minhbonds, o.listBlocking]).toEqual([false, true, false, 1.6, 100, 30, true]);
  });
  it('errors name the line and what was expected', () => {
    expect(() => parseReaxffStyleArgs([], (f) => f, where)).toThrow(/in.test:3: pair_style reaxff: expected a control file or NULL/);
    expect(() => parseReaxffStyleArgs(['NULL', 'lgvdw', 'maybe'], (f) => f, where)).toThrow(/in.test:3: .*lgvdw: expected yes or no, found 'maybe'/);
    expect(() => parseReaxffStyleArgs(['NULL', 'mincap', '-2'], (f) => f, where)).toThrow(/mincap: expected a whole number >= 0/);
    expect(() => parseReaxffStyleArgs(['NULL', 'bogus', '1'], (f) => f, where)).toThrow(/unknown keyword 'bogus'/);
  });
  it('extract gives fix qeq/reaxff the per-type chi, 2*eta and gamma of the ffield (0 for NULL)', () => {
    const dir = join(FIX, 'reaxff-rdx');
    const ctx = { units: 'real', ntypes: 5, resolvePotentialFile: (f: string) => resolve(dir, f), where: () => ({ file: 'in', line: 1 }) };
    const pair = PAIR_STYLES.get('reaxff')!.create(['NULL'], ctx) as PairReaxff;
    pair.coeff(['*', '*', 'ffield.reax', 'C', 'H', 'O', 'N', 'NULL']);
    // ffield.reax (LAMMPS examples): gamma = atom line 1 word 7, chi / eta = line 2 words 6 / 7
    expect(Array.from(pair.extract('chi')!)).toEqual([5.7254, 3.8446, 8.5, 6.7768, 0]);
    expect(Array.from(pair.extract('eta')!)).toEqual([2 * 6.9235, 2 * 10.0839, 2 * 7.1412, 2 * 6.8035, 0]);
    expect(Array.from(pair.extract('gamma')!)).toEqual([0.8712, 0.891, 0.8712, 1.0512, 0]);
    expect(pair.extract('bogus')).toBeNull();
  });
  it('checkqeq: a run without fix qeq/reaxff or qeq/shielded is refused unless checkqeq no (LAMMPS init_style)', () => {
    const dir = join(FIX, 'reaxff-rdx');
    const ctx = { units: 'real', ntypes: 4, resolvePotentialFile: (f: string) => resolve(dir, f), where: () => ({ file: 'in', line: 1 }) };
    const make = (args: string[]) => { const p = PAIR_STYLES.get('reaxff')!.create(args, ctx) as PairReaxff; p.coeff(['*', '*', 'ffield.reax', 'C', 'H', 'O', 'N']); return p; };
    expect(() => make(['NULL']).init(4, ['nve'])).toThrow(/requires fix qeq\/reaxff or qeq\/shielded.*checkqeq no/);
    expect(() => make(['NULL']).init(4, ['nve', 'qeq/reaxff'])).not.toThrow();
    expect(() => make(['NULL']).init(4, ['qeq/shielded'])).not.toThrow();
    expect(() => make(['NULL', 'checkqeq', 'no']).init(4, ['nve'])).not.toThrow();
  });
  it('reax/c is the same style', () => {
    expect(PAIR_STYLES.get('reax/c')).toBe(PAIR_STYLES.get('reaxff'));
  });
});
