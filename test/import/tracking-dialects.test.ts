// The tracking queries on both databases the service runs on: the same read model, written by
// the real recordDuty activity, gives the same matrix, lists and calendar on SQLite and on
// PostgreSQL, and the values a coordinator would count by hand.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/index.ts';
import { StartDuty, type Agency } from '../../common/duty-schema.ts';
import type { DirectoryAgency } from '../../common/plan-schema.ts';
import { openDb, type Db } from '../../db/index.ts';
import {
  agencyDueDates,
  dueSoonDuties,
  overdueDuties,
  reportingMatrix,
} from '../../db/tracking.ts';
import * as rules from '../../domain/duty-rules.ts';
import { localInstant } from '../../domain/local-time.ts';
import { readDirectory } from '../../plans/definition.ts';
import { importDirectory } from '../../plans/service.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres.ts';

const directory = readDirectory(
  readFileSync(new URL('../../fixtures/a-luoi/directory.json', import.meta.url)).toString(),
  'json',
);
const byId = new Map(directory.agencies.map((a) => [a.id, a]));
const agency = (id: string): Agency => {
  const a = byId.get(id) as DirectoryAgency;
  return { id: a.id, name: a.name, head: a.head, focalPoints: a.focalPoints };
};
const LABOUR = agency('a-luoi.phong-ldtbxh');
const COMMUNES = ['a-luoi.ubnd-xa-a-ngo', 'a-luoi.ubnd-xa-a-roang', 'a-luoi.ubnd-xa-dong-son'];
const due = localInstant(2026, 6, 20);
const ASOF = localInstant(2026, 6, 25, 10);

/** Three communes' half-year reports (on time, late, missing) and one other duty, overdue. */
function states() {
  const start = (dutyId: string, lead: Agency, title: string, dueAt = due) =>
    rules.newDutyState(
      StartDuty.parse({
        planId: 'a-luoi-171-2022',
        dutyId,
        period: '2026',
        title,
        product: title,
        dueAt: new Date(dueAt).toISOString(),
        lead,
        coordinating: dutyId.startsWith('BC') ? [] : [agency('a-luoi.phong-tckh')],
        standing: LABOUR,
        supervisor: { name: 'Chủ tịch', email: 'ct@a-luoi.example', title: 'Chủ tịch UBND huyện' },
      }),
      `duty:a-luoi-171-2022:${dutyId}:2026`,
      localInstant(2026, 6, 1, 8),
    );
  const [a, b, c] = COMMUNES.map((id) =>
    start(`BC-6T~${id}`, agency(id), 'Báo cáo kết quả thực hiện 6 tháng'),
  );
  const submit = (s: ReturnType<typeof start>, at: number) =>
    rules.applySubmit(
      s,
      {
        actor: { name: 'x', agencyId: s.lead.id },
        text: 'Báo cáo',
        attachments: [],
        indicators: {},
      },
      at,
    );
  submit(a!, localInstant(2026, 6, 18, 9));
  submit(b!, localInstant(2026, 6, 23, 9));
  rules.applyDeadline(c!, due);
  const other = start('5', agency('a-luoi.phong-nnptnt'), 'Xây dựng mô hình sinh kế');
  rules.applyDeadline(other, due);
  const later = start(
    '6',
    agency('a-luoi.phong-nnptnt'),
    'Kế hoạch vốn',
    localInstant(2026, 6, 30),
  );
  return [a!, b!, c!, other, later];
}

const results: Record<string, unknown> = {};

describe.each([['SQLite'], ['PostgreSQL']])('tracking queries on %s', (dialect) => {
  let db: Db;
  let pg: TestPostgres | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'tracking-'));

  afterAll(async () => {
    await db?.destroy();
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts the matrix, the rates and the lists, the same on both', async () => {
    if (dialect === 'PostgreSQL') pg = await startTestPostgres();
    db = await openDb({ databaseUrl: pg?.url, sqliteFile: join(dir, 'app.db') });
    await importDirectory(db, directory);
    const { recordDuty } = createActivities({
      db,
      client: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
      mailer: { send: () => Promise.resolve(), verify: () => Promise.resolve(), close: () => {} },
      publicUrl: 'http://x',
      mailFrom: 'x@x',
    });
    for (const s of states()) await recordDuty(s);

    const matrix = await reportingMatrix(db, {
      planId: 'a-luoi-171-2022',
      period: '2026',
      asOf: ASOF,
    });
    expect(matrix.reports.map((r) => [r.ref, r.cells.map((c) => [c.agencyId, c.state])])).toEqual([
      [
        'BC-6T',
        [
          ['a-luoi.ubnd-xa-a-ngo', 'on-time'],
          ['a-luoi.ubnd-xa-a-roang', 'late'],
          ['a-luoi.ubnd-xa-dong-son', 'missing'],
        ],
      ],
    ]);
    expect(matrix.total).toEqual({
      expected: 3,
      received: 2,
      receivedOnTime: 1,
      reportingRate: 2 / 3,
      reportingRateOnTime: 1 / 3,
    });
    expect(matrix.byArea.map((a) => [a.level, a.localityName, a.expected])).toEqual(
      COMMUNES.map((id) => {
        const loc = directory.localities.find((l) => l.id === byId.get(id)?.localityId);
        return ['commune', loc?.name, 1];
      }),
    );
    expect(matrix.duties.counts).toEqual({
      'completed-on-time': 0,
      'completed-late': 0,
      'in-progress': 1,
      overdue: 1,
    });
    const filter = { planId: 'a-luoi-171-2022', limit: 100 };
    const overdue = await overdueDuties(db, filter, ASOF);
    expect(overdue.map((d) => [d.dutyId, d.daysOverdue])).toEqual([
      ['5', 6],
      ['BC-6T~a-luoi.ubnd-xa-dong-son', 6],
    ]);
    const communes = await overdueDuties(db, { ...filter, level: 'commune' }, ASOF);
    expect(communes.map((d) => d.dutyId)).toEqual(['BC-6T~a-luoi.ubnd-xa-dong-son']);
    const coordinating = await overdueDuties(
      db,
      { ...filter, agencyId: 'a-luoi.phong-nnptnt', role: 'coordinating' },
      ASOF,
    );
    expect(coordinating).toEqual([]);
    const finance = await overdueDuties(
      db,
      { ...filter, agencyId: 'a-luoi.phong-tckh', role: 'coordinating' },
      ASOF,
    );
    expect(finance.map((d) => d.dutyId)).toEqual(['5']);
    const soon = await dueSoonDuties(db, filter, ASOF, 7);
    expect(soon.map((d) => [d.dutyId, d.daysLeft])).toEqual([['6', 5]]);
    const calendar = await agencyDueDates(db, 'a-luoi.phong-nnptnt');
    expect(calendar.map((d) => [d.role, d.dueAt.slice(0, 10)])).toEqual([
      ['lead', '2026-06-19'],
      ['lead', '2026-06-29'],
    ]);
    results[dialect] = { matrix, overdue, soon, calendar };
    if (dialect === 'PostgreSQL') expect(results['PostgreSQL']).toEqual(results['SQLite']);
  });
});
