// The targets table's reader: Vietnamese numbers, varying headers, localities as tables
// write them, and the total row checked against its rows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Directory } from '../../common/plan-schema.ts';
import { localizeIssue } from '../../plans/errors.ts';
import {
  checkTotal,
  classifyHeader,
  localityMatcher,
  readNumber,
  readTargetRows,
  sumRows,
  type Cell,
} from '../../plans/targets.ts';

const directory = Directory.parse(
  JSON.parse(
    readFileSync(new URL('../../fixtures/a-luoi/directory.json', import.meta.url), 'utf8'),
  ),
);
const match = localityMatcher(
  directory.localities
    .filter((l) => l.parentId === 'a-luoi')
    .map((l) => ({
      id: l.id,
      name: l.name,
      aliases: directory.agencies
        .filter((a) => a.isCommune && a.localityId === l.id)
        .flatMap((a) => [a.name, ...a.shortNames]),
    })),
);

describe('the number reader', () => {
  it.each([
    ['7.449', 7449],
    ['1.234.567', 1234567],
    ['8,11%', 8.11],
    ['8,11', 8.11],
    [' 8,11 % ', 8.11],
    ['1.234,5', 1234.5],
    // A dot before other than three digits is a decimal point, as English exports write it.
    ['8.11', 8.11],
    ['0', 0],
    ['12', 12],
    ['7 449', 7449],
    ['-3', -3],
  ])('reads "%s" as %d', (text, value) => {
    expect(readNumber(text)).toEqual({ ok: true, value });
  });

  it.each(['-', '', '  ', '–', '—'])('reads "%s" as no value', (text) => {
    expect(readNumber(text)).toEqual({ ok: true, value: undefined });
  });

  it('keeps a number a workbook typed as one', () => {
    expect(readNumber(8.11)).toEqual({ ok: true, value: 8.11 });
    expect(readNumber(null)).toEqual({ ok: true, value: undefined });
  });

  it.each(['abc', '12,3,4', '1.2.3', '8,11a', '1.23.456'])('refuses "%s"', (text) => {
    expect(readNumber(text)).toEqual({ ok: false });
  });
});

describe('headers', () => {
  it.each([
    ['Đơn vị', 'locality'],
    ['Xã, thị trấn', 'locality'],
    ['Địa phương', 'locality'],
    ['STT', 'index'],
    ['Tổng số hộ', 'households'],
    ['Số hộ nghèo', 'poor'],
    ['Tỷ lệ hộ nghèo (%)', 'poorRate'],
    ['Hộ nghèo Tỷ lệ (%)', 'poorRate'],
    ['Số hộ cận nghèo', 'nearPoor'],
    ['Tỷ lệ hộ cận nghèo', 'nearPoorRate'],
    ['Chỉ tiêu giảm tỷ lệ hộ nghèo (%)', 'reductionTarget'],
    ['Số hộ thoát nghèo', 'liftOut'],
    ['Số hộ nghèo giảm', 'liftOut'],
    ['SO HO THOAT NGHEO', 'liftOut'],
    ['Ghi chú', undefined],
    ['Số nhân khẩu hộ nghèo', undefined],
  ])('"%s" is %s', (header, kind) => {
    expect(classifyHeader(header)).toBe(kind);
  });
});

describe('localities', () => {
  it.each([
    ['Xã A Ngo', 'a-luoi.a-ngo'],
    ['A Ngo', 'a-luoi.a-ngo'],
    ['a ngo', 'a-luoi.a-ngo'],
    ['TT A Lưới', 'a-luoi.thi-tran-a-luoi'],
    ['Thị trấn A Lưới', 'a-luoi.thi-tran-a-luoi'],
    ['UBND xã Hồng Kim', 'a-luoi.hong-kim'],
    ['Xã Hồng Thuỷ', 'a-luoi.hong-thuy'],
  ])('"%s" is %s', (name, id) => {
    expect(match(name)).toMatchObject({ ok: true, id });
  });

  it('an unknown commune gets suggestions', () => {
    const found = match('Xã Hồng Thượn');
    expect(found.ok).toBe(false);
    expect(found.ok ? [] : found.suggestions).toContain('Xã Hồng Thượng');
  });
});

/** A table as a district writes it: title lines, a two-row header, a numbering row. */
function districtTable(total: Cell[]): Cell[][] {
  return [
    ['BIỂU CHỈ TIÊU GIẢM NGHÈO NĂM 2024'],
    ['(Kèm theo Kế hoạch số 171/KH-UBND của UBND huyện A Lưới)'],
    [],
    ['STT', 'Đơn vị', 'Tổng số hộ', 'Hộ nghèo', '', 'Hộ cận nghèo', '', 'Chỉ tiêu năm 2024'],
    ['', '', '', 'Số hộ', 'Tỷ lệ (%)', 'Số hộ', 'Tỷ lệ (%)', 'Số hộ thoát nghèo'],
    ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'],
    ['1', 'Xã A Ngo', '1.000', '100', '10,00', '50', '5,00', '20'],
    ['2', 'TT A Lưới', '2.000', '100', '5,00', '-', '', '15'],
    ['3', 'Hồng Kim', '500', '50', '10,00', '25', '5,00', '10'],
    total,
    [],
    ['', 'Người lập biểu'],
  ];
}

