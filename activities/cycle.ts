import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { StartDuty, type DutyInput } from '../common/duty-schema.ts';
import { dutyWorkflowId } from '../common/messages.ts';
import { newDutyState } from '../domain/duty-rules.ts';
import { startDuty } from '../services/starts.ts';
import type { DirectoryAgency } from '../common/plan-schema.ts';
import type { Db } from '../db/index.ts';
import { dutySnapshot, writeFirstDutySnapshots, type DutySnapshot } from '../db/duty-snapshots.ts';
import {
  agencyEntryJson,
  allAgencyEntriesJson,
  planYears,
  standingAgencyIdOf,
} from '../db/worker-reads.ts';
import type { NationalSource } from '../domain/holidays.ts';
import { renderPastDueSummary } from '../domain/email.ts';
import { planSteps } from '../domain/ladder.ts';
import type { Phase } from '../domain/phases.ts';
import { cycleDuties, dutyIdOf } from '../plans/cycle-duties.ts';
import { createDeliveryLog, type DeliveryLog } from './delivery-log.ts';
import type { ServiceMetrics } from '../ops/metrics.ts';
import type { Mailer } from './mailer.ts';

export interface CycleActivityDeps {
  db: Db;
  client: Client;
  mailer: Mailer;
  mailFrom: string;
  publicUrl: string;
  /**
   * The national days off by year, for the duties' calendars: the data file's by default; a
   * simulation of a shadow year passes the real year's, moved (simulation/simulate.ts).
   */
  nationalCalendar?: NationalSource | undefined;
  metrics?: ServiceMetrics | undefined;
}

