/**
 * The command table: LAMMPS command name -> handler(interp, args). Handlers throw Error/ScriptError
 * with a message naming the word not understood; the interpreter adds the script file and line.
 */
import type { Interpreter } from '../input/interpreter.js';
import { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { FIX_STYLES } from '../fixes/index.js';
import { COMPUTE_STYLES } from '../computes/index.js';
import { zeroAngular } from '../group-momentum.js';
import { REGION_STYLES, type Region } from '../regions/index.js';
import { Lattice } from '../lattice.js';
import { RanPark } from '../random.js';
import { PAIR_STYLES } from '../potentials/registry.js';
import { LjCut, typeBounds } from '../potentials/lj-cut/index.js';
import { LjCutCoulCut } from '../potentials/lj-cut-coul-cut/index.js';
import { Dump, type DumpSource } from '../output/dump.js';
import { ThermoSettings } from '../thermo.js';
import { pbc, unmap } from '../space/box.js';
import { minimize } from '../minimize.js';
import { NeighborListBuffer, buildNeighborList } from '../neighbor/neighbor-list.js';
import { readLammpsData, writeLammpsData, type LammpsData } from '../../io/lammps-data.js';
import { performance } from 'node:perf_hooks';
import { sprintf } from '../../io/text/printf.js';

type Handler = (it: Interpreter, args: string[]) => void;

function fail(msg: string): never {
  throw new ScriptError(msg);
}

function num(w: string | undefined, what: string): number {
  const v = Number(w);
  if (w === undefined || w.trim() === '' || !Number.isFinite(v)) fail(`${what}: expected a number, found '${w ?? '(nothing)'}'`);
  return v;
}

function int(w: string | undefined, what: string): number {
  const v = num(w, what);
  if (!Number.isInteger(v)) fail(`${what}: expected an integer, found '${w}'`);
  return v;
}

function yesno(w: string | undefined, what: string): boolean {
  if (w === 'yes') return true;
  if (w === 'no') return false;
  fail(`${what}: expected yes or no, found '${w ?? '(nothing)'}'`);
}

function needBox(it: Interpreter, cmd: string): void {
  if (!it.e.sys.boxExists) fail(`${cmd} command before simulation box is defined`);
}

/** Lattice spacings for `units lattice` (LAMMPS starts with `lattice none 1.0`: spacings 1). */
function lat(it: Interpreter, cmd: string): [number, number, number] {
  void cmd;
  const L = it.e.lattice;
  if (!L) return [1, 1, 1];
  return [L.xlattice, L.ylattice, L.zlattice];
}

/** `units box|lattice` keyword scan: returns scale factors. */
function unitsScale(it: Interpreter, args: string[], cmd: string, dflt: 'lattice' | 'box' = 'lattice'): [number, number, number] {
  let u = dflt;
  const i = args.indexOf('units');
  if (i >= 0) {
    const w = args[i + 1];
    if (w !== 'box' && w !== 'lattice') fail(`${cmd} units: expected box or lattice, found '${w}'`);
    u = w;
  }
  return u === 'lattice' ? lat(it, cmd) : [1, 1, 1];
}

// ------------------------------------------------------------------ regions

function regionCmd(it: Interpreter, args: string[]): void {
  if (args.length < 2) fail('region: expected ID STYLE args');
  const [id, style, ...rest] = args;
  if (id !== 'delete' && it.e.regions.has(id)) fail(`region ID '${id}' is already in use`);
  const rs = REGION_STYLES.get(style);
  if (!rs) fail(`region style '${style}' is not supported by lmpv (${[...REGION_STYLES.keys()].join(', ')})`);
  const nargs = rs.nargs;
  if (rest.length < nargs) fail(`region ${style}: expected ${nargs} numbers`);
  const kw = rest.slice(nargs);
  let interior = true;
  for (let k = 0; k < kw.length; k += 2) {
    if (kw[k] === 'side') {
      if (kw[k + 1] !== 'in' && kw[k + 1] !== 'out') fail(`region side: expected in or out, found '${kw[k + 1]}'`);
      interior = kw[k + 1] === 'in';
    } else if (kw[k] !== 'units') fail(`region: keyword '${kw[k]}' is not understood`);
  }
  const scale = unitsScale(it, kw, 'region');
  const box = it.e.sys.box;
  const bound = (w: string, d: number, hi: boolean): number => {
    if (w === 'INF' || w === 'EDGE') {
      if (!it.e.sys.boxExists) fail('cannot use region INF or EDGE when box does not exist');
      if (w === 'INF') return hi ? 1e300 : -1e300;
      return hi ? box.hi[d] : box.lo[d];
    }
    return num(w, `region ${style}`) * scale[d];
  };
  it.e.regions.set(id, rs.create(rest.slice(0, nargs), { id, interior, scale, num, bound }));
}

function getRegion(it: Interpreter, id: string): Region {
  const r = it.e.regions.get(id);
  if (!r) fail(`could not find region ID '${id}'`);
  return r;
}

// ------------------------------------------------------------------ box and atoms

function createBox(it: Interpreter, args: string[]): void {
  const e = it.e;
  if (e.sys.boxExists) fail('cannot create_box after simulation box is defined');
  if (args.length < 2) fail('create_box: expected N region-ID');
  const n = int(args[0], 'create_box');
  if (n < 1) fail('create_box: number of atom types must be > 0');
  for (let k = 2; k < args.length; k += 2) if (!/^extra\//.test(args[k]) && args[k] !== 'bond/types') fail(`create_box: keyword '${args[k]}' is not understood`);
  const r = getRegion(it, args[1]);
  if (!REGION_STYLES.get(r.style)?.boxShape) fail('create_box: region must be a block or prism');
  if (e.sys.dimension === 2) {
    if (!e.sys.periodic(2)) fail('cannot run 2d simulation with nonperiodic Z dimension');
    if (r.lo[2] >= 0 || r.hi[2] <= 0) fail('2d simulation box must straddle z = 0');
    if (r.style === 'prism' && (r.tilt[1] !== 0 || r.tilt[2] !== 0)) fail('cannot use xz or yz tilt in a 2d simulation');
  }
  const tri = r.style === 'prism';
  e.sys.setBox(r.lo, r.hi, tri, [r.tilt[0], r.tilt[1], r.tilt[2]]);
  e.sys.setNtypes(n);
  if (e.pendingPairArgs) makePair(it, e.pendingPairArgs);
  const b = e.sys.box;
  if (tri) it.print(`Created triclinic box = (${g8(b.lo[0])} ${g8(b.lo[1])} ${g8(b.lo[2])}) to (${g8(b.hi[0])} ${g8(b.hi[1])} ${g8(b.hi[2])}) with tilt (${g8(r.tilt[0])} ${g8(r.tilt[1])} ${g8(r.tilt[2])})\n`);
  else it.print(`Created orthogonal box = (${g8(b.lo[0])} ${g8(b.lo[1])} ${g8(b.lo[2])}) to (${g8(b.hi[0])} ${g8(b.hi[1])} ${g8(b.hi[2])})\n`);
  it.print('  1 by 1 by 1 MPI processor grid\n');
}

function createAtoms(it: Interpreter, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  const s = e.sys;
  needBox(it, 'create_atoms');
  if (args.length < 2) fail('create_atoms: expected TYPE STYLE ...');
  const type = int(args[0], 'create_atoms type');
  if (type < 1 || type > s.ntypes) fail(`create_atoms: invalid atom type ${type}`);
  const style = args[1];
  let i = 2;
  let region: Region | null = null;
  let nrandom = 0, seed = 0;
  let single: number[] | null = null;
  if (style === 'box') {
    /* nothing */
  } else if (style === 'region') {
    region = getRegion(it, args[2]);
    i = 3;
  } else if (style === 'random') {
    nrandom = int(args[2], 'create_atoms random N');
    seed = int(args[3], 'create_atoms random seed');
    if (seed <= 0) fail('create_atoms random: seed must be > 0');
    if (args[4] === undefined) fail('create_atoms random: expected N SEED REGION-ID|NULL');
    if (args[4] !== 'NULL') region = getRegion(it, args[4]);
    i = 5;
  } else if (style === 'single') {
    single = [num(args[2], 'create_atoms single'), num(args[3], 'create_atoms single'), num(args[4], 'create_atoms single')];
    i = 5;
  } else fail(`create_atoms: style '${style}' is not supported by lmpv (box, region, random, single)`);
  const basisType: number[] = [];
  let units: 'box' | 'lattice' = 'lattice';
  while (i < args.length) {
    const k = args[i];
    if (k === 'basis') {
      basisType[int(args[i + 1], 'create_atoms basis') - 1] = int(args[i + 2], 'create_atoms basis');
      i += 3;
    } else if (k === 'units') {
      if (args[i + 1] !== 'box' && args[i + 1] !== 'lattice') fail(`create_atoms units: expected box or lattice, found '${args[i + 1]}'`);
      units = args[i + 1] as 'box';
      i += 2;
    } else if (k === 'remap') {
      yesno(args[i + 1], 'create_atoms remap');
      i += 2;
    } else fail(`create_atoms: keyword '${k}' is not understood (or not supported by lmpv)`);
  }
  const nbefore = s.nlocal;
  const b = s.box;
  const tri = b.triclinic;
  const lam = new Float64Array(3);
  // insertion bounds (LAMMPS: sub-box shrunk by EPSILON on periodic sides for lattice styles)
  const sublo = tri ? [0, 0, 0] : [b.lo[0], b.lo[1], b.lo[2]];
  const subhi = tri ? [1, 1, 1] : [b.hi[0], b.hi[1], b.hi[2]];
  if (style === 'box' || style === 'region') {
    for (let d = 0; d < 3; d++) {
      if (!s.periodic(d)) continue;
      const eps = tri ? 1e-6 : b.prd[d] * 1e-6;
      sublo[d] -= eps;
      subhi[d] -= 2.0 * eps;
    }
  }
  const inSub = (x: number, y: number, z: number): boolean => {
    let c: ArrayLike<number> = [x, y, z];
    if (tri) c = s.x2lamda(x, y, z, lam);
    return c[0] >= sublo[0] && c[0] < subhi[0] && c[1] >= sublo[1] && c[1] < subhi[1] && c[2] >= sublo[2] && c[2] < subhi[2];
  };
  if (style === 'box' || style === 'region') {
    const L = e.lattice;
    if (!L || L.style === 'none') fail('create_atoms: cannot create atoms with undefined lattice');
    let blo = [b.lo[0], b.lo[1], b.lo[2]], bhi = [b.hi[0], b.hi[1], b.hi[2]];
    if (tri) {
      // bounding box of the triclinic box
      const [xlo, xhi, ylo, yhi] = boundingBox(b);
      blo = [xlo, ylo, b.lo[2]];
      bhi = [xhi, yhi, b.hi[2]];
    }
    if (region && region.style !== 'sphere' ? true : region?.style === 'sphere') {
      const r = region!;
      for (let d = 0; d < 3; d++) {
        if (!r.interior) break;
        const rlo = r.style === 'prism' ? -Infinity : r.lo[d];
        const rhi = r.style === 'prism' ? Infinity : r.hi[d];
        if (rlo > blo[d]) blo[d] = rlo > bhi[d] ? bhi[d] : rlo;
        if (rhi < bhi[d]) bhi[d] = rhi < blo[d] ? blo[d] : rhi;
      }
    }
    let xmin = Infinity, ymin = Infinity, zmin = Infinity, xmax = -Infinity, ymax = -Infinity, zmax = -Infinity;
    for (const cx of [blo[0], bhi[0]])
      for (const cy of [blo[1], bhi[1]])
        for (const cz of [blo[2], bhi[2]]) {
          const p = L.box2lattice(cx, cy, cz);
          xmin = Math.min(xmin, p[0]);
          ymin = Math.min(ymin, p[1]);
          zmin = Math.min(zmin, p[2]);
          xmax = Math.max(xmax, p[0]);
          ymax = Math.max(ymax, p[1]);
          zmax = Math.max(zmax, p[2]);
        }
    let ilo = Math.trunc(xmin) - 1, jlo = Math.trunc(ymin) - 1, klo = Math.trunc(zmin) - 1;
    const ihi = Math.trunc(xmax) + 1, jhi = Math.trunc(ymax) + 1, khi = Math.trunc(zmax) + 1;
    if (xmin < 0) ilo--;
    if (ymin < 0) jlo--;
    if (zmin < 0) klo--;
    const nb = L.basis.length;
    for (let k = klo; k <= khi; k++)
      for (let j = jlo; j <= jhi; j++)
        for (let ii = ilo; ii <= ihi; ii++)
          for (let m = 0; m < nb; m++) {
            const p = L.lattice2box(ii + L.basis[m][0], j + L.basis[m][1], k + L.basis[m][2]);
            if (region && !region.match(p[0], p[1], p[2])) continue;
            if (!inSub(p[0], p[1], p[2])) continue;
            s.addAtom(basisType[m] ?? type, p[0], p[1], p[2]);
          }
  } else if (style === 'random') {
    const rng = new RanPark(seed);
    for (let k = 0; k < 30; k++) rng.uniform();
    let xlo: number, xhi: number, ylo: number, yhi: number, zlo: number, zhi: number;
    if (!tri) {
      [xlo, ylo, zlo] = [b.lo[0], b.lo[1], b.lo[2]];
      [xhi, yhi, zhi] = [b.hi[0], b.hi[1], b.hi[2]];
    } else {
      [xlo, xhi, ylo, yhi] = boundingBox(b);
      zlo = b.lo[2];
      zhi = b.hi[2];
    }
    const zmid = zlo + 0.5 * (zhi - zlo);
    if (region && region.interior && region.style !== 'prism') {
      xlo = Math.max(xlo, region.lo[0]);
      xhi = Math.min(xhi, region.hi[0]);
      ylo = Math.max(ylo, region.lo[1]);
      yhi = Math.min(yhi, region.hi[1]);
      zlo = Math.max(zlo, region.lo[2]);
      zhi = Math.min(zhi, region.hi[2]);
    }
    if (xlo > xhi || ylo > yhi || zlo > zhi) fail('no overlap of box and region for create_atoms');
    for (let n = 0; n < nrandom; n++) {
      let x: number, y: number, z: number;
      for (;;) {
        x = xlo + rng.uniform() * (xhi - xlo);
        y = ylo + rng.uniform() * (yhi - ylo);
        z = zlo + rng.uniform() * (zhi - zlo);
        if (s.dimension === 2) z = zmid;
        let valid = true;
        if (region && !region.match(x, y, z)) valid = false;
        if (tri) {
          s.x2lamda(x, y, z, lam);
          if (lam[0] < 0 || lam[0] >= 1 || lam[1] < 0 || lam[1] >= 1 || lam[2] < 0 || lam[2] >= 1) valid = false;
        }
        if (valid) break;
      }
      if (inSub(x, y, z)) s.addAtom(type, x, y, z);
    }
  } else if (single) {
    let [x, y, z] = single;
    if (units === 'lattice') {
      const L = e.lattice;
      if (!L) fail('create_atoms single: cannot use units lattice with undefined lattice');
      [x, y, z] = [x * L.xlattice, y * L.ylattice, z * L.zlattice];
    }
    if (!inSub(x, y, z)) fail(`create_atoms single: atom (${x}, ${y}, ${z}) is outside the box`);
    s.addAtom(type, x, y, z);
  }
  s.tagExtend();
  it.print(`Created ${s.nlocal - nbefore} atoms\n`);
}

function readData(it: Interpreter, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  const s = e.sys;
  if (args.length < 1) fail('read_data: expected a file name');
  if (s.boxExists) fail('read_data: cannot read_data after simulation box is defined (add is not supported by lmpv)');
  for (let k = 1; k < args.length; k++) fail(`read_data: keyword '${args[k]}' is not supported by lmpv`);
  const data = readLammpsData(it.resolvePath(args[0]), { atomStyle: s.atomStyle });
  const box = data.box;
  s.setBox(box.lo, box.hi, box.tilt !== null, box.tilt ?? [0, 0, 0]);
  s.setNtypes(data.counts.atomTypes);
  if (e.pendingPairArgs) makePair(it, e.pendingPairArgs);
  if (data.masses) data.masses.forEach((m, t) => {
    if (!Number.isNaN(m)) {
      s.mass[t + 1] = m;
      s.massSet[t + 1] = 1;
    }
  });
  const a = data.atoms;
  const lam = new Float64Array(3);
  for (let i = 0; i < a.id.length; i++) {
    const k = s.addAtom(a.type[i], a.x[i], a.y[i], a.z[i], a.id[i]);
    if (a.ix) {
      s.image[3 * k] = a.ix[i];
      s.image[3 * k + 1] = a.iy![i];
      s.image[3 * k + 2] = a.iz![i];
    }
    if (a.q) s.q[k] = a.q[i];
    if (data.velocities) {
      s.v[3 * k] = data.velocities.vx[i];
      s.v[3 * k + 1] = data.velocities.vy[i];
      s.v[3 * k + 2] = data.velocities.vz[i];
    }
    void lam;
  }
  // Pair Coeffs / PairIJ Coeffs apply to the pair style already defined (as LAMMPS does)
  for (const c of data.coeffs) {
    if (c.keyword !== 'Pair Coeffs' && c.keyword !== 'PairIJ Coeffs') continue;
    if (!e.pair) fail(`read_data: the data file has '${c.keyword}' but no pair style is defined`);
    for (const line of c.lines) {
      const w = line.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
      if (w.length === 0) continue;
      e.pair.coeff(c.keyword === 'Pair Coeffs' ? [w[0], ...w] : w);
    }
  }
  it.print(`  ${s.nlocal} atoms\n`);
}

function writeData(it: Interpreter, args: string[]): void {
  const e = it.e;
  const s = e.sys;
  needBox(it, 'write_data');
  if (args.length < 1) fail('write_data: expected a file name');
  let coeffs = true;
  for (let k = 1; k < args.length; k++) {
    if (args[k] === 'nocoeff') coeffs = false;
    else if (args[k] === 'nofix' || args[k] === 'nolabelmap') continue;
    else if (args[k] === 'pair') k++;
    else fail(`write_data: keyword '${args[k]}' is not understood`);
  }
  const n = s.nlocal;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => s.tag[a] - s.tag[b]);
  const col = (f: (i: number) => number) => Float64Array.from(order, f);
  const b = s.box;
  const zeros = { atoms: n, bonds: 0, angles: 0, dihedrals: 0, impropers: 0, atomTypes: s.ntypes, bondTypes: 0, angleTypes: 0, dihedralTypes: 0, improperTypes: 0 };
  const masses = new Float64Array(s.ntypes);
  for (let t = 1; t <= s.ntypes; t++) masses[t - 1] = s.massSet[t] ? s.mass[t] : NaN;
  const pairLines = coeffs && e.pair instanceof LjCut ? e.pair.dataLines() : null;
  const data: LammpsData = {
    title: `LAMMPS data file via write_data, version 29 Sep 2021, timestep = ${e.ntimestep}, units = ${s.unitStyle}`,
    timestep: e.ntimestep,
    counts: zeros,
    extra: {},
    box: {
      lo: [b.lo[0], b.lo[1], b.lo[2]],
      hi: [b.hi[0], b.hi[1], b.hi[2]],
      tilt: b.triclinic ? [b.h[5], b.h[4], b.h[3]] : null,
      boundary: s.boundary.map((p) => (p[0] + p[1]) as 'pp') as LammpsData['box']['boundary'],
    },
    masses: s.massSet.slice(1).some((m) => m) ? masses : null,
    massLabels: null,
    atomStyle: s.atomStyle,
    atoms: {
      id: col((i) => s.tag[i]),
      type: col((i) => s.type[i]),
      mol: null,
      q: s.atomStyle === 'charge' ? col((i) => s.q[i]) : null,
      x: col((i) => s.x[3 * i]),
      y: col((i) => s.x[3 * i + 1]),
      z: col((i) => s.x[3 * i + 2]),
      ix: col((i) => s.image[3 * i]),
      iy: col((i) => s.image[3 * i + 1]),
      iz: col((i) => s.image[3 * i + 2]),
    },
    velocities: { vx: col((i) => s.v[3 * i]), vy: col((i) => s.v[3 * i + 1]), vz: col((i) => s.v[3 * i + 2]) },
    bonds: null,
    angles: null,
    dihedrals: null,
    impropers: null,
    coeffs: pairLines ? [{ keyword: 'Pair Coeffs', style: 'lj/cut', lines: pairLines }] : [],
    warnings: [],
  };
  writeLammpsData(it.resolvePath(args[0]), data);
}

// ------------------------------------------------------------------ velocity

function velocityCmd(it: Interpreter, args: string[]): void {
  const e = it.e;
  const s = e.sys;
  needBox(it, 'velocity');
  if (args.length < 2) fail('velocity: expected GROUP STYLE args');
  const bit = e.groupBit(args[0]);
  const style = args[1];
  const nstyle = { create: 2, set: 3, scale: 1, ramp: 6, zero: 1 }[style];
  if (nstyle === undefined) fail(`velocity: style '${style}' is not understood (create, set, scale, ramp, zero)`);
  const sargs = args.slice(2, 2 + nstyle);
  if (sargs.length < nstyle) fail(`velocity ${style}: expected ${nstyle} values`);
  const kw = args.slice(2 + nstyle);
  let dist: 'uniform' | 'gaussian' = 'uniform';
  let sum = false, mom = true, rot = false;
  let loop: 'all' | 'local' | 'geom' = 'all';
  let units: 'box' | 'lattice' = 'lattice';
  for (let k = 0; k < kw.length; k += 2) {
    const w = kw[k], v = kw[k + 1];
    if (v === undefined) fail(`velocity: keyword '${w}' needs a value`);
    if (w === 'dist') {
      if (v !== 'uniform' && v !== 'gaussian') fail(`velocity dist: expected uniform or gaussian, found '${v}'`);
      dist = v;
    } else if (w === 'sum') sum = yesno(v, 'velocity sum');
    else if (w === 'mom') mom = yesno(v, 'velocity mom');
    else if (w === 'rot') rot = yesno(v, 'velocity rot');
    else if (w === 'loop') {
      if (v !== 'all' && v !== 'local' && v !== 'geom') fail(`velocity loop: expected all, local or geom, found '${v}'`);
      loop = v;
    } else if (w === 'units') {
      if (v !== 'box' && v !== 'lattice') fail(`velocity units: expected box or lattice, found '${v}'`);
      units = v;
    } else if (w === 'temp') {
      const c = e.computes.get(v);
      if (!c || c.style !== 'temp') fail(`velocity temp: compute '${v}' is not a temp compute supported by lmpv`);
    } else if (w === 'bias' || w === 'rigid') fail(`velocity: keyword '${w}' is not supported by lmpv`);
    else fail(`velocity: keyword '${w}' is not understood`);
  }
  const n = s.nlocal;
  const v = s.v;
  const dim = s.dimension;
  if (style === 'create') {
    const tDesired = num(sargs[0], 'velocity create T');
    const seed = int(sargs[1], 'velocity create seed');
    if (seed <= 0) fail('velocity create: seed must be > 0');
    const hold = sum ? v.slice(0, 3 * n) : null;
    const draw = (rng: RanPark): [number, number, number] =>
      dist === 'uniform' ? [rng.uniform() - 0.5, rng.uniform() - 0.5, rng.uniform() - 0.5] : [rng.gaussian(), rng.gaussian(), rng.gaussian()];
    const set = (i: number, d: [number, number, number]) => {
      const factor = 1.0 / Math.sqrt(s.mass[s.type[i]]);
      v[3 * i] = d[0] * factor;
      v[3 * i + 1] = d[1] * factor;
      v[3 * i + 2] = dim === 3 ? d[2] * factor : 0;
    };
    for (let t = 1; t <= s.ntypes; t++) if (!s.massSet[t]) fail(`velocity create: not all per-type masses are set (type ${t})`);
    if (loop === 'all') {
      const byTag = new Map<number, number>();
      for (let i = 0; i < n; i++) byTag.set(s.tag[i], i);
      const natoms = n;
      if (s.maxTag() !== natoms) fail('velocity create loop all: atom IDs must be consecutive');
      const rng = new RanPark(seed);
      for (let id = 1; id <= natoms; id++) {
        const d = draw(rng);
        const i = byTag.get(id);
        if (i !== undefined && s.mask[i] & bit) set(i, d);
      }
    } else if (loop === 'local') {
      const rng = new RanPark(seed);
      for (let k = 0; k < 100; k++) rng.uniform();
      for (let i = 0; i < n; i++) if (s.mask[i] & bit) set(i, draw(rng));
    } else {
      const rng = new RanPark(1);
      for (let i = 0; i < n; i++) {
        if (!(s.mask[i] & bit)) continue;
        rng.reset(seed, s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2]);
        set(i, draw(rng));
      }
    }
    if (mom) zeroMomentum(it, bit);
    if (rot) zeroAngular(it.e, bit);
    const t = tempOf(it, bit);
    rescale(it, bit, t, tDesired);
    if (hold) for (let i = 0; i < n; i++) if (s.mask[i] & bit) for (let d = 0; d < 3; d++) v[3 * i + d] += hold[3 * i + d];
  } else if (style === 'set') {
    const sc = units === 'lattice' ? lat(it, 'velocity set') : [1, 1, 1];
    const comp = sargs.map((w, d) => (w === 'NULL' ? null : num(w, 'velocity set') * sc[d]));
    for (let i = 0; i < n; i++) {
      if (!(s.mask[i] & bit)) continue;
      for (let d = 0; d < 3; d++) {
        const c = comp[d];
        if (c === null) continue;
        v[3 * i + d] = sum ? v[3 * i + d] + c : c;
      }
    }
  } else if (style === 'scale') {
    const tDesired = num(sargs[0], 'velocity scale T');
    rescale(it, bit, tempOf(it, bit), tDesired);
  } else if (style === 'zero') {
    if (sargs[0] === 'linear') zeroMomentum(it, bit);
    else if (sargs[0] === 'angular') zeroAngular(it.e, bit);
    else fail(`velocity zero: expected linear or angular, found '${sargs[0]}'`);
  } else fail('velocity ramp is not supported by lmpv');
}

