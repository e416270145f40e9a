/**
 * Reports for people (text table, HTML with plots) and for CI (JSON, CSV, JUnit XML).
 * CSV goes through papaparse, JUnit XML through fast-xml-parser's builder, and the HTML embeds
 * uPlot (its minified bundle and CSS inline, so a report opens offline as one file).
 */
import Papa from 'papaparse';
import { XMLBuilder } from 'fast-xml-parser';
import type { CheckResult, Report } from './types.js';
import { relErr } from './compare.js';
import { esc, htmlPage, PlotSet } from './html-page.js';

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

/** The result that matters most in a report: the failing one furthest beyond its tolerance, else the closest to it. */
export function worstResult(r: Report): CheckResult | undefined {
  const ratio = (c: CheckResult) => (c.tolerance > 0 ? c.stats.max / c.tolerance : c.stats.max > 0 ? Infinity : 0);
  let best: CheckResult | undefined;
  for (const c of r.results) {
    if (!best || Number(!c.passed) > Number(!best.passed) || (c.passed === best.passed && ratio(c) > ratio(best))) best = c;
  }
  return best;
}

/** Self-contained HTML: a summary (one row per case) first, then each case's table, plots and force histograms. */
export function reportHTML(reports: Report[], title = 'lmpv verification report'): string {
  const plots = new PlotSet();
  const summary: string[] = ['<table id="summary"><tr><th></th><th>case</th><th>checks</th><th>worst quantity</th><th>its error</th><th>tolerance</th><th>worst at</th></tr>'];
  const body: string[] = [];
  reports.forEach((r, k) => {
    const w = worstResult(r);
    const failed = r.results.filter((c) => !c.passed).length;
    summary.push(`<tr class="${r.passed ? 'pass' : 'fail'}"><td class="${r.passed ? 'pass' : 'fail'}">${r.passed ? 'PASS' : 'FAIL'}</td><td><a href="#case-${k}">${esc(r.title)}</a></td><td>${r.results.length - failed} passed, ${failed} failed</td>`
      + (w ? `<td>${esc(w.check)}: ${esc(w.name)}</td><td>${w.metric} ${fmt(w.stats.max)}${w.unit ? ` ${esc(w.unit)}` : ''}</td><td>${fmt(w.tolerance)}</td><td>${w.worst ? `${esc(w.worst.label)} ${w.worst.where}` : ''}</td>` : '<td colspan="4">nothing compared</td>')
      + '</tr>');
    body.push(`<section id="case-${k}"><h2 class="${r.passed ? 'pass' : 'fail'}">${r.passed ? 'PASS' : 'FAIL'} ${esc(r.title)}</h2>`);
    body.push(`<p>reference: <code>${esc(r.reference)}</code><br>candidate: <code>${esc(r.candidate)}</code></p>`);
    body.push('<table class="results"><tr><th></th><th>check</th><th>quantity</th><th>metric</th><th>max error</th><th>tolerance</th><th>worst at</th><th>n</th></tr>');
    for (const c of r.results) {
      body.push(`<tr class="${c.passed ? 'pass' : 'fail'}"><td>${c.passed ? 'ok' : 'FAIL'}</td><td>${esc(c.check)}</td><td>${esc(c.name)}</td><td>${c.metric}${c.unit ? ` [${esc(c.unit)}]` : ''}</td><td>${fmt(c.stats.max)}</td><td>${fmt(c.tolerance)}</td><td>${c.worst ? `${esc(c.worst.label)} ${c.worst.where}` : ''}</td><td>${c.stats.n}</td></tr>`);
      if (c.detail && !c.passed) body.push(`<tr class="fail"><td></td><td colspan="7">&rarr; ${esc(c.detail)}</td></tr>`);
    }
    body.push('</table>');
    for (const n of r.notes) body.push(`<p class="note">${esc(n)}</p>`);
    for (const c of r.results) {
      if (c.series && c.series.x.length >= 2) {
        const s = c.series;
        body.push(plots.add({ title: `${r.title}: ${c.name}`, xLabel: s.xLabel, yLabel: c.name.replace(/ (@|over) .*$/, '').replace(/^.*: /, ''), x: s.x, series: [
          { label: 'reference (LAMMPS)', values: s.reference, stroke: '#1565c0' },
          { label: 'candidate', values: s.candidate, stroke: '#e65100', dash: [6, 4] },
        ] }));
        // the error with the shipped metric (compare.ts relErr), on a log axis; exact zeros are gaps
        const err = s.reference.map((a, i) => relErr(a, s.candidate[i]));
        const zeros = err.filter((e) => e === 0).length;
        if (zeros < err.length) {
          body.push(plots.add({ title: `relative error |a-b|/min(|a|,|b|)${zeros ? ` (${zeros} of ${err.length} rows exactly equal, not drawn)` : ''}`, xLabel: s.xLabel, yLabel: 'relative error', x: s.x, yLog: true, height: 180, series: [
            { label: '|a-b|/min(|a|,|b|)', values: err, stroke: '#6a1b9a', points: true },
          ] }));
        } else body.push(`<p class="note">${esc(c.name)}: every row exactly equal (relative error 0)</p>`);
      }
      if (c.table && c.table.rows.length) {
        const t = c.table;
        const cell = (v: number | string) => `<td>${typeof v === 'number' ? fmt(v) : esc(v)}</td>`;
        body.push(`<details class="table"><summary>${esc(c.check)}: ${esc(c.name)}: ${t.rows.length} rows</summary><table><tr>${t.columns.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`
          + t.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('') + '</table></details>');
      }
      const h = c.histogram;
      if (h && h.counts.length) {
        body.push(plots.add({ title: `${r.title}: ${c.name}: ${h.label}${h.zeros ? ` (${h.zeros} atoms exactly equal, not drawn)` : ''}`, xLabel: 'error (bins of half a decade)', yLabel: 'atoms', x: h.log10Lo.map((v) => v + h.width / 2), xPow10: true, bars: true, height: 200, series: [
          { label: 'atoms', values: h.counts, stroke: '#2e7d32' },
        ] }));
      }
    }
    body.push('</section>');
  });
  summary.push('</table>');
  const failed = reports.filter((r) => !r.passed).length;
  return htmlPage(title, `<p id="totals">${reports.length - failed} of ${reports.length} cases passed</p>\n${summary.join('\n')}\n${body.join('\n')}`, plots);
}
