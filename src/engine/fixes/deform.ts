/**
 * `fix ID group deform N param style args ... [remap x|v|none] [flip yes|no] [units lattice|box]`
 * (LAMMPS fix_deform.cpp): every N steps, at the end of the step, the box lengths (x y z) and tilts
 * (xy xz yz) move toward their targets, linearly in the run's progress for final/delta/scale/vel/
 * erate and exponentially for trate. The box's rate of change goes to engine.hRate / hRateLo
 * (LAMMPS Domain::h_rate, h_ratelo) for compute temp/deform and fix nvt/sllod. `remap x` maps the
 * group's atoms affinely with the box; `remap v` instead changes the velocity of atoms that cross a
 * periodic boundary by the box's rate (Domain::pbc with deform_vremap). A tilt beyond half the box
 * length flips the box to the equivalent shape on the next step (`flip yes`, FixDeform::pre_exchange).
 * Not supported: the volume, wiggle and variable styles.
 */
import type { Engine } from '../engine.js';
import { ScriptError } from '../errors.js';
import type { Fix } from './fix.js';
import { inumeric, numeric, yesno } from '../input/args.js';
import { lamda2x, setBoxTilt, x2lamda } from '../space/box.js';

type Style = 'none' | 'final' | 'delta' | 'scale' | 'vel' | 'erate' | 'trate';

interface Set {
  style: Style;
  a: number; // final lo | dlo | scale | vel | rate | ftilt | dtilt
  b: number; // final hi | dhi
  loStart: number;
  hiStart: number;
  loStop: number;
  hiStop: number;
  loTarget: number;
  hiTarget: number;
  tiltStart: number;
  tiltStop: number;
  tiltTarget: number;
  tiltFlip: number;
  loInitial: number;
  hiInitial: number;
  tiltInitial: number;
}

const PARAMS = ['x', 'y', 'z', 'yz', 'xz', 'xy'];
const NARGS: Record<string, number> = { final: 2, delta: 2, scale: 1, vel: 1, erate: 1, trate: 1 };

export class FixDeform implements Fix<Engine> {
  style = 'deform';
  changesBox = true;
  private nevery: number;
  private set: Set[];
  remap: 'x' | 'v' | 'none' = 'x';
  private flipflag = true;
  private flip = false;
  private flipxy = 0;
  private flipxz = 0;
  private flipyz = 0;
  /** Step at which the lists must be rebuilt (after a flip was decided), else -1. */
  nextReneighbor = -1;

  constructor(
    readonly id: string,
    readonly group: string,
    args: string[],
    e: Engine,
  ) {
    if (args.length < 1) throw new ScriptError('fix deform: expected N and at least one parameter');
    this.nevery = inumeric(args[0], 'fix deform N');
    if (this.nevery <= 0) throw new ScriptError('fix deform: N must be > 0');
    const mk = (): Set => ({
      style: 'none', a: 0, b: 0, loStart: 0, hiStart: 0, loStop: 0, hiStop: 0, loTarget: 0, hiTarget: 0,
      tiltStart: 0, tiltStop: 0, tiltTarget: 0, tiltFlip: 0, loInitial: 0, hiInitial: 0, tiltInitial: 0,
    });
    this.set = [mk(), mk(), mk(), mk(), mk(), mk()];
    let scaleflag = true;
    let k = 1;
    while (k < args.length) {
      const p = PARAMS.indexOf(args[k]);
      if (p >= 0) {
        const st = args[k + 1];
        if (st === 'volume' || st === 'wiggle' || st === 'variable') throw new ScriptError(`fix deform: style '${st}' is not supported by lmpv`);
        // a tilt's final and delta take one value (the tilt), a length's two (lo hi)
        const n = p >= 3 && (st === 'final' || st === 'delta') ? 1 : NARGS[st];
        if (n === undefined || (p >= 3 && st === 'scale')) throw new ScriptError(`fix deform ${args[k]}: style '${st}' is not understood`);
        const s = this.set[p];
        s.style = st as Style;
        s.a = numeric(args[k + 2], `fix deform ${args[k]} ${st}`);
        if (n === 2) s.b = numeric(args[k + 3], `fix deform ${args[k]} ${st}`);
        k += 2 + n;
      } else if (args[k] === 'remap') {
        const v = args[k + 1];
        if (v !== 'x' && v !== 'v' && v !== 'none') throw new ScriptError(`fix deform remap: expected x, v or none, found '${v}'`);
        this.remap = v;
        k += 2;
      } else if (args[k] === 'flip') {
        this.flipflag = yesno(args[k + 1], 'fix deform flip');
        k += 2;
      } else if (args[k] === 'units') {
        const v = args[k + 1];
        if (v !== 'box' && v !== 'lattice') throw new ScriptError(`fix deform units: expected box or lattice, found '${v}'`);
        scaleflag = v === 'lattice';
        k += 2;
      } else throw new ScriptError(`fix deform: keyword '${args[k]}' is not understood`);
    }
    const box = e.sys.box;
    for (let i = 3; i < 6; i++)
      if (this.set[i].style !== 'none' && !box.triclinic) throw new ScriptError('fix deform: a tilt can only change in a triclinic box');
    if (e.sys.dimension === 2 && (this.set[2].style !== 'none' || this.set[3].style !== 'none' || this.set[4].style !== 'none'))
      throw new ScriptError('fix deform: cannot change z, xz or yz in a 2d simulation');
    // lattice scaling of final/delta/vel (tilts in their first dimension: yz by y, xz and xy by x)
    const anyScaled = this.set.some((s) => s.style === 'final' || s.style === 'delta' || s.style === 'vel');
    const L = e.lattice;
    const sc = anyScaled && scaleflag && L ? [L.xlattice, L.ylattice, L.zlattice] : [1, 1, 1];
    const map = [sc[0], sc[1], sc[2], sc[1], sc[0], sc[0]];
    for (let i = 0; i < 6; i++) {
      const s = this.set[i];
      if (s.style === 'final' || s.style === 'delta') {
        s.a *= map[i];
        if (i < 3) s.b *= map[i];
      } else if (s.style === 'vel') s.a *= map[i];
    }
    // box at creation: the start of a run continued with run start/stop
    for (let i = 0; i < 3; i++) {
      this.set[i].loInitial = box.lo[i];
      this.set[i].hiInitial = box.hi[i];
    }
    this.set[3].tiltInitial = box.h[3];
    this.set[4].tiltInitial = box.h[4];
    this.set[5].tiltInitial = box.h[5];
  }

