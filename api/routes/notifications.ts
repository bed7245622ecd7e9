// How agencies and people hear from the service: single messages or a daily digest per agency,
// opting out of non-critical reminders per person, and a calendar feed per agency at a secret,
// revocable URL.
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import {
  agencyCalendar,
  agencyNotifyMode,
  chooseNotifyMode,
  chooseReminders,
  newCalendarUrl,
  revokeCalendar,
} from '../../use-cases/notification-settings.ts';
import { HttpError } from '../errors.ts';
import { TOKEN_PRINCIPAL } from '../principal.ts';

export const NotifyMode = z.object({
  mode: z.enum(['single', 'digest']).describe('single messages, or one daily digest per person'),
});
export const OptOut = z.object({
  email: z.email(),
  nonCriticalReminders: z
    .boolean()
    .describe('false: no reminders before deadlines; overdue notices and urges still arrive'),
});
const FeedQuery = z.object({ token: z.string().min(20).max(200) });

const agencyParam = (req: Request): string => {
  const id = req.params['id'];
  // An id no agency can have (a duty's or a cycle's, say) names no agency: 404, as any other.
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,99}$/.test(id)) {
    throw new HttpError(404, 'not_found', `No agency with id ${String(id).slice(0, 300)}`);
  }
  return id;
};

const noAgency = (id: string) => new HttpError(404, 'not_found', `No agency with id ${id}`);

/** What a use case answers `undefined` for: the directory has no such agency. */
function found<T>(answer: T | undefined, id: string): T {
  if (answer === undefined) throw noAgency(id);
  return answer;
}

export function notificationRoutes(db: Db, publicUrl: (req: Request) => string): Router {
  const router = Router();
  const deps = { db };
  // Scripts with the API token administer every agency's choices.
  const from = 'api' as const;

  router.get('/agencies/:id/notifications', async (req, res) => {
    const agencyId = agencyParam(req);
    res.json(found(await agencyNotifyMode(deps, TOKEN_PRINCIPAL, { agencyId, from }), agencyId));
  });

  router.put('/agencies/:id/notifications', async (req, res) => {
    const agencyId = agencyParam(req);
    const { mode } = NotifyMode.parse(req.body);
    const input = { agencyId, mode, from } as const;
    res.json(found(await chooseNotifyMode(deps, TOKEN_PRINCIPAL, input), agencyId));
  });

  router.put('/notification-preferences', async (req, res) => {
    const body = OptOut.parse(req.body);
    res.json(await chooseReminders(deps, TOKEN_PRINCIPAL, { ...body, from }));
  });

  // The token is shown once; only its hash is kept. A new one does not revoke the old ones
  // (several people subscribe); DELETE revokes them all.
  router.post('/agencies/:id/calendar-tokens', async (req, res) => {
    const agencyId = agencyParam(req);
    const input = { agencyId, publicUrl: publicUrl(req), from } as const;
    res
      .status(201)
      .json({ url: found(await newCalendarUrl(deps, TOKEN_PRINCIPAL, input), agencyId) });
  });

  router.delete('/agencies/:id/calendar-tokens', async (req, res) => {
    const agencyId = agencyParam(req);
    const revoked = await revokeCalendar(deps, TOKEN_PRINCIPAL, { agencyId, from });
    res.json({ revoked: found(revoked, agencyId) });
  });

  return router;
}

/**
 * GET /api/agencies/:id/calendar.ics?token=…, outside the bearer token: calendar programs
 * cannot send one. The secret token is the credential; a wrong or revoked one is a 404, so the
 * URL says nothing about which agencies exist.
 */
export function calendarFeed(db: Db, publicUrl: (req: Request) => string): RequestHandler {
  return async (req, res) => {
    const id = agencyParam(req);
    const parsed = FeedQuery.safeParse(req.query);
    const notFound = new HttpError(404, 'not_found', 'No such calendar');
    if (!parsed.success) throw notFound;
    const feed = await agencyCalendar(
      { db },
      { agencyId: id, token: parsed.data.token, publicUrl: publicUrl(req) },
    );
    if (!feed.found) throw feed.missing === 'calendar' ? notFound : noAgency(id);
    res
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, max-age=300')
      .send(feed.ics);
  };
}
