// Following the plans: the labour office's queue, the grid of agencies or localities by period
// with its rates and trend, the overdue and due-soon lists, locking a period's figures, and
// the same read model for the JSON API. The pages and api/routes/tracking.ts both call these;
// who may see or do what is decided here, once.
import type { Principal } from '../api/principal.ts';
import { listDuties } from '../db/duties.ts';
import type { Db } from '../db/index.ts';
import { ladderView, type LadderView } from '../db/ladder-view.ts';
import {
  activeAgencies,
  agencyNameMap,
  awaitingReview,
  dueSoonDuties,
  extensionsAsked,
  lockPeriod,
  overdueDuties,
  periodLock,
  planPeriods,
  reportingMatrix,
  trackedDutyState,
  trackedPlans,
  type DueSoonDuty,
  type ExtensionAsked,
  type LockOutcome,
  type Matrix,
  type OverdueDuty,
  type PeriodLock,
  type TrackedDuty,
  type TrackedPlan,
  type TrackFilter,
} from '../db/tracking.ts';
import { DAY_MS, localParts } from '../domain/local-time.ts';
import {
  columnOf,
  columnsOfYear,
  finestGranularity,
  trendOf,
  type Granularity,
  type TrendPoint,
} from '../domain/tracking-trend.ts';
import { TRACK_GROUP, type Mark, type ReportState, type Track } from '../domain/tracking.ts';
import { byVietnamese, viCollator } from '../domain/vi-order.ts';
import { Refusal } from './refusal.ts';

export interface TrackingDeps {
  db: Db;
}

/** The longest list a page or an export holds; pages show it a page at a time. */
export const LIST_LIMIT = 500;

// ── Who follows which plan ────────────────────────────────────────────────────────────────

/** The plans this person follows: all for coordinators and viewers, else their own. */
export async function followedPlans(deps: TrackingDeps, actor: Principal): Promise<TrackedPlan[]> {
  const plans = await trackedPlans(deps.db);
  const mine = plans.filter(
    (x) => actor.coordinator || actor.viewer || actor.standingPlanIds.includes(x.id),
  );
  if (mine.length === 0 && !actor.coordinator && !actor.viewer) {
    throw Refusal.of('forbidden', 'forbidden', 'tracking.refuse.not-following', {});
  }
  return mine;
}

/** The plan asked for (or the first followed); one this person does not follow is refused. */
export async function choosePlan(
  deps: TrackingDeps,
  actor: Principal,
  planId: string | undefined,
): Promise<{ plans: TrackedPlan[]; plan: TrackedPlan | undefined }> {
  const plans = await followedPlans(deps, actor);
  const plan = planId === undefined ? plans[0] : plans.find((x) => x.id === planId);
  if (planId !== undefined && !plan) {
    throw Refusal.of('forbidden', 'forbidden', 'tracking.refuse.not-your-plan', { planId });
  }
  return { plans, plan };
}

/** This year, within the plan's period. */
export const defaultYear = (plan: TrackedPlan, nowMs: number): number =>
  Math.min(Math.max(localParts(nowMs).year, plan.periodFrom), plan.periodTo);

// ── The grid ──────────────────────────────────────────────────────────────────────────────

export type GridRows = 'agency' | 'locality';
export type GridWhat = 'reports' | 'duties';

export interface GridInput {
  planId?: string | undefined;
  year?: number | undefined;
  /** A period within the year (`2026-H1`): the one the lock section and the export are of. */
  period?: string | undefined;
  columns?: Granularity | undefined;
  rows: GridRows;
  what?: GridWhat | undefined;
  level?: string | undefined;
  category?: ReportState | undefined;
  /** Part of an agency's or a locality's name. */
  q?: string | undefined;
  /** Add a column for each earlier year of the plan. */
  previous: boolean;
  page: number;
}

/** One report or duty as a cell of the grid shows it. */
export interface GridItem {
  id: string;
  title: string;
  ref: string;
  period: string;
  column: string;
  agencyId: string;
  agencyName: string;
  level: string;
  localityId: string;
  localityName: string;
  track: Track;
  /** The category it shares with the other kind (its colour). */
  group: ReportState;
  marks: Mark[];
}

export interface GridRow {
  key: string;
  name: string;
  level: string;
  /** The locality of an agency row. */
  where: string;
  cells: Record<string, GridItem[]>;
  /** The on-time rate over the chosen year. */
  rate: TrendPoint;
}

