// People and their sessions: coordinators and viewers kept by coordinators, sessions behind the
// cookie, and the ids of signed links already used. Agency users are not stored here: whoever
// the directory names as an agency's head or focal point may sign in for that agency.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DirectoryAgency } from '../common/plan-schema.ts';
import type { Db } from './index.ts';

export type UserRole = 'coordinator' | 'viewer';

export const normalEmail = (email: string): string => email.trim().toLowerCase();

export async function listUsers(db: Db) {
  return db.selectFrom('users').selectAll().orderBy('role').orderBy('email').execute();
}

export async function findUser(db: Db, email: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normalEmail(email))
    .executeTakeFirst();
}

export async function saveUser(
  db: Db,
  user: { email: string; name: string; role: UserRole },
  by: string,
): Promise<void> {
  const row = {
    email: normalEmail(user.email),
    name: user.name,
    role: user.role,
    added_by: by,
    added_at: new Date().toISOString(),
  };
  await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('email').doUpdateSet({ name: row.name, role: row.role }))
    .execute();
}

export async function removeUser(db: Db, email: string): Promise<boolean> {
  const result = await db
    .deleteFrom('users')
    .where('email', '=', normalEmail(email))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The directory agencies that name this address as head or focal point. */
export async function agenciesOfContact(db: Db, email: string): Promise<DirectoryAgency[]> {
  const wanted = normalEmail(email);
  // A text match narrows the rows (LIKE's `_` only widens it); the parsed entry decides.
  const rows = await db
    .selectFrom('agencies')
    .select('entry_json')
    .where(sql<string>`lower(entry_json)`, 'like', `%${wanted.replace(/[%\\]/g, '')}%`)
    .execute();
  return rows
    .map((r) => JSON.parse(r.entry_json) as DirectoryAgency)
    .filter((a) => [a.head, ...a.focalPoints].some((c) => normalEmail(c.email) === wanted));
}

/** Plans whose standing agency is one of these agencies. */
export async function plansStoodBy(db: Db, agencyIds: readonly string[]) {
  if (agencyIds.length === 0) return [];
  return db
    .selectFrom('plans')
    .select(['id', 'number', 'title', 'standing_agency_id'])
    .where('standing_agency_id', 'in', agencyIds)
    .orderBy('id')
    .execute();
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface SessionRow {
  id: string;
  email: string;
  csrfToken: string;
  expiresAt: string;
}

/** A new session; the token goes in the cookie, only its hash in the table. */
export async function createSession(
  db: Db,
  email: string,
  ttlMs: number,
  nowMs = Date.now(),
): Promise<{ token: string; session: SessionRow }> {
  const token = randomBytes(32).toString('base64url');
  const session = {
    id: sha256(token),
    email: normalEmail(email),
    csrfToken: randomBytes(32).toString('base64url'),
    expiresAt: new Date(nowMs + ttlMs).toISOString(),
  };
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      email: session.email,
      csrf_token: session.csrfToken,
      created_at: new Date(nowMs).toISOString(),
      expires_at: session.expiresAt,
    })
    .execute();
  // Expired sessions go now and then, here rather than on a timer of their own.
  await db.deleteFrom('sessions').where('expires_at', '<', new Date(nowMs).toISOString()).execute();
  return { token, session };
}

export async function findSession(
  db: Db,
  token: string,
  nowMs = Date.now(),
): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', sha256(token))
    .where('expires_at', '>', new Date(nowMs).toISOString())
    .executeTakeFirst();
  return row
    ? { id: row.id, email: row.email, csrfToken: row.csrf_token, expiresAt: row.expires_at }
    : undefined;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/**
 * Marks a signed link used. False when it was used before: the row's primary key makes two
 * concurrent uses of the same link succeed once.
 */
export async function consumeLink(
  db: Db,
  link: { jti: string; purpose: string; expiresAt: number },
  nowMs = Date.now(),
): Promise<boolean> {
  const now = new Date(nowMs).toISOString();
  await db.deleteFrom('link_uses').where('expires_at', '<', now).execute();
  const result = await db
    .insertInto('link_uses')
    .values({
      jti: link.jti,
      purpose: link.purpose,
      used_at: now,
      expires_at: new Date(link.expiresAt).toISOString(),
    })
    .onConflict((oc) => oc.column('jti').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives a link back when what it was used for failed for a reason other than a refusal. */
export async function releaseLink(db: Db, jti: string): Promise<void> {
  await db.deleteFrom('link_uses').where('jti', '=', jti).execute();
}
