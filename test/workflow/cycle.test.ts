// The annual cycle on the time-skipping server: A Lưới's plan (its file and its appendix
// table, moved to a future year with 2027's calendar) runs from January: every duty of the
// year starts, the cycle counts them as they move, an allocation opens the disbursement
// commitment, a lagging month warns by email, and the cycle continues as new without losing
// anything.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepHistory } from '../support/histories.ts';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app.ts';
import type { CycleState } from '../../common/cycle-schema.ts';
import {
  closeYearUpdate,
  cycleWorkflowId,
  getCycleQuery,
  getStateQuery,
  recordAllocationUpdate,
  reportDisbursementUpdate,
  submitUpdate,
} from '../../common/messages.ts';
import type { Db } from '../../db/index.ts';
import { formatDate, localInstant } from '../../domain/local-time.ts';
import type { MailSink } from '../../scripts/lib/mail-sink.ts';
import { cycleWorkflow } from '../../workflows/cycle.ts';
import { cycleStarterWorkflow } from '../../workflows/cycle-starter.ts';
import { parseMail } from '../support/mail.ts';
import { importALuoiMovedTo } from '../support/moved-plan.ts';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/test-worker.ts';
import { yearsLike2027 } from '../support/years.ts';

const TASK_QUEUE = 'duties';
const coordinator = { name: 'Chuyên viên UBND huyện', agencyId: 'a-luoi.ubnd-huyen' };
const agri = { name: 'Cán bộ NN&PTNT', agencyId: 'a-luoi.phong-nnptnt' };

let env: TestWorkflowEnvironment;
let stack: TimeSkippingStack;
let sink: MailSink;
let db: Db;
let year: number;
let planId: string;
let firstRunId: string;

beforeAll(async () => {
  stack = await startTimeSkippingStack('cycle', TASK_QUEUE);
  ({ env, sink, db } = stack);
  year = yearsLike2027(await env.currentTimeMs(), 1)[0]!;
  // The plan as written, moved to `year`: same dates, same weekdays.
  planId = await importALuoiMovedTo(db, year);
});

afterAll(async () => {
  await stack?.stop();
});

async function sleepUntil(ms: number): Promise<void> {
  await env.sleep(ms - (await env.currentTimeMs()));
}

/** Polls the cycle (real time: activities and signals run while the clock stands still). */
async function cycleWhen(id: string, ok: (s: CycleState) => boolean): Promise<CycleState> {
  const handle = env.client.workflow.getHandle(id);
  for (let i = 0; i < 300; i++) {
    const state = await handle.query(getCycleQuery);
    if (ok(state)) return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `cycle ${id} never reached the expected state: ${JSON.stringify(await handle.query(getCycleQuery))}`,
  );
}

const total = (s: CycleState, phase: keyof CycleState['phases']) =>
  Object.values(s.phases[phase] ?? {}).reduce((a, b) => a + (b ?? 0), 0);

