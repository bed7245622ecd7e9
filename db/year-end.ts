// What a year's end reads from the read model: the agencies one may ask for an ad hoc report,
// the duties each request started, the reports still outstanding, and the names the pages
// show. Lists are returned unsorted: names sort in Vietnamese order (domain/vi-order.ts)
// where they are shown, since SQL compares code points.
import type { DutyState } from '../common/duty-state.ts';
import type { Db } from './index.ts';

/** Statuses in which a report is still owed. */
const OWED = ['assigned', 'acknowledged', 'returned', 'overdue'];

/** Ad hoc duties are "dot-xuat-<n>.<agency id>" (cycle-rules.ts applyAdHoc). */
const AD_HOC_PREFIX = 'dot-xuat-';

export interface PickableAgency {
  id: string;
  name: string;
  level: string;
  localityName: string;
}

/** The directory's agencies still in service, with the name of their locality. */
export async function pickableAgencies(db: Db): Promise<PickableAgency[]> {
  const rows = await db
    .selectFrom('agencies')
    .leftJoin('localities', 'localities.id', 'agencies.locality_id')
    .select([
      'agencies.id as id',
      'agencies.name as name',
      'agencies.level as level',
      'localities.name as locality_name',
      'agencies.locality_id as locality_id',
    ])
    .where('agencies.retired_at', 'is', null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    level: r.level,
    localityName: r.locality_name ?? r.locality_id,
  }));
}

/** Which of `ids` the directory holds (retired agencies included: they still exist). */
export async function knownAgencyIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('agencies').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export interface AdHocDuty {
  /** The request's ref, "dot-xuat-<n>". */
  ref: string;
  state: DutyState;
}

/** The duties ad hoc requests of a plan's year started; of one request when `ref` is given. */
export async function adHocDuties(
  db: Db,
  planId: string,
  year: number,
  ref?: string,
): Promise<AdHocDuty[]> {
  const rows = await db
    .selectFrom('duties')
    .select(['duty_id', 'state_json'])
    .where('plan_id', '=', planId)
    .where('period', '=', String(year))
    // The ref ends at the first dot: "dot-xuat-1." never matches "dot-xuat-10.…".
    .where('duty_id', 'like', ref === undefined ? `${AD_HOC_PREFIX}%` : `${ref}.%`)
    .execute();
  return rows
    .filter((r) => r.duty_id.startsWith(AD_HOC_PREFIX))
    .map((r) => ({
      ref: r.duty_id.slice(0, r.duty_id.indexOf('.')),
      state: JSON.parse(r.state_json) as DutyState,
    }));
}

export interface OutstandingReport {
  dutyId: string;
  agencyId: string;
  agencyName: string;
  status: string;
  dueAt: string;
}

/** The year's report duties whose product is still owed (not submitted, or returned). */
export async function outstandingReports(
  db: Db,
  planId: string,
  year: number,
): Promise<OutstandingReport[]> {
  const rows = await db
    .selectFrom('duties')
    .leftJoin('agencies', 'agencies.id', 'duties.lead_agency_id')
    .select([
      'duties.id as id',
      'duties.lead_agency_id as agency_id',
      'agencies.name as agency_name',
      'duties.status as status',
      'duties.due_at as due_at',
    ])
    .where('duties.plan_id', '=', planId)
    .where((eb) =>
      eb.or([eb('duties.period', '=', String(year)), eb('duties.period', 'like', `${year}-%`)]),
    )
    .where('duties.phase', '=', 'reports')
    .where('duties.status', 'in', OWED)
    .execute();
  return rows.map((r) => ({
    dutyId: r.id,
    agencyId: r.agency_id,
    agencyName: r.agency_name ?? r.agency_id,
    status: r.status,
    dueAt: r.due_at,
  }));
}

// The same reads as a duty's page: one query each, under the names this module's callers use.
export { planHeading, recordedDuty as dutyState, type PlanHeading } from './duty-pages.ts';

/** Every locality's name by id, retired ones included (results name them as they were). */
export async function localityNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('localities').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
