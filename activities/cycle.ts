import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { StartDuty } from '../common/duty-schema.ts';
import { dutyWorkflowId } from '../common/messages.ts';
import { startDuty } from '../services/starts.ts';
import type { DirectoryAgency } from '../common/plan-schema.ts';
import type { Db } from '../db/index.ts';
import type { NationalSource } from '../domain/holidays.ts';
import type { Phase } from '../domain/phases.ts';
import { cycleDuties, dutyIdOf } from '../plans/cycle-duties.ts';
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
}

/** Starts a duty; a duty already running under its business key counts as started. */
async function startOnce(client: Client, duty: StartDuty): Promise<boolean> {
  try {
    await startDuty(client, duty);
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

export function createCycleActivities(deps: CycleActivityDeps) {
  const { db, client } = deps;
  const dutiesOf = (planId: string, year: number, cycleId: string) =>
    cycleDuties(db, planId, year, cycleId, deps.nationalCalendar);

  /**
   * Starts every duty the plan owes in the year. Safe to retry: a duty already started is
   * skipped by its workflow ID. Returns counts only, so the cycle's history stays small
   * however many duties a province has.
   */
  async function launchCycleDuties(input: { planId: string; year: number; cycleId: string }) {
    const { duties, projects } = await dutiesOf(input.planId, input.year, input.cycleId);
    const byPhase: Partial<Record<Phase, number>> = {};
    let started = 0;
    // A few starts in flight at a time: fast, without flooding the frontend.
    const batch = 20;
    for (let i = 0; i < duties.length; i += batch) {
      const slice = duties.slice(i, i + batch);
      const results = await Promise.all(slice.map((d) => startOnce(client, d)));
      started += results.filter(Boolean).length;
      Context.current().heartbeat(i + slice.length);
    }
    for (const d of duties) {
      const phase = d.cycle?.phase ?? 'other';
      byPhase[phase] = (byPhase[phase] ?? 0) + 1;
    }
    return { total: duties.length, started, byPhase, projects };
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
      const row = await db
        .selectFrom('agencies')
        .select('entry_json')
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? (JSON.parse(row.entry_json) as { head: { email: string } }) : undefined;
    };
    const plan = await db
      .selectFrom('plans')
      .select('standing_agency_id')
      .where('id', '=', input.planId)
      .executeTakeFirst();
    const to = [
      ...new Set(
        [
          (await entry(input.leadId))?.head.email,
          plan && (await entry(plan.standing_agency_id))?.head.email,
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
    const row = await db
      .selectFrom('plans')
      .select('standing_agency_id')
      .where('id', '=', input.planId)
      .executeTakeFirstOrThrow();
    const entries = await db.selectFrom('agencies').select(['id', 'entry_json']).execute();
    const byId = new Map(entries.map((e) => [e.id, JSON.parse(e.entry_json) as DirectoryAgency]));
    const asAgency = (a: DirectoryAgency) => ({
      id: a.id,
      name: a.name,
      head: a.head,
      focalPoints: a.focalPoints,
    });
    const standing = byId.get(row.standing_agency_id);
    if (!standing)
      throw new Error(`standing agency ${row.standing_agency_id} is not in the directory`);
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
    const row = await db
      .selectFrom('plans')
      .select(['period_from', 'period_to'])
      .where('id', '=', planId)
      .executeTakeFirst();
    return row ? { from: row.period_from, to: row.period_to } : null;
  }

  return { launchCycleDuties, startCommitmentDuty, sendLagWarning, startAdHocDuties, planPeriod };
}
