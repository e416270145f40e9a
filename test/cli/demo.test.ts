import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { runLmpv } from '../helpers/cli.js';
import { HAVE_SHARED } from '../helpers/paths.js';

describe('lmpv demo (npm start)', () => {
  it('reruns every bundled case in lmpv and matches what real LAMMPS wrote; writes HTML, JUnit and JSON', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lmpv-demo-')), 'report');
    const r = runLmpv(['demo', '--out', out], { timeout: 600_000 });
    expect(r.code, r.stdout.split('\n').filter((l) => /FAIL|note/.test(l)).join('\n')).toBe(0);
    const m = /^(\d+) passed, (\d+) failed$/m.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBe(0);
    expect(Number(m![1])).toBeGreaterThan(500);
    // the MEAM reference cases of ../shared are part of the main job when present (always in CI)
    if (HAVE_SHARED || process.env.CI) expect(r.stdout).toMatch(/PASS\s+\S*meam-li-bcc/);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(out, 'junit.xml'), 'utf8'));
    expect(Number(junit.testsuites['@_failures'])).toBe(0);
    expect(Number(junit.testsuites['@_tests'])).toBe(Number(m![1]));
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('lmpv verification report');
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).passed).toBe(true);
  });
});
