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
      'duties.plan_id',
      'duties.duty_id',
      'duties.period',
      'duties.title',
      'duties.lead_agency_id',
      'duties.status',
      'duties.due_at',
      'duties.original_due_at',
      'duties.updated_at',
    ])
    .orderBy('duties.due_at')
    .orderBy('duties.id')
    .limit(filter.limit);
  if (filter.planId) q = q.where('duties.plan_id', '=', filter.planId);
  if (filter.status) q = q.where('duties.status', '=', filter.status);
  if (filter.dueFrom) q = q.where('duties.due_at', '>=', new Date(filter.dueFrom).toISOString());
  if (filter.dueTo) q = q.where('duties.due_at', '<', new Date(filter.dueTo).toISOString());
  const { agencyId, role } = filter;
  if (agencyId) {
    // An agency's own list starts from its rows in duty_agencies (indexed by agency and
    // role), not from every duty: the EXISTS form walked all 100,000 duties in deadline order
    // to find an agency's few hundred (530 ms; the join takes well under a millisecond).
    q = q
      .innerJoin('duty_agencies as da', 'da.duty_id', 'duties.id')
      .where('da.agency_id', '=', agencyId)
      .$if(role !== undefined, (qb) => qb.where('da.role', '=', role ?? 'lead'));
  } else if (role) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('duty_agencies as da')
          .select('da.duty_id')
          .whereRef('da.duty_id', '=', 'duties.id')
          .where('da.role', '=', role),
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
