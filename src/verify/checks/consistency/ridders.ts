/**
 * Derivative of a function by central differences extrapolated to zero step (Ridders' method:
 * C. J. F. Ridders, Adv. Eng. Software 4 (1982) 75; Numerical Recipes 2nd ed. section 5.7,
 * `dfridr`). OpenKIM's verification check "Forces consistent with energy" (vc-forces-numer-deriv)
 * uses the same method: a tableau of central differences at steps h, h/1.4, h/1.4^2, ...,
 * Neville-extrapolated in h^2; the estimate kept is the one whose extrapolation changed least, and
 * that change is the error estimate. Stops when the error grows by more than SAFE (round-off).
 */

export interface Derivative {
  /** df/dx at the point. */
  value: number;
  /** Error estimate (the last change of the kept extrapolation). */
  error: number;
  /** The central-difference step at which the kept estimate was found. */
  step: number;
}

const CON = 1.4;
const CON2 = CON * CON;
const SAFE = 2.0;

/** `f(h)` is the function at x + h; `h0` the first (largest) step; at most `ntab` steps. */
export function ridders(f: (h: number) => number, h0: number, ntab = 10): Derivative {
  if (!(h0 > 0)) throw new Error(`ridders: step must be positive, found ${h0}`);
  const a: number[][] = Array.from({ length: ntab }, () => new Array<number>(ntab).fill(0));
  let hh = h0;
  a[0][0] = (f(hh) - f(-hh)) / (2 * hh);
  let best: Derivative = { value: a[0][0], error: Infinity, step: hh };
  for (let i = 1; i < ntab; i++) {
    hh /= CON;
    a[0][i] = (f(hh) - f(-hh)) / (2 * hh);
    let fac = CON2;
    for (let j = 1; j <= i; j++) {
      a[j][i] = (a[j - 1][i] * fac - a[j - 1][i - 1]) / (fac - 1);
      fac *= CON2;
      const errt = Math.max(Math.abs(a[j][i] - a[j - 1][i]), Math.abs(a[j][i] - a[j - 1][i - 1]));
      if (errt <= best.error) best = { value: a[j][i], error: errt, step: hh };
    }
    if (Math.abs(a[i][i] - a[i - 1][i - 1]) >= SAFE * best.error) break;
  }
  return best;
}

/**
 * Ridders from several first steps h0, h0/10, h0/100, ... (`levels` of them), keeping the result
 * with the smallest error estimate, as OpenKIM's check scans its step: a step that straddles a
 * kink or jump of the function (a pair crossing a cutoff) gives a large error estimate and loses
 * to a smaller one. Stops early once the estimate is below `good`.
 */
export function riddersScan(f: (h: number) => number, h0: number, levels = 4, good = 0): Derivative {
  let best: Derivative | null = null;
  for (let k = 0; k < levels; k++) {
    const d = ridders(f, h0 / 10 ** k);
    if (!best || d.error < best.error) best = d;
    if (best.error <= good) break;
  }
  return best as Derivative;
}
