import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../plans/csv.ts';
import { tableMessages } from '../../i18n/table.ts';
import { ImportError, localizeIssue } from '../../plans/errors.ts';
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
      'file: no row has the columns STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian',
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

/** The duty fields a coordinator checks, in a stable order. */
const fields = (t: ReturnType<typeof tableToDuties>) =>
  t.duties.map((d) => [d.ref, d.content, d.lead, d.coordinating, d.product, d.time]);

describe('headers as plans write them', () => {
  // Each variant names the six columns its own way; the data row is the same duty.
  const variants: [string, string[]][] = [
    ['the A Lưới words', HEADER],
    [
      'Số TT, Nhiệm vụ, Đơn vị chủ trì…',
      [
        'Số TT',
        'Nhiệm vụ',
        'Đơn vị chủ trì',
        'Đơn vị phối hợp thực hiện',
        'Kết quả / Sản phẩm đầu ra',
        'Thời hạn hoàn thành',
      ],
    ],
    [
      'TT, Nội dung nhiệm vụ, Cơ quan, đơn vị chủ trì…',
      [
        'TT',
        'Nội dung nhiệm vụ',
        'Cơ quan, đơn vị chủ trì',
        'Cơ quan, đơn vị phối hợp',
        'Sản phẩm đầu ra',
        'Thời gian thực hiện / hoàn thành',
      ],
    ],
    ['short words', ['STT', 'Nội dung', 'Chủ trì', 'Phối hợp', 'Kết quả', 'Thời hạn']],
    [
      'without diacritics, in capitals, with line breaks',
      [
        'S.T.T',
        'NOI DUNG CONG VIEC',
        'Co quan\nchu tri',
        'CƠ QUAN PHỐI HỢP',
        'San pham',
        'Thoi gian hoan thanh',
      ],
    ],
    [
      'words no list foresaw',
      [
        'Số thứ tự',
        'Tên nhiệm vụ, giải pháp',
        'Cơ quan chịu trách nhiệm chủ trì',
        'Cơ quan tham gia',
        'Hình thức văn bản',
        'Tiến độ thực hiện',
      ],
    ],
    [
      'Thời gian thực hiện, Đơn vị thực hiện',
      [
        'STT',
        'Công việc',
        'Đơn vị thực hiện',
        'Đơn vị phối hợp',
        'Sản phẩm',
        'Thời gian thực hiện',
      ],
    ],
  ];
  const duty = ['1.', 'Rà soát hộ nghèo', 'Phòng LĐ-TB&XH', 'UBND các xã', 'Báo cáo', 'Quý IV'];
  // Column orders: as written, reversed, and the agencies first.
  const orders = [
    [0, 1, 2, 3, 4, 5],
    [5, 4, 3, 2, 1, 0],
    [2, 3, 0, 5, 1, 4],
  ];

  for (const [name, header] of variants) {
    it(`reads ${name} in any column order`, () => {
      for (const order of orders) {
        const pick = (row: string[]) => order.map((i) => row[i] ?? '');
        const t = tableToDuties([['KẾ HOẠCH'], pick(header), pick(duty)]);
        expect(fields(t)).toEqual([
          ['1', 'Rà soát hộ nghèo', 'Phòng LĐ-TB&XH', ['UBND các xã'], 'Báo cáo', 'Quý IV'],
        ]);
      }
    });
  }

  it('keeps other columns as notes, "Header: value" a line', () => {
    const t = tableToDuties([
      [
        'STT',
        'Nhiệm vụ',
        'Kinh phí (triệu đồng)',
        'Cơ quan chủ trì',
        'Cơ quan phối hợp',
        'Sản phẩm',
        'Thời hạn',
        'Ghi chú',
      ],
      ['1', 'Hỗ trợ nhà ở', '1.200', 'Phòng KT-HT', '', 'Nhà ở', 'Năm 2023', 'Nguồn vốn tỉnh'],
      ['2', 'Truyền thông', '', 'Phòng VH-TT', '', 'Tin bài', 'Hàng quý', ''],
    ]);
    expect(t.duties.map((d) => [d.ref, d.lead, d.notes])).toEqual([
      ['1', 'Phòng KT-HT', 'Kinh phí (triệu đồng): 1.200\nGhi chú: Nguồn vốn tỉnh'],
      ['2', 'Phòng VH-TT', undefined],
    ]);
  });

  it('reads a two-row header ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp") and skips the column numbers', () => {
    const t = tableToDuties([
      ['PHÂN CÔNG NHIỆM VỤ'],
      ['STT', 'Nội dung', 'Cơ quan thực hiện', '', 'Sản phẩm', 'Thời gian'],
      ['', '', 'Chủ trì', 'Phối hợp', '', ''],
      ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'],
      ['1', 'Rà soát', 'Phòng LĐ-TB&XH', 'UBND các xã', 'Báo cáo', 'Quý IV'],
    ]);
    expect(fields(t)).toEqual([
      ['1', 'Rà soát', 'Phòng LĐ-TB&XH', ['UBND các xã'], 'Báo cáo', 'Quý IV'],
    ]);
    expect(t.rowOf).toEqual({ '1': 5 });
  });

  it('does not take a row of duties for a header, nor a title line over the header', () => {
    const t = tableToDuties([
      ['PHÂN CÔNG NHIỆM VỤ, KẾT QUẢ VÀ THỜI GIAN'],
      HEADER,
      [
        '1',
        'Báo cáo kết quả thực hiện',
        'Phòng Nội vụ',
        'Các phòng',
        'Kết quả',
        'Thời gian quy định',
      ],
    ]);
    expect(t.duties.map((d) => d.ref)).toEqual(['1']);
  });
});

