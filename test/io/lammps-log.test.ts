import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { concatRuns, createLammpsLogParser, logToCsv, logToCsvChunks, logToJSON, parseLammpsLog, parsePerformance, readLammpsLog, type LammpsLog, type ThermoRun } from '../../src/io/lammps-log.js';
import { HAVE_SHARED, IO_ZOO, REFERENCE, lmpPath } from '../helpers/paths.js';

// every block below reads the shared reference logs: skipped only when ../shared/reference is absent (never in CI)
const d = describe.skipIf(!HAVE_SHARED);
// (skipped only when /work/shared/reference is absent, i.e. outside the project machine)

function load(path: string): { text: string; log: LammpsLog; lines: string[] } {
  const text = readFileSync(path, 'utf8');
  return { text, log: parseLammpsLog(text, path), lines: text.split('\n') };
}

/**
 * Independent check of a one/custom block: every line between the header and the last row that
 * has as many fields as the header is a row; each value must equal Number(field) bit for bit.
 */
function checkRowsAgainstText(run: ThermoRun, lines: string[]): void {
  const header = lines[run.firstLine - 1].trim().split(/\s+/);
  expect(header).toEqual(run.columns);
  let row = 0;
  for (let ln = run.firstLine + 1; ln <= run.lastLine; ln++) {
    const t = lines[ln - 1].trim().split(/\s+/);
    if (t.length !== header.length || !/^-?\d/.test(t[0])) continue;
    t.forEach((tok, j) => {
      const got = run.data.get(run.columns[j])![row];
      if (!Object.is(got, Number(tok))) throw new Error(`line ${ln} ${run.columns[j]}: '${tok}' read as ${got}`);
    });
    row++;
  }
  expect(row).toBe(run.nrows);
}

d('io-zoo log.lammps: six runs of four kinds', () => {
  const { log, lines } = load(join(IO_ZOO, 'log.lammps'));

  it('finds every run with its style, kind, command and size', () => {
    expect(log.version).toBe('29 Sep 2021 - Update 2');
    expect(log.runs.map((r) => [r.style, r.kind, r.nrows, r.columns.length, r.complete])).toEqual([
      ['multi', 'run', 3, 14, true],
      ['one', 'run', 5, 6, true],
      ['custom', 'run', 5, 10, true],
      ['custom', 'minimize', 5, 4, true],
      ['multi', 'run', 3, 14, true],
      ['multi', 'run', 3, 14, true],
    ]);
    expect(log.runs.map((r) => r.command?.replace(/\s+/g, ' '))).toEqual([
      'run 20', 'run 20', 'run 20', 'minimize 0.0 1.0e-6 50 500', 'run 10 post no', 'run 10 pre no post no',
    ]);
    expect(log.runs.map((r) => r.loopTime)).toEqual([0.008744, 0.00879002, 0.00897002, 0.013998, 0.00154591, 0.00120592]);
    expect(log.runs.map((r) => r.nsteps)).toEqual([20, 20, 20, 38, 10, 10]);
    expect(log.runs.every((r) => r.nprocs === 1 && r.natoms === 256)).toBe(true);
    expect(log.readerWarnings).toEqual([]);
    expect(log.errors).toEqual([]);
    // this part of the log ends with the `log` command: no Total wall time
    expect(log.totalWallTime).toBeUndefined();
  });

  it('reads thermo_style multi records as columns Step, CPU, then the names', () => {
    const r = log.runs[0];
    expect(r.columns).toEqual(['Step', 'CPU', 'TotEng', 'KinEng', 'Temp', 'PotEng', 'E_bond', 'E_angle',
      'E_dihed', 'E_impro', 'E_vdwl', 'E_coul', 'E_long', 'Press']);
    expect(Array.from(r.data.get('Step')!)).toEqual([0, 10, 20]);
    expect(Array.from(r.data.get('CPU')!)).toEqual([0, 0.0039, 0.0083]);
    expect(Array.from(r.data.get('TotEng')!)).toEqual([-4.5322, -4.5315, -4.5362]);
    expect(Array.from(r.data.get('Press')!)).toEqual([-4.974, -2.4338, 1.2004]);
    expect([r.firstLine, r.lastLine, r.loopLine]).toEqual([72, 86, 87]);
    // the short summaries: `run 10 post no` and `run 10 pre no post no` print no Performance line
    expect(log.runs[4].performance).toBeUndefined();
    expect(log.runs[5].performance).toBeUndefined();
    expect(Array.from(log.runs[5].data.get('Step')!)).toEqual([108, 110, 118]);
    expect(log.runs[5].data.get('Press')![2]).toBe(-1.7867);
  });

  it('reads one/custom/minimize rows exactly (every value equals Number(text))', () => {
    for (const r of log.runs.filter((x) => x.style !== 'multi')) checkRowsAgainstText(r, lines);
    const c = log.runs[2];
    expect(c.data.get('Temp')![0]).toBe(0.78631509768331);
    expect(c.data.get('PotEng')![4]).toBe(-1472.95293918164);
    expect(c.data.get('Density')![1]).toBe(0.8442);
    const m = log.runs[3];
    expect(Array.from(m.data.get('Step')!)).toEqual([60, 70, 80, 90, 98]);
    expect(m.data.get('Fnorm')![4]).toBe(6.5262115e-07);
    expect(m.minimize).toEqual({
      stoppingCriterion: 'force tolerance',
      energy: [-5.75372241867828, -6.77336805325296, -6.77336805325296],
      fnorm: [369.72647, 6.5262115e-07],
      fmax: [59.133005, 7.7273516e-08],
      iterations: 38,
      forceEvaluations: 74,
    });
  });

  it('keeps LAMMPS warnings with line numbers, the Performance line and the echoed commands', () => {
    expect(log.warnings.map((w) => w.line)).toEqual([199, 202]);
    expect(log.warnings[0].message).toMatch(/^New thermo_style command, previous thermo_modify settings will be lost/);
    expect(log.runs[0].performance).toEqual({ text: '988105.973 tau/day, 2287.282 timesteps/s', tauPerDay: 988105.973, timestepsPerSecond: 2287.282 });
    expect(log.commands[0]).toEqual({ line: 15, text: 'units           lj' });
    expect(log.commands.filter((c) => /^(run|minimize)\b/.test(c.text))).toHaveLength(6);
    expect(log.commands.at(-1)!.text).toBe('log             log.charge.lammps');
    // LAMMPS messages that start at column 0 are not commands
    expect(log.commands.some((c) => c.text.startsWith('Created') || c.text.startsWith('Lattice'))).toBe(false);
  });
});