function tempOf(it: Interpreter, bit: number): number {
  return it.e.temperature(bit);
}

function rescale(it: Interpreter, bit: number, tOld: number, tNew: number): void {
  const s = it.e.sys;
  const factor = Math.sqrt(tNew / tOld);
  for (let i = 0; i < s.nlocal; i++) {
    if (!(s.mask[i] & bit)) continue;
    s.v[3 * i] *= factor;
    s.v[3 * i + 1] *= factor;
    s.v[3 * i + 2] *= factor;
  }
}

function zeroMomentum(it: Interpreter, bit: number): void {
  const s = it.e.sys;
  let px = 0, py = 0, pz = 0, mt = 0;
  for (let i = 0; i < s.nlocal; i++) {
    if (!(s.mask[i] & bit)) continue;
    const m = s.mass[s.type[i]];
    px += s.v[3 * i] * m;
    py += s.v[3 * i + 1] * m;
    pz += s.v[3 * i + 2] * m;
    mt += m;
  }
  if (mt === 0) return;
  const vx = px / mt, vy = py / mt, vz = pz / mt;
  for (let i = 0; i < s.nlocal; i++) {
    if (!(s.mask[i] & bit)) continue;
    s.v[3 * i] -= vx;
    s.v[3 * i + 1] -= vy;
    s.v[3 * i + 2] -= vz;
  }
}

