/**
 * Equal-style variable formulas, with LAMMPS's operators and precedence (variable doc page):
 * unary - and ! bind tightest, then ^ (left to right), then * / %, then + -, then < <= > >=,
 * then == !=, then &&, then || and |^. Words are thermo keywords, `v_name`, `c_ID`, `c_ID[i]`,
 * `f_ID`, `f_ID[i]`, constants (PI, version) and math functions; their values come from a resolver.
 *
 * A formula is compiled once into a tree of closures (`compile`, cached by text), then evaluated
 * against a context as often as needed (every atom of an atom-style variable, every step): the
 * operations and their order are those of a direct evaluation, so the numbers are the same.
 * Syntax errors are found at compile time; unknown words, divide by zero, sqrt of a negative
 * number ... when evaluated (they depend on the values).
 */
import { UserError } from '../../io/errors.js';

export interface ExpressionContext {
  /** Value of a thermo keyword, v_ / c_ / f_ reference, or undefined if the word is unknown. */
  word(name: string, index: number | undefined): number | undefined;
  /** Current step and the run's start/stop steps, for ramp(), vdisplace(), stride(). */
  step(): { step: number; begin: number; end: number; dt: number };
  /** group functions: count(g), mass(g), ... */
  groupFunction?(fn: string, args: string[]): number | undefined;
}

export class ExpressionError extends UserError {}

const FUNCS1: Record<string, (x: number) => number> = {
  sqrt: Math.sqrt,
  exp: Math.exp,
  ln: Math.log,
  log: Math.log10,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  ceil: Math.ceil,
  floor: Math.floor,
  round: (x) => (x - Math.floor(x) >= 0.5 ? Math.ceil(x) : Math.floor(x)), // LAMMPS MYROUND: halves round up (-2.5 -> -2)
};

/** A compiled formula: its value in a context. */
export type Formula = (ctx: ExpressionContext) => number;

const cache = new Map<string, Formula>();

/** Compile a formula (once per distinct text). */
export function compile(expr: string): Formula {
  let f = cache.get(expr);
  if (!f) {
    const p = new Parser(expr);
    f = p.parseOr();
    p.skipWs();
    if (p.pos < expr.length) throw new ExpressionError(`invalid syntax in variable formula '${expr}' at '${expr.slice(p.pos)}'`);
    if (cache.size > 10000) cache.clear();
    cache.set(expr, f);
  }
  return f;
}

export function evaluate(expr: string, ctx: ExpressionContext): number {
  return compile(expr)(ctx);
}

const truth = (b: boolean) => (b ? 1 : 0);

class Parser {
  pos = 0;
  constructor(readonly s: string) {}

