/**
 * `compute ID group rdf Nbin [itype jtype]... [cutoff R]`: g(r) and coordination number per type
 * pair over pairs within the pair cutoff (LAMMPS compute_rdf.cpp): rows r = (i+1/2) dr, columns
 * r, g1, coord1, g2, coord2, ... as a global array (nbin x (1 + 2 npairs)).
 */
import type { Engine } from '../engine.js';
import { typeBounds, isInteger, numeric } from '../input/args.js';
import { ScriptError } from '../errors.js';
import { NeighborListBuffer, buildNeighborList } from '../neighbor/neighbor-list.js';
import { applyTypeExclusions } from '../neighbor/exclude.js';
import type { Compute, ComputeArray } from './compute.js';

export function computeRdf(id: string, group: string, args: string[]): Compute<Engine> {
  if (!(isInteger(args[0]) && Number(args[0]) > 0)) throw new ScriptError(`compute rdf: expected Nbin > 0, found '${args[0]}'`);
  return {
    id,
    group,
    style: 'rdf',
    args,
    array(e: Engine) {
      return rdfArray(e, this);
    },
  };
}

/** An itype/jtype word of compute rdf: N, *, N*, *M, N*M within 1..ntypes, or a type label. */
function typeRange(w: string | undefined, n: number, labels: readonly string[] | null): [number, number] {
  if (w === undefined) throw new ScriptError('compute rdf: type pairs come in twos (itype jtype)');
  return typeBounds(w, labels, n, 'compute rdf atom type');
}

function rdfArray(e: Engine, c: Compute<Engine>): ComputeArray {
  const s = e.sys;
  const nbin = Number(c.args[0]);
  let cutUser = 0;
  const words = c.args.slice(1);
  const ci = words.indexOf('cutoff');
  if (ci >= 0) {
    cutUser = numeric(words[ci + 1], 'compute rdf cutoff');
    words.splice(ci, 2);
  }
  const pairs: number[][] = [];
  if (words.length === 0) pairs.push([1, s.ntypes, 1, s.ntypes]);
  else for (let k = 0; k < words.length; k += 2) pairs.push([...typeRange(words[k], s.ntypes, s.typeLabels), ...typeRange(words[k + 1], s.ntypes, s.typeLabels)]);
  if (!e.pair && !cutUser) throw new ScriptError(`compute ${c.id} (rdf) requires a pair style be defined or cutoff specified`);
  const cutforce = cutUser || e.cutforce();
  if (cutUser && cutUser + e.skin > e.cutforce() + e.skin) throw new ScriptError(`compute ${c.id} (rdf) cutoff exceeds ghost atom range`);
  const delr = cutforce / nbin;
  const delrinv = 1.0 / delr;
  const np = pairs.length;
  const cols = 1 + 2 * np;
  const data = new Float64Array(nbin * cols);
  for (let i = 0; i < nbin; i++) data[i * cols] = (i + 0.5) * delr;
  const bit = e.groupBit(c.group);
  // counts per type (LAMMPS init_norm)
  const typecount = new Float64Array(s.ntypes + 1);
  for (let i = 0; i < s.nlocal; i++) if (s.mask[i] & bit) typecount[s.type[i]]++;
  const icount: number[] = [], jcount: number[] = [], dup: number[] = [];
  for (const [ilo, ihi, jlo, jhi] of pairs) {
    let ic = 0, jc = 0, d = 0;
    for (let t = ilo; t <= ihi; t++) ic += typecount[t];
    for (let t = jlo; t <= jhi; t++) jc += typecount[t];
    for (let t = ilo; t <= ihi; t++) for (let u = jlo; u <= jhi; u++) if (t === u) d += typecount[t];
    icount.push(ic);
    jcount.push(jc);
    dup.push(d);
  }
  // histogram over a half list of all pairs within the neighbour cutoff (newton on)
  const list = new NeighborListBuffer();
  buildNeighborList(list, 'half', e.ghosts, e.cutforce() + e.skin);
  // LAMMPS's occasional list for compute rdf carries the neigh_modify exclusions too (excluded
  // pairs count as absent: g(r) = 0 for an excluded type pair)
  applyTypeExclusions(list, e.ghosts.type, e.neighExclude, s.ntypes);
  const hist = new Float64Array(np * nbin);
  const g = e.ghosts;
  const inPair = (m: number, ti: number, tj: number) => ti >= pairs[m][0] && ti <= pairs[m][1] && tj >= pairs[m][2] && tj <= pairs[m][3];
  for (let i = 0; i < list.inum; i++) {
    if (!(s.mask[i] & bit)) continue;
    const ti = g.type[i];
    for (let jj = list.offsets[i]; jj < list.offsets[i + 1]; jj++) {
      const j = list.neighbors[jj];
      if (!(s.mask[g.owner[j]] & bit)) continue;
      const tj = g.type[j];
      const dx = g.x[3 * i] - g.x[3 * j], dy = g.x[3 * i + 1] - g.x[3 * j + 1], dz = g.x[3 * i + 2] - g.x[3 * j + 2];
      const r = Math.sqrt(dx * dx + dy * dy + dz * dz);
      const ibin = Math.trunc(r * delrinv);
      if (ibin >= nbin) continue;
      for (let m = 0; m < np; m++) {
        if (inPair(m, ti, tj)) hist[m * nbin + ibin] += 1.0;
        if (inPair(m, tj, ti)) hist[m * nbin + ibin] += 1.0;
      }
    }
  }
  const dim3 = s.dimension === 3;
  const b = s.box.prd;
  const constant = dim3 ? (4.0 * Math.PI) / (3.0 * b[0] * b[1] * b[2]) : Math.PI / (b[0] * b[1]);
  for (let m = 0; m < np; m++) {
    const normfac = icount[m] > 0 ? jcount[m] - dup[m] / icount[m] : 0.0;
    let ncoord = 0.0;
    for (let ibin = 0; ibin < nbin; ibin++) {
      const rlo = ibin * delr, rup = (ibin + 1) * delr;
      const vfrac = dim3 ? constant * (rup * rup * rup - rlo * rlo * rlo) : constant * (rup * rup - rlo * rlo);
      const gr = vfrac * normfac !== 0.0 ? hist[m * nbin + ibin] / (vfrac * normfac * icount[m]) : 0.0;
      if (icount[m] !== 0) ncoord += gr * vfrac * normfac;
      data[ibin * cols + 1 + 2 * m] = gr;
      data[ibin * cols + 2 + 2 * m] = ncoord;
    }
  }
  return { rows: nbin, cols, data };
}
