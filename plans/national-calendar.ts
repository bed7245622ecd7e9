// The national calendar as the service uses it: the law's holidays (domain/holidays.ts) with
// each year's announced schedule from data/holidays/vn.json, read outside any workflow and
// checked at load. The file is read again when it changes, so a new year's announcement is
// an edit of the file, not of the code. Duties get the result in their input (WorkCalendar),
// which keeps the workflows deterministic.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  dutyCalendar,
  HolidayData,
  nationalYear as lawAndAnnounced,
  type CalendarDays,
  type NationalSource,
  type NationalYear,
} from '../domain/holidays.ts';

export const HOLIDAY_FILE = fileURLToPath(new URL('../data/holidays/vn.json', import.meta.url));

let cached: { file: string; mtimeMs: number; data: HolidayData } | undefined;

/** The data file, parsed; a malformed file is an error naming what is wrong, never ignored. */
export function holidayData(file = HOLIDAY_FILE): HolidayData {
  const { mtimeMs } = statSync(file);
  if (cached?.file === file && cached.mtimeMs === mtimeMs) return cached.data;
  const parsed = HolidayData.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${file} is not a valid holiday file: ${why}`);
  }
  cached = { file, mtimeMs, data: parsed.data };
  return parsed.data;
}

/** Vietnam's days off and make-up days of `year`, as announced (or by the law's rules). */
export const nationalYear: NationalSource = (year: number): NationalYear =>
  lawAndAnnounced(
    year,
    holidayData().years.find((y) => y.year === year),
  );

/** The calendar a duty of `year` carries: the plan's own days with the national ones. */
export function calendarForYear<C extends CalendarDays>(
  plan: C,
  year: number,
  source: NationalSource = nationalYear,
) {
  return dutyCalendar(plan, year, source);
}
