import type { Db } from './index.ts';

export interface DutyFilter {
  planId?: string | undefined;
  status?: string | undefined;
  leadAgencyId?: string | undefined;
  limit: number;
}

/** Duties from the read model, soonest deadline first; never asks the workflows. */
export async function listDuties(db: Db, filter: DutyFilter) {
  let q = db
    .selectFrom('duties')
    .select([
      'id',
      'plan_id',
      'duty_id',
      'period',
      'title',
      'lead_agency_id',
      'status',
      'due_at',
      'original_due_at',
      'updated_at',
    ])
    .orderBy('due_at')
    .orderBy('id')
    .limit(filter.limit);
  if (filter.planId) q = q.where('plan_id', '=', filter.planId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.leadAgencyId) q = q.where('lead_agency_id', '=', filter.leadAgencyId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    dutyId: r.duty_id,
    period: r.period,
    title: r.title,
    leadAgencyId: r.lead_agency_id,
    status: r.status,
    dueAt: r.due_at,
    originalDueAt: r.original_due_at,
    updatedAt: r.updated_at,
  }));
}
