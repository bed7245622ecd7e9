// The consolidated draft as downloaded: the workbook opened with exceljs and the Word draft
// read back with mammoth (as plans/docx.ts reads plans) both say, in Vietnamese, the period,
// the combined indicators and who has not reported, with dates as dd/mm/yyyy.
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../api/web/i18n.ts';
import { toXlsx } from '../../exports/sheet.ts';
import { consolidationDocx, consolidationSheets } from '../../exports/consolidation.ts';
import { localInstant } from '../../domain/local-time.ts';
import type { ConsolidationView } from '../../use-cases/consolidation.ts';

const vi = stringsFor('vi');
const draft: ConsolidationView = {
  draft: {
    dutyId: 'duty:a-luoi-171-2022:BC-6T:2025-H1',
    title: 'Báo cáo kết quả thực hiện giảm nghèo 6 tháng',
    // Due before 21/06/2025: the last day allowed is 20/06/2025.
    dueAt: new Date(localInstant(2025, 6, 21)).toISOString(),
    expected: 4,
    submittedOnTime: [
      { agency: 'Phòng Nông nghiệp và Phát triển nông thôn', at: '2025-06-12T03:00:00.000Z' },
    ],
    submittedLate: [{ agency: 'UBND xã Hồng Kim', at: '2025-06-25T03:00:00.000Z' }],
    missing: [
      { agency: 'Đoàn Thanh niên huyện', status: 'overdue' },
      { agency: 'UBND xã Hương Phong', status: 'assigned' },
    ],
    indicators: { households: 1234, 'poverty-rate': 11.4, 'Số hộ thoát nghèo': 57 },
  },
  duty: {
    id: 'duty:a-luoi-171-2022:BC-6T:2025-H1',
    planId: 'a-luoi-171-2022',
    title: 'Báo cáo kết quả thực hiện giảm nghèo 6 tháng',
    period: '2025-H1',
    lead: 'Phòng Lao động - Thương binh và Xã hội',
  },
  plan: { id: 'a-luoi-171-2022', number: '171/KH-UBND', title: 'Giảm nghèo bền vững 2021–2025' },
};
const context = {
  periodWords: vi.periodName('2025-H1'),
  asOf: Date.parse('2025-06-30T02:00:00.000Z'),
  statusWords: (s: string) => vi.statuses[s as keyof typeof vi.statuses] ?? s,
};

describe('the consolidated draft, downloaded', () => {
  it('as XLSX: the indicators, the reports received with their dates, who is missing', async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await toXlsx(consolidationSheets(draft, context));
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheets = workbook.worksheets.map((ws) => ws.name);
    expect(sheets).toEqual(['Chỉ tiêu tổng hợp', 'Báo cáo đã nhận', 'Chưa báo cáo']);
    const cells = (i: number) => {
      const out: string[] = [];
      workbook.worksheets[i]!.eachRow((row) => row.eachCell((c) => out.push(c.text)));
      return out;
    };
    const indicators = cells(0);
    expect(indicators.join(' | ')).toContain('6 tháng đầu năm 2025');
    expect(indicators).toEqual(
      expect.arrayContaining([
        'Tổng số hộ',
        '1234',
        'Tỷ lệ hộ nghèo (%)',
        '11.4',
        'Số hộ thoát nghèo',
        '57',
      ]),
    );
    expect(cells(1)).toEqual(expect.arrayContaining(['UBND xã Hồng Kim', 'Muộn']));
    // A real Excel date shown as dd/mm/yyyy, the local day of the submission.
    const at = workbook.worksheets[1]!.getRow(3).getCell(2);
    expect(at.numFmt).toBe('dd/mm/yyyy');
    expect(at.value).toEqual(new Date(Date.UTC(2025, 5, 12)));
    expect(cells(2)).toEqual(
      expect.arrayContaining(['Đoàn Thanh niên huyện', 'Quá hạn', 'UBND xã Hương Phong']),
    );
  });

  it('as Word: heading, period, the indicators table and the agencies missing', async () => {
    const bytes = await consolidationDocx(draft, context);
    const { value: text } = await mammoth.extractRawText({ buffer: bytes });
    const { value: markup } = await mammoth.convertToHtml({ buffer: bytes });
    expect(text).toContain('PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Kỳ báo cáo: 6 tháng đầu năm 2025');
    expect(text).toContain('hạn gửi báo cáo: 20/06/2025');
    expect(text).toContain('Dự thảo tổng hợp ngày 30/06/2025');
    expect(text).toContain('Số báo cáo phải nhận: 4; đã nhận 2 (đúng hạn 1, muộn 1); chưa nhận 2.');
    // The indicators as a table: one row each, the value with the Vietnamese decimal comma.
    const rows = [...markup.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...(r[1] ?? '').matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) =>
        (c[1] ?? '').replace(/<[^>]+>/g, '').trim(),
      ),
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        ['STT', 'Chỉ tiêu', 'Giá trị tổng hợp'],
        expect.arrayContaining(['Tỷ lệ hộ nghèo (%)', '11,4']),
        expect.arrayContaining(['Tổng số hộ', '1.234']),
        expect.arrayContaining(['Đoàn Thanh niên huyện', 'Quá hạn']),
        expect.arrayContaining(['UBND xã Hương Phong', 'Đã giao']),
      ]),
    );
    // No internal codes in the report sent up.
    expect(text).not.toMatch(/poverty-rate|households|2025-H1|duty:|overdue/);
  });
});
