// Generators of Vietnamese time phrases for the property-based tests: shaped like those the
// plans write ("trước ngày 20/6 hàng năm", "Quý I/2021", "Giai đoạn 2021 - 2025"), with their
// numbers mutated (31/6, 0/13, huge, zero-padded), their diacritics mangled and stray text
// around them.
import fc from 'fast-check';
import type { DueRule } from '../../domain/due-phrase.ts';
import { anyText, mangled } from './fuzz.ts';

/** Numbers as typed: plausible, impossible (0, 13, 32), huge, zero-padded. */
export const dayOrMonth = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }).map(String) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 40 }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 31 }).map((n) => String(n).padStart(2, '0')) },
  { weight: 1, arbitrary: fc.constantFrom('00', '000', '99', '100', '007', '-1', '1e3', '٣') },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{3,30}$/) },
);
export const year = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 2000, max: 2100 }).map(String) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
  },
  { weight: 1, arbitrary: fc.constantFrom('0000', '22', '20222', '99999999999999999999', '2O22') },
);
export const quarter = fc.constantFrom(
  'I',
  'II',
  'III',
  'IV',
  'V',
  'IIII',
  '0',
  '1',
  '4',
  '5',
  'i',
  'iv',
);

export const mode = fc.constantFrom(
  'trước ngày ',
  'trước ',
  'ngày ',
  'đến ngày ',
  'đến hết ngày ',
  'hạn ngày ',
  'hạn chót là ngày ',
  'chậm nhất là ngày ',
  'chậm nhất vào ngày ',
  'vào ngày ',
  'vào ',
  'không quá ngày ',
  'không quá ',
  'đến hết ',
  'đến ',
  'hạn ',
  'trong ngày ',
  'chậm nhất ',
  '',
);
export const recurrence = fc.constantFrom(
  'hàng năm',
  'hằng năm',
  'định kỳ hàng năm',
  'hàng tháng',
  'định kỳ hàng tháng',
  'hàng quý',
  'định kỳ 6 tháng',
  '6 tháng một lần',
  'hàng 6 tháng',
  'định kỳ',
  'hằng quý',
  'định kỳ 3 tháng',
);
/** The plan's own names for a deadline ("báo cáo 06 tháng"), and some that are not names. */
export const deadlineName = fc.constantFrom(
  'báo cáo 06 tháng',
  'báo cáo 6 tháng',
  'báo cáo năm',
  'Báo cáo quý',
  'sơ kết',
  'tổng kết năm',
  '6 tháng',
  'năm',
  'hàng năm',
  'trước ngày 9/12',
  'nếu có',
);
export const standingWords = fc.constantFrom(
  'Thường xuyên',
  'thường xuyên, liên tục',
  'Theo yêu cầu',
  'Khi có yêu cầu',
  'khi được yêu cầu',
  'Đột xuất',
  'Đột xuất (nếu có)',
  'đột xuất hàng năm',
  'Theo kế hoạch',
  'Theo tiến độ',
  'theo kế hoạch kiểm tra',
);
export const sep = fc.constantFrom('/', '-', '.', ' / ', '–', '—');

/** A date as written: d/m, d/m/y, d-m-y, d.m.y, "d tháng m năm y". */
export const writtenDate = fc.oneof(
  fc.tuple(dayOrMonth, sep, dayOrMonth).map(([d, s, m]) => `${d}${s}${m}`),
  fc.tuple(dayOrMonth, sep, dayOrMonth, year).map(([d, s, m, y]) => `${d}${s}${m}${s}${y}`),
  fc
    .tuple(dayOrMonth, dayOrMonth, fc.option(year))
    .map(([d, m, y]) => (y === null ? `${d} tháng ${m}` : `${d} tháng ${m} năm ${y}`)),
);

