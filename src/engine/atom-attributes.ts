/**
 * Per-atom attributes, the one list: name -> value of local atom i, whether it is an integer (dump
 * prints it with %d), and where LAMMPS accepts it besides `dump custom` (dump_custom.cpp, which
 * takes them all): atom-style variables (variable.cpp's atom vectors: id mass type q x y z vx vy vz
 * fx fy fz) and `compute reduce` (compute_reduce.cpp: x y z vx vy vz fx fy fz). `element` is
 * dump-only and printed by the dump from dump_modify element.
 */
import type { System } from './system.js';
import { unmap } from './space/box.js';

export interface AtomAttribute {
  int?: boolean;
  /** Usable in atom-style variable formulas. */
  variable?: boolean;
  /** Usable as an input of compute reduce. */
  reduce?: boolean;
  value(s: System, i: number): number;
}

const lam = new Float64Array(3);
const u = new Float64Array(3);
/** LAMMPS adds the image as (image & IMGMASK) - IMGMAX, i.e. (s + (ix + 512)) - 512, which rounds. */
const IMGMAX = 512;

const scaled = (d: number) => (s: System, i: number) => {
  const b = s.box;
  if (!b.triclinic) return (s.x[3 * i + d] - b.lo[d]) * b.hInv[d];
  s.x2lamda(s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2], lam);
  return lam[d];
};
const unwrapped = (d: number) => (s: System, i: number) => {
  unmap(u, s.box, s.x, s.image, i);
  return u[d];
};
const scaledUnwrapped = (d: number) => (s: System, i: number) => {
  const b = s.box;
  if (!b.triclinic) return (s.x[3 * i + d] - b.lo[d]) * b.hInv[d] + (s.image[3 * i + d] + IMGMAX) - IMGMAX;
  s.x2lamda(s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2], lam);
  return lam[d] + (s.image[3 * i + d] + IMGMAX) - IMGMAX;
};
const vec = (arr: 'x' | 'v' | 'f', d: number): AtomAttribute => ({ variable: true, reduce: true, value: (s, i) => s[arr][3 * i + d] });

export const ATOM_ATTRIBUTES: Record<string, AtomAttribute> = {
  id: { int: true, variable: true, value: (s, i) => s.tag[i] },
  type: { int: true, variable: true, value: (s, i) => s.type[i] },
  element: {
    value: () => {
      throw new Error('element is printed by the dump (dump_modify element)');
    },
  },
  mass: { variable: true, value: (s, i) => s.mass[s.type[i]] },
  x: vec('x', 0),
  y: vec('x', 1),
  z: vec('x', 2),
  xs: { value: scaled(0) },
  ys: { value: scaled(1) },
  zs: { value: scaled(2) },
  xu: { value: unwrapped(0) },
  yu: { value: unwrapped(1) },
  zu: { value: unwrapped(2) },
  xsu: { value: scaledUnwrapped(0) },
  ysu: { value: scaledUnwrapped(1) },
  zsu: { value: scaledUnwrapped(2) },
  ix: { int: true, value: (s, i) => s.image[3 * i] },
  iy: { int: true, value: (s, i) => s.image[3 * i + 1] },
  iz: { int: true, value: (s, i) => s.image[3 * i + 2] },
  vx: vec('v', 0),
  vy: vec('v', 1),
  vz: vec('v', 2),
  fx: vec('f', 0),
  fy: vec('f', 1),
  fz: vec('f', 2),
  q: { variable: true, value: (s, i) => s.q[i] },
};

export function atomAttribute(name: string): AtomAttribute | undefined {
  return Object.hasOwn(ATOM_ATTRIBUTES, name) ? ATOM_ATTRIBUTES[name] : undefined;
}
