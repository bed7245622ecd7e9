// Importing plans, their assignment tables and the agency directory: check everything, show it
// (dry run), and write it in one transaction, so a refused file leaves nothing behind and the
// same file twice changes nothing. A refused file throws ImportError with every issue found.
// The pages stage a checked file for the coordinator's "confirm"; the JSON API and the CLI
// import at once or dry-run.
import { createHash } from 'node:crypto';
import type { Directory, PlanDefinition, PlanDuty, PlanProject } from '../common/plan-schema.ts';
import type { Db } from '../db/index.ts';
import {
  activeAgencies,
  allLocalities,
  storedPlanSources,
  writeDirectory,
  writePlan,
  type LocalityRow,
} from '../db/plans.ts';
import {
  dropStagedImport,
  stagedImport,
  stageImport,
  type StagedKind,
} from '../db/staged-imports.ts';
import type { Principal } from '../api/principal.ts';
import type { Place } from '../i18n/index.ts';
import { formatOf, readDirectory, readPlanDefinition } from '../plans/definition.ts';
import { ImportError, issue, type ImportIssue } from '../plans/errors.ts';
import {
  dutyPaths,
  resolvePlan,
  type AgencyRef,
  type DutyField,
  type ResolvedDuty,
} from '../plans/resolve.ts';
import { detectTableFormat, readTableRows, tableToDuties } from '../plans/table.ts';
import { Refusal } from './refusal.ts';

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

/** The assignment table's part of a plan: kept apart so re-importing the plan file keeps it. */
export interface PlanTable {
  projects: PlanProject[];
  duties: PlanDuty[];
  rowOf: Record<string, number>;
}

/** The plan's locality, everything under it, and the localities above it. */
function visibleFrom(rows: readonly LocalityRow[], root: string): Set<string> {
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
  return visible;
}

const hashOf = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex');

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

