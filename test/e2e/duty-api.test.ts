// End to end on the Temporal dev server: the API starts a duty, a worker process runs it and
// a real SMTP server receives the reminders. The worker is killed with SIGKILL midway and
// started again: nothing is lost, nothing is sent twice.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb, type Db } from '../../db/index.ts';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink.ts';
import { startTestDevServer } from '../support/dev-server.ts';
import { parseMail } from '../support/mail.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.ts';
import { listen } from '../support/http.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';
import { importWorld } from '../support/contract-world.ts';

const agency = (id: string, name: string) => ({
  id,
  name,
  head: { name: `Lãnh đạo ${name}`, email: `${id}@e2e.example` },
  focalPoints: [],
});
const LEAD = agency('phong-vhtt', 'Phòng Văn hóa và Thông tin');
const COORD = agency('tt-vhtt', 'Trung tâm Văn hóa - Thông tin và Thể thao');
const STANDING = agency('phong-ldtbxh', 'Phòng Lao động - Thương binh và Xã hội');
// The plan and agencies a duty names must exist: the test imports them first.
const PLAN_ID = '171-kh-ubnd';
const lead = { name: 'Cán bộ VH-TT', agencyId: LEAD.id };
const standing = { name: 'Cán bộ LĐ-TB&XH', agencyId: STANDING.id };

let dir: string;
let devServer: Awaited<ReturnType<typeof startTestDevServer>>;
let sink: MailSink;
let db: Db;
let connection: Connection;
let server: Server;
let base: string;
let worker: WorkerProcess | undefined;
let workerEnv: Record<string, string>;

beforeAll(async () => {
  quietTemporalLogs();
  dir = mkdtempSync(join(tmpdir(), 'duty-e2e-'));
  [devServer, sink] = await Promise.all([startTestDevServer(), startMailSink()]);
  workerEnv = {
    TEMPORAL_ADDRESS: devServer.address,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    DATA_DIR: dir,
    PUBLIC_URL: 'http://duties.e2e',
  };
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  await importWorld(db, { planId: PLAN_ID, agencies: [LEAD, COORD], standing: STANDING });
  connection = await Connection.connect({ address: devServer.address });
  const app = createApp({ client: new Client({ connection }), db });
  ({ server, base } = await listen(app));
  worker = await startWorkerProcess(workerEnv);
});

