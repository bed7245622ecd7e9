// Importing a plan's per-locality targets table for a year: read, matched to the directory,
// checked (dry run) and written in one transaction that replaces that plan-year's targets;
// the same table twice changes nothing. Also what the year's reports say beside the targets.
import { createHash } from 'node:crypto';
import type { DutyState } from '../common/duty-state.ts';
import type { PlanDefinition } from '../common/plan-schema.ts';
import type { Db } from '../db/index.ts';
import { ImportError, issue, type ImportIssue } from './errors.ts';
import {
  classifyHeader,
  readTargetRows,
  sumRows,
  TARGET_COLUMNS,
  localityMatcher,
  type LocalityCandidate,
  type TargetColumn,
  type TargetRow,
  type TargetTotal,
  type TargetValues,
} from './targets.ts';
import { readTargetsRows } from './targets-read.ts';

export interface TargetsImportResult {
  planId: string;
  year: number;
  dryRun: boolean;
  /** `unchanged`: this year's targets already hold exactly this table; nothing was written. */
  outcome: 'created' | 'updated' | 'unchanged' | 'dry-run';
  fileName: string;
  columns: { key: TargetColumn; header: string }[];
  rows: TargetRow[];
  total: TargetTotal | null;
  /** The rows' counts summed, and the rates those sums give. */
  sums: TargetValues;
  warnings: ImportIssue[];
}

export interface StoredTargets {
  planId: string;
  year: number;
  fileName: string;
  importedAt: string;
  columns: { key: TargetColumn; header: string }[];
  rows: TargetRow[];
  total: TargetTotal | null;
  sums: TargetValues;
  warnings: ImportIssue[];
}

const DB_COLUMN = {
  households: 'households',
  poor: 'poor',
  poorRate: 'poor_rate',
  nearPoor: 'near_poor',
  nearPoorRate: 'near_poor_rate',
  reductionTarget: 'reduction_target',
  liftOut: 'lift_out',
} as const satisfies Record<TargetColumn, string>;

const refused = (issues: ImportIssue[]): ImportError =>
  new ImportError('The targets table has errors', issues, 'targets.has-errors');

interface PlanScope {
  id: string;
  localityId: string;
  from: number;
  to: number;
}

export async function planScope(db: Db, planId: string): Promise<PlanScope | undefined> {
  const row = await db
    .selectFrom('plans')
    .select(['id', 'definition_json', 'period_from', 'period_to'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!row) return undefined;
  const definition = JSON.parse(row.definition_json) as PlanDefinition;
  return {
    id: row.id,
    localityId: definition.localityId,
    from: row.period_from,
    to: row.period_to,
  };
}

/** The year as a form or query gives it, checked against the plan's period. */
export function checkYear(raw: unknown, plan: PlanScope): number {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < plan.from || year > plan.to) {
    throw refused([
      issue(
        'targets.year.invalid',
        { year: text, from: plan.from, to: plan.to },
        { field: 'year' },
      ),
    ]);
  }
  return year;
}

/**
 * The localities a plan's table lists: those directly under the plan's (the communes of a
 * district plan, the districts of a province plan), also known by their People's
 * Committees' names in the directory ("UBND xã A Ngo").
 */
async function candidatesOf(db: Db, localityId: string): Promise<LocalityCandidate[]> {
  const localities = await db
    .selectFrom('localities')
    .select(['id', 'name'])
    .where('parent_id', '=', localityId)
    .orderBy('id')
    .execute();
  const ids = localities.map((l) => l.id);
  const agencies =
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
    aliases: agencies
      .filter((a) => a.locality_id === l.id)
      .flatMap((a) => {
        const entry = JSON.parse(a.entry_json) as { name: string; shortNames?: string[] };
        return [entry.name, ...(entry.shortNames ?? [])];
      }),
  }));
}

const hashOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

export async function importTargets(
  db: Db,
  plan: PlanScope,
  year: number,
  file: { name: string; bytes: Uint8Array },
  dryRun: boolean,
): Promise<TargetsImportResult> {
  const cells = await readTargetsRows(file.name, file.bytes);
  const match = localityMatcher(await candidatesOf(db, plan.localityId));
  const { table, errors } = readTargetRows(cells, match);
  if (errors.length > 0) throw refused(errors);
  const result = (outcome: TargetsImportResult['outcome']): TargetsImportResult => ({
    planId: plan.id,
    year,
    dryRun,
    outcome,
    fileName: file.name,
    columns: table.columns,
    rows: table.rows,
    total: table.total ?? null,
    sums: table.sums,
    warnings: table.warnings,
  });
  if (dryRun) return result('dry-run');

  // What the table says, not the bytes or the file's name: the same table saved again, or
  // as CSV instead of XLSX, changes nothing.
  const hash = hashOf({
    rows: table.rows.map((r) => [r.localityId, r.name, r.row, r.values]),
    total: table.total ?? null,
    columns: table.columns,
  });
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('plan_target_sets')
      .select('content_hash')
      .where('plan_id', '=', plan.id)
      .where('year', '=', year)
      .executeTakeFirst();
    if (existing?.content_hash === hash) return result('unchanged');
    await trx
      .deleteFrom('plan_targets')
      .where('plan_id', '=', plan.id)
      .where('year', '=', year)
      .execute();
    for (const r of table.rows) {
      const values = Object.fromEntries(
        TARGET_COLUMNS.map((k) => [DB_COLUMN[k], r.values[k] ?? null]),
      ) as Record<(typeof DB_COLUMN)[TargetColumn], number | null>;
      await trx
        .insertInto('plan_targets')
        .values({
          plan_id: plan.id,
          year,
          locality_id: r.localityId,
          row_no: r.row,
          name: r.name,
          ...values,
        })
        .execute();
    }
    const set = {
      plan_id: plan.id,
      year,
      file_name: file.name,
      content_hash: hash,
      columns_json: JSON.stringify(table.columns),
      total_json: table.total ? JSON.stringify(table.total) : null,
      warnings_json: JSON.stringify(table.warnings),
      imported_at: new Date().toISOString(),
    };
    await trx
      .insertInto('plan_target_sets')
      .values(set)
      .onConflict((oc) => oc.columns(['plan_id', 'year']).doUpdateSet(set))
      .execute();
    return result(existing ? 'updated' : 'created');
  });
}

