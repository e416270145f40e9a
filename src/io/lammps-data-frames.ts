/**
 * LAMMPS data files as AtomFrames: the registry's functions of format 'lammps-data'
 * (readLammpsDataFrames / writeLammpsDataFrames, columns id type mol q x y z ix iy iz vx vy vz mass),
 * and conversions between frames and LammpsData (frameToLammpsData, withAtomStyle). Reading and
 * writing the file itself is lammps-data.ts.
 */
import { UsageError, type Warning } from './errors.js';
import type { ReadOptions, WriteOptions } from './formats.js';
import type { AtomFrame, Column } from './types.js';
import { ATOM_STYLE_COLUMNS, MOLECULAR_STYLES, readLammpsData, writeLammpsData, type LammpsData, type LammpsVelocities } from './lammps-data.js';


/** The atoms of a data file as a frame: id type [mol] [q] x y z [ix iy iz] [vx vy vz] [mass]. */
export function lammpsDataToFrame(data: LammpsData): AtomFrame {
  const a = data.atoms;
  const columns = new Map<string, Column>();
  columns.set('id', a.id);
  if (a.mol) columns.set('mol', a.mol);
  columns.set('type', a.type);
  if (a.q) columns.set('q', a.q);
  columns.set('x', a.x); columns.set('y', a.y); columns.set('z', a.z);
  if (a.ix && a.iy && a.iz) { columns.set('ix', a.ix); columns.set('iy', a.iy); columns.set('iz', a.iz); }
  if (data.velocities) { columns.set('vx', data.velocities.vx); columns.set('vy', data.velocities.vy); columns.set('vz', data.velocities.vz); }
  if (data.masses) {
    const m = new Float64Array(a.id.length);
    for (let i = 0; i < m.length; i++) m[i] = data.masses[a.type[i] - 1];
    columns.set('mass', m);
  }
  const frame: AtomFrame = { natoms: a.id.length, box: data.box, columns };
  if (data.timestep !== undefined) frame.timestep = data.timestep;
  if (data.typeLabels?.atom) frame.typeLabels = data.typeLabels.atom;
  return frame;
}

export async function* readLammpsDataFrames(path: string, opts: ReadOptions = {}): AsyncIterable<AtomFrame> {
  const data = readLammpsData(path, { atomStyle: opts.atomStyle, warnings: opts.warnings, onProgress: opts.onProgress });
  yield lammpsDataToFrame(data);
}

/**
 * Write the ONE frame of `frames` as a data file (more than one is a UsageError: select one
 * first). Atom style: opts.atomStyle, else from the columns (mol+q full, mol molecular, q charge, else atomic).
 */
export async function writeLammpsDataFrames(path: string, frames: AsyncIterable<AtomFrame> | Iterable<AtomFrame>, opts: WriteOptions = {}): Promise<void> {
  let frame: AtomFrame | undefined;
  let count = 0;
  for await (const fr of frames) {
    frame = fr;
    count++;
  }
  if (!frame) throw new UsageError(`${path}: no frame to write`);
  if (count > 1) throw new UsageError(`${path}: a LAMMPS data file holds one frame, but ${count} were given; select one (e.g. --frames N)`);
  const data = frameToLammpsData(frame, { atomStyle: opts.atomStyle, warnings: opts.warnings, source: path });
  writeLammpsData(path, data);
}

/** Standard atomic weights (IUPAC, conventional values) of the elements up to Rn, for `element` columns without `mass`. */
const ELEMENT_MASS: Record<string, number> = {
  H: 1.008, He: 4.002602, Li: 6.94, Be: 9.0121831, B: 10.81, C: 12.011, N: 14.007, O: 15.999, F: 18.998403163, Ne: 20.1797,
  Na: 22.98976928, Mg: 24.305, Al: 26.9815385, Si: 28.085, P: 30.973761998, S: 32.06, Cl: 35.45, Ar: 39.948, K: 39.0983, Ca: 40.078,
  Sc: 44.955908, Ti: 47.867, V: 50.9415, Cr: 51.9961, Mn: 54.938044, Fe: 55.845, Co: 58.933194, Ni: 58.6934, Cu: 63.546, Zn: 65.38,
  Ga: 69.723, Ge: 72.63, As: 74.921595, Se: 78.971, Br: 79.904, Kr: 83.798, Rb: 85.4678, Sr: 87.62, Y: 88.90584, Zr: 91.224,
  Nb: 92.90637, Mo: 95.95, Ru: 101.07, Rh: 102.9055, Pd: 106.42, Ag: 107.8682, Cd: 112.414, In: 114.818, Sn: 118.71, Sb: 121.76,
  Te: 127.6, I: 126.90447, Xe: 131.293, Cs: 132.90545196, Ba: 137.327, La: 138.90547, Ce: 140.116, Hf: 178.49, Ta: 180.94788, W: 183.84,
  Re: 186.207, Os: 190.23, Ir: 192.217, Pt: 195.084, Au: 196.966569, Hg: 200.592, Tl: 204.38, Pb: 207.2, Bi: 208.9804,
};

