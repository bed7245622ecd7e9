// Reading a targets table from the file a labour office has: an Excel workbook, a CSV file,
// or the Word document of the plan itself. Workbook cells keep their numbers as numbers (a
// cell typed 8.11, or 8,11% formatted as a percent, is not re-read as text), so the
// Vietnamese number reader only sees what was typed as text.
import ExcelJS from 'exceljs';
import { parseCsv } from './csv.ts';
import { readDocxTables } from './docx.ts';
import { ImportError, issue } from './errors.ts';
import { findHeader, type Cell } from './targets.ts';
import { checkWorkbookSize } from './workbook-size.ts';

export type TargetsFormat = 'xlsx' | 'csv' | 'docx';

const MAX_ROWS = 2000;
const MAX_COLUMNS = 40;

const refuse = (i: ReturnType<typeof issue>): ImportError =>
  new ImportError('The targets table cannot be read', [i], 'targets.has-errors');

/** Zip archives name their parts in clear: a Word document has word/document.xml. */
function zipHas(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name, 0, 'latin1');
}

export function detectTargetsFormat(fileName: string, bytes: Uint8Array): TargetsFormat {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw refuse(issue('targets.file.old-format', {}, { file: true }));
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    return zipHas(bytes, 'word/document.xml') || /\.docx$/i.test(fileName) ? 'docx' : 'xlsx';
  }
  if (/\.docx$/i.test(fileName)) return 'docx';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  return 'csv';
}

/** The table's rows; for a workbook or document with several, the first with a header. */
export async function readTargetsRows(fileName: string, bytes: Uint8Array): Promise<Cell[][]> {
  const format = detectTargetsFormat(fileName, bytes);
  const tables =
    format === 'csv'
      ? [readCsv(bytes)]
      : format === 'xlsx'
        ? await readWorkbook(bytes)
        : await readWord(bytes);
  for (const t of tables) {
    if (t.length > MAX_ROWS)
      throw refuse(issue('targets.file.too-large', { max: MAX_ROWS }, { file: true }));
  }
  return tables.find((t) => findHeader(t) !== undefined) ?? tables[0] ?? [];
}

function readCsv(bytes: Uint8Array): Cell[][] {
  let textValue: string;
  try {
    textValue = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse(issue('targets.file.not-utf8', {}, { file: true }));
  }
  try {
    return parseCsv(textValue);
  } catch (err) {
    throw refuse(
      issue('targets.file.unreadable', { reason: (err as Error).message }, { file: true }),
    );
  }
}

/** A workbook cell: a number as a number (a percent-formatted 0.0811 is 8.11), else its text. */
function cellValue(cell: ExcelJS.Cell): Cell {
  let v: unknown = cell.value;
  if (v !== null && typeof v === 'object' && 'result' in v) v = v.result;
  if (typeof v === 'number') return (cell.numFmt ?? '').includes('%') ? v * 100 : v;
  if (v instanceof Date) {
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  }
  return cell.text ?? '';
}

async function readWorkbook(bytes: Uint8Array): Promise<Cell[][][]> {
  checkWorkbookSize(bytes, 4 * MAX_ROWS, MAX_ROWS * MAX_COLUMNS);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse(
      issue('targets.file.unreadable', { reason: 'not an Excel workbook (.xlsx)' }, { file: true }),
    );
  }
  const sheets: Cell[][][] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.actualRowCount === 0) continue;
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      if (r > MAX_ROWS + 1) return;
      const cells: Cell[] = (rows[r - 1] = []);
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // A merged range repeats its value in every cell it covers: only its first cell counts.
        if (c > MAX_COLUMNS || (cell.isMerged && cell.master.address !== cell.address)) return;
        cells[c - 1] = cellValue(cell);
      });
    });
    sheets.push(Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? '')));
  }
  return sheets;
}

/** Every table of the document (plans/docx.ts), merged cells repeated as a reader sees them. */
async function readWord(bytes: Uint8Array): Promise<Cell[][][]> {
  try {
    return await readDocxTables(bytes);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw refuse(
      issue('targets.file.unreadable', { reason: (err as Error).message }, { file: true }),
    );
  }
}
