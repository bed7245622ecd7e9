import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../plans/errors.ts';
import { readTableRows, tableToDuties } from '../../plans/table.ts';

const HEADER = [
  'STT',
  'Nội dung công việc',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Sản phẩm',
  'Thời gian',
];

async function workbook(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Phụ lục'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('XLSX tables as Excel users make them', () => {
  it('reads a heading merged across the row as a heading, and a date cell as dd/mm/yyyy', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(HEADER);
      ws.addRow(['3.', 'Dự án 3: Hỗ trợ phát triển sản xuất', '', '', '', '']);
      ws.mergeCells('B2:F2');
      ws.addRow(['', 'Tiểu dự án 1', 'Phòng A', '', 'Kế hoạch', new Date(Date.UTC(2022, 8, 17))]);
    });
    const table = tableToDuties(await readTableRows(bytes, 'xlsx'));
    expect(table.projects).toEqual([{ ref: '3', title: 'Dự án 3: Hỗ trợ phát triển sản xuất' }]);
    expect(table.duties.map((d) => [d.ref, d.lead, d.time])).toEqual([
      ['3.1', 'Phòng A', '17/09/2022'],
    ]);
  });

  it('visits only filled cells: a stray far cell costs nothing, a huge sheet is refused', async () => {
    const stray = await workbook((ws) => {
      ws.addRow(HEADER);
      ws.addRow(['1', 'Dự án 1', 'Phòng A', '', 'x', 'Hàng năm']);
      ws.getCell('AD4999').value = 'ghi chú';
    });
    const rows = await readTableRows(stray, 'xlsx');
    expect(tableToDuties(rows).duties).toHaveLength(1);
    const huge = await workbook((ws) => {
      ws.addRow(HEADER);
      ws.getCell('A9000').value = 'x';
    });
    await expect(readTableRows(huge, 'xlsx')).rejects.toThrow(ImportError);
    await expect(readTableRows(huge, 'xlsx')).rejects.toThrow('more than 5000 rows');
  });
});
