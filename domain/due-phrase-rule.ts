// The rules a time phrase reads into (domain/due-phrase.ts), and the calendar arithmetic
// they need. Pure: no Intl, no Date time zones, no I/O.

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

/**
 * A date within every year. `label` tags the instance within its year (period `2023-Q1`,
 * `2023-H1`, `2023-09`): set when several deadlines of a cell are quarters, halves or months.
 * `name` is the plan's own word for the instance ("báo cáo 06 tháng"), as written.
 * `next`: the date falls in the year after the one the instance is for ("trước ngày 15/01 năm
 * sau": the report on 2023 is due 15/01/2024, and is the 2023 instance).
 */
export interface YearlyDate {
  month: number;
  day: number;
  mode: DueMode;
  label?: string;
  name?: string;
  next?: true;
}

/**
 * One deadline of a cell that lists several one-off deadlines. `forYear`: the year the
 * deadline reports on, when it is not the date's own ("trước ngày 05/01/2024 (báo cáo năm)"
 * after the six-month report of 2023 is the annual report on 2023).
 */
export interface DatedDeadline {
  date: LocalDate;
  mode: DueMode;
  label?: string;
  name?: string;
  forYear?: number;
}

/**
 * Why a standing duty has no date: done all the time, when asked, ad hoc, or on a schedule
 * set elsewhere ("Theo kế hoạch", "Theo tiến độ").
 */
export type StandingBasis = 'continuous' | 'on-request' | 'ad-hoc' | 'scheduled';

/**
 * A recurring duty that is also standing: "Thường xuyên, hàng năm", "Định kỳ hằng năm và đột
 * xuất" are due every year and besides all the time, or whenever something comes up. The
 * dated instances are the recurring ones; `also` notes the rest for people to read.
 */
interface AlsoStanding {
  also?: StandingBasis;
}

export type DueRule =
  /** One deadline: "trước ngày 17/9/2022", "Quý I/2021", "cuối năm 2021". */
  | { kind: 'once'; date: LocalDate; mode: DueMode; name?: string }
  /** Several one-off deadlines: "Quý I, II/2024", "ngày 20/5/2024 (…) và ngày 30/10/2024 (…)". */
  | { kind: 'dates'; dates: DatedDeadline[] }
  /**
   * Every year on the dates: "trước ngày 20/6 hàng năm". `from`: the first year owed, when
   * the phrase writes one ("Trước ngày 30/11/2022 hàng năm" owes nothing before 2022).
   */
  | ({ kind: 'yearly'; dates: YearlyDate[]; from?: number } & AlsoStanding)
  /**
   * Every month ("hàng tháng", "trước ngày 25 hàng tháng"), or every `every` months, by the
   * end of months every, 2·every, … ("định kỳ 2 tháng": February, April, …). `next`: the day
   * falls in the month after the one the instance is for ("trước ngày 05 tháng sau").
   */
  | ({
      kind: 'monthly';
      day: number | 'end';
      mode: DueMode;
      next?: true;
      every?: number;
    } & AlsoStanding)
  /**
   * Two deadlines a year, one per half: "định kỳ 6 tháng", or the six-month and the annual
   * report ("báo cáo 6 tháng … báo cáo năm …"), in that order. `from` as for yearly.
   */
  | ({
      kind: 'semiannual';
      dates: { month: number; day: number; mode: DueMode; name?: string; next?: true }[];
      from?: number;
    } & AlsoStanding)
  /** "Giai đoạn 2021 - 2025": the product is due every year of the stage, by 31/12. */
  | ({ kind: 'period'; from: number; to: number } & AlsoStanding)
  /** "Thường xuyên", "Theo yêu cầu", "Đột xuất": a duty with no dated instance. */
  | { kind: 'standing'; basis: StandingBasis };

export type DueRuleKind = DueRule['kind'];

/** Every kind of rule, for consumers that switch over them. */
export const DUE_RULE_KINDS = [
  'once',
  'dates',
  'yearly',
  'monthly',
  'semiannual',
  'period',
  'standing',
] as const satisfies readonly DueRuleKind[];

// A compile-time check that the list names every kind.
type Missing = Exclude<DueRuleKind, (typeof DUE_RULE_KINDS)[number]>;
export const ALL_KINDS_LISTED: Missing extends never ? true : never = true;

export const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The longest a month can be in any year (29 for February). */
export const maxDaysInMonth = (month: number): number => (month === 2 ? 29 : daysInMonth(1, month));

export const pad2 = (n: number): string => String(n).padStart(2, '0');
