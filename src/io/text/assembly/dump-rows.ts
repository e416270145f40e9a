/**
 * AssemblyScript twin of parseRows in src/io/lammps-dump.ts: LAMMPS dump atom lines -> f64 columns.
 * Build: scripts/build-dump-wasm.sh (embeds the .wasm in src/io/text/dump-rows-wasm.ts).
 *
 * Layout (pointer, count, stride; STYLE.md §9): input bytes at [inPtr, stop] where stop is a '\n';
 * kinds[ncol] (u8: 0 number, 2 skip) at kindsPtr; column k of row r goes to
 * outPtr + (k * blockRows + (r - row0)) * 8. Parses rows row0.. while row < limit.
 * Numbers: the exact fast path only (u64 mantissa <= 2^53 - 1, i.e. exact in f64, times or divided
 * by ONE exact power of ten <= 10^22: a single correctly rounded operation, so equal to Number()).
 * Any other token (more digits, big exponents, inf, junk) and any malformed line stop the loop
 * with status 1 at the start of that line; the caller parses that line with the JS twin.
 */
const POW10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

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
      if (nd == 0 || nd > 19) { bad = true; break; }
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
      if (!(c == 32 || c == 10 || c == 9 || c == 13) || mant > 9007199254740991 || exp < -22 || exp > 22) { bad = true; break; }
      let v = <f64>mant;
      if (exp < 0) v = v / unchecked(POW10[-exp]);
      else if (exp > 0) v = v * unchecked(POW10[exp]);
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
