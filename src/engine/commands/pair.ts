/** `pair_style`, `pair_coeff`, `pair_modify`: pair styles come only from PAIR_STYLES (potentials/registry.ts). */
import type { CommandContext } from './context.js';
import { PAIR_STYLES } from '../potentials/registry.js';
import { fail } from './util.js';
import { yesno, labelType } from '../input/args.js';
import { resolvePotential } from '../../io/potentials-path.js';

export function pairStyle(it: CommandContext, args: string[]): void {
  const e = it.e;
  if (args.length < 1) fail('pair_style: expected a style');
  if (args[0] === 'none') {
    e.pair = null;
    e.pendingPairArgs = null;
    return;
  }
  const f = PAIR_STYLES.get(args[0]);
  if (!f) fail(`pair style '${args[0]}' is not supported by lmpv (${[...PAIR_STYLES.keys()].join(', ')})`);
  e.pairStyle = args[0];
  e.forcesValid = false;
  if (!e.sys.boxExists) {
    // LAMMPS allows pair_style before the box; the style is made once the number of types is known
    e.pendingPairArgs = args;
    e.pair = null;
    return;
  }
  makePair(it, args);
}

/** Instantiate a pair style (after the box and its number of atom types exist). */
export function makePair(it: CommandContext, args: string[]): void {
  const e = it.e;
  const f = PAIR_STYLES.get(args[0])!;
  e.pendingPairArgs = null;
  e.pair = f.create(args.slice(1), {
    units: e.sys.unitStyle,
    ntypes: e.sys.ntypes,
    resolvePotentialFile: (name) => resolvePotential(name, { inputDir: it.resolvePath('.') }),
    where: () => ({ file: it.currentFile, line: it.currentLine }),
  });
  e.pair.modify?.(e.pairModify);
}

export function pairCoeff(it: CommandContext, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  if (!e.sys.boxExists) fail('pair_coeff command before simulation box is defined');
  if (!e.pair) fail('pair_coeff command before pair_style is defined');
  // type labels in the two type words become numbers here, so every pair style takes them
  // (LAMMPS 2025 input.cpp pair_coeff: utils::expand_type on arg[0] and arg[1])
  const words = args.slice();
  for (let k = 0; k < 2 && k < words.length; k++) {
    const t = labelType(words[k], e.sys.typeLabels, 'pair_coeff');
    if (t !== null) words[k] = String(t);
  }
  e.pair.coeff(words);
  // styles such as meam set the masses of the types they map (LAMMPS: PairMEAM::coeff)
  const tm = e.pair.typeMass;
  if (tm) {
    for (let t = 1; t <= e.sys.ntypes && t <= tm.length; t++) {
      if (tm[t - 1] === tm[t - 1]) { e.sys.mass[t] = tm[t - 1]; e.sys.massSet[t] = 1; }
    }
  }
}

export function pairModify(it: CommandContext, args: string[]): void {
  const e = it.e;
  e.forcesValid = false;
  for (let k = 0; k < args.length; k += 2) {
    const w = args[k], v = args[k + 1];
    if (w === 'shift') e.pairModify.shift = yesno(v, 'pair_modify shift');
    else if (w === 'mix') {
      if (v !== 'geometric' && v !== 'arithmetic' && v !== 'sixthpower') fail(`pair_modify mix: expected geometric, arithmetic or sixthpower, found '${v}'`);
      e.pairModify.mix = v;
    } else if (w === 'tail') {
      if (yesno(v, 'pair_modify tail')) fail('pair_modify tail yes is not supported by lmpv');
    } else if (w === 'table' || w === 'table/disp') {
      // bits of the long-range Coulomb / dispersion lookup tables (LAMMPS pair.cpp modify_params,
      // ncoultablebits): only */coul/long and */long styles tabulate, and lmpv has none of them, so
      // the value is checked and has no effect on any pair style lmpv runs
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 32) fail(`pair_modify ${w}: expected an integer number of bits 0..32, found '${v ?? '(nothing)'}'`);
    } else fail(`pair_modify: keyword '${w}' is not supported by lmpv`);
  }
  e.pair?.modify?.(e.pairModify);
}
