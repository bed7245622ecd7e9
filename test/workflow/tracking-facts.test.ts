// Statistics fixed by facts, end to end: real duty workflows on the time-skipping server write
// the read model through the real recordDuty activity, and the matrix, its rates and its XLSX
// export (over HTTP) keep a product first submitted late as late, whatever is done after it.
// Then the period is locked, and later actions leave its figures as they were.
import type { Server } from 'node:http';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import type { Agency, StartDuty } from '../../common/duty-schema.ts';
import {
  decideExtensionUpdate,
  dutyWorkflowId,
  getStateQuery,
  reassignLeadUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitUpdate,
} from '../../common/messages.ts';
import type { Db } from '../../db/index.ts';
import { lockPeriod, type Matrix } from '../../db/tracking.ts';
import { localInstant } from '../../domain/local-time.ts';
import { dutyWorkflow } from '../../workflows/duty.ts';
import { AGRICULTURE, capitalRegistration, FINANCE, LABOUR } from '../support/fixtures.ts';
import { listen } from '../support/http.ts';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/test-worker.ts';
import { yearsLike2027 } from '../support/years.ts';

const TASK_QUEUE = `tracking-facts-${process.pid}`;
const PLAN = 'facts-plan';
const standing = { name: 'Trần Thị B', agencyId: LABOUR.id };
const actorOf = (a: Agency) => ({ name: `Cán bộ ${a.name}`, agencyId: a.id });

let env: TestWorkflowEnvironment;
let stack: TimeSkippingStack;
let db: Db;
let server: Server;
let base: string;
let y: number;

beforeAll(async () => {
  stack = await startTimeSkippingStack('tracking-facts', TASK_QUEUE);
  ({ env, db } = stack);
  [y] = yearsLike2027(await env.currentTimeMs(), 1) as [number];
  await db
    .insertInto('plans')
    .values({
      id: PLAN,
      number: '171/KH-UBND',
      title: 'Kế hoạch thực hiện Chương trình giảm nghèo bền vững',
      period_from: y,
      period_to: y,
      definition_json: '{}',
      table_json: null,
      standing_agency_id: LABOUR.id,
      content_hash: 'x',
      imported_at: new Date().toISOString(),
    })
    .execute();
  ({ server, base } = await listen(createApp({ client: env.client, db })));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await stack?.stop();
});

async function sleepUntil(ms: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (now > ms) throw new Error(`the clock is already past ${new Date(ms).toISOString()}`);
  await env.sleep(ms - now);
}

const june = (day: number, hour = 9) => localInstant(y, 6, day, hour);
const july = (day: number, hour = 9) => localInstant(y, 7, day, hour);
const iso = (ms: number) => new Date(ms).toISOString();

/** A report ("báo cáo", counted in the matrix) or another duty, due before 21/6. */
function input(dutyId: string, report: boolean): StartDuty {
  return capitalRegistration({
    planId: PLAN,
    dutyId,
    period: String(y),
    dueAt: iso(localInstant(y, 6, 21)),
    ...(report
      ? { title: `Báo cáo kết quả thực hiện 6 tháng (${dutyId})`, product: 'Báo cáo 6 tháng' }
      : { title: `Dự án 2: nhiệm vụ ${dutyId}` }),
  });
}

const handles = new Map<string, Awaited<ReturnType<typeof start>>>();
async function start(dutyId: string, report: boolean) {
  const i = input(dutyId, report);
  return env.client.workflow.start(dutyWorkflow, {
    taskQueue: TASK_QUEUE,
    workflowId: dutyWorkflowId(i),
    args: [i],
  });
}
const h = (dutyId: string) => {
  const handle = handles.get(dutyId);
  if (!handle) throw new Error(`no duty ${dutyId}`);
  return handle;
};
const submit = (dutyId: string, by: Agency = AGRICULTURE) =>
  h(dutyId).executeUpdate(submitUpdate, {
    args: [{ actor: actorOf(by), text: 'Sản phẩm', attachments: [], indicators: {} }],
  });
