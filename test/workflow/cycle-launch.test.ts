// A cycle's launch on the time-skipping server, as cheap for the worker as the launch can make
// it: the launch writes every new duty's first state to the read model and the cycle counts it
// from the launch's result, so each duty's first workflow task only sets its first timer; a
// duty started on its own still records itself.
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepHistory } from '../support/histories.ts';
import type { CycleState } from '../../common/cycle-schema.ts';
import { StartDuty } from '../../common/duty-schema.ts';
import {
  acknowledgeUpdate,
  cycleWorkflowId,
  dutyWorkflowId,
  getCycleQuery,
  getStateQuery,
} from '../../common/messages.ts';
import { recordedDuty } from '../../db/duty-pages.ts';
import type { Db } from '../../db/index.ts';
import { cycleDuties } from '../../plans/cycle-duties.ts';
import { startDuty } from '../../services/starts.ts';
import { cycleWorkflow } from '../../workflows/cycle.ts';
import { importALuoiMovedTo } from '../support/moved-plan.ts';
import { until } from '../support/poll.ts';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/test-worker.ts';
import { yearsLike2027 } from '../support/years.ts';

const TASK_QUEUE = 'duties';
const EventType = temporal.api.enums.v1.EventType;

let env: TestWorkflowEnvironment;
let stack: TimeSkippingStack;
let db: Db;
let year: number;
let planId: string;

beforeAll(async () => {
  stack = await startTimeSkippingStack('cycle-launch', TASK_QUEUE);
  ({ env, db } = stack);
  year = yearsLike2027(await env.currentTimeMs(), 1)[0]!;
  planId = await importALuoiMovedTo(db, year);
});

afterAll(async () => {
  await stack?.stop();
});

/** The search attributes a workflow set itself up to its first timer, by name. */
async function upsertedUntilFirstTimer(workflowId: string): Promise<string[]> {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const timer = events.findIndex((e) => e.eventType === EventType.EVENT_TYPE_TIMER_STARTED);
  return events
    .slice(0, timer < 0 ? events.length : timer)
    .flatMap((e) =>
      Object.keys(
        e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {},
      ),
    );
}

/** The event types of a workflow's history up to its first timer (all of it if none). */
async function untilFirstTimer(workflowId: string): Promise<number[]> {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const types = (history.events ?? []).map((e) => e.eventType ?? 0);
  const timer = types.indexOf(EventType.EVENT_TYPE_TIMER_STARTED);
  return timer < 0 ? types : types.slice(0, timer + 1);
}

/** The state the read model holds for a duty, if any. */
const recordedState = (workflowId: string) => recordedDuty(db, workflowId);

describe("a cycle's launch", () => {
  it('records its duties and counts them itself: one workflow task per duty until its first timer', async () => {
    const id = cycleWorkflowId({ planId, year });
    await env.client.workflow.start(cycleWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: id,
      args: [{ planId, year, policy: { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 } }],
    });
    const handle = env.client.workflow.getHandle(id);
    const cycle = await until('the cycle running', async () => {
      const s = await handle.query(getCycleQuery);
      return s.status === 'running' ? s : undefined;
    });
    expect(cycle.launched).toBe(11);
    expect(cycle.phases).toEqual({
      'capital-registration': { assigned: 9 },
      reports: { assigned: 2 },
    });

    const { duties } = await cycleDuties(db, planId, year, id);
    expect(duties).toHaveLength(11);
    for (const duty of duties) {
      const workflowId = dutyWorkflowId(duty);
      const types = await until(`the first timer of ${workflowId}`, async () => {
        const t = await untilFirstTimer(workflowId);
        return t.at(-1) === EventType.EVENT_TYPE_TIMER_STARTED ? t : undefined;
      });
      const count = (type: number) => types.filter((t) => t === type).length;
      expect(count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED), workflowId).toBe(1);
      expect(count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED), workflowId).toBe(0);
      // The SDK notes each patch in TemporalChangeVersion, in the same task; nothing else.
      expect(await upsertedUntilFirstTimer(workflowId)).not.toContain('DutyState');
      expect(
        count(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED),
        workflowId,
      ).toBe(0);
      // The read model holds exactly the state the workflow started in (the next step is the
      // loop's, set after the first write, as it always was).
      const live = await env.client.workflow.getHandle(workflowId).query(getStateQuery);
      const started = { ...live };
      delete started.nextStep;
      expect(await recordedState(workflowId), workflowId).toEqual(started);
      expect(started.revision).toBe(1);
    }
  });

  it('tells the cycle of a launched duty changing status, from the status the launch counted', async () => {
    const id = cycleWorkflowId({ planId, year });
    const { duties } = await cycleDuties(db, planId, year, id);
    const report = duties.find((d) => d.cycle?.phase === 'reports')!;
    const duty = env.client.workflow.getHandle(dutyWorkflowId(report));
    await duty.executeUpdate(acknowledgeUpdate, {
      args: [{ actor: { name: 'Cán bộ đầu mối', agencyId: report.lead.id } }],
    });
    const cycle = await until('the cycle counting the acknowledgement', async () => {
      const s: CycleState = await env.client.workflow.getHandle(id).query(getCycleQuery);
      return s.phases.reports?.acknowledged === 1 ? s : undefined;
    });
    expect(cycle.phases.reports).toEqual({ assigned: 1, acknowledged: 1 });
    await until('the acknowledgement in the read model', async () =>
      (await recordedState(duty.workflowId))?.status === 'acknowledged' ? true : undefined,
    );
    await keepHistory('duty-launched-acknowledged', duty);
    await keepHistory('cycle-launch-counts', env.client.workflow.getHandle(id));
  });

  it('leaves a duty started on its own to record itself, with no search attributes set twice', async () => {
    const [first] = (await cycleDuties(db, planId, year, 'none')).duties;
    const rest = { ...first! };
    delete rest.cycle;
    const single = StartDuty.parse({ ...rest, dutyId: 'alone' });
    const workflowId = await startDuty(env.client, single);
    const state = await until('the single duty in the read model', () => recordedState(workflowId));
    expect(state.revision).toBe(1);
    expect(state.cycle).toBeUndefined();
    const types = await until(`the first timer of ${workflowId}`, async () => {
      const t = await untilFirstTimer(workflowId);
      return t.at(-1) === EventType.EVENT_TYPE_TIMER_STARTED ? t : undefined;
    });
    const scheduled: number = EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
    expect(types.filter((t) => t === scheduled)).toHaveLength(1);
    expect(await upsertedUntilFirstTimer(workflowId)).not.toContain('DutyState');
  });
});
