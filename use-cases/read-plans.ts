// Reading plans: the list and one plan's page (its duties, its years and whether each was
// started), for whoever may see them: coordinators and viewers every plan, a standing
// agency's officers the plans it stands for. The JSON API (the token) sees every plan.
import type { Client } from '@temporalio/client';
import { cycleWorkflowId } from '../common/messages.ts';
import type { Db } from '../db/index.ts';
import { agencyName, findPlan, listPlans, planDuties, type PlanListRow } from '../db/plans.ts';

import { canSeePlan, type Principal } from '../api/principal.ts';
import type { ResolvedDuty } from '../plans/resolve.ts';
import { Refusal } from './refusal.ts';
import { cycleStarted } from './start-cycle.ts';

export type { PlanListRow };

const mayReadPlans = (actor: Principal): void => {
  if (!actor.coordinator && !actor.viewer && actor.standingPlanIds.length === 0) {
    throw Refusal.of('forbidden', 'forbidden', 'plan-pages.not-your-plan', {});
  }
};

/** The plans this person may see, by id. */
export async function visiblePlans(deps: { db: Db }, actor: Principal): Promise<PlanListRow[]> {
  mayReadPlans(actor);
  return (await listPlans(deps.db)).filter((p) => canSeePlan(actor, p.id));
}

async function planFor(db: Db, actor: Principal, planId: string) {
  mayReadPlans(actor);
  const plan = await findPlan(db, planId);
  if (!plan) throw Refusal.of('not_found', 'not_found', 'cycle-start.no-plan', { planId });
  if (!canSeePlan(actor, plan.id)) {
    throw Refusal.of('forbidden', 'forbidden', 'plan-pages.not-your-plan', {});
  }
  return plan;
}

export interface PlanOverview {
  plan: {
    id: string;
    number: string;
    title: string;
    from: number;
    to: number;
    importedAt: string;
    standingName: string;
  };
  /** Every year of the plan's period, and its cycle's id when started. */
  years: { year: number; cycleId: string; started: boolean }[];
  duties: ResolvedDuty[];
}

/** One plan as its page shows it. */
export async function readPlan(
  deps: { db: Db; client: Client },
  actor: Principal,
  input: { planId: string },
): Promise<PlanOverview> {
  const row = await planFor(deps.db, actor, input.planId);
  const years = Array.from(
    { length: row.period_to - row.period_from + 1 },
    (_, i) => row.period_from + i,
  );
  const [duties, standing, started] = await Promise.all([
    planDuties(deps.db, row.id),
    agencyName(deps.db, row.standing_agency_id),
    Promise.all(
      years.map((year) => cycleStarted(deps.client, cycleWorkflowId({ planId: row.id, year }))),
    ),
  ]);
  return {
    plan: {
      id: row.id,
      number: row.number,
      title: row.title,
      from: row.period_from,
      to: row.period_to,
      importedAt: row.imported_at,
      standingName: standing ?? row.standing_agency_id,
    },
    years: years.map((year, i) => ({
      year,
      cycleId: cycleWorkflowId({ planId: row.id, year }),
      started: started[i] === true,
    })),
    duties,
  };
}

/** One plan as the JSON API answers it: the plan file, the table's projects, the duties. */
export async function planDocument(deps: { db: Db }, actor: Principal, input: { planId: string }) {
  const row = await planFor(deps.db, actor, input.planId);
  const table =
    row.table_json === null ? null : (JSON.parse(row.table_json) as { projects: unknown[] });
  return {
    plan: JSON.parse(row.definition_json) as unknown,
    tableProjects: table?.projects ?? [],
    importedAt: row.imported_at,
    duties: (await planDuties(deps.db, row.id)) as unknown[],
  };
}
