/**
 * `lmpv check`: Ridders' derivative, every pair style the engine has passing every check on small
 * fixtures, and each check failing (and naming itself, the atom or the component) when a test-only
 * pair style breaks one thing on purpose.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ridders, riddersScan } from '../../src/verify/checks/consistency/ridders.js';
import { checkScript } from '../../src/verify/check-script.js';
import { PAIR_STYLES, registerPairStyle } from '../../src/engine/potentials/registry.js';
import { ljCutFactory } from '../../src/engine/potentials/lj-cut/index.js';
import type { PairStyle, PairStyleFactory } from '../../src/engine/potentials/types.js';
import type { Report } from '../../src/verify/types.js';
import { FIXTURES } from '../helpers/paths.js';
import { runLmpv } from '../helpers/cli.js';

describe('Ridders derivative', () => {
  it('d sin / dx at 1 is cos 1 to 1e-12, with the step and an error estimate', () => {
    const d = ridders((h) => Math.sin(1 + h), 0.1);
    expect(Math.abs(d.value - Math.cos(1))).toBeLessThan(1e-12);
    expect(d.error).toBeLessThan(1e-10);
    expect(d.step).toBeLessThanOrEqual(0.1);
    expect(d.step).toBeGreaterThan(0);
  });
  it('the scan avoids a jump the first step straddles', () => {
    // a unit jump at x = 0.003: a step of 0.01 straddles it, 1e-3 does not
    const f = (h: number) => 2 * h + (h > 0.003 ? 1 : 0);
    expect(Math.abs(ridders(f, 0.01).value - 2)).toBeGreaterThan(1e-3);
    const s = riddersScan(f, 0.01);
    expect(Math.abs(s.value - 2)).toBeLessThan(1e-10);
    expect(s.step).toBeLessThan(0.003);
  });
});

const names = (r: Report) => r.results.map((c) => `${c.check}: ${c.name} ${c.passed ? 'ok' : 'FAIL'} ${c.stats.max} <= ${c.tolerance} ${c.detail ?? ''}`);

/** One small case per pair style (the engine's own fixtures), and which checks it must run. */
const CASES: { style: string; dir: string; checks?: string[]; skipped?: string[] }[] = [
  { style: 'lj/cut', dir: 'timestep-lj-nve', skipped: ['rotation'] },
  // open boundaries (f f s): rotation; unshifted lj/cut jumps at its cutoff, so no energy check (see README)
  { style: 'lj/cut', dir: 'engine-lj-open', checks: ['forces', 'translation', 'rotation', 'permutation', 'virial'] },
  // triclinic: virial shears through the tilt factors
  { style: 'lj/cut', dir: 'engine-metal-triclinic', checks: ['forces', 'translation', 'permutation', 'image', 'virial'] },
  { style: 'lj/cut/coul/cut', dir: 'check-ionic-cluster', skipped: ['image'] },
  { style: 'zero', dir: 'check-zero', skipped: ['rotation'] },
  { style: 'eam', dir: 'eam-funcfl-cu', skipped: ['rotation'] },
  { style: 'eam/alloy', dir: 'eam-alloy-cuni', skipped: ['rotation'] },
  { style: 'eam/fs', dir: 'eam-fs-fe', skipped: ['rotation'] },
  { style: 'meam', dir: 'meam-cluster', skipped: ['image'] },
  { style: 'reaxff', dir: 'reaxff-li2', skipped: ['image'] },
  // RDX (fixed charges): real LAMMPS's own NVE energy error does not shrink as dt^2 here either
  // (lmpv timestep --engine lammps: drift order 0.12), so no energy check
  { style: 'reaxff', dir: 'reaxff-rdx-fixedq', checks: ['forces', 'translation', 'permutation', 'image', 'virial'] },
];

