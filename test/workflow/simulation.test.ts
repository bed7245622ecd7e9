// A plan's year simulated with the real workflow code on the time-skipping server, checked
// against the plan's text: A Lưới (its file and appendix table) and Tu Mơ Rông.
import { DECISION_NOTICES, URGENT } from '../../domain/ladder.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/index.ts';
import { DAY_MS } from '../../domain/local-time.ts';
import { dutyIdOf } from '../../plans/cycle-duties.ts';
import { readDirectory, readPlanDefinition } from '../../plans/definition.ts';
import { importDirectory, importPlan } from '../../plans/service.ts';
import { Behaviour, type SimulationResult } from '../../simulation/schema.ts';
import { simulateYear, timelineCsv } from '../../simulation/simulate.ts';
import { shiftPeriod, shiftYears } from '../../simulation/shift.ts';
import { dueSoonDuties, overdueDuties, reportingMatrix } from '../../db/tracking.ts';
import { formatDate, formatDateTime, localDateKey, localInstant } from '../../domain/local-time.ts';
import { TRACK_LABELS } from '../../domain/tracking.ts';
import { agencyDueDates, type Matrix } from '../../db/tracking.ts';
import { createApp } from '../../api/app.ts';
import { Client, Connection } from '@temporalio/client';
import ICAL from 'ical.js';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { xlsxToCsvRows } from '../support/libreoffice.ts';
import {
  oracleDueSoon,
  oracleDuties,
  oracleOverdue,
  oracleRates,
  oracleState,
} from '../support/tracking-oracle.ts';
import { importALuoiPlan } from '../support/a-luoi.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';

const fixture = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url));
let db: Db;
let dir: string;
/** Each simulated year's read model, kept for the dashboards' checks. */
const readModels: Db[] = [];
async function readModel(): Promise<Db> {
  const rm = await openDb({ sqliteFile: ':memory:' });
  readModels.push(rm);
  return rm;
}

