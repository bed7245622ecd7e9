// The labour office's picture, answered from the read model alone: the reporting matrix with
// its rates, and the overdue and due-soon lists. One query each, whatever the number of duties.
import { expressionBuilder, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DutyState } from '../common/duty-state.ts';
import {
  daysLeft,
  daysOverdue,
  dutyTrack,
  inPeriod,
  MARKS,
  originalRates,
  rates,
  REPORT_PHASES,
  reportRefOf,
  reportState,
  reportStateByOriginal,
  type DutyTrack,
  type Mark,
  type OriginalRates,
  type Rates,
  type ReportState,
} from '../domain/tracking.ts';
import type { Db } from './index.ts';
import type { Database } from './schema.ts';

export interface TrackFilter {
  planId?: string | undefined;
  /** `2026` covers every period within 2026; `2026-06` only itself. */
  period?: string | undefined;
  /** With `role`, duties this agency leads or coordinates; alone, either. */
  agencyId?: string | undefined;
  /** Level of the agency involved (the lead's, unless `role` says coordinating). */
  level?: string | undefined;
  role?: 'lead' | 'coordinating' | undefined;
  limit: number;
}

type DutyQuery = SelectQueryBuilder<
  Database & { a: Database['agencies']; l: Database['localities'] },
  'duties' | 'a' | 'l',
  object
>;

function baseQuery(db: Db): DutyQuery {
  return db
    .selectFrom('duties')
    .leftJoin('agencies as a', 'a.id', 'duties.lead_agency_id')
    .leftJoin('localities as l', 'l.id', 'a.locality_id');
}

function filtered(q: DutyQuery, f: Omit<TrackFilter, 'limit'>): DutyQuery {
  let out = q;
  if (f.planId) out = out.where('duties.plan_id', '=', f.planId);
  const { period } = f;
  if (period) {
    out = out.where((eb) =>
      eb.or([eb('duties.period', '=', period), eb('duties.period', 'like', `${period}-%`)]),
    );
  }
  const { agencyId, role, level } = f;
  if (agencyId || role || level) {
    out = out.where((eb) =>
      eb.exists(
        eb
          .selectFrom('duty_agencies as da')
          .leftJoin('agencies as la', 'la.id', 'da.agency_id')
          .select('da.duty_id')
          .whereRef('da.duty_id', '=', 'duties.id')
          .$if(agencyId !== undefined, (sq) => sq.where('da.agency_id', '=', agencyId ?? ''))
          .$if(role !== undefined, (sq) => sq.where('da.role', '=', role ?? 'lead'))
          .$if(level !== undefined, (sq) =>
            sq
              .where('la.level', '=', level ?? '')
              .$if(role === undefined, (s2) => s2.where('da.role', '=', 'lead')),
          ),
      ),
    );
  }
  return out;
}

const COLUMNS = [
  'duties.id as id',
  'duties.plan_id as planId',
  'duties.duty_id as dutyId',
  'duties.report_ref as reportRef',
  'duties.period as period',
  'duties.title as title',
  'duties.phase as phase',
  'duties.lead_agency_id as agencyId',
  'a.name as agencyName',
  'a.level as level',
  'a.locality_id as localityId',
  'l.name as localityName',
  'duties.status as status',
  'duties.due_at as dueAt',
  'duties.original_due_at as originalDueAt',
  'duties.submitted_at as submittedAt',
  'duties.first_submitted_at as firstSubmittedAt',
  'duties.counted_due_at as countedDueAt',
  'duties.first_on_time as firstOnTime',
  'duties.marks as marks',
] as const;

