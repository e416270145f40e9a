/**
 * Worker threads for the a-CNA kernel (acna-wasm.ts): the kernel module compiled for a shared
 * memory (dist/wasm/acna-shared.wasm) is instantiated once in each worker over the same
 * WebAssembly.Memory, so every thread reads the one neighbour grid built by the calling thread.
 * The slots of the grid (atoms in cell order) are cut into contiguous ranges ("chunks"); thread t
 * takes chunk t, then each claims the next from a shared counter (Atomics.add): a thread slowed by
 * another program on its core simply claims fewer. Each atom is classified by exactly one thread, from the
 * grid alone (the kernel's only state carried from atom to atom is a search-radius guess that
 * changes how far it looks, never what it finds), and written to its own byte of the output: the
 * classes are the same for any number of threads (test/analysis/acna-threads.test.ts).
 *
 * The call stays synchronous: the calling thread posts the job, works through chunks itself, then
 * waits (Atomics.wait) until every worker has reported. Workers are created on first use, kept for
 * the next frame, and unref'd (they never keep the process alive).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Threads when the caller does not say: every core the process may use. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

// control words (Int32Array over a SharedArrayBuffer)
const NEXT = 0; // next chunk to claim
const DONE = 1; // workers finished with this job
const LEFT = 2; // atoms left to the TypeScript path (255), summed
const UNDECIDED = 3; // atoms whose bonds the single-precision pass left to double, summed
const ERROR = 4; // a worker failed
const CHUNKS = 8; // CHUNKS + t: chunks claimed by thread t (0: the caller)
const CPU_US = CHUNKS + 256; // CPU_US + t: microseconds thread t spent on a core in this job (Linux)
const CTL_WORDS = CPU_US + 256;

/**
 * Nanoseconds the calling thread has run on a core (Linux /proc/thread-self/schedstat, first
 * field), or NaN elsewhere: on a shared machine the wall time of a thread includes waiting for a core.
 */
export function threadCpuNs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]);
  } catch {
    return NaN;
  }
}

/**
 * The worker's whole program (CommonJS, run with eval: it needs no file on disk, so it works the
 * same from dist/ and from the sources under vitest). Mirrors the caller's loop in runChunks.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const cpuNs = () => { try { return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]); } catch { return NaN; } };
let inst = null;
parentPort.on('message', (m) => {
  const ctl = m.ctl;
  const c0 = cpuNs();
  try {
    if (m.module) inst = new WebAssembly.Instance(m.module, { env: { memory: m.memory } });
    const ex = inst.exports;
    ex.acnaGrid(...m.grid, m.scratch);
    ex.acnaBuffers(...m.buffers);
    ex.acnaPointsShared(m.points[0], m.points[1], m.points[2]);
    let left = 0, mine = 0;
    for (let c = m.thread; c < m.nchunks; c = Atomics.add(ctl, ${NEXT}, 1)) {
      const s0 = c * m.chunk;
      left += ex.acnaRange(m.atom, s0, Math.min(m.np, s0 + m.chunk), m.out, m.exhaustive, m.fcc, m.bcc);
      mine++;
    }
    Atomics.add(ctl, ${LEFT}, left);
    Atomics.add(ctl, ${UNDECIDED}, ex.undecided.value);
    Atomics.store(ctl, ${CHUNKS} + m.thread, mine);
    Atomics.store(ctl, ${CPU_US} + m.thread, Math.round((cpuNs() - c0) / 1000) | 0);
  } catch (e) {
    Atomics.store(ctl, ${ERROR}, 1);
  }
  Atomics.add(ctl, ${DONE}, 1);
  Atomics.notify(ctl, ${DONE});
});
`;

/** The kernel exports a thread calls (a subset of acna-wasm.ts AcnaExports). */
export interface ThreadKernel {
  acnaRange(atom: number, slot0: number, slot1: number, out: number, exhaustive: number, fccFactor: number, bccFactor: number): number;
  undecided: WebAssembly.Global;
}

/** One frame's job: what every thread shares. */
export interface ThreadJob {
  /** acnaGrid's arguments but the last (scratch). */
  grid: number[];
  /** acnaPoints' x, y, z (the copy made once by the caller's instance). */
  points: [number, number, number];
  atom: number;
  out: number;
  np: number;
  exhaustive: number;
  fcc: number;
  bcc: number;
}

/** One worker's private buffers in the shared memory: its scratch and acnaBuffers' arguments. */
export interface ThreadPart {
  scratch: number;
  buffers: number[];
}

