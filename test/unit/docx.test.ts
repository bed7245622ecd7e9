// The plan's Word document as an assignment table: documents built here with the `docx`
// package as people make them in Word (merged cells, a table split across pages with its
// header repeated, a row split across the break, nested project rows, several tables), and the
// A Lưới fixture, which must give the duties its workbook gives.
import { readFileSync } from 'node:fs';
import { Document, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocxTables } from '../../plans/docx.ts';
import { ImportError } from '../../plans/errors.ts';
import { detectTableFormat, readTableRows, tableToDuties } from '../../plans/table.ts';
import { zipOf } from '../support/fuzz-import.ts';

const HEADER = [
  'STT',
  'Nội dung công việc',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Sản phẩm',
  'Thời gian',
];

/** A cell: its text (lines are paragraphs), and how many columns or rows it is merged over. */
type Spec = string | { text: string; across?: number; down?: number };

function cell(spec: Spec): TableCell {
  const { text, across, down } = typeof spec === 'string' ? { text: spec } : spec;
  return new TableCell({
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })),
    columnSpan: across,
    rowSpan: down,
  });
}

/** A table; the first `headerRows` rows repeat on every page, as Word's "repeat header rows". */
const table = (rows: Spec[][], headerRows = 0): Table =>
  new Table({
    rows: rows.map((r, i) => new TableRow({ tableHeader: i < headerRows, children: r.map(cell) })),
  });

const PAGE_BREAK = 'page break';

async function document(body: (string | Table)[]): Promise<Uint8Array> {
  const children = body.map((b) =>
    b === PAGE_BREAK
      ? new Paragraph({ children: [new PageBreak()] })
      : typeof b === 'string'
        ? new Paragraph(b)
        : b,
  );
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const dutiesOf = async (bytes: Uint8Array) =>
  tableToDuties(await readTableRows(bytes, detectTableFormat('ke-hoach.docx', bytes)));

async function refusal(bytes: Uint8Array, name = 'ke-hoach.docx'): Promise<ImportError> {
  const err = await readTableRows(bytes, detectTableFormat(name, bytes))
    .then((grid) => tableToDuties(grid))
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(err instanceof ImportError)) throw new Error(`expected an ImportError, got ${String(err)}`);
  return err;
}

