// A year's cycle and its projects' money: reading a cycle (the pages and GET /api/cycles/:id),
// a project's disbursement against its commitment, recording an allocation, the lead agency's
// month-by-month commitment (the commitment duty's submission, as POST /api/duties/:id/submit
// would send it) and a month's disbursement. The pages and api/routes/cycles.ts both call
// these; who may see or do what is decided here. The cycle workflow's own checks (closed year,
// a decision recorded twice, a month already reported…) answer as coded refusals
// (use-cases/workflow-refusal.ts) and are not repeated.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Principal } from '../api/principal.ts';
import {
  RecordAllocation,
  ReportDisbursement,
  type CycleState,
  type ProjectMoney,
} from '../common/cycle-schema.ts';
import { Submit, type Actor } from '../common/duty-schema.ts';
import type { DutyState, DutyStatus } from '../common/duty-state.ts';
import {
  dutyWorkflowId,
  getCycleQuery,
  getStateQuery,
  recordAllocationUpdate,
  reportDisbursementUpdate,
  submitUpdate,
} from '../common/messages.ts';
import {
  agencyNamesOf,
  nextDeadlines,
  planHeading,
  type NextDeadline,
  type PlanHeading,
} from '../db/cycles.ts';
import type { Db } from '../db/index.ts';
import {
  disbursementChart,
  formatDong,
  MONTHS,
  type DisbursementChart,
} from '../domain/disbursement-chart.ts';
import { monthlyPlanOf } from '../domain/cycle-rules.ts';
import { render } from '../i18n/index.ts';
import { dutyIdOf } from '../plans/cycle-duties.ts';
import { updateCycle } from './cycle-update.ts';
import { Refusal } from './refusal.ts';

export interface CycleMoneyDeps {
  db: Db;
  client: Client;
}

/** How many of the year's next deadlines a cycle shows. */
const NEXT_DEADLINES = 10;

/** Plans and cycles: coordinators and viewers see all, standing officers their own plans. */
const seesPlan = (p: Principal, planId: string): boolean =>
  p.coordinator || p.viewer || p.standingPlanIds.includes(planId);

const leadsProject = (p: Principal, project: ProjectMoney): boolean =>
  p.agencies.some((a) => a.id === project.lead);

const noCycle = (id: string) =>
  Refusal.of('not_found', 'not_found', 'cycle-pages.refusal.no-cycle', { id });

