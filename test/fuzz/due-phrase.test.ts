// Property-based tests of the time-phrase reader (domain/due-phrase.ts) with generated input:
// any text, Vietnamese-looking phrases with impossible numbers and mangled diacritics, and long
// repetitive text. The reader answers every one with its result type, never throws, always
// finishes, and what it accepts means what the phrase says and falls within the plan's years.
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  dueInstances,
  formatDueRule,
  parseDuePhrase,
  type DueRule,
  type ParseResult,
} from '../../domain/due-phrase.ts';
import { formatDate, localInstant } from '../../domain/local-time.ts';
import { phraseMessages } from '../../i18n/phrase.ts';
import { anyText, fuzz } from '../support/fuzz.ts';
import {
  anyPhrase,
  anyRule,
  dayOrMonth,
  decorated,
  mode,
  phraseShaped,
  year,
} from '../support/fuzz-phrases.ts';

/** The year a plan gives a one-off date written without one, as resolve.ts passes it. */
const planYear = fc.option(fc.integer({ min: 2000, max: 2100 }), { nil: undefined });

// ---------------------------------------------------------------------------------------
// Oracles

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number | undefined, m: number): number =>
  m === 2 ? (y === undefined ? 29 : isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

function expectWellFormed(result: ParseResult): void {
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(typeof result.error).toBe('string');
    expect(result.error.trim()).not.toBe('');
    // Every refusal has a catalogue code, in both languages.
    expect(Object.hasOwn(phraseMessages, result.code), result.code).toBe(true);
    expect(typeof result.params.phrase).toBe('string');
  }
}

/** Every date a rule names exists (29/2 only in a leap year that is written). */
function expectRealDates(rule: DueRule): void {
  const check = (y: number | undefined, m: number, d: number): void => {
    expect(Number.isInteger(m) && m >= 1 && m <= 12, `month ${m}`).toBe(true);
    expect(Number.isInteger(d) && d >= 1 && d <= monthLength(y, m), `day ${d}/${m}/${y}`).toBe(
      true,
    );
    if (y === undefined) expect(`${d}/${m}`).not.toBe('29/2');
  };
  switch (rule.kind) {
    case 'once':
      expect(Number.isInteger(rule.date.year)).toBe(true);
      check(rule.date.year, rule.date.month, rule.date.day);
      break;
    case 'dates':
      expect(rule.dates.length).toBeGreaterThan(1);
      for (const d of rule.dates) check(d.date.year, d.date.month, d.date.day);
      break;
    case 'yearly':
    case 'semiannual':
      expect(rule.dates.length).toBeGreaterThan(0);
      for (const d of rule.dates) check(undefined, d.month, d.day);
      if (rule.from !== undefined) expect(Number.isInteger(rule.from)).toBe(true);
      break;
    case 'standing':
      expect(['continuous', 'on-request', 'ad-hoc', 'scheduled']).toContain(rule.basis);
      break;
    case 'monthly':
      if (rule.day !== 'end') expect(rule.day >= 1 && rule.day <= 31).toBe(true);
      break;
    case 'period':
      expect(rule.from).toBeLessThanOrEqual(rule.to);
      break;
  }
}

/** A rule with deadlines after the period they are for: "năm sau", "tháng sau". */
const dueLater = (rule: DueRule): boolean =>
  rule.kind === 'monthly'
    ? rule.next === true
    : rule.kind === 'yearly' || rule.kind === 'semiannual'
      ? rule.dates.some((d) => d.next)
      : rule.kind === 'dates' && rule.dates.some((d) => d.forYear !== undefined);

/**
 * Instances of any accepted rule over a plan's years are for those years, and fall due within
 * them, or within the year after for a report due after its period ("trước ngày 15/01 năm sau").
 */
function expectWithinPlanYears(rule: DueRule, from: number, to: number): void {
  const first = localInstant(from, 1, 1);
  const last = localInstant(to + (dueLater(rule) ? 2 : 1), 1, 1);
  const instances = dueInstances(rule, { from, to });
  const periods = new Set<string>();
  let previous = -Infinity;
  for (const i of instances) {
    // "trước ngày 1/1" passes at the first instant of the year, "đến 31/12" at the last.
    expect(i.dueAt).toBeGreaterThanOrEqual(first);
    expect(i.dueAt).toBeLessThanOrEqual(last);
    const periodYear = Number(i.period.slice(0, 4));
    expect(periodYear >= from && periodYear <= to, i.period).toBe(true);
    expect(i.label).toBe(formatDate(i.dueAt - 1));
    expect(periods.has(i.period), `period ${i.period} twice`).toBe(false);
    // Periods become part of workflow and duty ids.
    expect(i.period).toMatch(/^[A-Za-z0-9._-]+$/);
    if (i.name !== undefined) expect(i.name.trim()).toBe(i.name);
    periods.add(i.period);
    expect(i.dueAt).toBeGreaterThanOrEqual(previous);
    previous = i.dueAt;
  }
}