export interface TrackedDuty {
  id: string;
  planId: string;
  dutyId: string;
  period: string;
  title: string;
  agencyId: string;
  agencyName: string;
  level: string;
  localityId: string;
  localityName: string;
  status: string;
  dueAt: string;
  originalDueAt: string;
  /** The deadline in force is an extension of the plan's. */
  extended: boolean;
  /** The latest submission while the product is in (submitted or accepted). */
  submittedAt: string | null;
  /** The deadline the category counts against (domain/tracking.ts fixedFacts). */
  countedDueAt: string;
  /** When the product first came in; a return does not undo it. */
  firstSubmittedAt: string | null;
  firstOnTime: boolean | null;
  /** Extensions, returns and changes of lead, in order, shown beside the category. */
  marks: Mark[];
}

type Row = {
  id: string;
  planId: string;
  dutyId: string;
  reportRef: string | null;
  period: string;
  title: string;
  phase: string | null;
  agencyId: string;
  agencyName: string | null;
  level: string | null;
  localityId: string | null;
  localityName: string | null;
  status: string;
  dueAt: string;
  originalDueAt: string;
  submittedAt: string | null;
  firstSubmittedAt: string | null;
  countedDueAt: string | null;
  firstOnTime: number | null;
  marks: string | null;
};

function marksOf(json: string | null): Mark[] {
  if (json === null) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed)
    ? parsed.filter((m): m is Mark => (MARKS as readonly unknown[]).includes(m))
    : [];
}

function tracked(r: Row): TrackedDuty {
  return {
    id: r.id,
    planId: r.planId,
    dutyId: r.dutyId,
    period: r.period,
    title: r.title,
    agencyId: r.agencyId,
    // An agency removed from the directory since keeps its id, and is still counted.
    agencyName: r.agencyName ?? r.agencyId,
    level: r.level ?? 'unknown',
    localityId: r.localityId ?? 'unknown',
    localityName: r.localityName ?? r.localityId ?? 'unknown',
    status: r.status,
    dueAt: r.dueAt,
    originalDueAt: r.originalDueAt,
    extended: r.dueAt !== r.originalDueAt,
    submittedAt: r.submittedAt,
    // Rows not rewritten since the columns came (a worker of the previous version) count as
    // before: the deadline in force, the product in hand.
    countedDueAt: r.countedDueAt ?? r.dueAt,
    firstSubmittedAt: r.countedDueAt === null ? r.submittedAt : r.firstSubmittedAt,
    firstOnTime:
      r.countedDueAt === null
        ? r.submittedAt === null
          ? null
          : Date.parse(r.submittedAt) <= Date.parse(r.dueAt)
        : r.firstOnTime === null
          ? null
          : r.firstOnTime === 1,
    marks: marksOf(r.marks),
  };
}

/**
 * Nothing in by `asOf`, as the duties stand now: still open, or submitted only after it. One
 * predicate for now and for an earlier instant; the (submitted_at, due_at) index answers both.
 */
function openAt(asOf: number): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'duties'>();
  return eb.and([
    eb('duties.status', '!=', 'cancelled'),
    eb.or([
      eb('duties.submitted_at', 'is', null),
      eb('duties.submitted_at', '>', new Date(asOf).toISOString()),
    ]),
  ]);
}

export interface OverdueDuty extends TrackedDuty {
  daysOverdue: number;
}

/** Open duties past their deadline in force, the longest overdue first. */
export async function overdueDuties(
  db: Db,
  filter: TrackFilter,
  asOf: number,
): Promise<OverdueDuty[]> {
  const rows = (await filtered(baseQuery(db), filter)
    .select(COLUMNS)
    .where(openAt(asOf))
    .where('duties.due_at', '<=', new Date(asOf).toISOString())
    .orderBy('duties.due_at')
    .orderBy('duties.id')
    .limit(filter.limit)
    .execute()) as Row[];
  return rows.map((r) => ({ ...tracked(r), daysOverdue: daysOverdue(r.dueAt, asOf) }));
}

export interface DueSoonDuty extends TrackedDuty {
  daysLeft: number;
}

