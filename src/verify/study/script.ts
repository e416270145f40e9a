/**
 * One LAMMPS input script per run, written so that the run can stop anywhere and go on:
 * the protocol is a list of stages (one thermostat fix each, e.g. heat / quench / hold), every
 * stage is run in chunks of `chunk` steps with `run N start S stop E` (so a temperature ramp spans
 * the whole stage, LAMMPS run.cpp `start`/`stop`), and after each chunk `write_restart
 * restart.<step>` keeps positions, velocities, image flags, charges, the step and the thermostat
 * chain (LAMMPS FixNH::write_restart; lmpv: engine/commands/restart.ts). Chunk ends (multiples of `chunk`
 * and stage ends) do not depend on where a run started, so a run resumed from restart.<K> takes exactly the
 * steps the uninterrupted run takes after K: the resumed script is the same script from K on,
 * headed by `read_restart restart.<K>` instead of `read_data` + `velocity create`, with the pair
 * style, fixes (same IDs: their state comes back from the restart) and output defined again.
 *
 * Each invocation starting at step K writes its own `log.<K>.lammps` and `dump.<K>.lammpstrj`
 * (neither engine appends); readers join them by step, later invocations winning.
 */

export interface Stage {
  /** The fix lines of the stage: their IDs are unique per stage (so no thermostat state leaks across stages) and unfixed at its end. */
  fixes: string[];
  steps: number;
  label: string;
}

export interface ScriptPlan {
  /** One comment line naming the run. */
  title: string;
  /** Setup of a fresh run: units, atom_style, boundary, read_data / lattice, velocity create. */
  fresh: string[];
  /** After either header: pair style, persistent fixes, neighbor, timestep, thermo. */
  common: string[];
  /** Dump every this many steps (id type x y z), to dump.<K>.lammpstrj. */
  dumpEvery: number;
  /** Extra dump columns (after id type x y z). */
  dumpColumns?: string[];
  /** Steps per chunk (a multiple of dumpEvery): a restart after each. */
  chunk: number;
  stages: Stage[];
}

export function totalSteps(p: ScriptPlan): number {
  return p.stages.reduce((s, st) => s + st.steps, 0);
}

export const dumpName = (from: number) => `dump.${from}.lammpstrj`;
export const logName = (from: number) => `log.${from}.lammps`;
export const restartName = (step: number) => `restart.${step}`;
export const FINAL_DATA = 'data.final';

/** The script of a run from step `from` (0: fresh start). */
export function buildScript(p: ScriptPlan, from = 0): string {
  const out: string[] = [p.title];
  if (from === 0) out.push(...p.fresh);
  else out.push(`read_restart    ${restartName(from)}`);
  out.push(...p.common);
  out.push(`dump            snap all custom ${p.dumpEvery} ${dumpName(from)} id type x y z${p.dumpColumns?.length ? ' ' + p.dumpColumns.join(' ') : ''}`);
  out.push('dump_modify     snap sort id format float %.10g');
  let S = 0;
  for (const st of p.stages) {
    const E = S + st.steps;
    if (E > from) {
      out.push('', `# stage ${st.label}: steps ${S} to ${E}`);
      out.push(...st.fixes);
      let k = Math.max(S, from);
      while (k < E) {
        // chunks end at multiples of `chunk` (and at the stage end), whatever step this invocation started from
        const next = Math.min(E, (Math.floor(k / p.chunk) + 1) * p.chunk);
        out.push(`run             ${next - k} start ${S} stop ${E}`);
        out.push(`write_restart   ${restartName(next)}`);
        k = next;
      }
      for (const f of st.fixes) out.push(`unfix           ${f.trim().split(/\s+/)[1]}`);
    }
    S = E;
  }
  out.push('', `write_data      ${FINAL_DATA}`);
  return out.join('\n') + '\n';
}
