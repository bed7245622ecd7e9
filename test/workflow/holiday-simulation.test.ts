// The Done-when check of the national calendar: a plan whose calendar lists no holiday at all,
// simulated for 2024, 2025 and 2026 on the time-skipping server, writes to nobody on a public
// holiday (Tết included), a day given off by the year's announcement, or a weekend that is not
// a make-up working day. Its few duties fall due just before, inside and after Tết, 30/4–1/5,
// 2/9 and the new year, and nobody submits, so each runs its whole ladder across the holidays.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanDefinition } from '../../common/plan-schema.ts';
import { openDb, type Db } from '../../db/index.ts';
import { formatDateTime, localDateKey, localParts } from '../../domain/local-time.ts';
import { readDirectory } from '../../plans/definition.ts';
import { nationalYear } from '../../plans/national-calendar.ts';
import { importDirectory, importPlan } from '../../plans/service.ts';
import { Behaviour, type SimulationResult } from '../../simulation/schema.ts';
import { simulateYear } from '../../simulation/simulate.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';

const fixture = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url));
const PLAN_ID = 'le-tet-a-luoi';

const duty = (ref: string, day: string, lead: string, coordinating: string[] = []) => ({
  ref,
  content: `Báo cáo kết quả thực hiện nhiệm vụ ${ref} gửi Phòng Lao động - Thương binh và Xã hội`,
  lead,
  coordinating,
  product: `Báo cáo ${ref}`,
  time: `trước ngày ${day} hàng năm`,
});

let db: Db;
let dir: string;

beforeAll(async () => {
  quietTemporalLogs();
  dir = mkdtempSync(join(tmpdir(), 'holiday-sim-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  await importDirectory(db, readDirectory(fixture('a-luoi/directory.json').toString(), 'json'));
  const real = JSON.parse(fixture('a-luoi/plan.json').toString()) as Record<string, unknown>;
  const plan = PlanDefinition.parse({
    ...real,
    id: PLAN_ID,
    number: '01/KH-UBND',
    title: 'Kế hoạch thử lịch nghỉ lễ, Tết',
    period: { from: 2023, to: 2027 },
    calendar: { officeHour: '08:00', holidays: [], makeUpWorkingDays: [] },
    projects: [],
    targets: [],
    duties: [
      duty('N0', '02/01', 'Phòng Giáo dục và Đào tạo'),
      duty('T1', '28/01', 'Phòng Lao động - Thương binh và Xã hội'),
      duty('T2', '10/02', 'Phòng Tài chính - Kế hoạch', [
        'Phòng Nông nghiệp và Phát triển nông thôn',
      ]),
      duty('T3', '18/02', 'Phòng Giáo dục và Đào tạo'),
      duty('L1', '27/04', 'Phòng Nông nghiệp và Phát triển nông thôn'),
      duty('L2', '02/05', 'Phòng Tài chính - Kế hoạch'),
      duty('Q1', '01/09', 'Phòng Giáo dục và Đào tạo'),
      duty('N1', '22/12', 'Phòng Lao động - Thương binh và Xã hội'),
    ],
  });
  expect(plan.calendar.holidays).toEqual([]);
  const imported = await importPlan(db, plan, false);
  expect(imported).toMatchObject({ outcome: 'created', summary: { duties: 8 } });
});

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** Days off as announced: Tết spans and the other holidays, typed here from the announcements. */
const KNOWN_DAYS_OFF: Record<number, [string, string][]> = {
  2024: [
    ['2024-01-01', '2024-01-01'],
    ['2024-02-08', '2024-02-14'],
    ['2024-04-18', '2024-04-18'],
    ['2024-04-27', '2024-05-01'],
    ['2024-08-31', '2024-09-03'],
    ['2025-01-01', '2025-01-01'],
  ],
  2025: [
    ['2025-01-01', '2025-01-01'],
    ['2025-01-25', '2025-02-02'],
    ['2025-04-05', '2025-04-07'],
    ['2025-04-30', '2025-05-04'],
    ['2025-08-30', '2025-09-02'],
    ['2026-01-01', '2026-01-04'],
  ],
  2026: [
    ['2026-01-01', '2026-01-04'],
    ['2026-02-14', '2026-02-22'],
    ['2026-04-25', '2026-04-27'],
    ['2026-04-30', '2026-05-03'],
    ['2026-09-02', '2026-09-02'],
    ['2027-01-01', '2027-01-01'],
  ],
};

const within = (date: string, spans: [string, string][]) =>
  spans.some(([from, to]) => date >= from && date <= to);

/** Every message the simulation recorded, with its local day. */
function messages(result: SimulationResult) {
  return result.duties.flatMap((d) =>
    d.notifications.map((n) => {
      const ms = Date.parse(n.at);
      return { duty: d.id, kind: n.kind, ms, date: localDateKey(ms), at: formatDateTime(ms) };
    }),
  );
}

const firstOverdue = (result: SimulationResult, ref: string): string | undefined => {
  const d = result.duties.find((x) => x.id === `duty:${PLAN_ID}:${ref}:${result.year}`);
  const n = d?.notifications.find((x) => x.kind === 'overdue');
  return n && formatDateTime(Date.parse(n.at));
};

describe('a plan with no holidays typed, simulated year by year', () => {
  const behaviour = Behaviour.parse({
    seed: 5,
    missingShare: 1,
    lateShare: 0,
    extensionShare: 0,
  });

  // The first overdue notice of a duty whose deadline meets a holiday: the next working
  // morning after the days off (weekends alone would give an earlier one). N0 is overdue
  // when the cycle starts on 2 January: its notice waits for the first working morning.
  const expectedOverdue: Record<number, Record<string, string>> = {
    2024: { T2: '08:00 15/02/2024', L1: '08:00 02/05/2024', Q1: '08:00 04/09/2024' },
    2025: { T1: '08:00 03/02/2025', L2: '08:00 05/05/2025', Q1: '08:00 03/09/2025' },
    2026: { N0: '08:00 05/01/2026', T3: '08:00 23/02/2026', L1: '08:00 28/04/2026' },
  };

  for (const year of [2024, 2025, 2026]) {
    it(
      `${year}: nothing on a holiday, Tết included, or a weekend`,
      { timeout: 120_000 },
      async () => {
        const result = await simulateYear(db, PLAN_ID, { year, behaviour });
        expect(result.summary.refusedActions).toEqual([]);
        expect(result.shadowYear).not.toBe(year);
        const sent = messages(result);
        // Every ladder ran: reminders before, notices and urges after, escalations.
        expect([...new Set(sent.map((m) => m.kind))]).toEqual(
          expect.arrayContaining([
            'reminder',
            'overdue',
            'urge',
            'escalation',
            'contribution-reminder',
            'contribution-overdue',
          ]),
        );

        const national = [year - 1, year, year + 1].map(nationalYear);
        const daysOff = new Set(national.flatMap((n) => n.daysOff.map((d) => d.date)));
        const makeUp = new Set(national.flatMap((n) => n.makeUpWorkingDays.map((d) => d.date)));
        const wrong = sent.filter((m) => {
          const weekend = [0, 6].includes(localParts(m.ms).weekday);
          return (
            daysOff.has(m.date) ||
            within(m.date, KNOWN_DAYS_OFF[year] ?? []) ||
            (weekend && !makeUp.has(m.date))
          );
        });
        expect(wrong.map((m) => `${m.at} ${m.kind} ${m.duty}`)).toEqual([]);

        for (const [ref, at] of Object.entries(expectedOverdue[year] ?? {})) {
          expect(firstOverdue(result, ref), `${ref} ${year}`).toBe(at);
        }
      },
    );
  }
});
