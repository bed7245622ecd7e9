// The mail server goes away for twenty seconds and comes back on the same port: the reminders
// that fell due meanwhile arrive once it is back (the delivery activity retries, 5 s then
// 10 s apart), each exactly once, and the duties' states and read model say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartDuty, Submit } from '../../common/duty-schema.ts';
import type { DutyState } from '../../common/duty-state.ts';
import { dutyWorkflowId, getStateQuery, submitUpdate } from '../../common/messages.ts';
import { startMailSink, type ReceivedMail } from '../../scripts/lib/mail-sink.ts';
import { startDuty } from '../../services/starts.ts';
import { dutyWithReminders, faultAgency } from '../support/fault-plan.ts';
import {
  deliveries,
  note,
  recorded,
  repeated,
  sleep,
  startFaultStack,
  until,
  type FaultStack,
} from '../support/faults.ts';

const DUTIES = 10;
/** Reminder offsets (s): one before the outage, two during it. */
const REMINDERS_S = [8, 16, 24];
const OUTAGE_S = 20;

const token = Date.now().toString(36);
const planId = `smtp-${token}`;

let stack: FaultStack;
const at = (ms: number) => sleep(Math.max(0, ms - Date.now()));

beforeAll(async () => {
  stack = await startFaultStack({ name: 'faults-smtp' });
  await stack.startWorker();
});

afterAll(async () => {
  await stack?.stop();
});

describe('an SMTP outage', () => {
  it(
    'delivers what fell due during it once the server is back, each message once',
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

      await until(
        'the first reminders',
        async () => (await states()).every((s) => s.notifications.length === 1),
        60_000,
        250,
      );
      const port = stack.sink.port;
      const before: ReceivedMail[] = stack.sink.received;
      await stack.sink.stop();
      const downAt = Date.now();
      await at(downAt + OUTAGE_S * 1000);
      stack.sink = await startMailSink({ port });
      const backAt = Date.now();
      note(`SMTP down ${backAt - downAt} ms`);

      const final = await until(
        'every reminder delivered',
        async () => {
          const all = await states();
          return all.every((s) => s.notifications.length === REMINDERS_S.length) ? all : undefined;
        },
        90_000,
        500,
      );
      const first = await deliveries(before);
      const after = await deliveries(stack.sink.received);
      const mail = [...first, ...after];
      expect(repeated(mail)).toEqual(new Map());
      const expected = new Set(
        final.flatMap((s: DutyState) =>
          s.notifications.flatMap((n) => n.to.map((to) => `${s.workflowId}|${n.stepId}|${to}`)),
        ),
      );
      expect(expected.size).toBe(DUTIES * REMINDERS_S.length * 2);
      expect(new Set(mail.map((m) => m.key))).toEqual(expected);
      const rows = await recorded(stack.db);
      expect(new Set(rows.keys())).toEqual(expected);
      for (const m of mail) expect(rows.get(m.key)).toBe(m.messageId);

      // What fell due before the outage reached the first server; what fell due during it,
      // the second, after it was back.
      const keysOf = (dueBefore: boolean) =>
        final.flatMap((s) =>
          s.notifications
            .filter((n) => Date.parse(n.scheduledAt) < downAt === dueBefore)
            .flatMap((n) => n.to.map((to) => `${s.workflowId}|${n.stepId}|${to}`)),
        );
      expect(new Set(first.map((m) => m.key))).toEqual(new Set(keysOf(true)));
      expect(new Set(after.map((m) => m.key))).toEqual(new Set(keysOf(false)));
      expect(keysOf(false).length).toBeGreaterThanOrEqual(DUTIES * 2);
      expect(after.every((m) => m.receivedAt >= backAt)).toBe(true);
      const dueDuring = final.flatMap((s) =>
        s.notifications.filter((n) => {
          const due = Date.parse(n.scheduledAt);
          return due > downAt && due < backAt;
        }),
      );
      expect(dueDuring.length).toBeGreaterThanOrEqual(DUTIES);
      expect(dueDuring.every((n) => Date.parse(n.sentAt) >= backAt)).toBe(true);

      // Final states: the duties take their products and the read model follows.
      for (const d of duties) {
        await stack.client.workflow.getHandle(dutyWorkflowId(d)).executeUpdate(submitUpdate, {
          args: [Submit.parse({ actor: { name: 'Cán bộ', agencyId: d.lead.id }, text: 'Báo cáo' })],
        });
      }
      await until(
        'the read model to show every duty submitted',
        async () => {
          const rows = await stack.db
            .selectFrom('duties')
            .select('status')
            .where('plan_id', '=', planId)
            .execute();
          return rows.length === DUTIES && rows.every((r) => r.status === 'submitted');
        },
        30_000,
        250,
      );
    },
  );
});
