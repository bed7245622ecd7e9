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
import { parseDuePhrase } from '../domain/due-phrase.ts';
import type { Place } from '../i18n/index.ts';
import { ImportError, issue, type ImportIssue } from './errors.ts';
import {
  dutyPaths,
  resolvePlan,
  type AgencyRef,
  type DutyField,
  type ResolvedDuty,
} from './resolve.ts';
import { detectTableFormat, readTableRows, tableToDuties } from './table.ts';

export interface ImportResult {
  planId: string;
  dryRun: boolean;
  /** `unchanged`: this exact plan was imported before; nothing was written. */
  outcome: 'created' | 'updated' | 'unchanged' | 'dry-run';
  standing: AgencyRef;
  duties: ResolvedDuty[];
  summary: { duties: number; instances: number; agencies: number; projects: number };
  /** What did not refuse the file but the coordinator should see (e.g. undated duties). */
  warnings: ImportIssue[];
}

export interface ImportOptions {
  /**
   * A time phrase the grammar cannot read does not refuse the table: the duty is imported
   * undated ("chưa có thời hạn"), listed among the warnings, and dated later.
   */
  allowUndated?: boolean;
}

async function loadDirectory(db: Db): Promise<DirectoryAgency[]> {
  // A retired agency is kept for the history that names it, never matched anew.
  const rows = await db
    .selectFrom('agencies')
    .select('entry_json')
    .where('retired_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => JSON.parse(r.entry_json) as DirectoryAgency);
}

interface Localities {
  rows: { id: string; name: string; level: string; parentId: string | null }[];
  /** The plan's locality, everything under it, and the localities above it. */
  visible: Set<string>;
}

async function localitiesOf(db: Db, root: string): Promise<Localities> {
  const rows = (
    await db.selectFrom('localities').select(['id', 'name', 'level', 'parent_id']).execute()
  ).map((r) => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id }));
  const parent = new Map(rows.map((r) => [r.id, r.parentId]));
  const visible = new Set([root]);
  // Levels are data: walk down however many there are.
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) {
      if (r.parentId && visible.has(r.parentId) && !visible.has(r.id)) {
        visible.add(r.id);
        grew = true;
      }
    }
  }
  for (let p = parent.get(root); p && !visible.has(p); p = parent.get(p)) visible.add(p);
  return { rows, visible };
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

// The table's columns as it heads them, so a place reads the same in either language.
const COLUMN: Record<DutyField, string> = {
  lead: 'Cơ quan chủ trì',
  coordinating: 'Cơ quan phối hợp',
  time: 'Thời gian',
  product: 'Sản phẩm',
  content: 'Nội dung công việc',
};

function locate(plan: PlanDefinition, table: PlanTable | undefined) {
  const fallback = dutyPaths(plan.duties);
  return (ref: string, field: DutyField): Place => {
    const row = table?.rowOf[ref];
    return row !== undefined ? { row, column: COLUMN[field] } : fallback(ref, field);
  };
}

