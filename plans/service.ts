// Importing plans and the agency directory: check everything, show it (dry run), and write
// it in one transaction, so a refused file leaves nothing behind and the same file twice
// changes nothing.
import { createHash } from 'node:crypto';
import type {
  Directory,
  DirectoryAgency,
  PlanDefinition,
  PlanDuty,
  PlanProject,
} from '../common/plan-schema.ts';
import type { Db } from '../db/index.ts';
import { ImportError } from './errors.ts';
import { dutyPaths, resolvePlan, type AgencyRef, type ResolvedDuty } from './resolve.ts';
import { detectTableFormat, readTableRows, tableToDuties } from './table.ts';

export interface ImportResult {
  planId: string;
  dryRun: boolean;
  /** `unchanged`: this exact plan was imported before; nothing was written. */
  outcome: 'created' | 'updated' | 'unchanged' | 'dry-run';
  standing: AgencyRef;
  duties: ResolvedDuty[];
  summary: { duties: number; instances: number; agencies: number; projects: number };
}

async function loadDirectory(db: Db): Promise<DirectoryAgency[]> {
  const rows = await db.selectFrom('agencies').select('entry_json').orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.entry_json) as DirectoryAgency);
}

interface Scope {
  /** The plan's locality and everything under it: "every commune" means these communes. */
  under: Set<string>;
  /** …plus the localities above it: the agencies a plan of this locality may name. */
  visible: Set<string>;
}

async function scopeOf(db: Db, root: string): Promise<Scope> {
  const rows = await db.selectFrom('localities').select(['id', 'parent_id']).execute();
  const parent = new Map(rows.map((r) => [r.id, r.parent_id]));
  const under = new Set([root]);
  // Levels are data: walk down however many there are.
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) {
      if (r.parent_id && under.has(r.parent_id) && !under.has(r.id)) {
        under.add(r.id);
        grew = true;
      }
    }
  }
  const visible = new Set(under);
  for (let p = parent.get(root); p && !visible.has(p); p = parent.get(p)) visible.add(p);
  return { under, visible };
}

const hashOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** The assignment table's part of a plan: kept apart so re-importing the plan file keeps it. */
export interface PlanTable {
  projects: PlanProject[];
  duties: PlanDuty[];
  rowOf: Record<string, number>;
}

/** The plan file with the table's rows: a table row replaces a plan-file duty of the same STT. */
function effectivePlan(definition: PlanDefinition, table: PlanTable | undefined): PlanDefinition {
  if (!table) return definition;
  const fromTable = new Set(table.duties.map((d) => d.ref));
  return {
    ...definition,
    projects: [...definition.projects, ...table.projects],
    duties: [...definition.duties.filter((d) => !fromTable.has(d.ref)), ...table.duties],
  };
}

function locate(plan: PlanDefinition, table: PlanTable | undefined) {
  const column = { lead: 'Cơ quan chủ trì', coordinating: 'Cơ quan phối hợp', time: 'Thời gian' };
  const fallback = dutyPaths(plan.duties);
  return (ref: string, field: 'lead' | 'coordinating' | 'time'): string => {
    const row = table?.rowOf[ref];
    return row !== undefined ? `row ${row}, column "${column[field]}"` : fallback(ref, field);
  };
}

