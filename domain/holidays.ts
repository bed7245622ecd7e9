// Vietnam's public holidays for civil servants, by year: the days Bộ luật Lao động 2019
// (Điều 112, khoản 1) fixes — the lunar ones in the Vietnamese lunar calendar, reckoned at
// UTC+7 (it differs from the Chinese one in some years, e.g. Tết 2007 and 2030) — with the
// day off in lieu (nghỉ bù, Điều 111 khoản 3) when one falls on a weekend, and the year's
// announced schedule (the Prime Minister's decision on the Tết and Quốc khánh days, bridges
// and make-up Saturdays) laid over them. Pure: the announced schedule is passed in
// (plans/national-calendar.ts reads it from data/holidays/vn.json), so this runs anywhere.
import * as vnLunar from '@dqcai/vn-lunar';
import { z } from 'zod';

// The package's declarations re-export without file extensions, which `nodenext` resolution
// cannot follow: its two conversions are typed here (day, month, year; Vietnamese calendar).
interface YMD {
  day: number;
  month: number;
  year: number;
}
const { getLunarDate, getSolarDate } = vnLunar as unknown as {
  getLunarDate: (day: number, month: number, year: number) => YMD & { leap: boolean };
  getSolarDate: (day: number, month: number, year: number, leap?: boolean) => YMD;
};

export const HOLIDAY_KEYS = [
  'tet-duong-lich',
  'tet-nguyen-dan',
  'gio-to-hung-vuong',
  'chien-thang',
  'quoc-te-lao-dong',
  'quoc-khanh',
] as const;
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

export const HOLIDAY_NAMES: Record<HolidayKey, { vi: string; en: string }> = {
  'tet-duong-lich': { vi: 'Tết Dương lịch', en: "New Year's Day" },
  'tet-nguyen-dan': { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' },
  'gio-to-hung-vuong': {
    vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    en: "Hùng Kings' Commemoration Day (10th of the 3rd lunar month)",
  },
  'chien-thang': { vi: 'Ngày Chiến thắng (30/4)', en: 'Reunification Day (30 April)' },
  'quoc-te-lao-dong': { vi: 'Ngày Quốc tế lao động (1/5)', en: "International Workers' Day" },
  'quoc-khanh': { vi: 'Quốc khánh (2/9)', en: 'National Day (2 September)' },
};

/**
 * - `holiday`: a day the law names (it stays one on a weekend);
 * - `in-lieu`: the working day after a holiday that fell on a weekend (nghỉ bù);
 * - `announced`: a working day the year's announcement gives off (bridge, swap, nghỉ bù moved);
 * - `weekend`: a Saturday or Sunday inside an announced period.
 */
export type DayOffKind = 'holiday' | 'in-lieu' | 'announced' | 'weekend';

export interface DayOff {
  /** Local date yyyy-mm-dd. */
  date: string;
  holiday: HolidayKey;
  kind: DayOffKind;
  /** The lunar date of a Tết day (e.g. 30 of month 12, 1 of month 1). */
  lunar?: { day: number; month: number };
  /** The announcement was not known when the data file was written: the days are expected. */
  estimate: boolean;
}

export interface MakeUpDay {
  date: string;
  holiday: HolidayKey;
  estimate: boolean;
}

export interface NationalYear {
  year: number;
  /** Every day off, by date; weekends only where they are a holiday or in an announced period. */
  daysOff: DayOff[];
  /** Saturdays (or Sundays) worked in exchange for a bridge. */
  makeUpWorkingDays: MakeUpDay[];
  /** Whether the data file holds the year's announced schedule (else: the law's rules only). */
  announced: boolean;
  /** The announcement(s) the year's entry follows. */
  source?: string | undefined;
}

// ---------------------------------------------------------------------------------------
// The data file's schema: per year, the announced periods that replace the law's default
// days of the holidays they cover.

const localDate = z.iso.date();
const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string): boolean => {
  const d = weekdayOf(date);
  return d === 0 || d === 6;
};

export const AnnouncedPeriod = z
  .object({
    holidays: z.array(z.enum(HOLIDAY_KEYS)).min(1).max(HOLIDAY_KEYS.length),
    from: localDate,
    to: localDate,
    makeUpWorkingDays: z.array(localDate).max(5).default([]),
    estimate: z.boolean().default(false),
    note: z.string().max(500).optional(),
  })
  .refine((p) => p.from <= p.to, { message: 'the period ends before it starts', path: ['to'] })
  .refine((p) => daysBetween(p.from, p.to) < 16, {
    message: 'a period of days off is at most 16 days',
    path: ['to'],
  })
  .refine((p) => p.makeUpWorkingDays.every(isWeekend), {
    message: 'a make-up working day is a Saturday or a Sunday',
    path: ['makeUpWorkingDays'],
  });
