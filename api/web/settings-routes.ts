// How each person and agency hears from the service, from the browser: reminders before
// deadlines on or off (per person), single messages or a daily digest (per agency, set by its
// own people), and the agency's calendar feed at a secret URL that can be revoked. The same use
// cases as the JSON API (api/routes/notifications.ts): use-cases/notification-settings.ts.
import express, { Router, type Request, type Response } from 'express';
import {
  chooseNotifyMode,
  chooseReminders,
  newCalendarUrl,
  ownSettings,
  revokeCalendar,
} from '../../use-cases/notification-settings.ts';
import { HttpError } from '../errors.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import { type Flash, type View } from './layout.ts';
import { settingsView } from './views/settings.ts';

const form = express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 20 });

export function settingsRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  // The page is a person's own: only their own agencies, whoever asks (use case's rule).
  const from = 'page' as const;
  const agencyId = (req: Request): string => String(req.params['id']);

  async function settingsPage(
    req: Request,
    res: Response,
    flash?: Flash,
    calendarUrl?: { agencyId: string; url: string },
  ) {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const { optedOut, modes } = await ownSettings(deps, p);
    const data = { email: p.email, optedOut, agencies: p.agencies, modes, calendarUrl };
    res.send(settingsView(v, data, flash));
  }

  const saved = (v: View): Flash => ({ kind: 'ok', text: v.t.saved });

  router.get('/settings', (req, res) => settingsPage(req, res));

  router.post('/settings/reminders', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    if (!p.email) throw new HttpError(400, 'invalid_input', 'Scripts have no reminders');
    const nonCriticalReminders = field(req, 'reminders', 5) === 'on';
    await chooseReminders(deps, p, { email: p.email, nonCriticalReminders, from });
    await settingsPage(req, res, saved(kit.view(req, res)));
  });

  router.post('/settings/agencies/:id/mode', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const mode: 'single' | 'digest' = field(req, 'mode', 10) === 'digest' ? 'digest' : 'single';
    await chooseNotifyMode(deps, p, { agencyId: agencyId(req), mode, from });
    await settingsPage(req, res, saved(kit.view(req, res)));
  });

  router.post('/settings/agencies/:id/calendar', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const id = agencyId(req);
    const url = await newCalendarUrl(deps, p, { agencyId: id, publicUrl: deps.publicUrl, from });
    // Undefined only for an agency the directory lost since this person signed in.
    if (url === undefined) throw new HttpError(404, 'not_found', 'No such agency');
    await settingsPage(req, res, undefined, { agencyId: id, url });
  });

  router.post('/settings/agencies/:id/calendar-revoke', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    const revoked = (await revokeCalendar(deps, p, { agencyId: agencyId(req), from })) ?? 0;
    const v = kit.view(req, res);
    await settingsPage(req, res, {
      kind: 'ok',
      text: v.t.calendarRevoked(revoked),
    });
  });

  return router;
}
