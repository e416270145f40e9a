/**
 * fix reaxff/bonds against the files LAMMPS wrote: the RDX fixed-charge run (fixture made by
 * scripts/make-reaxff-run-fixtures.sh, bonds every 10 of 40 steps) and the TATB reference at step 0
 * (../shared/reference/reaxff-tatb, QEq at tolerance 1e-6, so charges differ from LAMMPS's by up to
 * ~1e-6: a printed digit may flip). Header lines equal; per atom the type, the set of bonded ids,
 * each bond order, abo, nlp and q within 1e-3 (the files print %14.3f); rows compared by id.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, REFERENCE } from '../../helpers/paths.js';
import { Interpreter } from '../../../src/engine/input/interpreter.js';

interface Block { head: string[]; rows: Map<number, { type: number; bonds: Map<number, number>; abo: number; nlp: number; q: number }> }

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let cur: Block | null = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('# Timestep')) { cur = { head: [line], rows: new Map() }; out.push(cur); continue; }
    if (!cur) continue;
    if (line.startsWith('#')) { cur.head.push(line); continue; }
    const w = line.trim().split(/\s+/);
    if (w.length < 3) continue;
    const nb = Number(w[2]);
    const ids = w.slice(3, 3 + nb).map(Number);
    const bos = w.slice(4 + nb, 4 + 2 * nb).map(Number);
    const [abo, nlp, q] = w.slice(4 + 2 * nb).map(Number);
    cur.rows.set(Number(w[0]), { type: Number(w[1]), bonds: new Map(ids.map((id, k) => [id, bos[k]])), abo, nlp, q });
  }
  return out;
}

function compare(ours: Block[], ref: Block[], tol: number): void {
  expect(ours.length).toBe(ref.length);
  ref.forEach((b, k) => {
    const o = ours[k];
    expect(o.head.slice(0, 7)).toEqual(b.head.slice(0, 7));
    expect(o.rows.size).toBe(b.rows.size);
    for (const [id, r] of b.rows) {
      const m = o.rows.get(id)!;
      expect(m, `atom ${id}`).toBeDefined();
      expect(m.type).toBe(r.type);
      expect([...m.bonds.keys()].sort((a, c) => a - c), `bonds of atom ${id} (${b.head[0]})`).toEqual([...r.bonds.keys()].sort((a, c) => a - c));
      for (const [j, bo] of r.bonds) expect(Math.abs(m.bonds.get(j)! - bo), `bo ${id}-${j}`).toBeLessThanOrEqual(tol);
      expect(Math.abs(m.abo - r.abo)).toBeLessThanOrEqual(tol);
      expect(Math.abs(m.nlp - r.nlp)).toBeLessThanOrEqual(tol);
      expect(Math.abs(m.q - r.q)).toBeLessThanOrEqual(tol);
    }
  });
}

function runIn(src: string, edit?: (inp: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-reaxff-bonds-'));
  try {
    cpSync(src, dir, { recursive: true });
    if (edit) writeFileSync(join(dir, 'in.lammps'), edit(readFileSync(join(dir, 'in.lammps'), 'utf8')));
    rmSync(join(dir, 'bonds.reaxff'), { force: true });
    new Interpreter({ cwd: dir, log: null, screen: () => {} }).runFile('in.lammps');
    return readFileSync(join(dir, 'bonds.reaxff'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('fix reaxff/bonds writes what LAMMPS writes', () => {
  const rdx = join(FIXTURES, 'reaxff-rdx-fixedq');
  it.skipIf(!existsSync(join(rdx, 'bonds.reaxff')))('RDX, fixed charges, steps 0..40 every 10 (skipped when the fixture is absent)', () => {
    const ref = blocks(readFileSync(join(rdx, 'bonds.reaxff'), 'utf8'));
    expect(ref.length).toBe(5);
    // same trajectory to ~1e-9: the printed 3 decimals are equal
    compare(blocks(runIn(rdx)), ref, 0);
  });
  const tatb = join(REFERENCE, 'reaxff-tatb');
  it.skipIf(!existsSync(join(tatb, 'bonds.reaxff')))('TATB crystal at step 0 (skipped when ../shared/reference/reaxff-tatb is absent)', () => {
    const all = blocks(readFileSync(join(tatb, 'bonds.reaxff'), 'utf8'));
    const ours = blocks(runIn(tatb, (inp) => inp.replace(/^fix\s+3 all reaxff\/species.*$/m, '').replace(/^run\s+25/m, 'run 0')));
    compare(ours, all.slice(0, 1), 1.0001e-3);
  });
  it('refuses gzipped output and a missing Nevery', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lmpv-reaxff-bonds-'));
    try {
      cpSync(rdx, dir, { recursive: true });
      for (const [fix, msg] of [['fix b all reaxff/bonds 10 b.gz', /gzipped/], ['fix b all reaxff/bonds b.txt', /expected 'Nevery FILE'/], ['fix b all reaxff/bonds 0 b.txt', /positive integer/]] as const) {
        writeFileSync(join(dir, 'in.lammps'), readFileSync(join(rdx, 'in.lammps'), 'utf8').replace(/^fix\s+b all reaxff\/bonds.*$/m, fix));
        expect(() => new Interpreter({ cwd: dir, log: null, screen: () => {} }).runFile('in.lammps')).toThrow(msg);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
