/** `delete_atoms group|region|overlap ...` and `reset_atom_ids` (LAMMPS delete_atoms.cpp, reset_atom_ids.cpp). */
import type { CommandContext } from './context.js';
import { NeighborListBuffer, buildNeighborList } from '../neighbor/neighbor-list.js';
import { fail, needBox, getRegion } from './util.js';
import { numeric, yesno } from '../input/args.js';

/** `delete_atoms group ID | region ID | overlap CUT G1 G2 [compress yes|no]` (LAMMPS delete_atoms.cpp). */
export function deleteAtoms(it: CommandContext, args: string[]): void {
  const e = it.e;
  const s = e.sys;
  needBox(it, 'delete_atoms');
  if (args.length < 2) fail('delete_atoms: expected STYLE args');
  const style = args[0];
  const nargs = style === 'group' || style === 'region' ? 2 : style === 'overlap' ? 4 : -1;
  if (nargs < 0) fail(`delete_atoms: style '${style}' is not supported by lmpv (group, region, overlap)`);
  let compress = true;
  for (let k = nargs; k < args.length; k += 2) {
    if (args[k] === 'compress') compress = yesno(args[k + 1], 'delete_atoms compress');
    else if (args[k] === 'bond' || args[k] === 'mol') yesno(args[k + 1], `delete_atoms ${args[k]}`);
    else fail(`delete_atoms: keyword '${args[k]}' is not understood`);
  }
  e.forcesValid = false;
  const n = s.nlocal;
  const dlist = new Uint8Array(n);
  if (style === 'group') {
    const bit = e.groupBit(args[1]);
    for (let i = 0; i < n; i++) if (s.mask[i] & bit) dlist[i] = 1;
  } else if (style === 'region') {
    const r = getRegion(it, args[1]);
    for (let i = 0; i < n; i++) if (r.match(s.x[3 * i], s.x[3 * i + 1], s.x[3 * i + 2])) dlist[i] = 1;
  } else {
    const cut = numeric(args[1], 'delete_atoms overlap cutoff');
    const g1 = e.groupBit(args[2]);
    const g2 = e.groupBit(args[3]);
    it.print('System init for delete_atoms ...\n');
    if (!e.pair) fail('delete_atoms requires a pair style be defined');
    e.initRun();
    if (cut > e.cutforce() + e.skin) fail('delete_atoms cutoff > max neighbor cutoff');
    e.reneighbor(false);
    const list = new NeighborListBuffer();
    buildNeighborList(list, 'full', e.ghosts, e.cutforce() + e.skin);
    const cutsq = cut * cut;
    const x = e.ghosts.x, tag = e.ghosts.tag, owner = e.ghosts.owner;
    const mask = (j: number) => s.mask[owner[j]];
    for (let i = 0; i < n; i++) {
      for (let jj = list.offsets[i]; jj < list.offsets[i + 1]; jj++) {
        const j = list.neighbors[jj];
        let dx: number, dy: number, dz: number;
        if (tag[i] < tag[j]) {
          dx = x[3 * i] - x[3 * j];
          dy = x[3 * i + 1] - x[3 * j + 1];
          dz = x[3 * i + 2] - x[3 * j + 2];
        } else {
          dx = x[3 * j] - x[3 * i];
          dy = x[3 * j + 1] - x[3 * i + 1];
          dz = x[3 * j + 2] - x[3 * i + 2];
        }
        if (dx * dx + dy * dy + dz * dz >= cutsq) continue;
        if (!(s.mask[i] & g1)) continue;
        if (!(mask(j) & g2)) continue;
        if (j < n) {
          if (dlist[j]) continue;
        } else if (s.mask[i] & g2 && mask(j) & g1) {
          if (tag[i] > tag[j]) continue;
        }
        dlist[i] = 1;
        break;
      }
    }
  }
  // LAMMPS deletes by moving the last atom into the hole (the local order changes accordingly)
  let nl = n;
  let i = 0;
  const move = (from: number, to: number) => {
    for (let k = 0; k < 3; k++) {
      s.x[3 * to + k] = s.x[3 * from + k];
      s.v[3 * to + k] = s.v[3 * from + k];
      s.f[3 * to + k] = s.f[3 * from + k];
      s.image[3 * to + k] = s.image[3 * from + k];
    }
    s.tag[to] = s.tag[from];
    s.type[to] = s.type[from];
    s.mask[to] = s.mask[from];
    s.q[to] = s.q[from];
  };
  while (i < nl) {
    if (dlist[i]) {
      move(nl - 1, i);
      dlist[i] = dlist[nl - 1];
      nl--;
    } else i++;
  }
  s.nlocal = s.nall = nl;
  for (let k = 0; k < nl; k++) s.owner[k] = k;
  if (compress) {
    for (let k = 0; k < nl; k++) s.tag[k] = 0;
    s.tagExtend();
  }
  it.print(`Deleted ${n - nl} atoms, new total = ${nl}\n`);
}

export function resetAtomIdsCmd(it: CommandContext, a: string[]): void {
  needBox(it, 'reset_atom_ids');
  if (a.length === 2 && a[0] === 'sort' && a[1] === 'yes') fail('reset_atom_ids sort yes is not supported by lmpv');
  if (a.length && !(a.length === 2 && a[0] === 'sort' && a[1] === 'no')) fail(`reset_atom_ids: unexpected '${a.join(' ')}'`);
  const s = it.e.sys;
  for (let k = 0; k < s.nlocal; k++) s.tag[k] = 0;
  s.tagExtend();
}
