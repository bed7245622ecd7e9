// Writes a rule back as a canonical Vietnamese phrase, one the grammar reads to the same
// rule (checked by test/fuzz/due-phrase.test.ts): "trước ngày 20/6 hàng năm", "Quý I/2024",
// "định kỳ 6 tháng", "Thường xuyên". For pages and exports that show a rule to people.
import {
  daysInMonth,
  type DueMode,
  type DueRule,
  type StandingBasis,
  type YearlyDate,
} from './due-phrase-rule.ts';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** A year in its four digits, as the grammar reads years ("0999", not "999"). */
const yyyy = (y: number): string => String(y).padStart(4, '0');

const STANDING: Record<StandingBasis, string> = {
  continuous: 'Thường xuyên',
  'on-request': 'Theo yêu cầu',
  'ad-hoc': 'Đột xuất',
  scheduled: 'Theo kế hoạch',
};

/** A recurring rule that is also standing, as the plans write it. */
const ALSO: Record<StandingBasis, (main: string) => string> = {
  continuous: (main) => `Thường xuyên, ${main}`,
  'on-request': (main) => `${main} và theo yêu cầu`,
  'ad-hoc': (main) => `${main} và đột xuất`,
  scheduled: (main) => `${main}, theo kế hoạch`,
};

interface Written {
  month: number;
  day: number;
  mode: DueMode;
  label?: string;
  name?: string;
  /** The year to write, if any. */
  year?: number;
  /** Written "năm sau", with no year: due in the year after the one it is for. */
  next?: boolean;
}

/** The period a label names, when the date is where that period's deadline falls. */
function periodWords(d: Written): string | undefined {
  const label = d.label;
  if (label === undefined) return undefined;
  const yearly = d.year === undefined ? '' : `/${yyyy(d.year)}`;
  const spans: [RegExp, (m: RegExpExecArray) => [number, number, string]][] = [
    [
      /^Q([1-4])$/,
      (m) => [Number(m[1]) * 3 - 2, Number(m[1]) * 3, `Quý ${ROMAN[Number(m[1]) - 1]}${yearly}`],
    ],
    [
      /^H([12])$/,
      (m) => [
        m[1] === '1' ? 1 : 7,
        m[1] === '1' ? 6 : 12,
        `6 tháng ${m[1] === '1' ? 'đầu' : 'cuối'} năm${d.year === undefined ? '' : ` ${yyyy(d.year)}`}`,
      ],
    ],
    [/^(\d{2})$/, (m) => [Number(m[1]), Number(m[1]), `tháng ${Number(m[1])}${yearly}`]],
  ];
  for (const [re, words] of spans) {
    const m = re.exec(label);
    if (!m) continue;
    const [first, last, text] = words(m);
    if (d.mode === 'before' && d.month === first && d.day === 1) return `trước ${text}`;
    if (
      d.mode === 'by' &&
      d.month === last &&
      (last !== 2 || d.year !== undefined) &&
      d.day === daysInMonth(d.year ?? 2023, last)
    ) {
      return text;
    }
  }
  return undefined;
}

/**
 * Dates in order, each with its introducer. A date without "trước" or "đến" takes the one
 * before it, so a date due "by" after one due "before" is written "đến ngày" (a month or
 * quarter "đến hết").
 */
function writeList(dates: readonly Written[]): string {
  let carried: DueMode = 'by';
  const parts = dates.map((written) => {
    const d = written.next ? { ...written, year: undefined } : written;
    let text = periodWords(d);
    if (text === undefined) {
      const date = `${d.day}/${d.month}${d.year === undefined ? '' : `/${yyyy(d.year)}`}`;
      if (d.mode === 'before') text = `trước ngày ${date}`;
      else text = carried === 'before' ? `đến ngày ${date}` : `ngày ${date}`;
      carried = d.mode;
    } else if (d.mode === 'before') {
      carried = 'before';
    } else if (carried === 'before') {
      // "trước tháng 1 và tháng 3" is before both: the second says "đến hết".
      text = `đến hết ${text}`;
      carried = 'by';
    }
    if (d.next) text = `${text} năm sau`;
    return d.name === undefined ? text : `${text} (${d.name})`;
  });
  // "tháng 1 và tháng 3 (…)" would be one deadline list sharing the name: a month or quarter
  // after another deadline is set apart with a semicolon.
  return parts
    .map((p, i) => {
      if (i === 0) return p;
      const sep = /^(tháng|Quý) /.test(p) ? '; ' : i === parts.length - 1 ? ' và ' : ', ';
      return `${sep}${p}`;
    })
    .join('');
}

const isQuarterly = (rule: Extract<DueRule, { kind: 'yearly' }>): boolean =>
  rule.from === undefined &&
  rule.dates.length === 4 &&
  rule.dates.every(
    (d, i) =>
      d.label === `Q${i + 1}` &&
      d.mode === 'by' &&
      d.name === undefined &&
      d.month === (i + 1) * 3 &&
      d.day === daysInMonth(2023, d.month),
  );