export interface Grid {
  year: number;
  /** The plan's years, for the year filter. */
  years: number[];
  granularity: Granularity;
  what: GridWhat;
  rows: GridRows;
  /** Earlier years first (whole-year columns), then the chosen year's columns. */
  columns: { key: string; previousYear: boolean }[];
  page: GridRow[];
  totalRows: number;
  pageNo: number;
  pages: number;
  pageSize: number;
  byLevel: { level: string; rate: TrendPoint }[];
  whole: TrendPoint;
  trendPeriods: TrendPoint[];
  trendYears: TrendPoint[];
  levels: string[];
  /** The period the lock section and the export are of, and its matrix's lock state. */
  lockPeriod: string;
  lockPeriods: string[];
  locked: PeriodLock | null;
  lockedWithin: PeriodLock[];
  mayLock: boolean;
  asOf: string;
}

export const GRID_PAGE = 20;
const LEVEL_ORDER = ['province', 'district', 'commune'];
const levelRank = (level: string): number => {
  const i = LEVEL_ORDER.indexOf(level);
  return i < 0 ? LEVEL_ORDER.length : i;
};

/** Lower case without diacritics: "Hồng" and "hong" match. */
export const fold = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** The reports (or the other duties) of a matrix as grid items. */
export function gridItems(m: Matrix, what: GridWhat, g: Granularity): GridItem[] {
  const common = (d: TrackedDuty, ref: string, track: Track): GridItem => ({
    id: d.id,
    title: d.title,
    ref,
    period: d.period,
    column: columnOf({ period: d.period, dueAt: d.originalDueAt }, g),
    agencyId: d.agencyId,
    agencyName: d.agencyName,
    level: d.level,
    localityId: d.localityId,
    localityName: d.localityName,
    track,
    group: TRACK_GROUP[track],
    marks: d.marks,
  });
  return what === 'reports'
    ? m.reports.flatMap((r) => r.cells.map((c) => common(c, c.ref, c.state)))
    : m.duties.rows.map((d) => common(d, d.dutyId, d.track));
}

const pointOf = (key: string, items: readonly GridItem[]): TrendPoint =>
  trendOf(
    [key],
    items.map((i) => ({ key, state: i.group })),
  )[0]!;

/**
 * The grid's rows, rates and trends from the items of the chosen year and of earlier years.
 * Pure: the rates count every category (the category filter only narrows what cells show).
 */
export function gridOf(
  opts: {
    year: number;
    granularity: Granularity;
    rows: GridRows;
    level?: string | undefined;
    category?: ReportState | undefined;
    q?: string | undefined;
    previousYears: readonly number[];
    page: number;
  },
  current: readonly GridItem[],
  earlier: ReadonlyMap<number, readonly GridItem[]>,
): Pick<
  Grid,
  | 'columns'
  | 'page'
  | 'totalRows'
  | 'pageNo'
  | 'pages'
  | 'pageSize'
  | 'byLevel'
  | 'whole'
  | 'trendPeriods'
