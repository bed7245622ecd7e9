// A plan's whole year on the time-skipping server, with the real workflow code: the cycle
// starts every duty, scripted agencies submit on time, late, or never, ask for extensions,
// and the standing agency accepts; the ladder reminds, urges and escalates as it would.
// What comes back is every duty, message and transition, in the plan's real dates.
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle, WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../activities/index.ts';
import type { Mailer } from '../activities/mailer.ts';
import type { DutyState } from '../common/duty-state.ts';
import {
  TASK_QUEUE,
  closeYearUpdate,
  decideExtensionUpdate,
  dutyWorkflowId,
  getCycleQuery,
  getStateQuery,
  recordAllocationUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitUpdate,
} from '../common/messages.ts';
import { openDb, type Db } from '../db/index.ts';
import { shiftedSource } from '../domain/holidays.ts';
import { localInstant, localParts } from '../domain/local-time.ts';
import { cycleDuties } from '../plans/cycle-duties.ts';
import { nationalYear } from '../plans/national-calendar.ts';
import { createTimeSkippingEnv } from '../scripts/lib/time-skipping.ts';
import { startCycle } from '../services/starts.ts';
import { dailyDigestWorkflow } from '../workflows/digest.ts';
import { bundleWorkflows, createDutyWorker } from '../worker/create.ts';
import { copyPlan } from './copy.ts';
import type { Simulate, SimulationProgress, SimulationResult } from './schema.ts';
import { shadowYearOf } from './shift.ts';
import { ScriptedYear } from './year.ts';

/** Messages are recorded, not sent: the simulation is for reading, nobody is written to. */
const quietMailer: Mailer = {
  send: () => Promise.resolve(),
  verify: () => Promise.resolve(),
  close: () => undefined,
};

let bundle: Promise<WorkflowBundle> | undefined;
const PARALLEL_ACTIONS = 32;

export interface SimulateOptions {
  /** Told how far the year is now and then (every batch of actions), for a job's progress. */
  onProgress?: (progress: SimulationProgress) => void;
  /** A bundle built beforehand (the worker's own); otherwise built once per process. */
  workflowBundle?: WorkflowBundleOption;
}

