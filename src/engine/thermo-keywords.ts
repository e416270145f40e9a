/**
 * Thermo keywords, the one list (LAMMPS thermo.cpp's keyword table and its doc page): the column
 * name LAMMPS prints, the integer/float kind that picks the default format, whether the value is
 * extensive (divided by N with `thermo_modify norm yes`), whether it needs the energies/virial of
 * the current atoms, whether it is a timing value (differs run to run), and whether it may be
 * evaluated before the box exists. Pure data: the engine's values are in thermo.ts.
 */
export type ThermoKind = 'int' | 'bigint' | 'float';

export interface ThermoKeyword {
  column: string;
  kind: ThermoKind;
  extensive?: boolean;
  needsForces?: boolean;
  timing?: boolean;
  beforeBox?: boolean;
}

export const THERMO_KEYWORDS = {
  step: { column: 'Step', kind: 'bigint', beforeBox: true },
  elapsed: { column: 'Elapsed', kind: 'bigint', beforeBox: true },
  elaplong: { column: 'Elaplong', kind: 'bigint', beforeBox: true },
  dt: { column: 'Dt', kind: 'float', beforeBox: true },
  time: { column: 'Time', kind: 'float', beforeBox: true },
  cpu: { column: 'CPU', kind: 'float', timing: true },
  tpcpu: { column: 'T/CPU', kind: 'float', timing: true },
  spcpu: { column: 'S/CPU', kind: 'float', timing: true },
  cpuremain: { column: 'CPULeft', kind: 'float', timing: true },
  part: { column: 'Part', kind: 'int' },
  timeremain: { column: 'TimeoutLeft', kind: 'float', timing: true },
  atoms: { column: 'Atoms', kind: 'bigint' },
  temp: { column: 'Temp', kind: 'float' },
  press: { column: 'Press', kind: 'float', needsForces: true },
  pe: { column: 'PotEng', kind: 'float', extensive: true, needsForces: true },
  ke: { column: 'KinEng', kind: 'float', extensive: true },
  etotal: { column: 'TotEng', kind: 'float', extensive: true, needsForces: true },
  enthalpy: { column: 'Enthalpy', kind: 'float', extensive: true, needsForces: true },
  evdwl: { column: 'E_vdwl', kind: 'float', extensive: true, needsForces: true },
  ecoul: { column: 'E_coul', kind: 'float', extensive: true, needsForces: true },
  epair: { column: 'E_pair', kind: 'float', extensive: true, needsForces: true },
  ebond: { column: 'E_bond', kind: 'float', extensive: true },
  eangle: { column: 'E_angle', kind: 'float', extensive: true },
  edihed: { column: 'E_dihed', kind: 'float', extensive: true },
  eimp: { column: 'E_impro', kind: 'float', extensive: true },
  emol: { column: 'E_mol', kind: 'float', extensive: true },
  elong: { column: 'E_long', kind: 'float', extensive: true },
  etail: { column: 'E_tail', kind: 'float', extensive: true },
  vol: { column: 'Volume', kind: 'float' },
  density: { column: 'Density', kind: 'float' },
  lx: { column: 'Lx', kind: 'float' },
  ly: { column: 'Ly', kind: 'float' },
  lz: { column: 'Lz', kind: 'float' },
  xlo: { column: 'Xlo', kind: 'float' },
  xhi: { column: 'Xhi', kind: 'float' },
  ylo: { column: 'Ylo', kind: 'float' },
  yhi: { column: 'Yhi', kind: 'float' },
  zlo: { column: 'Zlo', kind: 'float' },
  zhi: { column: 'Zhi', kind: 'float' },
  xy: { column: 'Xy', kind: 'float' },
  xz: { column: 'Xz', kind: 'float' },
  yz: { column: 'Yz', kind: 'float' },
  xlat: { column: 'Xlat', kind: 'float' },
  ylat: { column: 'Ylat', kind: 'float' },
  zlat: { column: 'Zlat', kind: 'float' },
  pxx: { column: 'Pxx', kind: 'float', needsForces: true },
  pyy: { column: 'Pyy', kind: 'float', needsForces: true },
  pzz: { column: 'Pzz', kind: 'float', needsForces: true },
  pxy: { column: 'Pxy', kind: 'float', needsForces: true },
  pxz: { column: 'Pxz', kind: 'float', needsForces: true },
  pyz: { column: 'Pyz', kind: 'float', needsForces: true },
  fmax: { column: 'Fmax', kind: 'float', needsForces: true },
  fnorm: { column: 'Fnorm', kind: 'float', needsForces: true },
  nbuild: { column: 'Nbuild', kind: 'bigint' },
  ndanger: { column: 'Ndanger', kind: 'bigint' },
} as const satisfies Record<string, ThermoKeyword>;

export type ThermoKeywordName = keyof typeof THERMO_KEYWORDS;

export function isThermoKeyword(k: string): k is ThermoKeywordName {
  return Object.hasOwn(THERMO_KEYWORDS, k);
}

export function thermoKeyword(k: string): ThermoKeyword | undefined {
  return isThermoKeyword(k) ? THERMO_KEYWORDS[k] : undefined;
}
