// The "Thời gian" column of an assignment table, and the reporting sections of a plan, say
// when something is due in Vietnamese prose: "trước ngày 17/9/2022", "Quý I/2021",
// "trước ngày 20/6 hàng năm", "định kỳ 6 tháng", "Giai đoạn 2021 - 2025". This module reads
// those phrases into rules and expands rules into dated instances. It refuses what it cannot
// read rather than guessing: a wrong deadline chases the wrong people on the wrong day.
//
// Pure and deterministic (no Intl time zones, no I/O) so workflow code may import it.
import { stripMarks } from './text.ts';
import { formatDate, localInstant } from './local-time.ts';

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/**
 * `before`: overdue from 00:00 local on the date ("trước ngày 20/6").
 * `by`: the date itself is still allowed; overdue from 00:00 the next day ("ngày 20/6").
 */
export type DueMode = 'before' | 'by';

export type DueRule =
  | { kind: 'once'; date: LocalDate; mode: DueMode }
  | {
      kind: 'yearly';
      /** `label` names the instance within its year (period `2023-Q1`); see dueInstances. */
      dates: { month: number; day: number; mode: DueMode; label?: string }[];
    }
  | { kind: 'monthly'; day: number | 'end'; mode: DueMode }
  | { kind: 'semiannual'; dates: { month: number; day: number; mode: DueMode }[] }
  | { kind: 'period'; from: number; to: number };

export type ParseResult = { ok: true; rule: DueRule } | { ok: false; error: string };

export interface DueInstance {
  /** `2023`, `2023-H1`, `2023-01`, `2023-Q1`, `2023-2`: unique within one rule. */
  period: string;
  /** UTC ms of the instant the instance becomes overdue. */
  dueAt: number;
  /** dd/mm/yyyy of the last allowed day. */
  label: string;
}

/** The instant a deadline passes: 00:00 local on the date (before) or the day after (by). */
export function deadlineInstant(date: LocalDate, mode: DueMode): number {
  return localInstant(date.year, date.month, date.day + (mode === 'before' ? 0 : 1));
}

// ---------------------------------------------------------------------------------------
// Reading phrases

class PhraseError extends Error {}

interface DayMonth {
  day: number;
  month: number;
  mode: DueMode;
  year?: number;
  label?: string;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

const isLeapYear = (year: number): boolean => daysInMonth(year, 2) === 29;

const QUARTERS: Record<string, number> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};

const HELP =
  'expected e.g. "trước ngày 20/6/2023", "ngày 20/6/2023", "Quý I/2021", "trong tháng 9/2022", ' +
  '"trước ngày 20/6 hàng năm", "hàng tháng", "định kỳ 6 tháng" or "Giai đoạn 2021 - 2025"';

/**
 * Matching works on a folded copy: lowercase, no diacritics, one space. Typed documents
 * misplace tone marks ("Qúy I/2021" in the Tu Mơ Rông plan) and mix "hằng năm"/"hàng năm";
 * folding makes those the same words. Error messages quote the original text instead.
 */
function fold(text: string): string {
  const s = stripMarks(text)
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?([/-]) ?/g, '$1') // "08 /9/2022", "2021 - 2025"
    .trim();
  // Trailing punctuation from the sentence the phrase was cut from, and wrapping parens.
  return dropTrailingPunctuation(s)
    .replace(/^\(([^()]*)\)$/, '$1')
    .trim();
}

/**
 * A loop rather than /[\s.,;:!]+$/: that regex rescans a run of punctuation from each of its
 * characters when something else follows the run, so a long cell of ".,.,…x" took seconds
 * to fold (quadratic; found by test/fuzz/due-phrase.test.ts). Whitespace is single spaces here.
 */
