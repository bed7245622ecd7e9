// `/api/calendar/:year`: the national days off and make-up working days of a year, as every
// duty's calendar carries them (the law's holidays with the year's announced schedule).
import { Router } from 'express';
import { HOLIDAY_NAMES, weekday, type NationalYear } from '../../domain/holidays.ts';
import { CALENDAR_YEARS, lunarDayName, WEEKDAY_NAMES } from '../../i18n/calendar.ts';
import { render } from '../../i18n/index.ts';
import { nationalYear } from '../../plans/national-calendar.ts';
import { HttpError, readerLang } from '../errors.ts';

/** The year asked for, or a refusal with the catalogue's code in the reader's language. */
export function calendarYear(raw: unknown, lang: 'vi' | 'en'): number {
  const text = typeof raw === 'string' ? raw : '';
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max) return year;
  const params = { year: text.slice(0, 20), ...CALENDAR_YEARS };
  throw new HttpError(400, 'invalid_year', render('calendar.year-out-of-range', params, lang), {
    code: 'calendar.year-out-of-range',
    params,
  });
}

/** The year as JSON: each day with its weekday and holiday named in both languages. */
export function calendarJson(y: NationalYear) {
  return {
    year: y.year,
    announced: y.announced,
    ...(y.source ? { source: y.source } : {}),
    daysOff: y.daysOff.map((d) => ({
      date: d.date,
      weekday: { vi: WEEKDAY_NAMES.vi[weekday(d.date)], en: WEEKDAY_NAMES.en[weekday(d.date)] },
      holiday: d.holiday,
      name: HOLIDAY_NAMES[d.holiday],
      kind: d.kind,
      ...(d.lunar ? { lunar: { ...d.lunar, vi: lunarDayName(d.lunar, 'vi') } } : {}),
      estimate: d.estimate,
    })),
    makeUpWorkingDays: y.makeUpWorkingDays.map((d) => ({
      date: d.date,
      weekday: { vi: WEEKDAY_NAMES.vi[weekday(d.date)], en: WEEKDAY_NAMES.en[weekday(d.date)] },
      holiday: d.holiday,
      name: HOLIDAY_NAMES[d.holiday],
      estimate: d.estimate,
    })),
  };
}

export function calendarRoutes(): Router {
  const router = Router();
  router.get('/:year', (req, res) => {
    res.json(calendarJson(nationalYear(calendarYear(req.params.year, readerLang(req)))));
  });
  return router;
}