d('io-zoo part logs', () => {
  it('log.full.lammps: multi with bond/angle/dihedral energies, ns/day performance', () => {
    const { log } = load(join(IO_ZOO, 'log.full.lammps'));
    expect(log.runs).toHaveLength(1);
    const r = log.runs[0];
    expect(r.style).toBe('multi');
    expect(Array.from(r.data.get('Step')!)).toEqual([0, 5, 10]);
    expect(r.natoms).toBe(2004);
    expect(r.performance).toMatchObject({ nsPerDay: 7.298, hoursPerNs: 3.288, timestepsPerSecond: 84.472 });
    expect(r.columns).toContain('E_bond');
    expect(r.data.get('TotEng')![0]).toBe(-5659.5672);
    expect(r.data.get('E_impro')![0]).toBe(1.9426);
  });

  it('log.charge.lammps and log.triclinic.lammps: custom columns exact', () => {
    for (const [name, cols, rows] of [['log.charge.lammps', 8, 5], ['log.triclinic.lammps', 12, 4]] as const) {
      const { log, lines } = load(join(IO_ZOO, name));
      expect(log.runs).toHaveLength(1);
      expect(log.runs[0].columns).toHaveLength(cols);
      expect(log.runs[0].nrows).toBe(rows);
      checkRowsAgainstText(log.runs[0], lines);
    }
    const { log } = load(join(IO_ZOO, 'log.charge.lammps'));
    expect(log.runs[0].data.get('E_coul')![0]).toBe(53081.5473725728);
  });

  it('log.varying.lammps: the Atoms column follows fix evaporate; natoms is the final count', () => {
    const { log } = load(join(IO_ZOO, 'log.varying.lammps'));
    const r = log.runs[0];
    expect(Array.from(r.data.get('Atoms')!)).toEqual([256, 252, 248, 244, 240, 236, 232, 228, 224, 220]);
    expect(r.natoms).toBe(220);
    expect(r.nsteps).toBe(90);
    expect(log.totalWallTime).toBe(0);
    expect(log.version).toBeUndefined(); // opened by the `log` command, no banner
  });
});

