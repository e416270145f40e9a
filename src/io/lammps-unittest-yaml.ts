/**
 * LAMMPS's force-style unit-test reference files (unittest/force-styles/tests/*.yaml in the LAMMPS
 * source, written by unittest/force-styles/test_pair_style.cpp `generate_yaml_file` through
 * yaml_writer.h). They use a small subset of YAML, which this reader accepts and nothing more:
 *   key: scalar                       (epsilon: 7.5e-12, natoms: 64, init_vdwl: -294.56...)
 *   key: ! |  / ! |- / ! |2 / ! ""    (a block of indented lines, or empty)
 * Blocks used here: init_stress / run_stress (xx yy zz xy xz yz of the pair virial [energy]),
 * init_forces / run_forces (one `id fx fy fz` line per atom [force]); energies init_vdwl,
 * init_coul, run_vdwl, run_coul [energy]; `epsilon`, the relative tolerance the test uses.
 */
import { readFileSync } from 'node:fs';
import { ParseError } from './errors.js';

export interface UnitTestForces {
  ids: Float64Array;
  /** fx fy fz per atom, in the order of `ids`. */
  f: Float64Array;
}

export interface LammpsUnitTest {
  file: string;
  lammpsVersion?: string;
  epsilon: number;
  natoms?: number;
  pairStyle?: string;
  /** Every top-level key as text (blocks joined with newlines). */
  raw: Map<string, string>;
  initVdwl?: number;
  initCoul?: number;
  initStress?: number[];
  initForces?: UnitTestForces;
  runVdwl?: number;
  runCoul?: number;
  runStress?: number[];
  runForces?: UnitTestForces;
}

/** Does this text look like a force-style unit-test file? (the writer starts with `---` and `lammps_version:`) */
export function isLammpsUnitTest(head: string): boolean {
  return /^---\s*\n(lammps_version|date_generated):/.test(head);
}

export function parseLammpsUnitTest(text: string, file = '<yaml>'): LammpsUnitTest {
  const lines = text.split(/\r?\n/);
  const raw = new Map<string, string>();
  const lineOf = new Map<string, number>();
  let i = 0;
  if (lines[0]?.trim() === '---') i = 1;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '' || l.trim() === '...') continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$/.exec(l);
    if (!m) throw new ParseError(file, i + 1, `expected 'key: value' at the top level, found '${l.substring(0, 40)}'`);
    const [, key, rest] = m;
    lineOf.set(key, i + 1);
    if (/^!\s*""$/.test(rest)) { raw.set(key, ''); continue; }
    if (/^!\s*\|[-+]?\d*$/.test(rest)) {
      const body: string[] = [];
      while (i + 1 < lines.length && (/^\s/.test(lines[i + 1]) || lines[i + 1] === '')) body.push(lines[++i]);
      raw.set(key, body.join('\n'));
      continue;
    }
    raw.set(key, rest);
  }
  const num = (key: string): number | undefined => {
    const v = raw.get(key);
    if (v === undefined) return undefined;
    const x = Number(v.trim());
    if (v.trim() === '' || !Number.isFinite(x)) throw new ParseError(file, lineOf.get(key) ?? 0, `${key}: expected a number, found '${v.trim()}'`);
    return x;
  };
  const stress = (key: string): number[] | undefined => {
    const v = raw.get(key);
    if (v === undefined) return undefined;
    const f = v.trim().split(/\s+/).map(Number);
    if (f.length !== 6 || f.some((x) => !Number.isFinite(x))) throw new ParseError(file, lineOf.get(key) ?? 0, `${key}: expected 6 numbers (xx yy zz xy xz yz), found '${v.trim()}'`);
    return f;
  };
  const forces = (key: string): UnitTestForces | undefined => {
    const v = raw.get(key);
    if (v === undefined) return undefined;
    const rows = v.split('\n').filter((r) => r.trim());
    const ids = new Float64Array(rows.length);
    const f = new Float64Array(3 * rows.length);
    rows.forEach((r, k) => {
      const w = r.trim().split(/\s+/).map(Number);
      if (w.length !== 4 || w.some((x) => !Number.isFinite(x))) throw new ParseError(file, (lineOf.get(key) ?? 0) + 1 + k, `${key}: expected 'id fx fy fz', found '${r.trim()}'`);
      ids[k] = w[0];
      f[3 * k] = w[1];
      f[3 * k + 1] = w[2];
      f[3 * k + 2] = w[3];
    });
    return { ids, f };
  };
  const epsilon = num('epsilon');
  if (epsilon === undefined) throw new ParseError(file, 1, 'no epsilon: not a LAMMPS force-style unit-test file');
  return {
    file, lammpsVersion: raw.get('lammps_version'), epsilon, natoms: num('natoms'), pairStyle: raw.get('pair_style'), raw,
    initVdwl: num('init_vdwl'), initCoul: num('init_coul'), initStress: stress('init_stress'), initForces: forces('init_forces'),
    runVdwl: num('run_vdwl'), runCoul: num('run_coul'), runStress: stress('run_stress'), runForces: forces('run_forces'),
  };
}

export function readLammpsUnitTest(path: string): LammpsUnitTest {
  return parseLammpsUnitTest(readFileSync(path, 'utf8'), path);
}
