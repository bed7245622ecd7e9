// Tables that people download: one description of a sheet, written as CSV (for other programs)
// or as XLSX (for people, in Excel or LibreOffice Calc). Both show dates the Vietnamese way, in
// Asia/Ho_Chi_Minh local time, whatever the server's time zone.
import ExcelJS from 'exceljs';
import { DAY_MS, formatDate, formatDateTime, LOCAL_OFFSET_MS } from '../domain/local-time.ts';
import { fixZipTimestamps } from './zip-time.ts';

export type CellValue = string | number | null | undefined;
export type Row = Record<string, CellValue>;

export interface Column {
  key: string;
  /** Vietnamese header, as users read it. */
  header: string;
  /**
   * `date` and `datetime` cells hold ISO instants (or epoch milliseconds); `percent` cells
   * hold a ratio 0..1. Without a kind the cell is text (numbers stay numbers).
   */
  kind?: 'text' | 'date' | 'datetime' | 'number' | 'percent';
  /** Column width in characters (XLSX only); computed from the content when absent. */
  width?: number;
}

export interface Sheet {
  name: string;
  /** A line above the headers in XLSX, e.g. 'Ma trận báo cáo kế hoạch … kỳ 2026'. */
  title?: string;
  columns: Column[];
  rows: Row[];
  /** Background of a cell as a hex colour like '#1b7f3b', or undefined for none (XLSX only). */
  fill?: (row: Row, columnKey: string) => string | undefined;
}

/** The instant of a date cell; a malformed value is a bug in the caller, not a blank cell. */
function instantOf(value: string | number, column: Column): number {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new Error(`column "${column.key}": ${JSON.stringify(value)} is not a date`);
  }
  return ms;
}

function checkNumber(value: number, column: Column): number {
  if (!Number.isFinite(value)) {
    // NaN usually comes from 0/0 (a rate with no duties): the caller should pass null.
    throw new Error(`column "${column.key}": ${value} is not a number; use null for no value`);
  }
  return value;
}

const isEmpty = (value: CellValue): value is null | undefined | '' =>
  value === null || value === undefined || value === '';

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * A cell a spreadsheet program would run as a formula when the CSV is opened (CWE-1236). Agency
 * names and free texts come from users, so such cells get a leading apostrophe, the usual
 * neutralisation, which Excel and Calc also hide when the cell is typed by hand.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A decimal with a comma, the Vietnamese way (87,5), and no thousands separator. */
const decimalComma = (n: number): string => String(n).replace('.', ',');

