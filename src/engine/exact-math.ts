/**
 * Correctly rounded pow(a, b) for a > 0, as glibc's pow (which LAMMPS calls): V8's Math.pow is
 * off by one ulp for some arguments (e.g. pow(4/0.9, 1/3)), which moves lattice sites by an ulp
 * and so changes every `velocity ... loop geom` draw (it hashes the coordinate bits).
 *
 * Math.pow gives a candidate; its neighbours one ulp away are compared with a^b evaluated in
 * 256-bit fixed point (ln by atanh series, exp by Taylor series after ln2 reduction), and the
 * nearest is returned.
 */
const P = 256n;
const ONE = 1n << P;

function atanhFixed(z: bigint): bigint {
  // z in fixed point, |z| <= 1/3: sum z^(2k+1)/(2k+1)
  const z2 = (z * z) >> P;
  let term = z;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * z2) >> P;
  }
  return sum;
}

const LN2 = 2n * atanhFixed(ONE / 3n);

/** Exact fixed-point value of a finite positive double: m * 2^e as BigInt at scale 2^P (may lose bits below 2^-P). */
function toFixed(x: number): bigint {
  const { mant, exp } = decompose(x);
  const sh = BigInt(exp) + P;
  return sh >= 0n ? mant << sh : mant >> -sh;
}

function decompose(x: number): { mant: bigint; exp: number } {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0), lo = dv.getUint32(4);
  const be = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (be === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = be - 1075;
  }
  return { mant, exp };
}

function lnFixed(a: number): bigint {
  // a = m * 2^e with m in [1, 2)
  const e = Math.floor(Math.log2(a));
  let m = a / Math.pow(2, e);
  let ee = e;
  if (m >= 2) {
    m /= 2;
    ee++;
  } else if (m < 1) {
    m *= 2;
    ee--;
  }
  const mf = toFixed(m);
  const z = ((mf - ONE) << P) / (mf + ONE);
  return 2n * atanhFixed(z) + BigInt(ee) * LN2;
}

function expFixed(y: bigint): { v: bigint; k: bigint } {
  // y = k ln2 + r
  let k = y / LN2;
  let r = y - k * LN2;
  if (r < 0n) {
    r += LN2;
    k -= 1n;
  }
  let term = ONE;
  let sum = 0n;
  for (let n = 1n; term !== 0n; n++) {
    sum += term;
    term = (term * r) / (n << P);
  }
  return { v: sum, k };
}

function nextUp(x: number): number {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  dv.setBigUint64(0, dv.getBigUint64(0) + 1n);
  return dv.getFloat64(0);
}

function nextDown(x: number): number {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  dv.setBigUint64(0, dv.getBigUint64(0) - 1n);
  return dv.getFloat64(0);
}

/** Correctly rounded a^b for finite a > 0 and finite b (falls back to Math.pow otherwise). */
export function powExact(a: number, b: number): number {
  const r = Math.pow(a, b);
  if (!(a > 0) || !Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(r) || r === 0 || b === 0 || a === 1) return r;
  if (Number.isInteger(b) && Math.abs(b) <= 2) return r;
  const bf = toFixed(b);
  const y = (lnFixed(a) * bf) >> P;
  const { v, k } = expFixed(y);
  // true value = v * 2^k (fixed point scale 2^P); compare candidates c as c * 2^-k in fixed point
  const dist = (c: number): bigint => {
    const { mant, exp } = decompose(c);
    const sh = BigInt(exp) - k + P;
    const cf = sh >= 0n ? mant << sh : mant >> -sh;
    const d = cf - v;
    return d < 0n ? -d : d;
  };
  let best = r;
  let bestD = dist(r);
  for (const c of [nextDown(r), nextUp(r)]) {
    const d = dist(c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
