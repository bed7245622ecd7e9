// Refusals and warnings of the per-locality targets table (số hộ, hộ nghèo, hộ cận nghèo,
// chỉ tiêu giảm nghèo of each commune, or each district for a province plan).
import { msg, quotedList, type Lang } from './catalogue.ts';

/** The table's columns, as a message names them. */
export const TARGET_COLUMN_NAMES = {
  households: { vi: 'tổng số hộ', en: 'households' },
  poor: { vi: 'số hộ nghèo', en: 'poor households' },
  poorRate: { vi: 'tỷ lệ hộ nghèo', en: 'poverty rate' },
  nearPoor: { vi: 'số hộ cận nghèo', en: 'near-poor households' },
  nearPoorRate: { vi: 'tỷ lệ hộ cận nghèo', en: 'near-poverty rate' },
  reductionTarget: {
    vi: 'chỉ tiêu giảm tỷ lệ hộ nghèo',
    en: 'target reduction of the poverty rate',
  },
  liftOut: { vi: 'số hộ thoát nghèo', en: 'households to lift out of poverty' },
} as const;

const columnName = (column: string | undefined, lang: Lang): string =>
  TARGET_COLUMN_NAMES[column as keyof typeof TARGET_COLUMN_NAMES]?.[lang] ?? String(column);

/**
 * A number as the reader writes it: 7.449 and 8,11 in Vietnamese, 7,449 and 8.11 in English.
 * Written out by hand: this module stays free of Intl, like the rest of the catalogue.
 */
