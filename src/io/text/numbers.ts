/**
 * Exact number conversion (STYLE.md §2).
 *
 * Every float we return equals `Number(text)` bit for bit. The fast path keeps up to 15
 * significant digits in an integer mantissa (exact in a double) and applies ONE exact power
 * of ten (10^0..10^22 are exact doubles), so the result is a single correctly rounded
 * operation (Clinger's fast path). Anything else (more digits, larger exponents, inf/nan
 * spellings, hex) falls back to `Number()` on the substring. Junk (`1.5x`, ``, `NaN`) throws.
 *
 * Two twins: one over a JS string (charCodeAt), one over bytes (Uint8Array), so that readers
 * which stream Buffers never decode text they do not need.
 */

const POW10: Float64Array = (() => {
  const p = new Float64Array(23);
  p[0] = 1;
  for (let i = 1; i < 23; i++) p[i] = p[i - 1] * 10;
  return p;
})();

/**
 * Parse text[start, end) as a float64 exactly as `Number()` would; NaN if it is not a number
 * (including the literal NaN, which LAMMPS prints for a blown-up run).
 */
export function tryParseFloatStr(s: string, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45 /* - */) { neg = true; c = s.charCodeAt(++i); } else if (c === 43 /* + */) { c = s.charCodeAt(++i); }
  let mant = 0;
  let digits = 0; // significant digits kept in mant
  let exp10 = 0;
  let sawDigit = false;
  let long = false; // more than 15 significant digits: valid, but beyond the exact fast path
  // integer part
  while (i < end && c >= 48 && c <= 57) {
    sawDigit = true;
    if (digits > 0 || c !== 48) {
      if (digits < 15) { mant = mant * 10 + (c - 48); digits++; } else long = true;
    }
    c = s.charCodeAt(++i);
  }
  if (i < end && c === 46 /* . */) {
    c = s.charCodeAt(++i);
    while (i < end && c >= 48 && c <= 57) {
      sawDigit = true;
      if (digits > 0 || c !== 48) {
        if (digits < 15) { mant = mant * 10 + (c - 48); digits++; } else long = true;
      }
      exp10--;
      c = s.charCodeAt(++i);
    }
  }
  if (!sawDigit) return slowStr(s, start, end);
  if (i < end && (c === 101 || c === 69) /* e E */) {
    c = s.charCodeAt(++i);
    let eneg = false;
    if (c === 45) { eneg = true; c = s.charCodeAt(++i); } else if (c === 43) { c = s.charCodeAt(++i); }
    let e = 0;
    let sawExp = false;
    while (i < end && c >= 48 && c <= 57) {
      sawExp = true;
      if (e < 100000) e = e * 10 + (c - 48);
      c = s.charCodeAt(++i);
    }
    if (!sawExp) return NaN;
    exp10 += eneg ? -e : e;
  }
  if (i !== end) return slowStr(s, start, end);
  // the syntax is checked: a long mantissa or a large exponent goes straight to Number()
  if (long) return Number(s.substring(start, end));
  const v = finish(mant, exp10, neg);
  return v === v ? v : Number(s.substring(start, end));
}

/** Byte twin of tryParseFloatStr over buf[start, end). */
export function tryParseFloatBytes(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let neg = false;
  let c = buf[i];
  if (c === 45) { neg = true; c = buf[++i]; } else if (c === 43) { c = buf[++i]; }
  let mant = 0;
  let digits = 0;
  let exp10 = 0;
  let sawDigit = false;
  let long = false;
  while (i < end && c >= 48 && c <= 57) {
    sawDigit = true;
    if (digits > 0 || c !== 48) {
      if (digits < 15) { mant = mant * 10 + (c - 48); digits++; } else long = true;
    }
    c = buf[++i];
  }
  if (i < end && c === 46) {
    c = buf[++i];
    while (i < end && c >= 48 && c <= 57) {
      sawDigit = true;
      if (digits > 0 || c !== 48) {
        if (digits < 15) { mant = mant * 10 + (c - 48); digits++; } else long = true;
      }
      exp10--;
      c = buf[++i];
    }
  }
  if (!sawDigit) return slowBytes(buf, start, end);
  if (i < end && (c === 101 || c === 69)) {
    c = buf[++i];
    let eneg = false;
    if (c === 45) { eneg = true; c = buf[++i]; } else if (c === 43) { c = buf[++i]; }
    let e = 0;
    let sawExp = false;
    while (i < end && c >= 48 && c <= 57) {
      sawExp = true;
      if (e < 100000) e = e * 10 + (c - 48);
      c = buf[++i];
    }
    if (!sawExp) return NaN;
    exp10 += eneg ? -e : e;
  }
  if (i !== end) return slowBytes(buf, start, end);
  if (long) return Number(latin1(buf, start, end));
  const v = finish(mant, exp10, neg);
  return v === v ? v : Number(latin1(buf, start, end));
}

/** One exact power of ten applied to an exact mantissa; NaN when outside the exact range. */
function finish(mant: number, exp10: number, neg: boolean): number {
  let v: number;
  if (mant === 0) v = 0;
  else if (exp10 === 0) v = mant;
  else if (exp10 > 0 && exp10 <= 22) v = mant * POW10[exp10];
  else if (exp10 < 0 && exp10 >= -22) v = mant / POW10[-exp10];
  else return NaN;
  return neg ? -v : v;
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
}

function slowStr(s: string, start: number, end: number): number {
  return textToNumber(s.substring(start, end));
}

function slowBytes(buf: Uint8Array, start: number, end: number): number {
  return textToNumber(latin1(buf, start, end));
}

/**
 * `Number()` also accepts '', whitespace, hex (0x1A), binary, 'Infinity'. A LAMMPS number is a
 * decimal float; we accept inf/Infinity spellings (LAMMPS prints `inf` for a blown-up run, and the
 * caller decides whether a non-finite value is an error) but never hex or blanks.
 */
const NUMBER_RE = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|Inf|INF|infinity|Infinity)$/;
function textToNumber(t: string): number {
  if (!NUMBER_RE.test(t)) return NaN;
  const c = t.charCodeAt(t.length - 1);
  if (c === 102 || c === 70 || c === 121 /* inf, INF, infinity */) return t.charCodeAt(0) === 45 ? -Infinity : Infinity;
  return Number(t);
}

/** Parse a decimal integer exactly (ids, types, counts, image flags); NaN on junk or beyond 2^53. */
export function tryParseIntStr(s: string, start: number, end: number): number {
  let i = start;
  if (i >= end) return NaN;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45) { neg = true; i++; } else if (c === 43) { i++; }
  if (i >= end) return NaN;
  let v = 0;
  for (; i < end; i++) {
    c = s.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
    v = v * 10 + (c - 48);
  }
  if (v > Number.MAX_SAFE_INTEGER) return NaN;
  return neg ? -v : v;
}

/**
 * Shortest text that reads back to the same double (writers, STYLE.md §6).
 * JS's Number#toString is the shortest round-tripping representation; LAMMPS and every C reader
 * accept its forms ("1e-7", "1.5e+21"). Integers print without a decimal point.
 */
export function formatFloat(v: number): string {
  if (Object.is(v, -0)) return '-0';
  return String(v);
}