/** A plan file with its table, resolved against the directory: shown (dry run) or written. */
export async function importResolved(
  db: Db,
  definition: PlanDefinition,
  table: PlanTable | undefined,
  dryRun: boolean,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const plan = effectivePlan(definition, table);
  const where = locate(definition, table);
  const localities = await allLocalities(db);
  const visible = visibleFrom(localities, plan.localityId);
  // Agency names repeat from district to district ("Phòng Lao động - …"): a plan names the
  // agencies of its own locality, those under it and those above it, never a neighbour's.
  const directory = (await activeAgencies(db)).filter((a) => visible.has(a.localityId));
  if (directory.length === 0) {
    throw new ImportError(
      'The agency directory is empty',
      [issue('resolve.directory.empty', { locality: plan.localityId }, { path: 'localityId' })],
      'resolve.directory.empty-summary',
    );
  }
  const { standing, duties, warnings } = resolvePlan(plan, {
    directory,
    localities,
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
  const outcome = await writePlan(db, {
    id: plan.id,
    number: plan.number,
    title: plan.title,
    periodFrom: plan.period.from,
    periodTo: plan.period.to,
    definitionJson: JSON.stringify(definition),
    tableJson: table ? JSON.stringify(table) : null,
    standingAgencyId: standing.id,
    contentHash: hashOf({ definition, table, standing, duties }),
    duties,
  });
  return result(outcome);
}

/** The plan file and table a plan was imported from, or undefined for no such plan. */
export async function storedPlan(db: Db, planId: string) {
  const row = await storedPlanSources(db, planId);
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

/** Every problem of a directory file that refuses it (unknown localities, repeated ids). */
function directoryIssues(directory: Directory): ImportIssue[] {
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
  return issues;
}

/** A directory file: checked, then its localities and agencies added or replaced. */
export async function importDirectory(
  db: Db,
  directory: Directory,
): Promise<{ localities: number; agencies: number }> {
  const issues = directoryIssues(directory);
  if (issues.length > 0) {
    throw new ImportError('The directory has errors', issues, 'resolve.directory.refused');
  }
  await writeDirectory(db, directory);
  return { localities: directory.localities.length, agencies: directory.agencies.length };
}

// The pages' import: a file checked (dry run) and staged, then confirmed by whoever staged it.

const coordinatorOnly = (actor: Principal): void => {
  if (!actor.coordinator) {
    throw Refusal.of('forbidden', 'forbidden', 'plan-pages.coordinators-only', {});
  }
};

/** What a checked file would do: the directory it holds, or the plan it would import. */
export type ImportPreview =
  { kind: 'directory'; directory: Directory } | { kind: 'plan' | 'table'; result: ImportResult };

async function check(
  db: Db,
  kind: StagedKind,
  planId: string | undefined,
  file: { name: string; bytes: Buffer },
  options: ImportOptions,
  dryRun: boolean,
): Promise<ImportPreview> {
  if (kind === 'directory') {
    const directory = readDirectory(file.bytes.toString('utf8'), formatOf(file.name));
    if (!dryRun) await importDirectory(db, directory);
    return { kind, directory };
  }
  if (kind === 'plan') {
    const plan = readPlanDefinition(file.bytes.toString('utf8'), formatOf(file.name));
    return { kind, result: await importPlan(db, plan, dryRun, options) };
  }
  if (!planId) {
    throw new ImportError(
      'No plan chosen',
      [issue('definition.choose-plan', {}, { field: 'planId' })],
      'definition.no-plan-chosen',
    );
  }
  return { kind, result: await importTable(db, planId, file, dryRun, options) };
}

/**
 * The coordinator's upload: a plan, directory or table file read and checked against the
 * directory (a refused file throws ImportError), then kept an hour for its confirmation.
 */
export async function stageFileImport(
  deps: { db: Db },
  actor: Principal,
  input: {
    kind: StagedKind;
    planId?: string | undefined;
    fileName: string;
    bytes: Buffer;
    allowUndated: boolean;
  },
): Promise<{ stagedId: string; preview: ImportPreview }> {
  coordinatorOnly(actor);
  const file = { name: input.fileName, bytes: input.bytes };
  const options = { allowUndated: input.allowUndated };
  const preview = await check(deps.db, input.kind, input.planId, file, options, true);
  const stagedId = await stageImport(deps.db, {
    email: actor.email || 'api',
    kind: input.kind,
    planId: input.kind === 'table' ? (input.planId ?? null) : null,
    fileName: input.fileName,
    bytes: input.bytes,
  });
  return { stagedId, preview };
}

/** What "confirm" did: the directory's counts, or the plan's import. */
export type ConfirmedImport =
  | { gone: true }
  | {
      gone: false;
      fileName: string;
      done:
        | { kind: 'directory'; localities: number; agencies: number }
        | { kind: 'plan' | 'table'; result: ImportResult };
    };

/**
 * "Confirm": the staged file imported. `gone` when nothing of this person's is staged under
 * that id (another's, or over an hour old). The directory or the plan may have changed since
 * the dry run: a file that no longer fits throws ImportError and stays staged.
 */
export async function confirmFileImport(
  deps: { db: Db },
  actor: Principal,
  input: { stagedId: string; allowUndated: boolean },
): Promise<ConfirmedImport> {
  coordinatorOnly(actor);
  const staged = await stagedImport(deps.db, input.stagedId, actor.email || 'api');
  if (!staged) return { gone: true };
  const file = { name: staged.fileName, bytes: staged.bytes };
  const options = { allowUndated: input.allowUndated };
  const planId = staged.planId ?? '';
  const done = await check(deps.db, staged.kind, planId, file, options, false);
  await dropStagedImport(deps.db, staged.id);
  return {
    gone: false,
    fileName: staged.fileName,
    done:
      done.kind === 'directory'
        ? {
            kind: 'directory',
            localities: done.directory.localities.length,
            agencies: done.directory.agencies.length,
          }
        : done,
  };
}

/** The JSON API's and the CLI's import: a plan file or a table, imported at once or dry-run. */
export async function importFile(
  deps: { db: Db },
  actor: Principal,
  input:
    | { kind: 'plan'; plan: PlanDefinition }
    | { kind: 'table'; planId: string; file: { name: string; bytes: Uint8Array } },
  options: ImportOptions & { dryRun: boolean },
): Promise<ImportResult> {
  coordinatorOnly(actor);
  return input.kind === 'plan'
    ? importPlan(deps.db, input.plan, options.dryRun, options)
    : importTable(deps.db, input.planId, input.file, options.dryRun, options);
}
