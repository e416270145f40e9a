import { closeSync, openSync, writeSync } from 'node:fs';
import { compileFormat } from '../../io/text/printf.js';
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Compute, ComputeArray } from '../computes/compute.js';
import type { Fix } from './fix.js';
import { isInteger } from '../input/args.js';
import { thermoValue } from '../thermo-values.js';

/**
 * `fix ID group ave/time Nevery Nrepeat Nfreq value ... [ave one|running|window M] [file F]
 * [format " %.15g"] [title1 T] [title2 T]` (mode scalar): each value (c_ID, c_ID[i], f_ID, f_ID[i],
 * v_name) is sampled Nrepeat times Nevery apart ending on multiples of Nfreq and averaged
 * (LAMMPS fix_ave_time.cpp); the file gets LAMMPS's header and rows "%ld" + format per value.
 */
export class FixAveTime implements Fix<Engine> {
  style = 'ave/time';
  private nevery: number;
  private nrepeat: number;
  private nfreq: number;
  private values: string[] = [];
  private ave: 'one' | 'running' | 'window' = 'one';
  private nwindow = 0;
  private file: string | null = null;
  private format = ' %g';
  private title1: string | null = null;
  private title2: string | null = null;
  private nvalid = -1;
  private nvalidLast = -1;
  private ext: boolean[] = [];
  private irepeat = 0;
  private sum: number[] = [];
  private total: number[] = [];
  private list: number[][] = [];
  private iwindow = 0;
  private windowLimit = false;
  private norm = 0;
  private fd: number | null = null;
  private started = false;
  /** mode vector: values are columns of a compute's array (c_ID[j]); averaged element by element. */
  private vectorMode = false;
  private arrSum: Float64Array | null = null;
  private arrTotal: Float64Array | null = null;
  private nrows = 0;

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    private readonly resolve: (p: string) => string,
  ) {
    const int = (w: string | undefined, what: string) => {
      const v = isInteger(w) ? Number(w) : NaN;
      if (!(v > 0)) throw new ScriptError(`fix ave/time ${what}: expected a positive integer, found '${w ?? '(nothing)'}'`);
      return v;
    };
    this.nevery = int(args[0], 'Nevery');
    this.nrepeat = int(args[1], 'Nrepeat');
    this.nfreq = int(args[2], 'Nfreq');
    if (this.nfreq % this.nevery !== 0 || this.nrepeat * this.nevery > this.nfreq) throw new ScriptError('illegal fix ave/time: Nfreq must be a multiple of Nevery and Nrepeat*Nevery <= Nfreq');
    let i = 3;
    while (i < args.length && /^[cfv]_/.test(args[i])) this.values.push(args[i++]);
    if (this.values.length === 0) throw new ScriptError('fix ave/time: expected values (c_ID, f_ID, v_name)');
    while (i < args.length) {
      const k = args[i];
      if (k === 'ave') {
        const v = args[i + 1];
        if (v === 'one' || v === 'running') {
          this.ave = v;
          i += 2;
        } else if (v === 'window') {
          this.ave = 'window';
          this.nwindow = int(args[i + 2], 'ave window M');
          i += 3;
        } else throw new ScriptError(`fix ave/time ave: expected one, running or window, found '${v}'`);
      } else if (k === 'file') {
        this.file = args[i + 1];
        i += 2;
      } else if (k === 'format') {
        this.format = args[i + 1]; // used as given, as LAMMPS (include a leading space)
        i += 2;
      } else if (k === 'title1' || k === 'title2') {
        this[k] = args[i + 1];
        i += 2;
      } else if (k === 'mode') {
        if (args[i + 1] !== 'scalar' && args[i + 1] !== 'vector') throw new ScriptError(`fix ave/time mode: expected scalar or vector, found '${args[i + 1]}'`);
        this.vectorMode = args[i + 1] === 'vector';
        if (this.vectorMode && this.ave === 'window') throw new ScriptError('fix ave/time mode vector with ave window is not supported by lmpv');
        i += 2;
      } else if (k === 'start' || k === 'off' || k === 'overwrite' || k === 'title3') {
        throw new ScriptError(`fix ave/time: keyword '${k}' is not supported by lmpv`);
      } else throw new ScriptError(`fix ave/time: keyword '${k}' is not understood`);
    }
    this.sum = this.values.map(() => 0);
    this.total = this.values.map(() => 0);
  }

  private nextValid(step: number): number {
    let nvalid = Math.floor(step / this.nfreq) * this.nfreq + this.nfreq;
    if (nvalid - this.nfreq === step && this.nrepeat === 1) nvalid = step;
    else nvalid -= (this.nrepeat - 1) * this.nevery;
    if (nvalid < step) nvalid += this.nfreq;
    return nvalid;
  }

  setup(e: Engine): void {
    if (this.nvalid < e.ntimestep) {
      this.irepeat = 0;
      this.nvalid = this.nextValid(e.ntimestep);
    }
    if (this.vectorMode && !this.started) this.expandWildcards(e);
    if (!this.started && this.file) {
      this.fd = openSync(this.resolve(this.file), 'w');
      let head = (this.title1 ?? `# Time-averaged data for fix ${this.id}`) + '\n';
      if (this.vectorMode) head += (this.title2 ?? '# TimeStep Number-of-rows') + '\n' + `# Row ${this.values.join(' ')}\n`;
      else head += (this.title2 ?? `# TimeStep ${this.values.join(' ')}`) + '\n';
      writeSync(this.fd, head);
    }
    this.started = true;
    this.endOfStep(e);
  }

  /** c_ID[*] -> c_ID[1] c_ID[2] ... (columns of the compute's array), as LAMMPS expands wildcards. */
  private expandWildcards(e: Engine): void {
    const out: string[] = [];
    for (const v of this.values) {
      const m = /^c_([^[\]]+)\[\*\]$/.exec(v);
      if (!m) {
        out.push(v);
        continue;
      }
      const c = e.computes.get(m[1]);
      if (!c || !c.array) throw new ScriptError(`fix ave/time: compute ${m[1]} does not calculate a global array`);
      const cols = c.array(e).cols;
      for (let k = 1; k <= cols; k++) out.push(`c_${m[1]}[${k}]`);
    }
    this.values = out;
    this.ext = out.map(() => false);
  }

  private endOfStepVector(e: Engine, step: number): void {
    // every value is a column c_ID[j] of a compute array (rdf)
    const cols = this.values.map((v) => {
      const m = /^c_([^[\]]+)\[(\d+)\]$/.exec(v);
      if (!m) throw new ScriptError(`fix ave/time mode vector: value '${v}' is not a column of a compute array`);
      const c = e.computes.get(m[1]);
      if (!c || !c.array) throw new ScriptError(`fix ave/time: compute ${m[1]} does not calculate a global array`);
      return { c, j: Number(m[2]) };
    });
    const cache = new Map<string, ComputeArray>();
    const arr = (c: Compute<Engine>) => {
      let a = cache.get(c.id);
      if (!a) cache.set(c.id, (a = c.array!(e)));
      return a;
    };
    const nrows = arr(cols[0].c).rows;
    const nv = cols.length;
    if (this.irepeat === 0) {
      this.nrows = nrows;
      if (!this.arrSum || this.arrSum.length !== nrows * nv) this.arrSum = new Float64Array(nrows * nv);
      else this.arrSum.fill(0);
    }
    cols.forEach(({ c, j }, k) => {
      const a = arr(c);
      if (j < 1 || j > a.cols) throw new ScriptError(`fix ave/time: compute ${c.id} array has ${a.cols} columns, [${j}] requested`);
      for (let r = 0; r < nrows; r++) this.arrSum![r * nv + k] += a.data[r * a.cols + j - 1];
    });
    this.irepeat++;
    if (this.irepeat < this.nrepeat) {
      this.nvalid += this.nevery;
      return;
    }
    this.irepeat = 0;
    this.nvalid = step + this.nfreq - (this.nrepeat - 1) * this.nevery;
    const avg = this.arrSum!.map((v) => v / this.nrepeat);
    if (this.ave === 'one' || !this.arrTotal) {
      this.arrTotal = avg.slice();
      this.norm = 1;
    } else {
      for (let k = 0; k < avg.length; k++) this.arrTotal[k] += avg[k];
      this.norm++;
    }
    if (this.fd !== null) {
      const f = compileFormat(this.format);
      let text = `${step} ${nrows}\n`;
      for (let r = 0; r < nrows; r++) {
        text += String(r + 1);
        for (let k = 0; k < nv; k++) text += f([this.arrTotal[r * nv + k] / this.norm]);
        text += '\n';
      }
      writeSync(this.fd, text);
    }
  }

  endOfStep(e: Engine): void {
    const step = e.ntimestep;
    if (step !== this.nvalid) return;
    this.nvalidLast = this.nvalid;
    if (this.vectorMode) return this.endOfStepVector(e, step);
    if (this.irepeat === 0) this.sum.fill(0);
    this.values.forEach((v, k) => {
      const r = thermoValue(e, v);
      this.sum[k] += r.v;
      this.ext[k] = r.extensive;
    });
    this.irepeat++;
    if (this.irepeat < this.nrepeat) {
      this.nvalid += this.nevery;
      return;
    }
    this.irepeat = 0;
    this.nvalid = step + this.nfreq - (this.nrepeat - 1) * this.nevery;
    const vec = this.sum.map((v) => v / this.nrepeat);
    if (this.ave === 'one') {
      this.total = vec.slice();
      this.norm = 1;
    } else if (this.ave === 'running') {
      vec.forEach((v, k) => (this.total[k] += v));
      this.norm++;
    } else {
      if (this.list.length < this.nwindow) this.list.push(vec.map(() => 0));
      vec.forEach((v, k) => {
        this.total[k] += v;
        if (this.windowLimit) this.total[k] -= this.list[this.iwindow][k];
        this.list[this.iwindow][k] = v;
      });
      this.iwindow++;
      if (this.iwindow === this.nwindow) {
        this.iwindow = 0;
        this.windowLimit = true;
      }
      this.norm = this.windowLimit ? this.nwindow : this.iwindow;
    }
    if (this.fd !== null) {
      const f = compileFormat(this.format);
      writeSync(this.fd, `${step}${this.total.map((t) => f([t / this.norm])).join('')}\n`);
    }
  }

  scalar(): number {
    if (this.values.length !== 1) throw new ScriptError(`fix ${this.id} (ave/time) with ${this.values.length} values has no scalar; use f_${this.id}[i]`);
    return this.norm ? this.total[0] / this.norm : 0;
  }

  extensive(i: number): boolean {
    return this.ext[Math.max(0, i - 1)] ?? false;
  }

  vector(_e: Engine, i: number): number {
    if (i < 1 || i > this.values.length) throw new ScriptError(`fix ${this.id} (ave/time): index [${i}] out of range 1..${this.values.length}`);
    return this.norm ? this.total[i - 1] / this.norm : 0;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
