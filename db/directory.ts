// The directory's rows: agencies and localities, read, added, replaced, retired and merged.
// A merged entry is retired with what it went into and when (0009); nothing is deleted but
// what no plan, duty or other entry names (db/agency-references.ts decides that).
import type { Db } from './index.ts';

export interface AgencyRow {
  id: string;
  name: string;
  level: string;
  locality_id: string;
  is_commune: number;
  entry_json: string;
  retired_at: string | null;
  merged_into: string | null;
  merged_at: string | null;
}

export interface LocalityRow {
  id: string;
  name: string;
  level: string;
  parent_id: string | null;
  retired_at: string | null;
  merged_into: string | null;
  merged_at: string | null;
}

const AGENCY = [
  'id',
  'name',
  'level',
  'locality_id',
  'is_commune',
  'entry_json',
  'retired_at',
  'merged_into',
  'merged_at',
] as const;
const LOCALITY = [
  'id',
  'name',
  'level',
  'parent_id',
  'retired_at',
  'merged_into',
  'merged_at',
] as const;

/** What an agency row holds besides its history columns. */
export interface AgencyValues {
  id: string;
  name: string;
  level: string;
  locality_id: string;
  is_commune: number;
  entry_json: string;
  updated_at: string;
}

export const listAgencyRows = (db: Db): Promise<AgencyRow[]> =>
  db.selectFrom('agencies').select(AGENCY).orderBy('id').execute();

export const findAgencyRow = (db: Db, id: string): Promise<AgencyRow | undefined> =>
  db.selectFrom('agencies').select(AGENCY).where('id', '=', id).executeTakeFirst();

export const listLocalityRows = (db: Db): Promise<LocalityRow[]> =>
  db.selectFrom('localities').select(LOCALITY).orderBy('id').execute();

export const findLocalityRow = (db: Db, id: string): Promise<LocalityRow | undefined> =>
  db.selectFrom('localities').select(LOCALITY).where('id', '=', id).executeTakeFirst();

export async function insertAgency(db: Db, row: AgencyValues): Promise<void> {
  await db.insertInto('agencies').values(row).execute();
}

