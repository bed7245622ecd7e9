// The time-skipping server's clock starts at today and only moves forward, so a plan's past
// (or this) year is simulated in a future "shadow" year with the same calendar — same
// weekday for every date, same leap day — and every instant is moved back for the report.
import { localInstant, localParts } from '../domain/local-time.ts';

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const jan1 = (y: number): number => new Date(Date.UTC(y, 0, 1)).getUTCDay();

export function shadowYearOf(year: number, after: number): number {
  for (let y = after + 1; y < after + 60; y++) {
    if (isLeap(y) === isLeap(year) && jan1(y) === jan1(year)) return y;
  }
  throw new Error(`no year after ${after} has the calendar of ${year}`);
}

/** The same local wall-clock time, `years` later (or earlier when negative). */
export function shiftYears(instantMs: number, years: number): number {
  const p = localParts(instantMs);
  return (
    localInstant(p.year + years, p.month, p.day, p.hour, p.minute) +
    p.second * 1000 +
    (instantMs % 1000)
  );
}

export const shiftIso = (iso: string, years: number): string =>
  new Date(shiftYears(Date.parse(iso), years)).toISOString();

/** "2023", "2023-H1", "2023-06": the period label moved with the year. */
export const shiftPeriod = (period: string, years: number): string =>
  period.replace(/^(\d{4})/, (y) => String(Number(y) + years));
