// Who reads what: agencies that chose a daily digest, people who opted out of non-critical
// reminders. The activities consult it before each message; the ladder view shows it.
import { createHash, randomBytes } from 'node:crypto';
import type { Contact } from '../common/duty-schema.ts';
import type { DirectoryAgency } from '../common/plan-schema.ts';
import { DIGESTED, NON_CRITICAL, type StepKind } from '../domain/ladder.ts';
import type { Db } from './index.ts';

/** The people of agencies reading a digest, by lower-case email. */
export async function digestAgencies(db: Db): Promise<DirectoryAgency[]> {
  const rows = await db
    .selectFrom('agency_settings')
    .innerJoin('agencies', 'agencies.id', 'agency_settings.agency_id')
    .select('agencies.entry_json')
    .where('agency_settings.notify_mode', '=', 'digest')
    .execute();
  return rows.map((r) => JSON.parse(r.entry_json) as DirectoryAgency);
}

export const peopleOf = (a: DirectoryAgency): Contact[] => [a.head, ...a.focalPoints];

/** Which of these recipients do not get this kind of message singly, and why. */
export async function heldRecipients(
  db: Db,
  kind: StepKind,
  emails: string[],
): Promise<Map<string, 'digest' | 'opted-out'>> {
  const held = new Map<string, 'digest' | 'opted-out'>();
  const wanted = new Set(emails.map((e) => e.toLowerCase()));
  if (DIGESTED.includes(kind)) {
    for (const a of await digestAgencies(db)) {
      for (const p of peopleOf(a)) {
        const e = p.email.toLowerCase();
        if (wanted.has(e)) held.set(e, 'digest');
      }
    }
  }
  if (NON_CRITICAL.includes(kind) && wanted.size > 0) {
    const out = await db
      .selectFrom('notification_optouts')
      .select('email')
      .where('email', 'in', [...wanted])
      .execute();
    for (const r of out) if (!held.has(r.email)) held.set(r.email, 'opted-out');
  }
  return held;
}

export async function setNotifyMode(db: Db, agencyId: string, mode: 'single' | 'digest') {
  const row = { agency_id: agencyId, notify_mode: mode, updated_at: new Date().toISOString() };
  await db
    .insertInto('agency_settings')
    .values(row)
    .onConflict((oc) => oc.column('agency_id').doUpdateSet(row))
    .execute();
}

/** `wanted` false: no non-critical reminders for this person from now on. */
export async function setNonCriticalReminders(db: Db, email: string, wanted: boolean) {
  const key = email.toLowerCase();
  if (wanted) {
    await db.deleteFrom('notification_optouts').where('email', '=', key).execute();
    return;
  }
  await db
    .insertInto('notification_optouts')
    .values({ email: key, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

export const calendarTokenHash = (token: string): string =>
  createHash('sha256').update(token).digest('hex');

/**
 * A new secret URL of the agency's calendar feed. Only the token's hash is kept, so the
 * database never holds a usable URL; the caller shows it once.
 */
export async function createCalendarUrl(
  db: Db,
  agencyId: string,
  publicUrl: string,
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await db
    .insertInto('calendar_tokens')
    .values({
      token_hash: calendarTokenHash(token),
      agency_id: agencyId,
      created_at: new Date().toISOString(),
      revoked_at: null,
    })
    .execute();
  return `${publicUrl.replace(/\/+$/, '')}/api/agencies/${encodeURIComponent(agencyId)}/calendar.ics?token=${token}`;
}

/** Revokes every URL of the agency's feed; returns how many there were. */
export async function revokeCalendarUrls(db: Db, agencyId: string): Promise<number> {
  const result = await db
    .updateTable('calendar_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('agency_id', '=', agencyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