  /** FixDeform::init: start/stop values and the constant rates (before any fix's setup). */
  init(e: Engine): void {
    if (e.fixes.filter((f) => f.style === 'deform').length > 1) throw new ScriptError('more than one fix deform');
    const box = e.sys.box;
    const delt = (e.endstep - e.beginstep) * e.dt;
    const fresh = e.firststep === e.beginstep;
    for (let i = 0; i < 3; i++) {
      const s = this.set[i];
      s.loStart = fresh ? box.lo[i] : s.loInitial;
      s.hiStart = fresh ? box.hi[i] : s.hiInitial;
      const len = s.hiStart - s.loStart;
      const mid = 0.5 * (s.loStart + s.hiStart);
      if (s.style === 'final') {
        s.loStop = s.a;
        s.hiStop = s.b;
      } else if (s.style === 'delta') {
        s.loStop = s.loStart + s.a;
        s.hiStop = s.hiStart + s.b;
      } else if (s.style === 'scale') {
        s.loStop = mid - 0.5 * s.a * len;
        s.hiStop = mid + 0.5 * s.a * len;
      } else if (s.style === 'vel') {
        s.loStop = s.loStart - 0.5 * delt * s.a;
        s.hiStop = s.hiStart + 0.5 * delt * s.a;
      } else if (s.style === 'erate') {
        s.loStop = s.loStart - 0.5 * delt * s.a * len;
        s.hiStop = s.hiStart + 0.5 * delt * s.a * len;
        if (s.hiStop <= s.loStop) throw new ScriptError('final box dimension due to fix deform is < 0.0');
      } else if (s.style === 'trate') {
        s.loStop = mid - 0.5 * (len * Math.exp(s.a * delt));
        s.hiStop = mid + 0.5 * (len * Math.exp(s.a * delt));
      }
    }
    for (let i = 3; i < 6; i++) {
      const s = this.set[i];
      s.tiltStart = fresh ? box.h[i] : s.tiltInitial;
      if (s.style === 'final') s.tiltStop = s.a;
      else if (s.style === 'delta') s.tiltStop = s.tiltStart + s.a;
      else if (s.style === 'vel') s.tiltStop = s.tiltStart + delt * s.a;
      else if (s.style === 'erate') {
        const d = i === 5 ? 1 : 2; // xy by the y length, xz and yz by the z length
        s.tiltStop = s.tiltStart + delt * s.a * (this.set[d].hiStart - this.set[d].loStart);
      } else if (s.style === 'trate') {
        if (s.tiltStart === 0.0) throw new ScriptError('cannot use fix deform trate on a box with zero tilt');
        s.tiltStop = s.tiltStart * Math.exp(s.a * delt);
      }
    }
    const hr = e.hRate, hl = e.hRateLo;
    for (let i = 0; i < 3; i++) {
      const s = this.set[i];
      hr[i] = hl[i] = 0.0;
      if (s.style !== 'none' && s.style !== 'trate') {
        let dlo = 0, dhi = 0;
        if (delt !== 0.0) {
          dlo = (s.loStop - s.loStart) / delt;
          dhi = (s.hiStop - s.hiStart) / delt;
        }
        hr[i] = dhi - dlo;
        hl[i] = dlo;
      }
    }
    for (let i = 3; i < 6; i++) {
      const s = this.set[i];
      hr[i] = 0.0;
      if (s.style !== 'none' && s.style !== 'trate' && delt !== 0.0) hr[i] = (s.tiltStop - s.tiltStart) / delt;
    }
    e.deformVremapBit = this.remap === 'v' ? e.groupBit(this.group) : 0;
  }