d('every physics case log', () => {
  const cases = readdirSync(REFERENCE).filter((c) => existsSync(join(REFERENCE, c, 'CASE.md')) && c !== 'io-zoo');
  const logs: string[] = [];
  for (const c of cases) {
    for (const f of readdirSync(join(REFERENCE, c))) if (/^log\./.test(f)) logs.push(join(c, f));
  }

  it('finds the physics cases', () => {
    expect(logs.length).toBeGreaterThanOrEqual(20);
  });

  it.each(logs)('%s: runs, rows and values match the text; warnings counted', (rel) => {
    const { text, log, lines } = load(join(REFERENCE, rel));
    const headerCount = lines.filter((l) => /^\s*Step\s/.test(l)).length;
    const loops = [...text.matchAll(/^Loop time of (\S+) on (\d+) procs for (\d+) steps with (\d+) atoms/gm)];
    expect(log.runs).toHaveLength(headerCount);
    expect(log.runs.map((r) => r.loopTime)).toEqual(loops.map((m) => Number(m[1])));
    expect(log.runs.map((r) => r.natoms)).toEqual(loops.map((m) => Number(m[4])));
    expect(log.warnings).toHaveLength(lines.filter((l) => l.startsWith('WARNING: ')).length);
    expect(log.readerWarnings).toEqual([]);
    for (const r of log.runs) {
      checkRowsAgainstText(r, lines);
      const thermoEvery = r.nrows > 1 ? r.data.get('Step')![1] - r.data.get('Step')![0] : 0;
      if (r.kind === 'run') expect(r.nrows).toBe(r.nsteps! / thermoEvery + 1);
    }
    const wall = /^Total wall time: (\d+):(\d+):(\d+)/m.exec(text);
    expect(log.totalWallTime).toBe(wall ? Number(wall[1]) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : undefined);
  });

  it('reaxff-rdx: 20 columns, 101 rows, 9 warnings, spot values', async () => {
    const log = await readLammpsLog(join(REFERENCE, 'reaxff-rdx', 'log.lammps'));
    const r = log.runs[0];
    expect(r.columns.slice(0, 7)).toEqual(['Step', 'Temp', 'PotEng', 'KinEng', 'TotEng', 'Press', 'c_reax[1]']);
    expect(r.columns.at(-1)).toBe('c_reax[14]');
    expect(r.nrows).toBe(101);
    expect(r.data.get('PotEng')![0]).toBe(-1884.30808249909);
    expect(r.data.get('c_reax[14]')![1]).toBe(163.607316368973);
    expect(log.warnings).toHaveLength(9);
    expect(log.warnings[0]).toEqual({ line: 19, message: 'Ignoring inactive control parameter: simulation_name (src/lammps-0~20220106.git7586adbb6a/src/REAXFF/reaxff_control.cpp:96)' });
    expect(log.totalWallTime).toBe(0);
    expect(r.performance?.nsPerDay).toBe(79.62);
  });

  it('timestep/log.dt*: Time column ends at 50 fs for each dt', () => {
    for (const [dt, steps] of [['0.1', 500], ['0.25', 200], ['0.5', 100]] as const) {
      const { log } = load(join(REFERENCE, 'timestep', `log.dt${dt}`));
      const r = log.runs[0];
      expect(r.nsteps).toBe(steps);
      expect(r.nrows).toBe(51);
      expect(r.data.get('Step')![50]).toBe(steps);
      expect(r.data.get('Time')![50]).toBe(50);
    }
  });
});

d('truncated logs', () => {
  const full = readFileSync(join(REFERENCE, 'reaxff-rdx', 'log.lammps'), 'utf8');

  it('a log cut mid-row keeps the complete rows and warns', () => {
    const at = full.indexOf('\n      37 ') + 20; // inside the row of step 37
    const log = parseLammpsLog(full.substring(0, at), 'cut.log');
    const r = log.runs[0];
    expect(r.complete).toBe(false);
    expect(r.nrows).toBe(37);
    expect(r.data.get('Step')![36]).toBe(36);
    expect(r.loopTime).toBeUndefined();
    expect(log.readerWarnings.map((w) => w.message).join('\n')).toMatch(/no newline[\s\S]*no Loop time line.*37 complete rows/);
  });

  it('a log cut after a complete row line keeps that row', () => {
    const at = full.indexOf('\n      38 ') + 1;
    const log = parseLammpsLog(full.substring(0, at), 'cut.log');
    expect(log.runs[0].nrows).toBe(38);
    expect(log.runs[0].complete).toBe(false);
    expect(log.readerWarnings).toHaveLength(1);
  });

  it('a thermo_style multi log cut mid-record drops the partial record', () => {
    const zoo = readFileSync(join(IO_ZOO, 'log.lammps'), 'utf8');
    const at = zoo.indexOf('---------------- Step       20') + 150;
    const log = parseLammpsLog(zoo.substring(0, at), 'cut.log');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].nrows).toBe(2);
    expect(log.runs[0].complete).toBe(false);
    expect(log.readerWarnings.length).toBeGreaterThanOrEqual(1);
  });
});

