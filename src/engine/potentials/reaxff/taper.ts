/**
 * ReaxFF's seventh-order taper (van Duin et al., J. Phys. Chem. A 105 (2001) 9396, eq. 21;
 * LAMMPS src/REAXFF/reaxff_init_md.cpp Init_Taper): Tap(r) = sum_k Tap[k] r^k, with
 * Tap(swa) = 1, Tap(swb) = 0 and the first three derivatives zero at both ends.
 * swa, swb: the ffield's lower/upper taper radius (general parameters l[11], l[12]) [distance].
 */
export function taperCoefficients(swa: number, swb: number): Float64Array {
  const d7 = Math.pow(swb - swa, 7.0);
  const swa2 = swa * swa, swa3 = swa * swa * swa;
  const swb2 = swb * swb, swb3 = swb * swb * swb;
  const t = new Float64Array(8);
  t[7] = 20.0 / d7;
  t[6] = (-70.0 * (swa + swb)) / d7;
  t[5] = (84.0 * (swa2 + 3.0 * swa * swb + swb2)) / d7;
  t[4] = (-35.0 * (swa3 + 9.0 * swa2 * swb + 9.0 * swa * swb2 + swb3)) / d7;
  t[3] = (140.0 * (swa3 * swb + 3.0 * swa2 * swb2 + swa * swb3)) / d7;
  t[2] = (-210.0 * (swa3 * swb2 + swa2 * swb3)) / d7;
  t[1] = (140.0 * swa3 * swb3) / d7;
  t[0] = (-35.0 * swa3 * swb2 * swb2 + 21.0 * swa2 * swb3 * swb2 - 7.0 * swa * swb3 * swb3 + swb3 * swb3 * swb) / d7;
  return t;
}

/** Tap(r) by Horner's rule (highest power first, as LAMMPS evaluates it). */
export function taper(t: Float64Array, r: number): number {
  let v = t[7] * r + t[6];
  v = v * r + t[5];
  v = v * r + t[4];
  v = v * r + t[3];
  v = v * r + t[2];
  v = v * r + t[1];
  return v * r + t[0];
}

/** (dTap/dr) / r, the form the pair forces use (LAMMPS's `dTap`). */
export function taperDerivOverR(t: Float64Array, r: number): number {
  let v = 7 * t[7] * r + 6 * t[6];
  v = v * r + 5 * t[5];
  v = v * r + 4 * t[4];
  v = v * r + 3 * t[3];
  v = v * r + 2 * t[2];
  return v + t[1] / r;
}
