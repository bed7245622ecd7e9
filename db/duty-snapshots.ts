// The read model of duties as the worker writes it: each duty's latest state and the agencies
// it involves, and the reads the worker's activities make of it.
import type { DutyState } from '../common/duty-state.ts';
import type { Db } from './index.ts';
import type { Database } from './schema.ts';
import { trackingColumns } from './tracking-columns.ts';
import type { Insertable } from 'kysely';

export type DutyRow = Insertable<Database['duties']>;
export type DutyAgencyRow = Insertable<Database['duty_agencies']>;

export interface DutySnapshot {
  row: DutyRow & { id: string; revision: number };
  roles: DutyAgencyRow[];
}

/** A duty's state as the read model keeps it: its row and the agencies it involves. */
export function dutySnapshot(state: DutyState, updatedAt: string): DutySnapshot {
  const row = {
    id: state.workflowId,
    plan_id: state.planId,
    duty_id: state.dutyId,
    period: state.period,
    title: state.title,
    lead_agency_id: state.lead.id,
    status: state.status,
    due_at: state.dueAt,
    original_due_at: state.originalDueAt,
    revision: state.revision,
    updated_at: updatedAt,
    state_json: JSON.stringify(state),
    ...trackingColumns(state),
  };
  const roles = [
    { duty_id: row.id, agency_id: state.lead.id, role: 'lead' as const },
    ...state.coordinating.map((a) => ({
      duty_id: row.id,
      agency_id: a.id,
      role: 'coordinating' as const,
    })),
  ];
  return { row, roles };
}

/**
 * Writes a duty's snapshot and its agencies in one transaction, unless a newer revision is
 * already there (a retried activity carrying an older snapshot must not overwrite a newer one).
 */
export async function writeDutySnapshot(
  db: Db,
  row: DutyRow & { id: string; revision: number },
  roles: DutyAgencyRow[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const written = await trx
      .insertInto('duties')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet(row).where('duties.revision', '<', row.revision),
      )
      .executeTakeFirst();
    if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await trx.deleteFrom('duty_agencies').where('duty_id', '=', row.id).execute();
    await trx.insertInto('duty_agencies').values(roles).execute();
  });
}

/**
 * Writes new duties' first snapshots in one transaction, as a cycle's launch does for the
 * duties it starts (so that none of them spends a workflow task and an activity on it). A duty
 * the read model already holds keeps its row: the launch retried, or the duty has moved on.
 */
export async function writeFirstDutySnapshots(
  db: Db,
  snapshots: readonly DutySnapshot[],
): Promise<void> {
  if (snapshots.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('duties')
      .values(snapshots.map((s) => s.row))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    const ids = new Set(inserted.map((r) => r.id));
    const roles = snapshots.filter((s) => ids.has(s.row.id)).flatMap((s) => s.roles);
    // In slices: a duty may involve hundreds of agencies, and a statement's parameters are few.
    for (let i = 0; i < roles.length; i += 1_000) {
      await trx
        .insertInto('duty_agencies')
        .values(roles.slice(i, i + 1_000))
        .execute();
    }
  });
}

/** The state of each duty asked for that has one, by workflow id. */
export async function dutyStatesByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('duties')
      .select(['id', 'state_json'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r.state_json);
  }
  return out;
}

/** What an agency still owes or contributes to: the open duties it leads or coordinates. */
export function openDutiesOfAgency(db: Db, agencyId: string) {
  return db
    .selectFrom('duties')
    .innerJoin('duty_agencies as da', 'da.duty_id', 'duties.id')
    .select(['duties.state_json', 'da.role'])
    .where('da.agency_id', '=', agencyId)
    .where('duties.status', 'not in', ['submitted', 'accepted', 'cancelled'])
    .execute();
}

/** How many duties the read model holds, of one plan or of all. */
export async function countDuties(db: Db, planId?: string): Promise<number> {
  let q = db.selectFrom('duties').select((eb) => eb.fn.countAll<number>().as('n'));
  if (planId !== undefined) q = q.where('plan_id', '=', planId);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Duties in the read model by status (`assigned`, `overdue`, …), for the metrics. */
export async function countDutiesByStatus(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('duties')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status, Number(r.n)]));
}