/** Phrases shaped like those the plans write, with their numbers mutated. */
export const phraseShaped: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(mode, writtenDate).map(([m, d]) => `${m}${d}`),
  fc.tuple(mode, writtenDate, recurrence).map(([m, d, r]) => `${m}${d} ${r}`),
  fc.tuple(recurrence, mode, writtenDate).map(([r, m, d]) => `${r}: ${m}${d}`),
  fc
    .tuple(mode, writtenDate, mode, writtenDate, fc.option(recurrence))
    .map(([m1, d1, m2, d2, r]) => `${m1}${d1} và ${m2}${d2}${r === null ? '' : ` ${r}`}`),
  fc.tuple(quarter, fc.option(year)).map(([q, y]) => (y === null ? `Quý ${q}` : `Quý ${q}/${y}`)),
  fc.tuple(quarter, year).map(([q, y]) => `trong quý ${q} năm ${y}`),
  fc.tuple(dayOrMonth, fc.option(year)).map(([m, y]) => `trong tháng ${m}${y ? `/${y}` : ''}`),
  fc.tuple(dayOrMonth, fc.option(year)).map(([m, y]) => `cuối tháng ${m}${y ? ` năm ${y}` : ''}`),
  year.map((y) => `trong năm ${y}`),
  fc
    .tuple(year, fc.constantFrom(' - ', '-', ' – ', '- '), year)
    .map(([a, s, b]) => `Giai đoạn ${a}${s}${b}`),
  fc.tuple(mode, dayOrMonth).map(([m, d]) => `${m}${d} hàng tháng`),
  fc.tuple(mode, dayOrMonth).map(([m, d]) => `hàng tháng, ${m}${d}`),
  fc
    .tuple(mode, writtenDate, mode, writtenDate)
    .map(([m1, d1, m2, d2]) => `định kỳ 6 tháng (${m1}${d1}) năm (${m2}${d2})`),
  fc
    .tuple(mode, writtenDate, mode, writtenDate)
    .map(([m1, d1, m2, d2]) => `định kỳ 6 tháng: ${m1}${d1}, ${m2}${d2}`),
  recurrence,
  // Issue 12: the forms of other provinces' plans.
  standingWords,
  fc
    .tuple(quarter, fc.constantFrom(', ', ' và ', ' và Quý ', ','), quarter, fc.option(year))
    .map(([a, s, b, y]) => `Quý ${a}${s}${b}${y === null ? '' : `/${y}`}`),
  fc
    .tuple(
      fc.constantFrom('6', '06', '5', '12'),
      fc.constantFrom('đầu', 'cuối', 'giữa'),
      fc.option(year),
    )
    .map(([n, w, y]) => `${n} tháng ${w} năm${y === null ? '' : ` ${y}`}`),
  fc
    .tuple(fc.constantFrom('', 'trong ', 'cuối ', 'đến hết ', 'trước ', 'Năm '), year)
    .map(([w, y]) => `${w}năm ${y}`),
  fc.tuple(year, fc.constantFrom('-', ' - ', ' đến '), year).map(([a, s, b]) => `${a}${s}${b}`),
  fc
    .tuple(
      fc.constantFrom('', 'định kỳ ', 'Hàng năm: '),
      mode,
      writtenDate,
      deadlineName,
      fc.constantFrom(' và ', ', ', '; '),
      mode,
      writtenDate,
      deadlineName,
      fc.constantFrom('', ' hàng năm'),
    )
    .map(
      ([pre, m1, d1, n1, s, m2, d2, n2, post]) =>
        `${pre}${m1}${d1} (${n1})${s}${m2}${d2} (${n2})${post}`,
    ),
  fc
    .tuple(
      deadlineName,
      mode,
      writtenDate,
      fc.constantFrom('; ', ', '),
      deadlineName,
      mode,
      writtenDate,
    )
    .map(([n1, m1, d1, s, n2, m2, d2]) => `${n1}: ${m1}${d1}${s}${n2}: ${m2}${d2}`),
  fc
    .tuple(deadlineName, mode, writtenDate, deadlineName, mode, writtenDate)
    .map(([n1, m1, d1, n2, m2, d2]) => `${n1} (${m1}${d1}), ${n2} (${m2}${d2})`),
  // Issue 12, item 2: deadlines after their period, labels before their deadline, lists of
  // quarters and years, standing and recurring at once.
  fc
    .tuple(mode, writtenDate, fc.constantFrom(' năm sau', ' năm tiếp theo', ' năm sáu'))
    .map(([m, d, w]) => `${m}${d}${w}`),
  fc
    .tuple(
      mode,
      dayOrMonth,
      fc.constantFrom(
        ' tháng sau',
        ' của tháng tiếp theo',
        ' tháng sáu',
        ' tháng cuối quý',
        ' tháng cuối mỗi quý',
        ' tháng đầu quý sau',
        ' tháng đầu quý',
      ),
    )
    .map(([m, d, w]) => `${m}${d}${w}`),
  fc
    .tuple(
      deadlineName,
      mode,
      writtenDate,
      fc.constantFrom(', ', '; ', ' và '),
      deadlineName,
      mode,
      writtenDate,
      fc.constantFrom('', ' hằng năm', ' năm sau'),
    )
    .map(([n1, m1, d1, s, n2, m2, d2, post]) => `${n1} ${m1}${d1}${s}${n2} ${m2}${d2}${post}`),
  fc
    .tuple(
      fc.constantFrom('', 'từ ', 'trước '),
      quarter,
      fc.option(year),
      fc.constantFrom(' - ', ' đến ', '-', ' đến hết '),
      quarter,
      fc.option(year),
    )
    .map(
      ([w, a, y1, s, b, y2]) =>
        `${w}Quý ${a}${y1 === null ? '' : `/${y1}`}${s}Quý ${b}${y2 === null ? '' : `/${y2}`}`,
    ),
  fc
    .tuple(quarter, quarter, quarter, fc.constantFrom(' hằng năm', '/2024', ' năm 2024', ''))
    .map(([a, b, c, y]) => `Quý ${a}, ${b}, ${c}${y}`),
  fc
    .tuple(fc.constantFrom('Năm ', 'năm ', '', 'Từ năm ', 'từ '), year, fc.option(year))
    .map(([w, a, b]) => `${w}${a}${b === null ? '' : `, ${b}`}`),
  year.map((y) => `Năm ${y} và các năm tiếp theo`),
  fc
    .tuple(
      fc.constantFrom('Thường xuyên, ', 'Đột xuất và ', ''),
      recurrence,
      fc.constantFrom('', ' và đột xuất', ', thường xuyên', ' hoặc theo yêu cầu'),
    )
    .map(([a, r, b]) => `${a}${r}${b}`),
  fc
    .tuple(
      fc.constantFrom('định kỳ ', 'hàng ', 'mỗi ', ''),
      fc.constantFrom('2', '02', '4', 'hai', 'ba', 'bốn', 'sáu', 'sau', '5'),
      fc.constantFrom(' tháng', ' tháng một lần', ' tháng/lần'),
    )
    .map(([a, n, b]) => `${a}${n}${b}`),
  fc.constantFrom('Báo cáo định kỳ 6 tháng, năm', 'Báo cáo hàng quý', 'báo cáo định kỳ'),
);