describe('inline variants', () => {
  it('nan / -nan / inf values are kept as NaN / Infinity with one warning per column', () => {
    const log = parseLammpsLog([
      'Step Temp PotEng Press',
      '       0   1.5  -6.7  0.1',
      '      10   nan  -nan  inf',
      '      20   -nan  1  -inf',
      'Loop time of 0.1 on 2 procs for 20 steps with 256 atoms',
      '',
    ].join('\n'), 'blown.log');
    const r = log.runs[0];
    expect(r.nrows).toBe(3);
    expect(Array.from(r.data.get('Temp')!)).toEqual([1.5, NaN, NaN]);
    expect(Array.from(r.data.get('Press')!)).toEqual([0.1, Infinity, -Infinity]);
    expect(log.readerWarnings.map((w) => [w.line, w.message.split(' ')[2]])).toEqual([[3, "'Temp'"], [3, "'PotEng'"], [3, "'Press'"]]);
    expect(r.nprocs).toBe(2);
    expect(r.style).toBe('custom');
  });

  it('YAML thermo blocks (thermo_style yaml / thermo_modify line yaml, LAMMPS 2022+)', () => {
    // layout as in the LAMMPS manual (Howto_structured_data, thermo_style yaml)
    const log = parseLammpsLog([
      'LAMMPS (2 Aug 2023)',
      'thermo_style yaml',
      'run 20',
      'Per MPI rank memory allocation (min/avg/max) = 3.778 | 3.778 | 3.778 Mbytes',
      '---',
      "keywords: ['Step', 'Temp', 'E_pair', 'E_mol', 'TotEng', 'Press', ]",
      'data:',
      '  - [0, 3, -6.77336805325924, 0, -2.27775805325924, -3.68232074012734, ]',
      'WARNING: something mid-run (src/x.cpp:1)',
      '  - [10, 1.66267383020146, -4.76454958596862, 0, -2.27070587101498, 5.98154939226498, ]',
      '  - [20, nan, -.inf, 0, 1e-300, .nan]',
      '...',
      'Loop time of 0.0312 on 1 procs for 20 steps with 4000 atoms',
      '',
      'Performance: 276865.628 tau/day, 640.893 timesteps/s, 2.564 Matom-step/s',
      '',
      'Total wall time: 0:01:02',
    ].join('\n'), 'yaml.log');
    expect(log.version).toBe('2 Aug 2023');
    const r = log.runs[0];
    expect(r.style).toBe('yaml');
    expect(r.columns).toEqual(['Step', 'Temp', 'E_pair', 'E_mol', 'TotEng', 'Press']);
    expect(Array.from(r.data.get('Step')!)).toEqual([0, 10, 20]);
    expect(r.data.get('E_pair')![0]).toBe(-6.77336805325924);
    expect(r.data.get('E_pair')![2]).toBe(-Infinity);
    expect(r.data.get('Press')![2]).toBeNaN();
    expect(r.data.get('TotEng')![2]).toBe(1e-300);
    expect(r.loopTime).toBe(0.0312);
    expect(r.performance).toEqual({ text: '276865.628 tau/day, 640.893 timesteps/s, 2.564 Matom-step/s', tauPerDay: 276865.628, timestepsPerSecond: 640.893, matomStepPerSecond: 2.564 });
    expect(parsePerformance('0.345 ns/day, 69.641 hours/ns, 39.891 timesteps/s, 79.781 katom-step/s')).toEqual({
      text: '0.345 ns/day, 69.641 hours/ns, 39.891 timesteps/s, 79.781 katom-step/s', nsPerDay: 0.345, hoursPerNs: 69.641, timestepsPerSecond: 39.891, katomStepPerSecond: 79.781,
    });
    expect(parsePerformance('12.5 fs/day, 1.92 hours/fs, 144.7 timesteps/s')).toMatchObject({ fsPerDay: 12.5, hoursPerFs: 1.92 });
    expect(log.warnings).toEqual([{ line: 9, message: 'something mid-run (src/x.cpp:1)' }]);
    expect(log.totalWallTime).toBe(62);
  });

  it('ERROR lines are collected and cut the open block', () => {
    const log = parseLammpsLog([
      'run 100',
      'Step Temp',
      '0 1.0',
      '10 1.1',
      'ERROR: Lost atoms: original 256 current 255 (src/thermo.cpp:481)',
      'Last command: run 100',
    ].join('\n') + '\n', 'err.log');
    expect(log.errors).toEqual([{ line: 5, message: 'Lost atoms: original 256 current 255 (src/thermo.cpp:481)', lastCommand: 'run 100' }]);
    expect(log.runs[0].nrows).toBe(2);
    expect(log.runs[0].complete).toBe(false);
    expect(log.runs[0].command).toBe('run 100');
  });

  it('screen output without echoed commands; `ERROR on proc N`; rows interleaved with warnings', () => {
    const log = parseLammpsLog([
      'Step Temp E_pair E_mol TotEng Press ',
      '       0            3   -6.7733681            0   -2.2744931   -3.7033504 ',
      'WARNING: Lost atoms: original 4000 current 3999 (src/thermo.cpp:486)',
      '      50    1.6842865   -4.7859424            0   -2.2596168     5.606592 ',
      'Loop time of 1.5 on 4 procs for 50 steps with 3999 atoms',
      'ERROR on proc 3: Out of range atoms - cannot compute PPPM (src/KSPACE/pppm.cpp:1918)',
    ].join('\r\n') + '\r\n', 'screen');
    expect(log.runs[0].style).toBe('one');
    expect(log.runs[0].nrows).toBe(2);
    expect(log.runs[0].data.get('Press')![1]).toBe(5.606592);
    expect(log.warnings).toHaveLength(1);
    expect(log.errors[0].message).toMatch(/^Out of range atoms/);
    expect(log.commands).toEqual([]);
  });

  it('a row with the wrong field count is skipped with a warning naming its line', () => {
    const log = parseLammpsLog('Step Temp\n0 1\n5 2 3\n10 3\nLoop time of 1 on 1 procs for 10 steps with 1 atoms\n', 'x');
    expect(Array.from(log.runs[0].data.get('Step')!)).toEqual([0, 10]);
    expect(log.readerWarnings).toHaveLength(1);
    expect(log.readerWarnings[0].line).toBe(3);
  });
});

