// The cycle's part of a simulated year without Temporal: its launch (the same activity starts
// every duty and records its first state), and an allocation opening a project's commitment
// (the same rules and activity). Where the workflows would start a duty, the engine does.
import type { Client } from '@temporalio/client';
import { createActivities } from '../activities/index.ts';
import type { Mailer } from '../activities/mailer.ts';
import type { CycleState, RecordAllocation } from '../common/cycle-schema.ts';
import type { DutyInput } from '../common/duty-schema.ts';
import type { DutyState } from '../common/duty-state.ts';
import { cycleWorkflowId } from '../common/messages.ts';
import type { Db } from '../db/index.ts';
import {
  applyAllocation,
  checkAllocation,
  commitmentDueAt,
  launchedProjects,
  newCycleState,
} from '../domain/cycle-rules.ts';
import type { NationalSource } from '../domain/holidays.ts';
import { atInstant, DutyEngine } from './pure-duty.ts';

/** Messages are recorded, not sent: the simulation is for reading, nobody is written to. */
const quietMailer: Mailer = {
  send: () => Promise.resolve(),
  verify: () => Promise.resolve(),
  close: () => undefined,
};

export interface PureCycle {
  cycleId: string;
  engine: DutyEngine;
  activities: ReturnType<typeof createActivities>;
  /** Records an allocation; the commitment it opens, started, or the cycle's refusal. */
  allocate(allocation: RecordAllocation, now: number): Promise<DutyState | string | undefined>;
}

/** Starts the year at `launched` as simulate.ts starts its cycle (the same policy). */
export async function launchCycle(
  sim: Db,
  planId: string,
  year: number,
  national: NationalSource,
  launched: number,
): Promise<PureCycle> {
  // The duties the activities start are taken here instead of by a Temporal server.
  const started: DutyInput[] = [];
  const client = {
    workflow: {
      start: (_type: string, o: { args: [DutyInput] }) => {
        started.push(o.args[0]);
        return Promise.resolve();
      },
    },
  } as unknown as Client;
  const activities = createActivities({
    db: sim,
    client,
    mailer: quietMailer,
    publicUrl: 'http://simulation',
    mailFrom: 'simulation@duties.example',
    nationalCalendar: national,
  });
  const engine = new DutyEngine(sim, activities);
  const cycleId = cycleWorkflowId({ planId, year });
  const cycle: CycleState = newCycleState(
    { planId, year, policy: { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 } },
    cycleId,
  );
  const launch = await atInstant(launched, () =>
    activities.launchCycleDuties({ planId, year, cycleId, counts: true }),
  );
  cycle.projects = launchedProjects(launch.projects);
  cycle.status = 'running';
  for (const d of started.splice(0)) await engine.start(d, launched);

  async function allocate(
    allocation: RecordAllocation,
    now: number,
  ): Promise<DutyState | string | undefined> {
    const refusal = checkAllocation(cycle, allocation);
    if (refusal) return refusal.message;
    if (!applyAllocation(cycle, allocation, new Date(now).toISOString())) return undefined;
    await atInstant(now, () =>
      activities.startCommitmentDuty({
        planId,
        year,
        cycleId,
        projectRef: allocation.projectRef,
        dueAt: commitmentDueAt(cycle.policy, now),
      }),
    );
    let state: DutyState | undefined;
    for (const d of started.splice(0)) state = await engine.start(d, now);
    return state;
  }

  return { cycleId, engine, activities, allocate };
}
