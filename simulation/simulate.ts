// A plan's whole year on the time-skipping server, with the real workflow code: the cycle
// starts every duty, scripted agencies submit on time, late, or never, ask for extensions,
// and the standing agency accepts; the ladder reminds, urges and escalates as it would.
// What comes back is every duty, message and transition, in the plan's real dates.
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle, WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../activities/index.ts';
import type { Mailer } from '../activities/mailer.ts';
import type { Contact, StartDuty } from '../common/duty-schema.ts';
import type { DutyState } from '../common/duty-state.ts';
import {
  TASK_QUEUE,
  closeYearUpdate,
  decideExtensionUpdate,
  dutyWorkflowId,
  getCycleQuery,
  getStateQuery,
  recordAllocationUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitUpdate,
} from '../common/messages.ts';
import { openDb, type Db } from '../db/index.ts';
import { digestHeldBetween, readPlanCopy, sentDigests, writePlanCopy } from '../db/simulations.ts';
import { isWorkingDay } from '../domain/calendar.ts';
import { shiftDates, shiftedSource } from '../domain/holidays.ts';
import { parseDuration } from '../domain/duration.ts';
import { DIGEST_TIME, URGENT } from '../domain/ladder.ts';
import {
  DAY_MS,
  formatDateTime,
  localDateKey,
  localInstant,
  localParts,
} from '../domain/local-time.ts';
import { cycleDuties } from '../plans/cycle-duties.ts';
import { nationalYear } from '../plans/national-calendar.ts';
import { createTimeSkippingEnv } from '../scripts/lib/time-skipping.ts';
import { startCycle } from '../services/starts.ts';
import { dailyDigestWorkflow } from '../workflows/digest.ts';
import { bundleWorkflows, createDutyWorker } from '../worker/create.ts';
import type {
  MailFigures,
  MailRole,
  Person,
  PersonGroup,
  Simulate,
  SimulationProgress,
  SimulationResult,
  TimelineRow,
} from './schema.ts';
import { shadowYearOf, shiftIso, shiftPeriod, shiftYears } from './shift.ts';

/** Messages are recorded, not sent: the simulation is for reading, nobody is written to. */
const quietMailer: Mailer = {
  send: () => Promise.resolve(),
  verify: () => Promise.resolve(),
  close: () => undefined,
};

let bundle: Promise<WorkflowBundle> | undefined;
const PARALLEL_ACTIONS = 32;

/** mulberry32: small, seeded, good enough to draw behaviours that repeat run after run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Copies the plan and the directory into the simulation's own database, moved `shift` years. */
async function copyPlan(
  from: Db,
  to: Db,
  planId: string,
  year: number,
  shift: number,
  /** Instead of the plan's own delivery, to compare. */
  delivery?: 'digest' | 'single',
): Promise<void> {
  const copy = await readPlanCopy(from, planId);
  // The plan's own days off are dated: they move with the year like every other date.
  const definition = JSON.parse(copy.plan.definition_json) as {
    calendar?: { holidays?: string[]; makeUpWorkingDays?: string[] };
    escalationPolicy?: Record<string, unknown>;
  };
  if (delivery) definition.escalationPolicy = { ...definition.escalationPolicy, delivery };
  if (definition.calendar) {
    definition.calendar.holidays = shiftDates(definition.calendar.holidays ?? [], shift);
    definition.calendar.makeUpWorkingDays = shiftDates(
      definition.calendar.makeUpWorkingDays ?? [],
      shift,
    );
  }
  await writePlanCopy(to, {
    ...copy,
    plan: {
      ...copy.plan,
      definition_json: JSON.stringify(definition),
      period_from: copy.plan.period_from + shift,
      period_to: copy.plan.period_to + shift,
    },
    planDuties: copy.planDuties.map((row) => {
      const duty = JSON.parse(row.duty_json) as {
        instances: { period: string; dueAt: string; lastDay: string }[];
      };
      duty.instances = duty.instances
        .filter((i) => i.period.startsWith(String(year)))
        .map((i) => ({
          ...i,
          period: shiftPeriod(i.period, shift),
          dueAt: shiftIso(i.dueAt, shift),
        }));
      return { ...row, duty_json: JSON.stringify(duty) };
    }),
  });
}

