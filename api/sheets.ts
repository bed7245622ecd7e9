// The matrix and the lists as people read them in Excel: Vietnamese headers, dd/mm/yyyy, and
// the categories' colours.
import type { DueSoonDuty, Matrix, OverdueDuty, TrackedDuty } from '../db/tracking.ts';
import type { OriginalRates, Rates } from '../domain/tracking.ts';
import { formatDate, formatDateTime } from '../domain/local-time.ts';
import { markText, TRACK_COLOURS, TRACK_LABELS, type Track } from '../domain/tracking.ts';
import type { Column, Row, Sheet } from '../exports/sheet.ts';

const label = (t: Track): string => TRACK_LABELS.vi[t];
const colourOf = (text: unknown): string | undefined => {
  const track = (Object.keys(TRACK_LABELS.vi) as Track[]).find((t) => label(t) === text);
  return track ? TRACK_COLOURS[track] : undefined;
};

const dutyColumns: Column[] = [
  { key: 'plan', header: 'Kế hoạch' },
  { key: 'duty', header: 'Nhiệm vụ (STT)' },
  { key: 'period', header: 'Kỳ' },
  { key: 'title', header: 'Nội dung' },
  { key: 'agency', header: 'Cơ quan chủ trì' },
  { key: 'level', header: 'Cấp' },
  { key: 'locality', header: 'Địa bàn' },
  { key: 'dueAt', header: 'Hạn hiện hành', kind: 'date' },
  { key: 'originalDueAt', header: 'Hạn ban đầu', kind: 'date' },
  { key: 'marks', header: 'Gia hạn, trả lại' },
];

/** The last allowed day: due "before 20/06" (00:00) means 19/06 is the last day. */
const lastDay = (iso: string): string => new Date(Date.parse(iso) - 1).toISOString();

const dutyRow = (d: TrackedDuty): Row => ({
  plan: d.planId,
  duty: d.dutyId,
  period: d.period,
  title: d.title,
  agency: d.agencyName,
  level: d.level,
  locality: d.localityName,
  dueAt: lastDay(d.dueAt),
  originalDueAt: lastDay(d.originalDueAt),
  marks: markText(d.marks, 'vi'),
});

export function overdueSheet(duties: OverdueDuty[], asOf: number): Sheet {
  return {
    name: 'Quá hạn',
    title: `Nhiệm vụ quá hạn tính đến ngày ${formatDate(asOf)}`,
    columns: [...dutyColumns, { key: 'days', header: 'Số ngày quá hạn', kind: 'number' }],
    rows: duties.map((d) => ({ ...dutyRow(d), days: d.daysOverdue })),
    fill: (_row, key) => (key === 'days' ? TRACK_COLOURS.overdue : undefined),
  };
}

export function dueSoonSheet(duties: DueSoonDuty[], asOf: number, days: number): Sheet {
  return {
    name: 'Sắp đến hạn',
    title: `Nhiệm vụ đến hạn trong ${days} ngày tới, tính từ ngày ${formatDate(asOf)}`,
    columns: [...dutyColumns, { key: 'days', header: 'Số ngày còn lại', kind: 'number' }],
    rows: duties.map((d) => ({ ...dutyRow(d), days: d.daysLeft })),
    fill: (_row, key) => (key === 'days' ? TRACK_COLOURS['in-progress'] : undefined),
  };
}

const rateColumns: Column[] = [
  { key: 'expected', header: 'Số báo cáo phải nộp', kind: 'number' },
  { key: 'received', header: 'Số báo cáo đã nhận', kind: 'number' },
  { key: 'receivedOnTime', header: 'Số báo cáo đúng hạn', kind: 'number' },
  { key: 'reportingRate', header: 'Tỷ lệ báo cáo', kind: 'percent' },
  { key: 'reportingRateOnTime', header: 'Tỷ lệ báo cáo đúng hạn', kind: 'percent' },
  {
    key: 'originalExpected',
    header: 'Số báo cáo phải nộp theo thời hạn ban đầu',
    kind: 'number',
  },
  {
    key: 'originalOnTime',
    header: 'Số báo cáo đúng hạn theo thời hạn ban đầu',
    kind: 'number',
  },
  { key: 'originalRate', header: 'Tỷ lệ đúng hạn theo thời hạn ban đầu', kind: 'percent' },
];

const rateRow = (r: Rates, o: OriginalRates): Row => ({
  expected: r.expected,
  received: r.received,
  receivedOnTime: r.receivedOnTime,
  reportingRate: r.reportingRate,
  reportingRateOnTime: r.reportingRateOnTime,
  originalExpected: o.expected,
  originalOnTime: o.receivedOnTime,
  originalRate: o.rateOnTime,
});

