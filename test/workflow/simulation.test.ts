// A plan's year simulated with the real workflow code on the time-skipping server, checked
// against the plan's text: A Lưới (its file and appendix table) and Tu Mơ Rông.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanDefinition } from '../../common/plan-schema.ts';
import { openDb, type Db } from '../../db/index.ts';
import { DAY_MS } from '../../domain/local-time.ts';
import { readDirectory, readPlanDefinition } from '../../plans/definition.ts';
import { importDirectory, importPlan, importTable } from '../../plans/service.ts';
import { Behaviour, type SimulationResult } from '../../simulation/schema.ts';
import { simulateYear, timelineCsv } from '../../simulation/simulate.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';

const fixture = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url));
let db: Db;
let dir: string;

beforeAll(async () => {
  quietTemporalLogs();
  dir = mkdtempSync(join(tmpdir(), 'simulate-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  for (const plan of ['a-luoi', 'tu-mo-rong']) {
    await importDirectory(db, readDirectory(fixture(`${plan}/directory.json`).toString(), 'json'));
  }
  await importPlan(
    db,
    PlanDefinition.parse(JSON.parse(fixture('a-luoi/plan.json').toString())),
    false,
  );
  await importTable(
    db,
    'a-luoi-171-2022',
    { name: 'phan-cong.xlsx', bytes: fixture('a-luoi/phan-cong.xlsx') },
    false,
  );
  await importPlan(
    db,
    readPlanDefinition(fixture('tu-mo-rong/plan.yaml').toString(), 'yaml'),
    false,
  );
});

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** What the policy (urge every 3 days, escalate after 10) owes a duty nobody submitted. */
function expectChased(d: SimulationResult['duties'][number]): void {
  const due = Date.parse(d.dueAt);
  const after = (kind: string) =>
    d.notifications.filter((n) => n.kind === kind).map((n) => Date.parse(n.at) - due);
  const [overdue] = after('overdue');
  expect(overdue).toBeGreaterThanOrEqual(0);
  expect(overdue).toBeLessThan(4 * DAY_MS); // the first working morning, weekends and holidays aside
  expect(after('urge').every((t) => t >= 3 * DAY_MS)).toBe(true);
  const escalations = after('escalation');
  expect(escalations).toHaveLength(1);
  expect(escalations[0]).toBeGreaterThanOrEqual(10 * DAY_MS);
  expect(escalations[0]).toBeLessThan(14 * DAY_MS);
}

describe('simulating a plan year', () => {
  it(
    'A Lưới 2023: every deadline on the date the text states; late agencies urged and escalated',
    { timeout: 300_000 },
    async () => {
      const behaviour = Behaviour.parse({
        seed: 7,
        lateShare: 0.3,
        missingShare: 0.2,
        extensionShare: 0.1,
      });
      const result = await simulateYear(db, 'a-luoi-171-2022', { year: 2023, behaviour });
      expect(result.summary.refusedActions).toEqual([]);
      const byDuty = new Map(result.duties.map((d) => [d.id, d]));
      // "báo cáo … trước ngày 20/6 hàng năm (báo cáo 6 tháng), báo cáo năm trước ngày 20/11 hàng năm"
      expect(byDuty.get('duty:a-luoi-171-2022:BC-6T:2023')?.originalDueAt).toBe(
        '2023-06-19T17:00:00.000Z',
      );
      expect(byDuty.get('duty:a-luoi-171-2022:BC-NAM:2023')?.originalDueAt).toBe(
        '2023-11-19T17:00:00.000Z',
      );
      // "Hàng năm … Giai đoạn 2021 - 2025": the nine (sub-)projects, by 31/12/2023.
      const projects = result.duties.filter((d) =>
        /^duty:a-luoi-171-2022:\d(\.\d)?:2023$/.test(d.id),
      );
      expect(projects).toHaveLength(9);
      expect(new Set(projects.map((d) => d.originalDueAt))).toEqual(
        new Set(['2023-12-31T17:00:00.000Z']),
      );
      // Each allocation of 1 March opened a commitment due 30 days later.
      const commitments = result.duties.filter((d) => d.id.includes('.cam-ket:'));
      expect(commitments).toHaveLength(9);
      expect(new Set(commitments.map((d) => d.originalDueAt))).toEqual(
        new Set(['2023-03-31T17:00:00.000Z']),
      );
      // Every duty ends accepted, or — never submitted — overdue, chased up to the escalation.
      expect(Object.keys(result.summary.byStatus).sort()).toEqual(['accepted', 'overdue']);
      const missing = result.duties.filter((d) => d.status === 'overdue');
      expect(missing.length).toBe(result.summary.neverSubmitted);
      expect(missing.length).toBeGreaterThan(0);
      missing.forEach(expectChased);
      expect(result.duties.filter((d) => d.late).length).toBeGreaterThanOrEqual(
        result.summary.submittedLate,
      );
      // The timeline reads in Vietnamese dates, and exports to CSV.
      expect(result.timeline[0]?.at).toMatch(/^\d\d:\d\d \d\d\/\d\d\/2023$/);
      expect(timelineCsv(result).split('\r\n')[0]).toBe(
        '\uFEFFThời điểm,Nhiệm vụ,Cơ quan,Sự kiện,Chi tiết',
      );
    },
  );

  it(
    'Tu Mơ Rông 2023: the two-tier reports land on 14/6, 9/12 and 30/6, 15/12',
    { timeout: 600_000 },
    async () => {
      const result = await simulateYear(db, 'tu-mo-rong-2021', {
        year: 2023,
        behaviour: Behaviour.parse({ seed: 3 }),
      });
      // Agencies and communes report before 14/6 and 09/12; the labour office before 30/6 and
      // 15/12 (each the instant its day begins, UTC+7: the day before in UTC).
      const reportDays = new Set(
        result.duties
          .filter((d) => /báo cáo/i.test(d.title))
          .map((d) => d.originalDueAt.slice(5, 10)),
      );
      for (const day of ['06-13', '12-08', '06-29', '12-14']) expect(reportDays).toContain(day);
      expect(result.summary.refusedActions).toEqual([]);
      expect(
        Object.keys(result.summary.byStatus).every((s) => s === 'accepted' || s === 'overdue'),
      ).toBe(true);
      result.duties.filter((d) => d.status === 'overdue').forEach(expectChased);
      console.log(
        `Tu Mơ Rông 2023: ${result.summary.duties} duties simulated in ${result.summary.elapsedMs} ms`,
      );
    },
  );
});