/** Around a phrase: stray spaces, punctuation, parentheses, dashes of every kind, prose. */
export const decorated = (phrase: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(
      phrase.chain((p) => fc.oneof(fc.constant(p), mangled(p))),
      fc.constantFrom('', ' ', '  \t', '\u00a0', '(', '\n'),
      fc.constantFrom('', '.', ';', ' ,', ')', '!!', ' :', '\u2003'),
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.tuple(fc.nat(), anyText(8)) },
      ),
    )
    .map(([p, before, after, insert]) => {
      const s = `${before}${p}${after}`;
      if (insert === null) return s;
      const at = insert[0] % (s.length + 1);
      return s.slice(0, at) + insert[1] + s.slice(at);
    });

export const anyPhrase = fc.oneof(
  { weight: 3, arbitrary: decorated(phraseShaped) },
  { weight: 1, arbitrary: anyText(120) },
);

// ---------------------------------------------------------------------------------------
// Rules, as the reader gives them, for the printer's round trip (formatDueRule).

const dueMode = fc.constantFrom('before' as const, 'by' as const);
const ruleYear = fc.integer({ min: 2000, max: 2100 });
const optionalName = fc.option(
  fc.constantFrom('báo cáo 06 tháng', 'báo cáo năm', 'Báo cáo quý', 'sơ kết', 'tổng kết năm'),
  { nil: undefined },
);
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const lastDayOf = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

