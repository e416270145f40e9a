/**
 * EAM energy and forces (Daw & Baskes, PRB 29, 6443 (1984); Finnis & Sinclair, Phil. Mag. A 50, 45
 * (1984) for per-pair densities), in the passes of LAMMPS's PairEAM::compute over a half list
 * (newton on):
 *
 *   E = sum_i F_i(rho_i) + 1/2 sum_{i != j} phi_ij(r_ij),  rho_i = sum_{j != i} rho_{j->i}(r_ij)
 *
 *  1. rho_i and rho_j from each listed pair with r < cut (j may be a ghost); ghost densities are
 *     then summed onto their owned atoms (LAMMPS's reverse communication).
 *  2. F(rho) and fp = F'(rho) per owned atom; for rho > rhomax the table is clamped at its last
 *     interval and the energy extended linearly, F(rhomax) + fp (rho - rhomax) (29Sep2021); fp is
 *     copied to the ghosts (forward communication).
 *  3. pair forces: dE/dr = fp_i rho'_{j->i} + fp_j rho'_{i->j} + phi'(r), with phi = z2/r.
 *
 * Table lookup (params.ts): p = r/dr + 1, m = min(trunc p, nr-1), p = min(p - m, 1); for rho
 * m is additionally >= 1. Energies [eV], forces [eV/Angstrom]; the virial is left to the engine
 * (fdotr over owned and ghost atoms, as LAMMPS's pair eam). All scratch is in EamWork.
 */
import type { AtomView, NeighborList } from '../types.js';
import type { EamTables } from './params.js';

/** Per-atom scratch (grown with the atom count). */
export class EamWork {
  rho = new Float64Array(0);
  fp = new Float64Array(0);

  ensure(nall: number): void {
    if (this.rho.length >= nall) return;
    const n = Math.max(nall, Math.ceil(this.rho.length * 1.5));
    this.rho = new Float64Array(n);
    this.fp = new Float64Array(n);
  }
}

/**
 * Adds forces to f (3*nall, local and ghost atoms) and, when given, per-atom energies to eatom
 * (nall; pair energy split half/half as LAMMPS's ev_tally). Returns the potential energy [eV].
 */
export function eamCompute(t: EamTables, w: EamWork, atoms: AtomView, list: NeighborList, f: Float64Array, eatom: Float64Array | null): number {
  const { nlocal, nall, x, type, owner } = atoms;
  w.ensure(nall);
  const rho = w.rho, fp = w.fp;
  const T = t.ntypes + 1;
  const { rdr, rdrho, nr, nrho, rhomax, cutforcesq, type2rhor, type2z2r, type2frho, rhorSpline, z2rSpline, frhoSpline } = t;
  const off = list.offsets, nb = list.neighbors;
  rho.fill(0, 0, nall);

  // 1. densities
  for (let i = 0; i < list.inum; i++) {
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const itype = type[i];
    for (let jj = off[i]; jj < off[i + 1]; jj++) {
      const j = nb[jj];
      const dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
      const rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= cutforcesq) continue;
      const jtype = type[j];
      let p = Math.sqrt(rsq) * rdr + 1.0;
      let m = Math.trunc(p);
      m = Math.min(m, nr - 1);
      p -= m;
      p = Math.min(p, 1.0);
      const k = 7 * m;
      let c = rhorSpline[type2rhor[jtype * T + itype]];
      rho[i] += ((c[k + 3] * p + c[k + 4]) * p + c[k + 5]) * p + c[k + 6];
      c = rhorSpline[type2rhor[itype * T + jtype]];
      rho[j] += ((c[k + 3] * p + c[k + 4]) * p + c[k + 5]) * p + c[k + 6];
    }
  }
  for (let g = nlocal; g < nall; g++) rho[owner[g]] += rho[g];

  // 2. embedding energy and its derivative
  let energy = 0;
  for (let i = 0; i < nlocal; i++) {
    let p = rho[i] * rdrho + 1.0;
    let m = Math.trunc(p);
    m = Math.max(1, Math.min(m, nrho - 1));
    p -= m;
    p = Math.min(p, 1.0);
    const c = frhoSpline[type2frho[type[i]]];
    const k = 7 * m;
    fp[i] = (c[k] * p + c[k + 1]) * p + c[k + 2];
    let phi = ((c[k + 3] * p + c[k + 4]) * p + c[k + 5]) * p + c[k + 6];
    if (rho[i] > rhomax) phi += fp[i] * (rho[i] - rhomax);
    energy += phi;
    if (eatom) eatom[i] += phi;
  }
  for (let g = nlocal; g < nall; g++) fp[g] = fp[owner[g]];

  // 3. forces and pair energy
  for (let i = 0; i < list.inum; i++) {
    const xi = x[3 * i], yi = x[3 * i + 1], zi = x[3 * i + 2];
    const itype = type[i];
    for (let jj = off[i]; jj < off[i + 1]; jj++) {
      const j = nb[jj];
      const dx = xi - x[3 * j], dy = yi - x[3 * j + 1], dz = zi - x[3 * j + 2];
      const rsq = dx * dx + dy * dy + dz * dz;
      if (rsq >= cutforcesq) continue;
      const jtype = type[j];
      const r = Math.sqrt(rsq);
      let p = r * rdr + 1.0;
      let m = Math.trunc(p);
      m = Math.min(m, nr - 1);
      p -= m;
      p = Math.min(p, 1.0);
      const k = 7 * m;
      let c = rhorSpline[type2rhor[itype * T + jtype]];
      const rhoip = (c[k] * p + c[k + 1]) * p + c[k + 2];
      c = rhorSpline[type2rhor[jtype * T + itype]];
      const rhojp = (c[k] * p + c[k + 1]) * p + c[k + 2];
      c = z2rSpline[type2z2r[itype * T + jtype]];
      const z2p = (c[k] * p + c[k + 1]) * p + c[k + 2];
      const z2 = ((c[k + 3] * p + c[k + 4]) * p + c[k + 5]) * p + c[k + 6];
      const recip = 1.0 / r;
      const phi = z2 * recip;
      const phip = z2p * recip - phi * recip;
      const psip = fp[i] * rhojp + fp[j] * rhoip + phip;
      const fpair = -psip * recip;
      f[3 * i] += dx * fpair;
      f[3 * i + 1] += dy * fpair;
      f[3 * i + 2] += dz * fpair;
      f[3 * j] -= dx * fpair;
      f[3 * j + 1] -= dy * fpair;
      f[3 * j + 2] -= dz * fpair;
      energy += phi;
      if (eatom) {
        eatom[i] += 0.5 * phi;
        eatom[j] += 0.5 * phi;
      }
    }
  }
  return energy;
}
