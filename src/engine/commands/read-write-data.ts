/** `read_data FILE` and `write_data FILE [nocoeff]` (LAMMPS read_data.cpp / write_data.cpp) via src/io/lammps-data. */
import type { CommandContext } from './context.js';
import { readLammpsData, writeLammpsData, type LammpsData } from '../../io/lammps-data.js';
import { fail, needBox } from './util.js';
import { makePair } from './pair.js';

export function readData(it: CommandContext, args: string[]): void {
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
  // `Atom Type Labels` become the label map (LAMMPS 2025 read_data.cpp typelabels)
  s.typeLabels = data.typeLabels?.atom ? data.typeLabels.atom.slice() : null;
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

export function writeData(it: CommandContext, args: string[]): void {
  const e = it.e;
  const s = e.sys;
  needBox(it, 'write_data');
  if (args.length < 1) fail('write_data: expected a file name');
  let coeffs = true;
  let labelmap = true;
  for (let k = 1; k < args.length; k++) {
    if (args[k] === 'nocoeff') coeffs = false;
    else if (args[k] === 'nolabelmap') labelmap = false;
    else if (args[k] === 'nofix') continue;
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
  const pairLines = coeffs ? (e.pair?.dataLines?.() ?? null) : null;
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
    // the label map as an `Atom Type Labels` section, as LAMMPS 2025 write_data does unless nolabelmap
    typeLabels: labelmap && s.typeLabels?.some((l) => l !== '') ? { atom: s.typeLabels.slice() } : undefined,
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
    coeffs: pairLines ? [{ keyword: 'Pair Coeffs', style: e.pairStyle, lines: pairLines }] : [],
    warnings: [],
  };
  writeLammpsData(it.resolvePath(args[0]), data);
}
