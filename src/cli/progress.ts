/**
 * Progress bar on stderr for long reads (cli-progress). Shown only when stderr is a terminal and
 * the input is large (100 MB by default; LMPV_PROGRESS_MIN_BYTES overrides, e.g. for a demo),
 * so pipes, logs and tests never see it. Readers report through ReadOptions.onProgress.
 */
import { statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { progressMinBytes } from '../io/config.js';

export interface Progress {
  /** Pass to ReadOptions.onProgress; undefined when no bar is shown. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  stop(): void;
}

export function progressFor(path: string, label: string): Progress {
  let size = 0;
  try { size = statSync(path).size; } catch { /* the reader reports missing files */ }
  const min = progressMinBytes();
  if (!process.stderr.isTTY || !(size >= min)) return { stop() { /* nothing shown */ } };
  const bar = new cliProgress.SingleBar({
    format: `${label} [{bar}] {percentage}% | {done}/{all} MB | ETA {eta_formatted}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 20,
  }, cliProgress.Presets.shades_classic);
  const mb = (b: number) => (b / 1048576).toFixed(0);
  bar.start(size, 0, { done: '0', all: mb(size) });
  let stopped = false;
  return {
    onProgress(bytesRead, totalBytes) {
      if (stopped) return;
      if (totalBytes !== bar.getTotal()) bar.setTotal(totalBytes);
      bar.update(Math.min(bytesRead, totalBytes), { done: mb(bytesRead), all: mb(totalBytes) });
    },
    stop() {
      if (!stopped) { stopped = true; bar.stop(); }
    },
  };
}