  /** FixDeform::pre_exchange: the flip decided on the previous step (box tilts, image flags, atoms remapped). */
  preExchange(e: Engine): void {
    if (!this.flip) return;
    const s = e.sys;
    const box = s.box;
    this.set[3].tiltTarget = this.set[3].tiltFlip;
    this.set[4].tiltTarget = this.set[4].tiltFlip;
    this.set[5].tiltTarget = this.set[5].tiltFlip;
    setBoxTilt(box, this.set[5].tiltFlip, this.set[4].tiltFlip, this.set[3].tiltFlip);
    // Domain::image_flip
    const img = s.image;
    for (let i = 0; i < s.nlocal; i++) {
      const zb = img[3 * i + 2];
      const yb = img[3 * i + 1] - this.flipyz * zb;
      img[3 * i] -= this.flipxy * yb + this.flipxz * zb;
      img[3 * i + 1] = yb;
    }
    // Domain::remap of every atom (as many periods as needed), then the x -> lamda -> x round trip of the migration
    const lam = new Float64Array(3);
    const one = new Float64Array(3);
    for (let i = 0; i < s.nlocal; i++) {
      one[0] = s.x[3 * i];
      one[1] = s.x[3 * i + 1];
      one[2] = s.x[3 * i + 2];
      x2lamda(lam, box, one, 1);
      for (let d = 0; d < 3; d++) {
        if (!box.periodic[d]) continue;
        while (lam[d] < 0) {
          lam[d] += 1;
          img[3 * i + d]--;
        }
        while (lam[d] >= 1) {
          lam[d] -= 1;
          img[3 * i + d]++;
        }
        lam[d] = Math.max(lam[d], 0);
      }
      lamda2x(one, box, lam, 1);
      x2lamda(lam, box, one, 1);
      lamda2x(one, box, lam, 1);
      s.x[3 * i] = one[0];
      s.x[3 * i + 1] = one[1];
      s.x[3 * i + 2] = one[2];
    }
    this.flip = false;
  }

