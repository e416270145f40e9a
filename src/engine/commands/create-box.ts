/** `create_box N region-ID` (LAMMPS create_box.cpp): the box from a block or prism region. */
import type { CommandContext } from './context.js';
import { REGION_STYLES } from '../regions/index.js';
import { fail, getRegion, g8 } from './util.js';
import { inumeric } from '../input/args.js';
import { makePair } from './pair.js';

export function createBox(it: CommandContext, args: string[]): void {
  const e = it.e;
  if (e.sys.boxExists) fail('cannot create_box after simulation box is defined');
  if (args.length < 2) fail('create_box: expected N region-ID');
  const n = inumeric(args[0], 'create_box');
  if (n < 1) fail('create_box: number of atom types must be > 0');
  for (let k = 2; k < args.length; k += 2) if (!/^extra\//.test(args[k]) && args[k] !== 'bond/types') fail(`create_box: keyword '${args[k]}' is not understood`);
  const r = getRegion(it, args[1]);
  if (!REGION_STYLES.get(r.style)?.boxShape) fail('create_box: region must be a block or prism');
  if (e.sys.dimension === 2) {
    if (!e.sys.periodic(2)) fail('cannot run 2d simulation with nonperiodic Z dimension');
    if (r.lo[2] >= 0 || r.hi[2] <= 0) fail('2d simulation box must straddle z = 0');
    if (r.style === 'prism' && (r.tilt[1] !== 0 || r.tilt[2] !== 0)) fail('cannot use xz or yz tilt in a 2d simulation');
  }
  const tri = r.style === 'prism';
  e.sys.setBox(r.lo, r.hi, tri, [r.tilt[0], r.tilt[1], r.tilt[2]]);
  e.sys.setNtypes(n);
  if (e.pendingPairArgs) makePair(it, e.pendingPairArgs);
  const b = e.sys.box;
  if (tri) it.print(`Created triclinic box = (${g8(b.lo[0])} ${g8(b.lo[1])} ${g8(b.lo[2])}) to (${g8(b.hi[0])} ${g8(b.hi[1])} ${g8(b.hi[2])}) with tilt (${g8(r.tilt[0])} ${g8(r.tilt[1])} ${g8(r.tilt[2])})\n`);
  else it.print(`Created orthogonal box = (${g8(b.lo[0])} ${g8(b.lo[1])} ${g8(b.lo[2])}) to (${g8(b.hi[0])} ${g8(b.hi[1])} ${g8(b.hi[2])})\n`);
  it.print('  1 by 1 by 1 MPI processor grid\n');
}
