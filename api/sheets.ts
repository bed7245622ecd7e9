// The matrix and the lists as people read them in Excel: Vietnamese headers, dd/mm/yyyy, and
// the categories' colours.
import type { DueSoonDuty, Matrix, OverdueDuty, TrackedDuty } from '../db/tracking.ts';
import { formatDate } from '../domain/local-time.ts';
import { TRACK_COLOURS, TRACK_LABELS, type Track } from '../domain/tracking.ts';
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
];

/**
 * Three sheets: every expected report and its state (one row per report and agency, the first
 * sheet and the CSV), the rates per level and locality, and the other duties' categories.
 */
export function matrixSheets(m: Matrix, planTitle: string): Sheet[] {
  const cells: Sheet = {
    name: 'Ma trận báo cáo',
    title: `Ma trận báo cáo – ${planTitle} – kỳ ${m.period}, tính đến ngày ${formatDate(Date.parse(m.asOf))}`,
    columns: [
      { key: 'report', header: 'Báo cáo (STT)' },
      { key: 'period', header: 'Kỳ' },
      { key: 'title', header: 'Nội dung' },
      { key: 'agency', header: 'Cơ quan' },
      { key: 'level', header: 'Cấp' },
      { key: 'locality', header: 'Địa bàn' },
      { key: 'dueAt', header: 'Hạn hiện hành', kind: 'date' },
      { key: 'originalDueAt', header: 'Hạn ban đầu', kind: 'date' },
      { key: 'submittedAt', header: 'Ngày nộp', kind: 'date' },
      { key: 'state', header: 'Tình trạng' },
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
        submittedAt: c.submittedAt,
        state: label(c.state),
      })),
    ),
    fill: (row, key) => (key === 'state' ? colourOf(row['state']) : undefined),
  };
  const areas: Sheet = {
    name: 'Tỷ lệ báo cáo',
    columns: [
      { key: 'level', header: 'Cấp' },
      { key: 'locality', header: 'Địa bàn' },
      ...rateColumns,
    ],
    rows: [
      ...m.byArea.map((a) => ({ ...a, locality: a.localityName })),
      { ...m.total, level: 'Tổng cộng', locality: '' },
    ],
  };
  const others: Sheet = {
    name: 'Nhiệm vụ khác',
    columns: [...dutyColumns, { key: 'state', header: 'Tình trạng' }],
    rows: m.duties.rows.map((d) => ({ ...dutyRow(d), state: label(d.track) })),
    fill: (row, key) => (key === 'state' ? colourOf(row['state']) : undefined),
  };
  return [cells, areas, others];
}