d('CSV and JSON', () => {
  it('logToCsv: one table with a run column; every number reads back exactly', () => {
    const { log } = load(join(IO_ZOO, 'log.lammps'));
    const csv = logToCsv(log);
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { header: false });
    const [head, ...rows] = parsed.data;
    expect(head[0]).toBe('run');
    expect(rows).toHaveLength(log.runs.reduce((s, r) => s + r.nrows, 0));
    let k = 0;
    for (const r of log.runs) {
      for (let i = 0; i < r.nrows; i++, k++) {
        expect(rows[k][0]).toBe(String(r.number));
        for (let j = 1; j < head.length; j++) {
          const col = r.data.get(head[j]);
          if (!col) expect(rows[k][j]).toBe('');
          else expect(Object.is(Number(rows[k][j]), col[i])).toBe(true);
        }
      }
    }
    // blown-up values survive the trip
    const nanLog = parseLammpsLog('Step A\n0 nan\n1 -inf\nLoop time of 1 on 1 procs for 1 steps with 1 atoms\n', 'n');
    expect(logToCsv(nanLog)).toBe('run,Step,A\n1,0,NaN\n1,1,-Infinity\n');
    // in pieces: the same text
    expect([...logToCsvChunks(log, 7)].join('')).toBe(csv);
    expect([...logToCsvChunks(log, 7)]).toHaveLength(1 + Math.ceil(rows.length / 7));
  });

  it('logToJSON: columns as arrays, non-finite values as strings', () => {
    const nanLog = parseLammpsLog('Step A\n0 nan\n1 0.1\nLoop time of 1 on 1 procs for 1 steps with 1 atoms\n', 'n');
    const j = JSON.parse(logToJSON(nanLog));
    expect(j.runs[0].data).toEqual({ Step: [0, 1], A: ['NaN', 0.1] });
    expect(j.runs[0].loopTime).toBe(1);
    const { log } = load(join(REFERENCE, 'meam-sic', 'log.lammps'));
    const jj = JSON.parse(logToJSON(log));
    expect(jj.runs[0].data.PotEng).toEqual(Array.from(log.runs[0].data.get('PotEng')!));
  });
});

