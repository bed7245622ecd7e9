// The Temporal server goes down mid-cycle and comes back on its data and port (the dev server
// on its SQLite file; with TEMPORAL_PROFILE=cluster, the Temporal server killed with SIGKILL
// and its PostgreSQL crashed, then both restarted): the
// cycle and its duties are all still there, the worker reconnects by itself, and the ladders
// of an ad hoc report the cycle started run to their end — the reminder that fell due while
// the server was down arrives after it is back, nothing arrives twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestAdHocReport, StartCycle } from '../../common/cycle-schema.ts';
import type { DutyState } from '../../common/duty-state.ts';
import {
  dutyWorkflowId,
  getCycleQuery,
  getStateQuery,
  requestAdHocReportUpdate,
} from '../../common/messages.ts';
import { localParts } from '../../domain/local-time.ts';
import { cycleDuties } from '../../plans/cycle-duties.ts';
import { startCycle } from '../../services/starts.ts';
import { faultDirectory, importFaultPlan, STANDING_ID } from '../support/fault-plan.ts';
import {
  deliveries,
  note,
  recorded,
  repeated,
  startFaultStack,
  listedWorkflowIds,
  until,
  type FaultStack,
} from '../support/faults.ts';

const COMMUNES = 4;
const token = Date.now().toString(36);
const year = localParts(Date.now()).year + 1;
const planId = `restart-${token}`;
const cycleId = `cycle:${planId}:${year}`;
const communes = faultDirectory(COMMUNES)
  .agencies.filter((a) => a.isCommune)
  .map((a) => a.id);

let stack: FaultStack;
let launchedIds: string[];

beforeAll(async () => {
  stack = await startFaultStack({ name: 'faults-temporal-restart' });
  await importFaultPlan(stack.db, planId, { from: year, to: year }, COMMUNES);
  launchedIds = (await cycleDuties(stack.db, planId, year, cycleId)).duties.map(dutyWorkflowId);
  await stack.startWorker();
  await startCycle(stack.client, StartCycle.parse({ planId, year }));
  await until(
    'the cycle running',
    async () =>
      (await stack.client.workflow.getHandle(cycleId).query(getCycleQuery)).status === 'running',
    60_000,
    250,
  );
});

afterAll(async () => {
  await stack?.stop();
});

describe('a Temporal server restart on its own data mid-cycle', () => {
  it(
    'keeps the cycle, reconnects the worker and finishes the ladders, each message once',
    { timeout: 180_000 },
    async () => {
      const cycle = stack.client.workflow.getHandle(cycleId);
      // The plan's ladder in seconds: reminders 15 s and 8 s before, the overdue notice at
      // the deadline, one urge 5 s after it, escalation 8 s after it.
      const dueAt = Math.ceil((Date.now() + 25_000) / 1000) * 1000;
      await cycle.executeUpdate(requestAdHocReportUpdate, {
        args: [
          RequestAdHocReport.parse({
            actor: { name: 'Cán bộ LĐ-TB&XH', agencyId: STANDING_ID },
            title: 'Báo cáo đột xuất tình hình thiệt hại do bão',
            product: 'Báo cáo nhanh',
            agencyIds: communes,
            dueAt: new Date(dueAt).toISOString(),
          }),
        ],
      });
      const adHocIds = communes.map((id) =>
        dutyWorkflowId({ planId, dutyId: `dot-xuat-1.${id}`, period: String(year) }),
      );
      const states = () =>
        Promise.all(adHocIds.map((id) => stack.client.workflow.getHandle(id).query(getStateQuery)));
      // Down once the first reminders are recorded, until the next step has fallen due.
      await until(
        'the first reminders',
        async () => (await states()).every((s) => s.notifications.length === 1),
        60_000,
        250,
      );
      const worker = stack.worker!;
      const stoppedAt = Date.now();
      const steps = [-15_000, -8_000, 0, 5_000, 8_000].map((offset) => dueAt + offset);
      await stack.restartTemporal(steps.find((at) => at > stoppedAt)! + 1_500);
      const backAt = Date.now();
      note(
        `Temporal down ${backAt - stoppedAt} ms, from ${stoppedAt - dueAt} ms after the deadline`,
      );

      const final = await until(
        'every ladder to its escalation',
        async () => {
          const all = await states();
          note(all.map((s) => `${s.status}:${s.notifications.length}`).join(' '));
          return all.every((s) => s.status === 'overdue' && s.notifications.length === 5)
            ? all
            : undefined;
        },
        120_000,
        500,
      );
      // The worker process rode out the outage.
      expect(stack.worker).toBe(worker);
      expect(worker.child.exitCode).toBeNull();

      const mail = await deliveries(stack.sink.received);
      expect(repeated(mail)).toEqual(new Map());
      const expected = new Set(
        final.flatMap((s: DutyState) =>
          s.notifications.flatMap((n) =>
            [...n.to, ...n.cc].map((to) => `${s.workflowId}|${n.stepId}|${to.toLowerCase()}`),
          ),
        ),
      );
      // Per duty: 2 + 2 reminders, overdue 3, urge 3, escalation 3.
      expect(expected.size).toBe(communes.length * 13);
      expect(new Set(mail.map((m) => m.key))).toEqual(expected);
      const rows = await recorded(stack.db);
      expect(new Set(rows.keys())).toEqual(expected);
      for (const m of mail) expect(rows.get(m.key)).toBe(m.messageId);

      // Nothing was sent while the server was down; what fell due then came after.
      expect(mail.filter((m) => m.receivedAt > stoppedAt && m.receivedAt < backAt)).toEqual([]);
      const dueWhileDown = final.flatMap((s) =>
        s.notifications
          .filter((n) => {
            const due = Date.parse(n.scheduledAt);
            return due > stoppedAt && due < backAt;
          })
          .flatMap((n) => [...n.to, ...n.cc].map((to) => `${s.workflowId}|${n.stepId}|${to}`)),
      );
      expect(dueWhileDown.length).toBeGreaterThanOrEqual(communes.length * 2);
      const late = mail.filter((m) => dueWhileDown.includes(m.key));
      expect(late.length).toBe(dueWhileDown.length);
      expect(late.every((m) => m.receivedAt >= backAt)).toBe(true);

      // The cycle kept every duty and counted each change once.
      const state = await until(
        'the cycle to count the ad hoc duties overdue',
        async () => {
          const s = await cycle.query(getCycleQuery);
          return s.phases.reports?.overdue === communes.length ? s : undefined;
        },
        30_000,
        250,
      );
      expect(state.status).toBe('running');
      expect(state.launched).toBe(launchedIds.length);
      expect(state.phases).toEqual({
        reports: { assigned: launchedIds.length, overdue: communes.length },
      });
      expect(state.adHocRequests.map((r) => r.error)).toEqual([undefined]);
      const runs = await listedWorkflowIds(
        stack.client,
        `PlanId = '${planId}'`,
        launchedIds.length + adHocIds.length,
      );
      expect(runs.sort()).toEqual([...launchedIds, ...adHocIds].sort());
      await until(
        'the read model to show the ad hoc duties overdue',
        async () => {
          const rows = await stack.db
            .selectFrom('duties')
            .select('status')
            .where('plan_id', '=', planId)
            .where('duty_id', 'like', 'dot-xuat-1.%')
            .execute();
          return rows.length === communes.length && rows.every((r) => r.status === 'overdue');
        },
        30_000,
        250,
      );
    },
  );
});