export async function simulateYear(
  db: Db,
  planId: string,
  input: Simulate,
  /** Told of the simulated date now and then, for a command that runs for minutes. */
  progress?: (line: string) => void,
  /**
   * An empty database to keep the simulated year's read model in (its dates in the shadow
   * year), for dashboards over it; by default an in-memory one, dropped at the end.
   */
  readModel?: Db,
  opts: SimulateOptions = {},
): Promise<SimulationResult> {
  const started = Date.now();
  const tell = opts.onProgress ?? (() => undefined);
  tell({ phase: 'starting', share: 0, duties: 0, dutiesDone: 0, actionsDone: 0, actionsLeft: 0 });
  const env: TestWorkflowEnvironment = await createTimeSkippingEnv();
  const sim = readModel ?? (await openDb({ sqliteFile: ':memory:' }));
  try {
    const shadow = shadowYearOf(input.year, localParts(await env.currentTimeMs()).year);
    const shift = shadow - input.year;
    await copyPlan(db, sim, planId, input.year, shift, input.delivery);
    // The real year's national days off, moved to the shadow year: never the shadow year's own.
    const national = shiftedSource(nationalYear, shift);
    const workflowBundle = opts.workflowBundle ?? (await (bundle ??= bundleWorkflows()));
    const worker = await createDutyWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      workflowBundle,
      activities: createActivities({
        db: sim,
        client: env.client,
        mailer: quietMailer,
        publicUrl: 'http://simulation',
        mailFrom: 'simulation@duties.example',
        nationalCalendar: national,
      }),
    });
    const client = env.client;
    // Waits for a digest without letting the server skip on to the next timer meanwhile.
    const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    const sleepUntil = async (ms: number): Promise<void> => {
      const wait = ms - (await env.currentTimeMs());
      if (wait > 0) await env.sleep(wait);
    };

    return await worker.runUntil(async () => {
      await sleepUntil(localInstant(shadow, 1, 2, 7));
      const cycleId = await startCycle(client, {
        planId,
        year: shadow,
        policy: { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 },
      });
      const cycle = client.workflow.getHandle(cycleId);
      for (let i = 0; (await cycle.query(getCycleQuery)).status === 'launching'; i++) {
        if (i > 6000) throw new Error('the cycle did not start its duties');
        await new Promise((r) => setTimeout(r, 50));
      }
      const { duties, projects, calendar } = await cycleDuties(
        sim,
        planId,
        shadow,
        cycleId,
        national,
      );
      // The commitment an allocation opens, once its workflow is found started (the cycle's
      // activity starts it), as its workflow has it: same agencies, its own id and deadline.
      const startedState = async (id: string): Promise<DutyState | undefined> => {
        for (let i = 0; i < 200; i++) {
          const state = await client.workflow
            .getHandle(id)
            .query(getStateQuery)
            .catch(() => undefined);
          if (state) return state;
          await new Promise((r) => setTimeout(r, 50));
        }
        return undefined;
      };
      const launched = await env.currentTimeMs();
      const year = new ScriptedYear(
        { sim, duties, calendar, behaviour: input.behaviour, shift, launched, tell, progress },
        {
          reach: sleepUntil,
          digest: async (at) => {
            await plain.workflow.execute(dailyDigestWorkflow, {
              taskQueue: TASK_QUEUE,
              workflowId: `daily-digest-${at}`,
              args: [],
            });
          },
          run: async (batch) => {
            for (let i = 0; i < batch.length; i += PARALLEL_ACTIONS) {
              await Promise.all(
                batch.slice(i, i + PARALLEL_ACTIONS).map((e) =>
                  // A scripted action the duty refuses (its state moved on) is part of the story.
                  e.run(e.at).catch((err: unknown) => {
                    const reason =
                      err instanceof Error
                        ? err.cause instanceof Error
                          ? err.cause.message
                          : err.message
                        : String(err);
                    year.refuse(e.at, reason);
                  }),
                ),
              );
            }
          },
          send: (id, call) => () => {
            const handle = client.workflow.getHandle(id);
            switch (call.kind) {
              case 'request-extension':
                return handle.executeUpdate(requestExtensionUpdate, { args: [call.input] });
              case 'decide-extension':
                return handle.executeUpdate(decideExtensionUpdate, { args: [call.input] });
              case 'submit':
                return handle.executeUpdate(submitUpdate, { args: [call.input] });
              case 'review':
                return handle.executeUpdate(reviewUpdate, { args: [call.input] });
            }
          },
        },
      );
      for (const duty of duties) year.script(duty, Date.parse(duty.dueAt), launched);
      // Capital is allocated to every (sub-)project on 1 March; each commitment then follows
      // the same behaviours as any duty. The allocations run in parallel, but each commitment
      // draws its behaviour in the plan's project order (after the one before it), not in the
      // order its workflow happens to be found started: a seed gives the same year every run.
      const coordinator = { name: 'Mô phỏng điều phối', agencyId: 'simulation' };
      let turn = Promise.resolve();
      for (const p of projects) {
        const previous = turn;
        let drawn = (): void => undefined;
        turn = new Promise<void>((resolve) => (drawn = resolve));
        year.at(localInstant(shadow, 3, 1, 9), '', async () => {
          try {
            await cycle.executeUpdate(recordAllocationUpdate, {
              args: [{ actor: coordinator, projectRef: p.ref, amount: input.behaviour.allocation }],
            });
            const commitment = dutyWorkflowId({
              planId,
              dutyId: `${p.ref.replace(/\//g, '~')}.cam-ket`,
              period: String(shadow),
            });
            const state = await startedState(commitment);
            await previous;
            year.ids.push(commitment);
            if (!state) throw new Error(`the commitment of ${p.ref} did not start`);
            year.script(state, Date.parse(state.dueAt), Date.parse(state.generationStartedAt));
          } finally {
            drawn();
          }
        });
      }

      await year.play();
      await year.finish(await env.currentTimeMs());
      await cycle.executeUpdate(closeYearUpdate, { args: [{ actor: coordinator }] });
      const states: DutyState[] = [];
      for (const id of year.ids)
        states.push(await client.workflow.getHandle(id).query(getStateQuery));
      return await year.result(
        { planId, year: input.year, shadowYear: shadow, behaviour: input.behaviour },
        states,
        () => Date.now() - started,
      );
    });
  } finally {
    await env.teardown();
    if (!readModel) await sim.destroy();
  }
}

export function timelineCsv(result: SimulationResult): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['Thời điểm,Nhiệm vụ,Cơ quan,Sự kiện,Chi tiết'];
  for (const r of result.timeline)
    lines.push([r.at, r.duty, r.agency, r.event, r.detail].map(q).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
