/**
 * One self-contained HTML page with uPlot plots (its minified bundle and CSS inline, so a report
 * opens offline as one file), shared by every report kind (verify / compare, timestep).
 *
 * What a person must be able to trust at a glance:
 * - every piece of text is escaped: HTML text and attributes through `esc`, and the plot data
 *   embedded in a <script> through `scriptJSON` (`</script>`, `<!--`, U+2028/2029 cannot end or
 *   break the script, whatever a column or file is called);
 * - log axes (errors spanning 1e-16 ... 1) label decades as `1e-14`, never `0`;
 * - linear axes label every tick with its sign and the same number of decimals, and each y axis
 *   is as wide as its widest label (measured in the page), so `-4,400` is not cut to `4,400`;
 * - what the axis formatters produced and the width given to each axis are kept in
 *   `window.lmpvPlots`, so a browser test can read the tick labels that were drawn.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface PlotSeries {
  label: string;
  values: Array<number | null>;
  stroke: string;
  dash?: number[];
  /** Mark every point (isolated points between gaps draw no line). */
  points?: boolean;
}

export interface PlotSpec {
  title: string;
  xLabel: string;
  yLabel?: string;
  x: number[];
  series: PlotSeries[];
  /** Log scale (base 10) on y; values <= 0 are left out (gaps). */
  yLog?: boolean;
  /** Log scale on x. */
  xLog?: boolean;
  /** x holds log10 of the quantity (histogram bins): labels read `1e<x>`. */
  xPow10?: boolean;
  /** Draw bars (histograms) instead of lines. */
  bars?: boolean;
  height?: number;
}

/** HTML text and attribute escaping. */
export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * JSON safe inside a <script> element: `<`, `>` and `&` as \u escapes (no `</script>` or `<!--`
 * can appear), U+2028 / U+2029 escaped, non-finite numbers as null.
 */
export function scriptJSON(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x))
    .replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const require = createRequire(import.meta.url);
function uplotAssets(): { js: string; css: string } {
  const dir = require.resolve('uplot/dist/uPlot.iife.min.js').replace(/uPlot\.iife\.min\.js$/, '');
  return { js: readFileSync(dir + 'uPlot.iife.min.js', 'utf8'), css: readFileSync(dir + 'uPlot.min.css', 'utf8') };
}

/** Registers plots while the body is built; `html()` gives the placeholder div of each. */
export class PlotSet {
  readonly specs: Array<PlotSpec & { id: string }> = [];
  add(spec: PlotSpec): string {
    const id = `plot${this.specs.length}`;
    this.specs.push({ ...spec, id });
    return `<div id="${id}" class="plot"></div>`;
  }
}

