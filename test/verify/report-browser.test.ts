/**
 * The HTML reports, opened in Debian's headless Chromium (`/usr/bin/chromium`, .ci/run installs it)
 * through playwright-core (no browser download): no console error, every plot drew (its canvas has
 * coloured pixels, not only the grey axes), the tick labels that were drawn read as they should
 * (log axes `1e-14`, never `0`; negative values keep their sign and fit their axis), and text from
 * file or column names cannot escape into markup or end the embedded script. One screenshot per
 * report kind goes to test-artifacts/ (gitignored).
 */
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { FIXTURES, REFERENCE, REPO } from '../helpers/paths.js';
import { runLmpv } from '../helpers/cli.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && process.env.CI) throw new Error(`${CHROMIUM} is required in CI; .ci/run installs Debian's chromium`);
const ARTIFACTS = join(REPO, 'test-artifacts');

interface AxisRecord { labels: string[]; size: number; widest: number }
interface PlotRecord { id: string; title: string; axes: AxisRecord[] }
interface PageFacts {
  plots: PlotRecord[];
  /** Per plot canvas: pixels that are neither transparent nor grey (the series, not axes or grid). */
  coloured: number[];
  canvases: number;
}

let ctx: BrowserContext;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  mkdirSync(ARTIFACTS, { recursive: true });
  ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lmpv-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => { await ctx?.close(); });

/** Open a report file; collect console errors and page errors; return what the page drew. */
async function open(file: string, shot: string): Promise<{ page: Page; errors: string[]; facts: PageFacts }> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => Array.isArray((window as unknown as { lmpvPlots?: unknown[] }).lmpvPlots));
  const facts = await page.evaluate(() => {
    const plots = (window as unknown as { lmpvPlots: PlotRecord[] }).lmpvPlots;
    const canvases = [...document.querySelectorAll('.plot canvas')] as HTMLCanvasElement[];
    const coloured = canvases.map((c) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] === 0) continue;
        if (Math.max(Math.abs(d[i] - d[i + 1]), Math.abs(d[i + 1] - d[i + 2]), Math.abs(d[i] - d[i + 2])) > 40) n++;
      }
      return n;
    });
    return { plots, coloured, canvases: canvases.length };
  });
  await page.screenshot({ path: join(ARTIFACTS, shot), fullPage: false });
  return { page, errors, facts };
}

function expectDrawn(f: PageFacts): void {
  expect(f.plots.length).toBeGreaterThan(0);
  expect(f.canvases).toBe(f.plots.length);
  f.coloured.forEach((n, i) => expect(n, `plot ${f.plots[i].title} drew no series`).toBeGreaterThan(10));
}

/** Every label a y axis of a relative-error plot drew reads 1e<N> (or is blank for a minor tick). */
function expectLogLabels(f: PageFacts): number {
  const err = f.plots.filter((p) => p.title.startsWith('relative error'));
  for (const p of err) {
    const labels = p.axes[1].labels;
    expect(labels.some((l) => l !== ''), p.title).toBe(true);
    for (const l of labels) expect(l, `${p.title}: ${labels.join(' | ')}`).toMatch(/^(|1|1e-?\d+|\d\.\de-?\d+)$/);
  }
  return err.length;
}

describe.skipIf(!HAVE_CHROMIUM)('HTML reports in headless Chromium (skipped: no /usr/bin/chromium outside CI)', () => {
  it('verify report: summary first, plots drawn, error axes in exponents, force histograms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-report-verify-'));
    const html = join(dir, 'verify.html');
    const r = runLmpv(['verify', join(FIXTURES, 'engine-lj-liquid-nve'), join(FIXTURES, 'engine-npt'), '--html', html, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const forceChecks = (JSON.parse(r.stdout).reports as Array<{ results: Array<{ check: string }> }>).flatMap((x) => x.results).filter((c) => c.check === 'forces').length;
    expect(forceChecks).toBe(2 + 3); // LJ: steps 0, 100; NPT: steps 0, 100, 200
    const { page, errors, facts } = await open(html, 'verify-report.png');
    expect(errors).toEqual([]);
    expectDrawn(facts);
    // the summary is the first table on the page: one row per case, linking to its section
    const rows = await page.$$eval('table', (ts) => [...ts[0].querySelectorAll('tr')].slice(1).map((tr) => ({ text: tr.textContent ?? '', href: tr.querySelector('a')?.getAttribute('href') })));
    expect(rows.length).toBe(2);
    expect(rows[0].text).toMatch(/^PASS/);
    for (const row of rows) expect(await page.$(row.href!)).not.toBeNull();
    // LAMMPS and lmpv agree to ~1e-14: the error plots must show exponents, not 0
    expect(expectLogLabels(facts)).toBeGreaterThan(10);
    const all = facts.plots.filter((p) => p.title.startsWith('relative error')).flatMap((p) => p.axes[1].labels);
    expect(all).not.toContain('0');
    expect(all.some((l) => /^1e-1[2-6]$/.test(l))).toBe(true);
    // per-atom force error histograms (one per dump frame with forces), x labelled in exponents
    const hist = facts.plots.filter((p) => p.title.includes('per atom: max over fx fy fz'));
    expect(hist.length).toBe(forceChecks);
    for (const h of hist) expect(h.axes[0].labels.filter((l) => l).every((l) => /^1e-?\d+$|^1$/.test(l))).toBe(true);
    await (await page.$(`#${hist[0].id}`))!.screenshot({ path: join(ARTIFACTS, 'verify-report-histogram.png') });
    const err = facts.plots.find((p) => p.title.startsWith('relative error'))!;
    await (await page.$(`#${err.id}`))!.screenshot({ path: join(ARTIFACTS, 'verify-report-error.png') });
    await page.close();
  });

  it('compare report: negative PotEng ticks keep their sign and fit their axis; names with </script> stay text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-report-compare-'));
    // a folder whose name holds `</script><b id="x">`: it appears in the title, the notes and the embedded plot data
    const cand = join(dir, '<', 'script><b id="injected">x');
    mkdirSync(cand, { recursive: true });
    cpSync(join(REFERENCE, 'meam-li-bcc'), cand, { recursive: true });
    for (const f of readdirSync(cand)) chmodSync(join(cand, f), 0o644);
    const log = join(cand, 'log.lammps');
    const lines = readFileSync(log, 'utf8').split('\n');
    const h = lines.findIndex((l) => /^Step\s/.test(l));
    const f = lines[h + 51].trim().split(/\s+/);
    f[2] = String(Number(f[2]) * (1 + 1e-6));
    lines[h + 51] = f.join(' ');
    writeFileSync(log, lines.join('\n'));
    const html = join(dir, 'compare.html');
    const r = runLmpv(['compare', cand, join(REFERENCE, 'meam-li-bcc'), '--html', html]);
    expect(r.code, r.stderr).toBe(1);
    const { page, errors, facts } = await open(html, 'compare-report.png');
    expect(errors).toEqual([]);
    expectDrawn(facts);
    expect(await page.$('#injected')).toBeNull();
    expect(await page.textContent('h2')).toContain('</script><b id="injected">x');
    expect(facts.plots[0].title).toContain('</script><b id="injected">x');
    const pe = facts.plots.find((p) => /PotEng over/.test(p.title))!;
    const labels = pe.axes[1].labels.filter((l) => l);
    expect(labels.length).toBeGreaterThan(2);
    for (const l of labels) expect(l).toMatch(/^-3,\d{3}(\.\d+)?$/);
    // the axis is wider than its widest label plus ticks and gap, so no sign is cut
    expect(pe.axes[1].size).toBeGreaterThanOrEqual(pe.axes[1].widest + 15);
    await (await page.$(`#${pe.id}`))!.screenshot({ path: join(ARTIFACTS, 'compare-report-poteng.png') });
    const errPlot = facts.plots[facts.plots.indexOf(pe) + 1];
    await (await page.$(`#${errPlot.id}`))!.screenshot({ path: join(ARTIFACTS, 'compare-report-poteng-error.png') });
    expectLogLabels(facts);
    await page.close();
  });

  it('timestep report: drift against dt on log-log axes, observables against time per dt, all drawn', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-report-timestep-'));
    const html = join(dir, 'timestep.html');
    const lj = join(FIXTURES, 'timestep-lj-nve');
    const r = runLmpv(['timestep', join(lj, 'in.lammps'), '--dt', '0.0025,0.005,0.01', '--reference', lj, '--html', html]);
    expect(r.code, r.stderr).toBe(0);
    const { page, errors, facts } = await open(html, 'timestep-report.png');
    expect(errors).toEqual([]);
    expectDrawn(facts);
    expect(facts.plots.map((p) => p.title)).toEqual(['energy drift against timestep', 'TotEng against time', 'PotEng against time', 'Temp against time']);
    const drift = facts.plots[0];
    // drifts 1e-5 .. 2e-4 per atom per tau: decades on both axes, never 0
    expect(drift.axes[1].labels.filter((l) => l)).toEqual(['1e-5', '1e-4', '1e-3']);
    expect(drift.axes[0].labels.filter((l) => l)).toEqual(['1e-3', '1e-2']);
    // PotEng -6.35 .. -6.10: every tick signed, axis wide enough
    const pe = facts.plots[2];
    for (const l of pe.axes[1].labels) expect(l).toMatch(/^-6\.\d\d$/);
    expect(pe.axes[1].size).toBeGreaterThanOrEqual(pe.axes[1].widest + 15);
    expect(await page.$$eval('#figures tr', (rows) => rows.length)).toBe(4);
    await (await page.$(`#${drift.id}`))!.screenshot({ path: join(ARTIFACTS, 'timestep-report-drift.png') });
    await page.close();
  });

  it('check report: per-atom force-error histogram drawn, per-atom table of forces, steps and error estimates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-report-check-'));
    const html = join(dir, 'check.html');
    const r = runLmpv(['check', join(FIXTURES, 'check-ionic-cluster', 'in.lammps'), '--steps', '10', '--html', html]);
    expect(r.code, r.stderr).toBe(0);
    const { page, errors, facts } = await open(html, 'check-report.png');
    expect(errors).toEqual([]);
    expectDrawn(facts);
    const hist = facts.plots.filter((p) => p.title.includes('per atom: max over components of |F + dE/dr|'));
    expect(hist).toHaveLength(1);
    expect(hist[0].axes[0].labels.filter((l) => l).every((l) => /^1e-?\d+$|^1$/.test(l))).toBe(true);
    // 8 atoms: one row each, with the step and Ridders error estimate columns
    const head = await page.$$eval('details.table', (ds) => ds.map((d) => [...d.querySelectorAll('th')].map((th) => th.textContent)));
    expect(head[0]).toEqual(['id', 'type', 'fx', 'fy', 'fz', '-dE/dx', '-dE/dy', '-dE/dz', 'max |F + dE/dr|', 'step', 'Ridders error']);
    expect(await page.$$eval('details.table', (ds) => ds[0].querySelectorAll('tr').length)).toBe(9);
    await page.close();
  });

  it('study report: bcc fraction vs time per size and dt, final bcc vs cluster size, timestep table, all drawn', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lmpv-report-study-'));
    const r = runLmpv(['study', 'nucleation', '--atoms', '40,56', '--dt', '0.5,0.25', '--scale', '1e-4', '--hold', '300K:0.5ns', '--frames', '20', '--jobs', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const { page, errors, facts } = await open(join(out, 'report.html'), 'study-report.png');
    expect(errors).toEqual([]);
    expectDrawn(facts);
    const titles = facts.plots.map((p) => p.title);
    for (const dt of ['0.25', '0.5']) {
      expect(titles).toContain(`bcc fraction vs time (mean over seeds), 0.0534 g/cm3, dt ${dt} fs`);
      expect(titles).toContain(`final bcc fraction vs cluster size, 0.0534 g/cm3, dt ${dt} fs`);
    }
    // one row per size and dt; the timestep table compares the two dt per size
    expect(await page.$$eval('table', (ts) => ts[0].querySelectorAll('tr').length)).toBe(1 + 4);
    expect(await page.textContent('body')).toContain('Timestep sensitivity');
    expect(await page.$$eval('table', (ts) => ts[1].querySelectorAll('tr').length)).toBe(1 + 2);
    const t = facts.plots.find((p) => p.title.startsWith('bcc fraction vs time'))!;
    expect(t.axes[0].labels.filter((l) => l).length).toBeGreaterThan(1);
    await page.close();
  });
});
