/**
 * `velocity group create|set|scale|ramp|zero ...` (LAMMPS velocity.cpp). `temp ID` names the
 * temperature compute create/scale measure (default: a `temp` compute of the velocity group);
 * `bias yes` removes that compute's velocity bias before scaling and restores it after.
 */
import type { CommandContext } from './context.js';
import { zeroAngular } from '../group-momentum.js';
import { RanPark } from '../random.js';
import { fail, needBox, lat } from './util.js';
import { numeric, inumeric, yesno } from '../input/args.js';
import { findTempCompute } from '../computes/lookup.js';
import { ComputeTemp } from '../computes/temp.js';
import type { TempCompute } from '../computes/temp-base.js';

export function velocityCmd(it: CommandContext, args: string[]): void {
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
  let sum = false, mom = true, rot = false, biasFlag = false;
  let temperature: TempCompute | null = null;
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
    } else if (w === 'temp') temperature = findTempCompute(e, v, 'velocity temp');
    else if (w === 'bias') biasFlag = yesno(v, 'velocity bias');
    else if (w === 'rigid') fail(`velocity: keyword '${w}' is not supported by lmpv`);
    else fail(`velocity: keyword '${w}' is not understood`);
  }
  const n = s.nlocal;
  const v = s.v;
  const dim = s.dimension;
  if (style === 'create') {
    const tDesired = numeric(sargs[0], 'velocity create T');
    const seed = inumeric(sargs[1], 'velocity create seed');
    if (seed <= 0) fail('velocity create: seed must be > 0');
    const hold = sum ? v.slice(0, 3 * n) : null;
    // Velocity::create: the measuring compute (a temp of the group when none is named), set up now;
    // with bias, a plain temp of the group measures while the named compute's bias is removed
    let tnobias: TempCompute | null = null;
    if (!temperature || biasFlag) {
      const c = new ComputeTemp('velocity_temp', args[0], []);
      if (!temperature) temperature = c;
      else tnobias = c;
    }
    if (temperature.group !== args[0]) e.warn('Mismatch between velocity and compute groups');
    temperature.setup(e);
    tnobias?.setup(e);
    if (biasFlag) {
      temperature.scalar(e);
      temperature.removeBiasAll(e);
    }
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
    const t = !biasFlag || !tnobias ? temperature.scalar(e) : tnobias.scalar(e);
    rescale(it, bit, t, tDesired);
    if (biasFlag) {
      temperature.reapplyBiasAll(e);
      temperature.restoreBiasAll(e);
    }
    if (hold) for (let i = 0; i < n; i++) if (s.mask[i] & bit) for (let d = 0; d < 3; d++) v[3 * i + d] += hold[3 * i + d];
  } else if (style === 'set') {
    const sc = units === 'lattice' ? lat(it, 'velocity set') : [1, 1, 1];
    const comp = sargs.map((w, d) => (w === 'NULL' ? null : numeric(w, 'velocity set') * sc[d]));
    for (let i = 0; i < n; i++) {
      if (!(s.mask[i] & bit)) continue;
      for (let d = 0; d < 3; d++) {
        const c = comp[d];
        if (c === null) continue;
        v[3 * i + d] = sum ? v[3 * i + d] + c : c;
      }
    }
  } else if (style === 'scale') {
    const tDesired = numeric(sargs[0], 'velocity scale T');
    const temp = temperature ?? new ComputeTemp('velocity_temp', args[0], []);
    if (temp.group !== args[0]) e.warn('Mismatch between velocity and compute groups');
    temp.setup(e);
    const t = temp.scalar(e);
    if (biasFlag) temp.removeBiasAll(e);
    rescale(it, bit, t, tDesired);
    if (biasFlag) temp.restoreBiasAll(e);
  } else if (style === 'zero') {
    if (sargs[0] === 'linear') zeroMomentum(it, bit);
    else if (sargs[0] === 'angular') zeroAngular(it.e, bit);
    else fail(`velocity zero: expected linear or angular, found '${sargs[0]}'`);
  } else ramp(it, bit, sargs, units === 'lattice' ? lat(it, 'velocity ramp') : [1, 1, 1], sum);
}

const DIM: Record<string, number> = { vx: 0, vy: 1, vz: 2, x: 0, y: 1, z: 2 };

/**
 * `velocity group ramp vdim vlo vhi dim clo chi`: v_vdim = vlo + f (vhi - vlo), f the fraction of
 * the atom's coordinate between clo and chi, clamped to [0, 1]; added with `sum yes` (Velocity::ramp).
 */
function ramp(it: CommandContext, bit: number, a: string[], sc: [number, number, number], sum: boolean): void {
  const s = it.e.sys;
  const vdim = DIM[a[0]];
  if (vdim === undefined || a[0][0] !== 'v') fail(`velocity ramp: expected vx, vy or vz, found '${a[0]}'`);
  if (vdim === 2 && s.dimension === 2) fail('velocity ramp in z for a 2d problem');
  const vlo = sc[vdim] * numeric(a[1], 'velocity ramp vlo');
  const vhi = sc[vdim] * numeric(a[2], 'velocity ramp vhi');
  const cdim = DIM[a[3]];
  if (cdim === undefined || a[3][0] === 'v') fail(`velocity ramp: expected x, y or z, found '${a[3]}'`);
  const clo = sc[cdim] * numeric(a[4], 'velocity ramp clo');
  const chi = sc[cdim] * numeric(a[5], 'velocity ramp chi');
  for (let i = 0; i < s.nlocal; i++) {
    if (!(s.mask[i] & bit)) continue;
    let fraction = (s.x[3 * i + cdim] - clo) / (chi - clo);
    fraction = Math.max(fraction, 0.0);
    fraction = Math.min(fraction, 1.0);
    const vramp = vlo + fraction * (vhi - vlo);
    if (sum) s.v[3 * i + vdim] += vramp;
    else s.v[3 * i + vdim] = vramp;
  }
}

function rescale(it: CommandContext, bit: number, tOld: number, tNew: number): void {
  const s = it.e.sys;
  if (tOld === 0.0) fail("velocity: attempting to rescale a 0.0 temperature");
  const factor = Math.sqrt(tNew / tOld);
  for (let i = 0; i < s.nlocal; i++) {
    if (!(s.mask[i] & bit)) continue;
    s.v[3 * i] *= factor;
    s.v[3 * i + 1] *= factor;
    s.v[3 * i + 2] *= factor;
  }
}

function zeroMomentum(it: CommandContext, bit: number): void {
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