describe('sections, sub-projects and appendices', () => {
  it('reads "I"/"II" sections, "a)" sub-projects, "-" items and "1.1" refs', () => {
    const t = tableToDuties([
      HEADER,
      ['I', 'NHIỆM VỤ CHUNG', '', '', '', ''],
      ['1', 'Rà soát hộ nghèo', 'Phòng LĐ-TB&XH', 'UBND các xã', 'Báo cáo', 'Quý IV'],
      ['2', 'Dự án 3: Hỗ trợ phát triển sản xuất', '', '', '', ''],
      ['a)', 'Tiểu dự án 1', '', '', '', ''],
      ['-', 'Mô hình chăn nuôi', 'Phòng NN&PTNT', '', 'Kế hoạch', 'Tháng 3'],
      ['-', 'Mô hình trồng rừng', 'Phòng NN&PTNT', '', 'Kế hoạch', 'Tháng 4'],
      ['b)', 'Tiểu dự án 2', 'Phòng Y tế', '', 'Kế hoạch', 'Tháng 5'],
      ['', 'II. TỔ CHỨC THỰC HIỆN', '', '', '', ''],
      [
        '1',
        'Kiểm tra',
        'Phòng LĐ-TB&XH',
        '- Phòng Tài chính\n- UBND các xã',
        'Báo cáo',
        'Tháng 11',
      ],
      ['1.1', 'Kiểm tra cấp xã', 'UBND các xã', '', 'Biên bản', 'Tháng 12'],
    ]);
    expect(t.projects).toEqual([
      { ref: 'I', title: 'NHIỆM VỤ CHUNG' },
      { ref: 'I.2', title: 'Dự án 3: Hỗ trợ phát triển sản xuất', parentRef: 'I' },
      { ref: 'I.2.a', title: 'Tiểu dự án 1', parentRef: 'I.2' },
      { ref: 'II', title: 'TỔ CHỨC THỰC HIỆN' },
    ]);
    expect(t.duties.map((d) => [d.ref, d.content, d.coordinating])).toEqual([
      ['I.1', 'Rà soát hộ nghèo', ['UBND các xã']],
      ['I.2.a.1', 'Mô hình chăn nuôi', []],
      ['I.2.a.2', 'Mô hình trồng rừng', []],
      ['I.2.b', 'Tiểu dự án 2', []],
      ['II.1', 'Kiểm tra', ['Phòng Tài chính; UBND các xã']],
      ['II.1.1', 'Kiểm tra cấp xã', []],
    ]);
  });

  it('joins a row split across a page break, content and all', () => {
    const t = tableToDuties([
      HEADER,
      [
        '1',
        'Xây dựng kế hoạch đăng ký vốn và',
        'Phòng NN&PTNT',
        'Phòng Tài chính',
        'Kế hoạch',
        'Hàng năm',
      ],
      ['', '', '', '', '', ''],
      HEADER,
      ['', 'cam kết giải ngân', '', 'và UBND các xã', 'theo từng tháng', ''],
      ['2', 'Báo cáo', 'Phòng LĐ-TB&XH', '', 'Báo cáo', 'Trước ngày 20/6'],
    ]);
    expect(fields(t)).toEqual([
      [
        '1',
        'Xây dựng kế hoạch đăng ký vốn và cam kết giải ngân',
        'Phòng NN&PTNT',
        ['Phòng Tài chính và UBND các xã'],
        'Kế hoạch theo từng tháng',
        'Hàng năm',
      ],
      ['2', 'Báo cáo', 'Phòng LĐ-TB&XH', [], 'Báo cáo', 'Trước ngày 20/6'],
    ]);
  });

  it('reads two appendices of one sheet apart, their STT kept distinct', () => {
    const t = tableToDuties([
      ['PHỤ LỤC I'],
      HEADER,
      ['1', 'Rà soát', 'Phòng LĐ-TB&XH', '', 'Báo cáo', 'Quý IV'],
      ['', '', '', '', '', ''],
      ['PHỤ LỤC II'],
      ['(Kèm theo Kế hoạch số 171/KH-UBND)'],
      ['TT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Kết quả', 'Thời hạn'],
      ['1', 'Tập huấn', 'Phòng NN&PTNT', '', 'Lớp tập huấn', 'Quý II'],
    ]);
    expect(t.duties.map((d) => [d.ref, d.content])).toEqual([
      ['PL1.1', 'Rà soát'],
      ['PL2.1', 'Tập huấn'],
    ]);
    expect(t.rowOf).toEqual({ 'PL1.1': 3, 'PL2.1': 8 });
  });
});

