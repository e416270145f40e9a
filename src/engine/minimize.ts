/**
 * `minimize etol ftol maxiter maxeval` with LAMMPS's defaults (min_style cg, min_modify
 * line quadratic, dmax 0.1, norm two): Polak-Ribiere conjugate gradients (restart every 3N
 * iterations or when the direction is not downhill) with a backtracking line search that ends
 * with a secant (quadratic) projection, as described in the LAMMPS minimize doc page and
 * min_cg.cpp / min_linesearch.cpp. Energies are normalised per atom when thermo normalises
 * (lj units), as LAMMPS does, so the stopping tests are the same. During minimisation the
 * neighbour lists use every 1 delay 0 check yes, and atoms crossing periodic boundaries keep
 * their line-search origin by minimum image (fix MINIMIZE reset_coords).
 */
import type { Engine } from './engine.js';
import type { Fix } from './fixes/fix.js';
import { ScriptError } from './errors.js';
import { updateGhosts } from './space/ghosts.js';
import { minimumImage } from './space/box.js';

const ALPHA_MAX = 1.0;
const ALPHA_REDUCE = 0.5;
const BACKTRACK_SLOPE = 0.4;
const QUADRATIC_TOL = 0.1;
const EMACH = 1.0e-8;
const EPS_QUAD = 1.0e-28;
const EPS_ENERGY = 1.0e-8;

export const STOP = ['max iterations', 'max force evaluations', 'energy tolerance', 'force tolerance', 'search direction is not downhill', 'linesearch alpha is zero', 'forces are zero', 'quadratic factors are zero'] as const;
const MAXITER = 0, MAXEVAL = 1, ETOL = 2, FTOL = 3, DOWNHILL = 4, ZEROALPHA = 5, ZEROFORCE = 6, ZEROQUAD = 7;

export interface MinStats {
  stop: string;
  einitial: number;
  eprevious: number;
  efinal: number;
  fnorm2Init: number;
  fnorm2Final: number;
  fnormInfInit: number;
  fnormInfFinal: number;
  alphaFinal: number;
  niter: number;
  neval: number;
  nsteps: number;
}

/** Per-atom line-search vectors (x0, g, h) that move with atoms when LAMMPS's sort reorders them. */
class MinVectors implements Fix<Engine> {
  id = 'MINIMIZE';
  group = 'all';
  style = 'minimize';
  x0 = new Float64Array(0);
  g = new Float64Array(0);
  h = new Float64Array(0);
  permute(perm: Int32Array): void {
    for (const a of [this.x0, this.g, this.h]) {
      const old = a.slice(0, 3 * perm.length);
      for (let i = 0; i < perm.length; i++) for (let k = 0; k < 3; k++) a[3 * i + k] = old[3 * perm[i] + k];
    }
  }
}

/**
 * Run the minimizer. `output(step, final)` writes thermo/dumps when they are due (final: the
 * forced output at the last step). Returns LAMMPS's "Minimization stats".
 */
