/**
 * The timestep study for people: a per-dt table (text and HTML) and, in HTML, the drift against
 * dt on log-log axes (with the dt^2 line of velocity Verlet through the smallest dt) and the thermo
 * observables against time, one line per dt.
 */
import type { DtFigures, StudyFigures } from './checks/timestep.js';
import { esc, htmlPage, PlotSet, type PlotSeries } from './html-page.js';
import { reportText } from './report.js';
import type { TimestepStudyResult } from './timestep-study.js';

const num = (v: number | null | undefined): string => (v === undefined ? '' : v === null ? 'never' : v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? v.toPrecision(6) : v.toExponential(3));

interface Table { head: string[]; rows: string[][] }

function figuresTable(r: TimestepStudyResult, s: StudyFigures): Table {
  const head = [`dt [${r.dtUnit}]`, 'rows', `drift [${r.driftUnit}]`, `rms(TotEng) [${r.energyUnit}/atom]`,
    ...r.thermostats.map((id) => `TotEng+f_${id} drift [${r.driftUnit}]`), `leaves smallest dt at [${r.timeUnit}]`, 'end Temp', `end PotEng [${r.energyUnit}]`];
  const rows = s.runs.map((f: DtFigures, i) => [String(r.dts[i].given), String(f.rows), num(f.drift), num(f.fluctuation),
    ...r.thermostats.map((id) => num(f.conserved[id])), i === 0 ? '(baseline)' : num(f.leaves), num(f.end.Temp), num(f.end.PotEng)]);
  return { head, rows };
}

/** End-of-run a-CNA fractions per dt (OVITO's structure names), when the script dumps positions. */
function acnaTable(r: TimestepStudyResult): Table | undefined {
  const a = r.acna;
  if (!a) return undefined;
  const names = Object.keys(a.spread);
  const head = [`dt [${r.dtUnit}]`, 'timestep', 'atoms', ...names.map((n) => `${n} fraction`)];
  const rows = a.runs.map((x, i) => [String(r.dts[i].given), x.timestep === null ? '' : String(x.timestep), String(x.natoms), ...names.map((n) => x.fractions[n].toFixed(6))]);
  rows.push(['spread', '', '', ...names.map((n) => a.spread[n].spread.toFixed(6))]);
  return { head, rows };
}

function summaryLines(r: TimestepStudyResult, s: StudyFigures): string[] {
  const lines: string[] = [];
  if (s.driftOrder !== undefined) lines.push(`TotEng drift order in dt: ${num(s.driftOrder)}${r.ensemble === 'nve' ? ' (NVE, velocity Verlet: 2)' : ` (${r.ensemble}: not conserved)`}`);
  if (s.fluctuationOrder !== undefined) lines.push(`TotEng fluctuation order in dt: ${num(s.fluctuationOrder)}`);
  for (const [id, o] of Object.entries(s.conservedOrder)) lines.push(`TotEng + f_${id} (conserved) drift order in dt: ${num(o)}`);
  for (const [c, v] of Object.entries(s.endSpread)) lines.push(`end ${c}: ${num(v.min)} .. ${num(v.max)}, spread ${num(v.spread)}`);
  return lines;
}

