import { describe, expect, it } from 'vitest';
import {
  deadlineInstant,
  dueInstances,
  parseDuePhrase,
  type DueRule,
} from '../../domain/due-phrase.ts';
import { formatDate } from '../../domain/local-time.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

function rule(text: string, opts?: { year?: number }): DueRule {
  const r = parseDuePhrase(text, opts);
  if (!r.ok) throw new Error(r.error);
  return r.rule;
}

function error(text: string, opts?: { year?: number }): string {
  const r = parseDuePhrase(text, opts);
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.rule)}`);
  return r.error;
}

describe('deadlineInstant', () => {
  it('makes "before" overdue from 00:00 local on the date', () => {
    expect(iso(deadlineInstant({ year: 2023, month: 6, day: 20 }, 'before'))).toBe(
      '2023-06-19T17:00:00.000Z',
    );
  });

  it('makes "by" overdue from 00:00 local the next day, across month and year ends', () => {
    expect(iso(deadlineInstant({ year: 2023, month: 6, day: 20 }, 'by'))).toBe(
      '2023-06-20T17:00:00.000Z',
    );
    expect(iso(deadlineInstant({ year: 2021, month: 3, day: 31 }, 'by'))).toBe(
      '2021-03-31T17:00:00.000Z',
    );
    expect(iso(deadlineInstant({ year: 2023, month: 12, day: 31 }, 'by'))).toBe(
      '2023-12-31T17:00:00.000Z',
    );
  });
});

describe('parseDuePhrase: phrases from the seed plans', () => {
  it('A Lưới: plans to the labour office "trước ngày 17/9/2022"', () => {
    expect(rule('trước ngày 17/9/2022')).toEqual({
      kind: 'once',
      date: { year: 2022, month: 9, day: 17 },
      mode: 'before',
    });
  });

  it('A Lưới: the labour office reports "trước ngày 20/6 hàng năm" and "trước ngày 20/11 hàng năm"', () => {
    expect(rule('trước ngày 20/6 hàng năm')).toEqual({
      kind: 'yearly',
      dates: [{ month: 6, day: 20, mode: 'before' }],
    });
    expect(rule('trước ngày 20/11 hàng năm')).toEqual({
      kind: 'yearly',
      dates: [{ month: 11, day: 20, mode: 'before' }],
    });
    expect(rule('trước ngày 20/6 và trước ngày 20/11 hàng năm')).toEqual({
      kind: 'yearly',
      dates: [
        { month: 6, day: 20, mode: 'before' },
        { month: 11, day: 20, mode: 'before' },
      ],
    });
  });

  it('A Lưới appendix: the time column "Giai đoạn 2021 - 2025"', () => {
    expect(rule('Giai đoạn 2021 - 2025')).toEqual({ kind: 'period', from: 2021, to: 2025 });
  });

  it('stages written the ways the three plans write them', () => {
    expect(rule('giai đoạn 2021-2025')).toEqual({ kind: 'period', from: 2021, to: 2025 });
    expect(rule('giai đoạn 2022-2025')).toEqual({ kind: 'period', from: 2022, to: 2025 });
    expect(rule('(Giai đoạn 2021-2025)')).toEqual({ kind: 'period', from: 2021, to: 2025 });
    expect(rule('giai đoạn 2016 - 2020')).toEqual({ kind: 'period', from: 2016, to: 2020 });
    expect(rule('giai đoạn 2016- 2020')).toEqual({ kind: 'period', from: 2016, to: 2020 });
    expect(rule('giai đoạn 2016 -2020')).toEqual({ kind: 'period', from: 2016, to: 2020 });
    expect(rule('GIAI ĐOẠN 2021-2025,')).toEqual({ kind: 'period', from: 2021, to: 2025 });
  });

  it('Tu Mơ Rông: agencies report "định kỳ 6 tháng (trước ngày 14/6) năm (trước ngày 09/12)"', () => {
    expect(rule('định kỳ 6 tháng (trước ngày 14/6) năm (trước ngày 09/12)')).toEqual({
      kind: 'semiannual',
      dates: [
        { month: 6, day: 14, mode: 'before' },
        { month: 12, day: 9, mode: 'before' },
      ],
    });
  });

  it('Tu Mơ Rông: the labour office reports "định kỳ 6 tháng (trước ngày 30/6) và năm (trước ngày 15/12)"', () => {
    expect(rule('định kỳ 6 tháng (trước ngày 30/6) và năm (trước ngày 15/12)')).toEqual({
      kind: 'semiannual',
      dates: [
        { month: 6, day: 30, mode: 'before' },
        { month: 12, day: 15, mode: 'before' },
      ],
    });
  });

  it('Tu Mơ Rông: the same regime as yearly dates, "trước ngày 14/6 và trước ngày 09/12 hàng năm"', () => {
    expect(rule('trước ngày 14/6 và trước ngày 09/12 hàng năm')).toEqual({
      kind: 'yearly',
      dates: [
        { month: 6, day: 14, mode: 'before' },
        { month: 12, day: 9, mode: 'before' },
      ],
    });
  });

  it('Tu Mơ Rông: communes send their plan "trong Qúy I/2021" (tone mark misplaced as typed)', () => {
    const q1 = { kind: 'once', date: { year: 2021, month: 3, day: 31 }, mode: 'by' };
    expect(rule('trong Qúy I/2021')).toEqual(q1);
    expect(rule('Quý I/2021')).toEqual(q1);
  });

  it('Tu Mơ Rông: "cuối năm 2021" is by 31/12/2021', () => {
    expect(rule('cuối năm 2021')).toEqual({
      kind: 'once',
      date: { year: 2021, month: 12, day: 31 },
      mode: 'by',
    });
  });

  it('Sa Thầy: collaborators report "hàng tháng"; A Lưới writes "hằng năm"', () => {
    expect(rule('hàng tháng')).toEqual({ kind: 'monthly', day: 'end', mode: 'by' });
    expect(rule('hằng năm')).toEqual({
      kind: 'yearly',
      dates: [{ month: 12, day: 31, mode: 'by' }],
    });
    expect(rule('Hàng năm')).toEqual(rule('hằng năm'));
  });

  it('rejects prose around the phrase rather than guess which date is meant', () => {
    // A Lưới writes its reporting regime as a sentence; a table cell holds one rule.
    expect(
      error('trước ngày 20/6 hàng năm (báo cáo 6 tháng), báo cáo năm trước ngày 20/11 hàng năm'),
    ).toMatch(/^"trước ngày 20\/6 hàng năm \(báo cáo 6 tháng\), .*": not a time phrase/);
    // Sa Thầy: "Định kỳ kiểm tra" (periodically) says no period.
    expect(error('Định kỳ')).toMatch(/^"Định kỳ": not a time phrase/);
    // A Lưới: "định kỳ, hằng năm hoặc đột xuất" (periodic, yearly or ad hoc).
    expect(error('định kỳ, hằng năm hoặc đột xuất')).toMatch(/not a time phrase/);
  });
});

describe('parseDuePhrase: one-off dates', () => {
  const sept17 = { kind: 'once', date: { year: 2022, month: 9, day: 17 } };

  it('reads the ways a date is written', () => {
    for (const text of [
      'trước ngày 17/09/2022',
      'trước ngày 17-9-2022',
      'trước ngày 17.9.2022',
      'trước ngày 17 tháng 9 năm 2022',
      'trước ngày 17 / 9 / 2022',
      'Trước Ngày 17/9/2022',
      'TRƯỚC NGÀY 17/9/2022',
      '  trước   ngày\t17/9/2022 ;',
      'trước ngày 17/9/2022.',
      'trước 17/9/2022',
    ]) {
      expect(rule(text), text).toEqual({ ...sept17, mode: 'before' });
    }
  });

  it('reads "ngày", "đến ngày", "hạn ngày", "chậm nhất ngày" and a bare date as "by"', () => {
    for (const text of [
      'ngày 17/9/2022',
      'đến ngày 17/9/2022',
      'hạn ngày 17/9/2022',
      'chậm nhất ngày 17/9/2022',
      'chậm nhất là ngày 17/9/2022',
      'ngày 17 tháng 9 năm 2022',
      '17/9/2022',
    ]) {
      expect(rule(text), text).toEqual({ ...sept17, mode: 'by' });
    }
  });

  it('reads decomposed (NFD) Vietnamese and the old-encoding Ð the same', () => {
    expect(rule('trước ngày 17/9/2022'.normalize('NFD'))).toEqual({ ...sept17, mode: 'before' });
    expect(rule('Ðến ngày 17/9/2022')).toEqual({ ...sept17, mode: 'by' });
  });

  it('reads quarters, roman or arabic, as by their last day', () => {
    expect(rule('Quý II/2023')).toEqual({
      kind: 'once',
      date: { year: 2023, month: 6, day: 30 },
      mode: 'by',
    });
    expect(rule('quý 3 năm 2023')).toEqual({
      kind: 'once',
      date: { year: 2023, month: 9, day: 30 },
      mode: 'by',
    });
    expect(rule('Quý IV/2023')).toEqual({
      kind: 'once',
      date: { year: 2023, month: 12, day: 31 },
      mode: 'by',
    });
  });

  it('reads "trong tháng 9/2022" as by the last day of September, February by its year', () => {
    expect(rule('trong tháng 9/2022')).toEqual({
      kind: 'once',
      date: { year: 2022, month: 9, day: 30 },
      mode: 'by',
    });
    expect(rule('tháng 2 năm 2024')).toEqual({
      kind: 'once',
      date: { year: 2024, month: 2, day: 29 },
      mode: 'by',
    });
    expect(rule('trong tháng 2', { year: 2023 })).toEqual({
      kind: 'once',
      date: { year: 2023, month: 2, day: 28 },
      mode: 'by',
    });
  });

  it('takes the plan year for a date written without one, and prefers a written year', () => {
    expect(rule('trước ngày 20/6', { year: 2023 })).toEqual({
      kind: 'once',
      date: { year: 2023, month: 6, day: 20 },
      mode: 'before',
    });
    expect(rule('Quý I', { year: 2024 })).toEqual({
      kind: 'once',
      date: { year: 2024, month: 3, day: 31 },
      mode: 'by',
    });
    expect(rule('trước ngày 17/9/2022', { year: 2030 })).toEqual({ ...sept17, mode: 'before' });
  });
});

describe('parseDuePhrase: recurring', () => {
  it('reads "Hàng năm:" as a prefix and "hàng năm" as a suffix', () => {
    const june20 = { kind: 'yearly', dates: [{ month: 6, day: 20, mode: 'before' }] };
    expect(rule('Hàng năm: trước ngày 20/6')).toEqual(june20);
    expect(rule('hàng năm, trước ngày 20/6')).toEqual(june20);
    expect(rule('trước ngày 20/6, hàng năm.')).toEqual(june20);
    expect(rule('ngày 20/6 hằng năm')).toEqual({
      kind: 'yearly',
      dates: [{ month: 6, day: 20, mode: 'by' }],
    });
  });

  it('carries "trước" to a second date written without it', () => {
    expect(rule('trước ngày 14/6 và 09/12 hàng năm')).toEqual(
      rule('trước ngày 14/6 và trước ngày 09/12 hàng năm'),
    );
  });

  it('reads "trong tháng 9 hàng năm" and "Quý I hàng năm" as by the last day', () => {
    expect(rule('trong tháng 9 hàng năm')).toEqual({
      kind: 'yearly',
      dates: [{ month: 9, day: 30, mode: 'by' }],
    });
    expect(rule('Quý I hàng năm')).toEqual({
      kind: 'yearly',
      dates: [{ month: 3, day: 31, mode: 'by' }],
    });
  });

  it('reads "hàng quý" as four yearly dates labelled Q1–Q4', () => {
    expect(rule('hàng quý')).toEqual({
      kind: 'yearly',
      dates: [
        { month: 3, day: 31, mode: 'by', label: 'Q1' },
        { month: 6, day: 30, mode: 'by', label: 'Q2' },
        { month: 9, day: 30, mode: 'by', label: 'Q3' },
        { month: 12, day: 31, mode: 'by', label: 'Q4' },
      ],
    });
  });

  it('reads monthly phrases with and without a day', () => {
    expect(rule('định kỳ hàng tháng')).toEqual({ kind: 'monthly', day: 'end', mode: 'by' });
    expect(rule('trước ngày 25 hàng tháng')).toEqual({ kind: 'monthly', day: 25, mode: 'before' });
    expect(rule('ngày 5 hằng tháng')).toEqual({ kind: 'monthly', day: 5, mode: 'by' });
    expect(rule('hàng tháng, trước ngày 25')).toEqual({ kind: 'monthly', day: 25, mode: 'before' });
  });

  it('reads "định kỳ 6 tháng" as by 30/6 and by 31/12 unless dates are given', () => {
    const halves = {
      kind: 'semiannual',
      dates: [
        { month: 6, day: 30, mode: 'by' },
        { month: 12, day: 31, mode: 'by' },
      ],
    };
    expect(rule('định kỳ 6 tháng')).toEqual(halves);
    expect(rule('6 tháng một lần')).toEqual(halves);
    expect(rule('định kỳ 6 tháng: trước ngày 20/6 và trước ngày 20/11')).toEqual({
      kind: 'semiannual',
      dates: [
        { month: 6, day: 20, mode: 'before' },
        { month: 11, day: 20, mode: 'before' },
      ],
    });
  });

  it('ignores opts.year for recurring phrases', () => {
    expect(rule('trước ngày 20/6 hàng năm', { year: 2023 })).toEqual(
      rule('trước ngày 20/6 hàng năm'),
    );
  });
});

describe('parseDuePhrase: errors', () => {
  it('says why an impossible date is impossible, naming the phrase', () => {
    expect(error('trước ngày 31/6/2023')).toBe(
      '"trước ngày 31/6/2023": 31/6 is not a date (June has 30 days)',
    );
    expect(error('trước ngày 29/2/2023')).toBe(
      '"trước ngày 29/2/2023": 29/2/2023 is not a date (2023 is not a leap year)',
    );
    expect(error('trước ngày 31/4 hàng năm')).toBe(
      '"trước ngày 31/4 hàng năm": 31/4 is not a date (April has 30 days)',
    );
    expect(error('trước ngày 29/2 hàng năm')).toBe(
      '"trước ngày 29/2 hàng năm": 29/2 is not a date every year (February has 28 days outside leap years)',
    );
    expect(error('ngày 12/13/2023')).toBe(
      '"ngày 12/13/2023": 12/13 is not a date (there is no month 13)',
    );
    expect(error('ngày 0/6/2023')).toBe('"ngày 0/6/2023": 0/6 is not a date');
    expect(error('trong tháng 13/2023')).toBe('"trong tháng 13/2023": there is no month 13');
    expect(error('trước ngày 32 hàng tháng')).toBe(
      '"trước ngày 32 hàng tháng": there is no day 32 in a month',
    );
  });

  it('accepts 29/2 in a leap year', () => {
    expect(rule('ngày 29/2/2024')).toEqual({
      kind: 'once',
      date: { year: 2024, month: 2, day: 29 },
      mode: 'by',
    });
  });

  it('quotes a phrase it cannot read instead of guessing', () => {
    expect(error('sớm nhất có thể')).toMatch(
      /^"sớm nhất có thể": not a time phrase this reader knows; expected e\.g\. /,
    );
    expect(error('trước ngày 17/9/22')).toMatch(/^"trước ngày 17\/9\/22": not a time phrase/);
    expect(error('Quý V/2021')).toMatch(/^"Quý V\/2021": not a time phrase/);
  });

  it('refuses empty text', () => {
    expect(error('')).toBe('empty time phrase');
    expect(error('   ')).toBe('empty time phrase');
    expect(error(' . ')).toBe('empty time phrase');
  });

  it('refuses a one-off date without a year when no plan year is given', () => {
    expect(error('trước ngày 20/6')).toBe(
      '"trước ngày 20/6": gives no year (write it, e.g. 20/6/2023, add "hàng năm", or read it with the plan\'s year)',
    );
    expect(error('Quý I')).toMatch(/^"Quý I": gives no year/);
  });

  it('refuses contradictions', () => {
    expect(error('trước ngày 20/6/2023 hàng năm')).toBe(
      '"trước ngày 20/6/2023 hàng năm": gives the year 2023 but also says the duty recurs every year',
    );
    expect(error('trước ngày 14/6/2023 và 09/12/2023')).toMatch(
      /gives 2 dates but no "hàng năm"; a one-off duty has one deadline$/,
    );
    expect(error('giai đoạn 2025-2021')).toBe(
      '"giai đoạn 2025-2021": the stage ends (2021) before it starts (2025)',
    );
    expect(error('định kỳ 6 tháng: trước ngày 20/11 và trước ngày 20/6')).toMatch(
      /a six-monthly duty needs two dates, one in January–June and one in July–December$/,
    );
    expect(error('định kỳ 6 tháng: trước ngày 20/9 và trước ngày 20/11')).toMatch(
      /a six-monthly duty needs two dates/,
    );
    expect(error('định kỳ 6 tháng: trước ngày 20/6')).toMatch(/a six-monthly duty needs two dates/);
    expect(error('trong tháng 2 hàng năm')).toBe(
      '"trong tháng 2 hàng năm": the end of February depends on the year',
    );
  });
});

describe('dueInstances', () => {
  const plan = { from: 2021, to: 2025 };

  it('gives a one-off its year, due at the deadline, labelled with the last allowed day', () => {
    expect(dueInstances(rule('trước ngày 17/9/2022'), plan)).toEqual([
      { period: '2022', dueAt: Date.parse('2022-09-16T17:00:00Z'), label: '16/09/2022' },
    ]);
    expect(dueInstances(rule('Quý I/2021'), plan)).toEqual([
      { period: '2021', dueAt: Date.parse('2021-03-31T17:00:00Z'), label: '31/03/2021' },
    ]);
  });

  it('gives a one-off outside the requested years nothing', () => {
    expect(dueInstances(rule('Quý I/2021'), { from: 2022, to: 2025 })).toEqual([]);
  });

  it('gives a stage one instance per year, due by 31/12', () => {
    const instances = dueInstances(rule('Giai đoạn 2021 - 2025'), plan);
    expect(instances.map((i) => i.period)).toEqual(['2021', '2022', '2023', '2024', '2025']);
    expect(instances.map((i) => i.label)).toEqual([
      '31/12/2021',
      '31/12/2022',
      '31/12/2023',
      '31/12/2024',
      '31/12/2025',
    ]);
    expect(iso(instances[0]!.dueAt)).toBe('2021-12-31T17:00:00.000Z');
  });

  it('gives a stage only the years it shares with the requested ones', () => {
    expect(dueInstances(rule('giai đoạn 2022-2025'), plan).map((i) => i.period)).toEqual([
      '2022',
      '2023',
      '2024',
      '2025',
    ]);
    expect(dueInstances(rule('giai đoạn 2021-2025'), { from: 2023, to: 2023 })).toEqual([
      { period: '2023', dueAt: Date.parse('2023-12-31T17:00:00Z'), label: '31/12/2023' },
    ]);
  });

  it('gives "trước ngày 20/6 hàng năm" one instance per plan year', () => {
    const instances = dueInstances(rule('trước ngày 20/6 hàng năm'), plan);
    expect(instances.map((i) => [i.period, i.label])).toEqual([
      ['2021', '19/06/2021'],
      ['2022', '19/06/2022'],
      ['2023', '19/06/2023'],
      ['2024', '19/06/2024'],
      ['2025', '19/06/2025'],
    ]);
    expect(iso(instances[2]!.dueAt)).toBe('2023-06-19T17:00:00.000Z');
  });

  it('numbers several yearly dates within their year, in time order', () => {
    const instances = dueInstances(rule('trước ngày 14/6 và trước ngày 09/12 hàng năm'), {
      from: 2022,
      to: 2023,
    });
    expect(instances.map((i) => [i.period, formatDate(i.dueAt)])).toEqual([
      ['2022-1', '14/06/2022'],
      ['2022-2', '09/12/2022'],
      ['2023-1', '14/06/2023'],
      ['2023-2', '09/12/2023'],
    ]);
  });

  it('numbers yearly dates in date order, whatever order they were written in', () => {
    const instances = dueInstances(rule('trước ngày 09/12 và trước ngày 14/6 hàng năm'), {
      from: 2023,
      to: 2024,
    });
    expect(instances.map((i) => [i.period, formatDate(i.dueAt)])).toEqual([
      ['2023-1', '14/06/2023'],
      ['2023-2', '09/12/2023'],
      ['2024-1', '14/06/2024'],
      ['2024-2', '09/12/2024'],
    ]);
  });

  it('makes the earlier of two hand-written semiannual dates H1', () => {
    const instances = dueInstances(
      {
        kind: 'semiannual',
        dates: [
          { month: 12, day: 15, mode: 'before' },
          { month: 6, day: 30, mode: 'before' },
        ],
      },
      { from: 2023, to: 2023 },
    );
    expect(instances.map((i) => [i.period, i.label])).toEqual([
      ['2023-H1', '29/06/2023'],
      ['2023-H2', '14/12/2023'],
    ]);
  });

  it('names labelled yearly dates by their label', () => {
    expect(
      dueInstances(rule('hàng quý'), { from: 2023, to: 2023 }).map((i) => [i.period, i.label]),
    ).toEqual([
      ['2023-Q1', '31/03/2023'],
      ['2023-Q2', '30/06/2023'],
      ['2023-Q3', '30/09/2023'],
      ['2023-Q4', '31/12/2023'],
    ]);
  });

  it('gives semiannual instances H1 and H2', () => {
    const tuMoRong = rule('định kỳ 6 tháng (trước ngày 14/6) năm (trước ngày 09/12)');
    expect(dueInstances(tuMoRong, { from: 2023, to: 2023 })).toEqual([
      { period: '2023-H1', dueAt: Date.parse('2023-06-13T17:00:00Z'), label: '13/06/2023' },
      { period: '2023-H2', dueAt: Date.parse('2023-12-08T17:00:00Z'), label: '08/12/2023' },
    ]);
    expect(
      dueInstances(rule('định kỳ 6 tháng'), { from: 2023, to: 2023 }).map((i) => i.label),
    ).toEqual(['30/06/2023', '31/12/2023']);
  });

  it('gives monthly instances yyyy-mm, by the last day of each month (leap February)', () => {
    const instances = dueInstances(rule('hàng tháng'), { from: 2024, to: 2024 });
    expect(instances).toHaveLength(12);
    expect(instances[0]).toEqual({
      period: '2024-01',
      dueAt: Date.parse('2024-01-31T17:00:00Z'),
      label: '31/01/2024',
    });
    expect(instances[1]!.label).toBe('29/02/2024');
    expect(instances[11]!.period).toBe('2024-12');
    expect(dueInstances(rule('hàng tháng'), { from: 2023, to: 2023 }).map((i) => i.label)[1]).toBe(
      '28/02/2023',
    );
  });

  it('puts a monthly day past the month end on its last day', () => {
    const instances = dueInstances({ kind: 'monthly', day: 31, mode: 'before' }, plan);
    expect(instances).toHaveLength(60);
    const april2023 = instances.find((i) => i.period === '2023-04')!;
    expect(iso(april2023.dueAt)).toBe('2023-04-29T17:00:00.000Z');
    expect(april2023.label).toBe('29/04/2023');
    const may2023 = instances.find((i) => i.period === '2023-05')!;
    expect(may2023.label).toBe('30/05/2023');
  });

  it('gives nothing for an empty window', () => {
    expect(dueInstances(rule('hàng tháng'), { from: 2025, to: 2024 })).toEqual([]);
  });
});
