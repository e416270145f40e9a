/**
 * The comparison metric of LAMMPS's own unit tests (STYLE.md §11): unittest/force-styles
 * `EXPECT_FP_LE_WITH_EPS` uses |a-b| / min(|a|,|b|), and the absolute difference where that
 * minimum is 0; `error_stats.h` accumulates avg / dev / max / argmax. Reports name the worst atom id.
 */

/** Relative error as LAMMPS's unit tests define it. */
export function relErr(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  const m = Math.min(Math.abs(a), Math.abs(b));
  const d = Math.abs(a - b);
  return m === 0 ? d : d / m;
}

/** Running error statistics (error_stats.h): count, mean, standard deviation, max and where. */
export class ErrorStats {
  n = 0;
  sum = 0;
  sumSq = 0;
  max = 0;
  /** Index or id (caller's choice) of the largest error; -1 when empty. */
  argmax = -1;

  add(err: number, where: number): void {
    this.n++;
    this.sum += err;
    this.sumSq += err * err;
    if (err > this.max || this.argmax < 0 || err !== err) {
      if (!(this.max !== this.max)) { this.max = err; this.argmax = where; }
    }
  }

  get avg(): number {
    return this.n ? this.sum / this.n : 0;
  }

  get dev(): number {
    if (this.n < 2) return 0;
    const v = this.sumSq / this.n - this.avg * this.avg;
    return v > 0 ? Math.sqrt(v) : 0;
  }

  toJSON(): { n: number; avg: number; dev: number; max: number; argmax: number } {
    return { n: this.n, avg: this.avg, dev: this.dev, max: this.max, argmax: this.argmax };
  }
}

/** Compare two equally long arrays element by element with relErr; `ids` names the atoms. */
export function compareArrays(a: ArrayLike<number>, b: ArrayLike<number>, ids?: ArrayLike<number>, stride = 1): ErrorStats {
  if (a.length !== b.length) throw new Error(`compareArrays: lengths differ (${a.length} vs ${b.length})`);
  const s = new ErrorStats();
  for (let i = 0; i < a.length; i++) s.add(relErr(a[i], b[i]), ids ? ids[Math.floor(i / stride)] : Math.floor(i / stride));
  return s;
}
