// The XLSX export as a LibreOffice Calc user sees it: the workbook goes through soffice, which
// shows each cell in the format the workbook asks for, so dates must read dd/mm/yyyy in
// Vietnamese local time and the Vietnamese letters must survive.
import { describe, expect, it } from 'vitest';
import { toXlsx, type Sheet } from '../../exports/sheet.ts';
import { xlsxToCsvRows } from '../support/libreoffice.ts';

const SHEET: Sheet = {
  name: 'Ma trận báo cáo',
  title: 'Ma trận báo cáo kế hoạch 171/KH-UBND kỳ 2026',
  columns: [
    { key: 'agency', header: 'Cơ quan chủ trì' },
    { key: 'product', header: 'Sản phẩm' },
    { key: 'due', header: 'Hạn nộp', kind: 'date' },
    { key: 'sentAt', header: 'Thời điểm nộp', kind: 'datetime' },
    { key: 'onTime', header: 'Tỉ lệ đúng hạn', kind: 'percent' },
    { key: 'count', header: 'Số báo cáo', kind: 'number' },
  ],
  rows: [
    {
      agency: 'Phòng Lao động – Thương binh và Xã hội',
      product: 'Báo cáo 6 tháng, tổng hợp',
      due: '2026-06-19T17:30:00Z',
      sentAt: '2026-06-19T17:30:00Z',
      onTime: 0.875,
      count: 8,
    },
    {
      agency: 'Phòng Tài chính – Kế hoạch',
      product: '=Kế hoạch phân bổ vốn',
      due: '2026-11-19T17:00:00Z',
      sentAt: null,
      onTime: null,
      count: 0,
    },
  ],
  fill: (row, key) => (key === 'onTime' && row.onTime !== null ? '#1b7f3b' : undefined),
};

// LibreOffice's first start with a fresh profile takes seconds, more on a busy machine.
describe('XLSX export in LibreOffice Calc', { timeout: 180_000 }, () => {
  it('opens with the title, the Vietnamese headers and the cells as a user sees them', async () => {
    const rows = await xlsxToCsvRows(await toXlsx([SHEET]));
    const percent = rows[2]?.[4];
    expect(percent).toMatch(/^87[.,]5%$/); // the decimal separator is the office's locale's
    expect(rows).toEqual([
      ['Ma trận báo cáo kế hoạch 171/KH-UBND kỳ 2026', '', '', '', '', ''],
      ['Cơ quan chủ trì', 'Sản phẩm', 'Hạn nộp', 'Thời điểm nộp', 'Tỉ lệ đúng hạn', 'Số báo cáo'],
      [
        'Phòng Lao động – Thương binh và Xã hội',
        'Báo cáo 6 tháng, tổng hợp',
        '20/06/2026',
        '00:30 20/06/2026',
        percent,
        '8',
      ],
      // Text that looks like a formula stays text in the workbook.
      ['Phòng Tài chính – Kế hoạch', '=Kế hoạch phân bổ vốn', '20/11/2026', '', '', '0'],
    ]);
  });

  it('opens every worksheet of a workbook', async () => {
    const second: Sheet = {
      name: 'Hạn theo cơ quan',
      columns: [
        { key: 'agency', header: 'Cơ quan' },
        { key: 'due', header: 'Hạn cuối', kind: 'date' },
      ],
      rows: [{ agency: 'UBND xã Hồng Thượng', due: '2026-12-08T17:00:00Z' }],
    };
    const rows = await xlsxToCsvRows(await toXlsx([SHEET, second]), 2);
    expect(rows).toEqual([
      ['Cơ quan', 'Hạn cuối'],
      ['UBND xã Hồng Thượng', '09/12/2026'],
    ]);
  });
});
