/** `thermo N`, `thermo_style`, `thermo_modify`, and writing one thermo line. */
import type { CommandContext } from './context.js';
import { thermoValue } from '../thermo-values.js';
import { findCompute, findTempCompute } from '../computes/lookup.js';
import type { ThermoSettings } from '../thermo.js';
import { performance } from 'node:perf_hooks';
import { fail } from './util.js';
import { inumeric, yesno } from '../input/args.js';

export function thermoCmd(it: CommandContext, a: string[]): void {
  const n = inumeric(a[0], 'thermo');
  if (n < 0) fail('thermo: N must be >= 0');
  it.e.thermo.every = n;
}

export function thermoStyleCmd(it: CommandContext, a: string[]): void {
  // as LAMMPS (a new Thermo object): thermo_modify settings go back to their defaults, `thermo N` stays
  const every = it.e.thermo.every;
  try {
    it.e.thermo.setStyle(a[0], a.slice(1));
  } catch (err) {
    fail((err as Error).message);
  }
  it.e.thermo.norm = it.e.sys.unitStyle === 'lj';
  it.e.thermo.lost = 'error';
  it.e.thermo.flush = false;
  it.e.thermo.every = every;
  it.e.thermo.tempId = 'thermo_temp';
  it.e.thermo.pressId = 'thermo_press';
}

export function thermoModifyCmd(it: CommandContext, a: string[]): void {
  const t: ThermoSettings = it.e.thermo;
  for (let k = 0; k < a.length; ) {
    const w = a[k];
    if (w === 'norm') {
      t.norm = yesno(a[k + 1], 'thermo_modify norm');
      k += 2;
    } else if (w === 'line') {
      if (a[k + 1] !== 'one' && a[k + 1] !== 'multi') fail(`thermo_modify line: expected one or multi, found '${a[k + 1]}'`);
      t.lineStyle = a[k + 1] as 'one';
      k += 2;
    } else if (w === 'format') {
      const what = a[k + 1];
      const f = a[k + 2];
      if (f === undefined) fail('thermo_modify format: expected a format string');
      if (what === 'int') t.formatInt = f;
      else if (what === 'float') t.formatFloat = f;
      else if (what === 'line') t.formatLine = f.trim().split(/\s+/);
      else if (what === 'none') {
        t.formatInt = t.formatFloat = null;
        t.formatLine = null;
        t.formatColumn.clear();
        k += 2;
        continue;
      } else if (/^\d+$/.test(what)) t.formatColumn.set(Number(what), f);
      else fail(`thermo_modify format: expected int, float, line, none or a column number, found '${what}'`);
      k += 3;
    } else if (w === 'lost') {
      if (!['error', 'warn', 'ignore'].includes(a[k + 1])) fail(`thermo_modify lost: expected error, warn or ignore, found '${a[k + 1]}'`);
      t.lost = a[k + 1] as 'error';
      k += 2;
    } else if (w === 'flush') {
      t.flush = yesno(a[k + 1], 'thermo_modify flush');
      k += 2;
    } else if (w === 'temp') {
      // Thermo::modify_params: the thermo temperature, and the temperature of the thermo pressure
      const id = a[k + 1];
      if (id === undefined) fail('thermo_modify temp: expected a compute ID');
      const c = findTempCompute(it.e, id, 'thermo_modify temp');
      if (c.group !== 'all') it.e.warn('Temperature for thermo pressure is not for group all');
      t.tempId = id;
      findCompute(it.e, t.pressId).resetTempId?.(id);
      k += 2;
    } else if (w === 'press') {
      const id = a[k + 1];
      if (id === undefined) fail('thermo_modify press: expected a compute ID');
      const c = findCompute(it.e, id);
      if (c.style !== 'pressure') fail(`thermo_modify press: compute '${id}' (${c.style}) does not compute pressure`);
      t.pressId = id;
      k += 2;
    } else fail(`thermo_modify: keyword '${w}' is not understood`);
  }
}

function thermoSource(it: CommandContext) {
  const e = it.e;
  return { value: (k: string) => thermoValue(e, k), natoms: () => e.sys.nlocal };
}

export function writeThermo(it: CommandContext): void {
  it.print(it.e.thermo.row(thermoSource(it), it.e.ntimestep, it.e.runStart ? (performance.now() - it.e.runStart) / 1000 : 0));
}