// ------------------------------------------------------------------ displace_atoms

function displaceAtoms(it: Interpreter, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  const s = e.sys;
  needBox(it, 'displace_atoms');
  if (args.length < 2) fail('displace_atoms: expected GROUP STYLE args');
  const bit = e.groupBit(args[0]);
  const style = args[1];
  const nargs = style === 'move' ? 3 : style === 'random' ? 4 : -1;
  if (nargs < 0) fail(`displace_atoms: style '${style}' is not supported by lmpv (move, random)`);
  const kw = args.slice(2 + nargs);
  for (let k = 0; k < kw.length; k += 2) if (kw[k] !== 'units') fail(`displace_atoms: keyword '${kw[k]}' is not understood`);
  const [sx, sy, sz] = unitsScale(it, kw, 'displace_atoms');
  const n = s.nlocal;
  if (style === 'move') {
    const d = [num(args[2], 'displace_atoms move') * sx, num(args[3], 'displace_atoms move') * sy, num(args[4], 'displace_atoms move') * sz];
    for (let i = 0; i < n; i++) if (s.mask[i] & bit) for (let k = 0; k < 3; k++) s.x[3 * i + k] += d[k];
  } else {
    const dx = sx * num(args[2], 'displace_atoms random');
    const dy = sy * num(args[3], 'displace_atoms random');
    const dz = sz * num(args[4], 'displace_atoms random');
    const seed = int(args[5], 'displace_atoms random seed');
    if (seed <= 0) fail('displace_atoms random: seed must be > 0');
    const rng = new RanPark(1);
    for (let i = 0; i < n; i++) {
      if (!(s.mask[i] & bit)) continue;
      rng.reset(seed, s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2]);
      s.x[3 * i] += dx * 2.0 * (rng.uniform() - 0.5);
      s.x[3 * i + 1] += dy * 2.0 * (rng.uniform() - 0.5);
      s.x[3 * i + 2] += dz * 2.0 * (rng.uniform() - 0.5);
    }
  }
  remapAll(it);
  // lost atoms (outside non-periodic sides)
  let lost = 0;
  for (let i = 0; i < s.nlocal; i++)
    for (let d = 0; d < 3; d++) if (!s.periodic(d) && (s.x[3 * i + d] < s.box.lo[d] || s.x[3 * i + d] >= s.box.hi[d]) && s.boundary[d].includes('f')) lost++;
  if (lost) fail(`Lost atoms via displace_atoms: original ${n} current ${n - lost}`);
}

