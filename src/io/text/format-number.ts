/**
 * Shortest round-trip text of a double, written as bytes: the same text as `String(v)` (ECMAScript
 * Number::toString: the fewest significant digits that read back to v, the closest of them to v),
 * except that -0 is "-0" (numbers.ts formatFloat). Writers call this for values they computed;
 * values read from a file and not changed are copied as the file's own tokens (row-writer.ts).
 *
 * Fast path (no string made): integers below 2^53, and decimals 1e-6 <= |v| < 1e15 with at most 15
 * significant digits. For those the digits are found by the inverse of the readers' exact path
 * (numbers.ts, Clinger): the smallest k such that m = round(|v| * 10^k) satisfies m / 10^k === |v|.
 * m < 10^15 and 10^k <= 10^22 are exact doubles, so the division is one correctly rounded
 * operation: the text "m * 10^-k" reads back to v. With 15 digits or fewer, neighbouring candidates
 * m +- 1 are more than 4 ulps apart, so at most one reads back: it is the shortest and the closest,
 * the one Number::toString prints; and m / 10^(k-1) never reads back, so k is the fewest digits.
 * |v| >= 1e-6 keeps Number::toString's fixed notation ("0.000001", not "1e-6"). Everything else
 * (16-17 digits, exponents, inf, NaN) goes through String(v).
 */
import type { ByteSink } from './byte-sink.js';

const POW10: Float64Array = (() => {
  const p = new Float64Array(23);
  p[0] = 1;
  for (let i = 1; i < 23; i++) p[i] = p[i - 1] * 10;
  return p;
})();

const digitScratch = new Uint8Array(24);

/** Decimal digits of an integer 0 < m < 2^53 into digitScratch, last digit first; returns their count. */
function digitsOf(m: number): number {
  let n = 0;
  let hi = Math.floor(m / 1e8);
  let lo = m - hi * 1e8;
  if (hi > 0) {
    // the low 8 digits, zeros included, then the rest
    for (let i = 0; i < 8; i++) {
      const q = (lo / 10) | 0;
      digitScratch[n++] = lo - q * 10;
      lo = q;
    }
    while (hi > 0) {
      const q = Math.floor(hi / 10);
      digitScratch[n++] = hi - q * 10;
      hi = q;
    }
  } else {
    while (lo > 0) {
      const q = (lo / 10) | 0;
      digitScratch[n++] = lo - q * 10;
      lo = q;
    }
  }
  return n;
}

/** Decimal digits of a non-negative integer below 2^53 into sink. */
export function writeUint(sink: ByteSink, m: number): void {
  sink.reserve(17);
  const b = sink.buf;
  let p = sink.pos;
  if (m < 10) {
    b[p] = 48 + m;
    sink.pos = p + 1;
    return;
  }
  let n = digitsOf(m);
  while (n > 0) b[p++] = 48 + digitScratch[--n];
  sink.pos = p;
}

/** Shortest round-trip text of v (String(v), "-0" for -0). */
export function writeShortest(sink: ByteSink, v: number): void {
  let a = v;
  if (v < 0 || (v === 0 && 1 / v < 0)) {
    sink.byte(45);
    a = -v;
  }
  if (a < 9007199254740992 && Math.floor(a) === a) {
    writeUint(sink, a);
    return;
  }
  if (a >= 1e-6 && a < 1e15) {
    for (let k = 1; k <= 22; k++) {
      const x = a * POW10[k];
      if (x >= 1e15) break;
      const m = Math.round(x);
      if (m / POW10[k] === a) {
        writeFixed(sink, m, k);
        return;
      }
    }
  }
  sink.ascii(String(a));
}

/** m * 10^-k in fixed notation ("12.5", "0.00125"), m > 0 without trailing zeros. */
function writeFixed(sink: ByteSink, m: number, k: number): void {
  let n = digitsOf(m);
  sink.reserve(n + k + 2);
  const b = sink.buf;
  let p = sink.pos;
  if (n <= k) {
    b[p++] = 48;
    b[p++] = 46;
    for (let i = n; i < k; i++) b[p++] = 48;
    while (n > 0) b[p++] = 48 + digitScratch[--n];
  } else {
    while (n > k) b[p++] = 48 + digitScratch[--n];
    b[p++] = 46;
    while (n > 0) b[p++] = 48 + digitScratch[--n];
  }
  sink.pos = p;
}
