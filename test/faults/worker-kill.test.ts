// kill -9 of the worker process, three times, each time in the middle of both a cycle launch
// (a year of a plan of a few hundred duty instances being started) and a burst of reminders
// (a dozen duties whose reminders fall due together, messages held mid-delivery by the SMTP
// server).
// After each kill the worker stays down while the next reminders fall due, then restarts.
// Afterwards: every duty of every cycle exists exactly once and each cycle is running; every
// reminder arrived exactly once — but for the messages the last kill caught between the SMTP
// server's acceptance and their record, which arrive twice under one Message-ID (the known
// at-least-once window); those due during an outage arrived after it; final states are right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartCycle, type CycleState } from '../../common/cycle-schema.ts';
import { StartDuty, Submit } from '../../common/duty-schema.ts';
import type { DutyState } from '../../common/duty-state.ts';
import {
  dutyWorkflowId,
  getCycleQuery,
  getStateQuery,
  submitUpdate,
} from '../../common/messages.ts';
import { localParts } from '../../domain/local-time.ts';
import { cycleDuties } from '../../plans/cycle-duties.ts';
import { startCycle, startDuty } from '../../services/starts.ts';
import { dutyWithReminders, faultAgency, importFaultPlan } from '../support/fault-plan.ts';
import {
  deliveries,
  killMidDelivery,
  recorded,
  repeated,
  note,
  sleep,
  startFaultStack,
  listedWorkflowIds,
  until,
  type FaultStack,
  type MidDeliveryKill,
} from '../support/faults.ts';

const ROUNDS = 3;
/** 14 duties per commune and year: 84 a year, 252 over the plan's three years. */
const COMMUNES = 6;
const BURST_DUTIES = 12;
/**
 * Each round's duties remind their lead (head and focal point) at these offsets (s) from the
 * round's start: the wave the kill interrupts, one falling due while no worker runs, and a
 * later one in case the kill came late.
 */
const REMINDERS_S = [7, 12, 22];

const token = Date.now().toString(36);
// The cycles of the next three years: their duties are months away, so launching them sends
// nothing.
const firstYear = localParts(Date.now()).year + 1;
const years = Array.from({ length: ROUNDS }, (_, k) => firstYear + k);
const planId = `kill-${token}`;
const cycleIdOf = (year: number) => `cycle:${planId}:${year}`;
const burstPlan = `burst-${token}`;

let stack: FaultStack;
const burst: StartDuty[] = [];
const expectedLaunch = new Map<number, string[]>();
const kills: (MidDeliveryKill & {
  launched: number;
  restartedAt: number;
  /** A reminder of the burst fell due while the worker was down (not so when a loaded machine kills late). */
  outageCoversReminder: boolean;
})[] = [];

const at = (ms: number) => sleep(Math.max(0, ms - Date.now()));

/** Duties of the plan's year as Temporal lists them. */
const yearQuery = (year: number) => `PlanId = '${planId}' AND Period STARTS_WITH '${year}'`;

async function launched(year: number): Promise<number> {
  return (await stack.client.workflow.count(yearQuery(year))).count;
}

/** The round's burst: duties due in ten minutes whose reminders go out at REMINDERS_S. */
async function startBurst(round: number): Promise<number[]> {
  // Whole seconds, as the policy's durations are written.
  const start = Math.ceil(Date.now() / 1000) * 1000;
  const instants = REMINDERS_S.map((s) => start + s * 1000);
  const duties = Array.from({ length: BURST_DUTIES }, (_, i) =>
    StartDuty.parse(
      dutyWithReminders(
        { planId: burstPlan, dutyId: `r${round}-${i + 1}`, period: String(firstYear) },
        start + 600_000,
        instants,
        faultAgency(`${token}-r${round}-lead-${i + 1}`),
      ),
    ),
  );
  await Promise.all(duties.map((d) => startDuty(stack.client, d)));
  burst.push(...duties);
  return instants;
}

