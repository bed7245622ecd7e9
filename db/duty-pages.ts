// What the duty pages, the action links, the submitted files and the settings page read and
// write: the read model's copy of a duty, plan and agency names, the files table, a person's
// and an agency's notification choices, and what a new duty is made of (a plan's standing
// agency, policy and calendar, the directory's agencies).
import type { DutyState } from '../common/duty-state.ts';
import type { DirectoryAgency, PlanDefinition } from '../common/plan-schema.ts';
import type { Db } from './index.ts';

/** The duty as the read model last recorded it (a finished duty, a worker that is down). */
export async function recordedDuty(db: Db, workflowId: string): Promise<DutyState | undefined> {
  const row = await db
    .selectFrom('duties')
    .select('state_json')
    .where('id', '=', workflowId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.state_json) as DutyState) : undefined;
}

/** Agency id → name, retired ones included, for lists that hold ids only. */
export async function agencyNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('agencies').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface PlanHeading {
  id: string;
  number: string;
  title: string;
}

/** A plan's number and title, for a page's heading. */
export async function planHeading(db: Db, planId: string): Promise<PlanHeading | undefined> {
  return db
    .selectFrom('plans')
    .select(['id', 'number', 'title'])
    .where('id', '=', planId)
    .executeTakeFirst();
}

/** The agencies a duty may be given to: the directory's, retired ones left out. */
export async function activeAgencies(db: Db): Promise<DirectoryAgency[]> {
  const rows = await db
    .selectFrom('agencies')
    .select('entry_json')
    .where('retired_at', 'is', null)
    .execute();
  return rows.map((r) => JSON.parse(r.entry_json) as DirectoryAgency);
}

/** One agency's directory entry, and whether it is retired. */
export async function agencyEntry(
  db: Db,
  id: string,
): Promise<{ agency: DirectoryAgency; retired: boolean } | undefined> {
  const row = await db
    .selectFrom('agencies')
    .select(['entry_json', 'retired_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? { agency: JSON.parse(row.entry_json) as DirectoryAgency, retired: row.retired_at !== null }
    : undefined;
}

export interface PlanForDuty {
  id: string;
  number: string;
  title: string;
  standingAgencyId: string;
  definition: PlanDefinition;
}

/** Every plan, with what a single duty of it takes from it (standing agency, policy, calendar). */
export async function plansForDuties(db: Db): Promise<PlanForDuty[]> {
  const rows = await db
    .selectFrom('plans')
    .select(['id', 'number', 'title', 'standing_agency_id', 'definition_json'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    standingAgencyId: r.standing_agency_id,
    definition: JSON.parse(r.definition_json) as PlanDefinition,
  }));
}

// --- Files submitted with a product (api/web/files.ts keeps the bytes) ---------------------

export interface FileRow {
  id: string;
  sha256: string;
  workflowId: string;
  name: string;
  contentType: string;
  size: number;
  uploadedBy: string;
}

export async function insertFile(db: Db, file: FileRow): Promise<void> {
  await db
    .insertInto('files')
    .values({
      id: file.id,
      sha256: file.sha256,
      workflow_id: file.workflowId,
      name: file.name,
      content_type: file.contentType,
      size: file.size,
      uploaded_by: file.uploadedBy,
      uploaded_at: new Date().toISOString(),
    })
    .execute();
}

/** Deletes the rows; answers the blobs no other row names any more. */
export async function deleteFiles(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('files').select('sha256').where('id', 'in', ids).execute();
  await db.deleteFrom('files').where('id', 'in', ids).execute();
  const orphans: string[] = [];
  for (const { sha256 } of rows) {
    const still = await db
      .selectFrom('files')
      .select('id')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!still) orphans.push(sha256);
  }
  return orphans;
}

export async function fileById(db: Db, id: string) {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

// --- Notification choices (the settings page) ----------------------------------------------

/** Whether this person asked for no non-critical reminders. */
export async function optedOut(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('notification_optouts')
    .select('email')
    .where('email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

/** Each agency's saved choice of single messages or a digest; agencies with none are absent. */
export async function notifyModes(
  db: Db,
  agencyIds: readonly string[],
): Promise<Map<string, 'single' | 'digest'>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('agency_settings')
    .select(['agency_id', 'notify_mode'])
    .where('agency_id', 'in', agencyIds)
    .execute();
  return new Map(rows.map((r) => [r.agency_id, r.notify_mode]));
}