describe('lmpv check passes on every pair style the engine has', () => {
  it('every registered pair style (aliases by factory) has a case below', () => {
    const byFactory = new Map<PairStyleFactory, string[]>();
    for (const [name, f] of PAIR_STYLES) if (!name.includes('test-broken')) byFactory.set(f, [...(byFactory.get(f) ?? []), name]);
    const covered = new Set(CASES.map((c) => c.style));
    const missing = [...byFactory.values()].filter((aliases) => !aliases.some((a) => covered.has(a)));
    expect(missing).toEqual([]);
  });
  for (const c of CASES) {
    it(`${c.style}: ${c.dir}`, () => {
      const r = checkScript(join(FIXTURES, c.dir, 'in.lammps'), { atoms: 4, steps: 10, checks: c.checks });
      expect(names(r).filter((s) => s.includes(' FAIL '))).toEqual([]);
      expect(r.passed).toBe(true);
      expect(r.candidate).toContain(`pair_style ${c.style}`);
      const ran = new Set(r.results.map((x) => x.check));
      const expected = (c.checks ?? ['forces', 'translation', 'rotation', 'permutation', 'image', 'energy', 'virial']).filter((k) => !c.skipped?.includes(k));
      expect([...ran].sort()).toEqual([...expected].sort());
      for (const k of c.skipped ?? []) expect(r.notes.some((n) => n.startsWith(`${k}: skipped`))).toBe(true);
      const f = r.results.find((x) => x.check === 'forces');
      if (f && c.style !== 'zero') {
        // a real derivative was taken: per-atom rows with a step and a tiny error estimate
        expect(f.table?.rows.length).toBeGreaterThan(0);
        expect(f.stats.max).toBeGreaterThan(0);
        expect(f.stats.max).toBeLessThan(f.tolerance);
      }
    });
  }
});

// ---------------------------------------------------------------- broken on purpose

type Break = 'force' | 'virial' | 'origin';
/** lj/cut with one thing wrong: forces x 1.0001 ('force'), the virial x 1.01 ('virial'), or an energy that depends on where the system is ('origin', forces consistent with it). */
function brokenLj(kind: Break): PairStyleFactory {
  return {
    create(args, ctx): PairStyle {
      const inner = ljCutFactory.create(args, ctx);
      return {
        name: `lj/cut/test-broken-${kind}`,
        get cutoff() { return inner.cutoff; },
        neighborKind: inner.neighborKind,
        computesVirial: kind === 'virial',
        init: (n, fixes) => inner.init?.(n, fixes),
        coeff: (a) => inner.coeff(a),
        modify: (s) => inner.modify?.(s),
        compute(atoms, list, acc, flags) {
          inner.compute(atoms, list, acc, flags);
          if (kind === 'force') for (let k = 0; k < 3 * atoms.nall; k++) acc.f[k] *= 1.0001;
          if (kind === 'virial') {
            const v = [0, 0, 0, 0, 0, 0];
            for (let i = 0; i < atoms.nall; i++) {
              const x = atoms.x, f = acc.f;
              v[0] += x[3 * i] * f[3 * i]; v[1] += x[3 * i + 1] * f[3 * i + 1]; v[2] += x[3 * i + 2] * f[3 * i + 2];
              v[3] += x[3 * i] * f[3 * i + 1]; v[4] += x[3 * i] * f[3 * i + 2]; v[5] += x[3 * i + 1] * f[3 * i + 2];
            }
            v[1] *= 1.01; // yy wrong
            for (let k = 0; k < 6; k++) acc.virial[k] = v[k];
          }
          if (kind === 'origin') {
            // E += 0.01 sum_i x_i (owned atoms): translation changes it; forces stay -dE/dr
            for (let i = 0; i < atoms.nlocal; i++) {
              acc.energy += 0.01 * atoms.x[3 * i];
              acc.f[3 * i] -= 0.01;
            }
          }
        },
      };
    },
  };
}
for (const k of ['force', 'virial', 'origin'] as Break[]) registerPairStyle(`lj/cut/test-broken-${k}`, brokenLj(k));

