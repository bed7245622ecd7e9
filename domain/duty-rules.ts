// What each action on a duty may do, and what it changes. The workflow's update validators
// call the `check…` functions (a RuleRefusal is the coded reason for refusing, null lets the
// action through) and its handlers call `apply…`; both are plain functions so every rule has a
// plain unit test. The check functions run only in validators, never in history.
import type {
  Acknowledge,
  Actor,
  Cancel,
  Contribute,
  DecideExtension,
  ReassignLead,
  ReplaceCoordinating,
  RequestExtension,
  Review,
  StartDuty,
  Submit,
  UrgeNow,
} from '../common/duty-schema.ts';
import {
  CLOSED_FOR_LEAD,
  FINAL,
  SYSTEM_ACTOR,
  type DutyAction,
  type DutyState,
  type Notice,
  type DutyStatus,
} from '../common/duty-state.ts';
import { dutyRuleMessages } from '../i18n/duty-rules.ts';
import { contributionDueAt } from './ladder.ts';
import { formatDateTime } from './local-time.ts';
import { refusalsOf, type RuleRefusal } from './rule-refusal.ts';

export type { RuleRefusal } from './rule-refusal.ts';

const refuse = refusalsOf(dutyRuleMessages);

const iso = (ms: number): string => new Date(ms).toISOString();
const ms = (text: string): number => Date.parse(text);

export function newDutyState(input: StartDuty, workflowId: string, nowMs: number): DutyState {
  const dueAt = ms(input.dueAt);
  const state: DutyState = {
    workflowId,
    revision: 0,
    planId: input.planId,
    dutyId: input.dutyId,
    period: input.period,
    title: input.title,
    product: input.product,
    ...(input.planNumber ? { planNumber: input.planNumber } : {}),
    ...(input.timePhrase ? { timePhrase: input.timePhrase } : {}),
    lead: input.lead,
    coordinating: input.coordinating,
    standing: input.standing,
    supervisor: input.supervisor,
    status: 'assigned',
    originalDueAt: iso(dueAt),
    dueAt: iso(dueAt),
    generation: 1,
    generationStartedAt: iso(nowMs),
    submissions: [],
    contributions: input.coordinating.map((a) => ({
      agencyId: a.id,
      agencyName: a.name,
      dueAt: iso(contributionDueAt(dueAt, input.policy)),
    })),
    history: [],
    notifications: [],
    policy: input.policy,
    calendar: input.calendar,
    ...(input.cycle ? { cycle: input.cycle } : {}),
    // Only where it means something: a deadline already past when the duty starts.
    ...(input.pastAsHistory && dueAt <= nowMs ? { pastAsHistory: true as const } : {}),
  };
  record(state, nowMs, SYSTEM_ACTOR, 'assign', 'assigned');
  return state;
}

function record(
  state: DutyState,
  nowMs: number,
  actor: Actor,
  action: DutyAction,
  to: DutyStatus,
  comment?: string,
): void {
  state.history.push({
    at: iso(nowMs),
    actor,
    action,
    from: state.history.length === 0 ? 'assigned' : state.status,
    to,
    ...(comment ? { comment } : {}),
  });
  state.status = to;
  state.revision += 1;
}

/** The last transition keeps the deadline it set, for statistics (domain/tracking.ts). */
function keepDueAt(state: DutyState): void {
  const last = state.history[state.history.length - 1];
  if (last) last.dueAt = state.dueAt;
}

/** Restart the ladder from now against a new deadline. */
function restartLadder(state: DutyState, dueAt: number, nowMs: number): void {
  state.dueAt = iso(dueAt);
  state.generation += 1;
  state.generationStartedAt = iso(nowMs);
  for (const c of state.contributions) {
    if (!c.contributedAt) c.dueAt = iso(contributionDueAt(dueAt, state.policy));
  }
}

export const isLeadOpen = (state: DutyState): boolean => !CLOSED_FOR_LEAD.includes(state.status);

/** The status a duty returns to when it is no longer overdue. */
function openStatus(state: DutyState): DutyStatus {
  return state.acknowledgedAt ? 'acknowledged' : 'assigned';
}

