/**
 * AssemblyScript twin of parseRows in src/io/lammps-dump.ts: LAMMPS dump atom lines -> f64 columns.
 * Build: scripts/build-dump-wasm.sh (embeds the .wasm in src/io/text/dump-rows-wasm.ts).
 *
 * Layout (pointer, count, stride; STYLE.md §9): input bytes at [inPtr, stop] where stop is a '\n';
 * kinds[ncol] (u8: 0 number, 2 skip) at kindsPtr; column k of row r goes to
 * outPtr + (k * blockRows + (r - row0)) * 8. Parses rows row0.. while row < limit.
 * Numbers: (1) the exact fast path (u64 mantissa <= 2^53 - 1, i.e. exact in f64, times or divided
 * by ONE exact power of ten <= 10^22: a single correctly rounded operation, so equal to Number());
 * (2) otherwise, for up to 19 digits and 10^-64..10^64, the Eisel-Lemire algorithm (D. Lemire,
 * "Number Parsing at a Gigabyte per Second", Softw. Pract. Exp. 51, 2021): the 128-bit product of
 * the normalised mantissa and a truncated 128-bit 10^q gives the correctly rounded double unless
 * the product's low bits are ambiguous (near a halfway point), in which case it gives up.
 * Any token it gives up on (more digits, inf, junk, ambiguity) and any malformed line stop the loop
 * with status 1 at the start of that line; the caller parses that line with the JS twin (Number()).
 */
import { POW10_128, POW10_QMAX, POW10_QMIN } from './pow10-128';
const POW10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Low 64 bits of the last mul128 product. */
let prodLo: u64 = 0;

