/**
 * `labelmap atom N label ... | clear` (LAMMPS >= 2023, label_map.cpp LabelMap::modify_lmap): names
 * atom types so that commands can take `Li` wherever they take a type (input/args.ts typeArg).
 * The map lives in System.typeLabels; read_data's `Atom Type Labels` sets it, write_data writes it.
 * lmpv has no bonds, angles, ... so only the `atom` kind is accepted.
 */
import type { CommandContext } from './context.js';
import { fail, needBox } from './util.js';
import { inumeric, isTypeLabel } from '../input/args.js';

export function labelmapCmd(it: CommandContext, a: string[]): void {
  needBox(it, 'labelmap');
  const s = it.e.sys;
  if (a.length === 0) fail('labelmap: expected atom TYPE LABEL ... or clear');
  if (a[0] === 'clear') {
    if (a.length > 1) fail(`labelmap clear: unexpected argument '${a[1]}'`);
    s.typeLabels = null;
    return;
  }
  if (a[0] !== 'atom') fail(`labelmap: kind '${a[0]}' is not supported by lmpv (atom, clear)`);
  if (a.length < 3 || (a.length - 1) % 2 !== 0) fail('labelmap atom: expected pairs of TYPE LABEL');
  const labels = s.typeLabels ? s.typeLabels.slice() : new Array<string>(s.ntypes).fill('');
  for (let k = 1; k < a.length; k += 2) {
    const t = inumeric(a[k], 'labelmap atom type');
    if (t < 1 || t > s.ntypes) fail(`labelmap atom: invalid atom type ${t} (expected 1..${s.ntypes})`);
    const label = a[k + 1];
    if (!isTypeLabel(label)) fail(`labelmap atom: type label '${label}' for atom type ${t} is invalid (it must not start with a digit, '#' or '*', nor contain spaces)`);
    const other = labels.indexOf(label);
    if (other >= 0 && other !== t - 1) fail(`labelmap atom: the type label '${label}' is already in use for atom type ${other + 1}`);
    labels[t - 1] = label;
  }
  s.typeLabels = labels;
}
