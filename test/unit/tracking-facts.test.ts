// Statistics fixed by facts: a duty's category is settled by its first submission against the
// deadline in force then (the original, or an extension granted before the deadline it
// replaced had passed). Returns, their new dates, resubmissions, late extensions and a new
// lead never move it. Checked on the pure rule, and on states the real duty rules produce.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { describe, expect, it } from 'vitest';
import { StartDuty } from '../../common/duty-schema.ts';
import type { DutyState } from '../../common/duty-state.ts';
import { openDb } from '../../db/index.ts';
import { migrations } from '../../db/migrations.ts';
import { openNodeSqlite } from '../../db/node-sqlite.ts';
import { reportingMatrix } from '../../db/tracking.ts';
import { trackingColumns } from '../../db/tracking-columns.ts';
import * as rules from '../../domain/duty-rules.ts';
import { localInstant } from '../../domain/local-time.ts';
import {
  dutyTrack,
  fixedFacts,
  markText,
  originalRates,
  rates,
  reportState,
  reportStateByOriginal,
  TRACK_LABELS,
  type DutyFact,
  type ReportState,
} from '../../domain/tracking.ts';
import { AGRICULTURE, capitalRegistration, FINANCE, LABOUR } from '../support/fixtures.ts';

const iso = (ms: number) => new Date(ms).toISOString();
/** Local instants of June 2026; the deadline is "trước ngày 20/6" (00:00 on the 20th). */
const at = (day: number, hour = 9) => localInstant(2026, 6, day, hour);
const DUE = iso(localInstant(2026, 6, 20));

const submit = (day: number): DutyFact => ({ kind: 'submit', at: iso(at(day)) });
const extension = (day: number, newDay: number): DutyFact => ({
  kind: 'extension',
  at: iso(at(day)),
  newDueAt: iso(localInstant(2026, 6, newDay)),
});
const ret = (day: number): DutyFact => ({ kind: 'return', at: iso(at(day)) });

const fix = (facts: DutyFact[], dueAt = DUE) => fixedFacts({ originalDueAt: DUE, dueAt, facts });

describe('the fixed facts of a duty (pure rule)', () => {
  it('late then returned with a new date and resubmitted by it: still late', () => {
    const f = fix([submit(22), ret(23), submit(27)], iso(localInstant(2026, 6, 30)));
    expect(f).toEqual({
      countedDueAt: DUE,
      firstSubmittedAt: iso(at(22)),
      firstOnTime: false,
      marks: ['returned'],
    });
  });

  it('an extension granted after the deadline, then met: still late', () => {
    const f = fix([extension(23, 30), submit(28)], iso(localInstant(2026, 6, 30)));
    expect(f.countedDueAt).toBe(DUE);
    expect(f.firstOnTime).toBe(false);
    expect(f.marks).toEqual(['extended-late']);
  });

  it('an extension granted in time and met: on time, against the extended deadline', () => {
    const f = fix([extension(15, 30), submit(28)], iso(localInstant(2026, 6, 30)));
    expect(f.countedDueAt).toBe(iso(localInstant(2026, 6, 30)));
    expect(f.firstOnTime).toBe(true);
    expect(f.marks).toEqual(['extended']);
  });

  it('a chain of extensions counts while each came before the deadline it replaced', () => {
    // 15/6 → 25/6 (in time), 24/6 → 30/6 (in time): counted against 30/6.
    expect(fix([extension(15, 25), extension(24, 30), submit(29)]).firstOnTime).toBe(true);
    // 15/6 → 25/6, then 26/6 (after 25/6 passed) → 30/6: the 25/6 deadline stands.
    const late = fix([extension(15, 25), extension(26, 30), submit(29)]);
    expect(late.countedDueAt).toBe(iso(localInstant(2026, 6, 25)));
    expect(late.firstOnTime).toBe(false);
    expect(late.marks).toEqual(['extended', 'extended-late']);
  });

  it('an extension granted after the product came in moves nothing', () => {
    const f = fix([submit(18), ret(19), extension(25, 30), submit(29)]);
    expect(f.countedDueAt).toBe(DUE);
    expect(f.firstOnTime).toBe(true);
    expect(markText(f.marks, 'vi')).toBe('trả lại, gia hạn');
    expect(markText(f.marks, 'en')).toBe('returned, extended');
  });

  it('a change of lead is a mark, never a new start', () => {
    const f = fix([{ kind: 'reassign', at: iso(at(22)) }, submit(24)]);
    expect(f.firstOnTime).toBe(false);
    expect(f.marks).toEqual(['reassigned']);
  });

  it('nothing in yet: counted against the deadline in force (an extension granted in time)', () => {
    expect(fix([]).firstSubmittedAt).toBeNull();
    expect(fix([]).firstOnTime).toBeNull();
    expect(fix([extension(15, 30)]).countedDueAt).toBe(iso(localInstant(2026, 6, 30)));
    expect(fix([extension(21, 30)]).countedDueAt).toBe(DUE);
  });

  it('an old record without the extension date: its own verdict and its "overdue" say it', () => {
    const old = (late: boolean, wasOverdue: boolean) =>
      fixedFacts({
        originalDueAt: DUE,
        dueAt: iso(localInstant(2026, 7, 10)),
        facts: [
          { kind: 'extension', at: iso(at(10)), newDueAt: null },
          { kind: 'extension', at: iso(at(29)), newDueAt: null, wasOverdue },
          submit(30),
        ],
        firstSubmissionLate: late,
      });
    expect(old(false, false).firstOnTime).toBe(true);
    expect(old(true, false).firstOnTime).toBe(false);
    expect(old(false, true).marks).toEqual(['extended', 'extended-late']);
  });
});

