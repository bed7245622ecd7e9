// Writes fixtures/a-luoi/phan-cong.xlsx from fixtures/a-luoi/phan-cong.csv, so that both hold the
// same cells: the appendix "PHÂN CÔNG NHIỆM VỤ" of Kế hoạch số 171/KH-UBND (A Lưới, 08/9/2022)
// as the plan's text reads, with its title lines, repeated headers, continuation rows and blank
// rows. Every cell is written as text ("1." stays "1."), empty cells are left out, and the output
// is byte-for-byte reproducible: the workbook's dates and every zip entry's timestamp are fixed.
// The CSV holds lines 538-565 of ../shared/seeds/a-luoi-2021-2025.txt, one row per line, its tabs
// as columns; only the markdown bold markers (**) around the title lines were dropped.
//
//   node scripts/make-xlsx-fixture.ts
import { readFile, writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { fixZipTimestamps } from '../exports/zip-time.ts';
import { parseCsv } from '../plans/csv.ts';

const CSV = new URL('../fixtures/a-luoi/phan-cong.csv', import.meta.url);
const XLSX = new URL('../fixtures/a-luoi/phan-cong.xlsx', import.meta.url);
const SHEET = 'Phụ lục';
/** The plan's date of issue, 08/9/2022 00:00 in Asia/Ho_Chi_Minh. */
const FIXED_DATE = new Date('2022-09-08T00:00:00+07:00');
const WIDTHS = [6, 45, 28, 45, 60, 22];

function cellsOf(sheet: ExcelJS.Worksheet, rowCount: number, width: number): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const value = row.getCell(c).value;
      if (value !== null && value !== undefined && typeof value !== 'string') {
        throw new Error(`cell ${row.getCell(c).address} is not text`);
      }
      cells.push(value ?? '');
    }
    rows.push(cells);
  }
  return rows;
}

async function main(): Promise<void> {
  const rows = parseCsv(await readFile(CSV, 'utf8'));
  const width = Math.max(...rows.map((r) => r.length));

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'giam-ngheo-duties fixtures';
  workbook.lastModifiedBy = 'giam-ngheo-duties fixtures';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet(SHEET);
  sheet.columns = WIDTHS.map((w) => ({ width: w }));
  rows.forEach((cells, i) => {
    const row = sheet.getRow(i + 1);
    cells.forEach((text, j) => {
      if (text === '') return;
      const cell = row.getCell(j + 1);
      cell.value = text;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    if (cells[0] === 'STT') row.font = { bold: true };
  });

  const written = fixZipTimestamps(Buffer.from(await workbook.xlsx.writeBuffer()), FIXED_DATE);

  // Read it back: the workbook must hold exactly the CSV's cells.
  const check = new ExcelJS.Workbook();
  await check.xlsx.load(written as unknown as ArrayBuffer);
  const back = check.getWorksheet(SHEET);
  if (!back) throw new Error(`sheet ${SHEET} missing`);
  const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const got = cellsOf(back, rows.length, width);
  if (JSON.stringify(got) !== JSON.stringify(padded) || back.rowCount > rows.length) {
    throw new Error('the XLSX does not hold the same cells as the CSV');
  }

  await writeFile(XLSX, written);
  console.log(`wrote ${XLSX.pathname}: ${rows.length} rows × ${width} columns`);
}

await main();