/** Open duties whose deadline in force falls within the next `days` days, soonest first. */
export async function dueSoonDuties(
  db: Db,
  filter: TrackFilter,
  asOf: number,
  days: number,
): Promise<DueSoonDuty[]> {
  const rows = (await filtered(baseQuery(db), filter)
    .select(COLUMNS)
    .where(openAt(asOf))
    .where('duties.due_at', '>', new Date(asOf).toISOString())
    .where('duties.due_at', '<=', new Date(asOf + days * 86_400_000).toISOString())
    .orderBy('duties.due_at')
    .orderBy('duties.id')
    .limit(filter.limit)
    .execute()) as Row[];
  return rows.map((r) => ({ ...tracked(r), daysLeft: daysLeft(r.dueAt, asOf) }));
}

export interface MatrixCell extends TrackedDuty {
  /** The report (STT) the cell belongs to. */
  ref: string;
  state: ReportState;
  /** The same report counted against the plan's original deadline. */
  stateByOriginal: ReportState;
}

export interface MatrixReport {
  /** The report (STT) and period: one row of the matrix. */
  ref: string;
  period: string;
  title: string;
  cells: MatrixCell[];
  rates: Rates;
  /** On time against the original deadlines, beside `rates` (against the counted ones). */
  original: OriginalRates;
}

export interface AreaRates extends Rates {
  level: string;
  localityId: string;
  localityName: string;
  original: OriginalRates;
}

export interface TrackedOther extends TrackedDuty {
  track: DutyTrack;
}

/** Who closed a period, and when; its figures are those of that instant ever after. */
export interface PeriodLock {
  planId: string;
  period: string;
  lockedAt: string;
  lockedBy: string;
}

export interface Matrix {
  planId: string;
  period: string;
  asOf: string;
  reports: MatrixReport[];
  /** Per level and locality of the agencies that owe the reports. */
  byArea: AreaRates[];
  total: Rates;
  totalOriginal: OriginalRates;
  /** Every other duty of the period, in the four categories government reports use. */
  duties: {
    counts: Record<DutyTrack, number>;
    byArea: (Record<DutyTrack, number> & {
      level: string;
      localityId: string;
      localityName: string;
    })[];
    rows: TrackedOther[];
  };
  /** The lock this answer comes from: the figures as they stood when the period was closed. */
  locked: PeriodLock | null;
  /** Periods within this one that are locked; their figures are their snapshots'. */
  lockedWithin: PeriodLock[];
}

const emptyCounts = (): Record<DutyTrack, number> => ({
  'completed-on-time': 0,
  'completed-late': 0,
  'in-progress': 0,
  overdue: 0,
});

const areaKey = (d: TrackedDuty): string => `${d.level}\u0000${d.localityId}`;

/** The matrix's figures from its cells and rows, in the order given. */
function assemble(
  head: Pick<Matrix, 'planId' | 'period' | 'asOf' | 'locked' | 'lockedWithin'>,
  cells: readonly MatrixCell[],
  others: readonly TrackedOther[],
): Matrix {
  const reports = new Map<string, MatrixReport>();
  const areas = new Map<string, { d: TrackedDuty; cells: MatrixCell[] }>();
  for (const cell of cells) {
    const key = `${cell.ref}\u0000${cell.period}`;
    let report = reports.get(key);
    if (!report) {
      report = {
        ref: cell.ref,
        period: cell.period,
        title: cell.title,
        cells: [],
        rates: rates([]),
        original: originalRates([]),
      };
      reports.set(key, report);
    }
    report.cells.push(cell);
    const area = areas.get(areaKey(cell)) ?? { d: cell, cells: [] };
    area.cells.push(cell);
    areas.set(areaKey(cell), area);
  }
  const both = (cs: readonly MatrixCell[]) => ({
    rates: rates(cs.map((c) => c.state)),
    original: originalRates(cs.map((c) => c.stateByOriginal)),
  });
  for (const report of reports.values()) Object.assign(report, both(report.cells));
  const counts = emptyCounts();
  const otherAreas = new Map<string, { d: TrackedDuty; counts: Record<DutyTrack, number> }>();
  for (const d of others) {
    counts[d.track] += 1;
    const area = otherAreas.get(areaKey(d)) ?? { d, counts: emptyCounts() };
    area.counts[d.track] += 1;
    otherAreas.set(areaKey(d), area);
  }
  const where = (d: TrackedDuty) => ({
    level: d.level,
    localityId: d.localityId,
    localityName: d.localityName,
  });
  const total = both(cells);
  return {
    planId: head.planId,
    period: head.period,
    asOf: head.asOf,
    reports: [...reports.values()],
    byArea: [...areas.values()].map((a) => {
      const r = both(a.cells);
      return { ...where(a.d), ...r.rates, original: r.original };
    }),
    total: total.rates,
    totalOriginal: total.original,
    duties: {
      counts,
      byArea: [...otherAreas.values()].map((a) => ({ ...where(a.d), ...a.counts })),
      rows: [...others],
    },
    locked: head.locked,
    lockedWithin: head.lockedWithin,
  };
}