export function formatNumber(value: number | string | undefined, lang: Lang): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return String(value ?? '');
  const [group, decimal] = lang === 'vi' ? ['.', ','] : [',', '.'];
  const sign = value < 0 ? '-' : '';
  const fixed = (Math.round(Math.abs(value) * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${sign}${grouped}${fraction ? decimal + fraction : ''}`;
}

const suggestionText = (suggestions: string | undefined, lang: Lang): string => {
  const list = (suggestions ?? '').split('\n').filter((s) => s !== '');
  if (list.length === 0) return '';
  return lang === 'vi'
    ? `; có phải là ${quotedList(list, 'vi')}?`
    : `; did you mean ${quotedList(list, 'en')}?`;
};

type Column = { column: string };

export const targetsMessages = {
  'targets.has-errors': msg(
    () => 'Bảng chỉ tiêu có lỗi, chưa nhập',
    () => 'The targets table has errors and was not imported',
  ),
  'targets.plan.unknown': msg<{ planId: string }>(
    (p) => `Không có kế hoạch "${p.planId}"; hãy nhập kế hoạch trước`,
    (p) => `No plan "${p.planId}"; import the plan first`,
  ),
  'targets.year.invalid': msg<{ year: string; from: number; to: number }>(
    (p) => `Năm "${p.year}" không thuộc giai đoạn của kế hoạch (${p.from}–${p.to})`,
    (p) => `The year "${p.year}" is not in the plan's period (${p.from}–${p.to})`,
  ),
  'targets.file.missing': msg(
    () => 'Chưa chọn tệp bảng chỉ tiêu (XLSX, CSV hoặc Word .docx)',
    () => 'No file: send the targets table as XLSX, CSV or Word (.docx)',
  ),
  'targets.file.unreadable': msg<{ reason: string }>(
    (p) => `Không đọc được tệp: ${p.reason}`,
    (p) => `The file cannot be read: ${p.reason}`,
  ),
  'targets.file.not-utf8': msg(
    () => 'Tệp CSV không phải văn bản UTF-8; hãy lưu lại dạng "CSV UTF-8" hoặc .xlsx',
    () => 'The CSV file is not UTF-8 text; save it as "CSV UTF-8" or .xlsx',
  ),
  'targets.file.old-format': msg(
    () => 'Tệp .doc/.xls kiểu cũ không đọc được; hãy lưu lại dạng .docx, .xlsx hoặc .csv',
    () => 'Old .doc/.xls files cannot be read; save the file as .docx, .xlsx or .csv',
  ),
  'targets.file.too-large': msg<{ max: number }>(
    (p) => `Bảng quá lớn (quá ${p.max} hàng); bảng chỉ tiêu theo địa bàn nhỏ hơn nhiều`,
    (p) => `The table is too large (over ${p.max} rows); a targets table is far smaller`,
  ),
  'targets.header.missing': msg(
    () =>
      'Không tìm thấy dòng tiêu đề của bảng: cần một cột "Đơn vị" (hoặc "Xã, thị trấn", "Địa phương") và ít nhất một cột số liệu như "Tổng số hộ", "Số hộ nghèo", "Số hộ thoát nghèo"',
    () =>
      'No header row found: the table needs a column "Đơn vị" (or "Xã, thị trấn", "Địa phương") and at least one figure column such as "Tổng số hộ", "Số hộ nghèo", "Số hộ thoát nghèo"',
  ),
  'targets.header.duplicate': msg<{ header: string; first: string }>(
    (p) => `Cột "${p.header}" trùng nội dung với cột "${p.first}" nên được bỏ qua`,
    (p) => `The column "${p.header}" repeats the column "${p.first}" and was ignored`,
  ),
  'targets.rows.none': msg(
    () => 'Bảng không có dòng nào của xã, thị trấn (hoặc huyện)',
    () => 'The table has no row for a commune (or district)',
  ),
  'targets.number.invalid': msg<{ value: string } & Column>(
    (p) => `"${p.value}" không phải là số (${columnName(p.column, 'vi')})`,
    (p) => `"${p.value}" is not a number (${columnName(p.column, 'en')})`,
  ),
  'targets.number.not-whole': msg<{ value: string } & Column>(
    (p) =>
      `${columnName(p.column, 'vi')} phải là số nguyên, bảng ghi "${p.value}" (dấu chấm ngăn cách hàng nghìn, dấu phẩy ngăn cách phần thập phân)`,
    (p) =>
      `${columnName(p.column, 'en')} must be a whole number, the table says "${p.value}" (a dot separates thousands, a comma decimals)`,
  ),
  'targets.number.negative': msg<{ value: string } & Column>(
    (p) => `${columnName(p.column, 'vi')} không được âm: "${p.value}"`,
    (p) => `${columnName(p.column, 'en')} cannot be negative: "${p.value}"`,
  ),
  'targets.rate.out-of-range': msg<{ value: string } & Column>(
    (p) => `${columnName(p.column, 'vi')} phải từ 0 đến 100 (%), bảng ghi "${p.value}"`,
    (p) =>
      `${columnName(p.column, 'en')} must be between 0 and 100 (%), the table says "${p.value}"`,
  ),
  'targets.locality.unknown': msg<{ name: string; suggestions?: string }>(
    (p) => `Không tìm thấy địa bàn "${p.name}" trong danh bạ${suggestionText(p.suggestions, 'vi')}`,
    (p) => `No locality "${p.name}" in the directory${suggestionText(p.suggestions, 'en')}`,
  ),
  'targets.locality.duplicate': msg<{ name: string; first: number }>(
    (p) => `Địa bàn "${p.name}" đã có ở hàng ${p.first}`,
    (p) => `The locality "${p.name}" already appears in row ${p.first}`,
  ),
  'targets.row.skipped': msg<{ name: string }>(
    (p) => `Dòng "${p.name}" là dòng nhóm hoặc cộng phụ, không tính vào tổng`,
    (p) => `The row "${p.name}" is a group or subtotal row and is not counted`,
  ),
  'targets.total.count-mismatch': msg<{ label: string; stated: number; sum: number } & Column>(
    (p) =>
      `${p.label}: ${columnName(p.column, 'vi')} ghi ${formatNumber(p.stated, 'vi')}, tổng các dòng là ${formatNumber(p.sum, 'vi')}`,
    (p) =>
      `${p.label}: ${columnName(p.column, 'en')} states ${formatNumber(p.stated, 'en')}, the rows add up to ${formatNumber(p.sum, 'en')}`,
  ),
  'targets.total.rate-mismatch': msg<{ label: string; stated: number; computed: number } & Column>(
    (p) =>
      `${p.label}: ${columnName(p.column, 'vi')} ghi ${formatNumber(p.stated, 'vi')}%, tính từ tổng các dòng là ${formatNumber(p.computed, 'vi')}%`,
    (p) =>
      `${p.label}: ${columnName(p.column, 'en')} states ${formatNumber(p.stated, 'en')}%, the rows' totals give ${formatNumber(p.computed, 'en')}%`,
  ),
};
