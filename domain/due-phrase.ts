// The "Thời gian" column of an assignment table, and the reporting sections of a plan, say
// when something is due in Vietnamese prose: "trước ngày 17/9/2022", "Quý I, II/2024",
// "trước ngày 20/6 hàng năm", "định kỳ 6 tháng", "Giai đoạn 2021 - 2025", "Thường xuyên".
// This module reads those phrases into rules (the grammar is in due-phrase-grammar.ts),
// writes rules back as phrases (due-phrase-format.ts) and expands rules into dated
// instances. It refuses what it cannot read rather than guessing: a wrong deadline chases
// the wrong people on the wrong day.
//
// Pure and deterministic (no Intl time zones, no I/O) so workflow code may import it.
import { formatDate, localInstant } from './local-time.ts';
import { PhraseError, readPhrase } from './due-phrase-grammar.ts';
import {
  daysInMonth,
  pad2,
  type DueMode,
  type DueRule,
  type LocalDate,
} from './due-phrase-rule.ts';
import { phraseMessages, type PhraseErrorCode, type PhraseParamsOf } from '../i18n/phrase.ts';
import type { Message, Params } from '../i18n/catalogue.ts';

export {
  DUE_RULE_KINDS,
  type DatedDeadline,
  type DueMode,
  type DueRule,
  type DueRuleKind,
  type LocalDate,
  type StandingBasis,
  type YearlyDate,
} from './due-phrase-rule.ts';
export { formatDueRule } from './due-phrase-format.ts';
export type { PhraseErrorCode } from '../i18n/phrase.ts';

/**
 * A refusal: `code` and `params` name it in the message catalogue (i18n/phrase.ts; `params`
 * holds the phrase as written); `error` is the English text, quoting the phrase.
 */
export type PhraseFailure = {
  [C in PhraseErrorCode]: { ok: false; error: string; code: C; params: PhraseParamsOf<C> };
}[PhraseErrorCode];

export type ParseResult = { ok: true; rule: DueRule } | PhraseFailure;

export interface DueInstance {
  /**
   * `2023`, `2023-H1`, `2023-01`, `2023-Q1`, `2023-2`: unique within one rule, and made of
   * [A-Za-z0-9._-] only, so it can be part of an id.
   */
  period: string;
  /** UTC ms of the instant the instance becomes overdue. */
  dueAt: number;
  /** dd/mm/yyyy of the last allowed day. */
  label: string;
  /** The plan's own name for the instance, when it gives one ("báo cáo 06 tháng"). */
  name?: string;
}

/** The instant a deadline passes: 00:00 local on the date (before) or the day after (by). */
export function deadlineInstant(date: LocalDate, mode: DueMode): number {
  return localInstant(date.year, date.month, date.day + (mode === 'before' ? 0 : 1));
}

// ---------------------------------------------------------------------------------------
// Reading phrases

function failure<C extends PhraseErrorCode>(
  code: C,
  params: PhraseParamsOf<C>,
  quoted: string | undefined,
): PhraseFailure {
  const message = phraseMessages[code] as unknown as Message<Params>;
  const en = message.en(params as unknown as Params);
  const error = quoted === undefined ? en : `"${quoted}": ${en}`;
  return { ok: false, error, code, params } as PhraseFailure;
}

/**
 * Read a Vietnamese time phrase. `opts.year` supplies the year for a one-off date written
 * without one ("trước ngày 20/6"); recurring phrases ignore it.
 */
export function parseDuePhrase(text: string, opts: { year?: number } = {}): ParseResult {
  const phrase = text.trim().replace(/\s+/g, ' ');
  try {
    const rule = readPhrase(text, opts);
    if (rule === 'empty') return failure('phrase.empty', { phrase }, undefined);
    if (rule === undefined) return failure('phrase.unreadable', { phrase }, phrase);
    return { ok: true, rule };
  } catch (e) {
    if (!(e instanceof PhraseError)) throw e;
    return failure(e.code, { ...e.params, phrase }, phrase);
  }
}

// ---------------------------------------------------------------------------------------
// Expanding rules

/**
 * Dates of one instance year, earliest first (a copy; the rule keeps the order written). A
 * date of the following year ("năm sau") comes after every date of the year itself.
 */
