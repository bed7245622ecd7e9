// Notifications people read, on the time-skipping server with a real SMTP server: the
// labour office's "urge now" (one message, at most one a day), the notice of a returned
// product, the per-person budget (one morning digest a day; escalations and urges singly),
// a daily digest instead of single reminders, and opting out of non-critical ones.
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepHistory } from '../support/histories.ts';
import type { StartDuty } from '../../common/duty-schema.ts';
import { DirectoryAgency } from '../../common/plan-schema.ts';
import {
  decideExtensionUpdate,
  dutyWorkflowId,
  getStateQuery,
  requestExtensionUpdate,
  reviewUpdate,
  submitUpdate,
  urgeNowUpdate,
} from '../../common/messages.ts';
import type { DutyState } from '../../common/duty-state.ts';
import type { Db } from '../../db/index.ts';
import { ladderView } from '../../db/ladder-view.ts';
import { DIGEST_TIME } from '../../domain/ladder.ts';
import { DAY_MS, formatDate, localInstant, localParts } from '../../domain/local-time.ts';
import { dailyDigestWorkflow } from '../../workflows/digest.ts';
import { dutyWorkflow } from '../../workflows/duty.ts';
import {
  AGRI_SERVICES,
  AGRICULTURE,
  capitalRegistration,
  LABOUR,
  SUPERVISOR,
} from '../support/fixtures.ts';
import { parseMail, type ParsedMail } from '../support/mail.ts';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/test-worker.ts';
import { yearsLike2027 } from '../support/years.ts';

const TASK_QUEUE = `notifications-${process.pid}`;
const lead = { name: 'Nguyễn Văn A', agencyId: AGRICULTURE.id };
const standing = { name: 'Trần Thị B', agencyId: LABOUR.id };

let env: TestWorkflowEnvironment;
let stack: TimeSkippingStack;
let db: Db;
let years: number[];
/**
 * A client that leaves the clock alone while it waits: the time-skipping one lets the server run
 * on to the next timer anywhere (years ahead, on a loaded machine) while it awaits a result.
 */
let plain: Client;

beforeAll(async () => {
  stack = await startTimeSkippingStack('notifications', TASK_QUEUE);
  ({ env, db } = stack);
  plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
  years = yearsLike2027(await env.currentTimeMs(), 4);
});

afterAll(async () => {
  await stack?.stop();
});

async function sleepUntil(ms: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (now > ms)
    throw new Error(
      `the clock is already at ${new Date(now).toISOString()}, past ${new Date(ms).toISOString()}`,
    );
  await env.sleep(ms - now);
}

async function start(year: number, dutyId: string, overrides: Partial<StartDuty> = {}) {
  await sleepUntil(localInstant(year, 6, 1, 9));
  const input = capitalRegistration({
    dutyId,
    period: String(year),
    dueAt: new Date(localInstant(year, 6, 21)).toISOString(),
    calendar: { officeHour: '08:00', holidays: [], makeUpWorkingDays: [] },
    ...overrides,
  });
  return env.client.workflow.start(dutyWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: dutyWorkflowId(input),
    args: [input],
  });
}

