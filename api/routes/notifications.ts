// How agencies and people hear from the service: single messages or a daily digest per agency,
// opting out of non-critical reminders per person, and a calendar feed per agency at a secret,
// revocable URL.
import { timingSafeEqual } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import {
  calendarTokenHash,
  createCalendarUrl,
  liveCalendarToken,
  revokeCalendarUrls,
  savedNotifyMode,
  setNonCriticalReminders,
  setNotifyMode,
} from '../../db/notify-prefs.ts';
import { agencyName as nameOfAgency } from '../../db/plans.ts';
import { agencyDueDates } from '../../db/tracking.ts';
import { formatDate } from '../../domain/local-time.ts';
import { toICalendar } from '../../exports/ics.ts';
import { HttpError } from '../errors.ts';

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

async function agencyName(db: Db, id: string): Promise<string> {
  const name = await nameOfAgency(db, id);
  if (name === undefined) throw new HttpError(404, 'not_found', `No agency with id ${id}`);
  return name;
}

export function notificationRoutes(db: Db, publicUrl: (req: Request) => string): Router {
  const router = Router();

  router.get('/agencies/:id/notifications', async (req, res) => {
    const id = agencyParam(req);
    await agencyName(db, id);
    const saved = await savedNotifyMode(db, id);
    // With no choice saved, a plan's duties follow the plan's budget: one morning digest.
    res.json({ agencyId: id, mode: saved ?? 'digest', saved: saved !== undefined });
  });

  router.put('/agencies/:id/notifications', async (req, res) => {
    const id = agencyParam(req);
    const { mode } = NotifyMode.parse(req.body);
    await agencyName(db, id);
    await setNotifyMode(db, id, mode);
    res.json({ agencyId: id, mode, saved: true });
  });

  router.put('/notification-preferences', async (req, res) => {
    const body = OptOut.parse(req.body);
    const email = body.email.toLowerCase();
    await setNonCriticalReminders(db, email, body.nonCriticalReminders);
    res.json({ email, nonCriticalReminders: body.nonCriticalReminders });
  });

  // The token is shown once; only its hash is kept. A new one does not revoke the old ones
  // (several people subscribe); DELETE revokes them all.
  router.post('/agencies/:id/calendar-tokens', async (req, res) => {
    const id = agencyParam(req);
    await agencyName(db, id);
    res.status(201).json({ url: await createCalendarUrl(db, id, publicUrl(req)) });
  });

  router.delete('/agencies/:id/calendar-tokens', async (req, res) => {
    const id = agencyParam(req);
    await agencyName(db, id);
    res.json({ revoked: await revokeCalendarUrls(db, id) });
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
    const wanted = calendarTokenHash(parsed.data.token);
    const row = await liveCalendarToken(db, wanted);
    if (
      !row ||
      row.agency_id !== id ||
      !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(wanted))
    ) {
      throw notFound;
    }
    const name = await agencyName(db, id);
    const base = publicUrl(req);
    const events = (await agencyDueDates(db, id)).map((d) => {
      const last = new Date(Date.parse(d.dueAt) - 1);
      const local = formatDate(last.getTime()).split('/');
      return {
        uid: `${d.workflowId}:${d.role}@duties`,
        lastDay: `${local[2]}-${local[1]}-${local[0]}`,
        summary: `${d.role === 'lead' ? 'Hạn nộp' : 'Hạn phối hợp'}: ${d.title} (${d.period})`,
        description: `Hạn cuối ${formatDate(last.getTime())}. Trạng thái: ${d.status}.`,
        url: `${base}/duties/${encodeURIComponent(d.workflowId)}`,
        status: d.status === 'cancelled' ? ('CANCELLED' as const) : ('CONFIRMED' as const),
      };
    });
    res
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, max-age=300')
      .send(toICalendar({ name: `Hạn nhiệm vụ – ${name}`, events, now: Date.now() }));
  };
}
