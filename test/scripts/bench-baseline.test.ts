/**
 * `npm run bench -- --save FILE` / `--baseline FILE [--margin X]`: ratio figures are picked from
 * the results by key (scripts/lib/baseline.ts RATIO_KEYS), compared in their good direction, and a
 * figure worse than the baseline by more than the margin fails the run (exit 1, naming it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithBaseline, directionOf, ratioFigures, type BaselineFile } from '../../scripts/lib/baseline.js';
import { REPO } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'lmpv-bench-baseline-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const base = (figures: Record<string, number>): BaselineFile => ({ date: '2026-12-08', node: 'v20', platform: 'linux-x64', figures });

describe('ratio figures', () => {
  it('keeps ratios (by key, nested) and drops seconds, counts and text', () => {
    const results = {
      extxyz: { write_seconds: 0.5, write_speedup_vs_ase: 12.5, note: 'x' },
      meam: { bcc_li_2000: { ratio_loop: 1.18, lmpv_loop_s: 3.1 }, lammps: '/usr/bin/lmp' },
      convert: { acna: { time_ratio_out_vs_plain: 1.3 }, ase: 'not measured: no python' },
      kernels: { ratioSimdVsTwin: 2.9, lammps: { ratioSimdOverLmp: 2.0 } },
      broken: { error: 'boom' },
    };
    expect(ratioFigures(results)).toEqual({
      'extxyz.write_speedup_vs_ase': 12.5,
      'meam.bcc_li_2000.ratio_loop': 1.18,
      'convert.acna.time_ratio_out_vs_plain': 1.3,
      'kernels.ratioSimdVsTwin': 2.9,
      'kernels.lammps.ratioSimdOverLmp': 2.0,
    });
    expect(directionOf('speedup_vs_ase_cpu')).toBe('higher');
    expect(directionOf('ratio_cpu')).toBe('lower');
    expect(directionOf('read_seconds')).toBeUndefined();
  });

  it('fails a figure worse than the margin in its good direction only', () => {
    const b = base({ 'a.speedup_vs_ase': 10, 'a.ratio_loop': 1.0, 'b.ratio_wall': 2 });
    // 10 -> 7.6 is 24% worse (ok at 25%); 1.0 -> 1.3 is 30% worse (fails); a better figure never fails
    let g = compareWithBaseline({ 'a.speedup_vs_ase': 7.6, 'a.ratio_loop': 1.3 }, b, ['a'], 0.25);
    expect(g.failures).toHaveLength(1);
    expect(g.failures[0]).toMatch(/^a\.ratio_loop: 1\.3 vs baseline 1/);
    expect(g.lines).toHaveLength(2); // b did not run: skipped
    g = compareWithBaseline({ 'a.speedup_vs_ase': 40, 'a.ratio_loop': 0.2 }, b, ['a'], 0.25);
    expect(g.failures).toEqual([]);
    g = compareWithBaseline({ 'a.speedup_vs_ase': 7.4, 'a.ratio_loop': 1.0 }, b, ['a'], 0.25);
    expect(g.failures[0]).toMatch(/^a\.speedup_vs_ase: 7\.4 vs baseline 10/);
    // a benchmark that ran but did not measure the figure fails: the gate cannot say it holds
    g = compareWithBaseline({ 'a.ratio_loop': 1.0 }, b, ['a', 'b'], 0.25);
    expect(g.failures.map((f) => f.split(':')[0])).toEqual(['a.speedup_vs_ase', 'b.ratio_wall']);
  });
});

describe('npm run bench -- --save / --baseline (the lammps-log benchmark, ~10 s)', () => {
  const bench = (args: string[]) => spawnSync(process.execPath, [join(REPO, 'dist', 'scripts', 'bench.js'), ...args], { encoding: 'utf8', timeout: 300_000 });

  it('saves its ratios, passes against a looser baseline, exits 1 naming the figure against a tighter one', () => {
    const saved = join(tmp, 'saved.json');
    const r = bench(['lammps-log', '--save', saved]);
    expect(r.status, r.stderr).toBe(0);
    const file = JSON.parse(readFileSync(saved, 'utf8')) as BaselineFile;
    const now = file.figures['lammps-log.ratio_to_naive'];
    expect(now).toBeGreaterThan(0);
    expect(JSON.parse(r.stdout).ratios['lammps-log.ratio_to_naive']).toBe(now);
    // ratio_to_naive: less is better. A baseline 4x higher passes; one 4x lower fails.
    const loose = join(tmp, 'loose.json');
    writeFileSync(loose, JSON.stringify(base({ 'lammps-log.ratio_to_naive': now * 4 })));
    const ok = bench(['lammps-log', '--baseline', loose, '--margin', '0.25']);
    expect(ok.status, ok.stderr).toBe(0);
    const tight = join(tmp, 'tight.json');
    writeFileSync(tight, JSON.stringify(base({ 'lammps-log.ratio_to_naive': now / 4 })));
    const bad = bench(['lammps-log', '--baseline', tight]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/REGRESSION lammps-log\.ratio_to_naive: /);
  }, 300_000);

  it('rejects a bad margin, an unknown benchmark and a file that is not a baseline before running anything', () => {
    expect(bench(['--margin', 'x']).stderr).toMatch(/--margin: expected a relative margin/);
    expect(bench(['nosuch']).stderr).toMatch(/unknown benchmark 'nosuch'/);
    const notBase = join(tmp, 'not.json');
    writeFileSync(notBase, '{"results": {}}');
    const r = bench(['lammps-log', '--baseline', notBase]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no "figures" object/);
  });
});
