// A plan's yearly cycle schedule (services/schedules.ts): see it, turn it on or off, run it now.
// Coordinators change it; whoever may see the plan sees it. The JSON API and the page call these.
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { CyclePolicy } from '../common/cycle-schema.ts';
import type { Db } from '../db/index.ts';
import { findPlan } from '../db/plans.ts';
import type { Principal } from '../api/principal.ts';
import {
  describeCycleSchedule,
  enableCycleSchedule,
  pauseCycleSchedule,
  triggerCycleSchedule,
  type ScheduleView,
} from '../services/schedules.ts';
import { Refusal } from './refusal.ts';

export interface ScheduleDeps {
  db: Db;
  client: Client;
}

/** PUT /api/plans/{id}/schedule and the page's on/off form. */
export const SetSchedule = z.discriminatedUnion('enabled', [
  z.object({ enabled: z.literal(true), policy: CyclePolicy.default(CyclePolicy.parse({})) }),
  z.object({
    enabled: z.literal(false),
    note: z.string().min(1).max(500).default('paused by a coordinator'),
  }),
]);

const canSee = (p: Principal, planId: string): boolean =>
  p.coordinator || p.viewer || p.standingPlanIds.includes(planId);

async function planOf(deps: ScheduleDeps, actor: Principal, planId: string) {
  const plan = await findPlan(deps.db, planId);
  if (!plan) throw Refusal.of('not_found', 'not_found', 'schedule.no-plan', { plan: planId });
  // As on the plan's own page: its standing agency's officers see it, other agencies do not.
  if (!canSee(actor, planId)) throw Refusal.of('forbidden', 'forbidden', 'schedule.not-yours', {});
  return plan;
}

function mustCoordinate(actor: Principal): void {
  if (!actor.coordinator)
    throw Refusal.of('forbidden', 'forbidden', 'directory.coordinators-only', {});
}

const noSchedule = (err: unknown): never => {
  if (err instanceof ScheduleNotFoundError)
    throw Refusal.of('not_found', 'not_found', 'schedule.none-turn-on', {});
  throw err;
};

/** The plan's schedule, or null when it was never turned on. */
export async function getSchedule(
  deps: ScheduleDeps,
  actor: Principal,
  planId: string,
): Promise<ScheduleView | null> {
  await planOf(deps, actor, planId);
  return describeCycleSchedule(deps.client, planId);
}

export async function setSchedule(
  deps: ScheduleDeps,
  actor: Principal,
  planId: string,
  body: unknown,
): Promise<ScheduleView | null> {
  // An unknown plan is 404 whatever the body says.
  await planOf(deps, actor, planId);
  mustCoordinate(actor);
  const input = SetSchedule.parse(body);
  if (input.enabled) await enableCycleSchedule(deps.client, planId, input.policy);
  else await pauseCycleSchedule(deps.client, planId, input.note).catch(noSchedule);
  return describeCycleSchedule(deps.client, planId);
}

/** Turns the schedule on with the default policy, or off (the page's one button). */
export const switchSchedule = (
  deps: ScheduleDeps,
  actor: Principal,
  planId: string,
  on: boolean,
): Promise<ScheduleView | null> =>
  setSchedule(
    deps,
    actor,
    planId,
    on
      ? { enabled: true, policy: CyclePolicy.parse({}) }
      : { enabled: false, note: `Tắt lịch: ${actor.name}`.slice(0, 500) },
  );

/** Runs the schedule now: starts this year's cycle if it does not exist. */
export async function triggerSchedule(
  deps: ScheduleDeps,
  actor: Principal,
  planId: string,
): Promise<void> {
  await planOf(deps, actor, planId);
  mustCoordinate(actor);
  await triggerCycleSchedule(deps.client, planId).catch(noSchedule);
}

export interface SchedulePageData {
  plan: { id: string; number: string; title: string };
  schedule: ScheduleView | null;
  canEdit: boolean;
}

export async function schedulePage(
  deps: ScheduleDeps,
  actor: Principal,
  planId: string,
): Promise<SchedulePageData> {
  const plan = await planOf(deps, actor, planId);
  return {
    plan: { id: plan.id, number: plan.number, title: plan.title },
    schedule: await describeCycleSchedule(deps.client, planId),
    canEdit: actor.coordinator,
  };
}
