import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { toCsv, toXlsx, type Sheet } from '../../exports/sheet.ts';
import { parseCsv } from '../../plans/csv.ts';

// 00:30 on 20/06/2026 in Vietnam: the UTC date is still the 19th.
const LATE_EVENING_UTC = '2026-06-19T17:30:00Z';

const REPORTS: Sheet = {
  name: 'Báo cáo 6 tháng',
  title: 'Ma trận báo cáo kế hoạch 171/KH-UBND kỳ 2026',
  columns: [
    { key: 'agency', header: 'Cơ quan chủ trì' },
    { key: 'due', header: 'Hạn nộp', kind: 'date' },
    { key: 'sentAt', header: 'Thời điểm nộp', kind: 'datetime' },
    { key: 'onTime', header: 'Tỉ lệ đúng hạn (%)', kind: 'percent' },
    { key: 'count', header: 'Số báo cáo', kind: 'number' },
  ],
  rows: [
    {
      agency: 'Phòng Lao động – Thương binh và Xã hội',
      due: LATE_EVENING_UTC,
      sentAt: LATE_EVENING_UTC,
      onTime: 0.875,
      count: 8,
    },
    {
      agency: 'UBND xã Hồng Kim, "thôn 2"',
      due: '2026-12-09T00:00:00+07:00',
      sentAt: null,
      onTime: null,
      count: 0,
    },
    { agency: 'Ghi chú:\nnộp bản giấy; gửi kèm bản mềm', due: undefined, onTime: 1, count: 1.5 },
  ],
  fill: (row, key) => {
    if (key !== 'onTime' || typeof row.onTime !== 'number') return undefined;
    return row.onTime >= 0.8 ? '#1b7f3b' : '#fde68a';
  },
};

