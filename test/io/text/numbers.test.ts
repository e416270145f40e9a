import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tryParseFloatBytes, tryParseFloatStr, tryParseIntStr, formatFloat } from '../../../src/io/text/numbers.js';
import { IO_ZOO } from '../../helpers/paths.js';

const NUM = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

describe('exact float conversion', () => {
  it('equals Number() bit for bit on every numeric token of the io-zoo files', () => {
    let count = 0;
    for (const name of readdirSync(IO_ZOO)) {
      let text = readFileSync(join(IO_ZOO, name));
      if (name.endsWith('.gz')) text = gunzipSync(text);
      const s = text.toString('latin1');
      const re = /\S+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(s))) {
        const tok = m[0];
        if (!NUM.test(tok)) continue;
        const want = Number(tok);
        const got = tryParseFloatStr(s, m.index, m.index + tok.length);
        const gotB = tryParseFloatBytes(text, m.index, m.index + tok.length);
        if (!Object.is(got, want) || !Object.is(gotB, want)) {
          throw new Error(`${name}: '${tok}' -> ${got} / ${gotB}, Number() gives ${want}`);
        }
        count++;
      }
    }
    expect(count).toBeGreaterThan(200_000);
  });

  it('is exact on random %.17g, %.15g and %.8e texts', () => {
    let seed = 12345;
    const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    for (let i = 0; i < 100_000; i++) {
      const v = (rnd() - 0.5) * Math.pow(10, Math.floor(rnd() * 40) - 20);
      for (const t of [v.toPrecision(17), v.toPrecision(15), v.toExponential(8), v.toFixed(6)]) {
        expect(Object.is(tryParseFloatStr(t, 0, t.length), Number(t))).toBe(true);
      }
    }
  });

  it('rejects junk instead of stopping silently', () => {
    for (const t of ['', '1.5x', 'x', '-', '.', 'e5', '1e', '1e+', 'NaN', 'nan', '0x1A', '1 2', '--1']) {
      expect(tryParseFloatStr(t, 0, t.length)).toBeNaN();
    }
    expect(tryParseFloatStr('-0', 0, 2)).toBe(-0);
    expect(Object.is(tryParseFloatStr('-0', 0, 2), -0)).toBe(true);
    expect(tryParseFloatStr('inf', 0, 3)).toBe(Infinity);
    expect(tryParseFloatStr('1.25e-3', 0, 7)).toBe(0.00125);
    expect(tryParseIntStr('12a', 0, 3)).toBeNaN();
    expect(tryParseIntStr('-42', 0, 3)).toBe(-42);
  });

  it('formatFloat prints what reads back to the same double', () => {
    for (const v of [0, -0, 1, 0.1, 1 / 3, 1e-300, 5e-324, 1.7976931348623157e308, -2.5e21, 123456789012345680]) {
      const s = formatFloat(v);
      expect(Object.is(Number(s), v)).toBe(true);
    }
  });
});
