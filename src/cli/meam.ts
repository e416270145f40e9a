/**
 * `lmpv meam LIBRARY [PARAM|NULL] [--json] [--elements A,B] [--param-elements A,B]
 *  [--out-library F] [--out-param F]`: read a MEAM library (and parameter file) as LAMMPS
 * `pair_style meam` does. Indices in a parameter file refer to the library elements of the
 * `pair_coeff` line it was written for: give that order with `--param-elements` (default: the
 * `--elements` list, or the single element of a one-element library). With element names known,
 * the full parameter set after LAMMPS's defaults is printed (`--json`: `setup`).
 * `--elements` keeps a subset (in the original relative order) in the written files.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { UsageError, warningText, type Warning } from '../io/errors.js';
import { writeFileAtomicSync } from '../io/atomic-write.js';
import { resolvePotential } from '../io/potentials-path.js';
import {
  formatMeamLibrary, formatMeamParamFile, leadingComments, parseMeamLibrary, parseMeamParamFile, resolveMeamSetup,
  subsetMeamLibrary, subsetMeamParamFile, type MeamParamFile, type MeamSetup,
} from '../io/meam-library.js';
import { parseElementList } from './ffield.js';
import { out } from './util.js';

interface MeamOpts {
  json?: boolean;
  elements?: string;
  paramElements?: string;
  outLibrary?: string;
  outParam?: string;
}

export function register(program: Command): void {
  program
    .command('meam')
    .description('read a MEAM library (+ parameter file) as LAMMPS does; summary, JSON, rewrite or element subset')
    .argument('<library>', 'MEAM library file (also searched like a LAMMPS potential)')
    .argument('[param]', 'MEAM parameter file, or NULL')
    .option('--json', 'print library records, parameter settings and (with elements known) the resolved setup as JSON')
    .option('--elements <list>', 'keep only these elements (comma separated); also the pair_coeff element order')
    .option('--param-elements <list>', 'the pair_coeff library elements the parameter file indices refer to, in order')
    .option('--out-library <file>', 'write the (subset) library file')
    .option('--out-param <file>', 'write the (subset) parameter file')
    .action((library: string, param: string | undefined, o: MeamOpts) => {
      const warnings: Warning[] = [];
      const libPath = resolvePotential(library, { inputDir: process.cwd() });
      const libText = readFileSync(libPath, 'utf8');
      const lib = parseMeamLibrary(libText, libPath, warnings);
      let pf: MeamParamFile | null = null;
      let paramText = '';
      if (param !== undefined && param !== 'NULL') {
        const p = resolvePotential(param, { inputDir: process.cwd() });
        paramText = readFileSync(p, 'utf8');
        pf = parseMeamParamFile(paramText, p, warnings);
      }
      const keep = parseElementList(o.elements);
      const distinct = [...new Set(lib.map((e) => e.element))];
      let fileEls = parseElementList(o.paramElements, '--param-elements') ?? keep ?? (distinct.length === 1 ? distinct : undefined);
      if (o.outParam !== undefined && pf === null) throw new UsageError('--out-param needs a parameter file argument');
      let libOut = lib;
      let pfOut = pf;
      let setupEls = fileEls;
      if (keep) {
        libOut = subsetMeamLibrary(lib, keep);
        if (pf) {
          const maxIndex = Math.max(0, ...pf.entries.flatMap((e) => e.indices));
          if (!o.paramElements && maxIndex > keep.length) {
            throw new UsageError(`--elements with a parameter file that uses element indices up to ${maxIndex}: give the pair_coeff element order the file was written for with --param-elements`);
          }
          if (!fileEls) throw new UsageError('--elements with a parameter file: give the pair_coeff element order the file was written for with --param-elements');
          const r = subsetMeamParamFile(pf, fileEls, keep);
          pfOut = r.param;
          setupEls = r.elements;
          fileEls = r.elements;
        } else {
          setupEls = libOut.map((e) => e.element);
        }
      }
      let setup: MeamSetup | null = null;
      if (setupEls) {
        setup = resolveMeamSetup(libOut, setupEls, pfOut, setupEls);
        warnings.push(...setup.warnings);
      }
      for (const w of warnings) process.stderr.write(`lmpv: ${warningText(w)}\n`);
      const libFile = o.outLibrary !== undefined ? formatMeamLibrary(libOut, leadingComments(libText)) : '';
      const parFile = o.outParam !== undefined && pfOut ? formatMeamParamFile(pfOut, leadingComments(paramText)) : '';

      if (o.json) {
        const { warnings: _w, library: _l, ...rest } = setup ?? ({} as Partial<MeamSetup>);
        out(JSON.stringify({ library: libOut, param: pfOut, elements: setupEls ?? null, setup: setup ? rest : null }, null, 1));
      } else if (o.outLibrary === undefined && o.outParam === undefined) {
        out(`${libPath}: MEAM library, ${lib.length} records, elements ${distinct.join(' ')}`);
        if (pf) out(`${pf.file}: MEAM parameter file, ${pf.entries.length} settings (${[...new Set(pf.entries.map((e) => e.keyword))].join(' ')})`);
        if (setup) {
          const s = setup;
          out(`pair_coeff * * ${libPath} ${s.elements.join(' ')} ${pf ? pf.file : 'NULL'} ${s.elements.join(' ')}`);
          out(`  rc ${s.rc} delr ${s.delr} augt1 ${s.augt1} ialloy ${s.ialloy} erose_form ${s.erose_form} emb_lin_neg ${s.emb_lin_neg} bkgd_dyn ${s.bkgd_dyn} gsmooth_factor ${s.gsmooth_factor} mixture_ref_t ${s.mixture_ref_t}`);
          s.elements.forEach((el, i) => {
            out(`  ${el}: ${s.lattce[i][i]} mass ${s.mass[i]} Ec ${s.Ec[i][i]} re ${s.re[i][i]} alpha ${s.alpha[i][i]} A ${s.A[i]} beta ${s.beta0[i]} ${s.beta1[i]} ${s.beta2[i]} ${s.beta3[i]} t ${s.t0[i]} ${s.t1[i]} ${s.t2[i]} ${s.t3[i]} rho0 ${s.rho0[i]} ibar ${s.ibar[i]} nn2 ${s.nn2[i][i]} zbl ${s.zbl[i][i]} Cmin ${s.Cmin[i][i][i]} Cmax ${s.Cmax[i][i][i]} attrac ${s.attrac[i][i]} repuls ${s.repuls[i][i]}`);
          });
          for (const d of s.defaults) out(`  default: ${d}`);
        }
      }
      if (o.outLibrary !== undefined) writeFileAtomicSync(o.outLibrary, libFile);
      if (o.outParam !== undefined) writeFileAtomicSync(o.outParam, parFile);
    });
}