/** A day and month that exist every year (no 29/2), months within `from`…`to`. */
const everyYearDate = (from = 1, to = 12) =>
  fc
    .integer({ min: from, max: to })
    .chain((month) =>
      fc
        .integer({ min: 1, max: month === 2 ? 28 : lastDayOf(2023, month) })
        .map((day) => ({ month, day })),
    );

/**
 * A deadline as the reader resolves one, with the label it tags it with: a date, or a
 * quarter, half year or month (due by its last day, or "trước" it: before its first day).
 */
const point = (year: number | undefined) =>
  fc
    .oneof(
      everyYearDate().map((d) => ({ ...d, label: undefined as string | undefined, fixed: false })),
      fc
        .tuple(
          fc.integer({ min: 1, max: 4 }),
          fc.integer({ min: 1, max: 2 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 0, max: 2 }),
        )
        .map(([q, h, m, which]) => {
          const [first, last, label] =
            which === 0
              ? [q * 3 - 2, q * 3, `Q${q}`]
              : which === 1
                ? [h === 1 ? 1 : 7, h === 1 ? 6 : 12, `H${h}`]
                : [m, m, String(m).padStart(2, '0')];
          return { month: first, day: 1, last, label, fixed: true };
        }),
    )
    .chain((p) =>
      dueMode
        .filter(
          (mode) =>
            !(p.fixed && mode === 'by' && 'last' in p && p.last === 2 && year === undefined),
        )
        .map((mode) => {
          if (!p.fixed || !('last' in p))
            return { month: p.month, day: p.day, mode, label: p.label };
          return mode === 'before'
            ? { month: p.month, day: 1, mode, label: p.label }
            : { month: p.last, day: lastDayOf(year ?? 2023, p.last), mode, label: p.label };
        }),
    );

/**
 * Two deadlines named as the six-month and the annual report: the reader makes them the
 * year's halves (laterRules and the semiannual rules give those).
 */
const reportPair = (names: (string | undefined)[]): boolean =>
  names.length === 2 && /6 tháng$/.test(names[0] ?? '') && /năm$/.test(names[1] ?? '');

const withName = <T extends object>(t: T, name: string | undefined): T & { name?: string } =>
  name === undefined ? t : { ...t, name };

/** Periods within a year are unique: drop deadlines whose label repeats. */
const uniqueLabels = <T extends { label?: string | undefined }>(ds: T[]): T[] => {
  const seen = new Set<string>();
  return ds.filter(
    (d) => d.label === undefined || (!seen.has(d.label) && (seen.add(d.label), true)),
  );
};

const standingBasis = fc.constantFrom(
  'continuous' as const,
  'on-request' as const,
  'ad-hoc' as const,
  'scheduled' as const,
);
const reportNames = fc.tuple(
  fc.constantFrom('báo cáo 06 tháng', 'Báo cáo 6 tháng', '6 tháng'),
  fc.constantFrom('báo cáo năm', 'Báo cáo năm', 'năm'),
);

