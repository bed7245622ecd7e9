// What still names an agency: a plan (as its standing agency or in a resolved duty) or a duty
// in the read model (as lead or coordinating agency). Deleting such an agency left every duty
// pointing at nothing and the plan impossible to re-import (found by a contract fuzzer).
import type { Db } from './index.ts';

export interface AgencyReferences {
  plans: string[];
  duties: number;
}

export async function agencyReferences(db: Db, agencyId: string): Promise<AgencyReferences> {
  const standing = await db
    .selectFrom('plans')
    .select('id')
    .where('standing_agency_id', '=', agencyId)
    .execute();
  // Resolved duties are stored as JSON: a text match narrows the rows (a period "2024" is a
  // JSON string too), the parsed duty decides whether it names the agency.
  const candidates = await db
    .selectFrom('plan_duties')
    .select(['plan_id', 'duty_json'])
    .where('duty_json', 'like', `%${JSON.stringify(agencyId).replace(/%/g, '')}%`)
    .execute();
  const inDuties = candidates.filter((row) => {
    const d = JSON.parse(row.duty_json) as {
      lead?: { id?: string };
      coordinating?: { id?: string }[];
      receiver?: { id?: string };
    };
    return [d.lead, d.receiver, ...(d.coordinating ?? [])].some((a) => a?.id === agencyId);
  });
  // Duties as lead or coordinating agency (duty_agencies), or as standing agency (their state).
  const asParty = await db
    .selectFrom('duty_agencies')
    .select('duty_id')
    .distinct()
    .where('agency_id', '=', agencyId)
    .execute();
  const asStanding = await db
    .selectFrom('duties')
    .select('id')
    // LIKE's `_` only widens the match (a refusal to delete, never a wrong deletion).
    .where('state_json', 'like', `%"id":${JSON.stringify(agencyId).replace(/%/g, '')}%`)
    .execute();
  const duties = {
    n: new Set([...asParty.map((d) => d.duty_id), ...asStanding.map((d) => d.id)]).size,
  };
  const plans = [...new Set([...standing.map((p) => p.id), ...inDuties.map((p) => p.plan_id)])];
  return { plans: plans.sort(), duties: duties.n };
}

/**
 * What still names a locality: agencies in it (retired ones too: they keep their history),
 * localities under it, plans that cover it, and per-locality targets.
 */
export interface LocalityReferences {
  agencies: string[];
  localities: string[];
  plans: string[];
}

export async function localityReferences(db: Db, localityId: string): Promise<LocalityReferences> {
  const agencies = await db
    .selectFrom('agencies')
    .select('id')
    .where('locality_id', '=', localityId)
    .orderBy('id')
    .execute();
  const children = await db
    .selectFrom('localities')
    .select('id')
    .where('parent_id', '=', localityId)
    .orderBy('id')
    .execute();
  const covering = await db
    .selectFrom('plans')
    .select(['id', 'definition_json'])
    .where('definition_json', 'like', `%${JSON.stringify(localityId).replace(/[%_]/g, '')}%`)
    .execute();
  const targets = await db
    .selectFrom('plan_targets')
    .select('plan_id')
    .distinct()
    .where('locality_id', '=', localityId)
    .execute();
  const plans = new Set(targets.map((t) => t.plan_id));
  for (const p of covering) {
    const def = JSON.parse(p.definition_json) as {
      localityId?: string;
      targets?: { localityId?: string }[];
    };
    if (def.localityId === localityId || def.targets?.some((t) => t.localityId === localityId))
      plans.add(p.id);
  }
  return {
    agencies: agencies.map((a) => a.id),
    localities: children.map((l) => l.id),
    plans: [...plans].sort(),
  };
}

/** A reference a new duty makes that names nothing (or a retired agency), by its field. */
export interface UnknownReference {
  path: string;
  code:
    | 'contract.unknown-plan'
    | 'contract.unknown-agency'
    | 'contract.retired-agency'
    | 'contract.unknown-cycle';
  params: Record<string, string>;
}

/** The plan and agencies a new duty names that the database does not hold, each by its field. */
export async function unknownReferences(
  db: Db,
  refs: { planId: string; agencies: { path: string; id: string }[] },
): Promise<UnknownReference[]> {
  const out: UnknownReference[] = [];
  const plan = await db
    .selectFrom('plans')
    .select('id')
    .where('id', '=', refs.planId)
    .executeTakeFirst();
  if (!plan)
    out.push({ path: 'planId', code: 'contract.unknown-plan', params: { plan: refs.planId } });
  const ids = [...new Set(refs.agencies.map((a) => a.id))];
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('agencies')
          .select(['id', 'retired_at'])
          .where('id', 'in', ids)
          .execute();
  const found = new Map(rows.map((r) => [r.id, r.retired_at]));
  for (const a of refs.agencies) {
    if (!found.has(a.id))
      out.push({ path: a.path, code: 'contract.unknown-agency', params: { agency: a.id } });
    else if (found.get(a.id))
      out.push({ path: a.path, code: 'contract.retired-agency', params: { agency: a.id } });
  }
  return out;
}

/**
 * The agencies a duty just started names, recorded at once: the read model records them when
 * the worker first reports the duty, and an agency deleted in between left the duty naming
 * nothing. The worker's record replaces these rows with the same.
 */
export async function recordNamedAgencies(
  db: Db,
  dutyId: string,
  lead: string,
  coordinating: readonly string[],
): Promise<void> {
  const rows = [
    { duty_id: dutyId, agency_id: lead, role: 'lead' as const },
    ...coordinating.map((id) => ({
      duty_id: dutyId,
      agency_id: id,
      role: 'coordinating' as const,
    })),
  ];
  await db
    .insertInto('duty_agencies')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