export function minimize(e: Engine, etol: number, ftol: number, maxiter: number, maxeval: number, output: (force: boolean) => void): MinStats {
  const s = e.sys;
  if (etol < 0 || ftol < 0) throw new ScriptError('illegal minimize command: tolerances must be >= 0');
  const saved = { ...e.neighOpts };
  if (saved.every !== 1 || saved.delay !== 0 || !saved.check) e.warn("Using 'neigh_modify every 1 delay 0 check yes' setting during minimization");
  e.neighOpts.every = 1;
  e.neighOpts.delay = 0;
  e.neighOpts.check = true;
  e.neighOpts.once = false;
  const vec = new MinVectors();
  e.fixes.push(vec);
  try {
    return run();
  } finally {
    e.fixes.splice(e.fixes.indexOf(vec), 1);
    Object.assign(e.neighOpts, saved);
    e.policy.set({ every: saved.every, delay: saved.delay, check: saved.check });
  }

  function run(): MinStats {
    e.initRun();
    e.setup(false);
    e.policy.setupDone();
    for (const f of e.fixes) f.minPostForce?.(e);
    // extra global dof of fixes (fix box/relax): LAMMPS Min::setup nextra_global, fextra/gextra/hextra
    const xfix = e.fixes.filter((f) => (f.minDof?.(e) ?? 0) > 0);
    const xlen = xfix.map((f) => f.minDof!(e));
    const nextra = xlen.reduce((a, b) => a + b, 0);
    const fextra = new Float64Array(nextra), gextra = new Float64Array(nextra), hextra = new Float64Array(nextra);
    const slice = (a: Float64Array, k: number) => {
      let o = 0;
      for (let m = 0; m < k; m++) o += xlen[m];
      return a.subarray(o, o + xlen[k]);
    };
    const extraEnergy = () => {
      let t = 0;
      xfix.forEach((f, k) => (t += f.minEnergy!(e, slice(fextra, k))));
      return t;
    };
    const extraStep = (alpha: number) => xfix.forEach((f, k) => f.minStep!(e, alpha, slice(hextra, k)));
    const boxChange = e.fixes.some((f) => f.changesBox);
    // fix MINIMIZE store_box: the box at the start of a line search, for reset_coords
    const storedLo = new Float64Array(3), storedHi = new Float64Array(3);
    const n3 = () => 3 * s.nlocal;
    const norm = () => (e.thermo.norm && s.nlocal > 0 ? s.nlocal : 1);
    const energyNow = () => (nextra ? e.potentialEnergy() + extraEnergy() : e.potentialEnergy()) / norm();
    const fnormSqr = () => {
      let t = 0;
      const f = s.f;
      for (let i = 0; i < n3(); i++) t += f[i] * f[i];
      for (let i = 0; i < nextra; i++) t += fextra[i] * fextra[i];
      return t;
    };
    const fnormInf = () => {
      let t = 0;
      const f = s.f;
      for (let i = 0; i < n3(); i++) t = Math.max(f[i] * f[i], t);
      for (let i = 0; i < nextra; i++) t = Math.max(fextra[i] * fextra[i], t);
      return t;
    };
    const resize = () => {
      if (vec.x0.length < n3()) {
        vec.x0 = new Float64Array(n3());
        vec.g = new Float64Array(n3());
        vec.h = new Float64Array(n3());
      }
    };
    resize();
    output(false);
    let ecurrent = energyNow();
    const stats: MinStats = {
      stop: '',
      einitial: ecurrent,
      eprevious: ecurrent,
      efinal: ecurrent,
      fnorm2Init: Math.sqrt(fnormSqr()),
      fnorm2Final: 0,
      fnormInfInit: Math.sqrt(fnormInf()),
      fnormInfFinal: 0,
      alphaFinal: 0,
      niter: 0,
      neval: 0,
      nsteps: maxiter,
    };
    const laststep = e.ntimestep + maxiter;
    const dmax = e.minDmax;

    /** Forces and (normalised) energy at the current positions; reneighbour when atoms moved too far. */
    const energyForce = (resetflag: boolean): number => {
      if (boxChange ? e.decideBoxChange() : e.policy.decide(s.x, s.nlocal)) {
        e.reneighbor();
        if (resetflag) {
          // FixMinimize::reset_coords: minimum image in the box of the line search's start
          const b = s.box;
          const lo = Float64Array.from(b.lo), hi = Float64Array.from(b.hi);
          if (boxChange) { b.lo.set(storedLo); b.hi.set(storedHi); s.refreshBox(); }
          const d = new Float64Array(3);
          for (let i = 0; i < s.nlocal; i++) {
            for (let k = 0; k < 3; k++) d[k] = s.x[3 * i + k] - vec.x0[3 * i + k];
            const d0 = [d[0], d[1], d[2]];
            minimumImage(s.box, d);
            for (let k = 0; k < 3; k++) if (d[k] !== d0[k]) vec.x0[3 * i + k] = s.x[3 * i + k] - d[k];
          }
          if (boxChange) { b.lo.set(lo); b.hi.set(hi); s.refreshBox(); }
        }
      } else updateGhosts(e.ghosts, s.box, s.x);
      for (const f of e.fixes) f.preForce?.(e);
      e.computeForces();
      for (const f of e.fixes) f.minPostForce?.(e);
      return energyNow();
    };

    const alphaStep = (alpha: number, resetflag: boolean): number => {
      const x = s.x, x0 = vec.x0, h = vec.h;
      if (nextra) extraStep(0.0);
      for (let i = 0; i < n3(); i++) x[i] = x0[i];
      if (alpha > 0) {
        if (nextra) extraStep(alpha);
        for (let i = 0; i < n3(); i++) x[i] += alpha * h[i];
      }
      stats.neval++;
      return energyForce(resetflag);
    };

    /** min_reset_ref of the extra-dof fixes; a reset reference box means energy and forces anew. */
    const resetRef = (): void => {
      if (!nextra) return;
      let again = false;
      for (const fx of xfix) if (fx.minResetRef?.(e)) again = true;
      if (again) ecurrent = energyForce(true);
    };

    /** Backtracking line search with quadratic projection (LAMMPS linemin_quadratic). */
    const linemin = (eoriginal: number): number => {
      const f = s.f, h = vec.h;
      let fdothall = 0;
      for (let i = 0; i < n3(); i++) fdothall += f[i] * h[i];
      for (let i = 0; i < nextra; i++) fdothall += fextra[i] * hextra[i];
      if (e.thermo.norm) fdothall /= s.nlocal;
      if (fdothall <= 0) return DOWNHILL;
      let hmax = 0;
      for (let i = 0; i < n3(); i++) hmax = Math.max(hmax, Math.abs(h[i]));
      let alphamax = Math.min(ALPHA_MAX, dmax / hmax);
      if (nextra) {
        xfix.forEach((fx, k) => (alphamax = Math.min(alphamax, fx.maxAlpha!(e, slice(hextra, k)))));
        for (let i = 0; i < nextra; i++) hmax = Math.max(hmax, Math.abs(hextra[i]));
      }
      if (hmax === 0) return ZEROFORCE;
      storedLo.set(s.box.lo);
      storedHi.set(s.box.hi);
      vec.x0.set(s.x.subarray(0, n3()));
      if (nextra) for (const fx of xfix) fx.minStore!(e);
      let alpha = alphamax;
      let fhprev = fdothall;
      let engprev = eoriginal;
      let alphaprev = 0;
      for (;;) {
        ecurrent = alphaStep(alpha, true);
        let ff = 0, fh = 0;
        for (let i = 0; i < n3(); i++) {
          ff += s.f[i] * s.f[i];
          fh += s.f[i] * h[i];
        }
        for (let i = 0; i < nextra; i++) {
          ff += fextra[i] * fextra[i];
          fh += fextra[i] * hextra[i];
        }
        if (e.thermo.norm) {
          ff /= s.nlocal;
          fh /= s.nlocal;
        }
        void ff;
        const delfh = fh - fhprev;
        if (Math.abs(fh) < EPS_QUAD || Math.abs(delfh) < EPS_QUAD) {
          ecurrent = alphaStep(0, false);
          stats.alphaFinal = alpha;
          return ZEROQUAD;
        }
        const relerr = Math.abs(1.0 - (0.5 * (alpha - alphaprev) * (fh + fhprev) + ecurrent) / engprev);
        const alpha0 = alpha - ((alpha - alphaprev) * fh) / delfh;
        if (relerr <= QUADRATIC_TOL && alpha0 > 0 && alpha0 < alphamax) {
          ecurrent = alphaStep(alpha0, true);
          if (ecurrent - eoriginal < EMACH) {
            stats.alphaFinal = alpha;
            resetRef();
            return -1;
          }
        }
        const deIdeal = -BACKTRACK_SLOPE * alpha * fdothall;
        const de = ecurrent - eoriginal;
        if (de <= deIdeal) {
          stats.alphaFinal = alpha;
          resetRef();
          return -1;
        }
        fhprev = fh;
        engprev = ecurrent;
        alphaprev = alpha;
        alpha *= ALPHA_REDUCE;
        if (alpha <= 0 || deIdeal >= -EMACH) {
          ecurrent = alphaStep(0, false);
          stats.alphaFinal = alpha;
          return ZEROALPHA;
        }
      }
    };

    const iterate = (): number => {
      const nlimit = Math.min(2147483647, 3 * s.nlocal + nextra);
      resize();
      vec.h.set(s.f.subarray(0, n3()));
      vec.g.set(s.f.subarray(0, n3()));
      hextra.set(fextra);
      gextra.set(fextra);
      let gg = fnormSqr();
      for (let iter = 0; iter < maxiter; iter++) {
        e.ntimestep++;
        stats.niter++;
        stats.eprevious = ecurrent;
        const fail = linemin(ecurrent);
        if (fail >= 0) return fail;
        if (stats.neval >= maxeval) return MAXEVAL;
        if (Math.abs(ecurrent - stats.eprevious) < etol * 0.5 * (Math.abs(ecurrent) + Math.abs(stats.eprevious) + EPS_ENERGY)) return ETOL;
        const f = s.f, g = vec.g, h = vec.h;
        let d0 = 0, d1 = 0;
        for (let i = 0; i < n3(); i++) {
          d0 += f[i] * f[i];
          d1 += f[i] * g[i];
        }
        for (let i = 0; i < nextra; i++) {
          d0 += fextra[i] * fextra[i];
          d1 += fextra[i] * gextra[i];
        }
        if (ftol > 0 && d0 < ftol * ftol) return FTOL;
        let beta = Math.max(0, (d0 - d1) / gg);
        if ((stats.niter + 1) % nlimit === 0) beta = 0;
        gg = d0;
        let gh = 0;
        for (let i = 0; i < n3(); i++) {
          g[i] = f[i];
          h[i] = g[i] + beta * h[i];
          gh += g[i] * h[i];
        }
        for (let i = 0; i < nextra; i++) {
          gextra[i] = fextra[i];
          hextra[i] = gextra[i] + beta * hextra[i];
          gh += gextra[i] * hextra[i];
        }
        if (gh <= 0) {
          for (let i = 0; i < n3(); i++) h[i] = g[i];
          hextra.set(gextra);
        }
        if ((e.thermo.every > 0 && e.ntimestep % e.thermo.every === 0) || e.ntimestep === laststep || e.dumps.some((d) => e.ntimestep % d.every === 0)) output(false);
      }
      return MAXITER;
    };

    const stop = maxiter > 0 ? iterate() : MAXITER;
    stats.stop = STOP[stop];
    if (stop !== MAXITER) {
      stats.nsteps = stats.niter;
      ecurrent = energyForce(false);
      output(true);
    }
    stats.efinal = ecurrent;
    stats.fnorm2Final = Math.sqrt(fnormSqr());
    stats.fnormInfFinal = Math.sqrt(fnormInf());
    return stats;
  }
}
