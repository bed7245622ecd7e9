import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb, type Db } from '../../db/index.ts';
import { createSession } from '../../db/users.ts';
import { listen } from '../support/http.ts';
import { deliveryInstant, IMMEDIATE_CALENDAR, isWorkingDay } from '../../domain/calendar.ts';
import { formatDateTime, localInstant } from '../../domain/local-time.ts';
import { CALENDAR_2026 } from '../support/fixtures.ts';

const at = (ms: number): string => formatDateTime(ms);

describe('work calendar', () => {
  it('treats weekends and configured holidays as days off, make-up days as working', () => {
    const cal = { ...CALENDAR_2026, makeUpWorkingDays: ['2026-05-09'] };
    expect(isWorkingDay(cal, localInstant(2026, 6, 19, 12))).toBe(true); // Friday
    expect(isWorkingDay(cal, localInstant(2026, 6, 20, 12))).toBe(false); // Saturday
    expect(isWorkingDay(cal, localInstant(2026, 4, 30, 12))).toBe(false); // 30/4 holiday
    expect(isWorkingDay(cal, localInstant(2026, 5, 9, 12))).toBe(true); // make-up Saturday
  });

  it('delivers a later message at the next office hour on a working day', () => {
    // Saturday 20/6 00:00 -> Monday 22/6 08:00
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 6, 20), 'later'))).toBe(
      '08:00 22/06/2026',
    );
    // Past the office hour on a working day: the next working morning.
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 6, 17, 9), 'later'))).toBe(
      '08:00 18/06/2026',
    );
    // Across the 30/4 – 1/5 holidays and the weekend: Wednesday 29/4 noon -> Monday 4/5.
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 4, 29, 12), 'later'))).toBe(
      '08:00 04/05/2026',
    );
  });

  it('brings an earlier message forward to the last working day', () => {
    // Sunday 14/6 -> Friday 12/6 08:00
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 6, 14), 'earlier'))).toBe(
      '08:00 12/06/2026',
    );
    expect(at(deliveryInstant(CALENDAR_2026, localInstant(2026, 6, 17, 15), 'earlier'))).toBe(
      '08:00 17/06/2026',
    );
  });

  it('delivers at once when the calendar has no office hour', () => {
    const t = localInstant(2026, 6, 20, 3, 17);
    expect(deliveryInstant(IMMEDIATE_CALENDAR, t, 'later')).toBe(t);
  });

  it('refuses a calendar with no working day at all', () => {
    const cal = { officeHour: '08:00', holidays: [], makeUpWorkingDays: [] };
    const allOff = {
      ...cal,
      holidays: Array.from({ length: 400 }, (_, i) =>
        new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      ),
    };
    expect(() => deliveryInstant(allOff, localInstant(2026, 1, 1), 'later')).toThrow(
      'no working day',
    );
  });
});

describe('the national calendar over HTTP', () => {
  const COORDINATOR = 'dieu-phoi@ubnd.a-luoi.example';
  let db: Db;
  let dir: string;
  let base: string;
  let server: Server;
  let client: Client;
  let cookie: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'calendar-page-'));
    db = await openDb({ sqliteFile: ':memory:' });
    // A client that cannot reach any server: the calendar needs no Temporal.
    client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const app = createApp({
      client,
      db,
      log: () => undefined,
      web: {
        sessionSecret: 's'.repeat(40),
        publicUrl: 'http://127.0.0.1',
        mailFrom: 'test@duties.example',
        dataDir: dir,
        coordinatorEmails: [COORDINATOR],
      },
    });
    ({ server, base } = await listen(app, { acceptLanguage: null }));
    cookie = `sid=${(await createSession(db, COORDINATOR, 3_600_000)).token}`;
  });

  afterAll(async () => {
    server?.close();
    await client?.connection.close();
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows a signed-in user the year's days off and make-up days in Vietnamese", async () => {
    const res = await fetch(`${base}/calendar?year=2026`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const text = (await res.text()).replace(/\s+/g, ' ');
    expect(text).toContain('Lịch nghỉ lễ, Tết năm 2026');
    // The tables' rows as a reader sees them: date, weekday, holiday, kind.
    const rows = [...text.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) =>
      [...(r[1] ?? '').matchAll(/<td>(.*?)<\/td>/g)].map((c) =>
        (c[1] ?? '').replace(/<[^>]+>/g, '').trim(),
      ),
    );
    const row = (date: string) => rows.find((r) => r[0] === date);
    // Tết: Monday 16/02/2026 is the last day of the lunar year, 17/02 mùng 1.
    expect(row('16/02/2026')?.slice(0, 3)).toEqual([
      '16/02/2026',
      'Thứ Hai',
      'Tết Nguyên đán (29 tháng Chạp)',
    ]);
    expect(row('17/02/2026')?.[2]).toBe('Tết Nguyên đán (mùng 1 tháng Giêng)');
    // Hùng Kings' day on a Sunday, Monday off in lieu.
    expect(row('26/04/2026')?.[1]).toBe('Chủ nhật');
    expect(row('27/04/2026')?.slice(1)).toEqual([
      'Thứ Hai',
      'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
      'Nghỉ bù (ngày lễ trùng ngày nghỉ hằng tuần)',
    ]);
    // The new year's bridge and its make-up Saturday.
    expect(row('02/01/2026')?.[3]).toBe('Nghỉ theo thông báo (nghỉ bù, hoán đổi)');
    expect(row('10/01/2026')?.[1]).toBe('Thứ Bảy');
    expect(text).toContain('dự kiến');
  });

  it('sends anyone not signed in to sign in, and refuses a year out of range', async () => {
    const anon = await fetch(`${base}/calendar?year=2026`, { redirect: 'manual' });
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toMatch(/^\/sign-in/);
    const bad = await fetch(`${base}/calendar?year=1890`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('chỉ xem được lịch nghỉ các năm từ 2000 đến 2100');
  });

  it('answers GET /api/calendar/:year as JSON', async () => {
    const res = await fetch(`${base}/api/calendar/2024`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      announced: boolean;
      daysOff: { date: string; weekday: { vi: string }; holiday: string; kind: string }[];
      makeUpWorkingDays: { date: string }[];
    };
    expect(body.announced).toBe(true);
    const tet = body.daysOff.filter((d) => d.holiday === 'tet-nguyen-dan');
    expect(tet.map((d) => d.date)).toEqual([
      '2024-02-08',
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
    ]);
    expect(tet[0]?.weekday.vi).toBe('Thứ Năm');
    expect(body.makeUpWorkingDays.map((d) => d.date)).toEqual(['2024-05-04']);
    const bad = await fetch(`${base}/api/calendar/20x4`);
    expect(bad.status).toBe(400);
    const refusal = (await bad.json()) as { error: { code: string; message: string } };
    expect(refusal.error.code).toBe('invalid_year');
    expect(refusal.error.message).toContain('2000');
  });
});