afterAll(async () => {
  await worker?.kill();
  await new Promise((resolve) => server?.close(resolve));
  await connection?.close();
  await db?.destroy();
  await sink?.stop();
  await devServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('duty API on the dev server, with a real SMTP server and a worker that crashes', () => {
  it('reports Temporal and storage healthy', async () => {
    const res = await api('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', temporal: { ok: true }, storage: { ok: true } });
  });

  it('refuses bad input with a 400 that names the field, and unknown duties with 404', async () => {
    const bad = await api('POST', '/api/duties', {
      planId: 'p',
      dutyId: '1',
      period: '2026',
      dueAt: '31/06/2026',
    });
    expect(bad.status).toBe(400);
    const message = (bad.body['error'] as { message: string }).message;
    expect(message).toContain('dueAt');
    expect(message).toContain('lead');
    const json = await api('POST', '/api/duties', '{"planId":');
    expect(json.status).toBe(400);
    const missing = await api('GET', '/api/duties/duty:nope:1:2026');
    expect(missing.status).toBe(404);
    const act = await api('POST', '/api/duties/duty:nope:1:2026/acknowledge', { actor: lead });
    expect(act.status).toBe(404);
  });

  it(
    'runs the ladder through a worker crash, delivering every message exactly once',
    { timeout: 240_000 },
    async () => {
      const t0 = Date.now();
      const at = (s: number) => new Date(t0 + s * 1000).toISOString();
      const duty = {
        planId: PLAN_ID,
        dutyId: '6.1',
        period: `e2e-${t0}`,
        title: 'Tiểu dự án 1: Giảm nghèo về thông tin',
        product: 'Kế hoạch đăng ký vốn và kế hoạch thực hiện theo từng tháng',
        dueAt: at(60),
        lead: LEAD,
        coordinating: [COORD],
        standing: STANDING,
        supervisor: {
          name: 'Chủ tịch UBND huyện',
          email: 'chu-tich@e2e.example',
          title: 'Chủ tịch UBND huyện',
        },
        // Seconds instead of days; no office hour, so each step goes out at its nominal instant.
        policy: {
          remindBefore: ['PT45S', 'PT25S'],
          urgeEvery: 'PT10S',
          maxUrges: 1,
          escalateAfter: 'PT15S',
          contributionLead: 'PT20S',
          contributionRemindBefore: ['PT10S'],
        },
        calendar: { officeHour: null },
      };
      const created = await api('POST', '/api/duties', duty);
      expect(created.status).toBe(201);
      const id = created.body['id'] as string;
      const path = `/api/duties/${encodeURIComponent(id)}`;
      expect((await api('POST', '/api/duties', duty)).status).toBe(409);

      const ack = await api('POST', `${path}/acknowledge`, { actor: lead, comment: 'Đã nhận' });
      expect(ack.status).toBe(200);
      expect(ack.body['status']).toBe('acknowledged');
      const wrongActor = await api('POST', `${path}/acknowledge`, { actor: standing });
      expect(wrongActor.status).toBe(409);

      // First reminder at t0+15 s, then the worker dies; the contribution reminder (t0+30 s)
      // and the second reminder (t0+35 s) fall due while no worker runs.
      await sink.waitFor(1, 40_000);
      // Kill once the delivery is recorded in the workflow (a kill between the SMTP server's
      // "accepted" and that record is the one window where a message can go out twice).
      const recorded = async () =>
        ((await api('GET', path)).body['notifications'] as unknown[]).length;
      while ((await recorded()) < 1) await sleep(100);
      await worker!.kill();
      const killedAt = Date.now();
      await sleep(Math.max(0, t0 + 37_000 - Date.now()));
      const beforeRestart = sink.received.length;
      worker = await startWorkerProcess(workerEnv);

      // Overdue (60 s), urge (70 s), escalation (75 s): 12 messages in all.
      const mails = await sink.waitFor(12, 90_000);
      const parsed = await Promise.all(mails.map(parseMail));
      const keys = parsed.map((m) => `${m.headers['x-duty-step']} -> ${m.to.join(',')}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(parsed.map((m) => m.subject.slice(0, m.subject.indexOf(']') + 1))).toEqual([
        '[Nhắc việc]',
        '[Nhắc phối hợp]',
        '[Nhắc việc]',
        '[Quá hạn phối hợp]',
        '[Quá hạn phối hợp]',
        '[Quá hạn]',
        '[Quá hạn]',
        '[Đôn đốc]',
        '[Đôn đốc]',
        '[Báo cáo chậm trễ]',
        '[Báo cáo chậm trễ]',
        '[Báo cáo chậm trễ]',
      ]);
      // What fell due during the outage arrived after the restart, not before, and not lost.
      expect(beforeRestart).toBe(1);
      expect(mails[1]!.receivedAt).toBeGreaterThan(killedAt);
      expect(parsed[1]!.to).toEqual(['tt-vhtt@e2e.example']);
      expect(parsed[0]!.text).toContain('Xem và xử lý nhiệm vụ: http://duties.e2e/duties/');

      const submitted = await api('POST', `${path}/submit`, {
        actor: lead,
        text: 'Kế hoạch năm',
        indicators: { communes: 18 },
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body['status']).toBe('submitted');
      const again = await api('POST', `${path}/submit`, { actor: lead, text: 'lần 2' });
      expect(again.status).toBe(409);
      expect((again.body['error'] as { message: string }).message).toBe(
        'the product has already been submitted',
      );
      const accepted = await api('POST', `${path}/review`, { actor: standing, outcome: 'accept' });
      expect(accepted.body['status']).toBe('accepted');

      // The standing agency is told of the product and the lead of its acceptance, at once.
      const told = await Promise.all((await sink.waitFor(14, 30_000)).slice(12).map(parseMail));
      expect(told.map((m) => [m.subject.slice(0, m.subject.indexOf(']') + 1), m.to])).toEqual([
        ['[Đã nộp sản phẩm]', [STANDING.head.email]],
        ['[Sản phẩm được chấp nhận]', [LEAD.head.email]],
      ]);
      let state = await api('GET', path);
      while ((state.body['notifications'] as unknown[]).length < 9) {
        await sleep(100);
        state = await api('GET', path);
      }
      expect(state.body['status']).toBe('accepted');
      expect((state.body['notifications'] as unknown[]).length).toBe(9);
      expect((state.body['history'] as { action: string }[]).map((h) => h.action)).toEqual([
        'assign',
        'acknowledge',
        'become-overdue',
        'submit',
        'accept',
      ]);
      // The read model follows: the coordinating agency finds the duty among its own.
      const listed = async () =>
        (await api('GET', `/api/duties?agencyId=${COORD.id}&role=coordinating`)).body['duties'] as {
          id: string;
          status: string;
        }[];
      while ((await listed()).find((d) => d.id === id)?.status !== 'accepted') await sleep(100);
      expect(
        (await api('GET', `/api/duties?agencyId=${COORD.id}&role=lead`)).body['duties'],
      ).toEqual([]);
      // The Temporal Web UI finds it by its search attributes.
      const client = new Client({ connection });
      const query = `PlanId = '${PLAN_ID}' AND AgencyId = '${COORD.id}' AND DutyState = 'accepted'`;
      const found = async () => {
        const ids: string[] = [];
        for await (const w of client.workflow.list({ query })) ids.push(w.workflowId);
        return ids;
      };
      while (!(await found()).includes(id)) await sleep(200);

      // The page the messages link to (behind sign-in) is tested in test/browser/.
      const closed = await api('POST', `${path}/cancel`, { actor: standing, reason: 'x' });
      expect(closed.status).toBe(409);
      expect(sink.received.length).toBe(14);
    },
  );
});

describe('ids, references and query strings hold their contract', () => {
  it('answers 404 when an id names a workflow of another kind, never 500', async () => {
    expect((await api('GET', '/api/duties/cycle:nope:2026')).status).toBe(404);
    expect((await api('GET', '/api/cycles/duty:nope:1:2026')).status).toBe(404);
    expect((await api('GET', '/api/cycles/duty:nope:1:2026/results')).status).toBe(404);
    expect((await api('GET', '/api/duties/plan-x/consolidation')).status).toBe(404);
  });

  it('refuses a duty naming an unknown plan, agency or cycle, or due outside 2000–2100, starting nothing', async () => {
    const base = {
      planId: PLAN_ID,
      dutyId: 'REF-1',
      period: '2027',
      title: 'Báo cáo thử tham chiếu',
      product: 'Báo cáo',
      dueAt: '2027-06-20T00:00:00+07:00',
      lead: LEAD,
      coordinating: [COORD],
      standing: STANDING,
      supervisor: { name: 'Chủ tịch', email: 'ct@e2e.example', title: 'Chủ tịch UBND huyện' },
    };
    const unknown = await api('POST', '/api/duties', {
      ...base,
      planId: 'ke-hoach-khong-co',
      coordinating: [COORD, { ...COORD, id: 'phong-khong-co' }],
      standing: { ...STANDING, id: 'ldtbxh-khong-co' },
      cycle: { id: 'cycle:ke-hoach-khong-co:2027', phase: 'reports' },
    });
    expect(unknown.status).toBe(400);
    const error = unknown.body['error'] as {
      code: string;
      message: string;
      details: { path: string }[];
    };
    expect(error.code).toBe('unknown_reference');
    expect(error.details.map((d) => d.path)).toEqual([
      'planId',
      'coordinating.1.id',
      'standing.id',
      'cycle.id',
    ]);
    for (const named of ['ke-hoach-khong-co', 'phong-khong-co', 'ldtbxh-khong-co'])
      expect(error.message).toContain(named);
    const early = await api('POST', '/api/duties', { ...base, dueAt: '1999-12-31T00:00:00+07:00' });
    expect(early.status).toBe(400);
    expect((early.body['error'] as { message: string }).message).toContain('2000');
    expect(
      (await api('POST', '/api/duties', { ...base, dueAt: '2101-01-01T00:00:00Z' })).status,
    ).toBe(400);
    expect((await api('GET', `/api/duties/duty:${PLAN_ID}:REF-1:2027`)).status).toBe(404);
  });

  it('retires an agency a duty names instead of deleting it; a named locality is not deleted either', async () => {
    const refused = await api('DELETE', `/api/agencies/${COORD.id}`);
    expect(refused.status).toBe(409);
    expect((refused.body['error'] as { code: string }).code).toBe('referenced');
    const retired = await api('POST', `/api/agencies/${COORD.id}/retire`);
    expect(retired.status).toBe(200);
    expect(typeof retired.body['retiredAt']).toBe('string');
    // Kept for history, but takes no new duty.
    expect((await api('GET', `/api/agencies/${COORD.id}`)).body['retiredAt']).toBe(
      retired.body['retiredAt'],
    );
    const again = await api('POST', '/api/duties', {
      planId: PLAN_ID,
      dutyId: 'REF-2',
      period: '2027',
      title: 'Báo cáo thử cơ quan đã ngừng',
      product: 'Báo cáo',
      dueAt: '2027-06-20T00:00:00+07:00',
      lead: COORD,
      standing: STANDING,
      supervisor: { name: 'Chủ tịch', email: 'ct@e2e.example', title: 'Chủ tịch UBND huyện' },
    });
    expect(again.status).toBe(400);
    expect((again.body['error'] as { message: string }).message).toContain('retired');
    const locality = await api('DELETE', `/api/localities/${PLAN_ID}-huyen`);
    expect(locality.status).toBe(409);
    expect((locality.body['error'] as { message: string }).message).toContain(LEAD.id);
    expect((await api('DELETE', '/api/localities/khong-co')).status).toBe(404);
  });

  it('takes empty query parameters as absent', async () => {
    const res = await api('GET', '/api/duties?role=&dueFrom=&status=&planId=');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body['duties'])).toBe(true);
  });

  it('refuses to delete an agency a plan still names, and a cycle that cannot launch', async () => {
    const { readDirectory, readPlanDefinition } = await import('../../plans/definition.ts');
    const { importDirectory, importPlan } = await import('../../plans/service.ts');
    const { readFileSync } = await import('node:fs');
    const text = (f: string) =>
      readFileSync(new URL(`../../fixtures/a-luoi/${f}`, import.meta.url), 'utf8');
    await importDirectory(db, readDirectory(text('directory.json'), 'json'));
    const plan = readPlanDefinition(text('plan.json'), 'json');
    await importPlan(db, plan, false);

    const refused = await api('DELETE', '/api/agencies/a-luoi.phong-ldtbxh');
    expect(refused.status).toBe(409);
    expect((refused.body['error'] as { message: string }).message).toContain(plan.id);
    expect((await api('GET', '/api/agencies/a-luoi.phong-ldtbxh')).status).toBe(200);

    // A directory edited outside the API (an older database) leaves the plan's lead missing:
    // the cycle is refused up front instead of sitting in "launching".
    await db.deleteFrom('agencies').where('id', '=', 'a-luoi.phong-ldtbxh').execute();
    const cycle = await api('POST', '/api/cycles', { planId: plan.id, year: 2024 });
    expect(cycle.status).toBe(409);
    expect((cycle.body['error'] as { code: string }).code).toBe('cannot_launch');
    expect((await api('GET', `/api/cycles/cycle:${plan.id}:2024`)).status).toBe(404);
  });
});

describe('writes done once', () => {
  const send = async (path: string, body: unknown, key?: string) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      replayed: res.headers.get('idempotency-replayed'),
      body: (await res.json()) as Record<string, unknown>,
    };
  };

  it('answers a retried POST with the first answer; the same allocation twice is 409', async () => {
    const { readDirectory, readPlanDefinition } = await import('../../plans/definition.ts');
    const { importDirectory, importPlan, importTable } = await import('../../plans/service.ts');
    const { readFileSync } = await import('node:fs');
    const fixture = (f: string) =>
      readFileSync(new URL(`../../fixtures/a-luoi/${f}`, import.meta.url));
    // The A Lưới plan with its table (the directory whole again, if a test above broke it).
    await importDirectory(db, readDirectory(fixture('directory.json').toString(), 'json'));
    await importPlan(db, readPlanDefinition(fixture('plan.json').toString(), 'json'), false);
    await importTable(
      db,
      'a-luoi-171-2022',
      { name: 'phan-cong.xlsx', bytes: fixture('phan-cong.xlsx') },
      false,
    );
    const start = { planId: 'a-luoi-171-2022', year: 2025, past: 'history' };
    const key = `retry-${Date.now()}`;
    const first = await send('/api/cycles', start, key);
    expect(first.status).toBe(201);
    const again = await send('/api/cycles', start, key);
    expect(again).toMatchObject({ status: 201, replayed: 'true', body: first.body });
    // The key is for that request only; without a key the second start is a conflict.
    expect((await send('/api/cycles', { ...start, year: 2024 }, key)).status).toBe(422);
    expect((await send('/api/cycles', start, 'bad key with spaces')).status).toBe(400);
    expect((await send('/api/cycles', start)).status).toBe(409);

    const cycle = `/api/cycles/${encodeURIComponent(String(first.body['id']))}`;
    const coordinator = { name: 'Chuyên viên', agencyId: 'a-luoi.ubnd-huyen' };
    const allocation = {
      actor: coordinator,
      projectRef: '2',
      amount: '1500000000',
      decision: 'Quyết định 12/QĐ-UBND',
    };
    let recorded = await send(`${cycle}/allocations`, allocation);
    for (let i = 0; recorded.status === 409 && i < 100; i++) {
      // The cycle is still starting its duties.
      await sleep(300);
      recorded = await send(`${cycle}/allocations`, allocation);
    }
    expect(recorded.status).toBe(200);
    const twice = await send(`${cycle}/allocations`, allocation);
    expect(twice.status).toBe(409);
    expect((twice.body['error'] as { message: string }).message).toContain('Quyết định 12/QĐ-UBND');
    const replaced = await send(`${cycle}/allocations`, {
      ...allocation,
      amount: '1200000000',
      replace: true,
    });
    expect(replaced.status).toBe(200);
    const project = (
      replaced.body['projects'] as { ref: string; allocated: string; allocations: unknown[] }[]
    ).find((p) => p.ref === '2');
    expect(project).toMatchObject({ allocated: '1200000000' });
    expect(project?.allocations).toHaveLength(1);
  });
});