function mustBeLead(state: DutyState, actor: Actor): RuleRefusal | null {
  return actor.agencyId === state.lead.id
    ? null
    : refuse('duty-rules.only-lead', { lead: state.lead.name, agency: actor.agencyId });
}

function mustBeStanding(state: DutyState, actor: Actor): RuleRefusal | null {
  return actor.agencyId === state.standing.id
    ? null
    : refuse('duty-rules.only-standing', { standing: state.standing.name });
}

/** A new deadline already past would make the duty overdue the moment it is set. */
function mustBeFuture(dueAt: string | undefined, nowMs: number): RuleRefusal | null {
  if (dueAt === undefined) return null;
  return ms(dueAt) > nowMs
    ? null
    : refuse('duty-rules.deadline-passed', { at: formatDateTime(ms(dueAt)) });
}

function mustBeOpen(state: DutyState): RuleRefusal | null {
  if (state.status === 'cancelled') return refuse('duty-rules.cancelled', {});
  if (state.status === 'accepted') return refuse('duty-rules.accepted', {});
  if (state.status === 'submitted') return refuse('duty-rules.submitted', {});
  return null;
}

export function checkAcknowledge(state: DutyState, input: Acknowledge): RuleRefusal | null {
  return (
    mustBeLead(state, input.actor) ??
    mustBeOpen(state) ??
    (state.acknowledgedAt
      ? refuse('duty-rules.already-acknowledged', {
          at: formatDateTime(ms(state.acknowledgedAt)),
        })
      : null)
  );
}

export function applyAcknowledge(state: DutyState, input: Acknowledge, nowMs: number): void {
  state.acknowledgedAt = iso(nowMs);
  const to = state.status === 'overdue' ? 'overdue' : 'acknowledged';
  record(state, nowMs, input.actor, 'acknowledge', to, input.comment);
}

export function checkSubmit(state: DutyState, input: Submit): RuleRefusal | null {
  return mustBeLead(state, input.actor) ?? mustBeOpen(state);
}

export function applySubmit(state: DutyState, input: Submit, nowMs: number): void {
  state.submissions.push({
    at: iso(nowMs),
    by: input.actor,
    text: input.text,
    attachments: input.attachments,
    indicators: input.indicators,
    late: nowMs >= ms(state.dueAt),
  });
  delete state.extensionRequest;
  record(state, nowMs, input.actor, 'submit', 'submitted', input.comment);
  notify(state, 'submitted', nowMs, input.actor, input.comment);
}

/** A notice owed at once (the workflow sends it from the outbox); one per kind and revision. */
function notify(
  state: DutyState,
  kind: Notice['kind'],
  nowMs: number,
  by: Actor,
  comment: string | undefined,
): void {
  (state.outbox ??= []).push({
    id: `${kind}:r${state.revision}`,
    kind,
    requestedAt: iso(nowMs),
    by,
    ...(comment ? { comment } : {}),
  });
}

export function checkContribute(state: DutyState, input: Contribute): RuleRefusal | null {
  const c = state.contributions.find((x) => x.agencyId === input.actor.agencyId);
  if (!c) return refuse('duty-rules.not-coordinating', { agency: input.actor.agencyId });
  if (c.contributedAt) return refuse('duty-rules.already-contributed', { agency: c.agencyName });
  if (!isLeadOpen(state)) return mustBeOpen(state);
  return null;
}

export function applyContribute(state: DutyState, input: Contribute, nowMs: number): void {
  const c = state.contributions.find((x) => x.agencyId === input.actor.agencyId);
  if (!c) return;
  c.contributedAt = iso(nowMs);
  c.by = input.actor;
  c.text = input.text;
  c.indicators = input.indicators;
  record(state, nowMs, input.actor, 'contribute', state.status);
}

