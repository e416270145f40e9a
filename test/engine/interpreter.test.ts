/**
 * Interpreter details: variable styles, formulas (operators, precedence and functions as LAMMPS
 * evaluates them: the expected line was printed by lmp 29 Sep 2021 for the same script), $x / ${x}
 * / $(expr:fmt) substitution, quotes, comments, & continuation, and energies that are stale.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Interpreter, splitWords, stripComment } from '../../src/engine/input/interpreter.js';
import { ParseError } from '../../src/io/errors.js';

function run(text: string, vars: [string, string[]][] = []): string {
  let out = '';
  const it = new Interpreter({ cwd: mkdtempSync(join(tmpdir(), 'lmpv-interp-')), log: null, vars, screen: (t) => (out += t) });
  it.runText(text, 'in.test');
  return out;
}

describe('variables and formulas', () => {
  it('evaluates like LAMMPS (line printed by lmp for the same script)', () => {
    const out = run(`variable a equal -2^2
variable b equal 2+3*4-6/4
variable c equal (1<2)&&(3>=3)||0
variable d equal 7%3+2^3^2
variable e equal sqrt(16)+exp(0)+ln(1)+log(100)+abs(-3)+floor(2.7)+ceil(2.1)+round(2.5)+round(-2.5)
variable f equal atan2(1,1)*4/PI
variable g equal !0+!5+(3!=3)+(2==2)
variable s string hello
variable l loop 2 4 pad
print "a=$a b=$b c=$c d=$d e=$e f=$f g=$g s=$s l=$l imm=$(1/3:%.5f) imm2=$(2^0.5) x=\${s}_x"
`);
    expect(out).toContain('a=4 b=12.5 c=1 d=65 e=16 f=1 g=2 s=hello l=2 imm=0.33333 imm2=1.4142135623730951455 x=hello_x\n');
  });

  it('index variables from the command line win over the script; next + jump loop', () => {
    const out = run(
      `variable T index 5.0
variable n loop 3
label top
print "n=$n T=$T"
next n
jump SELF top
print "after"
`,
      [['T', ['1.5']]],
    );
    expect(out).toContain('n=1 T=1.5\nn=2 T=1.5\nn=3 T=1.5\nafter\n');
  });

  it('comments, quotes and & continuation lines', () => {
    expect(stripComment('print "a # b" # comment')).toBe('print "a # b" ');
    expect(splitWords(`print 'x y' """a "b" c""" z`, (m) => { throw new Error(m); })).toEqual(['print', 'x y', 'a "b" c', 'z']);
    const out = run('print "one &\n two"\n');
    expect(out).toContain('one   two\n');
  });

  it('refuses energies that were not computed for the current atoms', () => {
    const script = `units lj
lattice sc 0.5
region b block 0 3 0 3 0 3
create_box 1 b
create_atoms 1 box
mass 1 1
pair_style lj/cut 2.5
pair_coeff 1 1 1 1
run 0
print "pe=$(pe)"
displace_atoms all move 0.1 0 0
print "pe=$(pe)"
`;
    expect(() => run(script)).toThrow(ParseError);
    try {
      run(script);
    } catch (e) {
      expect((e as ParseError).line).toBe(12);
      expect((e as ParseError).message).toMatch(/not computed for the current atoms/);
    }
  });
});