describe('Word tables as people make them', () => {
  it('reads merged cells as a person does: a lead merged down is each row’s, a merged STT one', async () => {
    const bytes = await document([
      'PHỤ LỤC',
      table(
        [
          HEADER,
          ['3.', { text: 'Dự án 3: Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng', across: 5 }],
          [
            '',
            'Tiểu dự án 1',
            { text: 'Phòng Nông nghiệp và Phát triển nông thôn', down: 3 },
            'UBND các xã, thị trấn',
            'Kế hoạch',
            { text: 'Hàng năm', down: 3 },
          ],
          ['', 'Tiểu dự án 2', 'Trung tâm y tế', 'Kế hoạch'],
          ['', 'Tiểu dự án 3', '', 'Báo cáo'],
          [
            { text: '4.', down: 2 },
            { text: 'Tập huấn cán bộ làm công tác giảm nghèo', down: 2 },
            'Phòng Lao động - Thương binh và Xã hội',
            '',
            'Lớp tập huấn',
            'Quý II',
          ],
          ['Phòng Nội vụ', '', 'Lớp tập huấn', 'Quý III'],
        ],
        1,
      ),
    ]);
    const t = await dutiesOf(bytes);
    expect(t.projects).toEqual([
      { ref: '3', title: 'Dự án 3: Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng' },
      { ref: '4', title: 'Tập huấn cán bộ làm công tác giảm nghèo' },
    ]);
    expect(t.duties.map((d) => [d.ref, d.content, d.lead, d.product, d.time])).toEqual([
      ['3.1', 'Tiểu dự án 1', 'Phòng Nông nghiệp và Phát triển nông thôn', 'Kế hoạch', 'Hàng năm'],
      ['3.2', 'Tiểu dự án 2', 'Phòng Nông nghiệp và Phát triển nông thôn', 'Kế hoạch', 'Hàng năm'],
      ['3.3', 'Tiểu dự án 3', 'Phòng Nông nghiệp và Phát triển nông thôn', 'Báo cáo', 'Hàng năm'],
      [
        '4.1',
        'Tập huấn cán bộ làm công tác giảm nghèo',
        'Phòng Lao động - Thương binh và Xã hội',
        'Lớp tập huấn',
        'Quý II',
      ],
      ['4.2', 'Tập huấn cán bộ làm công tác giảm nghèo', 'Phòng Nội vụ', 'Lớp tập huấn', 'Quý III'],
    ]);
    // The reusable reader resolves every merge: the text stands in each slot it covers.
    const [grid] = await readDocxTables(bytes);
    expect(grid?.[1]).toEqual([
      '3.',
      ...Array<string>(5).fill('Dự án 3: Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng'),
    ]);
    expect(grid?.map((r) => r[2]).slice(2, 5)).toEqual(
      Array<string>(3).fill('Phòng Nông nghiệp và Phát triển nông thôn'),
    );
  });

  it('reads a table split over two pages: the header again, a row split across the break', async () => {
    const bytes = await document([
      'PHÂN CÔNG NHIỆM VỤ',
      table(
        [
          HEADER,
          [
            '1.',
            'Rà soát hộ nghèo, hộ cận nghèo',
            'Phòng Lao động - Thương binh và Xã hội',
            'UBND các xã, thị trấn',
            'Báo cáo',
            'Quý IV hằng năm',
          ],
          [
            '2.',
            'Xây dựng kế hoạch đăng ký vốn và',
            'Phòng Nông nghiệp và Phát triển nông thôn',
            'Phòng Tài chính - Kế hoạch',
            'Kế hoạch (cam kết giải ngân',
            'Hàng năm',
          ],
        ],
        1,
      ),
      PAGE_BREAK,
      '- 2 -',
      table(
        [
          HEADER,
          ['', 'các hoạt động của tiểu dự án', '', '', 'theo từng tháng)', ''],
          [
            '3.',
            'Báo cáo 6 tháng',
            'Phòng Lao động - Thương binh và Xã hội',
            '',
            'Báo cáo',
            'Trước ngày 20/6',
          ],
        ],
        1,
      ),
      PAGE_BREAK,
      // The last page's part of the table, which a converter left without its header.
      table([
        [
          '4.',
          'Báo cáo năm',
          'Phòng Lao động - Thương binh và Xã hội',
          '',
          'Báo cáo',
          'Trước ngày 20/11',
        ],
      ]),
    ]);
    const t = await dutiesOf(bytes);
    expect(t.duties.map((d) => [d.ref, d.content, d.product, d.time])).toEqual([
      ['1', 'Rà soát hộ nghèo, hộ cận nghèo', 'Báo cáo', 'Quý IV hằng năm'],
      [
        '2',
        'Xây dựng kế hoạch đăng ký vốn và các hoạt động của tiểu dự án',
        'Kế hoạch (cam kết giải ngân theo từng tháng)',
        'Hàng năm',
      ],
      ['3', 'Báo cáo 6 tháng', 'Báo cáo', 'Trước ngày 20/6'],
      ['4', 'Báo cáo năm', 'Báo cáo', 'Trước ngày 20/11'],
    ]);
  });

  it('nests project rows: a project, its "a)" sub-projects, their "-" items; paragraphs in a cell', async () => {
    const bytes = await document([
      table(
        [
          [
            'TT',
            'Nhiệm vụ',
            'Đơn vị chủ trì',
            'Đơn vị phối hợp thực hiện',
            'Kết quả / Sản phẩm đầu ra',
            'Thời hạn hoàn thành',
          ],
          ['2', { text: 'Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo', across: 5 }],
          ['a)', { text: 'Tiểu dự án 1: Hỗ trợ phát triển sản xuất', across: 5 }],
          [
            '-',
            'Mô hình chăn nuôi bò',
            'Phòng Nông nghiệp và Phát triển nông thôn',
            'Trung tâm Dịch vụ nông nghiệp\nUBND các xã',
            'Mô hình',
            'Năm 2023',
          ],
          [
            '-',
            'Mô hình trồng rừng\ngỗ lớn',
            'Phòng Nông nghiệp và Phát triển nông thôn',
            '',
            'Mô hình',
            'Năm 2024',
          ],
          ['b)', 'Tiểu dự án 2: Cải thiện dinh dưỡng', 'Phòng Y tế', '', 'Kế hoạch', 'Hàng năm'],
        ],
        1,
      ),
    ]);
    const t = await dutiesOf(bytes);
    expect(t.projects).toEqual([
      { ref: '2', title: 'Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo' },
      { ref: '2.a', title: 'Tiểu dự án 1: Hỗ trợ phát triển sản xuất', parentRef: '2' },
    ]);
    expect(t.duties.map((d) => [d.ref, d.content, d.coordinating])).toEqual([
      ['2.a.1', 'Mô hình chăn nuôi bò', ['Trung tâm Dịch vụ nông nghiệp; UBND các xã']],
      ['2.a.2', 'Mô hình trồng rừng gỗ lớn', []],
      ['2.b', 'Tiểu dự án 2: Cải thiện dinh dưỡng', []],
    ]);
  });

  it('takes every assignment table of a document, and only those', async () => {
    const bytes = await document([
      // The letterhead, as Vietnamese documents lay it out: a table of no duties.
      table([
        [
          'ỦY BAN NHÂN DÂN\nHUYỆN A LƯỚI',
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc',
        ],
      ]),
      'KẾ HOẠCH Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững',
      PAGE_BREAK,
      'PHỤ LỤC I',
      'PHÂN CÔNG NHIỆM VỤ',
      table(
        [
          HEADER,
          [
            '1.',
            'Rà soát hộ nghèo',
            'Phòng Lao động - Thương binh và Xã hội',
            '',
            'Báo cáo',
            'Quý IV',
          ],
          ['2.', 'Tuyên truyền', 'Phòng Văn hóa và Thông tin', '', 'Tin bài', 'Hàng quý'],
        ],
        1,
      ),
      PAGE_BREAK,
      'PHỤ LỤC II',
      'CHỈ TIÊU GIẢM NGHÈO',
      table([
        ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Năm 2022', 'Năm 2023'],
        ['1', 'Tỷ lệ hộ nghèo', '%', '20', '17'],
      ]),
      PAGE_BREAK,
      'PHỤ LỤC III',
      'PHÂN CÔNG NHIỆM VỤ CỦA CÁC XÃ',
      table(
        [
          [
            'Số TT',
            'Nội dung nhiệm vụ',
            'Cơ quan, đơn vị chủ trì',
            'Cơ quan, đơn vị phối hợp',
            'Sản phẩm đầu ra',
            'Thời gian hoàn thành',
            'Ghi chú',
          ],
          [
            '1',
            'Bình xét hộ nghèo',
            'UBND các xã, thị trấn',
            'Ban Chỉ đạo',
            'Danh sách',
            'Tháng 11',
            'Công khai',
          ],
        ],
        1,
      ),
      'Nơi nhận: như trên.',
    ]);
    const t = await dutiesOf(bytes);
    expect(t.duties.map((d) => [d.ref, d.content, d.notes])).toEqual([
      ['PL1.1', 'Rà soát hộ nghèo', undefined],
      ['PL1.2', 'Tuyên truyền', undefined],
      ['PL3.1', 'Bình xét hộ nghèo', 'Ghi chú: Công khai'],
    ]);
    // Every table stays readable for other uses (the targets table is the second appendix).
    const tables = await readDocxTables(bytes);
    expect(tables.map((rows) => rows[0]?.[1])).toEqual([
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc',
      'Nội dung công việc',
      'Chỉ tiêu',
      'Nội dung nhiệm vụ',
    ]);
  });

  it('gives the A Lưới plan’s duties from its .docx as from its .xlsx', async () => {
    const docx = new Uint8Array(
      readFileSync(new URL('../../fixtures/a-luoi/phan-cong.docx', import.meta.url)),
    );
    const xlsx = new Uint8Array(
      readFileSync(new URL('../../fixtures/a-luoi/phan-cong.xlsx', import.meta.url)),
    );
    expect(detectTableFormat('phan-cong.docx', docx)).toBe('docx');
    // An upload's name may say nothing: the parts tell.
    expect(detectTableFormat('upload', docx)).toBe('docx');
    const fromDocx = await dutiesOf(docx);
    const fromXlsx = tableToDuties(await readTableRows(xlsx, 'xlsx'));
    expect(fromDocx.duties).toEqual(fromXlsx.duties);
    expect(fromDocx.projects).toEqual(fromXlsx.projects);
    expect(fromDocx.duties.map((d) => d.ref)).toEqual([
      '1',
      '2',
      '3.1',
      '3.2',
      '4',
      '5',
      '6.1',
      '6.2',
      '7',
    ]);
  });
});

