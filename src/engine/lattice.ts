/**
 * `lattice` command: unit cell (primitive vectors a1 a2 a3 + basis), orientation, origin and the
 * lattice <-> box transform, with the same arithmetic order as LAMMPS so that lattice sites are
 * bit-identical (velocity `loop geom` hashes the coordinate bits).
 *
 * Box = R * scale * P * u + spacing * origin, P = primitive vectors as columns, R = normalised
 * orient vectors as rows. In lj units the scale argument is the reduced density rho* and
 * scale = (nbasis / (V_cell rho*))^(1/dim).
 */
import { powExact } from './exact-math.js';
import { inumeric, numeric } from './input/args.js';

export class Lattice {
  style = 'none';
  scale = 1;
  a1 = [1, 0, 0];
  a2 = [0, 1, 0];
  a3 = [0, 0, 1];
  basis: number[][] = [];
  origin = [0, 0, 0];
  orient = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  xlattice = 1;
  ylattice = 1;
  zlattice = 1;
  private prim = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  private priminv = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  private rot = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];

  /** Parse `lattice STYLE SCALE keyword values...`; throws Error(message) on bad words. */
  static parse(args: string[], unitStyle: string, dimension: number): Lattice {
    const L = new Lattice();
    if (args.length < 1) throw new Error('lattice: expected a style');
    L.style = args[0];
    if (L.style === 'none') {
      if (args.length !== 2) throw new Error('lattice none: expected a scale');
      L.xlattice = L.ylattice = L.zlattice = num(args[1]);
      return L;
    }
    const known = ['sc', 'bcc', 'fcc', 'hcp', 'diamond', 'sq', 'sq2', 'hex', 'custom'];
    if (!known.includes(L.style)) throw new Error(`lattice: unknown style '${L.style}'`);
    if (args.length < 2) throw new Error('lattice: expected a scale');
    L.scale = num(args[1]);
    if (!(L.scale > 0)) throw new Error('lattice: scale must be > 0');
    const s = L.style;
    if (s === 'sc' || s === 'sq') L.basis.push([0, 0, 0]);
    else if (s === 'bcc') L.basis.push([0, 0, 0], [0.5, 0.5, 0.5]);
    else if (s === 'fcc') L.basis.push([0, 0, 0], [0.5, 0.5, 0], [0.5, 0, 0.5], [0, 0.5, 0.5]);
    else if (s === 'hcp') {
      L.a2[1] = Math.sqrt(3.0);
      L.a3[2] = Math.sqrt(8.0 / 3.0);
      L.basis.push([0, 0, 0], [0.5, 0.5, 0], [0.5, 5.0 / 6.0, 0.5], [0, 1.0 / 3.0, 0.5]);
    } else if (s === 'sq2') L.basis.push([0, 0, 0], [0.5, 0.5, 0]);
    else if (s === 'hex') {
      L.a2[1] = Math.sqrt(3.0);
      L.basis.push([0, 0, 0], [0.5, 0.5, 0]);
    } else if (s === 'diamond')
      L.basis.push([0, 0, 0], [0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0], [0.25, 0.25, 0.25], [0.25, 0.75, 0.75], [0.75, 0.25, 0.75], [0.75, 0.75, 0.25]);
    let spacing: number[] | null = null;
    let i = 2;
    while (i < args.length) {
      const k = args[i];
      if (k === 'origin') {
        L.origin = [num(args[i + 1]), num(args[i + 2]), num(args[i + 3])];
        i += 4;
      } else if (k === 'orient') {
        const d = { x: 0, y: 1, z: 2 }[args[i + 1] as 'x' | 'y' | 'z'];
        if (d === undefined) throw new Error(`lattice orient: expected x, y or z, found '${args[i + 1]}'`);
        L.orient[d] = [int(args[i + 2]), int(args[i + 3]), int(args[i + 4])];
        i += 5;
      } else if (k === 'spacing') {
        spacing = [num(args[i + 1]), num(args[i + 2]), num(args[i + 3])];
        i += 4;
      } else if (k === 'a1' || k === 'a2' || k === 'a3') {
        if (s !== 'custom') throw new Error(`lattice: '${k}' is only allowed with style custom`);
        L[k] = [num(args[i + 1]), num(args[i + 2]), num(args[i + 3])];
        i += 4;
      } else if (k === 'basis') {
        if (s !== 'custom') throw new Error("lattice: 'basis' is only allowed with style custom");
        L.basis.push([num(args[i + 1]), num(args[i + 2]), num(args[i + 3])]);
        i += 4;
      } else throw new Error(`lattice: unknown keyword '${k}'`);
    }
    if (L.basis.length === 0) throw new Error('lattice: no basis atoms');
    if (unitStyle === 'lj') {
      const c = cross(L.a2, L.a3);
      const volume = L.a1[0] * c[0] + L.a1[1] * c[1] + L.a1[2] * c[2];
      L.scale = powExact(L.basis.length / volume / L.scale, 1.0 / dimension);
    }
    L.setupTransform();
    if (spacing) {
      L.xlattice = spacing[0] * L.scale;
      L.ylattice = spacing[1] * L.scale;
      L.zlattice = spacing[2] * L.scale;
    } else {
      L.xlattice = L.ylattice = L.zlattice = 0;
      const lo = [Infinity, Infinity, Infinity];
      const hi = [-Infinity, -Infinity, -Infinity];
      for (const c of [
        [0, 0, 0],
        [1, 0, 0],
        [0, 1, 0],
        [1, 1, 0],
        [0, 0, 1],
        [1, 0, 1],
        [0, 1, 1],
        [1, 1, 1],
      ]) {
        const p = L.lattice2box(c[0], c[1], c[2]);
        for (let d = 0; d < 3; d++) {
          lo[d] = Math.min(lo[d], p[d]);
          hi[d] = Math.max(hi[d], p[d]);
        }
      }
      L.xlattice = hi[0] - lo[0];
      L.ylattice = hi[1] - lo[1];
      L.zlattice = hi[2] - lo[2];
    }
    return L;
  }

  private setupTransform(): void {
    const P = [
      [this.a1[0], this.a2[0], this.a3[0]],
      [this.a1[1], this.a2[1], this.a3[1]],
      [this.a1[2], this.a2[2], this.a3[2]],
    ];
    this.prim = P;
    const det =
      P[0][0] * P[1][1] * P[2][2] +
      P[0][1] * P[1][2] * P[2][0] +
      P[0][2] * P[1][0] * P[2][1] -
      P[0][0] * P[1][2] * P[2][1] -
      P[0][1] * P[1][0] * P[2][2] -
      P[0][2] * P[1][1] * P[2][0];
    if (det === 0) throw new Error('lattice: degenerate primitive vectors');
    const I = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    I[0][0] = (P[1][1] * P[2][2] - P[1][2] * P[2][1]) / det;
    I[1][0] = (P[1][2] * P[2][0] - P[1][0] * P[2][2]) / det;
    I[2][0] = (P[1][0] * P[2][1] - P[1][1] * P[2][0]) / det;
    I[0][1] = (P[0][2] * P[2][1] - P[0][1] * P[2][2]) / det;
    I[1][1] = (P[0][0] * P[2][2] - P[0][2] * P[2][0]) / det;
    I[2][1] = (P[0][1] * P[2][0] - P[0][0] * P[2][1]) / det;
    I[0][2] = (P[0][1] * P[1][2] - P[0][2] * P[1][1]) / det;
    I[1][2] = (P[0][2] * P[1][0] - P[0][0] * P[1][2]) / det;
    I[2][2] = (P[0][0] * P[1][1] - P[0][1] * P[1][0]) / det;
    this.priminv = I;
    for (let r = 0; r < 3; r++) {
      const o = this.orient[r];
      const len = Math.sqrt(o[0] * o[0] + o[1] * o[1] + o[2] * o[2]);
      if (len === 0) throw new Error('lattice: zero-length orient vector');
      this.rot[r] = [o[0] / len, o[1] / len, o[2] / len];
    }
  }

  lattice2box(x: number, y: number, z: number): [number, number, number] {
    const P = this.prim;
    let x1 = P[0][0] * x + P[0][1] * y + P[0][2] * z;
    let y1 = P[1][0] * x + P[1][1] * y + P[1][2] * z;
    let z1 = P[2][0] * x + P[2][1] * y + P[2][2] * z;
    x1 *= this.scale;
    y1 *= this.scale;
    z1 *= this.scale;
    const R = this.rot;
    const xn = R[0][0] * x1 + R[0][1] * y1 + R[0][2] * z1;
    const yn = R[1][0] * x1 + R[1][1] * y1 + R[1][2] * z1;
    const zn = R[2][0] * x1 + R[2][1] * y1 + R[2][2] * z1;
    return [xn + this.xlattice * this.origin[0], yn + this.ylattice * this.origin[1], zn + this.zlattice * this.origin[2]];
  }

  box2lattice(x: number, y: number, z: number): [number, number, number] {
    x -= this.xlattice * this.origin[0];
    y -= this.ylattice * this.origin[1];
    z -= this.zlattice * this.origin[2];
    const R = this.rot; // rotatecol = transpose
    let x1 = R[0][0] * x + R[1][0] * y + R[2][0] * z;
    let y1 = R[0][1] * x + R[1][1] * y + R[2][1] * z;
    let z1 = R[0][2] * x + R[1][2] * y + R[2][2] * z;
    x1 /= this.scale;
    y1 /= this.scale;
    z1 /= this.scale;
    const I = this.priminv;
    return [I[0][0] * x1 + I[0][1] * y1 + I[0][2] * z1, I[1][0] * x1 + I[1][1] * y1 + I[1][2] * z1, I[2][0] * x1 + I[2][1] * y1 + I[2][2] * z1];
  }
}

function cross(a: number[], b: number[]): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function num(s: string | undefined): number {
  return numeric(s, 'lattice');
}

function int(s: string | undefined): number {
  return inumeric(s, 'lattice');
}