const tmp = mkdtempSync(join(tmpdir(), 'lmpv-check-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function brokenScript(kind: Break): string {
  const text = readFileSync(join(FIXTURES, 'timestep-lj-nve', 'in.lammps'), 'utf8')
    .replace(/^region\s+box block 0 4 0 4 0 4/m, 'region box block 0 3 0 3 0 3')
    .replace(/^(create_atoms.*)$/m, '$1\ndisplace_atoms all random 0.05 0.05 0.05 1234 units box')
    .replace(/^pair_style\s+lj\/cut 2\.5/m, `pair_style lj/cut/test-broken-${kind} 2.5`);
  const p = join(tmp, `in.${kind}`);
  writeFileSync(p, text);
  return p;
}

describe('lmpv check fails when one thing is broken on purpose, and names it', () => {
  it('forces x 1.0001: the forces check fails naming the worst atom; the symmetry checks pass', () => {
    const r = checkScript(brokenScript('force'), { atoms: 6, checks: ['forces', 'translation', 'permutation', 'image', 'virial'] });
    const failed = r.results.filter((c) => !c.passed).map((c) => c.check);
    expect(failed).toContain('forces');
    for (const k of ['translation', 'permutation', 'image']) expect(failed).not.toContain(k);
    const f = r.results.find((c) => c.check === 'forces')!;
    expect(f.worst?.label).toBe('atom');
    expect(f.detail).toMatch(new RegExp(`^worst atom ${f.worst?.where} f[xyz]: force .*-dE/d[xyz]`));
    // the error found is the 1e-4 factor: |F - (-dE/dr)| = 1e-4 |F|
    expect(f.stats.max / Math.abs(f.worst!.candidate)).toBeCloseTo(1e-4 / 1.0001, 6);
    expect(r.passed).toBe(false);
  });
  it('virial yy x 1.01: only the virial check fails, naming Wyy', () => {
    // (no energy check: with lj/cut's force jump at the cutoff, 10 steps of this displaced crystal give order 1.67, 50 give 1.82)
    const r = checkScript(brokenScript('virial'), { atoms: 4, checks: ['forces', 'translation', 'permutation', 'image', 'virial'] });
    expect(r.results.filter((c) => !c.passed).map((c) => c.check)).toEqual(['virial']);
    const v = r.results.find((c) => c.check === 'virial')!;
    expect(v.worst).toMatchObject({ label: 'component', where: 2 });
    expect(v.detail).toMatch(/^worst Wyy:/);
  });
  it('an energy that depends on the origin: translation fails, the forces (consistent with it) pass', () => {
    const r = checkScript(brokenScript('origin'), { atoms: 4, steps: 10, checks: ['forces', 'translation', 'permutation'] });
    expect(r.results.filter((c) => !c.passed).map((c) => c.name)).toEqual([expect.stringMatching(/^energy under translation/)]);
  });
});

describe('lmpv check setup', () => {
  it('files the setup writes (fix reaxff/bonds) go to a scratch folder, not the case folder', () => {
    const bonds = join(FIXTURES, 'reaxff-rdx-fixedq', 'bonds.reaxff');
    const before = readFileSync(bonds, 'utf8');
    checkScript(join(FIXTURES, 'reaxff-rdx-fixedq', 'in.lammps'), { checks: ['permutation'] });
    expect(readFileSync(bonds, 'utf8')).toBe(before);
    expect(before.length).toBeGreaterThan(1000);
  });
  it('a script error stops with file, line and the word not understood; no pair style is an error too', () => {
    const p = join(tmp, 'in.bad');
    writeFileSync(p, 'units lj\natom_style atomic\nfrobnicate 1\nrun 10\n');
    expect(() => checkScript(p)).toThrow(/in\.bad.*3.*frobnicate/);
    writeFileSync(p, 'units lj\nregion b block 0 2 0 2 0 2\ncreate_box 1 b\ncreate_atoms 1 single 1 1 1 units box\nmass 1 1\nrun 10\n');
    expect(() => checkScript(p)).toThrow(/no pair_style before run/);
  });
});

describe('lmpv check CLI', () => {
  it('exit 0 and a JUnit file on a passing case; exit 1 naming the failing check; exit 2 on an unknown check', () => {
    const junit = join(tmp, 'check.xml');
    const ok = runLmpv(['check', join(FIXTURES, 'check-ionic-cluster', 'in.lammps'), '--atoms', '4', '--steps', '10', '--junit', junit]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^PASS {2}check .*check-ionic-cluster/m);
    expect(readFileSync(junit, 'utf8')).toMatch(/testcase classname="check [^"]*\.forces" name="F = -dE\/dr \(4 atoms, Ridders\)"/);
    // coul/cut at 8 A in a periodic NaCl crystal: pairs cross the cutoff, the energy jumps, E is not conserved as dt^2
    const bad = runLmpv(['check', join(FIXTURES, 'engine-ionic', 'in.lammps'), '--checks', 'energy', '--steps', '10', '--json']);
    expect(bad.code).toBe(1);
    const j = JSON.parse(bad.stdout);
    expect(j.reports[0].results.map((c: { check: string; passed: boolean }) => [c.check, c.passed])).toEqual([['energy', false]]);
    const unknown = runLmpv(['check', join(FIXTURES, 'check-zero', 'in.lammps'), '--checks', 'forces,bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown check 'bogus'/);
  });
});