/** High 64 bits of the 128-bit product a*b (low 64 bits in prodLo), from 32-bit halves. */
// @ts-ignore: decorator
@inline function mul128(a: u64, b: u64): u64 {
  const aL = a & 0xffffffff, aH = a >> 32, bL = b & 0xffffffff, bH = b >> 32;
  const ll = aL * bL, lh = aL * bH, hl = aH * bL, hh = aH * bH;
  const mid = (ll >> 32) + (lh & 0xffffffff) + (hl & 0xffffffff);
  prodLo = (mid << 32) | (ll & 0xffffffff);
  return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

/** Set by eiselLemire: did it produce the correctly rounded value? */
let elOk: bool = false;

/**
 * m * 10^q correctly rounded (m > 0, at most 19 digits), or elOk = false when the truncated table
 * value cannot decide the rounding (or q is outside the table, or the result is not normal).
 */
function eiselLemire(m: u64, q: i32): f64 {
  elOk = false;
  if (q < POW10_QMIN || q > POW10_QMAX) return 0;
  const lz = <i32>clz(m);
  const w = m << <u64>lz;
  const idx = (q - POW10_QMIN) << 1;
  let hi = mul128(w, unchecked(POW10_128[idx]));
  let lo = prodLo;
  if ((hi & 0x1ff) == 0x1ff && lo + w < w) {
    // the low bits may carry into the result: add the product with the table's low word
    const yHi = mul128(w, unchecked(POW10_128[idx + 1]));
    const yLo = prodLo;
    const mLo = lo + yHi;
    const mHi = mLo < lo ? hi + 1 : hi;
    if ((mHi & 0x1ff) == 0x1ff && mLo == 0xffffffffffffffff && yLo + w < w) return 0;
    hi = mHi;
    lo = mLo;
  }
  const top = <i32>(hi >> 63);
  let mant = hi >> <u64>(top + 9); // 54 bits
  // binary exponent: floor(log2 10^q) = (217706 q) >> 16, plus the normalisation shifts, biased
  let e2: i32 = ((217706 * q) >> 16) + 63 + 1023 + top - lz;
  if (lo == 0 && (hi & 0x1ff) == 0 && (mant & 3) == 1) return 0; // exactly halfway? let Number() decide
  mant += mant & 1;
  mant >>= 1;
  if (mant >> 53 != 0) {
    mant >>= 1;
    e2++;
  }
  if (e2 <= 0 || e2 >= 0x7ff) return 0;
  elOk = true;
  return reinterpret<f64>((<u64>e2 << 52) | (mant & 0xfffffffffffff));
}

/** Rows done when the call returned. */
export let rowsDone: i32 = 0;
/** 0: stopped at limit or end of input; 1: the line at the returned pointer needs the JS parser. */
export let status: i32 = 0;

export function parseRows_f64_soa(inPtr: usize, stop: usize, row0: i32, limit: i32, ncol: i32, kindsPtr: usize, outPtr: usize, blockRows: i32): usize {
  let i = inPtr;
  let row = row0;
  status = 0;
  while (row < limit && i <= stop) {
    const lineStart = i;
    let bad = false;
    for (let k = 0; k < ncol; k++) {
      let c = <u32>load<u8>(i);
      while (c == 32 || c == 9) c = <u32>load<u8>(++i);
      if (load<u8>(kindsPtr + <usize>k) != 0) {
        const s = i;
        while (c != 32 && c != 10 && c != 9 && c != 13) c = <u32>load<u8>(++i);
        if (i == s) { bad = true; break; }
        continue;
      }
      let neg = false;
      if (c == 45) { neg = true; c = <u32>load<u8>(++i); } else if (c == 43) { c = <u32>load<u8>(++i); }
      let mant: u64 = 0;
      const ds = i;
      while (c - 48 < 10) { mant = mant * 10 + <u64>(c - 48); c = <u32>load<u8>(++i); }
      let nd = <i32>(i - ds);
      let exp: i32 = 0;
      if (c == 46) {
        c = <u32>load<u8>(++i);
        const fs = i;
        while (c - 48 < 10) { mant = mant * 10 + <u64>(c - 48); c = <u32>load<u8>(++i); }
        exp = <i32>(fs - i);
        nd += <i32>(i - fs);
      }
      if (nd == 0) { bad = true; break; }
      if (nd > 19) {
        // leading zeros (0.00731...) are not significant: at most 19 significant digits fit a u64
        let z = ds;
        while (load<u8>(z) == 48 || load<u8>(z) == 46) z++;
        let sig = 0;
        for (let t = z; t < i; t++) if (load<u8>(t) != 46) sig++;
        if (sig > 19) { bad = true; break; }
      }
      if (c == 101 || c == 69) {
        c = <u32>load<u8>(++i);
        let eneg = false;
        if (c == 45) { eneg = true; c = <u32>load<u8>(++i); } else if (c == 43) { c = <u32>load<u8>(++i); }
        const es = i;
        let e: i32 = 0;
        while (c - 48 < 10) { if (e < 100000) e = e * 10 + <i32>(c - 48); c = <u32>load<u8>(++i); }
        if (i == es) { bad = true; break; }
        exp += eneg ? -e : e;
      }
      if (!(c == 32 || c == 10 || c == 9 || c == 13)) { bad = true; break; }
      let v: f64;
      if (mant <= 9007199254740991 && exp >= -22 && exp <= 22) {
        v = <f64>mant;
        if (exp < 0) v = v / unchecked(POW10[-exp]);
        else if (exp > 0) v = v * unchecked(POW10[exp]);
      } else if (mant == 0) {
        v = 0;
      } else {
        v = eiselLemire(mant, exp);
        if (!elOk) { bad = true; break; }
      }
      if (neg) v = -v;
      store<f64>(outPtr + ((<usize>k * <usize>blockRows + <usize>(row - row0)) << 3), v);
    }
    if (!bad) {
      let c = <u32>load<u8>(i);
      while (c == 32 || c == 9 || c == 13) c = <u32>load<u8>(++i);
      if (c != 10) bad = true;
    }
    if (bad) {
      status = 1;
      rowsDone = row;
      return lineStart;
    }
    i++;
    row++;
  }
  rowsDone = row;
  return i;
}