beforeAll(async () => {
  stack = await startFaultStack({ name: 'faults-worker-kill' });
  await importFaultPlan(stack.db, planId, { from: years[0]!, to: years[ROUNDS - 1]! }, COMMUNES);
  for (const year of years) {
    const { duties } = await cycleDuties(stack.db, planId, year, cycleIdOf(year));
    expectedLaunch.set(year, duties.map(dutyWorkflowId));
  }
  await stack.startWorker();
});

afterAll(async () => {
  await stack?.stop();
});

describe('kill -9 of the worker during cycle launches and reminder bursts', () => {
  it(
    'kills the worker three times, each mid-launch and with messages mid-delivery',
    { timeout: 180_000 },
    async () => {
      for (let k = 0; k < ROUNDS; k++) {
        const year = years[k]!;
        const total = expectedLaunch.get(year)!.length;
        const instants = await startBurst(k + 1);
        await at(instants[0]! - 300);
        const kill = await killMidDelivery(stack, {
          // Part of the wave delivered first, so a duty can die between its two recipients.
          passFirst: 6,
          minHeld: 2,
          // The last kill lands in the instant after the SMTP server accepted.
          window: k === ROUNDS - 1 ? 'open' : 'closed',
          meanwhile: () => startCycle(stack.client, StartCycle.parse({ planId, year })),
          ready: async () => (await launched(year)) > 0,
        });
        const progress = await launched(year);
        // The worker stays down until the next reminder has fallen due.
        const next = instants.find((r) => r > kill.at);
        if (next !== undefined) await at(next + 500);
        const restartedAt = await stack.startWorker();
        kills.push({
          ...kill,
          launched: progress,
          restartedAt,
          outageCoversReminder: next !== undefined,
        });
        note(
          `kill ${k + 1}: launch ${progress}/${total}, ${kill.acceptedUnrecorded.length} caught accepted, down ${restartedAt - kill.at} ms`,
        );
        expect(progress, `cycle ${k + 1} was launching when killed`).toBeLessThan(total);
      }
      expect(kills.map((k) => k.acceptedUnrecorded.length > 0)).toEqual([false, false, true]);
    },
  );

  it(
    'started every duty of every cycle exactly once, and each cycle is running',
    { timeout: 300_000 },
    async () => {
      const cycles = years.map((year) => stack.client.workflow.getHandle(cycleIdOf(year)));
      const counted = (s: CycleState) =>
        Object.values(s.phases)
          .flatMap((byStatus) => Object.values(byStatus))
          .reduce((a, b) => a + b, 0);
      // Each duty tells its cycle its status once it runs.
      const states = await until(
        'every cycle running with every duty counted',
        async () => {
          const all = await Promise.all(cycles.map((h) => h.query(getCycleQuery)));
          note(all.map((s) => `${s.status} ${s.launched} ${counted(s)}`).join(' | '));
          return all.every(
            (s) => s.status === 'running' && counted(s) === expectedLaunch.get(s.year)!.length,
          )
            ? all
            : undefined;
        },
        240_000,
        2_000,
      );
      for (const state of states) {
        const expected = expectedLaunch.get(state.year)!;
        expect(state.launched).toBe(expected.length);
        // Told exactly once that it was assigned: a count per duty, none twice.
        expect(state.phases).toEqual({ reports: { assigned: expected.length } });
        const runs = await listedWorkflowIds(stack.client, yearQuery(state.year), expected.length);
        expect(runs.length).toBe(expected.length);
        expect(new Set(runs)).toEqual(new Set(expected));
      }
      // The read model has each duty once too.
      const all = [...expectedLaunch.values()].flat();
      await until(
        'the read model of every cycle',
        async () => {
          const rows = await stack.db
            .selectFrom('duties')
            .select('id')
            .where('plan_id', '=', planId)
            .execute();
          return rows.length === all.length && new Set(rows.map((r) => r.id)).size === all.length;
        },
        60_000,
        1_000,
      );
      expect(kills.every((k) => k.launched > 0)).toBe(true);
    },
  );

  it(
    'delivered every reminder once, the only repeats those the last kill caught accepted',
    { timeout: 180_000 },
    async () => {
      const handles = burst.map((d) => stack.client.workflow.getHandle(dutyWorkflowId(d)));
      // Every delivery finished: each duty records all its reminders.
      const states = await until(
        'every burst duty to record its reminders',
        async () => {
          const all = await Promise.all(handles.map((h) => h.query(getStateQuery)));
          note(
            `burst: ${all.map((s) => s.notifications.length).join(' ')}; ${stack.sink.received.length} messages`,
          );
          return all.every((s) => s.notifications.length === REMINDERS_S.length) ? all : undefined;
        },
        150_000,
        2_000,
      );
      const mail = await deliveries(stack.sink.received);
      const expected = new Set(
        states.flatMap((s: DutyState) =>
          s.notifications.flatMap((n) => n.to.map((to) => `${s.workflowId}|${n.stepId}|${to}`)),
        ),
      );
      expect(expected.size).toBe(ROUNDS * BURST_DUTIES * REMINDERS_S.length * 2);
      const burstMail = mail.filter((m) => m.step.startsWith(`duty:${burstPlan}:`));
      expect(new Set(burstMail.map((m) => m.key))).toEqual(expected);

      // Repeated: exactly the messages accepted in the instant of the last kill, each under
      // one Message-ID; the notifications table holds every key once with that Message-ID.
      const repeats = repeated(burstMail);
      const windowIds = new Set(kills.flatMap((k) => k.acceptedUnrecorded));
      expect([...repeats.values()].flat().every((id) => windowIds.has(id))).toBe(true);
      for (const ids of repeats.values()) expect(new Set(ids).size).toBe(1);
      expect(repeats.size).toBe(windowIds.size);
      expect(burstMail.length).toBe(expected.size + repeats.size);
      const rows = await recorded(stack.db, `duty:${burstPlan}:`);
      expect(new Set(rows.keys())).toEqual(expected);
      for (const m of burstMail) expect(rows.get(m.key)).toBe(m.messageId);

      // Nothing arrived while no worker ran; what fell due then arrived after the restart.
      for (const kill of kills) {
        expect(
          mail.filter((m) => m.receivedAt > kill.at && m.receivedAt < kill.restartedAt),
        ).toEqual([]);
        if (!kill.outageCoversReminder) continue;
        const dueInOutage = new Set(
          states.flatMap((s) =>
            s.notifications
              .filter((n) => {
                const due = Date.parse(n.scheduledAt);
                return due > kill.at && due < kill.restartedAt;
              })
              .map((n) => `${s.workflowId}|${n.stepId}|`),
          ),
        );
        const late = burstMail.filter((m) =>
          dueInOutage.has(m.key.slice(0, m.key.lastIndexOf('|') + 1)),
        );
        expect(dueInOutage.size).toBeGreaterThanOrEqual(BURST_DUTIES);
        expect(new Set(late.map((m) => m.key)).size).toBe(dueInOutage.size * 2);
        expect(late.every((m) => m.receivedAt >= kill.restartedAt)).toBe(true);
      }
      // At least one outage held reminders back, so the property above was exercised.
      expect(kills.some((k) => k.outageCoversReminder)).toBe(true);

      // Final states: each duty took its submission after the crashes, and the read model
      // shows it.
      for (const d of burst) {
        await stack.client.workflow.getHandle(dutyWorkflowId(d)).executeUpdate(submitUpdate, {
          args: [Submit.parse({ actor: { name: 'Cán bộ', agencyId: d.lead.id }, text: 'Báo cáo' })],
        });
      }
      await until(
        'the read model to show every burst duty submitted',
        async () => {
          const rows = await stack.db
            .selectFrom('duties')
            .select(['id', 'status'])
            .where('plan_id', '=', burstPlan)
            .execute();
          return rows.length === burst.length && rows.every((r) => r.status === 'submitted');
        },
        60_000,
        250,
      );
    },
  );
});