interface Pool {
  workers: Worker[];
  /** The memory each worker's instance was made for (a new memory: instantiate again). */
  memoryOf: Array<WebAssembly.Memory | null>;
  ctl: Int32Array;
}
let pool: Pool | null = null;

function getPool(nworkers: number): Pool {
  if (!pool) pool = { workers: [], memoryOf: [], ctl: new Int32Array(new SharedArrayBuffer(4 * CTL_WORDS)) };
  while (pool.workers.length < nworkers) {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref();
    pool.workers.push(w);
    pool.memoryOf.push(null);
  }
  return pool;
}

/** Stop the worker threads (they are unref'd: only needed to free them early). */
export async function closeAcnaThreads(): Promise<void> {
  const p = pool;
  pool = null;
  if (p) await Promise.all(p.workers.map((w) => w.terminate()));
}

/**
 * Per-thread figures of the last threaded call (index 0 is the calling thread): chunks claimed and
 * seconds on a core from the job's start to its end (NaN where /proc/thread-self is not available;
 * the caller's includes posting the job and waiting, which costs no CPU).
 */
let lastStats: { chunks: number[]; cpuSeconds: number[] } = { chunks: [], cpuSeconds: [] };
export function lastThreadStats(): { chunks: number[]; cpuSeconds: number[] } {
  return { chunks: lastStats.chunks.slice(), cpuSeconds: lastStats.cpuSeconds.slice() };
}

/** Chunk length in slots: ~16 per thread (balance under load), within [256, 32768]. */
export function chunkSlots(np: number, threads: number): number {
  return Math.min(32768, Math.max(256, Math.ceil(np / (16 * threads))));
}

/**
 * Classify every slot of the grid set up in `ex` (the caller's instance, acnaGrid / acnaBuffers /
 * acnaPoints done) with the caller and parts.length workers. Returns the atoms left (255) and the
 * undecided count, summed over threads.
 */
export function runThreaded(module: WebAssembly.Module, memory: WebAssembly.Memory, ex: ThreadKernel, job: ThreadJob, parts: ThreadPart[]): { left: number; undecided: number } {
  const nw = parts.length;
  const p = getPool(nw);
  const ctl = p.ctl;
  const threads = nw + 1;
  const chunk = chunkSlots(job.np, threads);
  const nchunks = Math.ceil(job.np / chunk);
  ctl.fill(0);
  // thread t first takes chunk t (every thread has work when there are enough chunks, so the
  // workers' path is exercised on small systems too), then claims from the counter
  ctl[NEXT] = threads;
  const c0 = threadCpuNs();
  for (let w = 0; w < nw; w++) {
    const fresh = p.memoryOf[w] !== memory;
    p.workers[w].postMessage({ ...job, ...parts[w], ctl, chunk, nchunks, thread: w + 1, module: fresh ? module : null, memory: fresh ? memory : null });
    p.memoryOf[w] = memory;
  }
  let left = 0, mine = 0;
  for (let c = 0; c < nchunks; c = Atomics.add(ctl, NEXT, 1)) {
    const s0 = c * chunk;
    left += ex.acnaRange(job.atom, s0, Math.min(job.np, s0 + chunk), job.out, job.exhaustive, job.fcc, job.bcc);
    mine++;
  }
  const t0 = Date.now();
  for (let done = Atomics.load(ctl, DONE); done < nw; done = Atomics.load(ctl, DONE)) {
    if (Date.now() - t0 > 600_000) {
      pool = null; // a worker that does not answer in 10 minutes is lost: start afresh next time
      for (const w of p.workers) void w.terminate();
      throw new Error('a-CNA: a worker thread did not finish within 10 minutes');
    }
    Atomics.wait(ctl, DONE, done, 1000);
  }
  if (Atomics.load(ctl, ERROR)) {
    pool = null;
    for (const w of p.workers) void w.terminate();
    throw new Error('a-CNA: a worker thread failed (run with --threads 1)');
  }
  lastStats = { chunks: [mine], cpuSeconds: [(threadCpuNs() - c0) / 1e9] };
  for (let t = 1; t < threads; t++) {
    lastStats.chunks.push(ctl[CHUNKS + t]);
    lastStats.cpuSeconds.push(ctl[CPU_US + t] / 1e6);
  }
  return { left: left + Atomics.load(ctl, LEFT), undecided: (ex.undecided.value as number) + Atomics.load(ctl, UNDECIDED) };
}
