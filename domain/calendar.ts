import { DAY_MS, localDateKey, localMidnight, localParts } from './local-time.ts';

/**
 * When people may be sent messages. Reminders go out at the office hour on working days;
 * due dates themselves never move. `officeHour: null` delivers at the nominal instant,
 * which fast end-to-end tests use with second-long ladders.
 */
export interface WorkCalendar {
  /** Local `HH:mm`, e.g. `08:00`. */
  officeHour: string | null;
  /** Local dates `yyyy-mm-dd` that are days off (public holidays, Tết). */
  holidays: readonly string[];
  /** Saturdays or Sundays that are worked to make up for a bridged holiday. */
  makeUpWorkingDays: readonly string[];
}

export const IMMEDIATE_CALENDAR: WorkCalendar = {
  officeHour: null,
  holidays: [],
  makeUpWorkingDays: [],
};

export function isWorkingDay(calendar: WorkCalendar, instantMs: number): boolean {
  const key = localDateKey(instantMs);
  if (calendar.makeUpWorkingDays.includes(key)) return true;
  if (calendar.holidays.includes(key)) return false;
  const { weekday } = localParts(instantMs);
  return weekday !== 0 && weekday !== 6;
}

function officeMinutes(officeHour: string): number {
  const [h, m] = officeHour.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

// A year of consecutive days off does not exist; the bound only stops a misconfigured
// calendar (every day a holiday) from looping forever inside a workflow task.
const MAX_SEARCH_DAYS = 366;

/**
 * The instant a message nominally due at `nominalMs` is delivered.
 * - `later`: the first office hour on a working day at or after the nominal instant
 *   (overdue notices, urging, escalation: never before the event they report).
 * - `earlier`: the office hour of the nominal local day, or of the working day before it
 *   (reminders: a reminder that would fall on a Sunday goes out on Friday, not after it).
 */
export function deliveryInstant(
  calendar: WorkCalendar,
  nominalMs: number,
  direction: 'earlier' | 'later',
): number {
  if (calendar.officeHour === null) return nominalMs;
  const offset = officeMinutes(calendar.officeHour) * 60_000;
  let candidate = localMidnight(nominalMs) + offset;
  if (direction === 'later' && candidate < nominalMs) candidate += DAY_MS;
  const step = direction === 'later' ? DAY_MS : -DAY_MS;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    if (isWorkingDay(calendar, candidate)) return candidate;
    candidate += step;
  }
  throw new Error('The work calendar has no working day within a year');
}
