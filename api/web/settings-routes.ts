// How each person and agency hears from the service, from the browser: reminders before
// deadlines on or off (per person), single messages or a daily digest (per agency, set by its
// own people), and the agency's calendar feed at a secret URL that can be revoked. The same
// tables as the JSON API (api/routes/notifications.ts).
import {
  createCalendarUrl,
  revokeCalendarUrls,
  setNonCriticalReminders,
  setNotifyMode,
} from '../../db/notify-prefs.ts';
import { notifyModes, optedOut } from '../../db/duty-pages.ts';
import express, { Router, type Request, type Response } from 'express';
import { HttpError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import { type Flash, type View } from './layout.ts';
import { settingsView } from './views/settings.ts';

const form = express.urlencoded({ extended: false, limit: '10kb', parameterLimit: 20 });

export function settingsRoutes(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);
  const { db } = deps;

  /** One of this person's own agencies; anyone else's is refused. */
  const ownAgency = (p: Principal, req: Request) => {
    const id = String(req.params['id']);
    const agency = p.agencies.find((a) => a.id === id);
    if (!agency) throw new HttpError(403, 'forbidden', 'Not your agency');
    return agency;
  };

  async function settingsPage(
    req: Request,
    res: Response,
    flash?: Flash,
    calendarUrl?: { agencyId: string; url: string },
  ) {
    const p = kit.signedIn(res);
    const v = kit.view(req, res);
    const [out, modes] = await Promise.all([
      p.email ? optedOut(db, p.email) : false,
      notifyModes(
        db,
        p.agencies.map((a) => a.id),
      ),
    ]);
    const data = { email: p.email, optedOut: out, agencies: p.agencies, modes, calendarUrl };
    res.send(settingsView(v, data, flash));
  }

  const saved = (v: View): Flash => ({ kind: 'ok', text: v.t.saved });

  router.get('/settings', (req, res) => settingsPage(req, res));

  router.post('/settings/reminders', form, async (req, res) => {
    kit.csrf(req, res);
    const p = kit.signedIn(res);
    if (!p.email) throw new HttpError(400, 'invalid_input', 'Scripts have no reminders');
    await setNonCriticalReminders(db, p.email, field(req, 'reminders', 5) === 'on');
    await settingsPage(req, res, saved(kit.view(req, res)));
  });

  router.post('/settings/agencies/:id/mode', form, async (req, res) => {
    kit.csrf(req, res);
    const agency = ownAgency(kit.signedIn(res), req);
    const mode: 'single' | 'digest' = field(req, 'mode', 10) === 'digest' ? 'digest' : 'single';
    await setNotifyMode(db, agency.id, mode);
    await settingsPage(req, res, saved(kit.view(req, res)));
  });

  router.post('/settings/agencies/:id/calendar', form, async (req, res) => {
    kit.csrf(req, res);
    const agency = ownAgency(kit.signedIn(res), req);
    const url = await createCalendarUrl(db, agency.id, deps.publicUrl);
    await settingsPage(req, res, undefined, { agencyId: agency.id, url });
  });

  router.post('/settings/agencies/:id/calendar-revoke', form, async (req, res) => {
    kit.csrf(req, res);
    const agency = ownAgency(kit.signedIn(res), req);
    const revoked = await revokeCalendarUrls(db, agency.id);
    const v = kit.view(req, res);
    await settingsPage(req, res, {
      kind: 'ok',
      text: v.t.calendarRevoked(revoked),
    });
  });

  return router;
}
