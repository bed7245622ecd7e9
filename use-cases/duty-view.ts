// Reading a duty the way a person may: its state from the workflow's query (the read model may
// lag a moment behind an action just taken, and keeps a finished duty the server has dropped),
// what this person may do with it, and what its page shows beside it.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { DutyState } from '../common/duty-state.ts';
import { getStateQuery } from '../common/messages.ts';
import type { DirectoryAgency } from '../common/plan-schema.ts';
import {
  activeAgencies,
  fileById,
  planHeading,
  plansForDuties,
  recordedDuty,
} from '../db/duty-pages.ts';
import { listDuties, type DutyFilter } from '../db/duties.ts';
import type { Db } from '../db/index.ts';
import { ladderView, type LadderView } from '../db/ladder-view.ts';
import { byVietnamese } from '../domain/vi-order.ts';
import { dutyRights, type DutyRights, type Principal } from '../api/principal.ts';
import { Refusal } from './refusal.ts';

export interface DutyDeps {
  db: Db;
  client: Client;
}

/** The duty's state, or undefined when no such duty exists. */
export async function loadDuty(deps: DutyDeps, workflowId: string): Promise<DutyState | undefined> {
  if (workflowId.length === 0 || workflowId.length > 300) return undefined;
  try {
    return await deps.client.workflow.getHandle(workflowId).query(getStateQuery);
  } catch (err) {
    // A finished duty whose history the server has dropped, or a worker that is down: the
    // read model still knows it.
    const recorded = await recordedDuty(deps.db, workflowId);
    if (recorded) return recorded;
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/**
 * Duties from the read model across the plans, soonest deadline first (GET /api/duties; never
 * asks the workflows). The whole list is for coordinators and viewers; the API's token is one.
 */
export async function dutyList(deps: { db: Db }, p: Principal, filter: DutyFilter) {
  if (!p.coordinator && !p.viewer) {
    throw Refusal.of('forbidden', 'forbidden', 'duty-pages.coordinators-only', {});
  }
  return listDuties(deps.db, filter);
}

export const noDuty = (id: string): Refusal =>
  Refusal.of('not_found', 'not_found', 'duty-rules.no-duty', { id });

/** A duty this person may see, and what they may do with it; refused as not found or forbidden. */
export async function dutyFor(
  deps: DutyDeps,
  p: Principal,
  id: string,
): Promise<{ duty: DutyState; rights: DutyRights }> {
  const duty = await loadDuty(deps, id);
  if (!duty) throw noDuty(id);
  const rights = dutyRights(p, duty);
  if (!rights.see) throw Refusal.of('forbidden', 'forbidden', 'duty-pages.not-yours', {});
  return { duty, rights };
}

export interface DutyPage {
  duty: DutyState;
  rights: DutyRights;
  /** What a coordinator may do on the page besides the agencies' actions. */
  coordinator: boolean;
  ladder: LadderView;
  /** "171/KH-UBND – Kế hoạch …", or what the duty itself knows of its plan. */
  planName: string;
  /** Agencies a coordinator may hand the duty to (not its lead or coordinating agencies). */
  leadChoices: { id: string; name: string }[];
}

/** Everything a duty's page shows. */
export async function dutyPage(
  deps: DutyDeps,
  p: Principal,
  id: string,
  nowMs: number,
): Promise<DutyPage> {
  const { duty, rights } = await dutyFor(deps, p, id);
  const [plan, ladder, choices] = await Promise.all([
    planHeading(deps.db, duty.planId),
    ladderView(deps.db, duty, nowMs),
    p.coordinator ? leadChoices(deps.db, duty) : Promise.resolve([]),
  ]);
  const planName = plan ? `${plan.number} – ${plan.title}` : (duty.planNumber ?? duty.planId);
  return { duty, rights, coordinator: p.coordinator, ladder, planName, leadChoices: choices };
}

const named = (agencies: DirectoryAgency[]) =>
  agencies.map((a) => ({ id: a.id, name: a.name })).sort(byVietnamese((a) => a.name));

async function leadChoices(db: Db, duty: DutyState): Promise<{ id: string; name: string }[]> {
  const taken = new Set([duty.lead.id, ...duty.coordinating.map((a) => a.id)]);
  return named((await activeAgencies(db)).filter((a) => !taken.has(a.id)));
}

/** A submitted file and whether this person may download it (those who may see its duty). */
export async function fileFor(deps: DutyDeps, p: Principal, id: string) {
  const file = /^[0-9a-f-]{36}$/.test(id) ? await fileById(deps.db, id) : undefined;
  if (!file) throw Refusal.of('not_found', 'not_found', 'duty-pages.no-file', {});
  const duty = await loadDuty(deps, file.workflow_id);
  if (!duty || !dutyRights(p, duty).see) {
    throw Refusal.of('forbidden', 'forbidden', 'duty-pages.not-yours', {});
  }
  return file;
}

export interface NewDutyChoices {
  plans: { id: string; name: string }[];
  agencies: { id: string; name: string }[];
}

/** What the "new duty" form offers a coordinator: the plans and the directory's agencies. */
export async function newDutyChoices(deps: DutyDeps, p: Principal): Promise<NewDutyChoices> {
  mustCoordinate(p);
  const [plans, agencies] = await Promise.all([plansForDuties(deps.db), activeAgencies(deps.db)]);
  return {
    plans: plans
      .map((x) => ({ id: x.id, name: `${x.number} – ${x.title}` }))
      .sort(byVietnamese((x) => x.name)),
    agencies: named(agencies),
  };
}

export function mustCoordinate(p: Principal): void {
  if (!p.coordinator) {
    throw Refusal.of('forbidden', 'forbidden', 'duty-pages.coordinators-only', {});
  }
}