describe('the annual cycle', () => {
  it('starts every duty of the year, once, and counts them by phase', async () => {
    await sleepUntil(localInstant(year, 1, 4, 9));
    const id = cycleWorkflowId({ planId, year });
    const input = {
      planId,
      year,
      policy: { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 },
      maxHistoryEvents: 60,
    };
    const first = await env.client.workflow.start(cycleWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: id,
      args: [input],
    });
    await expect(
      env.client.workflow.start(cycleWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: id,
        args: [input],
      }),
    ).rejects.toMatchObject({
      name: 'WorkflowExecutionAlreadyStartedError',
    });
    firstRunId = first.firstExecutionRunId;
    const state = await cycleWhen(
      id,
      (s) =>
        s.status === 'running' && total(s, 'capital-registration') + total(s, 'reports') === 11,
    );
    // The table's nine (sub-)projects register capital; the two reports are due 20/6 and 20/11.
    expect(state.launched).toBe(11);
    expect(state.phases).toEqual({
      'capital-registration': { assigned: 9 },
      reports: { assigned: 2 },
    });
    expect(state.projects.map((p) => p.ref)).toEqual([
      '1',
      '2',
      '3.1',
      '3.2',
      '4',
      '5',
      '6.1',
      '6.2',
      '7',
    ]);
    const report = await env.client.workflow
      .getHandle(`duty:${planId}:BC-6T:${year}`)
      .query(getStateQuery);
    expect(formatDate(Date.parse(report.dueAt) - 1)).toBe(`19/06/${year}`);
    expect(report.lead.name).toBe('Phòng Lao động - Thương binh và Xã hội');
  });

  it('an allocation opens the commitment; a lagging month warns the lead and the standing agency', async () => {
    const id = cycleWorkflowId({ planId, year });
    const handle = env.client.workflow.getHandle(id);
    await expect(
      handle.executeUpdate(recordAllocationUpdate, {
        args: [{ actor: coordinator, projectRef: '9', amount: '1' }],
      }),
    ).rejects.toMatchObject({
      cause: {
        message:
          'no (sub-)project "9" registers capital in this plan (known: 1, 2, 3.1, 3.2, 4, 5, 6.1, 6.2, 7)',
      },
    });
    await sleepUntil(localInstant(year, 3, 2, 10));
    await handle.executeUpdate(recordAllocationUpdate, {
      args: [
        {
          actor: coordinator,
          projectRef: '2',
          amount: '1500000000',
          decision: 'Quyết định 1/QĐ-UBND',
        },
      ],
    });
    await handle.executeUpdate(recordAllocationUpdate, {
      args: [{ actor: coordinator, projectRef: '2', amount: '300000000' }],
    });
    let state = await cycleWhen(id, (s) => total(s, 'disbursement-commitment') === 1);
    expect(state.projects.find((p) => p.ref === '2')?.allocated).toBe('1800000000');

    const commitment = env.client.workflow.getHandle(`duty:${planId}:2.cam-ket:${year}`);
    const duty = await commitment.query(getStateQuery);
    // By 01/4: 30 days after the allocation of 02/3; overdue from 02/4 00:00 local time.
    expect(duty.dueAt).toBe(new Date(localInstant(year, 4, 2)).toISOString());
    const monthly = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`m${String(i + 1).padStart(2, '0')}`, 150_000_000]),
    );
    await commitment.executeUpdate(submitUpdate, {
      args: [{ actor: agri, text: 'Cam kết giải ngân', attachments: [], indicators: monthly }],
    });
    state = await cycleWhen(
      id,
      (s) => s.projects.find((p) => p.ref === '2')?.monthlyPlan !== undefined,
    );
    expect(state.projects.find((p) => p.ref === '2')?.monthlyPlan?.[0]).toBe('150000000');

    const before = sink.received.length;
    for (const [month, amount] of [
      [1, '150000000'],
      [2, '120000000'],
      [3, '50000000'],
    ] as const) {
      await handle.executeUpdate(reportDisbursementUpdate, {
        args: [{ actor: agri, projectRef: '2', month, amount }],
      });
    }
    // 320 of 450 million by March: 71%, under the 80% threshold.
    const mails = (await sink.waitFor(before + 2, 20_000)).slice(before);
    const parsed = await Promise.all(mails.map(parseMail));
    expect(parsed.map((m) => m.subject)).toEqual([
      '[Chậm giải ngân] Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo – tháng 3',
      '[Chậm giải ngân] Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo – tháng 3',
    ]);
    expect(parsed[0]?.text).toContain('Lũy kế giải ngân đến hết tháng 3: 320.000.000 đồng');
    expect(parsed[0]?.text).toContain('(đạt 71.1%)');
    expect(parsed.flatMap((m) => m.to).sort()).toEqual([
      'truong-phong@ldtbxh.a-luoi.example',
      'truong-phong@nnptnt.a-luoi.example',
    ]);
  });

  it('sends ad hoc requests, drafts the consolidation, and sets results beside targets', async () => {
    const id = cycleWorkflowId({ planId, year });
    const server = await new Promise<Server>((resolve) => {
      const srv = createApp({ client: env.client, db }).listen(0, '127.0.0.1', () => resolve(srv));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    try {
      const request = {
        actor: coordinator,
        title: 'Báo cáo đột xuất số hộ nghèo phát sinh',
        product: 'Báo cáo đột xuất',
        dueAt: new Date(localInstant(year, 6, 30)).toISOString(),
      };
      const path = `/api/cycles/${encodeURIComponent(id)}/ad-hoc-reports`;
      const unknown = await call('POST', path, {
        ...request,
        agencyIds: ['a-luoi.phong-nnptnt', 'a-luoi.khong-co'],
      });
      expect(unknown.status).toBe(400);
      expect((unknown.body['error'] as { message: string }).message).toContain(
        'not in the directory: a-luoi.khong-co',
      );
      const asked = await call('POST', path, {
        ...request,
        agencyIds: ['a-luoi.phong-nnptnt', 'a-luoi.phong-tckh'],
      });
      expect(asked.status, JSON.stringify(asked.body)).toBe(200);
      await cycleWhen(id, (s) => total(s, 'reports') === 4);
      const adHoc = env.client.workflow.getHandle(
        `duty:${planId}:dot-xuat-1.a-luoi.phong-nnptnt:${year}`,
      );
      await adHoc.executeUpdate(submitUpdate, {
        args: [
          {
            actor: agri,
            text: 'Số hộ nghèo phát sinh',
            attachments: [],
            indicators: { households: 12, 'poverty-rate': 11.4 },
          },
        ],
      });

      // The annual report (before 20/11) consolidates what came in after the 6-month one.
      const draftPath = `/api/duties/${encodeURIComponent(`duty:${planId}:BC-NAM:${year}`)}/consolidation`;
      let draft = await call('GET', draftPath);
      for (let i = 0; i < 100 && (draft.body['submittedOnTime'] as unknown[]).length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        draft = await call('GET', draftPath);
      }
      expect(draft.body).toMatchObject({
        expected: 2,
        submittedOnTime: [{ agency: 'Phòng Nông nghiệp và Phát triển nông thôn' }],
        submittedLate: [],
        missing: [{ agency: 'Phòng Tài chính - Kế hoạch', status: 'assigned' }],
        indicators: { households: 12, 'poverty-rate': 11.4 },
      });
      // "tỷ lệ hộ nghèo … còn dưới 12%": 11.4 reported, met.
      const results = await call('GET', `/api/cycles/${encodeURIComponent(id)}/results`);
      expect(results.body['results']).toEqual([
        { indicator: 'poverty-rate', localityId: 'a-luoi', target: 12, reported: 11.4, met: true },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('counts a missed report as overdue, keeps its counts through continue-as-new, and closes', async () => {
    const id = cycleWorkflowId({ planId, year });
    await sleepUntil(localInstant(year, 6, 22, 9));
    const state = await cycleWhen(id, (s) => (s.phases.reports?.overdue ?? 0) === 1);
    // BC-6T missed; BC-NAM and one ad hoc report still to come; the other ad hoc report in.
    expect(state.phases.reports).toEqual({ assigned: 2, overdue: 1, submitted: 1 });
    // With a low history limit for the test, the cycle has already continued as new.
    expect(state.runs).toBeGreaterThan(0);
    expect(state.projects.find((p) => p.ref === '2')?.allocated).toBe('1800000000');
    const closed = await env.client.workflow
      .getHandle(id)
      .executeUpdate(closeYearUpdate, { args: [{ actor: coordinator }] });
    expect(closed.status).toBe('closed');
    const result = (await env.client.workflow.getHandle(id).result()) as CycleState;
    expect(result.status).toBe('closed');
    await keepHistory('cycle-first-run', env.client.workflow.getHandle(id, firstRunId));
    await keepHistory('cycle-last-run', env.client.workflow.getHandle(id));
    await keepHistory(
      'duty-commitment-tells-cycle',
      env.client.workflow.getHandle(`duty:${planId}:2.cam-ket:${year}`),
    );
  });

  it('answers coordinators through the API: progress from the cycle, deadlines from the read model', async () => {
    const server = await new Promise<Server>((resolve) => {
      const srv = createApp({ client: env.client, db }).listen(0, '127.0.0.1', () => resolve(srv));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify(body),
      });
    try {
      const again = await post('/api/cycles', { planId, year });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { message: string } }).error.message).toBe(
        `Cycle cycle:${planId}:${year} already exists`,
      );
      expect((await post('/api/cycles', { planId, year: year + 1 })).status).toBe(400);
      expect((await post('/api/cycles', { planId: 'no-such-plan', year })).status).toBe(404);
      const res = await fetch(
        `${base}/api/cycles/${encodeURIComponent(cycleWorkflowId({ planId, year }))}`,
      );
      const body = (await res.json()) as CycleState & {
        nextDeadlines: { id: string; status: string; dueAt: string }[];
      };
      expect(body.status).toBe('closed');
      expect(body.phases.reports).toEqual({ assigned: 2, overdue: 1, submitted: 1 });
      // The soonest open deadline first: the missed 6-month report, then the annual one.
      expect(body.nextDeadlines.slice(0, 2).map((d) => [d.id, d.status])).toEqual([
        [`duty:${planId}:BC-6T:${year}`, 'overdue'],
        [`duty:${planId}:dot-xuat-1.a-luoi.phong-tckh:${year}`, 'assigned'],
      ]);
      const closed = await post(
        `/api/cycles/${encodeURIComponent(cycleWorkflowId({ planId, year }))}/allocations`,
        {
          actor: coordinator,
          projectRef: '1',
          amount: '5',
        },
      );
      expect(closed.status).toBe(409);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("the schedule's starter starts the current year's cycle once: the second run finds it", async () => {
    const policy = { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 };
    const run = (n: number) =>
      env.client.workflow.execute(cycleStarterWorkflow, {
        taskQueue: TASK_QUEUE,
        workflowId: `cycle-starter:${planId}:${n}`,
        args: [{ planId, policy }],
      });
    // The year's cycle already exists (the test above): the starter says so, starts nothing.
    expect(await run(1)).toEqual({ existing: cycleWorkflowId({ planId, year }) });
    await keepHistory(
      'cycle-starter-existing',
      env.client.workflow.getHandle(`cycle-starter:${planId}:1`),
    );
    const other = await env.client.workflow.execute(cycleStarterWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: `cycle-starter:no-such-plan`,
      args: [{ planId: 'no-such-plan', policy }],
    });
    expect(other).toEqual({ skipped: `plan no-such-plan has no year ${year}` });
  });
});
