/** `dump`, `dump_modify`, `undump`, `write_dump`, and the per-atom columns a dump reads from the engine. */
import type { CommandContext } from './context.js';
import { thermoValue } from '../thermo-values.js';
import { perAtomValue } from '../computes/lookup.js';
import { Dump, type DumpSource } from '../output/dump.js';
import { atomAttribute } from '../atom-attributes.js';
import { fail, needBox, boundingBox } from './util.js';
import { inumeric } from '../input/args.js';

export function dumpCmd(it: CommandContext, a: string[]): void {
  needBox(it, 'dump');
  if (a.length < 5) fail('dump: expected ID GROUP STYLE N FILE args');
  const [id, group, style, every, file, ...cols] = a;
  it.e.groupBit(group);
  if (it.e.dumps.some((d) => d.id === id)) fail(`reuse of dump ID '${id}'`);
  if (style === 'custom') for (const c of cols) if (!atomAttribute(c) && !/^[cv]_/.test(c)) fail(`dump custom: invalid attribute '${c}' (or not supported by lmpv)`);
  try {
    it.e.dumps.push(new Dump(id, group, style, inumeric(every, 'dump N'), it.resolvePath(file), cols));
  } catch (err) {
    fail((err as Error).message);
  }
}

export function dumpModifyCmd(it: CommandContext, a: string[]): void {
  const d = it.e.dumps.find((x) => x.id === a[0]);
  if (!d) fail(`could not find dump_modify ID '${a[0]}'`);
  try {
    d.modify(a.slice(1));
  } catch (err) {
    fail((err as Error).message);
  }
}

export function undumpCmd(it: CommandContext, a: string[]): void {
  const k = it.e.dumps.findIndex((x) => x.id === a[0]);
  if (k < 0) fail(`could not find undump ID '${a[0]}'`);
  it.e.dumps[k].close();
  it.e.dumps.splice(k, 1);
}

export function writeDumpCmd(it: CommandContext, a: string[]): void {
  needBox(it, 'write_dump');
  if (a.length < 3) fail('write_dump: expected GROUP STYLE FILE [args] [modify ...]');
  const [group, style, file, ...rest] = a;
  const m = rest.indexOf('modify');
  const cols = m >= 0 ? rest.slice(0, m) : rest;
  it.e.groupBit(group);
  if (style === 'custom') for (const c of cols) if (!atomAttribute(c) && !/^[cv]_/.test(c)) fail(`write_dump custom: invalid attribute '${c}' (or not supported by lmpv)`);
  let d: Dump;
  try {
    d = new Dump('WRITE_DUMP', group, style, 1, it.resolvePath(file), cols);
    if (m >= 0) d.modify(rest.slice(m + 1));
  } catch (err) {
    fail((err as Error).message);
  }
  // as LAMMPS, nothing is recomputed: forces are those of the last run (per-atom energies must be current)
  d.write(dumpSource(it, d));
  d.close();
}

function dumpSource(it: CommandContext, d: Dump): DumpSource {
  const e = it.e;
  const s = e.sys;
  const b = s.box;
  const bit = e.groupBit(d.group);
  const atoms: number[] = [];
  for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) atoms.push(i);
  const bstr = s.boundary.map((p) => p[0] + p[1]).join(' ');
  const f = (v: number) => e.fmt('%-1.16e', v);
  let boxLines: string[];
  let boundsItem: string;
  if (!b.triclinic) {
    boxLines = [0, 1, 2].map((d2) => `${f(b.lo[d2])} ${f(b.hi[d2])}`);
    boundsItem = bstr;
  } else {
    const xy = b.h[5], xz = b.h[4], yz = b.h[3];
    const [xlob, xhib, ylob, yhib] = boundingBox(b);
    boxLines = [`${f(xlob)} ${f(xhib)} ${f(xy)}`, `${f(ylob)} ${f(yhib)} ${f(xz)}`, `${f(b.lo[2])} ${f(b.hi[2])} ${f(yz)}`];
    boundsItem = `xy xz yz ${bstr}`;
  }
  /** atom-style variable columns, each evaluated once for the frame */
  const varColumns = new Map<string, Float64Array>();
  return {
    step: e.ntimestep,
    time: thermoValue(e, 'time').v,
    units: s.unitStyle,
    natoms: s.nlocal,
    atoms,
    boxLines,
    boundsItem,
    tag: (i) => s.tag[i],
    isInt: (c) => atomAttribute(c)?.int ?? false,
    value(c, i) {
      const a = atomAttribute(c);
      if (a) return a.value(s, i);
      const m = /^c_([^[\]]+)$/.exec(c);
      if (m) return perAtomValue(e, m[1], i);
      const vm = /^v_(.+)$/.exec(c);
      if (vm) {
        let arr = varColumns.get(vm[1]);
        if (!arr) varColumns.set(vm[1], (arr = e.vars.atom(vm[1], bit)));
        return arr[i];
      }
      fail(`dump custom: column '${c}' is not supported by lmpv`);
    },
  };
}


export function writeDumps(it: CommandContext, force: boolean): void {
  for (const d of it.e.dumps) if (force || it.e.ntimestep % d.every === 0) d.write(dumpSource(it, d));
}
