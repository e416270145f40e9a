/** LAMMPS's argument rules (utils.cpp numeric / inumeric / bounds), as src/engine/input/args.ts applies them. */
import { describe, expect, it } from 'vitest';
import { bounds, inumeric, isNumeric, numeric, yesno } from '../../../src/engine/input/args.js';
import { Interpreter } from '../../../src/engine/input/interpreter.js';

function runScript(text: string): void {
  new Interpreter({ cwd: process.cwd(), log: null }).runText(text, 'in.test');
}

describe('numeric (utils::numeric)', () => {
  it.each([
    ['1', 1],
    ['-2.5', -2.5],
    ['+3e2', 300],
    ['.5', 0.5],
    ['1.', 1],
    ['1E-3', 0.001],
  ])('accepts %s', (w, v) => expect(numeric(w, 'x')).toBe(v));
  it.each(['0x10', '', ' 1', '1 ', 'inf', 'nan', 'Infinity', '1,5', '1e', '1-2', '--1', '.'])("refuses '%s' (Number() takes some of these)", (w) => {
    expect(() => numeric(w, 'timestep')).toThrow(`timestep: expected a number, found '${w}'`);
  });
  it('names a missing word', () => expect(() => numeric(undefined, 'mass')).toThrow("mass: expected a number, found '(nothing)'"));
});

describe('inumeric (utils::inumeric)', () => {
  it('accepts signed digits', () => {
    expect(inumeric('42', 'n')).toBe(42);
    expect(inumeric('-7', 'n')).toBe(-7);
  });
  it.each(['2.0', '1e3', '0x10', '', '12a'])("refuses '%s'", (w) => expect(() => inumeric(w, 'run')).toThrow(`run: expected an integer, found '${w}'`));
  it('isNumeric agrees with numeric', () => expect(['1', 'x', '0x1'].map(isNumeric)).toEqual([true, false, false]));
});

describe('bounds (utils::bounds) and yesno', () => {
  it.each([
    ['3', [3, 3]],
    ['*', [1, 4]],
    ['2*', [2, 4]],
    ['*3', [1, 3]],
    ['2*3', [2, 3]],
  ])('%s of 1..4', (w, r) => expect(bounds(w, 1, 4, 'mass')).toEqual(r));
  it.each(['0', '5', '3*2', '1*5'])("'%s' is outside 1..4", (w) => expect(() => bounds(w, 1, 4, 'mass')).toThrow(`mass: range '${w}' is outside 1..4`));
  it.each(['a', '1-2', '**', '-1'])("'%s' is not a range", (w) => expect(() => bounds(w, 1, 4, 'mass')).toThrow(/mass: expected N, \*, N\*, \*M or N\*M/));
  it('yes/no only', () => {
    expect([yesno('yes', 'k'), yesno('no', 'k')]).toEqual([true, false]);
    expect(() => yesno('1', 'thermo_modify norm')).toThrow("thermo_modify norm: expected yes or no, found '1'");
  });
});

describe('the commands use them', () => {
  it.each([
    ['timestep 0x10', "timestep: expected a number, found '0x10'"],
    ['run 1e3', "run: expected an integer, found '1e3'"],
    ['mass 3 1.0', "mass: range '3' is outside 1..1"],
    ['fix 1 all nvt temp 1.0 1.0 0x1', "fix nvt temp: expected a number, found '0x1'"],
  ])('%s', (line, msg) => {
    const base = 'units lj\nlattice fcc 0.8442\nregion b block 0 2 0 2 0 2\ncreate_box 1 b\ncreate_atoms 1 box\nmass 1 1.0\npair_style lj/cut 2.5\npair_coeff 1 1 1.0 1.0\n';
    expect(() => runScript(base + line + '\n')).toThrow(msg);
  });
});
