// A plan's year as simulation/simulate.ts simulates it, without Temporal: the same launch,
// the same scripted agencies drawn from the same seed, the same ladder, rules and activities,
// on a virtual clock that jumps from one instant something happens to the next. The
// workflows' waiting (timers, the time-skipping server's round trips) is what it leaves out,
// which is what made a province's year take minutes. The script, the digest mornings and the
// result are simulation/year.ts's, shared with simulate.ts; test/simulation/pure-vs-workflow.test.ts
// holds it to simulateYear's result on sample years.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { dutyWorkflowId } from '../common/messages.ts';
import { openDb } from '../db/index.ts';
import { shiftedSource } from '../domain/holidays.ts';
import { localInstant, localParts } from '../domain/local-time.ts';
import { cycleDuties } from '../plans/cycle-duties.ts';
import { nationalYear } from '../plans/national-calendar.ts';
import { copyPlan } from './copy.ts';
import { launchCycle } from './pure-cycle.ts';
import { atInstant } from './pure-duty.ts';
import { shadowYearOf } from './shift.ts';
import type { simulateYear } from './simulate.ts';
import { ScriptedYear } from './year.ts';

/** simulateYear's arguments and result; `opts.workflowBundle` is not needed and ignored. */
export const simulateYearPure: typeof simulateYear = async (
  db,
  planId,
  input,
  progress,
  readModel,
  opts = {},
) => {
  const started = Date.now();
  const tell = opts.onProgress ?? (() => undefined);
  tell({ phase: 'starting', share: 0, duties: 0, dutiesDone: 0, actionsDone: 0, actionsLeft: 0 });
  const sim = readModel ?? (await openDb({ sqliteFile: ':memory:' }));
  try {
    // The shadow year the time-skipping server would use: the same dates, weekdays and moves.
    const shadow = shadowYearOf(input.year, localParts(Date.now()).year);
    const shift = shadow - input.year;
    await copyPlan(db, sim, planId, input.year, shift, input.delivery);
    const national = shiftedSource(nationalYear, shift);
    // The cycle's launch at 07:00 on 2 January: every duty starts with its first state recorded.
    const launched = localInstant(shadow, 1, 2, 7);
    const cycle = await launchCycle(sim, planId, shadow, national, launched);
    const { engine, activities, cycleId } = cycle;
    const { duties, projects, calendar } = await cycleDuties(
      sim,
      planId,
      shadow,
      cycleId,
      national,
    );

    let clock = launched;
    // The database calls run synchronously underneath (node:sqlite): without a pause now and
    // then, a worker running a province's year would neither heartbeat nor run its workflows.
    let breathed = Date.now();
    const year = new ScriptedYear(
      { sim, duties, calendar, behaviour: input.behaviour, shift, launched, tell, progress },
      {
        reach: async (at) => {
          if (Date.now() - breathed > 50) {
            await yieldToEventLoop();
            breathed = Date.now();
          }
          await engine.fireUntil(at);
          clock = Math.max(clock, at);
        },
        digest: async (at) => {
          // The digest reads the duties as their workflows last recorded them.
          await engine.flush();
          await atInstant(at, () => activities.sendDigests({ asOf: at }));
        },
        // One at a time: the duties' rules run synchronously here, in the order they were added.
        run: async (batch, at) => {
          for (const e of batch) await e.run(at);
        },
        send: (id, call) => async (now) => {
          const reason = await engine.update(id, call.kind, call.input, now);
          if (reason !== null) year.refuse(now, reason);
        },
      },
    );
    for (const duty of duties) year.script(duty, Date.parse(duty.dueAt), launched);
    // Capital is allocated to every (sub-)project on 1 March, in the plan's order; each
    // commitment then follows the same behaviours as any duty, starting as the cycle's activity
    // starts it.
    const coordinator = { name: 'Mô phỏng điều phối', agencyId: 'simulation' };
    for (const p of projects) {
      year.at(localInstant(shadow, 3, 1, 9), '', async (now) => {
        const opened = await cycle.allocate(
          { actor: coordinator, projectRef: p.ref, amount: input.behaviour.allocation },
          now,
        );
        if (typeof opened === 'string') return year.refuse(now, opened);
        year.ids.push(
          dutyWorkflowId({
            planId,
            dutyId: `${p.ref.replace(/\//g, '~')}.cam-ket`,
            period: String(shadow),
          }),
        );
        if (!opened) return year.refuse(now, `the commitment of ${p.ref} did not start`);
        year.script(opened, Date.parse(opened.dueAt), Date.parse(opened.generationStartedAt));
      });
    }
    await year.play();
    await year.finish(clock);
    await engine.flush();
    const states = year.ids.map((id) => {
      const s = engine.state(id);
      if (!s) throw new Error(`no duty ${id} in the simulated year`);
      return s;
    });
    return await year.result(
      { planId, year: input.year, shadowYear: shadow, behaviour: input.behaviour },
      states,
      () => Date.now() - started,
    );
  } finally {
    if (!readModel) await sim.destroy();
  }
};
