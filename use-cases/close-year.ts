// Closing a plan's year: what the year achieved beside the plan's targets (per locality, with
// the gap), who still owes a report, and the close itself, which only a coordinator does. The
// year-end page, GET /api/cycles/:id/results and POST /api/cycles/:id/close call here.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Principal } from '../api/principal.ts';
import { CloseYear, type CycleState } from '../common/cycle-schema.ts';
import { closeYearUpdate, getCycleQuery } from '../common/messages.ts';
import { yearResults, type YearResult } from '../db/cycle-reports.ts';
import type { Db } from '../db/index.ts';
import {
  localityNames,
  outstandingReports,
  planHeading,
  type PlanHeading,
} from '../db/year-end.ts';
import { byVietnamese } from '../domain/vi-order.ts';
import { updateCycle } from './cycle-update.ts';
import { Refusal } from './refusal.ts';
import { localityResults, type LocalityResult } from './target-results.ts';

export interface CycleDeps {
  db: Db;
  client: Client;
}

/** A cycle's workflow id, or 404: a duty's or a digest's id names a workflow but no cycle. */
export function cycleIdOf(raw: string): string {
  if (!raw.startsWith('cycle:') || raw.length > 300) {
    throw Refusal.of('not_found', 'not_found', 'year-end.not-a-cycle', { id: raw });
  }
  return raw;
}

/** The cycle as it stands (a closed one answers too); Temporal's not-found is a 404. */
export const cycleState = (client: Client, cycleId: string): Promise<CycleState> =>
  client.workflow.getHandle(cycleIdOf(cycleId)).query(getCycleQuery);

/** Plans and cycles: coordinators and viewers see all, standing officers their own plans. */
export function mayFollow(actor: Principal, planId: string): boolean {
  return actor.coordinator || actor.viewer || actor.standingPlanIds.includes(planId);
}

/**
 * An update on a cycle that has finished is "not found" to Temporal; to the caller the cycle
 * is closed (409), unless it never existed (404, as Temporal said).
 */
export function updateOpenCycle<A>(
  client: Client,
  cycleId: string,
  run: (handle: WorkflowHandle) => Promise<A>,
): Promise<A> {
  return updateCycle(client, cycleId, run, {
    closed: () => Refusal.of('conflict', 'closed', 'year-end.cycle-closed', {}),
    missing: (err) => err,
  });
}

/** Closes the year: the cycle stops taking allocations, disbursements and ad hoc requests. */
export async function closeYear(
  deps: CycleDeps,
  actor: Principal,
  /** `confirmed`: the page's explicit confirmation; scripts confirm by calling. */
  input: { cycleId: string; body: unknown; confirmed?: boolean },
): Promise<CycleState> {
  const cycleId = cycleIdOf(input.cycleId);
  if (!actor.coordinator) {
    throw Refusal.of('forbidden', 'forbidden', 'year-end.coordinators-only', {});
  }
  if (input.confirmed === false) {
    throw Refusal.of('invalid', 'invalid_input', 'year-end.confirm-required', {});
  }
  const body = CloseYear.parse(input.body);
  return updateOpenCycle(deps.client, cycleId, (h) =>
    h.executeUpdate(closeYearUpdate, { args: [body] }),
  );
}

export interface CycleResults {
  planId: string;
  year: number;
  status: CycleState['status'];
  /** The plan's own goals for the year, as reported. */
  results: YearResult[];
  /** Each locality of the year's targets table, when one was imported: target, report, gap. */
  localities?: LocalityResult[];
}

/** What the year achieved (GET /api/cycles/:id/results); only those who follow the plan. */
export async function cycleResults(
  deps: CycleDeps,
  actor: Principal,
  rawId: string,
): Promise<CycleResults> {
  const state = await cycleState(deps.client, rawId);
  if (!mayFollow(actor, state.planId)) {
    throw Refusal.of('forbidden', 'forbidden', 'year-end.not-your-plan', {});
  }
  const [results, localities] = await Promise.all([
    yearResults(deps.db, state.planId, state.year),
    localityResults(deps.db, state.planId, state.year),
  ]);
  return {
    planId: state.planId,
    year: state.year,
    status: state.status,
    results,
    ...(localities.length > 0 ? { localities } : {}),
  };
}

export interface Outstanding {
  agencyName: string;
  /** Reports still owed, and how many of them are past their deadline. */
  owed: number;
  overdue: number;
  /** The nearest deadline among them, and the duty that has it. */
  nextDueAt: string;
  nextDutyId: string;
}

export interface YearEnd {
  state: CycleState;
  plan: PlanHeading;
  /** The plan's own goals for the year (GET /api/cycles/:id/results `results`). */
  goals: (YearResult & { localityName?: string })[];
  /** Each locality of the year's targets table against what it reported, with the gap. */
  localities: LocalityResult[];
  outstanding: Outstanding[];
  canClose: boolean;
}

/** Everything the year-end page shows; only those who follow the plan see it. */
export async function yearEnd(deps: CycleDeps, actor: Principal, rawId: string): Promise<YearEnd> {
  const state = await cycleState(deps.client, rawId);
  if (!mayFollow(actor, state.planId)) {
    throw Refusal.of('forbidden', 'forbidden', 'year-end.not-your-plan', {});
  }
  const [plan, goals, localities, owed, names] = await Promise.all([
    planHeading(deps.db, state.planId),
    yearResults(deps.db, state.planId, state.year),
    localityResults(deps.db, state.planId, state.year),
    outstandingReports(deps.db, state.planId, state.year),
    localityNames(deps.db),
  ]);
  const byAgency = new Map<string, Outstanding>();
  for (const r of owed) {
    const seen = byAgency.get(r.agencyId);
    const overdue = r.status === 'overdue' ? 1 : 0;
    if (!seen) {
      byAgency.set(r.agencyId, {
        agencyName: r.agencyName,
        owed: 1,
        overdue,
        nextDueAt: r.dueAt,
        nextDutyId: r.dutyId,
      });
      continue;
    }
    seen.owed += 1;
    seen.overdue += overdue;
    if (Date.parse(r.dueAt) < Date.parse(seen.nextDueAt)) {
      seen.nextDueAt = r.dueAt;
      seen.nextDutyId = r.dutyId;
    }
  }
  return {
    state,
    plan: plan ?? { id: state.planId, number: state.planId, title: '' },
    goals: goals.map((g) => {
      const localityName = g.localityId ? names.get(g.localityId) : undefined;
      return localityName ? { ...g, localityName } : g;
    }),
    // In the targets table's own order, the order of the official document.
    localities,
    // The most overdue first, then by name.
    outstanding: [...byAgency.values()].sort(
      (a, b) => b.overdue - a.overdue || byVietnamese<Outstanding>((o) => o.agencyName)(a, b),
    ),
    canClose: actor.coordinator && state.status === 'running',
  };
}