/** Rules whose deadlines fall after the period they are for, as the reader gives them. */
const laterRules: fc.Arbitrary<DueRule>[] = [
  // "trước ngày 05 tháng sau".
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), dueMode)
    .map(([day, mode]) => ({ kind: 'monthly' as const, day, mode, next: true as const })),
  // "trước ngày 25 tháng cuối quý", "ngày 5 tháng đầu quý sau".
  fc.tuple(fc.integer({ min: 1, max: 30 }), dueMode, fc.boolean()).map(([day, mode, last]) => ({
    kind: 'yearly' as const,
    dates: [1, 2, 3, 4].map((q) => ({
      month: last ? q * 3 : ((q * 3) % 12) + 1,
      day,
      mode,
      label: `Q${q}`,
      ...(!last && q === 4 ? { next: true as const } : {}),
    })),
  })),
  // "trước ngày 15/01 năm sau", with other dates of the year or not.
  fc
    .tuple(
      fc.array(fc.tuple(everyYearDate(), dueMode, fc.boolean()), { minLength: 1, maxLength: 3 }),
      fc.option(ruleYear, { nil: undefined }),
    )
    .map(([ds, from]) => {
      const dates = ds.map(([d, mode, next]) => ({
        ...d,
        mode,
        ...(next ? { next: true as const } : {}),
      }));
      // A year is written on the dates of the year itself: with none of them, no year.
      const withFrom = from !== undefined && dates.some((d) => !d.next) ? { from } : {};
      return { kind: 'yearly' as const, dates, ...withFrom };
    })
    .filter((r) => r.dates.some((d) => d.next))
    .filter((r) => {
      const days = r.dates.map((d) => `${d.next ? 1 : 0}-${d.month}-${d.day}`);
      return new Set(days).size === days.length;
    }),
  // The six-month report, and the annual one early the year after.
  fc
    .tuple(everyYearDate(1, 12), everyYearDate(1, 12), dueMode, dueMode, reportNames)
    .filter(([a, b]) => b.month * 100 + b.day < a.month * 100 + a.day)
    .map(([six, annual, m1, m2, [n1, n2]]) => ({
      kind: 'semiannual' as const,
      dates: [
        { ...six, mode: m1, name: n1 },
        { ...annual, mode: m2, name: n2, next: true as const },
      ],
    })),
  // Quảng Trị: "trước ngày 05/7/2023 (báo cáo 6 tháng) và trước ngày 05/01/2024 (báo cáo năm)".
  fc
    .tuple(
      ruleYear,
      everyYearDate(1, 12),
      everyYearDate(1, 12),
      dueMode,
      dueMode,
      reportNames,
      fc.boolean(),
    )
    .filter(([, a, b, , , , following]) =>
      following
        ? b.month * 100 + b.day < a.month * 100 + a.day
        : b.month * 100 + b.day > a.month * 100 + a.day,
    )
    .map(([year, six, annual, m1, m2, [n1, n2], following]) => ({
      kind: 'dates' as const,
      dates: [
        { date: { year, ...six }, mode: m1, label: 'H1', name: n1 },
        {
          date: { year: following ? year + 1 : year, ...annual },
          mode: m2,
          label: 'H2',
          name: n2,
          ...(following ? { forYear: year } : {}),
        },
      ],
    })),
  // "định kỳ 2 tháng", every 4 months.
  fc.constantFrom(2, 4).map((every) => ({
    kind: 'monthly' as const,
    day: 'end' as const,
    mode: 'by' as const,
    every,
  })),
  // "Từ năm 2022".
  ruleYear.map((from) => ({
    kind: 'yearly' as const,
    dates: [{ month: 12, day: 31, mode: 'by' as const }],
    from,
  })),
];