/** Replaces an agency's entry; false when there is no such agency. */
export async function updateAgency(db: Db, id: string, row: AgencyValues): Promise<boolean> {
  const result = await db.updateTable('agencies').set(row).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes an agency; false when there was none. */
export async function deleteAgencyRow(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('agencies').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteLocalityRow(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('localities').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Retires an agency (a second time keeps the first date). */
export async function retireAgencyRow(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('agencies')
    .set({ retired_at: at })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .execute();
}

export async function retireLocalityRow(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('localities')
    .set({ retired_at: at })
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .execute();
}

/** A duty still open (not accepted or cancelled) that names an agency, and how. */
export interface OpenDutyRole {
  dutyId: string;
  role: 'lead' | 'coordinating';
}

export async function openDutiesOf(db: Db, agencyId: string): Promise<OpenDutyRole[]> {
  const rows = await db
    .selectFrom('duty_agencies as da')
    .innerJoin('duties', 'duties.id', 'da.duty_id')
    .select(['da.duty_id', 'da.role'])
    .where('da.agency_id', '=', agencyId)
    .where('duties.status', 'not in', ['accepted', 'cancelled'])
    .orderBy('da.duty_id')
    .execute();
  return rows.map((r) => ({ dutyId: r.duty_id, role: r.role }));
}

interface AgencyRef {
  id: string;
  name: string;
}
interface StoredDuty {
  ref: string;
  lead: AgencyRef;
  coordinating: AgencyRef[];
  receiver?: AgencyRef;
}

/**
 * A plan's stored duty with `from` replaced by `into`: as lead, coordinating agency or receiver.
 * The successor is never twice in a duty, nor coordinating a duty it leads or receives.
 */
export function replaceInDuty<D extends StoredDuty>(d: D, from: string, into: AgencyRef): D {
  const swap = (a: AgencyRef): AgencyRef => (a.id === from ? { id: into.id, name: into.name } : a);
  const lead = swap(d.lead);
  const receiver = d.receiver ? swap(d.receiver) : undefined;
  const seen = new Set<string>([lead.id, ...(receiver ? [receiver.id] : [])]);
  const coordinating = d.coordinating.map(swap).filter((a) => {
    if (seen.has(a.id)) return false;
    seen.add(a.id);
    return true;
  });
  const out: D = { ...d, lead, coordinating };
  if (receiver && receiver.id !== lead.id) out.receiver = receiver;
  else delete out.receiver;
  return out;
}

/**
 * The merged agency's history and the references of plans that name it, in one transaction:
 * the agency retired with where it went; plans' standing agency and stored duties name the
 * successor, so next year's cycles start with it. A group duty stored once per lead
 * ("VII.1/<agency>") that the successor already owes is dropped rather than owed twice.
 * Returns the plans whose references changed.
 */
export async function recordAgencyMerge(
  db: Db,
  merge: { from: string; into: AgencyRef; at: string; intoEntryJson: string },
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('agencies')
      .set((eb) => ({
        retired_at: eb.fn.coalesce('retired_at', eb.val(merge.at)),
        merged_into: merge.into.id,
        merged_at: merge.at,
      }))
      .where('id', '=', merge.from)
      .execute();
    // The successor knows the merged agency's names, so a plan that still writes them matches it.
    await trx
      .updateTable('agencies')
      .set({ entry_json: merge.intoEntryJson, updated_at: merge.at })
      .where('id', '=', merge.into.id)
      .execute();
    const standing = await trx
      .updateTable('plans')
      .set({ standing_agency_id: merge.into.id })
      .where('standing_agency_id', '=', merge.from)
      .returning('id')
      .execute();
    const changed = new Set(standing.map((p) => p.id));
    const rows = await trx
      .selectFrom('plan_duties')
      .select(['plan_id', 'ref', 'duty_json'])
      .where('duty_json', 'like', `%${JSON.stringify(merge.from).replace(/[%_]/g, '')}%`)
      .execute();
    for (const row of rows) {
      const d = JSON.parse(row.duty_json) as StoredDuty;
      const names = [d.lead, d.receiver, ...d.coordinating].some((a) => a?.id === merge.from);
      if (!names) continue;
      changed.add(row.plan_id);
      const next = replaceInDuty(d, merge.from, merge.into);
      const base = row.ref.split('/')[0] ?? row.ref;
      const perLead = row.ref.includes('/') && d.lead.id === merge.from;
      const owedAlready =
        perLead &&
        (await trx
          .selectFrom('plan_duties')
          .select('ref')
          .where('plan_id', '=', row.plan_id)
          .where('ref', '=', `${base}/${merge.into.id}`)
          .executeTakeFirst());
      if (owedAlready) {
        await trx
          .deleteFrom('plan_duties')
          .where('plan_id', '=', row.plan_id)
          .where('ref', '=', row.ref)
          .execute();
      } else {
        await trx
          .updateTable('plan_duties')
          .set({ duty_json: JSON.stringify(next) })
          .where('plan_id', '=', row.plan_id)
          .where('ref', '=', row.ref)
          .execute();
      }
    }
    return [...changed].sort();
  });
}

/** Moves an agency to another locality (its entry says so too). */
export async function moveAgency(
  db: Db,
  id: string,
  localityId: string,
  entryJson: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('agencies')
    .set({ locality_id: localityId, entry_json: entryJson, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/**
 * The merged locality retired with where it went; the localities under it now under the
 * successor. Returns the localities moved.
 */
export async function recordLocalityMerge(
  db: Db,
  merge: { from: string; into: string; at: string },
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('localities')
      .set((eb) => ({
        retired_at: eb.fn.coalesce('retired_at', eb.val(merge.at)),
        merged_into: merge.into,
        merged_at: merge.at,
      }))
      .where('id', '=', merge.from)
      .execute();
    const children = await trx
      .updateTable('localities')
      .set({ parent_id: merge.into })
      .where('parent_id', '=', merge.from)
      .returning('id')
      .execute();
    return children.map((c) => c.id).sort();
  });
}