export function checkRequestExtension(
  state: DutyState,
  input: RequestExtension,
  nowMs: number,
): RuleRefusal | null {
  return (
    mustBeLead(state, input.actor) ??
    mustBeOpen(state) ??
    (state.extensionRequest ? refuse('duty-rules.extension-waiting', {}) : null) ??
    (ms(input.newDueAt) <= ms(state.dueAt)
      ? refuse('duty-rules.deadline-not-later', { current: formatDateTime(ms(state.dueAt)) })
      : null) ??
    mustBeFuture(input.newDueAt, nowMs)
  );
}

export function applyRequestExtension(
  state: DutyState,
  input: RequestExtension,
  nowMs: number,
): void {
  state.extensionRequest = {
    at: iso(nowMs),
    by: input.actor,
    newDueAt: iso(ms(input.newDueAt)),
    reason: input.reason,
  };
  record(state, nowMs, input.actor, 'request-extension', state.status, input.reason);
}

export function checkDecideExtension(
  state: DutyState,
  input: DecideExtension,
  nowMs: number,
): RuleRefusal | null {
  return (
    mustBeStanding(state, input.actor) ??
    (input.grant
      ? mustBeFuture(input.newDueAt ?? state.extensionRequest?.newDueAt, nowMs)
      : null) ??
    (state.extensionRequest ? null : refuse('duty-rules.no-extension-request', {})) ??
    (input.grant && input.newDueAt && ms(input.newDueAt) <= ms(state.dueAt)
      ? refuse('duty-rules.granted-not-later', {})
      : null)
  );
}

export function applyDecideExtension(
  state: DutyState,
  input: DecideExtension,
  nowMs: number,
): void {
  const request = state.extensionRequest;
  if (!request) return;
  delete state.extensionRequest;
  if (!input.grant) {
    record(state, nowMs, input.actor, 'refuse-extension', state.status, input.comment);
    notify(state, 'extension-refused', nowMs, input.actor, input.comment);
    return;
  }
  const newDue = ms(input.newDueAt ?? request.newDueAt);
  restartLadder(state, newDue, nowMs);
  const to =
    state.status === 'overdue' || state.status === 'returned' ? openStatus(state) : state.status;
  record(state, nowMs, input.actor, 'grant-extension', to, input.comment);
  keepDueAt(state);
  notify(state, 'extension-granted', nowMs, input.actor, input.comment);
}

export function checkReview(state: DutyState, input: Review, nowMs: number): RuleRefusal | null {
  return (
    mustBeStanding(state, input.actor) ??
    (input.outcome === 'return' ? mustBeFuture(input.newDueAt, nowMs) : null) ??
    (state.status === 'submitted'
      ? null
      : refuse('duty-rules.nothing-to-review', { status: state.status }))
  );
}

export function applyReview(state: DutyState, input: Review, nowMs: number): void {
  if (input.outcome === 'accept') {
    record(state, nowMs, input.actor, 'accept', 'accepted', input.comment);
    notify(state, 'accepted', nowMs, input.actor, input.comment);
    return;
  }
  delete state.acknowledgedAt;
  restartLadder(state, ms(input.newDueAt), nowMs);
  record(state, nowMs, input.actor, 'return', 'returned', input.comment);
  keepDueAt(state);
  // The lead hears at once why, and by when to resubmit; the new ladder does the rest.
  (state.outbox ??= []).push({
    id: `returned:g${state.generation}`,
    kind: 'returned',
    requestedAt: iso(nowMs),
    by: input.actor,
    comment: input.comment,
  });
}

/** A manual urge goes out at most once in this long per duty: a nudge, not a flood. */
export const URGE_NOW_INTERVAL_MS = 24 * 3_600_000;

export function checkUrgeNow(state: DutyState, input: UrgeNow): RuleRefusal | null {
  return mustBeStanding(state, input.actor) ?? mustBeOpen(state);
}

/** A refusal (rate limited) because the last manual urge is too recent, or null. */
export function urgeNowTooSoon(state: DutyState, nowMs: number): RuleRefusal | null {
  const last = state.history.findLast((h) => h.action === 'urge-now');
  if (!last) return null;
  const next = ms(last.at) + URGE_NOW_INTERVAL_MS;
  return nowMs < next
    ? refuse('duty-rules.urged-recently', {
        at: formatDateTime(ms(last.at)),
        next: formatDateTime(next),
      })
    : null;
}