/** Put every atom back into the periodic box (several periods if needed), updating image flags. */
function remapAll(it: Interpreter): void {
  const s = it.e.sys;
  const lam = new Float64Array(3 * Math.max(1, s.nlocal));
  for (let pass = 0; pass < 1000; pass++) {
    const before = s.image.slice(0, 3 * s.nlocal);
    pbc(s.box, s.nlocal, s.x, s.image, s.box.triclinic ? lam : undefined);
    let same = true;
    for (let k = 0; k < before.length; k++) if (before[k] !== s.image[k]) same = false;
    if (same) return;
  }
}

// ------------------------------------------------------------------ set

/** `set atom|type|group|region ID keyword values ...` (type, type/fraction, charge, x y z, vx vy vz, image). */
function setCmd(it: Interpreter, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  const s = e.sys;
  needBox(it, 'set');
  if (args.length < 4) fail('set: expected STYLE ID keyword value ...');
  const [style, id] = args;
  let select: (i: number) => boolean;
  if (style === 'atom' || style === 'type') {
    const max = style === 'atom' ? s.maxTag() : s.ntypes;
    const [lo, hi] = rangeBounds(id, max, `set ${style}`);
    select = style === 'atom' ? (i) => s.tag[i] >= lo && s.tag[i] <= hi : (i) => s.type[i] >= lo && s.type[i] <= hi;
  } else if (style === 'group') {
    const bit = e.groupBit(id);
    select = (i) => (s.mask[i] & bit) !== 0;
  } else if (style === 'region') {
    const r = getRegion(it, id);
    select = (i) => r.match(s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2]);
  } else fail(`set: style '${style}' is not supported by lmpv (atom, type, group, region)`);
  const sel: boolean[] = [];
  for (let i = 0; i < s.nlocal; i++) sel.push(select(i));
  it.print('Setting atom values ...\n');
  for (let k = 2; k < args.length; ) {
    const kw = args[k];
    let count = 0;
    const each = (fn: (i: number) => void) => {
      for (let i = 0; i < s.nlocal; i++)
        if (sel[i]) {
          fn(i);
          count++;
        }
    };
    if (kw === 'type') {
      const t = int(args[k + 1], 'set type');
      if (t < 1 || t > s.ntypes) fail(`set type: invalid atom type ${t}`);
      each((i) => (s.type[i] = t));
      k += 2;
    } else if (kw === 'type/fraction') {
      const t = int(args[k + 1], 'set type/fraction');
      const frac = num(args[k + 2], 'set type/fraction');
      const seed = int(args[k + 3], 'set type/fraction seed');
      if (t < 1 || t > s.ntypes) fail(`set type/fraction: invalid atom type ${t}`);
      if (frac < 0 || frac > 1) fail('set type/fraction: fraction must be between 0 and 1');
      if (seed <= 0) fail('set type/fraction: seed must be > 0');
      const rng = new RanPark(1);
      for (let i = 0; i < s.nlocal; i++) {
        if (!sel[i]) continue;
        rng.reset(seed, s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2]);
        if (rng.uniform() > frac) continue;
        s.type[i] = t;
        count++;
      }
      k += 4;
    } else if (kw === 'charge') {
      if (s.atomStyle !== 'charge') fail("set charge: the atom style has no charges (use atom_style charge)");
      const q = num(args[k + 1], 'set charge');
      each((i) => (s.q[i] = q));
      k += 2;
    } else if (kw === 'x' || kw === 'y' || kw === 'z' || kw === 'vx' || kw === 'vy' || kw === 'vz') {
      const v = num(args[k + 1], `set ${kw}`);
      const d = kw.endsWith('x') ? 0 : kw.endsWith('y') ? 1 : 2;
      const arr = kw.startsWith('v') ? s.v : s.x;
      each((i) => (arr[3 * i + d] = v));
      k += 2;
    } else if (kw === 'image') {
      const im = [args[k + 1], args[k + 2], args[k + 3]].map((w) => (w === 'NULL' ? null : int(w, 'set image')));
      each((i) => im.forEach((v, d) => v !== null && (s.image[3 * i + d] = v)));
      k += 4;
    } else fail(`set: keyword '${kw}' is not supported by lmpv (type, type/fraction, charge, x, y, z, vx, vy, vz, image)`);
    it.print(`  ${count} settings made for ${kw}\n`);
  }
}

