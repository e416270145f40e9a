/**
 * The command table: LAMMPS command name -> handler(context, args), one row per command; the
 * handlers live one file per command or small family. Handlers throw ScriptError with a message
 * naming the word not understood; the interpreter adds the script file and line.
 */
import type { Handler } from './context.js';
import { unitsCmd, atomStyleCmd, atomModifyCmd, boundaryCmd, dimensionCmd, newtonCmd, processorsCmd } from './settings.js';
import { latticeCmd } from './lattice.js';
import { regionCmd } from './region.js';
import { createBox } from './create-box.js';
import { createAtoms } from './create-atoms.js';
import { readData, writeData } from './read-write-data.js';
import { massCmd } from './mass.js';
import { labelmapCmd } from './labelmap.js';
import { groupCmd } from './group.js';
import { setCmd } from './set.js';
import { velocityCmd } from './velocity.js';
import { displaceAtoms } from './displace-atoms.js';
import { pairStyle, pairCoeff, pairModify } from './pair.js';
import { neighborCmd, neighModifyCmd } from './neighbor.js';
import { timestepCmd, resetTimestepCmd } from './timestep.js';
import { fixCmd, unfixCmd, fixModifyCmd } from './fix.js';
import { computeCmd, uncomputeCmd, computeModifyCmd } from './compute.js';
import { thermoCmd, thermoStyleCmd, thermoModifyCmd } from './thermo.js';
import { dumpCmd, dumpModifyCmd, undumpCmd, writeDumpCmd } from './dump.js';
import { runCmd, minimizeCmd, minStyleCmd, minModifyCmd } from './run-minimize.js';
import { deleteAtoms, resetAtomIdsCmd } from './delete-atoms.js';
import { clearCmd } from './clear.js';
import { readRestartCmd, writeRestartCmd } from './restart.js';

export type { CommandContext, Handler } from './context.js';

export const COMMANDS = new Map<string, Handler>([
  ['units', unitsCmd],
  ['atom_style', atomStyleCmd],
  ['atom_modify', atomModifyCmd],
  ['boundary', boundaryCmd],
  ['dimension', dimensionCmd],
  ['newton', newtonCmd],
  ['processors', processorsCmd],
  ['lattice', latticeCmd],
  ['region', regionCmd],
  ['create_box', createBox],
  ['create_atoms', createAtoms],
  ['read_data', readData],
  ['write_data', writeData],
  ['mass', massCmd],
  ['labelmap', labelmapCmd],
  ['group', groupCmd],
  ['set', setCmd],
  ['velocity', velocityCmd],
  ['displace_atoms', displaceAtoms],
  ['pair_style', pairStyle],
  ['pair_coeff', pairCoeff],
  ['pair_modify', pairModify],
  ['neighbor', neighborCmd],
  ['neigh_modify', neighModifyCmd],
  ['timestep', timestepCmd],
  ['reset_timestep', resetTimestepCmd],
  ['fix', fixCmd],
  ['unfix', unfixCmd],
  ['fix_modify', fixModifyCmd],
  ['compute', computeCmd],
  ['uncompute', uncomputeCmd],
  ['compute_modify', computeModifyCmd],
  ['thermo', thermoCmd],
  ['thermo_style', thermoStyleCmd],
  ['thermo_modify', thermoModifyCmd],
  ['dump', dumpCmd],
  ['dump_modify', dumpModifyCmd],
  ['undump', undumpCmd],
  ['run', runCmd],
  ['delete_atoms', deleteAtoms],
  ['reset_atom_ids', resetAtomIdsCmd],
  ['minimize', minimizeCmd],
  ['min_style', minStyleCmd],
  ['min_modify', minModifyCmd],
  ['clear', clearCmd],
  ['write_dump', writeDumpCmd],
  ['write_restart', writeRestartCmd],
  ['read_restart', readRestartCmd],
]);
