// What a cycle's pages and GET /api/cycles/:id read beside the cycle's own state: the plan's
// heading, the year's next open deadlines from the read model, and agency names.
import type { Db } from './index.ts';

/** The statuses of a duty still owed (the read model's `status`). */
const OPEN = ['assigned', 'acknowledged', 'returned', 'overdue'];

export interface PlanHeading {
  id: string;
  number: string;
  title: string;
  periodFrom: number;
  periodTo: number;
}

export async function planHeading(db: Db, planId: string): Promise<PlanHeading | undefined> {
  const row = await db
    .selectFrom('plans')
    .select(['id', 'number', 'title', 'period_from', 'period_to'])
    .where('id', '=', planId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      number: row.number,
      title: row.title,
      periodFrom: row.period_from,
      periodTo: row.period_to,
    }
  );
}

export interface NextDeadline {
  id: string;
  title: string;
  leadAgencyId: string;
  status: string;
  dueAt: string;
  originalDueAt: string;
}

/** The year's open duties of a plan (yearly, half-yearly, quarterly, monthly), soonest first. */
export async function nextDeadlines(
  db: Db,
  planId: string,
  year: number,
  limit: number,
): Promise<NextDeadline[]> {
  const rows = await db
    .selectFrom('duties')
    .select(['id', 'title', 'lead_agency_id', 'status', 'due_at', 'original_due_at'])
    .where('plan_id', '=', planId)
    .where((eb) => eb.or([eb('period', '=', String(year)), eb('period', 'like', `${year}-%`)]))
    .where('status', 'in', OPEN)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map((d) => ({
    id: d.id,
    title: d.title,
    leadAgencyId: d.lead_agency_id,
    status: d.status,
    dueAt: d.due_at,
    originalDueAt: d.original_due_at,
  }));
}

/** Names of the given agencies by id (an agency gone from the directory is left out). */
export async function agencyNamesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
