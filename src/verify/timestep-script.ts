/**
 * `lmpv timestep` runs one input script at several timesteps for the same simulated time. It
 * rewrites a copy of the script for each timestep (the user's file is never touched):
 *   - `timestep X`        -> the new dt (inserted before the first `run` when the script has none:
 *                            LAMMPS's default is then the unit style's, src/update.cpp `set_units`);
 *   - `run N`             -> N * dt0 / dt steps (times T / T0 with --time T), so every run ends at
 *                            the same simulated time;
 *   - `thermo N`, `dump ... N file` -> N * dt0 / dt, so all runs write output at the same times;
 *   - `log FILE`          -> removed (each run writes log.lammps in its own folder);
 *   - thermo output       -> `thermo_style custom` with the keywords the study needs (temp, pe,
 *                            etotal, and `f_ID` of each thermostat, the energy it exchanged:
 *                            etotal + f_ID is the conserved quantity, LAMMPS doc fix_nh "Restart,
 *                            fix_modify, output"), placed before the first `run` after every fix is
 *                            defined, followed again by the script's thermo_modify lines (a
 *                            thermo_style resets them, LAMMPS doc thermo_modify).
 * Step counts must be literal integers and scale to integers; anything else is a clear error naming
 * the line (a run of 100 steps at dt 0.3 cannot end at the time of 100 steps at 0.5).
 */
import { ParseError } from '../io/errors.js';
import { UNITS, type UnitStyle } from '../io/units.js';

/** Fix styles whose scalar is the energy they added to or took from the system (thermostats, barostats). */
const ENERGY_EXCHANGING_FIXES = new Set(['nvt', 'npt', 'nph', 'temp/berendsen', 'temp/rescale']);
/** Fix styles that integrate without a thermostat: their runs conserve TotEng. */
const NVE_FIXES = new Set(['nve']);
/** Fix styles that change the energy without a conserved counterpart we can print. */
const OTHER_DYNAMICS = new Set(['langevin', 'nve/limit', 'temp/csvr', 'temp/csld', 'nvt/sllod', 'gld', 'gle']);

export interface ScriptLine {
  /** 1-based line of the script where the command starts. */
  line: number;
  words: string[];
  /** The command as written (continuations joined). */
  text: string;
}

export interface ScriptInfo {
  file: string;
  units: UnitStyle;
  /** The script's own timestep [time units]. */
  dt0: number;
  /** Steps of every `run`, in order. */
  runs: number[];
  /** Simulated time of the whole script at dt0 [time units]. */
  time0: number;
  /** IDs of thermostat / barostat fixes whose f_ID is printed. */
  thermostats: string[];
  /** 'nve' when the only time integration is fix nve, 'thermostat' with an energy-exchanging fix, 'other' else. */
  ensemble: 'nve' | 'thermostat' | 'other';
  /** Thermo output normalised per atom (thermo_modify norm; LAMMPS default yes for lj only). */
  norm: boolean;
  lines: ScriptLine[];
}