export function applyUrgeNow(state: DutyState, input: UrgeNow, nowMs: number): void {
  record(state, nowMs, input.actor, 'urge-now', state.status, input.comment);
  const n = state.history.filter((h) => h.action === 'urge-now').length;
  (state.outbox ??= []).push({
    id: `urge-now:${n}`,
    kind: 'urge-now',
    requestedAt: iso(nowMs),
    by: input.actor,
    ...(input.comment ? { comment: input.comment } : {}),
  });
}

export function checkCancel(state: DutyState, input: Cancel): RuleRefusal | null {
  return (
    mustBeStanding(state, input.actor) ??
    (FINAL.includes(state.status)
      ? refuse('duty-rules.already-final', { status: state.status })
      : null)
  );
}

export function applyCancel(state: DutyState, input: Cancel, nowMs: number): void {
  delete state.extensionRequest;
  record(state, nowMs, input.actor, 'cancel', 'cancelled', input.reason);
}

export function checkReassignLead(state: DutyState, input: ReassignLead): RuleRefusal | null {
  if (input.lead.id === state.lead.id) {
    return refuse('duty-rules.already-lead', { lead: state.lead.name });
  }
  if (state.coordinating.some((a) => a.id === input.lead.id)) {
    return refuse('duty-rules.lead-is-coordinating', { agency: input.lead.name });
  }
  return mustBeStanding(state, input.actor) ?? mustBeOpen(state);
}

export function applyReassignLead(state: DutyState, input: ReassignLead, nowMs: number): void {
  state.lead = input.lead;
  delete state.acknowledgedAt;
  delete state.extensionRequest;
  restartLadder(state, ms(state.dueAt), nowMs);
  const to = nowMs >= ms(state.dueAt) ? 'overdue' : 'assigned';
  record(state, nowMs, input.actor, 'reassign-lead', to, input.reason);
}

export function checkReplaceCoordinating(
  state: DutyState,
  input: ReplaceCoordinating,
): RuleRefusal | null {
  if (!state.coordinating.some((a) => a.id === input.from)) {
    return refuse('duty-rules.not-coordinating', { agency: input.from });
  }
  if (input.to?.id === input.from) {
    return refuse('duty-rules.replaces-itself', { agency: input.to.name });
  }
  if (input.to?.id === state.lead.id) {
    return refuse('duty-rules.is-lead', { agency: input.to.name });
  }
  // A product already submitted still waits for its review: the list stays accurate.
  return (
    mustBeStanding(state, input.actor) ?? (FINAL.includes(state.status) ? mustBeOpen(state) : null)
  );
}

export function applyReplaceCoordinating(
  state: DutyState,
  input: ReplaceCoordinating,
  nowMs: number,
): void {
  const to = input.to;
  const takesPart = to !== undefined && state.coordinating.some((a) => a.id === to.id);
  state.coordinating =
    to === undefined || takesPart
      ? state.coordinating.filter((a) => a.id !== input.from)
      : state.coordinating.map((a) => (a.id === input.from ? to : a));
  const i = state.contributions.findIndex((c) => c.agencyId === input.from);
  const c = state.contributions[i];
  if (c && to !== undefined && !takesPart) {
    // The successor owes (or has, through the merged agency) the same contribution.
    c.agencyId = to.id;
    c.agencyName = to.name;
  } else if (c && !c.contributedAt) {
    state.contributions.splice(i, 1);
  }
  record(state, nowMs, input.actor, 'replace-coordinating', state.status, input.reason);
}

/** The deadline passed with nothing submitted. Returns whether the status changed. */
export function applyDeadline(state: DutyState, nowMs: number): boolean {
  if (!isLeadOpen(state) || state.status === 'overdue' || nowMs < ms(state.dueAt)) return false;
  record(state, nowMs, SYSTEM_ACTOR, 'become-overdue', 'overdue');
  return true;
}

/** An update's input that its schema refuses (the Temporal CLI and Web UI can send anything). */
export const malformed = (issues: string): RuleRefusal =>
  refuse('duty-rules.malformed', { issues });
