/**
 * `lmpv study --scheduler slurm` against a real single-node Slurm (Debian's slurm-wlm and munge,
 * started by scripts/slurm-up.sh, which .ci/run also calls): the scaled study is submitted as one
 * job array, followed to the end, and its report equals, byte for byte, the report of the same
 * study run here with --jobs 2. `lmpv study status` reads the runs' states.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLmpv } from '../../helpers/cli.js';
import { REPO } from '../../helpers/paths.js';

const HAVE_SLURM = existsSync('/usr/sbin/slurmctld') && existsSync('/usr/bin/sbatch') && process.getuid?.() === 0;
if (!HAVE_SLURM && process.env.CI) throw new Error('Slurm (slurm-wlm, munge) and root are required in CI; .ci/run installs and starts them');
const STUDY = ['study', 'nucleation', '--atoms', '40,56', '--seeds', '2', '--scale', '2e-4', '--hold', '300K:0.5ns', '--frames', '32', '--checkpoint', '4'];

describe.skipIf(!HAVE_SLURM)('Slurm job array (skipped: no slurm-wlm installed or not root)', () => {
  let partition = '';
  beforeAll(() => {
    partition = execFileSync(join(REPO, 'scripts', 'slurm-up.sh'), { encoding: 'utf8', timeout: 120_000 }).trim();
  }, 150_000);

  it('the scaled study submitted to Slurm completes and its report equals the one run here with --jobs 2', () => {
    const viaSlurm = mkdtempSync(join(tmpdir(), 'lmpv-slurm-'));
    const here = mkdtempSync(join(tmpdir(), 'lmpv-jobs2-'));
    const s = runLmpv([...STUDY, '--scheduler', 'slurm', '--partition', partition, '--wait', '--out', viaSlurm], { timeout: 300_000 });
    expect(s.code, s.stderr + s.stdout).toBe(0);
    expect(s.stderr).toMatch(/submitted Slurm job array \d+ \(4 tasks\)/);
    const sbatch = readFileSync(join(viaSlurm, 'slurm', 'study.sbatch'), 'utf8');
    expect(sbatch).toContain('#SBATCH --array=0-3');
    expect(sbatch).toContain(`#SBATCH --partition=${partition}`);
    // each array task wrote its Slurm output file
    expect(readdirSync(join(viaSlurm, 'slurm')).filter((f) => /^\d+_[0-3]\.out$/.test(f))).toHaveLength(4);
    const h = runLmpv([...STUDY, '--jobs', '2', '--out', here], { timeout: 300_000 });
    expect(h.code, h.stderr + h.stdout).toBe(0);
    const a = JSON.parse(readFileSync(join(viaSlurm, 'summary.json'), 'utf8'));
    expect(a.done).toBe(4);
    expect(a.nucleation.map((g: { time: number[] }) => g.time.length)).toEqual([33, 33]);
    expect(readFileSync(join(viaSlurm, 'summary.json'), 'utf8')).toBe(readFileSync(join(here, 'summary.json'), 'utf8'));
    expect(readFileSync(join(viaSlurm, 'report.html'), 'utf8')).toBe(readFileSync(join(here, 'report.html'), 'utf8'));
    const st = runLmpv(['study', 'status', viaSlurm]);
    expect(st.code).toBe(0);
    expect(st.stdout).toMatch(/^Slurm job \d+: 0 task\(s\) queued or running$/m);
    expect(st.stdout).toMatch(/4\/4 done, 0 failed/);
    // the report is collected again from the folder, whoever ran it
    const rep = runLmpv(['study', 'report', viaSlurm]);
    expect(rep.code).toBe(0);
    expect(readFileSync(join(viaSlurm, 'report.html'), 'utf8')).toBe(readFileSync(join(here, 'report.html'), 'utf8'));
  });
});
