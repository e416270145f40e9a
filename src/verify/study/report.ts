/**
 * The study report: the analyses of every finished run (analysis.ts), grouped by size, density and
 * dt (nucleation) or rate and dt (deposition), with the spread over seeds, in one HTML page made by
 * the same machinery as the verify and timestep reports (html-page.ts), and summary.json.
 * Only what the runs computed goes in (no wall times, dates or hosts), so the same study gives the
 * same report wherever and however its runs were run.
 */
import { esc, htmlPage, PlotSet, type PlotSeries } from '../html-page.js';
import type { DepositionAnalysis, NucleationAnalysis, RunAnalysis } from './analysis.js';
import type { RunStatus } from './runner.js';
import type { StudyFile } from './spec.js';

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

export interface Stat { n: number; mean: number | null; sd: number | null; min: number | null; max: number | null }

export function stat(v: number[]): Stat {
  if (!v.length) return { n: 0, mean: null, sd: null, min: null, max: null };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (v.length - 1)) : 0;
  return { n: v.length, mean, sd, min: Math.min(...v), max: Math.max(...v) };
}

export interface NucleationGroup {
  size: number; density: number; dt: number;
  runs: number; done: number;
  finalBcc: Stat;
  incubation: Stat;
  /** Runs whose largest cluster never reached the threshold. */
  notIncubated: number;
  time: number[];
  /** Mean (over seeds) bcc fraction and largest-cluster bcc fraction at each time. */
  bcc: number[]; bccMin: number[]; bccMax: number[];
  bccLargest: number[];
  /** Final snapshot, pooled over seeds: bcc fraction per cluster size. */
  bySize: Array<{ size: number; atoms: number; fraction: number }>;
}

export interface DepositionGroup {
  rate: number; dt: number; runs: number; done: number;
  time: number[]; deposited: number[]; roughness: number[]; nonBcc: number[];
  finalRoughness: Stat; finalNonBcc: Stat;
}

export interface StudySummary {
  kind: 'nucleation' | 'deposition';
  runs: number;
  done: number;
  failed: Array<{ name: string; error: string }>;
  pending: string[];
  nucleation?: NucleationGroup[];
  deposition?: DepositionGroup[];
}

/** Mean, min and max over seeds at each time of the shortest series (seeds share the snapshot grid). */
function meanSeries(list: number[][]): { mean: number[]; min: number[]; max: number[] } {
  const n = Math.min(...list.map((s) => s.length));
  const mean: number[] = [], min: number[] = [], max: number[] = [];
  for (let k = 0; k < n; k++) {
    const v = list.map((s) => s[k]);
    mean.push(v.reduce((a, b) => a + b, 0) / v.length);
    min.push(Math.min(...v));
    max.push(Math.max(...v));
  }
  return { mean, min, max };
}

