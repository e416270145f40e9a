/**
 * `fix ID group box/relax iso|aniso|tri P | x|y|z|xy|xz|yz P ... [couple xyz|xy|yz|xz|none]
 * [vmax f] [nreset N] [dilate all|partial] [scalexy|scalexz|scaleyz yes|no] [fixedpoint x y z]`
 * (LAMMPS fix_box_relax.cpp, doc fix_box_relax.html): box lengths (and tilts) become extra degrees
 * of freedom of the minimizer (minimize.ts). Per dimension i the extra coordinate is the strain
 * s_i = L_i / L_i0 - 1 of the box at the start of the minimization (L0, V0); its energy is
 *   E = P_target_hydro (V/V0 - 1) V0 [pressure x volume -> energy by 1/nktv2p]
 * plus, for a non-hydrostatic target (x/y/z keywords, or unequal targets), the strain energy of
 * the deviatoric target stress sigma (compute_sigma / compute_strain_energy), and its force is
 * (P_current - P_target) x (dV/ds_i) minus the deviatoric part. The current pressure is the
 * virial pressure (LAMMPS's compute `ID_press` = `pressure ID_temp virial`), coupled as `couple`
 * says. A line search step along the box direction is limited to vmax (max_alpha); the box is
 * changed about the fixed point (default: the box centre at definition) and all atoms (dilate
 * all) or the group's are carried in lamda coordinates. `nreset N` resets the reference box every
 * N steps (only with a deviatoric target). f_ID = the extra energy (0 at step 0).
 * Not supported by lmpv: tri and tilt targets (xy, xz, yz), rigid bodies, kspace.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import { inumeric, numeric } from '../input/args.js';
import { lamda2x, x2lamda } from '../space/box.js';
import type { Fix } from './fix.js';

const NONE = 0, XYZ = 1, XY = 2, YZ = 3, XZ = 4;
type PStyle = 'iso' | 'aniso';

export class FixBoxRelax implements Fix<Engine> {
  style = 'box/relax';
  changesBox = true;
  private pcouple = NONE;
  private allremap = true;
  private vmax = 0.0001;
  private deviatoric = false;
  private nreset = 0;
  private pTarget = [0, 0, 0, 0, 0, 0];
  private pFlag = [false, false, false, false, false, false];
  private pstyle: PStyle;
  private fixedpoint: number[];
  private dim: number;
  private scalexy = false;
  private scalexz = false;
  private scaleyz = false;
  // init
  private pv2e = 1;
  private xprdinit = 1;
  private yprdinit = 1;
  private zprdinit = 1;
  private vol0 = 1;
  private h0 = new Float64Array(6);
  private h0inv = new Float64Array(6);
  private pHydro = 0;
  private sigma = new Float64Array(6);
  private fdev = new Float64Array(6);
  private pCurrent = [0, 0, 0, 0, 0, 0];
  private ds = [0, 0, 0, 0, 0, 0];
  private boxlo0 = [0, 0, 0];
  private boxhi0 = [0, 0, 0];

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
  ) {
    const s = e.sys, b = s.box;
    this.dim = s.dimension;
    if (b.triclinic) {
      if (s.periodic(1) && b.h[5] !== 0) this.scalexy = true;
      if (s.periodic(2) && this.dim === 3) {
        if (b.h[3] !== 0) this.scaleyz = true;
        if (b.h[4] !== 0) this.scalexz = true;
      }
    }
    this.fixedpoint = [0, 1, 2].map((d) => 0.5 * (b.lo[d] + b.hi[d]));
    const num = (i: number, k: string) => numeric(args[i], `fix box/relax ${k}`);
    const yes = (w: string | undefined, k: string) => {
      if (w === 'yes') return true;
      if (w === 'no') return false;
      throw new ScriptError(`fix box/relax ${k}: expected yes or no, found '${w ?? '(nothing)'}'`);
    };
    if (args.length === 0) throw new ScriptError('fix box/relax: expected iso, aniso, tri or x/y/z targets');
    for (let i = 0; i < args.length; ) {
      const k = args[i];
      if (args[i + 1] === undefined) throw new ScriptError(`fix box/relax ${k}: expected a value`);
      if (k === 'iso' || k === 'aniso') {
        this.pcouple = k === 'iso' ? XYZ : NONE;
        const p = num(i + 1, k);
        this.pTarget[0] = this.pTarget[1] = this.pTarget[2] = p;
        this.pFlag[0] = this.pFlag[1] = this.pFlag[2] = true;
        if (this.dim === 2) { this.pTarget[2] = 0; this.pFlag[2] = false; }
        i += 2;
      } else if (k === 'x' || k === 'y' || k === 'z') {
        const d = 'xyz'.indexOf(k);
        if (d === 2 && this.dim === 2) throw new ScriptError('invalid fix box/relax command for a 2d simulation (z)');
        this.pTarget[d] = num(i + 1, k);
        this.pFlag[d] = true;
        this.deviatoric = true;
        i += 2;
      } else if (k === 'tri' || k === 'xy' || k === 'xz' || k === 'yz') {
        throw new ScriptError(`fix box/relax ${k}: tilt relaxation is not supported by lmpv (iso, aniso, x, y, z)`);
      } else if (k === 'couple') {
        const m = ['none', 'xyz', 'xy', 'yz', 'xz'].indexOf(args[i + 1]);
        if (m < 0) throw new ScriptError(`fix box/relax couple: expected xyz, xy, yz, xz or none, found '${args[i + 1]}'`);
        this.pcouple = [NONE, XYZ, XY, YZ, XZ][m];
        i += 2;
      } else if (k === 'dilate') {
        if (args[i + 1] === 'all') this.allremap = true;
        else if (args[i + 1] === 'partial') this.allremap = false;
        else throw new ScriptError(`fix box/relax dilate: expected all or partial, found '${args[i + 1]}'`);
        i += 2;
      } else if (k === 'vmax') {
        this.vmax = num(i + 1, k);
        i += 2;
      } else if (k === 'nreset') {
        this.nreset = inumeric(args[i + 1], 'fix box/relax nreset');
        if (this.nreset < 0) throw new ScriptError('fix box/relax nreset must be >= 0');
        i += 2;
      } else if (k === 'scalexy' || k === 'scalexz' || k === 'scaleyz') {
        this[k] = yes(args[i + 1], k);
        i += 2;
      } else if (k === 'fixedpoint') {
        this.fixedpoint = [num(i + 1, k), num(i + 2, k), num(i + 3, k)];
        i += 4;
      } else throw new ScriptError(`fix box/relax: keyword '${k}' is not understood (iso, aniso, x, y, z, couple, dilate, vmax, nreset, scalexy, scalexz, scaleyz, fixedpoint)`);
    }
    const f = this.pFlag, t = this.pTarget;
    for (let d = 0; d < 3; d++) if (f[d] && !s.periodic(d)) throw new ScriptError(`cannot use fix box/relax on a non-periodic dimension (${'xyz'[d]})`);
    if (this.dim === 2 && (this.pcouple === YZ || this.pcouple === XZ)) throw new ScriptError('invalid fix box/relax pressure settings for a 2d simulation');
    if (this.pcouple === XYZ && (!f[0] || !f[1] || (this.dim === 3 && !f[2]))) throw new ScriptError('invalid fix box/relax pressure settings (couple xyz needs x, y and z)');
    if ((this.pcouple === XY && (!f[0] || !f[1])) || (this.pcouple === YZ && (!f[1] || !f[2])) || (this.pcouple === XZ && (!f[0] || !f[2]))) throw new ScriptError('invalid fix box/relax pressure settings (coupled dimensions must both be relaxed)');
    if (this.pcouple === XYZ && (t[0] !== t[1] || (this.dim === 3 && t[0] !== t[2]))) throw new ScriptError('invalid fix box/relax pressure settings (coupled targets differ)');
    if ((this.pcouple === XY && t[0] !== t[1]) || (this.pcouple === YZ && t[1] !== t[2]) || (this.pcouple === XZ && t[0] !== t[2])) throw new ScriptError('invalid fix box/relax pressure settings (coupled targets differ)');
    this.pstyle = this.pcouple === XYZ || (this.dim === 2 && this.pcouple === XY) ? 'iso' : 'aniso';
  }

  /** LAMMPS FixBoxRelax::init (at each minimize): reference box, targets, deviatoric stress. */
  init(e: Engine): void {
    const b = e.sys.box;
    this.pv2e = 1.0 / e.sys.units.nktv2p;
    this.xprdinit = b.prd[0];
    this.yprdinit = b.prd[1];
    this.zprdinit = this.dim === 2 ? 1.0 : b.prd[2];
    this.vol0 = this.xprdinit * this.yprdinit * this.zprdinit;
    this.h0.set(b.h);
    // compute_press_target
    const f = this.pFlag, t = this.pTarget;
    const n = (f[0] ? 1 : 0) + (f[1] ? 1 : 0) + (f[2] ? 1 : 0);
    this.pHydro = 0;
    for (let d = 0; d < 3; d++) if (f[d]) this.pHydro += t[d];
    if (n) this.pHydro /= n;
    for (let d = 0; d < 3; d++) if (f[d] && Math.abs(this.pHydro - t[d]) > 1.0e-6) this.deviatoric = true;
    if (this.deviatoric) this.computeSigma(e);
  }

  minDof(): number {
    return this.pstyle === 'iso' ? 1 : 3;
  }

  /** Virial pressure (scalar and tensor) coupled as `couple` says (LAMMPS couple()). */
  private couple(e: Engine): void {
    const inv = e.sys.units.nktv2p / e.volume();
    const v = e.virial;
    const pc = this.pCurrent;
    if (this.pstyle === 'iso') {
      const p = ((this.dim === 3 ? v[0] + v[1] + v[2] : v[0] + v[1]) / this.dim) * inv;
      pc[0] = pc[1] = pc[2] = p;
    } else {
      const tensor = [v[0] * inv, v[1] * inv, this.dim === 3 ? v[2] * inv : 0];
      if (this.pcouple === XYZ) pc[0] = pc[1] = pc[2] = (1.0 / 3.0) * (tensor[0] + tensor[1] + tensor[2]);
      else if (this.pcouple === XY) { pc[0] = pc[1] = 0.5 * (tensor[0] + tensor[1]); pc[2] = tensor[2]; }
      else if (this.pcouple === YZ) { pc[1] = pc[2] = 0.5 * (tensor[1] + tensor[2]); pc[0] = tensor[0]; }
      else if (this.pcouple === XZ) { pc[0] = pc[2] = 0.5 * (tensor[0] + tensor[2]); pc[1] = tensor[1]; }
      else { pc[0] = tensor[0]; pc[1] = tensor[1]; pc[2] = tensor[2]; }
    }
    if (!Number.isFinite(pc[0]) || !Number.isFinite(pc[1]) || !Number.isFinite(pc[2])) throw new ScriptError('Non-numeric pressure - simulation unstable');
  }

  /** Extra energy; fextra gets minus its gradient with respect to the strains (LAMMPS min_energy). */
  minEnergy(e: Engine, fextra: Float64Array): number {
    this.couple(e);
    const b = e.sys.box, pv2e = this.pv2e, pc = this.pCurrent, vol0 = this.vol0;
    if (this.pstyle === 'iso') {
      const scale = b.prd[0] / this.xprdinit;
      const pt = this.pTarget[0];
      if (this.dim === 3) {
        fextra[0] = pv2e * (pc[0] - pt) * 3.0 * scale * scale * vol0;
        return pv2e * pt * (scale * scale * scale - 1.0) * vol0;
      }
      fextra[0] = pv2e * (pc[0] - pt) * 2.0 * scale * vol0;
      return pv2e * pt * (scale * scale - 1.0) * vol0;
    }
    fextra[0] = fextra[1] = fextra[2] = 0.0;
    const f = this.pFlag;
    const sx = f[0] ? b.prd[0] / this.xprdinit : 1.0;
    const sy = f[1] ? b.prd[1] / this.yprdinit : 1.0;
    const sz = f[2] ? b.prd[2] / this.zprdinit : 1.0;
    let eng = pv2e * this.pHydro * (sx * sy * sz - 1.0) * vol0;
    if (f[0]) fextra[0] = pv2e * (pc[0] - this.pHydro) * sy * sz * vol0;
    if (f[1]) fextra[1] = pv2e * (pc[1] - this.pHydro) * sx * sz * vol0;
    if (f[2]) fextra[2] = pv2e * (pc[2] - this.pHydro) * sx * sy * vol0;
    if (this.deviatoric) {
      this.computeDeviatoric(e);
      if (f[0]) fextra[0] -= this.fdev[0] * this.xprdinit;
      if (f[1]) fextra[1] -= this.fdev[1] * this.yprdinit;
      if (f[2]) fextra[2] -= this.fdev[2] * this.zprdinit;
      eng += this.strainEnergy(e);
    }
    return eng;
  }

  minStore(e: Engine): void {
    const b = e.sys.box;
    for (let d = 0; d < 3; d++) {
      this.boxlo0[d] = b.lo[d];
      this.boxhi0[d] = b.hi[d];
    }
  }

  minStep(e: Engine, alpha: number, hextra: Float64Array): void {
    const ds = this.ds;
    if (this.pstyle === 'iso') ds[0] = ds[1] = ds[2] = alpha * hextra[0];
    else for (let d = 0; d < 3; d++) ds[d] = this.pFlag[d] ? alpha * hextra[d] : 0.0;
    this.remap(e);
  }

  maxAlpha(_e: Engine, hextra: Float64Array): number {
    if (this.pstyle === 'iso') return this.vmax / Math.abs(hextra[0]);
    let alpha = 1.0;
    for (let d = 0; d < 3; d++) if (this.pFlag[d]) alpha = Math.min(alpha, this.vmax / Math.abs(hextra[d]));
    return alpha;
  }

  /** nreset: every N steps of the minimization the reference box is reset (deviatoric targets only). */
  minResetRef(e: Engine): boolean {
    if (this.deviatoric && this.nreset > 0) {
      const delta = e.ntimestep - e.beginstep;
      if (delta % this.nreset === 0) {
        this.computeSigma(e);
        return true;
      }
    }
    return false;
  }

  /** Rescale the box from the line-search start about the fixed point; atoms follow in lamda coordinates. */
  private remap(e: Engine): void {
    const s = e.sys, b = s.box, n = s.nlocal;
    const lam = new Float64Array(3 * n);
    const bit = e.groupBit(this.group);
    x2lamda(lam, b, s.x, n);
    for (let d = 0; d < 3; d++) {
      if (!this.pFlag[d]) continue;
      const lo0 = this.boxlo0[d], hi0 = this.boxhi0[d], fp = this.fixedpoint[d];
      b.lo[d] = lo0 + ((lo0 - fp) / b.h[d]) * this.ds[d] * this.h0[d];
      b.hi[d] = hi0 + ((hi0 - fp) / b.h[d]) * this.ds[d] * this.h0[d];
      if (b.lo[d] >= b.hi[d]) throw new ScriptError('Fix box/relax generated negative box length');
    }
    let yz = b.h[3], xz = b.h[4], xy = b.h[5];
    if (this.scaleyz) yz = ((b.hi[2] - b.lo[2]) * this.h0[3]) / this.h0[2];
    if (this.scalexz) xz = ((b.hi[2] - b.lo[2]) * this.h0[4]) / this.h0[2];
    if (this.scalexy) xy = ((b.hi[1] - b.lo[1]) * this.h0[5]) / this.h0[1];
    b.h[3] = yz; b.h[4] = xz; b.h[5] = xy;
    s.refreshBox();
    const xn = lamda2x(new Float64Array(3 * n), b, lam, n);
    for (let i = 0; i < n; i++) {
      if (!this.allremap && !(s.mask[i] & bit)) continue;
      s.x[3 * i] = xn[3 * i];
      s.x[3 * i + 1] = xn[3 * i + 1];
      s.x[3 * i + 2] = xn[3 * i + 2];
    }
  }

  /** Target deviatoric stress in the reference frame (LAMMPS compute_sigma); also resets the reference box. */
  private computeSigma(e: Engine): void {
    const b = e.sys.box;
    this.xprdinit = b.prd[0];
    this.yprdinit = b.prd[1];
    this.zprdinit = this.dim === 2 ? 1.0 : b.prd[2];
    this.vol0 = this.xprdinit * this.yprdinit * this.zprdinit;
    const hi = this.h0inv;
    hi.set(b.hInv);
    const h0 = this.h0, t = this.pTarget, f = this.pFlag, ph = this.pHydro;
    const hinv = [
      [hi[0], hi[5], hi[4]],
      [0, hi[1], hi[3]],
      [0, 0, hi[2]],
    ];
    const pd = [
      [f[0] ? t[0] - ph : 0, t[5], t[4]],
      [t[5], f[1] ? t[1] - ph : 0, t[3]],
      [t[4], t[3], f[2] ? t[2] - ph : 0],
    ];
    // modify to account for off-diagonal terms (LAMMPS compute_sigma)
    pd[1][1] -= pd[1][2] * hi[3] * h0[1];
    pd[0][1] -= pd[0][2] * hi[3] * h0[1];
    pd[1][0] = pd[0][1];
    pd[0][0] -= pd[0][1] * hi[5] * h0[0] + pd[0][2] * hi[4] * h0[0];
    // sigma = vol0 * h0inv * pdeviatoric * h0inv^T (MathExtra::times3, times3_transpose)
    const tmp = [0, 1, 2].map((i) => [0, 1, 2].map((j) => hinv[i][0] * pd[0][j] + hinv[i][1] * pd[1][j] + hinv[i][2] * pd[2][j]));
    const st = [0, 1, 2].map((i) => [0, 1, 2].map((j) => tmp[i][0] * hinv[j][0] + tmp[i][1] * hinv[j][1] + tmp[i][2] * hinv[j][2]));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) st[i][j] *= this.vol0;
    const sg = this.sigma;
    sg[0] = st[0][0]; sg[1] = st[1][1]; sg[2] = st[2][2];
    sg[3] = st[1][2]; sg[4] = st[0][2]; sg[5] = st[0][1];
  }

  private strainEnergy(e: Engine): number {
    const h = e.sys.box.h, sg = this.sigma;
    let d0: number, d1: number, d2: number;
    if (this.dim === 3) {
      d0 = sg[0] * (h[0] * h[0] + h[5] * h[5] + h[4] * h[4]) + sg[5] * (h[1] * h[5] + h[3] * h[4]) + sg[4] * (h[2] * h[4]);
      d1 = sg[5] * (h[5] * h[1] + h[4] * h[3]) + sg[1] * (h[1] * h[1] + h[3] * h[3]) + sg[3] * (h[2] * h[3]);
      d2 = sg[4] * (h[4] * h[2]) + sg[3] * (h[3] * h[2]) + sg[2] * (h[2] * h[2]);
    } else {
      d0 = sg[0] * (h[0] * h[0] + h[5] * h[5]) + sg[5] * h[1] * h[5];
      d1 = sg[5] * h[5] * h[1] + sg[1] * h[1] * h[1];
      d2 = 0.0;
    }
    return 0.5 * (d0 + d1 + d2) * this.pv2e;
  }

  private computeDeviatoric(e: Engine): void {
    const h = e.sys.box.h, sg = this.sigma, fd = this.fdev, pv2e = this.pv2e;
    if (this.dim === 3) {
      fd[0] = pv2e * (h[0] * sg[0] + h[5] * sg[5] + h[4] * sg[4]);
      fd[1] = pv2e * (h[1] * sg[1] + h[3] * sg[3]);
      fd[2] = pv2e * (h[2] * sg[2]);
    } else {
      fd[0] = pv2e * (h[0] * sg[0] + h[5] * sg[5]);
      fd[1] = pv2e * (h[1] * sg[1]);
    }
  }

  /** f_ID: the extra energy at the current box (0 at step 0, as LAMMPS's compute_scalar). */
  scalar(e: Engine): number {
    if (e.ntimestep === 0) return 0.0;
    return this.minEnergy(e, new Float64Array(6));
  }
}
