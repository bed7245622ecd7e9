// PostgreSQL crashes (immediate shutdown) while reminders are mid-delivery and stays down while
// the next reminders fall due, then starts again on its data. The worker and the API ride it
// out; messages the mail server accepted while the database was gone are recorded once it is
// back, not sent again; what fell due during the outage arrives after it; the read model
// catches up with every duty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartDuty, Submit } from '../../common/duty-schema.ts';
import type { DutyState } from '../../common/duty-state.ts';
import { dutyWorkflowId, getStateQuery, submitUpdate } from '../../common/messages.ts';
import { startDuty } from '../../services/starts.ts';
import { dutyWithReminders, faultAgency } from '../support/fault-plan.ts';
import {
  acceptedUnrecorded,
  callRetrying,
  deliveries,
  note,
  recorded,
  repeated,
  sleep,
  startApi,
  startFaultStack,
  until,
  type FaultStack,
  type TestApi,
} from '../support/faults.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres.ts';

const DUTIES = 10;
/** Reminder offsets (s): the wave the crash interrupts, one falling due while it is down. */
const REMINDERS_S = [8, 16];

const token = Date.now().toString(36);
const planId = `db-${token}`;

let pg: TestPostgres;
let stack: FaultStack;
let api: TestApi;
const at = (ms: number) => sleep(Math.max(0, ms - Date.now()));

beforeAll(async () => {
  pg = await startTestPostgres();
  stack = await startFaultStack({ name: 'faults-database', databaseUrl: pg.url });
  await stack.startWorker();
  api = await startApi(stack);
});

afterAll(async () => {
  await api?.close();
  await stack?.stop();
  pg?.stop();
});

describe('a database outage', () => {
  it(
    'loses nothing and sends nothing twice when PostgreSQL crashes mid-delivery',
    { timeout: 150_000 },
    async () => {
      const start = Math.ceil(Date.now() / 1000) * 1000;
      const instants = REMINDERS_S.map((s) => start + s * 1000);
      const duties = Array.from({ length: DUTIES }, (_, i) =>
        StartDuty.parse(
          dutyWithReminders(
            { planId, dutyId: `d${i + 1}`, period: '2026' },
            start + 600_000,
            instants,
            faultAgency(`${token}-lead-${i + 1}`),
          ),
        ),
      );
      await Promise.all(duties.map((d) => startDuty(stack.client, d)));
      const handles = duties.map((d) => stack.client.workflow.getHandle(dutyWorkflowId(d)));
      const states = () => Promise.all(handles.map((h) => h.query(getStateQuery)));

      // Some of the wave delivered, some mid-delivery (held by the mail server), all the
      // accepted ones recorded: then the database crashes, and the held messages are accepted.
      await at(instants[0]! - 300);
      stack.sink.hold(4);
      await until('messages mid-delivery', () => stack.sink.holding >= 2, 30_000, 20);
      await until(
        'every accepted message recorded',
        async () => (await acceptedUnrecorded(stack.sink, stack.db)).length === 0,
        30_000,
        20,
      );
      const acceptedBefore = stack.sink.received.length;
      pg.down();
      const downAt = Date.now();
      stack.sink.release();
      const caught = stack.sink.received.length - acceptedBefore;
      expect(caught).toBeGreaterThanOrEqual(2);

      // While it is down the API says so, without the reason.
      const health = await callRetrying(api, 'GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ storage: { ok: false }, temporal: { ok: true } });

      await at(instants[1]! + 1_500);
      pg.up();
      const upAt = Date.now();
      note(`PostgreSQL down ${upAt - downAt} ms; ${caught} messages accepted while it was down`);

      const final = await until(
        'every reminder delivered',
        async () => {
          const all = await states();
          return all.every((s) => s.notifications.length === REMINDERS_S.length) ? all : undefined;
        },
        120_000,
        500,
      );
      expect(stack.worker!.child.exitCode).toBeNull();
      const mail = await deliveries(stack.sink.received);
      expect(repeated(mail)).toEqual(new Map());
      const expected = new Set(
        final.flatMap((s: DutyState) =>
          s.notifications.flatMap((n) => n.to.map((to) => `${s.workflowId}|${n.stepId}|${to}`)),
        ),
      );
      expect(expected.size).toBe(DUTIES * REMINDERS_S.length * 2);
      expect(new Set(mail.map((m) => m.key))).toEqual(expected);
      const rows = await until('the notifications table', async () => {
        const r = await recorded(stack.db);
        return r.size === expected.size ? r : undefined;
      });
      expect(new Set(rows.keys())).toEqual(expected);
      for (const m of mail) expect(rows.get(m.key)).toBe(m.messageId);

      // The reminder that fell due during the outage went out after it.
      const late = mail.filter((m) => m.step.endsWith(`:PT${600 - REMINDERS_S[1]!}S`));
      expect(late.length).toBe(DUTIES * 2);
      expect(late.every((m) => m.receivedAt >= upAt)).toBe(true);

      // The read model caught up: every duty at its latest revision.
      await until(
        'the read model at every duty’s latest revision',
        async () => {
          const byId = new Map(
            (
              await stack.db
                .selectFrom('duties')
                .select(['id', 'revision'])
                .where('plan_id', '=', planId)
                .execute()
            ).map((r) => [r.id, Number(r.revision)]),
          );
          return final.every((s) => byId.get(s.workflowId) === s.revision);
        },
        60_000,
        500,
      );
      for (const d of duties) {
        await stack.client.workflow.getHandle(dutyWorkflowId(d)).executeUpdate(submitUpdate, {
          args: [Submit.parse({ actor: { name: 'Cán bộ', agencyId: d.lead.id }, text: 'Báo cáo' })],
        });
      }
      await until(
        'the read model to show every duty submitted',
        async () => {
          const r = await stack.db
            .selectFrom('duties')
            .select('status')
            .where('plan_id', '=', planId)
            .execute();
          return r.length === DUTIES && r.every((x) => x.status === 'submitted');
        },
        30_000,
        250,
      );
      expect((await callRetrying(api, 'GET', '/health')).status).toBe(200);
    },
  );
});
