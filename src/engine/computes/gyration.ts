/** `compute ID group gyration`: Rg = sqrt(sum m |r - r_cm|^2 / M) over unwrapped positions (LAMMPS compute_gyration.cpp; scalar only). */
import type { Engine } from '../engine.js';
import type { Compute } from './compute.js';

export function computeGyration(id: string, group: string, args: string[]): Compute<Engine> {
  return {
    id,
    group,
    style: 'gyration',
    args,
    scalar(e: Engine) {
      const bit = e.groupBit(group);
      const s = e.sys;
      const cm = e.groupXcm(bit);
      const u = new Float64Array(3);
      let rg = 0, mt = 0;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        const m = s.mass[s.type[i]];
        e.unwrapped(i, u);
        const dx = u[0] - cm[0], dy = u[1] - cm[1], dz = u[2] - cm[2];
        rg += (dx * dx + dy * dy + dz * dz) * m;
        mt += m;
      }
      return mt > 0 ? Math.sqrt(rg / mt) : 0;
    },
  };
}
