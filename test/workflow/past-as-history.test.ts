// A year started after its deadlines (issue 13, "late and past starts"), on the time-skipping
// server with a real SMTP sink: A Lưới's plan moved to last year, whose every deadline is
// behind us. The preview (JSON) warns how many duties are past due and what "start and chase
// now" would send at once; started with the past recorded as history, each lead agency gets
// one summary, nobody gets an overdue notice or an escalation, and the duties are overdue in
// the read model and the matrix.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { createSmtpMailer } from '../../activities/mailer.ts';
import { createApp } from '../../api/app.ts';
import { CyclePreviewBody } from '../../api/routes/cycle-preview.ts';
import type { CycleState } from '../../common/cycle-schema.ts';
import { cycleWorkflowId, getCycleQuery, getStateQuery } from '../../common/messages.ts';
import type { DirectoryAgency } from '../../common/plan-schema.ts';
import type { Db } from '../../db/index.ts';
import type { MailSink } from '../../scripts/lib/mail-sink.ts';
import { parseMail } from '../support/mail.ts';
import { importALuoiMovedTo } from '../support/moved-plan.ts';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/test-worker.ts';

const DAY = 86_400_000;
// Scripts' token: a coordinator, on the JSON API and the pages alike.
const TOKEN = 'past-as-history-token-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'past-as-history-web-'));

let env: TestWorkflowEnvironment;
let stack: TimeSkippingStack;
let sink: MailSink;
let db: Db;
let server: Server;
let base: string;
let year: number;
let planId: string;

