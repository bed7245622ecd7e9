// What the standing agency consolidates and what the year achieved, computed from the read
// model (never by asking each workflow): who submitted a report, on time or late, who is
// missing, and the indicator values combined.
import type { DutyState } from '../common/duty-state.ts';
import type { PlanDefinition } from '../common/plan-schema.ts';
import type { Db } from './index.ts';

async function yearDuties(db: Db, planId: string, year: number): Promise<DutyState[]> {
  const rows = await db
    .selectFrom('duties')
    .select('state_json')
    .where('plan_id', '=', planId)
    .where((eb) => eb.or([eb('period', '=', String(year)), eb('period', 'like', `${year}-%`)]))
    .execute();
  return rows.map((r) => JSON.parse(r.state_json) as DutyState);
}

const lastSubmission = (d: DutyState) => d.submissions[d.submissions.length - 1];

export interface ConsolidationDraft {
  dutyId: string;
  title: string;
  dueAt: string;
  expected: number;
  submittedOnTime: { agency: string; at: string }[];
  submittedLate: { agency: string; at: string }[];
  missing: { agency: string; status: string }[];
  /** Each indicator summed over the reports received. */
  indicators: Record<string, number>;
}

/**
 * The draft for a consolidation duty (a report the standing agency owes): the reports the
 * other agencies owed it since the previous consolidation, combined.
 */
export async function consolidationDraft(
  db: Db,
  dutyWorkflowId: string,
): Promise<ConsolidationDraft | null> {
  const row = await db
    .selectFrom('duties')
    .select('state_json')
    .where('id', '=', dutyWorkflowId)
    .executeTakeFirst();
  if (!row) return null;
  const duty = JSON.parse(row.state_json) as DutyState;
  const year = Number(duty.period.slice(0, 4));
  const reports = (await yearDuties(db, duty.planId, year)).filter(
    (d) => d.cycle?.phase === 'reports',
  );
  const own = reports
    .filter((d) => d.lead.id === duty.standing.id || d.lead.id === duty.lead.id)
    .map((d) => Date.parse(d.originalDueAt))
    .filter((t) => t < Date.parse(duty.originalDueAt));
  const since = own.length > 0 ? Math.max(...own) : -Infinity;
  const contributors = reports.filter((d) => {
    const due = Date.parse(d.originalDueAt);
    return d.lead.id !== duty.lead.id && due > since && due <= Date.parse(duty.originalDueAt);
  });
  const draft: ConsolidationDraft = {
    dutyId: duty.workflowId,
    title: duty.title,
    dueAt: duty.dueAt,
    expected: contributors.length,
    submittedOnTime: [],
    submittedLate: [],
    missing: [],
    indicators: {},
  };
  for (const d of contributors) {
    const s = lastSubmission(d);
    if (!s || d.status === 'returned') {
      draft.missing.push({ agency: d.lead.name, status: d.status });
      continue;
    }
    (s.late ? draft.submittedLate : draft.submittedOnTime).push({ agency: d.lead.name, at: s.at });
    for (const [k, v] of Object.entries(s.indicators))
      draft.indicators[k] = (draft.indicators[k] ?? 0) + v;
  }
  return draft;
}

export interface YearResult {
  indicator: string;
  localityId?: string;
  target: number;
  from?: number;
  /** The value reported: the latest submission's value, summed over the locality's agencies. */
  reported?: number;
  met?: boolean;
}

/**
 * The year's targets beside what the agencies reported. A target "falls" (poverty rate
 * from 58.08 to 49.03) when its `from` is above it: met at or below; otherwise at or above.
 */
export async function yearResults(db: Db, planId: string, year: number): Promise<YearResult[]> {
  const plan = await db
    .selectFrom('plans')
    .select(['definition_json'])
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!plan) return [];
  const definition = JSON.parse(plan.definition_json) as PlanDefinition;
  const agencies = new Map(
    (await db.selectFrom('agencies').select(['id', 'locality_id']).execute()).map((a) => [
      a.id,
      a.locality_id,
    ]),
  );
  const duties = await yearDuties(db, planId, year);
  return definition.targets
    .filter((t) => t.year === year)
    .map((t) => {
      const values = duties
        .filter((d) => !t.localityId || agencies.get(d.lead.id) === t.localityId)
        .map((d) => lastSubmission(d)?.indicators[t.indicator])
        .filter((v): v is number => typeof v === 'number');
      const reported = values.length > 0 ? values.reduce((a, b) => a + b, 0) : undefined;
      const falling = t.bound ? t.bound === 'at-most' : t.from !== undefined && t.from > t.value;
      return {
        indicator: t.indicator,
        ...(t.localityId ? { localityId: t.localityId } : {}),
        target: t.value,
        ...(t.from !== undefined ? { from: t.from } : {}),
        ...(reported !== undefined
          ? { reported, met: falling ? reported <= t.value : reported >= t.value }
          : {}),
      };
    });
}