/** What the script needs of a duty: its key, its product, who leads and who reviews. */
type Scripted = Pick<
  StartDuty,
  'planId' | 'dutyId' | 'period' | 'product' | 'cycle' | 'policy' | 'coordinating'
> & {
  lead: { id: string; name: string };
  standing: { id: string; name: string };
};

interface Event {
  at: number;
  order: number;
  /** The duty whose script it belongs to, for the progress. */
  duty: string;
  run: () => Promise<unknown>;
}

export interface SimulateOptions {
  /** Told how far the year is now and then (every batch of actions), for a job's progress. */
  onProgress?: (progress: SimulationProgress) => void;
  /** A bundle built beforehand (the worker's own); otherwise built once per process. */
  workflowBundle?: WorkflowBundleOption;
}

export async function simulateYear(
  db: Db,
  planId: string,
  input: Simulate,
  /** Told of the simulated date now and then, for a command that runs for minutes. */
  progress?: (line: string) => void,
  /**
   * An empty database to keep the simulated year's read model in (its dates in the shadow
   * year), for dashboards over it; by default an in-memory one, dropped at the end.
   */
  readModel?: Db,
  opts: SimulateOptions = {},
): Promise<SimulationResult> {
  const started = Date.now();
  const tell = opts.onProgress ?? (() => undefined);
  tell({ phase: 'starting', share: 0, duties: 0, dutiesDone: 0, actionsDone: 0, actionsLeft: 0 });
  const env: TestWorkflowEnvironment = await createTimeSkippingEnv();
  const sim = readModel ?? (await openDb({ sqliteFile: ':memory:' }));
  try {
    const shadow = shadowYearOf(input.year, localParts(await env.currentTimeMs()).year);
    const shift = shadow - input.year;
    await copyPlan(db, sim, planId, input.year, shift, input.delivery);
    // The real year's national days off, moved to the shadow year: never the shadow year's own.
    const national = shiftedSource(nationalYear, shift);
    const workflowBundle = opts.workflowBundle ?? (await (bundle ??= bundleWorkflows()));
    const worker = await createDutyWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      workflowBundle,
      activities: createActivities({
        db: sim,
        client: env.client,
        mailer: quietMailer,
        publicUrl: 'http://simulation',
        mailFrom: 'simulation@duties.example',
        nationalCalendar: national,
      }),
    });
    const client = env.client;
    // Waits for a digest without letting the server skip on to the next timer meanwhile.
    const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    const sleepUntil = async (ms: number): Promise<void> => {
      const wait = ms - (await env.currentTimeMs());
      if (wait > 0) await env.sleep(wait);
    };

    return await worker.runUntil(async () => {
      await sleepUntil(localInstant(shadow, 1, 2, 7));
      const cycleId = await startCycle(client, {
        planId,
        year: shadow,
        policy: { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 },
      });
      const cycle = client.workflow.getHandle(cycleId);
      for (let i = 0; (await cycle.query(getCycleQuery)).status === 'launching'; i++) {
        if (i > 6000) throw new Error('the cycle did not start its duties');
        await new Promise((r) => setTimeout(r, 50));
      }
      const { duties, projects, calendar } = await cycleDuties(
        sim,
        planId,
        shadow,
        cycleId,
        national,
      );
      // The digest schedule's mornings, run as the Schedule would (the time-skipping server has
      // none): on the duties' working days only, and only when something waits to be read, which
      // is all the digest would look at (the simulation copies no agency's own digest choice).
      const today = localParts(await env.currentTimeMs());
      let nextDigest = localInstant(
        today.year,
        today.month,
        today.day,
        DIGEST_TIME.hour,
        DIGEST_TIME.minute,
      );
      let lastDigest = 0;
      // Under single messages nothing is held: no morning to stop at.
      const digesting = duties.some((d) => d.policy.delivery === 'digest');
      // Mornings something can have been held for: a ladder's step (on the working day at or
      // around the instant its rule names, so weekends and Tết are covered both ways) or a
      // scripted action the day before. Stopping the clock costs a round trip to the server; a
      // morning left out would only hold its news for the next one.
      const worthStopping = new Set<string>();
      const mark = (ms: number): void => {
        for (const step of [-DAY_MS, DAY_MS]) {
          let t = ms;
          for (let i = 0; i < 30 && !isWorkingDay(calendar, t); i++) t += step;
          worthStopping.add(localDateKey(t));
        }
      };
      const markLadder = (
        d: Pick<Scripted, 'policy' | 'coordinating'>,
        dueMs: number,
        from: number,
      ) => {
        const p = d.policy;
        // The requests of a ladder started after the office hour go out the next morning.
        mark(from);
        mark(from + DAY_MS);
        for (const b of p.remindBefore) mark(dueMs - parseDuration(b));
        mark(dueMs);
        for (let k = 1; k <= p.maxUrges; k++) mark(dueMs + k * parseDuration(p.urgeEvery));
        mark(dueMs + parseDuration(p.escalateAfter));
        if (d.coordinating.length === 0) return;
        const contribution = dueMs - parseDuration(p.contributionLead);
        mark(contribution);
        for (const b of p.contributionRemindBefore) mark(contribution - parseDuration(b));
      };
      const digestsUntil = async (until: number): Promise<void> => {
        for (; digesting && nextDigest <= until; nextDigest += DAY_MS) {
          const at = nextDigest;
          if (!isWorkingDay(calendar, at) || !worthStopping.has(localDateKey(at))) continue;
          await sleepUntil(at);
          report(at);
          const waiting = await digestHeldBetween(
            sim,
            new Date(lastDigest).toISOString(),
            new Date(at).toISOString(),
          );
          if (!waiting) continue;
          await plain.workflow.execute(dailyDigestWorkflow, {
            taskQueue: TASK_QUEUE,
            workflowId: `daily-digest-${at}`,
            args: [],
          });
          lastDigest = at;
        }
      };
      const rand = random(input.behaviour.seed);
      const b = input.behaviour;
      const events: Event[] = [];
      const ids: string[] = duties.map((d) => dutyWorkflowId(d));
      let order = 0;
      /** Per duty: its scripted actions still to run and its (latest) deadline. */
      const scripted = new Map<string, { pending: number; dueMs: number }>();
      let current = '';
      const at = (ms: number, run: () => Promise<unknown>) => {
        const s = scripted.get(current);
        if (s) s.pending += 1;
        events.push({ at: ms, order: order++, duty: current, run });
      };
      const counts = { late: 0, missing: 0, extensions: 0 };
      const refused: { at: number; reason: string }[] = [];

      const script = (duty: Scripted, dueMs: number, from: number): void => {
        markLadder(duty, dueMs, from);
        current = dutyWorkflowId(duty);
        scripted.set(current, { pending: 0, dueMs });
        const handle = client.workflow.getHandle(current);
        const lead = { name: `Cán bộ ${duty.lead.name}`, agencyId: duty.lead.id };
        const standing = { name: `Cán bộ ${duty.standing.name}`, agencyId: duty.standing.id };
        const draw = rand();
        // People act at 09:00 on a working day of the duties' calendar: nobody submits on
        // Tết, so nothing they set off goes out on a day off either.
        const working = (ms: number, direction: 'earlier' | 'later') => {
          const p = localParts(ms);
          let t = localInstant(p.year, p.month, p.day, 9);
          for (let i = 0; i < 30 && !isWorkingDay(calendar, t); i++) {
            t += direction === 'later' ? DAY_MS : -DAY_MS;
          }
          return t;
        };
        let submitAt: number | undefined;
        if (draw < b.missingShare) {
          counts.missing += 1;
        } else if (draw < b.missingShare + b.lateShare) {
          counts.late += 1;
          const [lo, hi] = b.lateDays;
          submitAt = working(dueMs + (lo + Math.floor(rand() * (hi - lo + 1))) * DAY_MS, 'later');
        } else if (draw < b.missingShare + b.lateShare + b.extensionShare) {
          counts.extensions += 1;
          const newDue = dueMs + 14 * DAY_MS;
          scripted.set(current, { pending: 0, dueMs: newDue });
          markLadder(duty, newDue, working(dueMs - 4 * DAY_MS, 'earlier'));
          const askAt = working(dueMs - 5 * DAY_MS, 'earlier');
          at(askAt, () =>
            handle.executeUpdate(requestExtensionUpdate, {
              args: [
                {
                  actor: lead,
                  newDueAt: new Date(newDue).toISOString(),
                  reason: 'Chờ số liệu từ các xã',
                },
              ],
            }),
          );
          at(Math.max(working(dueMs - 4 * DAY_MS, 'earlier'), askAt) + 3_600_000, () =>
            handle.executeUpdate(decideExtensionUpdate, {
              args: [{ actor: standing, grant: true }],
            }),
          );
          submitAt = working(newDue - 3 * DAY_MS, 'earlier');
        } else {
          submitAt = working(dueMs - (1 + Math.floor(rand() * 7)) * DAY_MS, 'earlier');
        }
        if (submitAt !== undefined) {
          at(submitAt, () =>
            handle.executeUpdate(submitUpdate, {
              args: [
                {
                  actor: lead,
                  text: `${duty.product} (mô phỏng)`,
                  attachments: [],
                  indicators:
                    duty.cycle?.phase === 'disbursement-commitment'
                      ? Object.fromEntries(
                          Array.from({ length: 12 }, (_, i) => [
                            `m${String(i + 1).padStart(2, '0')}`,
                            Math.floor(Number(b.allocation) / 12),
                          ]),
                        )
                      : {},
                },
              ],
            }),
          );
          at(working(submitAt + DAY_MS, 'later'), () =>
            handle.executeUpdate(reviewUpdate, { args: [{ actor: standing, outcome: 'accept' }] }),
          );
        }
      };

      const launched = await env.currentTimeMs();
      // The span the progress is a share of: from the start to the last ladder's end.
      const spanEnd = Math.max(...duties.map((d) => Date.parse(d.dueAt))) + 40 * DAY_MS;
      for (const duty of duties) script(duty, Date.parse(duty.dueAt), launched);
      // Allocations belong to no duty's script (the commitments they start get their own).
      current = '';
      // Capital is allocated to every (sub-)project on 1 March; each commitment then follows
      // the same behaviours as any duty.
      const coordinator = { name: 'Mô phỏng điều phối', agencyId: 'simulation' };
      for (const p of projects) {
        at(localInstant(shadow, 3, 1, 9), async () => {
          await cycle.executeUpdate(recordAllocationUpdate, {
            args: [{ actor: coordinator, projectRef: p.ref, amount: b.allocation }],
          });
          const commitment = dutyWorkflowId({
            planId,
            dutyId: `${p.ref.replace(/\//g, '~')}.cam-ket`,
            period: String(shadow),
          });
          ids.push(commitment);
          for (let i = 0; i < 200; i++) {
            const state = await client.workflow
              .getHandle(commitment)
              .query(getStateQuery)
              .catch(() => undefined);
            if (state) {
              // The commitment as its workflow has it: same agencies, its own id and deadline.
              script(state, Date.parse(state.dueAt), Date.parse(state.generationStartedAt));
              return;
            }
            await new Promise((r) => setTimeout(r, 50));
          }
          throw new Error(`the commitment of ${p.ref} did not start`);
        });
      }

      // Events may add events (a commitment's behaviour): run them in time order until none remain.
      // Actions due at the same instant (every commune's report at 09:00 on one morning) go
      // together; each batch may add actions (a commitment's behaviour) for later.
      let done = 0;
      /** Where the year is, for the progress: after each batch and each digest morning. */
      function report(now: number): void {
        let dutiesDone = 0;
        for (const s of scripted.values()) if (s.pending <= 0 && s.dueMs <= now) dutiesDone += 1;
        tell({
          phase: 'running',
          share: Math.min(1, Math.max(0, (now - launched) / Math.max(1, spanEnd - launched))),
          at: new Date(shiftYears(now, -shift)).toISOString(),
          duties: ids.length,
          dutiesDone,
          actionsDone: done,
          actionsLeft: events.length,
        });
      }
      let lastMonth = -1;
      for (;;) {
        events.sort((x, y) => x.at - y.at || x.order - y.order);
        const first = events[0];
        if (!first) break;
        const end = events.findIndex((e) => e.at !== first.at);
        const batch = events.splice(0, end === -1 ? events.length : end);
        await digestsUntil(first.at);
        await sleepUntil(first.at);
        for (let i = 0; i < batch.length; i += PARALLEL_ACTIONS) {
          await Promise.all(
            batch.slice(i, i + PARALLEL_ACTIONS).map((e) =>
              // A scripted action the duty refuses (its state moved on) is part of the story.
              e.run().catch((err: unknown) => {
                const reason =
                  err instanceof Error
                    ? err.cause instanceof Error
                      ? err.cause.message
                      : err.message
                    : String(err);
                refused.push({ at: e.at, reason });
              }),
            ),
          );
        }
        done += batch.length;
        for (const e of batch) {
          const s = scripted.get(e.duty);
          if (s) s.pending -= 1;
        }
        report(first.at);
        // What the actions set off (a notice of a product, a decision) is read the next morning.
        mark(first.at);
        mark(first.at + DAY_MS);
        const month = localParts(first.at).month;
        if (progress && month !== lastMonth) {
          lastMonth = month;
          progress(
            `  ${formatDateTime(shiftYears(first.at, -shift)).slice(6)}: ${done} actions done, ${events.length} to go`,
          );
        }
      }
      // Long enough after the last deadline for every urge and escalation to go out.
      const lastDue = Math.max(...duties.map((d) => Date.parse(d.dueAt)));
      const end = Math.max(lastDue + 40 * DAY_MS, await env.currentTimeMs());
      await digestsUntil(end);
      await sleepUntil(end);
      await cycle.executeUpdate(closeYearUpdate, { args: [{ actor: coordinator }] });
      tell({
        phase: 'collecting',
        share: 1,
        at: new Date(shiftYears(end, -shift)).toISOString(),
        duties: ids.length,
        dutiesDone: ids.length,
        actionsDone: done,
        actionsLeft: 0,
      });

      const timeline: TimelineRow[] = [];
      const dutyRows: SimulationResult['duties'] = [];
      const byStatus: Record<string, number> = {};
      const notifications: Record<string, number> = {};
      const mail: Sent[] = [];
      const roles = new Map<string, Set<MailRole>>();
      const people = new Map<string, Person>();
      const person = (c: Contact, agency: string, group: PersonGroup) => {
        const e = c.email.toLowerCase();
        const known = people.get(e) ?? { name: c.name, agency, groups: [] };
        if (!known.groups.includes(group)) known.groups.push(group);
        people.set(e, known);
      };
      const agencyNames = new Map<string, string>();
      const row = (
        iso: string,
        d: DutyState | undefined,
        agency: string,
        event: string,
        detail: string,
        recipients?: string[],
      ) => {
        const real = shiftYears(Date.parse(iso), -shift);
        timeline.push({
          at: formatDateTime(real),
          instant: new Date(real).toISOString(),
          duty: d ? `${d.dutyId} ${shiftPeriod(d.period, -shift)}` : '',
          agency,
          event,
          detail,
          ...(recipients ? { recipients } : {}),
        });
        for (const email of recipients ?? []) {
          const e = email.toLowerCase();
          mail.push({
            email: e,
            at: real,
            kind: event.replace(/^notify:/, ''),
            // A duty's message counts for the role the person has in it; a digest, which may
            // speak of several duties, for every role the person has.
            roles: d ? [roleIn(d, e)] : [...(roles.get(e) ?? [])],
          });
        }
      };
      for (const id of ids) {
        const d = await client.workflow.getHandle(id).query(getStateQuery);
        const role = (people: Contact[], r: MailRole) => {
          for (const p of people) {
            const e = p.email.toLowerCase();
            roles.set(e, (roles.get(e) ?? new Set()).add(r));
          }
        };
        role([d.lead.head, ...d.lead.focalPoints], 'lead');
        for (const a of d.coordinating) role([a.head, ...a.focalPoints], 'coordinating');
        role([d.standing.head, ...d.standing.focalPoints], 'standing');
        role([d.supervisor], 'supervisor');
        for (const a of [d.lead, ...d.coordinating]) {
          person(a.head, a.name, 'head');
          for (const f of a.focalPoints) person(f, a.name, 'focal');
        }
        for (const c of [d.standing.head, ...d.standing.focalPoints]) {
          person(c, d.standing.name, 'standing');
        }
        person(d.supervisor, d.supervisor.title, 'supervisor');
        for (const a of [d.lead, d.standing, ...d.coordinating]) agencyNames.set(a.id, a.name);
        byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
        const due = shiftYears(Date.parse(d.dueAt), -shift);
        dutyRows.push({
          id: d.workflowId.replace(d.period, shiftPeriod(d.period, -shift)),
          title: d.title,
          product: d.product,
          lead: d.lead.name,
          period: shiftPeriod(d.period, -shift),
          dueAt: new Date(due).toISOString(),
          originalDueAt: shiftIso(d.originalDueAt, -shift),
          lastDay: formatDateTime(due - 1).slice(6),
          status: d.status,
          late: d.submissions.some((x) => x.late),
          notifications: d.notifications.map((n) => ({
            kind: n.kind,
            at: shiftIso(n.sentAt, -shift),
            to: [...n.to, ...n.cc],
          })),
        });
        for (const h of d.history) row(h.at, d, h.actor.name, h.action, h.comment ?? '');
        for (const n of d.notifications) {
          notifications[n.kind] = (notifications[n.kind] ?? 0) + 1;
          const held = new Set(n.held?.map((h) => h.email.toLowerCase()));
          const written = (e: string) => !held.has(e.toLowerCase());
          row(
            n.sentAt,
            d,
            d.lead.name,
            `notify:${n.kind}`,
            [
              ...n.to.filter(written),
              ...n.cc.filter(written).map((c) => `cc ${c}`),
              ...(n.held?.length
                ? [
                    `→ ${DIGEST_WORD[n.held[0]?.delivery ?? 'digest']}: ${n.held.map((h) => h.email).join(' ')}`,
                  ]
                : []),
            ].join(', '),
            [...n.to, ...n.cc].filter(written),
          );
        }
      }
      // The digests, as the delivery log has them (stamped with the simulation's clock).
      for (const r of await sentDigests(sim)) {
        const agency = agencyNames.get(r.workflow_id.replace(/^digest:/, '')) ?? '';
        row(r.sent_at, undefined, agency, 'digest', r.recipient, [r.recipient]);
      }
      timeline.sort((x, y) => x.instant.localeCompare(y.instant) || x.duty.localeCompare(y.duty));
      return {
        planId,
        year: input.year,
        shadowYear: shadow,
        behaviour: input.behaviour,
        summary: {
          duties: ids.length,
          byStatus,
          notifications,
          submittedLate: counts.late,
          neverSubmitted: counts.missing,
          extensionsGranted: counts.extensions,
          mail: {
            delivery: duties[0]?.policy.delivery ?? 'single',
            perDuty: ids.length ? Math.round((mail.length / ids.length) * 10) / 10 : 0,
            byKind: Object.fromEntries(
              [...new Set(mail.map((m) => m.kind))].map((k) => [
                k,
                mail.filter((m) => m.kind === k).length,
              ]),
            ),
            ...mailFigures(mail),
            byRole: Object.fromEntries(
              MAIL_ROLES.map((r) => [r, mailFigures(mail.filter((m) => m.roles.includes(r)))]),
            ) as Record<MailRole, MailFigures>,
          },
          refusedActions: refused.map(
            (r) => `${formatDateTime(shiftYears(r.at, -shift))}: ${r.reason}`,
          ),
          elapsedMs: Date.now() - started,
        },
        duties: dutyRows,
        timeline,
        people: Object.fromEntries(
          [...people].sort(([a], [b]) => a.localeCompare(b)).map(([e, p]) => [e, p]),
        ),
      };
    });
  } finally {
    await env.teardown();
    if (!readModel) await sim.destroy();
  }
}