async function importResolved(
  db: Db,
  definition: PlanDefinition,
  table: PlanTable | undefined,
  dryRun: boolean,
): Promise<ImportResult> {
  const plan = effectivePlan(definition, table);
  const where = locate(definition, table);
  const scope = await scopeOf(db, plan.localityId);
  // Agency names repeat from district to district ("Phòng Lao động - …"): a plan names the
  // agencies of its own locality, those under it and those above it, never a neighbour's.
  const directory = (await loadDirectory(db)).filter((a) => scope.visible.has(a.localityId));
  if (directory.length === 0) {
    throw new ImportError('The agency directory is empty', [
      {
        at: 'localityId',
        message: `no agency in the directory belongs to "${plan.localityId}"; import the directory (POST /api/directory) first`,
      },
    ]);
  }
  const { standing, duties } = resolvePlan(plan, {
    directory,
    localitiesUnder: scope.under,
    // "Hàng năm" over 2021–2025 in a plan issued in 2022 owes nothing for 2021.
    notBefore: Date.parse(`${plan.issuedOn}T00:00:00+07:00`),
    where,
  });
  const summary = {
    duties: duties.length,
    instances: duties.reduce((n, d) => n + d.instances.length, 0),
    agencies: new Set(duties.flatMap((d) => [d.lead.id, ...d.coordinating.map((a) => a.id)])).size,
    projects: plan.projects.length,
  };
  const result = (outcome: ImportResult['outcome']): ImportResult => ({
    planId: plan.id,
    dryRun,
    outcome,
    standing,
    duties,
    summary,
  });
  if (dryRun) return result('dry-run');

  // The resolved duties are hashed too: a commune added to the directory changes what
  // "UBND các xã" means, so the same plan file then updates the plan.
  const hash = hashOf({ definition, table, standing, duties });
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('plans')
      .select('content_hash')
      .where('id', '=', plan.id)
      .executeTakeFirst();
    if (existing?.content_hash === hash) return result('unchanged');
    const row = {
      id: plan.id,
      number: plan.number,
      title: plan.title,
      period_from: plan.period.from,
      period_to: plan.period.to,
      definition_json: JSON.stringify(definition),
      table_json: table ? JSON.stringify(table) : null,
      standing_agency_id: standing.id,
      content_hash: hash,
      imported_at: new Date().toISOString(),
    };
    await trx
      .insertInto('plans')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    await trx.deleteFrom('plan_duties').where('plan_id', '=', plan.id).execute();
    for (const d of duties) {
      await trx
        .insertInto('plan_duties')
        .values({ plan_id: plan.id, ref: d.ref, duty_json: JSON.stringify(d) })
        .execute();
    }
    return result(existing ? 'updated' : 'created');
  });
}

async function storedPlan(db: Db, planId: string) {
  const row = await db
    .selectFrom('plans')
    .select(['definition_json', 'table_json'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    definition: JSON.parse(row.definition_json) as PlanDefinition,
    table: row.table_json === null ? undefined : (JSON.parse(row.table_json) as PlanTable),
  };
}

/** A plan file: checked against the directory, shown (dry run) or written. */
export async function importPlan(
  db: Db,
  plan: PlanDefinition,
  dryRun: boolean,
): Promise<ImportResult> {
  const stored = await storedPlan(db, plan.id);
  return importResolved(db, plan, stored?.table, dryRun);
}

/** The assignment table of an imported plan: its rows become the plan's project duties. */
export async function importTable(
  db: Db,
  planId: string,
  file: { name: string; bytes: Uint8Array },
  dryRun: boolean,
): Promise<ImportResult> {
  const stored = await storedPlan(db, planId);
  if (!stored) {
    throw new ImportError('Unknown plan', [
      { at: 'planId', message: `no plan "${planId}"; import the plan definition first` },
    ]);
  }
  const rows = await readTableRows(file.bytes, detectTableFormat(file.name, file.bytes));
  return importResolved(db, stored.definition, tableToDuties(rows), dryRun);
}

export async function importDirectory(
  db: Db,
  directory: Directory,
): Promise<{ localities: number; agencies: number }> {
  const localityIds = new Set(directory.localities.map((l) => l.id));
  const issues = [
    ...directory.localities
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => l.parentId && !localityIds.has(l.parentId))
      .map(({ l, i }) => ({
        at: `localities.${i}.parentId`,
        message: `no locality "${l.parentId}"`,
      })),
    ...directory.agencies
      .map((a, i) => ({ a, i }))
      .filter(({ a }) => !localityIds.has(a.localityId))
      .map(({ a, i }) => ({
        at: `agencies.${i}.localityId`,
        message: `no locality "${a.localityId}"`,
      })),
  ];
  const ids = directory.agencies.map((a) => a.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      issues.push({ at: `agencies.${i}.id`, message: `agency id "${id}" appears twice` });
  });
  if (issues.length > 0) throw new ImportError('The directory has errors', issues);
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
  return { localities: directory.localities.length, agencies: directory.agencies.length };
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
