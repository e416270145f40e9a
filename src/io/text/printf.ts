/**
 * C `printf` formatting, digit for digit as glibc prints (LAMMPS writes its logs and dumps with
 * sprintf): %d %i %u %f %F %e %E %g %G %s %c %x %%, flags `-+ 0#`, width, precision, length
 * modifiers (l, ll, h, z, L: ignored). Rounding is exact decimal round-half-even, as glibc; JS's
 * toFixed/toExponential round exact ties up, so ties are detected and redone on exact digits.
 *
 * `compileFormat` parses once and returns a function for hot loops (dump rows).
 */

interface Spec {
  literal?: string;
  flags: string;
  width: number;
  prec: number; // -1: not given
  conv: string;
}

export type Formatter = (args: ArrayLike<number | string>) => string;

const cache = new Map<string, Formatter>();

/** sprintf(fmt, ...args) with C semantics. */
export function sprintf(fmt: string, ...args: (number | string)[]): string {
  return compileFormat(fmt)(args);
}

export function compileFormat(fmt: string): Formatter {
  const hit = cache.get(fmt);
  if (hit) return hit;
  const specs = parseFormat(fmt);
  const f: Formatter = (args) => {
    let out = '';
    let ai = 0;
    for (const s of specs) {
      if (s.literal !== undefined) {
        out += s.literal;
        continue;
      }
      let width = s.width;
      let prec = s.prec;
      if (width === -2) width = Number(args[ai++]);
      if (prec === -2) prec = Number(args[ai++]);
      out += formatOne(s.conv, s.flags, width, prec, args[ai++]);
    }
    return out;
  };
  if (cache.size < 1000) cache.set(fmt, f);
  return f;
}

/** Number of value conversions (not %%) in a format string. */
export function countConversions(fmt: string): number {
  return parseFormat(fmt).filter((s) => s.literal === undefined).length;
}

