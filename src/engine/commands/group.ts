/** `group ID STYLE args` (LAMMPS group.cpp). */
import type { CommandContext } from './context.js';
import { fail, getRegion } from './util.js';
import { numeric, labelType } from '../input/args.js';

export function groupCmd(it: CommandContext, args: string[]): void {
  const s = it.e.sys;
  if (args.length < 2) fail('group: expected ID STYLE args');
  const [id, style, ...rest] = args;
  if (style === 'delete') {
    if (id === 'all') fail('group all cannot be deleted');
    const b = s.groups.get(id);
    if (b === undefined) fail(`could not find group delete group ID '${id}'`);
    // as LAMMPS: the group's bit is removed from every atom, so a new group can reuse it
    for (let i = 0; i < s.nlocal; i++) s.mask[i] &= ~(1 << b);
    s.groups.delete(id);
    return;
  }
  let bitIndex = s.groups.get(id);
  if (bitIndex === undefined) {
    const used = new Set(s.groups.values());
    bitIndex = 0;
    while (used.has(bitIndex)) bitIndex++;
    if (bitIndex >= 32) fail('too many groups');
    s.groups.set(id, bitIndex);
  }
  const bit = 1 << bitIndex;
  const add = (pred: (i: number) => boolean) => {
    let c = 0;
    for (let i = 0; i < s.nlocal; i++)
      if (pred(i)) {
        s.mask[i] |= bit;
        c++;
      }
    return c;
  };
  if (style === 'clear') {
    for (let i = 0; i < s.nlocal; i++) s.mask[i] &= ~bit;
    return;
  }
  if (style === 'region') {
    const r = getRegion(it, rest[0]);
    add((i) => r.match(s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2]));
  } else if (style === 'type' || style === 'id') {
    const val = (i: number) => (style === 'type' ? s.type[i] : s.tag[i]);
    if (rest.length === 0) fail(`group ${style}: expected values`);
    const ops = ['<', '>', '<=', '>=', '==', '!=', '<>'];
    if (ops.includes(rest[0])) {
      const op = rest[0];
      // type labels stand for their types here too (LAMMPS 2025 group.cpp: expand_type on the bounds)
      const bound = (w: string | undefined) => (style === 'type' ? labelType(w, s.typeLabels, 'group type') : null) ?? numeric(w, `group ${style}`);
      const a = bound(rest[1]);
      const b = op === '<>' ? bound(rest[2]) : 0;
      add((i) => {
        const v = val(i);
        return op === '<' ? v < a : op === '>' ? v > a : op === '<=' ? v <= a : op === '>=' ? v >= a : op === '==' ? v === a : op === '!=' ? v !== a : v >= a && v <= b;
      });
    } else {
      const ranges = rest.map((w) => {
        // a type label names one type (LAMMPS 2025 group.cpp: utils::expand_type)
        const lt = style === 'type' ? labelType(w, s.typeLabels, 'group type') : null;
        if (lt !== null) return [lt, lt, 1];
        const m = /^(\d+)(?::(\d+)(?::(\d+))?)?$/.exec(w);
        if (!m) fail(`group ${style}: expected a value or range a:b[:c], found '${w}'`);
        return [Number(m[1]), m[2] ? Number(m[2]) : Number(m[1]), m[3] ? Number(m[3]) : 1];
      });
      add((i) => ranges.some(([lo, hi, st]) => val(i) >= lo && val(i) <= hi && (val(i) - lo) % st === 0));
    }
  } else if (style === 'union' || style === 'subtract' || style === 'intersect') {
    const bits = rest.map((g) => it.e.groupBit(g));
    if (style === 'union') add((i) => bits.some((b) => (s.mask[i] & b) !== 0));
    else if (style === 'intersect') add((i) => bits.every((b) => (s.mask[i] & b) !== 0));
    else add((i) => (s.mask[i] & bits[0]) !== 0 && bits.slice(1).every((b) => (s.mask[i] & b) === 0));
  } else if (style === 'empty') {
    /* nothing */
  } else fail(`group: style '${style}' is not supported by lmpv (type, id, region, union, subtract, intersect, delete, clear, empty)`);
  it.print(`${it.e.groupCount(bit)} atoms in group ${id}\n`);
}