const plainRules: fc.Arbitrary<DueRule> = fc.oneof(
  fc
    .constantFrom('continuous', 'on-request', 'ad-hoc', 'scheduled')
    .map((basis) => ({ kind: 'standing' as const, basis })),
  fc
    .tuple(ruleYear, fc.integer({ min: 0, max: 10 }))
    .map(([from, n]) => ({ kind: 'period' as const, from, to: from + n })),
  fc.oneof(
    fc.constant({ kind: 'monthly' as const, day: 'end' as const, mode: 'by' as const }),
    fc
      .tuple(fc.integer({ min: 1, max: 31 }), dueMode)
      .map(([day, mode]) => ({ kind: 'monthly' as const, day, mode })),
  ),
  fc
    .tuple(ruleYear, dueMode, optionalName)
    .chain(([year, mode, name]) =>
      fc
        .integer({ min: 1, max: 12 })
        .chain((month) =>
          fc
            .integer({ min: 1, max: lastDayOf(year, month) })
            .map((day) =>
              withName({ kind: 'once' as const, date: { year, month, day }, mode }, name),
            ),
        ),
    ),
  fc
    .array(
      fc.tuple(
        ruleYear.chain((y) => point(y).map((p) => ({ ...p, year: y }))),
        optionalName,
      ),
      { minLength: 2, maxLength: 4 },
    )
    .map((ps) => uniqueByYear(ps.map(([p, name]) => withName(p, name))))
    .filter((ps) => ps.length >= 2 && !reportPair(ps.map((p) => p.name)))
    .map((ps) => ({
      kind: 'dates' as const,
      dates: ps.map(({ year, month, day, mode, label, name }) => ({
        date: { year, month, day },
        mode,
        ...(label === undefined ? {} : { label }),
        ...(name === undefined ? {} : { name }),
      })),
    })),
  fc
    .tuple(
      fc.array(fc.tuple(point(undefined), optionalName), { minLength: 1, maxLength: 4 }),
      fc.option(ruleYear, { nil: undefined }),
    )
    .map(([ps, from]) => {
      const dates = uniqueLabels(ps.map(([p, name]) => withName(p, name)));
      return {
        kind: 'yearly' as const,
        dates: dates.map(({ month, day, mode, label, name }) => ({
          month,
          day,
          mode,
          ...(label === undefined || dates.length < 2 ? {} : { label }),
          ...(name === undefined ? {} : { name }),
        })),
        ...(from === undefined ? {} : { from }),
      };
    })
    .filter((r) => !reportPair(r.dates.map((d) => d.name))),
  fc
    .tuple(
      everyYearDate(1, 6),
      everyYearDate(7, 12),
      dueMode,
      dueMode,
      optionalName,
      optionalName,
      fc.option(ruleYear, { nil: undefined }),
    )
    .map(([h1, h2, m1, m2, n1, n2, from]) => ({
      kind: 'semiannual' as const,
      dates: [withName({ ...h1, mode: m1 }, n1), withName({ ...h2, mode: m2 }, n2)],
      ...(from === undefined ? {} : { from }),
    })),
);

/** "Thường xuyên, hàng năm", "hàng quý và đột xuất": a recurring rule, standing besides. */
const alsoStanding: fc.Arbitrary<DueRule> = fc
  .tuple(fc.oneof(plainRules, ...laterRules), standingBasis)
  .filter(
    ([rule]) =>
      rule.kind === 'yearly' ||
      rule.kind === 'semiannual' ||
      rule.kind === 'monthly' ||
      rule.kind === 'period',
  )
  .map(([rule, also]) => ({ ...rule, also }) as DueRule);

export const anyRule: fc.Arbitrary<DueRule> = fc.oneof(
  { weight: 4, arbitrary: plainRules },
  { weight: 2, arbitrary: fc.oneof(...laterRules) },
  { weight: 1, arbitrary: alsoStanding },
);

function uniqueByYear<T extends { year: number; label?: string | undefined }>(ds: T[]): T[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    if (d.label === undefined) return true;
    const key = `${d.year}-${d.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
