#!/usr/bin/env bash
# Real-LAMMPS energies for ORIGINAL vs lmpv-WRITTEN force-field files (issue 3).
#
# For every ReaxFF ffield and MEAM library/parameter set in ../shared/potentials,
# ../shared/reference/*/ and /usr/share/lammps/potentials, this runs a LAMMPS built with REAXFF
# and MEAM (`run 0` on a small displaced lattice with every element of the file, random types):
#   1. with the original file(s),
#   2. with the file(s) `lmpv ffield --out` / `lmpv meam --out-library --out-param` wrote,
#   3. with an `--elements` subset written by lmpv, against the original file on the same
#      subset system,
# and records the step-0 thermo line exactly as LAMMPS printed it (%.17g; ReaxFF: pe press and
# the 14 c_reax terms; MEAM: pe press pxx..pyz) together with the sha256 of each lmpv-written
# file, in fixtures/lammps/ff-roundtrip/results.json. test/io/reaxff-ffield.test.ts and
# test/io/meam-library.test.ts (CI has no REAXFF build) check that original and written numbers
# are identical strings and that lmpv still writes files with those hashes. Two sensitivity
# controls (one parameter + 1 ulp) show that such a change does move the printed energies.
#
# Usage: scripts/make-forcefield-fixtures.sh [LMP]   (default: /opt/lmpsrc/lammps-*/build/lmp)
set -euo pipefail
cd "$(dirname "$0")/.."
LMP="${1:-$(ls /opt/lmpsrc/lammps-*/build/lmp 2>/dev/null | head -1)}"
if [ -z "$LMP" ] || ! ("$LMP" -h || true) | grep -c REAXFF >/dev/null; then
  echo "need a LAMMPS with REAXFF and MEAM (got '$LMP')" >&2
  exit 1
fi
npx tsc -p tsconfig.json >/dev/null || test -f dist/src/io/reaxff-ffield.js
WORK="$(mktemp -d /tmp/ff-fixtures.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p fixtures/lammps/ff-roundtrip

cat > "$WORK/gen.mjs" <<'EOF'
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const [,, LMP, WORK, REPO] = process.argv;
const io = (m) => import(join(REPO, 'dist', 'src', 'io', m));
const ff = await io('reaxff-ffield.js');
const meam = await io('meam-library.js');
const SHARED = resolve(REPO, '..', 'shared');
const SYS = '/usr/share/lammps/potentials';
const sha = (t) => createHash('sha256').update(t).digest('hex');
const label = (p) => p.startsWith(SHARED) ? 'shared/' + p.slice(SHARED.length + 1) : p.startsWith(SYS) ? 'lammps-data/' + basename(p) : p;
const list = (d, re) => existsSync(d) ? readdirSync(d).filter((f) => re.test(f)).map((f) => join(d, f)).filter((p) => statSync(p).isFile()) : [];
const refDirs = readdirSync(join(SHARED, 'reference')).map((d) => join(SHARED, 'reference', d)).filter((d) => statSync(d).isDirectory());
let n = 0;