describe('messages', () => {
  it('says what is wrong in Vietnamese too, with the column as the table heads it', () => {
    let err: unknown;
    try {
      tableToDuties([
        ['TT', 'Nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Kết quả', 'Thời hạn'],
        ['1', 'Rà soát', '', '', 'Báo cáo', 'Quý IV'],
      ]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    const e = err as ImportError;
    expect(e.code).toBe('table.summary.has-errors');
    expect(e.issues.map((i) => `${i.at}: ${i.message}`)).toEqual([
      'row 2, column "Đơn vị chủ trì": is empty',
    ]);
    expect(e.issues.map((i) => localizeIssue(i, 'vi')).map((i) => `${i.at}: ${i.message}`)).toEqual(
      ['hàng 2, cột "Đơn vị chủ trì": ô để trống'],
    );
  });

  it('codes a quote left open with the row it opened on', () => {
    let err: unknown;
    try {
      parseCsv('a,b\n1,"two\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ImportError);
    const [first] = (err as ImportError).issues;
    expect(first && localizeIssue(first, 'vi').at).toBe('hàng 2');
    expect(first?.code).toBe('table.file.open-quote');
  });

  it('has a Vietnamese and an English text for every code', () => {
    for (const [code, m] of Object.entries(tableMessages)) {
      const params = {
        max: 1,
        mb: 1,
        rows: 1,
        cells: 1,
        columns: '"x"',
        expected: 'x',
        ref: '1',
        first: 1,
        second: 2,
      };
      expect(m.vi(params as never), code).not.toBe(m.en(params as never));
      expect(m.vi(params as never).trim(), code).not.toBe('');
    }
  });
});
