/** The Variables unit (src/engine/input/variables.ts) and compiled formulas (expression.ts compile). */
import { describe, expect, it } from 'vitest';
import { Interpreter } from '../../../src/engine/input/interpreter.js';
import { compile } from '../../../src/engine/input/expression.js';
import { perAtomValue } from '../../../src/engine/computes/lookup.js';
import { runScriptText } from '../helpers.js';

const run = runScriptText;

const SYSTEM = `units lj
lattice fcc 0.8442
region box block 0 3 0 3 0 3
create_box 2 box
create_atoms 1 box
mass 1 1.0
mass 2 2.5
set type 1 type/fraction 2 0.3 777
velocity all create 1.5 5511 loop geom
pair_style lj/cut 2.5
pair_coeff * * 1.0 1.0
compute kea all ke/atom
run 0
`;

describe('formulas are compiled once', () => {
  it('the same text gives the same compiled function; syntax errors at compile time', () => {
    expect(compile('2*x+1')).toBe(compile('2*x+1'));
    expect(compile('2*(3+4)')({ word: () => undefined, step: () => ({ step: 0, begin: 0, end: 0, dt: 0 }) })).toBe(14);
    expect(() => compile('2*(3+4')).toThrow("missing ')'");
  });
  it('values depend on the context given at evaluation', () => {
    const f = compile('x^2 - ternary(x>1, 10, 20)');
    const at = (x: number) => f({ word: (w) => (w === 'x' ? x : undefined), step: () => ({ step: 0, begin: 0, end: 0, dt: 0 }) });
    expect([at(1), at(3)]).toEqual([-19, -1]);
  });
});

describe('Variables', () => {
  it('atom-style into an array: equals per-atom values and compute ke/atom (0.5 m v^2) atom by atom', () => {
    const it = run(SYSTEM + 'variable ek atom 0.5*mass*(vx*vx+vy*vy+vz*vz)\nvariable two atom v_ek*2+type\n');
    const e = it.e;
    const n = e.sys.nlocal;
    const arr = it.variables.atom('ek');
    expect(arr.length).toBe(n);
    for (let i = 0; i < n; i++) {
      expect(arr[i]).toBe(it.variables.atomValue('ek', i));
      expect(arr[i]).toBeCloseTo(perAtomValue(e, 'kea', i), 14);
    }
    const two = it.variables.atom('two');
    for (let i = 0; i < n; i++) expect(two[i]).toBe(arr[i] * 2 + e.sys.type[i]);
  });

  it('atom-style over a group: atoms outside it are 0', () => {
    const it = run(SYSTEM + 'group heavy type 2\nvariable m atom mass\n');
    const e = it.e;
    const arr = it.variables.atom('m', e.groupBit('heavy'));
    for (let i = 0; i < e.sys.nlocal; i++) expect(arr[i]).toBe(e.sys.type[i] === 2 ? 2.5 : 0);
  });

  it('equal-style, retrieve with %.15g, loop padding, next exhausting a variable', () => {
    const it = run(SYSTEM + 'variable t equal temp*2\nvariable l loop 8 10 pad\nvariable s string 0x10\n');
    expect(it.variables.equal('t')).toBeCloseTo(3.0, 12);
    expect(it.variables.retrieve('l')).toBe('08');
    expect(it.variables.next(['l'])).toBe(false);
    expect(it.variables.next(['l'])).toBe(false);
    expect(it.variables.retrieve('l')).toBe('10');
    expect(it.variables.next(['l'])).toBe(true);
    expect(() => it.variables.retrieve('l')).toThrow('substitution for illegal variable l');
    // LAMMPS's number rule: a string variable '0x10' is not a number in a formula
    expect(() => it.variables.equal('s')).toThrow("variable s: value '0x10' is not a number");
  });

  it('a syntax error in a formula is reported with the script line', () => {
    expect(() => run(SYSTEM + 'variable bad equal 2*(temp\nprint "${bad}"\n')).toThrow(/in\.test:\d+: .*missing '\)'/);
  });
});