function dropTrailingPunctuation(s: string): string {
  let end = s.length;
  while (end > 0 && ' .,;:!'.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

// How a date is introduced. Only "trước" (before) excludes the date itself; "ngày", "đến
// ngày", "hạn ngày", "chậm nhất ngày" and a bare date all allow it.
const MODE = String.raw`truoc ngay|truoc|den het ngay|den ngay|den|han chot(?: la)? ngay|han chot|han ngay|han|cham nhat(?: la| vao)? ngay|cham nhat|vao ngay|trong ngay|ngay`;
const modeOf = (word: string | undefined): DueMode | undefined =>
  word === undefined ? undefined : word.startsWith('truoc') ? 'before' : 'by';

// One date: "17/9/2022", "17-9-2022", "17.9.2022", "17/9", "17 tháng 9 năm 2022", "17 tháng 9".
const DATE_ITEM = new RegExp(
  String.raw`^(?:(${MODE}) )?(\d{1,2})(?:[/.-](\d{1,2})(?:[/.-](\d{4}))?| thang (\d{1,2})(?: nam (\d{4}))?)$`,
);
// "Quý I/2021", "trong quý 1 năm 2021", "Quý IV": by the quarter's last day.
const QUARTER = /^(?:trong |cuoi )?quy (iv|iii|ii|i|[1-4])(?:\/(\d{4})| nam (\d{4}))?$/;
// "trong tháng 9/2022", "tháng 9 năm 2022", "cuối tháng 9": by the month's last day.
const MONTH = /^(?:trong |cuoi )?thang (\d{1,2})(?:\/(\d{4})| nam (\d{4}))?$/;
// "trong năm 2022", "cuối năm 2021": by 31/12 of that year.
const YEAR = /^(?:trong |cuoi )?nam (\d{4})$/;

/** One point in a year, or a list of dates ("trước ngày 14/6 và trước ngày 09/12"). */
function readWhen(s: string, yearHint?: number): DayMonth[] {
  let m = QUARTER.exec(s);
  if (m) {
    const month = QUARTERS[m[1]!]! * 3;
    const year = num(m[2] ?? m[3]);
    return [{ month, day: lastDay(month), mode: 'by', ...(year !== undefined ? { year } : {}) }];
  }
  m = MONTH.exec(s);
  if (m) {
    const month = Number(m[1]);
    const year = num(m[2] ?? m[3]);
    if (month < 1 || month > 12) throw new PhraseError(`there is no month ${month}`);
    const day = lastDay(month, year ?? yearHint);
    return [{ month, day, mode: 'by', ...(year !== undefined ? { year } : {}) }];
  }
  m = YEAR.exec(s);
  if (m) return [{ month: 12, day: 31, mode: 'by', year: Number(m[1]) }];

  // A list of dates joined by commas, semicolons or "và"; a date without its own "trước"
  // or "ngày" takes the previous one's ("trước ngày 14/6 và 09/12": both before).
  const items = s.split(/ ?[,;] ?| va /).filter((x) => x !== '');
  if (items.length === 0) throw new PhraseError(`no date given; ${HELP}`);
  const out: DayMonth[] = [];
  let mode: DueMode = 'by';
  for (const item of items) {
    const d = DATE_ITEM.exec(item);
    if (!d) throw new PhraseError(`not a time phrase this reader knows; ${HELP}`);
    mode = modeOf(d[1]) ?? mode;
    const year = num(d[4] ?? d[6]);
    out.push({
      day: Number(d[2]),
      month: Number(d[3] ?? d[5]),
      mode,
      ...(year !== undefined ? { year } : {}),
    });
  }
  return out;
}

// A year written as 0000 is still written: the readers above test `year !== undefined`, since
// a truthiness test took it for no year and silently put the deadline in the plan's year
// (found by test/fuzz/due-phrase.test.ts).
const num = (v: string | undefined): number | undefined =>
  v === undefined ? undefined : Number(v);

/** Last day of a month; February without a year is only known to be the 28th or 29th. */
function lastDay(month: number, year?: number): number {
  if (year !== undefined) return daysInMonth(year, month);
  if (month === 2) throw new PhraseError('the end of February depends on the year');
  return daysInMonth(2023, month);
}

function checkDate(d: DayMonth, year: number | undefined): void {
  const dm = `${d.day}/${d.month}`;
  if (d.month < 1 || d.month > 12) {
    throw new PhraseError(`${dm} is not a date (there is no month ${d.month})`);
  }
  const name = MONTH_NAMES[d.month - 1]!;
  if (d.day < 1 || d.day > 31) throw new PhraseError(`${dm} is not a date`);
  if (d.month === 2 && d.day === 29) {
    if (year === undefined) {
      throw new PhraseError(
        `29/2 is not a date every year (February has 28 days outside leap years)`,
      );
    }
    if (!isLeapYear(year)) {
      throw new PhraseError(`29/2/${year} is not a date (${year} is not a leap year)`);
    }
    return;
  }
  const max = daysInMonth(2024, d.month);
  if (d.day > max) throw new PhraseError(`${dm} is not a date (${name} has ${max} days)`);
}

function yearlyDates(s: string): DayMonth[] {
  const dates = readWhen(s);
  for (const d of dates) {
    if (d.year !== undefined) {
      throw new PhraseError(`gives the year ${d.year} but also says the duty recurs every year`);
    }
    checkDate(d, undefined);
  }
  return dates;
}

const strip = ({ month, day, mode, label }: DayMonth) => ({
  month,
  day,
  mode,
  ...(label === undefined ? {} : { label }),
});

// Recurrence words. "hằng"/"hàng" both fold to "hang"; "định kỳ" (periodically) may precede.
// "Giai đoạn 2021 - 2025": the product is due every year of the stage, by 31/12.
const PERIOD = /^giai doan (\d{4})-(\d{4})$/;
// "hàng tháng", "định kỳ hàng tháng"; with a day: "trước ngày 25 hàng tháng", "hàng tháng, ngày 5".
const MONTHLY = /^(?:dinh ky )?hang thang$/;
const MONTHLY_DAY = new RegExp(
  String.raw`^(?:(?:(${MODE}) )?(\d{1,2}) hang thang|hang thang[:,]? (?:(${MODE}) )?(\d{1,2}))$`,
);
// "định kỳ 6 tháng", "6 tháng một lần", "hàng 6 tháng", optionally followed by its two dates.
const SEMIANNUAL =
  /^(?:dinh ky 6 thang|6 thang (?:mot|1) lan|hang 6 thang)(?: hang nam)?(?:[:,]? (.*))?$/;
// Tu Mơ Rông: "định kỳ 6 tháng (trước ngày 14/6) năm (trước ngày 09/12)": the 6-month and
// the annual report, which together are the two half-yearly deadlines.
// The parts hold no parentheses: with `.+` each ")" was a place to backtrack to, which made a
// long "(…), năm (…), năm (…" quadratic (found by test/fuzz/due-phrase.test.ts).
const SIX_MONTH_AND_YEAR = /^\(([^()]+)\),? (?:va )?(?:ca )?nam \(([^()]+)\)$/;
// "hàng quý": four yearly deadlines, at the end of each quarter.
const QUARTERLY = /^(?:dinh ky )?hang quy$/;
// "hàng năm" before ("Hàng năm: trước ngày 20/6") or after ("trước ngày 20/6 hàng năm").
const YEARLY_ALONE = /^(?:dinh ky )?hang nam$/;
const YEARLY_PREFIX = /^(?:dinh ky )?hang nam[:,]? (.+)$/;
const YEARLY_SUFFIX = /^(.+?),? (?:vao )?hang nam$/;

function read(s: string, opts: { year?: number }): DueRule {
  let m = PERIOD.exec(s);
  if (m) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (from > to) throw new PhraseError(`the stage ends (${to}) before it starts (${from})`);
    return { kind: 'period', from, to };
  }

  if (MONTHLY.test(s)) return { kind: 'monthly', day: 'end', mode: 'by' };
  m = MONTHLY_DAY.exec(s);
  if (m) {
    const day = Number(m[2] ?? m[4]);
    if (day < 1 || day > 31) throw new PhraseError(`there is no day ${day} in a month`);
    return { kind: 'monthly', day, mode: modeOf(m[1] ?? m[3]) ?? 'by' };
  }

  m = SEMIANNUAL.exec(s);
  if (m) {
    const rest = m[1];
    if (rest === undefined) {
      return {
        kind: 'semiannual',
        dates: [
          { month: 6, day: 30, mode: 'by' },
          { month: 12, day: 31, mode: 'by' },
        ],
      };
    }
    const pair = SIX_MONTH_AND_YEAR.exec(rest);
    const dates = yearlyDates(pair ? `${pair[1]} va ${pair[2]}` : fold(rest));
    const [h1, h2] = dates;
    if (dates.length !== 2 || !h1 || !h2 || h1.month > 6 || h2.month < 7) {
      throw new PhraseError(
        'a six-monthly duty needs two dates, one in January–June and one in July–December',
      );
    }
    return { kind: 'semiannual', dates: dates.map(strip) };
  }

  if (QUARTERLY.test(s)) {
    return {
      kind: 'yearly',
      dates: [3, 6, 9, 12].map((month, i) => ({
        month,
        day: daysInMonth(2023, month),
        mode: 'by' as const,
        label: `Q${i + 1}`,
      })),
    };
  }

  // A bare "hàng năm" is read like a stage: within each year, by 31/12.
  if (YEARLY_ALONE.test(s)) return { kind: 'yearly', dates: [{ month: 12, day: 31, mode: 'by' }] };
  m = YEARLY_PREFIX.exec(s) ?? YEARLY_SUFFIX.exec(s);
  if (m) return { kind: 'yearly', dates: yearlyDates(m[1]!).map(strip) };

  // Otherwise a one-off deadline, which needs a year: its own or the plan's.
  const dates = readWhen(s, opts.year);
  if (dates.length > 1) {
    throw new PhraseError(
      `gives ${dates.length} dates but no "hàng năm"; a one-off duty has one deadline`,
    );
  }
  const d = dates[0]!;
  const year = d.year ?? opts.year;
  if (year === undefined) {
    throw new PhraseError(
      'gives no year (write it, e.g. 20/6/2023, add "hàng năm", or read it with the plan\'s year)',
    );
  }
  checkDate(d, year);
  return { kind: 'once', date: { year, month: d.month, day: d.day }, mode: d.mode };
}

/**
 * Read a Vietnamese time phrase. `opts.year` supplies the year for a one-off date written
 * without one ("trước ngày 20/6"); recurring phrases ignore it.
 */
export function parseDuePhrase(text: string, opts: { year?: number } = {}): ParseResult {
  const s = fold(text);
  if (s === '') return { ok: false, error: 'empty time phrase' };
  try {
    return { ok: true, rule: read(s, opts) };
  } catch (e) {
    if (!(e instanceof PhraseError)) throw e;
    return { ok: false, error: `"${text.trim().replace(/\s+/g, ' ')}": ${e.message}` };
  }
}

// ---------------------------------------------------------------------------------------
// Expanding rules

const pad = (n: number): string => String(n).padStart(2, '0');

/** Dates within a year, earliest first (a copy; the rule keeps the order written). */
const inYearOrder = <T extends { month: number; day: number }>(dates: readonly T[]): T[] =>
  [...dates].sort((a, b) => a.month - b.month || a.day - b.day);

function instance(period: string, date: LocalDate, mode: DueMode): DueInstance {
  const dueAt = deadlineInstant(date, mode);
  return { period, dueAt, label: formatDate(dueAt - 1) };
}

/**
 * The dated instances of a rule for the years `period.from`…`period.to` (inclusive), sorted
 * by due instant. The window filters every kind alike, so asking for one year gives that
 * year's instances (a one-off whose year is outside the window gives none; a stage gives the
 * years it shares with the window). Periods: the year for one-offs, stages and single-date
 * yearly rules; `2023-<label>` for a labelled yearly date, else `2023-1`, `2023-2`… in date
 * order when a yearly rule has several dates; `2023-H1` (the earlier date) and `2023-H2`;
 * `2023-01`…`2023-12`.
 * A monthly day past the month's end (31 in April) falls on the month's last day.
 */
export function dueInstances(rule: DueRule, period: { from: number; to: number }): DueInstance[] {
  const out: DueInstance[] = [];
  const inWindow = (y: number): boolean => y >= period.from && y <= period.to;
  const years = (from: number, to: number): number[] => {
    const ys: number[] = [];
    for (let y = Math.max(from, period.from); y <= Math.min(to, period.to); y++) ys.push(y);
    return ys;
  };
  switch (rule.kind) {
    case 'once':
      if (inWindow(rule.date.year))
        out.push(instance(String(rule.date.year), rule.date, rule.mode));
      break;
    case 'yearly':
      for (const year of years(period.from, period.to)) {
        inYearOrder(rule.dates).forEach((d, i) => {
          const name =
            d.label !== undefined
              ? `${year}-${d.label}`
              : rule.dates.length > 1
                ? `${year}-${i + 1}`
                : String(year);
          out.push(instance(name, { year, month: d.month, day: d.day }, d.mode));
        });
      }
      break;
    case 'monthly':
      for (const year of years(period.from, period.to)) {
        for (let month = 1; month <= 12; month++) {
          const last = daysInMonth(year, month);
          const day = rule.day === 'end' ? last : Math.min(rule.day, last);
          out.push(instance(`${year}-${pad(month)}`, { year, month, day }, rule.mode));
        }
      }
      break;
    case 'semiannual':
      for (const year of years(period.from, period.to)) {
        inYearOrder(rule.dates).forEach((d, i) => {
          out.push(instance(`${year}-H${i + 1}`, { year, month: d.month, day: d.day }, d.mode));
        });
      }
      break;
    case 'period':
      for (const year of years(rule.from, rule.to)) {
        out.push(instance(String(year), { year, month: 12, day: 31 }, 'by'));
      }
      break;
  }
  return out;
}
