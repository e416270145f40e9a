/**
 * Thermo output as LAMMPS's thermo.cpp: keywords, column names, default formats
 * (one: int "%8d" / bigint "%8ld", float "%12.8g"; multi: "%14d" / "%14.4f"), `thermo_modify`
 * format/norm/line. Values come from the engine through `ThermoSource`.
 */
import { performance } from 'node:perf_hooks';
import { compileFormat } from '../io/text/printf.js';
import type { Engine } from './engine.js';
import { ScriptError } from './errors.js';
import { isThermoKeyword, thermoKeyword, type ThermoKeywordName, type ThermoKind } from './thermo-keywords.js';

export { isThermoKeyword, type ThermoKind };


export interface ThermoSource {
  /** Value of a keyword (lowercase LAMMPS name, or c_ / f_ / v_ reference) and whether it is extensive. */
  value(key: string): { v: number; extensive: boolean };
  natoms(): number;
}



export const ONE_KEYS = ['step', 'temp', 'epair', 'emol', 'etotal', 'press'];
export const MULTI_KEYS = ['etotal', 'ke', 'temp', 'pe', 'ebond', 'eangle', 'edihed', 'eimp', 'evdwl', 'ecoul', 'elong', 'press'];


export class ThermoSettings {
  style: 'one' | 'multi' | 'custom' = 'one';
  keys: string[] = ONE_KEYS.slice();
  every = 0;
  norm: boolean;
  lineStyle: 'one' | 'multi' | null = null;
  formatInt: string | null = null;
  formatFloat: string | null = null;
  formatLine: string[] | null = null;
  formatColumn = new Map<number, string>();
  lost: 'error' | 'warn' | 'ignore' = 'error';
  flush = false;

  constructor(unitStyle: string) {
    this.norm = unitStyle === 'lj';
  }

  setStyle(style: string, args: string[]): void {
    if (style === 'one') this.keys = ONE_KEYS.slice();
    else if (style === 'multi') this.keys = MULTI_KEYS.slice();
    else if (style === 'custom') {
      if (args.length === 0) throw new Error('thermo_style custom: expected keywords');
      for (const a of args) if (!isThermoKeyword(a) && !/^[cfv]_[A-Za-z0-9_\-]+(\[\d+\])?$/.test(a)) throw new Error(`thermo_style custom: unknown keyword '${a}'`);
      this.keys = args.slice();
    } else throw new Error(`thermo_style: unknown style '${style}' (one, multi, custom)`);
    this.style = style as ThermoSettings['style'];
    this.lineStyle = null;
    this.formatInt = this.formatFloat = null;
    this.formatLine = null;
    this.formatColumn.clear();
  }

  get multiline(): boolean {
    return (this.lineStyle ?? (this.style === 'multi' ? 'multi' : 'one')) === 'multi';
  }

  /** Keys printed, in order. */
  /** Set by the engine at run setup: the box changes during the run (LAMMPS then adds Volume to one/multi). */
  boxChange = false;

  columns(): string[] {
    // style multi has no step keyword (it is in the banner); `line multi` on other styles keeps it
    if (this.boxChange && this.style !== 'custom') return [...this.keys, 'vol'];
    return this.keys;
  }

  header(): string {
    if (this.multiline) return '';
    return this.columns().map((k) => columnName(k)).join(' ') + ' \n';
  }

  /** One output line (or block for multi), with LAMMPS's formats. */
  row(src: ThermoSource, step: number, cpu: number): string {
    const multi = this.multiline;
    let out = '';
    if (multi) out += compileFormat('---------------- Step %8ld ----- CPU = %11.4f (sec) ----------------')([step, cpu]);
    const cols = this.columns();
    const natoms = src.natoms();
    cols.forEach((k, i) => {
      const kind = kindOf(k);
      let { v, extensive } = src.value(k);
      if (this.norm && extensive && natoms > 0) v /= natoms;
      let fmt: string;
      const col = this.formatColumn.get(i + 1);
      if (col) fmt = col;
      else if (kind === 'float') fmt = this.formatFloat ?? this.formatLine?.[i] ?? (multi ? '%14.4f' : '%12.8g');
      else fmt = this.formatInt ?? this.formatLine?.[i] ?? (multi ? '%14d' : '%8d');
      if (kind !== 'float' && !this.formatInt && !col && !this.formatLine) fmt = multi ? '%14ld' : '%8ld';
      let piece = compileFormat(fmt)([kind === 'float' ? v : Math.trunc(v)]);
      if (multi) {
        if (i % 3 === 0) out += '\n';
        piece = `${columnName(k).padEnd(8)} = ${piece} `;
      } else piece += ' ';
      out += piece;
    });
    return out + '\n';
  }
}

export function columnName(k: string): string {
  return thermoKeyword(k)?.column ?? k;
}

export function kindOf(k: string): ThermoKind {
  return thermoKeyword(k)?.kind ?? 'float';
}

const unsupported = (k: string) => (): number => {
  throw new ScriptError(`thermo keyword '${k}' is not supported by lmpv`);
};

