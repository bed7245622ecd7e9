// The labour office's endpoints on the dev server with a worker and a real SMTP server: the
// lists, the ladder in the open, "urge now" and its rate limit, the notification choices, and
// clear 4xx for bad input.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb, type Db } from '../../db/index.ts';
import { DAY_MS } from '../../domain/local-time.ts';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink.ts';
import { buildWorker } from '../../worker/build.ts';
import { NativeConnection } from '../../worker/create.ts';
import { startTestDevServer } from '../support/dev-server.ts';
import { parseMail } from '../support/mail.ts';
import { listen } from '../support/http.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';
import { importWorld } from '../support/contract-world.ts';

const TASK_QUEUE = 'duties';
const agency = (id: string, name: string) => ({
  id,
  name,
  head: { name: `Lãnh đạo ${name}`, email: `${id}@tracking.example` },
  focalPoints: [],
});
const LEAD = agency('phong-yte', 'Phòng Y tế');
const STANDING = agency('phong-ldtbxh', 'Phòng Lao động - Thương binh và Xã hội');
const standing = { name: 'Cán bộ LĐ-TB&XH', agencyId: STANDING.id };
const lead = { name: 'Cán bộ Y tế', agencyId: LEAD.id };

let dir: string;
let devServer: Awaited<ReturnType<typeof startTestDevServer>>;
let sink: MailSink;
let db: Db;
let connection: Connection;
let native: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let server: Server;
let base: string;