export type AnnouncedPeriod = z.infer<typeof AnnouncedPeriod>;

export const AnnouncedYear = z
  .object({
    year: z.int().min(2000).max(2100),
    source: z.string().max(1000).optional(),
    periods: z.array(AnnouncedPeriod).max(12),
  })
  .refine(
    (y) =>
      y.periods.every(
        (p) =>
          Number(p.from.slice(0, 4)) >= y.year - 1 &&
          Number(p.to.slice(0, 4)) <= y.year + 1 &&
          p.makeUpWorkingDays.every((d) => Math.abs(Number(d.slice(0, 4)) - y.year) <= 1),
      ),
    { message: "a period's dates lie within a year of the year it belongs to" },
  );
export type AnnouncedYear = z.infer<typeof AnnouncedYear>;

export const HolidayData = z
  .object({
    $comment: z.string().optional(),
    years: z.array(AnnouncedYear).max(200),
  })
  .refine((d) => new Set(d.years.map((y) => y.year)).size === d.years.length, {
    message: 'each year appears once',
    path: ['years'],
  });
export type HolidayData = z.infer<typeof HolidayData>;

// ---------------------------------------------------------------------------------------
// Calendar arithmetic on local dates (yyyy-mm-dd), in UTC so no time zone enters.

const iso = (y: number, m: number, d: number): string =>
  new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 = Sunday … 6 = Saturday. */
export const weekday = weekdayOf;

/** The first day (mùng 1 tháng Giêng) of lunar year `year`, in the Vietnamese calendar. */
export function tetDate(year: number): string {
  const s = getSolarDate(1, 1, year);
  return iso(s.year, s.month, s.day);
}

/** 10th of the 3rd lunar month (not the leap one). */
export function hungKingsDate(year: number): string {
  const s = getSolarDate(10, 3, year, false);
  return iso(s.year, s.month, s.day);
}

function lunarOf(date: string): { day: number; month: number } {
  const [y, m, d] = date.split('-').map(Number);
  const l = getLunarDate(d ?? 1, m ?? 1, y ?? 2000);
  return { day: l.day, month: l.month };
}

/**
 * The day Quốc khánh's second day falls on when the year's decision is not known: the
 * neighbour that joins 2/9 to a weekend (2021: 3/9, 2022: 1/9, 2023: 1/9, 2024: 3/9, 2025:
 * 1/9 were so decided); a Wednesday takes the day before.
 */
function nationalDaySecond(year: number): string {
  const sept2 = iso(year, 9, 2);
  const after = [1, 4, 0].includes(weekday(sept2));
  return addDays(sept2, after ? 1 : -1);
}

interface LawDay {
  date: string;
  holiday: HolidayKey;
}

