// Who is asking: a person with a session, or a script with the API token (a coordinator).
// A person's rights are worked out from the data on every request, so a change to the
// directory or to the users table applies at once:
// - a head or focal point of a directory agency acts for that agency (lead, coordinating);
// - a contact of a plan's standing agency is that plan's standing officer: sees its duties,
//   grants extensions, accepts or returns products;
// - coordinators and viewers are listed in the users table (and COORDINATOR_EMAILS).
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Db } from '../db/index.ts';
import {
  agenciesOfContact,
  findSession,
  findUser,
  normalEmail,
  plansStoodBy,
  type SessionRow,
} from '../db/users.ts';
import { cookiesOf, SESSION_COOKIE } from './session.ts';

export type Role = 'coordinator' | 'viewer' | 'standing' | 'agency';

export interface Principal {
  via: 'session' | 'token';
  email: string;
  name: string;
  coordinator: boolean;
  viewer: boolean;
  /** Agencies this person is a contact of. */
  agencies: { id: string; name: string }[];
  /** Plans whose standing agency is one of `agencies`. */
  standingPlanIds: string[];
  session?: SessionRow;
}

export function rolesOf(p: Principal): Role[] {
  const roles: Role[] = [];
  if (p.coordinator) roles.push('coordinator');
  if (p.viewer && !p.coordinator) roles.push('viewer');
  if (p.standingPlanIds.length > 0) roles.push('standing');
  if (p.agencies.length > 0) roles.push('agency');
  return roles;
}

/** What this address may do, or null when it may not sign in at all. */
export async function resolvePrincipal(
  db: Db,
  email: string,
  coordinatorEmails: readonly string[],
): Promise<Omit<Principal, 'via' | 'session'> | null> {
  const address = normalEmail(email);
  const [user, agencies] = await Promise.all([
    findUser(db, address),
    agenciesOfContact(db, address),
  ]);
  const plans = await plansStoodBy(
    db,
    agencies.map((a) => a.id),
  );
  const coordinator = coordinatorEmails.includes(address) || user?.role === 'coordinator';
  const viewer = user?.role === 'viewer';
  if (!coordinator && !viewer && agencies.length === 0) return null;
  const contactName = agencies
    .flatMap((a) => [a.head, ...a.focalPoints])
    .find((c) => normalEmail(c.email) === address)?.name;
  return {
    email: address,
    name: user?.name ?? contactName ?? address,
    coordinator,
    viewer,
    agencies: agencies.map((a) => ({ id: a.id, name: a.name })),
    standingPlanIds: plans.map((p) => p.id),
  };
}

export const TOKEN_PRINCIPAL: Principal = {
  via: 'token',
  email: '',
  name: 'API',
  coordinator: true,
  viewer: false,
  agencies: [],
  standingPlanIds: [],
};

/**
 * Sets `res.locals.principal` from the API token (`Authorization: Bearer`) or the session
 * cookie; leaves it unset for anyone else. Deciding what they may do is left to the routes.
 */
export function principalMiddleware(deps: {
  db: Db;
  apiToken?: string | undefined;
  coordinatorEmails: readonly string[];
}): RequestHandler {
  const expected = deps.apiToken ? Buffer.from(deps.apiToken) : undefined;
  return async (req, res, next) => {
    // The stylesheet and the script are the same for everyone.
    if (req.path.startsWith('/static/')) return next();
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (bearer !== undefined && expected) {
      const given = Buffer.from(bearer);
      if (given.length === expected.length && timingSafeEqual(given, expected)) {
        res.locals['principal'] = TOKEN_PRINCIPAL;
      }
      return next();
    }
    const token = cookiesOf(req)[SESSION_COOKIE];
    if (token === undefined || token.length > 100) return next();
    const session = await findSession(deps.db, token);
    if (!session) return next();
    const who = await resolvePrincipal(deps.db, session.email, deps.coordinatorEmails);
    // Someone removed from the directory or the users table loses access with the next click.
    if (who) res.locals['principal'] = { ...who, via: 'session', session } satisfies Principal;
    else res.locals['sessionWithoutAccess'] = session;
    next();
  };
}

export const principalOf = (res: Response): Principal | undefined =>
  res.locals['principal'] as Principal | undefined;

/** The parties of a duty, as its state or its read-model row names them. */
export interface DutyParties {
  planId: string;
  lead: { id: string };
  coordinating: readonly { id: string }[];
  standing: { id: string };
}

export interface DutyRights {
  see: boolean;
  /** Acknowledge, submit, ask for more time. */
  lead: boolean;
  /** The coordinating agencies this person contributes for. */
  coordinatingIds: string[];
  /** Grant or refuse extensions, accept or return. */
  standing: boolean;
}

export function dutyRights(p: Principal | undefined, d: DutyParties): DutyRights {
  if (!p) return { see: false, lead: false, coordinatingIds: [], standing: false };
  const mine = new Set(p.agencies.map((a) => a.id));
  const lead = mine.has(d.lead.id);
  const coordinatingIds = d.coordinating.filter((a) => mine.has(a.id)).map((a) => a.id);
  const standing = mine.has(d.standing.id);
  const see =
    p.coordinator ||
    p.viewer ||
    lead ||
    coordinatingIds.length > 0 ||
    standing ||
    p.standingPlanIds.includes(d.planId);
  return { see, lead, coordinatingIds, standing };
}

/** Plans and cycles: coordinators and viewers see all, standing officers their own plans. */
export const canSeePlan = (p: Principal | undefined, planId: string): boolean =>
  !!p && (p.coordinator || p.viewer || p.standingPlanIds.includes(planId));