const planPeriod = fc
  .tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 0, max: 10 }))
  .map(([from, span]) => ({ from, to: Math.min(2100, from + span) }));

// ---------------------------------------------------------------------------------------

describe('parseDuePhrase on generated input', () => {
  it('answers any text with its result type and never throws', () => {
    fc.assert(
      fc.property(anyPhrase, planYear, (text, year) => {
        expectWellFormed(parseDuePhrase(text, year === undefined ? {} : { year }));
      }),
      fuzz(3000),
    );
  });

  it('accepts only real dates, and their instances fall within the plan’s years', () => {
    fc.assert(
      fc.property(decorated(phraseShaped), planYear, planPeriod, (text, year, period) => {
        const result = parseDuePhrase(text, year === undefined ? {} : { year });
        expectWellFormed(result);
        if (!result.ok) return;
        expectRealDates(result.rule);
        expectWithinPlanYears(result.rule, period.from, period.to);
      }),
      fuzz(3000),
    );
  });

  it('reads a one-off date as written, or refuses it: never another day, month or year', () => {
    const written = fc.record({
      mode,
      d: dayOrMonth,
      m: dayOrMonth,
      y: year,
      sep: fc.constantFrom('/', '-', '.'),
      planYear: fc.integer({ min: 2000, max: 2100 }),
    });
    fc.assert(
      fc.property(written, ({ mode: m, d, m: month, y, sep: s, planYear: py }) => {
        const result = parseDuePhrase(`${m}${d}${s}${month}${s}${y}`, { year: py });
        expectWellFormed(result);
        const [dn, mn, yn] = [Number(d), Number(month), Number(y)];
        const digits = (v: string, max: number) => /^[0-9]+$/.test(v) && v.length <= max;
        const real =
          digits(d, 2) &&
          digits(month, 2) &&
          digits(y, 4) &&
          y.length === 4 &&
          mn >= 1 &&
          mn <= 12 &&
          dn >= 1 &&
          // Years before 1000 are typing errors; the reader need not know their calendar.
          (yn < 1000 || dn <= monthLength(yn, mn));
        if (yn >= 1000) expect(result.ok, `${d}/${month}/${y}`).toBe(real);
        if (result.ok) {
          expect(real).toBe(true);
          expect(result.rule).toEqual({
            kind: 'once',
            date: { year: yn, month: mn, day: dn },
            mode: m.startsWith('trước') ? 'before' : 'by',
          });
        }
      }),
      // Found by this property: a written 0000 was read as no year, so as the plan's year.
      fuzz(2000, {
        examples: [[{ mode: 'trước ngày ', d: '01', m: '1', y: '0000', sep: '/', planYear: 2000 }]],
      }),
    );
  });
});

describe('formatDueRule', () => {
  it('writes any rule as a phrase that reads back to the same rule', () => {
    fc.assert(
      fc.property(anyRule, (rule) => {
        const phrase = formatDueRule(rule);
        const back = parseDuePhrase(phrase);
        expect(back.ok ? back.rule : back.error, phrase).toEqual(rule);
      }),
      fuzz(3000),
    );
  });

  it('writes what it reads as a phrase that reads to the same rule', () => {
    fc.assert(
      fc.property(decorated(phraseShaped), planYear, (text, year) => {
        const opts = year === undefined ? {} : { year };
        const result = parseDuePhrase(text, opts);
        if (!result.ok) return;
        const phrase = formatDueRule(result.rule);
        const back = parseDuePhrase(phrase, opts);
        expect(back.ok ? back.rule : back.error, `${text} → ${phrase}`).toEqual(result.rule);
      }),
      fuzz(3000),
    );
  });
});

// ---------------------------------------------------------------------------------------
// Long input: each parse must finish. A parse runs in a worker thread; one that has not
// answered long after a linear reader would have (HANG_MS, ~1000× a normal parse of these
// lengths) is a hang: the worker is stopped and the input named.

const HANG_MS = 15_000;
let worker: Worker | undefined;

