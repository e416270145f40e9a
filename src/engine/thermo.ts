/**
 * Thermo output as LAMMPS's thermo.cpp: keywords, column names, default formats
 * (one: int "%8d" / bigint "%8ld", float "%12.8g"; multi: "%14d" / "%14.4f"), `thermo_modify`
 * format/norm/line. Values come from the engine through `ThermoSource`.
 */
import { compileFormat } from '../io/text/printf.js';
import { isThermoKeyword, thermoKeyword, type ThermoKind } from './thermo-keywords.js';

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
  /** Temperature and pressure computes of temp/ke/etotal/press (thermo_modify temp / press). */
  tempId = 'thermo_temp';
  pressId = 'thermo_press';
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