export interface FrameToDataOptions {
  atomStyle?: string;
  warnings?: Warning[];
  /** Name used in warnings. */
  source?: string;
  title?: string;
}

function col(frame: AtomFrame, name: string): Float64Array | undefined {
  const c = frame.columns.get(name);
  return c instanceof Float64Array ? c : undefined;
}

/**
 * Convert a frame to data-file content. Positions: x y z (+ ix iy iz, or image flags derived from
 * xu/xsu), else unwrapped xu yu zu wrapped into the box with image flags, else scaled xs ys zs
 * (+ ix iy iz), else xsu ysu zsu; triclinic boxes use LAMMPS's h matrix. Masses come from a `mass`
 * column, else `element`/`species` names; types from `type`, else from the element names.
 */
export function frameToLammpsData(frame: AtomFrame, opts: FrameToDataOptions = {}): LammpsData {
  const warnings = opts.warnings ?? [];
  const src = opts.source ?? '<frame>';
  const n = frame.natoms;
  const box = frame.box;
  const warn = (message: string) => warnings.push({ file: src, line: 0, message });

  const id = col(frame, 'id') ?? Float64Array.from({ length: n }, (_, i) => i + 1);
  if (!col(frame, 'id')) warn('frame has no id column; numbering atoms 1..N');
  const names = frame.columns.get('element') ?? frame.columns.get('species');
  const elementNames = Array.isArray(names) ? names : undefined;
  let type = col(frame, 'type');
  let typeNames: string[] = [];
  if (!type) {
    if (!elementNames) throw new UsageError(`${src}: frame has neither a type nor an element column; cannot assign atom types`);
    const order = new Map<string, number>();
    type = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let tp = order.get(elementNames[i]);
      if (tp === undefined) { tp = order.size + 1; order.set(elementNames[i], tp); }
      type[i] = tp;
    }
    typeNames = [...order.keys()];
    warn(`frame has no type column; atom types by first appearance of the elements: ${typeNames.map((e, i) => `${i + 1}=${e}`).join(' ')}`);
  }
  let ntypes = 0;
  for (let i = 0; i < n; i++) if (type[i] > ntypes) ntypes = type[i];

  // positions and image flags
  const [lx, ly, lz] = [box.hi[0] - box.lo[0], box.hi[1] - box.lo[1], box.hi[2] - box.lo[2]];
  const [xy, xz, yz] = box.tilt ?? [0, 0, 0];
  const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
  let ix: Float64Array | null = null, iy: Float64Array | null = null, iz: Float64Array | null = null;
  const fromScaled = (sx: Float64Array, sy: Float64Array, sz: Float64Array, ox: Float64Array, oy: Float64Array, oz: Float64Array) => {
    for (let i = 0; i < n; i++) {
      ox[i] = box.lo[0] + sx[i] * lx + sy[i] * xy + sz[i] * xz;
      oy[i] = box.lo[1] + sy[i] * ly + sz[i] * yz;
      oz[i] = box.lo[2] + sz[i] * lz;
    }
  };
  const imageCols = [col(frame, 'ix'), col(frame, 'iy'), col(frame, 'iz')];
  const hasImage = imageCols.every((c) => c !== undefined);
  const unwrapped = (): [Float64Array, Float64Array, Float64Array] | undefined => {
    const u = [col(frame, 'xu'), col(frame, 'yu'), col(frame, 'zu')];
    if (u.every((c) => c)) return u as [Float64Array, Float64Array, Float64Array];
    const su = [col(frame, 'xsu'), col(frame, 'ysu'), col(frame, 'zsu')];
    if (su.every((c) => c)) {
      const o: [Float64Array, Float64Array, Float64Array] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
      fromScaled(su[0]!, su[1]!, su[2]!, o[0], o[1], o[2]);
      return o;
    }
    return undefined;
  };
  const wrapped = [col(frame, 'x'), col(frame, 'y'), col(frame, 'z')];
  const scaled = [col(frame, 'xs'), col(frame, 'ys'), col(frame, 'zs')];
  if (wrapped.every((c) => c) || scaled.every((c) => c)) {
    if (wrapped.every((c) => c)) { x.set(wrapped[0]!); y.set(wrapped[1]!); z.set(wrapped[2]!); } else fromScaled(scaled[0]!, scaled[1]!, scaled[2]!, x, y, z);
    if (hasImage) {
      [ix, iy, iz] = imageCols.map((c) => Float64Array.from(c!));
    } else {
      const u = unwrapped();
      if (u) {
        // image flags from the difference unwrapped - wrapped = ix*a + iy*b + iz*c
        ix = new Float64Array(n); iy = new Float64Array(n); iz = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const c2 = Math.round((u[2][i] - z[i]) / lz);
          const c1 = Math.round((u[1][i] - y[i] - c2 * yz) / ly);
          const c0 = Math.round((u[0][i] - x[i] - c1 * xy - c2 * xz) / lx);
          ix[i] = c0 + 0; iy[i] = c1 + 0; iz[i] = c2 + 0;
        }
      }
    }
  } else {
    const u = unwrapped();
    if (!u) throw new UsageError(`${src}: frame has no positions (x y z, xs ys zs, xu yu zu or xsu ysu zsu)`);
    ix = new Float64Array(n); iy = new Float64Array(n); iz = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // fractional coordinates (LAMMPS x2lamda), image = floor, then subtract whole cell vectors
      const dz = u[2][i] - box.lo[2], dy = u[1][i] - box.lo[1], dx = u[0][i] - box.lo[0];
      const sz = dz / lz;
      const sy = (dy - sz * yz) / ly;
      const sx = (dx - sy * xy - sz * xz) / lx;
      const c0 = Math.floor(sx), c1 = Math.floor(sy), c2 = Math.floor(sz);
      ix[i] = c0 + 0; iy[i] = c1 + 0; iz[i] = c2 + 0;
      x[i] = u[0][i] - c0 * lx - c1 * xy - c2 * xz;
      y[i] = u[1][i] - c1 * ly - c2 * yz;
      z[i] = u[2][i] - c2 * lz;
    }
  }

  // style
  const mol = col(frame, 'mol');
  const q = col(frame, 'q');
  const style = opts.atomStyle ?? (mol && q ? 'full' : mol ? 'molecular' : q ? 'charge' : 'atomic');
  const cols = ATOM_STYLE_COLUMNS[style];
  if (!cols) throw new UsageError(`unknown atom style '${style}'; expected one of ${Object.keys(ATOM_STYLE_COLUMNS).join(', ')}`);
  if (cols.includes('mol') && !mol) warn(`atom style '${style}' needs molecule ids; the frame has no mol column, writing 0`);
  if (cols.includes('q') && !q) warn(`atom style '${style}' needs charges; the frame has no q column, writing 0`);

  // masses
  let masses: Float64Array | null = null;
  let massLabels: (string | null)[] | null = null;
  const massCol = col(frame, 'mass');
  if (massCol || elementNames) {
    masses = new Float64Array(ntypes).fill(NaN);
    massLabels = new Array<string | null>(ntypes).fill(null);
    for (let i = 0; i < n; i++) {
      const tp = type[i] - 1;
      let m = massCol ? massCol[i] : NaN;
      if (elementNames && massLabels[tp] === null) massLabels[tp] = elementNames[i];
      if (!massCol && elementNames) m = ELEMENT_MASS[elementNames[i]] ?? NaN;
      if (Number.isNaN(masses[tp])) masses[tp] = m;
      else if (!Object.is(masses[tp], m) && !Number.isNaN(m)) {
        warn(`atom type ${tp + 1} has several masses (${masses[tp]} and ${m}); keeping ${masses[tp]}`);
      }
    }
    const missing = [...masses.keys()].filter((i) => Number.isNaN(masses![i]));
    if (missing.length === masses.length) masses = null;
    else if (missing.length) warn(`no mass for atom types ${missing.map((i) => i + 1).join(' ')}; the Masses section omits them`);
    if (massLabels.every((l) => l === null)) massLabels = null;
  } else {
    warn('frame has no mass or element column; the data file has no Masses section (set masses with the mass command)');
  }

  let velocities: LammpsVelocities | null = null;
  const vx = col(frame, 'vx'), vy = col(frame, 'vy'), vz = col(frame, 'vz');
  if (vx && vy && vz) velocities = { vx: Float64Array.from(vx), vy: Float64Array.from(vy), vz: Float64Array.from(vz) };

  const data: LammpsData = {
    title: opts.title ?? 'LAMMPS data file via lmpv',
    timestep: frame.timestep,
    counts: { atoms: n, bonds: 0, angles: 0, dihedrals: 0, impropers: 0, atomTypes: ntypes, bondTypes: 0, angleTypes: 0, dihedralTypes: 0, improperTypes: 0 },
    extra: {},
    box: { lo: [...box.lo], hi: [...box.hi], tilt: box.tilt ? [...box.tilt] : null, boundary: [...box.boundary], ...(box.general ? { general: box.general } : {}) },
    masses, massLabels,
    atomStyle: style,
    atoms: {
      id: Float64Array.from(id), type: Float64Array.from(type),
      mol: cols.includes('mol') ? (mol ? Float64Array.from(mol) : new Float64Array(n)) : null,
      q: cols.includes('q') ? (q ? Float64Array.from(q) : new Float64Array(n)) : null,
      x, y, z, ix, iy, iz,
    },
    velocities,
    bonds: null, angles: null, dihedrals: null, impropers: null,
    coeffs: [], warnings,
  };
  if (frame.typeLabels && frame.typeLabels.length === ntypes) data.typeLabels = { atom: [...frame.typeLabels] };
  else {
    // a dump with LAMMPS's `typelabel` column (LAMMPS >= 2023) names the types: keep them as Atom Type Labels
    const tl = frame.columns.get('typelabel');
    if (Array.isArray(tl)) {
      const labels = new Array<string>(ntypes).fill('');
      let consistent = true;
      for (let i = 0; i < n; i++) {
        const k = type[i] - 1;
        if (labels[k] === '') labels[k] = tl[i];
        else if (labels[k] !== tl[i]) consistent = false;
      }
      const distinct = new Set(labels.filter((l) => l !== ''));
      if (consistent && distinct.size === labels.filter((l) => l !== '').length) data.typeLabels = { atom: labels };
      else warn('typelabel column does not name each type with one label of its own; no Atom Type Labels section written');
    }
  }
  return data;
}

