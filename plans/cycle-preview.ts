// What starting a year's cycle now would do to its past: how many duties are already past their
// deadline, and what the ladder would send for them at once, per lead agency, under either way
// of starting (chase now, or record the past as history). Counted with the ladder's own
// planSteps, so the preview cannot drift from what the duties then do.
import type { PastDeadlines } from '../common/cycle-schema.ts';
import type { StartDuty } from '../common/duty-schema.ts';
import type { Db } from '../db/index.ts';
import { planSteps, type StepKind } from '../domain/ladder.ts';
import type { NationalSource } from '../domain/holidays.ts';
import { cycleDuties } from './cycle-duties.ts';

/** What the ladder sends at once, on the first working morning, for the days already gone. */
export interface SentAtOnce {
  overdueNotices: number;
  urges: number;
  escalations: number;
  /** Coordinating agencies told their contribution is late. */
  contributionOverdue: number;
}

export interface AgencyPreview extends SentAtOnce {
  agencyId: string;
  agencyName: string;
  /** Duty instances of the year the agency leads, and how many are already past due. */
  duties: number;
  pastDue: number;
  /** Who the escalations go to (the supervisors' titles), when there are any. */
  escalateTo: string[];
}

export interface CyclePreview {
  planId: string;
  year: number;
  /** The instant counted from (ISO). */
  at: string;
  duties: number;
  pastDue: number;
  /** Whether anything is past due: the preview then warns and offers the two ways to start. */
  warning: boolean;
  /** Per way of starting: what goes out at once; `history` adds one summary per lead agency. */
  sentAtOnce: Record<PastDeadlines, SentAtOnce & { summaries: number }>;
  /** Lead agencies with past-due duties first (most first), then the rest by name. */
  agencies: AgencyPreview[];
}

const none = (): SentAtOnce => ({
  overdueNotices: 0,
  urges: 0,
  escalations: 0,
  contributionOverdue: 0,
});

const FIELD: Partial<Record<StepKind, keyof SentAtOnce>> = {
  overdue: 'overdueNotices',
  urge: 'urges',
  escalation: 'escalations',
  'contribution-overdue': 'contributionOverdue',
};

/** The back-dated messages a duty started at `nowMs` would send at once. */
function sentAtOnce(duty: StartDuty, nowMs: number, pastAsHistory: boolean): SentAtOnce {
  const counts = none();
  const steps = planSteps({
    dueAt: Date.parse(duty.dueAt),
    policy: duty.policy,
    calendar: duty.calendar,
    generation: 1,
    generationStartedAt: nowMs,
    leadOpen: true,
    pendingContributors: duty.coordinating.map((a) => a.id),
    pastAsHistory,
  });
  // A step the rule placed before the start is one the late start makes up for at once.
  for (const s of steps.filter((x) => x.nominalAt < nowMs)) {
    const field = FIELD[s.kind];
    if (field) counts[field] += 1;
  }
  return counts;
}

const add = (into: SentAtOnce, more: SentAtOnce): void => {
  for (const k of Object.keys(more) as (keyof SentAtOnce)[]) into[k] += more[k];
};

/** The preview of a list of duty instances started at `nowMs`. Pure. */
export function previewDuties(
  planId: string,
  year: number,
  duties: readonly StartDuty[],
  nowMs: number,
): CyclePreview {
  const byAgency = new Map<string, AgencyPreview>();
  const totals = { chase: none(), history: none() };
  for (const d of duties) {
    const agency = byAgency.get(d.lead.id) ?? {
      agencyId: d.lead.id,
      agencyName: d.lead.name,
      duties: 0,
      pastDue: 0,
      escalateTo: [],
      ...none(),
    };
    byAgency.set(d.lead.id, agency);
    agency.duties += 1;
    if (Date.parse(d.dueAt) <= nowMs) agency.pastDue += 1;
    const chase = sentAtOnce(d, nowMs, false);
    add(agency, chase);
    add(totals.chase, chase);
    add(totals.history, sentAtOnce(d, nowMs, true));
    if (chase.escalations > 0 && !agency.escalateTo.includes(d.supervisor.title)) {
      agency.escalateTo.push(d.supervisor.title);
    }
  }
  const agencies = [...byAgency.values()].sort(
    (a, b) => b.pastDue - a.pastDue || a.agencyName.localeCompare(b.agencyName, 'vi'),
  );
  const pastDue = agencies.reduce((n, a) => n + a.pastDue, 0);
  return {
    planId,
    year,
    at: new Date(nowMs).toISOString(),
    duties: duties.length,
    pastDue,
    warning: pastDue > 0,
    sentAtOnce: {
      chase: { ...totals.chase, summaries: 0 },
      history: { ...totals.history, summaries: agencies.filter((a) => a.pastDue > 0).length },
    },
    agencies,
  };
}

/** The cycle of `year` of a stored plan, previewed as if started at `nowMs`. */
export async function previewCycle(
  db: Db,
  planId: string,
  year: number,
  cycleId: string,
  nowMs: number,
  national?: NationalSource,
): Promise<{ duties: StartDuty[]; preview: CyclePreview }> {
  const { duties } = await cycleDuties(db, planId, year, cycleId, national);
  return { duties, preview: previewDuties(planId, year, duties, nowMs) };
}
