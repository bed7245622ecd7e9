// A cycle's launch whose read-model write fails (a full disk, here a trigger that refuses every
// new duty row in the real SQLite file) stops starting duties at once, rather than starting a
// district's whole year without rows the labour office's pages read; once the database takes
// writes again, the launch's retry starts the rest and records every duty.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycleWorkflowId, dutyWorkflowId, getCycleQuery } from '../../common/messages.ts';
import { countDuties } from '../../db/duty-snapshots.ts';
import type { Db } from '../../db/index.ts';
import { cycleDuties } from '../../plans/cycle-duties.ts';
import { cycleWorkflow } from '../../workflows/cycle.ts';
import { importFaultPlan } from '../support/fault-plan.ts';
import { until } from '../support/poll.ts';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/test-worker.ts';
import { yearsLike2027 } from '../support/years.ts';

const TASK_QUEUE = 'duties-launch-failure';
const PLAN = 'launch-failure';
// 60 communes, 14 reports each: 840 duties, so the first write (after 100 starts) comes early.
const COMMUNES = 60;

let env: TestWorkflowEnvironment;
let stack: TimeSkippingStack;
let db: Db;
let year: number;

beforeAll(async () => {
  stack = await startTimeSkippingStack('cycle-launch-failure', TASK_QUEUE);
  ({ env, db } = stack);
  year = yearsLike2027(await env.currentTimeMs(), 1)[0]!;
  await importFaultPlan(db, PLAN, { from: year, to: year }, COMMUNES);
});

afterAll(async () => {
  await stack?.stop();
});

async function isStarted(workflowId: string): Promise<boolean> {
  try {
    await env.client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

describe("a cycle's launch when the read model refuses its writes", () => {
  it('stops starting duties at the failed write, then starts and records them all once it can', async () => {
    await sql`CREATE TRIGGER launch_disk_full BEFORE INSERT ON duties
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`.execute(db);
    const id = cycleWorkflowId({ planId: PLAN, year });
    await env.client.workflow.start(cycleWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: id,
      args: [
        { planId: PLAN, year, policy: { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 } },
      ],
    });
    const handle = env.client.workflow.getHandle(id);
    const failure = await until('the launch failing', async () => {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      return pending.find((a) => a.lastFailure)?.lastFailure ?? undefined;
    });
    expect(failure.message).toContain('database or disk is full');

    const { duties } = await cycleDuties(db, PLAN, year, id);
    expect(duties).toHaveLength(COMMUNES * 14);
    const started = await Promise.all(duties.map((d) => isStarted(dutyWorkflowId(d))));
    const startedCount = started.filter(Boolean).length;
    // Before this, the launch started all 840 and failed only at its last write. Now it stops at
    // the next start after the first write failed: 100 written, 32 in flight, a few more while
    // the write ran (a retry, 5 s later, may have started a few more before failing again).
    expect(startedCount).toBeGreaterThanOrEqual(100);
    expect(startedCount).toBeLessThan(duties.length / 2);
    // Nothing half-written: the failed transaction left no duty row.
    expect(await countDuties(db, PLAN)).toBe(0);

    await sql`DROP TRIGGER launch_disk_full`.execute(db);
    // The launch's retries back off (5 s, 10 s, ...): a minute at most.
    const cycle = await until(
      'the cycle running',
      async () => {
        const s = await handle.query(getCycleQuery);
        return s.status === 'running' ? s : undefined;
      },
      600,
    );
    expect(cycle.launched).toBe(duties.length);
    expect(await countDuties(db, PLAN)).toBe(duties.length);
    const all = await Promise.all(duties.map((d) => isStarted(dutyWorkflowId(d))));
    expect(all.every(Boolean)).toBe(true);
  });
});
