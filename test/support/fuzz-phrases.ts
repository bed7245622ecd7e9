// Generators of Vietnamese time phrases for the property-based tests: shaped like those the
// plans write ("trước ngày 20/6 hàng năm", "Quý I/2021", "Giai đoạn 2021 - 2025"), with their
// numbers mutated (31/6, 0/13, huge, zero-padded), their diacritics mangled and stray text
// around them.
import fc from 'fast-check';
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