describe('categories and rates against the counted and the original deadline', () => {
  const tracked = (facts: DutyFact[], status = 'accepted') => ({
    status,
    originalDueAt: DUE,
    ...fix(facts),
  });

  it('the matrix keeps "completed late" for every laundering variant', () => {
    const asOf = at(30, 12);
    for (const facts of [
      [submit(22), ret(23), submit(27)],
      [extension(23, 30), submit(28)],
      [{ kind: 'reassign', at: iso(at(21)) } as DutyFact, submit(25)],
    ]) {
      const track = dutyTrack(tracked(facts), asOf);
      expect(track).toBe('completed-late');
      expect(TRACK_LABELS.vi[track!]).toBe('Hoàn thành quá hạn');
    }
    // Returned and not resubmitted yet: still the first submission's category, not "overdue".
    expect(dutyTrack(tracked([submit(22), ret(23)], 'returned'), asOf)).toBe('completed-late');
  });

  it('an extension granted in time: on time, late against the original deadline', () => {
    const d = tracked([extension(15, 30), submit(28)]);
    const asOf = at(30, 12);
    expect(reportState(d, asOf)).toBe('on-time');
    expect(reportStateByOriginal(d, asOf)).toBe('late');
    // Before its new deadline, with nothing in: not yet due, though missing by the original.
    const open = tracked([extension(15, 30)], 'acknowledged');
    expect(reportState(open, at(25))).toBe('not-yet-due');
    expect(reportStateByOriginal(open, at(25))).toBe('missing');
  });

  it('the second rate counts what is in by the original deadline over what it made owed', () => {
    const asOf = at(25, 12);
    const ds = [
      tracked([submit(18)]), // on time both ways
      tracked([extension(15, 30), submit(22)]), // on time, late by the original
      tracked([extension(15, 30)], 'acknowledged'), // not yet due, missing by the original
      tracked([submit(22), ret(23), submit(24)]), // late both ways
    ];
    const states = ds.map((d) => reportState(d, asOf)) as ReportState[];
    const byOriginal = ds.map((d) => reportStateByOriginal(d, asOf)) as ReportState[];
    expect(rates(states)).toMatchObject({ expected: 3, receivedOnTime: 2 });
    expect(originalRates(byOriginal)).toEqual({ expected: 4, receivedOnTime: 1, rateOnTime: 0.25 });
  });
});

