// The duty workflow on the time-skipping test server: weeks of simulated time per duty, every
// message delivered through a real SMTP server, and the local instant of each one asserted.
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepHistory } from '../support/histories.ts';
import { StartCycle } from '../../common/cycle-schema.ts';
import type { StartDuty } from '../../common/duty-schema.ts';
import {
  acknowledgeUpdate,
  cancelUpdate,
  contributeUpdate,
  decideExtensionUpdate,
  dutyWorkflowId,
  getCycleQuery,
  getStateQuery,
  requestExtensionUpdate,
  reviewUpdate,
  submitUpdate,
} from '../../common/messages.ts';
import type { Db } from '../../db/index.ts';
import { recordedDuty } from '../../db/duty-pages.ts';
import { newCycleState } from '../../domain/cycle-rules.ts';
import { formatDateTime, localInstant } from '../../domain/local-time.ts';
import type { MailSink } from '../../scripts/lib/mail-sink.ts';
import { cycleWorkflow } from '../../workflows/cycle.ts';
import { dutyWorkflow } from '../../workflows/duty.ts';
import { AGRI_SERVICES, AGRICULTURE, capitalRegistration, LABOUR } from '../support/fixtures.ts';
import { parseMail } from '../support/mail.ts';
import { until } from '../support/poll.ts';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/test-worker.ts';
import { yearsLike2027 } from '../support/years.ts';

const EventType = temporal.api.enums.v1.EventType;
const TASK_QUEUE = `duty-ladder-${process.pid}`;
const lead = { name: 'Nguyễn Văn A', agencyId: AGRICULTURE.id };
const standing = { name: 'Trần Thị B', agencyId: LABOUR.id };
const coordinator = { name: 'Lê Văn C', agencyId: AGRI_SERVICES.id };

let env: TestWorkflowEnvironment;
let stack: TimeSkippingStack;
let sink: MailSink;
let db: Db;
let years: number[];

beforeAll(async () => {
  stack = await startTimeSkippingStack('duty-ladder', TASK_QUEUE);
  ({ env, sink, db } = stack);
  years = yearsLike2027(await env.currentTimeMs(), 5);
});

afterAll(async () => {
  await stack?.stop();
});

/** Moves the server's clock to a local date-time, firing every timer on the way. */
async function sleepUntil(ms: number): Promise<void> {
  const wait = ms - (await env.currentTimeMs());
  if (wait < 0) throw new Error(`the clock is already past ${formatDateTime(ms)}`);
  await env.sleep(wait);
}

async function startDuty(year: number, overrides: Partial<StartDuty> = {}) {
  await sleepUntil(localInstant(year, 6, 1, 9));
  const input = capitalRegistration({
    period: String(year),
    // "trước ngày 21/6": overdue from Monday 21/6 00:00 local time.
    dueAt: new Date(localInstant(year, 6, 21)).toISOString(),
    calendar: {
      officeHour: '08:00',
      holidays: [`${year}-04-30`, `${year}-05-01`],
      makeUpWorkingDays: [],
    },
    ...overrides,
  });
  return env.client.workflow.start(dutyWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: dutyWorkflowId(input),
    args: [input],
  });
}

type Handle = Awaited<ReturnType<typeof startDuty>>;

/** An update the workflow's validator refused, with the reason the caller sees. */
async function expectRefused(update: Promise<unknown>, reason: string): Promise<void> {
  await expect(update).rejects.toMatchObject({
    name: 'WorkflowUpdateFailedError',
    // The type is the refusal's catalogue code (i18n/duty-rules.ts), the message its English.
    cause: { message: reason, type: expect.stringMatching(/^duty-rules\./) as unknown },
  });
}

/** Each delivered message as "kind HH:mm dd/mm/yyyy", in the order the ladder sent them. */
async function sent(handle: Handle): Promise<string[]> {
  const state = await handle.query(getStateQuery);
  return state.notifications.map((n) => `${n.kind} ${formatDateTime(Date.parse(n.sentAt))}`);
}

