// A plan's per-locality targets tables (plan_targets, one row per locality and year, and
// plan_target_sets, the table's total, warnings and hash), and what the year's reports say.
import type { DutyState } from '../common/duty-state.ts';
import type { Db } from './index.ts';

/** The figures of one locality's row, by the table's columns. */
export interface TargetFigures {
  households: number | null;
  poor: number | null;
  poor_rate: number | null;
  near_poor: number | null;
  near_poor_rate: number | null;
  reduction_target: number | null;
  lift_out: number | null;
}

export interface TargetRowWrite {
  localityId: string;
  row: number;
  name: string;
  figures: TargetFigures;
}

export interface TargetSetWrite {
  planId: string;
  year: number;
  fileName: string;
  contentHash: string;
  columnsJson: string;
  totalJson: string | null;
  warningsJson: string;
}

/** The plan's row the targets need: its file (for its locality) and its period. */
export async function targetsPlanRow(db: Db, planId: string) {
  return db
    .selectFrom('plans')
    .select(['id', 'number', 'title', 'definition_json', 'period_from', 'period_to'])
    .where('id', '=', planId)
    .executeTakeFirst();
}

/**
 * The localities directly under `localityId` and the names of their People's Committees
 * (each committee's directory entry: its name and short names), by locality id.
 */
export async function childLocalities(db: Db, localityId: string) {
  const localities = await db
    .selectFrom('localities')
    .select(['id', 'name'])
    .where('parent_id', '=', localityId)
    .orderBy('id')
    .execute();
  const ids = localities.map((l) => l.id);
  const committees =
    ids.length === 0
      ? []
      : await db
          .selectFrom('agencies')
          .select(['locality_id', 'entry_json'])
          .where('locality_id', 'in', ids)
          .where('is_commune', '=', 1)
          .execute();
  return localities.map((l) => ({
    id: l.id,
    name: l.name,
    committees: committees
      .filter((a) => a.locality_id === l.id)
      .map((a) => JSON.parse(a.entry_json) as { name: string; shortNames?: string[] }),
  }));
}

/**
 * Replaces a plan-year's targets in one transaction: `unchanged` when they already hold the
 * same content hash (nothing written), else `created` or `updated`.
 */
export async function writeTargets(
  db: Db,
  set: TargetSetWrite,
  rows: readonly TargetRowWrite[],
): Promise<'created' | 'updated' | 'unchanged'> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('plan_target_sets')
      .select('content_hash')
      .where('plan_id', '=', set.planId)
      .where('year', '=', set.year)
      .executeTakeFirst();
    if (existing?.content_hash === set.contentHash) return 'unchanged';
    await trx
      .deleteFrom('plan_targets')
      .where('plan_id', '=', set.planId)
      .where('year', '=', set.year)
      .execute();
    for (const r of rows) {
      await trx
        .insertInto('plan_targets')
        .values({
          plan_id: set.planId,
          year: set.year,
          locality_id: r.localityId,
          row_no: r.row,
          name: r.name,
          ...r.figures,
        })
        .execute();
    }
    const row = {
      plan_id: set.planId,
      year: set.year,
      file_name: set.fileName,
      content_hash: set.contentHash,
      columns_json: set.columnsJson,
      total_json: set.totalJson,
      warnings_json: set.warningsJson,
      imported_at: new Date().toISOString(),
    };
    await trx
      .insertInto('plan_target_sets')
      .values(row)
      .onConflict((oc) => oc.columns(['plan_id', 'year']).doUpdateSet(row))
      .execute();
    return existing ? 'updated' : 'created';
  });
}

/** The targets table stored for a plan and year (its rows in the table's order), or undefined. */
export async function targetSet(db: Db, planId: string, year: number) {
  const set = await db
    .selectFrom('plan_target_sets')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!set) return undefined;
  const rows = await db
    .selectFrom('plan_targets')
    .leftJoin('localities', 'localities.id', 'plan_targets.locality_id')
    .selectAll('plan_targets')
    .select('localities.name as locality_name')
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .orderBy('row_no')
    .execute();
  return { set, rows };
}

/** Each agency's locality, by agency id. */
export async function agencyLocalities(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('agencies').select(['id', 'locality_id']).execute();
  return new Map(rows.map((a) => [a.id, a.locality_id]));
}

/** The state of every duty of a plan's year, as the read model holds it. */
export async function yearDutyStates(db: Db, planId: string, year: number): Promise<DutyState[]> {
  const rows = await db
    .selectFrom('duties')
    .select('state_json')
    .where('plan_id', '=', planId)
    .where((eb) => eb.or([eb('period', '=', String(year)), eb('period', 'like', `${year}-%`)]))
    .execute();
  return rows.map((r) => JSON.parse(r.state_json) as DutyState);
}