describe('the read model columns from states the duty rules produce', () => {
  const start = (): DutyState =>
    rules.newDutyState(
      StartDuty.parse(capitalRegistration({ dueAt: DUE })),
      'duty:171-KH-UBND:2:2026',
      at(1),
    );
  const lead = { name: 'Cán bộ', agencyId: AGRICULTURE.id };
  const standing = { name: 'Cán bộ LĐ', agencyId: LABOUR.id };
  const doSubmit = (s: DutyState, ms: number) =>
    rules.applySubmit(s, { actor: lead, text: 'x', attachments: [], indicators: {} }, ms);
  const grant = (s: DutyState, ms: number, newDay: number) => {
    rules.applyRequestExtension(
      s,
      { actor: lead, newDueAt: iso(localInstant(2026, 6, newDay)), reason: 'chờ số liệu' },
      ms,
    );
    rules.applyDecideExtension(s, { actor: standing, grant: true }, ms + 3_600_000);
  };

  it('late, returned, resubmitted by the new date: the columns keep the first verdict', () => {
    const s = start();
    rules.applyDeadline(s, Date.parse(DUE));
    doSubmit(s, at(22));
    rules.applyReview(
      s,
      {
        actor: standing,
        outcome: 'return',
        comment: 'bổ sung',
        newDueAt: iso(localInstant(2026, 7, 5)),
      },
      at(23),
    );
    doSubmit(s, at(28));
    rules.applyReview(s, { actor: standing, outcome: 'accept' }, at(29));
    expect(trackingColumns(s)).toMatchObject({
      submitted_at: iso(at(28)),
      first_submitted_at: iso(at(22)),
      counted_due_at: DUE,
      first_on_time: 0,
      marks: JSON.stringify(['returned']),
    });
  });

  it('an extension granted before the deadline and met: on time, marked', () => {
    const s = start();
    grant(s, at(15), 30);
    doSubmit(s, at(28));
    expect(s.history.find((h) => h.action === 'grant-extension')?.dueAt).toBe(
      iso(localInstant(2026, 6, 30)),
    );
    expect(trackingColumns(s)).toMatchObject({
      counted_due_at: iso(localInstant(2026, 6, 30)),
      first_on_time: 1,
      marks: JSON.stringify(['extended']),
    });
  });

  it('an extension granted after the deadline, and a new lead: late, marked', () => {
    const s = start();
    rules.applyDeadline(s, Date.parse(DUE));
    rules.applyReassignLead(s, { actor: standing, lead: FINANCE, reason: 'giao lại' }, at(21));
    const newLead = { name: 'Cán bộ TC', agencyId: FINANCE.id };
    rules.applyRequestExtension(
      s,
      { actor: newLead, newDueAt: iso(localInstant(2026, 6, 30)), reason: 'mới nhận' },
      at(22),
    );
    rules.applyDecideExtension(s, { actor: standing, grant: true }, at(22, 15));
    rules.applySubmit(s, { actor: newLead, text: 'x', attachments: [], indicators: {} }, at(27));
    expect(trackingColumns(s)).toMatchObject({
      counted_due_at: DUE,
      first_on_time: 0,
      marks: JSON.stringify(['reassigned', 'extended-late']),
    });
  });

  it('a record from before transitions kept their deadline gives the same columns', () => {
    const s = start();
    grant(s, at(15), 30);
    doSubmit(s, at(28));
    const old = structuredClone(s);
    for (const h of old.history) delete h.dueAt;
    expect(trackingColumns(old)).toEqual(trackingColumns(s));
  });
});

describe('a database from before the fixed facts', () => {
  it('the migration fills them in from the stored states: a laundered duty turns late', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fixed-facts-'));
    const file = join(dir, 'app.db');
    try {
      // The schema as deployed before: every migration up to the one before 0006.
      const names = Object.keys(migrations).sort();
      const before = names[names.indexOf('0006_fixed_tracking_and_locks') - 1]!;
      const old = new Kysely<unknown>({
        dialect: new SqliteDialect({ database: openNodeSqlite(file) }),
      });
      const provider = { getMigrations: () => Promise.resolve(migrations) };
      expect((await new Migrator({ db: old, provider }).migrateTo(before)).error).toBeUndefined();
      // A duty submitted late, returned with a new date and resubmitted by it, recorded by the
      // previous version: no deadline on its transitions, the product in hand on the 28th.
      const s = rules.newDutyState(
        StartDuty.parse(capitalRegistration({ dueAt: DUE })),
        'duty:171-KH-UBND:2:2026',
        at(1),
      );
      const lead = { name: 'Cán bộ', agencyId: AGRICULTURE.id };
      const standing = { name: 'Cán bộ LĐ', agencyId: LABOUR.id };
      rules.applyDeadline(s, Date.parse(DUE));
      rules.applySubmit(s, { actor: lead, text: 'x', attachments: [], indicators: {} }, at(22));
      rules.applyReview(
        s,
        {
          actor: standing,
          outcome: 'return',
          comment: 'bổ sung',
          newDueAt: iso(localInstant(2026, 7, 5)),
        },
        at(23),
      );
      rules.applySubmit(s, { actor: lead, text: 'y', attachments: [], indicators: {} }, at(28));
      for (const h of s.history) delete h.dueAt;
      await (old as Kysely<Record<string, Record<string, unknown>>>)
        .insertInto('duties')
        .values({
          id: s.workflowId,
          plan_id: s.planId,
          duty_id: s.dutyId,
          period: s.period,
          title: s.title,
          lead_agency_id: s.lead.id,
          status: s.status,
          due_at: s.dueAt,
          original_due_at: s.originalDueAt,
          revision: s.revision,
          updated_at: iso(at(28)),
          state_json: JSON.stringify(s),
          report_ref: s.dutyId,
          phase: 'capital-registration',
          submitted_at: iso(at(28)),
        })
        .execute();
      await old.destroy();

      const db = await openDb({ sqliteFile: file });
      try {
        const row = await db
          .selectFrom('duties')
          .select(['first_submitted_at', 'counted_due_at', 'first_on_time', 'marks'])
          .executeTakeFirstOrThrow();
        expect(row).toEqual({
          first_submitted_at: iso(at(22)),
          counted_due_at: DUE,
          first_on_time: 0,
          marks: JSON.stringify(['returned']),
        });
        const m = await reportingMatrix(db, { planId: s.planId, period: '2026', asOf: at(30) });
        expect(m.duties.rows.map((d) => d.track)).toEqual(['completed-late']);
      } finally {
        await db.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