/** The line that says a period is closed, and since when and by whom. */
export function lockLine(m: Matrix): string {
  const lock = m.locked;
  if (lock) {
    return `Số liệu đã khóa lúc ${formatDateTime(Date.parse(lock.lockedAt))} (người khóa: ${lock.lockedBy}), không thay đổi sau đó`;
  }
  if (m.lockedWithin.length > 0) {
    return `Số liệu các kỳ đã khóa: ${m.lockedWithin
      .map((l) => `${l.period} (${formatDateTime(Date.parse(l.lockedAt))})`)
      .join(', ')}`;
  }
  return '';
}

/**
 * Three sheets: every expected report and its state (one row per report and agency, the first
 * sheet and the CSV), the rates per report, level and locality, and the other duties'
 * categories. A locked period says so in the title.
 */
export function matrixSheets(m: Matrix, planTitle: string): Sheet[] {
  const lock = lockLine(m);
  const cells: Sheet = {
    name: 'Ma trận báo cáo',
    title: `Ma trận báo cáo – ${planTitle} – kỳ ${m.period}, tính đến ngày ${formatDate(Date.parse(m.asOf))}${lock ? ` – ${lock}` : ''}`,
    columns: [
      { key: 'report', header: 'Báo cáo (STT)' },
      { key: 'period', header: 'Kỳ' },
      { key: 'title', header: 'Nội dung' },
      { key: 'agency', header: 'Cơ quan' },
      { key: 'level', header: 'Cấp' },
      { key: 'locality', header: 'Địa bàn' },
      { key: 'dueAt', header: 'Hạn hiện hành', kind: 'date' },
      { key: 'originalDueAt', header: 'Hạn ban đầu', kind: 'date' },
      { key: 'submittedAt', header: 'Ngày nộp lần đầu', kind: 'date' },
      { key: 'state', header: 'Tình trạng' },
      { key: 'marks', header: 'Gia hạn, trả lại' },
      { key: 'countedDueAt', header: 'Hạn dùng để đánh giá', kind: 'date' },
      { key: 'stateByOriginal', header: 'Tình trạng theo thời hạn ban đầu' },
      // The CSV has no title line: a locked period says so on every row.
      ...(m.locked
        ? [{ key: 'lockedAt', header: 'Số liệu khóa lúc', kind: 'datetime' } as const]
        : []),
    ],
    rows: m.reports.flatMap((r) =>
      r.cells.map((c) => ({
        report: r.ref,
        period: r.period,
        title: r.title,
        agency: c.agencyName,
        level: c.level,
        locality: c.localityName,
        dueAt: lastDay(c.dueAt),
        originalDueAt: lastDay(c.originalDueAt),
        submittedAt: c.firstSubmittedAt,
        state: label(c.state),
        marks: markText(c.marks, 'vi'),
        countedDueAt: lastDay(c.countedDueAt),
        stateByOriginal: label(c.stateByOriginal),
        lockedAt: m.locked?.lockedAt,
      })),
    ),
    fill: (row, key) =>
      key === 'state' || key === 'stateByOriginal' ? colourOf(row[key]) : undefined,
  };
  const areas: Sheet = {
    name: 'Tỷ lệ báo cáo',
    ...(lock ? { title: lock } : {}),
    columns: [
      { key: 'report', header: 'Báo cáo (STT)' },
      { key: 'level', header: 'Cấp' },
      { key: 'locality', header: 'Địa bàn' },
      ...rateColumns,
    ],
    rows: [
      ...m.reports.map((r) => ({
        report: `${r.ref} (${r.period})`,
        level: '',
        locality: '',
        ...rateRow(r.rates, r.original),
      })),
      ...m.byArea.map((a) => ({
        report: '',
        level: a.level,
        locality: a.localityName,
        ...rateRow(a, a.original),
      })),
      { report: 'Tổng cộng', level: '', locality: '', ...rateRow(m.total, m.totalOriginal) },
    ],
  };
  const others: Sheet = {
    name: 'Nhiệm vụ khác',
    ...(lock ? { title: lock } : {}),
    columns: [
      ...dutyColumns,
      { key: 'submittedAt', header: 'Ngày nộp lần đầu', kind: 'date' },
      { key: 'state', header: 'Tình trạng' },
    ],
    rows: m.duties.rows.map((d) => ({
      ...dutyRow(d),
      submittedAt: d.firstSubmittedAt,
      state: label(d.track),
    })),
    fill: (row, key) => (key === 'state' ? colourOf(row['state']) : undefined),
  };
  return [cells, areas, others];
}
