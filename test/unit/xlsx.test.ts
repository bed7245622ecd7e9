import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../plans/errors.ts';
import { detectTableFormat, readTableRows, tableToDuties } from '../../plans/table.ts';

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

describe('XLSX headers and merges', () => {
  it('reads a two-row header with merged cells, columns in another order, and notes', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['PHÂN CÔNG NHIỆM VỤ']);
      ws.addRow([
        'TT',
        'Cơ quan thực hiện',
        '',
        'Nhiệm vụ',
        'Thời hạn hoàn thành',
        'Kết quả',
        'Ghi chú',
      ]);
      ws.addRow(['', 'Chủ trì', 'Phối hợp', '', '', '', '']);
      ws.mergeCells('A2:A3');
      ws.mergeCells('B2:C2');
      ws.mergeCells('D2:D3');
      ws.mergeCells('E2:E3');
      ws.mergeCells('F2:F3');
      ws.mergeCells('G2:G3');
      ws.addRow([
        '1',
        'Phòng LĐ-TB&XH',
        'UBND các xã',
        'Rà soát hộ nghèo',
        'Quý IV',
        'Báo cáo',
        'Hằng năm',
      ]);
    });
    const t = tableToDuties(await readTableRows(bytes, 'xlsx'));
    expect(t.duties).toEqual([
      {
        ref: '1',
        content: 'Rà soát hộ nghèo',
        lead: 'Phòng LĐ-TB&XH',
        coordinating: ['UBND các xã'],
        product: 'Báo cáo',
        time: 'Quý IV',
        notes: 'Ghi chú: Hằng năm',
      },
    ]);
  });

  it('gives a lead merged down over sub-rows to each of them', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(HEADER);
      ws.addRow(['3.', 'Dự án 3', '', '', '', '']);
      ws.addRow(['', 'Tiểu dự án 1', 'Phòng NN&PTNT', 'UBND các xã', 'Kế hoạch', 'Hàng năm']);
      ws.addRow(['', 'Tiểu dự án 2', '', 'Trung tâm y tế', 'Kế hoạch', 'Hàng năm']);
      ws.addRow(['', 'Tiểu dự án 3', '', '', 'Báo cáo', 'Quý IV']);
      ws.mergeCells('C3:C5');
    });
    const t = tableToDuties(await readTableRows(bytes, 'xlsx'));
    expect(t.duties.map((d) => [d.ref, d.lead, d.coordinating])).toEqual([
      ['3.1', 'Phòng NN&PTNT', ['UBND các xã']],
      ['3.2', 'Phòng NN&PTNT', ['Trung tâm y tế']],
      ['3.3', 'Phòng NN&PTNT', []],
    ]);
  });

  it('tells a workbook from a Word document by its parts, whatever the name says', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(HEADER);
    });
    expect(detectTableFormat('bang.docx', bytes)).toBe('xlsx');
    expect(detectTableFormat('bang.xlsx', bytes)).toBe('xlsx');
    expect(detectTableFormat('bang.csv', new TextEncoder().encode('STT,Nội dung'))).toBe('csv');
  });
});