beforeAll(async () => {
  quietTemporalLogs();
  dir = mkdtempSync(join(tmpdir(), 'simulate-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  for (const plan of ['a-luoi', 'tu-mo-rong']) {
    await importDirectory(db, readDirectory(fixture(`${plan}/directory.json`).toString(), 'json'));
  }
  await importALuoiPlan(db);
  await importPlan(
    db,
    readPlanDefinition(fixture('tu-mo-rong/plan.yaml').toString(), 'yaml'),
    false,
  );
});

afterAll(async () => {
  for (const rm of readModels) await rm.destroy();
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

const directoryOf = (plan: string) =>
  readDirectory(fixture(`${plan}/directory.json`).toString(), 'json');

/**
 * The per-person budget, read off the timeline: nobody is written to more than once a day but
 * for escalations and manual urges; the figures the summary gives agree with it.
 */
function expectBudget(result: SimulationResult): void {
  const perDay = new Map<string, string[]>();
  const urgent = new Set(URGENT.map((k) => `notify:${k}`));
  for (const row of result.timeline) {
    if (urgent.has(row.event)) continue;
    for (const email of row.recipients ?? []) {
      const key = `${email.toLowerCase()} ${localDateKey(Date.parse(row.instant))}`;
      perDay.set(key, [...(perDay.get(key) ?? []), `${row.event} ${row.duty}`]);
    }
  }
  expect(perDay.size).toBeGreaterThan(0);
  const over = [...perDay].filter(([, events]) => events.length > 1);
  expect(over).toEqual([]);
  expect(result.summary.mail.delivery).toBe('digest');
  expect(result.summary.mail.maxPerPersonDayRoutine).toBe(1);
  // The exceptions are real: escalations went out singly, to the supervisor among others.
  expect(result.summary.mail.byKind['escalation']).toBeGreaterThan(0);
  const escalations = result.timeline.filter((r) => r.event === 'notify:escalation');
  expect(escalations.length).toBeGreaterThan(0);
  for (const r of escalations) expect(r.recipients?.length, r.at).toBeGreaterThan(0);
}

/**
 * Each coordinating agency is asked for its contribution once and reminded once per duty,
 * extensions notwithstanding; a lapse is told to the lead alone; the agency that receives a
 * product (the plan says to whom it goes) is never asked for it.
 */
async function expectContributionsInProportion(
  result: SimulationResult,
  directory: ReturnType<typeof directoryOf>,
): Promise<number> {
  const people = (a: { head: { email: string }; focalPoints: { email: string }[] }) =>
    [a.head, ...a.focalPoints].map((p) => p.email);
  const peopleOf = (name: string) =>
    new Set(directory.agencies.filter((a) => a.name === name).flatMap(people));
  const receivers = new Map<string, Set<string>>();
  for (const row of await db
    .selectFrom('plan_duties')
    .select('duty_json')
    .where('plan_id', '=', result.planId)
    .execute()) {
    const duty = JSON.parse(row.duty_json) as { ref: string; receiver?: { id: string } };
    const agency = directory.agencies.find((a) => a.id === duty.receiver?.id);
    if (agency) receivers.set(dutyIdOf(duty.ref), new Set(people(agency)));
  }
  let lapses = 0;
  let received = 0;
  for (const d of result.duties) {
    const receiver = receivers.get(d.id.split(':')[2] ?? '');
    if (receiver) received += 1;
    for (const kind of ['contribution-request', 'contribution-reminder']) {
      const to = d.notifications.filter((n) => n.kind === kind).flatMap((n) => n.to);
      expect(to.length, `${d.id} ${kind}`).toBe(new Set(to).size);
      expect(
        to.filter((e) => receiver?.has(e)),
        `${d.id} ${kind}`,
      ).toEqual([]);
    }
    const lead = peopleOf(d.lead);
    for (const n of d.notifications.filter((x) => x.kind === 'contribution-overdue')) {
      lapses += 1;
      expect(
        n.to.every((e) => lead.has(e)),
        `${d.id} ${n.at}`,
      ).toBe(true);
    }
  }
  expect(lapses).toBeGreaterThan(0);
  return received;
}

/** The figures a planner reads, before (single messages) and after (the budget). */
function mailLine(label: string, r: SimulationResult): string {
  const m = r.summary.mail;
  const roles = (['lead', 'coordinating', 'standing', 'supervisor'] as const)
    .map((k) => `${k} ${m.byRole[k].messages}/${m.byRole[k].maxPerPersonDay}`)
    .join(', ');
  const kinds = Object.entries(m.byKind)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `${label}: ${m.messages} messages (${m.perDuty} per duty), at most ${m.maxPerPersonDay} to one person a day (${m.maxPerPersonDayRoutine} without escalations and urges); per role messages/most a day: ${roles}; by kind: ${kinds}`;
}

/** Nobody is written to about a duty once its product is in (the simulation never returns one). */
function expectNothingAfterSubmission(result: SimulationResult): void {
  const submitted = new Map<string, string>();
  for (const row of result.timeline) {
    if (row.event === 'submit' && !submitted.has(row.duty)) submitted.set(row.duty, row.instant);
  }
  // Nobody is chased once the product is in; the notice of the product itself (to the
  // standing agency) and of the decision on it (to the lead) are what the submission causes.
  const told = new Set(DECISION_NOTICES.map((k) => `notify:${k}`));
  const after = result.timeline.filter(
    (row) =>
      row.event.startsWith('notify:') &&
      !told.has(row.event) &&
      submitted.has(row.duty) &&
      row.instant > (submitted.get(row.duty) ?? ''),
  );
  expect(after).toEqual([]);
}

/**
 * The matrix, its rates and the lists, from the read model, equal what the oracle computes from
 * the simulation's own timeline, at each instant (real year; the read model is in the shadow
 * year).
 */
async function expectTracking(
  rm: Db,
  result: SimulationResult,
  directory: ReturnType<typeof directoryOf>,
  instants: number[],
): Promise<Set<string>> {
  const seen = new Set<string>();
  const shift = result.shadowYear - result.year;
  const duties = oracleDuties(result, directory);
  const reports = duties.filter((d) => d.isReport);
  expect(reports.length).toBeGreaterThan(0);
  const keyOf = (d: { dutyId: string; period: string }) =>
    `${d.dutyId}|${shiftPeriod(d.period, -shift)}`;
  for (const t of instants) {
    const asOf = shiftYears(t, shift);
    const when = formatDateTime(t);
    const matrix = await reportingMatrix(rm, {
      planId: result.planId,
      period: String(result.shadowYear),
      asOf,
    });
    // Every report of the year, each agency's cell in the state the timeline gives.
    const cells = new Map(matrix.reports.flatMap((r) => r.cells.map((c) => [keyOf(c), c.state])));
    const expected = new Map(reports.map((d) => [d.key, oracleState(d, t)]));
    expect(Object.fromEntries(cells), when).toEqual(Object.fromEntries(expected));
    for (const state of cells.values()) seen.add(state);
    // Rates per level and locality, and in all.
    const areas = new Map<string, string[]>();
    for (const d of reports) {
      const k = `${d.level}|${d.localityName}`;
      areas.set(k, [...(areas.get(k) ?? []), oracleState(d, t)]);
    }
    expect(
      Object.fromEntries(
        matrix.byArea.map((a) => [
          `${a.level}|${a.localityName}`,
          {
            expected: a.expected,
            received: a.received,
            receivedOnTime: a.receivedOnTime,
            reportingRate: a.reportingRate,
            reportingRateOnTime: a.reportingRateOnTime,
          },
        ]),
      ),
      when,
    ).toEqual(Object.fromEntries([...areas].map(([k, states]) => [k, oracleRates(states)])));
    expect(matrix.total, when).toEqual(oracleRates(reports.map((d) => oracleState(d, t))));
    // Every other duty in the four categories.
    const others = duties.filter((d) => !d.isReport);
    const category = {
      'on-time': 'completed-on-time',
      late: 'completed-late',
      missing: 'overdue',
      'not-yet-due': 'in-progress',
    } as const;
    const counts = { 'completed-on-time': 0, 'completed-late': 0, 'in-progress': 0, overdue: 0 };
    for (const d of others) counts[category[oracleState(d, t)]] += 1;
    expect(matrix.duties.counts, when).toEqual(counts);

    // The overdue list: the same duties, the same days, the longest overdue first.
    const filter = { planId: result.planId, period: String(result.shadowYear), limit: 5000 };
    const overdue = await overdueDuties(rm, filter, asOf);
    expect(Object.fromEntries(overdue.map((d) => [keyOf(d), d.daysOverdue])), when).toEqual(
      Object.fromEntries(oracleOverdue(duties, t).map((d) => [d.key, d.days])),
    );
    const days = overdue.map((d) => d.daysOverdue);
    expect(days, when).toEqual([...days].sort((a, b) => b - a));
    const soon = await dueSoonDuties(rm, filter, asOf, 14);
    expect(soon.map(keyOf).sort(), when).toEqual(oracleDueSoon(duties, t, 14).sort());
  }
  return seen;
}

/**
 * The exports and the calendar feed over HTTP, with a Temporal client that cannot reach any
 * server: the dashboards answer from the read model alone.
 */
async function expectExports(rm: Db, result: SimulationResult, agencyId: string): Promise<void> {
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const server = createApp({ client, db: rm }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const asOf = new Date(shiftYears(localInstant(2023, 12, 10, 10), result.shadowYear - 2023));
    const q = `planId=${result.planId}&period=${result.shadowYear}&asOf=${asOf.toISOString()}`;
    const json = (await (await fetch(`${base}/api/reports/matrix?${q}`)).json()) as Matrix;
    const xlsx = await fetch(`${base}/api/reports/matrix?${q}&format=xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    // As LibreOffice Calc shows it: a title line, the Vietnamese headers, one row per cell.
    const rows = await xlsxToCsvRows(new Uint8Array(await xlsx.arrayBuffer()));
    expect(rows[1]?.slice(0, 4)).toEqual(['Báo cáo (STT)', 'Kỳ', 'Nội dung', 'Cơ quan']);
    const cells = json.reports.flatMap((r) => r.cells);
    const body = rows.slice(2).filter((r) => r.some((c) => c !== ''));
    expect(body).toHaveLength(cells.length);
    for (const [i, cell] of cells.entries()) {
      const row = body[i] ?? [];
      expect(row[3]).toBe(cell.agencyName);
      expect(row[6]).toBe(formatDate(Date.parse(cell.dueAt) - 1));
      expect(row[9]).toBe(TRACK_LABELS.vi[cell.state]);
    }
    const csv = await (await fetch(`${base}/api/duties/overdue?${q}&format=csv`)).text();
    const overdue = (await (await fetch(`${base}/api/duties/overdue?${q}`)).json()) as {
      duties: { title: string; daysOverdue: number }[];
    };
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Kế hoạch,Nhiệm vụ \(STT\),Kỳ,/);
    expect(lines).toHaveLength(overdue.duties.length + 1);

    // The agency's calendar: every due date it has, at a secret URL that can be revoked.
    const made = await fetch(`${base}/api/agencies/${agencyId}/calendar-tokens`, {
      method: 'POST',
    });
    expect(made.status).toBe(201);
    const { url } = (await made.json()) as { url: string };
    const feed = new URL(url);
    const ics = await fetch(`${base}${feed.pathname}${feed.search}`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    const events = ICAL.Component.fromString(await ics.text())
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e));
    const dueDates = await agencyDueDates(rm, agencyId);
    expect(dueDates.length).toBeGreaterThan(0);
    expect(events.map((e) => e.startDate.toString()).sort()).toEqual(
      dueDates
        .map((d) => {
          const [dd, mm, yyyy] = formatDate(Date.parse(d.dueAt) - 1).split('/');
          return `${yyyy}-${mm}-${dd}`;
        })
        .sort(),
    );
    const wrong = await fetch(`${base}${feed.pathname}?token=${'x'.repeat(32)}`);
    expect(wrong.status).toBe(404);
    await fetch(`${base}/api/agencies/${agencyId}/calendar-tokens`, { method: 'DELETE' });
    expect((await fetch(`${base}${feed.pathname}${feed.search}`)).status).toBe(404);
  } finally {
    server.close();
    await client.connection.close();
  }
}

/** A Lưới's year with the plan's default delivery (the budget), for the comparison after it. */
let aLuoiBudget: SimulationResult | undefined;
const aLuoiBehaviour = Behaviour.parse({
  seed: 7,
  lateShare: 0.3,
  missingShare: 0.2,
  extensionShare: 0.1,
});

describe('simulating a plan year', () => {
  it(
    'A Lưới 2023: every deadline on the date the text states; late agencies urged and escalated',
    { timeout: 300_000 },
    async () => {
      const behaviour = aLuoiBehaviour;
      const rm = await readModel();
      const result = await simulateYear(
        db,
        'a-luoi-171-2022',
        { year: 2023, behaviour },
        undefined,
        rm,
      );
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
      expectNothingAfterSubmission(result);
      expectBudget(result);
      console.log(
        `A Lưới 2023: ${await expectContributionsInProportion(result, directoryOf('a-luoi'))} duties with a receiver`,
      );
      aLuoiBudget = result;
      await expectTracking(rm, result, directoryOf('a-luoi'), [
        localInstant(2023, 6, 10, 10),
        localInstant(2023, 6, 25, 10),
        localInstant(2023, 12, 20, 10),
        localInstant(2024, 2, 15, 10),
      ]);
    },
  );

  it(
    'Tu Mơ Rông 2023: the two-tier reports land on 14/6, 9/12 and 30/6, 15/12',
    { timeout: 600_000 },
    async () => {
      const rm = await readModel();
      const result = await simulateYear(
        db,
        'tu-mo-rong-2021',
        { year: 2023, behaviour: Behaviour.parse({ seed: 3 }) },
        undefined,
        rm,
      );
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
      expectNothingAfterSubmission(result);
      expectBudget(result);
      console.log(
        `Tu Mơ Rông 2023: ${await expectContributionsInProportion(result, directoryOf('tu-mo-rong'))} duties with a receiver`,
      );
      console.log(mailLine('Tu Mơ Rông 2023, one digest a day', result));
      const seen = await expectTracking(rm, result, directoryOf('tu-mo-rong'), [
        localInstant(2023, 6, 10, 10),
        localInstant(2023, 7, 1, 10),
        localInstant(2023, 12, 10, 10),
        localInstant(2024, 1, 20, 10),
      ]);
      // The year shows every kind of cell, so each comparison above could have failed.
      expect([...seen].sort()).toEqual(['late', 'missing', 'not-yet-due', 'on-time']);
      await expectExports(rm, result, 'tu-mo-rong.ubnd-xa-mang-ri');
      console.log(
        `Tu Mơ Rông 2023: ${result.summary.duties} duties simulated in ${result.summary.elapsedMs} ms`,
      );
    },
  );

  it(
    'A Lưới 2023 with single messages, as before the budget: what the budget saves',
    { timeout: 300_000 },
    async () => {
      const before = await simulateYear(db, 'a-luoi-171-2022', {
        year: 2023,
        behaviour: aLuoiBehaviour,
        delivery: 'single',
      });
      const after = aLuoiBudget;
      if (!after) throw new Error('the budget run (the first test) did not finish');
      console.log(mailLine('A Lưới 2023 before, single messages', before));
      console.log(mailLine('A Lưới 2023 after, one digest a day', after));
      // The same year as the agencies lived it: the same duties, the same behaviour.
      expect(before.summary.byStatus).toEqual(after.summary.byStatus);
      expect(before.summary.mail.delivery).toBe('single');
      // Single messages pile up on the busiest days; the budget keeps everybody to one a day.
      expect(before.summary.mail.maxPerPersonDayRoutine).toBeGreaterThan(5);
      expect(after.summary.mail.messages * 3).toBeLessThan(before.summary.mail.messages);
      // Before, each extension re-sent the coordinating agencies' reminders and each lapse went to
      // every agency; after, one request, one reminder and one lapse notice to the lead.
      const kind = (r: SimulationResult, k: string) => r.summary.notifications[k] ?? 0;
      expect(kind(after, 'contribution-overdue')).toBeLessThan(
        kind(before, 'contribution-overdue') / 10,
      );
      expect(kind(after, 'contribution-reminder')).toBeLessThanOrEqual(
        kind(after, 'contribution-request'),
      );
    },
  );
});
