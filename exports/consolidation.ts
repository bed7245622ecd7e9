// The consolidated draft as the labour office takes it away: a workbook (the combined
// indicators, the reports received, who is missing) and a Word draft of the report it sends
// to the level above, in Vietnamese administrative form with dates as dd/mm/yyyy. Both are
// made from the same ConsolidationView the page shows.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatDate, localParts } from '../domain/local-time.ts';
import { viCollator } from '../domain/vi-order.ts';
import { formatNumber } from '../i18n/targets.ts';
import { indicatorName } from '../i18n/year-end.ts';
import type { ConsolidationView } from '../use-cases/consolidation.ts';
import type { Sheet } from './sheet.ts';

/** What the exports say beside the draft: the period in words and the day it is made. */
export interface DraftContext {
  /** "6 tháng đầu năm 2026", as the pages say the period. */
  periodWords: string;
  /** When the draft is made (its date is written on it). */
  asOf: number;
  /** Duty statuses in words ("Quá hạn"). */
  statusWords: (status: string) => string;
}

const indicators = (d: ConsolidationView) =>
  Object.entries(d.draft.indicators)
    .map(([key, value]) => ({ name: indicatorName(key, 'vi'), value }))
    .sort((a, b) => viCollator.compare(a.name, b.name));

/** The last allowed day of a deadline "before" an instant (00:00 is the day before). */
const lastDay = (iso: string): string => {
  const ms = Date.parse(iso);
  const p = localParts(ms);
  return formatDate(p.hour === 0 && p.minute === 0 ? ms - 1 : ms);
};

export function consolidationSheets(d: ConsolidationView, c: DraftContext): Sheet[] {
  const title = `${d.duty.title} – ${c.periodWords}`;
  const received = [
    ...d.draft.submittedOnTime.map((r) => ({ ...r, timeliness: 'Đúng hạn' })),
    ...d.draft.submittedLate.map((r) => ({ ...r, timeliness: 'Muộn' })),
  ];
  return [
    {
      name: 'Chỉ tiêu tổng hợp',
      title: `Chỉ tiêu tổng hợp: ${title} (lập ngày ${formatDate(c.asOf)})`,
      columns: [
        { key: 'name', header: 'Chỉ tiêu' },
        { key: 'value', header: 'Giá trị tổng hợp', kind: 'number' },
      ],
      rows: indicators(d).map((i) => ({ name: i.name, value: i.value })),
    },
    {
      name: 'Báo cáo đã nhận',
      title: `Báo cáo đã nhận: ${d.draft.submittedOnTime.length + d.draft.submittedLate.length}/${d.draft.expected}`,
      columns: [
        { key: 'agency', header: 'Cơ quan, đơn vị' },
        { key: 'at', header: 'Ngày nộp', kind: 'date' },
        { key: 'timeliness', header: 'Thời hạn' },
      ],
      rows: received.map((r) => ({ agency: r.agency, at: r.at, timeliness: r.timeliness })),
    },
    {
      name: 'Chưa báo cáo',
      title: `Cơ quan, đơn vị chưa báo cáo: ${d.draft.missing.length}`,
      columns: [
        { key: 'agency', header: 'Cơ quan, đơn vị' },
        { key: 'status', header: 'Tình trạng' },
      ],
      rows: d.draft.missing.map((m) => ({ agency: m.agency, status: c.statusWords(m.status) })),
    },
  ];
}

const text = (t: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: t, font: 'Times New Roman', size: opts.size ?? 26, ...opts });

const para = (
  t: string | TextRun[],
  opts: { bold?: boolean; center?: boolean; italics?: boolean; size?: number; after?: number } = {},
) =>
  new Paragraph({
    children: typeof t === 'string' ? [text(t, opts)] : t,
    ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
    spacing: { after: opts.after ?? 120 },
  });

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function grid(head: string[], rows: string[][], widths: number[]): Table {
  const cell = (t: string, bold: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ children: [text(t, { bold, size: 24 })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: LINE,
      bottom: LINE,
      left: LINE,
      right: LINE,
      insideHorizontal: LINE,
      insideVertical: LINE,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        children: head.map((h, i) => cell(h, true, widths[i] ?? 10)),
      }),
      ...rows.map(
        (r) => new TableRow({ children: r.map((t, i) => cell(t, false, widths[i] ?? 10)) }),
      ),
    ],
  });
}

/**
 * The draft report to the level above: the issuing office and the national motto, the title
 * with the period, how many reports came in, the combined indicators as a table, and the
 * agencies that have not reported. A draft: the office completes and signs it.
 */
export async function consolidationDocx(d: ConsolidationView, c: DraftContext): Promise<Buffer> {
  const { draft } = d;
  const receivedCount = draft.submittedOnTime.length + draft.submittedLate.length;
  const rows = indicators(d);
  const children = [
    para(d.duty.lead.toUpperCase(), { bold: true, size: 24, after: 0 }),
    para('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true, size: 24, after: 0 }),
    para('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true, after: 240 }),
    para('BÁO CÁO', { bold: true, center: true, size: 28, after: 0 }),
    para(d.duty.title, { bold: true, center: true }),
    para(`Kỳ báo cáo: ${c.periodWords}`, { center: true, after: 240 }),
    para(`Dự thảo tổng hợp ngày ${formatDate(c.asOf)}; hạn gửi báo cáo: ${lastDay(draft.dueAt)}.`, {
      italics: true,
    }),
    ...(d.plan.number
      ? [para(`Thực hiện Kế hoạch số ${d.plan.number}${d.plan.title ? ` ${d.plan.title}` : ''}.`)]
      : []),
    para('I. TÌNH HÌNH NHẬN BÁO CÁO', { bold: true }),
    para(
      `Số báo cáo phải nhận: ${draft.expected}; đã nhận ${receivedCount} (đúng hạn ${draft.submittedOnTime.length}, muộn ${draft.submittedLate.length}); chưa nhận ${draft.missing.length}.`,
    ),
    para('II. CÁC CHỈ TIÊU TỔNG HỢP', { bold: true }),
    rows.length > 0
      ? grid(
          ['STT', 'Chỉ tiêu', 'Giá trị tổng hợp'],
          rows.map((r, i) => [String(i + 1), r.name, formatNumber(r.value, 'vi')]),
          [10, 60, 30],
        )
      : para('Các báo cáo đã nhận chưa có số liệu chỉ tiêu.', { italics: true }),
    para('III. CƠ QUAN, ĐƠN VỊ CHƯA BÁO CÁO', { bold: true }),
    draft.missing.length > 0
      ? grid(
          ['STT', 'Cơ quan, đơn vị', 'Tình trạng'],
          draft.missing.map((m, i) => [String(i + 1), m.agency, c.statusWords(m.status)]),
          [10, 60, 30],
        )
      : para('Tất cả cơ quan, đơn vị đã gửi báo cáo.', { italics: true }),
  ];
  const doc = new Document({
    creator: d.duty.lead,
    title: `Báo cáo ${d.duty.title} – ${c.periodWords}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