> & { trendYears: (years: readonly number[]) => TrendPoint[] } {
  const needle = opts.q ? fold(opts.q.trim()) : '';
  const keep = (i: GridItem) =>
    (!opts.level || i.level === opts.level) &&
    (!needle || fold(i.agencyName).includes(needle) || fold(i.localityName).includes(needle));
  const now = current.filter(keep);
  const thisYear = new Set(now);
  const before = new Map(
    opts.previousYears.map((y) => [
      y,
      (earlier.get(y) ?? []).filter(keep).map((i) => ({ ...i, column: String(y) })),
    ]),
  );
  const yearColumns = columnsOfYear(opts.year, opts.granularity);
  const columns = [
    ...opts.previousYears.map((y) => ({ key: String(y), previousYear: true })),
    ...yearColumns.map((key) => ({ key, previousYear: false })),
  ];
  const rowKey = (i: GridItem) => (opts.rows === 'agency' ? i.agencyId : i.localityId);
  const rows = new Map<string, GridRow & { all: GridItem[] }>();
  const shown = (i: GridItem) => !opts.category || i.group === opts.category;
  for (const i of [...now, ...[...before.values()].flat()]) {
    const key = rowKey(i);
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        name: opts.rows === 'agency' ? i.agencyName : i.localityName,
        level: i.level,
        where: opts.rows === 'agency' ? i.localityName : '',
        cells: {},
        rate: pointOf(key, []),
        all: [],
      };
      rows.set(key, row);
    }
    if (shown(i)) (row.cells[i.column] ??= []).push(i);
    if (thisYear.has(i)) row.all.push(i);
  }
  for (const row of rows.values()) row.rate = pointOf(row.key, row.all);
  const sorted = [...rows.values()]
    .filter((r) => !opts.category || Object.values(r.cells).some((c) => c.length > 0))
    .sort((a, b) => levelRank(a.level) - levelRank(b.level) || viCollator.compare(a.name, b.name));
  const pages = Math.max(1, Math.ceil(sorted.length / GRID_PAGE));
  const pageNo = Math.min(Math.max(1, opts.page), pages);
  const levels = [...new Set(now.map((i) => i.level))].sort(
    (a, b) => levelRank(a) - levelRank(b) || a.localeCompare(b),
  );
  return {
    columns,
    page: sorted
      .slice((pageNo - 1) * GRID_PAGE, pageNo * GRID_PAGE)
      .map(({ all: _all, ...row }) => row),
    totalRows: sorted.length,
    pageNo,
    pages,
    pageSize: GRID_PAGE,
    byLevel: levels.map((level) => ({
      level,
      rate: pointOf(
        level,
        now.filter((i) => i.level === level),
      ),
    })),
    whole: pointOf(String(opts.year), now),
    trendPeriods: trendOf(
      yearColumns,
      now.map((i) => ({ key: i.column, state: i.group })),
    ),
    trendYears: (years) =>
      trendOf(
        years.map(String),
        years.flatMap((y) =>
          (y === opts.year ? now : (earlier.get(y) ?? []).filter(keep)).map((i) => ({
            key: String(y),
            state: i.group,
          })),
        ),
      ),
  };
}

