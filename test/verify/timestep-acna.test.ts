/**
 * a-CNA fractions in `lmpv timestep`: a script that dumps positions gets end-of-run structure
 * fractions per dt with their spread; lmpv's engine gives the fractions real LAMMPS's dumps give,
 * and `lmpv acna` on the kept dump gives the same numbers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTimestepStudy } from '../../src/verify/timestep-study.js';
import { timestepText } from '../../src/verify/report-timestep.js';
import { LMPV_BIN } from '../../src/io/config.js';
import { FIXTURES, lmpPath } from '../helpers/paths.js';
import { runLmpv } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'lmpv-ts-acna-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// the LJ NVE fixture, hotter (T 0.6: partly disordered by the end) and dumping positions at the end
const script = join(tmp, 'in.lammps');
writeFileSync(script, readFileSync(join(FIXTURES, 'timestep-lj-nve', 'in.lammps'), 'utf8')
  .replace(/^velocity .*$/m, 'velocity        all create 0.6 87287')
  .replace(/^run .*$/m, 'dump d all custom 100 dump.pos id type x y z\nrun             200'));
const LMP = lmpPath();
const base = { dts: [0.0025, 0.005, 0.01], lmpvCommand: [process.execPath, LMPV_BIN] };

describe('lmpv timestep: end-of-run a-CNA fractions', () => {
  it('per dt, summing to 1, with their spread; equal to `lmpv acna` on the kept dump', async () => {
    const keep = join(tmp, 'keep');
    const r = await runTimestepStudy(script, { ...base, engine: 'lmpv', keep });
    expect(r.acna?.dump).toBe('dump.pos');
    expect(r.acna!.runs.map((x) => x.timestep)).toEqual([400, 200, 100]);
    for (const x of r.acna!.runs) {
      expect(Object.values(x.fractions).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(x.natoms).toBe(256);
    }
    const fcc = r.acna!.runs.map((x) => x.fractions.fcc);
    expect(r.acna!.spread.fcc.spread).toBe(Math.max(...fcc) - Math.min(...fcc));
    expect(fcc.every((f) => f > 0.05 && f < 1)).toBe(true); // partly crystalline: the fraction means something
    expect(timestepText(r)).toMatch(/end-of-run structure \(adaptive CNA of the last frame of dump\.pos\):\n.*fcc fraction/);
    // the same dump through `lmpv acna`
    for (const [k, dt] of ['0.0025', '0.005', '0.01'].entries()) {
      const a = runLmpv(['acna', join(keep, `dt${dt}`, 'dump.pos'), '--json']);
      expect(a.code).toBe(0);
      const frames = JSON.parse(a.stdout).frames;
      expect(frames[frames.length - 1].fractions).toEqual(r.acna!.runs[k].fractions);
    }
  });
  it.skipIf(!LMP)('the fractions from lmpv\'s engine equal those from real LAMMPS\'s dumps (needs real LAMMPS: lmp)', async () => {
    const ours = await runTimestepStudy(script, { ...base, engine: 'lmpv' });
    const theirs = await runTimestepStudy(script, { ...base, engine: 'lammps', lmp: LMP });
    expect(theirs.acna).toBeDefined();
    expect(ours.acna!.runs.map((x) => x.fractions)).toEqual(theirs.acna!.runs.map((x) => x.fractions));
  });
  it('a script without a position dump has no fractions', async () => {
    const r = await runTimestepStudy(join(FIXTURES, 'timestep-lj-nve', 'in.lammps'), { ...base, engine: 'lmpv' });
    expect(r.acna).toBeUndefined();
  });
});