/** The cycle's state; an id of another kind, or no such workflow, is "not found". */
async function cycleState(client: Client, cycleId: string): Promise<CycleState> {
  if (!cycleId.startsWith('cycle:') || cycleId.length > 300) throw noCycle(cycleId);
  try {
    return await client.workflow.getHandle(cycleId).query(getCycleQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw noCycle(cycleId);
    throw err;
  }
}

function projectOf(state: CycleState, ref: string): ProjectMoney {
  const project = state.projects.find((p) => p.ref === ref);
  if (!project) {
    throw Refusal.of('not_found', 'not_found', 'cycle-rules.no-project', { project: ref });
  }
  return project;
}

/** An update on the cycle; one on a finished cycle is a closed year to the caller. */
function updateMoney<A>(
  client: Client,
  cycleId: string,
  run: (handle: WorkflowHandle) => Promise<A>,
): Promise<A> {
  if (!cycleId.startsWith('cycle:') || cycleId.length > 300) throw noCycle(cycleId);
  return updateCycle(client, cycleId, run, {
    closed: () => Refusal.of('conflict', 'closed', 'cycle-rules.year-closed', {}),
    missing: () => noCycle(cycleId),
  });
}

export interface ProjectSummary {
  project: ProjectMoney;
  chart: DisbursementChart;
}

export interface CycleRead {
  /** Follows the whole plan (coordinator, viewer, standing agency), not only own projects. */
  follows: boolean;
  state: CycleState;
  plan: PlanHeading | undefined;
  nextDeadlines: (NextDeadline & { leadName: string })[];
  projects: ProjectSummary[];
}

const summaries = (state: CycleState): ProjectSummary[] =>
  state.projects.map((project) => ({
    project,
    chart: disbursementChart({
      monthlyPlan: project.monthlyPlan,
      disbursed: project.disbursed,
      lagThreshold: state.policy.lagThreshold,
    }),
  }));

/**
 * A cycle as those who follow its plan see it: counts, next deadlines, projects' money. The
 * people of a project's lead agency (whom the lag warning sends here) see the same page with
 * only their own projects and deadlines; anyone else is refused.
 */
export async function readCycle(
  deps: CycleMoneyDeps,
  actor: Principal,
  input: { cycleId: string },
): Promise<CycleRead> {
  const full = await cycleState(deps.client, input.cycleId);
  const follows = seesPlan(actor, full.planId);
  const mine = new Set(actor.agencies.map((a) => a.id));
  const state = follows
    ? full
    : { ...full, projects: full.projects.filter((p) => mine.has(p.lead)) };
  if (!follows && state.projects.length === 0) {
    throw Refusal.of('forbidden', 'forbidden', 'cycle-pages.refusal.not-your-plan', {});
  }
  const [plan, next] = await Promise.all([
    planHeading(deps.db, state.planId),
    nextDeadlines(deps.db, state.planId, state.year, NEXT_DEADLINES),
  ]);
  const shown = follows ? next : next.filter((d) => mine.has(d.leadAgencyId));
  const names = await agencyNamesOf(
    deps.db,
    shown.map((d) => d.leadAgencyId),
  );
  return {
    follows,
    state,
    plan,
    nextDeadlines: shown.map((d) => ({ ...d, leadName: names.get(d.leadAgencyId) ?? '' })),
    projects: summaries(state),
  };
}

export interface CommitmentDuty {
  dutyId: string;
  status: DutyStatus;
  dueAt: string;
  originalDueAt: string;
  /** When the current commitment was sent, if it was. */
  submittedAt?: string;
}

export interface ProjectRead {
  follows: boolean;
  state: CycleState;
  plan: PlanHeading | undefined;
  project: ProjectMoney;
  chart: DisbursementChart;
  /** The lead's commitment duty, once the first allocation has opened it. */
  commitment: CommitmentDuty | undefined;
  may: { allocate: boolean; commit: boolean; report: boolean };
}

const commitmentDutyId = (state: CycleState, project: ProjectMoney): string =>
  dutyWorkflowId({
    planId: state.planId,
    dutyId: `${dutyIdOf(project.ref)}.cam-ket`,
    period: String(state.year),
  });

async function dutyState(client: Client, id: string): Promise<DutyState | undefined> {
  try {
    return await client.workflow.getHandle(id).query(getStateQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

const OPEN_FOR_SUBMISSION: readonly DutyStatus[] = [
  'assigned',
  'acknowledged',
  'returned',
  'overdue',
];

/**
 * One project's money: allocations, the commitment, the chart. Those who follow the plan see
 * every project; the people of a project's lead agency see their own project.
 */
export async function readProject(
  deps: CycleMoneyDeps,
  actor: Principal,
  input: { cycleId: string; projectRef: string },
): Promise<ProjectRead> {
  const state = await cycleState(deps.client, input.cycleId);
  const follows = seesPlan(actor, state.planId);
  const project = state.projects.find((p) => p.ref === input.projectRef);
  // Someone who does not follow the plan learns nothing of its projects, not even which exist.
  if (!follows && (!project || !leadsProject(actor, project))) {
    throw Refusal.of('forbidden', 'forbidden', 'cycle-pages.refusal.not-your-plan', {});
  }
  const own = projectOf(state, input.projectRef);
  const duty =
    own.allocations.length > 0
      ? await dutyState(deps.client, commitmentDutyId(state, own))
      : undefined;
  const lead = leadsProject(actor, own);
  const running = state.status === 'running';
  const last = duty?.submissions.at(-1);
  return {
    follows,
    state,
    plan: await planHeading(deps.db, state.planId),
    project: own,
    chart: disbursementChart({
      monthlyPlan: own.monthlyPlan,
      disbursed: own.disbursed,
      lagThreshold: state.policy.lagThreshold,
    }),
    commitment: duty && {
      dutyId: duty.workflowId,
      status: duty.status,
      dueAt: duty.dueAt,
      originalDueAt: duty.originalDueAt,
      ...(last ? { submittedAt: last.at } : {}),
    },
    may: {
      allocate: actor.coordinator && running,
      commit: lead && running && !!duty && OPEN_FOR_SUBMISSION.includes(duty.status),
      report: lead && running && own.allocations.length > 0,
    },
  };
}

const personActor = (p: Principal, agencyId: string): Actor => ({
  name: p.name.slice(0, 200),
  agencyId,
});

/** A script (the API token) names its actor; a person acts for one of their own agencies. */
function checkNamedActor(actor: Principal, named: Actor): void {
  if (actor.via === 'token' || actor.agencies.some((a) => a.id === named.agencyId)) return;
  throw Refusal.of('forbidden', 'forbidden', 'cycle-pages.refusal.lead-only', {
    lead: named.agencyId,
  });
}

export interface AllocationInput {
  cycleId: string;
  projectRef: string;
  amount: string;
  decision?: string | undefined;
  replace?: boolean | undefined;
  /** Scripts name who recorded it; a person's is their own name. */
  actor?: Actor;
}

/** A coordinator records capital allocated to a (sub-)project; the first opens its commitment. */
export async function recordAllocation(
  deps: CycleMoneyDeps,
  actor: Principal,
  input: AllocationInput,
): Promise<CycleState> {
  if (!actor.coordinator) {
    throw Refusal.of('forbidden', 'forbidden', 'cycle-pages.refusal.coordinators-only', {});
  }
  const body = RecordAllocation.parse({
    actor: input.actor ?? personActor(actor, actor.agencies[0]?.id ?? 'coordinator'),
    projectRef: input.projectRef,
    amount: input.amount,
    ...(input.decision ? { decision: input.decision } : {}),
    ...(input.replace ? { replace: true } : {}),
  });
  return updateMoney(deps.client, input.cycleId, (h) =>
    h.executeUpdate(recordAllocationUpdate, { args: [body] }),
  );
}

export interface DisbursementInput {
  cycleId: string;
  projectRef: string;
  month: number;
  amount: string;
  replace?: boolean | undefined;
  /** Scripts name the reporting agency; a person reports for the project's lead agency. */
  actor?: Actor;
}

/** The lead agency reports what it disbursed in a month (replacing the month's figure if asked). */
export async function reportDisbursement(
  deps: CycleMoneyDeps,
  actor: Principal,
  input: DisbursementInput,
): Promise<CycleState> {
  let named = input.actor;
  if (named) checkNamedActor(actor, named);
  else {
    const state = await cycleState(deps.client, input.cycleId);
    const project = projectOf(state, input.projectRef);
    if (!leadsProject(actor, project)) {
      throw Refusal.of('forbidden', 'forbidden', 'cycle-pages.refusal.lead-only', {
        lead: project.leadName,
      });
    }
    named = personActor(actor, project.lead);
  }
  const body = ReportDisbursement.parse({
    actor: named,
    projectRef: input.projectRef,
    month: input.month,
    amount: input.amount,
    ...(input.replace ? { replace: true } : {}),
  });
  return updateMoney(deps.client, input.cycleId, (h) =>
    h.executeUpdate(reportDisbursementUpdate, { args: [body] }),
  );
}

export interface CommitmentInput {
  cycleId: string;
  projectRef: string;
  /** Twelve amounts in whole đồng (digits), January first. */
  months: readonly string[];
  note?: string | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The lead agency's yearly commitment with its month-by-month plan: the commitment duty's
 * submission with the indicators m01…m12, the same update POST /api/duties/:id/submit sends.
 * The duty tells the cycle, which takes the plan as the project's curve; the answer waits a
 * moment for that, so the page that follows already draws it.
 */
export async function enterCommitment(
  deps: CycleMoneyDeps,
  actor: Principal,
  input: CommitmentInput,
): Promise<CycleState> {
  const state = await cycleState(deps.client, input.cycleId);
  const project = projectOf(state, input.projectRef);
  if (!leadsProject(actor, project)) {
    throw Refusal.of('forbidden', 'forbidden', 'cycle-pages.refusal.lead-only', {
      lead: project.leadName,
    });
  }
  if (state.status === 'closed') {
    throw Refusal.of('conflict', 'refused', 'cycle-rules.year-closed', {});
  }
  const amounts = Array.from({ length: MONTHS }, (_, i) => BigInt(input.months[i] ?? '0'));
  const total = amounts.reduce((a, b) => a + b, 0n);
  if (total === 0n) {
    throw Refusal.of('invalid', 'invalid_input', 'cycle-pages.refusal.commitment-empty', {});
  }
  const indicators = Object.fromEntries(
    amounts.map((v, i) => [`m${String(i + 1).padStart(2, '0')}`, Number(v)]),
  );
  const dutyId = commitmentDutyId(state, project);
  const duty = project.allocations.length > 0 ? await dutyState(deps.client, dutyId) : undefined;
  if (!duty) {
    throw Refusal.of('conflict', 'refused', 'cycle-pages.refusal.commitment-not-open', {});
  }
  if (!OPEN_FOR_SUBMISSION.includes(duty.status)) {
    throw Refusal.of('conflict', 'refused', 'cycle-pages.refusal.commitment-sent', {});
  }
  const text = render(
    'cycle-pages.commitment.text',
    { title: `${project.ref} – ${project.title}`.slice(0, 1000), total: formatDong(total) },
    'vi',
  );
  const body = Submit.parse({
    actor: personActor(actor, project.lead),
    text,
    indicators,
    ...(input.note ? { comment: input.note } : {}),
  });
  const handle = deps.client.workflow.getHandle(dutyId);
  await handle.executeUpdate(submitUpdate, { args: [body] }).catch((err: unknown) => {
    if (err instanceof WorkflowNotFoundError) {
      throw Refusal.of('conflict', 'refused', 'cycle-pages.refusal.commitment-sent', {});
    }
    throw err;
  });
  const wanted = monthlyPlanOf(indicators).join(',');
  for (let i = 0; ; i++) {
    const now = await cycleState(deps.client, input.cycleId);
    const mine = now.projects.find((p) => p.ref === project.ref);
    if (mine?.monthlyPlan?.join(',') === wanted || i >= 25) return now;
    await sleep(200);
  }
}
