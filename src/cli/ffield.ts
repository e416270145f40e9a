/**
 * `lmpv ffield FILE [--json] [--elements A,B] [--out FILE] [--lgvdw] [--repair]`: read a ReaxFF
 * force field as LAMMPS `pair_style reaxff` does, print a summary or the named parameters
 * (`--json`), and write it again (`--out`, same values bit for bit; with `--elements` a valid
 * smaller file). The file is looked up like a LAMMPS potential (see src/io/potentials-path.ts).
 */
import type { Command } from 'commander';
import { ParseError, UsageError, warningText } from '../io/errors.js';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { resolvePotential } from '../io/potentials-path.js';
import {
  formatReaxffFfield, generalParam, readReaxffFfield, reaxffDefaultNotes, reaxffToJson, subsetReaxffFfield,
} from '../io/reaxff-ffield.js';
import { out } from './util.js';

export function parseElementList(s: string | undefined, flag = '--elements'): string[] | undefined {
  if (s === undefined) return undefined;
  const els = s.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
  if (els.length === 0) throw new UsageError(`${flag} '${s}': expected element names separated by commas, e.g. Li,Na`);
  const dup = els.find((e, i) => els.indexOf(e) !== i);
  if (dup) throw new UsageError(`${flag} '${s}': '${dup}' is given twice`);
  return els;
}

interface FfieldOpts {
  json?: boolean;
  elements?: string;
  out?: string;
  lgvdw?: boolean;
  repair?: boolean;
}

export function register(program: Command): void {
  program
    .command('ffield')
    .description('read a ReaxFF ffield as LAMMPS does; summary, named parameters (--json), rewrite or element subset')
    .argument('<file>', 'ffield file (also searched in $LAMMPS_POTENTIALS, ../shared/potentials, /usr/share/lammps/potentials)')
    .option('--json', 'print the named parameters as JSON')
    .option('--elements <list>', 'keep only these elements (comma separated, e.g. Li or Li,Na)')
    .option('--out <file>', 'write the (subset) ffield; LAMMPS reads it to the same parameters')
    .option('--lgvdw', 'the file has lg-dispersion atom lines (pair_style reaxff ... lgvdw yes)')
    .option('--repair', "accept numbers with a glued '!' comment (LAMMPS >= 2021 rejects them) and write them fixed")
    .action((file: string, o: FfieldOpts) => {
      const path = resolvePotential(file, { inputDir: process.cwd() });
      let full;
      try {
        full = readReaxffFfield(path, { lgvdw: o.lgvdw === true, repairGluedComments: o.repair === true });
      } catch (e) {
        // name the lmpv flag for the two fixes LAMMPS's own message points at
        if (e instanceof ParseError && /lgvdw yes/.test(e.detail)) throw new ParseError(e.file, e.line, `${e.detail}; lmpv: add --lgvdw`);
        if (e instanceof ParseError && /comment glued/.test(e.detail)) throw new ParseError(e.file, e.line, `${e.detail}; lmpv: --repair does that`);
        throw e;
      }
      const els = parseElementList(o.elements);
      const ff = els ? subsetReaxffFfield(full, els) : full;
      for (const w of [...full.warnings, ...(els ? ff.warnings : [])]) process.stderr.write(`lmpv: ${warningText(w)}\n`);
      const text = o.out !== undefined ? formatReaxffFfield(ff) : '';
      if (o.json) out(JSON.stringify({ ...reaxffToJson(ff), defaults: reaxffDefaultNotes(ff) }, null, 1));
      else if (o.out === undefined) {
        const n = (k: 'bonds' | 'offDiagonal' | 'angles' | 'torsions' | 'hbonds'): number => ff[k].rows.length;
        out(`${path}: ReaxFF ffield '${ff.header.text.trim()}'`);
        out(`  ${ff.general.values.length} general parameters (swa ${generalParam(ff, 'swa')}, swb ${generalParam(ff, 'swb')}, bond-order cutoff ${0.01 * generalParam(ff, 'bo_cut_x100')})`);
        out(`  ${ff.atoms.rows.length} atoms: ${ff.atoms.rows.map((a) => a.element).join(' ')}; vdW type ${ff.vdwType}`);
        out(`  ${n('bonds')} bonds, ${n('offDiagonal')} off-diagonal, ${n('angles')} angles, ${n('torsions')} torsions, ${n('hbonds')} hydrogen bonds`);
        for (const note of reaxffDefaultNotes(ff)) out(`  default: ${note}`);
      }
      if (o.out !== undefined) writeFileAtomicSync(o.out, text);
    });
}
