// Ad hoc report requests ("báo cáo đột xuất"): asked of chosen agencies within a year's cycle,
// each agency getting its own report duty with the common deadline; then followed (who has
// submitted, who is late) and received on each duty's own page. The pages and
// POST /api/cycles/:id/ad-hoc-reports call here.
import type { Principal } from '../api/principal.ts';
import { RequestAdHocReport, type CycleState } from '../common/cycle-schema.ts';
import type { Actor } from '../common/duty-schema.ts';
import type { DutyStatus } from '../common/duty-state.ts';
import { requestAdHocReportUpdate } from '../common/messages.ts';
import {
  adHocDuties,
  knownAgencyIds,
  pickableAgencies,
  planHeading,
  type AdHocDuty,
  type PickableAgency,
  type PlanHeading,
} from '../db/year-end.ts';
import { byVietnamese, viCollator } from '../domain/vi-order.ts';
import { cycleIdOf, cycleState, mayFollow, updateOpenCycle, type CycleDeps } from './close-year.ts';
import { Refusal } from './refusal.ts';

/** The most agencies one request asks (RequestAdHocReport's own limit). */
export const MAX_AD_HOC_AGENCIES = 500;

/** Coordinators, and the officers of the plan's standing agency (the labour office). */
const mayRequest = (actor: Principal, planId: string): boolean =>
  actor.coordinator || actor.standingPlanIds.includes(planId);

/** Who a person acting on the pages is, as the cycle records it. */
export const actorOf = (p: Principal): Actor => ({
  name: p.name.slice(0, 200),
  agencyId: p.agencies[0]?.id ?? 'coordinator',
});

/**
 * Asks the agencies for the report. Every agency asked must be in the directory: said now,
 * with their ids, not later when the cycle starts their duties.
 */
export async function requestAdHocReport(
  deps: CycleDeps,
  actor: Principal,
  input: { cycleId: string; body: unknown },
): Promise<CycleState> {
  const cycleId = cycleIdOf(input.cycleId);
  // A script with the token is a coordinator: nothing to look up before judging its body.
  if (!actor.coordinator) {
    const state = await cycleState(deps.client, cycleId);
    if (!mayRequest(actor, state.planId)) {
      throw Refusal.of('forbidden', 'forbidden', 'ad-hoc.not-allowed', {});
    }
  }
  const body = RequestAdHocReport.parse(input.body);
  const known = await knownAgencyIds(deps.db, body.agencyIds);
  const unknown = body.agencyIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw Refusal.of('invalid', 'invalid_input', 'ad-hoc.unknown-agencies', {
      ids: unknown.join(', '),
    });
  }
  return updateOpenCycle(deps.client, cycleId, (h) =>
    h.executeUpdate(requestAdHocReportUpdate, { args: [body] }),
  );
}

const IN = new Set<DutyStatus>(['submitted', 'accepted']);

export interface AdHocSummary {
  ref: string;
  title: string;
  at: string;
  dueAt: string;
  /** Agencies asked, and how many duties have started so far. */
  asked: number;
  started: number;
  submitted: number;
  /** Submitted after the deadline. */
  submittedLate: number;
  /** Past the deadline and still not in. */
  overdue: number;
  /** Some duties could not be started (an agency gone from the directory). */
  failed: boolean;
}

export interface AdHocList {
  state: CycleState;
  plan: PlanHeading;
  requests: AdHocSummary[];
  canRequest: boolean;
}

async function followedCycle(deps: CycleDeps, actor: Principal, cycleId: string) {
  const state = await cycleState(deps.client, cycleId);
  if (!mayFollow(actor, state.planId)) {
    throw Refusal.of('forbidden', 'forbidden', 'year-end.not-your-plan', {});
  }
  const plan = (await planHeading(deps.db, state.planId)) ?? {
    id: state.planId,
    number: state.planId,
    title: '',
  };
  return { state, plan };
}

const lastSubmission = (d: AdHocDuty) => d.state.submissions[d.state.submissions.length - 1];

/** The cycle's requests, newest first, each with how many agencies have submitted or are late. */
export async function adHocRequests(
  deps: CycleDeps,
  actor: Principal,
  cycleId: string,
): Promise<AdHocList> {
  const { state, plan } = await followedCycle(deps, actor, cycleId);
  const duties = await adHocDuties(deps.db, state.planId, state.year);
  const requests = state.adHocRequests.map((r): AdHocSummary => {
    const mine = duties.filter((d) => d.ref === r.ref);
    const inHand = mine.filter((d) => IN.has(d.state.status));
    return {
      ref: r.ref,
      title: r.title,
      at: r.at,
      dueAt: r.dueAt,
      asked: r.agencies,
      started: mine.length,
      submitted: inHand.length,
      submittedLate: inHand.filter((d) => lastSubmission(d)?.late === true).length,
      overdue: mine.filter((d) => d.state.status === 'overdue').length,
      failed: r.error !== undefined,
    };
  });
  return {
    state,
    plan,
    requests: requests.reverse(),
    canRequest: mayRequest(actor, state.planId) && state.status === 'running',
  };
}

export interface AdHocLine {
  dutyId: string;
  agencyName: string;
  status: DutyStatus;
  dueAt: string;
  originalDueAt: string;
  submission?: { at: string; late: boolean; text: string; files: string[] };
}

export interface AdHocDetail {
  state: CycleState;
  plan: PlanHeading;
  request: AdHocSummary;
  product: string | undefined;
  lines: AdHocLine[];
}

/** One request: each agency's duty, its status and what it submitted. */
export async function adHocRequest(
  deps: CycleDeps,
  actor: Principal,
  cycleId: string,
  ref: string,
): Promise<AdHocDetail> {
  const list = await adHocRequests(deps, actor, cycleId);
  const request = list.requests.find((r) => r.ref === ref);
  if (!request) throw Refusal.of('not_found', 'not_found', 'ad-hoc.not-found', {});
  const duties = await adHocDuties(deps.db, list.state.planId, list.state.year, ref);
  const lines = duties.map((d): AdHocLine => {
    const s = lastSubmission(d);
    return {
      dutyId: d.state.workflowId,
      agencyName: d.state.lead.name,
      status: d.state.status,
      dueAt: d.state.dueAt,
      originalDueAt: d.state.originalDueAt,
      ...(s
        ? {
            submission: {
              at: s.at,
              late: s.late,
              text: s.text,
              files: s.attachments.map((a) => a.name),
            },
          }
        : {}),
    };
  });
  return {
    state: list.state,
    plan: list.plan,
    request,
    product: duties[0]?.state.product,
    lines: lines.sort(byVietnamese((l) => l.agencyName)),
  };
}

export interface AdHocForm {
  state: CycleState;
  plan: PlanHeading;
  /** The directory's agencies in service, by name in Vietnamese order (the view groups them). */
  agencies: PickableAgency[];
}

/** What the request form offers; only those who may request see it. */
export async function adHocForm(
  deps: CycleDeps,
  actor: Principal,
  cycleId: string,
): Promise<AdHocForm> {
  const { state, plan } = await followedCycle(deps, actor, cycleId);
  if (!mayRequest(actor, state.planId)) {
    throw Refusal.of('forbidden', 'forbidden', 'ad-hoc.not-allowed', {});
  }
  const agencies = await pickableAgencies(deps.db);
  return {
    state,
    plan,
    agencies: agencies.sort(
      (a, b) =>
        viCollator.compare(a.localityName, b.localityName) || viCollator.compare(a.name, b.name),
    ),
  };
}