/** The grid of a plan's year: who stands where in each period, the rates and the trend. */
export async function matrixGrid(
  deps: TrackingDeps,
  actor: Principal,
  input: GridInput,
  nowMs: number,
): Promise<{ plans: TrackedPlan[]; plan: TrackedPlan | undefined; grid?: Grid }> {
  const { plans, plan } = await choosePlan(deps, actor, input.planId);
  if (!plan) return { plans, plan };
  const fromPeriod = input.period ? Number(input.period.slice(0, 4)) : undefined;
  const year = input.year ?? fromPeriod ?? defaultYear(plan, nowMs);
  // The plan's years, at most ten, the chosen one among them.
  const first = Math.max(plan.periodFrom, plan.periodTo - 9);
  const years = [...new Set([...range(first, plan.periodTo), year])].sort((a, b) => a - b);
  const trendYears = years.filter((y) => y <= Math.max(year, localParts(nowMs).year));
  const matrices = new Map<number, Matrix>();
  await Promise.all(
    trendYears.map(async (y) => {
      matrices.set(
        y,
        await reportingMatrix(deps.db, { planId: plan.id, period: String(y), asOf: nowMs }),
      );
    }),
  );
  const yearMatrix =
    matrices.get(year) ??
    (await reportingMatrix(deps.db, { planId: plan.id, period: String(year), asOf: nowMs }));
  const what: GridWhat =
    input.what ??
    (yearMatrix.reports.length === 0 && yearMatrix.duties.rows.length > 0 ? 'duties' : 'reports');
  const periodsOf = (m: Matrix) =>
    what === 'reports' ? m.reports.map((r) => r.period) : m.duties.rows.map((d) => d.period);
  const granularity = input.columns ?? finestGranularity(periodsOf(yearMatrix));
  const earlier = new Map<number, GridItem[]>();
  for (const [y, m] of matrices) {
    if (y !== year) earlier.set(y, gridItems(m, what, 'year'));
  }
  const built = gridOf(
    {
      year,
      granularity,
      rows: input.rows,
      level: input.level,
      category: input.category,
      q: input.q,
      previousYears: input.previous ? trendYears.filter((y) => y < year) : [],
      page: input.page,
    },
    gridItems(yearMatrix, what, granularity),
    earlier,
  );
  const lockPeriod =
    input.period && input.period.startsWith(String(year)) ? input.period : String(year);
  const lockMatrix =
    lockPeriod === String(year)
      ? yearMatrix
      : await reportingMatrix(deps.db, { planId: plan.id, period: lockPeriod, asOf: nowMs });
  const inYear = (await planPeriods(deps.db, plan.id)).filter(
    (p) => p === String(year) || p.startsWith(`${year}-`),
  );
  const allItems = [
    ...gridItems(yearMatrix, 'reports', 'year'),
    ...gridItems(yearMatrix, 'duties', 'year'),
  ];
  return {
    plans,
    plan,
    grid: {
      ...built,
      trendYears: built.trendYears(trendYears),
      year,
      years,
      granularity,
      what,
      rows: input.rows,
      levels: [...new Set(allItems.map((i) => i.level))].sort(
        (a, b) => levelRank(a) - levelRank(b) || a.localeCompare(b),
      ),
      lockPeriod,
      lockPeriods: [...new Set([String(year), ...inYear, lockPeriod])].sort(),
      locked: lockMatrix.locked,
      lockedWithin: lockMatrix.lockedWithin,
      mayLock: actor.coordinator || actor.standingPlanIds.includes(plan.id),
      asOf: yearMatrix.asOf,
    },
  };
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** The matrix of one period for the export: the same figures as the JSON API's. */
export async function matrixOf(
  deps: TrackingDeps,
  actor: Principal,
  q: { planId: string; period: string; asOf: number },
): Promise<{ plan: TrackedPlan; matrix: Matrix }> {
  const plan = await planFor(deps, actor, q.planId);
  return { plan, matrix: await reportingMatrix(deps.db, q) };
}

/** A plan this person follows; none by that id is not found, another's is forbidden. */
async function planFor(deps: TrackingDeps, actor: Principal, planId: string) {
  const plan = (await trackedPlans(deps.db)).find((p) => p.id === planId);
  if (!plan) throw Refusal.of('not_found', 'not_found', 'tracking.refuse.no-plan', { planId });
  if (!actor.coordinator && !actor.viewer && !actor.standingPlanIds.includes(planId)) {
    throw Refusal.of('forbidden', 'forbidden', 'tracking.refuse.not-your-plan', { planId });
  }
  return plan;
}

// ── Locks ─────────────────────────────────────────────────────────────────────────────────

/** The lock closing a plan's period, if any. */
export async function lockOf(
  deps: TrackingDeps,
  actor: Principal,
  q: { planId: string; period: string },
): Promise<PeriodLock | null> {
  await planFor(deps, actor, q.planId);
  return periodLock(deps.db, q.planId, q.period);
}

/**
 * Closes a period's figures. The standing agency of the plan and coordinators lock; viewers
 * only read. A period already closed stays as it was (the outcome says by which lock).
 */
export async function lockPeriodOf(
  deps: TrackingDeps,
  actor: Principal,
  q: { planId: string; period: string; by?: string | undefined },
  nowMs: number,
): Promise<LockOutcome> {
  if (!actor.coordinator && !actor.standingPlanIds.includes(q.planId)) {
    throw Refusal.of('forbidden', 'forbidden', 'tracking.refuse.lock', {});
  }
  const plan = await planFor(deps, actor, q.planId);
  return lockPeriod(deps.db, {
    planId: plan.id,
    period: q.period,
    by: (q.by ?? actor.name).slice(0, 200),
    email: actor.email,
    at: nowMs,
  });
}

// ── Lists ─────────────────────────────────────────────────────────────────────────────────

export interface ListInput {
  planId?: string | undefined;
  period?: string | undefined;
  agencyId?: string | undefined;
  level?: string | undefined;
  role?: 'lead' | 'coordinating' | undefined;
  days?: number | undefined;
  limit?: number | undefined;
}

const filterOf = (q: ListInput, planId: string | undefined): TrackFilter => ({
  planId,
  period: q.period,
  agencyId: q.agencyId,
  level: q.level,
  role: q.role,
  limit: q.limit ?? LIST_LIMIT,
});

/** Open duties past their deadline, the longest overdue first (any plan when none is named). */
export async function overdueList(
  deps: TrackingDeps,
  actor: Principal,
  q: ListInput,
  asOf: number,
): Promise<OverdueDuty[]> {
  if (q.planId !== undefined) await planFor(deps, actor, q.planId);
  else if (!actor.coordinator && !actor.viewer) await followedPlans(deps, actor);
  return overdueDuties(deps.db, filterOf(q, q.planId), asOf);
}

/** Open duties due within the next `days` days, soonest first. */
export async function dueSoonList(
  deps: TrackingDeps,
  actor: Principal,
  q: ListInput & { days: number },
  asOf: number,
): Promise<DueSoonDuty[]> {
  if (q.planId !== undefined) await planFor(deps, actor, q.planId);
  else if (!actor.coordinator && !actor.viewer) await followedPlans(deps, actor);
  return dueSoonDuties(deps.db, filterOf(q, q.planId), asOf, q.days);
}

/** What the lists' filters offer: the agencies (in Vietnamese order), levels and periods. */
export async function listChoices(
  deps: TrackingDeps,
  plan: TrackedPlan | undefined,
): Promise<{ agencies: { id: string; name: string }[]; levels: string[]; periods: string[] }> {
  const agencies = (await activeAgencies(deps.db)).sort(byVietnamese((a) => a.name));
  const levels = [...new Set(agencies.map((a) => a.level))].sort(
    (a, b) => levelRank(a) - levelRank(b) || a.localeCompare(b),
  );
  const periods = plan ? (await planPeriods(deps.db, plan.id)).sort() : [];
  return { agencies, levels, periods };
}

/** A duty's ladder: what was sent and what comes next. */
export async function dutyLadder(
  deps: TrackingDeps,
  _actor: Principal,
  id: string,
  nowMs: number,
): Promise<LadderView> {
  const state = await trackedDutyState(deps.db, id);
  if (!state) throw Refusal.of('not_found', 'not_found', 'tracking.refuse.no-duty', { id });
  return ladderView(deps.db, state, nowMs);
}

// ── Home ──────────────────────────────────────────────────────────────────────────────────

const OPEN = ['assigned', 'acknowledged', 'returned', 'overdue'];
const QUEUE_LIMIT = 200;
export const DUE_SOON_DAYS = 14;

type Listed = Awaited<ReturnType<typeof listDuties>>[number];
export type HomeDuty = Listed & { leadName: string };

/** The labour office's queue: what needs it today, each oldest or latest first. */
export interface StandingQueue {
  review: TrackedDuty[];
  extensions: ExtensionAsked[];
  overdue: OverdueDuty[];
}

export interface Home {
  standing?: StandingQueue;
  agency?: {
    overdue: HomeDuty[];
    soon: HomeDuty[];
    lead: HomeDuty[];
    coordinating: HomeDuty[];
  };
  coordinator: boolean;
  viewer: boolean;
}

const uniqueById = <T extends { id: string; dueAt: string }>(rows: T[]): T[] => {
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
};

/** What a person's home page holds, by what they are: standing officer, agency, coordinator. */
export async function homeOf(deps: TrackingDeps, actor: Principal, nowMs: number): Promise<Home> {
  const home: Home = { coordinator: actor.coordinator, viewer: actor.viewer };
  const planIds = actor.standingPlanIds;
  if (planIds.length > 0) {
    const [review, extensions, overdue] = await Promise.all([
      awaitingReview(deps.db, planIds, QUEUE_LIMIT),
      extensionsAsked(deps.db, planIds, QUEUE_LIMIT),
      Promise.all(
        planIds.map((planId) => overdueDuties(deps.db, { planId, limit: QUEUE_LIMIT }, nowMs)),
      ).then((lists) => lists.flat().sort((a, b) => b.daysOverdue - a.daysOverdue)),
    ]);
    home.standing = { review, extensions, overdue };
  }
  const ids = actor.agencies.map((a) => a.id);
  if (ids.length > 0) {
    const names = await agencyNameMap(deps.db);
    const named = (d: Listed): HomeDuty => ({
      ...d,
      leadName: names.get(d.leadAgencyId) ?? d.leadAgencyId,
    });
    const each = (role: 'lead' | 'coordinating') =>
      Promise.all(
        ids.map((agencyId) => listDuties(deps.db, { role, agencyId, limit: QUEUE_LIMIT })),
      ).then((lists) => uniqueById(lists.flat()).map(named));
    const [lead, coordinating] = await Promise.all([each('lead'), each('coordinating')]);
    const open = lead.filter((d) => OPEN.includes(d.status));
    home.agency = {
      overdue: open.filter((d) => Date.parse(d.dueAt) <= nowMs),
      soon: open.filter(
        (d) => Date.parse(d.dueAt) > nowMs && Date.parse(d.dueAt) <= nowMs + DUE_SOON_DAYS * DAY_MS,
      ),
      lead,
      coordinating,
    };
  }
  return home;
}