/** The days Điều 112 khoản 1 names for `year`, by date. */
export function statutoryDays(year: number): LawDay[] {
  const tet = tetDate(year);
  const days: LawDay[] = [
    { date: iso(year, 1, 1), holiday: 'tet-duong-lich' },
    // The law gives five days; in practice the last day of the old year and mùng 1–4.
    ...[-1, 0, 1, 2, 3].map((k) => ({ date: addDays(tet, k), holiday: 'tet-nguyen-dan' as const })),
    { date: hungKingsDate(year), holiday: 'gio-to-hung-vuong' },
    { date: iso(year, 4, 30), holiday: 'chien-thang' },
    { date: iso(year, 5, 1), holiday: 'quoc-te-lao-dong' },
    { date: iso(year, 9, 2), holiday: 'quoc-khanh' },
    { date: nationalDaySecond(year), holiday: 'quoc-khanh' },
  ];
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** The law's days with their days in lieu: each weekend holiday gives the next free working day. */
function lawDaysOff(year: number): DayOff[] {
  const law = statutoryDays(year);
  const taken = new Set(law.map((d) => d.date));
  const out: DayOff[] = law.map((d) => ({ ...d, kind: 'holiday', estimate: false }));
  for (const d of law) {
    if (!isWeekend(d.date)) continue;
    let next = addDays(d.date, 1);
    while (isWeekend(next) || taken.has(next)) next = addDays(next, 1);
    taken.add(next);
    out.push({ date: next, holiday: d.holiday, kind: 'in-lieu', estimate: false });
  }
  return out;
}

/**
 * The year's days off and make-up days: the law's, with each announced period replacing the
 * law's days (and days in lieu) of the holidays it covers.
 */
export function nationalYear(year: number, announced?: AnnouncedYear): NationalYear {
  const law = statutoryDays(year);
  let daysOff = lawDaysOff(year);
  const makeUp: MakeUpDay[] = [];
  for (const p of announced?.periods ?? []) {
    daysOff = daysOff.filter((d) => !p.holidays.includes(d.holiday));
    for (let date = p.from; date <= p.to; date = addDays(date, 1)) {
      const lawDay = law.find((d) => d.date === date && p.holidays.includes(d.holiday));
      daysOff.push({
        date,
        holiday: lawDay?.holiday ?? p.holidays[0] ?? 'tet-nguyen-dan',
        kind: lawDay ? 'holiday' : isWeekend(date) ? 'weekend' : 'announced',
        estimate: p.estimate,
      });
    }
    for (const date of p.makeUpWorkingDays) {
      makeUp.push({ date, holiday: p.holidays[0] ?? 'tet-nguyen-dan', estimate: p.estimate });
    }
  }
  // One entry per date (two periods or a period and a law day may meet): the law's day first.
  const rank: Record<DayOffKind, number> = { holiday: 0, 'in-lieu': 1, announced: 2, weekend: 3 };
  const byDate = new Map<string, DayOff>();
  for (const d of daysOff.sort((a, b) => rank[a.kind] - rank[b.kind])) {
    if (!byDate.has(d.date)) byDate.set(d.date, d);
  }
  const sorted = [...byDate.values()]
    .map((d) => (d.holiday === 'tet-nguyen-dan' ? { ...d, lunar: lunarOf(d.date) } : d))
    .sort((a, b) => a.date.localeCompare(b.date));
  return {
    year,
    daysOff: sorted,
    makeUpWorkingDays: makeUp.sort((a, b) => a.date.localeCompare(b.date)),
    announced: announced !== undefined,
    source: announced?.source,
  };
}

/** The national days off and make-up days of one year, as a source of them (see plans/). */
export type NationalSource = (year: number) => NationalYear;

/** A local date yyyy-mm-dd moved `years` years; none for a 29 February with no twin. */
function moveDate(date: string, years: number): string | undefined {
  const y = Number(date.slice(0, 4)) + years;
  const moved = iso(y, Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  return moved.slice(5) === date.slice(5) ? moved : undefined;
}

/** Local dates moved `years` years, a 29 February with no twin dropped. */
export const shiftDates = (dates: readonly string[], years: number): string[] =>
  dates.flatMap((d) => moveDate(d, years) ?? []);

/**
 * A source for a "shadow" year (simulation/shift.ts): year `s` answers with the real year
 * `s - shift`, every date moved `shift` years — the same move as every other instant, so a
 * report moved back falls on the real year's days, never on the shadow year's own holidays.
 */
export function shiftedSource(source: NationalSource, shift: number): NationalSource {
  const moveAll = <T extends { date: string }>(days: T[]): T[] =>
    days.flatMap((d) => {
      const date = moveDate(d.date, shift);
      return date ? [{ ...d, date }] : [];
    });
  return (s) => {
    const real = source(s - shift);
    return {
      ...real,
      year: s,
      daysOff: moveAll(real.daysOff),
      makeUpWorkingDays: moveAll(real.makeUpWorkingDays),
    };
  };
}

export interface CalendarDays {
  officeHour: string | null;
  holidays: readonly string[];
  makeUpWorkingDays: readonly string[];
}

/**
 * A duty's calendar for a cycle year: the plan's own days (its local holidays, which stay)
 * and the national days of the years its ladder can reach (the year before, for reminders of
 * an early deadline, to the year after, for urges of a late one). Weekend days off are left
 * out (they are off anyway); a plan's holiday wins over a national make-up day.
 */
export function dutyCalendar<C extends CalendarDays>(
  plan: C,
  year: number,
  source: NationalSource,
): C & { holidays: string[]; makeUpWorkingDays: string[] } {
  const from = `${year - 1}-01-01`;
  const to = `${year + 1}-12-31`;
  const within = (d: string) => d >= from && d <= to;
  const national = [year - 1, year, year + 1].map(source);
  const holidays = new Set([
    ...national.flatMap((n) => n.daysOff.map((d) => d.date)).filter((d) => !isWeekend(d)),
    ...plan.holidays,
  ]);
  const planHolidays = new Set(plan.holidays);
  const makeUp = new Set([
    ...national
      .flatMap((n) => n.makeUpWorkingDays.map((d) => d.date))
      .filter((d) => !planHolidays.has(d)),
    ...plan.makeUpWorkingDays,
  ]);
  return {
    ...plan,
    holidays: [...holidays].filter(within).sort(),
    makeUpWorkingDays: [...makeUp].filter(within).sort(),
  };
}
