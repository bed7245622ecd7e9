// Starting a plan's year: previewed first (what starting now does to the year's past, counted
// with the ladder's own rules), then started under its business key. The preview page and its
// JSON twin, the start form, POST /api/cycles and the CLI call here.
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { StartCycle } from '../common/cycle-schema.ts';
import type { StartDuty } from '../common/duty-schema.ts';
import { cycleWorkflowId } from '../common/messages.ts';
import type { Db } from '../db/index.ts';
import { findPlan } from '../db/plans.ts';
import type { Principal } from '../api/principal.ts';
import { AgencyGone, cycleDuties } from '../plans/cycle-duties.ts';
import { previewDuties, type CyclePreview } from '../plans/cycle-preview.ts';
import { startCycle } from '../services/starts.ts';
import { Refusal } from './refusal.ts';

export interface CycleDeps {
  db: Db;
  client: Client;
}

const coordinatorOnly = (actor: Principal): void => {
  if (!actor.coordinator) {
    throw Refusal.of('forbidden', 'forbidden', 'plan-pages.coordinators-only', {});
  }
};

async function planOf(db: Db, planId: string) {
  const plan = await findPlan(db, planId);
  if (!plan) throw Refusal.of('not_found', 'not_found', 'cycle-start.no-plan', { planId });
  return plan;
}

/** Whether the cycle of that id was ever started (running or closed). */
export const cycleStarted = (client: Client, cycleId: string): Promise<boolean> =>
  client.workflow
    .getHandle(cycleId)
    .describe()
    .then(
      () => true,
      () => false,
    );

/** The year's duties as the cycle would start them; an agency gone from the directory refuses. */
async function yearDuties(db: Db, planId: string, year: number, cycleId: string) {
  try {
    return await cycleDuties(db, planId, year, cycleId);
  } catch (err) {
    if (!(err instanceof AgencyGone)) throw err;
    throw Refusal.of('conflict', 'cannot_launch', 'plan-pages.cannot-launch', {
      agency: err.agencyId,
      planId,
    });
  }
}

export interface CyclePreviewResult {
  plan: { id: string; number: string; title: string; from: number; to: number };
  year: number;
  cycleId: string;
  started: boolean;
  /** Absent when the cycle was started and the caller did not ask for it anyway. */
  duties?: StartDuty[];
  preview?: CyclePreview;
}

/**
 * The preview of a plan's year as if started at `nowMs`. `year` as typed (a query string);
 * one outside the plan's period is refused. With `skipStarted`, a year already started answers
 * only that it was.
 */
export async function previewPlanCycle(
  deps: CycleDeps,
  actor: Principal,
  input: { planId: string; year: unknown; nowMs?: number; skipStarted?: boolean },
): Promise<CyclePreviewResult> {
  coordinatorOnly(actor);
  const row = await planOf(deps.db, input.planId);
  const raw =
    typeof input.year === 'string'
      ? input.year.trim()
      : typeof input.year === 'number'
        ? String(input.year)
        : '';
  const year = Number(raw);
  if (!/^\d{4}$/.test(raw) || year < row.period_from || year > row.period_to) {
    throw Refusal.of('invalid', 'invalid_input', 'cycle-start.year-outside', {
      year: raw,
      from: row.period_from,
      to: row.period_to,
    });
  }
  const plan = {
    id: row.id,
    number: row.number,
    title: row.title,
    from: row.period_from,
    to: row.period_to,
  };
  const cycleId = cycleWorkflowId({ planId: plan.id, year });
  const started = await cycleStarted(deps.client, cycleId);
  if (started && input.skipStarted) return { plan, year, cycleId, started };
  const { duties } = await yearDuties(deps.db, plan.id, year, cycleId);
  const preview = previewDuties(plan.id, year, duties, input.nowMs ?? Date.now());
  return { plan, year, cycleId, started, duties, preview };
}

/**
 * Starts a plan's year. What the cycle's launch will do is tried first: a cycle that cannot
 * launch (an agency of the plan gone from the directory) was accepted and then sat retrying in
 * "launching". A year already started answers its id with `existed`; whether that is a
 * refusal is the caller's to say (the API: 409; the page: it opens it).
 */
export async function startPlanCycle(
  deps: CycleDeps,
  actor: Principal,
  /** Parsed by the caller: StartCycle of common/cycle-schema.ts (the year's policy, `past`). */
  input: StartCycle,
): Promise<{ id: string; existed: boolean }> {
  coordinatorOnly(actor);
  const plan = await planOf(deps.db, input.planId);
  if (input.year < plan.period_from || input.year > plan.period_to) {
    throw Refusal.of('invalid', 'invalid_input', 'plan-pages.year-outside', {
      from: plan.period_from,
      to: plan.period_to,
      year: input.year,
    });
  }
  const key = { planId: plan.id, year: input.year };
  await yearDuties(deps.db, plan.id, input.year, cycleWorkflowId(key));
  try {
    const id = await startCycle(deps.client, { ...input, planId: plan.id });
    return { id, existed: false };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return { id: err.workflowId, existed: true };
  }
}
