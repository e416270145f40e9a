/**
 * LAMMPS's random number streams, reproduced number for number so that scripts using
 * `velocity create`, `create_atoms random` and `displace_atoms random` give the same atoms.
 *
 * RanPark: Park & Miller minimal standard generator (Park, Miller, CACM 31, 1192 (1988)),
 * x_{k+1} = 16807 x_k mod (2^31 - 1) by Schrage's method; uniform = x / (2^31 - 1).
 * gaussian(): polar Box-Muller (Marsaglia), returning the second of each pair on the next call,
 * as LAMMPS's random_park.cpp. reset(seed, coord): LAMMPS re-seeds from a one-at-a-time (Jenkins)
 * hash of the bytes of the int seed and of the three doubles of a position (signed chars, as the
 * x86 `char`), keeps the low 27 bits (LAMMPS masks with 0x7ffffff), then draws 5 warm-up numbers.
 */
const IA = 16807;
const IM = 2147483647;
const AM = 1.0 / IM;
const IQ = 127773;
const IR = 2836;

const hashBuf = new ArrayBuffer(24);
const hashF64 = new Float64Array(hashBuf);
const hashI8 = new Int8Array(hashBuf);
const seedBuf = new ArrayBuffer(4);
const seedI32 = new Int32Array(seedBuf);
const seedI8 = new Int8Array(seedBuf);

export class RanPark {
  seed: number;
  private save = false;
  private second = 0;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed <= 0 || seed > IM) throw new Error(`invalid seed for Park random number generator: ${seed}`);
    this.seed = seed;
  }

  /** Uniform in (0, 1). */
  uniform(): number {
    const k = Math.trunc(this.seed / IQ);
    let s = IA * (this.seed - k * IQ) - IR * k;
    if (s < 0) s += IM;
    this.seed = s;
    return AM * s;
  }

  /** Standard normal deviate. */
  gaussian(): number {
    if (this.save) {
      this.save = false;
      return this.second;
    }
    let v1: number;
    let v2: number;
    let rsq: number;
    do {
      v1 = 2.0 * this.uniform() - 1.0;
      v2 = 2.0 * this.uniform() - 1.0;
      rsq = v1 * v1 + v2 * v2;
    } while (rsq >= 1.0 || rsq === 0.0);
    const fac = Math.sqrt((-2.0 * Math.log(rsq)) / rsq);
    this.second = v1 * fac;
    this.save = true;
    return v2 * fac;
  }

  /** Re-seed from an int and a 3-vector (LAMMPS RanPark::reset(int, double*)). */
  reset(ibase: number, x: number, y: number, z: number): void {
    let hash = 0;
    seedI32[0] = ibase;
    for (let i = 0; i < 4; i++) {
      hash = (hash + seedI8[i]) >>> 0;
      hash = (hash + (hash << 10)) >>> 0;
      hash = (hash ^ (hash >>> 6)) >>> 0;
    }
    hashF64[0] = x;
    hashF64[1] = y;
    hashF64[2] = z;
    for (let i = 0; i < 24; i++) {
      hash = (hash + hashI8[i]) >>> 0;
      hash = (hash + (hash << 10)) >>> 0;
      hash = (hash ^ (hash >>> 6)) >>> 0;
    }
    hash = (hash + (hash << 3)) >>> 0;
    hash = (hash ^ (hash >>> 11)) >>> 0;
    hash = (hash + (hash << 15)) >>> 0;
    let s = hash & 0x7ffffff;
    if (s === 0) s = 1;
    this.seed = s;
    for (let i = 0; i < 5; i++) this.uniform();
    this.save = false;
  }
}

/**
 * RanMars: Marsaglia's lagged-Fibonacci generator with a Weyl sequence (Marsaglia, Zaman, Tsang,
 * Stat. Prob. Lett. 9, 35 (1990), "universal" RNG), seeded from one int as LAMMPS's
 * random_mars.cpp; used by fix langevin (seed + rank, rank 0 here).
 */
export class RanMars {
  private u = new Float64Array(98);
  private i97 = 97;
  private j97 = 33;
  private c: number;
  private cd: number;
  private cm: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed <= 0 || seed > 900000000) throw new Error(`invalid seed for Marsaglia random number generator: ${seed}`);
    const ij = Math.trunc((seed - 1) / 30082);
    const kl = seed - 1 - 30082 * ij;
    let i = (Math.trunc(ij / 177) % 177) + 2;
    let j = (ij % 177) + 2;
    let k = (Math.trunc(kl / 169) % 178) + 1;
    let l = kl % 169;
    for (let ii = 1; ii <= 97; ii++) {
      let s = 0.0;
      let t = 0.5;
      for (let jj = 1; jj <= 24; jj++) {
        const m = (((i * j) % 179) * k) % 179;
        i = j;
        j = k;
        k = m;
        l = (53 * l + 1) % 169;
        if ((l * m) % 64 >= 32) s = s + t;
        t = 0.5 * t;
      }
      this.u[ii] = s;
    }
    this.c = 362436.0 / 16777216.0;
    this.cd = 7654321.0 / 16777216.0;
    this.cm = 16777213.0 / 16777216.0;
    this.uniform();
  }

  uniform(): number {
    const u = this.u;
    let uni = u[this.i97] - u[this.j97];
    if (uni < 0.0) uni += 1.0;
    u[this.i97] = uni;
    if (--this.i97 === 0) this.i97 = 97;
    if (--this.j97 === 0) this.j97 = 97;
    this.c -= this.cd;
    if (this.c < 0.0) this.c += this.cm;
    uni -= this.c;
    if (uni < 0.0) uni += 1.0;
    return uni;
  }
}
