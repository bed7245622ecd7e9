// Who reads what: agencies that chose a daily digest, people who opted out of non-critical
// reminders. The activities consult it before each message; the ladder view shows it.
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
