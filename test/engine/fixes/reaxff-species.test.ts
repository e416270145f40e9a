/**
 * fix reaxff/species against the files LAMMPS wrote, byte for byte: the CHO mixture with fixed
 * charges (fixture reaxff-cho-species: Nevery 2 Nrepeat 5 Nfreq 10, element names, a cutoff) and
 * the TATB reference run (../shared/reference/reaxff-tatb, 25 steps with QEq; its fix reaxff/bonds
 * file too, numbers within the printed 1e-3 since QEq's tolerance there is 1e-6).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES, REFERENCE } from '../../helpers/paths.js';
import { Interpreter } from '../../../src/engine/input/interpreter.js';

function runCase(src: string, outputs: string[]): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'lmpv-reaxff-species-'));
  try {
    cpSync(src, dir, { recursive: true });
    for (const o of outputs) rmSync(join(dir, o), { force: true });
    new Interpreter({ cwd: dir, log: null, screen: () => {} }).runFile('in.lammps');
    return Object.fromEntries(outputs.map((o) => [o, readFileSync(join(dir, o), 'utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bond-table rows by atom id: sorted bonded ids and the numbers. */
function bondRows(text: string): { head: string[]; rows: Map<number, { ids: number[]; nums: Map<number, number>; tail: number[] }> }[] {
  const out: { head: string[]; rows: Map<number, { ids: number[]; nums: Map<number, number>; tail: number[] }> }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# Timestep')) { out.push({ head: [line], rows: new Map() }); continue; }
    const cur = out[out.length - 1];
    if (!cur || line.trim() === '') continue;
    if (line.startsWith('#')) { cur.head.push(line); continue; }
    const w = line.trim().split(/\s+/).map(Number);
    const nb = w[2];
    const ids = w.slice(3, 3 + nb);
    const bos = w.slice(4 + nb, 4 + 2 * nb);
    cur.rows.set(w[0], { ids: [...ids].sort((a, b) => a - b), nums: new Map(ids.map((id, k) => [id, bos[k]])), tail: [w[1], ...w.slice(4 + 2 * nb)] });
  }
  return out;
}

describe('fix reaxff/species writes what LAMMPS writes', () => {
  const cho = join(FIXTURES, 'reaxff-cho-species');
  it.skipIf(!existsSync(join(cho, 'species.out')))('CHO mixture, fixed charges: species.out identical, bonds.reaxff equal up to bond order in a row (skipped when the fixture is absent)', () => {
    const ours = runCase(cho, ['species.out', 'bonds.reaxff']);
    const ref = readFileSync(join(cho, 'species.out'), 'utf8');
    expect(ref.split('\n').length).toBeGreaterThan(10);
    expect(ours['species.out']).toBe(ref);
    const a = bondRows(ours['bonds.reaxff']), b = bondRows(readFileSync(join(cho, 'bonds.reaxff'), 'utf8'));
    expect(a.length).toBe(b.length);
    b.forEach((blk, k) => {
      expect(a[k].head).toEqual(blk.head);
      for (const [id, r] of blk.rows) {
        const m = a[k].rows.get(id)!;
        expect(m.ids, `atom ${id}`).toEqual(r.ids);
        expect([...m.nums.entries()].sort()).toEqual([...r.nums.entries()].sort());
        expect(m.tail).toEqual(r.tail);
      }
    });
  });
  const tatb = join(REFERENCE, 'reaxff-tatb');
  it.skipIf(!existsSync(join(tatb, 'species.tatb')))('TATB reference run: species.tatb identical, bonds.reaxff within the printed digits (skipped when ../shared/reference/reaxff-tatb is absent)', () => {
    const ours = runCase(tatb, ['species.tatb', 'bonds.reaxff']);
    expect(ours['species.tatb']).toBe(readFileSync(join(tatb, 'species.tatb'), 'utf8'));
    const a = bondRows(ours['bonds.reaxff']), b = bondRows(readFileSync(join(tatb, 'bonds.reaxff'), 'utf8'));
    expect(b.length).toBe(6);
    expect(a.length).toBe(b.length);
    b.forEach((blk, k) => {
      expect(a[k].head).toEqual(blk.head);
      for (const [id, r] of blk.rows) {
        const m = a[k].rows.get(id)!;
        expect(m.ids, `atom ${id} at ${blk.head[0]}`).toEqual(r.ids);
        for (const [j, bo] of r.nums) expect(Math.abs(m.nums.get(j)! - bo)).toBeLessThanOrEqual(1.0001e-3);
        r.tail.forEach((v, t) => expect(Math.abs(m.tail[t] - v)).toBeLessThanOrEqual(1.0001e-3));
      }
    });
  });
});
