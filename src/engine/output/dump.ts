/**
 * `dump ID group atom|custom N file ...` in LAMMPS's text format (dump_atom.cpp / dump_custom.cpp):
 * ITEM headers, box bounds written "%-1.16e", default per-column formats "%d" and "%g",
 * `dump_modify sort id|off|N|-N, format line|int|float|N, image, scale, first, every`.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { compileFormat, type Formatter } from '../../io/text/printf.js';
import { isInteger } from '../input/args.js';

export interface DumpSource {
  step: number;
  /** Simulated time and unit style, for dump_modify time/units. */
  time: number;
  units: string;
  natoms: number;
  /** Indices of the atoms to write (group members), in local order. */
  atoms: number[];
  boxLines: string[];
  boundsItem: string;
  /** Column value for atom i. */
  value(col: string, i: number): number;
  tag(i: number): number;
  isInt(col: string): boolean;
}

export class Dump {
  id: string;
  group: string;
  style: 'atom' | 'custom' | 'xyz';
  /** dump_modify element names per type (xyz and custom 'element'). */
  elements: string[] | null = null;
  every: number;
  file: string;
  columns: string[];
  sort: 'off' | 'id' | { col: number; desc: boolean } = 'off';
  formatLine: string[] | null = null;
  formatInt: string | null = null;
  formatFloat: string | null = null;
  formatCol = new Map<number, string>();
  scale = true;
  image = false;
  /** dump_modify units / time: UNITS and TIME items before TIMESTEP. */
  unitsItem = false;
  timeItem = false;
  private unitsWritten = false;
  lastStep = -1;
  private fd: number | null = null;
  private rowFmt: Formatter | null = null;

  constructor(id: string, group: string, style: string, every: number, file: string, cols: string[]) {
    if (style !== 'atom' && style !== 'custom' && style !== 'xyz') throw new Error(`dump style '${style}' is not supported by lmpv (atom, custom, xyz)`);
    if (!(Number.isInteger(every) && every > 0)) throw new Error('dump: output frequency must be > 0');
    if (/[*%]/.test(file)) throw new Error(`dump file '${file}': '*' and '%' file names are not supported by lmpv`);
    if (file.endsWith('.bin') || file.endsWith('.zst')) throw new Error(`dump file '${file}': binary/zstd dumps are not supported by lmpv`);
    this.id = id;
    this.group = group;
    this.style = style;
    this.every = every;
    this.file = file;
    if (style === 'custom' && cols.length === 0) throw new Error('dump custom: expected column names');
    if ((style === 'atom' || style === 'xyz') && cols.length > 0) throw new Error(`dump ${style}: takes no column names`);
    this.columns = cols;
    // LAMMPS's dump xyz sorts by atom id unless dump_modify sort off
    if (style === 'xyz') this.sort = 'id';
  }

  modify(args: string[]): void {
    let i = 0;
    while (i < args.length) {
      const k = args[i];
      const need = (n: number) => {
        if (i + n >= args.length) throw new Error(`dump_modify ${k}: missing value`);
      };
      if (k === 'sort') {
        need(1);
        const v = args[i + 1];
        if (v === 'off') this.sort = 'off';
        else if (v === 'id') this.sort = 'id';
        else if (/^-?\d+$/.test(v) && v !== '0' && v !== '-0') this.sort = { col: Math.abs(Number(v)), desc: v.startsWith('-') };
        else throw new Error(`dump_modify sort: expected off, id or a column number, found '${v}'`);
        i += 2;
      } else if (k === 'format') {
        need(1);
        const w = args[i + 1];
        if (w === 'none') {
          this.formatLine = null;
          this.formatInt = this.formatFloat = null;
          this.formatCol.clear();
          i += 2;
        } else if (w === 'line') {
          need(2);
          this.formatLine = args[i + 2].trim().split(/\s+/);
          i += 3;
        } else if (w === 'int' || w === 'float') {
          need(2);
          if (w === 'int') this.formatInt = args[i + 2];
          else this.formatFloat = args[i + 2];
          i += 3;
        } else if (/^\d+$/.test(w)) {
          need(2);
          this.formatCol.set(Number(w), args[i + 2]);
          i += 3;
        } else throw new Error(`dump_modify format: expected line, int, float, none or a column number, found '${w}'`);
        this.rowFmt = null;
      } else if (k === 'scale' || k === 'image') {
        need(1);
        const v = yesno(args[i + 1], `dump_modify ${k}`);
        if (this.style !== 'atom') throw new Error(`dump_modify ${k}: only for dump atom`);
        if (k === 'scale') this.scale = v;
        else this.image = v;
        this.rowFmt = null;
        i += 2;
      } else if (k === 'every') {
        need(1);
        const n = isInteger(args[i + 1]) ? Number(args[i + 1]) : NaN;
        if (!(n > 0)) throw new Error('dump_modify every: expected a positive integer');
        this.every = n;
        i += 2;
      } else if (k === 'units' || k === 'time') {
        need(1);
        const v = yesno(args[i + 1], `dump_modify ${k}`);
        if (k === 'units') this.unitsItem = v;
        else this.timeItem = v;
        i += 2;
      } else if (k === 'element') {
        const names: string[] = [];
        let j = i + 1;
        while (j < args.length && /^[A-Z][a-z]?$/.test(args[j])) names.push(args[j++]);
        if (names.length === 0) throw new Error('dump_modify element: expected element names, one per atom type');
        this.elements = names;
        i = j;
      } else if (k === 'flush') {
        need(1);
        yesno(args[i + 1], 'dump_modify flush');
        i += 2;
      } else throw new Error(`dump_modify: keyword '${k}' is not supported by lmpv`);
    }
  }

