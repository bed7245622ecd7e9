// GET /calendar?year=2026, for anyone signed in: the year's national days off and make-up
// working days, as every duty's calendar carries them, dates as dd/mm/yyyy with the weekday.
import { Router } from 'express';
import { HOLIDAY_NAMES, weekday } from '../../domain/holidays.ts';
import { localParts } from '../../domain/local-time.ts';
import { CALENDAR_WORDS, lunarDayName, WEEKDAY_NAMES } from '../../i18n/calendar.ts';
import { nationalYear } from '../../plans/national-calendar.ts';
import { calendarYear } from '../routes/calendar.ts';
import { HttpError } from '../errors.ts';
import { webKit, type WebDeps } from './deps.ts';
import { html } from './html.ts';
import { page, table } from './layout.ts';

/** yyyy-mm-dd as dd/mm/yyyy. */
const ddmmyyyy = (date: string): string => date.split('-').reverse().join('/');

export function calendarPages(deps: WebDeps): Router {
  const router = Router();
  const kit = webKit(deps);

  router.get('/calendar', (req, res) => {
    kit.signedIn(res);
    const v = kit.view(req, res);
    const w = CALENDAR_WORDS[v.lang];
    let year: number;
    try {
      year =
        req.query['year'] === undefined || req.query['year'] === ''
          ? localParts(v.nowMs).year
          : calendarYear(req.query['year'], v.lang);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      res.status(400).send(
        page(v, {
          title: v.t.errorTitle,
          body: html`<p role="alert">${err.message}</p>
            <p><a href="/calendar">${w.title(localParts(v.nowMs).year)}</a></p>`,
        }),
      );
      return;
    }
    const y = nationalYear(year);
    const name = (d: (typeof y.daysOff)[number]) =>
      html`${HOLIDAY_NAMES[d.holiday][v.lang]}${d.lunar ? ` (${lunarDayName(d.lunar, v.lang)})` : ''}`;
    const estimate = (e: boolean) => (e ? html` <em>(${w.estimate})</em>` : '');
    const working = y.daysOff.filter((d) => ![0, 6].includes(weekday(d.date))).length;
    res.send(
      page(v, {
        title: w.title(year),
        body: html`<p>${w.intro}</p>
          <form method="get" action="/calendar" class="inline">
            <label for="year">${w.yearLabel}</label>
            <input id="year" name="year" type="number" min="2000" max="2100" value="${year}" />
            <button type="submit">${w.show}</button>
          </form>
          <p>
            <a href="/calendar?year=${year - 1}">${w.previous(year - 1)}</a>
            · <a href="/calendar?year=${year + 1}">${w.next(year + 1)}</a>
          </p>
          <p>${y.announced && y.source ? w.announced(y.source) : w.lawOnly}</p>
          <h2>${w.daysOffTitle}</h2>
          <p>${w.count(y.daysOff.length, working)}</p>
          ${table(
            w.daysOffTitle,
            [w.date, w.weekday, w.holiday, w.kind],
            y.daysOff.map((d) => [
              ddmmyyyy(d.date),
              WEEKDAY_NAMES[v.lang][weekday(d.date)],
              name(d),
              html`${w.kinds[d.kind]}${estimate(d.estimate)}`,
            ]),
            '',
            { captionHidden: true },
          )}
          <h2>${w.makeUpTitle}</h2>
          ${table(
            w.makeUpTitle,
            [w.date, w.weekday, w.holiday],
            y.makeUpWorkingDays.map((d) => [
              ddmmyyyy(d.date),
              WEEKDAY_NAMES[v.lang][weekday(d.date)],
              html`${w.makeUpFor(HOLIDAY_NAMES[d.holiday][v.lang])}${estimate(d.estimate)}`,
            ]),
            w.noMakeUp,
            { captionHidden: true },
          )}`,
      }),
    );
  });

  return router;
}
