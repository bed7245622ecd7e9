// What a year's reports say beside the plan's per-locality targets: each locality's target,
// what its agencies reported, and the gap. Read by the cycle's results (API and pages).
import type { Db } from '../db/index.ts';
import { agencyLocalities, yearDutyStates } from '../db/targets.ts';
import { classifyHeader, type TargetColumn, type TargetValues } from '../plans/targets.ts';
import { storedTargets } from './import-targets.ts';

/** The targets a year's reports are measured against: the ones set for the year. */
const MEASURED: readonly TargetColumn[] = ['liftOut', 'reductionTarget'];

export interface LocalityResult {
  localityId: string;
  localityName: string;
  /** Everything the targets table states for the locality (the baseline and the targets). */
  target: TargetValues;
  /** What the locality's latest report of the year gives, by the same columns. */
  reported: TargetValues;
  /**
   * For each target the year is measured by (households to lift out of poverty, the
   * reduction of the poverty rate): target minus reported, so what is still to do; zero or
   * less when the target is met. Absent until the locality reports that figure.
   */
  gap: TargetValues;
  met: Partial<Record<TargetColumn, boolean>>;
}

/**
 * Per locality with targets for the year: the target beside what its agencies reported. A
 * report's indicators are read by their names the way table headers are ("Số hộ thoát
 * nghèo", "Tỷ lệ giảm hộ nghèo (%)"); the latest submission of the year that gives a figure
 * counts, so the yearly report supersedes the six-month one.
 */
export async function localityResults(
  db: Db,
  planId: string,
  year: number,
): Promise<LocalityResult[]> {
  const targets = await storedTargets(db, planId, year);
  if (!targets) return [];
  const localityOf = await agencyLocalities(db);
  const duties = await yearDutyStates(db, planId, year);
  const latest = new Map<string, Map<TargetColumn, { at: string; value: number }>>();
  for (const d of duties) {
    const locality = localityOf.get(d.lead.id);
    if (!locality) continue;
    const figures = latest.get(locality) ?? new Map<TargetColumn, { at: string; value: number }>();
    latest.set(locality, figures);
    for (const s of d.submissions) {
      for (const [name, value] of Object.entries(s.indicators)) {
        const key = classifyHeader(name);
        if (key === undefined || key === 'locality' || key === 'index') continue;
        const seen = figures.get(key);
        if (!seen || seen.at < s.at) figures.set(key, { at: s.at, value });
      }
    }
  }
  return targets.rows.map((r) => {
    const reported: TargetValues = {};
    for (const [k, v] of latest.get(r.localityId) ?? []) reported[k] = v.value;
    const gap: TargetValues = {};
    const met: LocalityResult['met'] = {};
    for (const k of MEASURED) {
      const t = r.values[k];
      const got = reported[k];
      if (t === undefined || got === undefined) continue;
      gap[k] = Math.round((t - got) * 100) / 100;
      met[k] = got >= t;
    }
    return {
      localityId: r.localityId,
      localityName: r.localityName,
      target: r.values,
      reported,
      gap,
      met,
    };
  });
}