/** Messages the SMTP server received about one duty (or digests), once delivery settles. */
async function mails(filter: (m: ParsedMail) => boolean, atLeast = 0): Promise<ParsedMail[]> {
  for (let i = 0; ; i++) {
    const parsed = await Promise.all(stack.sink.received.map(parseMail));
    const mine = parsed.filter(filter);
    if (mine.length >= atLeast || i > 100) return mine;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ofDuty = (id: string) => (m: ParsedMail) => m.headers['x-duty-id'] === id;
const tagOf = (m: ParsedMail) => /^\[([^\]]+)\]/.exec(m.subject)?.[1];

describe('notifications people read', () => {
  it('urge now: one message to the lead at once, refused again within a day, never after submission', async () => {
    const y = years[0]!;
    const handle = await start(y, 'urge');
    await sleepUntil(localInstant(y, 6, 2, 10));
    await handle.executeUpdate(urgeNowUpdate, {
      args: [{ actor: standing, comment: 'Đề nghị nộp trước ngày 10/6 để kịp tổng hợp' }],
    });
    const urged = await mails(ofDuty(handle.workflowId), 3);
    expect(urged.map((m) => [tagOf(m), m.to[0]]).sort()).toEqual(
      [
        ['Đôn đốc', AGRICULTURE.head.email],
        ['Đôn đốc', AGRICULTURE.focalPoints[0]!.email],
        ['Đôn đốc', LABOUR.head.email],
      ].sort(),
    );
    expect(urged[0]?.text).toContain('“Đề nghị nộp trước ngày 10/6 để kịp tổng hợp”');

    await sleepUntil(localInstant(y, 6, 2, 15));
    await expect(
      handle.executeUpdate(urgeNowUpdate, { args: [{ actor: standing }] }),
    ).rejects.toMatchObject({
      cause: {
        type: 'duty-rules.urged-recently',
        message: `this duty was urged at 10:00 02/06/${y}; the next urge is possible from 10:00 03/06/${y}`,
      },
    });
    await expect(
      handle.executeUpdate(urgeNowUpdate, { args: [{ actor: lead }] }),
    ).rejects.toMatchObject({ cause: { type: 'duty-rules.only-standing' } });

    await sleepUntil(localInstant(y, 6, 3, 11));
    await handle.executeUpdate(urgeNowUpdate, { args: [{ actor: standing }] });
    // An urge still in the outbox when the product arrives is moot and dropped; this one is out.
    await mails(ofDuty(handle.workflowId), 6);
    await handle.executeUpdate(submitUpdate, {
      args: [{ actor: lead, text: 'Kế hoạch', attachments: [], indicators: {} }],
    });
    await sleepUntil(localInstant(y, 6, 5, 11));
    await expect(
      handle.executeUpdate(urgeNowUpdate, { args: [{ actor: standing }] }),
    ).rejects.toMatchObject({
      cause: { type: 'duty-rules.submitted', message: 'the product has already been submitted' },
    });
    const all = await mails(ofDuty(handle.workflowId), 6);
    expect(all.filter((m) => tagOf(m) === 'Đôn đốc')).toHaveLength(6);
    const state = await handle.query(getStateQuery);
    expect(state.history.filter((h) => h.action === 'urge-now').map((h) => h.actor)).toEqual([
      standing,
      standing,
    ]);
    // The standing agency's two people hear of the product at once; then nothing more: the
    // reminders of 14/6, 18/6 and 20/6 are not sent.
    const told = await mails(
      (m) => ofDuty(handle.workflowId)(m) && tagOf(m) === 'Đã nộp sản phẩm',
      2,
    );
    expect(told.flatMap((m) => m.to).sort()).toEqual(
      [LABOUR.head.email, ...LABOUR.focalPoints.map((p) => p.email)].sort(),
    );
    await sleepUntil(localInstant(y, 6, 25, 11));
    expect(await mails(ofDuty(handle.workflowId))).toHaveLength(8);
    await handle.executeUpdate(reviewUpdate, { args: [{ actor: standing, outcome: 'accept' }] });
    await plain.workflow.getHandle(handle.workflowId).result();
    await keepHistory('duty-urged-now', handle);
  });

  it('a returned product: the lead hears at once why and by when to resubmit', async () => {
    const y = years[1]!;
    const handle = await start(y, 'returned', {
      policy: {
        remindBefore: [],
        urgeEvery: 'P3D',
        maxUrges: 0,
        escalateAfter: 'P10D',
        contributionLead: 'P5D',
        contributionRemindBefore: [],
      },
      coordinating: [],
      planNumber: '171/KH-UBND',
      timePhrase: 'trước ngày 21/6 hàng năm',
    });
    await sleepUntil(localInstant(y, 6, 10, 9));
    await handle.executeUpdate(submitUpdate, {
      args: [{ actor: lead, text: 'Bản đầu', attachments: [], indicators: {} }],
    });
    await sleepUntil(localInstant(y, 6, 11, 14));
    await handle.executeUpdate(reviewUpdate, {
      args: [
        {
          actor: standing,
          outcome: 'return',
          comment: 'Thiếu danh mục xã đặc biệt khó khăn',
          newDueAt: new Date(localInstant(y, 6, 26)).toISOString(),
        },
      ],
    });
    const returned = await mails(
      (m) => ofDuty(handle.workflowId)(m) && tagOf(m) === 'Trả lại sản phẩm',
      2,
    );
    expect(returned.map((m) => [tagOf(m), m.to[0]]).sort()).toEqual(
      [
        ['Trả lại sản phẩm', AGRICULTURE.head.email],
        ['Trả lại sản phẩm', AGRICULTURE.focalPoints[0]!.email],
      ].sort(),
    );
    expect(returned[0]?.text).toContain('“Thiếu danh mục xã đặc biệt khó khăn”');
    // "trước ngày 26/6": the last day to resubmit is the 25th.
    expect(returned[0]?.subject).toContain(`Hạn: 25/06/${y}`);
    // Through the SMTP server: the plan's number and year, and whom to ask.
    expect(returned[0]?.subject).toMatch(
      new RegExp(`^\\[Trả lại sản phẩm\\] 171/KH-UBND năm ${y}: `),
    );
    expect(returned[0]?.text).toContain(`Kế hoạch: 171/KH-UBND năm ${y}`);
    expect(returned[0]?.text).toMatch(/Liên hệ: .+, Phòng Lao động - Thương binh và Xã hội – \S+@/);
    expect(returned[0]?.html).toContain('Xem và xử lý nhiệm vụ');
    await handle.executeUpdate(submitUpdate, {
      args: [{ actor: lead, text: 'Bản hoàn thiện', attachments: [], indicators: {} }],
    });
    await handle.executeUpdate(reviewUpdate, { args: [{ actor: standing, outcome: 'accept' }] });
    expect((await handle.query(getStateQuery)).status).toBe('accepted');
    await plain.workflow.getHandle(handle.workflowId).result();
    await keepHistory('duty-returned-notice', handle);
  });

  it('the budget: one morning digest a person a day; contributors asked once and reminded once; a lapse to the lead; escalation and urge singly', async () => {
    const y = years[2]!;
    const handle = await start(y, 'budget', {
      policy: {
        remindBefore: ['P7D', 'P3D', 'P1D'],
        urgeEvery: 'P3D',
        maxUrges: 5,
        escalateAfter: 'P10D',
        contributionLead: 'P5D',
        contributionRemindBefore: ['P2D'],
        delivery: 'digest',
      },
    });
    const digestRuns: string[] = [];
    /** The digest schedule's working mornings, at DIGEST_TIME, up to `until`. */
    const mornings = async (from: number, until: number) => {
      for (let day = from; day <= until; day += DAY_MS) {
        const p = localParts(day);
        if (p.weekday === 0 || p.weekday === 6) continue;
        await sleepUntil(
          localInstant(p.year, p.month, p.day, DIGEST_TIME.hour, DIGEST_TIME.minute),
        );
        const id = `digest-${y}-budget-${p.month}-${p.day}`;
        await plain.workflow.execute(dailyDigestWorkflow, {
          taskQueue: TASK_QUEUE,
          workflowId: id,
        });
        digestRuns.push(id);
      }
    };
    const day = (d: number, m: number) => localInstant(y, m, d);
    // Contributions due before 16/6; the centre is reminded on 14/6. An extension to 5/7 on
    // 15/6 moves its date to 30/6 but asks and reminds nobody again.
    await mornings(day(2, 6), day(15, 6));
    await sleepUntil(localInstant(y, 6, 15, 10));
    await handle.executeUpdate(requestExtensionUpdate, {
      args: [
        {
          actor: lead,
          newDueAt: new Date(day(5, 7)).toISOString(),
          reason: 'Chờ số liệu các xã',
        },
      ],
    });
    await sleepUntil(localInstant(y, 6, 15, 11));
    await handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: standing, grant: true }] });
    await mornings(day(16, 6), day(7, 7));
    await sleepUntil(localInstant(y, 7, 7, 10));
    await handle.executeUpdate(urgeNowUpdate, { args: [{ actor: standing }] });
    // The escalation goes out on 15/7 (due 5/7 + 10 days); the product comes in late on 16/7
    // and is accepted on 19/7, after that morning's digest.
    await mornings(day(8, 7), day(16, 7));
    await sleepUntil(localInstant(y, 7, 16, 10));
    await handle.executeUpdate(submitUpdate, {
      args: [{ actor: lead, text: 'Nộp muộn', attachments: [], indicators: {} }],
    });
    await mornings(day(19, 7), day(19, 7));
    await sleepUntil(localInstant(y, 7, 19, 10));
    await handle.executeUpdate(reviewUpdate, { args: [{ actor: standing, outcome: 'accept' }] });
    await mornings(day(20, 7), day(20, 7));
    await plain.workflow.getHandle(handle.workflowId).result();

    // Single messages: the escalation and the manual urge, nothing else.
    const single = await mails(ofDuty(handle.workflowId), 6);
    expect(single.map((m) => `${tagOf(m)} ${m.to[0]}`).sort()).toEqual(
      [
        `Báo cáo chậm trễ ${SUPERVISOR.email}`,
        `Báo cáo chậm trễ ${AGRICULTURE.head.email}`,
        `Báo cáo chậm trễ ${LABOUR.head.email}`,
        `Đôn đốc ${AGRICULTURE.head.email}`,
        `Đôn đốc ${AGRICULTURE.focalPoints[0]!.email}`,
        `Đôn đốc ${LABOUR.head.email}`,
      ].sort(),
    );
    // Digests of this year: at most one per person and day; the rest of the ladder is in them.
    const digests = (
      await mails((m) => (m.headers['x-duty-digest'] ?? '').startsWith(`${y}-`))
    ).map((m) => ({ to: m.to[0] ?? '', day: m.headers['x-duty-digest'] ?? '', mail: m }));
    const perDay = digests.map((d) => `${d.to} ${d.day}`);
    expect(perDay.length).toBeGreaterThan(10);
    expect(new Set(perDay).size).toBe(perDay.length);
    const read = (email: string, dd: number, mm: number) =>
      digests.find(
        (d) =>
          d.to === email &&
          d.day === `${y}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`,
      )?.mail.text ?? '';
    const title = 'Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo';
    // The coordinating centre: the request, then one reminder, and nothing when its date lapses.
    for (const person of [AGRI_SERVICES.head, ...AGRI_SERVICES.focalPoints]) {
      expect(
        digests.filter((d) => d.to === person.email).map((d) => d.day),
        person.email,
      ).toEqual([`${y}-06-02`, `${y}-06-14`]);
    }
    expect(read(AGRI_SERVICES.head.email, 2, 6)).toContain(
      `${title} (${y}) – ${AGRICULTURE.name} đề nghị phối hợp, gửi nội dung trước ngày 16/06/${y} (còn 14 ngày)`,
    );
    expect(read(AGRI_SERVICES.head.email, 14, 6)).toContain(
      `${title} (${y}, phối hợp) – trước ngày 16/06/${y}, còn 2 ngày`,
    );
    // The lead: the extension, the lapse of the new contribution date, the acceptance.
    expect(read(AGRICULTURE.head.email, 16, 6)).toContain(
      `${title} (${y}) – được gia hạn, thời hạn mới trước ngày 05/07/${y} (còn 19 ngày)`,
    );
    expect(read(AGRICULTURE.head.email, 30, 6)).toContain(
      `${title} (${y}) – hết hạn gửi nội dung phối hợp (trước ngày 30/06/${y}), chưa gửi: ${AGRI_SERVICES.name}`,
    );
    expect(read(AGRICULTURE.focalPoints[0]!.email, 8, 7)).toMatch(
      /Quá hạn:\n- .*chủ trì.*đã quá hạn 4 ngày/,
    );
    expect(read(AGRICULTURE.head.email, 20, 7)).toContain(
      `${title} (${y}) – sản phẩm đã được chấp nhận`,
    );
    // The labour office follows the late duty in its digest and hears of the product there.
    expect(read(LABOUR.head.email, 8, 7)).toContain(`${title} (${y}, theo dõi)`);
    expect(read(LABOUR.focalPoints[0]!.email, 19, 7)).toContain(
      `${title} (${y}) – ${AGRICULTURE.name} đã nộp sản phẩm, chờ xem xét`,
    );

    // The ladder in the open says where each message went.
    const state = await handle.query(getStateQuery);
    const view = await ladderView(db, state, Date.now());
    const request = view.sent.find((s) => s.kind === 'contribution-request');
    expect(request?.recipients.map((r) => r.delivery)).toEqual(['digest', 'digest']);
    expect(view.sent.filter((s) => s.kind === 'contribution-reminder')).toHaveLength(1);
    expect(
      view.sent.find((s) => s.kind === 'escalation')?.recipients.map((r) => r.delivery),
    ).toEqual(['sent', 'sent', 'sent']);
    await keepHistory('duty-budget', handle);
  });

  it('a digest agency reads one message a day; an opted-out person gets no reminders; critical notices still go out', async () => {
    const y = years[3]!;
    // The lead agency chose the digest; the coordinating centre's focal point opted out.
    const directoryEntry = (a: typeof AGRICULTURE) =>
      DirectoryAgency.parse({ ...a, level: 'district', localityId: 'a-luoi' });
    for (const a of [AGRICULTURE, AGRI_SERVICES]) {
      await db
        .insertInto('agencies')
        .values({
          id: a.id,
          name: a.name,
          level: 'district',
          locality_id: 'a-luoi',
          is_commune: 0,
          entry_json: JSON.stringify(directoryEntry(a)),
          updated_at: new Date().toISOString(),
        })
        .execute();
    }
    await db
      .insertInto('agency_settings')
      .values({ agency_id: AGRICULTURE.id, notify_mode: 'digest', updated_at: '' })
      .execute();
    const optedOut = AGRI_SERVICES.focalPoints[0]!.email;
    await db
      .insertInto('notification_optouts')
      .values({ email: optedOut, created_at: '' })
      .execute();

    const handle = await start(y, 'digest');
    // The digest reads the read model: wait for the duty's first write.
    for (let i = 0; i < 200; i++) {
      const row = await db
        .selectFrom('duties')
        .select('id')
        .where('id', '=', handle.workflowId)
        .executeTakeFirst();
      if (row) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await sleepUntil(localInstant(y, 6, 15, 7, 30));
    const digest = (run: string) =>
      plain.workflow.execute(dailyDigestWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: `digest-${y}-${run}`,
      });
    expect(await digest('first')).toEqual({ sent: 2, alreadySent: 0 });
    // The same morning again (a retried schedule): nobody gets a second one.
    expect(await digest('again')).toEqual({ sent: 0, alreadySent: 2 });
    await keepHistory('digest', plain.workflow.getHandle(`digest-${y}-first`));
    // This year's (the budget's test wrote digests of its own, years before).
    const digests = await mails((m) => (m.headers['x-duty-digest'] ?? '').startsWith(`${y}-`), 2);
    expect(digests.map((m) => m.to[0]).sort()).toEqual(
      [AGRICULTURE.head.email, AGRICULTURE.focalPoints[0]!.email].sort(),
    );
    expect(digests[0]?.subject).toBe(
      `[Tổng hợp nhắc việc] ${AGRICULTURE.name}: 1 nhiệm vụ sắp đến hạn – 15/06/${y}`,
    );
    expect(digests[0]?.text).toContain(
      `${'Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo'} (${y}, chủ trì) – trước ngày 21/06/${y}, còn 6 ngày`,
    );

    // Past the escalation, nothing submitted.
    await sleepUntil(localInstant(y, 7, 6, 12));
    const single = await mails(ofDuty(handle.workflowId));
    const to = (email: string) =>
      single.filter((m) => m.to.includes(email)).map((m) => tagOf(m) ?? '');
    // The digest agency: only the escalation's copy to its head, none of the reminders,
    // overdue notice or urges (its digest lists them).
    expect(to(AGRICULTURE.head.email)).toEqual(['Báo cáo chậm trễ']);
    expect(to(AGRICULTURE.focalPoints[0]!.email)).toEqual([]);
    expect(to(SUPERVISOR.email)).toEqual(['Báo cáo chậm trễ']);
    // The opted-out focal point: the contribution's overdue notice, not its reminder.
    expect(to(optedOut)).toEqual(['Quá hạn phối hợp']);
    expect(to(AGRI_SERVICES.head.email)).toEqual(['Nhắc phối hợp', 'Quá hạn phối hợp']);

    // The ladder in the open says so, per recipient.
    const row = await db
      .selectFrom('duties')
      .select('state_json')
      .where('id', '=', handle.workflowId)
      .executeTakeFirstOrThrow();
    const view = await ladderView(db, JSON.parse(row.state_json) as DutyState, Date.now());
    const reminder = view.sent.find((s) => s.kind === 'reminder');
    expect(reminder?.recipients.map((r) => r.delivery)).toEqual(['digest', 'digest']);
    const contribution = view.sent.find((s) => s.kind === 'contribution-reminder');
    expect(
      Object.fromEntries(contribution?.recipients.map((r) => [r.email, r.delivery]) ?? []),
    ).toEqual({ [AGRI_SERVICES.head.email]: 'sent', [optedOut]: 'opted-out' });
    expect(formatDate(Date.parse(view.dueAt) - 1)).toBe(`20/06/${y}`);
  });
});
