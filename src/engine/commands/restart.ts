/**
 * `write_restart FILE` and `read_restart FILE` with LAMMPS's semantics (write_restart.cpp,
 * read_restart.cpp): the state needed to continue a run where it stopped, i.e. units, atom style,
 * boundaries, box, atoms with image flags, velocities and charges, the timestep number and size,
 * and the global state of every fix that keeps one (Fix.writeRestart: fix nvt's Nose-Hoover chain).
 * A fix defined again after read_restart with the same ID and style gets its state back
 * (commands/fix.ts). As in LAMMPS, pair styles, fixes and computes are defined again by the script.
 *
 * lmpv's restart is not LAMMPS's binary format: FILE is a LAMMPS data file written by write_data
 * (every value round-trips exactly) and FILE.lmpv.json the rest. The sidecar is written last and
 * atomically, so a restart whose sidecar exists is complete. lmpv reads only its own restarts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../../io/atomic-write.js';
import type { CommandContext } from './context.js';
import { fail, needBox } from './util.js';
import { readData, writeData } from './read-write-data.js';
import { atomStyleCmd, boundaryCmd, unitsCmd } from './settings.js';

export const RESTART_SIDECAR = '.lmpv.json';
const FORMAT = 'lmpv-restart 1';

interface RestartSidecar {
  format: string;
  timestep: number;
  dt: number;
  units: string;
  atomStyle: string;
  boundary: string[];
  fixes: Array<{ id: string; style: string; state: number[] }>;
}

export function writeRestartCmd(it: CommandContext, a: string[]): void {
  const e = it.e;
  needBox(it, 'write_restart');
  if (a.length !== 1) fail('write_restart: expected one file name (keywords are not supported by lmpv)');
  if (a[0].includes('*')) fail('write_restart: wildcard file names are not supported by lmpv; give the step in the name');
  writeData(it, [a[0], 'nocoeff']); // pair coefficients are defined again after read_restart, as in LAMMPS
  const side: RestartSidecar = {
    format: FORMAT,
    timestep: e.ntimestep,
    dt: e.dt,
    units: e.sys.unitStyle,
    atomStyle: e.sys.atomStyle,
    boundary: e.sys.boundary.map((b) => (b[0] === b[1] ? b[0] : b[0] + b[1])),
    fixes: e.fixes.filter((f) => f.writeRestart).map((f) => ({ id: f.id, style: f.style, state: f.writeRestart!() })),
  };
  writeFileAtomicSync(it.resolvePath(a[0]) + RESTART_SIDECAR, JSON.stringify(side));
}

export function readRestartCmd(it: CommandContext, a: string[]): void {
  const e = it.e;
  if (a.length !== 1) fail('read_restart: expected one file name');
  if (e.sys.boxExists) fail('read_restart: cannot read_restart after simulation box is defined');
  const path = it.resolvePath(a[0]);
  const sidePath = path + RESTART_SIDECAR;
  if (!existsSync(path)) fail(`read_restart: cannot open restart file ${a[0]}`);
  if (!existsSync(sidePath)) fail(`read_restart: ${a[0]} is not a complete lmpv restart (no ${a[0]}${RESTART_SIDECAR} beside it; lmpv does not read LAMMPS's binary restarts)`);
  let side: RestartSidecar;
  try {
    side = JSON.parse(readFileSync(sidePath, 'utf8')) as RestartSidecar;
  } catch (err) {
    fail(`read_restart: ${a[0]}${RESTART_SIDECAR}: not valid JSON (${(err as Error).message})`);
  }
  if (side.format !== FORMAT) fail(`read_restart: ${a[0]}${RESTART_SIDECAR}: expected format '${FORMAT}', found '${String(side.format)}'`);
  unitsCmd(it, [side.units]);
  atomStyleCmd(it, [side.atomStyle]);
  boundaryCmd(it, side.boundary);
  readData(it, [a[0]]);
  e.ntimestep = side.timestep;
  // as LAMMPS 29Sep2021 does after read_restart, elapsed time (thermo `time`) counts from the restart step
  e.atimestep = side.timestep;
  e.atime = 0;
  e.dt = side.dt;
  e.dtSet = true;
  e.restartFixes.clear();
  for (const f of side.fixes) e.restartFixes.set(f.id, { style: f.style, state: f.state });
}