describe('Word files that cannot be read', () => {
  it('refuses a file that is not a Word document, and one with no assignment table', async () => {
    const notDocx = await refusal(new TextEncoder().encode('not a zip'));
    expect(notDocx.issues.map((i) => i.code)).toEqual(['table.file.not-docx']);
    const none = await refusal(
      await document([
        'KẾ HOẠCH',
        table([
          ['a', 'b'],
          ['c', 'd'],
        ]),
      ]),
    );
    expect(none.code).toBe('table.summary.no-table');
  });

  it('refuses an old binary .doc, naming the format to save it as', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const err = await refusal(ole, 'ke-hoach.doc');
    expect(err.issues.map((i) => `${i.at}: ${i.message}`)).toEqual([
      'file: it is an old Word or Excel file (.doc, .xls); save it as .docx or .xlsx',
    ]);
  });

  it('answers a damaged document with an ImportError or its duties, never anything else', async () => {
    const fixture = new Uint8Array(
      readFileSync(new URL('../../fixtures/a-luoi/phan-cong.docx', import.meta.url)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(fixture.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 6,
        }),
        async (edits) => {
          const bytes = fixture.slice();
          for (const [at, value] of edits) bytes[at] = value;
          const outcome = await readTableRows(bytes, detectTableFormat('ke-hoach.docx', bytes))
            .then((grid) => tableToDuties(grid).duties.length)
            .catch((err: unknown) => err);
          if (typeof outcome !== 'number') expect(outcome).toBeInstanceOf(ImportError);
        },
      ),
      { numRuns: 40, seed: 171 },
    );
  });

  it('refuses a document that unpacks to far more than a plan, before reading it', async () => {
    const types = Buffer.from('<?xml version="1.0"?><Types/>');
    const bomb = zipOf([
      { name: '[Content_Types].xml', data: types },
      { name: 'word/document.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) },
    ]);
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect((await refusal(bomb)).issues.map((i) => i.code)).toEqual([
      'table.file.unpacked-too-large',
    ]);
    const rows = '<w:tr><w:tc><w:p/></w:tc></w:tr>'.repeat(10_000);
    const manyRows = zipOf([
      { name: '[Content_Types].xml', data: types },
      {
        name: 'word/document.xml',
        data: Buffer.from(`<w:document><w:body><w:tbl>${rows}</w:tbl></w:body></w:document>`),
      },
    ]);
    expect((await refusal(manyRows)).issues.map((i) => i.code)).toEqual([
      'table.file.document-too-large',
    ]);
  });
});
