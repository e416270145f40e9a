/**
 * writeShortest gives String(v)'s text (ECMAScript Number::toString, shortest round-trip) for every
 * double, through its fast path or the fallback: %g-style values as LAMMPS prints them, random
 * doubles of every magnitude, integers, the fixed/exponent edges, and random bit patterns.
 */
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../../../src/io/text/byte-sink.js';
import { writeShortest, writeUint } from '../../../src/io/text/format-number.js';
import { mulberry32 } from '../../../scripts/lib/mulberry32.js';

function viaSink(values: ArrayLike<number>, f: (s: ByteSink, v: number) => void): string[] {
  const sink = new ByteSink(1 << 16);
  for (let i = 0; i < values.length; i++) {
    f(sink, values[i]);
    sink.byte(10);
  }
  return Buffer.concat(sink.takeAll()).toString('latin1').split('\n').slice(0, -1);
}

function expected(values: ArrayLike<number>): string[] {
  return Array.from(values, (v) => (Object.is(v, -0) ? '-0' : String(v)));
}

describe('writeShortest', () => {
  it('edges: zeros, integers, 1e-6 / 1e-7, 1e15, 2^53, 1e21, subnormals, extremes, non-finite', () => {
    const v = [0, -0, 1, -1, 9, 10, 99, 100, 12345678, 99999999, 100000000, 100000001, 123456789012345, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2,
      1e15, 1e15 - 0.5, 999999999999999.9, 1e21, 1e22, 1e-6, 1e-7, 1.5e-6, 9.99999e-7, 0.000001234, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3,
      5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, Infinity, -Infinity, NaN, 67.1838476553003, -0.153562, 1.44, 0.8442,
      100000000.5, 10000000.25, 123456.000001];
    expect(viaSink(v, writeShortest)).toEqual(expected(v));
  });

  it('values as printf %g / %.15g / %.17g print them, read back (LAMMPS dump floats)', () => {
    const rnd = mulberry32(20261207);
    const out: number[] = [];
    for (let i = 0; i < 60000; i++) {
      const x = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 16 - 8);
      const digits = [6, 8, 10, 12, 15, 17][i % 6];
      out.push(Number(x.toPrecision(digits)));
    }
    expect(viaSink(out, writeShortest)).toEqual(expected(out));
  });

  it('random doubles of every magnitude and random bit patterns', () => {
    const rnd = mulberry32(5);
    const v = new Float64Array(80000);
    const bits = new Uint32Array(v.buffer);
    for (let i = 0; i < 40000; i++) v[i] = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20);
    for (let i = 40000; i < 80000; i++) {
      bits[2 * i] = Math.floor(rnd() * 2 ** 32);
      bits[2 * i + 1] = Math.floor(rnd() * 2 ** 32);
    }
    expect(viaSink(v, writeShortest)).toEqual(expected(v));
  });

  it('writeUint: digits of integers below 2^53 (block edges of its 8-digit split)', () => {
    const v = [0, 7, 10, 99999999, 100000000, 100000007, 1000000000000, 4503599627370496, 9007199254740991, 120000000, 3000000000000005];
    expect(viaSink(v, writeUint)).toEqual(v.map(String));
  });

  it('blocks: text split over many small blocks reads the same', () => {
    const sink = new ByteSink(64);
    const v = Array.from({ length: 500 }, (_, i) => i * 0.37 - 50);
    for (const x of v) { writeShortest(sink, x); sink.byte(32); }
    const blocks = sink.takeAll();
    expect(blocks.length).toBeGreaterThan(10);
    expect(Buffer.concat(blocks).toString('latin1')).toBe(v.map((x) => String(x) + ' ').join(''));
  });
});