/** The browser side: axis formatters and sizes, then one uPlot per spec. Plain ES2017, no template data. */
const CLIENT = String.raw`
const AXIS_FONT = '12px sans-serif';
const measure = document.createElement('canvas').getContext('2d');
measure.font = AXIS_FONT;
const textWidth = (s) => (s ? measure.measureText(s).width : 0);
function isPow10(v) { const e = Math.round(Math.log10(v)); return Math.abs(v / Math.pow(10, e) - 1) < 1e-9; }
function pow10Label(e) { return e === 0 ? '1' : '1e' + e; }
/** Log axis: decades as 1e-14 (minor ticks unlabeled); inside one decade, every tick in e-notation. */
function logLabels(splits) {
  const out = splits.map((v) => (v > 0 && isPow10(v) ? pow10Label(Math.round(Math.log10(v))) : ''));
  return out.some((s) => s) ? out : splits.map((v) => v.toExponential(1).replace('e+', 'e'));
}
/** Linear axis: sign always shown, one number of decimals for all ticks, e-notation for very large / small. */
function linearLabels(splits, incr) {
  const big = Math.max(...splits.map((v) => Math.abs(v)));
  if (big >= 1e6 || (big > 0 && big < 1e-3)) {
    const digits = Math.max(0, Math.min(6, Math.ceil(Math.log10(big / incr))));
    return splits.map((v) => (v === 0 ? '0' : v.toExponential(digits).replace('e+', 'e')));
  }
  const dec = Math.max(0, Math.min(12, -Math.floor(Math.log10(incr) + 1e-9)));
  return splits.map((v) => (Math.abs(v) < incr * 1e-9 ? 0 : v).toLocaleString('en-US', { minimumFractionDigits: dec, maximumFractionDigits: dec }));
}
/** Log scales span whole decades, so both ends carry a 1e<N> label. */
function decades(u, min, max) {
  if (!(min > 0) || !(max > 0)) return [1e-16, 1];
  let lo = Math.floor(Math.log10(min) + 1e-9);
  let hi = Math.ceil(Math.log10(max) - 1e-9);
  if (hi <= lo) { lo -= 1; hi += 1; }
  return [Math.pow(10, lo), Math.pow(10, hi)];
}
/** Histogram x (log10 of the error): one tick per decade. */
function integerSplits(u, axisIdx, min, max) {
  const out = [];
  for (let v = Math.ceil(min); v <= Math.floor(max); v++) out.push(v);
  return out;
}
window.lmpvPlots = [];
for (const p of PLOTS) {
  const rec = { id: p.id, title: p.title, axes: [{ labels: [], size: 0, widest: 0 }, { labels: [], size: 0, widest: 0 }] };
  window.lmpvPlots.push(rec);
  const fmt = (axis, log, pow) => (u, splits, idx, space, incr) => {
    const labels = pow ? splits.map((v) => (Number.isInteger(v) ? pow10Label(v) : '')) : log ? logLabels(splits) : linearLabels(splits, incr);
    rec.axes[axis].labels = labels;
    return labels;
  };
  const size = (axis) => (u, values) => {
    const widest = Math.max(0, ...(values || []).map(textWidth));
    // y axis: ticks (10) + gap (5) + the widest label + margin; x axis: one line of text
    const s = axis === 1 ? Math.ceil(widest) + 22 : 32;
    rec.axes[axis].size = s;
    rec.axes[axis].widest = widest;
    return s;
  };
  const series = [{ label: p.xLabel }].concat(p.series.map((s) => {
    const o = { label: s.label, stroke: s.stroke, width: 1.5, spanGaps: false };
    if (s.dash) o.dash = s.dash;
    if (s.points) o.points = { show: true, size: 5, fill: s.stroke };
    if (p.bars) { o.fill = s.stroke + '99'; o.paths = uPlot.paths.bars({ size: [0.9, 60] }); o.points = { show: false }; }
    return o;
  }));
  const opts = {
    title: p.title, width: 1000, height: p.height || 260,
    scales: { x: p.xLog ? { time: false, distr: 3, range: decades } : { time: false }, y: p.yLog ? { distr: 3, range: decades } : {} },
    series,
    axes: [
      Object.assign({ label: p.xLabel, font: AXIS_FONT, values: fmt(0, p.xLog, p.xPow10), size: size(0) }, p.xPow10 ? { splits: integerSplits } : {}),
      { label: p.yLabel || '', font: AXIS_FONT, values: fmt(1, p.yLog, false), size: size(1) },
    ],
  };
  const data = [p.x].concat(p.series.map((s) => s.values.map((v) => (v === null || (p.yLog && !(v > 0)) ? null : v))));
  new uPlot(opts, data, document.getElementById(p.id));
}
`;

export function htmlPage(title: string, body: string, plots: PlotSet): string {
  const { js, css } = uplotAssets();
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>${css}
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:1100px}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;font-variant-numeric:tabular-nums}
tr.fail td,h2.fail,td.fail{color:#b00020}h2.pass,td.pass{color:#1b5e20}.plot{margin:1em 0}.note{color:#555}
section{border-top:2px solid #ccc;margin-top:1.5em}
</style></head><body>
<h1>${esc(title)}</h1>
${body}
<script>${js}</script>
<script>
const PLOTS = ${scriptJSON(plots.specs)};
${CLIENT}
</script>
</body></html>
`;
}
