/**
 * Start-up: `lmpv NAME` loads NAME's module only; help (and an unknown name) loads every command so
 * that the listing is complete.
 */
import { describe, expect, it } from 'vitest';
import { modulesFor } from '../../src/cli/main.js';
import { runLmpv } from '../helpers/cli.js';

const ALL = ['demo', 'log', 'info', 'convert', 'ffield', 'meam', 'run', 'compare', 'verify', 'acna', 'timestep', 'species', 'check', 'study'];

describe('lazy command loading', () => {
  it('a command line loads its own command module only', async () => {
    for (const args of [['convert', 'a.lammpstrj', 'b.xyz'], ['convert', '--help'], ['help', 'convert']]) {
      const mods = await modulesFor(args);
      expect(mods.length).toBe(1);
      expect(mods[0]).toBe(await import('../../src/cli/convert.js'));
    }
  });

  it('help, a program option first, or an unknown command loads all of them', async () => {
    for (const args of [[], ['--help'], ['help'], ['-V'], ['--help', 'run'], ['nosuch']]) {
      expect((await modulesFor(args)).length).toBe(ALL.length);
    }
  });

  it('lmpv --help lists every command; lmpv convert --help shows its options', () => {
    const help = runLmpv(['--help']);
    expect(help.code).toBe(0);
    const listed = [...help.stdout.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]).filter((n) => n !== 'help');
    expect(listed).toEqual(ALL);
    const conv = runLmpv(['convert', '--help']);
    expect(conv.code).toBe(0);
    expect(conv.stdout).toContain('Usage: lmpv convert [options] <in> <out>');
    expect(conv.stdout).toContain('--atom-style <style>');
  });

  it('an unknown command is still a usage error (exit 2)', () => {
    const r = runLmpv(['nosuch']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'nosuch'");
  });
});