/** `N`, `*`, `N*`, `*M`, `N*M` -> inclusive bounds in 1..max. */
function rangeBounds(w: string, max: number, what: string): [number, number] {
  const m = /^(\d*)\*(\d*)$/.exec(w);
  if (m) return [m[1] === '' ? 1 : Number(m[1]), m[2] === '' ? max : Number(m[2])];
  if (/^\d+$/.test(w)) return [Number(w), Number(w)];
  fail(`${what}: expected an ID or range (N, N*M, *), found '${w}'`);
}

// ------------------------------------------------------------------ groups

function groupCmd(it: Interpreter, args: string[]): void {
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
      const a = num(rest[1], `group ${style}`);
      const b = op === '<>' ? num(rest[2], `group ${style}`) : 0;
      add((i) => {
        const v = val(i);
        return op === '<' ? v < a : op === '>' ? v > a : op === '<=' ? v <= a : op === '>=' ? v >= a : op === '==' ? v === a : op === '!=' ? v !== a : v >= a && v <= b;
      });
    } else {
      const ranges = rest.map((w) => {
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

// ------------------------------------------------------------------ pair

function pairStyle(it: Interpreter, args: string[]): void {
  const e = it.e;
  if (args.length < 1) fail('pair_style: expected a style');
  if (args[0] === 'none') {
    e.pair = null;
    e.pendingPairArgs = null;
    return;
  }
  const f = PAIR_STYLES.get(args[0]);
  if (!f) fail(`pair style '${args[0]}' is not supported by lmpv (${[...PAIR_STYLES.keys()].join(', ')})`);
  e.pairStyle = args[0];
  e.forcesValid = false;
  if (!e.sys.boxExists) {
    // LAMMPS allows pair_style before the box; the style is made once the number of types is known
    e.pendingPairArgs = args;
    e.pair = null;
    return;
  }
  makePair(it, args);
}

/** Instantiate a pair style (after the box and its number of atom types exist). */
function makePair(it: Interpreter, args: string[]): void {
  const e = it.e;
  const f = PAIR_STYLES.get(args[0])!;
  e.pendingPairArgs = null;
  e.pair = f.create(args.slice(1), {
    units: e.sys.unitStyle,
    ntypes: e.sys.ntypes,
    resolvePotentialFile: (name) => it.resolvePath(name),
    where: () => ({ file: it.currentFile, line: it.currentLine }),
  });
  if (e.pair instanceof LjCut || e.pair instanceof LjCutCoulCut) e.pair.modify = e.pairModify;
}

function pairCoeff(it: Interpreter, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  if (!e.sys.boxExists) fail('pair_coeff command before simulation box is defined');
  if (!e.pair) fail('pair_coeff command before pair_style is defined');
  e.pair.coeff(args);
  // styles such as meam set the masses of the types they map (LAMMPS: PairMEAM::coeff)
  const tm = e.pair.typeMass;
  if (tm) {
    for (let t = 1; t <= e.sys.ntypes && t <= tm.length; t++) {
      if (tm[t - 1] === tm[t - 1]) { e.sys.mass[t] = tm[t - 1]; e.sys.massSet[t] = 1; }
    }
  }
}

function pairModify(it: Interpreter, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  for (let k = 0; k < args.length; k += 2) {
    const w = args[k], v = args[k + 1];
    if (w === 'shift') e.pairModify.shift = yesno(v, 'pair_modify shift');
    else if (w === 'mix') {
      if (v !== 'geometric' && v !== 'arithmetic' && v !== 'sixthpower') fail(`pair_modify mix: expected geometric, arithmetic or sixthpower, found '${v}'`);
      e.pairModify.mix = v;
    } else if (w === 'tail') {
      if (yesno(v, 'pair_modify tail')) fail('pair_modify tail yes is not supported by lmpv');
    } else fail(`pair_modify: keyword '${w}' is not supported by lmpv`);
  }
  if (e.pair instanceof LjCut || e.pair instanceof LjCutCoulCut) e.pair.modify = e.pairModify;
}

// ------------------------------------------------------------------ run

function thermoSource(it: Interpreter) {
  const e = it.e;
  return { value: (k: string) => e.thermoValue(k), natoms: () => e.sys.nlocal };
}

function writeThermo(it: Interpreter): void {
  it.print(it.e.thermo.row(thermoSource(it), it.e.ntimestep, it.e.runStart ? (performance.now() - it.e.runStart) / 1000 : 0));
}

function dumpSource(it: Interpreter, d: Dump): DumpSource {
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
  const lam = new Float64Array(3);
  const u = new Float64Array(3);
  const INT = new Set(['id', 'type', 'ix', 'iy', 'iz', 'mol', 'proc']);
  return {
    step: e.ntimestep,
    time: e.thermoValue('time').v,
    units: s.unitStyle,
    natoms: s.nlocal,
    atoms,
    boxLines,
    boundsItem,
    tag: (i) => s.tag[i],
    isInt: (c) => INT.has(c),
    value(c, i) {
      switch (c) {
        case 'id':
          return s.tag[i];
        case 'type':
          return s.type[i];
        case 'mass':
          return s.mass[s.type[i]];
        case 'x':
          return s.x[3 * i];
        case 'y':
          return s.x[3 * i + 1];
        case 'z':
          return s.x[3 * i + 2];
        case 'xs':
        case 'ys':
        case 'zs':
          if (!b.triclinic) {
            const d2 = c === 'xs' ? 0 : c === 'ys' ? 1 : 2;
            return (s.x[3 * i + d2] - b.lo[d2]) * b.hInv[d2];
          }
          s.x2lamda(s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2], lam);
          return lam[c === 'xs' ? 0 : c === 'ys' ? 1 : 2];
        case 'xu':
        case 'yu':
        case 'zu':
          unmap(u, b, s.x, s.image, i);
          return u[c === 'xu' ? 0 : c === 'yu' ? 1 : 2];
        case 'xsu':
        case 'ysu':
        case 'zsu': {
          // LAMMPS adds the image as (image & IMGMASK) - IMGMAX, i.e. (s + (ix + 512)) - 512, which rounds
          const d2 = c === 'xsu' ? 0 : c === 'ysu' ? 1 : 2;
          const IMGMAX = 512;
          if (!b.triclinic) return (s.x[3 * i + d2] - b.lo[d2]) * b.hInv[d2] + (s.image[3 * i + d2] + IMGMAX) - IMGMAX;
          s.x2lamda(s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2], lam);
          return lam[d2] + (s.image[3 * i + d2] + IMGMAX) - IMGMAX;
        }
        case 'ix':
          return s.image[3 * i];
        case 'iy':
          return s.image[3 * i + 1];
        case 'iz':
          return s.image[3 * i + 2];
        case 'vx':
          return s.v[3 * i];
        case 'vy':
          return s.v[3 * i + 1];
        case 'vz':
          return s.v[3 * i + 2];
        case 'fx':
          return s.f[3 * i];
        case 'fy':
          return s.f[3 * i + 1];
        case 'fz':
          return s.f[3 * i + 2];
        case 'q':
          return s.q[i];
      }
      const m = /^c_([^[\]]+)$/.exec(c);
      if (m) return e.perAtom(m[1], i);
      const vm = /^v_(.+)$/.exec(c);
      if (vm) return e.evalAtomVar(vm[1], i);
      fail(`dump custom: column '${c}' is not supported by lmpv`);
    },
  };
}

const DUMP_COLS = new Set(['id', 'type', 'element', 'mass', 'x', 'y', 'z', 'xs', 'ys', 'zs', 'xu', 'yu', 'zu', 'xsu', 'ysu', 'zsu', 'ix', 'iy', 'iz', 'vx', 'vy', 'vz', 'fx', 'fy', 'fz', 'q']);

function writeDumps(it: Interpreter, force: boolean): void {
  for (const d of it.e.dumps) if (force || it.e.ntimestep % d.every === 0) d.write(dumpSource(it, d));
}

function runCmd(it: Interpreter, args: string[]): void {
  const e = it.e;
  if (args.length < 1) fail('run: expected number of steps');
  let n = int(args[0], 'run');
  let upto = false;
  let start: number | null = null, stop: number | null = null;
  let pre = true;
  for (let k = 1; k < args.length; ) {
    const w = args[k];
    if (w === 'upto') {
      upto = true;
      k++;
    } else if (w === 'start') {
      start = int(args[k + 1], 'run start');
      k += 2;
    } else if (w === 'stop') {
      stop = int(args[k + 1], 'run stop');
      k += 2;
    } else if (w === 'pre') {
      pre = yesno(args[k + 1], 'run pre');
      k += 2;
    } else if (w === 'post') {
      yesno(args[k + 1], 'run post');
      k += 2;
    } else fail(`run: keyword '${w}' is not understood (or not supported by lmpv)`);
  }
  void pre;
  if (upto) n -= e.ntimestep;
  if (n < 0) fail('run: invalid number of steps');
  e.firststep = e.ntimestep;
  e.laststep = e.ntimestep + n;
  e.beginstep = start ?? e.firststep;
  e.endstep = stop ?? e.laststep;
  if (start !== null && start > e.firststep) fail('run start value is after start of run');
  if (stop !== null && stop < e.laststep) fail('run stop value is before end of run');
  e.initRun();
  e.policy.init();
  e.thermo.boxChange = e.fixes.some((f) => f.changesBox);
  const t0 = performance.now();
  e.runStart = t0;
  e.setup();
  e.policy.setupDone();
  it.print('Per MPI rank memory allocation (min/avg/max) = 0 | 0 | 0 Mbytes\n');
  const th = e.thermo;
  it.print(th.header());
  writeThermo(it);
  writeDumps(it, false);
  e.runSteps(n, (last) => {
    const every = th.every;
    if (last || (every > 0 && e.ntimestep % every === 0)) writeThermo(it);
    writeDumps(it, false);
  });
  const secs = (performance.now() - t0) / 1000;
  e.runStart = 0;
  it.print(e.fmt('Loop time of %g on 1 procs for %d steps with %d atoms\n\n', secs, n, e.sys.nlocal));
  let nn = 0;
  for (let i = 0; i < e.list.inum; i++) nn += e.list.offsets[i + 1] - e.list.offsets[i];
  it.print(`Total # of neighbors = ${nn}\n`);
  it.print(e.fmt('Ave neighs/atom = %.8g\n', e.sys.nlocal ? nn / e.sys.nlocal : 0));
  it.print(`Neighbor list builds = ${e.policy.ncalls}\nDangerous builds = ${e.policy.ndanger}\n`);
}

/** LAMMPS's fmt `{:.8}`: like %#.8g, but a bare trailing point gets a 0 ("13335186.0"). */
function g8(v: number): string {
  const t = sprintf('%#.8g', v);
  return t.endsWith('.') ? t + '0' : t;
}

function minimizeCmd(it: Interpreter, args: string[]): void {
  const e = it.e;
  needBox(it, 'minimize');
  if (args.length !== 4) fail('minimize: expected etol ftol maxiter maxeval');
  const etol = num(args[0], 'minimize etol');
  const ftol = num(args[1], 'minimize ftol');
  const maxiter = int(args[2], 'minimize maxiter');
  const maxeval = int(args[3], 'minimize maxeval');
  if (etol < 0 || ftol < 0 || maxiter < 0 || maxeval < 0) fail('illegal minimize command: values must be >= 0');
  e.firststep = e.beginstep = e.ntimestep;
  e.laststep = e.endstep = e.ntimestep + maxiter;
  e.policy.init();
  const t0 = performance.now();
  e.runStart = t0;
  let headerDone = false;
  const stats = minimize(e, etol, ftol, maxiter, maxeval, (force) => {
    if (!headerDone) {
      it.print('Per MPI rank memory allocation (min/avg/max) = 0 | 0 | 0 Mbytes\n');
      it.print(e.thermo.header());
      headerDone = true;
      writeThermo(it);
      writeDumps(it, false);
      return;
    }
    const every = e.thermo.every;
    if (force || e.ntimestep === e.laststep || (every > 0 && e.ntimestep % every === 0)) writeThermo(it);
    writeDumps(it, force);
  });
  const secs = (performance.now() - t0) / 1000;
  e.runStart = 0;
  it.print(e.fmt('Loop time of %g on 1 procs for %d steps with %d atoms\n\n', secs, stats.nsteps, e.sys.nlocal));
  it.print('\nMinimization stats:\n');
  it.print(`  Stopping criterion = ${stats.stop}\n`);
  it.print(e.fmt('  Energy initial, next-to-last, final = \n    %18.15g %18.15g %18.15g\n', stats.einitial, stats.eprevious, stats.efinal));
  it.print(`  Force two-norm initial, final = ${g8(stats.fnorm2Init)} ${g8(stats.fnorm2Final)}\n`);
  it.print(`  Force max component initial, final = ${g8(stats.fnormInfInit)} ${g8(stats.fnormInfFinal)}\n`);
  it.print(`  Final line search alpha, max atom move = ${g8(stats.alphaFinal)} ${g8(stats.alphaFinal * stats.fnormInfFinal)}\n`);
  it.print(`  Iterations, force evaluations = ${stats.niter} ${stats.neval}\n\n`);
  let nn = 0;
  for (let i = 0; i < e.list.inum; i++) nn += e.list.offsets[i + 1] - e.list.offsets[i];
  it.print(`Total # of neighbors = ${nn}\n`);
  it.print(e.fmt('Ave neighs/atom = %.8g\n', e.sys.nlocal ? nn / e.sys.nlocal : 0));
  it.print(`Neighbor list builds = ${e.policy.ncalls}\nDangerous builds = ${e.policy.ndanger}\n`);
}

/** `delete_atoms group ID | region ID | overlap CUT G1 G2 [compress yes|no]` (LAMMPS delete_atoms.cpp). */
function deleteAtoms(it: Interpreter, args: string[]): void {
  const e = it.e;
  const s = e.sys;
  needBox(it, 'delete_atoms');
  if (args.length < 2) fail('delete_atoms: expected STYLE args');
  const style = args[0];
  const nargs = style === 'group' || style === 'region' ? 2 : style === 'overlap' ? 4 : -1;
  if (nargs < 0) fail(`delete_atoms: style '${style}' is not supported by lmpv (group, region, overlap)`);
  let compress = true;
  for (let k = nargs; k < args.length; k += 2) {
    if (args[k] === 'compress') compress = yesno(args[k + 1], 'delete_atoms compress');
    else if (args[k] === 'bond' || args[k] === 'mol') yesno(args[k + 1], `delete_atoms ${args[k]}`);
    else fail(`delete_atoms: keyword '${args[k]}' is not understood`);
  }
  e.forcesValid = false;
  const n = s.nlocal;
  const dlist = new Uint8Array(n);
  if (style === 'group') {
    const bit = e.groupBit(args[1]);
    for (let i = 0; i < n; i++) if (s.mask[i] & bit) dlist[i] = 1;
  } else if (style === 'region') {
    const r = getRegion(it, args[1]);
    for (let i = 0; i < n; i++) if (r.match(s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2])) dlist[i] = 1;
  } else {
    const cut = num(args[1], 'delete_atoms overlap cutoff');
    const g1 = e.groupBit(args[2]);
    const g2 = e.groupBit(args[3]);
    it.print('System init for delete_atoms ...\n');
    if (!e.pair) fail('delete_atoms requires a pair style be defined');
    e.initRun();
    if (cut > e.cutforce() + e.skin) fail('delete_atoms cutoff > max neighbor cutoff');
    e.reneighbor(false);
    const list = new NeighborListBuffer();
    buildNeighborList(list, 'full', e.ghosts, e.cutforce() + e.skin);
    const cutsq = cut * cut;
    const x = e.ghosts.x, tag = e.ghosts.tag, owner = e.ghosts.owner;
    const mask = (j: number) => s.mask[owner[j]];
    for (let i = 0; i < n; i++) {
      for (let jj = list.offsets[i]; jj < list.offsets[i + 1]; jj++) {
        const j = list.neighbors[jj];
        let dx: number, dy: number, dz: number;
        if (tag[i] < tag[j]) {
          dx = x[3 * i] - x[3 * j];
          dy = x[3 * i + 1] - x[3 * j + 1];
          dz = x[3 * i + 2] - x[3 * j + 2];
        } else {
          dx = x[3 * j] - x[3 * i];
          dy = x[3 * j + 1] - x[3 * i + 1];
          dz = x[3 * j + 2] - x[3 * i + 2];
        }
        if (dx * dx + dy * dy + dz * dz >= cutsq) continue;
        if (!(s.mask[i] & g1)) continue;
        if (!(mask(j) & g2)) continue;
        if (j < n) {
          if (dlist[j]) continue;
        } else if (s.mask[i] & g2 && mask(j) & g1) {
          if (tag[i] > tag[j]) continue;
        }
        dlist[i] = 1;
        break;
      }
    }
  }
  // LAMMPS deletes by moving the last atom into the hole (the local order changes accordingly)
  let nl = n;
  let i = 0;
  const move = (from: number, to: number) => {
    for (let k = 0; k < 3; k++) {
      s.x[3 * to + k] = s.x[3 * from + k];
      s.v[3 * to + k] = s.v[3 * from + k];
      s.f[3 * to + k] = s.f[3 * from + k];
      s.image[3 * to + k] = s.image[3 * from + k];
    }
    s.tag[to] = s.tag[from];
    s.type[to] = s.type[from];
    s.mask[to] = s.mask[from];
    s.q[to] = s.q[from];
  };
  while (i < nl) {
    if (dlist[i]) {
      move(nl - 1, i);
      dlist[i] = dlist[nl - 1];
      nl--;
    } else i++;
  }
  s.nlocal = s.nall = nl;
  for (let k = 0; k < nl; k++) s.owner[k] = k;
  if (compress) {
    for (let k = 0; k < nl; k++) s.tag[k] = 0;
    s.tagExtend();
  }
  it.print(`Deleted ${n - nl} atoms, new total = ${nl}\n`);
}