/** The targets stored for a plan and year, in the table's order; undefined when none. */
export async function storedTargets(
  db: Db,
  planId: string,
  year: number,
): Promise<StoredTargets | undefined> {
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
  const targetRows: TargetRow[] = rows.map((r) => {
    const values: TargetValues = {};
    for (const k of TARGET_COLUMNS) {
      const v = r[DB_COLUMN[k]];
      if (v !== null && v !== undefined) values[k] = Number(v);
    }
    return {
      row: r.row_no,
      name: r.name,
      localityId: r.locality_id,
      localityName: r.locality_name ?? r.locality_id,
      values,
    };
  });
  return {
    planId,
    year,
    fileName: set.file_name,
    importedAt: set.imported_at,
    columns: JSON.parse(set.columns_json) as StoredTargets['columns'],
    rows: targetRows,
    total: set.total_json === null ? null : (JSON.parse(set.total_json) as TargetTotal),
    sums: sumRows(targetRows),
    warnings: JSON.parse(set.warnings_json) as ImportIssue[],
  };
}

/** The targets a year's reports are measured against: the ones set for the year. */
const MEASURED: readonly TargetColumn[] = ['liftOut', 'reductionTarget'];

export interface LocalityResult {
  localityId: string;
  localityName: string;
  /** Everything the targets table states for the locality (the baseline and the targets). */
  target: TargetValues;
  /** What the locality's latest report of the year gives, by the same columns. */
  reported: TargetValues;
  /**
   * For each target the year is measured by (households to lift out of poverty, the
   * reduction of the poverty rate): target minus reported, so what is still to do; zero or
   * less when the target is met. Absent until the locality reports that figure.
   */
  gap: TargetValues;
  met: Partial<Record<TargetColumn, boolean>>;
}

/**
 * Per locality with targets for the year: the target beside what its agencies reported. A
 * report's indicators are read by their names the way table headers are ("Số hộ thoát
 * nghèo", "Tỷ lệ giảm hộ nghèo (%)"); the latest submission of the year that gives a figure
 * counts, so the yearly report supersedes the six-month one.
 */
export async function localityResults(
  db: Db,
  planId: string,
  year: number,
): Promise<LocalityResult[]> {
  const targets = await storedTargets(db, planId, year);
  if (!targets) return [];
  const localityOf = new Map(
    (await db.selectFrom('agencies').select(['id', 'locality_id']).execute()).map((a) => [
      a.id,
      a.locality_id,
    ]),
  );
  const duties = (
    await db
      .selectFrom('duties')
      .select('state_json')
      .where('plan_id', '=', planId)
      .where((eb) => eb.or([eb('period', '=', String(year)), eb('period', 'like', `${year}-%`)]))
      .execute()
  ).map((r) => JSON.parse(r.state_json) as DutyState);
  const latest = new Map<string, Map<TargetColumn, { at: string; value: number }>>();
  for (const d of duties) {
    const locality = localityOf.get(d.lead.id);
    if (!locality) continue;
    const figures = latest.get(locality) ?? new Map<TargetColumn, { at: string; value: number }>();
    latest.set(locality, figures);
    for (const s of d.submissions) {
      for (const [name, value] of Object.entries(s.indicators)) {
        const key = classifyHeader(name);
        if (key === undefined || key === 'locality' || key === 'index') continue;
        const seen = figures.get(key);
        if (!seen || seen.at < s.at) figures.set(key, { at: s.at, value });
      }
    }
  }
  return targets.rows.map((r) => {
    const reported: TargetValues = {};
    for (const [k, v] of latest.get(r.localityId) ?? []) reported[k] = v.value;
    const gap: TargetValues = {};
    const met: LocalityResult['met'] = {};
    for (const k of MEASURED) {
      const t = r.values[k];
      const got = reported[k];
      if (t === undefined || got === undefined) continue;
      gap[k] = Math.round((t - got) * 100) / 100;
      met[k] = got >= t;
    }
    return {
      localityId: r.localityId,
      localityName: r.localityName,
      target: r.values,
      reported,
      gap,
      met,
    };
  });
}