/** One message to one person, at a real-year instant. */
interface Sent {
  email: string;
  at: number;
  kind: string;
  roles: MailRole[];
}

/** The role a person (lower-case email) has in a duty, the lead's first. */
function roleIn(d: DutyState, email: string): MailRole {
  const among = (people: Contact[]) => people.some((p) => p.email.toLowerCase() === email);
  if (among([d.lead.head, ...d.lead.focalPoints])) return 'lead';
  if (d.coordinating.some((a) => among([a.head, ...a.focalPoints]))) return 'coordinating';
  if (among([d.standing.head, ...d.standing.focalPoints])) return 'standing';
  return 'supervisor';
}

const MAIL_ROLES: readonly MailRole[] = ['lead', 'coordinating', 'standing', 'supervisor'];
const DIGEST_WORD = { digest: 'tổng hợp', 'opted-out': 'từ chối nhắc' } as const;

/** How many people were written to, how often, and the most any of them got in a day. */
export function mailFigures(sent: readonly Sent[]): MailFigures {
  const perDay = (list: readonly Sent[]) => {
    const counts = new Map<string, number>();
    for (const m of list) {
      const key = `${m.email}|${localDateKey(m.at)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let max = 0;
    let busiest: MailFigures['busiest'];
    // Ties go to the earliest day, then the first address: the same year simulated twice
    // names the same person, whatever order its messages went out in within a second.
    const byDayThenEmail = ([a]: [string, number], [b]: [string, number]) => {
      const [ea = '', da = ''] = a.split('|');
      const [eb = '', db = ''] = b.split('|');
      return da < db ? -1 : da > db ? 1 : ea < eb ? -1 : ea > eb ? 1 : 0;
    };
    for (const [key, n] of [...counts].sort(byDayThenEmail)) {
      if (n <= max) continue;
      max = n;
      const [email = '', day = ''] = key.split('|');
      busiest = { email, day };
    }
    return { max, busiest };
  };
  const all = perDay(sent);
  const routine = perDay(sent.filter((m) => !(URGENT as readonly string[]).includes(m.kind)));
  return {
    people: new Set(sent.map((m) => m.email)).size,
    messages: sent.length,
    maxPerPersonDay: all.max,
    ...(all.busiest ? { busiest: all.busiest } : {}),
    maxPerPersonDayRoutine: routine.max,
  };
}

export function timelineCsv(result: SimulationResult): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['Thời điểm,Nhiệm vụ,Cơ quan,Sự kiện,Chi tiết'];
  for (const r of result.timeline)
    lines.push([r.at, r.duty, r.agency, r.event, r.detail].map(q).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
