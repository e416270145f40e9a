/**
 * `lmpv convert IN OUT [--from F] [--to F] [--frames START:STOP:STEP] [--atom-style S]`
 *
 * Between LAMMPS data files, text dumps and extended XYZ, through the format registry. The output
 * format comes from --to or OUT's name (`*.data`/`data.*`, `*.lammpstrj`/`*.dump`/`dump.*`,
 * `*.xyz`/`*.extxyz`; a trailing `.gz` compresses). A data file holds one frame: from a
 * multi-frame input the LAST frame is written (the configuration a run ends with), or the one
 * frame --frames selects; --frames selecting several frames is an error. Data -> data keeps the
 * whole file (topology, coefficient sections), in another atom style with --atom-style.
 * Writers write to a temporary file and rename, so a bad input never leaves OUT behind.
 */
import type { Command } from 'commander';
import { UsageError, warningText, type Warning } from '../io/errors.js';
import { detectFormat, formatFromName, frameReader, frameWriter, getFormat, type FormatDef } from '../io/formats.js';
import { readLammpsData, writeLammpsData } from '../io/lammps-data.js';
import { withAtomStyle } from '../io/lammps-data-frames.js';
import type { AtomFrame } from '../io/types.js';
import { progressFor } from './progress.js';
import { frameSelected, parseFrameSpec } from './util.js';

interface ConvertOptions {
  from?: string;
  to?: string;
  frames?: string;
  atomStyle?: string;
}

interface ConvertResult {
  from: FormatDef;
  to: FormatDef;
  framesWritten: number;
  warnings: Warning[];
}

async function convertFile(input: string, output: string, opts: ConvertOptions = {}): Promise<ConvertResult> {
  const from = detectFormat(input, opts.from);
  const to = opts.to ? getFormat(opts.to) : formatFromName(output);
  if (!to) throw new UsageError(`${output}: cannot tell the output format from the name; give it with --to (lammps-data, lammps-dump-text, extxyz)`);
  if (!to.writable) throw new UsageError(`format '${to.name}' can be read but not written`);
  if (opts.atomStyle && to.name !== 'lammps-data' && from.name !== 'lammps-data') {
    throw new UsageError('--atom-style applies to data files (input or output)');
  }
  const warnings: Warning[] = [];
  const spec = parseFrameSpec(opts.frames);
  const progress = progressFor(input, 'converting');
  try {
    if (from.name === 'lammps-data' && to.name === 'lammps-data') {
      if (opts.frames !== undefined && !frameSelected(spec, 0)) throw new UsageError(`--frames '${opts.frames}' selects no frame; a data file has one (frame 0)`);
      let data = readLammpsData(input, { warnings, onProgress: progress.onProgress });
      if (opts.atomStyle) data = withAtomStyle(data, opts.atomStyle, warnings, input);
      writeLammpsData(output, data);
      return { from, to, framesWritten: 1, warnings };
    }
    const read = await frameReader(from);
    const write = await frameWriter(to);
    // keepText: the writers copy the input's tokens of every column the conversion does not change
    const readOpts = { warnings, onProgress: progress.onProgress, atomStyle: from.name === 'lammps-data' ? opts.atomStyle : undefined, keepText: true };
    let written = 0;
    if (!to.multi) {
      // one frame: the last one selected
      let chosen: AtomFrame | undefined;
      let count = 0;
      let i = 0;
      for await (const fr of read(input, readOpts)) {
        if (frameSelected(spec, i++)) { chosen = fr; count++; }
        if (i >= spec.stop) break;
      }
      if (!chosen) throw new UsageError(`${input}: ${opts.frames !== undefined ? `--frames '${opts.frames}' selects none of its ${i} frames` : 'no frames'}`);
      if (count > 1 && opts.frames !== undefined) {
        throw new UsageError(`--frames '${opts.frames}' selects ${count} frames, but a ${to.name} file holds one; select a single frame (e.g. --frames ${i - 1})`);
      }
      if (count > 1) warnings.push({ file: input, line: 0, message: `${count} frames; writing the last (timestep ${chosen.timestep ?? '?'}) to the ${to.name} file (choose another with --frames N)` });
      await write(output, [chosen], { warnings, atomStyle: opts.atomStyle });
      written = 1;
    } else {
      async function* selected(): AsyncGenerator<AtomFrame> {
        let i = 0;
        for await (const fr of read(input, readOpts)) {
          if (frameSelected(spec, i++)) { written++; yield fr; }
          if (i >= spec.stop) break;
        }
        if (written === 0) throw new UsageError(`${input}: ${opts.frames !== undefined ? `--frames '${opts.frames}' selects none of its ${i} frames` : 'no frames'}`);
      }
      await write(output, selected(), { warnings, atomStyle: opts.atomStyle });
    }
    return { from, to, framesWritten: written, warnings };
  } finally {
    progress.stop();
  }
}

export function register(program: Command): void {
  program
    .command('convert')
    .description('convert between LAMMPS data files, text dumps and extended XYZ (.gz compressed by name)')
    .argument('<in>', 'input file')
    .argument('<out>', 'output file; format from --to or the name (*.data, data.*, *.lammpstrj, *.dump, dump.*, *.xyz, *.extxyz; + .gz)')
    .option('--from <format>', 'input format (default: from content, then name)')
    .option('--to <format>', 'output format (default: from the output name)')
    .option('--frames <START:STOP:STEP>', 'frames to convert (0-based, Python slice); a data file takes one frame, by default the last')
    .option('--atom-style <style>', 'atom style of a data file: atomic, charge, bond, angle, molecular, full')
    .action(async (input: string, output: string, opts: { from?: string; to?: string; frames?: string; atomStyle?: string }) => {
      const r = await convertFile(input, output, opts);
      for (const w of r.warnings) process.stderr.write(`lmpv: ${warningText(w)}\n`);
      process.stderr.write(`lmpv: wrote ${r.framesWritten} frame${r.framesWritten === 1 ? '' : 's'} to ${output} (${r.to.name})\n`);
    });
}
