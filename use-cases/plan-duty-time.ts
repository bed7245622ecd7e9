// The date of a duty imported "chưa có thời hạn" (or any duty's time) set later, as the plan
// writes it: read by the same grammar as the import, refused with the same coded reasons, and
// the plan re-resolved with it. The plan's page and the JSON API call here.
import type { PlanDuty } from '../common/plan-schema.ts';
import type { Db } from '../db/index.ts';
import { planDutyExists } from '../db/plans.ts';
import type { Principal } from '../api/principal.ts';
import { parseDuePhrase } from '../domain/due-phrase.ts';
import { ImportError, issue, type ImportIssue } from '../plans/errors.ts';
import { importResolved, storedPlan, type ImportResult } from './import-plan.ts';
import { Refusal } from './refusal.ts';

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
    if (await planDutyExists(db, planId, ref)) source = ref.slice(0, slash);
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

/**
 * A coordinator sets a duty's time. No such plan or duty is refused `not_found` with the
 * importer's own coded reason; an unreadable phrase throws ImportError with its issues.
 */
export async function setDutyTime(
  deps: { db: Db },
  actor: Principal,
  input: { planId: string; ref: string; time: string },
): Promise<ImportResult> {
  if (!actor.coordinator) {
    throw Refusal.of('forbidden', 'forbidden', 'plan-pages.coordinators-only', {});
  }
  try {
    return await setPlanDutyTime(deps.db, input.planId, input.ref, input.time);
  } catch (err) {
    if (!(err instanceof PlanDutyNotFound) || !err.issue.code) throw err;
    throw Refusal.of('not_found', 'not_found', err.issue.code, err.issue.params as never);
  }
}