export function summarise(study: StudyFile, analyses: Map<string, RunAnalysis>, statuses: Map<string, RunStatus | null>): StudySummary {
  const failed: StudySummary['failed'] = [], pending: string[] = [];
  for (const r of study.runs) {
    const st = statuses.get(r.name);
    if (st?.state === 'failed') failed.push({ name: r.name, error: st.error ?? 'failed' });
    else if (!analyses.has(r.name)) pending.push(r.name);
  }
  const s: StudySummary = { kind: study.spec.kind, runs: study.runs.length, done: analyses.size, failed, pending };
  const keyOf = (r: StudyFile['runs'][number]) => (study.spec.kind === 'nucleation' ? `${r.size}|${r.density}|${r.dt}` : `${r.rate}|${r.dt}`);
  const groups = new Map<string, StudyFile['runs']>();
  for (const r of study.runs) {
    const k = keyOf(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  if (study.spec.kind === 'nucleation') {
    s.nucleation = [];
    for (const runs of groups.values()) {
      const an = runs.map((r) => analyses.get(r.name)).filter((a): a is NucleationAnalysis => a?.kind === 'nucleation' && a.time.length > 0);
      const r0 = runs[0];
      const g: NucleationGroup = {
        size: r0.size, density: r0.density!, dt: r0.dt, runs: runs.length, done: an.length,
        finalBcc: stat(an.map((a) => a.finalBcc)),
        incubation: stat(an.filter((a) => a.incubation !== null).map((a) => a.incubation!)),
        notIncubated: an.filter((a) => a.incubation === null).length,
        time: [], bcc: [], bccMin: [], bccMax: [], bccLargest: [], bySize: [],
      };
      if (an.length) {
        const b = meanSeries(an.map((a) => a.bcc));
        g.time = an[0].time.slice(0, b.mean.length);
        g.bcc = b.mean; g.bccMin = b.min; g.bccMax = b.max;
        g.bccLargest = meanSeries(an.map((a) => a.bccLargest)).mean;
        const pool = new Map<number, { atoms: number; sel: number }>();
        for (const a of an) for (const row of a.finalBySize) {
          const p = pool.get(row.size) ?? { atoms: 0, sel: 0 };
          p.atoms += row.size * row.clusters;
          p.sel += row.fraction * row.size * row.clusters;
          pool.set(row.size, p);
        }
        g.bySize = [...pool].sort((x, y) => x[0] - y[0]).map(([size, p]) => ({ size, atoms: p.atoms, fraction: p.atoms ? p.sel / p.atoms : 0 }));
      }
      s.nucleation.push(g);
    }
  } else {
    s.deposition = [];
    for (const runs of groups.values()) {
      const an = runs.map((r) => analyses.get(r.name)).filter((a): a is DepositionAnalysis => a?.kind === 'deposition' && a.time.length > 0);
      const r0 = runs[0];
      const g: DepositionGroup = { rate: r0.rate!, dt: r0.dt, runs: runs.length, done: an.length, time: [], deposited: [], roughness: [], nonBcc: [],
        finalRoughness: stat(an.map((a) => a.roughness[a.roughness.length - 1])), finalNonBcc: stat(an.map((a) => a.nonBcc[a.nonBcc.length - 1])) };
      if (an.length) {
        g.deposited = meanSeries(an.map((a) => a.deposited)).mean;
        g.roughness = meanSeries(an.map((a) => a.roughness)).mean;
        g.nonBcc = meanSeries(an.map((a) => a.nonBcc)).mean;
        g.time = an[0].time.slice(0, g.deposited.length);
      }
      s.deposition.push(g);
    }
  }
  return s;
}

/** Series given on their own x grids, on the union grid (null where a series has no point). */
function onUnionGrid(items: Array<{ label: string; x: number[]; y: number[]; dash?: number[]; points?: boolean }>): { x: number[]; series: PlotSeries[] } {
  const x = [...new Set(items.flatMap((i) => i.x))].sort((a, b) => a - b);
  const at = new Map(x.map((v, k) => [v, k]));
  const series = items.map((it, k) => {
    const values: Array<number | null> = x.map(() => null);
    it.x.forEach((xv, j) => { values[at.get(xv)!] = it.y[j]; });
    return { label: it.label, values, stroke: COLORS[k % COLORS.length], dash: it.dash, points: it.points };
  });
  return { x, series };
}

/** Fractions are plotted in percent (uPlot's automatic range for an all-zero series is then 0..100). */
const pct = (v: number[]) => v.map((x) => 100 * x);
const fmt = (v: number | null, d = 3) => (v === null ? '-' : Number(v.toPrecision(d)).toString());
const pm = (st: Stat, d = 3) => (st.n === 0 ? '-' : st.n === 1 ? fmt(st.mean, d) : `${fmt(st.mean, d)} ± ${fmt(st.sd, 2)}`);

export function studyHTML(study: StudyFile, s: StudySummary): string {
  const plots = new PlotSet();
  const parts: string[] = [];
  const spec = study.spec;
  parts.push(`<p>${s.done} of ${s.runs} runs analysed; engine ${esc(study.engine)}${study.np ? `, ${study.np} ranks` : ''}.</p>`);
  if (s.failed.length) parts.push(`<h2 class="fail">Failed runs</h2><table><tr><th>run</th><th>error</th></tr>${s.failed.map((f) => `<tr class="fail"><td>${esc(f.name)}</td><td>${esc(f.error)}</td></tr>`).join('')}</table>`);
  if (s.pending.length) parts.push(`<p class="note">Not finished: ${esc(s.pending.join(', '))}</p>`);
  if (spec.kind === 'nucleation' && s.nucleation) {
    const G = s.nucleation;
    parts.push(`<p class="note">Protocol: heat ${spec.heat.T} K for ${fmt(spec.heat.time * spec.scale / 1000)} ps, quench to ${spec.hold.T} K at ${fmt(spec.quench * 1000 / spec.scale)} K/ps, hold ${fmt(spec.hold.time * spec.scale / 1000)} ps (scale ${spec.scale}); boundary ${spec.boundary}; incubation: first snapshot where the largest cluster (cutoff ${spec.clusterCutoff} A) is at least ${spec.threshold} bcc.</p>`);
    parts.push('<h2>Runs by size, density and timestep</h2><table><tr><th>atoms</th><th>g/cm3</th><th>dt (fs)</th><th>runs done</th><th>final bcc fraction</th><th>incubation (ps)</th><th>not incubated</th></tr>' +
      G.map((g) => `<tr><td>${g.size}</td><td>${g.density}</td><td>${g.dt}</td><td>${g.done}/${g.runs}</td><td>${pm(g.finalBcc)}</td><td>${pm(g.incubation)}</td><td>${g.notIncubated}</td></tr>`).join('') + '</table>');
    const densities = [...new Set(G.map((g) => g.density))];
    const dts = [...new Set(G.map((g) => g.dt))].sort((a, b) => a - b);
    for (const d of densities) for (const dt of dts) {
      const gs = G.filter((g) => g.density === d && g.dt === dt && g.time.length);
      if (!gs.length) continue;
      const u = onUnionGrid(gs.map((g) => ({ label: `${g.size} atoms`, x: g.time, y: pct(g.bcc) })));
      parts.push(`<h2>${d} g/cm3, dt ${dt} fs</h2>`);
      parts.push(plots.add({ title: `bcc fraction vs time (mean over seeds), ${d} g/cm3, dt ${dt} fs`, xLabel: 'time (ps)', yLabel: 'bcc atoms (%)', ...u }));
      const ul = onUnionGrid(gs.map((g) => ({ label: `${g.size} atoms`, x: g.time, y: pct(g.bccLargest) })));
      parts.push(plots.add({ title: `bcc fraction of the largest cluster vs time, ${d} g/cm3, dt ${dt} fs`, xLabel: 'time (ps)', yLabel: 'bcc atoms of the largest cluster (%)', ...ul }));
      const ub = onUnionGrid(gs.map((g) => ({ label: `${g.size} atoms`, x: g.bySize.map((r) => r.size), y: pct(g.bySize.map((r) => r.fraction)), points: true })));
      parts.push(plots.add({ title: `final bcc fraction vs cluster size, ${d} g/cm3, dt ${dt} fs`, xLabel: 'cluster size (atoms)', yLabel: 'bcc atoms (%)', ...ub }));
    }
    for (const d of densities) {
      const items = dts.map((dt) => {
        const gs = G.filter((g) => g.density === d && g.dt === dt && g.incubation.n > 0);
        return { label: `dt ${dt} fs`, x: gs.map((g) => g.size), y: gs.map((g) => g.incubation.mean!), points: true };
      }).filter((i) => i.x.length);
      if (items.length) parts.push(plots.add({ title: `incubation time vs size, ${d} g/cm3 (mean over seeds that crystallised)`, xLabel: 'atoms', yLabel: 'incubation (ps)', ...onUnionGrid(items) }));
    }
    if (dts.length > 1) {
      parts.push(`<h2>Timestep sensitivity</h2><p class="note">Against the smallest dt (${dts[0]} fs): difference of the mean final bcc fraction and of the mean incubation time.</p><table><tr><th>atoms</th><th>g/cm3</th>${dts.map((dt) => `<th>dt ${dt}: final bcc</th><th>dt ${dt}: incubation (ps)</th>`).join('')}<th>max |Δ final bcc|</th><th>max |Δ incubation| (ps)</th></tr>`);
      const keys = [...new Set(G.map((g) => `${g.size}|${g.density}`))];
      for (const k of keys) {
        const row = dts.map((dt) => G.find((g) => `${g.size}|${g.density}` === k && g.dt === dt));
        const ref = row[0];
        let dB: number | null = null, dI: number | null = null;
        for (const g of row.slice(1)) {
          if (g && ref && g.finalBcc.mean !== null && ref.finalBcc.mean !== null) dB = Math.max(dB ?? 0, Math.abs(g.finalBcc.mean - ref.finalBcc.mean));
          if (g && ref && g.incubation.mean !== null && ref.incubation.mean !== null) dI = Math.max(dI ?? 0, Math.abs(g.incubation.mean - ref.incubation.mean));
        }
        const [size, dens] = k.split('|');
        parts.push(`<tr><td>${size}</td><td>${dens}</td>${row.map((g) => `<td>${g ? pm(g.finalBcc) : '-'}</td><td>${g ? pm(g.incubation) : '-'}</td>`).join('')}<td>${fmt(dB)}</td><td>${fmt(dI)}</td></tr>`);
      }
      parts.push('</table>');
    }
  }
  if (spec.kind === 'deposition' && s.deposition) {
    const G = s.deposition;
    parts.push(`<p class="note">MEAM Li (${esc(spec.library)}), substrate ${spec.box[0]}x${spec.box[1]}x${spec.substrate} bcc cells at ${spec.T} K, ${fmt(spec.time * spec.scale / 1000)} ps per run (scale ${spec.scale}).</p>`);
    parts.push('<h2>Runs by rate and timestep</h2><table><tr><th>rate (Li/ps)</th><th>dt (fs)</th><th>runs done</th><th>final roughness (A)</th><th>final non-bcc fraction</th></tr>' +
      G.map((g) => `<tr><td>${g.rate}</td><td>${g.dt}</td><td>${g.done}/${g.runs}</td><td>${pm(g.finalRoughness)}</td><td>${pm(g.finalNonBcc)}</td></tr>`).join('') + '</table>');
    const gs = G.filter((g) => g.time.length);
    const lab = (g: DepositionGroup) => `${g.rate} Li/ps, dt ${g.dt} fs`;
    if (gs.length) {
      parts.push(plots.add({ title: 'deposited atoms vs time', xLabel: 'time (ps)', yLabel: 'atoms', ...onUnionGrid(gs.map((g) => ({ label: lab(g), x: g.time, y: g.deposited }))) }));
      parts.push(plots.add({ title: 'surface roughness vs time', xLabel: 'time (ps)', yLabel: 'RMS height (A)', ...onUnionGrid(gs.map((g) => ({ label: lab(g), x: g.time, y: g.roughness }))) }));
      parts.push(plots.add({ title: 'non-bcc (defect) fraction of the deposit vs time', xLabel: 'time (ps)', yLabel: 'non-bcc atoms of the deposit (%)', ...onUnionGrid(gs.map((g) => ({ label: lab(g), x: g.time, y: pct(g.nonBcc) }))) }));
    }
  }
  return htmlPage(`lmpv study ${spec.kind}`, parts.join('\n'), plots);
}

/** Plain-text table for the terminal. */
export function studyText(s: StudySummary): string {
  const out: string[] = [`${s.done} of ${s.runs} runs analysed${s.failed.length ? `, ${s.failed.length} failed` : ''}${s.pending.length ? `, ${s.pending.length} not finished` : ''}`];
  for (const f of s.failed) out.push(`  failed ${f.name}: ${f.error}`);
  if (s.nucleation) {
    out.push('atoms  g/cm3    dt(fs)  done  final-bcc          incubation(ps)');
    for (const g of s.nucleation) out.push(`${String(g.size).padEnd(6)} ${String(g.density).padEnd(8)} ${String(g.dt).padEnd(7)} ${`${g.done}/${g.runs}`.padEnd(5)} ${pm(g.finalBcc).padEnd(18)} ${pm(g.incubation)}${g.notIncubated ? ` (${g.notIncubated} not incubated)` : ''}`);
  }
  if (s.deposition) {
    out.push('rate(Li/ps)  dt(fs)  done  deposited  roughness(A)  non-bcc');
    for (const g of s.deposition) out.push(`${String(g.rate).padEnd(12)} ${String(g.dt).padEnd(7)} ${`${g.done}/${g.runs}`.padEnd(5)} ${String(g.deposited[g.deposited.length - 1] ?? '-').padEnd(10)} ${pm(g.finalRoughness).padEnd(13)} ${pm(g.finalNonBcc)}`);
  }
  return out.join('\n');
}