describe('CSV export', () => {
  const csv = toCsv(REPORTS);

  it('starts with a byte-order mark and ends every line with CRLF, headers first, no title', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe(
      'Cơ quan chủ trì,Hạn nộp,Thời điểm nộp,Tỉ lệ đúng hạn (%),Số báo cáo',
    );
    expect(csv).not.toContain('Ma trận');
    // The only bare LF is inside the quoted note.
    expect(csv.replaceAll('\r\n', '').match(/\n/g)).toHaveLength(1);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and reads back to the same Vietnamese text', () => {
    expect(csv).toContain('"UBND xã Hồng Kim, ""thôn 2"""');
    expect(parseCsv(csv)).toEqual([
      ['Cơ quan chủ trì', 'Hạn nộp', 'Thời điểm nộp', 'Tỉ lệ đúng hạn (%)', 'Số báo cáo'],
      ['Phòng Lao động – Thương binh và Xã hội', '20/06/2026', '00:30 20/06/2026', '87,5', '8'],
      ['UBND xã Hồng Kim, "thôn 2"', '09/12/2026', '', '', '0'],
      ['Ghi chú:\nnộp bản giấy; gửi kèm bản mềm', '', '', '100,0', '1,5'],
    ]);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(bytes.toString('utf8'))[1]?.[0]).toBe('Phòng Lao động – Thương binh và Xã hội');
  });

  it('shows instants as the local date in Vietnam, not the UTC date', () => {
    const rows = parseCsv(toCsv(REPORTS));
    expect(rows[1]?.[1]).toBe('20/06/2026');
    expect(rows[1]?.[2]).toBe('00:30 20/06/2026');
  });

  it('neutralises cells a spreadsheet would run as formulas, but not numbers', () => {
    const sheet: Sheet = {
      name: 'x',
      columns: [
        { key: 'text', header: 'Nội dung' },
        { key: 'n', header: 'Số', kind: 'number' },
      ],
      rows: [
        { text: '=HYPERLINK("http://evil.example","Bấm")', n: -3 },
        { text: '+84 234 3878 123', n: 2 },
        { text: '-Phòng Tư pháp', n: 0 },
        { text: '@SUM(A1:A2)', n: 1 },
        { text: '\t=1+1', n: 1 },
        { text: 'a = b', n: 1 },
      ],
    };
    expect(parseCsv(toCsv(sheet)).slice(1)).toEqual([
      ['\'=HYPERLINK("http://evil.example","Bấm")', '-3'],
      ["'+84 234 3878 123", '2'],
      ["'-Phòng Tư pháp", '0'],
      ["'@SUM(A1:A2)", '1'],
      ["'\t=1+1", '1'],
      ['a = b', '1'],
    ]);
  });

  it('refuses a malformed date or a NaN rather than writing something wrong', () => {
    const bad = (value: string | number, kind: 'date' | 'percent'): Sheet => ({
      name: 'x',
      columns: [{ key: 'v', header: 'V', kind }],
      rows: [{ v: value }],
    });
    expect(() => toCsv(bad('20/06/2026', 'date'))).toThrow('is not a date');
    expect(() => toCsv(bad(Number.NaN, 'percent'))).toThrow('use null for no value');
  });
});

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('XLSX export', () => {
  it('writes a title merged across the columns, bold headers, frozen panes and an autofilter', async () => {
    const ws = (await readBack(await toXlsx([REPORTS]))).getWorksheet('Báo cáo 6 tháng')!;
    expect(ws.getCell('A1').value).toBe('Ma trận báo cáo kế hoạch 171/KH-UBND kỳ 2026');
    expect(ws.getCell('E1').isMerged).toBe(true);
    expect(ws.getCell('E1').master.address).toBe('A1');
    expect(ws.getRow(2).values).toEqual([
      undefined,
      'Cơ quan chủ trì',
      'Hạn nộp',
      'Thời điểm nộp',
      'Tỉ lệ đúng hạn (%)',
      'Số báo cáo',
    ]);
    expect(ws.getCell('B2').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBe('A2:E5');
    expect(ws.getColumn(2).width).toBe(12);
  });

  it('holds real dates at the local wall-clock time, percentages as ratios, with their formats', async () => {
    const ws = (await readBack(await toXlsx([REPORTS]))).getWorksheet(1)!;
    const due = ws.getCell('B3');
    const sent = ws.getCell('C3');
    // exceljs reads an Excel date back as a Date whose UTC fields are the cell's wall clock.
    expect(due.value).toEqual(new Date(Date.UTC(2026, 5, 20)));
    expect(due.numFmt).toBe('dd/mm/yyyy');
    expect(sent.value).toEqual(new Date(Date.UTC(2026, 5, 20, 0, 30)));
    expect(sent.numFmt).toBe('hh:mm dd/mm/yyyy');
    expect(ws.getCell('B4').value).toEqual(new Date(Date.UTC(2026, 11, 9)));
    expect(ws.getCell('D3').value).toBe(0.875);
    expect(ws.getCell('D3').numFmt).toBe('0.0%');
    expect(ws.getCell('E5').value).toBe(1.5);
    expect(ws.getCell('A3').value).toBe('Phòng Lao động – Thương binh và Xã hội');
    expect(ws.getCell('A5').value).toBe('Ghi chú:\nnộp bản giấy; gửi kèm bản mềm');
    expect(ws.getCell('C4').value).toBeNull();
  });

  it('fills cells as the sheet asks, with white text on dark fills', async () => {
    const ws = (await readBack(await toXlsx([REPORTS]))).getWorksheet(1)!;
    const background = (address: string): string | undefined => {
      const fill = ws.getCell(address).fill as ExcelJS.Fill | undefined;
      return fill?.type === 'pattern' && fill.pattern === 'solid' ? fill.fgColor?.argb : undefined;
    };
    expect(background('D3')).toBe('FF1B7F3B');
    expect(ws.getCell('D3').font?.color?.argb).toBe('FFFFFFFF');
    expect(background('D5')).toBe('FF1B7F3B');
    expect(background('D4')).toBeUndefined();
    expect(background('A3')).toBeUndefined();
    expect(ws.getCell('A3').font?.color?.argb).not.toBe('FFFFFFFF');
    const light = (await readBack(await toXlsx([{ ...REPORTS, fill: () => '#fde68a' }])))
      .getWorksheet(1)!
      .getCell('A3');
    expect(light.fill).toMatchObject({ fgColor: { argb: 'FFFDE68A' } });
    expect(light.font?.color?.argb).not.toBe('FFFFFFFF');
    await expect(toXlsx([{ ...REPORTS, fill: () => 'green' }])).rejects.toThrow('not a colour');
  });

  it('names worksheets as Excel allows: no []:*?/\\, at most 31 characters, unique', async () => {
    const sheet = (name: string): Sheet => ({
      name,
      columns: [{ key: 'a', header: 'A' }],
      rows: [],
    });
    const workbook = await readBack(
      await toXlsx([
        sheet('Kỳ 2026/2027: [Dự án 1]*?'),
        sheet('Tiểu dự án 1 – Hỗ trợ đầu tư phát triển hạ tầng'),
        sheet('Tiểu dự án 1 – Hỗ trợ đầu tư phát triển hạ tầng'),
        sheet(''),
      ]),
    );
    const names = workbook.worksheets.map((w) => w.name);
    expect(names).toEqual([
      'Kỳ 2026 2027 Dự án 1',
      'Tiểu dự án 1 – Hỗ trợ đầu tư ph',
      'Tiểu dự án 1 – Hỗ trợ đầu t (2)',
      'Trang 4',
    ]);
    for (const name of names) expect([...name].length).toBeLessThanOrEqual(31);
  });

  it('gives the same bytes for the same sheets, whenever they are written', async () => {
    // Only the clock is faked: the zip library stamps entries with the current time.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-06-19T17:30:00Z'));
      const first = await toXlsx([REPORTS]);
      vi.setSystemTime(new Date('2027-01-02T03:04:06Z'));
      expect((await toXlsx([REPORTS])).equals(first)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