/** The cells and rows of a matrix, each carrying all its figures need. */
const cellsOf = (m: Matrix): MatrixCell[] => m.reports.flatMap((r) => r.cells);

/** The order the query gives: period, report, level, agency. */
function byPlace(
  a: { period: string; ref: string; level: string; agencyName: string },
  b: typeof a,
): number {
  for (const k of ['period', 'ref', 'level', 'agencyName'] as const) {
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  }
  return 0;
}

const lockOf = (row: {
  plan_id: string;
  period: string;
  locked_at: string;
  locked_by: string;
}): PeriodLock => ({
  planId: row.plan_id,
  period: row.period,
  lockedAt: row.locked_at,
  lockedBy: row.locked_by,
});

/** The locks of a plan, each with its snapshot. */
async function locksOf(db: Db, planId: string) {
  const rows = await db
    .selectFrom('period_locks')
    .selectAll()
    .where('plan_id', '=', planId)
    .execute();
  return rows.map((r) => ({ lock: lockOf(r), matrix: JSON.parse(r.matrix_json) as Matrix }));
}

/** The lock that closes `period` of a plan: its own, or that of a period containing it. */
export async function periodLock(
  db: Db,
  planId: string,
  period: string,
): Promise<PeriodLock | null> {
  const locks = await locksOf(db, planId);
  return locks.find((l) => inPeriod(period, l.lock.period))?.lock ?? null;
}

/**
 * The reporting matrix of a plan for a period as it stands at `asOf` (now, by default): a
 * report is in from its first submission, on time or late as that submission was against the
 * counted deadline. A locked period answers its snapshot, whatever has happened since.
 */
export async function reportingMatrix(
  db: Db,
  q: { planId: string; period: string; asOf: number },
): Promise<Matrix> {
  const locks = await locksOf(db, q.planId);
  const covering = locks.find((l) => inPeriod(q.period, l.lock.period));
  if (covering) {
    // The period or one containing it is closed: its snapshot, narrowed to what was asked.
    const snap = covering.matrix;
    const keep = (d: { period: string }) => inPeriod(d.period, q.period);
    return assemble(
      {
        planId: q.planId,
        period: q.period,
        asOf: snap.asOf,
        locked: covering.lock,
        lockedWithin: [],
      },
      cellsOf(snap).filter(keep),
      snap.duties.rows.filter(keep),
    );
  }
  const live = await liveMatrix(db, q);
  const within = locks.filter((l) => inPeriod(l.lock.period, q.period));
  if (within.length === 0) return live;
  // Closed periods within this one keep their snapshots' figures; the rest is counted now.
  const closed = (d: { period: string }) => within.some((l) => inPeriod(d.period, l.lock.period));
  const snapCells = within.flatMap((l) =>
    cellsOf(l.matrix).filter((c) => inPeriod(c.period, l.lock.period)),
  );
  const snapRows = within.flatMap((l) =>
    l.matrix.duties.rows.filter((d) => inPeriod(d.period, l.lock.period)),
  );
  const cells = [...cellsOf(live).filter((c) => !closed(c)), ...snapCells].sort(byPlace);
  const rows = [...live.duties.rows.filter((d) => !closed(d)), ...snapRows].sort((a, b) =>
    byPlace({ ...a, ref: reportRefOf(a.dutyId) }, { ...b, ref: reportRefOf(b.dutyId) }),
  );
  return assemble({ ...live, lockedWithin: within.map((l) => l.lock) }, cells, rows);
}