describe('the total row', () => {
  it('a total that matches its rows gives no warning', () => {
    const { table, errors } = readTargetRows(
      districtTable(['', 'Tổng cộng', '3.500', '250', '7,14', '75', '2,14', '45']),
      match,
    );
    expect(errors).toEqual([]);
    expect(table.rows.map((r) => r.localityId)).toEqual([
      'a-luoi.a-ngo',
      'a-luoi.thi-tran-a-luoi',
      'a-luoi.hong-kim',
    ]);
    expect(table.rows[1]!.values).toEqual({
      households: 2000,
      poor: 100,
      poorRate: 5,
      liftOut: 15,
    });
    expect(table.total?.values.liftOut).toBe(45);
    expect(table.warnings).toEqual([]);
  });

  it('a stated count that differs from the sum is a warning naming both numbers', () => {
    const { table, errors } = readTargetRows(
      districtTable(['', 'Tổng cộng', '3.500', '250', '7,14', '75', '2,14', '48']),
      match,
    );
    expect(errors).toEqual([]);
    const texts = table.warnings.map((w) => localizeIssue(w, 'vi').message);
    expect(texts).toEqual(['Tổng cộng: số hộ thoát nghèo ghi 48, tổng các dòng là 45']);
    expect(table.warnings[0]!.severity).toBe('warning');
    expect(localizeIssue(table.warnings[0]!, 'en').message).toBe(
      'Tổng cộng: households to lift out of poverty states 48, the rows add up to 45',
    );
  });

  it('a total rate is compared with the rate of the summed counts, within rounding', () => {
    const { table } = readTargetRows(
      // 250 / 3.500 = 7,142…%: 7,14 agrees, 7,5 does not.
      districtTable(['', 'Toàn huyện', '3.500', '250', '7,5', '75', '2,14', '45']),
      match,
    );
    expect(table.warnings.map((w) => localizeIssue(w, 'vi').message)).toEqual([
      'Toàn huyện: tỷ lệ hộ nghèo ghi 7,5%, tính từ tổng các dòng là 7,14%',
    ]);
  });

  it('checks every summable column, and thousands as the reader writes them', () => {
    const warnings = checkTotal(
      { row: 20, label: 'Cộng', values: { households: 7449, poor: 812 } },
      sumRows([
        { values: { households: 7000, poor: 800 } },
        { values: { households: 440, poor: 9 } },
      ]),
    );
    expect(warnings.map((w) => localizeIssue(w, 'vi').message)).toEqual([
      'Cộng: tổng số hộ ghi 7.449, tổng các dòng là 7.440',
      'Cộng: số hộ nghèo ghi 812, tổng các dòng là 809',
    ]);
  });
});

describe('errors', () => {
  it('an unknown commune and a bad number are errors with their places', () => {
    const rows = districtTable(['', 'Tổng cộng', '3.500', '250', '7,14', '75', '2,14', '45']);
    rows[8] = ['3', 'Xã Hồng Thượn', '500', '5O', '10,00', '25', '5,00', '10'];
    const { errors } = readTargetRows(rows, match);
    const texts = errors.map((e) => localizeIssue(e, 'vi'));
    expect(texts.map((t) => t.message)).toEqual([
      expect.stringContaining('Không tìm thấy địa bàn "Xã Hồng Thượn"'),
      '"5O" không phải là số (số hộ nghèo)',
    ]);
    expect(texts[0]!.message).toContain('Xã Hồng Thượng');
    expect(texts[1]!.at).toBe('hàng 9, cột "Hộ nghèo Số hộ"');
  });

  it('a count with a decimal comma is refused, a rate over 100 too', () => {
    const rows = districtTable(['', 'Tổng cộng', '', '', '', '', '', '']);
    rows[6] = ['1', 'Xã A Ngo', '1,5', '100', '110', '', '', ''];
    const { errors } = readTargetRows(rows, match);
    expect(errors.map((e) => e.code)).toEqual([
      'targets.number.not-whole',
      'targets.rate.out-of-range',
    ]);
  });

  it('a table without a header says what it looks for', () => {
    const { errors } = readTargetRows(
      [
        ['Xã A Ngo', '12'],
        ['Xã A Roàng', '13'],
      ],
      match,
    );
    expect(errors.map((e) => e.code)).toEqual(['targets.header.missing']);
  });
});
