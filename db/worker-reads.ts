// Small reads of plans and agencies the worker's activities make.
import type { Db } from './index.ts';

/** An agency's directory entry as stored (JSON), if the agency exists. */
export async function agencyEntryJson(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select('entry_json')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.entry_json;
}

/** Every agency's directory entry as stored (JSON), by id. */
export async function allAgencyEntriesJson(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('agencies').select(['id', 'entry_json']).execute();
  return new Map(rows.map((r) => [r.id, r.entry_json]));
}

export async function standingAgencyIdOf(db: Db, planId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('plans')
    .select('standing_agency_id')
    .where('id', '=', planId)
    .executeTakeFirst();
  return row?.standing_agency_id;
}

/** The years a plan runs, or undefined if the plan is unknown. */
export async function planYears(
  db: Db,
  planId: string,
): Promise<{ from: number; to: number } | undefined> {
  const row = await db
    .selectFrom('plans')
    .select(['period_from', 'period_to'])
    .where('id', '=', planId)
    .executeTakeFirst();
  return row ? { from: row.period_from, to: row.period_to } : undefined;
}

/** Whether any plan has been imported (the demo loads one only into an empty database). */
export async function anyPlanExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('plans').select('id').limit(1).executeTakeFirst()) !== undefined;
}
