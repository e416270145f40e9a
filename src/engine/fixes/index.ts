/**
 * Fix styles: one row per style, name -> factory, as LAMMPS's `FixStyle(nvt,FixNVT)` lines collected
 * into style_fix.h. The `fix` command looks the name up here; adding a fix is its file plus one row.
 */
import { ScriptError } from '../errors.js';
import type { Engine } from '../engine.js';
import type { FixFactory } from './fix.js';
import { FixNVE } from './nve.js';
import { FixNVT } from './nvt.js';
import { FixNVTSllod } from './nvt-sllod.js';
import { FixDeform } from './deform.js';
import { FixLangevin } from './langevin.js';
import { FixTempBerendsen } from './temp-berendsen.js';
import { FixTempRescale } from './temp-rescale.js';
import { FixSetForce } from './setforce.js';
import { FixMomentum } from './momentum.js';
import { FixAveTime } from './ave-time.js';
import { FixEnforce2d } from './enforce2d.js';
import { FixNPT } from './npt.js';
import { FixNVELimit } from './nve-limit.js';
import { FixWallReflect } from './wall-reflect.js';
import { FixAddForce } from './addforce.js';
import { FixQeqReaxff } from './qeq-reaxff.js';
import { FixQeqShielded } from './qeq-shielded.js';
import { FixReaxffBonds } from './reaxff-bonds.js';
import { FixReaxffSpecies } from './reaxff-species.js';
import { FixIndent } from './indent.js';
import { FixAveForce } from './aveforce.js';
import { FixDeposit } from './deposit.js';
import { FixBoxRelax } from './box-relax.js';

export type { Fix, FixFactory } from './fix.js';

export const FIX_STYLES = new Map<string, FixFactory<Engine>>([
  [
    'nve',
    (id, group, args) => {
      if (args.length) throw new ScriptError(`fix nve: unexpected argument '${args[0]}'`);
      return new FixNVE(id, group);
    },
  ],
  ['nvt', (id, group, args, e) => new FixNVT(id, group, args, e)],
  ['nvt/sllod', (id, group, args, e) => new FixNVTSllod(id, group, args, e)],
  ['deform', (id, group, args, e) => new FixDeform(id, group, args, e)],
  ['langevin', (id, group, args) => new FixLangevin(id, group, args)],
  ['temp/berendsen', (id, group, args, e) => new FixTempBerendsen(id, group, args, e)],
  ['temp/rescale', (id, group, args, e) => new FixTempRescale(id, group, args, e)],
  ['setforce', (id, group, args) => new FixSetForce(id, group, args)],
  ['momentum', (id, group, args) => new FixMomentum(id, group, args)],
  ['ave/time', (id, group, args, e) => new FixAveTime(id, group, args, e.resolvePath)],
  ['enforce2d', (id, group, args) => new FixEnforce2d(id, group, args)],
  ['npt', (id, group, args) => new FixNPT(id, group, args)],
  ['nph', (id, group, args) => new FixNPT(id, group, args, true)],
  ['nve/limit', (id, group, args) => new FixNVELimit(id, group, args)],
  ['wall/reflect', (id, group, args) => new FixWallReflect(id, group, args)],
  ['addforce', (id, group, args, e) => new FixAddForce(id, group, args, e)],
  ['qeq/reaxff', (id, group, args, e) => new FixQeqReaxff(id, group, args, e)],
  ['qeq/shielded', (id, group, args, e) => new FixQeqShielded(id, group, args, e)],
  ['reaxff/bonds', (id, group, args, e) => new FixReaxffBonds(id, group, args, e)],
  ['reaxff/species', (id, group, args, e) => new FixReaxffSpecies(id, group, args, e)],
  ['indent', (id, group, args, e) => new FixIndent(id, group, args, e)],
  ['aveforce', (id, group, args, e) => new FixAveForce(id, group, args, e)],
  ['deposit', (id, group, args, e) => new FixDeposit(id, group, args, e)],
  ['box/relax', (id, group, args, e) => new FixBoxRelax(id, group, args, e)],
]);

/**
 * Fix styles of LAMMPS that lmpv knowingly does not implement, with what they are: the `fix`
 * command refuses them by name (file, line, "not implemented in lmpv; use --engine lammps")
 * instead of listing every style it knows.
 */
export const FIX_REFUSED = new Map<string, string>([
  // LAMMPS src/REAXFF/fix_acks2_reaxff.cpp (docs fix_acks2_reaxff.html; Verstraelen et al., J. Chem. Phys. 138, 074108 (2013))
  ['acks2/reaxff', 'ACKS2 charge equilibration with pair reaxff'],
  ['acks2/reax', 'ACKS2 charge equilibration with pair reaxff'],
]);
