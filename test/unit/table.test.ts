import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../plans/csv.ts';
import { ImportError } from '../../plans/errors.ts';
import { tableToDuties } from '../../plans/table.ts';

const HEADER = [
  'STT',
  'Nội dung công việc',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Sản phẩm',
  'Thời gian',
];

function issuesOf(rows: string[][]): string[] {
  try {
    tableToDuties(rows);
  } catch (err) {
    if (err instanceof ImportError) return err.issues.map((i) => `${i.at}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('CSV', () => {
  it('reads quoted commas, doubled quotes, line breaks and a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,"b, c","say ""hi""","two\nlines"\r\n1,2,3,4\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('accepts semicolons when the header has no comma', () => {
    expect(parseCsv('STT;Nội dung\n1;x')).toEqual([
      ['STT', 'Nội dung'],
      ['1', 'x'],
    ]);
  });

  it('refuses a quote left open', () => {
    expect(() => parseCsv('a,"b\n')).toThrow('ends inside a quoted field');
  });
});

describe('assignment table', () => {
  const rows = [
    ['PHÂN CÔNG NHIỆM VỤ', '', '', '', '', ''],
    HEADER,
    [
      '1.',
      'Dự án 1',
      'Phòng Tài chính - Kế hoạch',
      'UBND các xã, thị trấn',
      'Hàng năm: Xây dựng',
      'Giai đoạn 2021 - 2025',
    ],
    ['3.', 'Dự án 3: Hỗ trợ phát triển sản xuất', '', '', '', ''],
    [
      '',
      'Tiểu dự án 1',
      'Phòng Nông nghiệp',
      'Phòng LĐ-TB&XH',
      'Hàng năm: kế hoạch (cam kết',
      'Giai đoạn 2021 - 2025',
    ],
    ['', '', '', '', '', ''],
    HEADER, // page break
    ['', '', '', '', 'theo từng tháng).', ''],
    ['', 'Tiểu dự án 2', 'Phòng Giáo dục và Đào tạo', '', 'Hàng năm', 'Giai đoạn 2021 - 2025'],
  ];

  it('nests sub-projects, skips repeated headers and joins continued cells', () => {
    const t = tableToDuties(rows);
    expect(t.projects).toEqual([{ ref: '3', title: 'Dự án 3: Hỗ trợ phát triển sản xuất' }]);
    expect(t.duties.map((d) => [d.ref, d.content, d.lead, d.coordinating])).toEqual([
      ['1', 'Dự án 1', 'Phòng Tài chính - Kế hoạch', ['UBND các xã, thị trấn']],
      ['3.1', 'Tiểu dự án 1', 'Phòng Nông nghiệp', ['Phòng LĐ-TB&XH']],
      ['3.2', 'Tiểu dự án 2', 'Phòng Giáo dục và Đào tạo', []],
    ]);
    expect(t.duties[1]?.product).toBe('Hàng năm: kế hoạch (cam kết theo từng tháng).');
    expect(t.rowOf).toEqual({ '1': 3, '3': 4, '3.1': 5, '3.2': 9 });
  });

  it('names the missing header columns', () => {
    expect(
      issuesOf([
        ['STT', 'Nội dung công việc', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Ghi chú'],
        ['1', 'x', 'y', '', ''],
      ]),
    ).toEqual(['row 1: missing column "Sản phẩm", "Thời gian"']);
  });

  it('finds no table in a file without the header', () => {
    expect(
      issuesOf([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toEqual([
      'header: no row has the columns STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian',
    ]);
  });

  it('reports every empty required cell and duplicate STT at once', () => {
    expect(
      issuesOf([
        HEADER,
        ['1', 'Dự án 1', '', '', 'x', 'Hàng năm'],
        ['1', 'Dự án 1 lần nữa', 'Phòng A', '', 'x', ''],
      ]),
    ).toEqual([
      'row 2, column "Cơ quan chủ trì": is empty',
      'row 3, column "Thời gian": is empty',
      'row 3, column "STT": STT 1 appears twice (rows 2 and 3)',
    ]);
  });

  it('refuses sub-project rows with no project above them', () => {
    expect(issuesOf([HEADER, ['', 'Tiểu dự án 1', 'Phòng A', '', 'x', 'Hàng năm']])).toEqual([
      'row 2, column "STT": the row has no STT and no project row above it',
    ]);
  });
});