/** "trước ngày 25 tháng cuối quý", "ngày 5 tháng đầu quý sau": a day of every quarter. */
function quarterDay(rule: Extract<DueRule, { kind: 'yearly' }>): string | undefined {
  const [q1] = rule.dates;
  if (rule.from !== undefined || rule.dates.length !== 4 || !q1) return undefined;
  const same = (d: YearlyDate, i: number, month: number, next: boolean): boolean =>
    d.label === `Q${i + 1}` &&
    d.day === q1.day &&
    d.mode === q1.mode &&
    d.name === undefined &&
    d.month === month &&
    (d.next ?? false) === next;
  const day = `${q1.mode === 'before' ? 'trước ' : ''}ngày ${q1.day}`;
  if (rule.dates.every((d, i) => same(d, i, (i + 1) * 3, false))) {
    return `${day} tháng cuối quý`;
  }
  if (rule.dates.every((d, i) => same(d, i, (((i + 1) * 3) % 12) + 1, i === 3))) {
    return `${day} tháng đầu quý sau`;
  }
  return undefined;
}

/**
 * One-off deadlines in the order given. A deadline for the year before its date's ("báo cáo
 * năm" due in January) is written "năm sau" after the deadline whose year it is for.
 */
function writeDates(rule: Extract<DueRule, { kind: 'dates' }>): string {
  const ds = rule.dates;
  // The year of the nearest deadline written with its year, before each and after it.
  const nearest = (from: number, step: 1 | -1): (number | undefined)[] => {
    const out: (number | undefined)[] = [];
    let seen: number | undefined;
    for (let i = from; i >= 0 && i < ds.length; i += step) {
      out[i] = seen;
      if (ds[i]!.forYear === undefined) seen = ds[i]!.date.year;
    }
    return out;
  };
  const before = nearest(0, 1);
  const after = nearest(ds.length - 1, -1);
  return writeList(
    ds.map((d, i) => {
      const next =
        d.forYear !== undefined &&
        d.date.year === d.forYear + 1 &&
        (before[i] ?? after[i]) === d.forYear;
      return { ...d, ...d.date, ...(next ? { next } : {}) };
    }),
  );
}

/** A rule as a phrase the grammar reads back to the same rule. */
export function formatDueRule(rule: DueRule): string {
  const main = formatMain(rule);
  return rule.kind !== 'once' &&
    rule.kind !== 'dates' &&
    rule.kind !== 'standing' &&
    rule.also !== undefined
    ? ALSO[rule.also](main)
    : main;
}

function formatMain(rule: DueRule): string {
  switch (rule.kind) {
    case 'standing':
      return STANDING[rule.basis];
    case 'period':
      return `Giai đoạn ${yyyy(rule.from)} - ${yyyy(rule.to)}`;
    case 'monthly': {
      if (rule.every !== undefined) return `định kỳ ${rule.every} tháng`;
      if (rule.day === 'end') return 'hàng tháng';
      const day = `${rule.mode === 'before' ? 'trước ' : ''}ngày ${rule.day}`;
      return rule.next ? `${day} tháng sau` : `${day} hàng tháng`;
    }
    case 'once': {
      const { year, month, day } = rule.date;
      const name = rule.name === undefined ? '' : ` (${rule.name})`;
      // The end of a year or a quarter reads as that period: "năm 2024", "Quý I/2024".
      if (rule.mode === 'by' && month === 12 && day === 31) return `năm ${yyyy(year)}${name}`;
      const q = month % 3 === 0 && day === daysInMonth(year, month) ? `Q${month / 3}` : undefined;
      return writeList([
        { month, day, mode: rule.mode, year, ...(q === undefined ? {} : { label: q }) },
      ]).concat(name);
    }
    case 'dates':
      return writeDates(rule);
    case 'yearly': {
      if (isQuarterly(rule)) return 'hàng quý';
      const onQuarterDay = quarterDay(rule);
      if (onQuarterDay !== undefined) return onQuarterDay;
      const [only] = rule.dates;
      if (
        rule.dates.length === 1 &&
        only?.month === 12 &&
        only.day === 31 &&
        only.mode === 'by' &&
        only.label === undefined &&
        only.name === undefined &&
        only.next === undefined
      ) {
        return rule.from === undefined ? 'hàng năm' : `Từ năm ${yyyy(rule.from)}`;
      }
      const year = rule.from === undefined ? {} : { year: rule.from };
      const list = writeList(rule.dates.map((d) => ({ ...d, ...year })));
      // "trước ngày 15/1 năm sau" says every year already.
      return rule.from === undefined && rule.dates.some((d) => d.next) ? list : `${list} hàng năm`;
    }
    case 'semiannual': {
      const [h1, h2] = rule.dates;
      const plain =
        rule.from === undefined &&
        rule.dates.length === 2 &&
        h1?.month === 6 &&
        h1.day === 30 &&
        h2?.month === 12 &&
        h2.day === 31 &&
        rule.dates.every((d) => d.mode === 'by' && d.name === undefined && !d.next);
      if (plain) return 'định kỳ 6 tháng';
      const year = rule.from === undefined ? {} : { year: rule.from };
      return `định kỳ 6 tháng: ${writeList(rule.dates.map((d) => ({ ...d, ...year })))}`;
    }
  }
}
