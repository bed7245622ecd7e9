// What the duty workflow (workflows/duty.ts) asks of its ladder and tells the notification
// activity, as plain functions of the duty's state: the workflow and the pure simulation
// (simulation/pure-duty.ts) both call them, so the simulated year's messages cannot drift
// from the ones the workflow sends.
import type { Contact } from '../common/duty-schema.ts';
import type { DutyState, Notice, SentNotification } from '../common/duty-state.ts';
import { isLeadOpen } from './duty-rules.ts';
import type { DutySummary } from './email.ts';
import type { LadderInput, Step, StepKind } from './ladder.ts';

/** A message the duty owes: a ladder step other than the deadline, or a notice. */
export type Message = Omit<Step, 'kind'> & { kind: Exclude<StepKind, 'deadline'> };

/** The ladder as the duty's state has it now, for planSteps. */
export function ladderOf(state: DutyState): LadderInput {
  return {
    dueAt: Date.parse(state.dueAt),
    policy: state.policy,
    calendar: state.calendar,
    generation: state.generation,
    generationStartedAt: Date.parse(state.generationStartedAt),
    leadOpen: isLeadOpen(state),
    pendingContributors: state.contributions.filter((c) => !c.contributedAt).map((c) => c.agencyId),
    // Absent in duties started before it (and in most others): their ladder is unchanged.
    pastAsHistory: state.pastAsHistory,
  };
}

/** A manual urge that finds the product in is moot: it is dropped, not sent. */
export function isMootNotice(state: DutyState, notice: Notice): boolean {
  return notice.kind === 'urge-now' && !isLeadOpen(state);
}

/** A notice (a manual urge, a return, a decision) as the message it becomes at `now`. */
export function messageOf(notice: Notice, now: number): Message {
  return { id: notice.id, kind: notice.kind, nominalAt: now, at: Date.parse(notice.requestedAt) };
}

/** Whom a reader asks at the standing agency: its focal point, else its head. */
export function contactOf(state: DutyState): { name: string; email: string } {
  const person = state.standing.focalPoints[0] ?? state.standing.head;
  return { name: person.name, email: person.email };
}

/** What the notification activity is told of one message (activities/index.ts NotificationInput). */
export function noticeInput(
  state: DutyState,
  step: Message,
  to: Contact[],
  cc: Contact[],
  note?: string,
) {
  // The budget's lapse notice concerns every agency still owing a contribution.
  const lapse =
    step.kind === 'contribution-overdue' && step.agencyId === undefined
      ? state.contributions.filter((c) => !c.contributedAt)
      : undefined;
  const duty: DutySummary = {
    workflowId: state.workflowId,
    title: state.title,
    product: state.product,
    dueAt: state.dueAt,
    leadName: state.lead.name,
    standingName: state.standing.name,
    supervisorTitle: state.supervisor.title,
    ...(step.agencyId === undefined ? {} : { contributorId: step.agencyId }),
    contributionDueAt: lapse
      ? lapse[0]?.dueAt
      : state.contributions.find((c) => c.agencyId === step.agencyId)?.dueAt,
    ...(lapse ? { pendingContributors: lapse.map((c) => c.agencyName) } : {}),
    period: state.period,
    ...(state.planNumber ? { planNumber: state.planNumber } : {}),
    ...(state.timePhrase ? { timePhrase: state.timePhrase } : {}),
    contact: contactOf(state),
  };
  return {
    idempotencyKey: `${state.workflowId}|${step.id}`,
    kind: step.kind,
    scheduledAt: step.at,
    to,
    cc,
    duty,
    ...(note === undefined ? {} : { note }),
    // Absent before the budget existed, and for duties started alone, which keep single messages.
    ...(state.policy.delivery ? { delivery: state.policy.delivery } : {}),
  };
}

/** What the duty records of a message sent at `sentAt` (workflow time). */
export function sentNotice(
  step: Message,
  to: Contact[],
  cc: Contact[],
  sentAt: number,
  held: SentNotification['held'],
): SentNotification {
  return {
    stepId: step.id,
    kind: step.kind,
    to: to.map((c) => c.email),
    cc: cc.map((c) => c.email),
    scheduledAt: new Date(step.at).toISOString(),
    sentAt: new Date(sentAt).toISOString(),
    // Results recorded before digests existed carry no `held`.
    ...(held?.length ? { held } : {}),
  };
}

/**
 * Records on the duty a message sent at `sentAt`: the notice joins its list and the revision
 * moves on. The workflow does it to its state; the notification activity, told to write the
 * read model too, does it to its copy first, so both hold the same revision.
 */
export function recordSent(
  state: DutyState,
  step: Message,
  to: Contact[],
  cc: Contact[],
  sentAt: number,
  held: SentNotification['held'],
): void {
  state.notifications.push(sentNotice(step, to, cc, sentAt, held));
  state.revision += 1;
}