// ------------------------------------------------------------------ table

export const COMMANDS: Record<string, Handler> = {
  units(it, a) {
    if (it.e.sys.boxExists) fail('units command after simulation box is defined');
    if (a.length !== 1) fail('units: expected one style');
    if (!['lj', 'real', 'metal'].includes(a[0])) fail(`units style '${a[0]}' is not supported by lmpv (lj, real, metal)`);
    it.e.sys.setUnits(a[0]);
    it.e.dt = it.e.sys.units.dt;
    it.e.skin = it.e.sys.units.skin;
    it.e.thermo.norm = a[0] === 'lj';
  },
  atom_style(it, a) {
    if (it.e.sys.boxExists) fail('atom_style command after simulation box is defined');
    if (a[0] !== 'atomic' && a[0] !== 'charge') fail(`atom_style '${a[0]}' is not supported by lmpv (atomic, charge)`);
    it.e.sys.atomStyle = a[0];
  },
  atom_modify(it, a) {
    for (let k = 0; k < a.length; ) {
      if (a[k] === 'map') k += 2;
      else if (a[k] === 'sort') {
        const n = int(a[k + 1], 'atom_modify sort N');
        const bs = num(a[k + 2], 'atom_modify sort binsize');
        if (n < 0 || bs < 0) fail('atom_modify sort: N and binsize must be >= 0');
        it.e.sortFreq = n;
        it.e.sortBinSize = bs;
        k += 3;
      } else if (a[k] === 'id') k += 2;
      else fail(`atom_modify: keyword '${a[k]}' is not understood`);
    }
  },
  boundary(it, a) {
    if (it.e.sys.boxExists) fail('boundary command after simulation box is defined');
    if (a.length !== 3) fail('boundary: expected 3 words (e.g. p p p)');
    it.e.sys.boundary = a.map((w) => {
      const m = /^([pfsm])([pfsm])?$/.exec(w);
      if (!m) fail(`boundary: expected p, f, s, m or a pair like fs, found '${w}'`);
      const lo = m[1] as 'p', hi = (m[2] ?? m[1]) as 'p';
      if ((lo === 'p') !== (hi === 'p')) fail(`boundary '${w}': both sides must be periodic or neither`);
      return [lo, hi];
    }) as typeof it.e.sys.boundary;
  },
  dimension(it, a) {
    if (it.e.sys.boxExists) fail('dimension command after simulation box is defined');
    const d = int(a[0], 'dimension');
    if (d !== 2 && d !== 3) fail('dimension: expected 2 or 3');
    it.e.sys.dimension = d;
  },
  newton(it, a) {
    if (a[0] !== 'on' || (a[1] !== undefined && a[1] !== 'on')) fail('newton off is not supported by lmpv');
    void it;
  },
  processors(_it, a) {
    if (a.slice(0, 3).some((w) => w !== '*' && w !== '1')) fail('processors: lmpv runs on one process (use * * * or 1 1 1)');
  },
  lattice(it, a) {
    try {
      it.e.lattice = Lattice.parse(a, it.e.sys.unitStyle, it.e.sys.dimension);
    } catch (err) {
      fail((err as Error).message);
    }
    const L = it.e.lattice!;
    if (L.style !== 'none') it.print(`Lattice spacing in x,y,z = ${g8(L.xlattice)} ${g8(L.ylattice)} ${g8(L.zlattice)}\n`);
  },
  region: regionCmd,
  create_box: createBox,
  create_atoms: createAtoms,
  read_data: readData,
  write_data: writeData,
  mass(it, a) {
    needBox(it, 'mass');
    if (a.length !== 2) fail('mass: expected TYPE VALUE');
    const [lo, hi] = bounds(a[0], it.e.sys.ntypes);
    const m = num(a[1], 'mass');
    if (m <= 0) fail('mass: invalid mass value (must be > 0)');
    for (let t = lo; t <= hi; t++) {
      it.e.sys.mass[t] = m;
      it.e.sys.massSet[t] = 1;
    }
  },
  group: groupCmd,
  set: setCmd,
  velocity: velocityCmd,
  displace_atoms: displaceAtoms,
  pair_style: pairStyle,
  pair_coeff: pairCoeff,
  pair_modify: pairModify,
  neighbor(it, a) {
    if (a.length !== 2) fail('neighbor: expected SKIN STYLE');
    it.e.skin = num(a[0], 'neighbor skin');
    if (it.e.skin < 0) fail('neighbor: skin must be >= 0');
    if (a[1] !== 'bin' && a[1] !== 'nsq') fail(`neighbor: style '${a[1]}' is not understood (bin, nsq)`);
  },
  neigh_modify(it, a) {
    const o = it.e.neighOpts;
    for (let k = 0; k < a.length; k += 2) {
      const w = a[k], v = a[k + 1];
      if (w === 'every') o.every = int(v, 'neigh_modify every');
      else if (w === 'delay') o.delay = int(v, 'neigh_modify delay');
      else if (w === 'check') o.check = yesno(v, 'neigh_modify check');
      else if (w === 'once') o.once = yesno(v, 'neigh_modify once');
      else if (w === 'one' || w === 'page' || w === 'binsize') num(v, `neigh_modify ${w}`);
      else fail(`neigh_modify: keyword '${w}' is not supported by lmpv`);
    }
    if (o.every < 1 || o.delay < 0) fail('neigh_modify: every must be >= 1 and delay >= 0');
  },
  timestep(it, a) {
    if (a.length !== 1) fail('timestep: expected one value');
    const dt = num(a[0], 'timestep');
    it.e.atime += (it.e.ntimestep - it.e.atimestep) * it.e.dt;
    it.e.atimestep = it.e.ntimestep;
    it.e.dt = dt;
  },
  reset_timestep(it, a) {
    const n = int(a[0], 'reset_timestep');
    if (n < 0) fail('reset_timestep: timestep must be >= 0');
    it.e.ntimestep = n;
    it.e.atimestep = n;
    for (const d of it.e.dumps) d.lastStep = -1;
  },
  fix(it, a) {
    needBox(it, 'fix');
    if (a.length < 3) fail('fix: expected ID GROUP STYLE args');
    const [id, group, style, ...rest] = a;
    it.e.groupBit(group);
    const make = FIX_STYLES.get(style);
    if (!make) fail(`fix style '${style}' is not supported by lmpv (${[...FIX_STYLES.keys()].join(', ')})`);
    const f = make(id, group, rest, it.e);
    const k = it.e.fixes.findIndex((x) => x.id === id);
    if (k >= 0) {
      it.e.fixes[k].close?.();
      it.e.fixes[k] = f;
    }
    else it.e.fixes.push(f);
  },
  unfix(it, a) {
    const k = it.e.fixes.findIndex((x) => x.id === a[0]);
    if (k < 0) fail(`could not find fix ID '${a[0]}' to delete`);
    it.e.fixes[k].close?.();
    it.e.fixes.splice(k, 1);
  },
  compute(it, a) {
    needBox(it, 'compute');
    if (a.length < 3) fail('compute: expected ID GROUP STYLE args');
    const [id, group, style, ...rest] = a;
    it.e.groupBit(group);
    const make = COMPUTE_STYLES.get(style);
    if (!make) fail(`compute style '${style}' is not supported by lmpv (${[...COMPUTE_STYLES.keys()].join(', ')})`);
    if (it.e.computes.has(id)) fail(`compute ID '${id}' is already in use`);
    it.e.computes.set(id, make(id, group, rest, it.e));
  },
  uncompute(it, a) {
    if (!it.e.computes.delete(a[0])) fail(`could not find compute ID '${a[0]}' to delete`);
  },
  thermo(it, a) {
    const n = int(a[0], 'thermo');
    if (n < 0) fail('thermo: N must be >= 0');
    it.e.thermo.every = n;
  },
  thermo_style(it, a) {
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
  },
  thermo_modify(it, a) {
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
      } else if (w === 'temp' || w === 'press') {
        fail(`thermo_modify ${w} is not supported by lmpv`);
      } else fail(`thermo_modify: keyword '${w}' is not understood`);
    }
  },
  dump(it, a) {
    needBox(it, 'dump');
    if (a.length < 5) fail('dump: expected ID GROUP STYLE N FILE args');
    const [id, group, style, every, file, ...cols] = a;
    it.e.groupBit(group);
    if (it.e.dumps.some((d) => d.id === id)) fail(`reuse of dump ID '${id}'`);
    if (style === 'custom') for (const c of cols) if (!DUMP_COLS.has(c) && !/^[cv]_/.test(c)) fail(`dump custom: invalid attribute '${c}' (or not supported by lmpv)`);
    try {
      it.e.dumps.push(new Dump(id, group, style, int(every, 'dump N'), it.resolvePath(file), cols));
    } catch (err) {
      fail((err as Error).message);
    }
  },
  dump_modify(it, a) {
    const d = it.e.dumps.find((x) => x.id === a[0]);
    if (!d) fail(`could not find dump_modify ID '${a[0]}'`);
    try {
      d.modify(a.slice(1));
    } catch (err) {
      fail((err as Error).message);
    }
  },
  undump(it, a) {
    const k = it.e.dumps.findIndex((x) => x.id === a[0]);
    if (k < 0) fail(`could not find undump ID '${a[0]}'`);
    it.e.dumps[k].close();
    it.e.dumps.splice(k, 1);
  },
  run: runCmd,
  delete_atoms: deleteAtoms,
  reset_atom_ids(it, a) {
    needBox(it, 'reset_atom_ids');
    if (a.length === 2 && a[0] === 'sort' && a[1] === 'yes') fail('reset_atom_ids sort yes is not supported by lmpv');
    if (a.length && !(a.length === 2 && a[0] === 'sort' && a[1] === 'no')) fail(`reset_atom_ids: unexpected '${a.join(' ')}'`);
    const s = it.e.sys;
    for (let k = 0; k < s.nlocal; k++) s.tag[k] = 0;
    s.tagExtend();
  },
  minimize: minimizeCmd,
  min_style(_it, a) {
    if (a.length !== 1 || a[0] !== 'cg') fail(`min_style '${a.join(' ')}' is not supported by lmpv (cg)`);
  },
  min_modify(it, a) {
    for (let k = 0; k < a.length; k += 2) {
      const w = a[k], v = a[k + 1];
      if (w === 'dmax') {
        it.e.minDmax = num(v, 'min_modify dmax');
        if (!(it.e.minDmax > 0)) fail('min_modify dmax must be > 0');
      } else if (w === 'line') {
        if (v !== 'quadratic') fail(`min_modify line '${v}' is not supported by lmpv (quadratic)`);
      } else if (w === 'norm') {
        if (v !== 'two') fail(`min_modify norm '${v}' is not supported by lmpv (two)`);
      } else fail(`min_modify: keyword '${w}' is not supported by lmpv`);
    }
  },
  clear(it, a) {
    if (a.length) fail(`clear: unexpected argument '${a[0]}'`);
    for (const d of it.e.dumps) d.close();
    for (const f of it.e.fixes) f.close?.();
    const out = it.e.out, warn = it.e.warn, evalVar = it.e.evalVar, evalAtomVar = it.e.evalAtomVar, resolvePath = it.e.resolvePath;
    it.e = new Engine();
    it.e.resolvePath = resolvePath;
    it.e.out = out;
    it.e.warn = warn;
    it.e.evalVar = evalVar;
    it.e.evalAtomVar = evalAtomVar;
  },
  write_dump(it, a) {
    needBox(it, 'write_dump');
    if (a.length < 3) fail('write_dump: expected GROUP STYLE FILE [args] [modify ...]');
    const [group, style, file, ...rest] = a;
    const m = rest.indexOf('modify');
    const cols = m >= 0 ? rest.slice(0, m) : rest;
    it.e.groupBit(group);
    if (style === 'custom') for (const c of cols) if (!DUMP_COLS.has(c) && !/^[cv]_/.test(c)) fail(`write_dump custom: invalid attribute '${c}' (or not supported by lmpv)`);
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
  },
};

/** Bounding box of a triclinic box, in LAMMPS's order of operations (Domain::set_global_box). */
function boundingBox(b: { lo: Float64Array; hi: Float64Array; h: Float64Array }): [number, number, number, number] {
  const xy = b.h[5], xz = b.h[4], yz = b.h[3];
  let xlo = Math.min(b.lo[0], b.lo[0] + xy);
  xlo = Math.min(xlo, xlo + xz);
  let xhi = Math.max(b.hi[0], b.hi[0] + xy);
  xhi = Math.max(xhi, xhi + xz);
  return [xlo, xhi, Math.min(b.lo[1], b.lo[1] + yz), Math.max(b.hi[1], b.hi[1] + yz)];
}

function bounds(s: string, n: number): [number, number] {
  try {
    return typeBounds(s, n);
  } catch (err) {
    fail((err as Error).message);
  }
}