  /** Columns actually written. */
  cols(): string[] {
    if (this.style === 'custom') return this.columns;
    const c = this.scale ? ['id', 'type', 'xs', 'ys', 'zs'] : ['id', 'type', 'x', 'y', 'z'];
    if (this.image) c.push('ix', 'iy', 'iz');
    return c;
  }

  private formatter(src: DumpSource): Formatter {
    if (this.rowFmt) return this.rowFmt;
    const cols = this.cols();
    const parts = cols.map((c, i) => {
      const byCol = this.formatCol.get(i + 1);
      if (byCol) return byCol;
      const int = src.isInt(c);
      if (int && this.formatInt) return this.formatInt;
      if (!int && this.formatFloat) return this.formatFloat;
      if (this.formatLine && this.formatLine[i]) return this.formatLine[i];
      if (c === 'element') return '%s';
      return int ? '%d' : '%g';
    });
    this.rowFmt = compileFormat(parts.join(' ') + '\n');
    return this.rowFmt;
  }

  write(src: DumpSource): void {
    if (src.step === this.lastStep) return;
    this.lastStep = src.step;
    if (this.fd === null) this.fd = openSync(this.file, 'w');
    if (this.style === 'xyz') {
      // LAMMPS dump xyz: count line, "Atoms. Timestep: N", then "%s %g %g %g" (element or type)
      let order = src.atoms;
      if (this.sort === 'id') order = order.slice().sort((a, b) => src.tag(a) - src.tag(b));
      const fmt = compileFormat((this.formatLine ? this.formatLine.join(' ') : '%s %g %g %g') + '\n');
      let text = `${order.length}\nAtoms. Timestep: ${src.step}\n`;
      for (const i of order) {
        const t = src.value('type', i);
        const name = this.elements ? (this.elements[t - 1] ?? String(t)) : String(t);
        text += fmt([name, src.value('x', i), src.value('y', i), src.value('z', i)]);
      }
      this.emit(text);
      return;
    }
    const cols = this.cols();
    let order = src.atoms;
    if (this.sort === 'id') order = order.slice().sort((a, b) => src.tag(a) - src.tag(b));
    else if (this.sort !== 'off') {
      const c = cols[this.sort.col - 1];
      if (c === undefined) throw new Error(`dump_modify sort: column ${this.sort.col} does not exist`);
      const desc = this.sort.desc;
      order = order.slice().sort((a, b) => (desc ? src.value(c, b) - src.value(c, a) : src.value(c, a) - src.value(c, b)));
    }
    let text = '';
    if (this.unitsItem && !this.unitsWritten) text += `ITEM: UNITS\n${src.units}\n`;
    this.unitsWritten = true;
    if (this.timeItem) text += `ITEM: TIME\n${compileFormat('%.16g')([src.time])}\n`;
    text += `ITEM: TIMESTEP\n${src.step}\nITEM: NUMBER OF ATOMS\n${order.length}\nITEM: BOX BOUNDS ${src.boundsItem}\n${src.boxLines.join('\n')}\n`;
    text += `ITEM: ATOMS ${cols.join(' ')}\n`;
    const fmt = this.formatter(src);
    const row: (number | string)[] = new Array(cols.length);
    for (const i of order) {
      for (let k = 0; k < cols.length; k++) {
        if (cols[k] === 'element') {
          const t = src.value('type', i);
          if (!this.elements || this.elements[t - 1] === undefined) throw new Error('dump custom element: use dump_modify element to name every atom type');
          row[k] = this.elements[t - 1];
        } else row[k] = src.value(cols[k], i);
      }
      text += fmt(row);
    }
    this.emit(text);
  }

  /** One frame to the file; `.gz` files get one gzip member per frame (a valid multi-member gzip stream, as LAMMPS's piped gzip output reads). */
  private emit(text: string): void {
    if (this.fd === null) return;
    if (this.file.endsWith('.gz')) writeSync(this.fd, gzipSync(Buffer.from(text, 'utf8')));
    else writeSync(this.fd, text);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function yesno(s: string, what: string): boolean {
  if (s === 'yes') return true;
  if (s === 'no') return false;
  throw new Error(`${what}: expected yes or no, found '${s}'`);
}
