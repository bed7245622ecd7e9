// Who reads what: agencies that chose a daily digest or single messages, people who opted out
// of non-critical reminders, and the plan's per-person budget (a policy's `delivery: 'digest'`).
// The activities consult it before each message; the ladder view shows it.
import { createHash, randomBytes } from 'node:crypto';
import type { Contact, EscalationPolicy } from '../common/duty-schema.ts';
import type { DirectoryAgency } from '../common/plan-schema.ts';
import { DIGESTED, NON_CRITICAL, URGENT, type StepKind } from '../domain/ladder.ts';
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

/**
 * Each person's agency choice, by lower-case email: 'digest' if any of their agencies chose
 * the digest, else 'single' if one chose single messages; people of no such agency are absent.
 */
async function agencyChoices(db: Db): Promise<Map<string, 'single' | 'digest'>> {
  const rows = await db
    .selectFrom('agency_settings')
    .innerJoin('agencies', 'agencies.id', 'agency_settings.agency_id')
    .select(['agencies.entry_json', 'agency_settings.notify_mode'])
    .execute();
  const choices = new Map<string, 'single' | 'digest'>();
  for (const r of rows) {
    for (const p of peopleOf(JSON.parse(r.entry_json) as DirectoryAgency)) {
      const e = p.email.toLowerCase();
      if (choices.get(e) !== 'digest') choices.set(e, r.notify_mode);
    }
  }
  return choices;
}

/**
 * Which of these recipients do not get this kind of message singly, and why. An agency that
 * chose the digest reads the reminders and notices in DIGESTED there, whatever the plan says.
 * Under the plan's budget (`delivery` 'digest') everybody reads all but the URGENT kinds there,
 * unless their agency chose single messages; a person who opted out of non-critical reminders
 * gets those in neither.
 */
export async function heldRecipients(
  db: Db,
  kind: StepKind,
  emails: string[],
  delivery?: EscalationPolicy['delivery'],
): Promise<Map<string, 'digest' | 'opted-out'>> {
  const held = new Map<string, 'digest' | 'opted-out'>();
  const wanted = new Set(emails.map((e) => e.toLowerCase()));
  if (wanted.size === 0) return held;
  const budget = delivery === 'digest' && !URGENT.includes(kind);
  if (NON_CRITICAL.includes(kind)) {
    const out = await db
      .selectFrom('notification_optouts')
      .select('email')
      .where('email', 'in', [...wanted])
      .execute();
    for (const r of out) held.set(r.email, 'opted-out');
  }
  if (DIGESTED.includes(kind) || budget) {
    const choices = await agencyChoices(db);
    for (const e of wanted) {
      const choice = choices.get(e);
      // The agency's digest came first and stays as it was: it wins over an opt-out.
      if (choice === 'digest' && DIGESTED.includes(kind)) held.set(e, 'digest');
      else if (budget && choice !== 'single' && !held.has(e)) held.set(e, 'digest');
    }
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

/** The agency's saved delivery choice, or undefined when none was saved. */
export async function savedNotifyMode(
  db: Db,
  agencyId: string,
): Promise<'single' | 'digest' | undefined> {
  const row = await db
    .selectFrom('agency_settings')
    .select('notify_mode')
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
  return row?.notify_mode;
}

/** The calendar token of that hash, when not revoked: its hash and its agency. */
export async function liveCalendarToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('calendar_tokens')
    .select(['token_hash', 'agency_id'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
