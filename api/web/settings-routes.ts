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
import express, { Router, type Request, type Response } from 'express';
import { HttpError } from '../errors.ts';
import type { Principal } from '../principal.ts';
import { webKit, type WebDeps } from './deps.ts';
import { field } from './forms.ts';
import { html, path, type Html } from './html.ts';
import { csrfField, page, type Flash, type View } from './layout.ts';

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
    const optedOut = p.email
      ? await db
          .selectFrom('notification_optouts')
          .select('email')
          .where('email', '=', p.email)
          .executeTakeFirst()
      : undefined;
    const modes = new Map(
      (p.agencies.length > 0
        ? await db
            .selectFrom('agency_settings')
            .select(['agency_id', 'notify_mode'])
            .where(
              'agency_id',
              'in',
              p.agencies.map((a) => a.id),
            )
            .execute()
        : []
      ).map((r) => [r.agency_id, r.notify_mode]),
    );
    const agencySections: Html[] = p.agencies.map((a) => {
      // No choice saved: the plan's budget applies, one morning digest.
      const saved = modes.get(a.id);
      const digest = saved !== 'single';
      const shown = calendarUrl?.agencyId === a.id ? calendarUrl.url : undefined;
      return html`<section class="card stack" aria-labelledby="h-${a.id}">
        <h2 id="h-${a.id}">${a.name}</h2>
        <form method="post" action="${path('/settings/agencies', a.id, 'mode')}" class="stack">
          ${csrfField(v)}
          <fieldset>
            <legend>${v.t.agencyModeTitle(a.name)}</legend>
            <label class="choice"
              ><input type="radio" name="mode" value="single" ${digest ? '' : html`checked`} />
              ${v.t.modeSingle}</label
            >
            <label class="choice"
              ><input type="radio" name="mode" value="digest" ${digest ? html`checked` : ''} />
              ${v.t.modeDigest}</label
            >
          </fieldset>
          ${saved === undefined ? html`<p class="hint">${v.t.modeDefault}</p>` : ''}
          <button type="submit">${v.t.add}</button>
        </form>
        <h3>${v.t.calendarTitle(a.name)}</h3>
        <p>${v.t.calendarHelp}</p>
        ${
          shown
            ? html`<p role="status">
                ${v.t.calendarLinkShown}<br /><code class="secret">${shown}</code>
              </p>`
            : ''
        }
        <div class="buttons">
          <form method="post" action="${path('/settings/agencies', a.id, 'calendar')}">
            ${csrfField(v)}<button type="submit">${v.t.newCalendarLink}</button>
          </form>
          <form method="post" action="${path('/settings/agencies', a.id, 'calendar-revoke')}">
            ${csrfField(v)}<button type="submit" class="secondary">${v.t.revokeCalendar}</button>
          </form>
        </div>
      </section>`;
    });
    res.send(
      page(v, {
        title: v.t.settingsTitle,
        flash,
        body: html`${
          p.email
            ? html`<form method="post" action="/settings/reminders" class="card stack">
                <h2>${v.t.remindersTitle}</h2>
                ${csrfField(v)}
                <label class="choice"
                  ><input
                    type="checkbox"
                    name="reminders"
                    value="on"
                    ${optedOut ? '' : html`checked`}
                  />
                  ${v.t.remindersLabel}</label
                >
                <button type="submit">${v.t.add}</button>
              </form>`
            : ''
        }
        ${agencySections}`,
      }),
    );
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
