/**
 * `fix ID group qeq/shielded Nevery cutoff tol maxiter QFILE|reaxff [warn yes|no]` (LAMMPS
 * src/QEQ/fix_qeq_shielded.cpp and fix_qeq.cpp, docs fix_qeq.html): where it coincides with
 * qeq/reaxff it is the same computation, so it runs the same solver (potentials/reaxff/qeq.ts):
 * the same shielded kernel with the 7th-order taper on [0, cutoff], 14.4 eV A/e^2, the same
 * Jacobi-preconditioned CG, stopping rule and s/t extrapolation. Differences kept: the s/t
 * histories start from the atoms' charges when the fix is defined (not from 0), the parameter
 * file is the QEQ package's (`itype chi eta gamma zeta qcore`, type ranges), a zero gamma is an
 * error, and the scalar is the integer (iter s + iter t) / 2.
 */
import type { Engine } from '../engine.js';
import { readQeqPackageParamFile } from '../../io/reaxff-control.js';
import { FixQeq, qeqNumber, type QeqFixConfig } from './qeq-reaxff.js';

export function parseQeqShieldedArgs(args: string[], e: Engine): QeqFixConfig {
  const style = 'qeq/shielded';
  const num = (w: string | undefined, what: string) => qeqNumber(style, w, what);
  if (args.length !== 5 && args.length !== 7) throw new Error(`fix qeq/shielded: expected 'Nevery cutoff tol maxiter QFILE|reaxff [warn yes|no]', found ${args.length} arguments`);
  const nevery = num(args[0], 'Nevery'), cutoff = num(args[1], 'cutoff'), tolerance = num(args[2], 'tol'), maxiter = num(args[3], 'maxiter');
  if (!Number.isInteger(nevery) || nevery <= 0) throw new Error(`fix qeq/shielded: Nevery must be a positive integer, found '${args[0]}'`);
  if (!Number.isInteger(maxiter) || maxiter <= 0) throw new Error(`fix qeq/shielded: maxiter must be a positive integer, found '${args[3]}'`);
  if (cutoff <= 0 || tolerance <= 0) throw new Error(`fix qeq/shielded: cutoff and tol must be positive, found ${args[1]} and ${args[2]}`);
  let warn = true;
  if (args.length === 7) {
    if (args[5] !== 'warn' || (args[6] !== 'yes' && args[6] !== 'no')) throw new Error(`fix qeq/shielded: expected 'warn yes|no' after the parameter file, found '${args[5]} ${args[6]}'`);
    warn = args[6] === 'yes';
  }
  if (cutoff < 5) e.warn('Fix qeq has very low Taper radius cutoff');
  let params: QeqFixConfig['params'] = null;
  if (!/^reax..$/.test(args[4])) {
    const path = e.resolvePath(args[4]);
    const file = readQeqPackageParamFile(path, e.sys.ntypes);
    params = file;
    const zero = file.gamma.findIndex((g) => g === 0);
    if (zero >= 0) throw new Error(`${path}: gamma of atom type ${zero + 1} is 0 (LAMMPS: "Invalid param file for fix qeq/shielded")`);
  }
  return { style, nevery, settings: { swa: 0, swb: cutoff, tolerance, maxiter }, params, warnOnFail: warn, historyFromCharges: true, integerScalar: true };
}

export class FixQeqShielded extends FixQeq {
  constructor(id: string, group: string, args: string[], e: Engine) {
    super(id, group, parseQeqShieldedArgs(args, e), e);
  }
}