const inYearOrder = <T extends { month: number; day: number; next?: true }>(
  dates: readonly T[],
): T[] =>
  [...dates].sort(
    (a, b) => (a.next ? 12 : 0) + a.month - ((b.next ? 12 : 0) + b.month) || a.day - b.day,
  );

function instance(period: string, date: LocalDate, mode: DueMode, name?: string): DueInstance {
  const dueAt = deadlineInstant(date, mode);
  return { period, dueAt, label: formatDate(dueAt - 1), ...(name === undefined ? {} : { name }) };
}

/**
 * The dated instances of a rule for the years `period.from`…`period.to` (inclusive), sorted
 * by due instant. The window filters every kind alike, by the year an instance is for, so
 * asking for one year gives that year's instances (a one-off whose year is outside the window
 * gives none; a stage gives the years it shares with the window; a recurring rule with `from`
 * gives none before it). An instance for a year may fall due in the next one ("trước ngày
 * 15/01 năm sau", "trước ngày 05 tháng sau" for December, a report on 2023 due 05/01/2024).
 * Periods: the year for one-offs, stages and single-date yearly rules; `2023-<label>` for a
 * labelled date, else `2023-1`, `2023-2`… in date order when a year has several dates;
 * `2023-H1` (the earlier date) and `2023-H2`; `2023-01`…`2023-12`. A standing duty
 * ("Thường xuyên") has none.
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
  const on = (year: number, d: { month: number; day: number; next?: true }): LocalDate => ({
    year: d.next ? year + 1 : year,
    month: d.month,
    day: d.day,
  });
  switch (rule.kind) {
    case 'once':
      if (inWindow(rule.date.year))
        out.push(instance(String(rule.date.year), rule.date, rule.mode, rule.name));
      break;
    case 'dates': {
      const byYear = new Map<number, typeof rule.dates>();
      for (const d of rule.dates) {
        const y = d.forYear ?? d.date.year;
        if (!inWindow(y)) continue;
        const ds = byYear.get(y);
        if (ds) ds.push(d);
        else byYear.set(y, [d]);
      }
      for (const [year, ds] of byYear) {
        const ordered = [...ds].sort(
          (a, b) =>
            a.date.year - b.date.year || a.date.month - b.date.month || a.date.day - b.date.day,
        );
        ordered.forEach((d, i) => {
          const name =
            d.label !== undefined
              ? `${year}-${d.label}`
              : ds.length > 1
                ? `${year}-${i + 1}`
                : String(year);
          out.push(instance(name, d.date, d.mode, d.name));
        });
      }
      break;
    }
    case 'yearly':
      for (const year of years(rule.from ?? period.from, period.to)) {
        inYearOrder(rule.dates).forEach((d, i) => {
          const name =
            d.label !== undefined
              ? `${year}-${d.label}`
              : rule.dates.length > 1
                ? `${year}-${i + 1}`
                : String(year);
          out.push(instance(name, on(year, d), d.mode, d.name));
        });
      }
      break;
    case 'monthly': {
      const every = rule.every ?? 1;
      for (const year of years(period.from, period.to)) {
        for (let month = every; month <= 12; month += every) {
          // The month the deadline falls in: this one, or the next ("tháng sau").
          const y = rule.next && month === 12 ? year + 1 : year;
          const m = rule.next ? (month % 12) + 1 : month;
          const last = daysInMonth(y, m);
          const day = rule.day === 'end' ? last : Math.min(rule.day, last);
          out.push(instance(`${year}-${pad2(month)}`, { year: y, month: m, day }, rule.mode));
        }
      }
      break;
    }
    case 'semiannual':
      for (const year of years(rule.from ?? period.from, period.to)) {
        inYearOrder(rule.dates).forEach((d, i) => {
          out.push(instance(`${year}-H${i + 1}`, on(year, d), d.mode, d.name));
        });
      }
      break;
    case 'period':
      for (const year of years(rule.from, rule.to)) {
        out.push(instance(String(year), { year, month: 12, day: 31 }, 'by'));
      }
      break;
    case 'standing':
      break;
  }
  // Stable: instances due at the same instant keep their order within the year.
  return out.sort((a, b) => a.dueAt - b.dueAt);
}