/** Starts a duty; a duty already running under its business key counts as started. */
async function startOnce(client: Client, duty: DutyInput): Promise<boolean> {
  try {
    await startDuty(client, duty);
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

/** Duty starts in flight at once during a launch. */
export const LAUNCH_WINDOW = 32;
/** New duties' first snapshots written to the read model in one transaction. */
const RECORD_BATCH = 100;

export function createCycleActivities(
  deps: CycleActivityDeps,
  /** The worker's idempotency log (activities/index.ts shares its own). */
  log: DeliveryLog = createDeliveryLog(deps.db, deps.mailer, deps.metrics),
) {
  const { db, client } = deps;
  const dutiesOf = (planId: string, year: number, cycleId: string) =>
    cycleDuties(db, planId, year, cycleId, deps.nationalCalendar);

  /**
   * Starts every duty the plan owes in the year. Safe to retry: a duty already started is
   * skipped by its workflow ID. Returns counts only, so the cycle's history stays small
   * however many duties a province has.
   */
  async function launchCycleDuties(input: {
    planId: string;
    year: number;
    cycleId: string;
    /** Duties already past due record their past as history (the year started late). */
    pastAsHistory?: boolean;
    /**
     * The cycle counts the duties as `assigned` from the result: the launch writes each duty's
     * first state to the read model itself and starts it `launched`, so the duty neither
     * records itself nor tells the cycle on its first workflow task. Absent from cycles
     * started before the launch did this: their duties do both.
     */
    counts?: boolean;
  }) {
    const planned = await dutiesOf(input.planId, input.year, input.cycleId);
    const { projects } = planned;
    // Set on every duty: the duty itself keeps it only if its deadline is behind it at its start.
    const duties = input.pastAsHistory
      ? planned.duties.map((d) => ({ ...d, pastAsHistory: true }))
      : planned.duties;
    const byPhase: Partial<Record<Phase, number>> = {};
    const t0 = performance.now();
    // Every duty's start as the server has the launch's: the same in each attempt, so a retry
    // starts a duty, or writes its snapshot, exactly as the attempt before it would have.
    const at = new Date(Context.current().info.scheduledTimestampMs).toISOString();
    const launch = (d: StartDuty): DutyInput => (input.counts ? { ...d, launched: { at } } : d);
    // Snapshots of duties started (or found running: a retry) wait here for the next write,
    // one at a time, so that no start waits for the read model.
    let unwritten: DutySnapshot[] = [];
    let writing = Promise.resolve();
    // The first write that failed: the launch stops at its next start rather than starting the
    // rest of the province's duties without their rows; the retry starts them and writes all.
    let failedWrite: { error: unknown } | undefined;
    const write = (): Promise<void> => {
      const batch = unwritten;
      unwritten = [];
      writing = writing.then(() => writeFirstDutySnapshots(db, batch));
      // Kept, never an unhandled rejection that would take the worker down.
      writing.catch((error: unknown) => {
        failedWrite ??= { error };
      });
      return writing;
    };
    let started = 0;
    let done = 0;
    let next = 0;
    // A sliding window of starts: a new one goes out as soon as any finishes, so one slow
    // start no longer holds up a whole batch; enough in flight to keep the frontend busy
    // without flooding it.
    const runner = async () => {
      while (next < duties.length) {
        if (failedWrite) throw failedWrite.error;
        const d = duties[next++]!;
        // After the start, never before it: the read model never shows a duty that has no
        // workflow. A duty found running is written too (once the read model has a duty, it
        // keeps its row), in case the attempt that started it stopped before writing it.
        if (await startOnce(client, launch(d))) started += 1;
        if (input.counts) {
          const first = newDutyState(d, dutyWorkflowId(d), Date.parse(at));
          unwritten.push(dutySnapshot(first, new Date().toISOString()));
          if (unwritten.length >= RECORD_BATCH) void write();
        }
        done += 1;
        if (done % 20 === 0) Context.current().heartbeat(done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LAUNCH_WINDOW, duties.length) }, runner));
    await write();
    Context.current().heartbeat(done);
    deps.metrics?.launchDone(started, (performance.now() - t0) / 1000);
    for (const d of duties) {
      const phase = d.cycle?.phase ?? 'other';
      byPhase[phase] = (byPhase[phase] ?? 0) + 1;
    }
    return {
      total: duties.length,
      started,
      byPhase,
      projects,
      ...(input.counts ? { counted: true as const } : {}),
    };
  }

  /** After an allocation: the lead's disbursement commitment with its month-by-month plan. */
  async function startCommitmentDuty(input: {
    planId: string;
    year: number;
    cycleId: string;
    projectRef: string;
    dueAt: string;
  }): Promise<string> {
    const { duties } = await dutiesOf(input.planId, input.year, input.cycleId);
    const registration = duties.find((d) => d.dutyId === dutyIdOf(input.projectRef));
    if (!registration)
      throw new Error(`no capital-registration duty ${input.projectRef} in ${input.year}`);
    const duty = StartDuty.parse({
      ...registration,
      dutyId: `${dutyIdOf(input.projectRef)}.cam-ket`,
      period: String(input.year),
      title: `Cam kết giải ngân vốn — ${registration.title}`,
      product: 'Cam kết giải ngân vốn và kế hoạch thực hiện cụ thể theo từng tháng (m01…m12, đồng)',
      dueAt: input.dueAt,
      cycle: { id: input.cycleId, phase: 'disbursement-commitment', projectRef: input.projectRef },
    });
    await startOnce(client, duty);
    return dutyWorkflowId(duty);
  }

  /** A project whose cumulative disbursement lags its plan: its lead and the standing agency hear of it. */
  async function sendLagWarning(input: {
    cycleId: string;
    planId: string;
    leadId: string;
    projectRef: string;
    title: string;
    month: number;
    planned: string;
    actual: string;
  }): Promise<void> {
    const entry = async (id: string) => {
      const json = await agencyEntryJson(db, id);
      return json ? (JSON.parse(json) as { head: { email: string } }) : undefined;
    };
    const standingId = await standingAgencyIdOf(db, input.planId);
    const to = [
      ...new Set(
        [
          (await entry(input.leadId))?.head.email,
          standingId && (await entry(standingId))?.head.email,
        ].filter((e): e is string => typeof e === 'string'),
      ),
    ];
    const share = Number((BigInt(input.actual) * 1000n) / BigInt(input.planned)) / 10;
    const fmt = (v: string): string => v.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    const key = `${input.cycleId}|lag|${input.projectRef}|${input.month}`;
    const text = [
      `Dự án/tiểu dự án: ${input.title}`,
      `Lũy kế giải ngân đến hết tháng ${input.month}: ${fmt(input.actual)} đồng`,
      `Kế hoạch lũy kế theo cam kết: ${fmt(input.planned)} đồng (đạt ${share}%)`,
      '',
      'Đề nghị cơ quan chủ trì khẩn trương đẩy nhanh tiến độ giải ngân.',
      `${deps.publicUrl}/cycles/${encodeURIComponent(input.cycleId)}`,
    ].join('\n');
    for (const address of to) {
      await deps.mailer.send({
        from: deps.mailFrom,
        to: address,
        subject: `[Chậm giải ngân] ${input.title} – tháng ${input.month}`,
        text,
        html: `<pre>${text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>`,
        messageId: `<${Buffer.from(`${key}|${address}`).toString('base64url').slice(0, 60)}@duties.local>`,
        headers: { 'X-Cycle-Id': input.cycleId },
      });
    }
  }

  /** An ad hoc report request: one reporting duty for each agency asked. */
  async function startAdHocDuties(input: {
    planId: string;
    year: number;
    cycleId: string;
    ref: string;
    title: string;
    product: string;
    agencyIds: string[];
    dueAt: string;
  }): Promise<number> {
    const { plan, calendar } = await dutiesOf(input.planId, input.year, input.cycleId);
    const standingId = await standingAgencyIdOf(db, input.planId);
    if (standingId === undefined) throw new Error(`plan ${input.planId} is not imported`);
    const byId = new Map(
      [...(await allAgencyEntriesJson(db))].map(([id, json]) => [
        id,
        JSON.parse(json) as DirectoryAgency,
      ]),
    );
    const asAgency = (a: DirectoryAgency) => ({
      id: a.id,
      name: a.name,
      head: a.head,
      focalPoints: a.focalPoints,
    });
    const standing = byId.get(standingId);
    if (!standing) throw new Error(`standing agency ${standingId} is not in the directory`);
    let started = 0;
    for (const id of input.agencyIds) {
      const lead = byId.get(id);
      if (!lead) throw ApplicationFailure.nonRetryable(`agency ${id} is not in the directory`);
      const duty = StartDuty.parse({
        planId: input.planId,
        dutyId: `${input.ref}.${id}`,
        period: String(input.year),
        title: input.title,
        product: input.product,
        dueAt: input.dueAt,
        lead: asAgency(lead),
        coordinating: [],
        standing: asAgency(standing),
        supervisor: lead.escalation ?? plan.supervisor,
        policy: plan.escalationPolicy,
        calendar,
        cycle: { id: input.cycleId, phase: 'reports' },
      });
      if (await startOnce(client, duty)) started += 1;
    }
    return started;
  }

  /** The years a plan runs, or nothing if the plan is unknown. */
  async function planPeriod(planId: string): Promise<{ from: number; to: number } | null> {
    return (await planYears(db, planId)) ?? null;
  }

  /**
   * A year started with its past recorded as history: each lead agency of a duty already past
   * due hears of them once, in one summary per person of the agency, instead of an overdue
   * notice or an escalation per duty. Idempotent per cycle, agency and person (the delivery
   * log), so a retry sends nothing twice. `startedAt` is the cycle's launch, in workflow time.
   */
  async function sendPastDueSummaries(input: {
    planId: string;
    year: number;
    cycleId: string;
    startedAt: string;
  }): Promise<{ agencies: number; duties: number; messages: number }> {
    const { plan, duties } = await dutiesOf(input.planId, input.year, input.cycleId);
    const startedAt = Date.parse(input.startedAt);
    const byLead = new Map<string, StartDuty[]>();
    for (const d of duties.filter((x) => Date.parse(x.dueAt) <= startedAt)) {
      byLead.set(d.lead.id, [...(byLead.get(d.lead.id) ?? []), d]);
    }
    let messages = 0;
    let pastDue = 0;
    for (const [agencyId, list] of byLead) {
      const first = list[0];
      if (!first) continue;
      pastDue += list.length;
      const { lead, standing } = first;
      // When the ladder, counting from the start, reports duties still open to the supervisor.
      const escalation = planSteps({
        dueAt: Date.parse(first.dueAt),
        policy: first.policy,
        calendar: first.calendar,
        generation: 1,
        generationStartedAt: startedAt,
        leadOpen: true,
        pendingContributors: [],
        pastAsHistory: true,
      }).find((s) => s.kind === 'escalation');
      const contact = standing.focalPoints[0] ?? standing.head;
      const people = [lead.head, ...lead.focalPoints].filter(
        (c, i, all) => all.findIndex((o) => o.email.toLowerCase() === c.email.toLowerCase()) === i,
      );
      for (const person of people) {
        Context.current().heartbeat(messages);
        const key = `${input.cycleId}|past-due-summary|${agencyId}|${person.email.toLowerCase()}`;
        if (await log.done(key)) continue;
        const mail = renderPastDueSummary({
          planNumber: plan.number,
          year: input.year,
          agencyName: lead.name,
          recipientName: person.name,
          standingName: standing.name,
          contact: { name: contact.name, email: contact.email },
          startedAt,
          duties: list.map((d) => ({
            title: d.title,
            product: d.product,
            dueAt: d.dueAt,
            timePhrase: d.timePhrase,
            link: `${deps.publicUrl}/duties/${encodeURIComponent(dutyWorkflowId(d))}`,
          })),
          escalation: escalation && { at: escalation.at, to: first.supervisor.title },
          lang: person.lang,
        });
        await log.send({
          key,
          workflowId: input.cycleId,
          kind: 'past-due-summary',
          from: deps.mailFrom,
          to: person,
          mail,
          headers: { 'X-Cycle-Id': input.cycleId },
        });
        messages += 1;
      }
    }
    return { agencies: byLead.size, duties: pastDue, messages };
  }

  return {
    launchCycleDuties,
    startCommitmentDuty,
    sendLagWarning,
    startAdHocDuties,
    planPeriod,
    sendPastDueSummaries,
  };
}
