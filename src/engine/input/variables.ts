/**
 * The script's variables (LAMMPS variable.cpp): definition (`variable`, `next`), text retrieval for
 * $x / ${name} substitution, equal-style values, and atom-style values per atom or into an array.
 * Formulas are compiled once (expression.ts `compile`, cached by text) and then evaluated in the
 * current state of the engine, which the interpreter may replace (`clear`), hence the getter.
 */
import { compileFormat } from '../../io/text/printf.js';
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { computeValue } from '../computes/lookup.js';
import { thermoValue } from '../thermo-values.js';
import { isThermoKeyword, thermoKeyword } from '../thermo-keywords.js';
import { atomAttribute } from '../atom-attributes.js';
import { compile, type ExpressionContext } from './expression.js';
import { isNumeric, numeric } from './args.js';

export interface Variable {
  style: 'index' | 'loop' | 'equal' | 'string' | 'getenv' | 'world' | 'universe' | 'uloop' | 'internal' | 'format' | 'atom';
  values: string[];
  which: number;
  pad?: boolean;
  value?: number;
}

function fail(msg: string): never {
  throw new ScriptError(msg);
}

export class Variables {
  readonly vars = new Map<string, Variable>();

  constructor(private readonly engine: () => Engine) {}

  /** Text value of a variable (LAMMPS Variable::retrieve). */
  retrieve(name: string): string {
    const v = this.vars.get(name);
    if (!v) fail(`substitution for illegal variable ${name}`);
    switch (v.style) {
      case 'index':
      case 'string':
      case 'world':
      case 'universe':
      case 'format':
        return v.values[v.which];
      case 'getenv':
        return process.env[v.values[0]] ?? '';
      case 'loop':
      case 'uloop': {
        const n = Number(v.values[v.which]);
        if (v.pad) return String(n).padStart(String(v.values[v.values.length - 1]).length, '0');
        return String(n);
      }
      case 'equal':
        return compileFormat('%.15g')([this.evaluate(v.values[0])]);
      case 'internal':
        return compileFormat('%.15g')([v.value ?? 0]);
      case 'atom':
        fail(`variable ${name} is atom-style: it has no single value to substitute`);
    }
  }

  /** Value of an atom-style variable for local atom i (per-atom attributes, per-atom c_ID, v_ of atom-style variables). */
  atomValue(name: string, i: number): number {
    const v = this.vars.get(name);
    if (!v) throw new ScriptError(`invalid variable name 'v_${name}'`);
    if (v.style !== 'atom') return this.equal(name);
    return compile(v.values[0])(this.atomContext(i));
  }

  /**
   * An atom-style variable for every local atom of group `bit` (others 0), into `out` (LAMMPS
   * Variable::compute_atom); the formula is compiled once and evaluated atom by atom.
   */
  atom(name: string, bit = 1, out?: Float64Array): Float64Array {
    const s = this.engine().sys;
    const n = s.nlocal;
    const r = out && out.length >= n ? out : new Float64Array(n);
    const v = this.vars.get(name);
    if (!v) throw new ScriptError(`invalid variable name 'v_${name}'`);
    const f = v.style === 'atom' ? compile(v.values[0]) : null;
    const c = f ? 0 : this.equal(name);
    const ctx = this.atomContext(0);
    for (let i = 0; i < n; i++) {
      if (!(s.mask[i] & bit)) r[i] = 0;
      else if (!f) r[i] = c;
      else {
        ctx.i = i;
        r[i] = f(ctx);
      }
    }
    return r;
  }

  private atomContext(i0: number): ExpressionContext & { i: number } {
    const e = this.engine();
    const s = e.sys;
    const ctx = {
      i: i0,
      word: (w: string, index: number | undefined) => {
        const i = ctx.i;
        const a = atomAttribute(w);
        if (a?.variable) return a.value(s, i);
        if (w.startsWith('v_')) return this.atomValue(w.slice(2), i);
        if (w.startsWith('c_') && index === undefined) {
          const c = e.computes.get(w.slice(2));
          if (c?.perAtom) return c.perAtom(e, i);
        }
        return this.wordOf(w, index);
      },
      step: () => ({ step: e.ntimestep, begin: e.beginstep, end: e.endstep, dt: e.dt }),
    };
    return ctx;
  }

  /** Value of an equal-style (or numeric index/string/...) variable (LAMMPS Variable::compute_equal). */
  equal(name: string): number {
    const v = this.vars.get(name);
    if (!v) throw new ScriptError(`invalid variable name 'v_${name}'`);
    if (v.style === 'atom') throw new ScriptError(`variable ${name} is atom-style: use it where per-atom values are expected (dump custom, compute reduce)`);
    if (v.style === 'equal') return this.evaluate(v.values[0]);
    if (v.style === 'internal') return v.value ?? 0;
    const s = this.retrieve(name);
    if (!isNumeric(s)) throw new ScriptError(`variable ${name}: value '${s}' is not a number`);
    return Number(s);
  }

  /** Value of a formula in the current state (equal-style rules: thermo keywords, v_, c_, f_, group functions). */
  evaluate(expr: string): number {
    const e = this.engine();
    return compile(expr)({
      word: (name, index) => this.wordOf(name, index),
      step: () => ({ step: e.ntimestep, begin: e.beginstep, end: e.endstep, dt: e.dt }),
      groupFunction: (fn, args) => this.groupFunction(fn, args),
    });
  }

