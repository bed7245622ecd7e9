import type { Db } from './index.ts';

export interface DutyFilter {
  planId?: string | undefined;
  status?: string | undefined;
  /** With `role`, the duties this agency leads or coordinates; alone, either. */
  agencyId?: string | undefined;
  role?: 'lead' | 'coordinating' | undefined;
  /** ISO instants bounding the current deadline. */
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  limit: number;
}

/** Duties from the read model, soonest deadline first; never asks the workflows. */
export async function listDuties(db: Db, filter: DutyFilter) {
  let q = db
    .selectFrom('duties')
    .select([
      'duties.id',
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
    .orderBy('duties.id')
    .limit(filter.limit);
  if (filter.planId) q = q.where('plan_id', '=', filter.planId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.dueFrom) q = q.where('due_at', '>=', new Date(filter.dueFrom).toISOString());
  if (filter.dueTo) q = q.where('due_at', '<', new Date(filter.dueTo).toISOString());
  const { agencyId, role } = filter;
  if (agencyId || role) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('duty_agencies as da')
          .select('da.duty_id')
          .whereRef('da.duty_id', '=', 'duties.id')
          .$if(agencyId !== undefined, (sq) => sq.where('da.agency_id', '=', agencyId ?? ''))
          .$if(role !== undefined, (sq) => sq.where('da.role', '=', role ?? 'lead')),
      ),
    );
  }
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