function parseFormat(fmt: string): Spec[] {
  const specs: Spec[] = [];
  let lit = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c !== '%') {
      lit += c;
      i++;
      continue;
    }
    if (fmt[i + 1] === '%') {
      lit += '%';
      i += 2;
      continue;
    }
    const m = /^%([-+ 0#']*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|L|q|j|z|t)?([diouxXfFeEgGsc])/.exec(fmt.slice(i));
    if (!m) throw new Error(`bad printf format '${fmt}' at '${fmt.slice(i)}'`);
    if (lit) specs.push({ literal: lit, flags: '', width: 0, prec: -1, conv: '' });
    lit = '';
    specs.push({
      flags: m[1].replace(/'/g, ''),
      width: m[2] === '*' ? -2 : m[2] ? Number(m[2]) : 0,
      prec: m[3] === undefined ? -1 : m[3] === '*' ? -2 : m[3] === '' ? 0 : Number(m[3]),
      conv: m[5],
    });
    i += m[0].length;
  }
  if (lit) specs.push({ literal: lit, flags: '', width: 0, prec: -1, conv: '' });
  return specs;
}

function pad(body: string, sign: string, flags: string, width: number, zeroOk: boolean): string {
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  const n = width - len;
  if (flags.includes('-')) return sign + body + ' '.repeat(n);
  if (zeroOk && flags.includes('0')) return sign + '0'.repeat(n) + body;
  return ' '.repeat(n) + sign + body;
}

function signOf(neg: boolean, flags: string): string {
  return neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
}

function formatOne(conv: string, flags: string, width: number, prec: number, arg: number | string | undefined): string {
  if (width < 0) {
    flags += '-';
    width = -width;
  }
  switch (conv) {
    case 's': {
      let s = arg === undefined ? '' : String(arg);
      if (prec >= 0) s = s.slice(0, prec);
      return pad(s, '', flags, width, false);
    }
    case 'c':
      return pad(typeof arg === 'number' ? String.fromCharCode(arg) : String(arg ?? '').slice(0, 1), '', flags, width, false);
    case 'd':
    case 'i':
    case 'u':
    case 'x':
    case 'X':
    case 'o': {
      const v = Math.trunc(Number(arg));
      const neg = v < 0 || Object.is(v, -0) ? v < 0 : false;
      let body = Math.abs(v).toString(conv === 'x' || conv === 'X' ? 16 : conv === 'o' ? 8 : 10);
      if (conv === 'X') body = body.toUpperCase();
      if (prec >= 0) {
        if (body.length < prec) body = '0'.repeat(prec - body.length) + body;
        if (prec === 0 && v === 0) body = '';
      }
      return pad(body, signOf(neg, flags), flags, width, prec < 0);
    }
    default: {
      const v = Number(arg);
      const neg = v < 0 || Object.is(v, -0);
      const sign = signOf(neg, flags);
      if (!Number.isFinite(v)) {
        let body = Number.isNaN(v) ? 'nan' : 'inf';
        if (conv === 'F' || conv === 'E' || conv === 'G') body = body.toUpperCase();
        return pad(body, Number.isNaN(v) ? signOf(false, flags) : sign, flags, width, false);
      }
      const a = Math.abs(v);
      const p = prec < 0 ? 6 : prec;
      let body: string;
      if (conv === 'f' || conv === 'F') body = fixed(a, p, flags.includes('#'));
      else if (conv === 'e' || conv === 'E') body = expo(a, p, flags.includes('#'));
      else body = general(a, p === 0 ? 1 : p, flags.includes('#'));
      if (conv === 'E' || conv === 'G') body = body.toUpperCase();
      return pad(body, sign, flags, width, true);
    }
  }
}

/**
 * Exact decimal digits of a non-negative finite double: `digits` (no leading zeros, "0" for zero)
 * and `pointPos` such that value = 0.digits * 10^pointPos.
 */
function exactDecimal(a: number): { digits: string; pointPos: number } {
  if (a === 0) return { digits: '0', pointPos: 1 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, a);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (bexp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = bexp - 1075;
  }
  let digits: string;
  let frac: number;
  if (e >= 0) {
    digits = (mant << BigInt(e)).toString();
    frac = 0;
  } else {
    digits = (mant * 5n ** BigInt(-e)).toString();
    frac = -e;
  }
  // value = digits * 10^-frac
  const pointPos = digits.length - frac;
  const t = digits.replace(/0+$/, '');
  return { digits: t === '' ? '0' : t, pointPos };
}

/**
 * Round exact digits to `n` digits after the decimal point position `keep` (count of digits kept
 * from the start of `digits`), half-to-even. Returns kept digits (possibly one longer on carry).
 */
function roundDigits(digits: string, keep: number): { d: string; carry: boolean } {
  if (keep < 0) return { d: '', carry: false };
  if (keep >= digits.length) return { d: digits + '0'.repeat(keep - digits.length), carry: false };
  const head = digits.slice(0, keep);
  const next = digits.charCodeAt(keep) - 48;
  const rest = digits.slice(keep + 1);
  let up = false;
  if (next > 5) up = true;
  else if (next === 5) {
    if (/[1-9]/.test(rest)) up = true;
    else {
      const last = keep > 0 ? head.charCodeAt(keep - 1) - 48 : 0;
      up = (last & 1) === 1;
    }
  }
  if (!up) return { d: head, carry: false };
  // increment head
  const arr = head.split('');
  let i = arr.length - 1;
  while (i >= 0) {
    if (arr[i] === '9') {
      arr[i] = '0';
      i--;
    } else {
      arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
      break;
    }
  }
  if (i < 0) return { d: '1' + arr.join(''), carry: true };
  return { d: arr.join(''), carry: false };
}

/** Is the JS rounding of `a` at this position possibly an exact tie (JS rounds ties up, C to even)? */
function maybeTie(longer: string): boolean {
  // `longer` is the digit string after the rounding position, from a wider exact conversion
  return /^50*$/.test(longer);
}

function fixed(a: number, p: number, alt: boolean): string {
  let s: string;
  if (a < 1e21 && p <= 100) {
    s = a.toFixed(p);
    if (p + 20 <= 100) {
      const w = a.toFixed(p + 20);
      const tail = w.slice(w.length - 20);
      if (maybeTie(tail)) s = fixedExact(a, p);
    } else s = fixedExact(a, p);
  } else s = fixedExact(a, p);
  if (alt && p === 0) s += '.';
  return s;
}

function fixedExact(a: number, p: number): string {
  const { digits, pointPos } = exactDecimal(a);
  // number of digits to keep = pointPos + p (digits before point + p after)
  let d: string;
  let pp = pointPos;
  if (pointPos + p < 0) d = '';
  else {
    const r = roundDigits(digits, pointPos + p);
    d = r.d;
    if (r.carry) pp++;
  }
  // d has (pp + p) digits; build integer and fraction parts
  const total = pp + p;
  if (d.length < total) d = '0'.repeat(total - d.length) + d;
  if (d === '' || total <= 0) d = '0'.repeat(Math.max(p, 0) + 1);
  let intPart = pp > 0 ? d.slice(0, d.length - p) : '0';
  let fracPart = p > 0 ? d.slice(d.length - p) : '';
  if (pp <= 0) {
    intPart = '0';
    fracPart = d.slice(-p).padStart(p, '0');
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  return p > 0 ? `${intPart}.${fracPart}` : intPart;
}

/** Mantissa digits (p+1 of them) and decimal exponent of a rounded to p+1 significant digits. */
function sigDigits(a: number, p: number): { d: string; exp: number } {
  if (a === 0) return { d: '0'.repeat(p + 1), exp: 0 };
  if (p <= 100) {
    const s = a.toExponential(p);
    let tie = false;
    if (p + 20 <= 100) {
      const w = a.toExponential(p + 20);
      const mant = w.slice(0, w.indexOf('e'));
      const ws = mant.replace('.', '');
      // only a tie if both conversions have the same exponent base; compare by digits
      tie = maybeTie(ws.slice(p + 1));
    } else tie = true;
    if (!tie) {
      const ei = s.indexOf('e');
      return { d: s.slice(0, ei).replace('.', ''), exp: Number(s.slice(ei + 1)) };
    }
  }
  const { digits, pointPos } = exactDecimal(a);
  const r = roundDigits(digits, p + 1);
  let exp = pointPos - 1;
  let d = r.d;
  if (r.carry) {
    exp++;
    d = d.slice(0, p + 1);
  }
  return { d, exp };
}

function expo(a: number, p: number, alt: boolean): string {
  const { d, exp } = sigDigits(a, p);
  let m = d[0];
  if (p > 0 || alt) m += '.';
  m += d.slice(1);
  const es = Math.abs(exp) < 10 ? '0' + Math.abs(exp) : String(Math.abs(exp));
  return `${m}e${exp < 0 ? '-' : '+'}${es}`;
}

function general(a: number, P: number, alt: boolean): string {
  const { exp } = sigDigits(a, P - 1);
  const X = a === 0 ? 0 : exp;
  let s: string;
  if (P > X && X >= -4) s = fixed(a, P - 1 - X, alt);
  else s = expo(a, P - 1, alt);
  if (!alt) {
    const ei = s.indexOf('e');
    let mant = ei >= 0 ? s.slice(0, ei) : s;
    const tail = ei >= 0 ? s.slice(ei) : '';
    if (mant.includes('.')) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
    s = mant + tail;
  }
  return s;
}