function csvText(value: CellValue, column: Column): string {
  if (isEmpty(value)) return '';
  switch (column.kind) {
    case 'date':
      return formatDate(instantOf(value, column));
    case 'datetime':
      return formatDateTime(instantOf(value, column));
    case 'percent':
      // Percent points with one decimal, as the XLSX shows them ('0.0%'), without the % sign
      // so that programs read a number: 0.875 -> "87,5". The header says it is a percentage.
      if (typeof value === 'number') {
        return (Math.round(checkNumber(value, column) * 1000) / 10).toFixed(1).replace('.', ',');
      }
      break;
    case 'number':
    case 'text':
    case undefined:
      // Numbers are plain, with a decimal comma to match the percent columns.
      if (typeof value === 'number') return decimalComma(checkNumber(value, column));
      break;
  }
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV: UTF-8 with a byte-order mark (so that Excel reads the Vietnamese letters), CRLF
 * line ends, the Vietnamese headers on the first line and no title line, so that programs can
 * read it. Dates are dd/mm/yyyy or HH:mm dd/mm/yyyy in local time.
 */
export function toCsv(sheet: Sheet): string {
  const lines = [
    sheet.columns.map((c) => csvField(csvText(c.header, { ...c, kind: 'text' }))),
    ...sheet.rows.map((row) => sheet.columns.map((c) => csvField(csvText(row[c.key], c)))),
  ];
  return '\uFEFF' + lines.map((cells) => cells.join(',') + '\r\n').join('');
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** Workbook dates, so that the same sheets give the same bytes. */
const FIXED_CREATED = new Date(Date.UTC(2020, 0, 1));

const MAX_SHEET_NAME = 31;

/** A worksheet name Excel accepts: no []:*?/\, at most 31 characters, unique, not 'History'. */
function sheetName(wanted: string, taken: Set<string>, index: number): string {
  const cleaned = wanted
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  const base =
    cleaned === '' || cleaned.toLowerCase() === 'history' ? `Trang ${index + 1}` : cleaned;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    // Truncate by code points so that no character is cut in half.
    const name =
      [...base]
        .slice(0, MAX_SHEET_NAME - suffix.length)
        .join('')
        .trimEnd() + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** '#1b7f3b' -> 'FF1B7F3B', the ARGB that XLSX fills hold. */
function argb(hex: string): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) throw new Error(`fill ${JSON.stringify(hex)} is not a colour like #1b7f3b`);
  return `FF${m[1].toUpperCase()}`;
}

/** Dark fills get white text, or the cell cannot be read. */
function isDark(argbColour: string): boolean {
  const [r, g, b] = [2, 4, 6].map((i) => parseInt(argbColour.slice(i, i + 2), 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 0.5;
}

/**
 * The local wall-clock time of an instant as a Date. Excel dates have no time zone and exceljs
 * writes a Date's UTC fields, so the Date must carry Vietnamese time in its UTC fields.
 */
function excelDate(instantMs: number, wholeDay: boolean): Date {
  const local = instantMs + LOCAL_OFFSET_MS;
  return new Date(wholeDay ? Math.floor(local / DAY_MS) * DAY_MS : local);
}

function xlsxValue(value: CellValue, column: Column): ExcelJS.CellValue {
  if (isEmpty(value)) return null;
  switch (column.kind) {
    case 'date':
      return excelDate(instantOf(value, column), true);
    case 'datetime':
      return excelDate(instantOf(value, column), false);
    default:
      return typeof value === 'number' ? checkNumber(value, column) : value;
  }
}

const NUM_FMT: Partial<Record<NonNullable<Column['kind']>, string>> = {
  date: 'dd/mm/yyyy',
  datetime: 'hh:mm dd/mm/yyyy',
  percent: '0.0%',
};

function defaultWidth(sheet: Sheet, column: Column): number {
  switch (column.kind) {
    case 'date':
      return 12;
    case 'datetime':
      return 17;
    default: {
      const longest = Math.max(
        ...column.header.split('\n').map((l) => l.length),
        ...sheet.rows.map((r) => csvText(r[column.key], column).length),
      );
      return Math.min(60, Math.max(8, longest + 2));
    }
  }
}

function addSheet(workbook: ExcelJS.Workbook, sheet: Sheet, name: string): void {
  const ws = workbook.addWorksheet(name);
  const width = sheet.columns.length;
  ws.columns = sheet.columns.map((c) => ({
    key: c.key,
    width: c.width ?? defaultWidth(sheet, c),
    style: {
      ...(NUM_FMT[c.kind ?? 'text'] ? { numFmt: NUM_FMT[c.kind ?? 'text'] } : {}),
      alignment: { vertical: 'top', wrapText: (c.kind ?? 'text') === 'text' },
    },
  }));

  let headerRow = 1;
  if (sheet.title !== undefined && width > 0) {
    const title = ws.getRow(1);
    title.getCell(1).value = sheet.title;
    title.font = { bold: true, size: 14 };
    title.alignment = { vertical: 'middle' };
    if (width > 1) ws.mergeCells(1, 1, 1, width);
    headerRow = 2;
  }

  const header = ws.getRow(headerRow);
  sheet.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });

  sheet.rows.forEach((row, r) => {
    const xlsxRow = ws.getRow(headerRow + 1 + r);
    sheet.columns.forEach((c, i) => {
      const cell = xlsxRow.getCell(i + 1);
      cell.value = xlsxValue(row[c.key], c);
      const colour = sheet.fill?.(row, c.key);
      if (colour !== undefined) {
        const fg = argb(colour);
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fg } };
        if (isDark(fg)) cell.font = { color: { argb: 'FFFFFFFF' } };
      }
    });
  });

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }];
  if (width > 0) {
    ws.autoFilter = {
      from: { row: headerRow, column: 1 },
      to: { row: headerRow + sheet.rows.length, column: width },
    };
  }
}

/**
 * An XLSX workbook, one worksheet per sheet: an optional title line merged across the columns,
 * a bold header row with the panes frozen below it and an autofilter, real Excel dates in
 * local time (dd/mm/yyyy or hh:mm dd/mm/yyyy), percentages as '0.0%', and the cells' fills.
 * The same sheets always give the same bytes.
 */
export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'giam-ngheo-duties';
  workbook.lastModifiedBy = 'giam-ngheo-duties';
  workbook.created = FIXED_CREATED;
  workbook.modified = FIXED_CREATED;
  const taken = new Set<string>();
  sheets.forEach((sheet, i) => addSheet(workbook, sheet, sheetName(sheet.name, taken, i)));
  const written = await workbook.xlsx.writeBuffer();
  return fixZipTimestamps(Buffer.from(written), FIXED_CREATED);
}
