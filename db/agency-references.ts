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
  // Resolved duties are stored as JSON; the id is matched as a whole JSON string value.
  const inDuties = await db
    .selectFrom('plan_duties')
    .select('plan_id')
    .distinct()
    .where('duty_json', 'like', `%${JSON.stringify(agencyId).replace(/[%_]/g, '')}%`)
    .execute();
  const duties = await db
    .selectFrom('duty_agencies')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  const plans = [...new Set([...standing.map((p) => p.id), ...inDuties.map((p) => p.plan_id)])];
  return { plans: plans.sort(), duties: Number(duties?.n ?? 0) };
}