/**
 * The same data in another atom style: mol/q added as 0 (with a warning) or dropped; topology is
 * kept only for molecular styles.
 */
export function withAtomStyle(data: LammpsData, style: string, warnings: Warning[] = data.warnings, file = '<data>'): LammpsData {
  if (style === data.atomStyle) return data;
  const cols = ATOM_STYLE_COLUMNS[style];
  if (!cols) throw new UsageError(`unknown atom style '${style}'; expected one of ${Object.keys(ATOM_STYLE_COLUMNS).join(', ')}`);
  const n = data.atoms.id.length;
  const a = { ...data.atoms };
  if (cols.includes('mol')) {
    if (!a.mol) { a.mol = new Float64Array(n); warnings.push({ file, line: 0, message: `atom style '${style}': no molecule ids in the input, writing 0` }); }
  } else a.mol = null;
  if (cols.includes('q')) {
    if (!a.q) { a.q = new Float64Array(n); warnings.push({ file, line: 0, message: `atom style '${style}': no charges in the input, writing 0` }); }
  } else a.q = null;
  const out: LammpsData = { ...data, atomStyle: style, atoms: a };
  if (!MOLECULAR_STYLES.has(style)) {
    if (data.bonds || data.angles || data.dihedrals || data.impropers) {
      warnings.push({ file, line: 0, message: `atom style '${style}' has no bonds; dropping the topology sections` });
    }
    out.bonds = out.angles = out.dihedrals = out.impropers = null;
    out.counts = { ...data.counts, bonds: 0, angles: 0, dihedrals: 0, impropers: 0, bondTypes: 0, angleTypes: 0, dihedralTypes: 0, improperTypes: 0 };
    out.coeffs = data.coeffs.filter((s) => s.keyword === 'Pair Coeffs' || s.keyword === 'PairIJ Coeffs');
  }
  return out;
}