function parseInWorker(text: string): Promise<string> {
  worker ??= new Worker(new URL('./phrase-worker.ts', import.meta.url));
  const w = worker;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      w.off('message', onMessage);
      worker = undefined;
      void w.terminate();
      reject(new Error(`the parse of ${describeLong(text)} did not complete`));
    }, HANG_MS);
    const onMessage = (answer: string): void => {
      clearTimeout(timer);
      resolve(answer);
    };
    w.once('message', onMessage);
    w.postMessage(text);
  });
}

const describeLong = (text: string): string =>
  `${text.length} characters starting ${JSON.stringify(text.slice(0, 60))} and ending ${JSON.stringify(text.slice(-40))}`;

afterAll(async () => {
  await worker?.terminate();
});

// Pieces that make backtracking regexes explore many ways to match: trailing punctuation,
// parentheses and "năm (" pairs, separators, "và" lists, digits.
const piece = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      '.,',
      '. ',
      ', ',
      ';:',
      ' ',
      '), năm (',
      ')',
      '(',
      ' và ',
      '1/',
      '1/2 và ',
      '- ',
      'hàng năm ',
      'trước ngày ',
      'a',
      '\u0301',
      'ngày 1',
      ' (báo cáo',
      ': ',
      'Quý I, ',
      'báo cáo năm: trước 1/2; ',
      '6 tháng (',
      // Issue 12, item 2: labels before a deadline, runs of introducers, ranges, "năm sau".
      'Báo cáo 6 tháng trước ngày ',
      'trước chậm nhất là ',
      'a trước ',
      'Quý I - ',
      'tháng sau ',
      'năm sau, ',
      'Thường xuyên, ',
      ' và đột xuất',
      '2022, ',
    ),
  },
  { weight: 1, arbitrary: anyText(6).filter((s) => s.length > 0) },
);
// Long enough that a quadratic reader would take minutes where a linear one takes milliseconds.
// Generated as a recipe, so a failure prints the recipe rather than half a megabyte of text.
const longRecipe = fc.record({
  head: fc.constantFrom(
    '',
    'định kỳ 6 tháng (',
    'định kỳ 6 tháng: ',
    'trước ngày ',
    'hàng năm: ',
    'giai đoạn ',
    '(',
    'Báo cáo 6 tháng: ',
    'định kỳ ',
    'Quý I',
    'thường xuyên ',
  ),
  body: fc.array(piece, { minLength: 1, maxLength: 2 }).map((ps) => ps.join('')),
  length: fc.integer({ min: 300_000, max: 500_000 }),
  tail: fc.constantFrom('', 'x', ') x', ') năm (trước ngày 9/12', ' hàng năm x', '!', '.'),
});
const longText = (r: { head: string; body: string; length: number; tail: string }): string =>
  `${r.head}${r.body.repeat(Math.ceil(r.length / r.body.length)).slice(0, r.length)}${r.tail}`;

describe('parseDuePhrase on long repetitive input', () => {
  it('completes every parse', { timeout: 10 * 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(longRecipe, async (recipe) => {
        expect(['ok', 'error']).toContain(await parseInWorker(longText(recipe)));
      }),
      // A hang is not shrunk: each step of shrinking would hang as long again.
      fuzz(80, {
        endOnFailure: true,
        // Found by this property: quadratic backtracking in the trailing-punctuation and
        // "định kỳ 6 tháng (…) năm (…)" regexes.
        examples: [
          [{ head: '(', body: ';:', length: 300_000, tail: ') x' }],
          [{ head: '', body: '. ', length: 400_000, tail: 'x' }],
          [{ head: 'định kỳ 6 tháng (', body: '), năm (', length: 400_000, tail: 'x' }],
          // The grammar's label and list productions on long runs of labels and deadlines.
          [{ head: 'Báo cáo 6 tháng: ', body: 'a và ', length: 500_000, tail: ': x' }],
          [{ head: '', body: '1/2/2024 (a) và ', length: 500_000, tail: 'x' }],
          [{ head: 'Quý I', body: ', II', length: 500_000, tail: '/2024 x' }],
          // Labels before their deadline: each word of a run of introducers tried once.
          [{ head: 'Báo cáo ', body: 'trước ', length: 400_000, tail: 'ngày 1/2/2024 x' }],
          [{ head: '', body: 'a trước ngày 1/2 và ', length: 400_000, tail: 'x' }],
          [{ head: 'Thường xuyên, ', body: 'Thường xuyên, ', length: 400_000, tail: 'hàng năm x' }],
        ],
      }),
    );
  });
});
