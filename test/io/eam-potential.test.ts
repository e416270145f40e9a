/**
 * EAM files (funcfl, setfl, Finnis-Sinclair) read as LAMMPS's TextFileReader reads them: inline
 * variants, one quirk each; errors name file, line and what was expected; and Debian's files.
 */
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/io/errors.js';
import { parseEamFuncfl, parseEamSetfl, readEamFuncfl, readEamSetfl } from '../../src/io/eam-potential.js';
import { resolvePotential } from '../../src/io/potentials-path.js';

const FUNCFL = `Cu test funcfl (comment line, taken verbatim even with # and numbers 1 2 3)
29 63.55 3.615 FCC
5 0.1 6 0.5 2.5
0 -1 -2 -3 -4
1 2 3
4 5 6
0.6 0.5 0.4 0.3 0.2 0.1
`;

function err(f: () => unknown): ParseError {
  try { f(); } catch (e) { if (e instanceof ParseError) return e; throw e; }
  throw new Error('no error');
}

describe('funcfl (pair_style eam)', () => {
  it('reads header, grid and the three tables across lines', () => {
    const f = parseEamFuncfl(FUNCFL, 'Cu.eam');
    expect([f.z, f.mass, f.nrho, f.drho, f.nr, f.dr, f.cut]).toEqual([29, 63.55, 5, 0.1, 6, 0.5, 2.5]);
    expect(Array.from(f.frho)).toEqual([0, -1, -2, -3, -4]);
    expect(Array.from(f.zr)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(f.rhor)).toEqual([0.6, 0.5, 0.4, 0.3, 0.2, 0.1]);
    expect(f.warnings).toEqual([]);
  });
  it('drops the rest of the line that completes a table, as LAMMPS does, and warns', () => {
    const f = parseEamFuncfl(FUNCFL.replace('0 -1 -2 -3 -4\n1 2 3\n', '0 -1 -2 -3 -4 99\n1 2 3\n'), 'Cu.eam');
    expect(Array.from(f.zr)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(f.warnings).toHaveLength(1);
    expect(f.warnings[0]).toMatchObject({ line: 4 });
    expect(f.warnings[0].message).toMatch(/1 number\(s\) after the last of the 5 values of F\(rho\) are ignored/);
  });
  it('# starts a comment after the first line; blank lines are skipped; header records may span lines', () => {
    const f = parseEamFuncfl(FUNCFL.replace('29 63.55 3.615 FCC\n5 0.1 6 0.5 2.5\n', '# note\n29\n63.55 # mass\n\n5 0.1 6 0.5 2.5\n'), 'Cu.eam');
    expect([f.z, f.mass, f.nrho]).toEqual([29, 63.55, 5]);
    expect(Array.from(f.rhor)).toEqual([0.6, 0.5, 0.4, 0.3, 0.2, 0.1]);
  });
  it('a number LAMMPS rejects: file, line and what was expected', () => {
    const e = err(() => parseEamFuncfl(FUNCFL.replace('4 5 6', '4 5.0D0 6'), 'Cu.eam'));
    expect(e.message).toBe("Cu.eam:6: expected a value of Z(r) (a number), found '5.0D0' (Fortran 'D' exponent: LAMMPS rejects it; write '5.0e0')");
  });
  it('a table cut short', () => {
    const e = err(() => parseEamFuncfl(FUNCFL.replace('0.6 0.5 0.4 0.3 0.2 0.1\n', '0.6 0.5\n'), 'Cu.eam'));
    expect(e.message).toBe('Cu.eam:7: expected 6 values of rho(r), found 2 before the end of the file (funcfl file of pair_style eam)');
  });
  it('an invalid grid (LAMMPS: Invalid EAM potential file)', () => {
    const e = err(() => parseEamFuncfl(FUNCFL.replace('5 0.1 6 0.5 2.5', '5 0.1 6 0 2.5'), 'Cu.eam'));
    expect(e.message).toMatch(/^Cu\.eam:3: expected Nrho > 0, Nr > 0 and dr > 0, found Nrho 5, Nr 6, dr 0/);
    expect(err(() => parseEamFuncfl(FUNCFL.replace('5 0.1 6 0.5 2.5', '5.5 0.1 6 0.5 2.5'), 'Cu.eam')).message).toBe("Cu.eam:3: expected Nrho (an integer), found '5.5'");
  });
});

/** A 2-element setfl / fs with 4-point tables; values encode (block, index) so order errors show. */
function setflText(kind: 'setfl' | 'fs'): string {
  const t = (base: number) => [0, 1, 2, 3].map((k) => base + k).join(' ');
  const lines = ['c1', 'c2', 'c3', '2 Al Cu', '4 0.5 4 0.75 2.25'];
  [['13 26.98 4.05 fcc', 100], ['29 63.55 3.615 fcc', 200]].forEach(([head, b]) => {
    lines.push(head as string, t((b as number) + 10));
    if (kind === 'fs') lines.push(t((b as number) + 20), t((b as number) + 30));
    else lines.push(t((b as number) + 20));
  });
  lines.push(t(1000), t(2000), t(3000));
  return lines.join('\n') + '\n';
}

describe('setfl (eam/alloy) and Finnis-Sinclair (eam/fs)', () => {
  it('setfl: elements, masses, F and rho per element, r*phi for i >= j', () => {
    const s = parseEamSetfl(setflText('setfl'), 'AlCu.eam.alloy', 'setfl');
    expect(s.elements).toEqual(['Al', 'Cu']);
    expect(s.mass).toEqual([26.98, 63.55]);
    expect([s.nrho, s.drho, s.nr, s.dr, s.cut]).toEqual([4, 0.5, 4, 0.75, 2.25]);
    expect(s.frho.map((a) => a[0])).toEqual([110, 210]);
    expect(s.rhor.map((a) => a[0])).toEqual([120, 220]);
    expect(s.z2r.map((a) => a[3])).toEqual([1003, 2003, 3003]);
  });
  it('fs: Ne density functions per element, in file order', () => {
    const s = parseEamSetfl(setflText('fs'), 'AlCu.eam.fs', 'fs');
    expect(s.rhor.map((a) => a[0])).toEqual([120, 130, 220, 230]);
    expect(s.z2r.map((a) => a[0])).toEqual([1000, 2000, 3000]);
  });
  it('the element line must name as many elements as it counts', () => {
    const e = err(() => parseEamSetfl(setflText('setfl').replace('2 Al Cu', '2 Al'), 'x.eam.alloy', 'setfl'));
    expect(e.message).toBe("x.eam.alloy:4: expected the number of elements and that many element names, found '2 Al' (LAMMPS: Incorrect element names in EAM potential file)");
  });
  it('an fs file given to eam/alloy stops where the layouts part, naming line and table', () => {
    // setfl layout on fs data: Al's second density table is read as Cu's 'Z mass' line
    const e = err(() => parseEamSetfl(setflText('fs'), 'x.eam.fs', 'setfl'));
    expect(e.message).toBe("x.eam.fs:10: expected a value of F(rho) of Cu (a number), found 'fcc'");
  });
});

describe('UNITS: tag (LAMMPS PotentialFileReader: metal <-> real conversion of energies)', () => {
  const tagged = (t: string, u: string) => t.replace(/^[^\n]*/, `DATE: 2026 UNITS: ${u} CONTRIBUTOR: test`);
  it('funcfl metal -> real: F x 23.060549, Z x sqrt(23.060549), rho as is', () => {
    const f = parseEamFuncfl(tagged(FUNCFL, 'metal'), 'Cu.eam', { units: 'real' });
    expect(Array.from(f.frho)).toEqual([0, -1, -2, -3, -4].map((v) => v * 23.060549));
    expect(Array.from(f.zr)).toEqual([1, 2, 3, 4, 5, 6].map((v) => v * Math.sqrt(23.060549)));
    expect(Array.from(f.rhor)).toEqual([0.6, 0.5, 0.4, 0.3, 0.2, 0.1]);
    expect(f.warnings[0].message).toMatch(/converting eam file in metal units to real units/);
  });
  it('setfl real -> metal: every point but the last of F and r*phi (pair_eam_alloy.cpp loop bounds); fs: all', () => {
    const cf = 1.0 / 23.060549;
    const s = parseEamSetfl(tagged(setflText('setfl'), 'real'), 'x.eam.alloy', 'setfl', { units: 'metal' });
    expect(Array.from(s.frho[0])).toEqual([110 * cf, 111 * cf, 112 * cf, 113]);
    expect(Array.from(s.z2r[2])).toEqual([3000 * cf, 3001 * cf, 3002 * cf, 3003]);
    expect(Array.from(s.rhor[0])).toEqual([120, 121, 122, 123]);
    const fs = parseEamSetfl(tagged(setflText('fs'), 'real'), 'x.eam.fs', 'fs', { units: 'metal' });
    expect(Array.from(fs.frho[1])).toEqual([210, 211, 212, 213].map((v) => v * cf));
    expect(Array.from(fs.z2r[0])).toEqual([1000, 1001, 1002, 1003].map((v) => v * cf));
  });
  it('same units, an untagged file, or no units given: no conversion; other unit styles: an error', () => {
    expect(Array.from(parseEamFuncfl(tagged(FUNCFL, 'metal'), 'a', { units: 'metal' }).frho)).toEqual([0, -1, -2, -3, -4]);
    expect(Array.from(parseEamFuncfl(FUNCFL, 'a', { units: 'real' }).frho)).toEqual([0, -1, -2, -3, -4]);
    expect(Array.from(parseEamFuncfl(tagged(FUNCFL, 'metal'), 'a').frho)).toEqual([0, -1, -2, -3, -4]);
    expect(() => parseEamFuncfl(tagged(FUNCFL, 'metal'), 'Cu.eam', { units: 'lj' })).toThrow('eam potential file Cu.eam requires metal units but lj units are in use');
  });
});

const has = (f: string): boolean => { try { resolvePotential(f); return true; } catch { return false; } };

describe("Debian's files (lammps-data)", () => {
  it.skipIf(!has('Cu_u3.eam'))('Cu_u3.eam (skipped without lammps-data)', () => {
    const f = readEamFuncfl(resolvePotential('Cu_u3.eam'));
    expect([f.z, f.mass, f.nrho, f.drho, f.nr, f.dr, f.cut]).toEqual([29, 63.55, 500, 5.0100200400801306e-04, 500, 1.0000000000000009e-02, 4.9499999999999886e+00]);
    expect(f.warnings).toEqual([]);
    expect(f.frho[0]).toBe(0);
  });
  it.skipIf(!has('CuNi.eam.alloy'))('CuNi.eam.alloy (skipped without lammps-data)', () => {
    const s = readEamSetfl(resolvePotential('CuNi.eam.alloy'), 'setfl');
    expect(s.elements).toEqual(['Ni', 'Cu']);
    expect([s.nrho, s.nr]).toEqual([500, 500]);
    expect(s.z2r).toHaveLength(3);
    expect(s.warnings).toEqual([]);
  });
  it.skipIf(!has('NiAlH_jea.eam.fs'))('NiAlH_jea.eam.fs (skipped without lammps-data)', () => {
    const s = readEamSetfl(resolvePotential('NiAlH_jea.eam.fs'), 'fs');
    expect(s.elements).toEqual(['Ni', 'Al', 'H']);
    expect(s.rhor).toHaveLength(9);
    expect(s.z2r).toHaveLength(6);
    expect(s.warnings).toEqual([]);
  });
});