  endOfStep(e: Engine): void {
    if (e.ntimestep % this.nevery !== 0) return;
    const box = e.sys.box;
    let delta = e.ntimestep - e.beginstep;
    if (delta !== 0.0) delta /= e.endstep - e.beginstep;
    const hr = e.hRate, hl = e.hRateLo;
    for (let i = 0; i < 3; i++) {
      const s = this.set[i];
      if (s.style === 'none') {
        s.loTarget = box.lo[i];
        s.hiTarget = box.hi[i];
      } else if (s.style === 'trate') {
        const delt = (e.ntimestep - e.beginstep) * e.dt;
        s.loTarget = 0.5 * (s.loStart + s.hiStart) - 0.5 * ((s.hiStart - s.loStart) * Math.exp(s.a * delt));
        s.hiTarget = 0.5 * (s.loStart + s.hiStart) + 0.5 * ((s.hiStart - s.loStart) * Math.exp(s.a * delt));
        hr[i] = s.a * box.h[i];
        hl[i] = -0.5 * hr[i];
      } else {
        s.loTarget = s.loStart + delta * (s.loStop - s.loStart);
        s.hiTarget = s.hiStart + delta * (s.hiStop - s.hiStart);
      }
    }
    const triclinic = box.triclinic;
    if (triclinic) {
      const h = box.h;
      for (let i = 3; i < 6; i++) {
        const s = this.set[i];
        if (s.style === 'none') s.tiltTarget = h[i];
        else if (s.style === 'trate') {
          const delt = (e.ntimestep - e.beginstep) * e.dt;
          s.tiltTarget = s.tiltStart * Math.exp(s.a * delt);
          hr[i] = s.a * h[i];
        } else s.tiltTarget = s.tiltStart + delta * (s.tiltStop - s.tiltStart);
        // the tilt image nearest the current one (a box may have flipped)
        const idenom = i === 3 ? 1 : 0;
        const denom = this.set[idenom].hiTarget - this.set[idenom].loTarget;
        const current = h[i] / h[idenom];
        while (s.tiltTarget / denom - current > 0.0) s.tiltTarget -= denom;
        while (s.tiltTarget / denom - current < 0.0) s.tiltTarget += denom;
        if (Math.abs(s.tiltTarget / denom - 1.0 - current) < Math.abs(s.tiltTarget / denom - current)) s.tiltTarget -= denom;
      }
    }
    if (triclinic && this.flipflag) this.decideFlip(e);
    const s = e.sys;
    const bit = e.groupBit(this.group);
    const remapX = this.remap === 'x';
    const lam = new Float64Array(3), one = new Float64Array(3);
    const inGroup: number[] = [];
    const lamdas: number[] = [];
    if (remapX)
      for (let i = 0; i < s.nlocal; i++)
        if (s.mask[i] & bit) {
          one[0] = s.x[3 * i];
          one[1] = s.x[3 * i + 1];
          one[2] = s.x[3 * i + 2];
          x2lamda(lam, box, one, 1);
          inGroup.push(i);
          lamdas.push(lam[0], lam[1], lam[2]);
        }
    for (let i = 0; i < 3; i++)
      if (this.set[i].style !== 'none') {
        box.lo[i] = this.set[i].loTarget;
        box.hi[i] = this.set[i].hiTarget;
      }
    let xy = box.h[5], xz = box.h[4], yz = box.h[3];
    if (triclinic) {
      if (this.set[3].style !== 'none') yz = this.set[3].tiltTarget;
      if (this.set[4].style !== 'none') xz = this.set[4].tiltTarget;
      if (this.set[5].style !== 'none') xy = this.set[5].tiltTarget;
    }
    setBoxTilt(box, xy, xz, yz);
    if (remapX)
      for (let k = 0; k < inGroup.length; k++) {
        lam[0] = lamdas[3 * k];
        lam[1] = lamdas[3 * k + 1];
        lam[2] = lamdas[3 * k + 2];
        lamda2x(one, box, lam, 1);
        const i = inGroup[k];
        s.x[3 * i] = one[0];
        s.x[3 * i + 1] = one[1];
        s.x[3 * i + 2] = one[2];
      }
  }

  private decideFlip(e: Engine): void {
    const st = this.set;
    const xprd = st[0].hiTarget - st[0].loTarget;
    const yprd = st[1].hiTarget - st[1].loTarget;
    const xinv = 1.0 / xprd, yinv = 1.0 / yprd;
    const out = (t: number, inv: number) => t * inv < -0.5 || t * inv > 0.5;
    if (!(out(st[3].tiltTarget, yinv) || out(st[4].tiltTarget, xinv) || out(st[5].tiltTarget, xinv))) return;
    st[3].tiltFlip = st[3].tiltTarget;
    st[4].tiltFlip = st[4].tiltTarget;
    st[5].tiltFlip = st[5].tiltTarget;
    this.flipxy = this.flipxz = this.flipyz = 0;
    const per = e.sys.box.periodic;
    if (per[1]) {
      if (st[3].tiltFlip * yinv < -0.5) {
        st[3].tiltFlip += yprd;
        st[4].tiltFlip += st[5].tiltFlip;
        this.flipyz = 1;
      } else if (st[3].tiltFlip * yinv > 0.5) {
        st[3].tiltFlip -= yprd;
        st[4].tiltFlip -= st[5].tiltFlip;
        this.flipyz = -1;
      }
    }
    if (per[0]) {
      if (st[4].tiltFlip * xinv < -0.5) {
        st[4].tiltFlip += xprd;
        this.flipxz = 1;
      }
      if (st[4].tiltFlip * xinv > 0.5) {
        st[4].tiltFlip -= xprd;
        this.flipxz = -1;
      }
      if (st[5].tiltFlip * xinv < -0.5) {
        st[5].tiltFlip += xprd;
        this.flipxy = 1;
      }
      if (st[5].tiltFlip * xinv > 0.5) {
        st[5].tiltFlip -= xprd;
        this.flipxy = -1;
      }
    }
    this.flip = this.flipxy !== 0 || this.flipxz !== 0 || this.flipyz !== 0;
    if (this.flip) this.nextReneighbor = e.ntimestep + 1;
  }
}