d('concatRuns', () => {
  it('io-zoo log.lammps: runs 5 and 6 (multi) join, dropping the repeated step 108; different columns throw', () => {
    const { log } = load(join(IO_ZOO, 'log.lammps'));
    const t = concatRuns([log.runs[4], log.runs[5]]);
    expect(Array.from(t.get('Step')!)).toEqual([98, 100, 108, 110, 118]);
    expect(Array.from(t.get('Press')!)).toEqual([-5.5519, -5.5012, -4.1831, -3.5775, -1.7867]);
    expect(() => concatRuns([log.runs[3], log.runs[4]])).toThrow(/columns/);
    // runs 1 and 5 have the same columns but do not meet: nothing is dropped
    expect(concatRuns([log.runs[0], log.runs[4]]).get('Step')!.length).toBe(6);
  });
});

// Logs written on the spot by real LAMMPS (Debian's lmp; required in CI, where lmpPath() throws
// if it is missing): non-finite thermo values, atoms lost mid-run (WARNING inside a block, then an
// ERROR that cuts the next block).
const LMP = lmpPath();
describe.skipIf(!LMP)('logs from real lmp (skipped: no lmp on this machine)', () => {
  const LJ = `units lj
atom_style atomic
lattice fcc 0.8442
region box block 0 3 0 3 0 3
create_box 1 box
create_atoms 1 box
mass 1 1.0
pair_style lj/cut 2.5
pair_coeff 1 1 1.0 1.0 2.5
fix 1 all nve
`;
  function runLmp(name: string, input: string): { text: string; log: LammpsLog; screen: LammpsLog } {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-log-'));
    try {
      writeFileSync(join(dir, 'in.lammps'), input);
      let stdout = '';
      try {
        stdout = execFileSync(LMP!, ['-in', 'in.lammps', '-log', 'log.lammps'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 });
      } catch (e) {
        // the ERROR case exits with status 1; the log is what we test
        stdout = String((e as { stdout?: string }).stdout ?? '');
      }
      const text = readFileSync(join(dir, 'log.lammps'), 'utf8');
      return { text, log: parseLammpsLog(text, name), screen: parseLammpsLog(stdout, 'screen') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('custom thermo with `thermo_modify line multi`, then a minimize; screen output reads the same without echoed commands', () => {
    const { log, screen } = runLmp('multi.log', LJ + `velocity all create 1.0 87287 loop geom
compute t all temp
thermo_style custom step temp pe c_t press pxx lx
thermo_modify line multi format float %.15g
thermo 5
run 10
minimize 1e-8 1e-10 20 200
`);
    expect(log.runs.map((r) => [r.kind, r.style, r.nrows])).toEqual([['run', 'multi', 3], ['minimize', 'multi', log.runs[1].nrows]]);
    const r = log.runs[0];
    // the Step pair repeats the separator's Step: no second column
    expect(r.columns).toEqual(['Step', 'CPU', 'Temp', 'PotEng', 'c_t', 'Press', 'Pxx', 'Lx']);
    expect(Array.from(r.data.get('Step')!)).toEqual([0, 5, 10]);
    expect(r.data.get('Temp')![0]).toBe(1);
    expect(Array.from(r.data.get('c_t')!)).toEqual(Array.from(r.data.get('Temp')!));
    expect(log.readerWarnings).toEqual([]);
    expect(log.runs[1].minimize?.iterations).toBeGreaterThan(0);
    // the same runs from the screen (no commands echoed there), CPU times aside
    expect(screen.commands).toEqual([]);
    expect(screen.version).toBe(log.version);
    expect(screen.runs.map((x) => [x.kind, x.style, x.columns, x.nrows])).toEqual(log.runs.map((x) => [x.kind, x.style, x.columns, x.nrows]));
    screen.runs.forEach((x, k) => {
      for (const c of x.columns) if (c !== 'CPU') expect(Array.from(x.data.get(c)!)).toEqual(Array.from(log.runs[k].data.get(c)!));
    });
  });

  it('inf, -inf and -nan thermo values are kept as Infinity, -Infinity, NaN with warnings', () => {
    const { log } = runLmp('nan.log', LJ + `velocity all create 1.0 87287 loop geom
variable big equal 1e308*10
variable negbig equal -v_big
variable nan equal v_big-v_big
thermo_style custom step temp pe v_big v_negbig v_nan
thermo 5
run 10
`);
    expect(log.runs).toHaveLength(1);
    const r = log.runs[0];
    expect(r.columns).toEqual(['Step', 'Temp', 'PotEng', 'v_big', 'v_negbig', 'v_nan']);
    expect(Array.from(r.data.get('Step')!)).toEqual([0, 5, 10]);
    expect(Array.from(r.data.get('v_big')!)).toEqual([Infinity, Infinity, Infinity]);
    expect(Array.from(r.data.get('v_negbig')!)).toEqual([-Infinity, -Infinity, -Infinity]);
    expect(Array.from(r.data.get('v_nan')!).every((v) => Number.isNaN(v))).toBe(true);
    expect(r.data.get('Temp')![0]).toBe(1);
    expect(r.complete).toBe(true);
    expect(log.readerWarnings.map((w) => w.message.split(' ')[2])).toEqual(["'v_big'", "'v_negbig'", "'v_nan'"]);
  });

  it('lost atoms: WARNING inside a block, natoms from the Loop line, ERROR cutting the next block', () => {
    const { text, log } = runLmp('lost.log', LJ.replace('atom_style atomic', 'atom_style atomic\nboundary f f f') + `velocity all create 30.0 87287 loop geom
thermo 10
thermo_modify lost warn
run 50
thermo_modify lost error
run 200
`);
    expect(log.runs).toHaveLength(2);
    const [a, b] = log.runs;
    expect(a.nrows).toBe(6);
    expect(a.complete).toBe(true);
    expect(a.natoms).toBeLessThan(108);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0].message).toMatch(/^Lost atoms: original 108 current \d+/);
    expect(log.warnings[0].line).toBeGreaterThan(a.firstLine);
    expect(log.warnings[0].line).toBeLessThan(a.lastLine);
    expect(b.complete).toBe(false);
    expect(b.nrows).toBe(1);
    expect(b.data.get('Step')![0]).toBe(50);
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0].message).toMatch(new RegExp(`^Lost atoms: original ${a.natoms} current \\d+`));
    expect(log.errors[0].lastCommand).toBe('run 200');
    expect(text.split('\n')[log.errors[0].line - 1]).toMatch(/^ERROR: Lost atoms/);
    expect(log.readerWarnings.map((w) => w.message).join()).toMatch(/cut by an ERROR/);
  });
});