const returnFor = (dutyId: string, newDue: number) =>
  h(dutyId).executeUpdate(reviewUpdate, {
    args: [
      { actor: standing, outcome: 'return', comment: 'Bổ sung số liệu', newDueAt: iso(newDue) },
    ],
  });
const accept = (dutyId: string) =>
  h(dutyId).executeUpdate(reviewUpdate, { args: [{ actor: standing, outcome: 'accept' }] });
async function extend(dutyId: string, newDue: number, by: Agency = AGRICULTURE) {
  await h(dutyId).executeUpdate(requestExtensionUpdate, {
    args: [{ actor: actorOf(by), newDueAt: iso(newDue), reason: 'Chờ số liệu các xã' }],
  });
  await h(dutyId).executeUpdate(decideExtensionUpdate, {
    args: [{ actor: standing, grant: true }],
  });
}

/** Waits until the read model holds each duty's latest state. */
async function readModelCaughtUp(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const states = await Promise.all([...handles.values()].map((x) => x.query(getStateQuery)));
    const rows = await db.selectFrom('duties').select(['id', 'revision']).execute();
    const written = new Map(rows.map((r) => [r.id, r.revision]));
    if (states.every((s) => written.get(s.workflowId) === s.revision)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the read model did not catch up');
}

async function matrixJson(asOf: number): Promise<Matrix> {
  const res = await fetch(
    `${base}/api/reports/matrix?planId=${PLAN}&period=${y}&asOf=${encodeURIComponent(iso(asOf))}`,
  );
  expect(res.status).toBe(200);
  return (await res.json()) as Matrix;
}

/** The XLSX export as a person reads it: each sheet's rows keyed by its header. */
async function matrixXlsx(asOf: number) {
  const res = await fetch(
    `${base}/api/reports/matrix?planId=${PLAN}&period=${y}&asOf=${encodeURIComponent(iso(asOf))}&format=xlsx`,
  );
  expect(res.headers.get('content-type')).toContain('spreadsheetml');
  const text = (v: unknown): string => {
    if (v === undefined || v === null) return '';
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    // The headers are the row the panes are frozen below (a title line, if any, above them).
    const headerRow = (ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 1;
    // Row values are sparse, 1-based arrays.
    const header = Array.from(ws.getRow(headerRow).values as unknown[], text);
    const rows: Record<string, string>[] = [];
    ws.eachRow((row, n) => {
      if (n <= headerRow) return;
      const values = row.values as unknown[];
      rows.push(Object.fromEntries(header.map((k, i): [string, string] => [k, text(values[i])])));
    });
    return { title: headerRow > 1 ? text(ws.getRow(1).getCell(1).value) : '', rows };
  };
  return {
    cells: sheet('Ma trận báo cáo'),
    rates: sheet('Tỷ lệ báo cáo'),
    others: sheet('Nhiệm vụ khác'),
  };
}

const cellOf = (m: Matrix, dutyId: string) =>
  m.reports.flatMap((r) => r.cells).find((c) => c.dutyId === dutyId);
const otherOf = (m: Matrix, dutyId: string) => m.duties.rows.find((d) => d.dutyId === dutyId);

describe('statistics fixed by facts, through the real duty workflow', () => {
  let before: Matrix;

  it(
    'late products stay late whatever follows; an extension granted in time counts on time',
    { timeout: 300_000 },
    async () => {
      await sleepUntil(june(1));
      // A, B, D, E are reports; C and F other duties (capital registration).
      for (const [id, report] of [
        ['BC-A', true],
        ['BC-B', true],
        ['C', false],
        ['BC-D', true],
        ['BC-E', true],
        ['F', false],
      ] as const) {
        handles.set(id, await start(id, report));
      }
      // D asks in time for more time, until 06/7, and gets it.
      await sleepUntil(june(10));
      await extend('BC-D', localInstant(y, 7, 6));
      // The deadline (before 21/6) passes. A, C and F come in late; B gets an extension only now.
      await sleepUntil(june(23));
      await submit('BC-A');
      await submit('C');
      await submit('F');
      await extend('BC-B', localInstant(y, 7, 10));
      // A, C and F are returned for revision with a new date; C goes to a new lead.
      await sleepUntil(june(24));
      await returnFor('BC-A', localInstant(y, 7, 6));
      await returnFor('F', localInstant(y, 7, 6));
      await returnFor('C', localInstant(y, 7, 10));
      await sleepUntil(june(25));
      await h('C').executeUpdate(reassignLeadUpdate, {
        args: [
          { actor: standing, lead: FINANCE, reason: 'Giao phòng Tài chính - Kế hoạch chủ trì' },
        ],
      });
      // Every one of them is resubmitted by its new date.
      await sleepUntil(june(28));
      await submit('C', FINANCE);
      await sleepUntil(june(30));
      await submit('BC-A');
      await submit('F');
      await sleepUntil(july(1));
      await submit('BC-B');
      await submit('BC-D');
      await accept('BC-A');
      await accept('F');
      await accept('C');
      await readModelCaughtUp();

      const asOf = july(2, 10);
      const m = await matrixJson(asOf);
      expect(
        Object.fromEntries(
          m.reports.flatMap((r) => r.cells).map((c) => [c.dutyId, [c.state, c.marks]]),
        ),
      ).toEqual({
        'BC-A': ['late', ['returned']],
        'BC-B': ['late', ['extended-late']],
        'BC-D': ['on-time', ['extended']],
        'BC-E': ['missing', []],
      });
      expect(Object.fromEntries(m.duties.rows.map((d) => [d.dutyId, [d.track, d.marks]]))).toEqual({
        C: ['completed-late', ['returned', 'reassigned']],
        F: ['completed-late', ['returned']],
      });
      expect(m.duties.counts).toEqual({
        'completed-on-time': 0,
        'completed-late': 2,
        'in-progress': 0,
        overdue: 0,
      });
      // The rates: 1 on time of 4 owed; against the original deadlines, none.
      expect(m.total).toEqual({
        expected: 4,
        received: 3,
        receivedOnTime: 1,
        reportingRate: 0.75,
        reportingRateOnTime: 0.25,
      });
      expect(m.totalOriginal).toEqual({ expected: 4, receivedOnTime: 0, rateOnTime: 0 });
      expect(cellOf(m, 'BC-D')?.stateByOriginal).toBe('late');
      expect(m.reports.find((r) => r.ref === 'BC-D')?.original.rateOnTime).toBe(0);
      expect(m.reports.find((r) => r.ref === 'BC-D')?.rates.reportingRateOnTime).toBe(1);
      expect(m.locked).toBeNull();

      // The same in the XLSX the province receives.
      const x = await matrixXlsx(asOf);
      const byTitle = (rows: Record<string, string>[], id: string) =>
        rows.find((r) => (r['Nội dung'] ?? '').includes(id));
      expect(byTitle(x.cells.rows, 'BC-A')).toMatchObject({
        'Tình trạng': 'Trễ hạn',
        'Gia hạn, trả lại': 'trả lại',
      });
      expect(byTitle(x.cells.rows, 'BC-B')).toMatchObject({
        'Tình trạng': 'Trễ hạn',
        'Gia hạn, trả lại': 'gia hạn sau khi quá hạn',
      });
      expect(byTitle(x.cells.rows, 'BC-D')).toMatchObject({
        'Tình trạng': 'Đúng hạn',
        'Gia hạn, trả lại': 'gia hạn',
        'Tình trạng theo thời hạn ban đầu': 'Trễ hạn',
      });
      expect(byTitle(x.others.rows, 'nhiệm vụ F')).toMatchObject({
        'Tình trạng': 'Hoàn thành quá hạn',
        'Gia hạn, trả lại': 'trả lại',
      });
      expect(byTitle(x.others.rows, 'nhiệm vụ C')).toMatchObject({
        'Tình trạng': 'Hoàn thành quá hạn',
        'Gia hạn, trả lại': 'trả lại, đổi cơ quan chủ trì',
      });
      const total = x.rates.rows.find((r) => r['Báo cáo (STT)'] === 'Tổng cộng');
      expect(total).toMatchObject({
        'Số báo cáo phải nộp': '4',
        'Số báo cáo đúng hạn': '1',
        'Tỷ lệ báo cáo đúng hạn': '0.25',
        'Tỷ lệ đúng hạn theo thời hạn ban đầu': '0',
      });
      expect(x.cells.title).not.toContain('khóa');
      before = m;
    },
  );

  it(
    'a locked period keeps its figures when later actions land',
    { timeout: 300_000 },
    async () => {
      expect(before, 'the first test ran').toBeDefined();
      const lockedAt = july(2, 10);
      const outcome = await lockPeriod(db, {
        planId: PLAN,
        period: String(y),
        by: 'Trưởng phòng LĐ-TB&XH',
        email: LABOUR.head.email,
        at: lockedAt,
      });
      expect(outcome.locked).toBe(true);
      // Locking again is refused, and says since when and by whom.
      const again = await fetch(`${base}/api/reports/lock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ planId: PLAN, period: String(y) }),
      });
      expect(again.status).toBe(409);
      const lock = (await (
        await fetch(`${base}/api/reports/lock?planId=${PLAN}&period=${y}`)
      ).json()) as { lock: { lockedAt: string; lockedBy: string } };
      expect(lock.lock).toEqual({
        planId: PLAN,
        period: String(y),
        lockedAt: iso(lockedAt),
        lockedBy: 'Trưởng phòng LĐ-TB&XH',
      });

      // After the lock: E gets an extension (late) and submits; D is returned for revision.
      await sleepUntil(july(3));
      await extend('BC-E', localInstant(y, 7, 20));
      await returnFor('BC-D', localInstant(y, 7, 15));
      await sleepUntil(july(4));
      await submit('BC-E');
      await readModelCaughtUp();
      const e = await db
        .selectFrom('duties')
        .select(['first_submitted_at', 'status'])
        .where('id', '=', h('BC-E').workflowId)
        .executeTakeFirstOrThrow();
      expect(
        Date.parse(e.first_submitted_at ?? ''),
        'the submission reached the read model',
      ).toBeGreaterThanOrEqual(july(4));

      // Asked later, and at any instant, the period answers its figures as locked.
      for (const asOf of [july(5), july(2, 10), june(1)]) {
        const m = await matrixJson(asOf);
        expect(m.locked).toEqual(lock.lock);
        expect(m.asOf).toBe(iso(lockedAt));
        expect(cellOf(m, 'BC-E')?.state).toBe('missing');
        expect(cellOf(m, 'BC-E')?.marks).toEqual([]);
        expect(cellOf(m, 'BC-D')?.marks).toEqual(['extended']);
        expect(m.total).toEqual(before.total);
        expect(m.totalOriginal).toEqual(before.totalOriginal);
        expect(m.byArea).toEqual(before.byArea);
        expect(m.reports).toEqual(before.reports);
        expect(m.duties).toEqual(before.duties);
      }
      expect(otherOf(await matrixJson(july(5)), 'F')?.track).toBe('completed-late');
      const x = await matrixXlsx(july(5));
      expect(x.cells.title).toContain('Số liệu đã khóa lúc 10:00 02/07/');
      expect(x.cells.title).toContain('Trưởng phòng LĐ-TB&XH');
      expect(x.cells.rows.find((r) => (r['Nội dung'] ?? '').includes('BC-E'))).toMatchObject({
        'Tình trạng': 'Chưa nộp (quá hạn)',
      });
      // A period within the locked one answers from the same snapshot.
      const within = (await (
        await fetch(`${base}/api/reports/matrix?planId=${PLAN}&period=${y}-06`)
      ).json()) as Matrix;
      expect(within.locked?.period).toBe(String(y));
    },
  );
});
