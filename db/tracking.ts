// The labour office's picture, answered from the read model alone: the reporting matrix with
// its rates, and the overdue and due-soon lists. One query each, whatever the number of duties.
import { expressionBuilder, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { DutyState } from '../common/duty-state.ts';
import {
  daysLeft,
  daysOverdue,
  dutyTrack,
  rates,
  REPORT_PHASES,
  reportState,
  type DutyTrack,
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
  submittedAt: string | null;
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
};

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
  state: ReportState;
}

export interface MatrixReport {
  /** The report (STT) and period: one row of the matrix. */
  ref: string;
  period: string;
  title: string;
  cells: MatrixCell[];
  rates: Rates;
}

export interface AreaRates extends Rates {
  level: string;
  localityId: string;
  localityName: string;
}

export interface TrackedOther extends TrackedDuty {
  track: DutyTrack;
}

export interface Matrix {
  planId: string;
  period: string;
  asOf: string;
  reports: MatrixReport[];
  /** Per level and locality of the agencies that owe the reports. */
  byArea: AreaRates[];
  total: Rates;
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
}

const emptyCounts = (): Record<DutyTrack, number> => ({
  'completed-on-time': 0,
  'completed-late': 0,
  'in-progress': 0,
  overdue: 0,
});

const areaKey = (d: TrackedDuty): string => `${d.level}\u0000${d.localityId}`;

/**
 * The reporting matrix of a plan for a period as it stands at `asOf` (now, by default):
 * received means in by then and not returned since.
 */
export async function reportingMatrix(
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

  const reports = new Map<string, MatrixReport>();
  const areas = new Map<string, { d: TrackedDuty; states: ReportState[] }>();
  const others: TrackedOther[] = [];
  const otherAreas = new Map<string, { d: TrackedDuty; counts: Record<DutyTrack, number> }>();
  const counts = emptyCounts();
  for (const r of rows) {
    const d = tracked(r);
    if (REPORT_PHASES.includes(r.phase ?? '')) {
      const state = reportState(d, q.asOf);
      if (state === null) continue;
      const ref = r.reportRef ?? r.dutyId;
      const key = `${ref}\u0000${r.period}`;
      let report = reports.get(key);
      if (!report) {
        report = { ref, period: r.period, title: r.title, cells: [], rates: rates([]) };
        reports.set(key, report);
      }
      report.cells.push({ ...d, state });
      const area = areas.get(areaKey(d)) ?? { d, states: [] };
      area.states.push(state);
      areas.set(areaKey(d), area);
    } else {
      const track = dutyTrack(d, q.asOf);
      if (track === null) continue;
      others.push({ ...d, track });
      counts[track] += 1;
      const area = otherAreas.get(areaKey(d)) ?? { d, counts: emptyCounts() };
      area.counts[track] += 1;
      otherAreas.set(areaKey(d), area);
    }
  }
  for (const report of reports.values()) report.rates = rates(report.cells.map((c) => c.state));
  const where = (d: TrackedDuty) => ({
    level: d.level,
    localityId: d.localityId,
    localityName: d.localityName,
  });
  return {
    planId: q.planId,
    period: q.period,
    asOf: new Date(q.asOf).toISOString(),
    reports: [...reports.values()],
    byArea: [...areas.values()].map((a) => ({ ...where(a.d), ...rates(a.states) })),
    total: rates([...areas.values()].flatMap((a) => a.states)),
    duties: {
      counts,
      byArea: [...otherAreas.values()].map((a) => ({ ...where(a.d), ...a.counts })),
      rows: others,
    },
  };
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
