import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { isNumeric } from '../input/args.js';

/**
 * `fix ID group wall/reflect face coord ... [units box|lattice]` (faces xlo xhi ylo yhi zlo zhi,
 * coord a number or EDGE): atoms that crossed a wall are mirrored back and their normal velocity
 * reversed after the position update (LAMMPS fix_wall_reflect.cpp).
 */
export class FixWallReflect implements Fix<Engine> {
  style = 'wall/reflect';
  private walls: { dim: number; side: 0 | 1; coord: number | 'EDGE' }[] = [];
  private lattice = true;
  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
  ) {
    const faces = ['xlo', 'xhi', 'ylo', 'yhi', 'zlo', 'zhi'];
    for (let i = 0; i < args.length; i += 2) {
      const k = args[i];
      if (k === 'units') {
        if (args[i + 1] !== 'box' && args[i + 1] !== 'lattice') throw new ScriptError(`fix wall/reflect units: expected box or lattice, found '${args[i + 1]}'`);
        this.lattice = args[i + 1] === 'lattice';
        continue;
      }
      const f = faces.indexOf(k);
      if (f < 0) throw new ScriptError(`fix wall/reflect: keyword '${k}' is not understood`);
      const w = args[i + 1];
      let coord: number | 'EDGE';
      if (w === 'EDGE') coord = 'EDGE';
      else {
        coord = isNumeric(w) ? Number(w) : NaN;
        if (!Number.isFinite(coord)) throw new ScriptError(`fix wall/reflect ${k}: expected EDGE or a number, found '${w ?? '(nothing)'}'`);
      }
      this.walls.push({ dim: f >> 1, side: (f & 1) as 0 | 1, coord });
    }
    if (this.walls.length === 0) throw new ScriptError('fix wall/reflect: no walls');
  }
  private resolved: number[] = [];
  setup(e: Engine): void {
    const b = e.sys.box;
    const sc = this.lattice && e.lattice ? [e.lattice.xlattice, e.lattice.ylattice, e.lattice.zlattice] : [1, 1, 1];
    this.resolved = this.walls.map((w) => (w.coord === 'EDGE' ? (w.side === 0 ? b.lo[w.dim] : b.hi[w.dim]) : w.coord * sc[w.dim]));
    for (const w of this.walls) if (e.sys.periodic(w.dim)) throw new ScriptError('cannot use fix wall/reflect in a periodic dimension');
  }
  postIntegrate(e: Engine): void {
    const s = e.sys;
    const bit = e.groupBit(this.group);
    this.walls.forEach((w, m) => {
      const coord = this.resolved[m];
      const d = w.dim;
      for (let i = 0; i < s.nlocal; i++) {
        if (!(s.mask[i] & bit)) continue;
        const k = 3 * i + d;
        if (w.side === 0 ? s.x[k] < coord : s.x[k] > coord) {
          s.x[k] = w.side === 0 ? coord + (coord - s.x[k]) : coord - (s.x[k] - coord);
          s.v[k] = -s.v[k];
        }
      }
    });
  }
}
