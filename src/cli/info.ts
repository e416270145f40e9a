/**
 * `lmpv info FILE [--json] [--format F]`: what a file holds. Format by content (the first ~4 KB,
 * decompressed for gzip files) and then by name; atoms, types, box (tilt, boundary), frames of
 * multi-frame formats, columns; for data files also the atom style, topology counts and
 * coefficient sections.
 */
import type { Command } from 'commander';
import { warningText, type Warning } from '../io/errors.js';
import { detectFormat, frameReader } from '../io/formats.js';
import { readLammpsData } from '../io/lammps-data.js';
import type { Box } from '../io/types.js';
import { out } from './util.js';
import { progressFor } from './progress.js';

interface FileInfo {
  file: string;
  format: string;
  frames: number;
  /** Atoms of the first frame, and the range over all frames. */
  atoms: number;
  atomsMin: number;
  atomsMax: number;
  /** Number of atom types: the data header's count, else the largest `type` (or distinct element names). */
  types: number | null;
  timesteps: number[] | null;
  box: Box | null;
  columns: string[];
  units?: string;
  /** 'entries' for dump local files (rows are bonds etc., not atoms). */
  kind?: string;
  atomStyle?: string;
  counts?: Record<string, number>;
  coeffs?: string[];
  /** Type labels (labelmap) per kind: 'atom' -> ['Li', 'Na'], ... */
  typeLabels?: Record<string, string[]>;
  warnings: string[];
}

async function fileInfo(path: string, given?: string): Promise<FileInfo> {
  const fmt = detectFormat(path, given);
  const warnings: Warning[] = [];
  const progress = progressFor(path, 'reading');
  try {
    if (fmt.name === 'lammps-data') {
      const d = readLammpsData(path, { warnings, onProgress: progress.onProgress });
      const cols = ['id', ...(d.atoms.mol ? ['mol'] : []), 'type', ...(d.atoms.q ? ['q'] : []), 'x', 'y', 'z', ...(d.atoms.ix ? ['ix', 'iy', 'iz'] : []), ...(d.velocities ? ['vx', 'vy', 'vz'] : [])];
      const n = d.atoms.id.length;
      return {
        file: path, format: fmt.name, frames: 1, atoms: n, atomsMin: n, atomsMax: n,
        types: d.counts.atomTypes, timesteps: d.timestep === undefined ? null : [d.timestep],
        box: d.box, columns: cols, atomStyle: d.atomStyle, counts: { ...d.counts },
        coeffs: d.coeffs.map((c) => (c.style ? `${c.keyword} # ${c.style}` : c.keyword)),
        ...(d.typeLabels ? { typeLabels: d.typeLabels as Record<string, string[]> } : {}),
        warnings: warnings.map(warningText),
      };
    }
    const read = await frameReader(fmt);
    let frames = 0;
    let first: import('../io/types.js').AtomFrame | undefined;
    let atomsMin = Infinity, atomsMax = 0;
    let maxType = 0;
    const elements = new Set<string>();
    const timesteps: number[] = [];
    const columns: string[] = [];
    let kind: string | undefined;
    for await (const fr of read(path, { warnings, onProgress: progress.onProgress })) {
      if (frames === 0) { first = fr; columns.push(...fr.columns.keys()); kind = (fr as { kind?: string }).kind; }
      frames++;
      atomsMin = Math.min(atomsMin, fr.natoms);
      atomsMax = Math.max(atomsMax, fr.natoms);
      if (fr.timestep !== undefined) timesteps.push(fr.timestep);
      const type = fr.columns.get('type');
      if (type instanceof Float64Array) { for (let i = 0; i < type.length; i++) if (type[i] > maxType) maxType = type[i]; }
      const el = fr.columns.get('element') ?? fr.columns.get('species');
      if (Array.isArray(el)) for (const e of el) elements.add(e);
    }
    return {
      file: path, format: fmt.name, frames,
      atoms: first?.natoms ?? 0, atomsMin: frames ? atomsMin : 0, atomsMax,
      types: maxType > 0 ? maxType : elements.size > 0 ? elements.size : null,
      timesteps: timesteps.length ? timesteps : null,
      box: first?.box ?? null, columns, units: first?.units, kind,
      warnings: warnings.map(warningText),
    };
  } finally {
    progress.stop();
  }
}

function boxText(b: Box): string {
  const r = (k: number) => `${'xyz'[k]} ${b.lo[k]} .. ${b.hi[k]}`;
  let s = `${r(0)}, ${r(1)}, ${r(2)}`;
  if (b.tilt) s += `; tilt xy xz yz = ${b.tilt[0]} ${b.tilt[1]} ${b.tilt[2]}`;
  const g = b.general;
  if (g) s += `; general triclinic A = (${g.avec.join(' ')}), B = (${g.bvec.join(' ')}), C = (${g.cvec.join(' ')}), origin (${g.origin.join(' ')})`;
  return `${s}; boundary ${b.boundary.join(' ')}`;
}

function formatInfo(i: FileInfo): string {
  const rows: [string, string][] = [
    ['file', i.file],
    ['format', i.format],
    ['frames', i.frames + (i.timesteps && i.timesteps.length > 1 ? ` (timesteps ${i.timesteps[0]} .. ${i.timesteps[i.timesteps.length - 1]})` : i.timesteps ? ` (timestep ${i.timesteps[0]})` : '')],
    [i.kind === 'entries' ? 'entries' : 'atoms', i.atomsMin === i.atomsMax ? String(i.atoms) : `${i.atoms} in the first frame (${i.atomsMin} .. ${i.atomsMax})`],
    ['types', i.types === null ? '-' : String(i.types)],
  ];
  if (i.atomStyle) rows.push(['atom style', i.atomStyle]);
  if (i.counts) {
    const c = i.counts;
    const topo = ['bonds', 'angles', 'dihedrals', 'impropers'].filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
    if (topo.length) rows.push(['topology', topo.join(', ')]);
  }
  const noBox = i.box !== null && [0, 1, 2].every((d) => i.box!.lo[d] === 0 && i.box!.hi[d] === 0);
  rows.push(['box', i.box && !noBox ? boxText(i.box) : '-']);
  rows.push(['columns', i.columns.join(' ')]);
  if (i.units) rows.push(['units', i.units]);
  if (i.coeffs && i.coeffs.length) rows.push(['coeffs', i.coeffs.join('; ')]);
  if (i.typeLabels) rows.push(['labels', Object.entries(i.typeLabels).map(([k, v]) => `${k} ${v.map((l, t) => `${t + 1}=${l}`).join(' ')}`).join('; ')]);
  return rows.map(([k, v]) => `${k.padEnd(11)}${v}`).join('\n');
}

export function register(program: Command): void {
  program
    .command('info')
    .description('show what a LAMMPS data file, dump or extended XYZ file holds (format, atoms, types, box, frames, columns)')
    .argument('<file>', 'file to inspect (.gz is decompressed)')
    .option('--json', 'print one JSON object')
    .option('--format <format>', 'file format, when content and name do not tell (lammps-data, lammps-dump-text, extxyz)')
    .action(async (file: string, opts: { json?: boolean; format?: string }) => {
      const info = await fileInfo(file, opts.format);
      for (const w of info.warnings) process.stderr.write(`lmpv: ${w}\n`);
      if (opts.json) {
        const { warnings: _w, ...rest } = info;
        out(JSON.stringify(rest, null, 2));
      } else out(formatInfo(info));
    });
}
