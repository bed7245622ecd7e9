// Plans, their resolved duties and the directory as the importer reads and writes them. The
// import checks everything first (use-cases/import-plan.ts); what reaches here is written in one
// transaction, so a refused file leaves nothing behind.
import type { DirectoryAgency, Directory } from '../common/plan-schema.ts';
import type { ResolvedDuty } from '../plans/resolve.ts';
import type { Db } from './index.ts';

export interface PlanListRow {
  id: string;
  number: string;
  title: string;
  period_from: number;
  period_to: number;
  imported_at: string;
}

/** Every plan, by id: what the plans list shows. */
export async function listPlans(db: Db): Promise<PlanListRow[]> {
  return db
    .selectFrom('plans')
    .select(['id', 'number', 'title', 'period_from', 'period_to', 'imported_at'])
    .orderBy('id')
    .execute();
}

/** The stored row of one plan, or undefined. */
export async function findPlan(db: Db, id: string) {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A plan's resolved duties as the importer stored them, by ref. */
export async function planDuties(db: Db, planId: string): Promise<ResolvedDuty[]> {
  const rows = await db
    .selectFrom('plan_duties')
    .select('duty_json')
    .where('plan_id', '=', planId)
    .orderBy('ref')
    .execute();
  return rows.map((r) => JSON.parse(r.duty_json) as ResolvedDuty);
}

/** Whether a plan holds a duty of this stored ref (one member of a group, say). */
export async function planDutyExists(db: Db, planId: string, ref: string): Promise<boolean> {
  const row = await db
    .selectFrom('plan_duties')
    .select('ref')
    .where('plan_id', '=', planId)
    .where('ref', '=', ref)
    .executeTakeFirst();
  return row !== undefined;
}

/** An agency's name, or undefined when the directory has no such agency. */
export async function agencyName(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.name;
}

/** The directory's agencies still in service (a retired one is never matched anew), by id. */
export async function activeAgencies(db: Db): Promise<DirectoryAgency[]> {
  const rows = await db
    .selectFrom('agencies')
    .select('entry_json')
    .where('retired_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => JSON.parse(r.entry_json) as DirectoryAgency);
}

/** Every directory agency, retired ones included (a running plan may still name them). */
export async function allAgencies(db: Db): Promise<DirectoryAgency[]> {
  const rows = await db.selectFrom('agencies').select('entry_json').execute();
  return rows.map((r) => JSON.parse(r.entry_json) as DirectoryAgency);
}

export interface LocalityRow {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
}

export async function allLocalities(db: Db): Promise<LocalityRow[]> {
  const rows = await db
    .selectFrom('localities')
    .select(['id', 'name', 'level', 'parent_id'])
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id }));
}

/** The plan file and the assignment table a plan was imported from, as stored. */
export async function storedPlanSources(db: Db, planId: string) {
  return db
    .selectFrom('plans')
    .select(['definition_json', 'table_json'])
    .where('id', '=', planId)
    .executeTakeFirst();
}

export interface PlanWrite {
  id: string;
  number: string;
  title: string;
  periodFrom: number;
  periodTo: number;
  definitionJson: string;
  tableJson: string | null;
  standingAgencyId: string;
  contentHash: string;
  duties: ResolvedDuty[];
}

/**
 * Writes a plan and its duties in one transaction: `unchanged` when the stored plan has the
 * same content hash (nothing written), else `created` or `updated`.
 */
export async function writePlan(
  db: Db,
  plan: PlanWrite,
): Promise<'created' | 'updated' | 'unchanged'> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('plans')
      .select('content_hash')
      .where('id', '=', plan.id)
      .executeTakeFirst();
    if (existing?.content_hash === plan.contentHash) return 'unchanged';
    const row = {
      id: plan.id,
      number: plan.number,
      title: plan.title,
      period_from: plan.periodFrom,
      period_to: plan.periodTo,
      definition_json: plan.definitionJson,
      table_json: plan.tableJson,
      standing_agency_id: plan.standingAgencyId,
      content_hash: plan.contentHash,
      imported_at: new Date().toISOString(),
    };
    await trx
      .insertInto('plans')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    await trx.deleteFrom('plan_duties').where('plan_id', '=', plan.id).execute();
    for (const d of plan.duties) {
      await trx
        .insertInto('plan_duties')
        .values({ plan_id: plan.id, ref: d.ref, duty_json: JSON.stringify(d) })
        .execute();
    }
    return existing ? 'updated' : 'created';
  });
}

/** A directory entry as the `agencies` table keeps it. */
export function agencyRow(a: DirectoryAgency, nowIso: string) {
  return {
    id: a.id,
    name: a.name,
    level: a.level,
    locality_id: a.localityId,
    is_commune: a.isCommune ? 1 : 0,
    entry_json: JSON.stringify(a),
    updated_at: nowIso,
  };
}

/** A checked directory file, its localities and agencies added or replaced in one transaction. */
export async function writeDirectory(db: Db, directory: Directory): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const l of directory.localities) {
      const row = { id: l.id, name: l.name, level: l.level, parent_id: l.parentId ?? null };
      await trx
        .insertInto('localities')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    }
    for (const a of directory.agencies) {
      const row = agencyRow(a, now);
      await trx
        .insertInto('agencies')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    }
  });
}