  private groupFunction(fn: string, args: string[]): number | undefined {
    const e = this.engine();
    if (fn === 'count' && args.length === 1) return e.groupCount(e.groupBit(args[0]));
    if (fn === 'mass' && args.length === 1) {
      const bit = e.groupBit(args[0]);
      let m = 0;
      for (let i = 0; i < e.sys.nlocal; i++) if (e.sys.mask[i] & bit) m += e.sys.mass[e.sys.type[i]];
      return m;
    }
    return undefined;
  }

  private wordOf(name: string, index: number | undefined): number | undefined {
    const e = this.engine();
    if (name.startsWith('v_')) return this.equal(name.slice(2));
    if (name.startsWith('c_')) return computeValue(e, name.slice(2), index).v;
    if (name.startsWith('f_')) return thermoValue(e, `f_${name.slice(2)}${index === undefined ? '' : `[${index}]`}`).v;
    if (!isThermoKeyword(name)) return undefined;
    if (!e.sys.boxExists && !thermoKeyword(name)?.beforeBox)
      throw new ScriptError(`variable evaluation of '${name}' before simulation box is defined`);
    const r = thermoValue(e, name);
    let v = r.v;
    if (r.extensive && e.thermo.norm && e.sys.nlocal > 0) v /= e.sys.nlocal;
    return v;
  }

  /** `variable NAME STYLE args` (LAMMPS Variable::set). */
  define(args: string[]): void {
    if (args.length < 2) fail('variable: expected NAME STYLE ...');
    const [name, style, ...rest] = args;
    if (!/^[A-Za-z0-9_]+$/.test(name)) fail(`variable name '${name}' must have only letters, numbers, or underscores`);
    if (style === 'delete') {
      this.vars.delete(name);
      return;
    }
    const existing = this.vars.get(name);
    switch (style) {
      case 'index':
      case 'world':
      case 'universe':
        if (rest.length < 1) fail(`variable ${style}: expected at least one value`);
        if (existing) return;
        this.vars.set(name, { style: style === 'index' ? 'index' : style, values: style === 'index' ? rest : [rest[0]], which: 0 });
        return;
      case 'loop':
      case 'uloop': {
        if (existing) return;
        let pad = false;
        const r = rest.slice();
        if (r[r.length - 1] === 'pad') {
          pad = true;
          r.pop();
        }
        const ints = r.map((w) => {
          if (!/^-?\d+$/.test(w)) fail(`variable loop: expected an integer, found '${w}'`);
          return Number(w);
        });
        let lo = 1, hi: number;
        if (ints.length === 1) hi = ints[0];
        else if (ints.length === 2) [lo, hi] = ints;
        else fail('variable loop: expected N or N1 N2 [pad]');
        if (hi < lo) fail('variable loop: N2 must be >= N1');
        const values: string[] = [];
        for (let k = lo; k <= hi; k++) values.push(String(k));
        this.vars.set(name, { style: 'loop', values, which: 0, pad });
        return;
      }
      case 'equal':
        if (rest.length !== 1) fail(`variable equal: expected one formula (quote it), found ${rest.length} words`);
        if (existing && existing.style !== 'equal') fail(`cannot redefine variable ${name} as a different style`);
        this.vars.set(name, { style: 'equal', values: [rest[0]], which: 0 });
        return;
      case 'string':
        if (rest.length !== 1) fail('variable string: expected one value (quote it)');
        if (existing && existing.style !== 'string') fail(`cannot redefine variable ${name} as a different style`);
        this.vars.set(name, { style: 'string', values: [rest[0]], which: 0 });
        return;
      case 'getenv':
        if (rest.length !== 1) fail('variable getenv: expected one name');
        if (existing) return;
        this.vars.set(name, { style: 'getenv', values: [rest[0]], which: 0 });
        return;
      case 'atom':
        if (rest.length !== 1) fail(`variable atom: expected one formula (quote it), found ${rest.length} words`);
        if (existing && existing.style !== 'atom') fail(`cannot redefine variable ${name} as a different style`);
        this.vars.set(name, { style: 'atom', values: [rest[0]], which: 0 });
        return;
      case 'internal':
        if (rest.length !== 1) fail('variable internal: expected one value');
        this.vars.set(name, { style: 'internal', values: [], which: 0, value: numeric(rest[0], 'variable internal') });
        return;
      case 'format': {
        if (rest.length !== 2) fail('variable format: expected VAR FORMAT');
        const src = rest[0];
        const fmtStr = rest[1];
        const self = this;
        this.vars.set(name, { style: 'format', values: [''], which: 0 });
        const v = this.vars.get(name)!;
        Object.defineProperty(v, 'values', { get: () => [compileFormat(fmtStr)([self.equal(src)])] });
        return;
      }
    }
    fail(`variable style '${style}' is not supported by lmpv (index, loop, equal, string, atom, getenv, internal, format, world, universe, uloop)`);
  }

  /** `next NAME...`: advance each; true when one is exhausted (the next jump is then skipped). */
  next(args: string[]): boolean {
    if (args.length === 0) fail('next: expected variable names');
    let exhausted = false;
    for (const name of args) {
      const v = this.vars.get(name);
      if (!v) fail(`invalid variable '${name}' in next command`);
      if (!['index', 'loop', 'world', 'universe', 'uloop'].includes(v.style)) fail(`invalid variable style with next command: ${name} is ${v.style}`);
      v.which++;
      if (v.which >= v.values.length) {
        exhausted = true;
        this.vars.delete(name);
      }
    }
    return exhausted;
  }
}