beforeAll(async () => {
  quietTemporalLogs();
  dir = mkdtempSync(join(tmpdir(), 'tracking-e2e-'));
  [devServer, sink] = await Promise.all([startTestDevServer(), startMailSink()]);
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  // The plan and agencies the duties name (POST /api/duties refuses unknown ones).
  await importWorld(db, { planId: 'tracking-e2e', agencies: [LEAD], standing: STANDING });
  connection = await Connection.connect({ address: devServer.address });
  const client = new Client({ connection });
  native = await NativeConnection.connect({ address: devServer.address });
  ({ worker } = await buildWorker({
    temporal: { connection: native, client },
    taskQueue: TASK_QUEUE,
    db,
    mailer: { host: '127.0.0.1', port: sink.port, secure: false },
    publicUrl: 'http://duties.e2e',
    mailFrom: 'no-reply@duties.e2e',
  }));
  running = worker.run();
  ({ server, base } = await listen(createApp({ client, db })));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await native?.close();
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
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const message = (r: { body: Record<string, unknown> }) =>
  (r.body['error'] as { message: string } | undefined)?.message ?? '';

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const got = await probe();
    if (got !== undefined) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function duty(dutyId: string, dueInMs: number) {
  return {
    planId: 'tracking-e2e',
    dutyId,
    period: '2026',
    title: `Báo cáo kết quả ${dutyId}`,
    product: 'Báo cáo',
    dueAt: new Date(Date.now() + dueInMs).toISOString(),
    lead: LEAD,
    coordinating: [],
    standing: STANDING,
    supervisor: { name: 'Chủ tịch UBND huyện', email: 'ct@tracking.example', title: 'Chủ tịch' },
    calendar: { officeHour: null, holidays: [], makeUpWorkingDays: [] },
  };
}

describe('tracking API on the dev server', () => {
  it('lists overdue and due-soon duties from the read model, with days and both deadlines', async () => {
    const late = await api('POST', '/api/duties', duty('late', -3.5 * DAY_MS));
    const soon = await api('POST', '/api/duties', duty('soon', 2.5 * DAY_MS));
    expect([late.status, soon.status]).toEqual([201, 201]);
    const overdue = await until(async () => {
      const r = await api('GET', '/api/duties/overdue?planId=tracking-e2e');
      const list = r.body['duties'] as { id: string; daysOverdue: number; extended: boolean }[];
      return list.length > 0 ? list : undefined;
    }, 'the overdue duty in the read model');
    expect(overdue.map((d) => [d.id, d.daysOverdue, d.extended])).toEqual([
      ['duty:tracking-e2e:late:2026', 4, false],
    ]);
    // Each duty writes its own row: the second may land after the first (on a multi-shard
    // server, it often does).
    const dueSoon = await until(async () => {
      const r = await api('GET', '/api/duties/due-soon?planId=tracking-e2e&days=3');
      const list = r.body['duties'] as { id: string; daysLeft: number }[];
      return list.length > 0 ? list : undefined;
    }, 'the duty due soon in the read model');
    expect(dueSoon.map((d) => [d.id, d.daysLeft])).toEqual([['duty:tracking-e2e:soon:2026', 3]]);
    const none = await api('GET', '/api/duties/due-soon?planId=tracking-e2e&days=1');
    expect(none.body['duties']).toEqual([]);
  });

  it('urges now: one message, then 429 with when it is possible again; the ladder shows it', async () => {
    const id = 'duty:tracking-e2e:soon:2026';
    const path = `/api/duties/${encodeURIComponent(id)}`;
    const byLead = await api('POST', `${path}/urge`, { actor: lead });
    expect(byLead.status).toBe(409);
    expect(message(byLead)).toContain('only the standing agency');
    const urged = await api('POST', `${path}/urge`, { actor: standing, comment: 'Khẩn' });
    expect(urged.status).toBe(200);
    const again = await api('POST', `${path}/urge`, { actor: standing });
    expect(again.status).toBe(429);
    expect(message(again)).toMatch(/the next urge is possible from \d\d:\d\d \d\d\/\d\d\/\d{4}/);
    const mails = await until(async () => {
      const parsed = await Promise.all(sink.received.map(parseMail));
      const urges = parsed.filter((m) => m.subject.startsWith('[Đôn đốc]'));
      return urges.length >= 2 ? urges : undefined;
    }, 'the urge');
    expect(mails.map((m) => m.to[0]).sort()).toEqual([LEAD.head.email, STANDING.head.email].sort());
    const ladder = await until(async () => {
      const r = await api('GET', `${path}/ladder`);
      const sent = r.body['sent'] as { kind: string }[];
      return sent.some((s) => s.kind === 'urge-now') ? r.body : undefined;
    }, 'the urge in the ladder');
    expect(ladder['sent']).toEqual([
      expect.objectContaining({
        kind: 'urge-now',
        recipients: [
          { email: LEAD.head.email, copy: false, delivery: 'sent' },
          { email: STANDING.head.email, copy: true, delivery: 'sent' },
        ],
      }),
    ]);
    // What comes next: the last reminder (a day ahead), the deadline, the overdue notice,
    // urges, and the escalation among them.
    const next = (ladder['next'] as { kind: string; at: string }[]).map((s) => s.kind);
    expect(next.slice(0, 4)).toEqual(['reminder', 'deadline', 'overdue', 'urge']);
    expect(next.filter((k) => k === 'escalation')).toHaveLength(1);
  });

  it('refuses bad input on every new endpoint with a 4xx that names what is wrong', async () => {
    const period = await api('GET', '/api/reports/matrix?planId=x&period=June');
    expect(period.status).toBe(400);
    expect(message(period)).toContain('period');
    const plan = await api('GET', '/api/reports/matrix?planId=nope&period=2026');
    expect(plan.status).toBe(404);
    const days = await api('GET', '/api/duties/due-soon?days=0');
    expect(days.status).toBe(400);
    expect(message(days)).toContain('days');
    const format = await api('GET', '/api/duties/overdue?format=pdf');
    expect(format.status).toBe(400);
    expect(message(format)).toContain('format');
    const mode = await api('PUT', '/api/agencies/phong-yte/notifications', { mode: 'weekly' });
    expect(mode.status).toBe(400);
    expect(message(mode)).toContain('mode');
    const unknown = await api('PUT', '/api/agencies/nope/notifications', { mode: 'digest' });
    expect(unknown.status).toBe(404);
    const email = await api('PUT', '/api/notification-preferences', {
      email: 'not-an-email',
      nonCriticalReminders: false,
    });
    expect(email.status).toBe(400);
    expect(message(email)).toContain('email');
    const ladder = await api('GET', '/api/duties/duty:nope:1:2026/ladder');
    expect(ladder.status).toBe(404);
    const feed = await fetch(`${base}/api/agencies/phong-yte/calendar.ics`);
    expect(feed.status).toBe(404);
  });

  it('refuses writes from another site, and answers with headers that keep answers private', async () => {
    const res = await fetch(`${base}/api/duties`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify(duty('cross-site', DAY_MS)),
    });
    expect(res.status).toBe(403);
    const list = await fetch(`${base}/api/duties/overdue`);
    expect(list.headers.get('x-content-type-options')).toBe('nosniff');
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect((await api('GET', '/api/duties?planId=tracking-e2e')).body['duties']).not.toContainEqual(
      expect.objectContaining({ dutyId: 'cross-site' }),
    );
  });

  it('documents every tracking endpoint in the OpenAPI document', async () => {
    const doc = await api('GET', '/api/openapi.json');
    const paths = Object.keys(doc.body['paths'] as object);
    for (const p of [
      '/api/reports/matrix',
      '/api/duties/overdue',
      '/api/duties/due-soon',
      '/api/duties/{id}/ladder',
      '/api/duties/{id}/urge',
      '/api/agencies/{id}/calendar.ics',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
