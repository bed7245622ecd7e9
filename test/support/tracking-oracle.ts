// The labour office's picture computed a second way, for tests: from a simulation's own
// record (each duty's final state as its workflow answered, and the timeline of actions), not
// from the read model, and without the service's tracking code.
import type { Directory } from '../../common/plan-schema.ts';
import type { SimulationResult } from '../../simulation/schema.ts';

export interface OracleDuty {
  /** `<dutyId>|<period>` in the real year. */
  key: string;
  dutyId: string;
  period: string;
  isReport: boolean;
  level: string;
  localityName: string;
  /** The deadline in force at the end: the one the lists chase. */
  dueAt: number;
  /**
   * The deadline the category counts against: the original, or the extended one when the
   * extension was granted before the original passed (the simulation grants at most one, and
   * returns nothing).
   */
  countedDueAt: number;
  /** The latest submission (the lists' "in"), and the first (the category's). */
  submittedAt: number | null;
  firstSubmittedAt: number | null;
  cancelled: boolean;
}

const DAY = 86_400_000;

/** What a coordinator calls a report: the plan's words say "báo cáo" or "tổng hợp". */
const REPORT_WORDS = /báo cáo|tổng hợp/iu;

export function oracleDuties(result: SimulationResult, directory: Directory): OracleDuty[] {
  const byName = new Map(directory.agencies.map((a) => [a.name, a]));
  const localities = new Map(directory.localities.map((l) => [l.id, l.name]));
  const submits = new Map<string, number>();
  const firstSubmits = new Map<string, number>();
  const grants = new Map<string, number>();
  for (const row of result.timeline) {
    const key = row.duty.replace(' ', '|');
    const at = Date.parse(row.instant);
    if (row.event === 'grant-extension') grants.set(key, Math.min(grants.get(key) ?? at, at));
    if (row.event !== 'submit') continue;
    submits.set(key, Math.max(submits.get(key) ?? 0, at));
    firstSubmits.set(key, Math.min(firstSubmits.get(key) ?? at, at));
  }
  return result.duties.map((d) => {
    const dutyId = d.id.split(':')[2] ?? '';
    const key = `${dutyId}|${d.period}`;
    const agency = byName.get(d.lead);
    if (!agency) throw new Error(`the simulation's lead "${d.lead}" is not in the directory`);
    return {
      key,
      dutyId,
      period: d.period,
      isReport:
        !dutyId.includes('.cam-ket') &&
        REPORT_WORDS.test(`${d.title.normalize('NFC')} ${d.product}`),
      level: agency.level,
      localityName: localities.get(agency.localityId) ?? agency.localityId,
      dueAt: Date.parse(d.dueAt),
      countedDueAt:
        (grants.get(key) ?? Infinity) < Date.parse(d.originalDueAt)
          ? Date.parse(d.dueAt)
          : Date.parse(d.originalDueAt),
      submittedAt: submits.get(key) ?? null,
      firstSubmittedAt: firstSubmits.get(key) ?? null,
      cancelled: d.status === 'cancelled',
    };
  });
}

/**
 * At instant `t`: in (on time or late, as the first submission was against the counted
 * deadline), missing, or not yet due.
 */
export function oracleState(
  d: OracleDuty,
  t: number,
): 'on-time' | 'late' | 'missing' | 'not-yet-due' {
  if (d.firstSubmittedAt !== null && d.firstSubmittedAt <= t) {
    return d.firstSubmittedAt <= d.countedDueAt ? 'on-time' : 'late';
  }
  return t >= d.countedDueAt ? 'missing' : 'not-yet-due';
}

export function oracleRates(states: string[]) {
  const expected = states.filter((s) => s !== 'not-yet-due').length;
  const received = states.filter((s) => s === 'on-time' || s === 'late').length;
  const onTime = states.filter((s) => s === 'on-time').length;
  return {
    expected,
    received,
    receivedOnTime: onTime,
    reportingRate: expected ? received / expected : null,
    reportingRateOnTime: expected ? onTime / expected : null,
  };
}

/**
 * Overdue at `t` (the work still owed: nothing in hand, past the deadline in force), the
 * longest overdue first, with whole days (a part day counting as one).
 */
export function oracleOverdue(duties: OracleDuty[], t: number) {
  return duties
    .filter((d) => !d.cancelled && !(d.submittedAt !== null && d.submittedAt <= t) && t >= d.dueAt)
    .sort((a, b) => a.dueAt - b.dueAt)
    .map((d) => ({ key: d.key, days: Math.ceil((t - d.dueAt) / DAY) }));
}

/** Due within `days` days after `t`, nothing in yet, soonest first. */
export function oracleDueSoon(duties: OracleDuty[], t: number, days: number) {
  return duties
    .filter(
      (d) =>
        !d.cancelled &&
        d.dueAt > t &&
        d.dueAt <= t + days * DAY &&
        !(d.submittedAt !== null && d.submittedAt <= t),
    )
    .sort((a, b) => a.dueAt - b.dueAt)
    .map((d) => d.key);
}
