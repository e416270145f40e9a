import type { Engine } from './engine.js';

/**
 * Remove a group's angular momentum about its centre of mass (LAMMPS Group::xcm/angmom/inertia/omega),
 * for `velocity ... rot yes`, `velocity zero angular` and `fix momentum ... angular`.
 */
export function zeroAngular(e: Engine, bit: number): void {
  const s = e.sys;
  const cm = e.groupXcm(bit);
  const u = new Float64Array(3);
  const L = [0, 0, 0];
  const I = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let i = 0; i < s.nlocal; i++) {
    if (!(s.mask[i] & bit)) continue;
    const m = s.mass[s.type[i]];
    e.unwrapped(i, u);
    const dx = u[0] - cm[0], dy = u[1] - cm[1], dz = u[2] - cm[2];
    const vx = s.v[3 * i], vy = s.v[3 * i + 1], vz = s.v[3 * i + 2];
    L[0] += m * (dy * vz - dz * vy);
    L[1] += m * (dz * vx - dx * vz);
    L[2] += m * (dx * vy - dy * vx);
    I[0][0] += m * (dy * dy + dz * dz);
    I[1][1] += m * (dx * dx + dz * dz);
    I[2][2] += m * (dx * dx + dy * dy);
    I[0][1] -= m * dx * dy;
    I[1][2] -= m * dy * dz;
    I[0][2] -= m * dx * dz;
  }
  I[1][0] = I[0][1];
  I[2][1] = I[1][2];
  I[2][0] = I[0][2];
  const det = I[0][0] * I[1][1] * I[2][2] + I[0][1] * I[1][2] * I[2][0] + I[0][2] * I[1][0] * I[2][1] - I[0][0] * I[1][2] * I[2][1] - I[0][1] * I[1][0] * I[2][2] - I[2][0] * I[1][1] * I[0][2];
  if (det <= 0) return;
  // LAMMPS Group::omega: the inverse (adjugate / det) first, then omega = inverse . L
  const inv = [
    [I[1][1] * I[2][2] - I[1][2] * I[2][1], -(I[0][1] * I[2][2] - I[0][2] * I[2][1]), I[0][1] * I[1][2] - I[0][2] * I[1][1]],
    [-(I[1][0] * I[2][2] - I[1][2] * I[2][0]), I[0][0] * I[2][2] - I[0][2] * I[2][0], -(I[0][0] * I[1][2] - I[0][2] * I[1][0])],
    [I[1][0] * I[2][1] - I[1][1] * I[2][0], -(I[0][0] * I[2][1] - I[0][1] * I[2][0]), I[0][0] * I[1][1] - I[0][1] * I[1][0]],
  ];
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) inv[a][b] /= det;
  const w = [0, 1, 2].map((a) => inv[a][0] * L[0] + inv[a][1] * L[1] + inv[a][2] * L[2]);
  for (let i = 0; i < s.nlocal; i++) {
    if (!(s.mask[i] & bit)) continue;
    e.unwrapped(i, u);
    const dx = u[0] - cm[0], dy = u[1] - cm[1], dz = u[2] - cm[2];
    s.v[3 * i] -= w[1] * dz - w[2] * dy;
    s.v[3 * i + 1] -= w[2] * dx - w[0] * dz;
    s.v[3 * i + 2] -= w[0] * dy - w[1] * dx;
  }
}
