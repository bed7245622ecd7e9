// Sessions and emailed links: signing in with a link, signing out, and acting on a duty with an
// emailed action link. Each link works once: its id is marked used before anything is done, so
// two clicks (or a mail scanner and a person) never both act. The pages' routes
// (api/web/auth-routes.ts, api/web/action-link-routes.ts) check the link's signature and show
// the pages; what the link does with the database is decided here.
import { resolvePrincipal, type Principal } from '../api/principal.ts';
import type { Db } from '../db/index.ts';
import { consumeLink, createSession, deleteSession, releaseLink } from '../db/users.ts';
import type { ActionClaims, SignInClaims } from '../services/signed-links.ts';
import * as duties from './duty-actions.ts';
import type { DutyDeps } from './duty-view.ts';
import { Refusal } from './refusal.ts';

export interface SignInDeps {
  db: Db;
  /** COORDINATOR_EMAILS: always coordinators, whatever the users table says. */
  coordinatorEmails: readonly string[];
}

/** Why a good link does nothing: used before, or its address may no longer sign in. */
export type LinkProblem = 'used' | 'no-access';

export type SignedIn = { ok: true; token: string } | { ok: false; problem: LinkProblem };

/**
 * Signs in with a sign-in link whose signature the caller has checked: spends the link, and
 * opens a session (replacing the caller's old one) when the address may still sign in. The
 * session's token is for the cookie; only its hash is kept.
 */
export async function signInWithLink(
  deps: SignInDeps,
  input: { claims: SignInClaims; oldSessionId?: string | undefined; ttlMs: number },
): Promise<SignedIn> {
  const { claims } = input;
  const link = { jti: claims.jti, purpose: 'sign-in', expiresAt: claims.exp };
  if (!(await consumeLink(deps.db, link))) return { ok: false, problem: 'used' };
  const who = await resolvePrincipal(deps.db, claims.email, deps.coordinatorEmails);
  if (!who) return { ok: false, problem: 'no-access' };
  if (input.oldSessionId) await deleteSession(deps.db, input.oldSessionId);
  const { token } = await createSession(deps.db, claims.email, input.ttlMs);
  return { ok: true, token };
}

export async function signOut(deps: { db: Db }, sessionId: string): Promise<void> {
  await deleteSession(deps.db, sessionId);
}

/**
 * Does what an action link says (acknowledge the duty, or accept its product) as the person it
 * was sent to, once; 'used' when the link was spent before. A refusal by the duty's state
 * spends the link (thrown as the `Refusal`); any other failure (Temporal unreachable) gives the
 * link back, so it works again.
 */
export async function actByLink(
  deps: DutyDeps,
  principal: Principal,
  input: { claims: ActionClaims; dutyId: string },
): Promise<'done' | 'used'> {
  const { claims, dutyId } = input;
  const use = { jti: claims.jti, purpose: 'action', expiresAt: claims.exp };
  if (!(await consumeLink(deps.db, use))) return 'used';
  try {
    if (claims.act === 'acknowledge') await duties.acknowledge(deps, principal, { dutyId });
    else await duties.review(deps, principal, { dutyId, outcome: 'accept' });
  } catch (err) {
    if (!(err instanceof Refusal && err.kind === 'conflict')) {
      await releaseLink(deps.db, claims.jti);
    }
    throw err;
  }
  return 'done';
}