/** Commands of a script: comments stripped, `&` continuations joined, the starting line kept. */
export function scriptCommands(text: string): ScriptLine[] {
  const out: ScriptLine[] = [];
  const raw = text.split(/\r?\n/);
  for (let i = 0; i < raw.length; i++) {
    const line = i + 1;
    let cmd = raw[i];
    while (/&\s*$/.test(cmd.replace(/#.*$/, '')) && i + 1 < raw.length) cmd = cmd.replace(/#.*$/, '').replace(/&\s*$/, ' ') + raw[++i];
    const body = cmd.replace(/#.*$/, '').trim();
    if (!body) continue;
    out.push({ line, words: body.split(/\s+/), text: body });
  }
  return out;
}

function literalInt(file: string, l: ScriptLine, k: number, what: string): number {
  const w = l.words[k];
  if (w === undefined || !/^\d+$/.test(w)) throw new ParseError(file, l.line, `${l.words[0]}: expected a literal integer ${what}, found '${w ?? ''}' (lmpv timestep scales literal step counts only)`);
  return Number(w);
}

export function analyseScript(text: string, file: string): ScriptInfo {
  const lines = scriptCommands(text);
  let units: string = 'lj';
  let dt0: number | undefined;
  const runs: number[] = [];
  const thermostats: string[] = [];
  let nve = false;
  let other = false;
  let norm: boolean | undefined;
  for (const l of lines) {
    const [cmd] = l.words;
    if (cmd === 'clear') throw new ParseError(file, l.line, 'clear: lmpv timestep takes a script of one simulation (split it into one script per simulation)');
    if (cmd === 'units') units = l.words[1];
    if (cmd === 'timestep') {
      if (dt0 !== undefined) throw new ParseError(file, l.line, 'timestep: a second timestep command; lmpv timestep needs one timestep for the whole script');
      dt0 = Number(l.words[1]);
      if (!(dt0 > 0)) throw new ParseError(file, l.line, `timestep: expected a positive number, found '${l.words[1]}'`);
    }
    if (cmd === 'run') runs.push(literalInt(file, l, 1, 'number of steps'));
    if (cmd === 'fix' && l.words.length >= 4) {
      const style = l.words[3];
      if (ENERGY_EXCHANGING_FIXES.has(style)) thermostats.push(l.words[1]);
      else if (NVE_FIXES.has(style)) nve = true;
      else if (OTHER_DYNAMICS.has(style)) other = true;
    }
    if (cmd === 'thermo_modify') {
      const k = l.words.indexOf('norm');
      if (k > 0) norm = l.words[k + 1] === 'yes';
    }
  }
  if (units !== 'lj' && units !== 'real' && units !== 'metal') throw new ParseError(file, lines.find((l) => l.words[0] === 'units')?.line ?? 1, `units ${units}: lmpv timestep knows lj, real and metal`);
  if (!runs.length) throw new ParseError(file, lines.length ? lines[lines.length - 1].line : 1, 'no run command: nothing to study');
  const u = units as UnitStyle;
  const dt = dt0 ?? UNITS[u].dt;
  return {
    file, units: u, dt0: dt, runs, time0: runs.reduce((s, n) => s + n, 0) * dt, thermostats,
    ensemble: thermostats.length ? 'thermostat' : other ? 'other' : nve ? 'nve' : 'other',
    norm: norm ?? u === 'lj', lines,
  };
}

/** `n0` steps at dt0 -> steps at dt (times `stretch`); an integer or a ParseError naming the line. */
function scaled(info: ScriptInfo, l: ScriptLine, n0: number, dt: number, stretch: number, what: string): number {
  const n = (n0 * info.dt0 * stretch) / dt;
  const r = Math.round(n);
  if (Math.abs(n - r) > 1e-6 * Math.max(1, n) || r < 1 && n0 > 0) {
    throw new ParseError(info.file, l.line, `${what} ${n0} at timestep ${info.dt0} is ${n0 * info.dt0 * stretch} time units: not a whole number of steps at timestep ${dt} (${n}); choose timesteps that divide it`);
  }
  return r;
}

const THERMO_NEEDED = [['temp', ['temp']], ['pe', ['pe']], ['etotal', ['etotal']]] as const;

/**
 * The script rewritten for timestep `dt` [time units]; `time` is the simulated time of all runs
 * together (default: the script's own, info.time0).
 */
export function rewriteScript(info: ScriptInfo, dt: number, time = info.time0): string {
  const stretch = time / info.time0;
  const out: string[] = [`# lmpv timestep: ${info.file} at timestep ${dt} (script: ${info.dt0}), ${time} time units in all`];
  let thermoStyle: string[] | undefined;
  const thermoModify: string[] = [];
  let sawTimestep = false;
  let firstRun = true;
  for (const l of info.lines) {
    const w = [...l.words];
    switch (w[0]) {
      case 'timestep':
        w[1] = String(dt);
        sawTimestep = true;
        break;
      case 'log':
        out.push(`# (lmpv timestep removed: ${l.text})`);
        continue;
      case 'thermo':
        w[1] = String(scaled(info, l, literalInt(info.file, l, 1, 'output interval'), dt, 1, 'thermo interval'));
        break;
      case 'thermo_style':
        thermoStyle = w.slice(1);
        out.push(l.text);
        continue;
      case 'thermo_modify':
        thermoModify.push(l.text);
        out.push(l.text);
        continue;
      case 'dump':
        if (w.length >= 5) w[4] = String(scaled(info, l, literalInt(info.file, l, 4, 'dump interval'), dt, 1, 'dump interval'));
        break;
      case 'run':
        if (firstRun) {
          firstRun = false;
          if (!sawTimestep) out.push(`timestep ${dt}`);
          const custom = thermoStyle?.[0] === 'custom' ? thermoStyle.slice(1) : ['step', 'temp', 'pe', 'ke', 'etotal', 'press'];
          const lower = custom.map((k) => k.toLowerCase());
          const extra: string[] = [];
          for (const [kw, aliases] of THERMO_NEEDED) if (!aliases.some((a) => lower.includes(a))) extra.push(kw);
          for (const id of info.thermostats) if (!lower.includes(`f_${id}`.toLowerCase())) extra.push(`f_${id}`);
          if (extra.length || thermoStyle?.[0] !== 'custom') {
            out.push(`thermo_style custom ${[...custom, ...extra].join(' ')}   # lmpv timestep: study keywords`);
            out.push(...thermoModify);
          }
        }
        w[1] = String(scaled(info, l, literalInt(info.file, l, 1, 'number of steps'), dt, stretch, 'run of'));
        break;
      default:
        out.push(l.text);
        continue;
    }
    out.push(w.join(' '));
  }
  return out.join('\n') + '\n';
}
