// The standing agency's consolidated draft: for its report duty, the reports the agencies owed
// it since its previous report, who sent them on time or late, who is missing, and their
// indicators summed; the page, its XLSX and Word exports and GET /api/duties/:id/consolidation
// call here.
import type { Principal } from '../api/principal.ts';
import type { DutyState } from '../common/duty-state.ts';
import { consolidationDraft, type ConsolidationDraft } from '../db/cycle-reports.ts';
import type { Db } from '../db/index.ts';
import { dutyState, planHeading, type PlanHeading } from '../db/year-end.ts';
import { byVietnamese } from '../domain/vi-order.ts';
import { Refusal } from './refusal.ts';

export interface ConsolidationDeps {
  db: Db;
}

const notFound = (id: string): Refusal =>
  Refusal.of('not_found', 'not_found', 'consolidation.not-found', { id });

/** Whoever may see the duty may read its draft: its parties, coordinators and viewers. */
function maySee(actor: Principal, duty: DutyState): boolean {
  const mine = new Set(actor.agencies.map((a) => a.id));
  return (
    actor.coordinator ||
    actor.viewer ||
    mine.has(duty.lead.id) ||
    mine.has(duty.standing.id) ||
    duty.coordinating.some((a) => mine.has(a.id)) ||
    actor.standingPlanIds.includes(duty.planId)
  );
}

async function load(deps: ConsolidationDeps, actor: Principal, dutyId: string) {
  if (!dutyId.startsWith('duty:')) throw notFound(dutyId);
  const duty = await dutyState(deps.db, dutyId);
  if (!duty) throw notFound(dutyId);
  if (!maySee(actor, duty)) {
    throw Refusal.of('forbidden', 'forbidden', 'consolidation.not-allowed', {});
  }
  const draft = await consolidationDraft(deps.db, dutyId);
  if (!draft) throw notFound(dutyId);
  return { duty, draft };
}

/** The draft as the JSON API answers it (agencies in the order the read model gives). */
export async function consolidation(
  deps: ConsolidationDeps,
  actor: Principal,
  dutyId: string,
): Promise<ConsolidationDraft> {
  return (await load(deps, actor, dutyId)).draft;
}

export interface ConsolidationView {
  draft: ConsolidationDraft;
  duty: { id: string; planId: string; title: string; period: string; lead: string };
  plan: PlanHeading;
}

/** The draft with what the page and the exports say around it; names in Vietnamese order. */
export async function consolidationView(
  deps: ConsolidationDeps,
  actor: Principal,
  dutyId: string,
): Promise<ConsolidationView> {
  const { duty, draft } = await load(deps, actor, dutyId);
  const plan = await planHeading(deps.db, duty.planId);
  const byAgency = byVietnamese<{ agency: string }>((r) => r.agency);
  return {
    draft: {
      ...draft,
      submittedOnTime: [...draft.submittedOnTime].sort(byAgency),
      submittedLate: [...draft.submittedLate].sort(byAgency),
      missing: [...draft.missing].sort(byAgency),
    },
    duty: {
      id: duty.workflowId,
      planId: duty.planId,
      title: duty.title,
      period: duty.period,
      lead: duty.lead.name,
    },
    plan: plan ?? { id: duty.planId, number: duty.planId, title: '' },
  };
}