describe('duty ladder on the time-skipping server', () => {
  it('an on-time duty: reminders until the submission, nothing after, accepted', async () => {
    const y = years[0]!;
    const handle = await startDuty(y);
    await sleepUntil(localInstant(y, 6, 2, 9));
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: lead }] });
    await sleepUntil(localInstant(y, 6, 15, 10));
    // The pages read the messages of 14/6 as the duty recorded them, written by the delivery
    // itself: one activity a message and no write of its own (two each before).
    const live = await handle.query(getStateQuery);
    const recorded = await recordedDuty(db, handle.workflowId);
    expect(recorded?.notifications).toEqual(live.notifications);
    expect(recorded?.revision).toBe(live.revision);
    const types = ((await handle.fetchHistory()).events ?? []).map((e): number => e.eventType ?? 0);
    const fired = types.indexOf(EventType.EVENT_TYPE_TIMER_FIRED);
    const step = types.slice(fired, types.indexOf(EventType.EVENT_TYPE_TIMER_STARTED, fired));
    const count = (type: number) => step.filter((t) => t === type).length;
    expect(count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe(2);
    expect(count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).toBe(3);
    await handle.executeUpdate(contributeUpdate, {
      args: [
        { actor: coordinator, text: 'Danh mục mô hình sinh kế của Trung tâm', indicators: {} },
      ],
    });
    await sleepUntil(localInstant(y, 6, 17, 10));
    const submitted = await handle.executeUpdate(submitUpdate, {
      args: [
        {
          actor: lead,
          text: 'Kế hoạch đăng ký vốn năm',
          attachments: [],
          indicators: { models: 4 },
        },
      ],
    });
    expect(submitted.status).toBe('submitted');
    await sleepUntil(localInstant(y, 7, 15, 9));
    expect(await sent(handle)).toEqual([
      `contribution-reminder 08:00 14/06/${y}`,
      `reminder 08:00 14/06/${y}`,
      // The standing agency hears of the product at once; the lead hears nothing more.
      `submitted 10:00 17/06/${y}`,
    ]);
    await handle.executeUpdate(reviewUpdate, { args: [{ actor: standing, outcome: 'accept' }] });
    const final = await handle.result();
    expect(final.status).toBe('accepted');
    expect(final.submissions[0]?.late).toBe(false);
    expect(final.history.map((h) => h.action)).toEqual([
      'assign',
      'acknowledge',
      'contribute',
      'submit',
      'accept',
    ]);
    await keepHistory('duty-on-time', handle);
  });

  it('a late duty: overdue notice, urging every 3 days, escalation after 10, then a late submission', async () => {
    const y = years[1]!;
    const before = sink.received.length;
    const handle = await startDuty(y);
    await sleepUntil(localInstant(y, 7, 2, 10));
    expect((await handle.query(getStateQuery)).status).toBe('overdue');
    await handle.executeUpdate(submitUpdate, {
      args: [{ actor: lead, text: 'Nộp muộn', attachments: [], indicators: {} }],
    });
    expect((await handle.query(getStateQuery)).submissions[0]?.late).toBe(true);
    await sleepUntil(localInstant(y, 7, 31, 9));
    expect(await sent(handle)).toEqual([
      `contribution-reminder 08:00 14/06/${y}`,
      `reminder 08:00 14/06/${y}`,
      `contribution-overdue 08:00 16/06/${y}`,
      `reminder 08:00 18/06/${y}`, // the 1-day reminder (Sunday 20/6) brought forward to Friday
      `overdue 08:00 21/06/${y}`,
      `urge 08:00 24/06/${y}`,
      `urge 08:00 28/06/${y}`, // 27/6 is a Sunday
      `urge 08:00 30/06/${y}`,
      `escalation 08:00 01/07/${y}`,
      `submitted 10:00 02/07/${y}`,
    ]);
    const final = await handle.query(getStateQuery);
    expect(final.history.map((h) => `${h.action} ${formatDateTime(Date.parse(h.at))}`)).toEqual([
      `assign 09:00 01/06/${y}`,
      `become-overdue 00:00 21/06/${y}`,
      `submit 10:00 02/07/${y}`,
    ]);

    // Every message reached the SMTP server, once per recipient.
    const expected = final.notifications.reduce((n, x) => n + x.to.length + x.cc.length, 0);
    const mails = await Promise.all(sink.received.slice(before).map(parseMail));
    expect(mails).toHaveLength(expected);
    const escalation = mails.find((m) => m.subject.startsWith('[Báo cáo chậm trễ]'));
    expect(escalation?.to).toEqual(['chu-tich@a-luoi.example']);
    expect(escalation?.subject).toBe(
      `[Báo cáo chậm trễ] Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo – Hạn: 20/06/${y}`,
    );
    expect(escalation?.text).toContain('Kính báo cáo Chủ tịch UBND huyện');
    expect(escalation?.text).toContain('đã quá hạn 11 ngày');
    const copies = mails.filter(
      (m) => m.subject.startsWith('[Quá hạn]') && m.subject.endsWith('(bản sao để biết)'),
    );
    expect(copies.map((m) => m.to)).toEqual([['phong-ldtbxh.head@a-luoi.example']]);
    await keepHistory('duty-late-escalated', handle);
  });

  it('a granted extension moves the deadline and restarts the ladder, keeping the original date', async () => {
    const y = years[2]!;
    const handle = await startDuty(y);
    await sleepUntil(localInstant(y, 6, 19, 10));
    await handle.executeUpdate(requestExtensionUpdate, {
      args: [
        {
          actor: lead,
          newDueAt: new Date(localInstant(y, 7, 5)).toISOString(),
          reason: 'Chờ số liệu các xã',
        },
      ],
    });
    await expectRefused(
      handle.executeUpdate(requestExtensionUpdate, {
        args: [
          { actor: lead, newDueAt: new Date(localInstant(y, 7, 9)).toISOString(), reason: 'again' },
        ],
      }),
      'an extension request is already waiting for a decision',
    );
    await sleepUntil(localInstant(y, 6, 19, 11));
    await handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: standing, grant: true }] });
    await sleepUntil(localInstant(y, 7, 3, 10));
    await handle.executeUpdate(submitUpdate, {
      args: [{ actor: lead, text: 'Đúng hạn mới', attachments: [], indicators: {} }],
    });
    await sleepUntil(localInstant(y, 7, 20, 9));
    expect(await sent(handle)).toEqual([
      `contribution-reminder 08:00 14/06/${y}`,
      `reminder 08:00 14/06/${y}`,
      `contribution-overdue 08:00 16/06/${y}`,
      `reminder 08:00 18/06/${y}`,
      // The lead hears of the decision at once, with the new deadline.
      `extension-granted 11:00 19/06/${y}`,
      // New deadline before Monday 5/7: contribution due Wednesday 30/6.
      `contribution-reminder 08:00 28/06/${y}`,
      `reminder 08:00 28/06/${y}`,
      `contribution-overdue 08:00 30/06/${y}`,
      `reminder 08:00 02/07/${y}`,
      `submitted 10:00 03/07/${y}`,
    ]);
    const state = await handle.query(getStateQuery);
    expect(state.originalDueAt).toBe(new Date(localInstant(y, 6, 21)).toISOString());
    expect(state.dueAt).toBe(new Date(localInstant(y, 7, 5)).toISOString());
    expect(state.submissions[0]?.late).toBe(false);
    expect(state.history.some((h) => h.action === 'become-overdue')).toBe(false);
    await keepHistory('duty-extended', handle);
  });

  it('a returned product reopens the duty with a new deadline and its own reminders', async () => {
    const y = years[3]!;
    const handle = await startDuty(y, { coordinating: [] });
    await sleepUntil(localInstant(y, 6, 10, 9));
    await handle.executeUpdate(submitUpdate, {
      args: [{ actor: lead, text: 'Bản 1', attachments: [], indicators: {} }],
    });
    await sleepUntil(localInstant(y, 6, 11, 10));
    await expectRefused(
      handle.executeUpdate(submitUpdate, {
        args: [{ actor: lead, text: 'Bản 1 lần 2', attachments: [], indicators: {} }],
      }),
      'the product has already been submitted',
    );
    const returned = await handle.executeUpdate(reviewUpdate, {
      args: [
        {
          actor: standing,
          outcome: 'return',
          comment: 'Bổ sung kế hoạch giải ngân theo tháng',
          newDueAt: new Date(localInstant(y, 6, 25)).toISOString(),
        },
      ],
    });
    expect(returned.status).toBe('returned');
    await sleepUntil(localInstant(y, 6, 24, 10));
    await handle.executeUpdate(submitUpdate, {
      args: [{ actor: lead, text: 'Bản 2', attachments: [], indicators: {} }],
    });
    await handle.executeUpdate(reviewUpdate, { args: [{ actor: standing, outcome: 'accept' }] });
    const final = await handle.result();
    expect(
      final.notifications.map((n) => `${n.kind} ${formatDateTime(Date.parse(n.sentAt))}`),
    ).toEqual([
      // Each submission, the return and the acceptance are told at once; the new
      // deadline's reminders follow the return.
      `submitted 09:00 10/06/${y}`,
      `returned 10:00 11/06/${y}`,
      `reminder 08:00 18/06/${y}`,
      `reminder 08:00 22/06/${y}`,
      `reminder 08:00 24/06/${y}`,
      `submitted 10:00 24/06/${y}`,
      `accepted 10:00 24/06/${y}`,
    ]);
    expect(final.submissions.map((s) => s.text)).toEqual(['Bản 1', 'Bản 2']);
    expect(final.status).toBe('accepted');
    await keepHistory('duty-returned', handle);
  });

  it('a cancelled duty stops its ladder and its workflow', async () => {
    const y = years[4]!;
    const handle = await startDuty(y);
    await sleepUntil(localInstant(y, 6, 15, 10));
    await expectRefused(
      handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: standing, grant: true }] }),
      'no extension has been requested',
    );
    await handle.executeUpdate(cancelUpdate, {
      args: [{ actor: standing, reason: 'Điều chỉnh kế hoạch' }],
    });
    const final = await handle.result();
    expect(final.status).toBe('cancelled');
    expect(
      final.notifications.map((n) => `${n.kind} ${formatDateTime(Date.parse(n.sentAt))}`),
    ).toEqual([`contribution-reminder 08:00 14/06/${y}`, `reminder 08:00 14/06/${y}`]);
    // The read model followed the workflow to its end.
    const row = await db
      .selectFrom('duties')
      .selectAll()
      .where('id', '=', handle.workflowId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('cancelled');
    expect(row.original_due_at).toBe(new Date(localInstant(y, 6, 21)).toISOString());
    await keepHistory('duty-cancelled', handle);
  });

  it('tells its cycle again when a signal finds no run, and gives up on a cycle that has ended', async () => {
    // Last: no date here depends on the weekday, and the tests before move the clock on by
    // years when they wait for their duties' results.
    const y = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
    const cycleId = `cycle-stand-in-${y}-${process.pid}`;
    const phase = 'capital-registration';
    const handle = await startDuty(y, { cycle: { id: cycleId, phase } });
    const tries = async () => {
      const events = (await handle.fetchHistory()).events ?? [];
      const count = (type: temporal.api.enums.v1.EventType) =>
        events.filter((e) => e.eventType === type).length;
      return {
        failed: count(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED),
        taken: count(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED),
      };
    };
    // No run of the cycle yet (as while the time-skipping server continues it as new): the
    // duty's first word, "assigned", misses twice, a second apart, and the duty waits 5 s more.
    await until('two tries missing the cycle', async () =>
      (await tries()).failed === 2 ? true : undefined,
    );
    // Acknowledged meanwhile: the cycle must still hear of "assigned" first, then of this.
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: lead }] });
    const start = StartCycle.parse({ planId: '171-KH-UBND', year: y });
    const cycle = await env.client.workflow.start(cycleWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: cycleId,
      // A run carried over from an earlier one: running, with no launch of its own.
      args: [
        {
          ...start,
          carried: { ...newCycleState(start, cycleId), status: 'running', launched: 1, runs: 1 },
        },
      ],
    });
    await until('the cycle counting the duty as acknowledged, and nothing else', async () => {
      const state = await cycle.query(getCycleQuery);
      return JSON.stringify(state.phases[phase]) === '{"acknowledged":1}' ? true : undefined;
    });
    expect(await tries()).toEqual({ failed: 2, taken: 2 });
    expect((await recordedDuty(db, handle.workflowId))?.status).toBe('acknowledged');

    // A cycle that has ended never takes the change: three tries, then the duty goes on.
    await cycle.terminate('the year is closed');
    await handle.executeUpdate(submitUpdate, {
      args: [{ actor: lead, text: 'Kế hoạch đăng ký vốn năm', attachments: [], indicators: {} }],
    });
    await until('three tries missing the ended cycle', async () =>
      (await tries()).failed === 5 ? true : undefined,
    );
    await handle.executeUpdate(reviewUpdate, { args: [{ actor: standing, outcome: 'accept' }] });
    const final = await handle.result();
    expect(final.status).toBe('accepted');
    // "accepted" missed three times too before the workflow ended.
    expect(await tries()).toEqual({ failed: 8, taken: 2 });
    const row = await recordedDuty(db, handle.workflowId);
    expect(row?.status).toBe('accepted');
    await keepHistory('duty-tells-cycle-again', handle);
  });
});