function runLmp(input) {
  const dir = join(WORK, `run${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'in.lammps'), input);
  try {
    execFileSync(LMP, ['-in', 'in.lammps', '-log', 'log.lammps', '-screen', 'none', '-echo', 'none'], { cwd: dir, stdio: 'pipe', timeout: 600_000 });
  } catch (e) {
    const log = existsSync(join(dir, 'log.lammps')) ? readFileSync(join(dir, 'log.lammps'), 'utf8') : '';
    throw new Error((log.match(/ERROR.*$/m) ?? [String(e.message).split('\n')[0]])[0]);
  }
  const log = readFileSync(join(dir, 'log.lammps'), 'utf8').split('\n');
  const h = log.findIndex((l) => /^\s*Step\s/.test(l));
  const columns = log[h].trim().split(/\s+/);
  const values = log[h + 1].trim().split(/\s+/);
  const warnings = log.filter((l) => l.startsWith('WARNING')).map((l) => l.replace(/ \(src\/.*\)$/, ''));
  return { columns, values, warnings };
}

// ---------------- ReaxFF
function reaxInput(file, elements, masses, lg, seed, spacing = 2.2) {
  const nt = elements.length;
  const lines = ['units real', 'atom_style charge', 'boundary p p p', `lattice sc ${spacing}`, 'region b block 0 5 0 5 0 5',
    `create_box ${nt} b`, 'create_atoms 1 box'];
  for (let t = 2; t <= nt; t++) lines.push(`set type 1 type/fraction ${t} ${(1 / (nt - t + 2)).toFixed(6)} ${seed + t}`);
  lines.push(`displace_atoms all random 0.3 0.3 0.3 ${seed}`);
  masses.forEach((m, i) => lines.push(`mass ${i + 1} ${m}`));
  lines.push(`pair_style reaxff NULL${lg ? ' lgvdw yes' : ''}`, `pair_coeff * * ${file} ${elements.join(' ')}`,
    'fix q all qeq/reaxff 1 0.0 10.0 1.0e-10 reaxff', 'compute reax all pair reaxff',
    'thermo_style custom step pe press c_reax[1] c_reax[2] c_reax[3] c_reax[4] c_reax[5] c_reax[6] c_reax[7] c_reax[8] c_reax[9] c_reax[10] c_reax[11] c_reax[12] c_reax[13] c_reax[14]',
    'thermo_modify format float %.17g norm no', 'run 0', '');
  return lines.join('\n');
}

const ffiles = [...list(join(SHARED, 'potentials'), /^ffield/), ...refDirs.flatMap((d) => list(d, /^ffield/)), ...list(SYS, /^ffield\.(reax|ci-reax)/)];
const seen = new Set();
const results = [];
for (const f of ffiles) {
  const text = readFileSync(f, 'utf8');
  if (seen.has(sha(text))) continue;
  seen.add(sha(text));
  const lg = f.endsWith('.lg');
  const glued = /\d!/.test(text.split('\n').slice(0, 45).join('\n'));
  const parsed = ff.parseReaxffFfield(text, f, { lgvdw: lg, repairGluedComments: glued });
  let original = f;
  if (glued) { // the documented one-character fix (SOURCES.md), as the "original" LAMMPS can load
    original = join(WORK, basename(f) + '.sedfixed');
    writeFileSync(original, text.replace(/([0-9])!/g, '$1 !'));
  }
  const written = ff.formatReaxffFfield(parsed);
  const wpath = join(WORK, basename(f) + '.lmpv');
  writeFileSync(wpath, written);
  const els = parsed.atoms.rows.map((a) => a.element);
  const masses = parsed.atoms.rows.map((a) => a.p.mass);
  const cases = [{ id: `reaxff:${label(f)}`, els, masses, file: wpath, writtenText: written, subset: null }];
  // subset: Li if present (the project's element), else the first element; plus Li+Na for Li/Na sets
  const pick = [els.find((e) => /^li$/i.test(e)) ?? els[0]];
  const subsets = [pick];
  if (els.some((e) => /^li$/i.test(e)) && els.some((e) => /^na$/i.test(e))) subsets.push(['Li', 'Na']);
  for (const s of subsets) {
    try {
      const sub = ff.subsetReaxffFfield(parsed, s);
      const st = ff.formatReaxffFfield(sub);
      const sp = join(WORK, basename(f) + `.${s.join('')}.lmpv`);
      writeFileSync(sp, st);
      const sEls = sub.atoms.rows.map((a) => a.element);
      cases.push({ id: `reaxff:${label(f)} --elements ${s.join(',')}`, els: sEls, masses: sub.atoms.rows.map((a) => a.p.mass), file: sp, writtenText: st, subset: s });
    } catch (e) {
      process.stderr.write(`skip subset ${s} of ${f}: ${e.message}\n`);
    }
  }
  for (const c of cases) {
    try {
      // a random packing of many elements can blow up (NaN): then spread the lattice
      let a, b, spacing;
      for (spacing of [2.2, 2.6, 3.0]) {
        a = runLmp(reaxInput(original, c.els, c.masses, lg, 4321, spacing));
        if (a.values.every((x) => Number.isFinite(Number(x)))) break;
      }
      b = runLmp(reaxInput(c.file, c.els, c.masses, lg, 4321, spacing));
      results.push({
        id: c.id, kind: 'reaxff', source: label(f), latticeSpacing: spacing, repairGluedComments: glued, lgvdw: lg, elements: c.subset, pairCoeff: c.els,
        writtenSha256: sha(c.writtenText), columns: a.columns, original: a.values, written: b.values,
        warningsOriginal: a.warnings, warningsWritten: b.warnings,
      });
      process.stderr.write(`${c.id}: ${a.values[1]} ${b.values[1]} ${a.values.join(' ') === b.values.join(' ') ? 'same' : 'DIFFERENT'}\n`);
    } catch (e) {
      process.stderr.write(`FAILED ${c.id}: ${e.message}\n`);
      results.push({ id: c.id, kind: 'reaxff', source: label(f), latticeSpacing: spacing, failed: e.message });
    }
  }
}

// ---------------- sensitivity controls: a 1-ulp change of one parameter must show in the energies,
// otherwise "original == written" would prove nothing
const nextUp = (x) => { const b = new Float64Array([x]); const u = new BigInt64Array(b.buffer); u[0] += x >= 0 ? 1n : -1n; return b[0]; };
const sensitivity = [];
{
  const f = join(SHARED, 'potentials', 'ffield.reax.LiS_Islam2015');
  const sub = ff.subsetReaxffFfield(ff.parseReaxffFfield(readFileSync(f, 'utf8'), f), ['Li']);
  const base = join(WORK, 'sens.base'), nud = join(WORK, 'sens.nudged');
  writeFileSync(base, ff.formatReaxffFfield(sub));
  const before = sub.bonds.rows[0].p.De_s;
  sub.bonds.rows[0].p.De_s = nextUp(before);
  writeFileSync(nud, ff.formatReaxffFfield(sub));
  const a = runLmp(reaxInput(base, ['Li'], [6.941], false, 4321));
  const b = runLmp(reaxInput(nud, ['Li'], [6.941], false, 4321));
  sensitivity.push({ id: 'reaxff: Li-Li De_s of ffield.reax.LiS_Islam2015 (Li subset) + 1 ulp', change: [before, sub.bonds.rows[0].p.De_s].map(String), columns: a.columns, original: a.values, nudged: b.values });
}

// ---------------- MEAM
const MEAM_SETS = [
  [join(SHARED, 'potentials', 'library.meam.lammps-data'), null, ['Li']],
  [join(SHARED, 'potentials', 'library.Li_Cui2012.meam'), join(SHARED, 'potentials', 'Li_Cui2012.meam'), ['Li']],
  [join(SHARED, 'potentials', 'library.Li_KimJungLee2012.meam'), join(SHARED, 'potentials', 'Li_KimJungLee2012.meam'), ['Li']],
  [join(SHARED, 'reference', 'meam-sic', 'library.meam'), join(SHARED, 'reference', 'meam-sic', 'SiC.meam'), ['Si', 'C'], ['C']],
  [join(SYS, 'library.meam'), join(SYS, 'Ni.meam'), ['Ni']],
  [join(SYS, 'library.meam'), join(SYS, 'Cu.meam'), ['Cu']],
  [join(SYS, 'library.meam'), join(SYS, 'WL.meam'), ['WL']],
  [join(SYS, 'library.meam'), join(SYS, 'SiC.meam'), ['Si', 'C'], ['Si']],
  [join(SYS, 'library.meam'), join(SYS, 'AlSiMgCuFe.meam'), ['AlS', 'SiS', 'MgS', 'CuS', 'FeS'], ['AlS', 'CuS', 'FeS']],
  [join(SYS, 'library.meam'), null, ['Li', 'Na'], ['Na']],
];
function meamInput(lib, param, libEls, els, entries, seed) {
  const e0 = entries[0];
  const lat = e0.lattce === 'bcc' ? `bcc ${e0.alat}` : e0.lattce === 'dia' ? `diamond ${e0.alat}` : e0.lattce === 'fcc' ? `fcc ${e0.alat}` : `fcc ${e0.alat * Math.SQRT2}`;
  const nt = els.length;
  const lines = ['units metal', 'atom_style atomic', 'boundary p p p', `lattice ${lat}`, 'region b block 0 3 0 3 0 3',
    `create_box ${nt} b`, 'create_atoms 1 box'];
  for (let t = 2; t <= nt; t++) lines.push(`set type 1 type/fraction ${t} ${(1 / (nt - t + 2)).toFixed(6)} ${seed + t}`);
  lines.push(`displace_atoms all random 0.1 0.1 0.1 ${seed}`, 'pair_style meam', `pair_coeff * * ${lib} ${libEls.join(' ')} ${param ?? 'NULL'} ${els.join(' ')}`,
    'thermo_style custom step pe press pxx pyy pzz pxy pxz pyz', 'thermo_modify format float %.17g norm no', 'run 0', '');
  return lines.join('\n');
}
for (const [lib, param, els, subset] of MEAM_SETS) {
  if (!existsSync(lib) || (param && !existsSync(param))) continue;
  const libText = readFileSync(lib, 'utf8');
  const entries = meam.parseMeamLibrary(libText, lib);
  const pText = param ? readFileSync(param, 'utf8') : '';
  const pf = param ? meam.parseMeamParamFile(pText, param) : null;
  const variants = [{ keep: null }];
  if (subset) variants.push({ keep: subset });
  for (const v of variants) {
    const keep = v.keep ?? els;
    const libOut = v.keep ? meam.subsetMeamLibrary(entries, keep) : entries;
    const r = pf ? meam.subsetMeamParamFile(pf, els, keep) : { param: null, elements: els.filter((e) => keep.includes(e)) };
    const pfOut = v.keep ? r.param : pf;
    const runEls = v.keep ? r.elements : els;
    const wl = meam.formatMeamLibrary(libOut, meam.leadingComments(libText));
    const wp = pfOut ? meam.formatMeamParamFile(pfOut, meam.leadingComments(pText)) : null;
    const tag = `${basename(lib)}.${param ? basename(param) : 'NULL'}.${runEls.join('')}`;
    const wlp = join(WORK, `${tag}.lib.lmpv`);
    writeFileSync(wlp, wl);
    let wpp = null;
    if (wp !== null) { wpp = join(WORK, `${tag}.param.lmpv`); writeFileSync(wpp, wp); }
    const id = `meam:${label(lib)} ${param ? label(param) : 'NULL'} ${els.join(',')}${v.keep ? ` --elements ${keep.join(',')}` : ''}`;
    try {
      const ents = runEls.map((e) => entries.find((x) => x.element === e));
      const a = runLmp(meamInput(lib, param, els, runEls, ents, 1234));
      const b = runLmp(meamInput(wlp, wpp, runEls, runEls, ents, 1234));
      results.push({
        id, kind: 'meam', source: label(lib), param: param ? label(param) : null, paramElements: els, elements: v.keep, pairCoeff: runEls,
        writtenSha256: sha(wl + '\0' + (wp ?? '')), columns: a.columns, original: a.values, written: b.values,
        warningsOriginal: a.warnings, warningsWritten: b.warnings,
      });
      process.stderr.write(`${id}: ${a.values[1]} ${b.values[1]} ${a.values.join(' ') === b.values.join(' ') ? 'same' : 'DIFFERENT'}\n`);
    } catch (e) {
      process.stderr.write(`FAILED ${id}: ${e.message}\n`);
      results.push({ id, kind: 'meam', source: label(lib), failed: e.message });
    }
  }
}

{
  const lib = join(SHARED, 'potentials', 'library.Li_Cui2012.meam'), par = join(SHARED, 'potentials', 'Li_Cui2012.meam');
  const entries = meam.parseMeamLibrary(readFileSync(lib, 'utf8'), lib);
  const nl = join(WORK, 'sens.lib');
  const before = entries[0].b0;
  writeFileSync(nl, meam.formatMeamLibrary([{ ...entries[0], b0: nextUp(before) }]));
  const a = runLmp(meamInput(lib, par, ['Li'], ['Li'], entries, 1234));
  const b = runLmp(meamInput(nl, par, ['Li'], ['Li'], entries, 1234));
  sensitivity.push({ id: 'meam: Li b0 (beta0) of library.Li_Cui2012.meam + 1 ulp', change: [before, nextUp(before)].map(String), columns: a.columns, original: a.values, nudged: b.values });
}
// ---------------- reference cases: their in.lammps (run 0) with the original and the lmpv-written
// potential files, next to the step-0 line of the log.lammps real LAMMPS wrote in ../shared/reference
const referenceCases = [];
for (const c of ['reaxff-li-bcc', 'reaxff-lina-gaissmaier', 'reaxff-li-600', 'reaxff-cho', 'reaxff-rdx', 'meam-li-bcc', 'meam-sic']) {
  const dir = join(SHARED, 'reference', c);
  if (!existsSync(dir)) continue;
  const inText = readFileSync(join(dir, 'in.lammps'), 'utf8');
  const pc = inText.split('\n').find((l) => /^\s*pair_coeff\s/.test(l)).trim().split(/\s+/);
  const isMeam = /pair_style\s+meam/.test(inText);
  const variants = {};
  for (const which of ['original', 'written']) {
    const d = join(WORK, `ref-${c}-${which}`);
    mkdirSync(d);
    for (const f of readdirSync(dir)) if (!/^(log|dump)/.test(f)) writeFileSync(join(d, f), readFileSync(join(dir, f)));
    if (which === 'written') {
      const lib = pc[3];
      const t = readFileSync(join(dir, lib), 'utf8');
      if (isMeam) {
        writeFileSync(join(d, lib), meam.formatMeamLibrary(meam.parseMeamLibrary(t, lib), meam.leadingComments(t)));
        const pi = pc.findIndex((w, i) => i > 3 && (w === 'NULL' || existsSync(join(dir, w))));
        if (pc[pi] !== 'NULL') {
          const pt = readFileSync(join(dir, pc[pi]), 'utf8');
          writeFileSync(join(d, pc[pi]), meam.formatMeamParamFile(meam.parseMeamParamFile(pt, pc[pi]), meam.leadingComments(pt)));
        }
      } else {
        writeFileSync(join(d, lib), ff.formatReaxffFfield(ff.parseReaxffFfield(t, lib)));
      }
    }
    writeFileSync(join(d, 'in.lammps'), inText.replace(/^(\s*run\s+)\d+/m, '$10'));
    execFileSync(LMP, ['-in', 'in.lammps', '-log', 'log.lammps', '-screen', 'none', '-echo', 'none'], { cwd: d, stdio: 'pipe', timeout: 600_000 });
    const log = readFileSync(join(d, 'log.lammps'), 'utf8').split('\n');
    const h = log.findIndex((l) => /^\s*Step\s/.test(l));
    variants[which] = log[h + 1].trim().split(/\s+/);
  }
  const ref = readFileSync(join(dir, 'log.lammps'), 'utf8').split('\n');
  const h = ref.findIndex((l) => /^\s*Step\s/.test(l));
  referenceCases.push({ case: c, columns: ref[h].trim().split(/\s+/), reference: ref[h + 1].trim().split(/\s+/), original: variants.original, written: variants.written });
  process.stderr.write(`reference ${c}: ref ${ref[h + 1].trim().split(/\s+/)[2]} original ${variants.original[2]} written ${variants.written[2]}\n`);
}
for (const s of sensitivity) process.stderr.write(`${s.id}: ${s.original[1]} -> ${s.nudged[1]}\n`);

const version = execFileSync(LMP, ['-h'], { encoding: 'utf8' }).split('\n').find((l) => /Large-scale/.test(l)).replace(/.*Simulator - /, '');
writeFileSync(join(REPO, 'fixtures', 'lammps', 'ff-roundtrip', 'results.json'), JSON.stringify({
  lammps: `LAMMPS (${version.trim()}) with REAXFF+MEAM, serial, built from Debian source lammps 0~20220106.git7586adbb6a`,
  generatedBy: 'scripts/make-forcefield-fixtures.sh', results, sensitivity, referenceCases,
}, null, 1) + '\n');
EOF
node "$WORK/gen.mjs" "$LMP" "$WORK" "$PWD"
echo "wrote fixtures/lammps/ff-roundtrip/results.json"
