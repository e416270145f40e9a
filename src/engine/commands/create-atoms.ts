/** `create_atoms type box|region|random|single ...` (LAMMPS create_atoms.cpp). */
import type { CommandContext } from './context.js';
import type { Region } from '../regions/index.js';
import { RanPark } from '../random.js';
import { fail, needBox, getRegion, boundingBox } from './util.js';
import { numeric, inumeric, yesno, typeArg } from '../input/args.js';

export function createAtoms(it: CommandContext, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  const s = e.sys;
  needBox(it, 'create_atoms');
  if (args.length < 2) fail('create_atoms: expected TYPE STYLE ...');
  const type = typeArg(args[0], s.typeLabels, s.ntypes, 'create_atoms type');
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
    nrandom = inumeric(args[2], 'create_atoms random N');
    seed = inumeric(args[3], 'create_atoms random seed');
    if (seed <= 0) fail('create_atoms random: seed must be > 0');
    if (args[4] === undefined) fail('create_atoms random: expected N SEED REGION-ID|NULL');
    if (args[4] !== 'NULL') region = getRegion(it, args[4]);
    i = 5;
  } else if (style === 'single') {
    single = [numeric(args[2], 'create_atoms single'), numeric(args[3], 'create_atoms single'), numeric(args[4], 'create_atoms single')];
    i = 5;
  } else fail(`create_atoms: style '${style}' is not supported by lmpv (box, region, random, single)`);
  const basisType: number[] = [];
  let units: 'box' | 'lattice' = 'lattice';
  while (i < args.length) {
    const k = args[i];
    if (k === 'basis') {
      basisType[inumeric(args[i + 1], 'create_atoms basis') - 1] = typeArg(args[i + 2], s.typeLabels, s.ntypes, 'create_atoms basis type');
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