d('incremental parsing (readLammpsLog streams the file)', () => {
  const names = [join(IO_ZOO, 'log.lammps'), join(IO_ZOO, 'log.full.lammps'), join(REFERENCE, 'meam-li-liquid', 'log.prep')];

  it('any split of the text gives the same log as one piece', async () => {
    for (const path of names) {
      const text = readFileSync(path, 'utf8');
      const whole = JSON.parse(logToJSON(parseLammpsLog(text, path)));
      for (const piece of [1, 3, 17, 100, 4096]) {
        const p = createLammpsLogParser(path);
        for (let i = 0; i < text.length; i += piece) p.feed(text.substring(i, i + piece));
        expect(JSON.parse(logToJSON(p.end()))).toEqual(whole);
      }
      for (const chunkSize of [5, 1 << 16]) {
        expect(JSON.parse(logToJSON(await readLammpsLog(path, { chunkSize })))).toEqual(whole);
      }
    }
  });

  it('a truncated log read in small pieces still drops the cut row', async () => {
    const full = readFileSync(join(REFERENCE, 'reaxff-rdx', 'log.lammps'), 'utf8');
    const cut = full.substring(0, full.indexOf('\n      37 ') + 20);
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-logcut-'));
    try {
      writeFileSync(join(dir, 'cut.log'), cut);
      const log = await readLammpsLog(join(dir, 'cut.log'), { chunkSize: 7 });
      expect(log.runs[0].nrows).toBe(37);
      expect(log.runs[0].complete).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
