/**
 * Reports for people (text table, HTML with plots) and for CI (JSON, CSV, JUnit XML).
 * CSV goes through papaparse, JUnit XML through fast-xml-parser's builder, and the HTML embeds
 * uPlot (its minified bundle and CSS inline, so a report opens offline as one file).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { XMLBuilder } from 'fast-xml-parser';
import type { CheckResult, Report } from './types.js';

const fmt = (v: number): string => (v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(6) : v.toExponential(3));

/** A plain-text table, one row per result, worst place named. */
export function reportText(reports: Report[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.passed ? 'PASS' : 'FAIL'}  ${r.title}`);
    lines.push(`      reference: ${r.reference}`);
    lines.push(`      candidate: ${r.candidate}`);
    const rows = r.results.map((c) => [
      c.passed ? 'ok' : 'FAIL',
      c.check,
      c.name,
      `${c.metric}${c.unit ? ` [${c.unit}]` : ''}`,
      fmt(c.stats.max),
      fmt(c.tolerance),
      c.worst ? `${c.worst.label} ${c.worst.where}` : '',
      String(c.stats.n),
    ]);
    const head = ['', 'check', 'quantity', 'metric', 'max err', 'tolerance', 'worst at', 'n'];
    const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (cells: string[]) => '  ' + cells.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd();
    lines.push(line(head));
    rows.forEach((row, k) => {
      lines.push(line(row));
      const d = r.results[k].detail;
      if (d && !r.results[k].passed) lines.push(`        -> ${d}`);
    });
    for (const n of r.notes) lines.push(`  note: ${n}`);
    lines.push('');
  }
  const failed = reports.reduce((s, r) => s + r.results.filter((c) => !c.passed).length, 0);
  const total = reports.reduce((s, r) => s + r.results.length, 0);
  lines.push(`${total - failed} passed, ${failed} failed`);
  return lines.join('\n') + '\n';
}

export function reportJSON(reports: Report[]): string {
  return JSON.stringify({ passed: reports.every((r) => r.passed), reports }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
}

/** One CSV row per result; numbers printed so they read back exactly. */
export function reportCSV(reports: Report[]): string {
  const rows = reports.flatMap((r) =>
    r.results.map((c) => ({
      case: r.title,
      check: c.check,
      quantity: c.name,
      passed: c.passed,
      metric: c.metric,
      unit: c.unit ?? '',
      max: c.stats.max,
      avg: c.stats.avg,
      dev: c.stats.dev,
      n: c.stats.n,
      tolerance: c.tolerance,
      worst_label: c.worst?.label ?? '',
      worst_where: c.worst?.where ?? '',
      worst_reference: c.worst?.reference ?? '',
      worst_candidate: c.worst?.candidate ?? '',
      detail: c.detail ?? '',
    })),
  );
  return Papa.unparse(rows, { newline: '\n' }) + '\n';
}

/** JUnit XML: a testsuite per report, a testcase per result, failures carry the numbers. */
export function reportJUnit(reports: Report[]): string {
  const suites = reports.map((r) => ({
    '@_name': r.title,
    '@_tests': r.results.length,
    '@_failures': r.results.filter((c) => !c.passed).length,
    testcase: r.results.map((c) => {
      const tc: Record<string, unknown> = { '@_classname': `${r.title}.${c.check}`, '@_name': c.name };
      const msg = `max ${c.metric} error ${c.stats.max} > tolerance ${c.tolerance}` + (c.worst ? ` at ${c.worst.label} ${c.worst.where} (reference ${c.worst.reference}, candidate ${c.worst.candidate})` : '') + (c.detail ? `; ${c.detail}` : '');
      if (!c.passed) tc.failure = { '@_message': msg, '#text': c.detail ?? msg };
      else tc['system-out'] = `max ${c.metric} error ${c.stats.max} <= ${c.tolerance}`;
      return tc;
    }),
  }));
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: true });
  const failures = reports.reduce((s, r) => s + r.results.filter((c) => !c.passed).length, 0);
  const tests = reports.reduce((s, r) => s + r.results.length, 0);
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + builder.build({ testsuites: { '@_name': 'lmpv', '@_tests': tests, '@_failures': failures, testsuite: suites } });
}

const require = createRequire(import.meta.url);
function uplotAssets(): { js: string; css: string } {
  const dir = require.resolve('uplot/dist/uPlot.iife.min.js').replace(/uPlot\.iife\.min\.js$/, '');
  return { js: readFileSync(dir + 'uPlot.iife.min.js', 'utf8'), css: readFileSync(dir + 'uPlot.min.css', 'utf8') };
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** Self-contained HTML: summary table and, for each result with a series, reference vs candidate and the error. */
export function reportHTML(reports: Report[]): string {
  const { js, css } = uplotAssets();
  const plots: Array<{ id: string; title: string; xLabel: string; x: number[]; ref: number[]; cand: number[] }> = [];
  const body: string[] = [];
  for (const r of reports) {
    body.push(`<h2 class="${r.passed ? 'pass' : 'fail'}">${r.passed ? 'PASS' : 'FAIL'} ${esc(r.title)}</h2>`);
    body.push(`<p>reference: <code>${esc(r.reference)}</code><br>candidate: <code>${esc(r.candidate)}</code></p>`);
    body.push('<table><tr><th></th><th>check</th><th>quantity</th><th>metric</th><th>max error</th><th>tolerance</th><th>worst at</th><th>n</th></tr>');
    for (const c of r.results) {
      body.push(`<tr class="${c.passed ? 'pass' : 'fail'}"><td>${c.passed ? 'ok' : 'FAIL'}</td><td>${esc(c.check)}</td><td>${esc(c.name)}</td><td>${c.metric}${c.unit ? ` [${esc(c.unit)}]` : ''}</td><td>${fmt(c.stats.max)}</td><td>${fmt(c.tolerance)}</td><td>${c.worst ? `${esc(c.worst.label)} ${c.worst.where}` : ''}</td><td>${c.stats.n}</td></tr>`);
      if (c.detail && !c.passed) body.push(`<tr class="fail"><td></td><td colspan="7">&rarr; ${esc(c.detail)}</td></tr>`);
    }
    body.push('</table>');
    for (const n of r.notes) body.push(`<p class="note">${esc(n)}</p>`);
    for (const c of r.results) {
      if (!c.series || c.series.x.length < 2) continue;
      const id = `p${plots.length}`;
      plots.push({ id, title: `${r.title}: ${c.name}`, xLabel: c.series.xLabel, x: c.series.x, ref: c.series.reference, cand: c.series.candidate });
      body.push(`<div id="${id}" class="plot"></div>`);
    }
  }
  const data = JSON.stringify(plots);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>lmpv verification report</title>
<style>${css}
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:1100px}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;font-variant-numeric:tabular-nums}
tr.fail td,h2.fail{color:#b00020}h2.pass{color:#1b5e20}.plot{margin:1em 0}.note{color:#555}
</style></head><body>
<h1>lmpv verification report</h1>
${body.join('\n')}
<script>${js}</script>
<script>
const plots = ${data};
for (const p of plots) {
  const err = p.ref.map((r, i) => Math.abs(p.cand[i] - r) / Math.max(Math.min(Math.abs(r), Math.abs(p.cand[i])), 1e-300));
  const el = document.getElementById(p.id);
  new uPlot({ title: p.title, width: 1000, height: 260, scales: { x: { time: false } },
    series: [{ label: p.xLabel }, { label: 'reference (LAMMPS)', stroke: '#1565c0' }, { label: 'candidate', stroke: '#e65100', dash: [6, 4] }],
    axes: [{ label: p.xLabel }, {}] }, [p.x, p.ref, p.cand], el);
  new uPlot({ title: 'relative error', width: 1000, height: 160, scales: { x: { time: false }, y: { distr: 3 } },
    series: [{ label: p.xLabel }, { label: '|a-b|/min(|a|,|b|)', stroke: '#6a1b9a' }] }, [p.x, err.map((e) => e > 0 ? e : 1e-17)], el);
}
</script>
</body></html>
`;
}
