/**
 * Equal-style variable formulas, with LAMMPS's operators and precedence (variable doc page):
 * unary - and ! bind tightest, then ^ (left to right), then * / %, then + -, then < <= > >=,
 * then == !=, then &&, then || and |^. Words are thermo keywords, `v_name`, `c_ID`, `c_ID[i]`,
 * `f_ID`, `f_ID[i]`, constants (PI, version) and math functions; their values come from a resolver.
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

export function evaluate(expr: string, ctx: ExpressionContext): number {
  const p = new Parser(expr, ctx);
  const v = p.parseOr();
  p.skipWs();
  if (p.pos < expr.length) throw new ExpressionError(`invalid syntax in variable formula '${expr}' at '${expr.slice(p.pos)}'`);
  return v;
}

class Parser {
  pos = 0;
  constructor(
    readonly s: string,
    readonly ctx: ExpressionContext,
  ) {}

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

  parseOr(): number {
    let a = this.parseAnd();
    for (;;) {
      if (this.eat('||')) {
        const b = this.parseAnd();
        a = a !== 0 || b !== 0 ? 1 : 0;
      } else if (this.eat('|^')) {
        const b = this.parseAnd();
        a = (a === 0) !== (b === 0) ? 1 : 0;
      } else return a;
    }
  }

  private parseAnd(): number {
    let a = this.parseEq();
    while (this.eat('&&')) {
      const b = this.parseEq();
      a = a !== 0 && b !== 0 ? 1 : 0;
    }
    return a;
  }

  private parseEq(): number {
    let a = this.parseRel();
    for (;;) {
      if (this.eat('==')) a = a === this.parseRel() ? 1 : 0;
      else if (this.eat('!=')) a = a !== this.parseRel() ? 1 : 0;
      else return a;
    }
  }

  private parseRel(): number {
    let a = this.parseAdd();
    for (;;) {
      if (this.eat('<=')) a = a <= this.parseAdd() ? 1 : 0;
      else if (this.eat('>=')) a = a >= this.parseAdd() ? 1 : 0;
      else if (this.eat('<')) a = a < this.parseAdd() ? 1 : 0;
      else if (this.eat('>')) a = a > this.parseAdd() ? 1 : 0;
      else return a;
    }
  }

  private parseAdd(): number {
    let a = this.parseMul();
    for (;;) {
      if (this.eat('+')) a = a + this.parseMul();
      else if (this.eat('-')) a = a - this.parseMul();
      else return a;
    }
  }

  private parseMul(): number {
    let a = this.parsePow();
    for (;;) {
      if (this.eat('*')) a = a * this.parsePow();
      else if (this.eat('/')) {
        const b = this.parsePow();
        if (b === 0) throw new ExpressionError(`divide by 0 in variable formula '${this.s}'`);
        a = a / b;
      } else if (this.eat('%')) {
        const b = this.parsePow();
        if (b === 0) throw new ExpressionError(`modulo 0 in variable formula '${this.s}'`);
        a = a % b; // C fmod
      } else return a;
    }
  }

  private parsePow(): number {
    let a = this.parseUnary();
    while (this.eat('^')) {
      const b = this.parseUnary();
      if (b === 0) a = 1;
      else {
        if (a === 0 && b < 0) throw new ExpressionError(`invalid power expression in variable formula '${this.s}'`);
        a = Math.pow(a, b);
      }
    }
    return a;
  }

  private parseUnary(): number {
    if (this.eat('-')) return -this.parseUnary();
    if (this.peek('!') && !this.peek('!=')) {
      this.pos++;
      return this.parseUnary() === 0 ? 1 : 0;
    }
    return this.parsePrimary();
  }

  private parsePrimary(): number {
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
      return Number(num[0]);
    }
    const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos));
    if (!w) throw new ExpressionError(`invalid syntax in variable formula '${s}' at '${s.slice(this.pos)}'`);
    const name = w[0];
    this.pos += name.length;
    // function call?
    if (this.peek('(')) {
      const args = this.rawArgs();
      return this.call(name, args);
    }
    let index: number | undefined;
    if (/^[cfv]_/.test(name) && s[this.pos] === '[') {
      const m = /^\[(\d+)\]/.exec(s.slice(this.pos));
      if (!m) throw new ExpressionError(`invalid index in variable formula '${s}'`);
      index = Number(m[1]);
      this.pos += m[0].length;
    }
    if (name === 'PI') return Math.PI;
    if (name === 'version') return 20210929;
    if (name === 'on' || name === 'true' || name === 'yes') return 1;
    if (name === 'off' || name === 'false' || name === 'no') return 0;
    const v = this.ctx.word(name, index);
    if (v === undefined) throw new ExpressionError(`invalid thermo keyword '${name}' in variable formula '${s}'`);
    return v;
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

  private sub(e: string): number {
    return evaluate(e, this.ctx);
  }

  private call(name: string, args: string[]): number {
    const f1 = FUNCS1[name];
    const need = (n: number) => {
      if (args.length !== n) throw new ExpressionError(`function ${name}() in variable formula '${this.s}' needs ${n} argument(s), found ${args.length}`);
    };
    if (f1) {
      need(1);
      const x = this.sub(args[0]);
      if (name === 'sqrt' && x < 0) throw new ExpressionError(`sqrt of negative value in variable formula '${this.s}'`);
      if ((name === 'ln' || name === 'log') && x <= 0) throw new ExpressionError(`log of zero/negative value in variable formula '${this.s}'`);
      return f1(x);
    }
    switch (name) {
      case 'atan2':
        need(2);
        return Math.atan2(this.sub(args[0]), this.sub(args[1]));
      case 'ternary':
        need(3);
        return this.sub(args[0]) !== 0 ? this.sub(args[1]) : this.sub(args[2]);
      case 'ramp': {
        need(2);
        const { step, begin, end } = this.ctx.step();
        let delta = step - begin;
        if (delta !== 0) delta /= end - begin;
        const a = this.sub(args[0]);
        return a + delta * (this.sub(args[1]) - a);
      }
      case 'stride': {
        need(3);
        const lo = this.sub(args[0]);
        const hi = this.sub(args[1]);
        const inc = this.sub(args[2]);
        const { step } = this.ctx.step();
        if (step < lo) return lo;
        if (step < hi) {
          const off = step - lo;
          const next = lo + (Math.floor(off / inc) + 1) * inc;
          return Math.min(next, 1e300 > hi ? next : hi);
        }
        return 9.2233720368547758e18;
      }
      case 'logfreq':
      case 'random':
      case 'normal':
        throw new ExpressionError(`function ${name}() in variable formula '${this.s}' is not supported by lmpv yet`);
    }
    if (this.ctx.groupFunction) {
      const v = this.ctx.groupFunction(name, args);
      if (v !== undefined) return v;
    }
    throw new ExpressionError(`invalid math/group/special function '${name}()' in variable formula '${this.s}'`);
  }
}