async function importResolved(
  db: Db,
  definition: PlanDefinition,
  table: PlanTable | undefined,
  dryRun: boolean,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const plan = effectivePlan(definition, table);
  const where = locate(definition, table);
  const localities = await localitiesOf(db, plan.localityId);
  // Agency names repeat from district to district ("Phòng Lao động - …"): a plan names the
  // agencies of its own locality, those under it and those above it, never a neighbour's.
  const directory = (await loadDirectory(db)).filter((a) => localities.visible.has(a.localityId));
  if (directory.length === 0) {
    throw new ImportError(
      'The agency directory is empty',
      [issue('resolve.directory.empty', { locality: plan.localityId }, { path: 'localityId' })],
      'resolve.directory.empty-summary',
    );
  }
  const { standing, duties, warnings } = resolvePlan(plan, {
    directory,
    localities: localities.rows,
    // "Hàng năm" over 2021–2025 in a plan issued in 2022 owes nothing for 2021.
    notBefore: Date.parse(`${plan.issuedOn}T00:00:00+07:00`),
    where,
    allowUndated: options.allowUndated === true,
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
    warnings,
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

const unknownPlan = (planId: string): ImportError =>
  new ImportError(
    'Unknown plan',
    [issue('resolve.plan.unknown', { planId }, { field: 'planId' })],
    'resolve.plan.unknown-summary',
  );

/** A plan file: checked against the directory, shown (dry run) or written. */
export async function importPlan(
  db: Db,
  plan: PlanDefinition,
  dryRun: boolean,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const stored = await storedPlan(db, plan.id);
  return importResolved(db, plan, stored?.table, dryRun, options);
}

/** The assignment table of an imported plan: its rows become the plan's project duties. */
export async function importTable(
  db: Db,
  planId: string,
  file: { name: string; bytes: Uint8Array },
  dryRun: boolean,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const stored = await storedPlan(db, planId);
  if (!stored) throw unknownPlan(planId);
  const rows = await readTableRows(file.bytes, detectTableFormat(file.name, file.bytes));
  return importResolved(db, stored.definition, tableToDuties(rows), dryRun, options);
}

/** Why a duty's time could not be set: the plan or the duty does not exist. */
export class PlanDutyNotFound extends Error {
  readonly issue: ImportIssue;
  constructor(issue: ImportIssue) {
    super(issue.message);
    this.name = 'PlanDutyNotFound';
    this.issue = issue;
  }
}

/**
 * Sets the time phrase of an imported duty, typically one imported undated, and re-resolves
 * the plan with it. `ref` is the STT of the row or plan-file duty, or the stored ref of one
 * member of a group ("VII.1/a-luoi.ubnd-xa-hong-kim"): the members of a group share their
 * row's time, so the row's time is set. An unreadable phrase, or one that gives no deadline in
 * the plan's period, is refused (ImportError); the plan's other undated duties stay undated.
 */
export async function setPlanDutyTime(
  db: Db,
  planId: string,
  ref: string,
  phrase: string,
): Promise<ImportResult> {
  const stored = await storedPlan(db, planId);
  if (!stored) {
    throw new PlanDutyNotFound(issue('resolve.plan.unknown', { planId }, { field: 'planId' }));
  }
  const written = (r: string): boolean =>
    stored.table?.duties.some((d) => d.ref === r) === true ||
    stored.definition.duties.some((d) => d.ref === r);
  // The row's own STT, or a member's stored ref "<STT>/<agency id>" when that member exists.
  let source: string | undefined = written(ref) ? ref : undefined;
  const slash = ref.indexOf('/');
  if (!source && slash > 0 && written(ref.slice(0, slash))) {
    const member = await db
      .selectFrom('plan_duties')
      .select('ref')
      .where('plan_id', '=', planId)
      .where('ref', '=', ref)
      .executeTakeFirst();
    if (member) source = ref.slice(0, slash);
  }
  if (source === undefined) {
    throw new PlanDutyNotFound(issue('resolve.duty.unknown', { planId, ref }, { field: 'ref' }));
  }
  const time = phrase.replace(/\s+/g, ' ').trim();
  // Read alone first, so an unreadable phrase is refused as such, with its own reason.
  const parsed = parseDuePhrase(time, { year: Number(stored.definition.issuedOn.slice(0, 4)) });
  if (!parsed.ok) {
    throw new ImportError(
      'The time cannot be set',
      [issue(parsed.code, parsed.params as never, { field: 'time' })],
      'resolve.time.refused',
    );
  }
  const retime = (d: PlanDuty): PlanDuty => (d.ref === source ? { ...d, time } : d);
  const inTable = stored.table?.duties.some((d) => d.ref === source) === true;
  const definition = inTable
    ? stored.definition
    : { ...stored.definition, duties: stored.definition.duties.map(retime) };
  const table =
    stored.table && inTable
      ? { ...stored.table, duties: stored.table.duties.map(retime) }
      : stored.table;
  // The other duties imported undated stay so; this one is read with its new phrase.
  return importResolved(db, definition, table, false, { allowUndated: true });
}

export async function importDirectory(
  db: Db,
  directory: Directory,
): Promise<{ localities: number; agencies: number }> {
  const localityIds = new Set(directory.localities.map((l) => l.id));
  const issues: ImportIssue[] = [];
  directory.localities.forEach((l, i) => {
    if (l.parentId && !localityIds.has(l.parentId)) {
      issues.push(
        issue(
          'resolve.directory.unknown-locality',
          { locality: l.parentId },
          { path: `localities.${i}.parentId` },
        ),
      );
    }
  });
  directory.agencies.forEach((a, i) => {
    if (!localityIds.has(a.localityId)) {
      issues.push(
        issue(
          'resolve.directory.unknown-locality',
          { locality: a.localityId },
          { path: `agencies.${i}.localityId` },
        ),
      );
    }
  });
  const seen = new Set<string>();
  directory.agencies.forEach((a, i) => {
    if (seen.has(a.id)) {
      issues.push(
        issue('resolve.directory.duplicate-agency', { id: a.id }, { path: `agencies.${i}.id` }),
      );
    }
    seen.add(a.id);
  });
  if (issues.length > 0) {
    throw new ImportError('The directory has errors', issues, 'resolve.directory.refused');
  }
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