function textTable(t: Table): string[] {
  const w = t.head.map((h, i) => Math.max(h.length, ...t.rows.map((row) => row[i].length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd();
  return [line(t.head), ...t.rows.map(line)];
}

export function timestepText(r: TimestepStudyResult): string {
  const lines = [`timestep study: ${r.script} (units ${r.units}, ${r.ensemble}), ${r.study.sharedTimes.length} shared output times`];
  lines.push(...textTable(figuresTable(r, r.study)), ...summaryLines(r, r.study).map((l) => '  ' + l));
  const at = acnaTable(r);
  if (at) lines.push(`end-of-run structure (adaptive CNA of the last frame of ${r.acna!.dump}):`, ...textTable(at));
  if (r.reference) {
    lines.push('reference (same figures from the reference logs):');
    lines.push(...textTable(figuresTable(r, r.reference)), ...summaryLines(r, r.reference).map((l) => '  ' + l));
  }
  lines.push('');
  return lines.join('\n') + '\n' + reportText([r.report]);
}

function htmlTable(t: Table, id: string): string {
  return `<table id="${id}"><tr>${t.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>\n${t.rows.map((row) => `<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}</table>`;
}

const COLOURS = ['#1565c0', '#e65100', '#2e7d32', '#6a1b9a', '#c62828', '#00838f'];

export function timestepHTML(r: TimestepStudyResult): string {
  const plots = new PlotSet();
  const body: string[] = [];
  const rep = r.report;
  body.push(`<h2 class="${rep.passed ? 'pass' : 'fail'}">${rep.passed ? 'PASS' : 'FAIL'} ${esc(r.script)}</h2>`);
  body.push(`<p>units ${esc(r.units)}, ${esc(r.ensemble)}; ${esc(rep.candidate)}; reference: <code>${esc(rep.reference)}</code></p>`);
  body.push(htmlTable(figuresTable(r, r.study), 'figures'));
  body.push(`<ul>${summaryLines(r, r.study).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`);
  const at = acnaTable(r);
  if (at) body.push(`<h3>end-of-run structure (adaptive CNA of the last frame of <code>${esc(r.acna!.dump)}</code>)</h3>`, htmlTable(at, 'acna-fractions'));
  if (r.reference) {
    body.push('<h3>the same figures from the reference logs</h3>', htmlTable(figuresTable(r, r.reference), 'reference-figures'));
    body.push(`<ul>${summaryLines(r, r.reference).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`);
  }
  if (rep.results.length) {
    body.push('<table class="results"><tr><th></th><th>check</th><th>quantity</th><th>max error</th><th>tolerance</th></tr>');
    for (const c of rep.results) body.push(`<tr class="${c.passed ? 'pass' : 'fail'}"><td>${c.passed ? 'ok' : 'FAIL'}</td><td>${esc(c.check)}</td><td>${esc(c.name)}</td><td>${num(c.stats.max)}</td><td>${num(c.tolerance)}</td></tr>`);
    body.push('</table>');
  }
  for (const n of rep.notes) body.push(`<p class="note">${esc(n)}</p>`);

  // drift against dt, log-log, with dt^2 through the smallest dt
  const dts = r.dts.map((d) => d.given);
  const abs = (f: StudyFigures) => f.runs.map((x) => (x.drift === undefined ? null : Math.abs(x.drift)));
  const ours = abs(r.study);
  if (ours.some((v) => v !== null && v > 0)) {
    const series: PlotSeries[] = [{ label: `|TotEng drift| [${r.driftUnit}]`, values: ours, stroke: COLOURS[0], points: true }];
    if (r.reference) series.push({ label: 'reference', values: abs(r.reference), stroke: COLOURS[1], dash: [6, 4], points: true });
    const d0 = ours[0];
    if (d0) series.push({ label: 'dt^2', values: dts.map((d) => d0 * (d / dts[0]) ** 2), stroke: '#777777', dash: [2, 3] });
    body.push(plots.add({ title: 'energy drift against timestep', xLabel: `dt [${r.dtUnit}]`, yLabel: `|drift| [${r.driftUnit}]`, x: dts, xLog: true, yLog: true, series }));
  }
  // observables against time, one line per dt, at the times every run printed
  for (const col of ['TotEng', 'PotEng', 'Temp', ...r.thermostats.map((id) => `f_${id}`)]) {
    if (!r.series.every((s) => s.columns[col])) continue;
    const x = r.series[r.series.length - 1].time;
    const key = (t: number) => t.toFixed(9);
    const series = r.series.map((s, i) => {
      const at = new Map(s.time.map((t, k) => [key(t), k]));
      return { label: `dt = ${r.dts[i].given} ${r.dtUnit}`, values: x.map((t) => { const k = at.get(key(t)); return k === undefined ? null : s.columns[col][k]; }), stroke: COLOURS[i % COLOURS.length] };
    });
    body.push(plots.add({ title: `${col} against time`, xLabel: `time [${r.timeUnit}]`, yLabel: col, x, series }));
  }
  return htmlPage('lmpv timestep study', body.join('\n'), plots);
}