beforeAll(async () => {
  stack = await startTimeSkippingStack('past-as-history', 'duties');
  ({ env, sink, db } = stack);
  // Last year: the server's clock starts at today's date, so all of its deadlines are gone.
  year = new Date(await env.currentTimeMs()).getUTCFullYear() - 1;
  planId = await importALuoiMovedTo(db, year);
  server = await new Promise<Server>((resolve) => {
    const srv = createApp({
      client: env.client,
      db,
      apiToken: TOKEN,
      web: {
        sessionSecret: 'a session secret of more than thirty-two characters',
        publicUrl: 'http://duties.test',
        mailFrom: 'no-reply@duties.test',
        dataDir,
        coordinatorEmails: [],
      },
    }).listen(0, '127.0.0.1', () => resolve(srv));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const call = async (method: string, path: string, body?: unknown, lang = 'vi') => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'accept-language': lang,
      authorization: `Bearer ${TOKEN}`,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 300; i++) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: never reached, last ${JSON.stringify(last)}`);
}

const people = async (agencyId: string): Promise<string[]> => {
  const row = await db
    .selectFrom('agencies')
    .select('entry_json')
    .where('id', '=', agencyId)
    .executeTakeFirstOrThrow();
  const a = JSON.parse(row.entry_json) as DirectoryAgency;
  return [...new Set([a.head, ...a.focalPoints].map((c) => c.email.toLowerCase()))];
};

let preview: CyclePreviewBody;

describe('a year started after its deadlines', () => {
  it('the preview warns how many duties are past due and what chasing now would send', async () => {
    const answer = await call('GET', `/api/plans/${planId}/cycle-preview?year=${year}`);
    expect(answer.status).toBe(200);
    preview = CyclePreviewBody.parse(answer.body);
    // The plan's eleven duties of the year (nine capital registrations, two reports), all past.
    expect(preview).toMatchObject({ started: false, duties: 11, pastDue: 11, warning: true });
    expect(preview.agencies.reduce((n, a) => n + a.pastDue, 0)).toBe(11);
    // Months late: the overdue notice folds into the escalation each duty owes at once.
    expect(preview.sentAtOnce.chase).toMatchObject({
      overdueNotices: 0,
      urges: 0,
      escalations: 11,
    });
    expect(preview.agencies.flatMap((a) => a.escalateTo)).toContain('Chủ tịch UBND huyện');
    expect(preview.sentAtOnce.history).toMatchObject({
      overdueNotices: 0,
      urges: 0,
      escalations: 0,
      contributionOverdue: 0,
      summaries: preview.agencies.filter((a) => a.pastDue > 0).length,
    });
    expect(preview.message).toMatch(/^Cảnh báo: 11\/11 nhiệm vụ của năm \d{4} đã quá thời hạn/);
    expect(preview.message).toContain('11 báo cáo chậm trễ tới Chủ tịch UBND huyện');

    const outside = await call('GET', `/api/plans/${planId}/cycle-preview?year=${year + 1}`);
    expect(outside.status).toBe(400);
    expect((outside.body['error'] as { message: string }).message).toBe(
      `Năm "${year + 1}" không hợp lệ: kế hoạch thực hiện trong giai đoạn ${year}–${year}.`,
    );
    expect((await call('GET', `/api/plans/khong-co/cycle-preview?year=${year}`)).status).toBe(404);

    // The page says the same, and offers the two ways to start.
    const page = await fetch(`${base}/plans/${planId}/cycle-preview?year=${year}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const text = await page.text();
    expect(page.status).toBe(200);
    expect(text).toContain('role="alert"');
    expect(text).toContain('Cảnh báo: 11/11 nhiệm vụ');
    expect(text).toMatch(
      /<button type="submit" name="past" value="history">\s*Ghi nhận phần đã qua là lịch sử/,
    );
    expect(text).toMatch(/name="past" value="chase"[^>]*>\s*Bắt đầu và đôn đốc ngay/);
  });

  it('recorded as history: one summary per person of each lead agency, no notice, no escalation', async () => {
    const started = await call('POST', '/api/cycles', { planId, year, past: 'history' });
    expect(started.status).toBe(201);
    const id = cycleWorkflowId({ planId, year });
    const cycle = await until(
      'the summaries',
      () => env.client.workflow.getHandle(id).query(getCycleQuery),
      (s: CycleState) => s.pastAsHistory !== undefined,
    );
    const leads = preview.agencies.filter((a) => a.pastDue > 0);
    expect(cycle.pastAsHistory).toEqual({ agencies: leads.length, duties: 11 });
    const expected = (await Promise.all(leads.map((a) => people(a.agencyId)))).flat();
    const summaries = async () =>
      (await Promise.all(sink.received.map(parseMail))).filter((m) =>
        m.subject.startsWith('[Tổng hợp nhiệm vụ quá hạn]'),
      );
    const mails = await until('every summary', summaries, (m) => m.length >= expected.length);
    expect(mails.flatMap((m) => m.to.map((t) => t.toLowerCase())).sort()).toEqual(
      [...expected].sort(),
    );
    for (const lead of leads) {
      // Each person of the agency: one message, naming the plan, its year and the agency.
      const own = await people(lead.agencyId);
      const theirs = mails.filter((m) => own.includes(m.to[0]?.toLowerCase() ?? ''));
      expect(theirs).toHaveLength(own.length);
      for (const mail of theirs) {
        expect(mail.subject).toBe(
          `[Tổng hợp nhiệm vụ quá hạn] 171/KH-UBND năm ${year}: ${lead.pastDue} nhiệm vụ do ${lead.agencyName} chủ trì`,
        );
        expect(mail.text.match(/Hạn: \d\d\/\d\d\/\d{4}.* – đã quá hạn \d+ ngày/g)).toHaveLength(
          lead.pastDue,
        );
        expect(mail.headers['x-cycle-id']).toBe(id);
      }
    }

    // Every duty is overdue in the read model, and the matrix counts it missing or overdue.
    const rows = await until(
      'the read model',
      () => db.selectFrom('duties').selectAll().where('plan_id', '=', planId).execute(),
      (r) => r.length === 11 && r.every((d) => d.status === 'overdue'),
    );
    const overdue = await call('GET', `/api/duties/overdue?planId=${planId}`);
    expect((overdue.body['duties'] as unknown[]).length).toBe(11);
    const matrix = await call('GET', `/api/reports/matrix?planId=${planId}&period=${year}`);
    const reports = matrix.body['reports'] as { cells: { state: string }[] }[];
    expect(reports.flatMap((r) => r.cells.map((c) => c.state))).toEqual(['missing', 'missing']);
    expect((matrix.body['duties'] as { counts: Record<string, number> }).counts['overdue']).toBe(9);

    // Two working days on (chasing, the escalations would have gone the first morning): no
    // overdue notice, urge or escalation, by mail or on any duty's record; the ladder chases
    // from the start, its escalation ten days after it.
    await env.sleep(2 * DAY);
    await new Promise((r) => setTimeout(r, 1000));
    const LATE = ['overdue', 'urge', 'escalation'];
    const all = await Promise.all(sink.received.map(parseMail));
    expect(
      all
        .filter((m) => /^\[(Quá hạn|Đôn đốc|Báo cáo chậm trễ)\]/.test(m.subject))
        .map((m) => m.subject),
    ).toEqual([]);
    expect((await summaries()).length).toBe(expected.length);
    const logged = await db
      .selectFrom('notifications')
      .select(['step_kind'])
      .where('workflow_id', 'like', `duty:${planId}:%`)
      .where('step_kind', 'in', LATE)
      .execute();
    expect(logged).toEqual([]);
    const startedAt = Date.parse(cycle.launchedAt ?? '');
    for (const row of rows) {
      const state = await env.client.workflow.getHandle(row.id).query(getStateQuery);
      expect(state.pastAsHistory).toBe(true);
      expect(state.status).toBe('overdue');
      expect(state.notifications.filter((n) => LATE.includes(n.kind))).toEqual([]);
      const ladder = await call('GET', `/api/duties/${encodeURIComponent(row.id)}/ladder`);
      const next = ladder.body['next'] as { kind: string; at: string }[];
      expect(next.map((s) => s.kind)).not.toContain('overdue');
      const escalation = next.find((s) => s.kind === 'escalation');
      expect(Date.parse(escalation?.at ?? '')).toBeGreaterThanOrEqual(startedAt + 10 * DAY);
      const firstUrge = next.find((s) => s.kind === 'urge');
      expect(Date.parse(firstUrge?.at ?? '')).toBeGreaterThanOrEqual(startedAt + 3 * DAY);
    }
  });

  it('a duty started alone after its deadline takes the same flag through the API', async () => {
    const agency = async (id: string) => {
      const row = await db
        .selectFrom('agencies')
        .select('entry_json')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const a = JSON.parse(row.entry_json) as DirectoryAgency;
      return { id: a.id, name: a.name, head: a.head, focalPoints: a.focalPoints };
    };
    const now = await env.currentTimeMs();
    const duty = async (dutyId: string, pastAsHistory?: boolean) => {
      const started = await call('POST', '/api/duties', {
        planId,
        dutyId,
        period: String(year),
        title: 'Báo cáo đột xuất về hộ nghèo phát sinh',
        product: 'Báo cáo',
        dueAt: new Date(now - 60 * DAY).toISOString(),
        lead: await agency('a-luoi.phong-nnptnt'),
        standing: await agency('a-luoi.phong-ldtbxh'),
        supervisor: {
          name: 'Chủ tịch',
          email: 'chu-tich@a-luoi.example',
          title: 'Chủ tịch UBND huyện',
        },
        ...(pastAsHistory === undefined ? {} : { pastAsHistory }),
      });
      expect(started.status).toBe(201);
      const id = started.body['id'] as string;
      await until(
        'overdue',
        () => env.client.workflow.getHandle(id).query(getStateQuery),
        (st) => st.status === 'overdue',
      );
      const ladder = await call('GET', `/api/duties/${encodeURIComponent(id)}/ladder`);
      return (ladder.body['next'] as { kind: string; at: string }[]).map((x) => ({
        kind: x.kind,
        days: (Date.parse(x.at) - now) / DAY,
      }));
    };
    const history = await duty('DX-1', true);
    expect(history.map((x) => x.kind)).not.toContain('overdue');
    expect(history.find((x) => x.kind === 'escalation')?.days).toBeGreaterThanOrEqual(10);
    // Without it, the duty chases: the escalation the first working morning.
    const chased = await duty('DX-2');
    expect(chased.find((x) => x.kind === 'escalation')?.days).toBeLessThan(4);
  });

  it('sends a summary once per cycle and person, however often the activity runs', async () => {
    const before = sink.received.length;
    const activities = createActivities({
      db,
      client: env.client,
      mailer: createSmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false }),
      publicUrl: 'http://duties.test',
      mailFrom: 'no-reply@duties.test',
    });
    const cycle = await env.client.workflow
      .getHandle(cycleWorkflowId({ planId, year }))
      .query(getCycleQuery);
    const again = await new MockActivityEnvironment().run(activities.sendPastDueSummaries, {
      planId,
      year,
      cycleId: cycle.cycleId,
      startedAt: cycle.launchedAt ?? '',
    });
    expect(again).toMatchObject({ agencies: cycle.pastAsHistory?.agencies, messages: 0 });
    expect(sink.received.length).toBe(before);
  });
});
