/**
 * `fix ID group reaxff/bonds Nevery FILE` (LAMMPS src/REAXFF/fix_reaxff_bonds.cpp, docs
 * fix_reaxff_bonds.html): every Nevery steps (and at run setup) the bond table of pair reaxff's
 * last force call, in LAMMPS's layout:
 *   # Timestep N / # / # Number of particles N / # / # Max number of bonds per atom M with coarse
 *   bond order cutoff C / # Particle connection table and bond orders /
 *   # id type nb id_1...id_nb mol bo_1...bo_nb abo nlp q
 * then one line per atom (` id type nb id... mol` then bo..., abo = total bond order, nlp = lone
 * pairs, q, each `%14.3f`) and `# `. A bond is listed when its corrected bond order exceeds the
 * control file's bond_graph_cutoff (bg_cut). mol is 0 (atom styles without molecule ids).
 * The order of an atom's bonds follows lmpv's bond list, which need not be LAMMPS's (that follows
 * LAMMPS's neighbour-list order); the set and the numbers are the same. `.gz` files are refused.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Engine } from '../engine.js';
import type { Fix } from './fix.js';
import { PairReaxff } from '../potentials/reaxff/index.js';
import { compileFormat } from '../../io/text/printf.js';
import { inumeric } from '../input/args.js';

const F3f = compileFormat('%14.3f');
const CUTf = compileFormat('%5.3f');
const F3 = (v: number): string => F3f([v]);
const CUT = (v: number): string => CUTf([v]);

export class FixReaxffBonds implements Fix<Engine> {
  readonly style = 'reaxff/bonds';
  readonly nevery: number;
  private fd: number | null;

  constructor(readonly id: string, readonly group: string, args: string[], e: Engine) {
    if (args.length !== 2) throw new Error(`fix reaxff/bonds: expected 'Nevery FILE', found ${args.length} arguments`);
    const n = inumeric(args[0], 'fix reaxff/bonds Nevery');
    if (n <= 0) throw new Error(`fix reaxff/bonds: Nevery must be a positive integer, found '${args[0]}'`);
    this.nevery = n;
    if (args[1].endsWith('.gz')) throw new Error('fix reaxff/bonds: gzipped output (.gz) is not supported by lmpv');
    this.fd = openSync(e.resolvePath(args[1]), 'w');
  }

  private pair(e: Engine): PairReaxff {
    if (!(e.pair instanceof PairReaxff)) throw new Error('Cannot use fix reaxff/bonds without pair_style reaxff (LAMMPS: "Cannot use fix reaxff/bonds without pair_style reaxff, reaxff/kk, or reaxff/omp")');
    return e.pair;
  }

  setup(e: Engine): void {
    this.pair(e);
    this.write(e);
  }

  endOfStep(e: Engine): void {
    if (e.ntimestep % this.nevery === 0) this.write(e);
  }

  private write(e: Engine): void {
    if (this.fd === null) return;
    const pair = this.pair(e);
    const w = pair.work;
    const s = e.sys;
    const n = s.nlocal;
    const cut = pair.opts.control.bg_cut;
    const lines: string[] = [];
    let maxnum = 0;
    for (let i = 0; i < n; i++) {
      const ids: string[] = [];
      let bos = '';
      if (i < w.n) {
        for (let q = w.adjStart[i]; q < w.adjStart[i + 1]; q++) {
          const h = w.adj[q];
          const bo = w.bo[h >> 1];
          if (bo > cut) {
            ids.push(String(s.tag[w.nbr(h)]));
            bos += F3(bo);
          }
        }
      }
      maxnum = Math.max(maxnum, ids.length);
      const abo = i < w.n ? w.totalBO[i] : 0, nlp = i < w.n ? w.nlp[i] : 0;
      lines.push(` ${s.tag[i]} ${s.type[i]} ${ids.length}${ids.map((x) => ' ' + x).join('')} 0${bos}${F3(abo)}${F3(nlp)}${F3(s.q[i] ?? 0)}\n`);
    }
    const head = `# Timestep ${e.ntimestep} \n# \n# Number of particles ${n} \n# \n`
      + `# Max number of bonds per atom ${maxnum} with coarse bond order cutoff ${CUT(cut)} \n`
      + '# Particle connection table and bond orders \n# id type nb id_1...id_nb mol bo_1...bo_nb abo nlp q \n';
    writeSync(this.fd, head + lines.join('') + '# \n');
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