/** The matrix counted from the read model as it stands, locks aside. */
async function liveMatrix(
  db: Db,
  q: { planId: string; period: string; asOf: number },
): Promise<Matrix> {
  const rows = (await filtered(baseQuery(db), { planId: q.planId, period: q.period })
    .select(COLUMNS)
    .where('duties.status', '!=', 'cancelled')
    .orderBy('duties.period')
    .orderBy('duties.report_ref')
    .orderBy('a.level')
    .orderBy('a.name')
    .execute()) as Row[];
  const cells: MatrixCell[] = [];
  const others: TrackedOther[] = [];
  for (const r of rows) {
    const d = tracked(r);
    if (REPORT_PHASES.includes(r.phase ?? '')) {
      const state = reportState(d, q.asOf);
      const stateByOriginal = reportStateByOriginal(d, q.asOf);
      if (state === null || stateByOriginal === null) continue;
      cells.push({ ...d, ref: r.reportRef ?? r.dutyId, state, stateByOriginal });
    } else {
      const track = dutyTrack(d, q.asOf);
      if (track !== null) others.push({ ...d, track });
    }
  }
  return assemble(
    {
      planId: q.planId,
      period: q.period,
      asOf: new Date(q.asOf).toISOString(),
      locked: null,
      lockedWithin: [],
    },
    cells,
    others,
  );
}

export type LockOutcome =
  | { locked: true; lock: PeriodLock }
  /** Already closed, by this lock (the period's own, or one containing it). */
  | { locked: false; lock: PeriodLock };

/**
 * Closes a plan's period: its matrix as it stands now is kept and answered from then on.
 * A period already closed (or within a closed one) stays as it was; there is no unlocking.
 */
export async function lockPeriod(
  db: Db,
  q: { planId: string; period: string; by: string; email: string; at: number },
): Promise<LockOutcome> {
  const existing = await periodLock(db, q.planId, q.period);
  if (existing) return { locked: false, lock: existing };
  const matrix = await reportingMatrix(db, { planId: q.planId, period: q.period, asOf: q.at });
  const lock: PeriodLock = {
    planId: q.planId,
    period: q.period,
    lockedAt: new Date(q.at).toISOString(),
    lockedBy: q.by,
  };
  const written = await db
    .insertInto('period_locks')
    .values({
      plan_id: q.planId,
      period: q.period,
      locked_at: lock.lockedAt,
      locked_by: q.by,
      locked_by_email: q.email,
      matrix_json: JSON.stringify({ ...matrix, locked: lock }),
    })
    // Two people pressing at once: the first lock stands.
    .onConflict((oc) => oc.columns(['plan_id', 'period']).doNothing())
    .executeTakeFirst();
  if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) {
    const first = await periodLock(db, q.planId, q.period);
    if (first) return { locked: false, lock: first };
  }
  return { locked: true, lock };
}

export interface AgencyDueDate {
  workflowId: string;
  title: string;
  period: string;
  role: 'lead' | 'coordinating';
  /** The lead's deadline in force, or the coordinating agency's contribution deadline. */
  dueAt: string;
  status: string;
}

