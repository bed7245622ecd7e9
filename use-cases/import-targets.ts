// Importing a plan's per-locality targets table for a year: read, matched to the directory,
// checked (dry run) and written in one transaction that replaces that plan-year's targets;
// the same table twice changes nothing. The pages stage the checked file for a "confirm"; the
// JSON API imports it at once (or dry-runs it). Both, and the plan's targets page, call here.
import { createHash } from 'node:crypto';
import type { PlanDefinition } from '../common/plan-schema.ts';
import type { Db } from '../db/index.ts';
import { dropStagedTargets, stagedTargets, stageTargets } from '../db/staged-imports.ts';
import {
  childLocalities,
  targetSet,
  targetsPlanRow,
  writeTargets,
  type TargetFigures,
} from '../db/targets.ts';
import type { Principal } from '../api/principal.ts';
import { canSeePlan } from '../api/principal.ts';
import { ImportError, issue, type ImportIssue } from '../plans/errors.ts';
import {
  localityMatcher,
  readTargetRows,
  sumRows,
  TARGET_COLUMNS,
  type TargetColumn,
  type TargetRow,
  type TargetTotal,
  type TargetValues,
} from '../plans/targets.ts';
import { readTargetsRows } from '../plans/targets-read.ts';
import { Refusal } from './refusal.ts';

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
} as const satisfies Record<TargetColumn, keyof TargetFigures>;

const refused = (issues: ImportIssue[]): ImportError =>
  new ImportError('The targets table has errors', issues, 'targets.has-errors');

export interface PlanScope {
  id: string;
  number: string;
  title: string;
  localityId: string;
  from: number;
  to: number;
}

export async function planScope(db: Db, planId: string): Promise<PlanScope | undefined> {
  const row = await targetsPlanRow(db, planId);
  if (!row) return undefined;
  const definition = JSON.parse(row.definition_json) as PlanDefinition;
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    localityId: definition.localityId,
    from: row.period_from,
    to: row.period_to,
  };
}

/** The year as a form or query gives it, checked against the plan's period. */
export function checkYear(raw: unknown, plan: { from: number; to: number }): number {
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

const hashOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

/** A targets table checked against the plan's localities, shown (dry run) or written. */
export async function importTargets(
  db: Db,
  plan: { id: string; localityId: string },
  year: number,
  file: { name: string; bytes: Uint8Array },
  dryRun: boolean,
): Promise<TargetsImportResult> {
  const cells = await readTargetsRows(file.name, file.bytes);
  // The localities a plan's table lists: those directly under the plan's (the communes of a
  // district plan, the districts of a province plan), also known by their People's
  // Committees' names in the directory ("UBND xã A Ngo").
  const candidates = (await childLocalities(db, plan.localityId)).map((l) => ({
    id: l.id,
    name: l.name,
    aliases: l.committees.flatMap((c) => [c.name, ...(c.shortNames ?? [])]),
  }));
  const { table, errors } = readTargetRows(cells, localityMatcher(candidates));
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
  const outcome = await writeTargets(
    db,
    {
      planId: plan.id,
      year,
      fileName: file.name,
      contentHash: hash,
      columnsJson: JSON.stringify(table.columns),
      totalJson: table.total ? JSON.stringify(table.total) : null,
      warningsJson: JSON.stringify(table.warnings),
    },
    table.rows.map((r) => ({
      localityId: r.localityId,
      row: r.row,
      name: r.name,
      figures: Object.fromEntries(
        TARGET_COLUMNS.map((k) => [DB_COLUMN[k], r.values[k] ?? null]),
      ) as unknown as TargetFigures,
    })),
  );
  return result(outcome);
}

/** The targets stored for a plan and year, in the table's order; undefined when none. */
export async function storedTargets(
  db: Db,
  planId: string,
  year: number,
): Promise<StoredTargets | undefined> {
  const found = await targetSet(db, planId, year);
  if (!found) return undefined;
  const { set, rows } = found;
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

// The pages' use cases: who may see, stage and confirm, and what each answers.

const noPlan = (planId: string) =>
  Refusal.of('not_found', 'not_found', 'cycle-start.no-plan', { planId });

/** The plan's targets page: the chosen year's table (the current year's by default). */
export async function readTargets(
  deps: { db: Db },
  actor: Principal,
  input: { planId: string; year?: unknown; nowMs?: number },
): Promise<{ plan: PlanScope; year: number; years: number[]; stored: StoredTargets | undefined }> {
  const plan = await planScope(deps.db, input.planId);
  if (!plan) throw noPlan(input.planId);
  if (!canSeePlan(actor, plan.id)) {
    throw Refusal.of('forbidden', 'forbidden', 'plan-pages.not-your-plan', {});
  }
  const wanted = Number(input.year);
  const now = new Date(input.nowMs ?? Date.now()).getFullYear();
  const year =
    Number.isInteger(wanted) && wanted >= plan.from && wanted <= plan.to
      ? wanted
      : Math.min(Math.max(now, plan.from), plan.to);
  const years = Array.from({ length: plan.to - plan.from + 1 }, (_, i) => plan.from + i);
  return { plan, year, years, stored: await storedTargets(deps.db, plan.id, year) };
}

const coordinatorOnly = (actor: Principal): void => {
  if (!actor.coordinator) {
    throw Refusal.of('forbidden', 'forbidden', 'plan-pages.coordinators-only', {});
  }
};

/** The coordinator's upload: checked (a refused table throws ImportError), kept for "confirm". */
export async function stageTargetsImport(
  deps: { db: Db },
  actor: Principal,
  input: { planId: string; year: unknown; fileName: string; bytes: Buffer },
): Promise<{ plan: PlanScope; stagedId: string; result: TargetsImportResult }> {
  coordinatorOnly(actor);
  const plan = await planScope(deps.db, input.planId);
  if (!plan) throw noPlan(input.planId);
  const year = checkYear(input.year, plan);
  const file = { name: input.fileName, bytes: input.bytes };
  const result = await importTargets(deps.db, plan, year, file, true);
  const stagedId = await stageTargets(deps.db, {
    email: actor.email || 'api',
    planId: plan.id,
    year,
    fileName: input.fileName,
    bytes: input.bytes,
  });
  return { plan, stagedId, result };
}

/** "Confirm": the staged table written; `gone` when it is not this person's or too old. */
export async function confirmTargetsImport(
  deps: { db: Db },
  actor: Principal,
  input: { planId: string; stagedId: string },
): Promise<
  | { gone: true; plan: PlanScope }
  | { gone: false; plan: PlanScope; fileName: string; result: TargetsImportResult }
> {
  coordinatorOnly(actor);
  const plan = await planScope(deps.db, input.planId);
  if (!plan) throw noPlan(input.planId);
  const staged = await stagedTargets(deps.db, input.stagedId, plan.id, actor.email || 'api');
  if (!staged) return { gone: true, plan };
  const file = { name: staged.fileName, bytes: staged.bytes };
  // The directory may have changed since the dry run: a table that no longer fits is refused.
  const result = await importTargets(deps.db, plan, staged.year, file, false);
  await dropStagedTargets(deps.db, staged.id);
  return { gone: false, plan, fileName: staged.fileName, result };
}
