/**
 * What every temperature compute shares (LAMMPS's Compute with tempflag = 1, compute.cpp and
 * compute_temp.cpp):
 * - degrees of freedom counted at run setup (Compute::setup -> dof_compute): dof = dim N - extra_dof
 *   (extra_dof defaults to the dimension), tfactor = mvv2e / (dof kB), T = tfactor sum m v^2; with
 *   `compute_modify ID dynamic/dof yes` they are recounted at every evaluation;
 * - `compute_modify ID extra/dof N | dynamic/dof yes|no` (Compute::modify_params);
 * - the velocity-bias interface (tempbias = 1): removeBias/restoreBias of one atom and the *All
 *   forms, used by thermostats and the velocity command to act on the thermal velocity only. A
 *   compute without bias leaves velocities alone.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { element, type Compute } from './compute.js';
import { numeric } from '../input/args.js';

export abstract class TempCompute implements Compute<Engine> {
  readonly tempflag = true;
  abstract readonly style: string;
  /** The KE tensor is extensive, the temperature is not (LAMMPS extscalar 0, extvector 1). */
  readonly extvector = true;
  /** Does this compute remove a velocity bias (LAMMPS tempbias)? */
  tempbias = false;
  /** compute_modify extra/dof; null = the dimension (LAMMPS resets it to domain->dimension). */
  extraDof: number | null = null;
  /** compute_modify dynamic/dof. */
  dynamicUser = false;
  dof = 0;
  natomsTemp = 0;
  protected tfactor = 0;
  protected dynamic = false;
  /** Bias removed from each atom by removeBias*, 3 per atom. */
  protected vbias = new Float64Array(0);
  /** Bias of the one atom removed by removeBias (LAMMPS vbias[3]). */
  protected vbias1 = new Float64Array(3);

  constructor(
    readonly id: string,
    readonly group: string,
    readonly args: string[],
  ) {}

  /** Run setup (LAMMPS ComputeTemp::setup): decide dynamic, count dof. */
  setup(e: Engine): void {
    this.dynamic = this.dynamicUser;
    this.dofCompute(e);
  }

  protected extra(e: Engine): number {
    return this.extraDof ?? e.sys.dimension;
  }

  /** dof = dim N - extra_dof (ComputeTemp::dof_compute); styles override. */
  dofCompute(e: Engine): void {
    this.natomsTemp = e.groupCount(e.groupBit(this.group));
    this.dof = e.sys.dimension * this.natomsTemp - this.extra(e);
    this.setTfactor(e);
  }

  protected setTfactor(e: Engine): void {
    this.tfactor = this.dof > 0 ? e.sys.units.mvv2e / (this.dof * e.boltz) : 0;
  }

  /** sum over the group of m |v_thermal|^2 (style-specific). */
  protected abstract kineticSum(e: Engine): number;
  /** KE tensor sums (xx yy zz xy xz yz) before mvv2e (style-specific). */
  protected abstract keTensor(e: Engine): number[];

  scalar(e: Engine): number {
    const t = this.kineticSum(e);
    if (this.dynamic) this.dofCompute(e);
    if (this.dof < 0 && this.natomsTemp > 0) throw new ScriptError(`compute ${this.id}: temperature compute degrees of freedom < 0`);
    return t * this.tfactor;
  }

  /** The kinetic energy tensor [mvv2e units], 1-based element (LAMMPS compute_vector). */
  vector(e: Engine, i: number): number {
    const c = e.sys.units.mvv2e;
    return element(this, this.keTensor(e).map((v) => v * c), i);
  }

  /** Remove the bias of local atom i from v (kept for restoreBias). */
  removeBias(_e: Engine, _i: number): void {}
  restoreBias(_e: Engine, _i: number): void {}
  removeBiasAll(_e: Engine): void {}
  restoreBiasAll(_e: Engine): void {}
  /** After the velocity command created thermal velocities: re-zero what the bias owns (LAMMPS reapply_bias_all). */
  reapplyBiasAll(_e: Engine): void {}

  protected biasBuffer(n: number): Float64Array {
    if (this.vbias.length < 3 * n) this.vbias = new Float64Array(3 * Math.max(n, 16));
    return this.vbias;
  }

  /** `compute_modify ID ...` keywords (Compute::modify_params). */
  modifyParams(args: string[]): void {
    if (args.length === 0) throw new ScriptError('compute_modify: expected keywords');
    for (let k = 0; k < args.length; k += 2) {
      const w = args[k], v = args[k + 1];
      if (v === undefined) throw new ScriptError(`compute_modify ${w}: expected a value`);
      if (w === 'extra' || w === 'extra/dof') this.extraDof = numeric(v, `compute_modify ${w}`);
      else if (w === 'dynamic' || w === 'dynamic/dof') {
        if (v !== 'yes' && v !== 'no') throw new ScriptError(`compute_modify ${w}: expected yes or no, found '${v}'`);
        this.dynamicUser = v === 'yes';
      } else throw new ScriptError(`compute_modify: keyword '${w}' is not understood (extra/dof, dynamic/dof)`);
    }
  }
}

/** Is this compute a temperature compute (LAMMPS tempflag)? */
export function isTemp(c: Compute<Engine> | undefined): c is TempCompute {
  return c instanceof TempCompute;
}