/** Every due date an agency has, as lead or as contributor, for its calendar feed. */
export async function agencyDueDates(db: Db, agencyId: string): Promise<AgencyDueDate[]> {
  const rows = await db
    .selectFrom('duties')
    .innerJoin('duty_agencies as da', 'da.duty_id', 'duties.id')
    .select(['duties.id', 'duties.state_json', 'da.role'])
    .where('da.agency_id', '=', agencyId)
    .orderBy('duties.due_at')
    .execute();
  return rows.flatMap((r): AgencyDueDate[] => {
    const s = JSON.parse(r.state_json) as DutyState;
    if (r.role === 'lead') {
      return [
        {
          workflowId: s.workflowId,
          title: s.title,
          period: s.period,
          role: 'lead' as const,
          dueAt: s.dueAt,
          status: s.status,
        },
      ];
    }
    const c = s.contributions.find((x) => x.agencyId === agencyId);
    return c
      ? [
          {
            workflowId: s.workflowId,
            title: s.title,
            period: s.period,
            role: 'coordinating' as const,
            dueAt: c.dueAt,
            status:
              s.status === 'cancelled' ? 'cancelled' : c.contributedAt ? 'contributed' : 'open',
          },
        ]
      : [];
  });
}

/** A plan as the tracking pages name it. */
export interface TrackedPlan {
  id: string;
  number: string;
  title: string;
  periodFrom: number;
  periodTo: number;
}

/** Every plan, by id. */
export async function trackedPlans(db: Db): Promise<TrackedPlan[]> {
  const rows = await db
    .selectFrom('plans')
    .select(['id', 'number', 'title', 'period_from', 'period_to'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    periodFrom: r.period_from,
    periodTo: r.period_to,
  }));
}

/** The agencies still in the directory (a retired one is kept for history, not offered). */
export async function activeAgencies(
  db: Db,
): Promise<{ id: string; name: string; level: string }[]> {
  return db
    .selectFrom('agencies')
    .select(['id', 'name', 'level'])
    .where('retired_at', 'is', null)
    .execute();
}

/** Agency id → name, retired ones included, for lists that hold ids only. */
export { agencyNames as agencyNameMap } from './duty-pages.ts';

/** The periods a plan's duties have. */
export async function planPeriods(db: Db, planId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('duties')
    .select('period')
    .distinct()
    .where('plan_id', '=', planId)
    .execute();
  return rows.map((r) => r.period);
}

/** A duty's state as the read model keeps it, or undefined. */
export { recordedDuty as trackedDutyState } from './duty-pages.ts';

/** Products of these plans waiting for the standing agency to accept or return, oldest first. */
export async function awaitingReview(
  db: Db,
  planIds: readonly string[],
  limit: number,
): Promise<TrackedDuty[]> {
  if (planIds.length === 0) return [];
  const rows = (await baseQuery(db)
    .select(COLUMNS)
    .where('duties.plan_id', 'in', [...planIds])
    .where('duties.status', '=', 'submitted')
    .orderBy('duties.submitted_at')
    .orderBy('duties.id')
    .limit(limit)
    .execute()) as Row[];
  return rows.map(tracked);
}

export interface ExtensionAsked extends TrackedDuty {
  request: { at: string; by: string; newDueAt: string; reason: string };
}

/** Extension requests of these plans waiting for a decision, the soonest deadline first. */
export async function extensionsAsked(
  db: Db,
  planIds: readonly string[],
  limit: number,
): Promise<ExtensionAsked[]> {
  if (planIds.length === 0) return [];
  const rows = (await baseQuery(db)
    .select([...COLUMNS, 'duties.state_json as stateJson'])
    .where('duties.plan_id', 'in', [...planIds])
    .where('duties.status', 'in', ['assigned', 'acknowledged', 'returned', 'overdue'])
    .where('duties.state_json', 'like', '%"extensionRequest":%')
    .orderBy('duties.due_at')
    .orderBy('duties.id')
    .limit(limit)
    .execute()) as (Row & { stateJson: string })[];
  return rows.flatMap((r) => {
    const r2 = (JSON.parse(r.stateJson) as DutyState).extensionRequest;
    return r2
      ? [
          {
            ...tracked(r),
            request: { at: r2.at, by: r2.by.name, newDueAt: r2.newDueAt, reason: r2.reason },
          },
        ]
      : [];
  });
}
