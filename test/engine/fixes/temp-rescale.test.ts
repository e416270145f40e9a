/**
 * fix temp/rescale (src/engine/fixes/temp-rescale.ts), fix_modify temp (fixes/fix-temperature.ts)
 * and fix deform / nvt/sllod argument rules: what one rescale does to T and to f_ID, by hand, and the
 * errors a user can cause. Whole runs against real LAMMPS: fixtures/lammps/engine-temp-bias,
 * engine-deform, engine-deform-remap-x and the examples (test/engine/examples.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../../src/engine/input/interpreter.js';
import { findTempCompute } from '../../../src/engine/computes/lookup.js';
import { thermoValue } from '../../../src/engine/thermo-values.js';
import { runScriptText } from '../helpers.js';

const run = runScriptText;

const BASE = `units lj
lattice fcc 0.8442
region box block 0 3 0 3 0 3
create_box 1 box
create_atoms 1 box
mass 1 1.0
velocity all create 2.0 4928 loop geom
`;

describe('fix temp/rescale', () => {
  it('one rescale moves T a fraction of the way to the target and f_ID counts the energy taken', () => {
    // no pair style: velocities are constant between rescales, so T before the rescale is T at creation
    const it = run(BASE + 'fix 1 all nve\nfix 2 all temp/rescale 1 1.0 1.0 0.1 0.25\nthermo_style custom step temp f_2\nrun 1\n');
    const e = it.e;
    const t0 = 2.0;
    const tNew = t0 - 0.25 * (t0 - 1.0);
    expect(findTempCompute(e, 'thermo_temp', 'test').scalar(e)).toBeCloseTo(tNew, 12);
    const dof = 3 * e.sys.nlocal - 3;
    expect(thermoValue(e, 'f_2').v).toBeCloseTo((t0 - tNew) * 0.5 * dof, 10);
  });

  it('inside the window nothing changes; fix_modify temp with a biased compute scales thermal velocities only', () => {
    const it = run(BASE + 'compute tp all temp/partial 1 0 0\nvelocity all set NULL 0.5 NULL units box\nfix 1 all nve\nfix 2 all temp/rescale 1 1.0 1.0 0.1 1.0\nfix_modify 2 temp tp\nrun 1\n');
    const e = it.e;
    expect(findTempCompute(e, 'tp', 'test').scalar(e)).toBeCloseTo(1.0, 12);
    for (let i = 0; i < e.sys.nlocal; i++) expect(e.sys.v[3 * i + 1]).toBe(0.5);
    // fix_modify temp deleted the fix's own compute
    expect(e.computes.has('2_temp')).toBe(false);
    const it2 = run(BASE + 'fix 1 all nve\nfix 2 all temp/rescale 1 2.0 2.0 0.5 1.0\nrun 1\n');
    expect(findTempCompute(it2.e, 'thermo_temp', 'test').scalar(it2.e)).toBeCloseTo(2.0, 12);
  });

  it('errors name what was expected', () => {
    expect(() => run(BASE + 'fix 2 all temp/rescale 10 1.0 1.0 0.1\n')).toThrow('expected N Tstart Tstop window fraction');
    expect(() => run(BASE + 'fix 2 all temp/rescale 0 1.0 1.0 0.1 1.0\n')).toThrow('N must be > 0');
    expect(() => run(BASE + 'fix 2 all temp/rescale 1 1.0 1.0 0.1 1.0\nfix_modify 2 temp nope\n')).toThrow("could not find temperature compute ID 'nope'");
    expect(() => run(BASE + 'compute p all pe\nfix 2 all temp/rescale 1 1.0 1.0 0.1 1.0\nfix_modify 2 temp p\n')).toThrow('does not compute temperature');
    expect(() => run(BASE + 'fix 2 all temp/rescale 1 1.0 1.0 0.1 1.0\nfix_modify 2 bogus 1\n')).toThrow("keyword 'bogus 1' is not supported");
    expect(() => run(BASE + 'fix 2 all nve\nfix_modify 3 temp thermo_temp\n')).toThrow("could not find fix_modify ID '3'");
  });
});

describe('fix deform and fix nvt/sllod arguments', () => {
  const TRI = BASE.replace('region box block 0 3 0 3 0 3', 'region box prism 0 3 0 3 0 3 0 0 0');
  it('the box reaches the targets of final, delta and erate at the end of the run', () => {
    const it = run(TRI + 'fix 1 all nve\nfix 2 all deform 1 x final 0 6 xy delta 0.5 z erate 0.1 units box\nrun 10\n');
    const b = it.e.sys.box;
    expect(b.lo[0]).toBe(0);
    expect(b.hi[0]).toBeCloseTo(6, 12);
    expect(b.h[5]).toBeCloseTo(0.5, 12);
    const lz0 = 3 * it.e.lattice!.zlattice;
    expect(b.prd[2]).toBeCloseTo(lz0 * (1 + 0.1 * 10 * 0.005), 12);
  });

  it('errors name what was expected', () => {
    expect(() => run(BASE + 'fix 2 all deform 1 xy erate 0.1\n')).toThrow('a tilt can only change in a triclinic box');
    expect(() => run(TRI + 'fix 2 all deform 1 x volume\n')).toThrow("style 'volume' is not supported by lmpv");
    expect(() => run(TRI + 'fix 2 all deform 1 x scale\n')).toThrow('expected a number');
    expect(() => run(TRI + 'fix 2 all deform 1 x final 0 6 remap y\n')).toThrow("expected x, v or none, found 'y'");
    expect(() => run(TRI + 'fix 1 all nvt/sllod temp 1 1 0.5\nrun 1\n')).toThrow('no fix deform defined');
    expect(() => run(TRI + 'fix 1 all nvt/sllod temp 1 1 0.5\nfix 2 all deform 1 xy erate 0.1\nrun 1\n')).toThrow('needs remap v');
  });
});
