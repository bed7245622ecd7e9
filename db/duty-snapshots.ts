// The read model of duties as the worker writes it: each duty's latest state and the agencies
// it involves, and the reads the worker's activities make of it.
import type { Db } from './index.ts';
import type { Database } from './schema.ts';
import type { Insertable } from 'kysely';

export type DutyRow = Insertable<Database['duties']>;
export type DutyAgencyRow = Insertable<Database['duty_agencies']>;

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