/** The engine's value of each thermo keyword (LAMMPS Thermo::compute_<keyword>); the compiler checks every keyword has one. */
const VALUES: Record<ThermoKeywordName, (e: Engine) => number> = {
  step: (e) => e.ntimestep,
  elapsed: (e) => e.ntimestep - e.firststep,
  elaplong: (e) => e.ntimestep - e.beginstep,
  dt: (e) => e.dt,
  time: (e) => e.atime + (e.ntimestep - e.atimestep) * e.dt,
  cpu: (e) => (e.runStart ? (performance.now() - e.runStart) / 1000 : 0),
  tpcpu: unsupported('tpcpu'),
  spcpu: unsupported('spcpu'),
  cpuremain: unsupported('cpuremain'),
  part: unsupported('part'),
  timeremain: unsupported('timeremain'),
  atoms: (e) => e.sys.nlocal,
  temp: (e) => e.temperature(),
  press: (e) => e.pressure(),
  pe: (e) => e.energy,
  ke: (e) => e.ke(),
  etotal: (e) => e.energy + e.ke(),
  enthalpy: (e) => e.energy + e.ke() + (e.pressure() * e.volume()) / e.sys.units.nktv2p,
  evdwl: (e) => e.evdwl,
  ecoul: (e) => e.ecoul,
  epair: (e) => e.energy,
  ebond: () => 0,
  eangle: () => 0,
  edihed: () => 0,
  eimp: () => 0,
  emol: () => 0,
  elong: () => 0,
  etail: () => 0,
  vol: (e) => e.volume(),
  density: (e) => {
    const s = e.sys;
    let m = 0;
    for (let i = 0; i < s.nlocal; i++) m += s.mass[s.type[i]];
    return (m / e.volume()) * s.units.mv2d;
  },
  lx: (e) => e.sys.box.prd[0],
  ly: (e) => e.sys.box.prd[1],
  lz: (e) => e.sys.box.prd[2],
  xlo: (e) => e.sys.box.lo[0],
  xhi: (e) => e.sys.box.hi[0],
  ylo: (e) => e.sys.box.lo[1],
  yhi: (e) => e.sys.box.hi[1],
  zlo: (e) => e.sys.box.lo[2],
  zhi: (e) => e.sys.box.hi[2],
  xy: (e) => e.sys.box.h[5],
  xz: (e) => e.sys.box.h[4],
  yz: (e) => e.sys.box.h[3],
  xlat: (e) => e.lattice?.xlattice ?? 1,
  ylat: (e) => e.lattice?.ylattice ?? 1,
  zlat: (e) => e.lattice?.zlattice ?? 1,
  pxx: (e) => e.pressureTensor()[0],
  pyy: (e) => e.pressureTensor()[1],
  pzz: (e) => e.pressureTensor()[2],
  pxy: (e) => e.pressureTensor()[3],
  pxz: (e) => e.pressureTensor()[4],
  pyz: (e) => e.pressureTensor()[5],
  fmax: (e) => {
    const s = e.sys;
    let m = 0;
    for (let i = 0; i < 3 * s.nlocal; i++) m = Math.max(m, Math.abs(s.f[i]));
    return m;
  },
  fnorm: (e) => {
    const s = e.sys;
    let m = 0;
    for (let i = 0; i < 3 * s.nlocal; i++) m += s.f[i] * s.f[i];
    return Math.sqrt(m);
  },
  nbuild: (e) => e.policy.ncalls,
  ndanger: (e) => e.policy.ndanger,
};

/** Value of a thermo keyword or c_ID[i] / f_ID[i] / v_name reference, and whether it is extensive. */
export function thermoValue(e: Engine, key: string): { v: number; extensive: boolean } {
  const kw = thermoKeyword(key);
  if (kw) {
    if (kw.needsForces && !e.forcesValid)
      throw new ScriptError(`energy/virial for '${key}' was not computed for the current atoms (LAMMPS: "Energy was not tallied on needed timestep"); use 'run 0' first`);
    return { v: VALUES[key as ThermoKeywordName](e), extensive: kw.extensive ?? false };
  }
  const m = /^([cfv])_([^[\]]+)(?:\[(\d+)\])?$/.exec(key);
  if (!m) throw new ScriptError(`unknown thermo keyword '${key}'`);
  const [, kind, id, idx] = m;
  if (kind === 'v') return { v: e.evalVar(id), extensive: false };
  if (kind === 'c') return e.computeValue(id, idx === undefined ? undefined : Number(idx));
  const fix = e.fixes.find((f) => f.id === id);
  if (!fix) throw new ScriptError(`could not find thermo fix ID '${id}'`);
  if (idx !== undefined) {
    if (!fix.vector) throw new ScriptError(`fix ${id} does not compute a vector`);
    return { v: fix.vector(e, Number(idx)), extensive: fix.extensive?.(Number(idx)) ?? true };
  }
  if (!fix.scalar) throw new ScriptError(`fix ${id} does not compute a scalar`);
  return { v: fix.scalar(e), extensive: fix.extensive?.(0) ?? true };
}
