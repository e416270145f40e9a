/**
 * LAMMPS unit styles and their constants (update.cpp `set_units` of LAMMPS 29 Sep 2021), the only
 * place where units are converted (STYLE.md §5). Names follow LAMMPS's `force->` members.
 */
export type UnitStyle = 'lj' | 'real' | 'metal';

export interface UnitConstants {
  style: UnitStyle;
  /** Boltzmann constant [energy/temperature]. */
  boltz: number;
  /** mass*velocity^2 -> energy. */
  mvv2e: number;
  /** force/mass*time -> velocity. */
  ftm2v: number;
  /** mass/volume -> density (g/cm^3 for real and metal). */
  mv2d: number;
  /** pressure conversion: (energy/volume) -> pressure units. */
  nktv2p: number;
  /** q^2/r -> energy (Coulomb constant). */
  qqr2e: number;
  /** q*E -> force. */
  qe2f: number;
  /** default timestep [time]. */
  dt: number;
  /** default neighbour skin [distance]. */
  skin: number;
}

export const UNITS: Record<UnitStyle, UnitConstants> = {
  lj: { style: 'lj', boltz: 1, mvv2e: 1, ftm2v: 1, mv2d: 1, nktv2p: 1, qqr2e: 1, qe2f: 1, dt: 0.005, skin: 0.3 },
  real: {
    style: 'real',
    boltz: 0.0019872067,
    mvv2e: 48.88821291 * 48.88821291,
    ftm2v: 1.0 / 48.88821291 / 48.88821291,
    mv2d: 1.0 / 0.602214129,
    nktv2p: 68568.415,
    qqr2e: 332.06371,
    qe2f: 23.060549,
    dt: 1.0,
    skin: 2.0,
  },
  metal: {
    style: 'metal',
    boltz: 8.617343e-5,
    mvv2e: 1.0364269e-4,
    ftm2v: 1.0 / 1.0364269e-4,
    mv2d: 1.0 / 0.602214129,
    nktv2p: 1.6021765e6,
    qqr2e: 14.399645,
    qe2f: 1.0,
    dt: 0.001,
    skin: 2.0,
  },
};

export function unitConstants(style: string): UnitConstants {
  const u = (UNITS as Record<string, UnitConstants>)[style];
  if (!u) throw new Error(`unit style '${style}' is not supported (lj, real, metal)`);
  return u;
}

/**
 * Femtoseconds per time unit of a unit style (LAMMPS `units` doc page: real time is fs, metal
 * time is ps); undefined for lj, whose time unit tau is reduced and has no physical value.
 */
export const FEMTOSECONDS_PER_TIME_UNIT: Record<UnitStyle, number | undefined> = { lj: undefined, real: 1, metal: 1000 };

/** A time in femtoseconds in the time unit of `style` (real: fs, metal: ps); throws for lj. */
export function femtosecondsToTimeUnit(style: UnitStyle, fs: number): number {
  const f = FEMTOSECONDS_PER_TIME_UNIT[style];
  if (f === undefined) throw new Error(`units ${style}: time is reduced (tau), not convertible from fs`);
  return fs / f;
}

/** Names of the energy, time, distance and force units of each style (LAMMPS `units` doc page). */
export const UNIT_NAMES: Record<UnitStyle, { energy: string; time: string; distance: string; force: string }> = {
  lj: { energy: 'epsilon', time: 'tau', distance: 'sigma', force: 'epsilon/sigma' },
  real: { energy: 'kcal/mol', time: 'fs', distance: 'Angstrom', force: 'kcal/mol-Angstrom' },
  metal: { energy: 'eV', time: 'ps', distance: 'Angstrom', force: 'eV/Angstrom' },
};