  skipWs(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos])) this.pos++;
  }

  private peek(op: string): boolean {
    this.skipWs();
    return this.s.startsWith(op, this.pos);
  }

  private eat(op: string): boolean {
    if (this.peek(op)) {
      this.pos += op.length;
      return true;
    }
    return false;
  }

  parseOr(): Formula {
    let a = this.parseAnd();
    for (;;) {
      if (this.eat('||')) {
        const l = a, r = this.parseAnd();
        a = (c) => {
          const x = l(c), y = r(c);
          return truth(x !== 0 || y !== 0);
        };
      } else if (this.eat('|^')) {
        const l = a, r = this.parseAnd();
        a = (c) => {
          const x = l(c), y = r(c);
          return truth((x === 0) !== (y === 0));
        };
      } else return a;
    }
  }

  private parseAnd(): Formula {
    let a = this.parseEq();
    while (this.eat('&&')) {
      const l = a, r = this.parseEq();
      a = (c) => {
        const x = l(c), y = r(c);
        return truth(x !== 0 && y !== 0);
      };
    }
    return a;
  }

  private parseEq(): Formula {
    let a = this.parseRel();
    for (;;) {
      const l = a;
      if (this.eat('==')) {
        const r = this.parseRel();
        a = (c) => truth(l(c) === r(c));
      } else if (this.eat('!=')) {
        const r = this.parseRel();
        a = (c) => truth(l(c) !== r(c));
      } else return a;
    }
  }

  private parseRel(): Formula {
    let a = this.parseAdd();
    for (;;) {
      const l = a;
      if (this.eat('<=')) {
        const r = this.parseAdd();
        a = (c) => truth(l(c) <= r(c));
      } else if (this.eat('>=')) {
        const r = this.parseAdd();
        a = (c) => truth(l(c) >= r(c));
      } else if (this.eat('<')) {
        const r = this.parseAdd();
        a = (c) => truth(l(c) < r(c));
      } else if (this.eat('>')) {
        const r = this.parseAdd();
        a = (c) => truth(l(c) > r(c));
      } else return a;
    }
  }

  private parseAdd(): Formula {
    let a = this.parseMul();
    for (;;) {
      const l = a;
      if (this.eat('+')) {
        const r = this.parseMul();
        a = (c) => l(c) + r(c);
      } else if (this.eat('-')) {
        const r = this.parseMul();
        a = (c) => l(c) - r(c);
      } else return a;
    }
  }

  private parseMul(): Formula {
    let a = this.parsePow();
    const s = this.s;
    for (;;) {
      const l = a;
      if (this.eat('*')) {
        const r = this.parsePow();
        a = (c) => l(c) * r(c);
      } else if (this.eat('/')) {
        const r = this.parsePow();
        a = (c) => {
          const x = l(c), y = r(c);
          if (y === 0) throw new ExpressionError(`divide by 0 in variable formula '${s}'`);
          return x / y;
        };
      } else if (this.eat('%')) {
        const r = this.parsePow();
        a = (c) => {
          const x = l(c), y = r(c);
          if (y === 0) throw new ExpressionError(`modulo 0 in variable formula '${s}'`);
          return x % y; // C fmod
        };
      } else return a;
    }
  }

  private parsePow(): Formula {
    let a = this.parseUnary();
    const s = this.s;
    while (this.eat('^')) {
      const l = a, r = this.parseUnary();
      a = (c) => {
        const x = l(c), y = r(c);
        if (y === 0) return 1;
        if (x === 0 && y < 0) throw new ExpressionError(`invalid power expression in variable formula '${s}'`);
        return Math.pow(x, y);
      };
    }
    return a;
  }

  private parseUnary(): Formula {
    if (this.eat('-')) {
      const r = this.parseUnary();
      return (c) => -r(c);
    }
    if (this.peek('!') && !this.peek('!=')) {
      this.pos++;
      const r = this.parseUnary();
      return (c) => truth(r(c) === 0);
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Formula {
    this.skipWs();
    const s = this.s;
    if (this.eat('(')) {
      const v = this.parseOr();
      if (!this.eat(')')) throw new ExpressionError(`invalid syntax in variable formula '${s}': missing ')'`);
      return v;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(s.slice(this.pos));
    if (num) {
      this.pos += num[0].length;
      const v = Number(num[0]);
      return () => v;
    }
    const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos));
    if (!w) throw new ExpressionError(`invalid syntax in variable formula '${s}' at '${s.slice(this.pos)}'`);
    const name = w[0];
    this.pos += name.length;
    // function call?
    if (this.peek('(')) return this.call(name, this.rawArgs());
    let index: number | undefined;
    if (/^[cfv]_/.test(name) && s[this.pos] === '[') {
      const m = /^\[(\d+)\]/.exec(s.slice(this.pos));
      if (!m) throw new ExpressionError(`invalid index in variable formula '${s}'`);
      index = Number(m[1]);
      this.pos += m[0].length;
    }
    const constant = CONSTANTS[name];
    if (constant !== undefined) return () => constant;
    return (c) => {
      const v = c.word(name, index);
      if (v === undefined) throw new ExpressionError(`invalid thermo keyword '${name}' in variable formula '${s}'`);
      return v;
    };
  }

  /** Arguments of a function call as raw text, split at top-level commas. */
  private rawArgs(): string[] {
    this.eat('(');
    const s = this.s;
    let depth = 1;
    let start = this.pos;
    const args: string[] = [];
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 0) {
          args.push(s.slice(start, this.pos).trim());
          this.pos++;
          return args.length === 1 && args[0] === '' ? [] : args;
        }
      } else if (c === ',' && depth === 1) {
        args.push(s.slice(start, this.pos).trim());
        start = this.pos + 1;
      }
      this.pos++;
    }
    throw new ExpressionError(`invalid syntax in variable formula '${s}': unbalanced parentheses`);
  }

  private call(name: string, args: string[]): Formula {
    const s = this.s;
    const f1 = FUNCS1[name];
    const need = (n: number) => {
      if (args.length !== n) throw new ExpressionError(`function ${name}() in variable formula '${s}' needs ${n} argument(s), found ${args.length}`);
    };
    if (f1) {
      need(1);
      const x = compile(args[0]);
      return (c) => {
        const v = x(c);
        if (name === 'sqrt' && v < 0) throw new ExpressionError(`sqrt of negative value in variable formula '${s}'`);
        if ((name === 'ln' || name === 'log') && v <= 0) throw new ExpressionError(`log of zero/negative value in variable formula '${s}'`);
        return f1(v);
      };
    }
    switch (name) {
      case 'atan2': {
        need(2);
        const [y, x] = args.map(compile);
        return (c) => Math.atan2(y(c), x(c));
      }
      case 'ternary': {
        need(3);
        const [t, a, b] = args.map(compile);
        return (c) => (t(c) !== 0 ? a(c) : b(c));
      }
      case 'ramp': {
        need(2);
        const [x0, x1] = args.map(compile);
        return (c) => {
          const { step, begin, end } = c.step();
          let delta = step - begin;
          if (delta !== 0) delta /= end - begin;
          const a = x0(c);
          return a + delta * (x1(c) - a);
        };
      }
      case 'stride': {
        need(3);
        const [flo, fhi, finc] = args.map(compile);
        return (c) => {
          const lo = flo(c);
          const hi = fhi(c);
          const inc = finc(c);
          const { step } = c.step();
          if (step < lo) return lo;
          if (step < hi) {
            const off = step - lo;
            const next = lo + (Math.floor(off / inc) + 1) * inc;
            return Math.min(next, 1e300 > hi ? next : hi);
          }
          return 9.2233720368547758e18;
        };
      }
      case 'logfreq':
      case 'random':
      case 'normal':
        throw new ExpressionError(`function ${name}() in variable formula '${s}' is not supported by lmpv yet`);
    }
    // group functions take names, not formulas: resolved when evaluated
    return (c) => {
      const v = c.groupFunction?.(name, args);
      if (v !== undefined) return v;
      throw new ExpressionError(`invalid math/group/special function '${name}()' in variable formula '${s}'`);
    };
  }
}

const CONSTANTS: Record<string, number> = { PI: Math.PI, version: 20210929, on: 1, true: 1, yes: 1, off: 0, false: 0, no: 0 };
