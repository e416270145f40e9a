/**
 * Velocity Verlet (LAMMPS `fix nve`), as two half steps over explicit state (STYLE.md §10):
 * initial: v += dt/2 * F/m * ftm2v; x += dt * v.  final: v += dt/2 * F/m * ftm2v.
 */
export interface VerletState {
  n: number;
  x: Float64Array;
  v: Float64Array;
  f: Float64Array;
  /** Mass of atom i (per type in LAMMPS: mass[type[i]]). */
  type: Int32Array;
  mass: Float64Array;
  mask: Int32Array;
}

export function initialIntegrate(s: VerletState, groupbit: number, dt: number, ftm2v: number): void {
  const dtf = 0.5 * dt * ftm2v;
  const { x, v, f, type, mass, mask } = s;
  for (let i = 0; i < s.n; i++) {
    if (!(mask[i] & groupbit)) continue;
    const dtfm = dtf / mass[type[i]];
    const k = 3 * i;
    v[k] += dtfm * f[k];
    v[k + 1] += dtfm * f[k + 1];
    v[k + 2] += dtfm * f[k + 2];
    x[k] += dt * v[k];
    x[k + 1] += dt * v[k + 1];
    x[k + 2] += dt * v[k + 2];
  }
}

export function finalIntegrate(s: VerletState, groupbit: number, dt: number, ftm2v: number): void {
  const dtf = 0.5 * dt * ftm2v;
  const { v, f, type, mass, mask } = s;
  for (let i = 0; i < s.n; i++) {
    if (!(mask[i] & groupbit)) continue;
    const dtfm = dtf / mass[type[i]];
    const k = 3 * i;
    v[k] += dtfm * f[k];
    v[k + 1] += dtfm * f[k + 1];
    v[k + 2] += dtfm * f[k + 2];
  }
}
