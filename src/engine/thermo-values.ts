/**
 * The engine's value of each thermo keyword (LAMMPS Thermo::compute_<keyword>) and of c_ / f_ / v_
 * references, as thermo output, fix ave/time, dumps and variables read them.
 */
import { performance } from 'node:perf_hooks';
import type { Engine } from './engine.js';
import { ScriptError } from './errors.js';
import { computeValue, findCompute, findTempCompute } from './computes/lookup.js';
import { thermoKeyword, type ThermoKeywordName } from './thermo-keywords.js';

const unsupported = (k: string) => (): number => {
  throw new ScriptError(`thermo keyword '${k}' is not supported by lmpv`);
};

/** The thermo temperature compute (thermo_temp, or the one `thermo_modify temp` named). */
const thermoT = (e: Engine) => findTempCompute(e, e.thermo.tempId, 'thermo');
/** The thermo pressure compute (thermo_press, or the one `thermo_modify press` named). */
const thermoP = (e: Engine) => {
  const c = findCompute(e, e.thermo.pressId);
  if (!c.scalar || !c.vector) throw new ScriptError(`thermo: compute '${e.thermo.pressId}' does not compute pressure`);
  return c;
};
/** KE as Thermo::compute_ke: T * 0.5 dof kB of the thermo temperature compute. */
function thermoKe(e: Engine): number {
  const t = thermoT(e);
  const T = t.scalar(e);
  return T * (0.5 * t.dof * e.boltz);
}

/** The engine's value of each thermo keyword (LAMMPS Thermo::compute_<keyword>); the compiler checks every keyword has one. */
const VALUES: Record<ThermoKeywordName, (e: Engine) => number> = {
  step: (e) => e.ntimestep,
  elapsed: (e) => e.ntimestep - e.firststep,
  elaplong: (e) => e.ntimestep - e.beginstep,
  dt: (e) => e.dt,
  time: (e) => e.atime + (e.ntimestep - e.atimestep) * e.dt,
  cpu: (e) => (e.runStart ? (performance.now() - e.runStart) / 1000 : 0),
  tpcpu: unsupported('tpcpu'),
  spcpu: unsupported('spcpu'),
  cpuremain: unsupported('cpuremain'),
  part: unsupported('part'),
  timeremain: unsupported('timeremain'),
  atoms: (e) => e.sys.nlocal,
  temp: (e) => thermoT(e).scalar(e),
  press: (e) => thermoP(e).scalar!(e),
  pe: (e) => e.potentialEnergy(),
  ke: (e) => thermoKe(e),
  etotal: (e) => e.potentialEnergy() + thermoKe(e),
  enthalpy: (e) => e.potentialEnergy() + thermoKe(e) + (thermoP(e).scalar!(e) * e.volume()) / e.sys.units.nktv2p,
  evdwl: (e) => e.evdwl,
  ecoul: (e) => e.ecoul,
  epair: (e) => e.energy,
  ebond: () => 0,
  eangle: () => 0,
  edihed: () => 0,
  eimp: () => 0,
  emol: () => 0,
  elong: () => 0,
  etail: () => 0,
  vol: (e) => e.volume(),
  density: (e) => {
    const s = e.sys;
    let m = 0;
    for (let i = 0; i < s.nlocal; i++) m += s.mass[s.type[i]];
    return (m / e.volume()) * s.units.mv2d;
  },
  lx: (e) => e.sys.box.prd[0],
  ly: (e) => e.sys.box.prd[1],
  lz: (e) => e.sys.box.prd[2],
  xlo: (e) => e.sys.box.lo[0],
  xhi: (e) => e.sys.box.hi[0],
  ylo: (e) => e.sys.box.lo[1],
  yhi: (e) => e.sys.box.hi[1],
  zlo: (e) => e.sys.box.lo[2],
  zhi: (e) => e.sys.box.hi[2],
  xy: (e) => e.sys.box.h[5],
  xz: (e) => e.sys.box.h[4],
  yz: (e) => e.sys.box.h[3],
  xlat: (e) => e.lattice?.xlattice ?? 1,
  ylat: (e) => e.lattice?.ylattice ?? 1,
  zlat: (e) => e.lattice?.zlattice ?? 1,
  pxx: (e) => thermoP(e).vector!(e, 1),
  pyy: (e) => thermoP(e).vector!(e, 2),
  pzz: (e) => thermoP(e).vector!(e, 3),
  pxy: (e) => thermoP(e).vector!(e, 4),
  pxz: (e) => thermoP(e).vector!(e, 5),
  pyz: (e) => thermoP(e).vector!(e, 6),
  fmax: (e) => {
    const s = e.sys;
    let m = 0;
    for (let i = 0; i < 3 * s.nlocal; i++) m = Math.max(m, Math.abs(s.f[i]));
    return m;
  },
  fnorm: (e) => {
    const s = e.sys;
    let m = 0;
    for (let i = 0; i < 3 * s.nlocal; i++) m += s.f[i] * s.f[i];
    return Math.sqrt(m);
  },
  nbuild: (e) => e.policy.ncalls,
  ndanger: (e) => e.policy.ndanger,
};

/** Value of a thermo keyword or c_ID[i] / f_ID[i] / v_name reference, and whether it is extensive. */
export function thermoValue(e: Engine, key: string): { v: number; extensive: boolean } {
  const kw = thermoKeyword(key);
  if (kw) {
    if (kw.needsForces && !e.forcesValid)
      throw new ScriptError(`energy/virial for '${key}' was not computed for the current atoms (LAMMPS: "Energy was not tallied on needed timestep"); use 'run 0' first`);
    return { v: VALUES[key as ThermoKeywordName](e), extensive: kw.extensive ?? false };
  }
  const m = /^([cfv])_([^[\]]+)(?:\[(\d+)\])?$/.exec(key);
  if (!m) throw new ScriptError(`unknown thermo keyword '${key}'`);
  const [, kind, id, idx] = m;
  if (kind === 'v') return { v: e.vars.equal(id), extensive: false };
  if (kind === 'c') return computeValue(e, id, idx === undefined ? undefined : Number(idx));
  const fix = e.fixes.find((f) => f.id === id);
  if (!fix) throw new ScriptError(`could not find thermo fix ID '${id}'`);
  if (idx !== undefined) {
    if (!fix.vector) throw new ScriptError(`fix ${id} does not compute a vector`);
    return { v: fix.vector(e, Number(idx)), extensive: fix.extensive?.(Number(idx)) ?? true };
  }
  if (!fix.scalar) throw new ScriptError(`fix ${id} does not compute a scalar`);
  return { v: fix.scalar(e), extensive: fix.extensive?.(0) ?? true };
}
